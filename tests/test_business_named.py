"""Session 45 (#13): what the business is, read from a brief that opens with it ("Family-run
florist in Hobart, …"): a later "we're still chasing …" says how things go, not what the
business is; a place said further on in the first sentence is where it is; who runs it is no
part of its name; a goal named from its baseline keeps no "or so". Each brief is worded for
this file; each test fails on the code before the session (checked with the start snapshot),
but the guard that a trade said with "-ing" ("wedding invitation printers") is still the
business."""

from __future__ import annotations

import pytest

from journey_assistant.understanding.brief import read_brief


@pytest.mark.parametrize(
    ("brief", "business"),
    [
        # how things go is not what the business is
        (
            "Family-run florist in Hobart, mostly wedding flowers. We're still chasing brides the "
            "week before the service for their colours.",
            "florist",
        ),
        # the business named first beats a place said later in the sentence
        (
            "Volunteer-run tool library in Hackney, we keep the tools in a shed at the back of "
            "the community centre and members borrow them for a week.",
            "tool library",
        ),
        # who runs it is no part of its name; a trade said with -ing stays
        (
            "Independent hearing clinic in Galway, people come for tests and fittings.",
            "hearing clinic",
        ),
        (
            "We are wedding invitation printers in Pune, families choose a design in the shop.",
            "wedding invitation printers",
        ),
    ],
)
def test_the_business_is_what_the_brief_opens_with(brief: str, business: str) -> None:
    reading = read_brief(brief)
    assert reading.business is not None
    assert reading.business.text == business


def test_a_goal_named_from_its_baseline_keeps_no_hedge_or_lead_in() -> None:
    """Session 45's blind review quoted the objective "Weve had or so wasted boxes a week": the
    figure taken out, its "or so" and "Weve had" left in."""
    reading = read_brief(
        "We run a bike shop in York. Weve had 40 or so bikes a month left unclaimed after a "
        "service, want it under 10."
    )
    goal = reading.goals[0]
    assert (goal.text, goal.baseline, goal.target) == (
        "bikes a month left unclaimed after a service",
        "40",
        "10",
    )
