"""A response cache for evaluation runs: the same request is answered once.

Keyed on the model, a hash of the prompt (every message), the parameters (temperature, token
limit, output schema, purpose) and the repeat index, so ``--repeat 3`` still asks three times on
the first run. Only answers that validated are stored: errors are never cached.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from ..llm.base import CallLog, Provider, T, Usage


class ResponseCache:
    """Validated model answers in one SQLite file, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, model TEXT, purpose TEXT, "
            "answer TEXT, input_tokens INTEGER, output_tokens INTEGER, created REAL)"
        )
        self._db.commit()

    def get(self, key: str) -> tuple[str, int, int] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT answer, input_tokens, output_tokens FROM answers WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def put(self, key: str, model: str, purpose: str, answer: str, tokens: tuple[int, int]) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, model, purpose, answer, tokens[0], tokens[1], time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def request_key(
    model: str,
    messages: list[Any],
    schema: type[Any],
    purpose: str,
    params: dict[str, Any],
    repeat: int,
) -> str:
    """The cache key of one structured request."""
    prompt = json.dumps(
        [[getattr(m, "type", type(m).__name__), str(getattr(m, "content", m))] for m in messages]
    )
    shape = json.dumps(schema.model_json_schema(), sort_keys=True)
    payload = {
        "model": model,
        "prompt": hashlib.sha256(prompt.encode()).hexdigest(),
        "schema": hashlib.sha256(shape.encode()).hexdigest(),
        "purpose": purpose,
        "params": params,
        "repeat": repeat,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class CachingProvider:
    """Wraps a provider: answers from the cache when it can, stores what validated."""

    def __init__(self, inner: Provider, cache: ResponseCache, repeat: int = 0) -> None:
        self.inner = inner
        self.cache = cache
        self.repeat = repeat
        self.name = inner.name
        self.is_offline = inner.is_offline
        self.log: CallLog = inner.log  # the same log: cache hits are recorded beside real calls

    def structured(self, messages: list[Any], schema: type[T], *, purpose: str) -> T:
        params = dict(getattr(self.inner, "params", {}))
        key = request_key(self.name, messages, schema, purpose, params, self.repeat)
        hit = self.cache.get(key)
        if hit is not None:
            answer, tokens_in, tokens_out = hit
            self.log.calls.append(
                Usage(purpose, "cache", tokens_in, tokens_out, seconds=0.0, cached=True)
            )
            return schema.model_validate_json(answer)
        before = len(self.log.calls)
        result = self.inner.structured(messages, schema, purpose=purpose)  # errors propagate
        made = self.log.calls[before:]
        tokens = (sum(c.input_tokens for c in made), sum(c.output_tokens for c in made))
        self.cache.put(key, self.name, purpose, result.model_dump_json(), tokens)
        return result
