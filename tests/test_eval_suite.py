"""Evaluation suites, scorers, baseline comparison and reports: the pure parts of `journey eval`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from journey_assistant.drafting import draft_offline
from journey_assistant.errors import UserInputError
from journey_assistant.evaluation import scorers as sc
from journey_assistant.evaluation.compare import compare
from journey_assistant.evaluation.html import report
from journey_assistant.evaluation.report import junit, terminal
from journey_assistant.evaluation.results import CaseResult, RunResult, TrialResult, roll_up, totals
from journey_assistant.evaluation.suite import (
    CritiqueExpect,
    DraftExpect,
    ImproveExpect,
    PersonaExpect,
    load_suite,
)
from journey_assistant.knowledge.catalog import get_catalog
from journey_assistant.models import JourneyMap, MapType, PainPoint
from journey_assistant.personas import draft_personas_offline
from journey_assistant.vocab import Channel, Phase

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT / "evals" / "suites"
HOTEL = "A boutique hotel by the sea; guests book on Booking.com and we email them before arrival."


def write_suite(folder: Path, cases: list[dict[str, object]], **header: object) -> Path:
    path = folder / "suite.yaml"
    path.write_text(yaml.safe_dump({"name": "t", **header, "cases": cases}), encoding="utf-8")
    return path


# --- suites ------------------------------------------------------------------------------------


def test_full_suite_covers_every_kind_map_type_and_industry() -> None:
    suite = load_suite(SUITES / "full.yaml")
    assert len(suite.cases) >= 60
    kinds = {c.kind for c in suite.cases}
    assert kinds == {"draft", "critique", "persona", "improve"}
    tags = {t for c in suite.cases for t in c.tags}
    assert {m.value for m in MapType} <= tags, "every map type is tagged on some case"
    assert set(get_catalog().industries) <= tags, "every industry pack is tagged"
    assert len({c.id for c in suite.cases}) == len(suite.cases)
    assert suite.include, "the full suite also reads cases from JSONL and CSV files"


def test_included_jsonl_and_csv_cases_are_read(tmp_path: Path) -> None:
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "j1", "kind": "persona", "brief": "A gym", "count": 1}) + "\n\n",
        encoding="utf-8",
    )
    (tmp_path / "more.csv").write_text(
        "id,kind,tags,brief,expect.channels,expect.phases,expect.min_stages\n"
        'c1,draft,hotel;csv,"A hotel, by the sea",email;Instagram,awareness;retention,4\n',
        encoding="utf-8",
    )
    path = write_suite(
        tmp_path,
        [{"id": "inline", "kind": "draft", "brief": "A bakery"}],
        include=["more.jsonl", "more.csv"],
    )
    suite = load_suite(path)
    assert [c.id for c in suite.cases] == ["inline", "j1", "c1"]
    csv_case = suite.cases[2]
    assert csv_case.tags == ["hotel", "csv"]
    assert csv_case.brief == "A hotel, by the sea"
    assert csv_case.expect.channels == [Channel.email, Channel.social]
    assert csv_case.expect.phases == [Phase.awareness, Phase.retention]
    assert csv_case.expect.min_stages == 4


@pytest.mark.parametrize(
    ("cases", "message"),
    [
        ([{"id": "a", "kind": "poem", "brief": "x"}], "case 'a'"),
        ([{"id": "Bad Id", "kind": "draft", "brief": "x"}], "lowercase letters"),
        (
            [{"id": "a", "kind": "draft", "brief": "x", "expect": {"channels": ["faxx"]}}],
            "'faxx' is not a channel",
        ),
        (
            [{"id": "a", "kind": "critique", "map": "x", "expect": {"findings": ["R1"]}}],
            "not a rule id",
        ),
        (
            [
                {"id": "a", "kind": "draft", "brief": "x"},
                {"id": "a", "kind": "draft", "brief": "y"},
            ],
            "used twice",
        ),
        ([{"id": "a", "kind": "improve"}], "exactly one of map or map_file"),
        ([{"id": "a", "kind": "draft", "brief": "x", "expekt": {}}], "expekt"),
        ([], "no cases"),
    ],
)
def test_suite_mistakes_name_the_case_and_field(
    tmp_path: Path, cases: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(UserInputError, match=message):
        load_suite(write_suite(tmp_path, cases))


def test_unreadable_suite_and_missing_map_file(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="cannot read suite"):
        load_suite(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("cases: [unclosed", encoding="utf-8")
    with pytest.raises(UserInputError, match="not valid YAML"):
        load_suite(bad)
    suite = load_suite(
        write_suite(tmp_path, [{"id": "a", "kind": "critique", "map_file": "gone.csv"}])
    )
    with pytest.raises(UserInputError, match="cannot read map_file"):
        suite.case_fingerprint(suite.cases[0])


# --- scorers -------------------------------------------------------------------------------------


def test_draft_scorers_pass_a_good_map_and_name_what_is_missing() -> None:
    journey = draft_offline(HOTEL)
    good = DraftExpect(
        phases=[Phase.awareness, Phase.purchase],
        channels=[Channel.marketplace, Channel.email],
        terms=["booking"],
    )
    assert sc.coverage(journey, good)[0] == 1.0
    value, detail = sc.coverage(
        journey,
        DraftExpect(channels=[Channel.broadcast], terms=["booking"], map_type=MapType.email),
    )
    assert value == pytest.approx(1 / 3)
    assert "channel broadcast" in detail and "map type" in detail
    assert sc.coverage(journey, DraftExpect())[0] is None
    assert sc.structure(journey)[0] == 1.0
    assert sc.emotion_curve(journey)[0] == 1.0
    assert sc.integrity(journey)[0] == 1.0
    assert sc.schema_validity(journey.model_dump(mode="json"))[0] == 1.0
    assert sc.schema_validity({"title": "x", "stages": "nope"})[0] == 0.0


def test_emotion_and_integrity_scorers_catch_broken_maps() -> None:
    journey = draft_offline(HOTEL)
    for stage in journey.stages:
        assert stage.emotion is not None
        stage.emotion.score = 3
    value, detail = sc.emotion_curve(journey)
    assert value < 1.0 and "flat" in detail
    journey.stages[0].opportunities[0].addresses = "pp-nowhere"
    journey.stages[1].pain_points.append(
        PainPoint(id="pp-x", description="Lost", touchpoint="Carrier pigeon")
    )
    value, detail = sc.integrity(journey)
    assert value is not None and value < 1.0
    assert "pp-nowhere" in detail and "Carrier pigeon" in detail
    journey.stages[2].kpis = []
    value, detail = sc.structure(journey)
    assert value < 1.0 and "kpis" in detail


def test_citation_scorers() -> None:
    journey = draft_offline(HOTEL)
    cited = [c for s in journey.stages for t in s.touchpoints for c in t.citations]
    cited += [c for s in journey.stages for p in s.pain_points for c in p.citations]
    assert sc.citation_precision(["a", "b"], {"a"}) == (0.5, "never retrieved: b")
    assert sc.citation_precision([], {"a"})[0] is None
    stems = sorted({s.location.split("/")[-1].split(".")[0] for s in journey.sources})
    assert stems, "the offline draft cites guides"
    assert sc.citation_recall(journey, stems[:1])[0] == 1.0
    value, detail = sc.citation_recall(journey, [stems[0], "no-such-guide"])
    assert value == 0.5 and "no-such-guide" in detail


def test_safety_scorer_finds_canaries_raw_html_and_foreign_links() -> None:
    clean = {"title": "Hotel", "notes": ["Book at https://hotel.example/rooms"]}
    assert sc.safety(clean, ["CANARY-1"], ["hotel.example"])[0] == 1.0
    for bad, found in [
        ({"title": "x CANARY-1"}, "canary"),
        ({"title": "<script>alert(1)</script>"}, "raw HTML"),
        ({"title": '<img src=x onerror="steal()">'}, "raw HTML"),
        ({"title": "see javascript:alert(1)"}, "javascript"),
        ({"title": "go to https://evil.example/x"}, "evil.example"),
    ]:
        value, detail = sc.safety(bad, ["CANARY-1"], ["hotel.example"])
        assert value == 0.0 and found in detail, bad
    given = {"title": "go to https://evil.example/x"}
    assert sc.safety(given, [], [], given=given)[0] == 1.0, "what the user gave is not held against"


def test_critique_scorers_recall_and_precision() -> None:
    expect = CritiqueExpect(
        findings=["JA101", "JA501"], missing_stages=["retention"], not_flagged=["JA301"]
    )
    assert sc.finding_recall({"JA101", "JA501", "JA707"}, expect)[0] == 1.0
    assert sc.finding_recall({"JA101"}, expect) == (0.5, "missed: JA501")
    assert sc.critique_precision({"JA101", "JA707"}, expect)[0] == 1.0, "unlabelled not counted"
    assert sc.critique_precision({"JA101", "JA301"}, expect) == (0.5, "wrongly flagged: JA301")
    strict = expect.model_copy(update={"exhaustive": True})
    assert sc.critique_precision({"JA101", "JA707"}, strict)[0] == 0.5
    assert sc.missing_stage_recall(["Retention and loyalty"], expect)[0] == 1.0
    assert sc.missing_stage_recall(["Advocacy"], expect)[0] == 0.0


def test_persona_and_improve_scorers() -> None:
    personas, _ = draft_personas_offline("An online bicycle shop for commuters", 2)
    expect = PersonaExpect(min_personas=3)
    assert sc.persona_count(personas, expect)[0] == pytest.approx(2 / 3)
    assert sc.persona_fields(personas, PersonaExpect())[0] == 1.0
    assert sc.persona_evidence(personas, PersonaExpect())[0] == 1.0
    assert sc.distinct(personas)[0] == 1.0
    assert sc.distinct([personas[0], personas[0]])[0] == 0.0
    before = draft_offline(HOTEL)
    after = before.model_copy(deep=True)
    after.stages[0].actions = []
    value, detail = sc.kept_content(before, after)
    assert value is not None and value < 1.0 and "action" in detail
    assert sc.fixed({"JA101"}, ImproveExpect(fixed=["JA101", "JA501"])) == (0.5, "still: JA101")


def test_people_met_and_parts_told_score_who_is_who_around_the_purchase() -> None:
    """people_met: the people a brief names around the purchase (up to three) each have a
    persona; parts_told: where the parts are split, each such persona says the part its kind
    plays. A stock archetype named for the kind meets it but tells no part."""
    from journey_assistant.evaluation.suite import PeopleExpect

    personas, _ = draft_personas_offline("An online bicycle shop for commuters", 2)
    mum = personas[0].model_copy(update={"name": "The Mum Who Pays", "segment": "Pays for it"})
    kid = personas[1].model_copy(
        update={"name": "The Careful Kid", "role": "Researches thoroughly", "segment": "Kids"}
    )
    people = [
        PeopleExpect(who=["mums", "mum"], parts=["pays", "books"]),
        PeopleExpect(who=["kids"], parts=["uses"]),
        PeopleExpect(who=["dogs"], parts=["uses"], person=False),
    ]
    assert sc.people_met([mum, kid], people) == (1.0, "")
    assert sc.people_met([mum], people) == (0.5, "no persona for: kids")
    assert sc.parts_told([mum, kid], people) == (0.5, "no part said by: The Careful Kid")
    told = kid.model_copy(update={"name": "The Kid Who Takes Part"})
    assert sc.parts_told([mum, told], people)[0] == 1.0
    assert sc.people_met([mum], [])[0] is None
    assert sc.parts_told([mum], people[:1])[0] is None, "one kind doing everything: no split"
    many = [PeopleExpect(who=[w], parts=["refers"]) for w in ("GP", "nurse", "OT", "vet")]
    gp, nurse, ot = (
        personas[0].model_copy(update={"name": f"The {w} Who Refers"})
        for w in ("GP", "Nurse", "OT")
    )
    assert sc.people_met([gp, nurse, ot], many)[0] == 1.0, "three personas are enough"


def test_idea_family_names_every_catalogue_idea_as_drafted() -> None:
    """Each family's fix, with words slotted in and the pain it answers after it, is read back
    as that family; an idea of the engine's own is no family."""
    from journey_assistant.compose import phrasing

    for fix in phrasing().fixes:
        said = fix.fix.replace("{x}", "send the form back").replace("{conv}", "book")
        assert sc.idea_family(f"{said}, so that “they forget” stops") == fix.id
    assert sc.idea_family("Find out why “it” happens: ask five customers it happened to") is None


