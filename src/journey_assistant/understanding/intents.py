"""What a chat message asks for, read by meaning: a small classifier trained on a labelled bank.

The bank (``examples.yaml``, 1,836 messages over the intents of ``intents.yaml``) is embedded
once with the sentence model the project ships (all-MiniLM-L6-v2). A linear classifier (softmax
regression, trained here with NumPy in a few seconds) reads each message from two views: its
sentence vector (what it means) and its hashed character n-grams (the words it uses, robust to
typos: "undo", "pdf", "rename"). Vectors and weights are cached under the data directory, keyed
by the bank, the model and the features, so only the first use trains. The conversation's state
adjusts the reading: "yes please" is an accept only when a change is waiting, and edits need a
map. When the best reading is weak or two intents are close, the reading says so, so the
assistant can ask which one was meant.

Why this classifier: on the labelled test set (``tests/data/messages.yaml``, written apart from
the bank) the nearest example alone read 0.81 of messages right (0.77 held out); the classifier
over the sentence vector alone 0.89, and over both views 0.94 (see ``tests/test_intents.py`` for
the held-out figure). SetFit would fine-tune the sentence model itself (torch, minutes of
training); a linear layer over the frozen model keeps start-up and tests fast, and adding an
example to the bank still fixes a miss with no separate training step.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge.embeddings import Embedder
from ..resources import read_yaml

# Intents that change or read the current map: unlikely when there is no map yet.
NEEDS_MAP = {
    "critique", "whats_missing", "rank_stage", "explain_finding", "explain_stage", "add_stage",
    "rename_stage", "move_stage", "remove_stage", "merge_stages", "split_stage", "add_touchpoint",
    "remove_touchpoint", "set_emotion", "add_pain_point", "add_opportunity", "add_kpi",
    "add_owner", "stage_kpis", "improve_map", "export", "undo", "redo", "list_versions",
    "compare_versions", "map_question", "redraft", "show_map",
}  # fmt: skip
NEEDS_PENDING = {"accept", "reject"}
CONTEXT_PENALTY = 2.0  # log-odds taken off an intent the conversation's state makes unlikely
SURE = 0.25  # a reading at least this probable is a confident one ...
NEAR = 0.42  # ... when some example in the bank is at least this similar to the message
CLOSE = 0.05  # two intents this close in probability are both offered
GRAM_DIM = 4096  # hashed character n-grams (2-5 letters, within words)
REGULARISATION = 32.0  # inverse strength of the L2 penalty (as scikit-learn's C)
TRAIN_STEPS = 250  # full-batch Adam steps; accuracy is flat from about 200
FEATURES = "minilm+grams4096-v1"  # part of the cache key: change it when the features change


@dataclass(frozen=True)
class IntentReading:
    """The intent a message was read as, how sure, the example that decided it, and the next
    likeliest intents (for a clarifying question)."""

    intent: str
    confidence: float
    example: str
    alternatives: tuple[tuple[str, float], ...] = ()
    nearness: float = 1.0  # cosine similarity of the nearest example in the whole bank

    @property
    def far(self) -> bool:
        """No example in the bank is near the message: it is unlike anything people ask."""
        return self.nearness < NEAR

    @property
    def unsure(self) -> bool:
        close = bool(self.alternatives) and self.confidence - self.alternatives[0][1] < CLOSE
        return self.confidence < SURE or self.far or close


@cache
def example_bank() -> tuple[tuple[str, str], ...]:
    """(intent, example) pairs from the packaged bank, in file order."""
    data: dict[str, list[str]] = read_yaml(Path(__file__).with_name("examples.yaml"))
    return tuple((intent, example) for intent, examples in data.items() for example in examples)


class IntentReader:
    """Reads messages with a classifier trained on the example bank and an embedder (the
    shipped sentence model by default). Bank vectors and weights are cached in ``cache_dir``
    (keyed by the bank, the model and the features), so only the first use embeds the bank
    and trains."""

    def __init__(self, embedder: Embedder | None = None, cache_dir: Path | None = None) -> None:
        self._embedder = embedder
        self._cache_dir = cache_dir
        self._matrix: Any = None
        self._weights: Any = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from ..knowledge.embeddings import get_embedder

            self._embedder = get_embedder("local")
        return self._embedder

    def _key(self) -> str:
        name = getattr(self.embedder, "name", type(self.embedder).__name__)
        bank = "\n".join(f"{i}\t{e}" for i, e in example_bank())
        return hashlib.sha256(f"{name}\n{FEATURES}\n{bank}".encode()).hexdigest()[:16]

    def _cached(self, suffix: str, rows: int) -> Any:
        import numpy as np

        if self._cache_dir is None:
            return None
        path = self._cache_dir / f"intents-{self._key()}{suffix}.npy"
        try:
            matrix = np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            return None  # missing or damaged: rebuilt
        return matrix if matrix.shape[0] == rows else None

    def _store(self, suffix: str, matrix: Any) -> None:
        if self._cache_dir is not None:
            _save(self._cache_dir / f"intents-{self._key()}{suffix}.npy", matrix)

    def _bank_matrix(self) -> Any:
        """The bank's sentence vectors, one row per example, unit length."""
        import numpy as np

        if self._matrix is None:
            bank = example_bank()
            matrix = self._cached("", len(bank))
            if matrix is None:
                vectors = self.embedder.embed([e for _, e in bank])
                matrix = _normalise(np.asarray(vectors, dtype="float32"))
                self._store("", matrix)
            self._matrix = matrix
        return self._matrix

    def _classifier(self) -> Any:
        """The weights (features + 1 bias row) x intents, trained on the bank once."""
        import numpy as np

        if self._weights is None:
            rows = self._bank_matrix().shape[1] + GRAM_DIM + 1
            weights = self._cached("-weights", rows)
            if weights is None:
                bank = example_bank()
                features = np.hstack([self._bank_matrix(), grams([e for _, e in bank])])
                labels = [intents().index(i) for i, _ in bank]
                weights = train(features, labels, len(intents()))
                self._store("-weights", weights)
            self._weights = weights
        return self._weights

    def read(self, text: str, *, has_map: bool = True, pending: bool = False) -> IntentReading:
        """The intent of one message, given whether a map is loaded and a change is pending."""
        return self.read_many([(text, has_map, pending)])[0]

    def read_many(self, messages: list[tuple[str, bool, bool]]) -> list[IntentReading]:
        """Several messages at once, each as (text, has_map, pending): one embedding call."""
        import numpy as np

        if not messages:
            return []
        texts = [t for t, _, _ in messages]
        queries = _normalise(np.asarray(self.embedder.embed(texts), dtype="float32"))
        weights = self._classifier()
        logits = np.hstack([queries, grams(texts)]) @ weights[:-1] + weights[-1]
        similarity = queries @ self._bank_matrix().T
        return [
            self._reading(row, near, has_map, pending)
            for row, near, (_, has_map, pending) in zip(logits, similarity, messages, strict=True)
        ]

    @staticmethod
    def _reading(logits: Any, similarity: Any, has_map: bool, pending: bool) -> IntentReading:
        import numpy as np

        names = intents()
        unlikely = [
            (name in NEEDS_MAP and not has_map) or (name in NEEDS_PENDING and not pending)
            for name in names
        ]
        scores = logits - CONTEXT_PENALTY * np.asarray(unlikely, dtype="float32")
        probability = np.exp(scores - scores.max())
        probability /= probability.sum()
        ranked = np.argsort(-probability)
        best = names[int(ranked[0])]
        bank = example_bank()
        example = max(
            (i for i, (intent, _) in enumerate(bank) if intent == best),
            key=lambda i: float(similarity[i]),
        )
        return IntentReading(
            intent=best,
            confidence=round(float(probability[ranked[0]]), 3),
            example=bank[example][1],
            alternatives=tuple(
                (names[int(k)], round(float(probability[k]), 3)) for k in ranked[1:3]
            ),
            nearness=round(float(similarity.max()), 3),
        )


