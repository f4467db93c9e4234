"""The chat assistant on the offline engine: intents, proposals, accept/reject, versions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journey_assistant import load_map
from journey_assistant.agent import Assistant, Session, edits
from journey_assistant.errors import UserInputError
from journey_assistant.models import JourneyMap
from journey_assistant.vocab import Channel
from journey_assistant.workspace import Workspace


@dataclass
class Snip:
    text: str
    source: str = "emotions-and-moments-of-truth.md"
    heading: str = "The 1–5 emotion scale"
    kind: str = "guide"


@pytest.fixture
def chat(tmp_path: Path) -> tuple[Assistant, Workspace]:
    workspace = Workspace(tmp_path / "ws")

    def save(journey: JourneyMap, message: str, new: bool = False) -> int:
        version = workspace.save_map(journey, message=message, new=new)
        journey.id = version.map_id
        return version.version

    session = Session(id="s1")
    return Assistant(
        session, save=save, search=lambda q, k: [Snip("Score each stage from 1 to 5.")]
    ), workspace


def test_draft_critique_fix_accept_is_versioned(chat: tuple[Assistant, Workspace]) -> None:
    assistant, workspace = chat
    reply = assistant.respond("Draft a map for a boutique hotel; guests book on Booking.com")
    assert reply.map_changed and "Saved as version 1" in reply.text
    journey = assistant.session.map
    assert journey is not None and journey.context.industry == "hospitality"
    critique = assistant.respond("Critique the map")
    assert "Score **" in critique.text
    rename = assistant.respond("Rename Rate comparison to Book a room")
    assert (
        "rename 'Rate comparison' to 'Book a room'" in rename.text
        and "+ stage Book a room" in rename.text
    )
    assert assistant.session.map.stage("Rate comparison") is not None  # not applied yet
    done = assistant.respond("accept")
    assert "Applied 1 of 1 proposed change(s) (" in done.text and "Saved as version 2." in done.text
    assert assistant.session.map.stage("Book a room") is not None
    versions = workspace.versions(journey.id)
    assert [v.version for v in versions] == [1, 2] and "rename" in versions[1].message


def test_edits_from_chat(chat: tuple[Assistant, Workspace], data: Path) -> None:
    assistant, _ = chat
    assistant.session.map = load_map(data / "hotel_grid.csv")
    reply = assistant.respond("Add an email lane to Pre-arrival")
    assert "add touchpoint 'Email' to 'Pre-arrival'" in reply.text  # the stage's own name
    assistant.respond("yes")
    added = assistant.session.map.stage("Pre-arrival").touchpoints  # type: ignore[union-attr]
    assert sum(t.channel == Channel.email for t in added) == 2
    assistant.respond("add stage Loyalty after Stay")
    assistant.respond("accept")
    assert [s.name for s in assistant.session.map.stages][-1] == "Loyalty"  # type: ignore[union-attr]
    assistant.respond("set emotion of Loyalty to 4 (content)")
    assistant.respond("accept")
    assert assistant.session.map.stage("Loyalty").emotion.score == 4  # type: ignore[union-attr]
    assistant.respond("move Loyalty to 1")
    assistant.respond("reject")
    assert assistant.session.map.stages[0].name == "Inspiration"  # type: ignore[union-attr]
    why = assistant.respond("Why is Check-in red?")
    assert "Check-in" in why.text and "Check-in takes 20 minutes" in why.text
    bad = assistant.respond("remove stage Nowhere")
    assert bad.text.startswith("⚠️") and "no stage called 'Nowhere'" in bad.text


def test_fix_and_omnichannel_proposals(chat: tuple[Assistant, Workspace], data: Path) -> None:
    assistant, _ = chat
    assistant.session.map = load_map(data / "hotel_grid.csv")
    before = assistant.session.map
    nothing = assistant.respond("fix the critical findings")  # none of them is critical
    assert "No finding that I can fix is critical" in nothing.text and not assistant.session.pending
    reply = assistant.respond("fix the major ones")
    assert "+ stage Rate comparison" in reply.text and "…" not in reply.text
    proposed = len(assistant.session.pending)
    assert proposed >= 2 and reply.text.count("```diff") == proposed  # one diff per change
    if proposed > 2:  # the app's chat shows many changes folded, each one still whole
        assert reply.rich is not None and reply.rich.count("<details>") == proposed
        assert reply.rich.count("```diff") == proposed and "Rate comparison" in reply.rich
    else:
        assert reply.rich is None
    rate = next(
        n for n, c in enumerate(assistant.session.pending, 1) if "Rate comparison" in c.reason
    )
    done = assistant.respond(f"accept {rate}")
    assert f"Applied 1 of {proposed} proposed change(s)" in done.text
    journey = assistant.session.map
    assert journey.stage("Rate comparison") is not None  # type: ignore[union-attr]
    assert journey.state == before.state and journey.id == before.id  # type: ignore[union-attr]
    assert len(journey.stages) == len(before.stages) + 1  # type: ignore[union-attr]
    omni = assistant.respond("make it omnichannel")
    assert "Make the map omnichannel" in omni.text
    assistant.respond("ok")
    assert assistant.session.map.map_type.value == "omnichannel"  # type: ignore[union-attr]


def test_questions_personas_and_help(chat: tuple[Assistant, Workspace]) -> None:
    assistant, _ = chat
    answer = assistant.respond("How do I map emotions?")
    assert "Score each stage from 1 to 5." in answer.text and "emotions-and-moments" in answer.text
    assert "I can draft a map" in assistant.respond("hello").text
    assistant.respond("Draft a map for a meal kit subscription box for busy parents")
    personas = assistant.respond("Draft two personas")
    assert len(assistant.session.personas) == 2 and "proto-personas" in personas.text


def test_personas_asked_for_in_the_chat_are_the_briefs_customers(
    chat: tuple[Assistant, Workspace],
) -> None:
    """ "Draft two personas" after a map is drafted reads the brief the map came from, so the
    personas are the people it names, not stock types drawn from the map's title."""
    assistant, _ = chat
    assistant.respond(
        "I'm a pool safety inspector on the Gold Coast. Most of my work comes from real estate "
        "agents who ring me when they get a new listing, but the homeowner or landlord is the "
        "one paying me $180. About half of pools fail first go. Want the pass rate up to 70%."
    )
    reply = assistant.respond("who are my customers likely to be? draft 2 personas please")
    names = [p.name for p in assistant.session.personas]
    assert any("Agent" in n for n in names) and any("Homeowner" in n for n in names), names
    assert "Comparer" not in reply.text and "Pragmatist" not in reply.text


