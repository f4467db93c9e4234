"""Reading a brief, and the map composed from the reading (issue 13).

The briefs here are written for these tests, apart from the development set in
evals/devsets/briefs (measured by the longtail suite at the end of this file).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journey_assistant.compose import nouns
from journey_assistant.drafting import draft_offline
from journey_assistant.evaluation import scorers as sc
from journey_assistant.models import JourneyMap, Provenance
from journey_assistant.understanding import read_brief
from journey_assistant.understanding.figures import goal_figures, quantities
from journey_assistant.vocab import Channel, Phase

ROOT = Path(__file__).resolve().parents[1]

DOG_WALKER = (
    "I run a dog walking business in Norwich, mostly busy professionals. People find me on "
    "Nextdoor and Rover, book a meet-and-greet, then pay monthly by GoCardless. Problem is "
    "new clients cancel after the first month. Want retention from 60% to 80%."
)
LEISURE_CENTRE = (
    "Our council leisure centre runs swimming lessons for kids. Parents book a free "
    "assessment on the council website, then join the termly lessons; the waiting list is "
    "6 months and parents ring the reception to chase."
)
LABELS = (
    "We print labels for craft breweries (B2B). Brewers send artwork by email, we send a "
    "proof, they approve it and we print and courier the rolls. Proof rounds take a week."
)


def test_a_brief_is_read_with_its_own_words() -> None:
    reading = read_brief(DOG_WALKER)
    assert reading.business and "dog walking" in reading.business.text
    platforms = {c.text: c.channel for c in reading.channels if c.platform}
    assert platforms["Nextdoor"] == Channel.community and "Rover" in platforms
    assert "GoCardless" in platforms
    assert any("cancel after the first month" in p.text for p in reading.problems)
    goal = reading.goals[0]
    assert (goal.baseline, goal.target) == ("60%", "80%")
    assert any("meet-and-greet" in s.text for s in reading.steps)
    assert reading.audience and "professionals" in reading.audience[0].text
    assert reading.region and reading.region.text == "UK"
    assert not reading.thin


def test_sector_constraints_and_the_industry_guess() -> None:
    centre = read_brief(LEISURE_CENTRE)
    assert centre.sector.text == "public"
    assert any(p.text.startswith("the waiting list") or "ring" in p.text for p in centre.problems)
    labels = read_brief(LABELS)
    assert labels.sector.text == "b2b"
    assert labels.industry.confidence < 0.6 and not labels.industry.used  # no pack fits
    assert any("Proof rounds take a week" in p.text for p in labels.problems)


@pytest.mark.parametrize("brief", ["a shop", "help me with my customer journey", "need a map pls"])
def test_a_thin_brief_gets_questions(brief: str) -> None:
    reading = read_brief(brief)
    assert reading.thin and 1 <= len(reading.questions) <= 3


def test_the_map_is_composed_from_the_reading() -> None:
    journey = draft_offline(DOG_WALKER)
    names = [s.name for s in journey.stages]
    assert any("meet-and-greet" in n.lower() for n in names), names
    users = [
        (stage, p)
        for stage in journey.stages
        for p in stage.pain_points
        if p.provenance == Provenance.user
    ]
    assert any("cancel after the first month" in p.description for _, p in users)
    for stage, pain in users:  # each stated problem has an idea that answers it
        fixes = [o for o in stage.opportunities if o.addresses == pain.id]
        assert (
            fixes
            and sc.content_words(fixes[0].description) & sc.content_words(pain.description)
            or fixes
        ), pain.description
    kpis = [k for s in journey.stages for k in s.kpis if k.provenance == Provenance.user]
    assert any(k.current == "60%" and k.target == "80%" for k in kpis)
    assert "60%" in (journey.context.objective or "")
    touchpoints = {t.name: t for s in journey.stages for t in s.touchpoints}
    assert touchpoints["Nextdoor"].provenance == Provenance.user
    assert "Rover" in touchpoints


def test_no_channel_is_invented_for_an_online_only_brand() -> None:
    journey = draft_offline(
        "We're an online-only tea brand, no shop. Customers buy on our Shopify store after "
        "seeing us on TikTok, and subscribe monthly."
    )
    channels = {t.channel for s in journey.stages for t in s.touchpoints}
    assert Channel.physical not in channels


def test_a_free_statutory_service_has_no_purchase_or_loyalty_forced_on_it() -> None:
    journey = draft_offline(
        "We run the blue badge scheme at a county council. Residents apply online, upload "
        "proof of their condition, and wait for a decision; the badge is free."
    )
    names = " ".join(s.name.lower() for s in journey.stages)
    assert "purchase" not in names and "recommend" not in names and "loyalty" not in names
    assert any("apply" in s.name.lower() for s in journey.stages)


def test_two_businesses_never_share_a_map() -> None:
    maps = [draft_offline(b) for b in (DOG_WALKER, LEISURE_CENTRE, LABELS)]
    signatures = {sc.map_signature(m.model_dump(mode="json")) for m in maps}
    assert len(signatures) == 3
    for journey, brief in zip(maps, (DOG_WALKER, LEISURE_CENTRE, LABELS), strict=True):
        assert sc.foreign_terms(journey, brief, None)[0] == 1.0


def test_generic_content_is_phrased_with_the_business_nouns() -> None:
    reading = read_brief(LABELS)
    slots = nouns(reading)
    journey = draft_offline(LABELS)
    first = journey.stages[0]
    assert slots["biz"].split()[-1] in first.name.lower() or "label" in first.name.lower()
    assert all("hotel" not in s.name.lower() for s in journey.stages)


def test_stage_phases_are_read_from_content_when_the_name_says_nothing() -> None:
    from journey_assistant.models import Stage
    from journey_assistant.understanding.stages import read_phases

    def stage_phase(stage: Stage) -> Phase | None:
        return read_phases([Stage(name="Apply online", actions=["Applies"]), stage])[1].phase

    stage = Stage(name="Proof rounds", actions=["Approves the proof", "Pays the invoice online"])
    assert stage_phase(stage) in (Phase.purchase, Phase.consideration)
    assert stage_phase(Stage(name="Get the debit card by post")) == Phase.onboarding


def journey_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journey_assistant.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_says_what_it_understood_and_asks_when_thin() -> None:
    thin = journey_cli("draft", "a shop")
    assert thin.returncode == 0 and "What I understood" in thin.stdout
    assert "tell me" in thin.stdout and "Title:" not in thin.stdout
    data = json.loads(journey_cli("draft", "a shop", "--json").stdout)
    assert data["map"] is None and data["questions"] and data["reading"]["thin"] is True
    full = journey_cli("draft", DOG_WALKER)
    assert full.returncode == 0 and "What I understood" in full.stderr
    assert "Nextdoor" in full.stderr and "Title:" in full.stdout
    data = json.loads(journey_cli("draft", DOG_WALKER, "--json").stdout)
    assert data["reading"]["goals"][0]["target"] == "80%" and data["map"]["stages"]


def test_chat_asks_then_drafts_from_the_answers() -> None:
    from journey_assistant.agent import Assistant, Session

    assistant = Assistant(Session(id="t"))
    asked = assistant.respond("can you help me with my customer journey")
    assert "what does your business" in asked.text.lower() or "tell me" in asked.text.lower()
    assert assistant.session.map is None
    drafted = assistant.respond(DOG_WALKER)
    assert assistant.session.map is not None and "What I understood" in drafted.text


def test_longtail_development_suite_holds_its_baseline_and_targets(tmp_path: Path) -> None:
    """The development briefs (evals/devsets/briefs/dev.yaml), offline: no case worse than the
    committed baseline, and the issue's targets where they are met today."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "journey_assistant.cli",
            "eval",
            "evals/suites/longtail.yaml",
            "--fail-on-regression",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    summary = json.loads((tmp_path / "summary.json").read_text())
    means = {name: value for name, value in summary["scorer_means"].items()}
    assert means["echo"] >= 0.9 and means["distinct_map"] == 1.0
    assert means["asks_when_thin"] == 1.0 and means["foreign_terms"] >= 0.95
    assert means["goal_kpi"] >= 0.9 and means["problem_stage"] >= 0.65


def test_the_stated_problem_goes_where_it_bites_and_the_goal_keeps_its_figures() -> None:
    journey = draft_offline(
        "We run an escape room in Bristol with three rooms. Groups book on our website or "
        "through FareHarbor. Our problem is groups arriving late and losing their slot. "
        "We want late arrivals under 5% of bookings, right now it's about 14%."
    )
    ((stage, pain),) = [
        (s, p) for s in journey.stages for p in s.pain_points if p.provenance == Provenance.user
    ]
    assert pain.description == "Groups arriving late and losing their slot"
    assert stage.phase in (Phase.onboarding, Phase.usage)
    assert sc.problem_stage(journey, ["arriving late"], [Phase.onboarding, Phase.usage])[0] == 1
    assert sc.problem_stage(journey, ["arriving late"], [Phase.awareness])[0] == 0
    assert sc.goal_kpi(journey, ["14%", "5%"])[0] == 1.0
    assert sc.goal_kpi(journey, ["14%", "9%"])[0] == 0.5
    # a label's hedge or unit is no part of the figure; another number is still a miss
    assert sc.goal_kpi(journey, ["about 14%", "under 5%"])[0] == 1.0
    assert sc.goal_kpi(journey, ["around 14%", "under 4%"])[0] == 0.5
    assert sc._carries("6% (half of 12%)", "halve") and sc._carries("6% (half of 12%)", "6%")
    # the goal is about the same moment: its KPI sits with the problem, and so does a fix for
    # customers' lateness (not the business's: "promise a ready time")
    assert any(k.current == "14%" and k.target == "5%" for k in stage.kpis)
    (idea,) = [o for o in stage.opportunities if o.addresses == pain.id]
    assert "reminder" in idea.description and "ready time" not in idea.description


def test_a_journey_told_in_turns_becomes_the_stages_and_the_scorer_sees_it() -> None:
    """A narration in turns, with the customers named by a plural noun ("folk") and the
    business's steps said with verbs no list holds ("reframe"), told in order with "then"."""
    journey = draft_offline(
        "i restore old picture frames in Norwich, just me in a garden workshop. folk email me "
        "photos of the frame, i give a rough price, then they drop it off at the workshop, then "
        "i reframe & post it back. loads go quiet after the rough price. want more of them to "
        "actually drop off, maybe 1 in 3 instead of 1 in 6"
    )
    names = [s.name.lower() for s in journey.stages]
    assert any("photos" in n for n in names) and any("rough price" in n for n in names)
    # the business's doing is named as the work going on, not as the customer's ("Reframe")
    assert "reframing" in names and "reframe" not in names and any("back" in n for n in names)
    assert sc.steps_followed(journey, ["email photos", "rough price", "reframe"])[0] == 1.0
    assert sc.steps_followed(journey, ["email photos", "varnish"])[0] == 0.5
    assert sc.steps_followed(journey, [])[0] is None


@pytest.mark.parametrize(
    ("brief", "wanted"),
    [
        (  # the passive, a step the business does named as they live it, and a time cut off
            "Independent optician in Truro. Most customers are referred by their GP, they book "
            "an eye test by phone and then we fit the lenses about a week later.",
            ["get referred", "book an eye test", "get the lenses fitted"],
        ),
        (  # how the narration opens, and what there is in one of its turns
            "We're a two-person mural studio. A commission starts with a site visit, then we "
            "mock up a design, sometimes there's a second visit, then the client pays a deposit.",
            ["a site visit", "get a design", "a second visit", "pay a deposit"],
        ),
        (  # two steps joined by "and" are two; "click & collect" is one
            "Small yarn shop in Kendal. People find us on Instagram and order on our website.",
            ["find us", "order"],
        ),
        (  # a numbered list after a label, told by the business, a paragraph after it; what
            # the business is said to do is named as it goes on ("checking the hooves"), and an
            # item that does not say whose it is stays as it is told
            "Mobile farrier in Devon.\nHow it works:\n1. owner rings me\n2. I visit the yard, "
            "check the hooves\n3. trim or shoe\n4. rebook in 6 weeks\nOwners love it but few "
            "rebook on the day, want 80% rebooked.",
            ["ring us", "the visit", "checking the hooves", "trim or shoe", "rebook in 6 weeks"],
        ),
        (  # what sets it off is no problem of the business; others' turns keep their subject
            "We repair church organs. It usually goes: the vicar phones when a pipe sticks, the "
            "parish council approves the quote, then we tune and repair it on site.",
            ["the vicar phones", "the parish council approves the quote", "tuning"],
        ),
        (  # from the fifth blind review: a label that ends in "that", "whenever" cut off, a
            # visit before the estimate is a site visit, things are no one taking a step
            "We clean and reseal old sash windows in Bath. The usual route is that the owner "
            "emails photos, we visit, measure every sash and send a written estimate, then the "
            "sashes come out and go to the workshop. I pencil them in whenever a slot frees up.",
            ["the owner emails photos", "site visit", "measuring every sash", "get a written"],
        ),
    ],
)
def test_narrated_steps_are_read_however_the_turns_are_said(brief: str, wanted: list[str]) -> None:
    steps = [s.text.lower() for s in read_brief(brief).steps]
    for want in wanted:
        assert any(s.startswith(want) for s in steps), (want, steps)
    assert not any("collect or" in s for s in steps)


def test_things_named_like_people_take_no_steps() -> None:
    from journey_assistant.understanding.brief import _someone_doing

    assert _someone_doing("orders come in on WhatsApp") is None
    assert _someone_doing("the vouchers get posted") is None
    assert _someone_doing("the technician visits") is not None
    assert _someone_doing("HR signs the contract") is not None


def test_few_doing_what_the_business_wants_is_a_problem_of_its_moment() -> None:
    reading = read_brief("Mobile farrier in Devon. Owners love it but few rebook on the day.")
    assert [(p.text, p.phase) for p in reading.problems] == [
        ("few rebook on the day", Phase.retention)
    ]


def test_a_way_of_working_the_owner_wants_to_try_is_their_own_idea_not_a_kpi() -> None:
    """From the fifth blind review: "the owner's own proposed fix is never designed"."""
    journey = draft_offline(
        "We run a toy library in Hull, families borrow toys for a month. Most toys come back "
        "late and the shelves are empty on Saturdays. We want to try text reminders a week "
        "before the return date."
    )
    ideas = [o for s in journey.stages for o in s.opportunities if o.provenance == Provenance.user]
    assert any(o.description.startswith("Try text reminders") for o in ideas), ideas
    kpis = [k.name for s in journey.stages for k in s.kpis if k.provenance == Provenance.user]
    assert not any(k.startswith("Try text reminders") for k in kpis)


def test_one_or_two_narrated_steps_name_their_stages_in_the_brief_s_words() -> None:
    journey = draft_offline(
        "We teach pottery evening classes in Frome, 8 week courses. People find us on Google "
        "and book a course on our website. Lots drop out by week 4. Want 70% finishing."
    )
    names = [s.name.lower() for s in journey.stages]
    assert any(n.startswith("book a course") for n in names), names
    assert sc.steps_followed(journey, ["find", "book a course"])[0] == 1.0


@pytest.mark.parametrize(
    ("brief", "problem"),
    [
        ("We hire out a village hall. It's a nightmare when two groups turn up for one slot.",
         "two groups turn up"),
        ("Cattery near York. why do so many owners reserve a pen and then not turn up??",
         "reserve a pen"),
        ("Council licensing team. We're averaging 6 weeks against a 10 day target.",
         "averaging 6 weeks"),
        ("Evening pottery school. We have lots of churn after the first course.",
         "churn after the first course"),
        ("Bike repair shop. The bit that kills us is people leaving bikes for weeks.",
         "leaving bikes for weeks"),
        ("Tool hire firm. Also there is no tracking so customers ring us constantly.",
         "no tracking"),
        ("Dentist. Most patients still ring to book even though we have an online diary.",
         "still ring"),
        ("Boat hire. Reviews say the handover feels rushed.", "handover feels rushed"),
        ("Laundrette. Service washes have fallen off since the flats got machines.",
         "fallen off"),
        ("Farm vet. At lambing time farmers ringing at 6am get the voicemail.", "voicemail"),
        ("Sweep. Every autumn the phone rings off the hook and I'm booked out to January.",
         "rings off the hook"),
        ("Publisher. Referrals brought in 9 authors in a whole year, which feels off.",
         "feels off"),
    ],
)  # fmt: skip
def test_problems_said_in_many_ways_are_read(brief: str, problem: str) -> None:
    found = [p.text.lower() for p in read_brief(brief).problems]
    assert any(problem in text for text in found), found


@pytest.mark.parametrize(
    "brief",
    [
        "Ice cream van in Whitby, April-September only. Orders through our website.",
        "Summer camp for ages 8-12, parents book on Eventbrite.",
        "We sell vintage maps online. I honestly don't know why.",
        "Recycling team here. Residents have to book a slot online.",
    ],
)
def test_words_that_only_sound_like_problems_are_not(brief: str) -> None:
    assert read_brief(brief).problems == []


@pytest.mark.parametrize(
    ("said", "baseline", "target"),
    [
        ("We want 60% of members to renew next spring (last year 41%).", "41%", "60%"),
        ("Want to keep customers past 6 weeks, right now it's maybe 30%.", "30%", None),
        ("We'd like late returns from 12% of bookings to under 5%.", "12%", "5%"),
        ("We want repeat orders up from 9% to 15%.", "9%", "15%"),
        ("Loads of people aren't in when we arrive, maybe 1 in 8. want that under 1 in 20",
         "1 in 8", "1 in 20"),
        ("We get about 40 late returns a month and want it under 10.", "40", "10"),
        ("We want repeat visits over 50% (38% this year).", "38%", "50%"),
        ("We'd like replies within 2 days, at the moment it can be over 3 weeks.", "3 weeks",
         "2 days"),
        ("Conversion is sitting around 1.2%, I'd be happy with 2.5%.", "1.2%", "2.5%"),
        ("12% cancellations last year, want to halve that.", "12%", "6% (half of 12%)"),
        ("We get 30 orders a week and want to double that.", "30", "60 (double 30)"),
    ],
)  # fmt: skip
def test_goals_keep_their_baseline_and_target(
    said: str, baseline: str | None, target: str | None
) -> None:
    (goal,) = read_brief(f"A garden centre in Kent. {said}").goals
    assert (goal.baseline, goal.target) == (baseline, target)


def test_the_users_own_fix_becomes_the_idea_for_its_problem() -> None:
    brief = (
        "dog walker in Leeds, bookings thru WhatsApp, want an online booking page + "
        "card payment so ppl stop cancelling last minute"
    )
    (problem,) = [p for p in read_brief(brief).problems if "cancelling" in p.text]
    assert problem.fix == "online booking page + card payment"
    assert problem.text == "ppl cancelling last minute"  # the wish to stop it is the fix
    from journey_assistant.drafting import draft_offline

    journey = draft_offline(brief)
    (pain,) = [p for s in journey.stages for p in s.pain_points if "cancelling" in p.description]
    (idea,) = [o for s in journey.stages for o in s.opportunities if o.addresses == pain.id]
    assert idea.description == "Online booking page + card payment"
    assert idea.provenance.value == "user" and idea.kpi


def test_a_business_that_teaches_a_subject_sells_classes_in_it() -> None:
    reading = read_brief("We teach Spanish to retired people in Malaga; they enrol for a term.")
    assert reading.business is not None and reading.business.text == "Spanish classes"
    assert reading.offering[0].text == "Spanish classes"
    taught = read_brief("We teach pottery courses in Dublin; people book online.")
    assert taught.business is not None and taught.business.text == "pottery courses"


def test_a_kind_of_business_gets_its_own_names_for_a_packs_stages() -> None:
    """A pack covering several kinds renames or leaves out stages for one kind (issue 13):
    checked on a pack built here, so it holds whatever the shipped packs say."""
    from journey_assistant.knowledge.catalog import get_catalog

    pack = get_catalog().industries["creative_personal_services"]
    data = pack.model_dump()
    first, second = data["stages"][0]["name"], data["stages"][1]["name"]
    data["kind_stages"] = {"grooming": {first: "Find a groomer", second: ""}}
    custom = type(pack).model_validate(data)
    dog = "a mobile dog groomer in Bristol"
    assert custom.stage_name_for(first, dog) == "Find a groomer"
    assert custom.stage_name_for(second, dog) is None
    assert custom.stage_name_for(first, "a tattoo studio in Leeds") == first
    data["kind_stages"] = {"grooming": {"No such stage": "x"}}
    with pytest.raises(ValueError, match="no stage of the pack"):
        type(pack).model_validate(data)


def test_a_figure_said_before_now_is_the_baseline() -> None:
    reading = read_brief(
        "I run a mobile dog grooming van in Leeds; owners book by WhatsApp. I want 70% of "
        "clients rebooking every 6-8 weeks (about 45% now)."
    )
    goal = reading.goals[0]
    assert (goal.baseline, goal.target) == ("45%", "70%")
    assert reading.industry.pack == "creative_personal_services" and reading.industry.used
    assert "WhatsApp" not in [o.text for o in reading.offering]  # a channel is no product


def test_a_florist_gets_its_pack_without_the_salons_lines() -> None:
    brief = (
        "I own a florist in Bath. People order bouquets on our Wix site or walk in, and we "
        "deliver locally. Online orders are low; want them from 8% to 25% of sales."
    )
    reading = read_brief(brief)
    assert reading.industry.pack == "creative_personal_services" and reading.industry.used
    text = " ".join(s.model_dump_json() for s in draft_offline(brief).stages).lower()
    for salon_line in ("tipping at the desk", "patch test", "treatwell", "the next client waits"):
        assert salon_line not in text, salon_line


def test_a_rivals_sale_is_no_step_and_no_conversion() -> None:
    reading = read_brief(
        "We're a bike shop in York. People browse our site, then order from the big online "
        "retailers instead. Those who do buy from us collect in store."
    )
    said = [c.text.lower() for c in reading.conversions] + [s.text.lower() for s in reading.steps]
    assert not any("retailers" in t for t in said), said


def test_a_clause_that_only_sizes_a_problem_joins_it_and_names_the_goal() -> None:
    reading = read_brief(
        "We run a climbing wall in Leeds. Hardly anyone signs up for a membership after the "
        "taster, maybe 5%. Right now roughly 5% of taster climbers become members. Want 15%."
    )
    assert [p.text for p in reading.problems][:1] == [
        "Hardly anyone signs up for a membership after the taster (maybe 5%)"
    ]
    (goal,) = reading.goals
    assert (goal.baseline, goal.target) == ("5%", "15%")
    assert goal.text == "taster climbers become members"


def test_a_business_named_for_its_product_is_not_named_twice_in_one_goal() -> None:
    journey = draft_offline("we sell refurbished laptops online and in 3 shops, to young pros")
    goals = [s.customer_goal or "" for s in journey.stages]
    assert not any(g.lower().count("refurbished laptops") > 1 for g in goals), goals


@pytest.mark.parametrize(
    ("brief", "verb"),
    [
        ("We're a volunteer-run toy library in Hull; parents claim a box of toys on our "
         "Facebook page and swap it monthly.", "claim"),
        ("We're a donkey sanctuary in Devon. Supporters sponsor a donkey for £4 a month after "
         "seeing our Facebook ads.", "sponsor"),
        ("We run cremation livestreams in Wales; funeral homes sign up to our partner plan "
         "and we stream from their chapels.", "sign up"),
        ("Student society in Leeds: people scan a QR code at our stall and fill in the pledge "
         "form for bone marrow donation.", "fill in the pledge form"),
        ("Family harp shop in York. Every payment counts towards buying it, and parents rent "
         "through a form on our website.", "rent"),
    ],
)  # fmt: skip
def test_the_commitment_in_the_briefs_own_verb_names_a_stage(brief: str, verb: str) -> None:
    names = [s.name.lower() for s in draft_offline(brief).stages]
    assert any(n.startswith(verb) for n in names), names


def test_a_sperm_bank_is_not_read_as_a_bank() -> None:
    reading = read_brief(
        "We're a licensed sperm bank in Leeds recruiting donors; men apply on our website "
        "after seeing Reddit ads, then come in for screening."
    )
    assert reading.industry.pack != "banking"


@pytest.mark.parametrize(
    ("brief", "offer"),
    [
        ("We run a first aid training company in Cardiff; we sell first aid courses to "
         "offices.", "first aid courses"),
        ("I teach sign language: we offer sign language classes in Derby, booked online.",
         "sign language classes"),
        ("We're a B2B packaging supplier - corrugated boxes, mailer boxes, void fill - "
         "selling to online brands.", "corrugated boxes"),
        # a count before it, a maker's own verb, a rhythm that is part of the product's name
        ("We hire out 8 narrowboats on the Llangollen Canal for short breaks.", "narrowboats"),
        ("I shape custom surfboards out of a garage in Encinitas. Folks DM me on Insta.",
         "custom surfboards"),
        ("St Cuthbert's Hospice runs a weekly lottery - £1 a week by direct debit.",
         "weekly lottery"),
        # a decade or a code in the name is no count; where it is based is not what it is
        ("uk based, i sell 90s/y2k vintage on depop, sourcing from rag houses.",
         "90s/y2k vintage"),
    ],
)  # fmt: skip
def test_what_is_sold_is_read_and_a_step_is_not_taken_for_it(brief: str, offer: str) -> None:
    assert read_brief(brief).offering_text == offer


def test_a_maker_without_a_business_noun_is_named_for_what_it_makes() -> None:
    journey = draft_offline("We make hand-carved wooden chess sets and sell them at fairs")
    assert journey.stages[0].name == "Discover the chess sets business"
    goals = " ".join(s.customer_goal or "" for s in journey.stages)
    assert "hand-carved wooden chess sets" in goals and "the service" not in goals


@pytest.mark.parametrize(
    ("brief", "problems"),
    [
        # clauses that go on about one problem are one problem, and its phase is where it bites
        ("Mobile bike repair van. Problem: lots of people book and then aren't in when we "
         "arrive, so we waste the trip.",
         ["Lots of people book and then aren't in when we arrive, so we waste the trip"]),
        ("Golf sim bar. Only about 1 in 4 corporate inquiries ends up booking, usually because "
         "the organizer needs sign-off from their boss.",
         ["Only about 1 in 4 corporate inquiries ends up booking, usually because the "
          "organizer needs sign-off from their boss"]),
        # a dash goes on; the next sentence sizing it in its own words joins it
        ("E-bike subscriptions in Berlin. The problem is churn once summer ends - subscribers "
         "cancel after 4-5 months. Monthly churn is 9%.",
         ["Churn once summer ends - subscribers cancel after 4-5 months (Monthly churn is 9%)"]),
        # a clause with its own subject after a plain "and" is a problem of its own
        ("Wedding photographer. After the wedding the gallery takes 8 weeks and I hardly get "
         "any reviews.",
         ["After the wedding the gallery takes 8 weeks", "I hardly get any reviews"]),
        # going quiet after asking for a quote is a problem, and it bites while choosing
        ("Dry stone waller in the Dales. People ring for a quote then it goes quiet.",
         ["People ring for a quote, it goes quiet"]),
        # when it happens goes with it
        ("Tree service in Ohio. The ghosting happens after our free estimate, mostly when the "
         "written estimate takes 3+ days to reach them.",
         ["The ghosting happens after our free estimate, mostly when the written estimate "
          "takes 3+ days to reach them"]),
        # an announced problem with a date in it is no goal; a short lead-in before "but" stays
        ("School uniform exchange in Bristol. problem is by september we've run out of age "
         "11-13 sizes just when secondary parents come to claim.",
         ["by september we've run out of age 11-13 sizes just when secondary parents come to "
          "claim"]),
        ("Council crematorium. When the lease runs out we send a letter, but only 20% renew.",
         ["When the lease runs out we send a letter but only 20% renew"]),
        # a clause that only says it does not happen
        ("Library service. To borrow books you have to bring ID to a branch to get the card "
         "upgraded, and most ppl never do.",
         ["To borrow books you have to bring ID to a branch to get the card upgraded, and most "
          "ppl never do"]),
    ],
)  # fmt: skip
def test_one_problem_is_read_once_however_many_clauses_tell_it(
    brief: str, problems: list[str]
) -> None:
    assert [p.text for p in read_brief(brief).problems] == problems


def test_a_no_show_at_the_door_is_read_where_it_happens_and_gets_its_own_fix() -> None:
    brief = (
        "We run a mobile bike repair van in Bristol. People book a slot on our website, we come "
        "to their home and fix the bike on the spot. Problem: lots of people book and then "
        "aren't in when we arrive, so we waste the trip."
    )
    (problem,) = read_brief(brief).problems
    assert problem.phase is not None and problem.phase.value == "usage"
    journey = draft_offline(brief)
    (pain,) = [p for s in journey.stages for p in s.pain_points if "aren't in" in p.description]
    ideas = [
        o.description for s in journey.stages for o in s.opportunities if o.addresses == pain.id
    ]
    assert ideas and ideas[0].startswith("Cut no-shows"), ideas


@pytest.mark.parametrize(
    "brief",
    [
        # a commission is the thing sold, not a platform's cut; a step with a figure is a step
        "Stained glass studio. A commission starts with a consultation, then we draw up a "
        "design, then the client pays a 50% deposit to commission the piece.",
        "Beekeeping courses. People find us on Google, email us loads of questions, then enrol.",
    ],
)
def test_narrated_steps_with_problem_sounding_words_are_no_problems(brief: str) -> None:
    assert read_brief(brief).problems == []


def test_a_platforms_cut_and_the_chore_a_goal_wants_gone_are_problems() -> None:
    found = [p.text for p in read_brief(
        "B&B on Skye. 80% of bookings come through Booking.com and we pay 15% commission. "
        "I'd like to pre-qualify guests so I'm not spending evenings on emails."
    ).problems]  # fmt: skip
    assert "we pay 15% commission" in found and "spending evenings on emails" in found, found


