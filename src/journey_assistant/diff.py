"""Compare two versions of a map: stages and touchpoints added, removed or changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import JourneyMap, Stage
from .vocab import CHANNEL_LABELS, normalize_term


@dataclass
class StageChange:
    stage: str
    added: dict[str, list[str]] = field(default_factory=dict)  # lane -> items
    removed: dict[str, list[str]] = field(default_factory=dict)
    emotion: tuple[int | None, int | None] | None = None


@dataclass
class MapDiff:
    stages_added: list[str] = field(default_factory=list)
    stages_removed: list[str] = field(default_factory=list)
    stages_moved: list[str] = field(default_factory=list)
    changed: list[StageChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.stages_added or self.stages_removed or self.stages_moved or self.changed)

    def lines(self) -> list[str]:
        """A readable diff: '+' added, '-' removed, '~' changed."""
        out = [f"+ stage {name}" for name in self.stages_added]
        out += [f"- stage {name}" for name in self.stages_removed]
        out += [f"~ stage {name} moved" for name in self.stages_moved]
        for change in self.changed:
            if change.emotion:
                before, after = change.emotion
                out.append(f"~ {change.stage}: emotion {before or '–'} → {after or '–'}")
            for lane, items in change.added.items():
                out += [f"+ {change.stage} / {lane}: {item}" for item in items]
            for lane, items in change.removed.items():
                out += [f"- {change.stage} / {lane}: {item}" for item in items]
        return out


def _lanes(stage: Stage) -> dict[str, list[str]]:
    return {
        "touchpoints": [f"{t.name} ({CHANNEL_LABELS[t.channel]})" for t in stage.touchpoints],
        "actions": list(stage.actions),
        "thoughts": list(stage.thoughts),
        "pain points": [p.description for p in stage.pain_points],
        "opportunities": [o.description for o in stage.opportunities],
        "KPIs": [k.name for k in stage.kpis],
        "owners": list(stage.owners),
    }


def diff_maps(old: JourneyMap, new: JourneyMap) -> MapDiff:
    """What changed from ``old`` to ``new``, stage by stage (stages matched by name)."""
    result = MapDiff()
    old_by = {normalize_term(s.name): s for s in old.stages}
    new_by = {normalize_term(s.name): s for s in new.stages}
    result.stages_added = [s.name for s in new.stages if normalize_term(s.name) not in old_by]
    result.stages_removed = [s.name for s in old.stages if normalize_term(s.name) not in new_by]
    common_old = [k for k in old_by if k in new_by]
    common_new = [k for k in new_by if k in old_by]
    if common_old != common_new:
        result.stages_moved = [
            new_by[k].name for k, o in zip(common_new, common_old, strict=True) if k != o
        ]
    for key in common_new:
        before, after = old_by[key], new_by[key]
        change = StageChange(after.name)
        a_lanes, b_lanes = _lanes(before), _lanes(after)
        for lane in a_lanes:
            added = [x for x in b_lanes[lane] if x not in a_lanes[lane]]
            removed = [x for x in a_lanes[lane] if x not in b_lanes[lane]]
            if added:
                change.added[lane] = added
            if removed:
                change.removed[lane] = removed
        old_score = before.emotion.score if before.emotion else None
        new_score = after.emotion.score if after.emotion else None
        if old_score != new_score:
            change.emotion = (old_score, new_score)
        if change.added or change.removed or change.emotion:
            result.changed.append(change)
    return result
