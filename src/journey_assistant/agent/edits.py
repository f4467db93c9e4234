"""Edits to a map, as pure functions: each returns a new map and never changes its input.

The chat assistant proposes these; the user accepts them; every applied change is a version.
"""

from __future__ import annotations

from ..errors import UserInputError
from ..models import (
    KPI,
    Emotion,
    JourneyMap,
    Opportunity,
    PainPoint,
    Provenance,
    Stage,
    Touchpoint,
)
from ..vocab import Channel, normalize_channel


def _copy(journey: JourneyMap) -> JourneyMap:
    return journey.model_copy(deep=True)


def _index(journey: JourneyMap, name: str) -> int:
    """The stage ``name`` refers to: by name, part of it, position ("the second stage"),
    phase ("consideration") or a near spelling; else a clear error naming the nearest."""
    from ..understanding.slots import nearest_stage, resolve_stage

    found = resolve_stage(journey, name)
    if found is not None:
        return found[0]
    names = ", ".join(s.name for s in journey.stages)
    near = nearest_stage(journey, name)
    hint = f" Did you mean '{near}'?" if near else ""
    raise UserInputError(f"no stage called '{name}'; the stages are: {names}.{hint}")


def add_stage(
    journey: JourneyMap, name: str, after: str | None = None, first: bool = False
) -> JourneyMap:
    """Add an empty stage after ``after`` (or first, or at the end)."""
    if any(s.name.lower() == name.strip().lower() for s in journey.stages):
        raise UserInputError(f"there is already a stage called '{name}'.")
    new = _copy(journey)
    position = 0 if first else _index(new, after) + 1 if after else len(new.stages)
    new.stages.insert(position, Stage(name=name.strip()))
    return new


def rename_stage(journey: JourneyMap, old: str, new_name: str) -> JourneyMap:
    new = _copy(journey)
    new.stages[_index(new, old)].name = new_name.strip()
    return new


def remove_stage(journey: JourneyMap, name: str) -> JourneyMap:
    new = _copy(journey)
    if len(new.stages) == 1:
        raise UserInputError("a map needs at least one stage.")
    del new.stages[_index(new, name)]
    return new


def move_stage(journey: JourneyMap, name: str, position: int) -> JourneyMap:
    """Move a stage to a 1-based position."""
    new = _copy(journey)
    stage = new.stages.pop(_index(new, name))
    new.stages.insert(max(0, min(len(new.stages), position - 1)), stage)
    return new


def merge_stages(
    journey: JourneyMap, first: str, second: str, name: str | None = None
) -> JourneyMap:
    """Merge two stages into one, where the earlier of them is: everything in both is kept (the
    lower of their emotions, since the harder moment is the one to remember), named ``name`` or
    'FIRST and SECOND'."""
    new = _copy(journey)
    one, two = sorted([_index(new, first), _index(new, second)])
    if one == two:
        raise UserInputError("name two different stages to merge.")
    a, b = new.stages[one], new.stages[two]
    merged = a.model_copy(deep=True)
    merged.name = (name or f"{a.name} and {b.name}").strip()
    if any(
        s.name.lower() == merged.name.lower()
        for i, s in enumerate(new.stages)
        if i not in (one, two)
    ):
        raise UserInputError(f"there is already a stage called '{merged.name}'.")
    goals = [g for g in (a.customer_goal, b.customer_goal) if g]
    merged.customer_goal = "; ".join(dict.fromkeys(goals)) or None
    if b.emotion is not None and (a.emotion is None or b.emotion.score < a.emotion.score):
        merged.emotion = b.emotion.model_copy()
    for lane in ("actions", "thoughts", "owners", "moments_of_truth", "backstage_actions",
                 "support_processes", "notes"):  # fmt: skip
        setattr(merged, lane, list(dict.fromkeys([*getattr(a, lane), *getattr(b, lane)])))
    for lane in ("touchpoints", "pain_points", "opportunities", "kpis", "persona_emotions"):
        setattr(merged, lane, [*getattr(a, lane), *getattr(b, lane)])
    new.stages[one] = merged
    del new.stages[two]
    return JourneyMap.model_validate(new.model_dump())


def split_stage(journey: JourneyMap, stage: str, first: str, second: str) -> JourneyMap:
    """Split a stage in two, named ``first`` and ``second``: the first keeps what the stage
    held, the second starts empty in the same phase (move items across as you need)."""
    new = _copy(journey)
    where = _index(new, stage)
    names = [first.strip(), second.strip()]
    if not all(names) or names[0].lower() == names[1].lower():
        raise UserInputError("give the two parts of the stage two different names.")
    others = {s.name.lower() for i, s in enumerate(new.stages) if i != where}
    taken = [n for n in names if n.lower() in others]
    if taken:
        raise UserInputError(f"there is already a stage called '{taken[0]}'.")
    old = new.stages[where]
    old.name = names[0]
    new.stages.insert(where + 1, Stage(name=names[1], phase=old.phase))
    return new


