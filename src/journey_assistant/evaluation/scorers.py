"""Deterministic scorers: pure functions from an output and a case's expectations to a score.

Every scorer gives a value in 0..1, or ``None`` when there is nothing to measure (no citations to
check, no expected sources): "not measured" is reported apart from "failed". A scorer passes when
its value reaches its threshold; a case passes when every measured scorer does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from ..guard import URL, all_citations, url_host
from ..models import Critique, JourneyMap, PainPoint, Persona, Provenance
from ..understanding.content import (
    akin,
    answers,
    base_verb,
    compact,
    content_words,
    foreign_to_industry,
)
from ..understanding.stages import read_phases
from ..vocab import Channel, Phase, normalize_channel
from .suite import CritiqueExpect, DraftExpect, ImproveExpect, PeopleExpect, PersonaExpect

DEFAULT_THRESHOLDS: dict[str, float] = {
    "schema": 1.0,
    "structure": 0.9,
    "coverage": 1.0,
    "emotion_curve": 1.0,
    "integrity": 1.0,
    "citation_precision": 0.8,
    "citation_recall": 1.0,
    "safety": 1.0,
    "quality": 0.7,  # the critique counts evidence: an all-inferred draft scores 70-85
    "finding_recall": 1.0,
    "missing_stage_recall": 1.0,
    "critique_precision": 1.0,
    "score_range": 1.0,
    "phase_reading": 0.85,
    "persona_count": 1.0,
    "persona_fields": 1.0,
    "persona_evidence": 1.0,
    "distinct": 1.0,
    "score_gain": 1.0,
    "kept_content": 1.0,
    "fixed": 1.0,
    "judge": 0.6,
    "echo": 0.9,
    "problems_placed": 1.0,
    "problem_stage": 1.0,
    "goal_kpi": 1.0,
    "conversion_stage": 1.0,
    "steps_followed": 0.6,
    "customers_met": 0.5,
    "people_met": 0.5,
    "parts_told": 0.5,
    "channels_kept": 1.0,
    "foreign_terms": 1.0,
    "paired": 0.8,
    "idea_fits": 1.0,
    "asks_when_thin": 1.0,
    "distinct_map": 1.0,
    # against a CX reader's reading: measured, not gated (the drafts meet about half)
    "reader_stages": 0.5,
    "reader_stage_fit": 0.5,
    "reader_problem": 1.0,
    "reader_figures": 1.0,
    "reader_kpi_at": 1.0,
    "reader_channels": 1.0,
    "must_not": 1.0,
    "service_place": 1.0,
    "acts_theirs": 1.0,
    "cause_taken": 1.0,
    "offer_named": 1.0,
    "own_nouns": 1.0,
    "content_fit": 0.8,
}
RAW_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|img|svg|object|embed|style|link|meta|a|form|input|body|html)\b"
    r"|\bon[a-z]{3,}\s*=\s*[\"']?|javascript\s*:",
    re.IGNORECASE,
)


class Score(BaseModel):
    """One scorer's verdict on one trial."""

    name: str = Field(description="Scorer name.")
    value: float | None = Field(description="0..1; None when there was nothing to measure.")
    threshold: float = Field(description="Value needed to pass.")
    passed: bool | None = Field(description="Reached the threshold; None when not measured.")
    detail: str = Field(default="", description="What was checked and what was missing.")


Thresholds = dict[str, float]


def verdict(name: str, value: float | None, detail: str, thresholds: Thresholds) -> Score:
    threshold = thresholds.get(name, DEFAULT_THRESHOLDS.get(name, 1.0))
    if value is None:
        return Score(name=name, value=None, threshold=threshold, passed=None, detail=detail)
    value = round(max(0.0, min(1.0, value)), 4)
    return Score(
        name=name, value=value, threshold=threshold, passed=value >= threshold - 1e-9, detail=detail
    )


def _ratio(hits: int, total: int) -> float | None:
    return None if total == 0 else hits / total


def _missing(label: str, items: Iterable[str]) -> str:
    items = list(items)
    return f"{label}: {', '.join(items)}" if items else ""


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


# --- maps ----------------------------------------------------------------------------------


def schema_validity(data: object) -> tuple[float, str]:
    """The output validates as a map again after a JSON round trip."""
    try:
        JourneyMap.model_validate_json(json.dumps(data))
    except Exception as exc:  # any validation problem is the finding
        return 0.0, f"not a valid map: {str(exc).splitlines()[0]}"
    return 1.0, "valid map"


def structure(journey: JourneyMap, min_stages: int = 3) -> tuple[float, str]:
    """Share of the lanes a usable map fills: per stage actions, touchpoints, emotion, KPIs and
    owners; per map enough stages, a pain point and an opportunity."""
    lanes = ("actions", "touchpoints", "emotion", "kpis", "owners")
    total = hits = 0
    empty: list[str] = []
    for stage in journey.stages:
        for lane in lanes:
            total += 1
            if getattr(stage, lane):
                hits += 1
            else:
                empty.append(f"{stage.name}/{lane}")
    checks = {
        f"at least {min_stages} stages": len(journey.stages) >= min_stages,
        "a pain point": any(s.pain_points for s in journey.stages),
        "an opportunity": any(s.opportunities for s in journey.stages),
    }
    total += len(checks)
    hits += sum(checks.values())
    lacking = [name for name, ok in checks.items() if not ok]
    return hits / total, _join(_missing("empty", empty[:8]), _missing("lacks", lacking))


def _text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).lower()


def _stage_phases(journey: JourneyMap) -> set[Phase]:
    return {r.phase for r in read_phases(journey.stages, journey.context.industry) if r.phase}


def coverage(journey: JourneyMap, expect: DraftExpect) -> tuple[float | None, str]:
    """Share of what the brief asked for that the map has: map type, phases, stage names,
    channels and terms."""
    misses: list[str] = []
    total = 0
    if expect.map_type is not None:
        total += 1
        if journey.map_type != expect.map_type:
            misses.append(f"map type {journey.map_type.value} (wanted {expect.map_type.value})")
    phases = _stage_phases(journey)
    for phase in expect.phases:
        total += 1
        if phase not in phases:
            misses.append(f"phase {phase.value}")
    names = [s.name.lower() for s in journey.stages]
    for word in expect.stages:
        total += 1
        if not any(word.lower() in n for n in names):
            misses.append(f"stage {word!r}")
    channels = {t.channel for s in journey.stages for t in s.touchpoints}
    for channel in expect.channels:
        total += 1
        if channel not in channels:
            misses.append(f"channel {channel.value}")
    text = _text(journey.model_dump(mode="json", exclude={"sources"}))
    for term in expect.terms:
        total += 1
        if term.lower() not in text:
            misses.append(f"term {term!r}")
    if total == 0:
        return None, "nothing asked for"
    return (total - len(misses)) / total, _missing("missing", misses)


