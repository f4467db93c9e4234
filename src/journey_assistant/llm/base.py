"""The provider interface every engine implements, and its errors."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from ..errors import ModelError

T = TypeVar("T", bound=BaseModel)


class ModelUnavailable(ModelError):
    """Timeouts, rate limits, connection failures and server errors, after bounded retries."""


class ModelAuthError(ModelError):
    """The key was refused."""


class ModelOutputError(ModelError):
    """The model's output was not valid for the schema, even after one re-ask."""


class ModelRefusal(ModelError):
    """The model declined to answer."""


@dataclass
class Usage:
    """Tokens and timing of one model call."""

    purpose: str
    method: str
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    ok: bool = True
    cached: bool = False  # answered from the evaluation cache: no model call was made


@dataclass
class CallLog:
    """Everything a provider did for one task."""

    calls: list[Usage] = field(default_factory=list)

    @property
    def input_tokens(self) -> int:
        return sum(c.input_tokens for c in self.calls)

    @property
    def output_tokens(self) -> int:
        return sum(c.output_tokens for c in self.calls)


class RateGate:
    """Backoff shared by every caller of one server: after a rate limit, all of them wait.

    Threads that share a gate stop sending once any of them is told to slow down, instead of
    each hammering the server with its own retries.
    """

    def __init__(self, clock: Any = time.monotonic, sleep: Any = time.sleep) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._until = 0.0
        self.holds = 0

    def hold(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` from now (extends, never shortens, a current hold)."""
        with self._lock:
            self._until = max(self._until, self._clock() + seconds)
            self.holds += 1

    def wait(self) -> float:
        """Sleep until the hold is over; returns the seconds slept."""
        with self._lock:
            remaining = self._until - self._clock()
        if remaining > 0:
            self._sleep(remaining)
            return remaining
        return 0.0


class Provider(Protocol):
    """A text engine. ``offline`` has no model; others return validated pydantic objects."""

    name: str
    is_offline: bool
    log: CallLog

    def structured(self, messages: list[Any], schema: type[T], *, purpose: str) -> T:
        """Ask for an object of ``schema``; raise a :class:`ModelError` subclass on failure."""
        ...