def test_a_brief_in_text_speak_or_opening_with_its_kind_of_business_is_drafted() -> None:
    rowing = read_brief(
        "Community rowing club on the Brisbane River, volunteer run. We run 4-week Learn to Row "
        "courses that people find on Instagram or Eventbrite, where they book and pay $180."
    )
    assert rowing.business is not None and rowing.business.text == "Community rowing club"
    assert rowing.region is not None and rowing.region.text == "AU"  # "$" is not only American
    assert not rowing.thin
    app = read_brief(
        "we r an online coaching app for exam students. they download app, get 7 day free trial, "
        "then pay via UPI for yearly plan"
    )
    assert app.business is not None and app.business.text == "online coaching app"
    assert not app.thin


def test_a_reading_too_thin_to_draft_always_says_what_it_needs() -> None:
    reading = read_brief(
        "Community rowing thing on the river. We run 4-week Learn to Row courses that people "
        "find on Instagram, where they book and pay $180."
    )
    assert reading.thin and reading.questions
    assert reading.questions[0].startswith("What does the business sell or provide")


def test_the_day_a_business_delivers_is_not_what_it_sells() -> None:
    reading = read_brief(
        "Organic veg box delivery around Cork, weekly or fortnightly, ordered through our "
        "Shopify site. They pick a box size, pay by card and we deliver Thursdays."
    )
    assert all("thursday" not in o.text.lower() for o in reading.offering), reading.offering


@pytest.mark.parametrize(
    ("brief", "offer", "sector"),
    [
        ("We're a family owned plumbing and HVAC supply house in Dayton, selling to contractors "
         "who open a trade account at the counter. We deliver next morning or they pick up.",
         "plumbing and HVAC supplies", "b2b"),
        ("Bulky household waste collection service run by the county council. Residents book "
         "online and the crew collects from the kerbside.",
         "bulky household waste collection", "public"),
    ],
)  # fmt: skip
def test_what_a_business_is_called_for_says_what_it_sells(
    brief: str, offer: str, sector: str
) -> None:
    reading = read_brief(brief)
    assert reading.offering and reading.offering[0].text == offer, reading.offering
    assert all(o.text.lower() not in ("house", "pick up") for o in reading.offering)
    assert reading.sector.text == sector


@pytest.mark.parametrize(
    "suite",
    [
        "longtail-dev2",
        "longtail-dev3",
        "longtail-dev4",
        "longtail-dev5",
        "longtail-dev6",
        "longtail-dev7",
        "longtail-dev8",
        "longtail-dev9",
        "longtail-dev10",
        "longtail-dev11",
        "longtail-dev12",
        "longtail-dev13",
        "reader",
        "reader36",
        "reader37",
        "reader38",
        "reader39",
        "reader40",
        "reader40-causes",
        "reader41",
        "reader42",
        "reader44",
        "reader45",
    ],
)
def test_later_development_suites_hold_their_baselines(suite: str, tmp_path: Path) -> None:
    """The briefs written blind in sessions 6, 9, 11-15, 19, 21, 22 and 23, and the tuned halves
    of sessions 32-34, 36-42, 44 and 45 scored against a CX reader's reading: no case worse than
    its baseline."""
    done = subprocess.run(
        [sys.executable, "-m", "journey_assistant.cli", "eval", f"evals/suites/{suite}.yaml",
         "--fail-on-regression", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.parametrize(
    ("brief", "place"),
    [
        ("I run a mobile dog grooming van round Maidstone and the villages, just me.",
         "Maidstone"),
        ("I own a tree service outside Columbus, Ohio - removals, trimming.", "Columbus"),
        ("We build dry stone walls across the Dales for farmers and estates.", "the Dales"),
        ("Melbourne's friendliest piano tuner here, working in Melbourne's east.", "Melbourne"),
        ("We're a B2B lab equipment reseller in the UK, selling to universities.", None),
        ("We sell vintage clothes on Depop, mostly 90s.", None),
    ],
)  # fmt: skip
def test_where_the_business_is_is_read_and_shown_where_people_look(
    brief: str, place: str | None
) -> None:
    reading = read_brief(brief)
    assert (reading.place.text if reading.place else None) == place
    if place is not None:
        assert f"Where: {place}" in reading.summary()
        journey = draft_offline(brief)
        looked = [a for s in journey.stages for a in s.actions if place in a]
        assert looked and looked[0].startswith("Look for "), looked


@pytest.mark.parametrize(
    ("brief", "sector"),
    [
        ("We provide managed IT support for dental practices in the UK. Practices find us "
         "through BDA events. Practice managers love us but the principal dentist signs off, "
         "so deals stall at proposal stage.", "b2b"),
        ("We're a commercial laundry in Cornwall doing linen hire for hotels, holiday lets and "
         "restaurants. Most new clients find us on Google.", "b2b"),
    ],
)  # fmt: skip
def test_the_trade_a_business_sells_to_lends_it_no_pack(brief: str, sector: str) -> None:
    """A dentist's IT firm is not a dentist: the customers' trade is masked when the pack is
    chosen, and the draft has no clinic stages."""
    reading = read_brief(brief)
    assert not reading.industry.used, reading.industry
    assert reading.sector.text == sector
    names = " ".join(s.name.lower() for s in draft_offline(brief).stages)
    assert "treatment" not in names and "check-in" not in names and "room" not in names


def test_doing_a_great_job_is_not_what_is_sold() -> None:
    reading = read_brief(
        "pest control business in Brisbane, termite inspections for homeowners. jobs come from "
        "google ads and hipages. we do a great job but hardly anyone leaves a review."
    )
    assert all("job" not in o.text for o in reading.offering), reading.offering


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        ("Independent audiologist in Cork. Patients book a free hearing test by phone and we "
         "fit the aids 2 weeks later. Biggest issue is a quarter of people stop wearing them in "
         "the first month.", "Check in early"),
        ("Sailing club on Rutland Water. Our members love the club but hardly any of them ever "
         "bring a friend along.", "bring-a-friend offer"),
        ("Escape rooms at three sites, booked on our website. People get to the booking page "
         "and abandon it.", "fewest steps"),
        ("GP surgery in Leeds. Repeat prescriptions can be ordered on the NHS App but loads "
         "still phone in, which jams the lines 8-10am.", "Move routine requests online"),
        ("Dance school in Oakville. Recital tickets go on sale online and they sell out in a "
         "couple of hours, so grandparents miss out.", "Spread the demand"),
        ("Independent audiologist. Our biggest problem is the average person waits 7 years "
         "before doing anything about their hearing.", "Reach people earlier"),
    ],
)  # fmt: skip
def test_a_stated_problem_of_a_common_kind_gets_an_idea_that_answers_it(
    brief: str, idea: str
) -> None:
    """Not "Find out why … happens": giving up early, referrals and abandoned bookings each get
    the idea that answers them (session 11, from the fourth development set)."""
    journey = draft_offline(brief)
    ideas = [
        o.description
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.user
        for o in s.opportunities
        if o.addresses == p.id
    ]
    assert any(idea in i for i in ideas), ideas
    assert not any(i.startswith("Find out why") for i in ideas), ideas


def test_the_writers_role_and_the_problem_are_no_steps_of_the_journey() -> None:
    journey = draft_offline(
        "I lead foster carer recruitment at Devon County Council. Enquiries come from Facebook "
        "ads and info evenings, then there's an initial visit and training. my problem is "
        "discovery, nobody new finds us. Id like to win 1 in 2 households not 1 in 5."
    )
    lanes = [x for s in journey.stages for x in [*s.actions, *s.backstage_actions]]
    assert not any(x.lower().startswith(("i lead", "my problem")) for x in lanes), lanes
    assert any(k.target for s in journey.stages for k in s.kpis), "the goal is read"


@pytest.mark.parametrize(
    ("problem", "felt"),
    [
        ("they wait 8-13 weeks for the council", True),
        ("Loads of ppl get stuck at the proof of address upload", True),
        ("hardly anyone leaves a review so we're stuck on 23 google reviews", False),
        ("like 1 in 5 dont turn up", False),
        ("the shipping costs eat the margin", False),
    ],
)  # fmt: skip
def test_a_persona_carries_only_problems_customers_live_through(problem: str, felt: bool) -> None:
    """A customer is not frustrated that the business gets few reviews (a blind CX reviewer
    quoted such lines as the worst in session 11)."""
    from journey_assistant.personas import felt_by_customers

    assert felt_by_customers(problem) is felt


@pytest.mark.parametrize(
    ("brief", "customers", "sector"),
    [
        ("We rent diggers and dumpers to landscapers and small building firms around Hull.",
         ["landscapers", "building firms"], "b2b"),
        ("The county council's record office. Local historians find our catalogue online but "
         "few visit.", ["historians"], "public"),
        ("We roast coffee for cafés and offices in Bristol; cafés order by email.",
         ["cafés", "offices"], "b2b"),
        ("Village hall hired out for kids' parties and yoga classes.", [], "b2c"),
        ("Food pantry: families and schools refer people to us.", ["families", "schools"],
         "b2c"),
    ],
)  # fmt: skip
def test_the_customers_a_brief_names_are_read_and_say_the_sector(
    brief: str, customers: list[str], sector: str
) -> None:
    reading = read_brief(brief)
    said = [a.text.lower() for a in reading.audience]
    assert all(any(c in s for s in said) for c in customers), said
    assert "kids" not in said
    assert reading.sector.text == sector


@pytest.mark.parametrize(
    ("brief", "customers"),
    [
        ("Anglers can buy a 3-day licence online, at BCF stores or by phone.", ["anglers"]),
        ("Scaffolding firm. Our customers are main contractors and housebuilders - their QS "
         "or site manager sends drawings and asks for a quote.",
         ["main contractors", "housebuilders", "qs", "site manager"]),
        ("Tree service in Ohio. Most of our homeowner leads come off Nextdoor and Angi.",
         ["homeowners"]),
        ("ASL agency. Corporate and healthcare clients book interpreters for meetings.",
         ["corporate clients", "healthcare clients"]),
        ("Farrier. The yard owner usually books us in, but each horse owner pays separately.",
         ["yard owner", "horse owner"]),
        ("Lifeblood centre. New donors book through the app, but nearly half of first-time "
         "donors never come back.", ["first-time donors"]),
        ("County show, two days in August, about 25k visitors.", ["visitors"]),
        ("Harp teacher. It's nearly always the parents who find me, through the local "
         "Comhaltas branch.", ["parents"]),
        ("HER team. Developers, consultants and the odd homeowner request a search.",
         ["developers", "consultants", "homeowner"]),
        ("Private dental practice. Our patients are mostly nervous adults who put off "
         "check-ups, and parents booking for their kids.", ["nervous adults", "parents"]),
    ],
)  # fmt: skip
def test_customers_are_read_as_the_ones_doing_something_and_inside_other_nouns(
    brief: str, customers: list[str]
) -> None:
    """Customers named as the subject of what they do ("anglers can buy"), as what the
    customers are, inside another noun ("homeowner leads"), or two kinds sharing a noun
    ("corporate and healthcare clients"), in the brief's words and the order it names them."""
    said = [a.text.lower() for a in read_brief(brief).audience]
    assert said[: len(customers)] == customers


@pytest.mark.parametrize(
    "brief",
    [
        "Septic pumping. A dispatcher takes the call, we schedule a truck within 48 hours, "
        "the technician pumps the tank and our drivers leave a paper report.",
        "Cake toppers on Etsy. We want more customers; our top 500 customers get a code.",
        "Folk festival, 6,000 people, tickets on Skiddle. Library service wants more people.",
        "Oak furniture maker. I need a way to pre-qualify people and help people decide.",
    ],
)
def test_the_business_s_own_people_and_loose_words_are_no_customers(brief: str) -> None:
    """The business's own people ("the technician", "our drivers") and words that only look
    like a kind of customer ("top 500 customers", "6,000 people", "wants more people") are
    not read as customers."""
    assert read_brief(brief).audience == []


@pytest.mark.parametrize(
    ("brief", "wanted"),
    [
        ("I'm a pool safety inspector on the Gold Coast. Most of my work comes from real "
         "estate agents and property managers who ring me when they get a new listing, but "
         "the homeowner or landlord is the one paying me $180. About half of pools fail first "
         "go. Want the first-time pass rate up to 70%.",
         ["Homeowner", "Real Estate Agent"]),
        ("We make corncob bedding for research animal facilities, mostly universities and "
         "contract research labs. The purchase order comes from procurement or the facility "
         "manager, but the animal care technicians who change cages every day are the ones "
         "who notice dust. We want to win 6 new facilities next year.",
         ["Procurement Lead", "Animal Care Technician"]),
    ],
)  # fmt: skip
def test_personas_are_the_people_who_pay_buy_or_use_not_stock_types(
    brief: str, wanted: list[str]
) -> None:
    """Personas stand for people before the organisations they work at, one of each group
    of kinds named together ("the homeowner or landlord"), and carry no stock quote."""
    from journey_assistant.personas import draft_personas_offline

    personas, _ = draft_personas_offline(brief, 2)
    for title, persona in zip(wanted, personas, strict=True):
        assert title in persona.name
        assert persona.quote is None
    if "pool" in brief:  # their part, as the brief tells it, past the others named with them
        assert personas[1].role == (
            "Real estate agents and property managers who ring me when they get a new listing"
        )
        assert personas[0].role and personas[0].role.startswith("The homeowner or landlord is")
        reach = [b.text for p in personas for b in p.behaviours if b.text.startswith("Reaches")]
        assert reach and all(r.startswith("Reaches the business: phone") for r in reach)
        assert not any("ring" in r.split(":")[-1] for r in reach)


@pytest.mark.parametrize(
    ("brief", "idea", "kpi"),
    [
        ("I'm a pool safety inspector on the Gold Coast; agents ring me when they get a new "
         "listing. About half of pools fail first go and the owner gets cranky because it holds "
         "up the sale. Want to get the first-time pass rate up to 70% by sending owners a "
         "checklist before I come out.",
         "Send owners a checklist before I come out", "Get the first-time pass rate up to 70%"),
        ("im a mobile welder near thirsk, farmers ring me. problem is i give quotes over the "
         "phone and then never hear back. id like to get at least 60% of quotes turned into "
         "jobs and have a proper way for people to book a slot instead of ringing me while im "
         "under a trailer lol",
         "Set up a proper way for people to book a slot instead of ringing me",
         "Get at least 60% of quotes turned into jobs"),  # "id like": I'd like, no metric
    ],
)  # fmt: skip
def test_the_owners_own_way_to_the_goal_is_their_idea_for_the_problem(
    brief: str, idea: str, kpi: str
) -> None:
    """How the owner means to reach the goal ("by sending owners a checklist", "and have a
    proper way for people to book a slot") is their own idea for the stated problem, and the
    goal's KPI is the measure without it."""
    journey = draft_offline(brief)
    ideas = [(o, s) for s in journey.stages for o in s.opportunities if o.description == idea]
    assert len(ideas) == 1
    opportunity, stage = ideas[0]
    assert opportunity.provenance.value == "user"
    pain = next(p for p in stage.pain_points if p.id == opportunity.addresses)
    assert pain.provenance.value == "user"
    assert any(
        k.name == kpi and k.provenance.value == "user" for s in journey.stages for k in s.kpis
    )


def test_a_problem_with_no_known_fix_gets_work_on_the_cause_the_brief_gives() -> None:
    """No catalogue idea answers it: the idea works on the cause the brief states, and never
    claims the brief does not say why when it does."""
    journey = draft_offline(
        "We sell reconditioned stairlifts in Swansea. Adult children usually ring us first, "
        "but half of our surveys don't turn into orders because the parent wasn't part of the "
        "first conversation. We want 60% of surveys to become orders."
    )
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert not any("does not say why" in i for i in ideas), ideas
    assert any("the parent wasn't part of the first conversation" in i for i in ideas), ideas


_EYE_CAMP = (
    "We run free cataract screening camps in villages near Madurai every weekend. Patients are "
    "mostly elderly farmers, often brought by a son or daughter. Big problem is lot of patients "
    "screened at camp and given a surgery date do not turn up at the base hospital, due to fear, "
    "no escort or loss of wages. We want screened-to-operated from 40% to 65% this year."
)


def test_the_causes_listed_with_a_problem_are_its_causes_not_steps() -> None:
    """ "..., due to fear, no escort or loss of wages": the causes stay with the problem; none
    is read as something the customer does."""
    reading = read_brief(_EYE_CAMP)
    assert len(reading.problems) == 1
    assert reading.problems[0].text.endswith("due to fear, no escort or loss of wages")
    assert not any("fear" in d.text.lower() or "wages" in d.text.lower() for d in reading.details)


def test_each_cause_the_brief_gives_gets_an_idea_of_its_own() -> None:
    """Three causes named, three ideas for the one pain: reassurance for the fear, getting
    there for the missing escort, the cost of a lost day for the wages; none asks why."""
    journey = draft_offline(_EYE_CAMP)
    stage, pain = next(
        (s, p) for s in journey.stages for p in s.pain_points if p.provenance.value == "user"
    )
    ideas = [o.description for o in stage.opportunities if o.addresses == pain.id]
    assert len(ideas) == 3, ideas
    assert "fear" in ideas[0].lower()
    assert "transport" in ideas[1].lower()
    assert "earnings" in ideas[2].lower()
    assert not any("Find out why" in i for i in ideas)
    # and the problem of the operation day is not filed under finding the trust
    assert journey.stages.index(stage) > 0


def test_the_stage_a_goal_is_measured_at_is_never_left_out() -> None:
    """A hen rental read as serving residents (a public word) would lose its come-back stage;
    the goal is about returning renters, so that stage stays, with the goal's KPI and the
    problem of losing touch over the winter in it."""
    journey = draft_offline(
        "We rent out backyard laying hens for the season, May to October, delivered around "
        "Ottawa for $495. We also get a couple of retirement homes wanting them for residents. "
        "The problem is the off-season, at the end of October people hand them back and we "
        "basically lose touch till spring. I'd like returning renters to go from 30% to 50%."
    )
    names = [s.name for s in journey.stages]
    assert "Hire again" in names, names
    last = journey.stages[names.index("Hire again")]
    assert any(k.target == "50%" for k in last.kpis)
    assert any("lose touch till spring" in p.description for p in last.pain_points)
    assert any(o.description.startswith("Stay in touch") for o in last.opportunities)


@pytest.mark.parametrize(
    ("brief", "not_read"),
    [
        ("We run a Kathak dance academy in Pune. Mostly parents pay and decide, kids attend, "
         "and attendance is still in a register. We want more kids in a second term.",
         ["pay", "register", "attend"]),
        ("Floor coatings contractor in Ohio. Purchasing and sometimes a GC or the owner signs "
         "off, and leads land via bid invites on BuildingConnected. Win rate is 22%.",
         ["purchas", "bid"]),
        ("Free cataract camps near Madurai; the surgeries are funded by CSR donors and "
         "individual sponsors. Many patients never come for surgery.", ["sponsor", "fund"]),
    ],
)  # fmt: skip
def test_who_pays_and_words_used_as_nouns_are_no_conversion_or_step(
    brief: str, not_read: list[str]
) -> None:
    """ "Parents pay and decide, kids attend" says who plays which part; "in a register",
    "bid invites", "purchasing … signs off", "funded by … sponsors" use the words as nouns or
    say who pays. None is what the customer does to commit, nor a step of the journey."""
    reading = read_brief(brief)
    said = [  # (a noun may still name the event when nothing else does: confidence 0.4)
        r.text.lower() for r in [*reading.conversions, *reading.steps] if r.confidence >= 0.5
    ]
    assert not any(w in s for s in said for w in not_read), said


@pytest.mark.parametrize(
    ("brief", "free"),
    [
        ("We run free cataract screening camps in villages near Madurai.", True),
        ("Our volunteer-run seed library lets people borrow seeds for free.", True),
        ("Independent financial adviser in Harrogate. The initial consultation is free, then "
         "we charge a fixed fee.", False),
        ("We buy, repair and resell used pallets and collect broken ones for free.", False),
        ("Parish hall hire: two people get told the same Saturday is free.", False),
        ("We're a small charity in Leeds running free English conversation circles for "
         "refugees.", True),
        ("Driving school in Leeds, we offer a free first lesson and then blocks of 10.", False),
        ("Swim school in Geelong. Free trial lessons, then a monthly direct debit.", False),
    ],
)  # fmt: skip
def test_a_free_service_is_told_from_a_free_first_step(brief: str, free: bool) -> None:
    assert read_brief(brief).has("free_service") is free


def test_a_free_service_gets_no_pack_lines_about_paying() -> None:
    """A free charity camp matched to the clinics pack once got "Show ID and insurance card"
    and "are they in my network?"; nothing about paying is left in a free service's map."""
    from journey_assistant.formats.markdown import write

    journey = draft_offline(_EYE_CAMP.replace("We run free", "We are a charitable eye hospital "
                                              "trust running free"))  # fmt: skip
    text = write(journey).lower()
    assert journey.context.industry == "healthcare"  # the pack is used, without those lines
    for word in ("insurance", "network", "copay", "billing"):
        assert word not in text, word


def test_a_free_service_without_a_pack_gets_no_generic_lines_about_prices() -> None:
    """The general content asked a free camp's patients to check "the price and
    availability", and a stock persona wanted to "know the full cost before paying"."""
    journey = draft_offline(_EYE_CAMP)
    inferred = [
        text
        for s in journey.stages
        for text in [
            *s.actions,
            *(p.description for p in s.pain_points if p.provenance.value == "inferred"),
            *(k.name for k in s.kpis if k.provenance.value == "inferred"),
        ]
    ] + [i.text for p in journey.personas for i in [*p.needs, *p.goals, *p.objections]]
    assert not any(re.search(r"\b(?:price|paying|deposit|checkout)\b", t, re.I) for t in inferred)


def test_a_purchase_order_said_as_po_is_the_conversion_in_the_briefs_word() -> None:
    journey = draft_offline(
        "We resell lab equipment and consumables to university labs around Boston. Smaller "
        "ones just email a PO; capital equipment needs 3 quotes. Quote-to-PO is 22%, we'd like 30%."
    )
    names = [s.name for s in journey.stages]
    assert "Raise the PO" in names, names
    assert not any(" the and " in n.lower() for n in names), names


def test_how_a_thing_is_made_is_no_name_for_the_business() -> None:
    """ "We build shepherd's huts by hand": stages once said "Discover the by hand"."""
    journey = draft_offline(
        "We build shepherd's huts by hand in Herefordshire, lead time is 7-9 months. We "
        "convert about 12% of yard visits to a deposit and want 20%."
    )
    assert not any("by hand" in s.name for s in journey.stages), [s.name for s in journey.stages]


@pytest.mark.parametrize(
    ("brief", "starts"),
    [
        ("I'm an independent funeral celebrant in Tauranga. Problem is most funeral homes "
         "default to their in-house celebrant so families don't even know they can choose. "
         "I'd like 8 services a month.", "Talk to three funeral homes about"),
        ("We run a half-day farm experience near Tullamore. The problem is we can't tell "
         "who's coming in a given week. We'd like 1,000 independent visitors.",
         "Work out what stands behind"),
        ("Kathak academy in Pune. Problem is parents just stop replying on whatsapp instead "
         "of telling us. Want continuation from 55% to 75%.", "Find out why"),
    ],
)  # fmt: skip
def test_the_way_to_learn_why_asks_whoever_can_tell(brief: str, starts: str) -> None:
    """With no known fix and no cause given, the idea says how to learn why from whoever can
    tell: customers for what they did, the business's own records for what it cannot see,
    the third party itself for what a referrer or an agent does. Five customers once were
    asked why funeral homes keep their own celebrant."""
    journey = draft_offline(brief)
    ideas = [
        o.description
        for s in journey.stages
        for o in s.opportunities
        if o.provenance.value == "inferred" and "brief does not say why" in o.description
    ]
    assert ideas and ideas[0].startswith(starts), ideas


def test_a_lead_time_is_a_wait_to_bring_down_and_buying_off_the_rack_is_no_conversion() -> None:
    journey = draft_offline(
        "I shape custom surfboards by hand in Byron Bay. Orders come in through Instagram DMs. "
        "Lead time is 8 to 10 weeks and people get jack of waiting or buy something off the "
        "rack. I want to cut cancellations from 15% to under 5%."
    )
    names = [s.name.lower() for s in journey.stages]
    assert not any("off the rack" in n for n in names), names
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert any(i.startswith("Bring the 8 to 10 weeks down") for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "persona", "role"),
    [
        ("I'm an independent funeral celebrant in Tauranga. The family decides, but they're "
         "mostly steered by the funeral director. I'd like 8 services a month.",
         "The Funeral Director Who Steers the Choice", "Steers which business"),
        ("I teach an eight-week upholstery course in Leeds to hobbyists, but a third of places "
         "are bought as gift vouchers by partners. I'd like redemption from 50% to 80%.",
         "The Partner Who Gives It as a Present", "Buys it as a present"),
        ("Kathak dance academy in Pune. Mostly parents pay and decide, kids attend. Want "
         "second-term continuation from 55% to 75%.", "The Parent Who Decides",
         "Takes the decision"),
    ],
)  # fmt: skip
def test_someone_named_by_the_part_they_play_gets_a_persona_of_that_part(
    brief: str, persona: str, role: str
) -> None:
    """The people a brief names as steering, giving, bringing or deciding for the customer
    are among the first personas, with that part as their role, what they want from it, the
    brief's words for it, and how to check it with them (the review found stock shoppers in
    their place: "The Time-Pressed Hospice Staff", no gift giver, no funeral director)."""
    personas = draft_offline(brief).personas
    found = next((p for p in personas if p.name == persona), None)
    assert found is not None, [p.name for p in personas]
    assert found.role.startswith(role)
    assert any(b.text.startswith("In the brief:") for b in found.behaviours)
    assert found.goals and found.validation_research


@pytest.mark.parametrize(
    ("brief", "parts"),
    [
        ("Bouldering wall in Sheffield. Mums sign the kids up on WhatsApp and pay by card, the "
         "kids just want to climb. Want 30 more members by June.",
         {"mums": "Books it and pays", "kids": "Takes part"}),
        ("We cater lunch trays in Makati. The office manager usually orders on Viber and the "
         "team eats whatever arrives. We lose 5 accounts a quarter.",
         {"office manager": "Books or arranges", "team": "Uses it"}),
        ("We service boilers for letting agents. It's the agency that pays the invoice, but "
         "it's the tenants who let us in. Want first-time access up to 90%.",
         {"agency": "Pays for it", "tenants": "Takes part"}),
        ("Physio clinic in Cork. Most patients come to us on a GP referral, and referrals also "
         "come from health visitors. We'd like 20 new patients a month.",
         {"GP": "Refers", "health visitors": "Refers"}),
        ("We hire out kayaks in Bude. People buy vouchers as a present for their dad, and the "
         "dad's day out is the gift. Half the vouchers are never used.",
         {"People": None}),
        ("Home tech visits in Leeds. It's usually the grown-up daughter who finds us, and they "
         "book and pay online while Dad is the one we visit. Want 40% to rebook.",
         {"grown-up daughter": "Books it and pays", "Dad": "Takes part"}),
        ("Swimming lessons for children with autism in Cork, mostly paid for by a disability "
         "grant or the child's school. Parents book on our site. Want 50 more pupils.",
         {"school": "Pays for it"}),
        ("Solar pumps for farmers near Tamale: farmers hear of us from extension officers, then "
         "our field agent installs the kit and the farmer pays weekly by MoMo. Want 1,500.",
         {"extension officers": "Refers", "field agent": None}),
        ("Piano tuning in Krakow. Customers find us through Google Maps and OLX, and the "
         "teacher usually recommends us. Want 150 contracts.", {"OLX": None}),
        ("Alpaca visits to care homes. Usually the activities coordinator books us, but it's "
         "the residents who get the visit, and their families often chip in to pay for it.",
         {"activities coordinator": "Books or arranges", "residents": "Receives",
          "families": "Pays for it"}),
        ("Bike hire in Cusco. One of our two couriers brings the bikes to the hotel and the "
         "tour leader books for the whole group. Late deliveries are 20%; we want 5%.",
         {"couriers": None, "tour leader": "Books or arranges"}),
        ("Cat sitting in PJ. Owners book on WhatsApp and pay by DuitNow; the one who lets us "
         "in is usually the neighbour. Want 60 households.", {"neighbour": None}),
        ("Books to the home in Mayo. Readers are referred by district nurses, library "
         "volunteers or a relative who phones on their behalf. Want 120 readers.",
         {"relative": "Books or arranges", "district nurses": "Refers"}),
        ("Sensory haircuts in Geelong. The parent books through Fresha, and the invoice goes "
         "to their plan manager rather than the family. Want rejections under 5%.",
         {"plan manager": "Pays for it", "parent": "Books it, while"}),
    ],
)  # fmt: skip
def test_parts_said_in_the_active_voice_are_read(brief: str, parts: dict[str, str | None]) -> None:
    """Who pays, books, uses or refers is read however the brief says it ("mums sign the kids
    up and pay", "it's the tenants who let us in", "on a GP referral"), not only in the
    passive; "people" is nobody in particular."""
    reading = read_brief(brief)
    read = {r.text.lower(): r.part for r in reading.roles}
    for kind, part in parts.items():
        if part is None:
            assert kind.lower() not in read, read
        else:
            assert read.get(kind.lower(), "").startswith(part), read


def test_a_kind_that_does_everything_itself_plays_no_part() -> None:
    """Runners who find, buy and wear their own shoes: no split, no part personas."""
    reading = read_brief(
        "Running shop in Bristol. Runners find us on Strava, book a gait check online, buy "
        "their shoes in store and come back for the next pair. Want repeat buys up 20%."
    )
    assert reading.roles == []


