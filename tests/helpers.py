"""Test helpers shared by several test files."""

from __future__ import annotations

import textwrap
from typing import Any

# A deterministic bag-of-words embedder: fast, no model, counts what it embeds. Kept as source
# so that a test can run the very same class in a subprocess.
HASHING = textwrap.dedent("""
    import hashlib, math, re, time
    class HashingEmbedder:
        name = "test-hashing"
        def __init__(self, delay=0.0):
            self.calls = self.texts_embedded = 0
            self.delay = delay
        def embed(self, texts):
            time.sleep(self.delay)
            self.calls += 1
            self.texts_embedded += len(texts)
            out = []
            for text in texts:
                vec = [0.0] * 512
                for word in re.findall(r"[a-z0-9]+", text.lower()):
                    vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
                norm = math.sqrt(sum(v * v for v in vec)) or 1.0
                out.append([v / norm for v in vec])
            return out
""")

_namespace: dict[str, Any] = {}
exec(HASHING, _namespace)  # noqa: S102 - our own source, defined just above
HashingEmbedder: Any = _namespace["HashingEmbedder"]


def context_map(name: str) -> Any:
    """One of the maps the chat's labelled messages are read against
    (``tests/data/context_maps/<name>.json``)."""
    from pathlib import Path

    from journey_assistant.api import load_map

    return load_map(Path(__file__).parent / "data" / "context_maps" / f"{name}.json")
