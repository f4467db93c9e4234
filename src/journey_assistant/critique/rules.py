"""The rule catalogue. Each rule reads a :class:`Context` and yields :class:`Hit` objects.

Ids are stable: JA1xx coverage, JA2xx structure, JA3xx emotion, JA4xx evidence,
JA5xx measurement, JA6xx omnichannel, JA7xx actionability, JA8xx persona, JA9xx type-specific.
Suggestions are built from the knowledge catalogues (industry pack first, then generic).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..knowledge.catalog import (
    IndustryStage,
    TouchpointTemplate,
    inside_out_term,
    missing_framework_stages,
)
from ..models import Category, Level, MapType, Provenance, Severity, Stage
from ..understanding.content import is_vague, mentions
from ..vocab import CHANNEL_LABELS, Channel, Phase, normalize_term
from .context import OFFLINE, ONLINE, Context
from .registry import Hit, rule

C, S = Category, Severity
ORDER = list(Phase)


def _label(phase: Phase | None, ctx: Context) -> str:
    return ctx.catalog.stages.phases[phase].label if phase else "this"


def industry_stage(ctx: Context, phase: Phase) -> list[IndustryStage]:
    """The industry pack's stages in ``phase`` (empty without an industry)."""
    if ctx.industry is None:
        return []
    return [s for s in ctx.industry.stages if s.phase == phase]


def expected_touchpoints(ctx: Context, phase: Phase) -> list[TouchpointTemplate]:
    """Touchpoints a stage in ``phase`` normally has: the industry's, else the generic ones;
    never one foreign to the map's region or size (no Zocdoc for an NHS dentist)."""
    found = [t for s in industry_stage(ctx, phase) for t in s.touchpoints]
    found = [t for t in found if not mentions(t.name, ctx.other_kinds)]
    found = found or ctx.catalog.touchpoints[phase][:6]
    return [t for t in found if not ctx.foreign(t.name)]


def _short(text: str, n: int = 60) -> str:
    """Text cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def phase_actions(ctx: Context, phase: Phase) -> list[str]:
    """Customer actions for a phase: the industry's, else the generic ones."""
    found = [a for s in industry_stage(ctx, phase) for a in s.actions]
    return found or ctx.catalog.stages.phases[phase].actions


def phase_kpis(ctx: Context, phase: Phase) -> list[str]:
    """KPIs for a phase: the industry's, else the generic ones (those of a product people log
    in to only for a map of one: no "Active users (DAU/MAU)" for a fire door inspector)."""
    found = [k for s in industry_stage(ctx, phase) for k in s.kpis]
    digital = _digital(ctx)
    return found or [k.name for k in ctx.catalog.kpis[phase].kpis if digital or not k.digital]


_SOFTWARE_WORDS = re.compile(
    r"\b(?:apps?|software|saas|platform|dashboard|portal|logins?|log in|users?|subscribers?)\b",
    re.IGNORECASE,
)


def _digital(ctx: Context) -> bool:
    """Whether the map is of a product people log in to: an app or in-product touchpoint, or
    software words in what it says it is."""
    journey = ctx.journey
    said = " ".join(
        x or ""
        for x in (journey.title, journey.context.product, journey.context.industry,
                  journey.context.company)
    )  # fmt: skip
    channels = {t.channel for s in journey.stages for t in s.touchpoints}
    return bool(channels & {Channel.mobile_app, Channel.in_product}) or bool(
        _SOFTWARE_WORDS.search(said)
    )


def _examples(items: list[str], n: int = 3) -> str:
    shown = items[:n]
    return ", ".join(shown)


# --- coverage ----------------------------------------------------------------------------------


