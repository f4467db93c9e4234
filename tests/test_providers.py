"""Any provider by name: model strings resolve through LangChain's init_chat_model, a missing
package names what to install, a provider with no server gives one clear line, and retries and
timeouts come from one place."""

from __future__ import annotations

import socket
import sys
import time

import pytest
from click.testing import CliRunner

from journey_assistant.cli import cli
from journey_assistant.errors import MissingExtra, UserInputError
from journey_assistant.llm import LIMITS, get_provider

BRIEF = "We run a dog grooming salon in Bristol. Owners book online through Fresha; no-shows hurt."


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens


def test_a_provider_whose_package_is_missing_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from langchain.chat_models import base

    monkeypatch.setitem(sys.modules, "langchain_anthropic", None)
    base._get_chat_model_creator.cache_clear()
    with pytest.raises(MissingExtra, match=r"langchain-anthropic.*journey-assistant\[anthropic\]"):
        get_provider("anthropic:claude-sonnet-4-5")
    result = CliRunner().invoke(cli, ["draft", "--model", "anthropic:claude-sonnet-4-5", BRIEF])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: the anthropic engine needs the package langchain-anthropic, which is not "
        "installed: pip install 'journey-assistant[anthropic]'"
    ]


def test_an_unknown_provider_or_model_string_is_refused_clearly() -> None:
    with pytest.raises(UserInputError, match="unknown model provider 'nosuch'"):
        get_provider("nosuch:model")
    with pytest.raises(UserInputError, match="unknown model 'gpt-4'"):
        get_provider("gpt-4")


def test_ollama_with_no_server_falls_back_with_one_clear_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("langchain_ollama")
    from journey_assistant.drafting import draft_map

    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{_closed_port()}")
    provider = get_provider("ollama:llama3.2")
    assert provider.name == "ollama:llama3.2"
    started = time.monotonic()
    result = draft_map(BRIEF, provider=provider, retriever=lambda query, k: [])
    assert time.monotonic() - started < 30  # three attempts, 1 s and 2 s apart, then offline
    assert result.engine == "offline" and result.map.stages
    assert result.fallback_reason == "ollama:llama3.2 could not be reached after 3 attempt(s)."


def test_retries_and_timeouts_come_from_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    provider = get_provider("openai:stub")
    assert provider.max_attempts == LIMITS["max_attempts"]  # type: ignore[attr-defined]
    assert provider.budget_seconds == LIMITS["budget_seconds"]  # type: ignore[attr-defined]
    assert provider.chat_model.request_timeout == LIMITS["timeout"]  # type: ignore[attr-defined]
    bounded = get_provider("openai:stub", max_attempts=1)
    assert bounded.max_attempts == 1  # type: ignore[attr-defined]
