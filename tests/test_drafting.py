"""Offline drafting: varied briefs give complete, re-importable maps with the brief's channels."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from journey_assistant import dump_map, parse_map
from journey_assistant.cli import cli
from journey_assistant.drafting import draft_map, draft_offline
from journey_assistant.errors import UserInputError
from journey_assistant.models import MapType, Provenance, Severity
from journey_assistant.understanding import read_brief
from journey_assistant.vocab import Channel

# brief, expected map type, expected industry, touchpoint names that must appear
BRIEFS: list[tuple[str, MapType, str | None, list[str]]] = [
    (
        "We sell refurbished laptops online and in 3 shops, young professionals",
        MapType.omnichannel,
        None,
        ["Shops"],  # under the brief's own word
    ),
    (
        "A boutique hotel by the sea; guests find us on Instagram and book on Booking.com or at "
        "the front desk",
        MapType.customer_journey,
        "hospitality",
        ["Instagram", "Booking.com", "Front desk"],
    ),
    (
        "B2B SaaS for procurement teams, sold through demos, trade fairs and a free trial",
        MapType.b2b,
        "b2b_saas",
        ["Demos", "Trade fairs"],
    ),
    (
        "Email lifecycle for a DTC skincare brand: welcome series, cart abandonment and win-back",
        MapType.email,
        None,
        [],
    ),
    (
        "A physiotherapy clinic; patients find us on Google Maps and book by phone",
        MapType.customer_journey,
        "healthcare",
        ["Google Maps", "Phone"],
    ),
    (
        "Car dealership with test drives in the showroom, YouTube reviews and finance partners",
        MapType.omnichannel,
        "automotive",
        ["Showroom", "YouTube"],
    ),
    (
        "Service blueprint for opening a current account at our bank branch with ID checks",
        MapType.service_blueprint,
        "banking",
        ["Branch"],
    ),
    (
        "Meal kit subscription box; churn after the third box is our biggest problem",
        MapType.retention,
        "subscription_boxes",
        [],
    ),
    (
        "Mobile game studio: players discover us through TikTok and streamers, buy on Steam",
        MapType.customer_journey,
        "games",
        ["TikTok"],
    ),
    (
        "Online university courses for working adults, open days as webinars",
        MapType.customer_journey,
        "education",
        ["Webinars"],
    ),
    (
        "Broadband and mobile provider; customers compare plans on comparison sites and call us",
        MapType.customer_journey,
        "telecom",
        ["Call"],
    ),
    (
        "Food delivery app with restaurants, customers order through the app and WhatsApp",
        MapType.omnichannel,
        "restaurants_delivery",
        ["WhatsApp"],
    ),
    (
        "Energy supplier: smart meter installs, first bill shock, moving home",
        MapType.service_blueprint,
        "utilities",
        [],
    ),
    (
        "Charity fundraising through events, direct mail and a monthly giving email programme",
        MapType.customer_journey,
        "nonprofits",
        ["Events"],
    ),
    (
        "Customer success for our HR software: onboarding, adoption, renewals and expansion",
        MapType.customer_success,
        "b2b_saas",
        [],
    ),
    (
        "Improve conversion on our online furniture shop checkout; ads on Pinterest",
        MapType.conversion,
        None,
        ["Pinterest"],
    ),
    (
        "User journey for renewing a parking permit on the council website",
        MapType.user_journey,
        None,
        ["Website"],
    ),
]


@pytest.mark.parametrize(
    ("brief", "map_type", "industry", "names"), BRIEFS, ids=[b[0][:30] for b in BRIEFS]
)
def test_offline_draft_is_complete(
    brief: str, map_type: MapType, industry: str | None, names: list[str]
) -> None:
    result = draft_map(brief)
    journey = result.map
    assert result.engine == "offline"
    assert journey.map_type == map_type
    if industry:
        assert journey.context.industry == industry
    assert len(journey.stages) >= 5
    assert all(
        s.touchpoints and s.actions and s.emotion and s.kpis and s.owners for s in journey.stages
    )
    assert not [f for f in result.critique.findings if f.severity == Severity.critical]
    # complete in shape, but inferred content is not evidence: a first draft, not expert work
    assert 65 <= result.critique.score < 90
    all_names = {t.name for s in journey.stages for t in s.touchpoints}
    for name in names:
        assert name in all_names, (name, sorted(all_names))
    pains = {p.id for s in journey.stages for p in s.pain_points}
    addressed = {o.addresses for s in journey.stages for o in s.opportunities}
    assert pains and pains <= addressed
    assert min(s.emotion.score for s in journey.stages if s.emotion) <= 2
    assert journey.sources and journey.personas and journey.assumptions
    cited = {c for s in journey.stages for k in s.kpis for c in k.citations}
    assert cited <= {src.id for src in journey.sources}
    for fmt in ("json", "csv", "md", "text"):
        again = parse_map(dump_map(journey, fmt), format=fmt)
        assert [s.name for s in again.stages] == [s.name for s in journey.stages]


def test_industry_signature_touchpoints() -> None:
    hotel = draft_offline("Boutique hotel with a spa")
    names = " ".join(t.name.lower() for s in hotel.stages for t in s.touchpoints)
    assert "check-in" in names or "front desk" in names
    bank = draft_offline("Retail bank, current accounts opened in the app")
    assert any(
        "identity" in s.name.lower() or "kyc" in " ".join(s.actions).lower() for s in bank.stages
    )
    dealer = draft_offline("Car dealership")
    assert any("test drive" in s.name.lower() for s in dealer.stages)


def test_draft_is_deterministic_and_marks_provenance() -> None:
    brief = BRIEFS[1][0]
    assert draft_offline(brief) == draft_offline(brief)
    journey = draft_offline(brief)
    instagram = [t for s in journey.stages for t in s.touchpoints if t.name == "Instagram"]
    assert instagram and all(t.provenance == Provenance.user for t in instagram)
    inferred = [t for s in journey.stages for t in s.touchpoints if t.name != "Instagram"]
    assert any(t.provenance == Provenance.inferred for t in inferred)


def test_unplaceable_brief_gets_a_generic_map_and_says_so() -> None:
    journey = draft_offline("We make hand-carved wooden chess sets")
    # no pack: the business is named by its own words, never by another industry's
    assert journey.context.industry == "hand-carved wooden chess sets"
    assert len(journey.stages) >= 5
    assert any("No industry pack matches" in a for a in journey.assumptions)


def test_brief_reading() -> None:
    reading = read_brief("We sell refurbished laptops online and in 3 shops, young professionals")
    assert reading.audience_text == "young professionals"
    assert reading.map_type == MapType.omnichannel
    assert [c.channel for c in reading.channels] == [Channel.website, Channel.physical]
    assert [c.text for c in reading.channels] == ["online", "shops"]
    with pytest.raises(UserInputError, match="empty"):
        read_brief("  ")
    with pytest.raises(UserInputError, match="under 5000"):
        read_brief("word " * 2000)


def test_draft_cli_text_json_and_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    runner = CliRunner()
    result = runner.invoke(cli, ["draft", BRIEFS[1][0]])
    assert result.exit_code == 0 and "1. Inspiration" in result.output
    assert "Critique score" in result.output
    assert "save the map with --out map.json and run `journey critique map.json`" in result.output
    as_json = runner.invoke(cli, ["draft", BRIEFS[1][0], "--json"])
    payload = json.loads(as_json.output)
    assert payload["engine"] == "offline" and payload["critique"]["score"] >= 80
    assert payload["map"]["map_type"] == "customer_journey"
    brief_file = tmp_path / "brief.txt"
    brief_file.write_text(BRIEFS[2][0])
    out = tmp_path / "saas.html"
    written = runner.invoke(cli, ["draft", "--brief-file", str(brief_file), "--out", str(out)])
    assert written.exit_code == 0 and out.read_text().startswith("<!DOCTYPE html>")
    assert f"run `journey critique {out}` for details" in written.output
    assert runner.invoke(cli, ["draft"]).exit_code == 2


def test_persona_cli_offline() -> None:
    result = CliRunner().invoke(cli, ["persona", BRIEFS[0][0], "--count", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.count("[proto-persona: assumption]") == 3
    assert "To validate:" in result.output and "Research:" in result.output
    assert CliRunner().invoke(cli, ["persona", BRIEFS[0][0], "-n", "9"]).exit_code == 2


def test_personas_use_and_cite_company_documents() -> None:
    from journey_assistant.models import Source
    from journey_assistant.personas import draft_personas_offline

    doc = Source(id="doc:tickets:1a2b", title="Support tickets", location="tickets.csv")

    def search(query: str, k: int) -> list[tuple[Source, str]]:
        return [(doc, "Parents say the delivery slot is missed twice a month. More text.")]

    personas, sources = draft_personas_offline("Meal kit box for busy parents", 2, search=search)
    assert [s.id for s in sources] == ["doc:tickets:1a2b"]
    cited = [f for p in personas for f in p.frustrations if f.citations]
    assert cited and cited[0].provenance == Provenance.evidence
    assert "delivery slot is missed twice a month" in cited[0].text
    assert all(p.goals and p.frustrations and p.behaviours for p in personas)
    assert len({p.name for p in personas}) == 2


@pytest.mark.parametrize(
    "brief",
    [
        "Car insurer: please map the customer journey for claims; churn after a claim is high.",
        "EV dealership, need a CJM asap, test drives + finance partners",
    ],
)
def test_a_map_type_asked_for_by_name_wins_over_cues(brief: str) -> None:
    """Found by the full eval suite: 'churn' made a requested customer journey a retention map,
    and 'CJM' was ignored."""
    assert draft_offline(brief).map_type == MapType.customer_journey


def test_offline_personas_use_the_channels_the_brief_names() -> None:
    """Found by the full eval suite: stock personas ignored the showroom and phone orders."""
    from journey_assistant.models import Provenance
    from journey_assistant.personas import draft_personas_offline
    from journey_assistant.vocab import Channel

    brief = "Grocery delivery: customers order in the app or by phone; we send the slot by SMS"
    personas, _ = draft_personas_offline(brief, 2)
    for persona in personas:
        assert {Channel.mobile_app, Channel.phone, Channel.sms} <= set(persona.preferred_channels)
        stated = [b for b in persona.behaviours if b.provenance == Provenance.user]
        assert any("named in the brief" in b.text for b in stated), stated
    assert personas[0].name != personas[1].name


def test_pack_content_foreign_to_the_business_or_region_is_left_out() -> None:
    """The healthcare pack covers hospitals and US insurance; a hearing clinic in Australia is
    told about neither, on the stages or the personas."""
    from journey_assistant.personas import draft_personas_offline

    brief = (
        "Independent hearing clinic in Adelaide, Australia. Patients are referred by their GP, "
        "get a free hearing test, then a 30-day trial of hearing aids before they buy."
    )
    journey = draft_offline(brief)
    assert journey.context.industry == "healthcare"  # the pack still lends what fits
    text = journey.model_dump_json().lower()
    for term in ("readmission", "in-network", "copay", "prior authorization"):
        assert term not in text, term
    drafted, _ = draft_personas_offline(brief, 3)
    personas = " ".join(p.model_dump_json().lower() for p in drafted)
    assert "in-network" not in personas and "readmission" not in personas


@pytest.mark.parametrize(
    ("brief", "sector", "persona"),
    [
        ("I look after the volunteers at a small folk festival near Hull: people sign up on a "
         "Google Form, get a crew and pick shifts, but many never show.", "nonprofit",
         "The Committed Supporter"),
        ("Our town council lets allotment plots: residents apply by email, wait on a list, "
         "then pay rent each spring.", "public", "The First-Time Applicant"),
        ("We supply scaffolding to housebuilders in Kent: site managers ask for a quote, we "
         "survey, they sign a hire agreement.", "b2b", "The Evaluator"),
    ],
)  # fmt: skip
def test_with_no_pack_personas_come_from_the_briefs_sector(
    brief: str, sector: str, persona: str
) -> None:
    """A volunteer, a resident applying for a plot or a site manager is no price-comparing
    shopper: with no pack, the generic archetypes are those of the brief's sector."""
    from journey_assistant.personas import archetypes_for, draft_personas_offline

    reading = read_brief(brief)
    assert reading.sector.text == sector and not reading.industry.used
    archetypes = {a.name: a for a in archetypes_for(reading)}
    assert persona in archetypes
    drafted, _ = draft_personas_offline(brief, 2)
    # named for the customers the brief names ("The First-Time Resident"), in the segment of
    # the sector's archetype (the role is what the brief says they do, when it says it)
    assert any((p.segment or "").startswith(archetypes[persona].segment) for p in drafted)
    assert not any("Careful" in p.name or "Comparer" in p.name for p in drafted)


