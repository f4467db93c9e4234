"""Engines behind one small interface, chosen by a model string.

``offline`` is built in and the default when no key is set; ``openai:MODEL`` uses any
OpenAI-compatible server (``OPENAI_BASE_URL`` for Ollama, vLLM, LM Studio, llama.cpp).
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import UserInputError
from .base import (
    CallLog,
    ModelAuthError,
    ModelOutputError,
    ModelRefusal,
    ModelUnavailable,
    Provider,
    RateGate,
    Usage,
)

DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"

__all__ = [
    "CallLog",
    "ModelAuthError",
    "ModelOutputError",
    "ModelRefusal",
    "ModelUnavailable",
    "Provider",
    "RateGate",
    "Usage",
    "get_provider",
    "resolve_model",
]


def resolve_model(spec: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The model string to use: the flag, else ``JOURNEY_MODEL``, else ``openai:…`` when a key is
    set, else ``offline``."""
    env = os.environ if environ is None else environ
    chosen = spec or env.get("JOURNEY_MODEL")
    if chosen:
        return chosen
    return f"openai:{DEFAULT_OPENAI_MODEL}" if env.get("OPENAI_API_KEY") else "offline"


def get_provider(spec: str | None = None, **options: Any) -> Provider:
    """The provider for a model string (``offline``, ``openai:gpt-4.1-mini``...)."""
    name = resolve_model(spec)
    if name == "offline":
        from .offline import OfflineProvider

        return OfflineProvider()
    kind, _, model = name.partition(":")
    if kind == "openai":
        from .openai import OpenAIProvider

        given_url = options.pop("base_url", None)
        base_url = given_url or os.environ.get("OPENAI_BASE_URL")
        if options.get("chat_model") is None and not (os.environ.get("OPENAI_API_KEY") or base_url):
            raise UserInputError(
                "the openai engine needs OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                "local server); or use --model offline."
            )
        # The key set for this process goes only to the endpoint set for this process: an
        # address passed in by a caller gets the key passed with it, or none.
        server_endpoint = not given_url or given_url == os.environ.get("OPENAI_BASE_URL")
        api_key = options.pop("api_key", None) or (
            os.environ.get("OPENAI_API_KEY") if server_endpoint else None
        )
        return OpenAIProvider(
            model or DEFAULT_OPENAI_MODEL,
            base_url=base_url,
            api_key=api_key or "not-needed",
            **options,
        )
    raise UserInputError(f"unknown model {name!r}; use 'offline' or 'openai:MODEL'.")