def remove_touchpoint(
    journey: JourneyMap, stage: str, name: str | None = None, channel: str | None = None
) -> JourneyMap:
    """Remove a stage's touchpoint by its name (or part of it), or every touchpoint of a
    channel; a clear error naming the stage's touchpoints when none fits."""
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    wanted = (name or "").strip().lower()
    kind = normalize_channel(channel) if channel else None
    keep = [
        t
        for t in target.touchpoints
        if not (
            (wanted and (t.name.lower() == wanted or wanted in t.name.lower()))
            or (not wanted and kind is not None and t.channel == kind)
        )
    ]
    if len(keep) == len(target.touchpoints):
        have = ", ".join(f"'{t.name}'" for t in target.touchpoints) or "none"
        said = name or channel or "that"
        raise UserInputError(f"'{target.name}' has no touchpoint '{said}'; it has: {have}.")
    target.touchpoints = keep
    return new


def add_touchpoint(
    journey: JourneyMap, stage: str, name: str, channel: Channel | str | None = None
) -> JourneyMap:
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    chosen = channel if isinstance(channel, Channel) else normalize_channel(channel, fallback=name)
    target.touchpoints.append(Touchpoint(name=name, channel=chosen, provenance=Provenance.user))
    return new


def set_emotion(
    journey: JourneyMap,
    stage: str,
    score: int,
    label: str | None = None,
    persona: str | None = None,
) -> JourneyMap:
    if not 1 <= score <= 5:
        raise UserInputError("emotions go from 1 (very negative) to 5 (very positive).")
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    emotion = Emotion(score=score, label=label, persona=persona)
    if persona:
        target.persona_emotions = [e for e in target.persona_emotions if e.persona != persona]
        target.persona_emotions.append(emotion)
    else:
        target.emotion = emotion
    return new


def pair_pain_point(
    journey: JourneyMap,
    stage: str,
    pain: str,
    opportunity: str,
    owner: str | None = None,
    kpi: str | None = None,
) -> JourneyMap:
    """Add a pain point (or use an existing one with that text) and an opportunity for it."""
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    existing = next((p for p in target.pain_points if p.description.lower() == pain.lower()), None)
    if existing is None:
        existing = PainPoint(description=pain)
        target.pain_points.append(existing)
        new = JourneyMap.model_validate(new.model_dump())  # assigns the new pain point an id
        target = new.stages[_index(new, stage)]
        existing = target.pain_points[-1]
    target.opportunities.append(
        Opportunity(description=opportunity, addresses=existing.id, owner=owner, kpi=kpi)
    )
    return JourneyMap.model_validate(new.model_dump())


def add_pain_point(journey: JourneyMap, stage: str, text: str) -> JourneyMap:
    """Add a pain point the user names to a stage."""
    new = _copy(journey)
    new.stages[_index(new, stage)].pain_points.append(
        PainPoint(description=_said(text, "pain point"), provenance=Provenance.user)
    )
    return JourneyMap.model_validate(new.model_dump())  # assigns the new pain point an id


def add_opportunity(journey: JourneyMap, stage: str, text: str) -> JourneyMap:
    """Add an opportunity the user names to a stage (for no pain point in particular)."""
    new = _copy(journey)
    new.stages[_index(new, stage)].opportunities.append(
        Opportunity(description=_said(text, "opportunity"), provenance=Provenance.user)
    )
    return JourneyMap.model_validate(new.model_dump())


def add_kpi(journey: JourneyMap, stage: str, name: str) -> JourneyMap:
    """Add a KPI the user names to a stage."""
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    name = _said(name, "KPI")
    if any(k.name.lower() == name.lower() for k in target.kpis):
        raise UserInputError(f"'{target.name}' already measures '{name}'.")
    target.kpis.append(KPI(name=name, provenance=Provenance.user))
    return new


def add_owner(journey: JourneyMap, stage: str, owner: str) -> JourneyMap:
    """Make a team or person an owner of a stage."""
    new = _copy(journey)
    target = new.stages[_index(new, stage)]
    owner = _said(owner, "owner")
    if owner.lower() in (o.lower() for o in target.owners):
        raise UserInputError(f"'{owner}' already owns '{target.name}'.")
    target.owners.append(owner)
    return new


def _said(text: str, what: str) -> str:
    """The user's words, tidied: a clear error when there are none."""
    text = " ".join(text.split()).strip(" .,;:'\"“”‘’")
    if not text:
        raise UserInputError(f"say what the {what} is, e.g. in quotes.")
    return text[:1].upper() + text[1:]
