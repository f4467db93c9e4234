"""The critique's score: how good a map is, measured on what it says.

Eight qualities are measured on the map itself as shares between 0 and 1 (how much of the
journey is covered by meaning, how specific, measurable, evidenced and actionable its content is,
its emotion curve, its personas, whether it fits the business), weighted into 0-100. Then the
flaws an expert treats as serious take points off (content from another business, one persona for
a buying group, a goal nobody measures, ideas that miss their pains, the company's view instead
of the customer's), and a map whose pains and ideas are mostly vague cannot score high however
complete it looks. The formula, with a worked example, is in ``docs/scoring.md``. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import KPI, Category, Finding, PainPoint, Provenance, Severity
from ..understanding import content
from .context import Context
from .registry import RULES

# How much each measured quality counts (sums to 100).
WEIGHTS = {
    Category.coverage: 20,
    Category.specificity: 16,
    Category.measurement: 14,
    Category.actionability: 14,
    Category.evidence: 12,
    Category.emotion: 10,
    Category.persona: 8,
    Category.fit: 6,
}
# Points off the weighted score per serious flaw (rule id: per finding, at most).
PENALTIES = {
    "JA1007": (6, 18),  # a term from another business or region
    "JA1006": (15, 15),  # one persona where a buying group decides
    "JA904": (15, 15),  # the same, on a map typed B2B
    "JA1008": (10, 10),  # the stated goal has no KPI
    "JA1004": (4, 16),  # an idea that misses its pain
    "JA1003": (3, 15),  # the company's view
}
# Categories scored by their findings (100 less each finding's weight), shown but not weighted
# into the overall: their problems are already in the measured qualities or the penalties.
BY_FINDINGS = (Category.structure, Category.omnichannel, Category.type_specific)
FINDING_WEIGHT = {Severity.critical: 30, Severity.major: 12, Severity.minor: 4, Severity.info: 1}
CRITICAL_CAP = 60  # a map with a critical finding scores at most this
VAGUE_FLOOR, VAGUE_SPAN = 35, 65  # overall at most FLOOR + SPAN x share of specific pains/ideas

_FIGURE = re.compile(r"\d")
_ASSUMED = re.compile(r"\b(assum\w*|to check|to confirm|unverified|hypothes\w*)\b", re.I)


@dataclass
class Measures:
    """The measured qualities of one map (0..1 each) and what went into them."""

    shares: dict[Category, float] = field(default_factory=dict)
    specific_share: float = 1.0  # share of pains and ideas that are specific
    notes: dict[Category, str] = field(default_factory=dict)


def _measurable(kpi: KPI) -> bool:
    return content.is_measurable(kpi.name, kpi.target, kpi.current)


def _share(hits: float, total: int) -> float:
    return hits / total if total else 0.0


def measure(ctx: Context, missing_phases: int, framework_size: int) -> Measures:
    """Measure a map's qualities (see the module docstring)."""
    m = Measures()
    stages = ctx.stages
    n = len(stages)
    pains = [(s, p) for s in stages for p in s.pain_points]
    opps = [(s, o) for s in stages for o in s.opportunities]
    touchpoints = [t for s in stages for t in s.touchpoints]

    # coverage: phases of the journey covered by some stage's content, and each stage's lanes
    phases = 1 - _share(missing_phases, framework_size) if framework_size else 1.0
    lanes = _share(
        sum(
            (bool(s.actions) + bool(s.touchpoints) + bool(s.customer_goal or s.thoughts)) / 3
            for s in stages
        ),
        n,
    )
    m.shares[Category.coverage] = 0.6 * phases + 0.4 * lanes
    m.notes[Category.coverage] = f"phases {phases:.2f}, lanes {lanes:.2f}"

    # specificity: pains and ideas that say something particular, once; touchpoints by name
    texts = [p.description for _, p in pains] + [o.description for _, o in opps]
    vague = [t for t in texts if content.is_vague(t)]
    items = [(s.name, p.description) for s, p in pains] + [(s.name, o.description) for s, o in opps]
    repeated = len({j for later in content.repeats(items) for j in later})
    m.specific_share = 1 - _share(len(vague), len(texts)) if texts else 1.0  # none: not vague
    said = _share(len(texts) - len(vague) - repeated, len(texts)) if texts else 0.0
    named = (
        1
        - _share(sum(content.is_generic_touchpoint(t.name) for t in touchpoints), len(touchpoints))
        if touchpoints
        else 0.0
    )
    m.shares[Category.specificity] = 0.7 * max(0.0, said) + 0.3 * named
    m.notes[Category.specificity] = f"{len(vague)} vague, {repeated} repeated of {len(texts)}"

    # measurement: stages with a measurable KPI, KPIs with a baseline or target, the goal's KPI
    kpis = [k for s in stages for k in s.kpis]
    measured = _share(
        sum(
            any(content.is_measurable(k.name, k.target, k.current) for k in s.kpis) for s in stages
        ),
        n,
    )
    targets = _share(
        sum(bool(k.target or k.current or _FIGURE.search(k.name)) for k in kpis), len(kpis)
    )
    m.shares[Category.measurement] = 0.7 * measured + 0.3 * targets
    m.notes[Category.measurement] = f"stages measured {measured:.2f}, with figures {targets:.2f}"

    # actionability: pains that an idea answers, stages someone owns
    from .meaning import misses_its_pain

    answered = 0
    for stage, pain in pains:
        ideas = [o for o in stage.opportunities if o.addresses == pain.id] or [
            o for s, o in opps if o.addresses == pain.id
        ]
        if any(not content.is_vague(o.description) for o in ideas) and not all(
            misses_its_pain(ctx, stage, o) for o in ideas
        ):
            answered += 1
        elif not ideas and any(
            content.answers(pain.description, o.description) for o in stage.opportunities
        ):
            answered += 1  # a grid's ideas in the same stage, matched by meaning
    owned = _share(sum(bool(s.owners or any(o.owner for o in s.opportunities)) for s in stages), n)
    fixed = _share(answered, len(pains))
    m.shares[Category.actionability] = 0.65 * fixed + 0.35 * owned
    m.notes[Category.actionability] = f"pains answered {fixed:.2f}, stages owned {owned:.2f}"

    # evidence: pains backed by a source, a figure, or honestly marked as assumptions
    guides = {s.id for s in ctx.journey.sources if s.kind == "guide"}

    def backed(p: PainPoint) -> float:
        """1 for research behind it; general guidance is not evidence about this business."""
        if p.provenance == Provenance.evidence or set(p.citations) - guides:
            return 1.0
        if p.provenance == Provenance.inferred:
            return 0.0
        if _FIGURE.search(p.description):
            return 0.75
        return 0.5 if _ASSUMED.search(p.description) else 0.2

    claimed = [p for _, p in pains if p.provenance != Provenance.inferred]
    m.shares[Category.evidence] = _share(sum(backed(p) for p in claimed), len(claimed))

    # emotion: stages with a feeling, a curve that moves, low points explained
    felt = [s for s in stages if s.emotion or s.persona_emotions]
    emotion = _share(len(felt), n)
    scores = {s.emotion.score for s in felt if s.emotion}
    if felt and len(scores) < 2:
        emotion *= 0.6
    lows = [s for s in felt if s.emotion and s.emotion.score <= 2]
    if lows:
        emotion *= 0.8 + 0.2 * _share(sum(bool(s.pain_points) for s in lows), len(lows))
    m.shares[Category.emotion] = emotion

    # persona: personas with goals and frustrations (named-only personas count a little)
    personas = ctx.journey.personas
    if personas:
        depth = _share(
            sum(
                (bool(p.goals) + bool(p.frustrations) + bool(p.behaviours or p.needs)) / 3
                for p in personas
            ),
            len(personas),
        )
        persona = 0.3 + 0.7 * depth
    else:
        persona = 0.3 if ctx.journey.persona_names() else 0.0
    m.shares[Category.persona] = persona

    # fit: the customer's view, in this business's terms
    written = [p.description for _, p in pains] + [a for s in stages for a in s.actions]
    company = sum(content.is_company_centric(t) for t in [p.description for _, p in pains])
    company += sum(content.is_company_centric(a, action=True) for s in stages for a in s.actions)
    foreign = len(ctx.foreign(ctx.text))
    m.shares[Category.fit] = max(0.0, 1 - _share(company, len(written)) - 0.2 * foreign)
    return m


