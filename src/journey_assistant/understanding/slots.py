"""Which stage of the current map a user means: by its name, part of it, a position ("the second
stage", "the last one", "stage 3"), the phase it plays ("consideration", "checkout" on a map
whose stage is "Order and pay"), or a near spelling. Pure; the map's stages are read with the
same phase reading the critique uses.
"""

from __future__ import annotations

import difflib
import re

from ..models import JourneyMap
from .brief import phase_cues
from .stages import read_phases

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}  # fmt: skip
_NOISE = re.compile(r"\b(?:the|stage|step|one|bit|part|phase|column)\b", re.IGNORECASE)


def resolve_stage(journey: JourneyMap, said: str) -> tuple[int, str] | None:
    """The index of the stage ``said`` refers to and how it was found ('name', 'position',
    'phase', 'spelling'), or ``None`` when nothing fits."""
    stages = journey.stages
    wanted = " ".join(said.strip().strip("'\"“”‘’").lower().split())
    if not stages or not wanted:
        return None
    names = [s.name.strip().lower() for s in stages]
    if wanted in names:
        return names.index(wanted), "name"
    bare = " ".join(_NOISE.sub(" ", wanted).split())
    if bare in _ORDINALS or bare in ("last", "final", "penultimate"):
        position = _position(bare, len(stages))  # "the first one" is a place, not "First payroll"
        if position is not None:
            return position, "position"
    inside = [i for i, n in enumerate(names) if wanted in n]
    if len(inside) == 1:
        return inside[0], "name"
    position = _position(wanted, len(stages))
    if position is not None:
        return position, "position"
    if bare and bare != wanted:
        if bare in names:
            return names.index(bare), "name"
        inside = [i for i, n in enumerate(names) if bare in n]
        if len(inside) == 1:
            return inside[0], "name"
    close = difflib.get_close_matches(bare or wanted, names, n=1, cutoff=0.8)
    if close:
        return names.index(close[0]), "spelling"
    # a phase only when the words are nothing but a phase or one of its cue words
    # ("consideration", "checkout"), never a guess from one word of a longer phrase
    cues = phase_cues(bare or wanted)
    whole = [p for p, words in cues if words == (bare or wanted)]
    phases = whole or _phase_by_name(bare or wanted)
    if phases:
        read = read_phases(stages, journey.context.industry)
        for i, reading in enumerate(read):
            if reading.phase == phases[0]:
                return i, "phase"
    return None


def nearest_stage(journey: JourneyMap, said: str) -> str | None:
    """The stage name most like ``said`` (for "did you mean ...?"), if any is close."""
    names = [s.name for s in journey.stages]
    close = difflib.get_close_matches(said.strip(), names, n=1, cutoff=0.4)
    return close[0] if close else None


def _position(wanted: str, count: int) -> int | None:
    if re.search(r"\b(?:last|final|end)\b", wanted):
        return count - 1
    if re.search(r"\b(?:penultimate|second[- ]to[- ]last|next[- ]to[- ]last)\b", wanted):
        return count - 2 if count > 1 else None
    for word, n in _ORDINALS.items():
        if re.search(rf"\b{word}\b", wanted) and n <= count:
            return n - 1
    number = re.fullmatch(r"(?:stage|step|column|no\.?|number|#)\s*(\d{1,2})", wanted)
    if number and 1 <= int(number.group(1)) <= count:
        return int(number.group(1)) - 1
    return None


def _phase_by_name(text: str) -> list[object]:
    """A phase named outright ('consideration', 'retention')."""
    from ..vocab import Phase

    return [p for p in Phase if p.value == text.strip() or p.value.replace("_", " ") == text]
