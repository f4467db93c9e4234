"""`journey chat`: the assistant in a terminal, and conversations played from a script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from journey_assistant.cli import cli
from journey_assistant.models import JourneyMap

BAKERY = (
    "We're a small vegan bakery with two shops in Leeds. Customers pre-order celebration cakes "
    "online and collect them in the shop; we lose customers when collections run late."
)


def play(tmp_path: Path, lines: list[str], *extra: str) -> list[dict[str, Any]]:
    script = tmp_path / "talk.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["chat", "--script", str(script), "--json", *extra])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.output))


def test_script_turns_carry_intent_slots_reply_pending_and_map(tmp_path: Path) -> None:
    turns = play(
        tmp_path,
        [
            "# comments and blank lines are skipped",
            "",
            BAKERY,
            "add a stage called Collection after the second stage",
            "accept",
        ],
    )
    assert [t["message"] for t in turns] == [
        BAKERY,
        "add a stage called Collection after the second stage",
        "accept",
    ]
    for t in turns:
        assert set(t) >= {"message", "intent", "slots", "reply", "pending", "map"}
    drafted, proposed, accepted = turns
    assert drafted["intent"] == "draft_map" and drafted["map"]["stages"]
    assert "Drafted" in drafted["reply"] and drafted["pending"] == []
    assert proposed["intent"] == "add_stage"
    assert proposed["slots"] == {"name": "Collection", "after": "the second stage"}
    assert proposed["pending"][0]["operation"] == "add_stage"
    assert "Collection" not in [s["name"] for s in proposed["map"]["stages"]]
    assert accepted["intent"] == "accept" and accepted["pending"] == []
    names = [s["name"] for s in accepted["map"]["stages"]]
    assert names[2] == "Collection" and names[:2] == [
        s["name"] for s in drafted["map"]["stages"][:2]
    ]


@pytest.mark.slow
def test_map_option_and_messages_read_by_meaning(tmp_path: Path, rich_map: JourneyMap) -> None:
    path = tmp_path / "map.json"
    path.write_text(rich_map.model_dump_json())
    turns = play(
        tmp_path,
        ["what's missing?", "the emotion at the second stage should be lower, like 2", "yes"],
        "--map",
        str(path),
    )
    missing, emotion, yes = turns
    assert missing["intent"] == "whats_missing" and missing["map"]["title"] == rich_map.title
    second = rich_map.stages[1].name
    assert emotion["intent"] == "set_emotion"
    assert emotion["slots"] == {"stage": second, "score": 2}
    assert yes["intent"] == "accept"
    assert next(s for s in yes["map"]["stages"] if s["name"] == second)["emotion"]["score"] == 2


def test_what_the_user_tells_later_is_offered_as_a_redraft(tmp_path: Path) -> None:
    later = (
        "We also sell through our Shopify site, and customers complain that they can't change "
        "the message on the cake after ordering"
    )
    drafted, told, accepted = play(tmp_path, [BAKERY, later, "accept"])
    assert told["intent"] == "business_fact"
    assert "problem" in told["slots"] and told["pending"][0]["operation"] == "redraft"
    assert "Noted" in told["reply"] and "redraft" in told["reply"]
    assert told["map"] == drafted["map"]  # nothing changes until accepted
    touchpoints = {t["name"] for s in accepted["map"]["stages"] for t in s.get("touchpoints", [])}
    assert "Shopify" in touchpoints
    assert accepted["map"]["id"] == drafted["map"]["id"]  # the same map, a new version


def test_terminal_chat_answers_until_quit(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["chat"], input=f"{BAKERY}\n\nquit\nnever read\n")
    assert result.exit_code == 0, result.output
    assert "Drafted" in result.output and "never read" not in result.output


def test_a_missing_script_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["chat", "--script", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "cannot read the script" in result.output


# --- the three people we design for, in their own words (tests/data/conversations/) -----------

CONVERSATIONS = Path(__file__).parent / "data" / "conversations"


def _script(name: str, *extra: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["chat", "--script", str(CONVERSATIONS / name), "--json", *extra]
    )
    assert result.exit_code == 0, result.output
    return list(json.loads(result.output))


def _stage(turn: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in turn["map"]["stages"] if s["name"] == name)


def test_a_small_business_owner_drafts_a_first_map() -> None:
    turns = _script("owner.txt")
    assert [t["intent"] for t in turns[:4]] == [
        "greeting", "draft_map", "whats_missing", "rank_stage",
    ]  # fmt: skip
    assert not any("I'm not sure" in t["reply"] for t in turns)
    last = turns[-1]
    names = [s["name"] for s in last["map"]["stages"]]
    assert (
        "Pick-up" in names and names.index("Pick-up") == names.index(turns[4]["slots"]["after"]) + 1
    )  # where the owner asked for it
    run_up = _stage(last, "Run-up to the appointment")
    assert run_up["emotion"]["score"] == 1
    said = [p["description"] for p in run_up["pain_points"] if p.get("provenance") == "user"]
    assert any("Fresha reminder comes too late" in p for p in said)
    assert last["pending"] == []


def test_a_cx_lead_critiques_an_uploaded_map() -> None:
    hotel = Path(__file__).parent / "data" / "hotel_grid.csv"
    turns = _script("cxlead.txt", "--map", str(hotel))
    assert turns[0]["intent"] == "critique" and "Score" in turns[0]["reply"]
    assert turns[1]["slots"].get("stage") == "Booking" and "Booking" in turns[1]["reply"]
    assert turns[3]["intent"] == "improve" and turns[3]["pending"]
    before = [s["name"] for s in turns[2]["map"]["stages"]]
    assert [s["name"] for s in turns[5]["map"]["stages"]] == before  # the fixes were undone
    assert turns[6]["intent"] == "stage_kpis"
    last = turns[-1]
    assert "Resort fee complaints" in [k["name"] for k in _stage(last, "Booking")["kpis"]]
    assert "Guest relations" in _stage(last, "Check-in")["owners"]


def test_a_marketer_asks_for_personas_and_an_opportunity() -> None:
    turns = _script("marketer.txt")
    assert turns[2]["intent"] == "draft_personas" and turns[2]["slots"].get("count") == 2
    assert turns[2]["reply"].count("\n- **") == 2
    assert "\n\nSee them on the Personas tab." in turns[2]["reply"]  # no part of the last one
    last = turns[-1]
    trial = next(s for s in last["map"]["stages"] if "trial" in s["name"].lower())
    assert any("client list" in o["description"] for o in trial["opportunities"])


def test_someone_with_no_brief_is_guided_one_question_at_a_time() -> None:
    """The six-step interview: one question per turn, the map drawn as soon as there are
    stages and filled in with every answer (user provenance), a question asked meanwhile
    answered before the interview goes on, a skip moving on."""
    turns = _script("novice.txt")
    assert turns[0]["intent"] == "start_interview" and turns[0]["map"] is None
    for turn in turns[:9]:  # one question per reply, never a list of them
        assert turn["reply"].count("**Step ") <= 1, turn["reply"]
    assert [t["slots"].get("step") for t in turns[1:5]] == [
        "business", "persona", "stages", "touchpoints",
    ]  # fmt: skip
    assert turns[2]["map"] is None  # no stages yet, nothing drawn
    drawn = turns[3]["map"]
    assert [s["name"] for s in drawn["stages"]] == [
        "Find us on facebook", "Book a slot online", "We arrive and groom", "Pay and rebook",
    ]  # fmt: skip
    assert drawn["title"].lower().startswith("mobile dog grooming van")
    assert drawn["personas"][0]["provenance"] == "user"
    touch = {s["name"]: [t["name"] for t in s["touchpoints"]] for s in turns[4]["map"]["stages"]}
    assert touch["Find us on facebook"] == ["Facebook group", "Google Maps"]
    assert touch["Book a slot online"] == ["Booking page", "Reminder text"]
    asked = turns[5]  # a question mid-interview: answered, then the interview's question again
    assert "touchpoint" in asked["reply"].lower() and "Back to your map" in asked["reply"]
    assert "Step 4 of 6" in asked["reply"]
    felt = {s["name"]: s.get("emotion") for s in turns[6]["map"]["stages"]}
    assert felt["Book a slot online"]["score"] == 2 and felt["We arrive and groom"]["score"] == 3
    pains = turns[7]["map"]["stages"][1]
    assert pains["pain_points"][0]["description"] == "slots fill up weeks ahead"
    assert pains["pain_points"][0]["provenance"] == "user"
    idea = pains["opportunities"][0]
    assert (
        idea["addresses"] == pains["pain_points"][0]["id"] and "waiting list" in idea["description"]
    )
    groom = turns[7]["map"]["stages"][2]  # a pain with no fix, after one with a fix
    assert groom["pain_points"][0]["description"] == "owners don't know when we'll turn up"
    assert "Added 2 pain point(s)" in turns[7]["reply"]
    assert "six steps" in turns[8]["reply"] and "Skipped" in turns[8]["reply"]
    assert turns[9]["intent"] == "whats_missing"  # the interview is over: the chat as usual


def test_that_stage_is_the_one_the_conversation_was_about(tmp_path: Path) -> None:
    """ "That stage", "there" and "make it feel worse" point at the stage last talked about
    (the one that hurts most, then the one asked about), not at a stage guessed from the
    words; a touchpoint told after a colon is named by what it is, its channel kept."""
    turns = play(
        tmp_path,
        [
            BAKERY,
            "which stage hurts the most?",
            "add an sms touchpoint to that stage: a text when the cake is boxed",
            "accept",
            "make it feel a bit worse",
            "what about the first stage?",
            "add a pain point there: nobody knows we do gluten-free",
        ],
    )
    worst = turns[1]["slots"]["stage"]
    assert turns[1]["intent"] == "rank_stage" and worst in turns[1]["reply"]
    assert worst != turns[0]["map"]["stages"][-1]["name"]  # not the last stage by default
    added = turns[2]["pending"][0]["args"]
    assert added == {"stage": worst, "name": "A text when the cake is boxed", "channel": "sms"}
    assert turns[4]["intent"] == "set_emotion" and turns[4]["slots"]["stage"] == worst
    first = turns[0]["map"]["stages"][0]["name"]
    assert turns[5]["slots"].get("stage") == first
    # the emotion change, never accepted, still waits beside the new pain point
    assert [c["operation"] for c in turns[6]["pending"]] == ["set_emotion", "add_pain_point"]
    assert turns[6]["pending"][-1]["args"]["stage"] == first


def test_that_one_after_a_preposition_is_the_stage_just_talked_about() -> None:
    """Session 37's note: "add a touchpoint to that one: …" after a question about a stage
    answered "no stage called 'that one'"."""
    from journey_assistant.agent.assistant import Assistant, Session

    session = Session(id="that-one")
    assistant = Assistant(session)
    assistant.respond(BAKERY)
    worst = assistant.respond("which stage hurts the most?").slots["stage"]
    reply = assistant.respond("add a touchpoint to that one: a text when the cake is boxed")
    assert reply.intent == "add_touchpoint", reply
    assert session.pending and session.pending[0].args["stage"] == worst, session.pending
    assert "no stage called" not in reply.text


def test_the_stage_in_focus_survives_a_reload() -> None:
    from journey_assistant.agent.assistant import Assistant, Session

    session = Session(id="focus")
    assistant = Assistant(session)
    assistant.respond(BAKERY)
    worst = assistant.respond("which stage hurts the most?").slots["stage"]
    again = Session(id="focus", map=session.map)
    again.resume(session.working_state())
    reply = Assistant(again).respond("add a pain point to that stage: the box is too small")
    assert reply.intent == "add_pain_point" and again.pending[0].args["stage"] == worst


def test_what_the_user_tells_about_the_business_keeps_its_own_there() -> None:
    from journey_assistant.agent.assistant import Assistant, Session

    session = Session(id="told")
    assistant = Assistant(session)
    assistant.respond(BAKERY)
    assistant.respond("which stage hurts the most?")  # a stage in focus
    said = "we also sell vegan brownies, most of them go to the cafes there"
    reply = assistant.respond(said)
    assert reply.intent == "business_fact" and session.facts[-1] == said
