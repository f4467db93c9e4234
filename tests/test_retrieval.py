"""Retrieval over the built-in guidance with the real offline embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from journey_assistant.cli import cli
from journey_assistant.config import Settings
from journey_assistant.knowledge.catalog import knowledge_dir
from journey_assistant.knowledge.store import KnowledgeBase

pytestmark = pytest.mark.slow
QUESTIONS = yaml.safe_load(
    (Path(__file__).parent / "data" / "retrieval_questions.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    base = KnowledgeBase(Settings(data_dir=tmp_path_factory.mktemp("kb")))
    assert base.ensure_guidance() > 100  # first use indexes every guide
    return base


def test_question_set_is_large_enough() -> None:
    assert len(QUESTIONS) >= 30
    guides = {p.name for p in (knowledge_dir() / "guides").glob("*.md")}
    assert all(set(q["expected"]) <= guides for q in QUESTIONS)


def test_recall_at_5_is_at_least_0_9(kb: KnowledgeBase) -> None:
    misses = []
    for case in QUESTIONS:
        sources = {s.source for s in kb.search(case["question"], k=5)}
        if not sources & set(case["expected"]):
            misses.append((case["question"], sorted(sources)))
    recall = 1 - len(misses) / len(QUESTIONS)
    print(f"recall@5 = {recall:.3f} over {len(QUESTIONS)} questions")
    assert recall >= 0.9, misses


def test_snippets_carry_what_a_citation_needs(kb: KnowledgeBase) -> None:
    snippets = kb.search("how do I map emotions?", k=5)
    assert len(snippets) == 5
    top = snippets[0]
    assert top.source == "emotions-and-moments-of-truth.md"
    assert top.id.startswith("guide:emotions-and-moments-of-truth:")
    assert top.title and top.heading and top.text and 0 < top.score <= 1
    assert [s.score for s in snippets] == sorted((s.score for s in snippets), reverse=True)
    assert kb.search("how do I map emotions?", k=5) == snippets  # stable


def test_guidance_is_not_reindexed_when_unchanged(kb: KnowledgeBase) -> None:
    before = kb.embedder.texts_embedded
    assert kb.ensure_guidance() == 0
    assert kb.embedder.texts_embedded == before


def test_ask_command_prints_sources(data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "how do I map emotions?", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert "emotions-and-moments-of-truth.md >" in result.output
    assert len([ln for ln in result.output.splitlines() if ln.startswith("[")]) == 3
    empty = CliRunner().invoke(cli, ["ask", "  "])
    assert empty.exit_code == 2 and "question is empty" in empty.output


def test_a_new_data_folder_takes_the_guides_vectors_from_the_cache_folder(tmp_path: Path) -> None:
    """The guides' vectors come from the guides and the model alone: a second data folder that
    shares the cache folder embeds nothing and finds the same; a damaged cache is remade."""
    from tests.helpers import HashingEmbedder

    def base(folder: str) -> KnowledgeBase:
        settings = Settings(data_dir=tmp_path / folder, cache_dir=tmp_path / "cache")
        return KnowledgeBase(settings, embedder=HashingEmbedder())

    first = base("a")
    written = first.ensure_guidance()
    assert written > 100 and first.embedder.texts_embedded == written
    second = base("b")
    assert second.ensure_guidance() == written and second.embedder.texts_embedded == 0
    question = "how do I map emotions?"
    assert second.search(question, k=5) == first.search(question, k=5)
    (kept,) = (tmp_path / "cache").glob("guidance-*.npz")
    kept.write_bytes(b"not vectors")
    third = base("c")
    assert third.ensure_guidance() == written and third.embedder.texts_embedded == written
    assert third.search(question, k=5) == first.search(question, k=5)
