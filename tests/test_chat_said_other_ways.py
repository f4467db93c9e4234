"""Session 44 (#15): chat messages on the seven maps of ``tests/data/context_maps`` said in
ways the chat had not met: a stage called by a word of its touchpoints ("the CAD downloads
stage"), a persona described rather than named ("the puppy owner", "the first-time
applicant"), a persona part misspelt, words in quotes with an apostrophe of their own, a score
corrected in the next sentence, stages said by their numbers alone. Every message is worded for
this file, not taken from the development sets; each test fails on the code before the session
(checked with the start snapshot), but the guard that a new stage named like a touchpoint is
still a new one."""

from __future__ import annotations

import pytest
from tests.helpers import context_map

from journey_assistant.agent.assistant import Assistant, Session
from journey_assistant.understanding.slots import (
    edit_request,
    emotion_change,
    find_stage,
    message_slots,
    persona_edit,
)


@pytest.mark.parametrize(
    ("context", "text", "stage"),
    [
        ("pumps", "make the performance curves and datasheets stage a 2",
         "Specify the equipment"),
        ("cowork", "the Slack stage needs a KPI", "Sign up for membership"),
        ("council", "the FAQ stage is confusing", "Book a collection"),
        # the stage said outright wins over a reason said with "when"
        ("groomer", "drop the deposit stage to a 1, owners get cross when they lose it",
         "Book a groom"),
    ],
)  # fmt: skip
def test_a_stage_is_found_by_a_word_of_its_touchpoints(context: str, text: str, stage: str) -> None:
    journey = context_map(context)
    found = find_stage(journey, text.lower())
    assert found is not None and journey.stages[found].name == stage, found


def test_a_new_stage_named_like_a_touchpoint_is_not_taken_for_an_old_one() -> None:
    journey = context_map("pumps")
    found = edit_request(journey, "add_stage", "add a BIM downloads stage after the tender one")
    assert found is not None and found[1].get("name") == "BIM downloads", found


@pytest.mark.parametrize(
    ("context", "text", "expected"),
    [
        ("vet", "the puppy owner: add 'wants a Saturday slot' to his needs",
         ("First-Time Puppy Owner Padraig", "needs", "wants a Saturday slot")),
        ("council", "the first-time applicant's frustrations: add 'didn't know mattresses "
         "need bagging'",
         ("New Tenant Tom", "frustrations", "didn't know mattresses need bagging")),
        ("cowork", "Olivia's frustations: add 'invoices only come as PDFs'",
         ("Office Manager Olivia", "frustrations", "invoices only come as PDFs")),
        ("cowork", "add 'can't find parking near the building' to Femi's frustrations",
         ("Freelancer Femi", "frustrations", "can't find parking near the building")),
        ("council", "Tom's role is off, change it to Private renter moving out of a flat",
         ("New Tenant Tom", "role", "Private renter moving out of a flat")),
    ],
)  # fmt: skip
def test_a_persona_described_or_misspelt_is_edited(
    context: str, text: str, expected: tuple[str, str, str]
) -> None:
    journey = context_map(context)
    names = [p.name for p in journey.personas]
    found = persona_edit(names, text, [p.role or "" for p in journey.personas])
    assert found is not None, found
    assert (names[found[0]], found[1], found[2]) == expected


def test_a_described_persona_edit_is_made_in_the_chat() -> None:
    session = Session(id="said-other-ways")
    session.map = context_map("driving")
    chat = Assistant(session, search=lambda query, k: [])
    reply = chat.respond(
        "the one learning around work and family, add 'wants evening lessons' to her needs"
    )
    assert reply.intent == "edit_persona", reply.text
    nomsa = next(p for p in chat._all_personas() if p.name == "Nervous Adult Nomsa")
    assert any("evening lessons" in n.text for n in nomsa.needs)


@pytest.mark.parametrize(
    ("context", "text", "stage", "score"),
    [
        ("hall", "put the key pickup at a 3. No wait, a 1, they can never find it",
         "Pick up the key", 1),
        ("hall", "the deposit's no a 1, it's fine, make it a 3", "Pay the deposit", 3),
    ],
)  # fmt: skip
def test_a_score_corrected_in_the_next_words_is_the_corrected_one(
    context: str, text: str, stage: str, score: int
) -> None:
    journey = context_map(context)
    assert message_slots(journey, text).get("stage") == stage
    assert emotion_change(text, 3) == score


@pytest.mark.parametrize(
    ("context", "intent", "text", "first", "second"),
    [
        ("vet", "move_stage", "move 5 before 4", 5, 4),
        ("driving", "merge_stages", "2+3 merge", 2, 3),
        ("cowork", "merge_stages", "merge 4 and 5. no sorry, 5 and 6", 5, 6),
    ],
)
def test_stages_said_by_their_numbers_alone(
    context: str, intent: str, text: str, first: int, second: int
) -> None:
    journey = context_map(context)
    names = [s.name for s in journey.stages]
    found = edit_request(journey, intent, text)
    assert found is not None, found
    if intent == "move_stage":
        assert found[1]["name"] == names[first - 1] and found[1]["position"] == second, found
    else:
        assert {found[1]["first"], found[1]["second"]} == {names[first - 1], names[second - 1]}


@pytest.mark.parametrize(
    ("context", "text", "intent"),
    [
        ("hall", "bookings all come by email now, so delete the booking secretary stage",
         "remove_stage"),
        ("groomer", "what's JA203 about?", "explain_finding"),
    ],
)  # fmt: skip
def test_what_the_words_ask_for_wins_over_the_first_reading(
    context: str, text: str, intent: str
) -> None:
    session = Session(id="said-other-ways")
    session.map = context_map(context)
    chat = Assistant(session, search=lambda query, k: [])
    assert chat.respond(text).intent == intent


@pytest.mark.parametrize(
    ("context", "intent", "text", "stage", "said"),
    [
        ("vet", "add_pain_point",
         "Where owners wait for the second jab, add a pain point: reminders for older pets go "
         "to the wrong number", "Second vaccination",
         "Reminders for older pets go to the wrong number"),
        ("hall", "add_touchpoint",
         "can we add a noticeboard in the village shop to the first stage?",
         "Hear about the hall", "noticeboard in the village shop"),
    ],
)  # fmt: skip
def test_an_item_keeps_its_own_for_and_in(
    context: str, intent: str, text: str, stage: str, said: str
) -> None:
    found = edit_request(context_map(context), intent, text)
    assert found is not None and found[1]["stage"] == stage, found
    assert str(found[1].get("text") or found[1].get("name")).lower() == said.lower(), found
