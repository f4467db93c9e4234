"""Which phase of the journey each stage plays, read from its name, its content and its place.

A stage named "Referral" whose actions are "recommends us to family" is advocacy; one named
"When it hurts" whose actions are "rings for an emergency appointment" is support. Each stage's
name and content give evidence for phases (cue words from the lexicon, names the catalogue
knows); then the whole map is read at once, so a stage that says little takes the phase its
place implies (between consideration and onboarding is most likely purchase) and a journey is
read forwards unless its content clearly says otherwise. Pure and deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..knowledge.catalog import exact_phase, phase_of
from ..models import Stage
from ..vocab import Phase
from .brief import phase_cues

ORDER = list(Phase)
Evidence = dict[Phase, list[tuple[float, str]]]  # phase -> (weight, where it came from)

# How much each part of a stage counts as evidence of its phase.
NAME_KNOWN = 4.0  # the catalogue knows the whole name ("Check-out", "Onboarding")
NAME_CUE = 2.5  # a cue word in the name ("Book the date")
NAME_WORD = 1.5  # a catalogue word inside the name, when the name has no cue
PART_WEIGHT = {"goal": 1.0, "action": 1.0, "touchpoint": 0.6, "kpi": 0.6, "thought": 0.4}
PART_CAP = 3.0  # no part of a stage outvotes its name on sheer length

# The journey's order as a prior: moving on is free, staying or jumping ahead costs a little,
# going back costs a lot, except to and from support (something goes wrong at any time).
STAY, SKIP, BACK = 0.9, 0.35, 2.5
START = {Phase.awareness: 0.8, Phase.consideration: 0.4}
END = {Phase.advocacy: 0.5, Phase.retention: 0.4}
UNSAID_SUPPORT = 1.5
COMMON = 0.2  # weight kept by a cue word that appears in most of the map's stages


@dataclass(frozen=True)
class StagePhase:
    """The phase one stage was read as, and the words that decided it."""

    stage: str
    phase: Phase | None
    why: str


def stage_evidence(
    stage: Stage, industry: str | None = None
) -> dict[Phase, list[tuple[float, str]]]:
    """Evidence for each phase from one stage: (weight, where it came from)."""
    found: Evidence = defaultdict(list)
    known = exact_phase(stage.name, industry)
    if known is not None:
        found[known].append((NAME_KNOWN, f'name "{stage.name}"'))
    cues = phase_cues(stage.name) if known is None else []  # a known name says it all
    for phase, words in cues:
        found[phase].append((NAME_CUE, f'name "{words}"'))
    if known is None and not cues:
        guess = phase_of(stage.name, None, industry)
        if guess is not None:
            found[guess].append((NAME_WORD, f'name "{stage.name}"'))
    parts: list[tuple[str, str]] = [("goal", stage.customer_goal or "")]
    parts += [("action", a) for a in stage.actions]
    parts += [("touchpoint", t.name) for t in stage.touchpoints]
    parts += [("kpi", k.name) for k in stage.kpis]
    parts += [("thought", t) for t in stage.thoughts]
    per_part: dict[tuple[str, Phase], float] = defaultdict(float)
    for part, text in parts:
        for phase, words in phase_cues(text):
            if per_part[(part, phase)] >= PART_CAP:
                continue
            weight = PART_WEIGHT[part]
            per_part[(part, phase)] += weight
            found[phase].append((weight, f'{part} "{words}"'))
    return found


def read_phases(stages: list[Stage], industry: str | None = None) -> list[StagePhase]:
    """The phase of every stage, read together (a best path through the phases that weighs each
    stage's evidence against the journey's usual order). A phase declared on a stage is kept."""
    if not stages:
        return []
    evidence = [stage_evidence(s, industry) for s in stages]
    common = _common_cues(evidence)
    totals = [
        {
            p: sum(w * (COMMON if _cue(src) in common else 1) for w, src in ev.get(p, []))
            for p in ORDER
        }
        for ev in evidence
    ]

    def emit(i: int, p: Phase) -> float:
        declared = stages[i].phase
        if declared is not None:
            return 0.0 if p == declared else -99.0
        bonus = (START.get(p, 0.0) if i == 0 else 0.0) + (
            END.get(p, 0.0) if i == len(stages) - 1 and i > 0 else 0.0
        )
        if p == Phase.support and not totals[i][p]:
            bonus -= UNSAID_SUPPORT  # something going wrong is read, never assumed
        return totals[i][p] + bonus

    best: list[dict[Phase, tuple[float, Phase | None]]] = [{p: (emit(0, p), None) for p in ORDER}]
    for i in range(1, len(stages)):
        row: dict[Phase, tuple[float, Phase | None]] = {}
        for p in ORDER:
            score, came = max(
                ((best[-1][q][0] - MOVES[(q, p)], q) for q in ORDER), key=lambda t: t[0]
            )
            row[p] = (score + emit(i, p), came)
        best.append(row)
    phase: Phase | None = max(ORDER, key=lambda p: best[-1][p][0])
    path: list[Phase] = []
    for i in range(len(stages) - 1, -1, -1):
        assert phase is not None
        path.append(phase)
        phase = best[i][phase][1]
    path.reverse()
    return [
        StagePhase(stage.name, p, _why(stage, p, evidence[i], path, i))
        for i, (stage, p) in enumerate(zip(stages, path, strict=True))
    ]


def _cue(source: str) -> str:
    """The cue word of an evidence source ('action "registers"' -> 'registers')."""
    return source.split('"')[1].lower() if '"' in source else source


def _common_cues(evidence: list[Evidence]) -> set[str]:
    """Cue words found in most stages: the business's own vocabulary ('parish registers' all
    through an archive's map), which says little about any one stage's phase."""
    if len(evidence) < 4:
        return set()
    seen: dict[str, int] = {}
    for ev in evidence:
        for cue in {_cue(src) for items in ev.values() for _, src in items}:
            seen[cue] = seen.get(cue, 0) + 1
    return {cue for cue, n in seen.items() if n > len(evidence) / 2}


def _move_cost(before: Phase, after: Phase) -> float:
    step = ORDER.index(after) - ORDER.index(before)
    if Phase.support in (before, after) and min(ORDER.index(before), ORDER.index(after)) >= 2:
        return 0.1 if step else STAY  # support comes and goes after the purchase
    if step == 0:
        return STAY
    if step > 0:
        return SKIP * (step - 1)
    return BACK


def _why(
    stage: Stage,
    phase: Phase,
    evidence: dict[Phase, list[tuple[float, str]]],
    path: list[Phase],
    i: int,
) -> str:
    if stage.phase is not None:
        return "declared on the map"
    own = sorted(evidence.get(phase, []), key=lambda e: -e[0])
    said: list[str] = []
    for _, source in own:
        if source.lower() not in (s.lower() for s in said):
            said.append(source)
    if said:
        return ", ".join(said[:3])
    before = path[i - 1].value if i > 0 else "the start"
    after = path[i + 1].value if i + 1 < len(path) else "the end"
    return f"its place, between {before} and {after} (its words name no phase)"


MOVES = {(a, b): _move_cost(a, b) for a in ORDER for b in ORDER}