def test_a_user_persona_quotes_its_own_clause_and_not_the_payer_s_channels() -> None:
    """Mom, who is visited, is quoted from the clause that names her (not the start of the
    son's sentence, cut off before she appears), and does not "reach the business" on Square,
    where her son books and pays."""
    personas = draft_offline(
        "In-home tech help for seniors in Halifax. It's nearly always the adult son or daughter "
        "who finds me through a Facebook group, and they book and pay online via Square while "
        "Mom or Dad is the one I actually sit with. Only 25% book again; I want 50%."
    ).personas
    son = next(p for p in personas if p.name == "The Adult Son Who Books and Pays")
    mom = next(p for p in personas if p.name == "The Mom Who Takes Part")
    assert any(b.text.startswith("Reaches the business: Facebook group") for b in son.behaviours)
    assert [b.text for b in mom.behaviours] == [
        "In the brief: “… Mom or Dad is the one I actually sit with”"
    ]


def test_payer_user_and_referrer_each_get_a_persona_of_their_part() -> None:
    """The review's dog hydrotherapy brief: the owner books and pays, the dog does the work,
    the vet refers; personas stand for the owner and the vet (no dog, no "Loyal Practice"),
    and the chess school's parent who pays and child who takes part are two personas."""
    dog = draft_offline(
        "Hydrotherapy pool for dogs near Harrogate. Most come to us on a vet referral (the "
        "practice emails a referral form); the owner pays and books but it's the dog doing "
        "the work. About 35% of courses are never finished; goal is 80% completed."
    ).personas
    assert [p.name for p in dog] == ["The Dog Owner Who Books and Pays", "The Vet Who Refers"]
    chess = draft_offline(
        "We teach chess to kids in Pune. Parents pay the fees monthly by UPI, but its the "
        "child who has to enjoy it or they stop. Only 1 in 5 trial families enrol; goal 50%."
    ).personas
    assert [p.name for p in chess] == ["The Parent Who Books and Pays", "The Kid Who Takes Part"]
    assert all(b.provenance.value == "user" for p in chess for b in p.behaviours)
    three = draft_offline(
        "We clean kitchen ducts in Joburg. Clients find us through their insurance broker, and "
        "usually the kitchen manager books the clean but head office pays the invoice. "
        "Certificates go out late; we want 95% within 48 hours."
    ).personas
    assert {p.name for p in three} == {
        "The Head Office Who Pays", "The Kitchen Manager Who Books It",
        "The Insurance Broker Who Refers",
    }  # fmt: skip


def test_who_plays_which_part_is_read_and_shown_in_what_was_understood() -> None:
    """The reading carries the parts (so the terminal, the chat, --json and the language
    model's prompt all see them), each with the sentence that says it."""
    reading = read_brief(
        "I'm an independent funeral celebrant in Tauranga. The family decides, but they're "
        "mostly steered by the funeral director. I'd like to go from 4 services a month to 8."
    )
    parts = {r.text: r.part for r in reading.roles}
    assert parts["family"].startswith("Takes the decision")
    assert parts["funeral director"].startswith("Steers which business")
    assert all("steered by" in r.source for r in reading.roles if r.text == "funeral director")
    line = next(x for x in reading.summary() if x.startswith("Who plays which part:"))
    assert "funeral director: steers" in line


def test_a_ratio_said_as_n_of_m_is_one_figure() -> None:
    reading = read_brief(
        "Pest control contracts for schools in Nairobi. We close maybe 3 of every 10 "
        "proposals, target is 5 of 10 by December."
    )
    goal = reading.goals[0]
    assert (goal.baseline, goal.target) == ("3 of every 10", "5 of 10")


def test_who_the_buyers_are_is_no_goal_and_a_shares_of_leaves_no_stray_of() -> None:
    """ "… glamping site owners who have planning to sort" once became the map's objective
    ("planning to" as a plan), and "we convert about 12% of yard visits to a deposit and want
    20%" the goal "We convert of yard visits to a deposit"."""
    reading = read_brief(
        "We build shepherd's huts in Herefordshire. Buyers are mostly couples in their 50s or "
        "glamping site owners who have planning to sort. We convert about 12% of yard visits "
        "to a deposit and want 20%."
    )
    assert [g.text for g in reading.goals] == ["We convert yard visits to a deposit"]
    assert (reading.goals[0].baseline, reading.goals[0].target) == ("12%", "20%")


@pytest.mark.parametrize(
    ("brief", "business", "not_offered"),
    [
        ("I'm a one-man locksmith in Cork, callout is €95 and I do nights.", None, "nights"),
        ("Ours is a family Alphonso mango orchard near Ratnagiri, we sell direct to customers "
         "in Mumbai.", "family Alphonso mango orchard", "direct"),
        ("We're a community woodwork workshop. Members are mostly design students and some "
         "small makers.", None, "small makers"),
    ],
)  # fmt: skip
def test_when_or_how_it_is_sold_and_who_buys_it_are_not_what_is_sold(
    brief: str, business: str | None, not_offered: str
) -> None:
    """ "I do nights" and "we sell direct" say when and how; "some small makers" who the
    members are. Drafts once offered "nights" and were about "the direct business"."""
    reading = read_brief(brief)
    assert not_offered not in [o.text.lower() for o in reading.offering]
    if business:
        assert reading.business is not None and reading.business.text == business


def test_a_price_range_with_thousands_is_no_goal() -> None:
    """ "Jobs usually run $3,500 to $9,000" was read as a goal from $3,500 to $9,000."""
    reading = read_brief(
        "We do downsizing moves for older people in Adelaide. Jobs usually run $3,500 to "
        "$9,000. About 35% of first calls book a home visit, we want 55% in 6 months."
    )
    assert [(g.baseline, g.target) for g in reading.goals] == [("35%", "55%")]


def test_a_one_off_gets_no_come_back_stage_for_its_goal() -> None:
    """A pet cremation's goal ("partner clinics from 9 to 20") once added a stage reminding
    bereaved owners when they would "need pet cremation again"."""
    journey = draft_offline(
        "We run a pet cremation service in Boise; the vet clinic chooses us, not the owner. "
        "Want to go from 9 partner clinics to 20 by end of next year."
    )
    assert not any("again" in s.name.lower() or "come back" in s.name.lower()
                   for s in journey.stages), [s.name for s in journey.stages]  # fmt: skip


def test_a_free_service_is_never_told_to_take_a_deposit() -> None:
    journey = draft_offline(
        "We run a free volunteer tax clinic in Halifax for low-income families. About a third "
        "of people who book don't turn up. We want no-shows under 10%."
    )
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert not any("deposit" in i.lower() for i in ideas), ideas
    assert any(i.startswith("Cut no-shows: send a reminder") for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "starts"),
    [
        ("One-man emergency locksmith in Cork. I miss loads of calls when I'm on a job and by "
         "the time I ring back they've got someone else. I want to win 8 in 10 callouts.",
         "Never lose a missed call"),
        ("I restore vintage fountain pens and sell on Etsy and eBay. I can't really contact my "
         "buyers outside the marketplaces, so repeat business is luck. I want 25% repeat.",
         "Within the marketplace's rules"),
    ],
)  # fmt: skip
def test_missed_calls_and_a_marketplace_wall_get_their_own_fix(brief: str, starts: str) -> None:
    ideas = [o.description for s in draft_offline(brief).stages for o in s.opportunities]
    assert any(i.startswith(starts) for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "never"),
    [
        # "damp as soon as winter starts" gives no cause to work on: the idea asks why
        ("Mobile sauna hire in Cornwall. Our biggest problem is half the trailers come back "
         "damp as soon as winter starts. We want 90% back dry.", "Take on the cause"),
        # "babies don't follow the due date" names no party to ask why
        ("Doula service in Leeds. Babies don't follow the due date, and a third arrive while "
         "the doula we matched is at another birth.", "Talk to three babies"),
    ],
)  # fmt: skip
def test_an_idea_the_words_do_not_support_is_not_given(brief: str, never: str) -> None:
    """ "As" and "since" say when, not why; what happens is no one to talk to."""
    ideas = [o.description for s in draft_offline(brief).stages for o in s.opportunities]
    assert not any(i.startswith(never) for i in ideas), ideas


def test_a_cafe_gets_no_coffee_subscriber_for_a_persona() -> None:
    """A café is one kind of the food pack, a coffee roaster another: the roaster's bean
    subscriber is no persona of a café, though its segment says "regulars"."""
    from journey_assistant.personas import draft_personas_offline

    personas, _ = draft_personas_offline(
        "We're a small cafe in West End run mostly by Deaf staff, you order in Auslan or by "
        "pointing at the menu. Our Deaf regulars love us. We'd like weekday foot traffic up "
        "by about 30%.",
        2,
    )
    assert not any("Brewer" in p.name or "subscription" in (p.role or "") for p in personas)


def test_personas_stand_for_the_kinds_of_customer_the_brief_names() -> None:
    """Two kinds of people with different parts in the journey get a persona each, named
    for them, carrying what the brief says they do as the user's words."""
    from journey_assistant.personas import draft_personas_offline

    brief = (
        "I'm a farrier covering 40 livery yards round Harrogate. The yard owner usually books "
        "us in for the day, but each horse owner pays separately and half of them don't know "
        "we've been till the invoice lands. A fifth of invoices are unpaid after 30 days; I'd "
        "like that under 5%."
    )
    personas, _ = draft_personas_offline(brief, 2)
    assert sc.customers_met(personas, ["yard owner", "horse owner"])[0] == 1.0
    told = [b for p in personas for b in p.behaviours if b.text.startswith("In the brief")]
    assert any("books us in for the day" in b.text for b in told)
    assert all(b.provenance.value == "user" for b in told)
    # their part is what the brief says they do, and the problem is the one it is about
    yard, horse = sorted(personas, key=lambda p: "Horse" in p.name)
    assert yard.role == "The yard owner usually books us in for the day"
    assert horse.role and horse.role.startswith("Each horse owner pays separately")
    assert any("invoice lands" in f.text for f in horse.frustrations)
    assert not any("invoice lands" in f.text for f in yard.frustrations)


@pytest.mark.parametrize(
    ("brief", "business", "not_offered"),
    [
        ("im a dog walker in Hull, people book once and forget about us", "dog walker",
         "once"),
        ("Council-run ferry to a small island. Locals can't get off in summer.",
         "Council-run ferry", "off"),
        ("launderette on the east side of Leeds, service washes too. footfall is ok but "
         "washes are down", "launderette", "footfall"),
        ("I'm a piano tuner, most work comes from my Google Business Profile", "piano tuner",
         "Google Business"),
    ],
)  # fmt: skip
def test_what_the_business_is_is_not_a_platform_a_clause_or_an_adverb(
    brief: str, business: str, not_offered: str
) -> None:
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == business
    assert all(not_offered.lower() not in o.text.lower() for o in reading.offering)


@pytest.mark.parametrize(
    ("brief", "conversion"),
    [
        ("Families book a service slot even tho they'd rather ring.", "book a service slot"),
        ("People apply to adopt through a Google Form on our Facebook page.", "apply to adopt"),
        ("Cafés order by phone or thru our Onfleet link.", "order"),
    ],
)
def test_a_conversion_stops_where_its_channel_or_an_aside_begins(
    brief: str, conversion: str
) -> None:
    assert read_brief(brief).conversions[0].text == conversion


def test_dropping_off_after_a_while_is_leaving_not_a_conversion() -> None:
    reading = read_brief("Restaurants take a trial box then drop off after 2-3 weeks.")
    assert all("drop off" not in c.text for c in reading.conversions)


def test_places_and_web_addresses_are_told_apart_from_platforms() -> None:
    reading = read_brief(
        "We hire out narrowboats on the Llangollen canal. Bookings come through our website "
        "and canalholidays.com, and couriers use our Onfleet link, or thru Dockwa."
    )
    names = {c.text for c in reading.channels if c.platform}
    assert {"canalholidays.com", "Onfleet", "Dockwa"} <= names
    assert "Llangollen" not in names
    assert reading.place is not None and reading.place.text == "the Llangollen canal"


@pytest.mark.parametrize(
    ("brief", "phase"),
    [
        ("Piano tuner. Folks book once and forget about us.", "retention"),
        ("Translation agency. Our turnaround is 3 days when competitors promise 24 hours.",
         "consideration"),
    ],
)  # fmt: skip
def test_where_a_problem_bites_is_read_past_who_reported_it(brief: str, phase: str) -> None:
    problems = read_brief(brief).problems
    assert problems and problems[0].phase is not None and problems[0].phase.value == phase


def test_customers_telling_us_a_problem_is_no_recommendation() -> None:
    (problem,) = read_brief(
        "Beekeepers. Growers keep telling us they don't know how strong the hives are."
    ).problems
    assert problem.phase is None or problem.phase.value != "advocacy"


@pytest.mark.parametrize(
    ("brief", "stage"),
    [
        ("Chimney sweep in Vermont, one truck. Every fall the phone rings off the hook.", "Book"),
        ("Two vets doing farm calls in Clare; I'm the only one answering the phone.", "Book"),
    ],
)
def test_a_service_that_comes_to_you_is_booked_not_ordered(brief: str, stage: str) -> None:
    from journey_assistant.drafting import draft_offline

    journey = draft_offline(brief)
    assert any(s.name.startswith(stage) for s in journey.stages), [s.name for s in journey.stages]
    assert not any(s.name.startswith("Order") for s in journey.stages)
    reading = read_brief(brief)
    assert reading.business is None or "phone" not in reading.business.text


def test_a_brief_written_as_a_list_is_read_item_by_item() -> None:
    reading = read_brief(
        "* mobile bike servicing, Leicester\n"
        "* people book a slot on our site\n"
        "* no-shows are about 15% and it wrecks the day\n"
        "  because I drive out for nothing\n"
        "* goal: no-shows under 5%, ideally with a reminder text"
    )
    texts = [p.text for p in reading.problems]
    assert len(texts) == 1 and texts[0].startswith("no-shows are about 15%"), texts
    assert "goal" not in texts[0] and "*" not in texts[0]
    (goal,) = reading.goals
    assert (goal.baseline, goal.target) == ("15%", "5%")


@pytest.mark.parametrize(
    "brief",
    [
        "We service office lifts overnight so staff aren't disrupted, and we issue a safety "
        "certificate after every visit.",
        "Swimming teacher specialising in nervous adult beginners, lessons in a hotel pool.",
        "Free mobile library van that brings books to people who can't get to a branch.",
        "We cremate pets with the ashes returned within 72 hours in a wooden box.",
    ],
)
def test_words_that_only_look_like_trouble_are_no_problem(brief: str) -> None:
    assert read_brief(brief).problems == []


def test_what_customers_want_is_no_goal_of_the_business() -> None:
    reading = read_brief(
        "We sell seeds online. Main headache: customers email us blurry photos of seedlings and "
        "want their money back, and it takes 10 hours a week. Want to cut that by a quarter."
    )
    assert reading.problems and "seedlings" in reading.problems[0].text
    (goal,) = reading.goals
    assert goal.baseline == "10 hours a week"
    assert goal.target == "7.5 hours a week (10 hours a week cut by a quarter)"


@pytest.mark.parametrize(
    ("brief", "phase"),
    [
        ("Mobile knife sharpening. Nobody's heard of us outside the market.", "awareness"),
        ("We repair hearing aids; most wearers don't realise a repair is even an option.",
         "awareness"),
        ("Garden design. Only a fifth of the quotes we send get accepted.", "consideration"),
        ("Team chat app. Only 1 in 4 admins invites their team in the first week.", "onboarding"),
        ("Boiler servicing. Renewals are falling every year.", "retention"),
    ],
)  # fmt: skip
def test_where_more_problems_bite_is_read(brief: str, phase: str) -> None:
    problems = read_brief(brief).problems
    assert problems and problems[0].phase is not None, problems
    assert problems[0].phase.value == phase


@pytest.mark.parametrize(
    ("brief", "business"),
    [
        ("We buy, repair and resell used crates for breweries in Kent.", "used crates"),
        ("We do commercial window cleaning for offices across Leeds.",
         "commercial window cleaning"),
        ("We're a small team of qualified translators in Porto.", "qualified translators"),
    ],
)  # fmt: skip
def test_what_a_business_does_is_read_from_its_verbs(brief: str, business: str) -> None:
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == business


def test_a_business_the_pack_does_not_know_borrows_no_pack() -> None:
    """A pet cemetery whose families are sent by vets is no vet practice: the pack that matched
    words about its customers and referrers is not applied."""
    reading = read_brief(
        "We're a pet cemetery near Leeds. Most families are sent to us by their vet and we "
        "want more pet owners to find us directly."
    )
    assert reading.industry.pack == "pets_veterinary" and not reading.industry.used
    stages = " ".join(s.name for s in draft_offline(reading.text).stages).lower()
    assert "vaccination" not in stages and "consultation" not in stages


def test_a_shipping_quote_is_no_quote_to_accept() -> None:
    journey = draft_offline(
        "Online shop for aquarium plants. Cart abandonment is 70%, the shipping quote puts "
        "people off."
    )
    names = [s.name for s in journey.stages]
    assert not any("quote" in n.lower() for n in names), names
    assert any(n.lower().startswith("order") for n in names), names


def test_a_vague_offer_is_thin() -> None:
    assert read_brief("we sell a few bits online, can u do a map").thin


def test_a_refund_problem_gets_the_shapes_support_stage() -> None:
    """A problem said in words that only mean support ("refund") is placed in a support
    stage, which the map then has even where the framework has none."""
    journey = draft_offline(
        "We sell vintage lamps online across the UK. Too many arrive broken and customers "
        "want a refund, it takes us hours every week."
    )
    pains = [
        (s.name, p.description) for s in journey.stages for p in s.pain_points
        if p.provenance == Provenance.user
    ]  # fmt: skip
    assert pains and all(name.startswith(("Return", "Get help")) for name, _ in pains), pains


def test_a_journey_told_over_sentences_and_in_turns_becomes_the_stages() -> None:
    """The customer's actions and what the business does for them, across sentences, in
    order; the business's part named as the customer lives it."""
    brief = (
        "I'm a mobile piano tuner in Galway. People find me on Google or through their "
        "teacher, then they ring to book a slot. The day before I send a text reminder, and "
        "on the day I turn up and do a full tuning. I leave a care card with the next date. "
        "Most never rebook, I'd like half of them to."
    )
    steps = [s.text for s in read_brief(brief).steps]
    assert steps[:2] == ["find us on Google", "ring to book a slot"], steps
    assert "Get a text reminder" in steps and "The visit" in steps, steps
    names = [s.name for s in draft_offline(brief).stages]
    assert names.index("Ring to book a slot") < names.index("The visit"), names


@pytest.mark.parametrize(
    ("brief", "pack"),
    [
        ("We're a small paragliding tandem ride company in Wales, people book flights online "
         "and we cancel for wind a lot, so rebooking is a mess.", "travel"),
        ("I run a mobile scissor sharpening van at farmers markets in Devon.", "food_producers"),
    ],
)  # fmt: skip
def test_the_word_that_says_what_kind_of_business_it_is_decides_the_pack(
    brief: str, pack: str
) -> None:
    """'company' and 'van' say nothing of the kind; 'ride' and 'sharpening' do, and no pack
    knows them: the airline's and the bakery's content stays out."""
    industry = read_brief(brief).industry
    assert not (industry.pack == pack and industry.used), industry


@pytest.mark.parametrize(
    ("brief", "business"),
    [
        ("we are small watch repair shop in pune, people whatsapp us photos",
         "small watch repair shop"),
        ("My husband and I took over his mother's bed and breakfast business in Kerry.",
         "bed and breakfast business"),
        ("We build and hire out marquees for weddings. We have a stand at the county show.",
         "marquees"),
    ],
)  # fmt: skip
def test_what_the_business_is_is_read_however_it_is_said(brief: str, business: str) -> None:
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == business


def test_an_irish_council_gets_no_uk_only_content() -> None:
    journey = draft_offline(
        "I work for a county council in the Irish midlands. People apply for the housing "
        "adaptation grant on a paper form or our website, then wait months for a decision. "
        "We want decisions in under 12 weeks."
    )
    text = " ".join(
        [s.name for s in journey.stages]
        + [t.name for s in journey.stages for t in s.touchpoints]
        + [p.name for p in journey.personas]
    ).lower()
    assert "gov.uk" not in text and "badge" not in text, text
    assert any(s.name == "Apply for the grant" for s in journey.stages)


def test_stock_persona_lines_about_a_way_of_buying_the_business_lacks_are_left_out() -> None:
    from journey_assistant.personas import draft_personas_offline

    personas, _ = draft_personas_offline(
        "I sharpen knives and garden shears door to door around York; people text me to book "
        "a visit.",
        count=3,
    )
    said = " ".join(
        i.text for p in personas for i in [*p.frustrations, *p.behaviours, *p.needs]
    ).lower()
    assert personas and "checkout" not in said and "long forms" not in said, said


def test_a_no_show_said_as_nobody_there_gets_the_no_show_idea_and_its_cost_joins_it() -> None:
    reading = read_brief(
        "Mobile window cleaner in Hull. The annoying bit is that about 1 in 4 times nobody's "
        "there when I arrive to be paid. That's a wasted trip every time."
    )
    (problem,) = reading.problems
    assert problem.text.startswith("About 1 in 4 times nobody's there"), problem.text
    assert problem.text.endswith("that's a wasted trip every time"), problem.text
    journey = draft_offline(reading.text)
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert any(i.startswith("Cut no-shows") for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "region"),
    [
        ("Small nonprofit in Nova Scotia matching robotics mentors with school teams.", "CA"),
        ("Tandem skydives over Queensland beaches, booked on Viator.", "AU"),
        ("Falconry days near Albuquerque, vouchers sold on our site.", "US"),
    ],
)  # fmt: skip
def test_a_province_or_state_places_the_business(brief: str, region: str) -> None:
    reading = read_brief(brief)
    assert reading.region is not None and reading.region.text == region


def test_how_things_go_later_in_the_brief_is_not_what_the_business_is() -> None:
    reading = read_brief(
        "- bespoke glass keepsakes, made in our studio near Hobart\n"
        "- families post us a small amount of ashes\n"
        "- it's a very delicate process and people worry"
    )
    assert reading.business is None or "process" not in reading.business.text
    assert reading.business is None or not reading.business.text.startswith("-")


def test_what_goes_wrong_after_the_verb_is_no_part_of_the_offer_or_the_conversion() -> None:
    reading = read_brief(
        "We rent paddleboards on Lake Bled. Most people book by phone, but the people actually "
        "trying to book can't get through and go to the kiosk down the road. Replies get late."
    )
    conversions = [c.text for c in reading.conversions]
    offers = [o.text for o in reading.offering]
    assert conversions and all("can't" not in c for c in conversions), conversions
    assert all(o.lower() not in ("late", "can't get") for o in offers), offers


def test_a_pack_whose_words_only_describe_referrers_or_guests_is_not_used() -> None:
    """Session 16's review found a street-food walk drafted as a hotel ("Folios contain
    charges the guest didn't make"): the hotel words were the concierges who refer guests and
    the OTAs, none of them what the business is. A hotel that says it is one keeps its pack."""
    walk = read_brief(
        "I run guided street food walks in Old Delhi, three hours, max 10 people. Most guests "
        "book through GetYourGuide and Tripadvisor, and hotel concierges send guests too but want "
        "commission. I want 40% of bookings direct within a year."
    )
    assert walk.industry.pack == "hospitality" and not walk.industry.used, walk.industry
    hotel = read_brief(
        "We're a 40-room boutique hotel in York. Most guests book through Booking.com and we pay "
        "18% commission. I want 40% of bookings direct within a year."
    )
    assert hotel.industry.pack == "hospitality" and hotel.industry.used, hotel.industry