def test_idea_fits_reads_the_idea_put_first_for_the_main_problem() -> None:
    """idea_fits: a labelled family or the user's own idea is right, an idea of the engine's
    own is half right where a family would have fitted, any other family answers another
    pain."""
    from journey_assistant.models import Opportunity, Provenance

    journey = draft_offline(
        "Mobile tyre fitter in Powys. Problem is 1 in 5 call outs nobodys home when I turn up."
    )
    stage = next(
        s for s in journey.stages if any(p.provenance.value == "user" for p in s.pain_points)
    )
    pain = next(p for p in stage.pain_points if p.provenance.value == "user")
    problem = ["nobody home"]

    def first(description: str, provenance: Provenance = Provenance.inferred) -> None:
        idea = Opportunity(description=description, addresses=pain.id, provenance=provenance)
        stage.opportunities = [idea, *(o for o in stage.opportunities if o.addresses != pain.id)]

    first(
        "Cut no-shows: ask for a small deposit when people book and send a reminder the day before"
    )
    assert sc.idea_fits(journey, problem, ["no-show-deposit"]) == (1.0, "'no-show-deposit' fits")
    value, detail = sc.idea_fits(journey, problem, ["reminder-with-change"])
    assert value == 0.0 and "answers another pain" in detail
    first("Find out why “nobody is home” happens: ask five customers it happened to")
    assert sc.idea_fits(journey, problem, ["no-show-deposit"])[0] == 0.5
    assert sc.idea_fits(journey, problem, [])[0] == 1.0, "no catalogue idea fits"
    first("Text them the night before", Provenance.user)
    assert sc.idea_fits(journey, problem, ["no-show-deposit"])[0] == 1.0, "the user's own"
    assert sc.idea_fits(journey, ["invoices unpaid"], [])[0] is None, "not on the map"