def test_the_step_before_people_commit_gets_its_own_stage() -> None:
    """A trial, a placement test or a tour is where many drop off: it is a stage of its own,
    before the conversion, named as the brief names it."""
    journey = draft_offline(
        "We hire out office plants to companies in Leeds. New clients sign a 12-month plant "
        "contract, usually after a one-month trial in their reception."
    )
    names = [s.name for s in journey.stages]
    trial = next(n for n, name in enumerate(names) if "trial" in name.lower())
    contract = next(n for n, name in enumerate(names) if "contract" in name.lower())
    assert trial < contract, names


def test_a_long_step_is_named_up_to_a_joint_not_mid_phrase() -> None:
    from journey_assistant.compose import _stage_name

    assert _stage_name("sign the contract and put down") == "Sign the contract"
    assert _stage_name("pay the deposit and book the date for the party") == "Pay the deposit"
    assert _stage_name("collect the cake") == "Collect the cake"


def test_a_word_every_generic_stage_name_shares_does_not_place_a_problem() -> None:
    """ "term" is in "Discover the term business" and "Come back to the term business": it
    says nothing about where "the term drop-off is brutal" happens."""
    from journey_assistant.compose import _best_stage
    from journey_assistant.models import Stage
    from journey_assistant.vocab import Phase

    stages = [
        Stage(name="Discover the term business"),
        Stage(name="Book a place"),
        Stage(name="Come back to the term business"),
    ]
    phases = [Phase.awareness, Phase.purchase, Phase.retention]
    assert _best_stage(stages, phases, None, "the term drop-off is brutal", Phase.purchase) == 1
    assert _best_stage(stages, phases, None, "nobody can book a place online") == 1