def test_every_development_brief_can_say_what_was_understood() -> None:
    """ "What I understood" for each of the 309 development briefs, as `journey draft` prints
    it (a shape with no words for it once crashed the command)."""
    import yaml

    root = ROOT / "evals/devsets/briefs"
    briefs = [
        case["brief"]
        for path in sorted(root.glob("dev*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    assert len(briefs) >= 300
    for brief in briefs:
        assert read_brief(brief).summary(), brief[:80]


def test_a_goals_baseline_and_limits_are_not_read_as_problems() -> None:
    """Session 16's review: "right now it is near 22%" lost to another figure as the baseline,
    "without adding another person on the counter" (what the owner will not spend) and "now it
    is only 10%" (the goal's baseline) were listed as pains."""
    coaching = read_brief(
        "We run a spoken English coaching centre in Ludhiana, 4 week batches. Students come for "
        "a free demo class and many never join. Target is to convert 40% of demo students into a "
        "paid batch, right now it is near 22%."
    )
    assert [(g.baseline, g.target) for g in coaching.goals] == [("22%", "40%")]
    hire = read_brief(
        "We hire out floor sanders and carpet cleaners in Toledo. Homeowners call with loads of "
        "questions and then never book. Goal is 30 more weekend hires a month without hiring "
        "another person for the counter."
    )
    assert [p.text for p in hire.problems] == [
        "Homeowners call with loads of questions and then never book"
    ]
    classes = read_brief(
        "I run cooking classes in Hoi An for tourists. Most book through Klook and pay 25% "
        "commission. I want 40% of bookings direct within a year, now it is only 10%."
    )
    assert not any("10%" in p.text for p in classes.problems), classes.problems
    assert [(g.baseline, g.target) for g in classes.goals] == [("10%", "40%")]


def test_a_range_said_of_how_things_are_is_no_goal() -> None:
    reading = read_brief(
        "I build custom skateboards in my garage in Fresno. Lead time is 6 to 8 weeks and people "
        "give up waiting. I want cancellations from 20% of orders to under 5% this year."
    )
    assert [(g.baseline, g.target) for g in reading.goals] == [("20%", "5%")], reading.goals


@pytest.mark.parametrize(
    ("brief", "offer", "not_offered"),
    [
        ("We run a kids' swimming school in Perth. We text parents and post on Insta but it's not "
         "making a dent in the drop-outs.", None, "dent"),
        ("We are IELTS coaching institute in Amritsar. Students take the demo and join another "
         "institute which is offering 2000 rupees less.", None, "rupees"),
        ("I guide full day and half day float trips on the Madison out of Bozeman. Most people "
         "book on FareHarbor.", "full day and half day float trips", None),
        ("I run guided street food walks in Old Delhi, max 10 people. Most book on Klook.",
         "guided street food walks", None),
        # when, or what it costs, is not what is sold
        ("Family owned equipment rental in Dayton. Homeowners rent by the week for weekend "
         "projects and call with 20 questions.", None, "week"),
    ],
)  # fmt: skip
def test_what_is_offered_is_what_the_business_does(
    brief: str, offer: str | None, not_offered: str | None
) -> None:
    offered = [o.text for o in read_brief(brief).offering]
    if offer is not None:
        assert offer in offered, offered
    if not_offered is not None:
        assert not any(not_offered in o for o in offered), offered


@pytest.mark.parametrize(
    ("brief", "region"),
    [
        ("We run free cataract camps in villages near Madurai; patients are referred by "
         "panchayat leaders.", "IN"),
        ("I'm a funeral celebrant in Tauranga, about $650 a service.", "NZ"),
        ("We hire out theatre costumes from a warehouse in Joburg, R450 a costume.", "ZA"),
        ("Stargazing nights on a station out of Alice Springs, $119 a head.", "AU"),
    ],
)  # fmt: skip
def test_the_region_is_read_from_places_beyond_the_capitals(brief: str, region: str) -> None:
    reading = read_brief(brief)
    assert reading.region is not None and reading.region.text == region, reading.region


def test_a_uk_clinic_gets_no_us_insurance_persona() -> None:
    journey = draft_offline(
        "Physio clinic, 2 sites in Leeds. GPs can't refer fast enough so we get self-pay and "
        "insurance patients (Bupa, AXA). Patients book an initial assessment on Cliniko, then "
        "most need 4-6 sessions but average is 2.3. Want avg sessions per patient to 4."
    )
    said = " ".join(p.model_dump_json() for p in journey.personas).lower()
    assert journey.personas and "deductible" not in said, said[:300]


def test_a_firm_whose_clients_answer_to_the_council_is_not_called_the_council() -> None:
    from journey_assistant.compose import nouns

    reading = read_brief(
        "We're a small ecology consultancy in Devon. We do bat and newt surveys for planning "
        "applications; the council ecologist has to sign them off. Most work comes from "
        "architects. We want quote conversion up from 35% to 50%."
    )
    assert [o.text for o in reading.offering][:2] == ["bat surveys", "newt surveys"]
    assert nouns(reading)["biz"] != "the council"


def test_numbers_tools_and_channels_are_not_read_as_steps() -> None:
    """The second blind review found "Good number of new joinees come", "Use LinkedIn to stay
    in front" and "Referrals from general contractors like Freeman" as stage names."""
    said = [
        s.text.lower()
        for brief in (
            "We run a Bharatanatyam school in Chennai, 90 students. Mostly parents pay and decide, "
            "kids attend, and good number of new joinees come from our annual show.",
            "We're a small archaeology consultancy. Enquiries come by email and phone, we quote in "
            "Excel and track jobs, and we use LinkedIn to stay in front of the agents.",
            "We build custom stands for trade fairs. Most clients find us through LinkedIn, "
            "referrals from general contractors and repeat business.",
        )
        for s in read_brief(brief).steps
    ]
    assert not any("joinees" in s for s in said), said
    assert not any(
        s.startswith(("use linkedin", "quote in excel", "referrals", "repeat")) for s in said
    )


@pytest.mark.parametrize(
    ("brief", "stages_not"),
    [
        ("We run a personal emergency alarm service for older people in Durban, a pendant or "
         "wrist button linked to our 24hr control room, R399 a month plus R650 once-off "
         "installation. The kids sign up on our website and pay by debit order. Only 55% of "
         "installs are done on the first visit; we want 85%.",
         ["a pendant", "R399", "run a personal"]),
        ("We supply and install solar water heaters in Nairobi, 150L to 300L systems from KES "
         "85,000 to 190,000 installed, customers can pay full via M-Pesa. They find us through "
         "Facebook ads, Jiji and referrals from fundis and architects, then WhatsApp us to book "
         "a site visit. Too many complain after installation; we want 1 in 10.",
         ["150L", "Jiji and referrals", "supply and install"]),
    ],
)  # fmt: skip
def test_what_the_business_is_a_price_or_a_list_of_channels_is_no_step(
    brief: str, stages_not: list[str]
) -> None:
    """Stages read "R399 a month plus R650", "A pendant or wrist button linked" and "Jiji and
    referrals from fundis": clauses of the business's own description were taken as steps."""
    from journey_assistant.drafting import draft_offline

    steps = [s.text for s in read_brief(brief).steps]
    names = [s.name for s in draft_offline(brief).stages]
    for said in stages_not:
        assert not any(said.lower() in t.lower() for t in steps + names), (said, steps, names)


def test_a_greeting_an_article_left_out_and_the_boards_target_are_read() -> None:
    reading = read_brief(
        "Hola, I am piano tuner and technician in Buenos Aires, a tuning is ARS 45.000. Most "
        "come recommended by the piano teachers, they book by WhatsApp. Right now only about "
        "20% of clients book again within 12 months."
    )
    assert reading.business is not None and reading.business.text == "piano tuner and technician"
    assert not reading.industry.used, reading.industry  # a tuner is no music teacher
    library = read_brief(
        "We're a nonprofit tool library in Portland, members are mostly renters in their late "
        "20s to 40s who join after seeing a post on the Buy Nothing groups. Right now only about "
        "35% of members renew at the 12 month mark and the board wants 55% by end of next year."
    )
    assert [(g.text, g.baseline, g.target) for g in library.goals] == [
        ("members renew at the 12 month mark", "35%", "55%")
    ], library.goals
    assert not any("renters" in p.text for p in library.problems), library.problems
    assert not any("Nothing" in o.text for o in library.offering), library.offering


def test_other_things_bought_and_debts_named_are_no_conversion() -> None:
    chimney = read_brief(
        "We're a chimney sweep in Ottawa. Customers are homeowners and people buying cottages "
        "who need a WETT report for their insurance, they book through our Jobber booking page."
    )
    assert [c.text for c in chimney.conversions][:1] == ["book"], chimney.conversions
    debt = read_brief(
        "We're a free debt advice charity helping with rent and rates arrears and buy now pay "
        "later debt. Clients book a first appointment on our freephone line."
    )
    assert [c.text for c in debt.conversions] == ["book a first appointment"], debt.conversions


def test_a_place_before_based_an_adverb_after_the_name_and_others_done_too_are_no_business() -> (
    None
):
    """ "Industry: Bengaluru", "event hire company just", a farrier selling "goats" and an
    objective "Now clients book again within to be 50% for next year" (session 18 review)."""
    duct = read_brief(
        "We are a Bengaluru based company doing kitchen exhaust duct cleaning for commercial "
        "kitchens. Site survey to PO takes 95 days and we want 40 days."
    )
    assert duct.business is None or "Bengaluru" not in duct.business.text, duct.business
    marquee = read_brief(
        "We're a family marquee and event hire company just outside Oranmore, Co. Galway. "
        "Quotes take 5 days; we want 48 hours."
    )
    assert marquee.business is not None and not marquee.business.text.endswith("just")
    farrier = read_brief(
        "I'm a qualified farrier around Cambridge, trims are $55 and I do goats, alpacas and "
        "donkeys too. Nobody can find me; I want 8 new clients a month."
    )
    assert not any(o.text == "goats" for o in farrier.offering), farrier.offering
    piano = read_brief(
        "I am piano tuner in Buenos Aires. Now maybe 20% of clients book again within 12 months "
        "and I want that to be 50% for next year."
    )
    assert [(g.text, g.baseline, g.target) for g in piano.goals] == [
        ("clients book again within 12 months", "20%", "50%")
    ], piano.goals


def test_an_offer_list_too_long_to_name_keeps_its_first_item() -> None:
    from journey_assistant.drafting import draft_offline

    journey = draft_offline(
        "We're an estate cleanout and senior move management company in Columbus, Ohio. "
        "Families book a free walkthrough on Calendly. Realtor referrals fell from 8 to 3 a "
        "month and we want 8 again."
    )
    assert not any(
        " and senior" in s.name or s.name.startswith("Choose and") for s in journey.stages
    )


@pytest.mark.parametrize(
    ("brief", "starts"),
    [
        ("We run a climbing wall in Stirling, £9 a session or £38 a month. Members leave after "
         "a couple of months because the evening slots are always full and they can't get in "
         "after work. We want churn down from 14% to 7%.",
         "Match the slots to when people want to come"),
        ("I'm a stonemason doing memorials and restoration in Fife. Written quotes are taking "
         "four weeks to go out because I'm on site all day, and families go elsewhere. I want "
         "quotes out within a week.",
         "Get quotes out in days, not weeks"),
        ("We sell cast iron woks online. People ruin them in the first week because they don't "
         "season them before first use, and the leaflet gets thrown away. We want returns down "
         "from 9% to 3%.",
         "Show people how to use it right from the first day"),
        ("My tailoring shop moved across town in March and people can't find us, Google Maps "
         "still shows the old address. I want 10 new customers a week again.",
         "Put every listing right where people look"),
        ("We make bespoke urns. Crematoriums used to send families to us but now most of them "
         "push their own range because they get commission. We want 6 referrals a month.",
         "Win back the people who refer"),
        ("We service lifts for hotels. After the quote the general manager has to approve and "
         "head office wants supplier registration, so deals sit for weeks. We want quote to "
         "order under 3 weeks.",
         "Send what the approvers need with the quote"),
        ("We dry out flooded homes; the insurer pays, and getting paid takes months because the "
         "loss adjusters want the invoice redone. We want payment within 30 days.",
         "Get paid sooner"),
        ("We host school groups at our farm park. Groups cancel late, the week before, and our "
         "deposit is only £50 however big the group. We want late cancellations under 5%.",
         "Make a late cancellation cost what it costs you"),
        ("We hire out campervans in Hobart. The handover is rushed on busy mornings, so people "
         "break down and don't know who to call. We want reviews up to 4.7.",
         "Make the hand-over count"),
        ("We make fresh goat cheese and send it to delis by courier. About 1 in 10 orders "
         "arrives damaged because "
         "the boxes get thrown around in the van. We want damaged orders under 2%.",
         "Pack it for the worst of the journey"),
        ("We sell three kinds of sauna tent. People can't tell the difference between them, so "
         "they buy the wrong one and send it back. We want swaps under 3%.",
         "Help people pick the right option"),
        ("We rebuild mobility scooter batteries. The first use goes wrong for 1 in 6 because it "
         "needs a full charge first and people don't read the leaflet. We want 1 in 30.",
         "Show people how to use it right from the first day"),
    ],
)  # fmt: skip
def test_a_stated_cause_gets_a_fix_that_answers_it(brief: str, starts: str) -> None:
    """Session 19's families: each stated problem below had another problem's fix ("Show the
    full price" for slow quotes, a prepaid return pack for misuse, "book direct" for referrers
    paid commission) or only "find out why" although the brief says why."""
    ideas = [o.description for s in draft_offline(brief).stages for o in s.opportunities]
    assert any(i.startswith(starts) for i in ideas), ideas


def test_a_cause_said_after_the_problem_goes_with_it() -> None:
    """ "Its because …" and "I think because …" give the cause of the problem before them:
    one pain, answered by the fix for that cause, not a second problem of their own."""
    reading = read_brief(
        "We sell copper kettles online. Our problem is returns once people start using it, "
        "they see marks on the base in the first week and send it back as faulty, its because "
        "they boil it dry on gas, and the care instructions are on a card nobody reads. We "
        "want returns under 4%."
    )
    assert len(reading.problems) == 1, [p.text for p in reading.problems]
    assert "nobody reads" in reading.problems[0].text
    hedged = read_brief(
        "We hire paddleboards in Whitby. Our problem is bad reviews from first-timers. I think "
        "it's because the handover is rushed when five groups arrive at once. We want 4.6 stars."
    )
    assert len(hedged.problems) == 1 and "handover" in hedged.problems[0].text, [
        p.text for p in hedged.problems
    ]


def test_a_charity_doing_free_visits_is_no_donor_journey_or_council_application() -> None:
    """A charity named by its kind only is not the donor pack; who funds it (a council, a
    government grant) is not what it is; "all free" home visits take no deposit."""
    brief = (
        "We're a small charity in Dundee doing free home safety visits for older people, a "
        "volunteer fits smoke alarms and grab rails, all free, funded by the council and a "
        "lottery grant. Around 25% of booked visits are no-shows, nobody answers the door. "
        "We want that under 10%."
    )
    reading = read_brief(brief)
    assert not reading.industry.used, reading.industry
    assert reading.sector.text != "public", reading.sector
    assert reading.has("free_service")
    journey = draft_offline(brief)
    names = " ".join(s.name.lower() for s in journey.stages)
    assert "donation" not in names and "decision" not in names, names
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert not any("deposit" in i.lower() for i in ideas), ideas


def test_after_says_when_not_why_and_a_benefit_is_no_problem() -> None:
    """ "…even after paying deposit" is no price problem, and "so people don't need to buy a
    new one" is what the business spares its customers, not a problem."""
    journey = draft_offline(
        "We restore antique rocking horses so families don't need to buy a new one. While they "
        "wait, the paint needs 6 weeks to cure, so customers worry and about 10% cancel even "
        "after paying deposit. We want cancellations under 3%."
    )
    pains = [
        p.description
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.user
    ]
    assert not any("don't need to buy" in p for p in pains), pains
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert not any(i.startswith("Show the full price") for i in ideas), ideas


def test_a_night_in_a_hut_is_no_call_out_but_a_roadside_puncture_is() -> None:
    hut = read_brief(
        "We rent heated ice huts, a sleeper hut is $520/night for an overnight stay. Guests "
        "book on FareHarbor. We want more repeat bookings."
    )
    assert hut.shape is None or hut.shape.text != "callout", hut.shape
    rescue = read_brief(
        "Mobile puncture repair for delivery riders in Leeds, we come to you when you get a "
        "flat tyre, £25 or £35 after 10pm. Riders find us in WhatsApp groups. We miss lots of "
        "calls at night. We want 30 jobs a night."
    )
    assert rescue.shape is not None and rescue.shape.text == "callout", rescue.shape


def test_a_call_out_is_agreed_on_the_call_and_a_purchase_is_named_for_its_conversion() -> None:
    """ "Online form or checkout" stood in 20 of 24 reviewed drafts' purchase stages, a
    generator that died at 2 a.m. among them."""
    callout = draft_offline(
        "24 hour emergency plumber in Cardiff, call-out fee £90. People ring or WhatsApp us "
        "when a pipe bursts. Half the night calls are missed. We want to answer 9 in 10."
    )
    names = [t.name for s in callout.stages for t in s.touchpoints]
    assert "Online form or checkout" not in names, names
    agree = next(
        s for s in callout.stages if "agree" in s.name.lower() or "quote" in s.name.lower()
    )
    assert any(t.channel.value in ("phone", "chat") for t in agree.touchpoints), agree.touchpoints
    shop = draft_offline(
        "We sell hand-thrown teapots from our studio in Bath. People book a throwing class "
        "on our website. We want 20 more classes a month."
    )
    names = [t.name for s in shop.stages for t in s.touchpoints]
    assert "Online form or checkout" not in names, names


def test_the_main_persona_wants_what_the_journey_is_for() -> None:
    """Long-tail personas had only stock goals ("Choose the option that is still right a year
    from now" for someone whose generator died at night)."""
    from journey_assistant.personas import draft_personas_offline

    personas, _ = draft_personas_offline(
        "Mobile puncture repair for motorbike riders in Nairobi, 24 hour, we come to you when "
        "you get a flat tyre, KES 500. Riders find us in WhatsApp groups. We miss lots of "
        "calls at night. We want to answer 9 in 10.",
        2,
    )
    assert personas[0].goals[0].text.startswith("Get someone there fast"), personas[0].goals
    assert not personas[1].goals or not personas[1].goals[0].text.startswith("Get someone")


def test_when_something_happens_is_not_what_is_sold() -> None:
    reading = read_brief(
        "We run a bouldering wall in Perth, £10 a session. Members leave because they can't "
        "get in after work, the evening slots are always full. We want churn under 8%."
    )
    assert not any(o.text.lower().startswith("after") for o in reading.offering), [
        o.text for o in reading.offering
    ]


# Session 20: problems said where they happen first ("the problem is on delivery: …"), from
# the dev10 briefs (evals/devsets/briefs/dev10.yaml). Before, the place was a problem of its
# own ("At the end of semester on return"), the rest split in two or three, and the phase
# came from whichever cue was longest ("before ordering" was the ordering).
@pytest.mark.parametrize(
    ("brief", "phase", "where"),
    [
        ("We collect bulky waste for the district council, £28. Our problem is on collection "
         "day itself: around 14% of collections fail because items aren't put out, are behind "
         "a locked gate, or include things we can't take like paint, because residents don't "
         "read the confirmation email.", "onboarding", "on collection day itself"),
        ("I run an office of sworn translators in Kraków. Big problem is before ordering: people "
         "do not understand if they need sworn translation or normal one, many order normal "
         "because it is cheaper, then the court refuses it and they come back angry.",
         "consideration", "before ordering"),
        ("We're a charity that trains guide dogs. The trouble is the wait between approval and "
         "getting a puppy, which can be 4-6 months, and by then about 40% have lost interest, "
         "mostly because we go quiet on them.", "onboarding",
         "the wait between approval and getting a puppy"),
        ("We drill boreholes in Abuja. Our biggest headache is after handover, maybe 3 out of 10 "
         "clients call back complaining the water is brown, but we never explained treatment "
         "at quotation so they feel cheated.", "usage", "after handover"),
        ("We make cochineal dye. The problem comes after, when they use it, customers complain "
         "the color is brown, because they use hard water.", "usage", "after, when they use it"),
    ],
)  # fmt: skip
def test_a_problem_said_where_it_happens_is_one_problem_of_that_moment(
    brief: str, phase: str, where: str
) -> None:
    problems = read_brief(brief).problems
    assert len(problems) == 1, [p.text for p in problems]
    assert problems[0].where == where
    assert problems[0].phase == Phase(phase)
    assert problems[0].text.startswith(where)


def test_the_figure_before_a_goal_after_a_located_problem_is_the_goals_baseline() -> None:
    reading = read_brief(
        "We run school transport kombis in Pretoria. The problem is renewal every term, parents "
        "don't confirm for next term until the last week so we dont know how many seats we "
        "have. Right now only about 50% reconfirm before the holidays and I want 85% confirmed "
        "two weeks before term starts."
    )
    assert len(reading.problems) == 1, [p.text for p in reading.problems]
    assert (reading.goals[0].baseline, reading.goals[0].target) == ("50%", "85%")


@pytest.mark.parametrize(
    "brief",
    [
        "We ship balikbayan boxes from Dubai, free empty box and door-to-door pickup.",
        "We handle vehicle paperwork for people in Campinas, transfer of ownership R$ 350.",
        "We give free wigs to women and kids losing their hair from chemo.",
        "We tend graves. Our customers are largely adult children who have moved away and "
        "can't visit often.",
        "gday were a two man shearing crew, we do the small lifestyle blocks the big gangs "
        "wont touch, $15 a sheep plus $120 call out.",
    ],
)
def test_what_is_sold_and_who_buys_it_are_no_problems(brief: str) -> None:
    assert read_brief(brief).problems == []


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        ("Bridal saree draping in Hyderabad, ₹4,500. The problem is during the service itself, "
         "on the wedding morning the makeup artist runs late and I get only 10 minutes instead "
         "of 40, so the drape is rushed.", "Agree the running order of the day"),
        ("We run school transport kombis. The problem is renewal every term, parents don't "
         "confirm for next term until the last week.", "a confirm-by date"),
        ("We sell vintage typewriters on Etsy. The problem is in delivery: about 1 in 10 machines "
         "arrives with a bent typebar, because carriers drop the boxes.", "Pack it for the worst"),
        ("Kimono rental in Kanazawa. The problem is at booking, many people book on Klook with "
         "pay-at-shop option and just don't come.", "Cut no-shows"),
        ("Kintsugi repairs by post. Problem is while they wait, urushi needs about 3 months to "
         "cure, so customers worry and email us many times.", "Tell people where things stand"),
        ("Shearing crew in Feilding. problem is the waiting list, Oct to Dec people wait 3-5 "
         "weeks and they book someone else.", "Show everyone on the waiting list"),
    ],
)  # fmt: skip
def test_the_idea_answers_what_is_told_after_where_it_happens(brief: str, idea: str) -> None:
    journey = draft_offline(brief)
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert any(i.startswith(idea) or idea in i for i in ideas), ideas


def test_a_known_fix_for_one_cause_stands_for_the_causes_no_fix_knows() -> None:
    journey = draft_offline(
        "We sell cochineal dye on Etsy. The problem comes after, when they use it, customers "
        "complain the color is brown, because they use hard water or no mordant and we never "
        "explain this."
    )
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert any(i.startswith("Show people how to use it") for i in ideas), ideas
    assert not any(i.startswith("Take on the cause") for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "not_a_stage"),
    [
        ("gday were a two man shearing crew out of Feilding. they text us and we put them on the "
         "list and come out to their paddock. problem is the waiting list, Oct to Dec people "
         "wait 3-5 weeks, their sheep get flystrike and they book someone else and dont tell "
         "us.", "someone else"),
        ("I run small office of sworn translators in Kraków. Clients are mostly foreigners living "
         "in Poland, they find us on Google Maps, in the Ukrainians in Kraków Facebook group and "
         "from two lawyers who send people to us. They email scans, pay by BLIK or transfer and "
         "pick up the stamped copy in our office.", "Facebook"),
        ("We rent kimonos in Kanazawa, basic plan ¥4,500, couple plan ¥9,000. They find us from "
         "Klook, book online a time slot, come to our shop and return kimono by 17:00.", "¥"),
    ],
)  # fmt: skip
def test_a_problem_a_place_or_a_price_is_no_stage(brief: str, not_a_stage: str) -> None:
    names = [s.name for s in draft_offline(brief).stages]
    assert not any(not_a_stage in n for n in names), names


def test_were_without_its_apostrophe_names_the_business_and_worth_is_no_offer() -> None:
    reading = read_brief(
        "gday were a two man shearing crew out of Feilding. we come out when we got enough jobs "
        "in the same area to make the run worth it."
    )
    assert reading.business is not None and "shearing crew" in reading.business.text
    assert not any("worth" in o.text for o in reading.offering), reading.offering


def test_after_the_service_is_its_use_and_my_is_no_offer() -> None:
    """From the blind review of round 14: "Problem is after the cleaning, …" was filed under
    finding the business, and "My company clean water tanks" made the product "My"."""
    brief = (
        "My company clean water tanks for houses in Ho Chi Minh city. Customer find us on "
        "Facebook and book by Zalo. Problem is after the cleaning, some customer say the water "
        "smell of chlorine for 1-2 days and they message angry on Zalo."
    )
    reading = read_brief(brief)
    assert [p.phase for p in reading.problems] == [Phase.usage]
    assert not any(o.text.lower() == "my" for o in reading.offering), reading.offering


def test_the_carrier_that_drops_the_boxes_is_no_customer() -> None:
    reading = read_brief(
        "We sell vintage typewriters on Etsy from Halifax. The problem is in delivery: about 1 "
        "in 10 machines arrives with a bent typebar, because carriers drop the boxes."
    )
    assert not any("carrier" in a.text.lower() for a in reading.audience), reading.audience


# Session 21: the openings people use for a problem and for what they do, from the dev11
# briefs (evals/devsets/briefs/dev11.yaml); each sentence here is new. Before, "what kills us
# is …", "main barrier is …" or "at the quoting stage, …" were no place; a place said alone
# ("Trouble starts after the first lesson.") was lost and the sentence after it read as steps.
@pytest.mark.parametrize(
    ("brief", "phase", "where"),
    [
        ("We guide sea kayak trips around Skye. What kills us is getting found - people search "
         "'kayak Skye' and get the big booking sites first, which take 20%.", "awareness",
         "getting found"),
        ("We fit stairlifts in Cork. Main barrier is trust - the older person hears a stranger "
         "wants to call round and says no thanks.", "consideration", "trust"),
        ("I teach guitar in Leeds. Trouble starts after the first lesson. By week three half "
         "of them stop practising and drop out.", "usage", "after the first lesson"),
        ("Our council runs a garden waste service. Complaints are mostly about pickups - the "
         "crews miss bins on narrow lanes.", "usage", "pickups"),
        ("We print banners for shops. At the quoting stage, people go quiet for weeks and we "
         "never hear back.", "consideration", "the quoting stage"),
    ],
)  # fmt: skip
def test_more_ways_of_saying_where_a_problem_happens(brief: str, phase: str, where: str) -> None:
    reading = read_brief(brief)
    problems = reading.problems
    assert len(problems) == 1, [p.text for p in problems]
    assert (problems[0].where, problems[0].phase) == (where, Phase(phase))
    told = problems[0].source
    assert not any(s.source and s.source in told for s in reading.steps), reading.steps


@pytest.mark.parametrize(
    ("brief", "business"),
    [
        ("We guide sea kayak trips around Skye, April to October. Most people book on our "
         "website. Want more direct bookings.", "sea kayak trips"),
        ("i resharpen kitchen knives from my shed in Hove plus a drop box at the deli, 3 day "
         "turnaround. Where it goes wrong is collection.", "resharpening kitchen knives"),
        ("Our little firm in Truro services septic tanks and does the paperwork. People ring "
         "us when it overflows, which is too late.", "servicing septic tanks"),
        ("We groom horses at their yards across Kent. Owners book on WhatsApp, half cancel on "
         "the day.", "grooming horses"),
        ("We fly drones and shoot aerial photos of farms around Taupo. Most find us on "
         "Facebook. Want more repeat buyers.", "flying drones and shooting aerial photos of farms"),
    ],
)  # fmt: skip
def test_a_business_that_says_only_what_it_does_is_understood(brief: str, business: str) -> None:
    reading = read_brief(brief)  # the business, or what it sells when that says more
    said = [o.text for o in reading.offering]
    assert business in ([reading.business.text] if reading.business else said), (said, business)
    assert not reading.thin  # a full brief gets a map, not questions


@pytest.mark.parametrize(
    "brief",
    [
        "We board dogs in Bath. Owners bring the dog on drop-off day and collect on Sunday.",
        "I coach runners online. Runners book a free 20 min call first.",
        "I empty septic tanks around Cahors and sort the inspection paperwork.",
    ],
)
def test_a_step_and_what_the_business_does_are_no_problems(brief: str) -> None:
    assert read_brief(brief).problems == []


def test_a_place_said_alone_is_told_by_the_next_sentence_up_to_its_goal() -> None:
    reading = read_brief(
        "We run evening pottery classes in Hull. Our issue is the move from taster to full "
        "course - only 20% book the full course after the taster, and we want 40%."
    )
    assert [(p.where, p.text) for p in reading.problems] == [
        ("the move from taster to full course", "only 20% book the full course after the taster")
    ]
    assert (reading.goals[0].baseline, reading.goals[0].target) == ("20%", "40%")


def test_people_lost_among_too_many_choices_get_a_short_menu_not_a_digital_record() -> None:
    journey = draft_offline(
        "We make wedding cakes in Galway, orders by Instagram DM. The sticking point is "
        "choosing - people get lost scrolling our 300 cake photos and give up. Want half of "
        "enquiries to become orders."
    )
    pains = [p for s in journey.stages for p in s.pain_points if "scrolling" in p.description]
    assert pains, "the stated problem is a pain point"
    ideas = [o.description for s in journey.stages for o in s.opportunities
             if o.addresses == pains[0].id]  # fmt: skip
    assert any("short menu" in i for i in ideas) and not any("digitally" in i for i in ideas)


@pytest.mark.parametrize(
    ("brief", "wanted", "unwanted"),
    [
        ("We're a charity running free English conversation circles in Leeds for refugees and "
         "asylum seekers. Most hear of us from caseworkers. Problem is people stop coming once "
         "they find work.", "Needs what the organisation offers", "Gives time or money"),
        ("Charity shop and fundraising team for a hospice in Kent. Problem is we need more "
         "regular donors giving monthly.", "", "Needs what the organisation offers"),
        ("I run a hoof trimming service for dairy farmers in Cheshire, booked by phone and "
         "WhatsApp. Problem is farmers book too late.", "Runs their own small business or farm",
         "Finds and compares suppliers for their organisation"),
        ("We sell lab centrifuges to university labs and hospitals; procurement needs three "
         "quotes and deals take 3 months.", "Finds and compares suppliers",
         "Runs their own small business or farm"),
    ],
)  # fmt: skip
def test_personas_stand_for_the_customers_the_brief_serves(
    brief: str, wanted: str, unwanted: str
) -> None:
    """A charity whose customers are refugees or low-income families gets personas of the
    people it serves, not donors (a fundraising brief keeps its givers); a farmer buying for
    the farm is no buying committee, a hospital's procurement is."""
    from journey_assistant.personas import draft_personas_offline

    personas, _ = draft_personas_offline(brief)
    roles = [p.role for p in personas]
    assert not wanted or roles[0].startswith(wanted), roles
    assert not any(r.startswith(unwanted) for r in roles), roles


def test_a_goal_that_cuts_what_was_just_said_by_half_names_it() -> None:
    """ "Those wasted trips cost me 5 or 6 hours a week and I want to cut that by at least
    half": the KPI is the wasted trips, from 6 hours a week to 3, not "Cut that by at least
    half" with no figures (a blind reviewer quoted it as the worst KPI of a farrier's map)."""
    reading = read_brief(
        "Farrier in Kildare. Too often I turn up and the pony's out in the field. Those wasted "
        "trips cost me 5 or 6 hours a week and I want to cut that by at least half."
    )
    goal = reading.goals[0]
    assert goal.text == "wasted trips", goal
    # session 26: "5 or 6" is kept as said (it was "6"), and so is its half
    assert goal.baseline == "5 or 6 hours a week", goal
    assert (goal.target or "").startswith("2.5 or 3 hours a week"), goal


def test_to_do_something_names_no_customers() -> None:
    """ "… for homes and small shops … I want to reduce abandoned generators by half": the
    customers are homes and small shops; "abandoned generators" once became a persona ("The
    Time-Pressed Reduce Abandoned Generator")."""
    reading = read_brief(
        "I have small workshop in Ikeja that repair generators for homes and small shops. "
        "Many customers disappear after the estimate. I want to reduce abandoned generators by "
        "half this year."
    )
    kinds = [a.text for a in reading.audience]
    assert "small shops" in kinds and not any("generator" in k for k in kinds), kinds


TYPED_ON_A_PHONE = (
    "g’day, i run a mobile dog wash van, just me. no website and i don’t take online "
    "bookings, too much faff. People love it but forget to rebook—only about 35% book again "
    "within 8 weeks. I’d like 60%."
)


def test_a_brief_with_curly_apostrophes_and_dashes_reads_as_typed_plainly() -> None:
    """Smart punctuation (a phone, a word processor) used to lose goals, problems and lacks:
    96 of 247 development briefs with an apostrophe read differently when it was curly."""
    curly = read_brief(TYPED_ON_A_PHONE)
    straight = read_brief(TYPED_ON_A_PHONE.replace("’", "'").replace("—", " - "))
    assert [g.text for g in curly.goals] == [g.text for g in straight.goals]
    assert [p.text for p in curly.problems] == [p.text for p in straight.problems]
    assert curly.lacks == straight.lacks == [Channel.website]
    # "I'd like 60%" after the figure it improves measures that figure, not "I'd like"
    assert [(g.text, g.baseline, g.target) for g in curly.goals] == [
        ("book again within 8 weeks", "35%", "60%")
    ]
    # why the owner does without online bookings is no problem customers meet
    assert not any("faff" in p.text for p in curly.problems)


def test_a_chat_edit_with_a_curly_apostrophe_keeps_its_value() -> None:
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import edit_request

    bakery = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    curly = edit_request(bakery, "rename_stage", "rename browse cakes to Kid’s party cakes")
    straight = edit_request(bakery, "rename_stage", "rename browse cakes to Kid's party cakes")
    assert curly == straight and curly is not None
    assert curly[1]["new_name"] == "Kid's party cakes", curly


def test_a_one_person_service_reads_as_the_customer_lives_it() -> None:
    """A dog wash van's brief: the first booking is the commitment ("only 35% book again" is
    coming back, no stage name for the first booking); what the owner does is the service
    ("i wash the dog in the van"), not a step of booking; what customers do is said without
    the owner's "my" and "me"; what the owner does not do and why are no actions."""
    journey = draft_offline(
        TYPED_ON_A_PHONE.replace(
            "just me.",
            "just me. owners book through "
            "my facebook page or text me and i wash the dog in the van outside.",
        )
    )
    names = [s.name for s in journey.stages]
    assert "Book" in names and "Book again" not in names, names
    booking = journey.stages[names.index("Book")]
    said = " ".join([*booking.actions, *booking.backstage_actions]).lower()
    assert "wash the dog" not in said and "faff" not in said and "dont take" not in said, said
    assert "my facebook" not in said and "text me" not in said, said
    served = [
        s for s in journey.stages if any("wash the dog" in a.lower() for a in s.backstage_actions)
    ]
    assert served and served[0].name != "Book", names


@pytest.mark.parametrize(
    ("brief", "problem"),
    [
        # a dash that goes on with the same thought keeps it whole
        ("We run evening pottery taster nights in Bristol. About 90 people came to tasters last "
         "term — but only 12 signed up for the 8-week course. We want 30.",
         "only 12 signed up"),
        ("We rent beach huts in Whitstable. issue is wind - if it's blowing a gale people cancel "
         "on the day and want their money back. Want fewer refunds.",
         "if it's blowing a gale people cancel"),
    ],
)  # fmt: skip
def test_a_dash_that_goes_on_keeps_the_problem_whole(brief: str, problem: str) -> None:
    found = [p.text for p in read_brief(brief).problems]
    assert any(problem in p for p in found), found
    assert not any(len(p.split()) < 3 for p in found), found  # no "Wind" on its own


