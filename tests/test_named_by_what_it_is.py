"""A business the brief names by what it is (the place, the trade person or the group) and
never says what it sells: the draft names it as it is, says what such a business usually
offers as general knowledge, and has no "the service" or "Get started" in its stages.

Briefs in this file are written for it, not taken from the development sets."""

from __future__ import annotations

import re

import pytest

from journey_assistant.compose import nouns
from journey_assistant.drafting import draft_offline
from journey_assistant.understanding.brief import read_brief
from journey_assistant.understanding.kinds import _kinds, kind_of
from journey_assistant.understanding.reading import Read

_PLACEHOLDER = re.compile(r"\bthe (?:service|business)\b|^Get started$", re.IGNORECASE)


def _stages(brief: str) -> list[str]:
    return [s.name for s in draft_offline(brief).stages]


LAUNDERETTE = (
    "We're a little launderette on Cowbridge Road in Cardiff, open 7 till 10. Students and "
    "people from the flats come in with their bags, and a few find us on Google Maps. Trouble is "
    "the machines are always busy on a Sunday and folk leave before a drier frees up."
)


def test_a_known_kind_gets_its_usual_moment_and_says_the_offer_was_not_said() -> None:
    reading = read_brief(LAUNDERETTE)
    assert reading.kind is not None and reading.kind.text == "launderette"
    stages = _stages(LAUNDERETTE)
    assert not [s for s in stages if _PLACEHOLDER.search(s)], stages
    assert any("launderette" in s for s in stages) and "Wash, dry and fold" in stages
    assert not any("launderette business" in s for s in stages)
    offers = next(line for line in reading.summary() if line.startswith("Offers:"))
    assert "not said" in offers and "self-service washing" in offers  # knowledge, said so


def test_a_group_is_joined_and_its_people_take_part() -> None:
    brief = (
        "I'm treasurer of our lawn bowls club in Tauranga, about 90 members, mostly retired. "
        "New people come to a free roll-up after seeing us in the community paper but most "
        "never come back."
    )
    reading = read_brief(brief)
    assert reading.business is not None and reading.business.text == "lawn bowls club"
    assert nouns(reading)["conv"].startswith("join")  # not "order lawn bowls"
    stages = _stages(brief)
    assert not [s for s in stages if _PLACEHOLDER.search(s)], stages
    assert not any(s.lower().startswith(("order", "use ")) for s in stages), stages


def test_the_group_a_speakers_role_is_of_is_the_business() -> None:
    for brief, named in (
        ("I'm secretary of our beekeepers association in mid Devon, 140 members.", "beekeepers"),
        ("Im the coordinator for our repair cafe in Ghent, we meet monthly.", "repair cafe"),
    ):
        reading = read_brief(brief)
        assert reading.business is not None and named in reading.business.text.lower(), brief


def test_an_unknown_kind_is_still_named_as_it_is() -> None:
    brief = (
        "We run a hovercraft hire hut on the beach at Southsea. Families see us from the "
        "promenade and walk up, but on windy days we turn half of them away."
    )
    stages = _stages(brief)
    assert not [s for s in stages if _PLACEHOLDER.search(s)], stages


def test_when_a_meeting_is_held_is_not_part_of_the_name() -> None:
    reading = read_brief("I run a pub quiz every Wednesday at the Red Lion in Bath.")
    assert reading.business is not None and reading.business.text == "pub quiz"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("small family-run bakery", "bakery"),
        ("Swansea barbershop", "barbershop"),
        ("village hall", "village hall"),
        ("dog daycare", "dog daycare"),  # a dog's, not a child's
        ("Tea Garden Café", None),  # a name of its own, not "café" alone
        ("cat sitting business", None),
        ("internet café", "internet café"),
    ],
)
def test_a_kind_is_matched_by_the_name_or_its_ending(name: str, kind: str | None) -> None:
    found = kind_of(Read(text=name))
    assert (found.text if found else None) == kind


def test_a_supper_club_is_a_place_to_eat_not_a_club_to_join() -> None:
    brief = (
        "We took over a supper club by the lake near Rhinelander, Wisconsin. People find us on "
        "Facebook. Weeknights in winter are quiet."
    )
    conv = nouns(read_brief(brief))["conv"]
    assert not conv.startswith("join"), conv
    assert not [s for s in _stages(brief) if s.lower().startswith(("decide to join", "join"))]