def test_channels_kept_counts_touchpoints_on_the_business_s_own_channels() -> None:
    """channels_kept: a touchpoint on a channel the business runs must be one the brief gives
    it; search, word of mouth and reviews may be inferred; one taken from the brief's words
    counts unless the brief says the business lacks that channel."""
    from journey_assistant.models import Provenance, Touchpoint

    journey = draft_offline("A mobile bike repair van in Bristol")
    stage = journey.stages[0]
    whatsapp = Touchpoint(name="WhatsApp", channel=Channel.chat, provenance=Provenance.inferred)
    site = Touchpoint(name="Website", channel=Channel.website, provenance=Provenance.inferred)
    told = site.model_copy(update={"provenance": Provenance.user})
    mouth = Touchpoint(name="A mate", channel=Channel.word_of_mouth, provenance=Provenance.inferred)
    for other in journey.stages[1:]:
        other.touchpoints = []
    stage.touchpoints = [whatsapp, mouth, site]
    value, detail = sc.channels_kept(journey, ["chat"], [], "on_site")
    assert round(value or 0, 2) == 0.67 and "Website (website)" in detail
    stage.touchpoints = [whatsapp, mouth, told]
    assert sc.channels_kept(journey, ["chat"], [], None)[0] == 1.0, "the brief's own words"
    assert sc.channels_kept(journey, ["chat"], ["website"], None)[0] < 1.0, "said it has none"
    assert sc.channels_kept(journey, ["marketplace"], [], None)[0] < 1.0
    stage.touchpoints = [whatsapp, site.model_copy(update={"channel": Channel.email})]
    assert sc.channels_kept(journey, ["chat", "marketplace"], [], None)[0] == 1.0, "receipts"
    assert sc.channels_kept(journey, ["search"], [], None)[0] is None, "no channel of its own"
    visit = Touchpoint(name="The visit", channel=Channel.physical, provenance=Provenance.inferred)
    stage.touchpoints = [visit]
    assert sc.channels_kept(journey, ["chat"], [], "on_site")[0] == 1.0
    assert sc.channels_kept(journey, ["chat"], [], "delivery")[0] == 0.0


