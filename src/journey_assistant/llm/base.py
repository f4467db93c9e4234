"""The provider interface every engine implements, and its errors."""

from __future__ import annotations

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


class Provider(Protocol):
    """A text engine. ``offline`` has no model; others return validated pydantic objects."""

    name: str
    is_offline: bool
    log: CallLog

    def structured(self, messages: list[Any], schema: type[T], *, purpose: str) -> T:
        """Ask for an object of ``schema``; raise a :class:`ModelError` subclass on failure."""
        ...
