"""Session 45 (#13): the cause a brief gives for its problem, read from its shape, gives the idea
for that problem, in the brief's own words, instead of a note to "take on the cause" or to go
and find out why. Every brief here is worded for this file; each test fails on the code
before the session (the module did not exist; checked with the start snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_assistant.drafting import draft_offline
from journey_assistant.understanding.brief import read_brief
from journey_assistant.understanding.remedies import problem_remedy, remedies


@pytest.mark.parametrize(
    ("cause", "words"),
    [
        # a message that reaches the wrong person
        (
            "the reminder goes only to whoever paid, and not to the grandparents who do the "
            "school run",
            ["send the reminder", "grandparents", "not only to whoever paid"],
        ),
        # told too late to act on
        (
            "we only send the kit list when they arrive at the campsite",
            ["send the kit list as soon as people book", "not when they arrive"],
        ),
        (
            "most venues want proof of insurance and no one tells clients that until the week "
            "before",
            ["tell clients as soon as they book", "proof of insurance"],
        ),
        # said only where people do not look
        (
            "the parking rule is buried in the terms and conditions",
            ["put the parking rule where people cannot miss it", "not only in the terms"],
        ),
        # a reminder after its deadline
        (
            "the order deadline is Thursday noon but our reminder text goes out Friday",
            ["send your reminder text before the order deadline (thursday noon)", "not friday"],
        ),
        # no place for what is needed
        (
            "our booking form doesn't have a field for the gate code",
            ["add a place for the gate code to your booking form"],
        ),
        # two things sent apart
        (
            "the bank details go in a separate email after the invoice and people miss them",
            ["send the bank details in the same email as the invoice"],
        ),
        # the way of doing it does not work there
        (
            "the check-in is a web form and there's no signal at the lake",
            ["works without signal", "web form kept"],
        ),
        (
            "the enrolment pack is a PDF form and most parents only have a phone",
            ["replace the enrolment pack", "work on a phone"],
        ),
        (
            "people don't want to say their date of birth out loud at the desk",
            ["give it privately"],
        ),
    ],
)
def test_a_cause_of_a_known_shape_says_what_to_do(cause: str, words: list[str]) -> None:
    found = remedies(cause)
    assert len(found) == 1, found
    idea = found[0].idea.lower()
    for word in words:
        assert word in idea, (word, idea)


@pytest.mark.parametrize(
    "cause",
    [
        "people think we're too expensive next to the big chains",
        "it's the weather, nobody books a boat trip when it rains",
        "we only have two vans so the slots go fast",
        "the form is long and asks for their whole address history",
    ],
)
def test_a_cause_of_no_known_shape_gives_no_idea(cause: str) -> None:
    assert remedies(cause) == []


def test_the_idea_for_the_stated_problem_deals_with_the_cause_told_with_it() -> None:
    brief = (
        "We run a mobile bike repair service in Bristol: people book on our website, we come "
        "to their home or office and fix the bike on the spot. About 1 in 4 visits we arrive "
        "and nobody is there to hand over the bike. The booking confirmation goes only to "
        "whoever booked, often an office manager, and not to the rider who owns the bike. "
        "We want missed visits under 1 in 20."
    )
    ideas = [first for first, *_ in _ideas_for_user_pains(brief)]
    assert any(
        "send the booking confirmation to the rider who owns the bike" in i.lower() for i in ideas
    ), ideas
    assert not any(i.startswith(("Take on the cause", "Find out why")) for i in ideas[:1]), ideas


@pytest.mark.parametrize(
    ("cause", "shape"),
    [
        (
            "the door code comes in one text and the room number in another, so guests lose one",
            "sent_apart",
        ),
        (
            "nobody finds out about the dress rules till the bouncer tells them at the door",
            "told_too_late",
        ),
        (
            "there's no box on the enquiry form for the size of the garden, so every quote "
            "starts with a phone call",
            "missing_field",
        ),
        ("people won't mention money worries with the whole waiting room listening", "not_private"),
    ],
)
def test_a_cause_said_in_other_words_is_known_by_its_shape(cause: str, shape: str) -> None:
    found = remedies(cause)
    assert [r.shape for r in found] == [shape], found


@pytest.mark.parametrize(
    ("name", "found_at_least", "wrong_at_most"),
    [("causes-a", 72, 2), ("causes-b", 42, 4)],
)
def test_the_cause_development_sets_are_read_at_least_as_well_as_now(
    name: str, found_at_least: int, wrong_at_most: int
) -> None:
    """Blind sets of 110 causes each (90 of the nine shapes, 20 of no shape), written in
    session 45 by a helper who saw no code; causes-a was tuned on, causes-b kept aside. At the
    start of the session the patterns alone found 8 and 11 of the 90; with the cue words, 72
    and 42, and no cause of no shape read as one in either set."""
    import yaml

    path = Path(__file__).parents[1] / f"evals/devsets/causes/{name}.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = wrong = false = 0
    for item in items:
        shapes = [r.shape for r in remedies(item["text"])]
        if item["shape"] == "other":
            false += bool(shapes)
        elif item["shape"] in shapes:
            found += 1
        elif shapes:
            wrong += 1
    assert found >= found_at_least and false == 0, (found, false)
    assert wrong <= wrong_at_most, wrong


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        # an answer slow to come
        (
            "we're still waiting on couples to approve the seating plan the week before",
            "reply-by date",
        ),
        # a count both sides dispute
        (
            "the number of chairs we collect never matches what the venue signed for, so we "
            "argue about every invoice",
            "check or count it together",
        ),
        # something customers leave undone; a business waiting on them is no wait of theirs
        ("we wait ages for the floor plans and half the jobs start late", "make it one step"),
        ("every third guest comes without their passport copy", "what-to-bring list"),
        # nobody tells them
        ("nobody tells them the car park shuts at 6", "say it plainly"),
        # a wait
        ("it's 6 weeks on average from survey to install", "put a date on"),
    ],
)
def test_a_problem_with_no_cause_given_gets_what_to_try_first_for_its_kind(
    problem: str, words: str
) -> None:
    idea = problem_remedy(problem, "the stage")
    assert idea is not None and words in idea.lower(), idea


def test_a_problem_of_no_known_kind_gets_no_idea_of_a_kind() -> None:
    assert problem_remedy("people think we are too pricey for what it is", "the stage") is None


def test_a_problem_whose_cause_is_another_problem_shares_its_concrete_idea() -> None:
    brief = (
        "We run a dog daycare in Bristol. About a third of new dogs never come back after the "
        "trial day. The vaccination record goes only to whoever booked, not to the owner who "
        "drops the dog off, so they turn up without it and we can't take the dog in."
    )
    firsts = [first for first, *_ in _ideas_for_user_pains(brief)]
    assert not any(f.startswith("Tackle first") for f in firsts), firsts
    assert any("owner who drops the dog off" in f for f in firsts), firsts


def test_a_brief_that_gives_a_reason_somewhere_is_not_said_to_give_none() -> None:
    """Session 45's blind review found "(the brief does not say why)" in six drafts whose brief
    did give a reason, one the reader had not tied to the problem."""
    from journey_assistant.compose import _how_to_learn_why
    from journey_assistant.models import Stage

    stage = Stage(name="Book a taster")
    given = read_brief(
        "We teach pottery in Leeds. People drift off, I reckon because of the car park."
    )
    untold = read_brief("We teach pottery in Leeds. People drift off after the taster.")
    assert "does not say why" not in _how_to_learn_why("people drift off", stage, given)
    assert "does not say why" in _how_to_learn_why("people drift off", stage, untold)


def _ideas_for_user_pains(brief: str) -> list[list[str]]:
    """The ideas for each of the user's own pain points in the offline draft, first first."""
    journey = draft_offline(brief, reading=read_brief(brief))
    return [
        [o.description for o in s.opportunities if o.addresses == p.id]
        for s in journey.stages
        for p in s.pain_points
        if p.provenance.value == "user" and any(o.addresses == p.id for o in s.opportunities)
    ]
