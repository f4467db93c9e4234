"""The LangChain agent over the assistant's tools, with scripted fake chat models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from journey_assistant import load_map
from journey_assistant.agent import Assistant, Session


class ToolCallingFake(GenericFakeChatModel):
    """Plays back scripted messages; tools are accepted and ignored."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingFake:  # type: ignore[override]
        return self


def call(name: str, args: dict[str, Any], n: int = 1) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"c{n}"}])


def assistant_with(script: list[AIMessage], journey: Any = None) -> Assistant:
    saved: list[str] = []
    session = Session(id="llm", map=journey)
    model = ToolCallingFake(messages=iter(script))
    return Assistant(
        session,
        chat_model=model,
        save=lambda j, m: saved.append(m) or len(saved),
        search=lambda q, k: [],
    )


def test_each_tool_through_the_agent(data: Path) -> None:
    journey = load_map(data / "hotel_grid.csv")
    script = [
        call("critique_current_map", {}),
        AIMessage("The map misses three stages."),
        call("explain_stage", {"stage": "Check-in"}, 2),
        AIMessage("Check-in hurts: queues."),
        call("propose_edit", {"instruction": "add an email touchpoint to Booking"}, 3),
        AIMessage("I propose adding an email touchpoint."),
        call("accept_changes", {}, 4),
        AIMessage("Applied."),
        call("propose_improvements", {"omnichannel": False}, 5),
        AIMessage("Here are fixes."),
        call("accept_changes", {"numbers": [1]}, 6),
        AIMessage("Applied the fixes."),
        call("draft_personas", {"count": 2}, 7),
        AIMessage("Two personas drafted."),
        call("search_guidance", {"query": "map emotions"}, 8),
        AIMessage("Nothing found."),
        call("draft_map", {"brief": "A dental clinic; patients book by phone"}, 9),
        AIMessage("Drafted a clinic map."),
    ]
    assistant = assistant_with(script, journey)
    assert "misses three stages" in assistant.respond("what's wrong?").text
    assert "queues" in assistant.respond("why is check-in red?").text
    assert "propose" in assistant.respond("add email to booking").text
    assert assistant.session.pending and assistant.session.map is journey  # not yet applied
    reply = assistant.respond("yes")
    assert (
        reply.map_changed and assistant.session.map.stage("Booking").touchpoints[-1].name == "Email"
    )  # type: ignore[union-attr]
    assistant.respond("fix it")
    assistant.respond("accept the first")
    assert assistant.session.map.stage("Rate comparison") is not None  # type: ignore[union-attr]
    assistant.respond("personas please")
    assert len(assistant.session.personas) == 2
    assert "Nothing found" in assistant.respond("how do I map emotions?").text
    assistant.respond("start over for my clinic")
    assert assistant.session.map.context.industry == "healthcare"  # type: ignore[union-attr]


def test_the_edit_tool_takes_edits_in_ordinary_words(data: Path) -> None:
    journey = load_map(data / "hotel_grid.csv")
    script = [
        call("propose_edit", {"instruction": "Guest relations owns check-in"}),
        AIMessage("Proposed."),
        call("accept_changes", {}, 2),
        AIMessage("Applied."),
        call("propose_edit", {"instruction": "add a KPI to booking: resort fee complaints"}, 3),
        AIMessage("Proposed a KPI."),
    ]
    assistant = assistant_with(script, journey)
    assistant.respond("make guest relations the owner of check-in")
    assistant.respond("yes")
    assert "Guest relations" in assistant.session.map.stage("Check-in").owners  # type: ignore[union-attr]
    assistant.respond("and measure resort fee complaints at booking")
    assert assistant.session.pending[0].operation == "add_kpi"
    assert assistant.session.pending[0].args["name"] == "Resort fee complaints"


def test_malformed_tool_call_is_reported_to_the_model_not_the_user(data: Path) -> None:
    journey = load_map(data / "hotel_grid.csv")
    script = [
        call("propose_edit", {"wrong_argument": 3}),
        AIMessage("Sorry, let me retry."),
        call("no_such_tool", {}, 2),
        AIMessage("That tool does not exist."),
    ]
    assistant = assistant_with(script, journey)
    reply = assistant.respond("add something")
    assert reply.text == "Sorry, let me retry." and assistant.session.map is journey
    assert not assistant.session.pending
    assert "does not exist" in assistant.respond("again").text