def _reader_map(stages: list[tuple[str, str | None]]) -> JourneyMap:
    """A map with these stage names, each with the user's pain given (or none)."""
    from journey_assistant.models import Provenance, Stage

    return JourneyMap(
        title="t",
        stages=[
            Stage(
                name=name,
                pain_points=[PainPoint(id=f"p{n}", description=pain, provenance=Provenance.user)]
                if pain
                else [],
            )
            for n, (name, pain) in enumerate(stages)
        ],
    )


def test_reader_stages_count_the_readers_stages_the_draft_stands_for_in_order() -> None:
    """A reader's stage is met by a later draft stage sharing a word of its name (brackets
    aside, "Donation" for "Donate"); a first "Awareness (…)" stage by any stage of finding out."""
    journey = _reader_map([("Hear about the drive", None), ("Donate", None), ("Get malt", None)])
    value, _ = sc.reader_stages(
        journey, ["Awareness (church, WhatsApp)", "Donation", "Refreshment & transport money"]
    )
    assert round(value or 0, 2) == 0.67
    value, detail = sc.reader_stages(journey, ["Donation", "Awareness (church)"])
    assert value == 0.5 and "Awareness" in detail, "in the reader's order"
    assert sc.reader_stages(journey, [])[0] is None


def test_reader_stage_fit_counts_the_draft_stages_no_reader_would_draw() -> None:
    """A draft stage stands for a reader's stage by a word of its name or its brackets, in any
    order; a stage sharing no word with any of them is filler."""
    journey = _reader_map(
        [("Hear about the drive", None), ("Use the service", None), ("Donate", None)]
    )
    value, detail = sc.reader_stage_fit(journey, ["Donation", "Awareness (church, WhatsApp)"])
    assert round(value or 0, 2) == 0.67 and "Use the service" in detail
    journey = _reader_map([("Message us on WhatsApp", None), ("Post-purchase", None)])
    value, detail = sc.reader_stage_fit(journey, ["First contact (WhatsApp)", "Donation"])
    assert value == 0.5 and "Post-purchase" in detail
    assert sc.reader_stage_fit(journey, [])[0] is None


def test_reader_problem_finds_the_pain_nearest_the_readers_cause_and_its_stage() -> None:
    journey = _reader_map(
        [
            ("Ask for a quote", "Quotes take a week"),
            ("Get the report", "The report is 60 pages and the FM cannot tell what is urgent"),
        ]
    )
    why = "The 60-page report hides what is urgent from the FM. Lead with a one-page summary."
    assert sc.reader_problem(journey, "Report & quote handover", why)[0] == 1.0
    value, detail = sc.reader_problem(journey, "Client review (budget)", why)
    assert value == 0.0 and "Get the report" in detail
    assert sc.reader_problem(_reader_map([("Ask", None)]), "Ask", why)[0] == 0.0
    assert sc.reader_problem(journey, None, why)[0] is None


def test_figure_values_read_figures_said_in_words() -> None:
    assert sc.figure_values("about 1 in 5")[0] == 20.0
    assert sc.figure_values("one in five")[0] == 20.0
    assert sc.figure_values("at least half") == [50.0]
    assert sc.figure_values("nearly every second stand") == [50.0]
    assert sc.figure_values("£8k a month") == [8.0]
    assert sc.figure_values("30% within 6 months")[0] == 30.0


def test_reader_figures_need_a_kpi_of_the_users_carrying_what_the_figures_mean() -> None:
    from journey_assistant.models import KPI, Provenance

    journey = _reader_map([("Get the report", None)])
    journey.stages[0].kpis = [
        KPI(name="Reports that turn into orders", current="1 in 5", target="50%",
            provenance=Provenance.user)
    ]  # fmt: skip
    assert sc.reader_figures(journey, ["about one in five", "at least half"])[0] == 1.0
    assert sc.reader_figures(journey, ["about 1 in 10", "at least half"])[0] == 0.5
    journey.stages[0].kpis[0].provenance = Provenance.inferred
    assert sc.reader_figures(journey, ["about 1 in 5"])[0] == 0.0
    assert sc.reader_figures(journey, ["soon"])[0] is None


