"""A conversation played turn by turn outside the app: `journey chat` in a terminal, and
`journey chat --script FILE --json` for tests and teams who script their work.

Each turn is recorded as plain data: the message, how it was read (intent and slots), the reply,
the proposal waiting for "accept" and the current map.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .assistant import Assistant

__all__ = ["play", "script_lines", "turn"]


def script_lines(text: str) -> list[str]:
    """The messages of a script: one per line; blank lines and lines starting with # skipped."""
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def turn(assistant: Assistant, message: str) -> dict[str, Any]:
    """Answer one message and return the turn as JSON-ready data."""
    reply = assistant.respond(message)
    assistant.history += [
        {"role": "user", "content": message},
        {"role": "assistant", "content": reply.text},
    ]
    session = assistant.session
    return {
        "message": message,
        "intent": reply.intent,
        "slots": reply.slots,
        "reply": reply.text,
        "pending": [change.to_json() for change in session.pending],
        "map": session.map.model_dump(mode="json", exclude_none=True) if session.map else None,
    }


def play(assistant: Assistant, messages: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Each message of a conversation in order, answered by the same assistant."""
    for message in messages:
        yield turn(assistant, message)
