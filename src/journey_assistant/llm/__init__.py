"""Engines behind one small interface, chosen by a model string.

``offline`` is built in and the default when no key is set; ``openai:MODEL`` uses any
OpenAI-compatible server (``OPENAI_BASE_URL`` for Ollama, vLLM, LM Studio, llama.cpp); any other
``PROVIDER:MODEL`` (``ollama:llama3.2``, ``anthropic:claude-sonnet-4-5``...) is made by LangChain's
``init_chat_model`` when the provider's integration package is installed. Timeouts and retries
for every engine come from :data:`LIMITS`.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import MissingExtra, UserInputError
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
# One place for how long and how often a model is asked: every provider (and the chat agent,
# which calls the same chat model) gets these unless a caller passes its own.
LIMITS: dict[str, float] = {"timeout": 60.0, "max_attempts": 3, "budget_seconds": 120.0}
# Providers with an extra of their own in pyproject.toml.
_EXTRA_OF = {"ollama": "ollama", "anthropic": "anthropic"}

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
            **{**LIMITS, **options},
        )
    if kind and model:
        return _langchain_provider(kind, model, options)
    raise UserInputError(
        f"unknown model {name!r}; use 'offline', 'openai:MODEL' or another PROVIDER:MODEL "
        "that LangChain knows (ollama:llama3.2, anthropic:claude-sonnet-4-5...)."
    )


def _langchain_provider(kind: str, model: str, options: dict[str, Any]) -> Provider:
    """Any chat model LangChain's ``init_chat_model`` can make, behind the same interface as the
    OpenAI one (structured output through tool calling, bounded retries, clear errors)."""
    from .openai import OpenAIProvider

    try:
        from langchain.chat_models import init_chat_model
    except ImportError:
        raise MissingExtra(
            f"the {kind} engine needs LangChain: pip install 'journey-assistant[llm]'"
        ) from None
    settings = {**LIMITS, **options}
    chat_model = options.pop("chat_model", None)
    if chat_model is None:
        try:
            chat_model = init_chat_model(
                model,
                model_provider=kind,
                temperature=options.get("temperature", 0.2),
                timeout=settings["timeout"],
                max_retries=0,  # our own loop retries, within its time budget
            )
        except ImportError as exc:
            package = _package_named(str(exc)) or f"langchain-{kind}"
            extra = _EXTRA_OF.get(kind)
            how = f"pip install 'journey-assistant[{extra}]'" if extra else f"pip install {package}"
            raise MissingExtra(
                f"the {kind} engine needs the package {package}, which is not installed: {how}"
            ) from None
        except ValueError as exc:
            if "Unsupported" in str(exc):
                raise UserInputError(
                    f"unknown model provider {kind!r}; use offline, openai, ollama, anthropic or "
                    "another provider LangChain supports."
                ) from None
            raise UserInputError(f"{kind}:{model}: {str(exc).splitlines()[0]}") from None
    return OpenAIProvider(
        model,
        chat_model=chat_model,
        methods=("function_calling",),
        label=f"{kind}:{model}",
        **{k: v for k, v in settings.items() if k != "chat_model"},
    )


def _package_named(message: str) -> str | None:
    """The pip package an import error from LangChain asks for ('pip install langchain-x')."""
    import re

    found = re.search(r"pip install (?:-U )?([A-Za-z0-9_.\-\[\]]+)", message)
    return found.group(1).strip("`'\".") if found else None