@pytest.mark.parametrize(
    ("brief", "word"),
    [
        # a service done at the customer's home is booked, not ordered
        ("pest control business in Brisbane, termite inspections for homeowners. jobs come "
         "from google ads and hipages.", "book"),
        # what members already do is not how people become members
        ("Sailing club on Rutland Water, members pay an annual sub. New people come to our "
         "taster days on Eventbrite, and some join after.", "join"),
    ],
)  # fmt: skip
def test_the_commitment_stage_is_named_for_how_people_commit(brief: str, word: str) -> None:
    from journey_assistant.drafting import draft_offline

    names = [s.name.lower() for s in draft_offline(brief).stages]
    assert any(n.startswith(word) for n in names), names


def test_with_no_pack_personas_are_the_customers_the_brief_names() -> None:
    drafted, _ = draft_personas_offline_for(
        "We rent forklifts to warehouses and construction sites around Leeds; quotes by phone."
    )
    names = [p.name for p in drafted]
    assert any("Warehouse" in n for n in names) and any("Construction Site" in n for n in names)
    assert all(p.evidence_level.value == "assumption" for p in drafted)


def draft_personas_offline_for(brief: str):  # type: ignore[no-untyped-def]
    from journey_assistant.personas import draft_personas_offline

    return draft_personas_offline(brief, 2)


