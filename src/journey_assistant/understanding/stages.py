"""Which phase of the journey a stage plays, read from its name and, failing that, its content.

A stage named "Open the account" or "Get the debit card by post" is no less a purchase or an
onboarding stage for lacking the framework's words: when the name says nothing the catalogue
knows, the name's cue words are read, then the stage's actions, touchpoints and KPIs.
"""

from __future__ import annotations

from collections import Counter

from ..knowledge.catalog import exact_phase, phase_of
from ..models import Stage
from ..vocab import Phase
from .brief import phase_of_clause


def stage_phase(stage: Stage, industry: str | None = None) -> Phase | None:
    """The phase a stage plays: by its name (a name the catalogue knows, the cue words of the
    name, words of the catalogue inside it), else by what its actions, touchpoints and KPIs
    say (the phase most of them point to)."""
    if stage.phase is not None:  # declared by whoever made the map (the drafter, the user)
        return stage.phase
    found = (
        exact_phase(stage.name, industry)
        or phase_of_clause(stage.name)
        or phase_of(stage.name, None, industry)
    )
    if found is not None:
        return found
    votes = Counter(
        phase
        for text in [
            *stage.actions,
            *(t.name for t in stage.touchpoints),
            *(k.name for k in stage.kpis),
        ]
        if (phase := phase_of_clause(text)) is not None
    )
    if not votes:
        return None
    (best, count), *rest = votes.most_common()
    return best if not rest or count > rest[0][1] else None
