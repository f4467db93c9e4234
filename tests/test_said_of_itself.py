"""What a brief says of the business itself is not contradicted by the draft: a one-person
business has no Marketing department, a class or a call-out is had where it is given (so no one
asks how it is received), and a stock pain the brief says is not so is left out."""

from __future__ import annotations

import pytest

from journey_assistant.drafting import draft_offline
from journey_assistant.models import JourneyMap, Provenance
from journey_assistant.understanding.brief import read_brief


def _owners(journey: JourneyMap) -> set[str]:
    owners = {o for s in journey.stages for o in s.owners}
    return owners | {o.owner for s in journey.stages for o in s.opportunities if o.owner}


@pytest.mark.parametrize(
    "brief",
    [
        "mobile tyre fitter, just me and the van, covering mid Wales. People ring me and I go out "
        "to fit it. Problem is 1 in 5 call-outs nobody is home.",
        "I tune pianos around Wooster, Ohio. Folks call the landline and I call them back. "
        "Trouble is half of them forget the appointment.",
        "We're a small family business delivering turf and firewood around Mayo, orders by "
        "phone. Everyone orders in the first cold snap and we can't keep up.",
    ],
)
def test_a_one_person_business_is_owned_by_its_owner(brief: str) -> None:
    assert _owners(draft_offline(brief)) == {"Owner"}


def test_solo_customers_make_no_one_person_business() -> None:
    journey = draft_offline(
        "We run walking holidays in the Lake District, mostly for solo travellers. We have 12 "
        "guides. Problem is few rebook."
    )
    assert _owners(journey) != {"Owner"}


def test_a_business_with_staff_keeps_its_teams_as_owners() -> None:
    journey = draft_offline(
        "Our salon in Manchester has 6 stylists and we take bookings through Treatwell. "
        "No-shows are about 12% of appointments."
    )
    assert _owners(journey) != {"Owner"} and len(_owners(journey)) >= 2


@pytest.mark.parametrize(
    "brief",
    [
        "Yoga studio in Brighton, 30 classes a week, booked on Mindbody. Few first-timers come "
        "back for a second class.",
        "I teach harp lessons in Galway to adults, booked by phone. Most stop after a month.",
        "I go to people's houses around Swindon to groom their dogs. Bookings are all over "
        "WhatsApp and I lose track.",
    ],
)
def test_a_service_had_where_it_is_given_is_not_asked_about(brief: str) -> None:
    reading = read_brief(brief)
    assert reading.fulfilment is not None and reading.fulfilment.text == "on_site"
    assert not any("collection, delivery" in q for q in reading.questions)


def test_an_app_s_membership_is_not_had_on_site() -> None:
    reading = read_brief(
        "Our language exchange app in Berlin has a premium membership. Most free users never "
        "upgrade."
    )
    assert reading.fulfilment is None or reading.fulfilment.text != "on_site"


def _stock_pains(journey: JourneyMap) -> list[str]:
    return [
        p.description
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.inferred
    ]


def test_no_stock_pain_the_brief_says_is_not_so() -> None:
    """The knife sharpener texts people when their knives are done and most customers come by
    word of mouth: no "not told when it will be ready", no "do not come across"."""
    brief = (
        "I sharpen knives from a van at farmers markets in North Yorkshire. Most customers come "
        "by word of mouth; they hand knives over at the stall and i text them when done. "
        "Problem is people forget to bring their knives."
    )
    pains = " ".join(_stock_pains(draft_offline(brief))).lower()
    assert "not told when" not in pains and "come across" not in pains
    plain = brief.replace("Most customers come by word of mouth; they", "They")
    silent = " ".join(_stock_pains(draft_offline(plain.replace(" and i text them when done", ""))))
    silent = silent.lower()
    assert "come across" in silent or "not told when" in silent, "the stock pains stay otherwise"


def test_being_found_stays_a_pain_when_it_is_the_brief_s_problem() -> None:
    brief = (
        "I run a mobile bike repair van in Bristol, mostly word of mouth. The problem is that "
        "people who move to the area never find me."
    )
    reading = read_brief(brief)
    journey = draft_offline(brief)
    assert reading.problems and any(
        p.provenance == Provenance.user for s in journey.stages for p in s.pain_points
    )


def test_a_question_to_the_assistant_is_no_customer_action() -> None:
    """ "… can you map how people book me?" asks us for the map; it is not something customers
    do. A request that says what the map should hold ("Please map the journey including claims
    …") still does."""
    brief = (
        "I run a mobile bike repair van in Bristol, people book by WhatsApp and I fix the bike "
        "on their drive. can you map how people book me?"
    )
    actions = [a for s in draft_offline(brief).stages for a in s.actions]
    assert not any("can you" in a.lower() for a in actions), actions
    reading = read_brief(
        "Car insurer. Please map the customer journey including claims by phone or in the app."
    )
    assert any("claims" in d.source for d in reading.details)