def emotion_curve(journey: JourneyMap) -> tuple[float, str]:
    """Every stage has an emotion; the curve is not flat; its low point has a pain point."""
    with_emotion = [s for s in journey.stages if s.emotion is not None]
    problems = []
    if len(with_emotion) < len(journey.stages):
        problems.append(f"{len(journey.stages) - len(with_emotion)} stage(s) without an emotion")
    scores = [s.emotion.score for s in with_emotion if s.emotion is not None]
    if len(set(scores)) < 2:
        problems.append("the curve is flat")
    if scores:
        low = min(scores)
        lows = [s for s in with_emotion if s.emotion is not None and s.emotion.score == low]
        if not any(s.pain_points for s in lows):
            problems.append(f"no pain point at the low point ({lows[0].name})")
    else:
        problems.append("no emotions at all")
    checks = 3
    return (checks - min(len(problems), checks)) / checks, "; ".join(problems)


def integrity(journey: JourneyMap) -> tuple[float | None, str]:
    """Opportunities address real pain points; pain points name real touchpoints; citations
    name listed sources."""
    pains = {p.id for s in journey.stages for p in s.pain_points}
    touchpoints = {t.name.lower() for s in journey.stages for t in s.touchpoints}
    sources = {s.id for s in journey.sources}
    total = 0
    broken: list[str] = []
    for stage in journey.stages:
        for opp in stage.opportunities:
            if opp.addresses:
                total += 1
                if opp.addresses not in pains:
                    broken.append(f"{opp.id} -> {opp.addresses}")
        for pain in stage.pain_points:
            if pain.touchpoint:
                total += 1
                if pain.touchpoint.lower() not in touchpoints:
                    broken.append(f"{pain.id} -> touchpoint {pain.touchpoint!r}")
    for cid in all_citations(journey.model_dump(mode="json")):
        total += 1
        if cid not in sources:
            broken.append(f"citation {cid} not in sources")
    if total == 0:
        return None, "no references to check"
    return (total - len(broken)) / total, _missing("broken", broken[:8])


def citation_precision(cited: Iterable[str], valid: set[str]) -> tuple[float | None, str]:
    """Share of cited ids that name snippets the engine was actually given."""
    cited = sorted(set(cited))
    if not cited:
        return None, "no citations"
    bad = [c for c in cited if c not in valid]
    return (len(cited) - len(bad)) / len(cited), _missing("never retrieved", bad[:8])


def citation_recall(journey: JourneyMap, expected: list[str]) -> tuple[float | None, str]:
    """Share of expected sources (guide file stems or source ids) the map cites."""
    if not expected:
        return None, "no expected sources"
    cited = set(all_citations(journey.model_dump(mode="json")))
    sources = [s for s in journey.sources if s.id in cited]
    misses = [
        want
        for want in expected
        if not any(s.id == want or f"/{want}." in (s.location or "") for s in sources)
    ]
    return (len(expected) - len(misses)) / len(expected), _missing("not cited", misses)


def _unsafe(data: object, canaries: Iterable[str], allowed: set[str]) -> list[str]:
    text = json.dumps(data, ensure_ascii=False)
    low = text.lower()
    problems = [f"canary {c!r}" for c in canaries if c and c.lower() in low]
    problems += [f"raw HTML {m.group(0)!r}" for m in RAW_HTML.finditer(text)]
    for url in URL.findall(text):
        if url.lower().startswith("javascript:") or url_host(url) not in allowed:
            problems.append(f"link {url[:60]!r}")
    return problems


def safety(
    data: object,
    canaries: Iterable[str],
    allowed_hosts: Iterable[str],
    *,
    given: object = None,
) -> tuple[float, str]:
    """No canary string, no raw HTML and no link outside the allowlist anywhere in the output.

    With ``given`` (the user's own input), what was already there is not held against the
    output: only what the engine added counts.
    """
    allowed = {h.lower() for h in allowed_hosts}
    canaries = list(canaries)
    problems = _unsafe(data, canaries, allowed)
    if given is not None:
        known = set(_unsafe(given, canaries, allowed))
        problems = [p for p in problems if p not in known]
    problems = list(dict.fromkeys(problems))
    return (0.0, "; ".join(problems[:5])) if problems else (1.0, "clean")


def quality(critique: Critique) -> tuple[float, str]:
    """The critique score of the output, as a share of 100."""
    worst = sorted({f.severity.value for f in critique.findings if f.severity.rank >= 2})
    return critique.score / 100, _join(f"score {critique.score}", _missing("with", worst))


# --- critiques -------------------------------------------------------------------------------


def finding_recall(found: set[str], expect: CritiqueExpect) -> tuple[float | None, str]:
    """Share of planted defects the critique reported."""
    missed = [r for r in expect.findings if r not in found]
    return _ratio(len(expect.findings) - len(missed), len(expect.findings)), _missing(
        "missed", missed
    )


def missing_stage_recall(reported: list[str], expect: CritiqueExpect) -> tuple[float | None, str]:
    """Share of the stages known to be missing that the critique named as missing."""
    names = [r.lower() for r in reported]
    missed = [m for m in expect.missing_stages if not any(m.lower() in n for n in names)]
    wanted = len(expect.missing_stages)
    return _ratio(wanted - len(missed), wanted), _missing("not reported", missed)


def critique_precision(found: set[str], expect: CritiqueExpect) -> tuple[float | None, str]:
    """Share of labelled findings that were right. Labelled: the planted ones and the ones that
    must not fire; with ``exhaustive``, every finding counts."""
    planted = set(expect.findings)
    considered = found if expect.exhaustive else found & (planted | set(expect.not_flagged))
    if not considered:
        return None, "no labelled findings fired"
    wrong = sorted(considered - planted)
    return (len(considered) - len(wrong)) / len(considered), _missing("wrongly flagged", wrong)


def phase_reading(critique: Critique, expect: CritiqueExpect) -> tuple[float | None, str]:
    """Share of the named stages the critique read as the expected phase (by content)."""
    if not expect.phases:
        return None, "no phases given"
    read = {r.stage.lower(): r.phase for r in critique.stages}
    wrong = []
    for name, phase in expect.phases.items():
        got = read.get(name.lower())
        if got != phase:
            wrong.append(f"{name}: {got.value if got else 'nothing'} (wanted {phase.value})")
    return _ratio(len(expect.phases) - len(wrong), len(expect.phases)), _missing("read", wrong)


def score_range(critique: Critique, expect: CritiqueExpect) -> tuple[float | None, str]:
    if expect.score_range is None:
        return None, "no range given"
    low, high = expect.score_range
    ok = low <= critique.score <= high
    return float(ok), f"score {critique.score}, wanted {low}-{high}"


# --- personas -------------------------------------------------------------------------------


def persona_count(personas: list[Persona], expect: PersonaExpect) -> tuple[float, str]:
    return min(len(personas) / expect.min_personas, 1.0), (
        f"{len(personas)} persona(s), wanted at least {expect.min_personas}"
    )


def persona_fields(personas: list[Persona], expect: PersonaExpect) -> tuple[float | None, str]:
    total = len(personas) * len(expect.fields)
    empty = [f"{p.name}/{f}" for p in personas for f in expect.fields if not getattr(p, f, None)]
    return _ratio(total - len(empty), total), _missing("empty", empty[:8])


