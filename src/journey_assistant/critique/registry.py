"""The rule registry: each rule is a pure function over a :class:`Context` with stable metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..models import Category, Level, Severity
from .context import Context


@dataclass(frozen=True)
class Hit:
    """One place a rule fires; the registry adds the rule's id, category and severity."""

    message: str
    suggestion: str
    stage: str | None = None
    touchpoint: str | None = None
    severity: Severity | None = None  # only when a rule escalates or softens one hit


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A critique rule: stable id, category, default severity, why it matters, examples."""

    id: str
    name: str
    category: Category
    severity: Severity
    rationale: str
    effort: Level
    bad: str
    good: str
    guide: str
    check: Check
    cap: int = 3  # findings of this rule that count towards the score
    weight: int | None = None  # score weight per finding, instead of the severity's


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    name: str,
    category: Category,
    severity: Severity,
    rationale: str,
    *,
    bad: str,
    good: str,
    guide: str,
    effort: Level = Level.low,
    cap: int = 3,
    weight: int | None = None,
) -> Callable[[Check], Check]:
    """Register a rule function under a stable id."""

    def register(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(
            id, name, category, severity, rationale, effort, bad, good, guide, check, cap, weight
        )
        return check

    return register