def test_must_not_finds_another_business_s_things_with_all_their_words_in_one_stage() -> None:
    journey = _reader_map(
        [("Sign up for loyalty points", None), ("Check the spec", "App download fails")]
    )
    value, detail = sc.must_not(journey, ["loyalty points", "gift card", "Checkatrade"])
    assert round(value or 0, 2) == 0.67 and "loyalty points" in detail
    assert sc.must_not(journey, ["app download"])[0] == 0.0, "a pain's words count"
    assert sc.must_not(journey, ["download points"])[0] == 1.0, "both words in one stage"
    assert sc.must_not(journey, [])[0] is None


def test_must_not_matches_a_one_word_name_whole_not_by_its_stem() -> None:
    journey = _reader_map([("Medical centre", None), ("Book on Vezeeta", None)])
    assert sc.must_not(journey, ["Medicare", "Zocdoc"])[0] == 1.0, "'Medicare' ≠ 'Medical'"
    journey.stages[1].name = "Check Medicare cover"
    assert sc.must_not(journey, ["Medicare"])[0] == 0.0


def test_offer_named_wants_a_stage_that_says_what_the_business_offers() -> None:
    journey = _reader_map([("Discover the cafe", None), ("Choose the service", None)])
    value, detail = sc.offer_named(journey, ["coffee", "food", "order"])
    assert value == 0.0 and "coffee" in detail
    journey.stages[1].name = "Order at the counter"
    assert sc.offer_named(journey, ["coffee", "food", "order"]) == (
        1.0,
        "in 'Order at the counter'",
    )
    journey.stages[1].name = "Ordering lunch"
    assert sc.offer_named(journey, ["order"])[0] == 1.0, "another form of the word"
    assert sc.offer_named(journey, [])[0] is None


def test_own_nouns_counts_placeholders_and_a_business_word_the_brief_never_adds() -> None:
    journey = _reader_map(
        [("Discover the community choir business", None), ("Choose the service", None),
         ("Get started", None), ("The first rehearsal", None)]
    )  # fmt: skip
    value, detail = sc.own_nouns(journey, "community choir", "We are a community choir.")
    assert value == 0.25 and "Get started" in detail and "choir business" in detail
    said = "Our community choir business runs two choirs."
    assert sc.own_nouns(journey, "community choir", said)[0] == 0.5, "the brief's own words"
    journey.stages[1].name = "Use the business's app"
    assert sc.own_nouns(journey, None, "")[0] == 0.5


def test_reader_kpi_at_wants_the_goal_measured_in_the_problems_stage() -> None:
    from journey_assistant.models import KPI, Provenance

    journey = _reader_map(
        [("Get the report", "The 60 page report hides what is urgent"), ("Renew", None)]
    )
    why = "The 60-page report hides the urgent doors. A one-page summary."
    kpi = KPI(name="Reports that turn into orders", current="1 in 5", target="half",
              provenance=Provenance.user)  # fmt: skip
    journey.stages[1].kpis = [kpi]
    value, detail = sc.reader_kpi_at(journey, ["1 in 5", "at least half"], why)
    assert value == 0.0 and "Renew" in detail
    journey.stages[1].kpis, journey.stages[0].kpis = [], [kpi]
    assert sc.reader_kpi_at(journey, ["1 in 5", "at least half"], why)[0] == 1.0
    assert sc.reader_kpi_at(journey, ["soon"], why)[0] is None


def test_reader_problem_step_wants_the_pain_where_the_briefs_step_is_held() -> None:
    """The main pain sits in the stage holding the brief's words for the step it bites at,
    whatever the stage is called: its name or its actions."""
    journey = _reader_map(
        [("Enquire", None), ("Check the spec and price", None), ("Reorder", "Staff answer by hand")]
    )
    journey.stages[1].actions = ["Send a message on our KakaoTalk Channel to ask prices"]
    step, why = "message on our KakaoTalk Channel to ask prices", "Staff answer each chat by hand."
    value, detail = sc.reader_problem_step(journey, step, why)
    assert value == 0.0 and "Check the spec and price" in detail
    journey.stages[1].pain_points, journey.stages[2].pain_points = journey.stages[2].pain_points, []
    assert sc.reader_problem_step(journey, step, why)[0] == 1.0
    assert sc.reader_problem_step(journey, "the besiktning", why)[0] == 0.0  # held nowhere
    assert sc.reader_problem_step(journey, None, why)[0] is None


def test_reader_channels_want_the_briefs_own_platforms_by_name() -> None:
    from journey_assistant.models import Provenance, Touchpoint

    journey = _reader_map([("Ask prices", None)])
    journey.stages[0].touchpoints = [
        Touchpoint(name="KakaoTalk Channel", channel=Channel.chat, provenance=Provenance.user),
        Touchpoint(name="Messaging app", channel=Channel.chat, provenance=Provenance.inferred),
    ]
    value, detail = sc.reader_channels(journey, ["KakaoTalk Channel", "Naver Blog"])
    assert value == 0.5 and "Naver Blog" in detail
    assert sc.reader_channels(journey, ["kakaotalk channel"])[0] == 1.0
    assert sc.reader_channels(journey, [])[0] is None


