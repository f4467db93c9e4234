"""The phrase finder gives exactly the matches of the regex it replaces (issue 17: reading a
brief no longer compiles the lexicon's regexes in every process)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from journey_assistant.understanding.brief import lexicon
from journey_assistant.understanding.phrases import Phrases

ROOT = Path(__file__).resolve().parents[1]


def _regex(words: list[str]) -> re.Pattern[str]:
    """The word-bounded, case-blind alternation the lexicon used to compile."""
    alternatives = sorted({w.lower() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in alternatives)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def _groups() -> list[tuple[str, list[str]]]:
    lex = lexicon()
    groups: list[tuple[str, list[str]]] = [("platforms", list(lex["platforms"]))]
    for name, value in lex.items():
        if isinstance(value, list):
            groups.append((name, [str(v) for v in value]))
        elif isinstance(value, dict) and all(isinstance(v, list) for v in value.values()):
            groups += [(f"{name}.{k}", [str(w) for w in v]) for k, v in value.items()]
    return groups


@cache
def _texts() -> tuple[str, ...]:
    texts = [
        "Pick-up at 5pm, pick up  the cake; PICK - UP later. pre-order, preorder, re-order_now",
        "e-mail us or email us; Book a call! book-a-call? word_book booking",
        "İstanbul café Straße naïve résumé — £20 off, 24/7 support, 50% off",
        "",
        "a",
    ]
    for name in ("dev.yaml", "dev2.yaml"):
        for case in yaml.safe_load((ROOT / "evals/devsets/briefs" / name).read_text()):
            texts.append(str(case["brief"]))
    texts += [
        line
        for path in sorted((ROOT / "tests/data/conversations").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return tuple(texts)


def test_the_lexicon_has_no_phrase_the_finder_reads_differently() -> None:
    for name, words in _groups():
        for word in words:
            assert word == word.strip() and "  " not in word, (name, word)


@pytest.mark.parametrize(("name", "words"), _groups(), ids=[g[0] for g in _groups()])
def test_same_matches_as_the_regex(name: str, words: list[str]) -> None:
    finder, regex = Phrases(words), _regex(words)
    for text in _texts():
        found = [(m.start(), m.end(), m.group(0)) for m in finder.finditer(text)]
        expected = [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text)]
        assert found == expected, (name, text)
        assert finder.sub(lambda m: "_" * len(m.group(0)), text) == regex.sub(
            lambda m: "_" * len(m.group(0)), text
        )


def test_longest_phrase_first_and_word_bounds() -> None:
    finder = Phrases(["pick", "pick up", "up"])
    assert [m.group(0) for m in finder.finditer("Pick-up, then pickup or pick  up")] == [
        "Pick-up",
        "pick  up",
    ]
    assert finder.search("uptown") is None
    assert Phrases(["café"]).search("Le CAFÉ!") is not None