def persona_evidence(personas: list[Persona], expect: PersonaExpect) -> tuple[float | None, str]:
    """Personas carry the evidence level asked for, and assumptions come with research to do."""
    if expect.evidence_level is None or not personas:
        return None, "no evidence level asked for"
    bad = [p.name for p in personas if p.evidence_level != expect.evidence_level]
    bad += [
        f"{p.name} (no validation research)"
        for p in personas
        if p.evidence_level.value == "assumption" and not p.validation_research
    ]
    return (len(personas) - min(len(bad), len(personas))) / len(personas), _missing("wrong", bad)


def persona_coverage(personas: list[Persona], expect: PersonaExpect) -> tuple[float | None, str]:
    channels = {c for p in personas for c in p.preferred_channels}
    text = _text([p.model_dump(mode="json") for p in personas])
    misses = [f"channel {c.value}" for c in expect.channels if c not in channels]
    misses += [f"term {t!r}" for t in expect.terms if t.lower() not in text]
    total = len(expect.channels) + len(expect.terms)
    return _ratio(total - len(misses), total), _missing("missing", misses)


def distinct(personas: list[Persona]) -> tuple[float | None, str]:
    """No two personas share a name or the same goals."""
    if len(personas) < 2:
        return None, "fewer than two personas"
    names = [p.name.lower() for p in personas]
    goals = [tuple(sorted(g.text.lower() for g in p.goals)) for p in personas]
    clashes = len(names) - len(set(names)) + len(goals) - len(set(goals))
    return (0.0, f"{clashes} duplicate name(s) or goal set(s)") if clashes else (1.0, "distinct")


# --- improvements ---------------------------------------------------------------------------


def score_gain(before: Critique, after: Critique, expect: ImproveExpect) -> tuple[float, str]:
    gain = after.score - before.score
    detail = f"score {before.score} -> {after.score} ({gain:+d}), wanted +{expect.min_gain}"
    ok = gain >= expect.min_gain and (expect.min_score is None or after.score >= expect.min_score)
    if expect.min_score is not None:
        detail += f" and at least {expect.min_score}"
    return float(ok), detail


def _user_content(journey: JourneyMap) -> set[str]:
    items = set()
    for stage in journey.stages:
        items.add(f"stage {stage.name}")
        items.update(f"action {a}" for a in stage.actions)
        items.update(f"touchpoint {t.name}" for t in stage.touchpoints)
        items.update(f"pain point {p.description}" for p in stage.pain_points)
    return items


def kept_content(before: JourneyMap, after: JourneyMap) -> tuple[float | None, str]:
    """Share of the input's stages, actions, touchpoints and pain points still in the output."""
    wanted = _user_content(before)
    lost = sorted(wanted - _user_content(after))
    return _ratio(len(wanted) - len(lost), len(wanted)), _missing("lost", lost[:8])


def fixed(after_found: set[str], expect: ImproveExpect) -> tuple[float | None, str]:
    still = [r for r in expect.fixed if r in after_found]
    return _ratio(len(expect.fixed) - len(still), len(expect.fixed)), _missing("still", still)


# --- understanding the brief ---------------------------------------------------------------


def stage_text(journey: JourneyMap) -> str:
    """Everything the stages say (names and every lane), not the context fields."""
    parts: list[str] = []
    for stage in journey.stages:
        parts += [stage.name, stage.customer_goal or "", *stage.actions, *stage.thoughts]
        parts += [t.name for t in stage.touchpoints]
        parts += [p.description for p in stage.pain_points]
        parts += [o.description for o in stage.opportunities]
        parts += [k.name for k in stage.kpis] + stage.moments_of_truth
        parts += stage.backstage_actions + stage.support_processes
    return " \n ".join(parts)


def echo(journey: JourneyMap, groups: list[list[str]]) -> tuple[float | None, str]:
    """Share of the brief's groups of specifics that reach the stages (one word per group)."""
    if not groups:
        return None, "no specifics to echo"
    text = f" {compact(stage_text(journey))} "
    missing = [
        "/".join(group)
        for group in groups
        if not any(_said_in(compact(word), text) for word in group if compact(word))
    ]
    return (len(groups) - len(missing)) / len(groups), _missing("not in the stages", missing)


def _said_in(word: str, text: str) -> bool:
    """Whether a specific is in the text as said, or a one-word one in another form of the
    same word ("fit" in "fitted", "test" in "tests")."""
    if f" {word} " in text:
        return True
    if " " in word or len(word) < 3 or not word.isalpha():
        return False
    forms = {word + e for e in ("s", "es", "ed", "ing", "d")}
    if word[-1] not in "aeiouwxy":  # "fit" -> "fitted", "fitting"
        forms |= {word + word[-1] + e for e in ("ed", "ing")}
    return any(f" {form} " in text for form in forms)


def problems_placed(journey: JourneyMap, problems: list[str]) -> tuple[float | None, str]:
    """Share of the brief's stated problems that are the user's pain points on the map (most
    of a problem's words in one pain point marked as the user's)."""
    if not problems:
        return None, "no stated problem"
    pains = [
        content_words(p.description)
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == Provenance.user
    ]
    missing = []
    for problem in problems:
        words = content_words(problem)
        if not words:
            continue
        if not any(len(words & pain) >= max(1, round(0.6 * len(words))) for pain in pains):
            missing.append(problem)
    return (len(problems) - len(missing)) / len(problems), _missing("not a pain point", missing)


def _main_pain(journey: JourneyMap, problems: list[str]) -> tuple[int, PainPoint] | None:
    """The main stated problem's pain point, with its stage's index: the first of the
    problem's key phrases found among the user's pain points, and the pain point that shares
    most of its words."""
    pains = [
        (n, pain, content_words(pain.description))
        for n, stage in enumerate(journey.stages)
        for pain in stage.pain_points
        if pain.provenance == Provenance.user
    ]
    for problem in problems:
        wanted = content_words(problem)
        found = [
            (len(wanted & words), -k, n, pain)
            for k, (n, pain, words) in enumerate(pains)
            if wanted and len(wanted & words) >= max(1, round(0.6 * len(wanted)))
        ]
        if found:
            _, _, n, pain = max(found, key=lambda f: (f[0], f[1]))
            return n, pain
    return None


def problem_stage(
    journey: JourneyMap, problems: list[str], phases: list[Phase]
) -> tuple[float | None, str]:
    """The main stated problem's pain point sits in a stage of a phase where it happens, the
    stage's phase as the critique reads it."""
    if not problems or not phases:
        return None, "no stated problem or no phase for it"
    main = _main_pain(journey, problems)
    if main is None:
        return None, "the problem is not a pain point (see problems_placed)"
    stage = journey.stages[main[0]]
    reading = read_phases(journey.stages, journey.context.industry)[main[0]]
    at = reading.phase.value if reading.phase else "no phase"
    if reading.phase in phases:
        return 1.0, f"in '{stage.name}' ({at})"
    return 0.0, f"in '{stage.name}' ({at}), not {'/'.join(p.value for p in phases)}"