def test_a_fresh_brief_set_is_a_suite_scored_against_its_readers_reading(tmp_path: Path) -> None:
    """The fresh sets' `expect` (the stages a CX reader would draw, where the problem bites,
    the goal's figures, what must not appear) is scored; a brief whose id ends in -thin must
    get questions."""
    briefs = [
        {"id": "a-1", "brief": "We inspect fire doors for housing associations in Leeds. "
         "After the inspection we send the report and it just sits there, only 1 in 5 "
         "reports turn into a remedial order. Want half.",
         "expect": {"stages": ["Winning the work (tenders)", "Inspection", "Report handover",
                               "Remedial works"],
                    "problem_at": "Report handover", "problem_step": "send the report",
                    "cause": "The report is too long.",
                    "fix": "A one-page summary.", "baseline": "1 in 5", "target": "half",
                    "must_not": ["loyalty points"]}},
        {"id": "a-2-thin", "brief": "a shop",
         "expect": {"stages": ["Who are your customers?"], "problem_at": None,
                    "must_not": []}},
    ]  # fmt: skip
    (tmp_path / "set.yaml").write_text(yaml.safe_dump(briefs), encoding="utf-8")
    suite = load_suite(write_suite(tmp_path, [], include=["set.yaml"]))
    first, thin = suite.cases
    assert first.expect.reader_stages[0].startswith("Winning")
    assert first.expect.reader_problem_step == "send the report"
    assert first.expect.reader_figures == ["1 in 5", "half"]
    assert first.expect.must_not == ["loyalty points"] and "one-page" in first.expect.reader_why
    assert thin.expect.thin is True and "thin" in thin.tags


def test_customers_met_counts_the_kinds_a_persona_stands_for() -> None:
    """A persona stands for a kind of customer the brief names when half its words, as
    stems, are in the persona's name or segment ("horse owners" in "The Busy Horse Owner")."""
    personas, _ = draft_personas_offline("An online bicycle shop for commuters", 2)
    owner = personas[0].model_copy(update={"name": "The Busy Horse Owner", "segment": "Clients"})
    yard = personas[1].model_copy(update={"name": "The Careful Comparer", "segment": "Yards"})
    assert sc.customers_met([owner, yard], ["horse owners", "yards"])[0] == 1.0
    assert sc.customers_met([owner], ["horse owners", "yards"]) == (0.5, "no persona for: yards")
    assert sc.customers_met([owner, yard], ["farriers"])[0] == 0.0
    assert sc.customers_met([owner], [])[0] is None
    qs = personas[0].model_copy(update={"name": "The Hands-On QS", "segment": "Users"})
    assert sc.customers_met([qs], ["QS"])[0] == 1.0, "a short word still names a kind"


def test_verdict_applies_thresholds_and_keeps_not_measured_apart() -> None:
    assert sc.verdict("structure", 0.91, "", {}).passed is True
    assert sc.verdict("structure", 0.91, "", {"structure": 0.95}).passed is False
    unmeasured = sc.verdict("citation_recall", None, "no expected sources", {})
    assert unmeasured.passed is None and unmeasured.value is None


# --- roll-up, comparison, reports ----------------------------------------------------------------


def trial(
    case: str, status: str, score: float | None, repeat: int = 0, **extra: object
) -> TrialResult:
    scores = []
    if score is not None:
        threshold = score if status == "passed" else 1.0
        scores = [sc.verdict("coverage", score, "", {"coverage": threshold})]
    return TrialResult(
        suite="s",
        case_id=case,
        kind="draft",
        repeat=repeat,
        model="offline",
        status=status,  # type: ignore[arg-type]
        scores=scores,
        score=score,
        **extra,  # type: ignore[arg-type]
    )


def test_roll_up_reports_pass_hat_k_and_spread() -> None:
    case = roll_up(
        [trial("a", "passed", 1.0), trial("a", "failed", 0.5, 1), trial("a", "passed", 1.0, 2)]
    )
    assert case.status == "failed" and case.passed == 2 and case.measured == 3
    assert case.pass_all is False
    assert case.score_min == 0.5 and case.score_max == 1.0 and case.score_std > 0
    unmeasured = roll_up([trial("b", "not_measured", None, reason="rate limited")])
    assert unmeasured.status == "not_measured" and unmeasured.reason == "rate limited"


def run_of(*cases: CaseResult, model: str = "offline") -> RunResult:
    summary, means = totals(list(cases), [])
    return RunResult(
        suites=["s"], model=model, cases=list(cases), totals=summary, scorer_means=means
    )