def test_what_the_owner_would_rather_not_have_to_do_is_no_problem() -> None:
    """ "I'd like that down to 2 a month without having to nag everyone": the owner's
    condition for the goal, not a problem customers meet."""
    found = [p.text.lower() for p in read_brief(
        "Mobile piano tuner in Bath. Half the time I turn up and nobody's home, 8 of 30 visits "
        "last month. I'd like that down to 2 a month without having to nag everyone."
    ).problems]  # fmt: skip
    assert found and not any("nag" in p for p in found), found


def test_a_goal_measures_the_complaint_not_how_often_it_is_counted() -> None:
    """ "Biggest headache is owners who've forgotten I was coming, about 1 in 6 visits last
    month. I'd like that under 1 in 20.": the measure is the forgotten visits (the KPI was
    'visits last month'), and the count sizes the problem instead of standing as a second."""
    reading = read_brief(
        "Mobile cat groomer in Swindon. Biggest headache is owners who’ve forgotten I was "
        "coming, about 1 in 6 visits last month. I’d like that under 1 in 20."
    )
    assert [(g.text, g.baseline, g.target) for g in reading.goals] == [
        ("owners who've forgotten I was coming", "1 in 6", "1 in 20")
    ]
    assert [p.text for p in reading.problems] == [
        "Owners who've forgotten I was coming (about 1 in 6 visits last month)"
    ]


@pytest.mark.parametrize(
    ("brief", "offering"),
    [
        # session 26, from fresh briefs read by a blind reviewer
        ("We pump and inspect septic tanks in rural north Georgia.", "septic tank pumping"),
        ("We calibrate and service lab equipment (pipettes, balances) for NHS labs.",
         "lab equipment calibration"),
        ("we print custom labels for craft breweries, gin distilleries and candle makers.",
         "custom labels"),
        ("We do confined-space grain bin and silo cleaning for farmers.",
         "confined-space grain bin cleaning"),
        ("I run a mobile knife and garden tool sharpening van around Shropshire. Most people find "
         "me at farmers' markets, and I do a couple of garden centres at weekends.",
         "knife and garden tool sharpening"),
    ],
)  # fmt: skip
def test_what_a_trade_works_on_is_its_offering(brief: str, offering: str) -> None:
    """Work done on the customer's things is named as the service ("septic tank pumping");
    "craft breweries" are customers, not a thing crafted; "a couple of garden centres" is
    where it is sold."""
    reading = read_brief(brief)
    assert reading.offering and reading.offering[0].text == offering, reading.offering


def test_what_is_said_of_a_thing_is_no_offering_nor_a_platform_a_purchase() -> None:
    """ "the share offer document is long" offers nothing; "a Facebook buy/sell group" is
    where people find the business, not something bought."""
    solar = read_brief(
        "We're a community solar co-op. Members buy shares that fund panels on local halls. "
        "The share offer document is long and 60% of people who start the form never finish it."
    )
    assert not any("document" in o.text for o in solar.offering), solar.offering
    septic = read_brief(
        "We pump septic tanks. Homeowners find us on Google or a local Facebook buy/sell group."
    )
    assert not any("group" in c.text.lower() for c in septic.conversions), septic.conversions
    assert not any("group" in o.text.lower() for o in septic.offering), septic.offering


def test_customers_said_bare_at_a_sentence_start_are_read() -> None:
    reading = read_brief(
        "We sell used forklifts near Columbus, Ohio. Buyers are warehouse managers and small "
        "manufacturers, and leads come from MachineryTrader."
    )
    assert [a.text for a in reading.audience] == ["warehouse managers", "small manufacturers"]


def test_an_ellipsis_before_a_small_letter_does_not_end_the_sentence() -> None:
    from journey_assistant.understanding.brief import sentences

    said = "We do a walk-through, send the contract... and then crickets. Then... We wait."
    assert sentences(said) == [
        "We do a walk-through, send the contract... and then crickets",
        "Then",
        "We wait",
    ]


def test_never_hearing_again_is_a_lost_repeat_or_a_lost_sale() -> None:
    """After the service it is a repeat lost; after a quote or an offer, a sale."""
    from journey_assistant.understanding.brief import problem_phase

    assert problem_phase("I sharpen them while they wait, and then I never hear from them again")
    assert (
        problem_phase("I sharpen them while they wait, and then I never hear from them again")
        == Phase.retention
    )
    assert (
        problem_phase(
            "they get a verbal offer from us and from 3 other places and then we never hear from "
            "them again"
        )
        == Phase.consideration
    )


@pytest.mark.parametrize(
    ("brief", "personas"),
    [
        ("We run a rent-to-own scheme for violins for primary school kids in Melbourne. Parents "
         "hear about us through a flyer and sign up on our website.",
         ["The Parent Who Arranges It", "The Primary School Kid Who Uses It"]),
        ("Our app lets small farmers in Maharashtra book a tractor with operator by the hour. "
         "Most farmers hear about us from village agents and WhatsApp groups.",
         ["The Small Farmer Who Books", "The Village Agent Who Refers"]),
    ],
)  # fmt: skip
def test_who_a_service_is_for_uses_it_while_others_book(brief: str, personas: list[str]) -> None:
    """Children a scheme is *for* use it, parents who sign up arrange it; "lets small
    farmers book" names small farmers, not "Lets small farmers"."""
    from journey_assistant.drafting import draft_map

    names = [p.name for p in draft_map(brief).map.personas]
    assert names == personas


def test_a_pack_persona_about_another_occasion_is_not_lent() -> None:
    """A funeral florist gets no couple planning a wedding, though the florist pack has one;
    a brief naming no occasion rules none out."""
    from journey_assistant.drafting import draft_map

    brief = (
        "I'm a florist in Christchurch and most of my work is funeral flowers, casket sprays and "
        "wreaths. Orders come via the local funeral homes and by phone from families."
    )
    names = [p.name for p in draft_map(brief).map.personas]
    assert names and not any("Wedding" in n for n in names), names


@pytest.mark.parametrize(
    ("said", "broken"),
    [
        ("wasps when it's bees", True),
        ("'re really distressed", True),
        ("Sign-ups mostly come from home care", True),
        ("the an app", True),
        ("hire us to do", True),
        ("septic tank pumping", False),
        ("apply for the permit", False),
        ("customer's car", False),
    ],
)
def test_a_broken_phrase_is_no_name(said: str, broken: bool) -> None:
    """A phrase cut from a brief that holds a clause, a hedge, two articles or a dangling
    joining word names no product, stage or step (a blind reviewer found such fragments in
    all 16 of a fresh set's drafts)."""
    from journey_assistant.understanding.content import broken_phrase

    assert broken_phrase(said) is broken
    assert broken_phrase("hire us", step=True) is False  # a step may name the business
    assert broken_phrase("hire us") is True  # a thing may not


def test_a_business_said_by_what_was_done_is_not_named_so() -> None:
    """ "We've built an app …" names no business "the built an app", nor "the an app"."""
    from journey_assistant.drafting import draft_map

    journey = draft_map(
        "We've built an app that lets residents of apartment blocks book the shared laundry "
        "machines. Residents just... don't download it."
    ).map
    names = " ".join(s.name for s in journey.stages).lower()
    assert "built an app" not in names and "the an app" not in names, names


def test_personas_of_a_brief_that_names_no_customers_are_named_for_what_they_buy() -> None:
    """Not "The Careful Comparer" and "The Loyal Regular" of every such draft."""
    from journey_assistant.drafting import draft_map

    names = [
        p.name
        for p in draft_map(
            "I run a mobile knife and garden tool sharpening van around Shropshire. I sharpen "
            "them while they wait, and then I never hear from them again."
        ).map.personas
    ]
    assert names and all("Tool Sharpening Customer" in n for n in names), names


def test_how_to_learn_a_cause_asks_those_who_can_tell() -> None:
    """Nobody can be asked why they never heard of a service: an awareness problem is learnt
    from how customers did hear of it; a sale lost, from those who did not go ahead; a repeat
    lost, from those who did not come back (a blind reviewer quoted "ask five customers it
    happened to" for "hardly anyone knows it exists" as one of the worst lines)."""
    from journey_assistant.drafting import draft_map

    def first_idea(brief: str) -> str:
        journey = draft_map(brief).map
        for stage in journey.stages:
            for pain in stage.pain_points:
                if pain.provenance == Provenance.user:
                    return next(
                        o.description for o in stage.opportunities if o.addresses == pain.id
                    )
        return ""

    unknown = first_idea(
        "Our public library delivers books to housebound readers in Brandon, Manitoba. The "
        "honest problem is that hardly anyone knows it exists."
    )
    assert "how they first heard" in unknown, unknown
    assert "“hardly anyone knows it exists”" in unknown, unknown  # not "the honest problem …"


@pytest.mark.parametrize(
    ("brief", "region"),
    [
        ("I work in the animal services team at a district council in the Waikato.", "NZ"),
        ("We service aircon units for HDB flats and condos in Singapore.", "SG"),
    ],
)
def test_a_region_named_by_its_places(brief: str, region: str) -> None:
    """A NZ region or Singapore is read, so that a UK line ("GOV.UK 'Find your local council'
    look-up", "Tell Us Once") is not lent to a Waikato council (a blind reviewer found both)."""
    reading = read_brief(brief)
    assert reading.region is not None and reading.region.text == region


def test_a_council_outside_the_uk_gets_no_uk_lines() -> None:
    from journey_assistant.drafting import draft_map

    journey = draft_map(
        "I work in the animal services team at a district council in the Waikato. Every dog "
        "over three months old has to be registered each year by 1 July, and owners can pay "
        "online, at the service centre or at the library counters. Heaps of people who "
        "registered a puppy just don't renew the next year."
    ).map
    said = journey.model_dump_json().lower()
    assert "gov.uk" not in said and "tell us once" not in said


def test_what_people_apply_for_is_the_offering_when_nothing_else_says() -> None:
    """A district office whose brief names the voucher parents apply for, the portal, the
    problem and the goal is no thin brief: the voucher is what it provides, and a
    "Bezirksamt" is a public body (an application journey, not a gift voucher's day out)."""
    reading = read_brief(
        "We are the parking team at Bezirksamt Mitte in Berlin; residents must apply for a "
        "resident parking badge with us, mostly through the online portal but also by post. "
        "Around a third of applications are incomplete, so processing takes 5 weeks instead of "
        "2. We want incomplete applications under 10 %."
    )
    assert not reading.thin
    assert [o.text for o in reading.offering] == ["resident parking badge"]
    assert reading.sector.text == "public"


def test_no_loyal_regular_for_a_free_public_or_once_only_service() -> None:
    """ "Why should I stay if a competitor is cheaper?" belongs to a paid service people come
    back to, not to a council permit, a charity's help or a bridal hire."""
    from journey_assistant.personas import draft_personas_offline

    for brief in (
        "Council parking permits in Derby: residents apply online and 30% of applications are "
        "missing proof of address. We want that under 10%.",
        "We rent bridal jewellery sets in Lahore. Sets come back late and with missing stones "
        "and we argue about the deposit.",
        "Free debt advice charity in Hull. Clients book a first call but half never send their "
        "bank statements.",
    ):
        personas, _ = draft_personas_offline(brief, count=3)
        names = [p.name for p in personas]
        assert not any("loyal" in n.lower() for n in names), (brief, names)


def test_an_agency_places_people_and_a_wish_is_no_product() -> None:
    """ "placing live-in carers" is what an agency offers; "make mum feel at ease" and "get
    better reviews" are what it wants, and a deposit alone hires nothing out."""
    reading = read_brief(
        "We are a small agency in Penang placing live-in carers with families after a hospital "
        "stay. The son or daughter usually pays the deposit. We want to get better reviews and "
        "make mum feel at ease with the carer before she arrives."
    )
    offers = [o.text for o in reading.offering]
    assert offers == ["live-in carers"], offers
    assert reading.shape is None or reading.shape.text != "hire", reading.shape


def test_a_pack_is_used_only_where_a_reader_said_it_fits() -> None:
    """evals/devsets/briefs/packs.yaml and packs-holdout.yaml: for each long-tail brief, the
    packs a CX reader (who saw no code) would base its map on. A pack used where none was
    said to fit fills the map with another industry. Session 27, development briefs: 11 of
    146 used a pack, 6 of them where the reader said none fits (a council's pack for bulky
    waste and pest-control bookings, the industrial pack for a gasket cutter); held out: 24 of
    78, 7 wrong. Adding trade and clinic names to the packs' keywords used 5 more packs rightly
    but lowered echo, steps and channels on six development suites, so it was left out: the
    packs' stages crowd out the brief's own."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1] / "evals/devsets/briefs"
    for labels_file, briefs_files, most_wrong in (
        ("packs.yaml", ["fresh-s26-a", "fresh-s26-b", "fresh-s26-c",
                        *(f"dev{n}" for n in range(10, 14))], 6),
        ("packs-holdout.yaml", ["holdout", "holdout-people", "holdout-channels",
                                "holdout-fixes"], 7),
    ):  # fmt: skip
        labels = yaml.safe_load((root / labels_file).read_text(encoding="utf-8"))
        used = wrong = 0
        for name in briefs_files:
            for case in yaml.safe_load((root / f"{name}.yaml").read_text(encoding="utf-8")):
                guess = read_brief(case["brief"]).industry
                if guess.used:
                    used += 1
                    wrong += guess.pack not in (labels[case["id"]] or [])
        assert used and wrong <= most_wrong, (labels_file, used, wrong)


def test_a_platform_that_is_a_plain_word_needs_its_capital() -> None:
    """ "with the dog standing square", "water reed": no Square or Reed; "card payments with
    Square": the platform. What they commit by is said once."""
    reading = read_brief(
        "We build custom dog wheelchairs in Boulder; people order on our website after "
        "measuring with the dog standing square. We thatch with water reed. We take card "
        "payments with Square. Problem is 1 in 5 measure wrong."
    )
    names = [c.text for c in reading.channels]
    assert "Square" in names and "Reed" not in names, names
    assert sum(n == "Square" for n in names) == 1, names
    line = next(x for x in reading.summary() if x.startswith("They commit by"))
    assert line.count("order") == 1, line


def test_a_tradesman_working_with_reed_and_what_he_could_live_with() -> None:
    """ "a master roofer working with slate": the roofer, not "roofer working"; "a buyer's
    survey" is someone else's step, no "S survey" stage; "losing 1 in 10 would be acceptable"
    is the goal, with a third lost now."""
    brief = (
        "I'm a master roofer working with Welsh slate around Snowdonia. Jobs come when a "
        "buyer's survey flags the roof. My lead time to start is 9 months and I lose about a "
        "third of accepted quotes during that wait. Losing 1 in 10 would be acceptable."
    )
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == "master roofer"
    goals = [(g.baseline, g.target) for g in reading.goals]
    assert ("about a third", "1 in 10") in goals or ("a third", "1 in 10") in goals, goals
    assert not any("acceptable" in p.text for p in reading.problems), reading.problems
    names = [s.name for s in draft_offline(brief).stages]
    assert not any(n.lower().startswith("s survey") for n in names), names


@pytest.mark.parametrize(
    ("brief", "offer"),
    [
        ("Good afternoon. We are into marquee and chair rentals in Enugu for weddings and "
         "burials. People see our setups on Instagram, call to check the date, pay 70% before "
         "the event. Our wahala is trucks reaching site late.", "marquee and chair rentals"),
        ("Hi po, I work at the senior citizens affairs office of Cebu City, we issue the senior "
         "citizen ID. Problem is half come back 2 or 3 times because the birth certificate is "
         "not the correct format.", "senior citizen ID"),
    ],
)  # fmt: skip
def test_we_are_into_and_we_issue_say_what_is_offered(brief: str, offer: str) -> None:
    """Two briefs that answer what is offered and how people commit were refused as too thin;
    "we are into X" and "we issue X" say what the business provides."""
    reading = read_brief(brief)
    assert not reading.thin
    assert any(offer.split()[0].lower() in o.text.lower() for o in reading.offering), [
        o.text for o in reading.offering
    ]


def test_coming_back_two_or_three_times_is_trouble_applying() -> None:
    journey = draft_offline(
        "Hi po, I work at the senior citizens affairs office of Cebu City, we issue the senior "
        "citizen ID. Applicants apply at our office, pharmacies, restaurants, etc. Problem is "
        "half come back 2 or 3 times because the birth certificate is not the correct format."
    )
    names = [s.name for s in journey.stages]
    assert not any(n.lower() == "etc" for n in names), names
    stage = next(
        s for s in journey.stages for p in s.pain_points if "come back 2 or 3" in p.description
    )
    assert stage.phase is not None and stage.phase.value in ("consideration", "purchase"), stage
    ideas = [o.description for o in stage.opportunities]
    assert any(i.startswith("Show a checklist") for i in ideas), ideas


HOMESTAY = (
    "We are running family homestay in Alleppey near backwaters, 5 rooms and we arrange "
    "houseboat and village tour also. Guest are finding us from Booking.com, MakeMyTrip and some "
    "from Instagram and they are asking many questions on WhatsApp before booking. After booking "
    "they come by taxi from Kochi. Many foreign guest cancel last minute because booking site "
    "gives free cancellation. We want more direct booking."
)
COACHING = (
    "We are coaching institute in Kota for JEE and NEET preparation, classes 11 and 12. Parents "
    "find us through Justdial, Google, some school seminars and from senior students. They come "
    "for counselling session, child attends free demo class, then scholarship test and admission "
    "with fees in installments. Our demo to admission conversion is only 18 percent."
)
WINDOWS = (
    "We're a family-run window cleaning business in Harrogate with three vans. Most new "
    "customers find us on Nextdoor or from the flyers we post through doors, then they WhatsApp "
    "us for a quote and we add them to a four-weekly round. The problem is people forget we're "
    "coming, leave the side gate locked and we can't do the back windows, so we end up doing a "
    "second trip for free. We'd like to get missed backs down from 1 in 5 visits to 1 in 20."
)


def test_businesses_said_without_an_article_are_drafted_not_refused() -> None:
    """Two fresh briefs in Indian English were refused as too thin ("We are running family
    homestay", "We are coaching institute"); the coaching steps came out of order (the demo
    class read as attending classes, after the first weeks) and the homestay's conversion was
    "book they come by taxi"."""
    stay = read_brief(HOMESTAY)
    assert not stay.thin and stay.business is not None
    assert stay.business.text == "family homestay"
    assert [c.text for c in stay.conversions] == ["book"]
    assert stay.industry.used and stay.industry.pack == "hospitality"
    assert nouns(stay)["biz"] == "the family homestay"  # not "the family homestay business"

    coaching = read_brief(COACHING)
    assert not coaching.thin and coaching.business is not None
    assert coaching.business.text == "coaching institute"
    assert any("admission" in c.text for c in coaching.conversions)
    from journey_assistant.models import Phase

    stages = draft_offline(COACHING).stages
    order = [list(Phase).index(s.phase) for s in stages if s.phase is not None]
    assert order == sorted(order), [(s.name, s.phase) for s in stages]
    names = [s.name for s in stages]
    assert "Attend free demo class" in names and names.index("Attend free demo class") < next(
        n for n, name in enumerate(names) if name.startswith("Admission")
    ), names


def test_a_second_trip_for_free_is_what_goes_wrong_not_what_is_sold() -> None:
    reading = read_brief(WINDOWS)
    assert [o.text for o in reading.offering] == ["window cleaning"]
    assert not reading.has("free_service")
    assert reading.steps[0].text == "find us on Nextdoor"  # not "new customers find us…"


def test_a_page_named_for_the_event_says_what_the_event_is() -> None:
    reading = read_brief(
        "We have 4 escape room sites. Bookings are through our website on Bookeo. Problem is "
        "people get to the booking page and abandon it."
    )
    assert [(c.text, c.confidence) for c in reading.conversions][:1] == [("book", 0.7)]


# Session 31: fresh briefs where nobody buys anything (volunteers, free schemes)
HOSPICE_VOLUNTEERS = (
    "Hospice in south Wales, we need volunteers for our charity shops, inpatient unit reception "
    "and a befriending service for people at home. People mostly hear about us through the shops "
    "themselves, our Facebook page and the odd bit in the local paper. They fill in an online "
    "form, we invite them for an informal chat, then it's references and a DBS check, then an "
    "induction day. Trouble is the DBS and references take 6-8 weeks and we lose about a third "
    "of people in that gap. We want to keep them warm during the wait."
)


def test_volunteers_signing_up_get_a_volunteering_map_with_nothing_to_pay() -> None:
    """A hospice recruiting volunteers read only "fill" as a step and drafted a shop's map
    ("prices and availability", "Come back to the charity", a review link); the steps said as
    nouns after "then" are stages now, and the journey is the volunteers' own."""
    reading = read_brief(HOSPICE_VOLUNTEERS)
    steps = [s.text for s in reading.steps]
    assert steps[1:] == [
        "fill in an online form",  # the particle is no channel's "in"
        "Informal chat",  # "we invite them for an informal chat", as they live it
        "References and a DBS check",
        "Induction day",
    ], steps
    assert reading.shape is not None and reading.shape.text == "volunteering"
    journey = draft_offline(HOSPICE_VOLUNTEERS)
    text = journey.model_dump_json().lower()
    for sold in ("price", "payment", "deposit", "order the", "customer account"):
        assert sold not in text, sold
    names = [s.name for s in journey.stages]
    assert "The first shift" in names and "Keep volunteering" in names, names
    checks = next(s for s in journey.stages if s.name == "References and a DBS check")
    told = [p.description for p in checks.pain_points if p.provenance == Provenance.user]
    assert any("6-8 weeks" in p for p in told), [
        (s.name, [p.description for p in s.pain_points]) for s in journey.stages
    ]


@pytest.mark.parametrize(
    ("brief", "business", "free"),
    [
        ("I'm the community engagement officer for a volunteer fire brigade in the Adelaide "
         "Hills and we need more volunteer firefighters before next bushfire season.",
         "volunteer fire brigade", False),
        ("I'm the comms officer for a council energy team in the West Midlands running a fully "
         "funded insulation and heat pump scheme for low-income households, it costs the "
         "resident nothing.", "council energy team", True),
        ("Borehole drilling company in Pretoria East, we do siting, drilling, pump installation "
         "and water testing for houses.", "Borehole drilling company", False),
        ("I chair a neighbourhood watch in Durban North that works with our local CPF.",
         "neighbourhood watch", False),
        ("We are a tech hub in Yaba running a free 16 week software engineering bootcamp for "
         "young people, fully sponsored, no fees at all.", "tech hub", True),
    ],
)  # fmt: skip
def test_the_organisation_behind_a_role_and_a_service_nobody_pays_for(
    brief: str, business: str, free: bool
) -> None:
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == business
    assert reading.has("free_service") is free
    assert not any(p.text.lower().startswith("i'm") for p in reading.problems), reading.problems


def test_steps_named_by_nouns_need_a_then_and_no_verb() -> None:
    told = read_brief(
        "I coordinate a neighbourhood watch. To patrol they fill a form, get vetted, come to a "
        "training evening and then go on the roster. Most drop off right after the training "
        "evening."
    )
    assert [s.text for s in told.steps] == [
        "fill a form", "get vetted", "come to a training evening", "go on the roster"
    ]  # fmt: skip
    assert not any("drop off" in c.text for c in told.conversions)  # people leaving
    bootcamp = read_brief(
        "We are a tech hub in Yaba running a free 16 week software engineering bootcamp for young "
        "people. Applicants fill the application form, then do an online aptitude test."
    )
    assert bootcamp.offering[0].text == "software engineering bootcamp"


def test_nobody_is_asked_for_a_deposit_or_to_pay_where_nothing_is_paid() -> None:
    """The blind review of session 31 quoted "ask for a small deposit when people sign up to
    volunteer" (a fire brigade) and "Pays for the term or the course" (free English classes)."""
    brigade = draft_offline(
        "I'm the community engagement officer for a volunteer fire brigade in the Adelaide "
        "Hills and we need more volunteer firefighters. People put their hand up after our open "
        "day, then there's an info night, a police check, and then basic firefighter training. "
        "People see 6 weekends and pull out or never turn up to the first one."
    )
    classes = draft_offline(
        "We're a non-profit settlement agency in Winnipeg offering free English classes for "
        "refugees. First they need a language assessment appointment, then they register with "
        "us and wait for a spot in the right level class. The wait can be 3-4 months and by "
        "then lots of them have taken a survival job and never start."
    )
    for journey in (brigade, classes):
        text = journey.model_dump_json().lower()
        assert "deposit" not in text and " pays " not in text and "price" not in text
    wait = next(s for s in classes.stages if s.name.lower().startswith("wait for a spot"))
    assert not any("first weeks" in p.description for p in wait.pain_points), wait.pain_points


def test_the_step_people_never_take_gets_a_stage_and_the_problem_sits_there() -> None:
    """Session 31's blind review: the swab kits nobody sends back were filed under "Get a
    cheek swab kit" with a form-simplifying idea; the return is a moment of its own."""
    journey = draft_offline(
        "we run the student volunteer side of a stem cell donor register charity, getting 16-30 "
        "year olds to join the register. people scan a QR code, fill in the health questions "
        "online and then get a cheek swab kit in the post. problem is loads of them never send "
        "the swab back - only about 45% of kits come back. want to get that to 70%."
    )
    names = [s.name for s in journey.stages]
    assert "Send the swab back" in names, names
    back = journey.stages[names.index("Send the swab back")]
    assert names.index("Send the swab back") == names.index("Get a cheek swab kit") + 1
    told = [p for p in back.pain_points if p.provenance == Provenance.user]
    assert told and "never send the swab back" in told[0].description
    ideas = [o.description for o in back.opportunities if o.addresses == told[0].id]
    assert any("return pack" in i for i in ideas), ideas


def test_a_free_course_keeps_a_pain_where_its_stock_one_spoke_of_paying() -> None:
    """Session 31's second blind review: free English classes lost every stock line that spoke
    of paying and were left with empty stages; and a volunteers' brief that narrates its sign-up
    form is not asked when people commit."""
    journey = draft_offline(
        "We're a non-profit settlement agency in Winnipeg offering free English classes for "
        "refugees. Newcomers find us through IRCC referrals. First they need a language "
        "assessment appointment, then they register with us and wait for a spot in the right "
        "level class. The wait can be 3-4 months and lots of them never start. Right now 55% "
        "of people referred start a class, we'd like 75%."
    )
    register = next(s for s in journey.stages if s.name.lower().startswith("register with us"))
    assert register.pain_points and register.opportunities, register
    assert "pay" not in journey.model_dump_json().lower().replace("payroll", "")
    assert not read_brief(HOSPICE_VOLUNTEERS).questions


@pytest.mark.parametrize(
    ("said", "why"),
    [
        ("The wait after the assessment can be 3-4 months and by then lots of them have taken a "
         "survival job and never start", "lots of them have taken a survival job"),
        ("where we lose people is between the walkthrough and signing - siblings can't agree",
         "siblings can't agree"),
        ("people see 6 weekends and pull out", None),
        ("the courier is late - it happens a lot", None),
    ],
)  # fmt: skip
def test_a_cause_said_after_a_dash_or_with_by_then_is_the_cause(said: str, why: str | None) -> None:
    """Session 31's blind reviews quoted "(the brief does not say why)" where the brief did."""
    from journey_assistant.compose import _said_cause

    assert _said_cause(said) == why


def test_mentors_give_sessions_and_keep_a_stage_for_keeping_on() -> None:
    """Session 31's second review: student mentors got "The first shift" and no stage for the
    drop-off after 2-3 sessions (an NGO read as public dropped the retention stage)."""
    journey = draft_offline(
        "We are an NGO in Mumbai running a mentoring programme for class 9 and 10 students in "
        "municipal schools. It is completely free for students and the mentors are volunteers. "
        "We recruit mentors mostly on LinkedIn. After sign up they do an orientation and child "
        "safeguarding session, get matched and do the first session. Issue is many mentors stop "
        "after 2-3 sessions due to work travel. Only about 35% of mentors complete the full "
        "year, we want 60%."
    )
    text = journey.model_dump_json().lower()
    assert "shift" not in text and "the first class" not in text
    names = [s.name for s in journey.stages]
    assert "Keep volunteering" in names, names
    keep = journey.stages[names.index("Keep volunteering")]
    assert any("stop after 2-3 sessions" in p.description for p in keep.pain_points)


# Session 32: fresh briefs (B2B trades, services told in steps, public and member journeys)
SACCO = (
    "We are a SACCO in Kisumu with around 3,000 members, mostly boda boda riders. A rider joins "
    "through their stage chairman, pays the registration fee and monthly shares by M-Pesa, and "
    "after 6 months of saving they can apply for an asset loan for their own motorbike instead "
    "of renting from an owner. Our issue is that many members stop saving around month 2 or 3 so "
    "they never reach loan eligibility. Target is to get 60% of new members to the 6-month mark, "
    "currently it is about a third."
)


def test_a_step_said_with_one_customer_as_its_doer_is_theirs() -> None:
    """ "A rider joins …, pays the registration fee …, and after 6 months of saving they can
    apply for an asset loan …": three steps of the riders, with no offering read from "renting
    from an owner" and the share said in words as the baseline."""
    reading = read_brief(SACCO)
    steps = [s.text.lower() for s in reading.steps]
    assert steps[:3] == ["join", "pay the registration fee", "apply for an asset loan"], steps
    assert "owner" not in [o.text for o in reading.offering]
    goal = reading.goals[0]
    assert (goal.baseline, goal.target) == ("about a third", "60%"), goal


