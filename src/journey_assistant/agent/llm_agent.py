"""The chat agent for a language model: LangChain ``create_agent`` over the assistant's tools.

The tools call the same functions as the offline router and the CLI; edits are proposed, not
applied, until the user accepts them. Tool results are data: the prompt says so.
"""

from __future__ import annotations

from typing import Any

from ..prompts import render
from ..safe import md_model
from .assistant import Assistant

MAX_TURNS = 12  # model steps per message, so a confused model cannot loop forever


def build_tools(assistant: Assistant) -> list[Any]:
    """LangChain tools bound to one session's assistant."""
    from langchain_core.tools import tool

    @tool
    def draft_map(brief: str) -> str:
        """Draft a new journey map from a description of the business (replaces the current)."""
        return assistant._draft(brief).text

    @tool
    def critique_current_map() -> str:
        """Critique the current map: score, missing stages, the most serious findings."""
        return assistant._critique().text if assistant.session.map else "There is no map yet."

    @tool
    def propose_improvements(omnichannel: bool = False) -> str:
        """Propose the fixes the rules can make (or make the map omnichannel)."""
        from ..models import MapType

        if assistant.session.map is None:
            return "There is no map yet."
        reason = "Make the map omnichannel" if omnichannel else "Apply the offline fixes"
        return assistant._propose_improvements(
            reason, MapType.omnichannel if omnichannel else None
        ).text

    @tool
    def propose_edit(instruction: str) -> str:
        """Propose one edit to the map, in words: add, rename, move or remove a stage ('add
        stage NAME after STAGE', 'rename OLD to NEW', 'move NAME to 2', 'remove stage NAME');
        merge or split stages ('merge STAGE and STAGE', 'split STAGE into A and B'); add or
        remove a touchpoint ('add an email touchpoint to STAGE', 'remove the email touchpoint
        from STAGE'); add a pain point, opportunity, KPI or owner to a stage ('add a pain
        point to STAGE: TEXT', 'add an opportunity to STAGE: TEXT', 'add a KPI to STAGE: NAME',
        'TEAM owns STAGE'); set an emotion ('set emotion of STAGE to 2 (anxious)'); or 'pair
        PAIN in STAGE with OPPORTUNITY'."""
        if assistant.session.map is None:
            return "There is no map yet."
        change = assistant._edit_in_words(instruction) or assistant._parse_edit(instruction)
        if change is None:
            return "I could not read that edit; use one of the forms in the description."
        return assistant._propose([change]).text

    @tool
    def accept_changes(numbers: list[int] | None = None) -> str:
        """Apply the pending proposal (all changes, or only the numbered ones)."""
        if not assistant.session.pending:
            return "There is nothing to accept."
        return assistant._accept(numbers or []).text

    @tool
    def explain_stage(stage: str) -> str:
        """Explain why a stage scores low: its emotion, pain points and findings."""
        if assistant.session.map is None:
            return "There is no map yet."
        return assistant._why(stage).text

    @tool
    def draft_personas(count: int = 2) -> str:
        """Draft proto-personas for the current map's business."""
        return assistant._personas(f"draft {count} personas").text

    @tool
    def reject_changes() -> str:
        """Drop the pending proposal; the map stays as it is."""
        return assistant._reject().text

    @tool
    def undo_last_change(redo: bool = False) -> str:
        """Undo the last accepted change (or, with redo, put back the last undone one)."""
        return assistant._step_back(redo=redo).text

    @tool
    def whats_missing() -> str:
        """What the map lacks: missing stages, touchpoints and lanes."""
        return assistant._whats_missing().text if assistant.session.map else "There is no map yet."

    @tool
    def show_map() -> str:
        """The whole map as it is now, stage by stage: how each feels, where customers meet
        it and what hurts there, then the personas."""
        return assistant._map_overview().text if assistant.session.map else "There is no map yet."

    @tool
    def rank_stages() -> str:
        """Which stage hurts customers most (emotion and pain points), and what to do next."""
        return assistant._rank_stage("").text if assistant.session.map else "There is no map yet."

    @tool
    def describe_stage(stage: str) -> str:
        """What one stage holds: its goal, touchpoints, emotion, pain points and ideas."""
        from ..understanding.slots import find_stage

        journey = assistant.session.map
        where = find_stage(journey, stage) if journey is not None else None
        return assistant._stage_summary(where).text if where is not None else "No such stage."

    @tool
    def kpis_per_stage() -> str:
        """How to measure each stage: the KPIs it has and the ones it should have."""
        return assistant._stage_kpis().text if assistant.session.map else "There is no map yet."

    @tool
    def compare_personas(names: str = "") -> str:
        """Put two of the personas side by side (those named, else the first two)."""
        if not assistant._all_personas():
            return "There are no personas yet."
        return assistant._compare_personas(names).text

    @tool
    def edit_persona(instruction: str) -> str:
        """Change a persona in words: "add 'needs sign-off' to Finance Fiona's objections"."""
        if not assistant._all_personas():
            return "There are no personas yet."
        return assistant._edit_persona(instruction).text

    @tool
    def start_interview() -> str:
        """Start the guided six-step interview for someone with no brief (no map yet)."""
        if assistant.session.map is not None:
            return "A map is open already; edit it instead."
        return assistant._start_interview().text

    @tool
    def export_or_versions(about: str = "export") -> str:
        """How to download the map ('export', naming a format) or open its versions
        ('versions')."""
        if "version" in about.lower():
            return assistant._versions_help().text
        return assistant._export_help(about).text

    @tool
    def search_guidance(query: str) -> str:
        """Search the mapping guidance and the company's documents."""
        return assistant._answer(query).text

    return [
        draft_map,
        critique_current_map,
        propose_improvements,
        propose_edit,
        accept_changes,
        explain_stage,
        draft_personas,
        reject_changes,
        undo_last_change,
        whats_missing,
        show_map,
        rank_stages,
        describe_stage,
        kpis_per_stage,
        compare_personas,
        edit_persona,
        start_interview,
        export_or_versions,
        search_guidance,
    ]


def run_agent(
    assistant: Assistant, chat_model: Any, history: list[dict[str, str]], message: str
) -> str:
    """One turn of the agent; returns its final answer."""
    from langchain.agents import create_agent
    from langchain.agents.middleware import ModelRetryMiddleware

    from ..llm import LIMITS

    # The same retry policy as every other model call (llm.LIMITS): a dropped connection or a
    # rate limit is retried with backoff; when the attempts run out the error reaches the
    # assistant, which answers with the offline engine and says so.
    retry = ModelRetryMiddleware(
        max_retries=int(LIMITS["max_attempts"]) - 1,
        on_failure="error",
        initial_delay=1.0,
        max_delay=8.0,
    )
    agent = create_agent(
        chat_model,
        tools=build_tools(assistant),
        system_prompt=render("agent_system"),
        middleware=[retry],
    )
    messages = [*history[-20:], {"role": "user", "content": message}]
    result = agent.invoke(
        {"messages": messages},  # type: ignore[call-overload]
        config={"recursion_limit": 2 * MAX_TURNS},
    )
    final = result["messages"][-1]
    content = final.content if isinstance(final.content, str) else str(final.content)
    return md_model(content.strip()) or "Done."