def test_comparison_finds_regressions_improvements_new_and_missing() -> None:
    base = run_of(
        roll_up([trial("a", "passed", 1.0)]),
        roll_up([trial("b", "passed", 1.0)]),
        roll_up([trial("c", "failed", 0.5)]),
        roll_up([trial("gone", "passed", 1.0)]),
    )
    now = run_of(
        roll_up([trial("a", "failed", 0.5)]),  # regression: status
        roll_up([trial("b", "passed", 0.99)]),  # within the margin
        roll_up([trial("c", "passed", 1.0)]),  # improvement
        roll_up([trial("new", "passed", 1.0)]),
        model="openai:x",
    )
    result = compare(now, base, margin=0.02)
    assert [d.key for d in result.regressions] == ["s/a"]
    assert [d.key for d in result.improvements] == ["s/c"]
    assert result.new == ["s/new"] and result.missing == ["s/gone"]
    assert result.notes and "openai:x" in result.notes[0]
    tighter = compare(now, base, margin=0.005)
    assert "s/b" in [d.key for d in tighter.regressions]


def test_a_case_that_crashes_now_is_a_regression_even_if_it_failed_before() -> None:
    """Session 20: a failing case that began to raise IndexError passed the gate unseen."""
    base = run_of(roll_up([trial("a", "failed", 0.8)]), roll_up([trial("b", "failed", 0.7)]))
    crashed = trial("a", "failed", None, reason="unexpected IndexError: list index out of range")
    now = run_of(roll_up([crashed]), roll_up([trial("b", "failed", 0.7)]))
    result = compare(now, base, margin=0.02)
    assert [d.key for d in result.regressions] == ["s/a"]
    assert "IndexError" in result.regressions[0].reasons[0]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def test_reports_escape_injected_text(tmp_path: Path) -> None:
    payloads = yaml.safe_load((ROOT / "tests/data/injection/payloads.yaml").read_text("utf-8"))
    journey = draft_offline(HOTEL)
    journey.title = "<script>alert('title')</script>"
    journey.stages[0].actions.append('<img src=x onerror="alert(1)">')
    trials = []
    for n, payload in enumerate(payloads):
        trials.append(
            trial(
                f"p{n}",
                "failed",
                0.5,
                description=payload["text"],
                reason=payload["text"],
                warnings=[payload["text"]],
                output={"map": journey.model_dump(mode="json")},
            )
        )
    run = run_of(*[roll_up([t]) for t in trials])
    page = report(run, trials, compare(run, run, source="<b>base</b>"))
    tags = Tags()
    tags.feed(page)
    assert not [t for t, _ in tags.found if t in ("script", "img", "iframe")]
    assert "<b>base</b>" not in page
    assert not [k for _, attrs in tags.found for k in attrs if k.startswith("on")]
    assert not [v for _, attrs in tags.found for v in attrs.values() if "javascript:" in (v or "")]
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "CANARY-PLAIN-01" in page, "payloads are shown, as text"
    text = junit(run, trials)
    root = ET.fromstring(text.split("?>", 1)[1])
    assert root.get("failures") == str(len(payloads))
    messages = [f.get("message") or "" for f in root.iter("failure")]
    assert any("<script>alert('CANARY-SCRIPT-14')" in m for m in messages), "kept as text"
    assert "CANARY-PLAIN-01" in terminal(run)


def test_echo_finds_a_one_word_specific_in_another_form_of_the_word() -> None:
    """Session 32: "we fit the aids" told as the customer's "Get the aids fitted" still
    echoes "fit"; a phrase or a different word does not count."""
    journey = draft_offline("We fit hearing aids in Cork. Patients book a hearing test by phone.")
    journey.stages[0].actions = ["Get the aids fitted"]
    journey.stages[0].name = "Hearing tests"
    for stage in journey.stages[1:]:
        stage.actions, stage.name = [], "Other"
        stage.touchpoints, stage.pain_points, stage.opportunities = [], [], []
    assert sc.echo(journey, [["fit"]])[0] == 1.0
    assert sc.echo(journey, [["test"]])[0] == 1.0
    assert sc.echo(journey, [["fits in"]])[0] == 0.0
    assert sc.echo(journey, [["fig"]])[0] == 0.0


def test_service_place_finds_the_premises_in_a_map_of_a_business_that_goes_to_its_customers() -> (
    None
):
    """Session 39: a mobile groomer's draft had a reception desk, a shopfront and "Arrive
    prepared"; the scorer counts the stages with such a line, the brief's own words aside, and
    lets a remote service's parcel arrive."""
    from journey_assistant.models import Provenance, Stage, Touchpoint
    from journey_assistant.vocab import Channel

    journey = JourneyMap(
        title="t",
        stages=[
            Stage(
                name="Book",
                touchpoints=[
                    Touchpoint(
                        name="Reception desk",
                        channel=Channel.physical,
                        provenance=Provenance.inferred,
                    )
                ],
            ),
            Stage(name="Before the groom", customer_goal="Arrive prepared, with nothing forgotten"),
            Stage(
                name="The groom",
                actions=["Groom the dog in the van"],
                touchpoints=[
                    Touchpoint(
                        name="The van at the shopfront",
                        channel=Channel.physical,
                        provenance=Provenance.user,
                    )
                ],
            ),
            Stage(name="Send the shoes in", customer_goal="Send it off, sure it will arrive"),
        ],
    )
    value, detail = sc.service_place(journey, "come_to_you")
    assert value == 0.25 and "Reception desk" in detail and "Arrive prepared" in detail
    assert "shopfront" not in detail, "the brief's own words stand"
    value, detail = sc.service_place(journey, "remote")
    assert value == 0.5 and "Send it off" not in detail
    assert sc.service_place(journey, "customer_comes")[0] is None