def test_a_labelled_list_of_nouns_is_the_journey() -> None:
    """ "Process: free site measurement, 3D design (2-3 revisions), quote, 10% booking amount,
    then 50% at production and balance at installation": each item is a step, a payment said
    by when it falls due is that moment, and "Want better" after a figure is a goal for it."""
    reading = read_brief(
        "We do full home interiors for new apartments in Bangalore - modular kitchens, "
        "wardrobes, TV units. Leads come from Instagram ads and from builder tie-ups at handover "
        "time. Process: free site measurement, 3D design (2-3 revisions), quote, 10% booking "
        "amount, then 50% at production and balance at installation, we promise 45 days. Many "
        "customers drop off after the 3D design stage. Our design-to-booking is maybe 20%. "
        "Want better."
    )
    steps = [s.text for s in reading.steps]
    for name in ("Site measurement", "3D design", "Quote", "Production", "Installation"):
        assert name in steps, steps
    assert "stage" not in [o.text for o in reading.offering]
    goal = reading.goals[0]
    assert (goal.text, goal.baseline) == ("better design-to-booking", "20%"), goal


def test_the_firm_a_coordinator_works_at_is_the_business_and_the_haulage_is_told() -> None:
    food = read_brief(
        "I coordinate volunteers at a food shelf in St. Paul, MN. People sign up through our "
        "VolunteerHub page, then they have to do a 1-hr orientation, then pick a shift."
    )
    assert food.business is not None and food.business.text == "food shelf"
    flowers = read_brief(
        "We run reefer trucks from farms in Naivasha and Nanyuki to JKIA for cut flower "
        "exporters. Farms usually contract us per season after a trial run, the pack house books "
        "loads on WhatsApp the afternoon before, we collect at night, keep at 2-4 degrees, and "
        "deliver to the handling agent before the cut-off for the freighters."
    )
    steps = [s.text for s in flowers.steps]
    assert steps[0] == "contract us per season", steps
    assert "Collection" in steps and "Delivery to the handling agent" in steps, steps


@pytest.mark.parametrize(
    ("brief", "not_offered"),
    [
        ("Physio clinic in Ponsonby. Lots of ACC patients come for 1 or 2 sessions then dont "
         "come back to finish their treatment plan, how do we fix this", "fix this"),
        ("Shearing contractor, Southland, run 4 gangs. Farmers book us in for main shear and "
         "crutching. Trouble is when the weather buggers up the run everyone gets pushed back and "
         "farmers get wild.", "wild"),
    ],
)  # fmt: skip
def test_a_question_or_a_feeling_is_no_offering(brief: str, not_offered: str) -> None:
    assert not_offered not in [o.text for o in read_brief(brief).offering]


def test_a_lapsed_permit_is_a_problem_at_renewal_and_a_wait_is_no_baseline_for_calls() -> None:
    permit = read_brief(
        "I'm in the comms team at a council in central Scotland. Brown bin garden waste "
        "collection became a paid permit. Residents sign up on the council website, pay by card, "
        "and get a sticker posted out. Every April/May we get thousands of calls from residents "
        "whose bins weren't emptied, and most of them just hadn't realised their permit had run "
        "out. The contact centre is swamped, we need to cut those calls."
    )
    assert any(
        "permit had run out" in p.text and p.phase == Phase.retention for p in permit.problems
    ), permit.problems
    pools = read_brief(
        "Our problem is the gap between signing and dig day - permits can take 6+ weeks in some "
        "counties and customers get anxious, call the office every other day. I'd love to cut "
        "those 'where's my permit' calls in half and stop losing signed jobs."
    )
    assert pools.goals and pools.goals[0].baseline is None, pools.goals
    assert read_brief("Physio clinic in Ponsonby, mostly ACC patients.").region.text == "NZ"


POOLS = (
    "We install fiberglass pools in the Atlanta metro and north Georgia. Typical customer finds "
    "us on Google or Facebook, comes out to the showroom in Cumming to see the shells, then we "
    "do an in-home design consult and quote (usually $65k-$95k all in). If they sign they go "
    "through financing with our lender partner, then county permits, then dig day, install, and "
    "we're done in about 8-10 weeks if the county cooperates. Our problem is the gap between "
    "signing and dig day - permits can take 6+ weeks in some counties and customers get anxious, "
    "call the office every other day, and we've had a few cancel and ask for their deposit back."
)


def test_the_told_order_holds_and_a_problem_said_of_a_step_sits_there() -> None:
    """Session 32: "a typical customer finds us …, then we do an in-home design consult and
    quote. If they sign …, then county permits": the consult is weighed up before signing (not
    "usage"), signing is a step, and "permits can take 6+ weeks" sits at "County permits"."""
    journey = draft_offline(POOLS)
    names = [s.name for s in journey.stages]
    assert (
        names.index("In-home design consult") < names.index("Sign") < names.index("County permits")
    ), names
    permits = journey.stages[names.index("County permits")]
    assert any("Permits can take 6+ weeks" in p.description for p in permits.pain_points)


def test_a_step_the_business_tells_is_written_as_the_customers_action() -> None:
    """ "we send the bottles on the night bus to Nairobi where our rider delivers": the stage's
    action is what the customer does, not the business's sentence (the critique flagged it)."""
    journey = draft_offline(
        "We are a small camel dairy near Isiolo, we sell pasteurised camel milk. Customers find "
        "us on our Facebook page. They order on WhatsApp, pay by M-Pesa and we send the bottles "
        "on the night bus to Nairobi where our rider delivers to their door next morning."
    )
    actions = [a for s in journey.stages for a in s.actions]
    assert not any(a.lower().startswith("we send") for a in actions), actions
    assert "Get the bottles on the night bus to Nairobi" in actions, actions


def test_reasons_listed_after_a_problem_are_its_causes_and_a_sponsor_commits_no_one() -> None:
    """ "only about 55% of those advised actually come. Main reasons we hear are no one to
    accompany elderly, fear of surgery, and harvest season": the causes of that problem, with
    ideas that take them on; "with … a local Rotary club as sponsor" is no conversion; a free
    camp is not asked how people get what they bought."""
    brief = (
        "We are an eye hospital trust in Madurai district that runs free cataract screening "
        "camps in villages, usually with the panchayat or a local Rotary club as sponsor. At the "
        "camp, patients who need surgery are told to come to our base hospital where surgery is "
        "free, we even provide bus. But only about 55% of those advised actually come. Main "
        "reasons we hear are no one to accompany elderly, fear of surgery, and harvest season. "
        "Target is 80% uptake."
    )
    reading = read_brief(brief)
    assert [c.text for c in reading.conversions] == []
    assert len(reading.problems) == 1 and "fear of surgery" in reading.problems[0].text
    assert not any("what they bought" in q for q in reading.questions)
    ideas = [o.description for s in draft_offline(brief).stages for o in s.opportunities]
    assert any(i.startswith("Take the fear out") for i in ideas), ideas


def test_a_check_said_after_and_is_a_step_and_a_failing_fix_is_none() -> None:
    """ "then they have to do a 1-hr orientation and a background check if they'll be working
    client-facing": two steps, without "have to"; "We send bulk SMS reminders but they are
    ignored" is a fix that fails, not a step."""
    food = read_brief(
        "I coordinate volunteers at a food shelf in St. Paul, MN. People sign up through our "
        "VolunteerHub page, then they have to do a 1-hr orientation and a background check if "
        "they'll be working client-facing, then pick a shift."
    )
    steps = [s.text for s in food.steps]
    assert "do a 1-hr orientation" in steps and "Background check" in steps, steps
    sacco = read_brief(
        SACCO.replace("Target", "We send bulk SMS reminders but they are ignored. Target")
    )
    assert not any("reminder" in s.text.lower() for s in sacco.steps), sacco.steps


def test_a_goal_pointing_back_says_what_it_counts_and_a_complaint_is_what_reviews_say() -> None:
    """ "we need to cut those calls" after "thousands of calls from residents whose bins weren't
    emptied": the goal names those calls; "Our Google reviews say the wait for photos and album
    is too long and couples keep chasing us" asks for updates before people chase, not for a
    review; "a truck arrives late" is the business running late, not a customer to remind."""
    from journey_assistant.compose import _fix_told

    permit = read_brief(
        "Every April/May we get thousands of calls from residents whose bins weren't emptied, "
        "and most of them just hadn't realised their permit had run out. The contact centre is "
        "swamped, we need to cut those calls."
    )
    assert permit.goals[0].text == "cut calls from residents whose bins weren't emptied"
    said = _fix_told(
        "our google reviews say the wait for photos and album is too long and couples keep "
        "chasing us on whatsapp"
    )
    assert said is not None and said[0].id == "status-before-chasing", said
    late = _fix_told("things get missed and a truck arrives late or short on space")
    assert late is None or late[0].id != "day-before-travel-reminder", late


def test_a_council_service_is_not_recommended_unless_the_brief_speaks_of_it() -> None:
    brief = (
        "I'm in the comms team at a council in central Scotland. Brown bin garden waste "
        "collection became a paid permit. Residents sign up on the council website, pay by card, "
        "and get a sticker posted out. Every April/May we get thousands of calls from residents "
        "whose bins weren't emptied, and most of them just hadn't realised their permit had run "
        "out. We need to cut those calls."
    )
    names = [s.name for s in draft_offline(brief).stages]
    assert not any(n.startswith("Recommend") for n in names), names
    said = draft_offline(brief + " We also want residents to recommend the scheme to neighbours.")
    assert any(s.phase == Phase.advocacy for s in said.stages), [s.name for s in said.stages]


def test_an_area_named_after_a_city_keeps_its_area_word() -> None:
    """ "in the Atlanta metro and north Georgia" is "the Atlanta metro", not "the Atlanta"."""
    said = read_brief("We install fiberglass pools in the Atlanta metro and north Georgia.")
    assert said.place is not None and said.place.text == "the Atlanta metro"
    assert read_brief("We run narrowboats in the Dales.").place.text == "the Dales"


# --- session 33: causes said after a complaint, savings and repairs shapes, fresh-s33-a ---

KISUMU_SACCO = (
    "Our SACCO in Kisumu serves boda boda riders - we do savings, asset finance for motorbikes "
    "and insurance. Members sign up at stage meetings and thru stage chairmen, contributions are "
    "daily via M-Pesa paybill. The issue is after the first 2-3 months a big share stop "
    "contributing, mostly because when business is slow or the bike breaks down they fall behind, "
    "feel ashamed, and then penalties pile up so they just disappear. We want at least 75% of "
    "members still contributing after 6 months, now its about half."
)
HEARING = (
    "Audiology practice in Sarasota FL, patients mostly 65+. They come from PCP referrals, ads in "
    "the local paper and Facebook. After fitting there's a 45 day trial and we have too many "
    "returns - about 1 in 4 return the aids, usually because they sound tinny or too loud the "
    "first weeks and they give up before getting used to them, and skip the adjustment appt. "
    "Want returns under 10%."
)


def _first_idea_for_the_brief(journey: object) -> str:
    for stage in journey.stages:  # type: ignore[attr-defined]
        for pain in stage.pain_points:
            if pain.provenance == Provenance.user:
                return next(o.description for o in stage.opportunities if o.addresses == pain.id)
    raise AssertionError("no stated problem on the map")


def test_a_cause_said_after_the_complaint_chooses_the_idea() -> None:
    """ "stop contributing, mostly because when business is slow … they fall behind": the cause
    (falling behind) is answered, and "business is slow" is slack trade, not a slow service;
    "1 in 4 return the aids, usually because … they give up": the count says how often, the
    cause what to fix (no "make it easy to return the aids")."""
    sacco = _first_idea_for_the_brief(draft_offline(KISUMU_SACCO))
    assert sacco.startswith("Help people keep up before they fall behind"), sacco
    hearing = _first_idea_for_the_brief(draft_offline(HEARING))
    assert hearing.startswith("Check in early"), hearing
    assert "return the aids" not in hearing


def test_cos_gives_a_cause_and_new_idea_families_answer_their_complaints() -> None:
    told = {
        "Implants need 2 trips and like 30% never come back for the second phase, usually cos "
        "they're nervous about crossing again": "Take the fear out",
        "Loads of cases get reopened cos the operative treats the mould but nobody fixes the "
        "cause": "Fix it right the first time",
        "Around 20% of our final invoices get disputed on hire weeks": "Agree in writing what is "
        "charged",
        "Farmers hire us once for a small area as a test but most dont come back for the full "
        "safra": "Go through the results of the first small job",
        "After the program ends only around 20% continue on the monthly plan": "Show people the "
        "progress",
        "Most growers barely use the dashboard, mostly because nobody trains the crop manager": (
            "Show people how to use it"
        ),
    }
    for problem, idea in told.items():
        journey = draft_offline(f"We run a small business in Leeds. {problem}.")
        assert _first_idea_for_the_brief(journey).startswith(idea), (problem, journey.stages)


def test_shares_said_in_words_with_how_near_are_baselines() -> None:
    """ "under a third open checking …" and "now its about half" say where things stand."""
    sacco = read_brief(KISUMU_SACCO)
    assert [(g.baseline, g.target) for g in sacco.goals] == [("about half", "75%")]
    union = read_brief(
        "We're a community credit union in Eau Claire, WI, around 28k members. New members mostly "
        "join for auto loans through our dealer partners. The problem is they never become "
        "primary members - they pay the loan and that's it, under a third open checking or set "
        "up direct deposit within 90 days. Goal is 50% with primary checking in the first 90 days."
    )
    assert [(g.baseline, g.target) for g in union.goals] == [("under a third", "50%")]
    assert union.region is not None and union.region.text == "US"  # "Eau Claire, WI"
    assert union.industry.pack == "banking" and union.industry.used
    assert union.problems[0].phase != Phase.support  # "The problem is" names no support moment


def test_the_length_of_a_term_is_no_problem() -> None:
    """ "After fitting there's a 45 day trial" and "terms usually 30-45 days credit" say how the
    business works; "only 20% continue after the 2-month program" is still a problem."""
    assert [p.text[:24] for p in read_brief(HEARING).problems] == ["we have too many returns"]
    boxes = read_brief(
        "we r corrugated box manufacturer in Bhiwandi. after we send samples many clients just "
        "dont reply, only approx 15% of sample requests become first PO. target is 30%. terms "
        "usually 30-45 days credit, payment by NEFT."
    )
    assert not any("credit" in p.text for p in boxes.problems), boxes.problems
    gym = read_brief("Personal gym in Osaka. Only 20% continue after the 2-month program.")
    assert gym.problems


def test_a_savings_cooperative_saves_falls_behind_and_borrows() -> None:
    """A SACCO is no gym: members join, make their first contributions, save, catch up when
    they fall behind (the brief says they do) and borrow; its name is the SACCO."""
    reading = read_brief(KISUMU_SACCO)
    assert reading.shape is not None and reading.shape.text == "savings"
    assert reading.business is not None and reading.business.text == "SACCO"
    names = [s.name for s in draft_offline(KISUMU_SACCO).stages]
    assert names[:4] == [
        "Hear about the SACCO", "Sign up at stage meetings", "The first contributions",
        "Save regularly",
    ], names  # fmt: skip
    assert any(n.startswith("Fall behind") for n in names) and "Borrow and repay" in names
    assert not any(n in ("Try the savings business", "Renew or leave") for n in names)
    calm = KISUMU_SACCO[: KISUMU_SACCO.index("The issue")] + "We want 500 more members this year."
    assert not any(s.name.startswith("Fall behind") for s in draft_offline(calm).stages)


def test_a_landlords_repairs_service_is_reported_dated_visited_and_checked() -> None:
    brief = (
        "Housing association in Greater Manchester, ~9,000 homes. Tenants report repairs mostly "
        "by phone, some through the portal. The issue is damp and mould cases - loads of cases "
        "get reopened cos the operative treats the mould but nobody fixes the cause, so it's "
        "back in a few weeks. Repeat reports on about 35% of damp jobs. Want that under 10%."
    )
    reading = read_brief(brief)
    assert reading.shape is not None and reading.shape.text == "repairs"
    assert [o.text for o in reading.offering] == ["repairs"]  # not "Housing association"
    assert not any("commits" in q or "what they bought" in q for q in reading.questions)
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert names[:5] == [
        "Something needs fixing", "Report the repair", "Get a date", "Wait for the visit",
        "The repair",
    ], names  # fmt: skip
    again = journey.stages[names.index("Report it again")]
    assert any(p.provenance == Provenance.user for p in again.pain_points)
    assert not any(n.startswith(("Discover", "Recommend", "Choose")) for n in names)


def test_a_journey_told_in_four_steps_outweighs_a_sure_pack() -> None:
    brief = (
        "Dental clinic in Tijuana, we do implants mostly for patients from San Diego. They find "
        "us in Facebook groups, send their x-rays on WhatsApp and we give a quote, then they "
        "cross the border for the first visit."
    )
    reading = read_brief(brief)
    assert reading.industry.used  # the healthcare pack still lends its content
    assert [s.text for s in reading.steps] == [
        "find us", "send their x-rays on WhatsApp", "Get a quote", "cross the border",
    ]  # fmt: skip
    names = [s.name for s in draft_offline(brief).stages]
    assert names.index("Get a quote") < names.index("Cross the border"), names
    assert "Symptom search" not in names


def test_what_is_sold_and_installed_and_what_a_hire_firm_hires() -> None:
    sensors = read_brief(
        "We sell + install wireless climate sensors and a grower dashboard for glasshouse growers "
        "in the Westland. Problem is after install most growers barely use the dashboard."
    )
    assert [o.text for o in sensors.offering] == ["wireless climate sensors", "grower dashboard"]
    assert "We sell + install" in sensors.text  # quoted as written
    brief = (
        "Scaffold hire & erect, Brisbane and Gold Coast. Customers are builders and roofers. "
        "Biggest headache is the end of the job - off-hire and dismantle. Around 20% of our "
        "final invoices get disputed on hire weeks. Want disputes under 5%."
    )
    reading = read_brief(brief)
    assert [o.text for o in reading.offering] == ["scaffold"]
    assert [p.where for p in reading.problems] == ["the end of the job - off-hire and dismantle"]
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert "Delivery of the scaffold" in names and "Pick up the scaffold" not in names, names
    at = journey.stages[names.index("Return the scaffold")]
    assert any(p.provenance == Provenance.user for p in at.pain_points), names


def test_where_customers_come_from_is_how_they_hear_of_the_business() -> None:
    """ "They come from PCP referrals": how people first hear of the practice, said as their
    doing at the start ("Hear of us from PCP referrals"), not "Come from …" after the sale."""
    reading = read_brief(HEARING)
    heard = [d for d in reading.details if d.text == "Hear of us from PCP referrals"]
    assert heard and heard[0].phase == Phase.awareness, reading.details
    journey = draft_offline(HEARING)
    assert "Hear of us from PCP referrals" in journey.stages[0].actions
    actions = [a for s in journey.stages for a in s.actions]
    assert not any(a.lower().startswith("come from") for a in actions), actions


def test_a_firm_selling_to_firms_renews_rather_than_comes_back() -> None:
    journey = draft_offline(
        "We sell + install wireless climate sensors and a grower dashboard for glasshouse growers "
        "in the Westland. Leads come from GreenTech Amsterdam and our dealer network. At the end "
        "of the contract year they cancel. We want 70% of growers to renew."
    )
    names = [s.name for s in journey.stages]
    assert "Renew or buy again" in names and not any(n.startswith("Come back") for n in names)
    renew = journey.stages[names.index("Renew or buy again")]
    assert any(p.provenance == Provenance.user for p in renew.pain_points), names


def test_a_price_in_another_countrys_money_and_the_owners_asides_stay_out() -> None:
    """A Wisconsin credit union gets no "£200 to switch" from the banking pack; "mostly tomato
    and sweet pepper" and "reckon we convert maybe a quarter" are no customer's doing."""
    union = draft_offline(
        "We're a community credit union in Eau Claire, WI, around 28k members. New members "
        "mostly join for auto loans through our dealer partners. Goal is 50% with primary "
        "checking in the first 90 days."
    )
    said = " ".join(
        line for s in union.stages for line in [*s.thoughts, *s.actions, s.customer_goal or ""]
    )
    assert "£" not in said, said
    growers = read_brief(
        "We sell + install climate sensors for glasshouse growers in the Westland, mostly tomato "
        "and sweet pepper. Reckon we convert maybe a quarter of demos. Want 40%."
    )
    assert not any(d.text.lower().startswith(("mostly", "reckon")) for d in growers.details)


def test_a_firm_buying_for_itself_is_not_asked_whether_anyone_near_does_it() -> None:
    """Generic stages speak the sector's language: a firm looks for a supplier it can trust
    and vouches to a peer; a council's residents ask whether a service applies to them; a
    maker's goods are what it makes ("corrugated box manufacturer": corrugated boxes)."""
    firm = draft_offline(
        "We sell + install wireless climate sensors and a grower dashboard for glasshouse "
        "growers in the Westland. At the end of the contract year they cancel."
    )
    said = " ".join(t for s in firm.stages for t in s.thoughts)
    assert "anyone near me" not in said and "a business like ours" in said, said
    assert any("reference" in p.description for s in firm.stages for p in s.pain_points)
    boxes = read_brief(
        "we r corrugated box manufacturer in Bhiwandi, supply to D2C brands and ecom sellers. "
        "only approx 15% of sample requests become first PO. target is 30%."
    )
    assert [o.text for o in boxes.offering] == ["corrugated boxes"]
    assert boxes.sector.text == "b2b"


def test_how_a_business_sells_says_nothing_of_what_it_is() -> None:
    """ "services forklifts … on annual contracts … renewals": contracts and renewals are how
    any trade sells, so no software pack; its engineers arriving without the right parts is a
    fix-it-first-time problem, not customers forgetting what to bring."""
    brief = (
        "We're a family firm in Rotterdam that services forklifts for warehouses on annual "
        "contracts. Most clients come thru our dealer network. About one in five don't renew "
        "because our engineers turn up without the right parts, so the truck sits idle for days. "
        "Want renewals at 90%."
    )
    assert not read_brief(brief).industry.used
    journey = draft_offline(brief)
    assert not any(s.name.startswith("QBR") for s in journey.stages)
    assert _first_idea_for_the_brief(journey).startswith("Fix it right the first time")


# --- session 34: figures said in words, told journeys, stock touchpoints, fresh-s34-a ---


@pytest.mark.parametrize(
    ("goal", "earlier", "figures"),
    [
        ("Want to get that to at least half.", "only about 1 in 5 reports turn into an order.",
         ("1 in 5", "at least half")),
        ("we wanna hit 80.", "Only around 60 per cent renew for next winter,",
         ("60 per cent", "80%")),
        ("We'd like it under 8%.", "like one in five new customers cancel before month three.",
         ("one in five", "8%")),
        ("Goal: maximum 1 in 5 stands with late changes.",
         "nearly every second stand gets last minute changes.", ("1 in 2", "1 in 5")),
        ("Want to halve that.", "maybe 40-ish percent of enquiries come too late.",
         ("40-ish percent", "20% (half of 40-ish percent)")),
        # the figure said of what the goal wants, not the nearest one
        ("We'd want nearly all to come, say 80%.",
         "maybe 40% come, mainly because we only tell them on the phone so half of them forget.",
         ("40%", "80%")),
    ],
)  # fmt: skip
def test_a_goals_figures_said_in_words_are_read(
    goal: str, earlier: str, figures: tuple[str, str]
) -> None:
    """ "one in five", "every second stand", "40-ish percent", "at least half", a bare "80"
    after "60 per cent": the baseline and target of the goal, as written."""
    assert goal_figures(goal, earlier) == figures
    assert quantities("we go every second week") == []


def test_the_goal_said_after_its_figure_names_what_it_measures() -> None:
    """ "Want to get that to at least half" measures the reports that turn into orders;
    "…, say 80%" after the goal is its target."""
    doors = read_brief(
        "We do fire door inspections for housing associations. Only about 1 in 5 reports turn "
        "into a remedial order. Want to get that to at least half."
    )
    assert doors.goals[0].text.startswith("reports turn into a remedial order")
    assert (doors.goals[0].baseline, doors.goals[0].target) == ("1 in 5", "at least half")
    parish = read_brief(
        "Parents book a baptism at the parish office. Loads dont turn up to the prep night, "
        "maybe 40% come. We'd want nearly all to come, say 80%."
    )
    assert (parish.goals[0].baseline, parish.goals[0].target) == ("40%", "80%")


MANILA_AIRCON = (
    "Hi po! We have aircon cleaning and repair service in Metro Manila (QC, Pasig, Makati). "
    "Customers see our posts on our FB page and in condo community groups, then they chat us on "
    "Messenger, we send the rates, they pick a date, then our technician goes to their unit, "
    "cleans and they pay thru GCash or cash. Our problem is on the day itself, around one in "
    "four bookings gets moved or cancelled same day. Hope to bring it down below 10%."
)


def test_a_greeting_hides_neither_the_business_nor_the_journey() -> None:
    """ "Hi po!" before "We have aircon cleaning and repair service" leaves the business to
    read; the told journey starts with the posts people see, picking a date is the
    commitment, and the technician's visit is the day the problem happens on."""
    reading = read_brief(MANILA_AIRCON)
    assert reading.business_text == "aircon cleaning and repair service"
    assert [s.text for s in reading.steps][0] == "see our posts"
    journey = draft_offline(MANILA_AIRCON)
    names = [s.name for s in journey.stages]
    assert names[0] == "See our posts" and "On the day of the visit" not in names
    visit = journey.stages[names.index("The visit to their unit")]
    assert any(p.provenance == Provenance.user for p in visit.pain_points)
    assert _first_idea_for_the_brief(journey).startswith("Remind people the day before")
    assert (reading.goals[0].baseline, reading.goals[0].target) == ("one in four", "10%")
    pay = journey.stages[names.index("Pay")]
    assert [t.name for t in pay.touchpoints][0] == "GCash"


DUBAI_PETS = (
    "We do pet relocation out of the UAE, mostly expats moving back to the UK. They find us in "
    "expat FB groups like Dubai Dog Owners or on Dubizzle and Google, fill our enquiry form, then "
    "we do a call, then vet visit for microchip + rabies vaccine, then the blood test for titer, "
    "then export permit from MOCCAE, airline booking, and we drop the pet at DXB cargo. Problem: "
    "maybe 40-ish percent of enquiries come less than 6 weeks before they fly. Want to halve that."
)


def test_a_journey_told_step_by_step_keeps_its_middle() -> None:
    """No "Get started" is put between the told steps; steps said as nouns after "then"
    ("export permit from MOCCAE", "airline booking") are steps; the business is named for
    what it does, not for where it flies from; a one-off move asks for no coming back; and
    the phase's stock pair of touchpoints is not pasted on every told step."""
    journey = draft_offline(DUBAI_PETS)
    names = [s.name for s in journey.stages]
    assert "Get started" not in names
    assert {"Export permit", "Airline booking", "Vet visit"} <= set(names), names
    assert not any("UAE" in n for n in names) and not any(n.startswith("Come back") for n in names)
    stock = [
        t.name for s in journey.stages for t in s.touchpoints if t.provenance != Provenance.user
    ]
    told = journey.stages[names.index("Vet visit") :]  # one way each, not the stock pair
    assert all(len(s.touchpoints) == 1 for s in told), [s.touchpoints for s in told]
    assert stock.count("Customer account") <= 1, stock


def test_where_people_hear_of_a_business_is_where_the_brief_says() -> None:
    """Named ways in ("tenders on Contracts Finder plus word of mouth") leave no room for
    "Search results for …" or a second word-of-mouth touchpoint; a small firm is named for its
    trade."""
    journey = draft_offline(
        "We're a small firm in Wakefield doing fire door inspections for housing associations. "
        "Most work comes thru tenders on Contracts Finder plus word of mouth from facilities "
        "managers. Only about 1 in 5 reports turn into a remedial order. Want at least half."
    )
    first = journey.stages[0]
    assert [t.name for t in first.touchpoints] == ["Word of mouth", "Contracts Finder"]
    assert "small firm" not in first.name and "inspection firm" in first.name


LAGOS_DONORS = (
    "Good day. We are an NGO in Lagos running voluntary blood donation drives together with the "
    "Lagos State Blood Transfusion Service. We announce through church bulletins, WhatsApp "
    "broadcast and a slot on Wazobia FM, donors register at the venue, they do screening, then "
    "donate. Our wahala is that first time donors do not come back for a second donation, barely "
    "1 in 10 return. Many of them were deferred at screening and nobody explained anything to "
    "them, others never hear what happened to their blood. We want 30% of first timers to "
    "donate again within 6 months."
)


def test_what_lies_behind_a_problem_told_next_chooses_its_idea() -> None:
    """ "Many of them were deferred …, others never hear what happened to their blood" says
    why first-time donors do not come back: it joins that problem and chooses its idea; the
    goal of donating again is measured where people come back; a radio station is named
    whole and a public body is no website."""
    reading = read_brief(LAGOS_DONORS)
    assert len(reading.problems) == 1 and "many of them" in reading.problems[0].text
    assert reading.goals[0].phase == Phase.retention
    named = {c.text: c.channel for c in reading.channels}
    assert named.get("Wazobia FM") == Channel.broadcast and "Lagos State" not in named
    idea = _first_idea_for_the_brief(draft_offline(LAGOS_DONORS))
    assert idea.startswith("Tell people what happened to their blood"), idea


LAHORE_EYE_CAMPS = (
    "Assalam o alaikum. We are a charity trust running free eye camps in villages around "
    "Lahore. Announcement is through mosque loudspeaker, Lady Health Workers and local cable, "
    "patients come for screening, get glasses, and those with cataract are referred to our "
    "partner hospital in Lahore for free surgery. Only about a third of referred patients "
    "actually come for surgery. Mostly the elderly cannot travel alone, the son has to take off "
    "from work and travel is 1,500-2,000 rupees. Target is 70%."
)


def test_a_step_only_some_take_gets_its_stage_and_the_reasons_their_idea() -> None:
    """ "Only about a third … actually come for surgery" gets a "Come for surgery" stage after
    the referral, with the problem on it and getting there as the idea; the village's own
    channels are read (loudspeaker, health workers, local cable) and "surgery" is no place."""
    reading = read_brief(LAHORE_EYE_CAMPS)
    kinds = {c.text.lower(): c.channel for c in reading.channels}
    assert kinds.get("mosque loudspeaker") == Channel.broadcast
    assert kinds.get("lady health workers") == Channel.partner and "surgery" not in kinds
    journey = draft_offline(LAHORE_EYE_CAMPS)
    names = [s.name for s in journey.stages]
    surgery = journey.stages[names.index("Come for surgery")]
    assert any(p.provenance == Provenance.user for p in surgery.pain_points)
    assert _first_idea_for_the_brief(journey).startswith("Make getting there part of the service")