def test_user_text_is_escaped_in_replies(chat: tuple[Assistant, Workspace], data: Path) -> None:
    assistant, _ = chat
    assistant.session.map = load_map(data / "hotel_grid.csv")
    reply = assistant.respond("add stage <img src=x onerror=alert(1)> after Stay")
    assert "<img" not in reply.text


def test_edit_functions_do_not_change_their_input(data: Path) -> None:
    journey = load_map(data / "hotel_grid.csv")
    before = journey.model_dump()
    edits.add_touchpoint(journey, "Booking", "Phone line", "phone")
    edits.remove_stage(journey, "Stay")
    edits.pair_pain_point(journey, "Stay", "Noisy rooms", "Fit acoustic panels", "Ops")
    assert journey.model_dump() == before
    paired = edits.pair_pain_point(journey, "Stay", "Noisy rooms", "Fit acoustic panels")
    stay = paired.stage("Stay")
    assert stay is not None and stay.opportunities[-1].addresses == stay.pain_points[-1].id
    with pytest.raises(UserInputError, match="1 \\(very negative\\) to 5"):
        edits.set_emotion(journey, "Stay", 7)


def test_undo_and_redo_take_back_accepted_changes(data: Path) -> None:
    """ "undo that" takes back the last accepted change and "redo" puts it back, each saved as
    a new version (nothing is lost), and both survive a reload of the session."""
    saved: list[str] = []

    def save(journey: Any, message: str, new: bool = False) -> int:
        saved.append(message)
        return len(saved)

    assistant = Assistant(Session(id="s"), save=save)
    assistant.session.map = load_map(data / "hotel_grid.csv")
    nothing = assistant.respond("undo that")
    assert "no change accepted in this conversation to undo" in nothing.text
    assistant.respond("add a stage called Parking after Check-in")
    assistant.respond("accept")
    assert assistant.session.map.stage("Parking") is not None  # type: ignore[union-attr]

    undone = assistant.respond("undo that")
    assert undone.intent == "undo" and "- stage Parking" in undone.text
    assert assistant.session.map.stage("Parking") is None  # type: ignore[union-attr]
    assert saved[-1] == "undid the last change" and "Saved as version" in undone.text

    reloaded = Session(id="s")
    reloaded.resume(json.loads(json.dumps(assistant.session.working_state())))
    reloaded.map = assistant.session.map
    again = Assistant(reloaded, save=save).respond("redo")
    assert again.intent == "redo" and "+ stage Parking" in again.text
    assert reloaded.map.stage("Parking") is not None  # type: ignore[union-attr]
    assert "no change undone to redo" in Assistant(reloaded).respond("redo").text