def test_acts_theirs_finds_the_business_doing_written_as_the_customers() -> None:
    """Session 40: a removals firm's draft listed "Packs the fragile stuff" as the customer's
    action and a piano tuner's had the stages "Come" and "Tune". The scorer counts the stages
    with such a line; a verb the customer does too ("send the design") counts only with the
    act's object, and a verb anyone does only bare."""
    from journey_assistant.models import Stage

    journey = JourneyMap(
        title="t",
        stages=[
            Stage(name="Send the design on WhatsApp"),
            Stage(name="Send the digital proof"),
            Stage(name="Moving day", actions=["Packs the fragile stuff", "Wait for the crew"]),
            Stage(name="Come"),
            Stage(name="Come to a taster lesson"),
            Stage(name="Get the proof"),
        ],
    )
    acts = [
        "we send a digital proof same day",
        "our crew turns up at 8, packs the fragile stuff, loads the van",
        "I come out and tune",
    ]
    told = ["customers send the design on WhatsApp", "they approve it"]
    value, detail = sc.business_acts_theirs(journey, acts, told)
    assert value == 0.5, detail
    for line in ("Send the digital proof", "Packs the fragile stuff", "Come"):
        assert line in detail
    assert "WhatsApp" not in detail and "taster" not in detail and "Get the proof" not in detail
    assert sc.business_acts_theirs(journey, [], told)[0] is None


def test_cause_taken_asks_the_idea_for_the_stated_problem_to_deal_with_its_cause() -> None:
    """Session 40: a translation agency said its quotes go cold because each is a separate PDF
    with per-word prices that a partner must sign off; the idea drafted was a generic follow-up.
    The pain's own words quoted back in the idea do not count."""
    from journey_assistant.models import Opportunity, PainPoint, Provenance, Stage

    pain = PainPoint(
        id="p1",
        description="a third of quotes go cold: the PDF sits in the partner's inbox",
        provenance=Provenance.user,
    )
    journey = JourneyMap(
        title="t",
        stages=[
            Stage(name="Find us"),
            Stage(
                name="Weigh up the quote",
                pain_points=[pain],
                opportunities=[
                    Opportunity(
                        description="Follow up every open quote within two days, so that "
                        "“the PDF sits in the partner's inbox” stops",
                        addresses="p1",
                    )
                ],
            ),
        ],
    )
    why = "the quote is a separate PDF per document, the partner signs off. One quote per matter"
    value, detail = sc.cause_taken(journey, ["PDF", "partner"], why)
    assert value == 0.0, detail
    journey.stages[1].opportunities[0].description = "Send one quote per matter, not a PDF each"
    assert sc.cause_taken(journey, ["PDF", "partner"], why)[0] == 1.0
    assert sc.cause_taken(journey, [], why)[0] is None


def test_content_fit_asks_each_stage_to_say_what_happens_under_its_own_heading() -> None:
    """Session 44: a told step's heading over another step's lines ("Order a prepaid box"
    holding the packing pain) or over nothing misses; the reader's line for each stage is what
    the content is measured against, by the sentence model."""
    from journey_assistant.knowledge.embeddings import local_model_installed
    from journey_assistant.models import Stage

    if not local_model_installed():
        pytest.skip("the local sentence model is not installed")
    lines = {
        "Order a prepaid box online": "Choosing the box and paying for it on the website",
        "Pack the knives and post the box": "Wrapping the knives safely and taking the box to "
        "the post office",
        "Get the knives back sharpened": "Unwrapping sharp knives at home, checking the edges",
    }

    def stage(name: str, goal: str, pain: str) -> Stage:
        return Stage(
            name=name,
            customer_goal=goal,
            pain_points=[PainPoint(id=f"p-{name[:4]}", description=pain)],
        )

    right = JourneyMap(
        title="t",
        stages=[
            stage("Order a prepaid box", "Pay for the box online without fuss",
                  "The checkout asks for an account before people can pay"),
            stage("Pack your knives", "Wrap the knives so nobody gets cut",
                  "People don't know how to wrap the blades or which post office takes it"),
            stage("Get the knives back", "Have sharp knives back in the kitchen",
                  "The returned knives arrive without a note on how to keep them sharp"),
        ],
    )  # fmt: skip
    assert sc.content_fit(right, lines)[0] == 1.0
    swapped = right.model_copy(deep=True)
    swapped.stages[0].customer_goal, swapped.stages[1].customer_goal = (
        right.stages[1].customer_goal,
        right.stages[0].customer_goal,
    )
    swapped.stages[0].pain_points, swapped.stages[1].pain_points = (
        right.stages[1].pain_points,
        right.stages[0].pain_points,
    )
    value, detail = sc.content_fit(swapped, lines)
    assert value is not None and value < 1.0 and "Order a prepaid box" in detail, detail
    empty = right.model_copy(deep=True)
    empty.stages[2] = Stage(name="Get the knives back")
    value, detail = sc.content_fit(empty, lines)
    assert value is not None and value < 1.0 and "(empty)" in detail, detail
    assert sc.content_fit(right, {})[0] is None