@pytest.mark.parametrize(
    ("brief", "kpi", "idea"),
    [
        (
            "I work freelance as a funeral speaker in Hamburg. The funeral homes recommend me to "
            "the family, but they often forget to mention me in the first meeting. I want the "
            "two biggest funeral homes in Altona to give out my card at the first meeting and "
            "get to 8 ceremonies per month.",
            "8 ceremonies per month",
            "The two biggest funeral homes in Altona to give out my card",
        ),
        (
            "I run a mobile knife sharpening van around Melbourne. Market folks can't always "
            "come back the next Saturday so they don't pick up their knives, and I'm sitting on "
            "about 60 uncollected sets. Want a proper drop-off/pickup system over Instagram DMs "
            "or SMS and get uncollected knives down under 10.",
            "Uncollected knives down under 10",
            "A proper drop-off/pickup system",
        ),
        (
            "We're a bike repair shop by Utrecht Centraal. Commuters drop bikes before work but "
            "often can't collect before we close at 18:00. We want 24/7 pickup lockers and 90% "
            "same-day collection.",
            "90% same-day collection",
            "24/7 pickup lockers",
        ),
    ],
)
def test_the_goal_s_measure_is_its_kpi_and_the_owner_s_way_an_idea(
    brief: str, kpi: str, idea: str
) -> None:
    """Session 28's whole-draft review: the goal sentence was pasted in as the KPI, cut off at
    90 characters ("… at the first meeting and get [target: 8]")."""
    journey = draft_offline(brief)
    kpis = [k.name for s in journey.stages for k in s.kpis if k.target]
    assert kpi in kpis, kpis
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert any(i.startswith(idea) for i in ideas), ideas


def test_what_a_third_party_wants_is_no_goal() -> None:
    reading = read_brief(
        "Half my trade is home cooks at the market, the other half is cafes and restaurants "
        "where the head chefs want it done on site. Want uncollected knives down under 10."
    )
    assert not any("chefs" in g.text for g in reading.goals), reading.goals


def test_two_measures_are_no_way_and_a_measure() -> None:
    from journey_assistant.compose import _means_of

    assert _means_of("cut no-shows and 20% more bookings") is None
    assert _means_of("more reviews and 4.8 stars") is None
    assert _means_of("Zero double bookings and 200 boats stored this winter") is None
    assert _means_of("250 live removals this season and 3 pest control companies referring") is None
