"""Finding literal cue phrases in text without compiling a regular expression.

The lexicon holds about 1,500 cue phrases. As word-bounded, case-blind regex alternations they
cost about 0.1 s to compile in every new process, which is most of what a one-shot command such
as ``journey critique`` spends on reading. :class:`Phrases` finds the same matches as the
regex ``(?<!\\w)(?:longest|...|short)(?!\\w)`` (with IGNORECASE, a space in a phrase standing for
a run of spaces or hyphens) by looking each phrase up at every word start: building it is a dict
insert per phrase. ``tests/test_phrases.py`` checks that both give the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

_WORD_START = re.compile(r"(?<!\w)\S")  # where a phrase may begin: no word character before it


def _wordlike(char: str) -> bool:
    return char.isalnum() or char == "_"


def _key(text: str, at: int) -> str:
    """The first two letters from ``at``, a space or hyphen read as a space."""
    pair = text[at : at + 2]
    return pair if len(pair) < 2 or not (pair[1] == "-" or pair[1].isspace()) else pair[0] + " "


@lru_cache(maxsize=512)
def _prepared(text: str) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """The text in lower case and the places a phrase may begin, each with its two lookup
    keys (shared by every phrase set that looks at the same text)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: compare letter by letter
        low = "".join(ch.lower()[:1] for ch in text)
    starts = tuple(
        (at, _key(low, at), low[at]) for at in (m.start() for m in _WORD_START.finditer(text))
    )
    return low, starts


@dataclass(frozen=True, slots=True)
class Found:
    """One match, read like a regex match: ``start()``, ``end()``, ``group(0)``."""

    text: str
    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("a phrase match has only group 0")
        return self.text[self.begin : self.stop]


class Phrases:
    """A set of phrases, found case-blind on word boundaries, the longest phrase first at each
    place (as the alternation of the phrases sorted longest first would)."""

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted({w.lower() for w in words if w.strip()}, key=len, reverse=True)
        # looked up by their first two letters (a space or hyphen read as one space); a phrase
        # of one letter by that letter: every phrase of a bucket is longer than the next bucket's
        self._by_start: dict[str, list[tuple[str, ...]]] = {}
        for phrase in ordered:
            self._by_start.setdefault(_key(phrase, 0), []).append(tuple(phrase.split(" ")))

    def finditer(self, text: str) -> Iterator[Found]:
        """Every match, left to right, never overlapping."""
        low, starts = _prepared(text)
        after = 0  # matches never overlap: the next one begins at or after the last one's end
        by_start = self._by_start
        for at, pair, first in starts:
            if at < after or (pair not in by_start and first not in by_start):
                continue
            for key in (pair, first):
                bucket = by_start.get(key)
                end = self._match_at(low, at, bucket) if bucket is not None else None
                if end is not None:
                    yield Found(text, at, end)
                    after = end
                    break

    def search(self, text: str) -> Found | None:
        """The first match, or ``None``."""
        return next(self.finditer(text), None)

    def sub(self, replace: Callable[[Found], str], text: str) -> str:
        """The text with every match replaced by ``replace(match)``."""
        out, last = [], 0
        for found in self.finditer(text):
            out += [text[last : found.begin], replace(found)]
            last = found.stop
        return "".join([*out, text[last:]])

    @staticmethod
    def _match_at(low: str, at: int, bucket: list[tuple[str, ...]]) -> int | None:
        size = len(low)
        for parts in bucket:
            end = at
            for n, part in enumerate(parts):
                if n:  # a space in the phrase: one or more spaces or hyphens in the text
                    gap = end
                    while gap < size and (low[gap] == "-" or low[gap].isspace()):
                        gap += 1
                    if gap == end:
                        break
                    end = gap
                if not low.startswith(part, end):
                    break
                end += len(part)
            else:
                if end >= size or not _wordlike(low[end]):
                    return end
        return None