def test_a_trade_named_alone_is_not_called_its_name_plus_business() -> None:
    brief = "Im a one-woman taxidermist near Rotorua. Hunters message me on Facebook."
    stages = _stages(brief)
    assert any("taxidermist" in s for s in stages), stages
    assert not any("taxidermist business" in s for s in stages), stages


def test_every_kind_is_well_formed_and_each_name_has_one_kind() -> None:
    table = _kinds()
    assert len({id(k) for k in table.values()}) >= 300
    for name, kind in table.items():
        assert name == name.lower().strip() and kind.offer and kind.moment[:1].isupper()
        assert 1 <= len(kind.moment.split()) <= 5, kind.moment


def test_a_goal_said_of_it_is_named_by_the_problem_it_measures() -> None:
    chippy = (
        "We're a chippy in Whitby. At teatime the queue goes out the door and people walk off. "
        "Its about 15 a night, I want it under 5."
    )
    journey = draft_offline(chippy)
    objective = journey.context.objective or ""
    assert objective.startswith("How often") and "queue goes out the door" in objective
    kpi = next(k for s in journey.stages for k in s.kpis if k.provenance.value == "user")
    assert kpi.name.startswith("How often") and (kpi.current, kpi.target) == ("15", "5")
    ceilidh = (
        "We run a ceilidh night in Oban every Friday. The visitors come once, love it and never "
        "come back. At the moment 1 in 12 comes back, we'd like 1 in 4."
    )
    objective = draft_offline(ceilidh).context.objective or ""
    assert objective.startswith("Visitors who come back"), objective
    scout_hut = (
        "We look after the scout hut in Penrith and hire it out. Trouble is it sits empty most "
        "evenings. We'd love it hired 4 evenings a week by spring, right now it's about 1."
    )
    objective = draft_offline(scout_hut).context.objective or ""
    assert "4 evenings a week" in objective and not objective.startswith("How often"), objective


def test_a_walk_in_place_and_a_booked_one_are_arrived_at_differently() -> None:
    walk_in = draft_offline(LAUNDERETTE)
    arrive = next(s for s in walk_in.stages if s.name.startswith("Arrive at"))
    assert "open" in arrive.pain_points[0].description  # opening hours, busy times
    booked = draft_offline(
        "I run a small barbershop in Accra. Guys book on WhatsApp but half of them turn up late "
        "and the whole afternoon runs behind."
    )
    said = " ".join(p.description for s in booked.stages for p in s.pain_points)
    assert "confirmation with the date" not in said or "Arrive" not in said


def test_too_few_hands_at_the_till_is_the_cause_the_idea_answers() -> None:
    journey = draft_offline(
        "We run a corner shop in Kirkcaldy. Mornings the line at the till gets long and folk "
        "walk off, its only me on the till and the card machine is slow."
    )
    ideas = " ".join(o.description for s in journey.stages for o in s.opportunities)
    assert "second pair of hands" in ideas and "does not say why" not in ideas  # the cause
    assert "ready time" not in ideas  # a slow card machine is no order to have ready
    personas = " ".join(p.name for p in journey.personas)
    assert "Hr" not in personas.split() and "Hrs" not in personas.split()


def test_a_walk_in_wait_with_no_booking_is_answered_with_a_queue_people_can_join() -> None:
    journey = draft_offline(
        "We're a bike repair workshop in Utrecht. Our problem is Saturdays: there are no "
        "appointments, everyone turns up at once and waits for hours."
    )
    ideas = [
        o.description
        for s in journey.stages
        for p in s.pain_points
        if p.provenance.value == "user"
        for o in s.opportunities
        if o.addresses == p.id
    ]
    assert any("join the queue from their phone" in i for i in ideas), ideas


def test_the_people_who_run_a_hall_are_not_its_customers() -> None:
    reading = read_brief(
        "We look after the church hall in Didcot, all volunteers. People hire it for kids' "
        "parties and ring the booking secretary to check dates."
    )
    said = [a.text.lower() for a in reading.audience]
    assert "volunteers" not in said and "booking secretary" not in said, said
    assert not any("secretary" in c.text for c in reading.conversions), reading.conversions


def test_the_main_moment_of_a_known_kind_is_had_not_used() -> None:
    moment = next(s for s in draft_offline(LAUNDERETTE).stages if s.name == "Wash, dry and fold")
    assert not any(a.startswith("Uses ") for a in moment.actions), moment.actions