def test_merge_split_and_remove_a_touchpoint_keep_everything_else(tmp_path: Path) -> None:
    bakery = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    bakery = edits.set_emotion(
        edits.set_emotion(bakery, "Wait for the day", 3), "Collect in shop", 2
    )
    wait, collect = bakery.stages[3], bakery.stages[4]
    merged = edits.merge_stages(bakery, "Collect in shop", "Wait for the day")
    assert [s.name for s in merged.stages][3] == "Wait for the day and Collect in shop"
    assert len(merged.stages) == len(bakery.stages) - 1
    both = merged.stages[3]
    assert len(both.touchpoints) == len(wait.touchpoints) + len(collect.touchpoints)
    assert len(both.pain_points) == len(wait.pain_points) + len(collect.pain_points)
    assert both.emotion is not None and both.emotion.score == 2  # the harder moment
    named = edits.merge_stages(bakery, "Celebrate", "Review and reorder", name="After the party")
    assert named.stages[-1].name == "After the party"
    with pytest.raises(UserInputError, match="two different stages"):
        edits.merge_stages(bakery, "Celebrate", "celebrate")

    split = edits.split_stage(bakery, "Order and pay", "Order", "Pay deposit")
    assert [s.name for s in split.stages][2:4] == ["Order", "Pay deposit"]
    assert split.stages[2].touchpoints == bakery.stages[2].touchpoints
    assert split.stages[3].touchpoints == [] and split.stages[3].phase == bakery.stages[2].phase
    with pytest.raises(UserInputError, match="already a stage called 'Celebrate'"):
        edits.split_stage(bakery, "Order and pay", "Order", "Celebrate")

    first = bakery.stages[0].touchpoints[0].name
    gone = edits.remove_touchpoint(bakery, "Discover", name=first)
    assert first not in [t.name for t in gone.stages[0].touchpoints]
    assert gone.stages[1:] == bakery.stages[1:]
    with pytest.raises(UserInputError, match="has no touchpoint 'fax'"):
        edits.remove_touchpoint(bakery, "Discover", name="fax")
    with pytest.raises(UserInputError, match="already owns"):
        owned = edits.add_owner(bakery, "Discover", "Marketing")
        edits.add_owner(owned, "Discover", "marketing")  # a change that changes nothing


def test_the_guided_interview_resumes_after_a_reload_and_stops_when_asked() -> None:
    first = Assistant(Session(id="s"))
    assert "Step 0 of 6" in first.respond("I've never made a journey map").text
    first.respond("We run a driving school in Leeds")
    first.respond("nervous learners in their twenties who want to pass first time")
    state = first.session.working_state()
    again = Session(id="s")  # the app after a reload: a new session from the kept state
    again.resume(json.loads(json.dumps(state)))
    second = Assistant(again)
    assert again.interview is not None and again.interview.name == "stages"
    reply = second.respond("find an instructor, first lesson, weekly lessons, theory test, pass")
    assert again.map is not None and len(again.map.stages) == 5
    assert "Step 3 of 6" in reply.text and reply.map_changed
    stopped = second.respond("stop")
    assert "Stopped the interview" in stopped.text and again.interview is None
    assert again.map is not None and len(again.map.stages) == 5  # nothing lost


def test_personas_are_compared_and_edited_by_name() -> None:
    chat = Assistant(Session(id="p"))
    chat.respond(
        "We're a small vegan bakery with two shops in Leeds. Customers pre-order celebration "
        "cakes online through our Shopify site and collect them in the shop."
    )
    chat.respond("draft a couple of personas")
    names = [p.name for p in chat.session.personas]
    assert len(names) == 2 and "The Home Brewer" not in names  # the food pack's coffee kind
    compared = chat.respond("how do the two of them differ?")
    assert compared.intent == "compare_personas" and chat.session.personas  # not redrafted
    assert [p.name for p in chat.session.personas] == names
    assert all(name in compared.text for name in names) and "| Goals |" in compared.text
    first = names[0].split()[-1]  # "Planner" for "The Celebration Planner"
    edited = chat.respond(f"add 'needs it gluten free' to {first}'s objections")
    assert "Updated" in edited.text, edited.text
    persona = chat.session.personas[0]
    assert persona.objections[-1].text == "needs it gluten free"
    assert persona.objections[-1].provenance.value == "user"


def test_the_interview_shows_stage_names_as_typed_never_as_markup() -> None:
    chat = Assistant(Session(id="x"))
    chat.respond("I've never made a journey map")
    chat.respond("skip")
    chat.respond("skip")
    reply = chat.respond(
        "find us, <img src=x onerror=alert(1)> order, [collect](http://evil.example), pay"
    )
    assert chat.session.map is not None and len(chat.session.map.stages) >= 4
    assert "<img" not in reply.text and "[collect](" not in reply.text  # no tag, no link
    assert "&lt;img" in reply.text and "\\[collect\\]" in reply.text  # shown, escaped