def test_who_helps_out_where_and_who_is_no_kind_of_customer() -> None:
    """ "I help out in the parish office" is the parish office; "theyre meant to come to a
    preparation evening" is a step; "Folks", "because clients" and "one in five new
    customers" name no kind of customer."""
    parish = read_brief(
        "Hi, I help out in the parish office in a parish in Dublin 15. Parents ring the office "
        "or fill in the form on the parish website to book a baptism, then theyre meant to come "
        "to a preparation evening before the date. Loads dont turn up to the prep night."
    )
    assert parish.business_text == "parish office"
    assert [s.text for s in parish.steps] == ["ring the office", "come to a preparation evening"]
    pools = read_brief(
        "We're a weekly pool service in Mesa. Homeowners find us on Nextdoor, call or text for a "
        "quote, then we do a first visit where we usually do an acid wash, then they go on a "
        "weekly route. Like one in five new customers cancel before the third month."
    )
    assert [a.text for a in pools.audience] == ["homeowners"]
    assert "First visit" in [s.text for s in pools.steps]
    labels = read_brief(
        "We print labels for mezcal brands in Oaxaca. It takes 3 weeks because clients send their "
        "logo as a WhatsApp photo. Folks find us on Instagram."
    )
    assert [a.text for a in labels.audience] == ["mezcal brands"]


def test_a_membership_is_tried_only_where_the_brief_says_so() -> None:
    """A season's snow clearing signed up for in September has no "Try …" stage; a gym with
    a free trial keeps one."""
    snow = draft_offline(
        "We do residential snow removal in Calgary. Folks find us on Kijiji, fill the form on "
        "our site, sign up for the season in Sept and pay by e-transfer. Only around 60 per cent "
        "renew for next winter, we wanna hit 80."
    )
    assert not any(s.name.startswith("Try") for s in snow.stages), [s.name for s in snow.stages]
    renew = next(s for s in snow.stages if s.phase == Phase.retention)
    assert any(k.provenance == Provenance.user for k in renew.kpis)
    gym = draft_offline(
        "Small climbing gym in Leeds with monthly memberships. People come for a free taster "
        "session, but only a third join. Want half."
    )
    tried = [s.name for s in gym.stages if s.name.startswith("Try") or "taster" in s.name]
    assert tried, [s.name for s in gym.stages]  # "Come for a free taster session", its words


def test_the_two_moments_a_problem_falls_between_get_stages() -> None:
    """ "Between design approval and build" puts both moments on the map, the problem at the
    first; "It happens because … the CEO sees it only late" is its cause and chooses the idea
    (everyone who decides sees the design early); "come by recommendation" is how clients
    hear of the firm. Months are no moments."""
    stands = draft_offline(
        "We are a Messebau company near Frankfurt, we design and build custom exhibition stands "
        "for machine builders. Clients come by recommendation and LinkedIn. Biggest problem is "
        "between design approval and build: nearly every second stand gets last minute changes. "
        "It happens because the marketing manager approves the design but the CEO sees it only "
        "late. Goal: maximum 1 in 5 stands with late changes."
    )
    names = [s.name for s in stands.stages]
    assert names.index("Design approval") < names.index("Build"), names
    approval = stands.stages[names.index("Design approval")]
    assert any(p.provenance == Provenance.user for p in approval.pain_points)
    assert _first_idea_for_the_brief(stands).startswith("Get everyone who decides")
    assert [t.name for t in stands.stages[0].touchpoints] == ["By recommendation", "LinkedIn"]
    season = draft_offline(
        "We run kayak tours in Cork between April and September. Only 1 in 4 enquiries book."
    )
    assert not any(s.name in ("April", "September") for s in season.stages)


def test_a_range_is_a_baseline_and_how_a_quote_is_sent_is_no_object() -> None:
    """ "takes 5-6 days now … Goal is quote within 48h": the range is today's figure (a term
    of credit is not); "then we quote on WhatsApp" is getting a quote, and "some export to
    US" says who the brands are, not a step."""
    assert goal_figures("Goal is quote within 48h.", "Sending a price takes 5-6 days now.") == (
        "5-6 days",
        "48h",
    )
    assert quantities("terms usually 30-45 days credit") == []
    labels = read_brief(
        "Hola, we are a label printing shop in Oaxaca, we print labels for mezcal palenques and "
        "small brands, some export to US. They find us on Instagram and by recomendation, then "
        "we quote on WhatsApp. Proofs take 3 weeks. We want to deliver in 1 week."
    )
    assert [s.text for s in labels.steps] == ["find us", "Get a quote"]


def test_a_second_goal_borrows_no_figure_of_the_first() -> None:
    """ "reopened jobs under 10% and tenant satisfaction up to 80%": satisfaction has no
    baseline of its own, so it is not given the 35% of reopened repairs; "Goals:" and "Also
    want" lead goals in too."""
    joined = read_brief(
        "We are a housing association in Leeds. Tenants report repairs by phone. About 35% of "
        "damp repairs get reopened. We want reopened jobs under 10% and tenant satisfaction "
        "with repairs up to 80%."
    )
    assert [(g.baseline, g.target) for g in joined.goals] == [("35%", "10%"), (None, "80%")]
    listed = read_brief(
        "Housing association, 4000 homes. Repairs reported by phone; 35% of damp jobs "
        "reopened. Goals: reopened under 10%. Also want satisfaction at 80%."
    )
    assert [g.text for g in listed.goals] == ["reopened under 10%", "satisfaction at 80%"]
    assert [g.baseline for g in listed.goals] == ["35%", None]


def test_told_steps_of_one_phase_say_the_stock_lines_once() -> None:
    """Vet visit, blood test and export permit are each their own moment, not three copies of
    "Uses pet relocation / Judges whether it was worth it"; a step's action goes on the
    step's own stage; "so they either pay a lot for boarding here or cancel" is no
    commitment."""
    journey = draft_offline(DUBAI_PETS + " So they either pay a lot for boarding here or cancel.")
    names = [s.name for s in journey.stages]
    told = journey.stages[names.index("Vet visit") :]
    goals = [s.customer_goal for s in told]
    assert len(set(goals)) == len(goals), goals
    lines = [line for s in told for line in [*s.actions, *s.thoughts]]
    assert len(set(lines)) == len(lines), lines
    assert journey.stages[names.index("Airline booking")].actions == ["Airline booking"]
    assert not any("boarding" in n for n in names)


def test_no_coming_back_is_pasted_on_where_nothing_says_anyone_comes_back() -> None:
    """A one-off exhibition stand, told with no word of repeat business, has no "Renew or buy
    again" stage; a brief that speaks of regulars keeps its way back."""
    stands = draft_offline(
        "We design and build custom exhibition stands near Frankfurt for machine builders. "
        "Clients come by recommendation and LinkedIn. Between design approval and build nearly "
        "every second stand gets last minute changes. Goal: maximum 1 in 5."
    )
    assert not any(s.phase == Phase.retention for s in stands.stages), [
        s.name for s in stands.stages
    ]
    cafe = draft_offline(
        "Small vegan cafe in Bristol, most of our trade is regulars who come in every week. "
        "New people rarely come back. Want 30% of first-timers back within a month."
    )
    assert any(s.phase == Phase.retention for s in cafe.stages)


def test_owners_are_named_as_the_sector_names_its_teams() -> None:
    """A parish office has no Sales team, and blood donors are no fundraising journey."""
    donors = draft_offline(LAGOS_DONORS)
    owners = {o for s in donors.stages for o in [*s.owners, *(p.owner for p in s.opportunities)]}
    assert "Sales" not in owners and "Fundraising" not in owners, owners
    parish = draft_offline(
        "I help out in the parish office in a parish in Dublin 15. Parents ring the office to "
        "book a baptism. Loads dont turn up to the prep night, maybe 40% come."
    )
    owners = {o for s in parish.stages for o in s.owners}
    assert "Sales" not in owners and "Marketing" not in owners, owners


def test_a_report_nobody_can_act_on_gets_a_one_page_summary() -> None:
    """ "…mainly cos the report is a 60 page PDF … the FM cant tell which doors are actually
    urgent": the cause asks for a summary that leads with what matters, not "make it easy to
    order"."""
    journey = draft_offline(
        "We do fire door inspections for housing associations in Yorkshire. After the inspection "
        "we send the report and a quote and it just sits there - only about 1 in 5 reports turn "
        "into a remedial order, mainly cos the report is a 60 page PDF and the FM cant tell which "
        "doors are actually urgent. Want to get that to at least half."
    )
    assert _first_idea_for_the_brief(journey).startswith("Lead with a one-page summary")


# --- session 35: the moment a problem happens at, inspections, fresh briefs read by a CX reader ---


@pytest.mark.parametrize(
    ("problem", "name", "phase"),
    [
        ("After the inspection we send the report and a quote and it just sits there",
         "Get the report", Phase.usage),
        ("after we send samples many clients just dont reply or take months",
         "Get samples", Phase.consideration),
        ("the proof approval takes 3 weeks, the proof goes back and forth",
         "Approve the proof", Phase.onboarding),
        ("Loads dont turn up to the prep night, maybe 40% come",
         "Come to the prep night", Phase.onboarding),
        ("the wait for photos and album is too long", "Get the photos", Phase.usage),
        ("after the program ends only around 20% continue on the monthly plan",
         "Go on to the monthly plan", Phase.retention),
        ("After install most growers barely use the dashboard",
         "Set up and first weeks", Phase.onboarding),
    ],
)  # fmt: skip
def test_the_moment_a_problem_names_is_read(problem: str, name: str, phase: Phase) -> None:
    from journey_assistant.understanding.moments import moment_of

    moment = moment_of(problem)
    assert moment is not None and (moment.name, moment.phase) == (name, phase), moment


def test_proof_of_something_and_cancelling_after_a_month_are_no_such_moments() -> None:
    """ "Upload proof of address" is paperwork, and "cancels after the first month" is leaving,
    not settling in."""
    from journey_assistant.understanding.moments import moment_of

    assert moment_of("the proof of address takes ages to upload") is None
    late = moment_of("the OFW gets anxious and cancels after the first month")
    assert late is None or late.phase != Phase.onboarding


def _stage_of_the_users_pain(journey: object) -> str:
    return next(
        s.name
        for s in journey.stages  # type: ignore[attr-defined]
        for p in s.pain_points
        if p.provenance == Provenance.user
    )


@pytest.mark.parametrize(
    ("brief", "stage"),
    [
        ("We're a wedding photography studio in Singapore. Couples find us on Instagram, then "
         "book a consultation at our studio, pick a package and pay a 30% deposit. Our Google "
         "reviews say the wait for photos and album is too long.", "Get the photos"),
        ("Running a small personal training gym in Osaka. New customers come from Instagram, we "
         "do counseling + trial, then they sign up for the 2-month diet program. After the "
         "program ends only around 20% continue on the monthly plan. Want 40%.",
         "Go on to the monthly plan"),
        ("Hola, we are a label printing shop in Oaxaca printing labels for mezcal brands. The "
         "problem is the proof approval: from order to printed labels takes about 3 weeks "
         "because clients send their logo as a WhatsApp photo.", "Approve the proof"),
        ("we r corrugated box manufacturer in Bhiwandi, supply to D2C brands. leads mostly from "
         "IndiaMART. after we send samples many clients just dont reply or take months.",
         "Get samples"),
    ],
)  # fmt: skip
def test_a_problem_at_a_moment_no_stage_names_gets_that_stage(brief: str, stage: str) -> None:
    """A stated problem at a moment the stages leave out (the photos after the wedding day,
    the end of a programme, the proof, the samples) gets a stage for it, and sits there, not
    at the stage before."""
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert stage in names, names
    assert _stage_of_the_users_pain(journey) == stage


def test_a_second_stage_is_not_put_in_beside_a_phase_s_own_way_back() -> None:
    """A chimney sweep's "Book the next appointment" is where "nobody rebooks" bites: no
    "Renewal falls due" stage is put in after it."""
    journey = draft_offline(
        "I'm a chimney sweep covering Harrogate, mostly wood-burner owners. Customers find me on "
        "Checkatrade, ring to book, and I come out and leave a sweep certificate. The trouble is "
        "hardly anyone rebooks the next year on their own - they forget until the first cold "
        "night. I'd like half my customers rebooking for a summer sweep."
    )
    names = [s.name for s in journey.stages]
    assert "Renewal falls due" not in names, names


FIRE_DOORS = (
    "We're a small firm in Wakefield doing fire door inspections and remedial works for housing "
    "associations and care homes. Most work comes thru tenders on Contracts Finder plus word of "
    "mouth. The issue is after the inspection we send the report and a quote for the remedials "
    "and it just sits there - only about 1 in 5 reports turn into a remedial order, mainly cos "
    "the report is a 60 page PDF and the FM cant tell which doors are urgent, so it gets parked "
    "till next years budget. Want to get that to at least half."
)


def test_an_inspection_firm_s_journey_runs_through_the_report_to_the_remedial_work() -> None:
    """Inspections are booked, carried out and reported on, and the work they find is quoted
    and put right: the problem with the report sits at the report, and booking the inspection
    is not renamed for the remedial quote."""
    reading = read_brief(FIRE_DOORS)
    assert reading.shape is not None and reading.shape.text == "inspection"
    assert reading.fulfilment is not None and reading.fulfilment.text == "on_site", (
        "done on site, whatever the report is sent as"
    )
    journey = draft_offline(FIRE_DOORS)
    names = [s.name for s in journey.stages]
    for stage in (
        "Book the inspection",
        "The inspection visit",
        "Get the report",
        "Put right what the inspection found",
        "The next inspection falls due",
    ):
        assert stage in names, names  # fmt: skip
    assert _stage_of_the_users_pain(journey) == "Get the report"
    report = journey.stages[names.index("Get the report")]
    assert [p.provenance for p in report.pain_points].count(Provenance.inferred) == 0, (
        "the stock pain that says the same as the brief's is left out"
    )
    visit = journey.stages[names.index("The inspection visit")]
    assert any(t.channel == Channel.physical for t in visit.touchpoints)


def test_an_inspection_is_named_as_the_brief_names_it_and_comes_round_again_only_if_said() -> None:
    """A buyer's home inspection happens once; a risk assessment is called one."""
    once = draft_offline(
        "I'm a home inspector in Columbus, Ohio. Buyers' agents refer clients to me, I inspect "
        "the house before closing and send the report within 24 hours. Buyers complain the "
        "report is too technical."
    )
    names = [s.name for s in once.stages]
    assert "Get the report" in names and not any("next inspection" in n for n in names), names
    assert _stage_of_the_users_pain(once) == "Get the report"
    from journey_assistant.understanding.shapes import unit_of

    said = "We do annual fire risk assessments for offices and shops in Leeds."
    assert unit_of(said, "inspection") == "risk assessment"
    assert unit_of("We inspect lifts.", "inspection") == "inspection"


def test_two_steps_joined_by_and_in_a_told_journey_are_two_steps() -> None:
    """ "… then start a 14-day trial and sign a yearly contract": a trial, then a contract,
    not "Start a 14-day trial and sign"."""
    reading = read_brief(
        "I run a small B2B software company selling scheduling tools to dental practices. "
        "Practices find us at trade shows, book a demo, then start a 14-day trial and sign a "
        "yearly contract."
    )
    steps = [s.text for s in reading.steps]
    assert steps[-2:] == ["start a 14-day trial", "sign a yearly contract"], steps


def test_a_moment_s_own_stage_says_what_people_need_and_ask_then() -> None:
    """ "Get the photos" is no second wedding day: its goal, worry and actions are the
    moment's, not the pack's stage of the same phase."""
    journey = draft_offline(
        "We're a wedding photography studio in Singapore. Couples find us on Instagram, then "
        "book a consultation at our studio, pick a package and pay a 30% deposit. Our Google "
        "reviews say the wait for photos and album is too long."
    )
    photos = next(s for s in journey.stages if s.name == "Get the photos")
    assert photos.thoughts == ["When will we finally see our photos?"]
    assert photos.actions[0] == "Waits for the photos", photos.actions
    assert "photos" in (photos.customer_goal or "")


@pytest.mark.parametrize(
    ("offer", "name"),
    [("drone spraying", "The drone spraying"), ("baptism", "The baptism"),
     ("fire door inspections", "The fire door inspections"), ("hearing aids", "Use hearing aids"),
     ("celebration cakes", "Enjoy celebration cakes"), ("support", "Use support"),
     ("technical documentation", "Use technical documentation"), ("clothing", "Use clothing")],
)  # fmt: skip
def test_a_service_is_had_food_enjoyed_and_a_thing_used(offer: str, name: str) -> None:
    from journey_assistant.compose import _using

    assert _using(offer) == name


def test_a_brief_written_by_someone_at_the_business_and_ending_with_the_ask() -> None:
    """ "I'm the CX lead at a pet crematorium …" names the business; "Please draft a journey
    map so I can review it with the team." asks for the map and tells no step."""
    reading = read_brief(
        "I'm the CX lead at a pet crematorium near Harrogate, North Yorkshire. Most families are "
        "referred by their vet; we collect the pet from the surgery and the family chooses "
        "individual or communal cremation. Please draft a journey map so I can review it with "
        "the team."
    )
    assert reading.business is not None and reading.business.text == "pet crematorium"
    assert not reading.thin
    assert not any("review it" in s.text for s in reading.steps), reading.steps
    worker = read_brief(
        "I work for a regional bus company in Devon. Riders buy tickets on the app."
    )
    assert worker.business is not None and worker.business.text == "regional bus company"


def test_the_ask_at_the_end_is_cut_out_and_the_sentences_before_it_stay_apart() -> None:
    """Seen in the browser run: dropping "Could you put together a customer journey map for
    me?" had joined the other sentences without their full stops, so the whole brief became one
    problem and "a 60 page PDF" a goal."""
    reading = read_brief(f"{FIRE_DOORS} Could you put together a customer journey map for me?")
    assert [p.text for p in reading.problems] == [p.text for p in read_brief(FIRE_DOORS).problems]
    assert [(g.baseline, g.target) for g in reading.goals] == [("1 in 5", "at least half")]
    assert not any("journey map" in s.text for s in reading.steps)


def test_a_general_stage_renamed_for_a_moment_says_the_moment_s_lines() -> None:
    """Renamed for where the problem bites, the stage also takes that moment's need and worry,
    not the general "Get what they asked for" lines."""
    journey = draft_offline(
        "We sell handmade candles online. Parcels get lost in the post and people email asking "
        "where their order is."
    )
    general = "Get what they asked for, on time and as agreed"
    assert not any(s.customer_goal == general for s in journey.stages), [
        (s.name, s.customer_goal) for s in journey.stages
    ]


@pytest.mark.parametrize(
    ("brief", "region"),
    [
        ("We are seafood wholesaler in Busan supplying 200 restaurants.", "KR"),
        ("Charity trust running free eye camps around Lahore, Kasur and Sheikhupura, "
         "costs the patient zero rupees.", "PK"),
        ("Hurtownia of heating parts in Łódź, we sell to installers.", "EU"),
        ("We do flyttstädning in Umeå for students.", "EU"),
        ("Medical center in Alexandria (Smouha), 12 clinics.", "EG"),
        ("We do pet relocation out of the UAE, mostly expats moving back to the UK; the UK "
         "waiting period is long. Dubai Dog Owners group.", "AE"),
        ("Dental clinic in Tijuana for patients from Arizona.", "MX"),
        ("We make pumps; tenders on Find a Tender and Contracts Finder.", "UK"),
    ],
)  # fmt: skip
def test_the_country_is_read_from_places_far_from_the_packs_home(brief: str, region: str) -> None:
    found = read_brief(brief).region
    assert found is not None and found.text == region, found


def test_a_draft_for_a_business_abroad_leaves_out_another_countrys_tools() -> None:
    """An Egyptian clinic gets no Zocdoc or Medicare, a Korean wholesaler no Google reviews;
    a tool the brief names itself stays."""
    clinic = draft_offline(
        "Medical center in Alexandria, 12 clinics. Patients book through Vezeeta or call our "
        "hotline, then come and see the doctor. 35% of bookings don't come. We want 15%."
    )
    text = clinic.model_dump_json().lower()
    assert "zocdoc" not in text and "medicare" not in text and "vezeeta" in text
    wholesaler = draft_offline(
        "We are seafood wholesaler in Busan. Owners find us from our Naver Blog, then ask prices "
        "on our KakaoTalk Channel. Only 1 in 4 new accounts order again. I want half."
    )
    names = [t.name for s in wholesaler.stages for t in s.touchpoints]
    assert not [n for n in names if "Google" in n], names
    assert "KakaoTalk Channel" in names and "Naver Blog" in names


def test_a_target_said_after_the_measure_in_its_own_sentence_is_the_goal() -> None:
    reading = read_brief(
        "We are seafood wholesaler in Busan. Only about 1 in 4 new accounts make a second "
        "order. I want half by end of this year."
    )
    goal = reading.goals[0]
    assert (goal.baseline, goal.target) == ("1 in 4", "half")
    assert "second order" in goal.text
    assert reading.business_text == "seafood wholesaler"


def test_a_list_in_brackets_loses_only_the_items_from_another_country() -> None:
    from journey_assistant.compose import _pruned
    from journey_assistant.understanding.content import foreign_to_region

    def abroad(text: str) -> bool:
        return bool(foreign_to_region(text, {"UK"}))

    name = "Tender portals (Find a Tender, Contracts Finder, TED, SAM.gov)"
    assert _pruned(name, abroad) == "Tender portals (Find a Tender, Contracts Finder, TED)"
    assert _pruned("SAM.gov registration", abroad) is None, "nothing left to keep"
    assert _pruned("Portals (SAM.gov, Zocdoc)", abroad) is None


def test_a_business_named_only_by_its_size_is_named_by_what_it_does() -> None:
    brief = (
        "We're a small firm in Wakefield doing fire door inspections for housing associations. "
        "Only 1 in 5 reports turn into a remedial order. Want half."
    )
    assert read_brief(brief).business_text == "fire door inspection firm"
    journey = draft_offline(brief)
    assert journey.title.startswith("Fire door inspection firm") and "mall firm" not in (
        journey.context.industry or ""
    )


@pytest.mark.parametrize(
    ("brief", "fulfilment"),
    [
        ("We make shoes in Aba. Many retailers collect our price and go quiet.", None),
        ("A wool mill in Prato. The brand already designed the collection around our fabric.",
         None),
        ("We do house moving in Cebu: we ask the floor, elevator, pickup and drop-off.", None),
        ("A vegan bakery in Leeds. We lose customers when collections run late.", "collection"),
        ("Customers collect their cakes from the shop on Saturday.", "collection"),
    ],
)  # fmt: skip
def test_collect_is_how_people_get_things_only_when_it_says_so(
    brief: str, fulfilment: str | None
) -> None:
    found = read_brief(brief).fulfilment
    assert (found.text if found else None) == fulfilment


def test_a_word_glossed_in_english_is_read_as_its_gloss() -> None:
    reading = read_brief(
        "We do lipat-bahay (house moving) here in Cebu City, trucks plus crew. Clients message "
        "us on Messenger, then we send the quote."
    )
    assert reading.business_text == "house moving"
    kept = read_brief("We do loft conversions (mostly dormers) in Leeds for homeowners.")
    assert "dormers" not in kept.offering[0].text


def test_people_who_wrong_the_business_are_no_customers_and_a_rented_home_is_no_hire() -> None:
    shoes = read_brief(
        "We manufacture leather shoes in Aba and supply boutiques and retailers in Lagos. New "
        "retailers don't trust to pay deposit because of too many scammers."
    )
    assert not [a.text for a in shoes.audience if "scammer" in a.text.lower()]
    cleaning = read_brief(
        "We do move-out cleaning in Umeå, lots of students and people leaving rentals. They "
        "find us on Offerta, we clean on the last day, they pay by Swish."
    )
    assert cleaning.shape is None or cleaning.shape.text != "hire"


@pytest.mark.parametrize(
    ("problem", "easy"),
    [
        ("Only 8% of trial members come back for a second class.", True),
        ("Around 40% show up missing something, so we send them home.", False),
        ("About 1 in 5 jobs need a return visit because our checklist is wrong.", False),
    ],
)
def test_the_make_it_easy_idea_is_only_for_something_people_should_do(
    problem: str, easy: bool
) -> None:
    """ "Make it easy to show up missing something" was offered for a tax clinic."""
    from journey_assistant.compose import _fix_for

    found = read_brief(f"We run a service in Leeds. {problem} We want better.").problems
    fix = _fix_for(found[0]) if found else None
    assert bool(fix and fix.fix.startswith("Make it easy")) == easy, fix


def test_a_step_said_of_a_platform_is_no_step_of_the_customers() -> None:
    """ "on Mercado Libre, where we publish the service" is said of the platform."""
    repair = read_brief(
        "People find us on Mercado Libre, where we publish the service, they write to our "
        "WhatsApp, we go to the house, diagnose, give the presupuesto and they pay with Mercado "
        "Pago or cash."
    )
    assert not [s.text for s in repair.steps if "publish" in s.text], repair.steps


def test_work_told_before_paying_gets_no_generic_use_stage_after_the_payment() -> None:
    journey = draft_offline(
        "We do move-out cleaning in Umeå. Customers find us on Offerta, get a fixed price, we "
        "clean on the last day, they pay by Swish, and then the landlord does the inspection."
    )
    names = [s.name for s in journey.stages]
    paid = next(n for n, name in enumerate(names) if name.startswith("Pay"))
    assert not [n for n in names[paid:] if n.startswith(("Get started", "Use ", "The "))], names


def test_a_second_order_is_no_offer() -> None:
    """ "Only about 1 in 4 new accounts make a second order" drafted a stage "Use second order"
    (seen in the browser run, session 36)."""
    reading = read_brief(
        "We are seafood wholesaler in Busan supplying 200 restaurants. Only about 1 in 4 new "
        "accounts make a second order. I want half by end of this year."
    )
    assert not [o.text for o in reading.offering if "order" in o.text], reading.offering


# A boiler repairer whose customers pay the call-out fee and then turn the quote down
BOILERS = (
    "We repair boilers in Bristol. People find us on Checkatrade, ring us, we come out and "
    "charge a call-out fee, find the fault, give the quote and if they accept we fix it and "
    "they pay by card. Problem is lots of people pay the call-out fee and then say no to the "
    "quote, because a new boiler on finance looks cheaper. About 40% accept, we want 60%."
)


def _pain_stage(journey: JourneyMap, words: str) -> str:
    """The name of the stage whose user pain point says these words."""
    return next(
        s.name
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.user and words.lower() in p.description.lower()
    )


def test_a_problem_sits_at_the_told_step_it_names() -> None:
    """Session 37: the stated problem goes where the brief's own telling puts it, by the words
    it shares with a told step: where it was said to happen ("the very first call"), else the
    act people do not take ("never pay the deposit"), not the phase a cue word suggests."""
    calls = draft_offline(
        "We are a roofing firm in Pune. Customers see our Instagram reels, we call them back, do "
        "a free roof inspection, give the estimate and they pay a 20% advance. Our issue is the "
        "very first call, the same lead goes to six roofers and if we call back late the "
        "customer already fixed an inspection with someone else. Only 10% become inspections, "
        "target 25%."
    )
    holder = _pain_stage(calls, "the same lead goes to six roofers")
    assert holder == next(s.name for s in calls.stages if "Get a call back" in s.actions), holder
    deposit = draft_offline(
        "We build fitted wardrobes in Leeds. People find us on Houzz, message us on WhatsApp, we "
        "send a quote, they pay a 30% deposit and we fit the wardrobe in about three weeks. "
        "Loads of people like the quote but never pay the deposit because they want to compare "
        "three quotes first. 1 in 5 quotes go ahead, we want 1 in 3."
    )
    holder = _pain_stage(deposit, "never pay the deposit")
    stage = next(s for s in deposit.stages if s.name == holder)
    assert any("deposit" in a.lower() for a in [stage.name, *stage.actions]), holder


def test_the_act_said_last_and_refused_is_the_place_not_the_one_before() -> None:
    """ "pay the call-out fee and then say no to the quote": the quote is where they are lost;
    the step before it is only how they got there."""
    journey = draft_offline(BOILERS)
    holder = _pain_stage(journey, "say no to the quote")
    assert "quote" in holder.lower(), [s.name for s in journey.stages]


def test_a_word_the_brief_keeps_saying_names_no_step_for_the_problem() -> None:
    """ "hire" is what a scaffolding firm is about ("sign the hire agreement", "weekly hire",
    "extra weeks of hire"): the off-hire problem does not go to the stage of signing."""
    journey = draft_offline(
        "Scaffolding firm in Bolton. Builders send drawings and ask for a quote, we do a site "
        "survey, they sign the hire agreement, we erect, then it's weekly hire until they call it "
        "off-hire. What really hurts is off-hire: site managers forget to tell us the scaffold "
        "can come down so we argue over 3-4 extra weeks of hire. We want disputes halved."
    )
    holder = _pain_stage(journey, "forget to tell us")
    assert "sign" not in holder.lower(), [s.name for s in journey.stages]


def test_one_of_us_is_the_business_and_its_step_is_said_once() -> None:
    """ "one of us goes out to measure up, we draw it in CAD": steps of the business, each
    action said once ("Drawing in CAD", not "Drawing in CAD s for sign-off"); taking a 40% deposit
    is a price, no problem, and "new work comes from our website" names no step."""
    reading = read_brief(
        "We're a joinery workshop in Hull making bespoke staircases. Most new work comes from our "
        "website or Houzz, then one of us goes out to measure up, we draw it in CAD and send the "
        "drawings for sign-off, take a 40% deposit and build and fit. The bottleneck is getting "
        "out to measure, it can be two weeks and by then they've gone elsewhere."
    )
    steps = {s.text: s.action for s in reading.steps}
    # session 40: the business's doings as the customer lives them, none as the customer's
    assert steps.get("The visit to measure up") == "The visit to measure up", steps
    assert steps.get("drawing in CAD") == "Drawing in CAD", steps
    assert steps.get("Pay a 40% deposit") == "Pay a 40% deposit", steps
    assert not any(t.startswith("new work") for t in steps), steps
    assert not any("deposit" in p.text for p in reading.problems), reading.problems