@cache
def intents() -> list[str]:
    """The intents of the bank, in a fixed order (the classifier's columns)."""
    return sorted({intent for intent, _ in example_bank()})


def grams(texts: list[str]) -> Any:
    """Each text's character n-grams (2-5 letters, within words, lower case) hashed into
    ``GRAM_DIM`` counts, log-scaled and made unit length: the words a message uses, close
    for near spellings."""
    import numpy as np

    matrix = np.zeros((len(texts), GRAM_DIM), dtype="float32")
    for row, text in enumerate(texts):
        for word in re.findall(r"\S+", text.lower()):
            padded = f" {word} "
            for size in range(2, 6):
                for at in range(len(padded) - size + 1):
                    matrix[row, zlib.crc32(padded[at : at + size].encode()) % GRAM_DIM] += 1
    return _normalise(np.log1p(matrix))


def train(features: Any, labels: list[int], classes: int) -> Any:
    """Softmax regression with an L2 penalty, by full-batch Adam from zero weights (so the same
    bank always gives the same weights). Returns (features + 1) x classes: the last row is the
    bias."""
    import numpy as np

    n, dims = features.shape
    x = np.hstack([features, np.ones((n, 1), dtype="float32")])
    target = np.eye(classes, dtype="float32")[labels]
    weights = np.zeros((dims + 1, classes), dtype="float32")
    penalty = np.ones((dims + 1, 1), dtype="float32") / (REGULARISATION * n)
    penalty[-1] = 0  # the bias is not penalised
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, TRAIN_STEPS + 1):
        logits = x @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probability = np.exp(logits)
        probability /= probability.sum(axis=1, keepdims=True)
        gradient = x.T @ ((probability - target) / n) + penalty * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        weights -= (0.05 * first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def _normalise(matrix: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _save(path: Path, matrix: Any) -> None:
    import io

    import numpy as np

    from ..files import write_atomic

    buffer = io.BytesIO()
    np.save(buffer, matrix, allow_pickle=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue(), private=True)