def score(
    ctx: Context, findings: list[Finding], missing_phases: int, framework_size: int
) -> tuple[int, dict[Category, int]]:
    """The overall score (0-100) and one subscore per category."""
    m = measure(ctx, missing_phases, framework_size)
    weighted = sum(WEIGHTS[c] * m.shares[c] for c in WEIGHTS)
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    penalty: float = sum(
        min(per * counts.get(rid, 0), most) for rid, (per, most) in PENALTIES.items()
    )
    subscores = {c: round(100 * m.shares[c]) for c in WEIGHTS}
    for category in BY_FINDINGS:
        subscores[category] = _by_findings(category, findings)
    # structure, channels and type-specific checks take up to 10 points each
    penalty += sum((100 - subscores[c]) / 10 for c in BY_FINDINGS)
    overall = weighted - penalty
    overall = min(overall, VAGUE_FLOOR + VAGUE_SPAN * m.specific_share)
    if any(f.severity == Severity.critical for f in findings):
        overall = min(overall, CRITICAL_CAP)
    return max(0, min(100, round(overall))), subscores


def _by_findings(category: Category, findings: list[Finding]) -> int:
    """100 less the weights of a category's findings (each rule counted a few times at most)."""
    per_rule: dict[str, int] = {}
    for f in findings:
        if f.category != category:
            continue
        rule = RULES.get(f.rule_id)
        weight = (rule.weight if rule and rule.weight else None) or FINDING_WEIGHT[f.severity]
        cap = (rule.cap if rule else 3) * weight
        per_rule[f.rule_id] = min(per_rule.get(f.rule_id, 0) + weight, cap)
    return max(0, 100 - sum(per_rule.values()))
