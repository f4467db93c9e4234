"""An optional LLM judge with fixed rubric steps (off by default; ``--judge MODEL``).

The rubric is fixed in code so scores stay comparable between runs: the judge answers met or not
met for each numbered step with a reason, and the score is the share of steps met. A step the
judge leaves out counts as not met.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..llm.base import Provider
from ..models import JourneyMap

RUBRIC = (
    "The stages follow the customer's path in order, named in the customer's terms "
    "(not internal department names).",
    "The actions in each stage are things the customer does, not things the company does.",
    "The touchpoints are plausible for this business and include the channels the brief names.",
    "The emotion curve is plausible: it dips where the pain points are and rises where "
    "needs are met.",
    "The pain points are specific to this business, not generic complaints.",
    "Each opportunity addresses a named pain point and is concrete enough to assign to a team.",
    "The map adds nothing that contradicts the brief.",
)


class StepVerdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: int = Field(ge=1, description="Rubric step number, from 1.")
    met: bool = Field(description="Whether the map meets this step.")
    reason: str = Field(description="One sentence pointing at the map.")


class JudgeVerdict(BaseModel):
    """The judge's verdict, one entry per rubric step."""

    model_config = ConfigDict(extra="forbid")

    steps: list[StepVerdict] = Field(description="One verdict per rubric step, in order.")


def judge_map(provider: Provider, brief: str, journey: JourneyMap) -> tuple[float, str]:
    """(share of rubric steps met, the unmet steps with the judge's reasons)."""
    from langchain_core.messages import HumanMessage

    from ..prompts import render

    rubric = "\n".join(f"{n}. {step}" for n, step in enumerate(RUBRIC, 1))
    prompt = render(
        "judge_map",
        rubric=rubric,
        brief=brief,
        map=journey.model_dump_json(exclude={"sources"}, exclude_none=True),
    )
    verdict = provider.structured([HumanMessage(prompt)], JudgeVerdict, purpose="judge")
    met = {v.step for v in verdict.steps if v.met and 1 <= v.step <= len(RUBRIC)}
    unmet = [
        f"step {v.step}: {v.reason}"
        for v in verdict.steps
        if not v.met and 1 <= v.step <= len(RUBRIC)
    ]
    skipped = [
        str(n) for n in range(1, len(RUBRIC) + 1) if n not in {v.step for v in verdict.steps}
    ]
    if skipped:
        unmet.append(f"no verdict for step(s) {', '.join(skipped)}")
    return len(met) / len(RUBRIC), "; ".join(unmet) or "all rubric steps met"
