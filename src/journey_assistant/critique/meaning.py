"""Rules about what a map *says*, not its shape: vague or unmeasurable content, the company's
view instead of the customer's, ideas that miss their pain, repeated content, a lone persona for
a buying group, terms from another business or region, a goal nobody measures.

Ids JA10xx. Each reads the map through :mod:`journey_assistant.understanding.content`, so the
drafting checks and the evaluation scorers judge content the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Category, Level, MapType, Opportunity, PainPoint, Severity, Stage
from ..understanding import content
from .context import Context
from .registry import Hit, rule
from .rules import _short

C, S = Category, Severity


def linked_pain(ctx: Context, stage: Stage, opp: Opportunity) -> PainPoint | None:
    """The pain an idea says it addresses (in its stage first, then anywhere on the map)."""
    if not opp.addresses:
        return None
    here = next((p for p in stage.pain_points if p.id == opp.addresses), None)
    return here or ctx.journey.pain_point(opp.addresses)


def misses_its_pain(ctx: Context, stage: Stage, opp: Opportunity) -> PainPoint | None:
    """The pain an idea is linked to when it answers neither that pain nor any other pain of
    its stage (a grid that lists a stage's pains and ideas in different orders is read by
    meaning, not position)."""
    pain = linked_pain(ctx, stage, opp)
    if pain is None or content.is_vague(opp.description) or content.is_vague(pain.description):
        return None  # vague items have their own rules
    if content.answers(pain.description, opp.description):
        return None
    if any(content.answers(p.description, opp.description) for p in stage.pain_points):
        return None
    return pain


@rule(
    "JA1001",
    "vague-pain-point",
    C.specificity,
    S.major,
    "'The process is bad' names no moment, step or cause, so nobody can fix it.",
    bad="'Too slow'",
    good="'Saturday collections run 20-40 minutes late because decorating starts at 8am'",
    guide="pain-points-and-improvements.md",
    cap=4,
)
def vague_pain(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for pain in stage.pain_points:
            if content.is_vague(pain.description):
                yield Hit(
                    f"Pain point '{pain.description}' does not say what goes wrong.",
                    f"Say what happens in '{stage.name}', to whom, how often and why "
                    "(quote a complaint, a ticket or a number).",
                    stage=stage.name,
                )


@rule(
    "JA1002",
    "unmeasurable-kpi",
    C.measurement,
    S.major,
    "'Awareness' or 'Satisfaction' has no metric, unit or direction, so it cannot show change.",
    bad="KPI 'Satisfaction'",
    good="KPI 'Missed-bin reports per 1,000 collections (4 now; target 2)'",
    guide="kpis-by-stage.md",
    cap=4,
)
def unmeasurable_kpi(ctx: Context) -> Iterator[Hit]:
    from .rules import phase_kpis

    for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
        for kpi in stage.kpis:
            if not content.is_measurable(kpi.name, kpi.target, kpi.current):
                known = [k for k in (phase_kpis(ctx, phase) if phase else []) if k != kpi.name]
                example = f", e.g. '{known[0]}'" if known else ""
                yield Hit(
                    f"KPI '{kpi.name}' on '{stage.name}' cannot be measured as written.",
                    f"Name the count, rate or time behind '{kpi.name}'{example}, with today's "
                    "value and a target.",
                    stage=stage.name,
                )


@rule(
    "JA1003",
    "company-centric-content",
    C.fit,
    S.major,
    "A journey map shows the customer's experience; funnel stages and sales steps hide it.",
    bad="Pain 'Low MQL volume'; action 'SDR calls the lead and scores it on BANT'",
    good="Pain 'I can't tell which desks are free on Fridays'; action 'Books a day pass'",
    guide="common-mistakes.md",
    cap=4,
)
def company_centric(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for pain in stage.pain_points:
            if content.is_company_centric(pain.description):
                yield Hit(
                    f"Pain point '{_short(pain.description)}' is the company's problem, "
                    "not the customer's.",
                    f"Say what the customer meets in '{stage.name}' that causes it.",
                    stage=stage.name,
                )
        for action in stage.actions:
            if content.is_company_centric(action, action=True):
                yield Hit(
                    f"Action '{_short(action)}' is something the company does.",
                    f"Write what the customer does in '{stage.name}'; move staff steps to "
                    "a backstage lane.",
                    stage=stage.name,
                )


@rule(
    "JA1004",
    "opportunity-misses-its-pain",
    C.actionability,
    S.major,
    "An idea that does not touch the pain it is paired with leaves the pain where it was.",
    bad="'Nobody says whether the kitchen handles nuts' -> 'Run a paid Instagram campaign'",
    good="'Nobody says whether the kitchen handles nuts' -> 'State the nut policy on every cake'",
    guide="pain-points-and-improvements.md",
    effort=Level.medium,
    cap=4,
)
def opportunity_misses_pain(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        for opp in stage.opportunities:
            pain = misses_its_pain(ctx, stage, opp)
            if pain is not None:
                yield Hit(
                    f"Idea '{_short(opp.description, 50)}' does not address its pain "
                    f"'{_short(pain.description, 50)}'.",
                    f"Pair '{_short(pain.description, 50)}' with a change that removes its "
                    "cause, and move the idea to the pain it does fix.",
                    stage=stage.name,
                )


@rule(
    "JA1005",
    "duplicate-content",
    C.specificity,
    S.major,
    "The same pain or idea pasted into several stages hides what is different about each.",
    bad="'Lesson times clash with college' in six stages",
    good="One pain per stage that says what goes wrong there",
    guide="common-mistakes.md",
    cap=4,
)
def duplicate_content(ctx: Context) -> Iterator[Hit]:
    for kind, items in (
        ("pain point", [(s.name, p.description) for s in ctx.stages for p in s.pain_points]),
        ("idea", [(s.name, o.description) for s in ctx.stages for o in s.opportunities]),
    ):
        reported: set[int] = set()
        later = content.repeats(items)
        for i, (stage, text) in enumerate(items):
            if i in reported or content.is_vague(text):
                continue
            same = later[i]
            if same:
                reported.update(same)
                where = sorted({stage, *(items[j][0] for j in same)})
                yield Hit(
                    f"The {kind} '{_short(text, 50)}' is repeated in {len(where)} stages "
                    f"({', '.join(where[:4])}).",
                    "Keep it in the stage where it happens; say what is different elsewhere.",
                    stage=stage,
                )


_BUYING_GROUP = re.compile(
    r"\b(tenders?|tendering|procurement|procure|framework (?:agreement|contractor)s?"
    r"|specification|specif(?:y|ies|ying)|consultants?|committee|sign[- ]off|approvals?"
    r"|finance (?:director|manager|team)|cfo|decision[- ]makers?|stakeholders|buying group"
    r"|purchase orders?|board approval|it security|legal review|managing director)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def buying_group_signals(text: str) -> tuple[str, ...]:
    """The words that say several people decide the purchase (tender, procurement, finance
    sign-off...)."""
    return tuple(sorted({m.group(0).lower() for m in _BUYING_GROUP.finditer(text)}))


@rule(
    "JA1006",
    "single-persona-for-a-buying-group",
    C.persona,
    S.major,
    "When several people decide (a tender, procurement, finance sign-off), one persona hides "
    "the people who choose.",
    bad="A tender-driven purchase seen through one maintenance engineer",
    good="Engineer, procurement officer and consulting engineer, each with goals and pains",
    guide="b2b-journeys.md",
)
def single_persona_buying_group(ctx: Context) -> Iterator[Hit]:
    if ctx.map_type == MapType.b2b or len(ctx.journey.persona_names()) > 1:
        return  # a B2B map's buying roles are JA904's
    signals = buying_group_signals(ctx.text)
    if len(signals) >= 2:
        yield Hit(
            f"Several people decide this purchase ({', '.join(signals[:4])}), but the map has "
            f"{'one persona' if ctx.journey.persona_names() else 'no persona'}.",
            "Add a persona for each role that decides: who specifies, who buys, who approves, "
            "who uses it.",
        )


@rule(
    "JA1007",
    "foreign-content",
    C.fit,
    S.major,
    "A term from another business, region or size of firm tells the reader the map was not "
    "made for them.",
    bad="'Prior authorization' on a UK vet's map",
    good="'Pet insurer's claim form' on a UK vet's map",
    guide="common-mistakes.md",
    cap=4,
)
def foreign_content(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.stages:
        parts = [stage.name, *stage.actions, *(t.name for t in stage.touchpoints)]
        parts += [p.description for p in stage.pain_points]
        parts += [o.description for o in stage.opportunities] + [k.name for k in stage.kpis]
        for term in dict.fromkeys(ctx.foreign(" \n ".join(parts))):
            yield Hit(
                f"'{term}' in '{stage.name}' does not belong to this business or region.",
                f"Replace '{term}' with what this business's customers really meet.",
                stage=stage.name,
            )


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?\s*%|£\s?\d[\d,.]*|\$\s?\d[\d,.]*|\b\d{2,}(?:[.,]\d+)?\b")


def goal_numbers(text: str) -> set[str]:
    """The figures of a goal ('from 41% to 55%' -> {'41%', '55%'})."""
    return {re.sub(r"\s", "", m.group(0)) for m in _NUMBER.finditer(text)}


def measured_goal(ctx: Context) -> bool | None:
    """Whether some KPI measures the map's stated goal; ``None`` when the map states none with
    a figure."""
    goal = ctx.journey.context.objective or ""
    figures = goal_numbers(goal)
    if not figures:
        return None
    for stage in ctx.stages:
        for kpi in stage.kpis:
            said = " ".join([kpi.name, kpi.target or "", kpi.current or ""])
            if figures & goal_numbers(said):
                return True
    return False


@rule(
    "JA1008",
    "goal-without-kpi",
    C.measurement,
    S.major,
    "A goal no KPI measures cannot be tracked, however good the stages are.",
    bad="Objective 'week-8 active subscribers from 41% to 55%', no KPI with those figures",
    good="KPI 'Subscribers active in week 8 (41% now; target 55%)' on the retention stage",
    guide="kpis-by-stage.md",
)
def goal_without_kpi(ctx: Context) -> Iterator[Hit]:
    if measured_goal(ctx) is False:
        goal = ctx.journey.context.objective or ""
        yield Hit(
            f"No KPI measures the stated goal '{_short(goal, 70)}'.",
            "Add the goal's metric, with its baseline and target, to the stage where it "
            "is won or lost.",
        )


@rule(
    "JA1009",
    "generic-touchpoints",
    C.specificity,
    S.minor,
    "'Website' or 'Phone' says where, not what: which page, message or call the customer meets.",
    bad="'Website; Phone' at every stage",
    good="'Lesson booking page; Instructor's WhatsApp; DVSA test booking site'",
    guide="touchpoints-and-channels.md",
)
def generic_touchpoints(ctx: Context) -> Iterator[Hit]:
    names = [t.name for s in ctx.stages for t in s.touchpoints]
    generic = [n for n in names if content.is_generic_touchpoint(n)]
    if len(names) >= 4 and len(generic) / len(names) >= 0.4:
        shown = ", ".join(sorted(set(generic))[:4])
        yield Hit(
            f"{len(generic)} of {len(names)} touchpoints are named only by their channel "
            f"({shown}).",
            "Name the page, message, document or conversation (e.g. 'Prices page', "
            "'Booking confirmation email').",
        )