@rule(
    "JA101",
    "missing-core-stage",
    C.coverage,
    S.major,
    "A journey that stops early hides where customers are won or lost after the sale.",
    bad="Discover → Research → Buy",
    good="Discover → Research → Buy → Delivery → Loyalty → Review",
    guide="stage-frameworks.md",
    effort=Level.medium,
    cap=8,
    weight=15,
)
def missing_core_stage(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type == MapType.email:
        return  # JA901 checks an email journey's messages
    industry = ctx.industry.id if ctx.industry else None
    names = [s.name for s in ctx.stages]
    for fs in missing_framework_stages(ctx.map_type, names, ctx.catalog, industry, ctx.phases):
        hint = ""
        for phase in fs.phases:
            examples = industry_stage(ctx, phase)
            if examples:
                tps = [t.name for t in examples[0].touchpoints]
                hint = (
                    f" In {ctx.industry.name.lower() if ctx.industry else 'this industry'} "
                    f"that is usually '{examples[0].name}', with touchpoints such as "
                    f"{_examples(tps)}."
                )
                break
        if not hint and fs.phases:
            tps = [t.name for t in ctx.catalog.touchpoints[fs.phases[0]]]
            hint = f" Typical touchpoints: {_examples(tps)}."
        yield Hit(
            f"The map has no '{fs.name}' stage, which a {ctx.map_type.label.lower()} "
            "normally covers.",
            f"Add a stage for '{fs.name}'.{hint}",
        )


@rule(
    "JA102",
    "stage-without-touchpoints",
    C.coverage,
    S.major,
    "Without touchpoints nobody knows where to act on a stage.",
    bad="Stage 'Book' with actions but no touchpoints",
    good="Stage 'Book' with 'Booking engine (website)' and 'Reservations line (phone)'",
    guide="touchpoints-and-channels.md",
)
def stage_without_touchpoints(ctx: Context) -> Iterator[Hit]:
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if not stage.touchpoints:
            tps = [
                f"{t.name} ({CHANNEL_LABELS[t.channel]})"
                for t in (expected_touchpoints(ctx, phase) if phase else [])
            ]
            extra = f" such as {_examples(tps)}" if tps else ""
            yield Hit(
                f"Stage '{stage.name}' has no touchpoints.",
                f"List where the customer meets you in '{stage.name}'{extra}.",
                stage=stage.name,
            )


@rule(
    "JA103",
    "stage-without-actions",
    C.coverage,
    S.major,
    "A stage without customer actions describes the company, not the customer.",
    bad="Stage 'Onboarding' with touchpoints only",
    good="Stage 'Onboarding': 'Creates an account', 'Imports contacts'",
    guide="creating-a-journey-map.md",
)
def stage_without_actions(ctx: Context) -> Iterator[Hit]:
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if not stage.actions:
            acts = phase_actions(ctx, phase) if phase else []
            extra = f", e.g. {_examples(acts, 2).lower()}" if acts else ""
            yield Hit(
                f"Stage '{stage.name}' lists no customer actions.",
                f"Write what the customer does in '{stage.name}'{extra}.",
                stage=stage.name,
            )


@rule(
    "JA104",
    "missing-expected-touchpoints",
    C.coverage,
    S.minor,
    "Touchpoints the industry normally has at a stage are often where problems hide.",
    bad="Hotel 'Check-in' with only 'Front desk'",
    good="Hotel 'Check-in' with front desk, mobile check-in app and pre-arrival email",
    guide="touchpoints-and-channels.md",
)
def missing_expected_touchpoints(ctx: Context) -> Iterator[Hit]:
    if ctx.industry is None or not ctx.confident:
        return  # without a pack that surely fits, a catalogue's guesses are noise
    for stage, missing in missing_touchpoints_by_stage(ctx):
        names = [f"{t.name} ({CHANNEL_LABELS[t.channel]})" for t in missing]
        kinds = ", ".join(sorted({CHANNEL_LABELS[t.channel].lower() for t in missing}))
        yield Hit(
            f"Stage '{stage.name}' has none of the {kinds} touchpoints such a stage usually has.",
            f"Check whether these belong in '{stage.name}': {_examples(names)}.",
            stage=stage.name,
        )


def missing_touchpoints_by_stage(ctx: Context) -> list[tuple[Stage, list[TouchpointTemplate]]]:
    """Expected touchpoints whose channel a stage lacks (up to three per stage)."""
    out = []
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if phase is None or not stage.touchpoints:
            continue
        have = {t.channel for t in stage.touchpoints}
        missing: list[TouchpointTemplate] = []
        seen: set[Channel] = set()
        for template in expected_touchpoints(ctx, phase):
            if template.channel not in have and template.channel not in seen:
                missing.append(template)
                seen.add(template.channel)
        if missing:
            out.append((stage, missing[:3]))
    return out


@rule(
    "JA105",
    "too-few-stages",
    C.coverage,
    S.major,
    "Two stages cannot show where the experience rises and falls.",
    bad="Buy → Use",
    good="Five to eight stages from first contact to advocacy",
    guide="stage-frameworks.md",
)
def too_few_stages(ctx: Context) -> Iterator[Hit]:
    if len(ctx.stages) < 3:
        yield Hit(
            f"The map has only {len(ctx.stages)} stage(s).",
            "Split the journey into 5–8 stages the customer would recognise.",
        )


@rule(
    "JA106",
    "stage-without-goal",
    C.coverage,
    S.info,
    "A customer goal per stage keeps the map written from the customer's side.",
    bad="Stage 'Compare' with no goal",
    good="Goal: 'Pick the plan that fits my budget'",
    guide="what-is-a-journey-map.md",
)
def stage_without_goal(ctx: Context) -> Iterator[Hit]:
    missing = [s.name for s in ctx.stages if not s.customer_goal]
    if missing and len(missing) == len(ctx.stages):
        yield Hit(
            "No stage states the customer's goal.",
            "Add one line per stage saying what the customer wants to achieve there.",
        )


@rule(
    "JA107",
    "no-thoughts",
    C.coverage,
    S.minor,
    "Thoughts in the customer's words explain why the emotion curve moves.",
    bad="No thoughts lane",
    good="'Is the resort fee included or not?'",
    guide="emotions-and-moments-of-truth.md",
)
def no_thoughts(ctx: Context) -> Iterator[Hit]:
    if len(ctx.stages) >= 3 and not any(s.thoughts for s in ctx.stages):
        yield Hit(
            "The map has no customer thoughts.",
            "Add one or two quotes per stage, ideally verbatim from interviews or reviews.",
        )


# --- structure ---------------------------------------------------------------------------------


@rule(
    "JA201",
    "stages-out-of-order",
    C.structure,
    S.major,
    "Stages in the wrong order hide the real sequence customers go through.",
    bad="Buy → Research → Discover",
    good="Discover → Research → Buy",
    guide="stage-frameworks.md",
)
def stages_out_of_order(ctx: Context) -> Iterator[Hit]:
    core = [
        (s, p)
        for s, p in zip(ctx.stages, ctx.phases, strict=True)
        if p is not None and p not in (Phase.usage, Phase.support)
    ]
    for (prev, prev_phase), (stage, phase) in zip(core, core[1:], strict=False):
        if ORDER.index(phase) + 1 < ORDER.index(prev_phase):
            yield Hit(
                f"'{stage.name}' ({_label(phase, ctx).lower()}) comes after "
                f"'{prev.name}' ({_label(prev_phase, ctx).lower()}).",
                f"Move '{stage.name}' before '{prev.name}', or rename it if it is a "
                "different step.",
                stage=stage.name,
            )


@rule(
    "JA202",
    "duplicate-stage",
    C.structure,
    S.major,
    "Two stages with the same name split one step's evidence in two.",
    bad="Research → Buy → Research",
    good="Research → Buy → Review",
    guide="common-mistakes.md",
)
def duplicate_stage(ctx: Context) -> Iterator[Hit]:
    seen: set[str] = set()
    for stage in ctx.stages:
        key = normalize_term(stage.name)
        if key in seen:
            yield Hit(
                f"Stage '{stage.name}' appears more than once.",
                f"Merge the '{stage.name}' stages or name each for what the customer does.",
                stage=stage.name,
            )
        seen.add(key)


@rule(
    "JA203",
    "inside-out-stage-name",
    C.structure,
    S.major,
    "Stages named after the company's process (MQL, fulfilment) hide what the customer does.",
    bad="Stage 'MQL'",
    good="Stage 'Compare options'",
    guide="common-mistakes.md",
)
def inside_out_stage_name(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        term = inside_out_term(stage.name, ctx.catalog)
        if term:
            yield Hit(
                f"Stage '{stage.name}' is named from the company's side ('{term}').",
                "Rename it for what the customer is doing, e.g. 'Compare options' for a "
                "lead stage or 'Receive the order' for fulfilment.",
                stage=stage.name,
            )


@rule(
    "JA204",
    "too-many-stages",
    C.structure,
    S.minor,
    "More than a dozen stages turns a journey map into a process diagram.",
    bad="18 stages",
    good="5–8 stages, detail inside each",
    guide="common-mistakes.md",
)
def too_many_stages(ctx: Context) -> Iterator[Hit]:
    if len(ctx.stages) > 12:
        yield Hit(
            f"The map has {len(ctx.stages)} stages.",
            "Group related steps into 5–8 stages; keep the detail as actions.",
        )


@rule(
    "JA205",
    "empty-stage",
    C.structure,
    S.major,
    "An empty stage is a placeholder that nobody filled in.",
    bad="Stage 'Loyalty' with nothing in it",
    good="Stage 'Loyalty' with actions, touchpoints and an emotion",
    guide="creating-a-journey-map.md",
)
def empty_stage(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        if not (
            stage.actions
            or stage.touchpoints
            or stage.thoughts
            or stage.emotion
            or stage.pain_points
            or stage.opportunities
            or stage.kpis
        ):
            yield Hit(
                f"Stage '{stage.name}' is empty.",
                f"Fill in '{stage.name}' or remove it.",
                stage=stage.name,
            )


@rule(
    "JA206",
    "sentence-as-stage-name",
    C.structure,
    S.minor,
    "A stage name should be a short label; the detail belongs in the lanes.",
    bad="Stage 'Customer reads reviews on several websites before deciding'",
    good="Stage 'Compare'",
    guide="stage-frameworks.md",
)
def sentence_as_stage_name(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        if len(stage.name.split()) > 6:
            yield Hit(
                f"Stage name '{_short(stage.name, 60)}' reads like a sentence.",
                "Use a 1–4 word label and move the sentence to actions.",
                stage=stage.name,
            )


# --- emotion -----------------------------------------------------------------------------------


@rule(
    "JA301",
    "no-emotion-curve",
    C.emotion,
    S.major,
    "Without emotions the map cannot show where the experience hurts.",
    bad="No emotion lane",
    good="An emotion from 1 to 5 on every stage",
    guide="emotions-and-moments-of-truth.md",
)
def no_emotion_curve(ctx: Context) -> Iterator[Hit]:
    if ctx.stages and not ctx.scored() and not any(s.persona_emotions for s in ctx.stages):
        yield Hit(
            "No stage has an emotion.",
            "Score each stage from 1 (very negative) to 5 (very positive), from research "
            "such as interviews, CSAT by step or review sentiment.",
        )


@rule(
    "JA302",
    "stage-without-emotion",
    C.emotion,
    S.minor,
    "Gaps in the curve hide the moments that matter.",
    bad="Emotion on 3 of 6 stages",
    good="Emotion on every stage",
    guide="emotions-and-moments-of-truth.md",
)
def stage_without_emotion(ctx: Context) -> Iterator[Hit]:
    if not ctx.scored():
        return
    for stage in ctx.stages:
        if stage.emotion is None and not stage.persona_emotions:
            yield Hit(
                f"Stage '{stage.name}' has no emotion.",
                f"Add how the customer feels in '{stage.name}' (1–5).",
                stage=stage.name,
            )


@rule(
    "JA303",
    "flat-emotion-curve",
    C.emotion,
    S.major,
    "A flat curve usually means emotions were guessed, not researched.",
    bad="3, 3, 3, 3, 3",
    good="4, 3, 2, 4, 5 with the low point explained",
    guide="emotions-and-moments-of-truth.md",
)
def flat_emotion_curve(ctx: Context) -> Iterator[Hit]:
    scores = [score for _, _, score in ctx.scored()]
    if len(scores) >= 3 and len(set(scores)) == 1:
        yield Hit(
            f"Every stage has the same emotion ({scores[0]}).",
            "Revisit the scores with evidence; real journeys have highs and lows.",
        )


@rule(
    "JA304",
    "low-point-without-pain-point",
    C.emotion,
    S.major,
    "The emotional low point is where to act first; it needs a named cause.",
    bad="'Check-in' scored 1 with no pain point",
    good="'Check-in' scored 1: 'Queue of 20 minutes at reception'",
    guide="emotions-and-moments-of-truth.md",
)
def low_point_without_pain(ctx: Context) -> Iterator[Hit]:
    scored = ctx.scored()
    if not scored:
        return
    low = min(score for _, _, score in scored)
    if low > 3:
        return
    for _, stage, score in scored:
        if score == low and not stage.pain_points:
            yield Hit(
                f"'{stage.name}' is the emotional low point ({score}) but names no pain point.",
                f"Say what makes '{stage.name}' hurt, with evidence.",
                stage=stage.name,
            )


@rule(
    "JA305",
    "low-point-without-opportunity",
    C.emotion,
    S.major,
    "A low point without an improvement is a known problem left alone.",
    bad="Low point with pain points but no opportunity",
    good="Low point paired with 'Offer mobile check-in' (owner: Front office)",
    guide="pain-points-and-improvements.md",
)
def low_point_without_opportunity(ctx: Context) -> Iterator[Hit]:
    scored = ctx.scored()
    if not scored:
        return
    low = min(score for _, _, score in scored)
    if low > 3:
        return
    for _, stage, score in scored:
        if score == low and stage.pain_points and not stage.opportunities:
            yield Hit(
                f"The low point '{stage.name}' has no opportunity.",
                f"Add at least one improvement for '{stage.name}' with an owner and a KPI.",
                stage=stage.name,
            )


@rule(
    "JA306",
    "no-low-point",
    C.emotion,
    S.minor,
    "A curve with no dip is rarely true; customers always hit some friction.",
    bad="4, 5, 4, 5",
    good="4, 2, 4, 5",
    guide="emotions-and-moments-of-truth.md",
)
def no_low_point(ctx: Context) -> Iterator[Hit]:
    scores = [score for _, _, score in ctx.scored()]
    if len(scores) >= 4 and min(scores) >= 4:
        yield Hit(
            "The emotion curve never drops below 4.",
            "Check support, waiting and billing moments; mark where it really dips.",
        )


@rule(
    "JA307",
    "persona-curve-gaps",
    C.emotion,
    S.minor,
    "Comparing personas needs each persona's emotion on every stage.",
    bad="Persona A scored on 2 of 5 stages",
    good="Both personas scored on every stage",
    guide="emotions-and-moments-of-truth.md",
)
def persona_curve_gaps(ctx: Context) -> Iterator[Hit]:
    for name in ctx.journey.persona_names():
        have = [s for s in ctx.stages if any(e.persona == name for e in s.persona_emotions)]
        if have and len(have) < len(ctx.stages) and len(have) < len(ctx.stages) / 2:
            yield Hit(
                f"Persona '{name}' has emotions on {len(have)} of {len(ctx.stages)} stages.",
                f"Score '{name}' on the remaining stages, or drop the per-persona scores.",
            )


# --- evidence ----------------------------------------------------------------------------------


def _elements(ctx: Context) -> list[Any]:
    out: list[Any] = []
    for s in ctx.stages:
        out += [*s.touchpoints, *s.pain_points, *s.opportunities, *s.kpis]
        out += [e for e in [s.emotion, *s.persona_emotions] if e is not None]
    return out


@rule(
    "JA401",
    "all-assumptions",
    C.evidence,
    S.major,
    "A map made only of assumptions is a hypothesis; treat it as one.",
    bad="Every element marked inferred",
    good="Key pain points backed by cited research",
    guide="research-and-data-sources.md",
    effort=Level.high,
)
def all_assumptions(ctx: Context) -> Iterator[Hit]:
    elements = _elements(ctx)
    if len(elements) >= 5 and all(e.provenance == Provenance.inferred for e in elements):
        yield Hit(
            "Every element of the map is an assumption; nothing is backed by evidence.",
            "Validate the low point and the top pain points with interviews, support "
            "logs or analytics, and cite them.",
        )


@rule(
    "JA402",
    "unknown-citation",
    C.evidence,
    S.major,
    "A citation that points nowhere cannot be checked.",
    bad="Pain point citing 'doc-9' with no such source",
    good="Citation ids that match the map's sources",
    guide="research-and-data-sources.md",
)
def unknown_citation(ctx: Context) -> Iterator[Hit]:
    known = {s.id for s in ctx.journey.sources}
    for stage in ctx.stages:
        for element in [*stage.touchpoints, *stage.pain_points, *stage.opportunities, *stage.kpis]:
            for cite in element.citations:
                if cite not in known:
                    yield Hit(
                        f"'{stage.name}' cites '{cite}', which is not in the map's sources.",
                        "Add the source or remove the citation.",
                        stage=stage.name,
                    )


@rule(
    "JA403",
    "evidence-without-citation",
    C.evidence,
    S.minor,
    "'Evidence' without a citation is an assumption in disguise.",
    bad="Pain point marked evidence, no citation",
    good="Pain point marked evidence, citing 'support-tickets-q3'",
    guide="research-and-data-sources.md",
)
def evidence_without_citation(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for element in [*stage.touchpoints, *stage.pain_points, *stage.opportunities]:
            if element.provenance == Provenance.evidence and not element.citations:
                text = str(getattr(element, "name", None) or getattr(element, "description", ""))
                yield Hit(
                    f"'{_short(text, 50)}' in '{stage.name}' is marked as evidence but cites "
                    "nothing.",
                    "Cite the document it comes from, or mark it inferred.",
                    stage=stage.name,
                )


@rule(
    "JA404",
    "pain-points-without-evidence",
    C.evidence,
    S.info,
    "Pain points backed by research are easier to fund.",
    bad="Pain points with no source",
    good="Pain points citing tickets, reviews or interviews",
    guide="research-and-data-sources.md",
)
def pain_points_without_evidence(ctx: Context) -> Iterator[Hit]:
    pains = [p for s in ctx.stages for p in s.pain_points]
    if len(pains) >= 3 and not any(p.citations for p in pains) and ctx.journey.sources:
        yield Hit(
            "The map has sources but no pain point cites one.",
            "Link each pain point to the ticket export, review or interview it came from.",
        )


# --- measurement -------------------------------------------------------------------------------


@rule(
    "JA501",
    "no-kpis",
    C.measurement,
    S.major,
    "Without KPIs nobody can tell whether a change made the journey better.",
    bad="No KPIs lane",
    good="'Booking conversion rate' at Booking, 'NPS' at Review",
    guide="kpis-by-stage.md",
)
def no_kpis(ctx: Context) -> Iterator[Hit]:
    if ctx.stages and not any(s.kpis for s in ctx.stages):
        examples = [k.name for p in ctx.phases[:3] if p for k in ctx.catalog.kpis[p].kpis[:1]]
        yield Hit(
            "The map has no KPIs.", f"Add one or two KPIs per stage, e.g. {_examples(examples)}."
        )


@rule(
    "JA502",
    "stage-without-kpi",
    C.measurement,
    S.minor,
    "A stage nobody measures is a stage nobody manages.",
    bad="KPIs on 2 of 6 stages",
    good="A KPI on every stage",
    guide="kpis-by-stage.md",
)
def stage_without_kpi(ctx: Context) -> Iterator[Hit]:
    if not any(s.kpis for s in ctx.stages):
        return
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if not stage.kpis:
            kpis = phase_kpis(ctx, phase)[:2] if phase else []
            extra = f", e.g. {_examples(kpis, 2)}" if kpis else ""
            yield Hit(
                f"Stage '{stage.name}' has no KPI.",
                f"Add a KPI for '{stage.name}'{extra}.",
                stage=stage.name,
            )


def kpi_keys(name: str) -> set[str]:
    """Names a KPI goes by: 'Net Promoter Score (NPS)' -> the full name, 'net promoter score',
    'nps'."""
    keys = {normalize_term(name)}
    bare = re.sub(r"\([^)]*\)", " ", name)
    keys.add(normalize_term(bare))
    for inner in re.findall(r"\(([^)]*)\)", name):
        keys.update(normalize_term(part) for part in inner.split("/"))
    return {k for k in keys if k}


def _kpi_phases(ctx: Context) -> dict[str, set[Phase]]:
    phases: dict[str, set[Phase]] = {}
    for phase, entry in ctx.catalog.kpis.items():
        for kpi in entry.kpis:
            for key in kpi_keys(kpi.name):
                phases.setdefault(key, set()).add(phase)
    return phases


@rule(
    "JA503",
    "kpi-does-not-fit-stage",
    C.measurement,
    S.minor,
    "A KPI from another stage measures the wrong thing (NPS at awareness, CTR at renewal).",
    bad="'Net Promoter Score' on 'Discover'",
    good="'Reach' on 'Discover', NPS on 'Review'",
    guide="kpis-by-stage.md",
)
def kpi_does_not_fit(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type == MapType.email:
        return  # every email stage is measured by opens and clicks
    known = _kpi_phases(ctx)
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if phase is None:
            continue
        for kpi in stage.kpis:
            fits = set().union(*(known.get(k, set()) for k in kpi_keys(kpi.name)))
            if fits and all(abs(ORDER.index(f) - ORDER.index(phase)) > 1 for f in fits):
                home = ", ".join(sorted(_label(f, ctx).lower() for f in fits))
                yield Hit(
                    f"KPI '{kpi.name}' on '{stage.name}' belongs to {home}.",
                    f"Measure '{stage.name}' with "
                    f"{_examples([k.name for k in ctx.catalog.kpis[phase].kpis], 2)} "
                    f"and move '{kpi.name}' to a {home} stage.",
                    stage=stage.name,
                )


@rule(
    "JA504",
    "opportunity-without-kpi",
    C.measurement,
    S.minor,
    "An improvement with no KPI cannot be shown to work.",
    bad="'Offer mobile check-in'",
    good="'Offer mobile check-in' (KPI: check-in time)",
    guide="pain-points-and-improvements.md",
)
def opportunity_without_kpi(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        if stage.kpis:
            continue  # a stage's KPIs measure its ideas unless an idea names its own
        for opp in stage.opportunities:
            if not opp.kpi:
                yield Hit(
                    f"Opportunity '{_short(opp.description, 50)}' has no KPI.",
                    "Name the KPI it should move.",
                    stage=stage.name,
                )


# --- omnichannel -------------------------------------------------------------------------------


@rule(
    "JA601",
    "single-channel",
    C.omnichannel,
    S.major,
    "Customers switch channels; a one-channel map misses most of the journey.",
    bad="Every touchpoint on the website",
    good="Website, email, store and phone where used",
    guide="omnichannel-and-handoffs.md",
)
def single_channel(ctx: Context) -> Iterator[Hit]:
    real = ctx.channels - {Channel.other}
    if len(ctx.stages) < 3 or len(real) > 1 or ctx.map_type == MapType.email:
        return
    only = CHANNEL_LABELS[next(iter(real))] if real else "no known"
    severity = S.critical if ctx.map_type == MapType.omnichannel else None
    yield Hit(
        f"The whole map uses {only} channel only.",
        "Add the other channels customers use (search, social, email, phone, store) "
        "at the stages where they use them.",
        severity=severity,
    )


@rule(
    "JA602",
    "no-online-offline-handoff",
    C.omnichannel,
    S.major,
    "Hand-offs between online and offline are where omnichannel journeys break.",
    bad="Online stages, then offline stages, never together",
    good="'Book online, collect in store' at one stage",
    guide="omnichannel-and-handoffs.md",
)
def no_handoff(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.omnichannel:
        return
    online, offline = ctx.channels & ONLINE, ctx.channels & OFFLINE
    if not online or not offline:
        missing = "offline" if online else "online"
        yield Hit(
            f"An omnichannel map with no {missing} touchpoints.",
            f"Add the {missing} touchpoints and where customers cross between them.",
        )
        return
    mixed = any(
        {t.channel for t in s.touchpoints} & ONLINE and {t.channel for t in s.touchpoints} & OFFLINE
        for s in ctx.stages
    )
    if not mixed:
        yield Hit(
            "No stage shows a hand-off between online and offline channels.",
            "Show where customers switch (click and collect, chat to phone, app in "
            "store) and what data follows them.",
        )


@rule(
    "JA603",
    "unknown-channel",
    C.omnichannel,
    S.info,
    "A touchpoint with no known channel cannot be grouped or compared.",
    bad="'Thing we send' (channel: other)",
    good="'Order confirmation' (channel: email)",
    guide="touchpoints-and-channels.md",
)
def unknown_channel(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for tp in stage.touchpoints:
            if tp.channel == Channel.other:
                yield Hit(
                    f"Touchpoint '{tp.name}' in '{stage.name}' has no known channel.",
                    "Give it a channel (website, email, store, phone...).",
                    stage=stage.name,
                    touchpoint=tp.name,
                )


# --- actionability -----------------------------------------------------------------------------


@rule(
    "JA701",
    "pain-point-without-opportunity",
    C.actionability,
    S.major,
    "Every pain point needs an improvement, or the map is only a list of complaints.",
    bad="'Resort fee shown at the last step' with no opportunity",
    good="Paired with 'Show the full price on the first screen'",
    guide="pain-points-and-improvements.md",
)
def pain_without_opportunity(ctx: Context) -> Iterator[Hit]:
    addressed = {o.addresses for s in ctx.stages for o in s.opportunities if o.addresses}
    for stage in ctx.stages:
        for pain in stage.pain_points:
            if pain.id not in addressed:
                yield Hit(
                    f"Pain point '{_short(pain.description, 60)}' has no opportunity.",
                    f"Pair it with an improvement in '{stage.name}' that names an owner and a KPI.",
                    stage=stage.name,
                )


@rule(
    "JA702",
    "opportunity-without-owner",
    C.actionability,
    S.minor,
    "An improvement nobody owns does not happen.",
    bad="'Offer mobile check-in'",
    good="'Offer mobile check-in' (owner: Front office)",
    guide="pain-points-and-improvements.md",
)
def opportunity_without_owner(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        if stage.owners:
            continue  # a stage's owners own its ideas unless an idea names its own
        for opp in stage.opportunities:
            if not opp.owner:
                yield Hit(
                    f"Opportunity '{_short(opp.description, 50)}' has no owner.",
                    "Name the team that will deliver it.",
                    stage=stage.name,
                )


@rule(
    "JA703",
    "vague-action",
    C.actionability,
    S.major,
    "'Improve the experience' cannot be planned, owned or measured.",
    bad="'Improve the customer experience'",
    good="'Send a pre-arrival email with parking and check-in times'",
    guide="pain-points-and-improvements.md",
)
def vague_action(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for opp in stage.opportunities:
            if is_vague(opp.description):
                yield Hit(
                    f"Opportunity '{opp.description}' does not say what to change.",
                    "Write a verb and a concrete object: what will be added, removed or "
                    "changed, where, for whom.",
                    stage=stage.name,
                )


@rule(
    "JA704",
    "stage-without-owner",
    C.actionability,
    S.minor,
    "Every stage needs a team that answers for it.",
    bad="Stage 'Returns' with no owner",
    good="Stage 'Returns' (owner: Customer service)",
    guide="keeping-maps-current.md",
)
def stage_without_owner(ctx: Context) -> Iterator[Hit]:
    owned = [s for s in ctx.stages if s.owners or any(t.owner for t in s.touchpoints)]
    if len(owned) == len(ctx.stages):
        return
    if not owned and len(ctx.stages) >= 3:
        yield Hit(
            "No stage has an owner.",
            "Name the team responsible for each stage (marketing, sales, service...).",
        )
        return
    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        if stage not in owned:
            teams = ctx.catalog.kpis[phase].owners[:2] if phase else []
            extra = f", e.g. {', '.join(teams)}" if teams else ""
            yield Hit(
                f"Stage '{stage.name}' has no owner.",
                f"Name the team responsible for '{stage.name}'{extra}.",
                stage=stage.name,
            )


@rule(
    "JA705",
    "opportunity-addresses-unknown-pain",
    C.actionability,
    S.major,
    "An opportunity linked to a pain point that does not exist is a broken link.",
    bad="addresses: pp-9 (no such pain point)",
    good="addresses an existing pain point id",
    guide="pain-points-and-improvements.md",
)
def unknown_addresses(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for opp in stage.opportunities:
            if opp.addresses and opp.addresses not in ctx.pain_ids:
                yield Hit(
                    f"Opportunity '{_short(opp.description, 50)}' addresses '{opp.addresses}', "
                    "which is not a pain point on the map.",
                    "Link it to an existing pain point or remove the link.",
                    stage=stage.name,
                )


@rule(
    "JA706",
    "no-opportunities",
    C.actionability,
    S.major,
    "A map without opportunities is a diagnosis without a treatment.",
    bad="Pain points only",
    good="Each pain point paired with an improvement",
    guide="creating-a-journey-map.md",
)
def no_opportunities(ctx: Context) -> Iterator[Hit]:
    if len(ctx.stages) >= 3 and not any(s.opportunities for s in ctx.stages):
        yield Hit(
            "The map proposes no improvements.",
            "Add opportunities, starting with the emotional low point.",
        )


@rule(
    "JA707",
    "no-pain-points",
    C.actionability,
    S.major,
    "A map without pain points has nothing to fix.",
    bad="No pain points lane",
    good="Pain points from tickets, reviews and interviews",
    guide="pain-points-and-improvements.md",
)
def no_pain_points(ctx: Context) -> Iterator[Hit]:
    if len(ctx.stages) >= 3 and not any(s.pain_points for s in ctx.stages):
        yield Hit(
            "The map names no pain points.",
            "Add what goes wrong at each stage, from support logs, reviews and interviews.",
        )


# --- persona -----------------------------------------------------------------------------------


@rule(
    "JA801",
    "no-persona",
    C.persona,
    S.major,
    "A journey is always someone's; without a persona it averages everyone.",
    bad="No persona",
    good="One persona with goals and frustrations",
    guide="personas.md",
)
def no_persona(ctx: Context) -> Iterator[Hit]:
    if not ctx.journey.personas and not ctx.journey.persona_names():
        archetypes = [p.name for p in ctx.industry.personas] if ctx.industry else []
        extra = f" (e.g. {_examples(archetypes, 2)})" if archetypes else ""
        yield Hit(
            "The map names no persona.",
            f"Say whose journey this is{extra}, with goals and frustrations.",
        )


@rule(
    "JA802",
    "persona-without-goals-or-frustrations",
    C.persona,
    S.major,
    "A persona without goals and frustrations cannot explain behaviour.",
    bad="Persona 'Anna, 34'",
    good="Anna: goal 'book a quiet room', frustration 'hidden fees'",
    guide="personas.md",
)
def persona_without_goals(ctx: Context) -> Iterator[Hit]:
    for persona in ctx.journey.personas:
        missing = [k for k in ("goals", "frustrations") if not getattr(persona, k)]
        if missing:
            yield Hit(
                f"Persona '{persona.name}' has no {' or '.join(missing)}.",
                f"Add {' and '.join(missing)} for '{persona.name}', from research.",
            )


@rule(
    "JA803",
    "demographic-persona",
    C.persona,
    S.major,
    "A persona defined by demographics alone invites stereotypes and explains nothing.",
    bad="'Women 25–34, urban'",
    good="Goals, behaviours and frustrations first; demographics as context",
    guide="personas.md",
)
def demographic_persona(ctx: Context) -> Iterator[Hit]:
    for persona in ctx.journey.personas:
        if persona.demographics and not (persona.goals or persona.behaviours or persona.needs):
            yield Hit(
                f"Persona '{persona.name}' is described by demographics only.",
                "Describe goals, needs and behaviours; keep demographics as context.",
            )


@rule(
    "JA804",
    "emotion-for-unknown-persona",
    C.persona,
    S.minor,
    "Per-persona emotions must belong to a persona on the map.",
    bad="Emotion for 'Ben' with no persona 'Ben'",
    good="Persona 'Ben' listed on the map",
    guide="personas.md",
)
def emotion_for_unknown_persona(ctx: Context) -> Iterator[Hit]:
    if not ctx.journey.personas:
        return
    names = {p.name for p in ctx.journey.personas}
    for stage in ctx.stages:
        for emo in stage.persona_emotions:
            if emo.persona and emo.persona not in names:
                yield Hit(
                    f"'{stage.name}' has an emotion for '{emo.persona}', who is not one "
                    "of the map's personas.",
                    f"Add persona '{emo.persona}' or fix the name.",
                    stage=stage.name,
                )


# --- type-specific -----------------------------------------------------------------------------

_EMAIL_MESSAGES = {
    "welcome": ("welcome", "Send a welcome series after sign-up"),
    "abandonment": ("abandon|cart|basket|browse", "Send cart and browse abandonment reminders"),
    "post-purchase": (
        "post purchase|post-purchase|confirmation|shipping|delivery|receipt|review request|thank",
        "Send order confirmation, delivery and review request emails",
    ),
    "win-back": (
        "win back|win-back|winback|re-engage|reengage|reactivat|lapsed|miss you|sunset",
        "Send a win-back sequence to lapsed customers",
    ),
}


@rule(
    "JA901",
    "email-journey-missing-message",
    C.type_specific,
    S.major,
    "An email journey needs the lifecycle messages that carry most email revenue.",
    bad="Newsletter only",
    good="Welcome, abandonment, post-purchase and win-back messages",
    guide="email-journeys.md",
)
def email_missing_message(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.email:
        return
    text = " ".join(
        [s.name for s in ctx.stages] + [t.name for s in ctx.stages for t in s.touchpoints]
    ).lower()
    for kind, (pattern, suggestion) in _EMAIL_MESSAGES.items():
        if not re.search(pattern, text):
            yield Hit(f"The email journey has no {kind} message.", suggestion + ".")


@rule(
    "JA902",
    "customer-success-without-health-kpi",
    C.type_specific,
    S.major,
    "Customer success is managed by adoption, health and renewal numbers.",
    bad="No adoption or renewal KPI",
    good="Activation rate, product adoption, net revenue retention",
    guide="kpis-by-stage.md",
)
def cs_without_health_kpi(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.customer_success:
        return
    names = " ".join(k.name.lower() for s in ctx.stages for k in s.kpis)
    if not re.search(
        r"adoption|activation|health|retention|renewal|churn|nrr|expansion|usage", names
    ):
        yield Hit(
            "The customer success map has no adoption, health or renewal KPI.",
            "Track activation, product adoption, health score and renewal rate.",
        )


@rule(
    "JA903",
    "blueprint-without-backstage",
    C.type_specific,
    S.critical,
    "A service blueprint without backstage lanes is just a journey map.",
    bad="Customer actions and touchpoints only",
    good="Backstage actions and support processes under every stage",
    guide="service-blueprints.md",
    effort=Level.medium,
)
def blueprint_without_backstage(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.service_blueprint:
        return
    if not any(s.backstage_actions for s in ctx.stages):
        yield Hit(
            "The process map has no backstage actions.",
            "Add what staff do out of the customer's sight at each stage.",
        )
    if not any(s.support_processes for s in ctx.stages):
        yield Hit(
            "The process map has no support processes.",
            "Add the systems and processes behind each stage (booking system, CRM...).",
            severity=S.major,
        )


@rule(
    "JA904",
    "b2b-single-persona",
    C.type_specific,
    S.major,
    "B2B purchases are made by a buying committee, not one person.",
    bad="One persona 'IT manager'",
    good="Champion, economic buyer, technical evaluator",
    guide="b2b-journeys.md",
)
def b2b_single_persona(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type == MapType.b2b and len(ctx.journey.persona_names()) < 2:
        yield Hit(
            "The B2B journey has fewer than two buying roles.",
            "Add the buying committee: champion, economic buyer, technical evaluator, procurement.",
        )


@rule(
    "JA905",
    "conversion-without-funnel-kpi",
    C.type_specific,
    S.major,
    "A conversion journey is judged by step-to-step conversion and drop-off.",
    bad="No conversion KPI",
    good="Conversion rate per step, cart abandonment rate",
    guide="kpis-by-stage.md",
)
def conversion_without_kpi(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.conversion:
        return
    names = " ".join(k.name.lower() for s in ctx.stages for k in s.kpis)
    if not re.search(r"conversion|abandon|drop|ctr|click", names):
        yield Hit(
            "The conversion journey has no conversion or drop-off KPI.",
            "Measure conversion between steps and where people abandon.",
        )


@rule(
    "JA906",
    "retention-without-churn-kpi",
    C.type_specific,
    S.major,
    "A retention journey is judged by who stays and who leaves.",
    bad="No churn or retention KPI",
    good="Churn rate, repeat purchase rate, renewal rate",
    guide="kpis-by-stage.md",
)
def retention_without_kpi(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type != MapType.retention:
        return
    names = " ".join(k.name.lower() for s in ctx.stages for k in s.kpis)
    if not re.search(
        r"churn|retention|repeat|renewal|lifetime|clv|ltv|cancel|attrition|lapse|reactivat|"
        r"win[- ]?back|save rate",
        names,
    ):
        yield Hit(
            "The retention journey has no churn or retention KPI.",
            "Track churn rate, retention rate and repeat purchase rate by stage.",
        )


@rule(
    "JA907",
    "product-map-without-in-product-touchpoints",
    C.type_specific,
    S.major,
    "A product experience map must show the product itself.",
    bad="Only email and website touchpoints",
    good="Onboarding checklist, empty states, in-app messages",
    guide="map-types.md",
)
def product_without_in_product(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type == MapType.product_experience and not (
        ctx.channels & {Channel.in_product, Channel.mobile_app}
    ):
        yield Hit(
            "The product experience map has no in-product touchpoints.",
            "Add screens, onboarding steps and in-app messages as touchpoints.",
        )


@rule(
    "JA908",
    "user-journey-without-task-goal",
    C.type_specific,
    S.minor,
    "A user journey follows one task; it needs the user's goal stated.",
    bad="No goals",
    good="'Goal: renew my parking permit in under 5 minutes'",
    guide="map-types.md",
)
def user_journey_without_goal(ctx: Context) -> Iterator[Hit]:
    if (
        ctx.map_type == MapType.user_journey
        and not any(s.customer_goal for s in ctx.stages)
        and not ctx.journey.context.objective
    ):
        yield Hit(
            "The user journey does not state the task the user wants to complete.",
            "Add the user's goal to the map's objective or to each stage.",
        )