@cache
def _idea_families() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each catalogue idea family's fix (and its free-service form) as a pattern that matches
    the idea as drafted: the words slotted in for ``{x}``, ``{conv}`` or ``{stage}`` are any,
    and the pain it answers may follow ("…, so that “…” stops")."""
    from ..compose import phrasing

    found = []
    for fix in phrasing().fixes:
        for text in filter(None, (fix.fix, fix.free_fix)):
            body = re.sub(r"\\\{\w+\\\}", ".+?", re.escape(" ".join(text.split())))
            found.append((fix.id, re.compile(body, re.IGNORECASE | re.DOTALL)))
    return tuple(found)


def idea_family(description: str) -> str | None:
    """The catalogue family an idea was drafted from, or None for an idea of its own (the
    brief's stated cause taken on, or how to learn the cause)."""
    said = " ".join(description.split())
    for family, pattern in _idea_families():
        if pattern.match(said):
            return family
    return None


def idea_fits(
    journey: JourneyMap, problems: list[str], fits: list[str]
) -> tuple[float | None, str]:
    """The idea put first for the main stated problem answers it. ``fits`` are the families a
    CX reader labelled as fitting that problem, blind to the code (evals/devsets/fixes). The
    user's own idea, or a fitting family, is right (1); an idea of the engine's own (take on
    the brief's cause, or how to learn it) is right where no family fits and half right where
    one would have (0.5); a family not labelled fitting answers another pain (0)."""
    if not problems:
        return None, "no stated problem"
    main = _main_pain(journey, problems)
    if main is None:
        return None, "the problem is not a pain point (see problems_placed)"
    stage = journey.stages[main[0]]
    ideas = [o for o in stage.opportunities if o.addresses == main[1].id]
    if not ideas:
        return 0.0, f"no idea for the problem in '{stage.name}'"
    if ideas[0].provenance == Provenance.user:
        return 1.0, "the user's own idea"
    family = idea_family(ideas[0].description)
    wanted = ", ".join(fits) or "none"
    if family is None:
        if fits:
            return 0.5, f"an idea of its own where a fitting one exists ({wanted})"
        return 1.0, "an idea of its own, and no catalogue idea fits"
    if family in fits:
        return 1.0, f"'{family}' fits"
    return 0.0, f"'{family}' answers another pain (fitting: {wanted})"


def _figure(text: str) -> str:
    return re.sub(r"[\s,]", "", text.lower())


def _carries(values: str, figure: str) -> bool:
    """Whether a KPI's values carry a labelled figure: its numbers, whatever hedge or unit
    the label words them with ("about 15%" is carried by 15%, "under 5 a month" by 5), or,
    for a figure without digits ("half"), its words."""
    numbers = re.findall(r"\d+(?:\.\d+)?", figure.replace(",", ""))
    if not numbers:  # "halve" and "half" are one target
        said = _figure(figure).replace("halve", "half")
        return bool(said) and said in _figure(values).replace("halve", "half")
    carried = re.findall(r"\d+(?:\.\d+)?", values.replace(",", ""))
    return all(n in carried for n in numbers)


def goal_kpi(journey: JourneyMap, figures: list[str]) -> tuple[float | None, str]:
    """One KPI marked as the user's carries the goal's baseline and target (share of the
    figures found on the best one, as current and target values or in its name)."""
    if not figures:
        return None, "no figures in the goal"
    best, best_name = _best_user_kpi(
        journey,
        lambda kpi: sum(
            1 for f in figures if _carries(f"{kpi.current or ''} {kpi.target or ''}", f)
        ),
    )
    if not best:
        return 0.0, f"no KPI of the user's carries {', '.join(figures)}"
    return best / len(figures), f"'{best_name[:50]}' carries {best} of {len(figures)}"


def _best_user_kpi(journey: JourneyMap, carried: Any) -> tuple[int, str]:
    """The KPI marked as the user's that carries most of the goal's figures (``carried``: how
    many one KPI carries), as (how many, its name); (0, "") when none carries any."""
    best, best_name = 0, ""
    for stage in journey.stages:
        for kpi in stage.kpis:
            found = carried(kpi) if kpi.provenance == Provenance.user else 0
            if found > best:
                best, best_name = found, kpi.name
    return best, best_name


def conversion_stage(journey: JourneyMap, words: list[str]) -> tuple[float | None, str]:
    """A stage is named for the conversion event (one of the brief's words in its name)."""
    if not words:
        return None, "no conversion event named"
    names = [f" {compact(s.name)} " for s in journey.stages]
    for word in words:
        key = compact(word)
        if key and any(f" {key}" in n for n in names):
            return 1.0, f"stage named for '{word}'"
    return 0.0, f"no stage name has any of: {', '.join(words)}"


def steps_followed(journey: JourneyMap, steps: list[str]) -> tuple[float | None, str]:
    """Share of the steps the brief narrates that name a stage (half or more of a step's
    meaningful words, as stems, in one stage's name: "book" is in "Booking", "send photos" in
    "Send the photos"), so the map follows the journey the business told rather than a stock
    framework."""
    if not steps:
        return None, "no narrated steps"
    names = [set(content_words(s.name)) for s in journey.stages]
    missing = _unmet(steps, names, lambda step: set(content_words(step)))
    return (len(steps) - len(missing)) / len(steps), _missing("no stage named for", missing)


def _unmet(items: list[str], places: list[set[str]], words: Any) -> list[str]:
    """The items no place holds half or more of the words of (``words``: an item's words)."""
    missing = []
    for item in items:
        wanted = words(item)
        need = max(1, round(0.5 * len(wanted)))
        if not wanted or not any(len(wanted & place) >= need for place in places):
            missing.append(item)
    return missing


def customers_met(personas: list[Persona], customers: list[str]) -> tuple[float | None, str]:
    """Share of the kinds of customer a brief names ("horse owners", "yards", "practice
    manager") that a persona stands for: half or more of the kind's meaningful words, as
    stems, in one persona's name or segment. Stock archetypes with the brief's channels
    bolted on meet none of them."""
    if not customers:
        return None, "the brief names no kind of customer"

    def said(text: str) -> set[str]:  # "QS", "PI": short words count here
        return set(content_words(text)) | {w.lower() for w in re.findall(r"\b[A-Z]{2,3}\b", text)}

    who = [said(f"{p.name} {p.segment or ''}") for p in personas]
    missing = _unmet(customers, who, said)
    met = len(customers) - len(missing)
    return met / len(customers), _missing("no persona for", missing)


# How a persona says each part it plays (stems, in its name, role or segment)
_PART_WORDS = {
    "pays": r"pa(?:y|ys|id|ying|yer)|fund\w*|foots?|bills?|invoices?|fees?|sponsor\w*",
    "decides": r"decid\w*|decision|choos\w*|chose|choice|picks?",
    "books": r"book\w*|arrang\w*|orders?|ordering|signs?|enrol\w*|appl\w*|fills?|"
    r"reserv\w*|regist\w*|requests?",
    "uses": r"uses?|using|user|attend\w*|receiv\w*|recipient|takes? part|eats?|wears?|"
    r"treated|plays?|learn\w*|enjoy\w*|served|gets? it|is given|comes? to",
    "refers": r"refer\w*|recommend\w*|points?|pass\w*|steer\w*|sends?|sent|introduc\w*",
    "gifts": r"gifts?|presents?",
}

# At most this many personas are asked of a draft: a brief naming more kinds is met by that many
_MOST_PERSONAS = 3


def stands_for(persona: Persona, kind: PeopleExpect) -> bool:
    """Half or more of the words of one of the kind's names, as stems, in the persona's name or
    segment (as customers_met counts them)."""
    said = set(content_words(f"{persona.name} {persona.segment or ''}"))
    unmet = _unmet(list(kind.who), [said], lambda w: set(content_words(w)))
    return len(unmet) < len(kind.who) or any(
        w.isupper() and w.lower() in persona.name.lower() for w in kind.who
    )


def people_met(personas: list[Persona], people: list[PeopleExpect]) -> tuple[float | None, str]:
    """Share of the people a brief names around the purchase (the parent who pays, the child
    who attends, the physio who refers) that a persona stands for, up to three of them:
    one of their words, as stems, in a persona's name or segment. Animals and things are no
    personas."""
    persons = [k for k in people if k.person]
    if not persons:
        return None, "the brief names no people"
    missing = [k.who[0] for k in persons if not any(stands_for(p, k) for p in personas)]
    wanted = min(len(persons), _MOST_PERSONAS)
    met = min(len(persons) - len(missing), wanted)
    return met / wanted, _missing("no persona for", missing)


def parts_told(personas: list[Persona], people: list[PeopleExpect]) -> tuple[float | None, str]:
    """Where a brief splits the parts among several kinds (one pays, another uses, a third
    refers), the share of the personas standing for one of them whose name, role or segment
    says a part that kind plays; a stock archetype ("Wants the job done quickly") says none."""
    if len(people) < 2:
        return None, "the brief names no split of parts"
    told, off = 0, []
    met = [(p, k) for p in personas for k in people if k.person and stands_for(p, k)]
    for persona, kind in met:
        text = f"{persona.name} {persona.role or ''} {persona.segment or ''}"
        words = "|".join(_PART_WORDS[part] for part in kind.parts)
        if words and re.search(rf"\b(?:{words})\b", text, re.IGNORECASE):
            told += 1
        else:
            off.append(persona.name)
    if not met:
        return None, "no persona stands for the people named"
    return told / len(met), _missing("no part said by", off)


# Channels a business is met on without running them itself: a touchpoint may infer these.
_MET_ANYWAY = {Channel.search, Channel.word_of_mouth, Channel.review_sites, Channel.other}
_ORDERS_ONLINE = {Channel.website, Channel.mobile_app, Channel.marketplace}


def _labelled(label: str) -> set[Channel]:
    """A brief set's channel label as channels: "print" is a leaflet or a paper ad, and a
    phone number takes texts."""
    if label == "print":
        return {Channel.direct_mail, Channel.broadcast}
    if label == "phone":
        return {Channel.phone, Channel.sms}
    return {normalize_channel(label)}


def channels_kept(
    journey: JourneyMap, has: list[str], lacks: list[str], fulfilment: str | None
) -> tuple[float | None, str]:
    """Share of the touchpoints on a channel the brief gives the business (or one it is met
    on anyway: search, word of mouth, reviews). In person counts where it is collected or
    served on site, email where people order online, and a touchpoint taken from the brief's
    own words counts; a channel the brief says it lacks ("we've no website") never does.
    Measured only when the brief names a channel the business runs."""
    named = {c for label in has for c in _labelled(label)}
    missing = {c for label in lacks for c in _labelled(label)}
    if not (named - _MET_ANYWAY) and not missing:
        return None, "the brief names no channel the business runs"
    allowed = named | _MET_ANYWAY
    if fulfilment in ("collection", "on_site", "mixed"):
        allowed.add(Channel.physical)
    if allowed & _ORDERS_ONLINE:
        allowed.add(Channel.email)
    allowed -= missing
    points = [t for stage in journey.stages for t in stage.touchpoints]
    if not points:
        return None, "no touchpoints"
    off = [
        f"{t.name} ({t.channel.value})"
        for t in points
        if t.channel in missing or (t.channel not in allowed and t.provenance != Provenance.user)
    ]
    return 1 - len(off) / len(points), _missing("not the business's channel", off)


def foreign_terms(journey: JourneyMap, brief: str, domain: str | None) -> tuple[float, str]:
    """No term at home in another kind of business on the stages or personas (a term is at
    home when the brief or its domain names one of its words)."""
    text = stage_text(journey) + " " + _persona_text(journey)
    found = foreign_to_industry(text, brief + " " + (domain or ""))
    return (0.0, _missing("foreign", found)) if found else (1.0, "none")


def _persona_text(journey: JourneyMap) -> str:
    parts: list[str] = []
    for p in journey.personas:
        parts += [p.name, p.role or "", p.segment or "", p.quote or ""]
        for lane in ("goals", "needs", "frustrations", "behaviours", "motivations", "objections"):
            parts += [i.text for i in getattr(p, lane)]
    return " ".join(parts)


def paired(journey: JourneyMap) -> tuple[float | None, str]:
    """Share of opportunities that answer their own pain point, judged as the critique judges
    it (``understanding.content.answers``: a shared specific word or concern)."""
    total = hits = 0
    off: list[str] = []
    for stage in journey.stages:
        pains = {p.id: p for p in stage.pain_points}
        for opp in stage.opportunities:
            pain = pains.get(opp.addresses or "") or (
                journey.pain_point(opp.addresses) if opp.addresses else None
            )
            if pain is None:
                continue
            total += 1
            if answers(pain.description, opp.description):
                hits += 1
            else:
                off.append(f"{pain.description[:40]} → {opp.description[:40]}")
    return _ratio(hits, total), _missing("answers another pain", off[:4])


def asks_when_thin(thin_expected: bool, thin_read: bool, questions: int) -> tuple[float, str]:
    """A thin brief gets questions instead of a confident map; a full one gets a map."""
    if thin_expected:
        ok = thin_read and questions > 0
        return (1.0 if ok else 0.0), ("asked" if ok else "drafted without asking")
    return (1.0, "drafted") if not thin_read else (0.0, "asked although the brief was full")


# --- against a CX reader's reading (the fresh brief sets) -----------------------------------


# a reader's first stage is often named for the phase ("Awareness (…)", "Discovery (…)",
# "Lead (…)"): any of these stems in a draft stage's name stands for it
_FINDING = frozenset({"awaren", "discov", "hear", "find", "lead", "research", "enquir", "inquir"})


_akin = akin  # two stems of one word ("donati" of donation, "donat" of donate)


def _meets(wanted: Iterable[str], words: Iterable[str]) -> bool:
    have = list(words)
    return any(_akin(w, h) for w in wanted for h in have)


def _reader_head(stage: str) -> frozenset[str]:
    """A reader's stage name's own words, without what its brackets list; a phase word of
    finding out stands for all of them."""
    head = content_words(re.sub(r"\([^)]*\)", " ", stage))
    return head | _FINDING if head & _FINDING else head


def reader_stages(journey: JourneyMap, stages: list[str]) -> tuple[float | None, str]:
    """Share of a CX reader's stages that a stage of the draft stands for, one each in the
    reader's order: a word of the reader's name for it (brackets aside) in the draft stage's
    name, as the same word in another form ("Donation" and "Donate")."""
    if not stages:
        return None, "no reader stages"
    names = [content_words(s.name) for s in journey.stages]
    at, missing = 0, []
    for stage in stages:
        head = _reader_head(stage)
        found = next((n for n in range(at, len(names)) if _meets(head, names[n])), None)
        if found is None:
            missing.append(stage)
        else:
            at = found + 1
    hit = len(stages) - len(missing)
    return hit / len(stages), _missing("no stage for", missing)


def reader_stage_fit(journey: JourneyMap, stages: list[str]) -> tuple[float | None, str]:
    """Share of the draft's stages that stand for one of a CX reader's stages, in any order: a
    word of the reader's stage, brackets included, in the draft stage's name. A stage no reader
    would draw ("Use the service", "Post-purchase") is filler and counts against it."""
    if not stages or not journey.stages:
        return None, "no reader stages"
    wanted = [_reader_head(s) | content_words(s) for s in stages]
    filler = [
        s.name for s in journey.stages if not any(_meets(w, content_words(s.name)) for w in wanted)
    ]
    hit = len(journey.stages) - len(filler)
    return hit / len(journey.stages), _missing("no reader stage for", filler)


def _said_in_stage(stage: Any) -> str:
    """What a stage says happens in it, its name aside: its goal, actions and pain points."""
    said = [stage.customer_goal or "", *stage.actions, *(p.description for p in stage.pain_points)]
    return ". ".join(t for t in said if t)


def content_fit(journey: JourneyMap, content: dict[str, str]) -> tuple[float | None, str]:
    """Share of the draft's stages standing for a CX reader's stage whose content is about that
    stage: what the draft stage says happens in it (goal, actions, pain points; its name aside)
    is, by the sentence model, as near the reader's line for that stage as to any other
    reader's line (within 0.05), and says something. A stage named for one moment and filled
    with another's lines ("Order a box" holding the packing pain) or left empty misses. None
    without the local model."""
    from ..knowledge.embeddings import get_embedder, local_model_installed

    if not content or not journey.stages or not local_model_installed():
        return None, "no reader content or no local model"
    names = list(content)
    heads = [_reader_head(n) | content_words(n) for n in names]
    mapped: list[tuple[Any, int]] = []
    for stage in journey.stages:  # the reader's stage sharing most words with its name
        have = content_words(stage.name)
        shared = [sum(1 for w in h if _meets([w], have)) for h in heads]
        if max(shared, default=0):
            mapped.append((stage, shared.index(max(shared))))
    if not mapped:
        return None, "no draft stage stands for a reader's stage"
    said = [_said_in_stage(stage) for stage, _ in mapped]
    vectors = get_embedder("local").embed([content[n] for n in names] + [t or "-" for t in said])
    import numpy as np

    lines = np.array(vectors[: len(names)])
    drafted = np.array(vectors[len(names) :])
    missed: list[str] = []
    for (stage, at), text, vector in zip(mapped, said, drafted, strict=True):
        if not text:
            missed.append(f"{stage.name} (empty)")
            continue
        near = lines @ vector
        if near[at] < near.max() - 0.05:
            missed.append(f"{stage.name} (about '{names[int(near.argmax())]}')")
    hit = len(mapped) - len(missed)
    return hit / len(mapped), _missing("off its stage:", missed)


def _main_pain_stage(journey: JourneyMap, why: str) -> Any:
    """The stage of the user's pain point nearest the reader's cause and fix (the first on a
    tie), or None when the map has no pain point of the user's."""
    wanted = content_words(why)
    pains = [
        (len([w for w in content_words(p.description) if _meets([w], wanted)]), -n, stage)
        for n, stage in enumerate(journey.stages)
        for p in stage.pain_points
        if p.provenance == Provenance.user
    ]
    return max(pains, key=lambda p: (p[0], p[1]))[2] if pains else None


def reader_problem(journey: JourneyMap, at: str | None, why: str) -> tuple[float | None, str]:
    """The pain point of the user's nearest the reader's cause and fix sits in a stage named
    like the reader's stage for the problem (a word of one in the other)."""
    if not at:
        return None, "no reader stage for the problem"
    stage = _main_pain_stage(journey, why)
    if stage is None:
        return 0.0, "no pain point of the user's"
    head = content_words(re.sub(r"\([^)]*\)", " ", at))
    if _meets(head, content_words(stage.name)):
        return 1.0, f"in '{stage.name}'"
    return 0.0, f"in '{stage.name}', not '{at}'"


def reader_problem_step(
    journey: JourneyMap, step: str | None, why: str
) -> tuple[float | None, str]:
    """The pain point of the user's nearest the reader's cause and fix sits in the stage that
    holds the brief's own words for where the problem bites ("wait for a call from us"): the
    stage whose name and actions share most of their words, whatever the stage is called."""
    if not step:
        return None, "no step of the brief's for the problem"
    stage = _main_pain_stage(journey, why)
    if stage is None:
        return 0.0, "no pain point of the user's"
    wanted = content_words(step)

    def held(s: Any) -> int:
        have = content_words(" ".join([s.name, *s.actions]))
        return sum(1 for w in wanted if _meets([w], have))

    best = max((held(s) for s in journey.stages), default=0)
    if not best:
        return 0.0, f"no stage holds '{step}'"
    if held(stage) == best:
        return 1.0, f"in '{stage.name}', which holds '{step}'"
    holder = next(s for s in journey.stages if held(s) == best)
    return 0.0, f"in '{stage.name}', '{step}' is at '{holder.name}'"


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_PARTS = {"half": 50.0, "third": 33.3, "quarter": 25.0, "two thirds": 66.7, "three quarters": 75}
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS)
_ORDINALS = {"second": 2, "other": 2, "third": 3}


