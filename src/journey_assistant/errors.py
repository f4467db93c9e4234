"""Exceptions. One root, :class:`JourneyError`; every message says what to do next.

User mistakes (:class:`UserInputError` and its subclasses) are kept apart from model
misbehaviour (:class:`ModelError`) so the CLI and UI can word them differently. The CLI
turns any ``JourneyError`` into a one-line message and exit status 2 (user input) or 1.
"""

from __future__ import annotations


class JourneyError(Exception):
    """Root of every error Journey Assistant raises on purpose."""

    exit_code = 1


class UserInputError(JourneyError):
    """The user gave something we cannot use; the message says how to fix it."""

    exit_code = 2


class MapFormatError(UserInputError):
    """A map file or text could not be read as a journey map."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + message)


class ModelError(JourneyError):
    """The language model failed or misbehaved (timeout, rate limit, invalid output)."""
