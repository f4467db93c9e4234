"""The moment a stated problem happens at, when the general stages have no name for it.

"Couriers sit on the nucs over a weekend" happens while the order is with the courier; "the
wait for a dog is about two years" on the waiting list; "1 in 8 aren't in when I turn up" on
the day of the visit. A draft built from the general framework names these "Get started" or
"Use the service" and buries the problem in them; a strategist gives the moment a stage of its
own. The moments, their cue words and the stage names are in ``lexicon.yaml`` (``moments``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..vocab import Phase
from .lexicon import lexicon
from .phrases import Phrases


@dataclass(frozen=True)
class Moment:
    """Where a stated problem happens, as a stage name and the phase of that stage."""

    name: str  # "Delivery by courier", "Wait for a dog"
    phase: Phase
    keys: tuple[str, ...]  # words of a stage name that already stands for it
    weak: bool = False  # says where only when nothing else does ("quotes")
    own: bool = False  # a stage of its own even beside its phase's ("Get the report")
    need: str = ""  # what the customer needs then ("To hear where they stand while they wait")
    worry: str = ""  # what they ask then ("How long will I really be waiting?")
    actions: tuple[str, ...] = ()  # what they do then, for a stage of its own


@dataclass(frozen=True)
class _Kind:
    name: str
    named: str | None
    phase: Phase
    cues: Phrases
    pattern: re.Pattern[str] | None  # cues with a gap in them ("techs often run late")
    objects: tuple[str, ...]
    keys: tuple[str, ...]
    beats: tuple[str, ...]  # moments it wins over when both are named
    weak: bool
    own: bool
    need: str
    worry: str
    actions: tuple[str, ...]


@cache
def _kinds() -> tuple[_Kind, ...]:
    return tuple(
        _Kind(
            name=entry["name"],
            named=entry.get("named"),
            phase=Phase(entry["phase"]),
            cues=Phrases(entry.get("cues", [])),
            pattern=re.compile(entry["pattern"], re.IGNORECASE) if "pattern" in entry else None,
            objects=tuple(entry.get("object", [])),
            keys=tuple(entry["keys"]),
            beats=tuple(entry.get("beats", [])),
            weak=bool(entry.get("weak", False)),
            own=bool(entry.get("own", False)),
            need=entry["need"],
            worry=entry["worry"],
            actions=tuple(entry.get("actions", [])),
        )
        for entry in lexicon()["moments"]
    )


# What the wait is for: an article and one or two words ("a dog", "the new hip"), never a
# time ("the wait for 2 years") or a clause ("the wait for when they ...")
_OBJECT = (
    r"\s+((?:a|an|the|their|your)\s+(?!\d)[a-z][\w'-]*"
    r"(?:\s+(?!is\b|was\b|are\b|can\b|takes?\b|for\b|of\b)[a-z][\w'-]*)?)"
)
_STOP = re.compile(r"\s+(?:is|was|are|can|takes?|for|of|and|but|so|already|yet)$")
_OWNER = re.compile(r"^(?:their|your|my|our|his|her)\s+")


def moment_of(problem: str) -> Moment | None:
    """The moment the problem names first ("aren't in when I turn up, or they've lit the
    fire": the day of the visit; the longer cue on a tie), or ``None``."""
    hits: list[tuple[int, int, int]] = []  # (where, minus its length, which kind)
    for n, kind in enumerate(_kinds()):
        found = [kind.cues.search(problem), kind.pattern.search(problem) if kind.pattern else None]
        spans = [(f.start(), f.start() - f.end()) for f in found if f is not None]
        if spans:
            hits.append((*min(spans), n))
    beaten = {name for *_, n in hits for name in _kinds()[n].beats}
    hits = [h for h in hits if _kinds()[h[2]].name not in beaten]
    if not hits:
        return None
    *_, n = min(hits)
    kind = _kinds()[n]
    name = kind.name
    for lead in kind.objects:
        after = re.search(rf"\b{re.escape(lead)}{_OBJECT}", problem, re.IGNORECASE)
        if after and kind.named:
            thing = _OWNER.sub("the ", _STOP.sub("", after.group(1).lower()))
            name = kind.named.format(object=thing)  # "asking where their food is": "Wait
            # for the food"
            break
    return Moment(
        name=name,
        phase=kind.phase,
        keys=kind.keys,
        weak=kind.weak,
        own=kind.own,
        need=kind.need,
        worry=kind.worry,
        actions=kind.actions,
    )


def stands_for(stage_name: str, moment: Moment) -> bool:
    """Whether a stage's name already names the moment ("Courier delivery", "Annual renewal")."""
    low = f" {re.sub(r'[^a-z0-9 ]+', ' ', stage_name.lower())} "
    return any(f" {key} " in low or f" {key}s " in low for key in moment.keys)