def _number(said: str) -> float:
    return float(said) if said[0].isdigit() else float(_NUMBER_WORDS[said])


def figure_values(text: str) -> list[float]:
    """The values a figure is said with, first the one it means: "1 in 5" and "one in five"
    are 20 (per cent), "at least half" 50, "£8k" 8, "about 40%" 40."""
    said = text.lower().replace(",", "")
    values = [
        round(100 * _number(n) / _number(d), 1)
        for n, d in re.findall(rf"\b({_NUMBER})\s+(?:in|out of)\s+(?:every\s+)?({_NUMBER})\b", said)
        if _number(d)
    ]
    values += [
        v
        for part, v in sorted(_PARTS.items(), key=lambda p: -len(p[0]))
        if re.search(rf"\b{part}\b", said) and not re.search(rf"\b(?:{_NUMBER})\s+{part}", said)
    ]
    values += [100 / _ORDINALS[o] for o in re.findall(r"\bevery (second|other|third)\b", said)]
    values += [float(n) for n in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)", said)]
    values += [float(_NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", said) if w in _NUMBER_WORDS]
    return values


def reader_figures(journey: JourneyMap, figures: list[str]) -> tuple[float | None, str]:
    """One KPI marked as the user's carries the reader's baseline and target: the value each
    means (a ratio as its percentage, "half" as 50) among the KPI's values, said in any way."""
    wanted = [(f, said[0]) for f in figures if (said := figure_values(f))]
    if not wanted:
        return None, "no figures in the goal"

    def carried(kpi: Any) -> int:
        have = figure_values(f"{kpi.current or ''} ; {kpi.target or ''}")
        return sum(1 for _, value in wanted if any(abs(value - h) <= 1 for h in have))

    best, best_name = _best_user_kpi(journey, carried)
    if not best:
        return 0.0, f"no KPI of the user's carries {', '.join(f for f, _ in wanted)}"
    return best / len(wanted), f"'{best_name[:50]}' carries {best} of {len(wanted)}"


def reader_kpi_at(journey: JourneyMap, figures: list[str], why: str) -> tuple[float | None, str]:
    """The goal is measured where the problem bites: the user's KPI carrying most of the
    reader's figures sits in the stage of the user's pain point nearest the reader's cause and
    fix (a 1 in 5 → half KPI beside the report nobody acts on, not at renewal)."""
    wanted = [said[0] for f in figures if (said := figure_values(f))]
    if not wanted:
        return None, "no figures in the goal"
    pain_stage = _main_pain_stage(journey, why)
    if pain_stage is None:
        return 0.0, "no pain point of the user's"
    held: list[tuple[int, str]] = []
    for stage in journey.stages:
        for kpi in stage.kpis:
            if kpi.provenance != Provenance.user:
                continue
            have = figure_values(f"{kpi.current or ''} ; {kpi.target or ''}")
            count = sum(1 for value in wanted if any(abs(value - h) <= 1 for h in have))
            if count:
                held.append((count, stage.name))
    if not held:
        return 0.0, "no KPI of the user's carries the figures"
    where = max(held, key=lambda h: h[0])[1]
    if where == pain_stage.name:
        return 1.0, f"at '{where}' with the problem"
    return 0.0, f"at '{where}', the problem at '{pain_stage.name}'"


def reader_channels(journey: JourneyMap, names: list[str]) -> tuple[float | None, str]:
    """Share of the channels and platforms the brief names as the business's own that name a
    touchpoint (its name, in any case and spacing): "KakaoTalk", not "Messaging app"."""
    if not names:
        return None, "the brief names no channel of its own"
    touchpoints = [f" {compact(t.name)} " for s in journey.stages for t in s.touchpoints]
    missing = [
        name
        for name in names
        if not (key := compact(name)) or not any(f" {key} " in t for t in touchpoints)
    ]
    return 1 - len(missing) / len(names), _missing("no touchpoint for", missing)


def must_not(journey: JourneyMap, things: list[str]) -> tuple[float | None, str]:
    """Share of the things a reader said must not be on the map (another business's) that are
    not: a thing is there when all its words (as stems) are in one stage's text or the
    personas', and a one-word name ("Medicare") when it is there as a whole word."""
    if not things:
        return None, "nothing ruled out"
    texts = [
        content_words(stage_text(journey.model_copy(update={"stages": [s]})))
        for s in journey.stages
    ] + [content_words(_persona_text(journey))]
    whole = [
        f" {compact(stage_text(journey.model_copy(update={'stages': [s]})))} "
        for s in journey.stages
    ] + [f" {compact(_persona_text(journey))} "]
    found = [
        thing
        for thing in things
        if (
            any(f" {compact(thing)} " in text for text in whole)
            if re.fullmatch(r"[A-Z][\w.-]*", thing)  # a name ("Medicare") as a whole word, not
            else (words := content_words(thing)) and any(words <= text for text in texts)
        )  # the stem of "Medical centre"
    ]
    return 1 - len(found) / len(things), _missing("on the map", found)


def offer_named(journey: JourneyMap, words: list[str]) -> tuple[float | None, str]:
    """Whether a stage's name says what the business offers or what customers come for, in one
    of the words a CX reader gave for it ("coffee", "shoeing", "rehearsal"), in any form."""
    if not words:
        return None, "no words for the offering"
    wanted = set().union(*(content_words(w) for w in words))
    named = [s.name for s in journey.stages if _meets(wanted, content_words(s.name))]
    if named:
        return 1.0, f"in '{named[0]}'"
    return 0.0, f"no stage names {', '.join(words)}"


# Words that stand in for a business or an offering the draft did not find
_PLACEHOLDER = re.compile(r"\bthe (?:service|business)\b|^get started$", re.IGNORECASE)


def own_nouns(journey: JourneyMap, biz_name: str | None, brief: str) -> tuple[float | None, str]:
    """Share of stage names in the business's own nouns: none says "the service" or "the
    business" in place of what it is, nor is "Get started", nor calls it "<its name> business"
    ("the community choir business") where the brief does not."""
    if not journey.stages:
        return None, "no stages"
    name = (biz_name or "").strip().lower()
    padded = name and f"{name} business" not in brief.lower()
    odd = [
        s.name
        for s in journey.stages
        if _PLACEHOLDER.search(s.name.strip()) or (padded and f"{name} business" in s.name.lower())
    ]
    return 1 - len(odd) / len(journey.stages), _missing("placeholder in", odd)


# Where a touchpoint is the business's own premises, or an act has the customer travel to them,
# bring something in or fetch it: wrong for a business that goes to its customers, and for one
# that serves them remotely or by post (its own words aside).
_PREMISES = re.compile(
    r"\b(?:(?:reception|front|service|cash|check-?in|returns?)\s+desks?|desk|reception(?:ist)?|"
    r"front of house|shop\s?fronts?|shop floor|showrooms?|waiting (?:rooms?|areas?)|counters?|"
    r"tills?|in-?\s?store|in (?:the|our) (?:shop|store|salon|studio|clinic|branch|showroom)|"
    r"walk-?\s?ins?|passing trade|premises)\b",
    re.IGNORECASE,
)
_CUSTOMER_TRAVELS = re.compile(
    r"\b(?:arrive|arrives|arriving|walk in|come in|comes in|call in|pop in|"
    r"visit (?:the|our|us at the) (?:shop|store|salon|studio|clinic|branch|office|showroom|"
    r"premises)|drop (?:it |them )?off|drop-off|bring (?:it|them) in|pick (?:it |them )?up|"
    r"pick-?up|collect (?:it|them)|collection)\b",
    re.IGNORECASE,
)


def service_place(journey: JourneyMap, where: str | None) -> tuple[float | None, str]:
    """Share of stages with no line putting the service in the wrong place: where the business
    goes to the customer or serves them remotely, no touchpoint at its premises (a desk, a
    shopfront, a waiting room) and no act of the customer's going there, bringing something in
    or fetching it — unless the brief's own words put it there (a user touchpoint or action).
    A remote service may still have things posted (drop-off at a post office is fine)."""
    if where not in ("come_to_you", "remote"):
        return None, "the customer comes, or both"
    wrong: list[str] = []
    bad_stages = 0
    for stage in journey.stages:
        said = " ".join(
            t.description or "" for t in stage.touchpoints if t.provenance == Provenance.user
        ).lower()
        places = [t.name for t in stage.touchpoints if t.provenance != Provenance.user]
        acts = [a for a in stage.actions if a.lower() not in said] + [stage.customer_goal or ""]
        found = [t for t in places if _PREMISES.search(t)] + [
            a
            for a in acts
            if _PREMISES.search(a)
            or (
                _CUSTOMER_TRAVELS.search(a)
                and not (
                    where == "remote"
                    and re.search(r"\b(?:post|send|sent|courier|parcel|locker|ship)", a, re.I)
                )  # the parcel arrives, not the customer
            )
        ]
        if found:
            bad_stages += 1
            wrong.extend(found[:2])
    return 1 - bad_stages / len(journey.stages), _missing("in the wrong place", wrong[:6])


# Who is said to do a thing at the head of a business's own clause: "we", "I", "our crew",
# "the project manager" (a second word may be the verb: "our contractor collects", so both
# readings are kept)
_BUSINESS_DOER = re.compile(
    r"^\W*(?:(?:then|and|also|after)\s+)*(?:(?P<pronoun>we|i)|(?:our|my|the)\s+[\w-]+)\s+"
    r"(?:(?:also|then|just|only)\s+)?",
    re.IGNORECASE,
)
_NO_ACT = frozenset(  # not a doing: a state, a small word
    {"be", "is", "are", "am", "have", "has", "get", "can", "will", "want", "a", "an", "the",
     "to", "at", "in", "on", "by", "for", "with", "from", "of", "through", "via", "when", "once",
     "after", "before", "same", "within", "this", "that", "their", "them", "it", "they", "we",
     "i", "our", "up", "out", "down", "back"}
)  # fmt: skip
# Verbs anyone may do: a line opening with one is the business's doing only where it names the
# act's object too ("Do the site survey"), or nothing but the verb ("Come", "Come out")
_ANYONE = frozenset(
    {"come", "go", "do", "make", "take", "give", "run", "put", "see", "turn", "check", "book",
     "call", "pay", "visit", "send"}
)  # fmt: skip


def _verb_of(word: str) -> str:
    """A verb's plain form in lower case, to compare two ("packs" -> "pack", "does" -> "do")."""
    return base_verb(word).lower()


def _business_doings(act: str) -> list[tuple[str, frozenset[str]]]:
    """The verbs of a business's told clause, each with the content words that follow it: "our
    crew turns up at 8, packs the fragile stuff, loads the van" -> turn, pack, load. A part
    after the first needs two words to be a doing ("test pump and tank": no "tank")."""
    found = []
    parts = re.split(r",|;|\band\b|\bor\b|\bthen\b", act, flags=re.IGNORECASE)
    for n, part in enumerate(parts):
        words = part.split()
        doer = _BUSINESS_DOER.match(part)
        readings = [words]
        if doer:
            rest = part[doer.end() :].split()
            readings = [rest] if doer.group("pronoun") else [rest, rest[1:]]
        for said in readings:
            if not said or (n and len(said) < 2) or not re.fullmatch(r"[A-Za-z]+", said[0]):
                continue
            if _verb_of(said[0]) not in _NO_ACT:
                found.append((_verb_of(said[0]), content_words(" ".join(said[1:]))))
    return found


def business_acts_theirs(
    journey: JourneyMap, acts: list[str], told: list[str]
) -> tuple[float | None, str]:
    """Share of stages with no name or customer action that writes one of the business's own
    doings as the customer's ("we send a quote within a day" drafted as "Send a quote", "our
    crew packs the fragile stuff" as "Pack the fragile stuff"). A line is the business's doing
    when it opens with the act's verb and shares a word of its object, or opens with a verb the
    business does that no customer step of the brief's has (a verb anyone does — come, do, send
    — only when nothing follows it but "out" or "up")."""
    doings = [d for act in acts for d in _business_doings(act)]
    if not doings:
        return None, "no act of the business's labelled"
    theirs = {_verb_of(w) for step in told for w in re.findall(r"[A-Za-z]+", step)}
    wrong: list[str] = []
    bad_stages = 0
    for stage in journey.stages:
        found = []
        for line in [stage.name, *stage.actions]:
            words = line.split()
            if not words:
                continue
            verb, rest = _verb_of(words[0]), content_words(" ".join(words[1:]))
            for act_verb, obj in doings:
                if verb != act_verb:
                    continue
                bare = not rest or len(words) == 2 and words[1].lower() in ("out", "up", "in")
                if (
                    (obj and _meets(obj, rest))
                    or (verb in _ANYONE and bare)
                    or (verb not in _ANYONE and verb not in theirs)
                ):
                    found.append(line)
                    break
        if found:
            bad_stages += 1
            wrong.extend(found[:2])
    return 1 - bad_stages / len(journey.stages), _missing("the business's doing", wrong[:6])


def cause_taken(journey: JourneyMap, cause_words: list[str], why: str) -> tuple[float | None, str]:
    """Where the brief says why its problem happens, the first idea for the user's pain point
    nearest the reader's cause and fix deals with that cause: it names one of the cause's key
    words (labelled by the reader), outside the pain it quotes back."""
    if not cause_words:
        return None, "no stated cause"
    stage = _main_pain_stage(journey, why)
    if stage is None:
        return 0.0, "no pain point of the user's"
    wanted = content_words(why)
    pains = sorted(
        (p for p in stage.pain_points if p.provenance == Provenance.user),
        key=lambda p: -len([w for w in content_words(p.description) if _meets([w], wanted)]),
    )
    ideas = [o for o in stage.opportunities if o.addresses == pains[0].id]
    if not ideas:
        return 0.0, f"no idea for the problem in '{stage.name}'"
    idea = re.sub(r"[“\"][^”\"]*[”\"]", " ", ideas[0].description)
    keys = content_words(" ".join(cause_words))
    if _meets(keys, content_words(idea)):
        return 1.0, f"'{ideas[0].description[:90]}' deals with the cause"
    return 0.0, f"'{ideas[0].description[:90]}' names none of {', '.join(cause_words)}"


def map_signature(data: dict[str, Any]) -> tuple[str, ...]:
    """What makes two drafts the same: their stage names and pain points."""
    stages = [s for s in data.get("stages") or [] if isinstance(s, dict)]
    names = tuple(str(s.get("name", "")).lower() for s in stages)
    pains = tuple(
        str(p.get("description", "")).lower()
        for s in stages
        for p in (s.get("pain_points") or [])
        if isinstance(p, dict)
    )
    return names + pains