def test_steps_told_around_a_business_say_what_happens_not_what_it_has() -> None:
    """Session 37's blind briefs: "go on the waiting list" is a step, not a wait to complain
    of; "for a new client we have to get registered as a vendor" is a step of the business's;
    "ship with invoice end of month" is the delivery; "We also post our parts on X" is a
    channel the business runs, no step; "our escape room in Kraków" is the business."""
    creche = read_brief(
        "We run a community creche in Galway. Parents find us on Facebook, go on the waiting "
        "list, then they apply for the subsidy, pay the booking deposit and start."
    )
    assert "go on the waiting list" in [s.text for s in creche.steps], creche.steps
    gifts = read_brief(
        "We print branded notebooks in Durban. Clients send the logo on WhatsApp, we send a "
        "mock-up and quote, then for a new client we have to get registered as a vendor on "
        "their supplier system before they can issue a PO, then we produce and ship with "
        "invoice end of month. We also post our work on Instagram."
    )
    texts = [s.text for s in gifts.steps]
    assert "getting registered" in texts and "Delivery" in texts, texts
    assert not any("our work" in s.action for s in gifts.steps), texts
    assert not any("issue a PO" in p.text for p in gifts.problems), gifts.problems
    room = read_brief("can u make customer journey map for our escape room in Kraków")
    assert room.business is not None and room.business.text == "escape room"


def test_a_goal_said_in_other_words_is_measured_where_the_main_problem_is() -> None:
    """ "About 40% accept, we want 60%" shares no word with "say no to the quote": the KPI
    carrying 40% → 60% goes with the main stated problem, not to the payment."""
    journey = draft_offline(BOILERS)
    holder = _pain_stage(journey, "say no to the quote")
    measured = [
        s.name for s in journey.stages for k in s.kpis if k.provenance == Provenance.user
        and (k.current or "").startswith("40")
    ]  # fmt: skip
    assert measured == [holder], (measured, holder)


def test_a_share_said_with_its_noun_is_a_baseline_and_the_loss_sits_before_it_becomes() -> None:
    """ "Today only 1 devis in 3 becomes a chantier. We want 1 in 2.": 1 in 3 is the
    baseline of the devis that go ahead (no "5 jobs in 2023" read as a share), and the loss
    sits at the devis, not at the works it becomes."""
    assert [q.text for q in quantities("only 1 devis in 3 becomes a chantier")] == ["1 in 3"]
    assert [q.text for q in quantities("we did 5 jobs in 2023")] == ["5"]
    brief = (
        "We fit walk-in showers for older people near Nantes. Families find us on PagesJaunes, "
        "we do a home visit, send the devis, then they apply for the grant and we do the "
        "chantier in 3 days. Today only 1 devis in 3 becomes a chantier and we want 1 in 2."
    )
    goal = read_brief(brief).goals[0]
    assert (goal.baseline, goal.target) == ("1 in 3", "1 in 2") and "devis" in goal.text, goal
    holder = _pain_stage(draft_offline(brief), "becomes a chantier")
    assert "devis" in holder.lower(), holder


def test_a_grant_the_customer_applies_for_is_no_application_journey_of_the_business() -> None:
    """ "the family applies for the MaPrimeAdapt' grant with the Anah" (browser run, session
    37): a plumber's customers seek help to pay it, so the map keeps the told steps instead of
    an application template before them; a council's grants team still runs applications."""
    plumber = read_brief(
        "We adapt bathrooms for older people near Lyon. The children find us on PagesJaunes, we "
        "do a home visit, send the devis, then the family applies for the MaPrimeAdapt' grant "
        "with the Anah, then we do the works in 3 days. Only 1 devis in 3 becomes a job."
    )
    assert plumber.shape is None or plumber.shape.text != "application", plumber.shape
    names = [s.name for s in draft_offline(plumber.text).stages]
    assert "Gather what is needed" not in names, names
    assert names.index("Home visit") < names.index("Get the devis"), names
    council = read_brief(
        "I run the home energy grants team at Leeds City Council. Residents apply for the grant "
        "online, upload evidence, we check eligibility and send a surveyor."
    )
    assert council.shape is not None and council.shape.text == "application"


def test_a_quote_in_the_writers_language_is_weighed_up_and_the_visit_before_it_prices_it() -> None:
    """ "we do a home visit, send the presupuesto": the presupuesto is the quote, weighed up
    before committing, and the visit before it prices the job; the map keeps them in the told
    order, before the commitment, with no generic "Choose …" stage ahead of them."""
    brief = (
        "We fit kitchens in Valencia. People find us on Habitissimo, we do a home visit, send "
        "the presupuesto, then they pay a 30% deposit and we fit the kitchen in a week. Only "
        "1 presupuesto in 4 goes ahead, we want 1 in 2."
    )
    phases = {s.text: s.phase for s in read_brief(brief).steps}
    assert phases.get("Home visit") == Phase.consideration, phases
    names = [s.name for s in draft_offline(brief).stages]
    assert names.index("Home visit") < names.index("Get the presupuesto"), names
    assert not any(n.startswith("Choose") for n in names), names


def test_by_then_says_when_and_the_problem_goes_on() -> None:
    """ "… takes 3 to 6 weeks with procurement and by then the launch has passed" was cut at
    "then" into "… with procurement and by" on the map; "by then" and "until then" say when."""
    from journey_assistant.understanding.brief import clauses

    said = "Registration takes 6 weeks and by then the launch has passed, so the order dies"
    assert clauses(said)[0] == "Registration takes 6 weeks and by then the launch has passed"
    assert clauses("they book, then pay and then come") == ["they book", "pay", "come"]
    reading = read_brief(
        "We print branded notebooks in Durban for corporates. New clients must register us as a "
        "vendor before a PO. That vendor registration takes 3 to 6 weeks with procurement and "
        "by then the year-end function has passed. We lose a third of new clients there."
    )
    assert any(p.text.endswith("the year-end function has passed") for p in reading.problems), [
        p.text for p in reading.problems
    ]


def test_the_step_people_skip_after_signing_up_gets_a_stage_of_its_own() -> None:
    """Session 38: a brief telling only its sign-up ("people register on our site") put the
    problem "most never turn up for a first session" in "The first weeks"; the step they
    skip is a stage after the commitment, and the problem sits there."""
    brief = (
        "We run a community allotment project in Bristol. People register through the form on "
        "our website after seeing us on Facebook, but most of them never show for a first work "
        "day; only about 1 in 4 ever do."
    )
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert "Show up for a first work day" in names, names
    at = names.index("Show up for a first work day")
    assert any(p.provenance == Provenance.user for p in journey.stages[at].pain_points), names
    college = draft_offline(
        "We are a vocational college in Kisumu offering 6 month courses in welding and tailoring "
        "for school leavers. Applicants pay the admission fee on M-Pesa. Only about half report "
        "on the opening day, we want 85%."
    )
    names = [s.name for s in college.stages]
    assert "Report on the opening day" in names, names
    assert not any("decision" in n.lower() for n in names), names  # a course, not a permit


def test_attrition_said_as_drop_off_is_no_conversion() -> None:
    """ "maybe 70% drop off there" was read as the conversion "drop off there" (a stage of
    that name); dropping off a chair at the workshop still is one."""
    lost = read_brief(
        "We reupholster armchairs in Perth. People message us photos for a rough price, and "
        "most never come in after that, maybe 70% drop off there."
    )
    assert not any("drop off" in c.text for c in lost.conversions), lost.conversions
    left = read_brief(
        "We reupholster armchairs in Perth. People drop off their chairs at the shop."
    )
    assert any(c.text.startswith("drop off their chairs") for c in left.conversions)


def test_an_act_the_customers_take_names_a_stage_where_few_steps_are_told() -> None:
    """ "they need to come to the showroom to pick fabric", said alone, was only an action
    line; the stage of its phase took the framework's name ("Evaluation")."""
    journey = draft_offline(
        "family upholstery business in Hobart, we recover lounges and boat seats. people send us "
        "photos on Facebook for a rough price, then they need to come to the showroom to pick "
        "fabric. most never come in after the rough price. want more through the door."
    )
    names = [s.name for s in journey.stages]
    assert "Come to the showroom" in names, names
    assert not any(n in ("Evaluation", "Drop off there") for n in names), names


def test_an_organisations_recurring_service_is_a_service_contract() -> None:
    """Session 38: a commercial laundry for care homes, an MSP or an office cleaner was drawn as
    goods ("Choose linen", "Use linen", "Bring a friend") or as a household cleaner's journey
    ("Need a cleaner", "Quote or home visit"); its journey is a contract: site visit and quote,
    contract, the first month, the regular service, review and renewal."""
    reading = read_brief(
        "Office cleaning company in Glasgow with about 40 cleaners, contracts with offices, "
        "dental practices and a couple of gyms. Most new work comes from LinkedIn. We lose "
        "contracts at renewal because clients only hear from us when something goes wrong."
    )
    assert reading.shape is not None and reading.shape.text == "service_contract", reading.shape
    assert not reading.industry.used  # not the domestic cleaner's pack
    names = [s.name for s in draft_offline(reading.text).stages]
    for wanted in (
        "Site visit and quote",
        "The first month of service",
        "Contract review and renewal",
    ):
        assert wanted in names, names
    assert not any(n.startswith(("Need a", "Bring a friend", "Use ")) for n in names), names
    laundry = draft_offline(
        "Commercial laundry in Porto doing linen hire for about 30 hotels and guest houses. The "
        "problem is changeover Saturdays in August, when deliveries arrive short and "
        "housekeepers ring us furious. Want complaints halved."
    )
    placed = {
        s.name for s in laundry.stages for p in s.pain_points if p.provenance == Provenance.user
    }
    assert placed == {"Regular service and invoices"}, placed
    assert laundry.stages[0].name == "Discover the commercial laundry"  # not "the Commercial …"
    homes = read_brief(
        "We clean homes in Leeds, weekly and fortnightly cleans. New customers find us on "
        "Facebook. Our problem is the first clean: people expect a deep clean."
    )
    assert homes.shape is None or homes.shape.text != "service_contract", homes.shape


def test_a_long_business_name_is_cut_at_its_first_kind_not_mid_noun() -> None:
    """ "Come back to the community rugby" (cut at six words) and "Discover the service
    business" (the last two words of "chimney sweep and wood stove service business")."""
    sweep = draft_offline(
        "I own a chimney sweep and wood stove service business in Maine. New folks find us on "
        "Facebook. Everyone calls in October and the wait gets to 6 weeks."
    )
    assert sweep.stages[0].name == "Discover the chimney sweep business", [
        s.name for s in sweep.stages
    ]
    club = draft_offline(
        "I coordinate the juniors at a community hockey club near Cardiff, Saturday sessions for "
        "under 8s to under 12s. We post on the club Facebook page. Kids stop coming at under "
        "11s; we want to keep more of them."
    )
    names = [s.name for s in club.stages]
    assert not any(n.endswith(("community hockey", "the community")) for n in names), names


def _user_pains(journey: JourneyMap) -> dict[str, tuple[str, list[str]]]:
    """Each pain point of the user's: the stage it sits in and the ideas paired with it."""
    return {
        p.description: (s.name, [o.description for o in s.opportunities if o.addresses == p.id])
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.user
    }


def test_a_cause_told_in_a_sentence_of_its_own_is_taken_on_not_asked_for() -> None:
    """Session 38: 125 of 574 development drafts said "(the brief does not say why)" beside a
    stated problem, several where the brief gives the cause in the next sentence ("They tell
    us the price seems high …", "… nervous about the locks, so they book through agents")."""
    journey = draft_offline(
        "Mobile bike repair van in Cork. Loads of people message us on WhatsApp and then never "
        "book the repair. They tell us the price seems high before they know what's wrong with "
        "the bike. Want to book 60% of enquiries."
    )
    ideas = {pain: said for pain, (_, said) in _user_pains(journey).items()}
    assert ideas, ideas
    for pain, said in ideas.items():
        assert said and not any("does not say why" in i for i in said), (pain, said)
    never = next(v for k, v in ideas.items() if k.startswith("Never book"))
    assert "the price seems high" in never[0], never


def test_a_partly_told_brief_keeps_its_offer_its_trial_and_its_wait() -> None:
    """Session 38's tuned briefs, in other words: "makes … crates and buys back used ones" had
    no offer (the map said "Use the service"), "a free test plot" no stage before the
    contract, and "the wait gets to 5 weeks" sat in "Get started"."""
    crates = read_brief(
        "Our firm in Poznań makes new and repaired wooden crates and buys back used ones for "
        "exporters. We almost never get a long term contract."
    )
    offers = [o.text for o in crates.offering]
    assert offers and all("crates" in o for o in offers), offers
    seeds = draft_offline(
        "We sell cover crop seed mixes to arable farmers in Lincolnshire. Farmers hear of us at "
        "shows. We give a free test plot of 5 acres and they like it, but only 2 in 10 order for "
        "the whole farm."
    )
    names = [s.name for s in seeds.stages]
    assert any("test plot" in n.lower() for n in names), names
    tuner = draft_offline(
        "I run a piano tuning business in Dorset. Everyone rings in November before Christmas "
        "and the wait gets to 5 weeks. I'd like half my regulars booked by October."
    )
    names = [s.name for s in tuner.stages]
    held = [s.name for s in tuner.stages for p in s.pain_points if p.provenance == Provenance.user]
    assert "On the waiting list" in names and "Get started" not in names, names
    assert held and held[0] == "On the waiting list", held


def test_a_loss_before_a_contract_review_is_no_review_and_its_cause_comes_first() -> None:
    """Tried in the browser in session 38: "we lose about 1 in 6 before the 3 month review"
    was read as reviews (advocacy, "Give a reference"), and its idea asked why, though the
    same sentence had just said what goes wrong in the first month."""
    journey = draft_offline(
        "We're a small commercial cleaning firm in Leeds doing offices and surgeries on monthly "
        "contracts. The first month is where it goes wrong, new sites say bins are missed and "
        "nobody knows who to ring, and we lose about 1 in 5 before the 3 month review."
    )
    held = _user_pains(journey)
    lost = next(v for k, v in held.items() if k.startswith("We lose"))
    assert lost[0] == "Contract review and renewal", held
    assert "first month" in lost[1][0] and "does not say why" not in lost[1][0], lost
    first = next(v for k, v in held.items() if k.startswith("The first month"))
    assert first[0] == "The first month of service", held


def test_a_firm_counting_its_own_workers_names_no_customers_by_them() -> None:
    """Seen in session 38's browser run under "What I understood": "about 25 cleaners" was
    read as the customers and "we do offices" as what is offered."""
    reading = read_brief(
        "hi - we're a small commercial cleaning firm in Bristol, about 25 cleaners, we do "
        "offices, a few GP surgeries and a gym on monthly contracts."
    )
    assert not any("cleaners" in a.text for a in reading.audience), reading.audience
    assert [o.text for o in reading.offering] == ["commercial cleaning"], reading.offering
    assert reading.sector.text == "b2b" and reading.shape is not None
    assert reading.shape.text == "service_contract", reading.shape
    supplier = read_brief("We supply 200 builders in Kent with timber and sheet materials.")
    assert any(a.text == "builders" for a in supplier.audience), supplier.audience


def test_monthly_contracts_for_organisations_are_a_service_contract_not_the_offer() -> None:
    """Tried at the end of session 38 in new words: a pest controller "doing monthly contracts
    for food plants" was read as a membership offering "monthly contracts"."""
    reading = read_brief(
        "We're a window cleaning company in Derby doing monthly contracts for offices and shops. "
        "Most new accounts come from LinkedIn. About 1 in 4 don't renew after year one."
    )
    assert [o.text for o in reading.offering] == ["window cleaning"], reading.offering
    assert reading.shape is not None and reading.shape.text == "service_contract", reading.shape


def test_a_request_nobody_decides_on_has_no_decision_stages() -> None:
    """A city's bulky-waste collection read as an application had "Wait for a decision" and
    "Get the decision" where nobody decides; a permit still has them."""
    waste = draft_offline(
        "I work in the waste management division of a city office near Osaka. For oversized "
        "rubbish (sofas, bikes) residents phone the reception centre or apply on the web, then "
        "buy the fee sticker at a konbini. In March the phone line is overloaded."
    )
    names = [s.name for s in waste.stages]
    assert not any("decision" in n.lower() for n in names), names
    assert "Hear back and get a date" in names, names
    permit = draft_offline(
        "I'm in the parking team at a borough council. Residents apply online for a parking "
        "permit and upload proof of address, then wait for approval. Half the applications "
        "come back for more evidence."
    )
    decided = [s.name for s in permit.stages if re.search(r"decision|approval", s.name, re.I)]
    assert decided, [s.name for s in permit.stages]


def test_things_handed_over_to_be_mended_or_cleaned_are_an_item_service() -> None:
    """Session 39: a dry cleaner's "customers drop off their shirts and suits … and pick up a
    couple days later" was read as a conversion funnel (the drop-off) with the hand-over as a
    stated problem; a cobbler whose work is posted in had "Receive the service / Use the
    service"; an appliance repair shop's "most find us on Facebook", said last, was its last
    stage."""
    cleaner = read_brief(
        "Family owned dry cleaner in Chicago. Customers drop off their shirts and suits on the "
        "way to work and pick up a couple days later. Our biggest headache is pickup - around "
        "15% of tickets sit on the rack over 30 days. Want that under 5%."
    )
    assert cleaner.shape is not None and cleaner.shape.text == "item_service"
    assert cleaner.map_type.value == "customer_journey"
    assert [p.text for p in cleaner.problems] == [
        "around 15% of tickets sit on the rack over 30 days"
    ]
    names = [s.name for s in draft_offline(cleaner.text, reading=cleaner).stages]
    assert "Drop off their shirts and suits" in names and "Pick up the shirts and suits" in names
    pains = _user_pains(draft_offline(cleaner.text, reading=cleaner))
    assert [at for at, _ in pains.values()] == ["Pick up the shirts and suits"]

    cobbler = draft_offline(
        "Im a cobbler in Leeds and most of my work is posted to us, boots and brogues for "
        "resoles. People find me on Instagram, fill in the form on the website, then post the "
        "shoes to us. The bit that goes wrong is the waiting, turnaround is 3 to 4 weeks and I "
        "get loads of emails asking where their shoes are."
    )
    names = [s.name for s in cobbler.stages]
    assert "The resole" in names and "Get the shoes back" in names, names
    assert not any(t.channel == Channel.physical for s in cobbler.stages for t in s.touchpoints)
    assert [at for at, _ in _user_pains(cobbler).values()] == ["The resole"]

    repairs = read_brief(
        "Appliance repair shop in Cebu, we fix electric fans, rice cookers and washing machines. "
        "Customers bring the unit to the shop, we check it and message the estimate on "
        "Messenger, then they pay via GCash when they claim. Most find us on our Facebook page."
    )
    assert [s.text for s in repairs.steps][0] == "find us"
    assert nouns(repairs)["work"] == "the repair", "washing machines are no cleaning"
    assert nouns(repairs)["thing"] == "the unit"


def test_a_business_that_goes_to_its_customers_has_no_desk_or_shopfront() -> None:
    """Session 39: a mobile dog groomer's draft (the creative services pack) had "Shopfront
    and passing trade", "Reception desk", "Card reader and tipping at the desk" and "Arrive
    prepared"; a garage servicing motorbike fleets was a hire of the fleet."""
    journey = draft_offline(
        "I run a mobile dog grooming van in Harrogate. People book on our website or message us "
        "on Facebook, we come to their house, groom the dog in the van on the drive, and they "
        "pay by card. About a quarter of first-time customers never rebook."
    )
    lines = [t.name for s in journey.stages for t in s.touchpoints] + [
        s.customer_goal or "" for s in journey.stages
    ]
    assert not [
        line for line in lines if re.search(r"desk|shopfront|reception|\bArrive\b", line)
    ], lines
    garage = read_brief(
        "We run a garage in Nairobi that services motorbike fleets for delivery companies, the "
        "riders bring the bikes in to us for service and the fleet pays by M-Pesa. Fleet "
        "managers find us through referrals."
    )
    assert garage.shape is None or garage.shape.text != "hire"


def test_a_contract_pest_controller_for_food_businesses_is_no_food_producer() -> None:
    """Session 39: "Commercial pest control in Melbourne, mainly cafes, restaurants and food
    manufacturers on monthly or quarterly contracts" got the food producers' pack ("Find a
    supplier", "Sell it to customers"), "so we dont disturb service" as a problem, and the
    lost service reports at "Sign the contract"."""
    brief = (
        "Commercial pest control in Melbourne, mainly cafes, restaurants and food manufacturers "
        "on monthly or quarterly contracts. We get most new accounts from Google and referrals, "
        "and the tech comes out after close so we dont disturb service. The problem is the "
        "service reports - the tech leaves a paper report on site, it gets lost and the owner "
        "can't show pest records, and we lose the contract."
    )
    reading = read_brief(brief)
    assert not reading.industry.used
    assert reading.shape is not None and reading.shape.text == "service_contract"
    assert [p.phase for p in reading.problems] == [Phase.usage], reading.problems
    pains = _user_pains(draft_offline(brief, reading=reading))
    assert [at for at, _ in pains.values()] == ["Regular service and invoices"]


def test_home_visits_a_physio_makes_are_no_membership_and_no_trouble() -> None:
    """Session 39: a physio practice's "family members find us on Google" was a membership
    to join, and "about half our work is Hausbesuche", "patients … who cant get to the
    practice" were stated problems."""
    reading = read_brief(
        "We are a small physio practice in Hamburg and about half our work is home visits - we "
        "go round to patients at home, mostly elderly people after a stroke who cant get to the "
        "practice. Family members find us on Google. Our problem is the wait between the "
        "referral and our first home visit, it is much too long."
    )
    assert "join as a member" not in [c.text for c in reading.conversions]
    said = " ".join(p.text for p in reading.problems).lower()
    assert "the wait" in said and "half our work" not in said and "cant get" not in said
    names = [s.name for s in draft_offline(reading.text, reading=reading).stages]
    assert "First home visit" in names and not any(n.startswith("Our ") for n in names), names


def test_a_business_that_goes_to_its_customers_names_the_visit_and_no_app() -> None:
    """Session 39: an AC firm whose technicians come to the flat had "The first visit" and "On
    the day" (a clinic's); a mobile groomer with a sure pack had "Client app for rescheduling"
    though the brief names no app; a repairer who narrates going to the house, diagnosing and
    being paid got "Get ready for the visit" after the payment."""
    ac = draft_offline(
        "We are an AC service and repair company in Pune, our technicians come to the customer's "
        "flat for servicing and gas filling. Customers call or WhatsApp after finding us on "
        "JustDial. Half the time the tech comes late and customers give 1 star on Google."
    )
    names = [s.name for s in ac.stages]
    assert "The visit" in names and "On the day" not in names, names
    groomer = draft_offline(
        "I run a mobile dog grooming van in Harrogate. People book on our website or message "
        "us on Facebook, we come to their house and groom the dog in the van on the drive."
    )
    assert not [t.name for s in groomer.stages for t in s.touchpoints if t.channel == "mobile_app"]
    repairer = draft_offline(
        "We repair washing machines and fridges in Rosario. People find us on Mercado Libre, "
        "they write to our WhatsApp, we go to the house and diagnose, give the presupuesto and "
        "they pay with Mercado Pago or cash. Lots say no to the presupuesto."
    )
    names = [s.name for s in repairer.stages]
    assert "Get ready for the visit" not in names, names


def test_a_cause_the_owner_gives_as_their_own_omission_is_the_idea() -> None:
    """Session 39: a mobile groomer says why the visit fails ("It's because I only confirm the
    week before and never tell them what I need (a space for the van, …)"); a blind reviewer
    found the draft's deposit for no-shows beside the point. "half the time tech comes late"
    named the customers "time tech"."""
    journey = draft_offline(
        "I run a mobile dog grooming van round north Bristol, we come to you and do the groom "
        "in the van on your drive. Problem is the day of the groom, about a third of the time I "
        "turn up and nobody's in or there's no parking for the van. It's because I only confirm "
        "the week before and never tell them what I need (a space for the van, a power point)."
    )
    ideas = [said for _, said in _user_pains(journey).values()][0]
    assert ideas[0].startswith("Tell them what you need (a space for the van, a power point)")
    reading = read_brief(
        "We are an AC service and repair company in Pune. Main issue is technician arrival, "
        "half the time tech comes late or doesnt come."
    )
    assert "time tech" not in [a.text for a in reading.audience]


def test_what_the_business_does_said_first_comes_after_the_order_told_later() -> None:
    """Session 39: a mobile ski service's first sentence says what it does ("we pick up skis
    … and return them before 8 am"), then the brief tells the order ("they find us on Google
    Maps … order on our website … pay at pickup"); the draft had "Order" and "Pay" after
    "Return them", and the goal "Find us on Google Maps without a hitch"."""
    journey = draft_offline(
        "We are mobile ski service in Zakopane, we pick up skis and snowboards from your hotel or "
        "apartment in the evening and return them before 8 am next morning, basic wax is 60 zł. "
        "Customers are mostly Polish families on winter holiday, they find us on Google Maps, "
        "Instagram and from receptionists who recommend us. They order on our website or by "
        "phone and pay by BLIK or card at pickup. Problem is choosing the service, people do not "
        "know what they need."
    )
    names = [s.name for s in journey.stages]
    # session 40: what the business does is named as the customer lives it
    assert names.index("Order") < names.index("Picking up skis") < names.index("Get them back"), (
        names
    )
    goals = [s.customer_goal or "" for s in journey.stages]
    assert not any(g.startswith(("Find us", "Get the our")) for g in goals), goals


def test_a_contract_or_a_hand_over_is_the_commitment_nobody_is_asked_for() -> None:
    """Session 38's closing note: a commercial laundry's draft had "Sign the contract", yet
    the reading asked "What is the moment a customer commits …?"; session 39: a dry cleaner's
    "15% of tickets sit on the rack over 30 days" was no problem at all."""
    laundry = read_brief(
        "We're a commercial laundry in Swindon doing linen hire for hotels and care homes. New "
        "accounts come from LinkedIn. Trouble is the first month, new homes complain about "
        "missing items and 1 in 6 cancel before the 3 month review."
    )
    assert not any("commits" in q for q in laundry.questions), laundry.questions
    cleaner = read_brief(
        "Family owned dry cleaner in Chicago. Customers bring their shirts in and collect them "
        "later. Around 15% of tickets sit on the rack over 30 days. Want that under 5%."
    )
    assert [p.text for p in cleaner.problems] == [
        "Around 15% of tickets sit on the rack over 30 days"
    ]
    assert not any("commits" in q or "complaints" in q for q in cleaner.questions)


def test_finding_the_business_through_a_recommendation_is_where_the_journey_starts() -> None:
    """Session 39: a piano tuner's "most people find me through Google or a recommendation
    from their piano teacher, then they ring or text to book" read the finding as advocacy,
    so "Find us" and "Ring us" came after "Book the next tuning"."""
    names = [
        s.name
        for s in draft_offline(
            "I run a one-man mobile piano tuning business in Dublin. Most people find me through "
            "Google or a recommendation from their piano teacher, then they ring or text to book "
            "a tuning and I go out to their house. Roughly 30% of first-time customers never "
            "rebook the following year."
        ).stages
    ]
    assert names[0] == "Find us" and names.index("Ring us") < names.index("Book the next tuning")


def test_a_watch_repair_shop_told_in_steps_has_the_repair_and_the_collection() -> None:
    """Session 39, tried in the browser: a watch repairer's told steps ("bring their watches
    in, I open them up and ring with a price, then they collect and pay") had no repair
    stage, "Pay" held the uncollected watches with "Find out why", and the offer was the
    shop's name."""
    brief = (
        "Hi, I have a little watch and clock repair shop in Norwich. People bring their watches "
        "in, I open them up and ring with a price, then they collect and pay when it's done. "
        "Most find me on Google. Trouble is loads of repaired watches never get collected - "
        "about 1 in 5 still on the shelf after two months. I'd like that under 1 in 20."
    )
    reading = read_brief(brief)
    assert [o.text for o in reading.offering] == ["watch and clock repair"]
    journey = draft_offline(brief, reading=reading)
    names = [s.name for s in journey.stages]
    assert names.index("The repair") + 1 == names.index("Collect the watches and pay"), names
    ((at, ideas),) = _user_pains(journey).values()
    assert at == "Collect the watches and pay" and ideas[0].startswith(
        "Text the moment it is ready"
    )


def test_a_dry_cleaners_is_no_cleaning_trade_and_its_uncollected_clothes_sit_at_pick_up() -> None:
    """Session 39, tried in the browser in my own words: "a family dry cleaners in Swansea"
    took the trades pack for its word "cleaners" (domestic cleaners' stages), and "loads
    never come back for their clothes" sat at "Come back next time"."""
    brief = (
        "We're a family dry cleaners in Swansea, two shops. Folk drop their suits and dresses "
        "off and pick them up three days later, most find us on Google or Facebook. Problem is "
        "loads never come back for their clothes, about 12% still on the rails after a month. "
        "Want that down to 4%."
    )
    reading = read_brief(brief)
    assert not reading.industry.used and reading.shape is not None
    assert reading.shape.text == "item_service" and reading.offering[0].text == "dry cleaning"
    journey = draft_offline(brief, reading=reading)
    assert [at for at, _ in _user_pains(journey).values()] == ["Pick up the suits and dresses"]