def test_model_failure_falls_back_to_the_offline_router(data: Path) -> None:
    class Broken(ToolCallingFake):
        def _generate(self, *args: Any, **kwargs: Any) -> Any:
            raise TimeoutError("model timed out")

    session = Session(id="x", map=load_map(data / "hotel_grid.csv"))
    assistant = Assistant(session, chat_model=Broken(messages=iter([])))
    reply = assistant.respond("critique the map")
    assert "offline engine answered instead" in reply.text and "Score" in reply.text


class RecordingFake(ToolCallingFake):
    """Also keeps what each tool answered (the tool messages the model is shown)."""

    answers: list[str] = []

    def _generate(self, messages: Any, *args: Any, **kwargs: Any) -> Any:
        from langchain_core.messages import ToolMessage

        if messages and isinstance(messages[-1], ToolMessage):
            self.answers.append(str(messages[-1].content))
        return super()._generate(messages, *args, **kwargs)


def test_a_tool_for_each_intent_the_router_answers(data: Path) -> None:
    """The agent reaches what the offline router does for each intent: what's missing, the
    worst stage, one stage, KPIs, reject, undo and redo, personas compared and edited, the
    interview, export and versions; edits include merging, splitting and touchpoint removal."""
    journey = load_map(data / "hotel_grid.csv")
    steps = [
        ("whats_missing", {}),
        ("rank_stages", {}),
        ("describe_stage", {"stage": "check in"}),
        ("kpis_per_stage", {}),
        ("propose_edit", {"instruction": "merge Check-in and Stay"}),
        ("reject_changes", {}),
        ("propose_edit", {"instruction": "split Booking into 'Choose a room' and 'Pay'"}),
        ("accept_changes", {}),
        ("undo_last_change", {}),
        ("undo_last_change", {"redo": True}),
        ("draft_personas", {"count": 2}),
        ("compare_personas", {}),
        ("export_or_versions", {"about": "pdf"}),
        ("export_or_versions", {"about": "versions"}),
    ]
    script: list[AIMessage] = []
    for n, (name, args) in enumerate(steps, 1):
        script += [call(name, args, n), AIMessage(f"done {n}")]
    model = RecordingFake(messages=iter(script))
    model.answers = []
    saved: list[str] = []
    assistant = Assistant(
        Session(id="llm", map=journey),
        chat_model=model,
        save=lambda j, m: saved.append(m) or len(saved),
        search=lambda q, k: [],
    )
    for n in range(1, len(steps) + 1):
        assert assistant.respond(f"message {n}").text == f"done {n}"
    missing, worst, stage, kpis, merge, rejected, split, applied, undone, redone = model.answers[
        :10
    ]
    assert "Missing stages" in missing or "missing" in missing.lower()
    assert "hurts most" in worst and "Check-in" in stage
    assert "KPI" in kpis or "measure" in kpis.lower()
    assert "merge 'Check-in' and 'Stay'" in merge and "unchanged" in rejected
    assert "split 'Booking' into 'Choose a room' and 'Pay'" in split and "Applied" in applied
    assert "Undid" in undone and "Redid" in redone
    names = [s.name for s in assistant.session.map.stages]  # type: ignore[union-attr]
    assert "Choose a room" in names and "Pay" in names
    personas, compared, export, versions = model.answers[10:14]
    assert compared.count("**") >= 4 and "| Goals |" in compared
    assert "PDF" in export and "version" in versions


def test_the_interview_and_persona_edits_through_the_agent() -> None:
    script = [
        call("start_interview", {}),
        AIMessage("Let's start."),
    ]
    model = RecordingFake(messages=iter(script))
    model.answers = []
    assistant = Assistant(Session(id="llm"), chat_model=model, search=lambda q, k: [])
    assistant.respond("I've never done this")
    assert assistant.session.interview is not None and "Step 0 of 6" in model.answers[0]
