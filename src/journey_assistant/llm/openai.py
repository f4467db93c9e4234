"""Any OpenAI-compatible chat server through LangChain's ``ChatOpenAI``.

Structured output is asked for with a JSON schema where the server supports it, else with
function calling, else with JSON mode; a method the server refuses is not tried again. Invalid
output is fed back once (a re-ask). Timeouts, rate limits (honouring Retry-After), server errors
and dropped connections are retried a bounded number of times within a wall-time budget.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from .base import (
    CallLog,
    ModelAuthError,
    ModelError,
    ModelOutputError,
    ModelRefusal,
    ModelUnavailable,
    RateGate,
    T,
    Usage,
)

METHODS = ("json_schema", "function_calling", "json_mode")
_REFUSAL = re.compile(
    r"\b(i can(?:'|no)t|i am unable|i'm unable|i won't|i will not|as an ai)\b", re.IGNORECASE
)


class _MethodRefused(Exception):
    """The server does not support this structured-output method."""


def _reask(reply: Any, problem: str, tool: str) -> list[Any]:
    """The messages that send an invalid answer back once. A tool call (or an empty answer) is
    quoted in a user message rather than replayed: replaying a call needs a tool message after
    it, and some compatible servers (llama.cpp's) refuse an assistant turn with no content."""
    from langchain_core.messages import HumanMessage

    calls = getattr(reply, "tool_calls", None) or []
    extra = getattr(reply, "additional_kwargs", None) or {}
    raw_calls = extra.get("tool_calls") or []
    content = reply.content if isinstance(getattr(reply, "content", None), str) else ""
    if calls or raw_calls or extra.get("function_call") or not content.strip():
        if calls:
            given = json.dumps(calls[0].get("args", {}), ensure_ascii=False)
        elif raw_calls:
            given = str((raw_calls[0].get("function") or {}).get("arguments", ""))
        else:
            given = str((extra.get("function_call") or {}).get("arguments", ""))
        return [
            HumanMessage(
                f"Your call of {tool} with {given[:1500] or 'nothing'} was not valid: {problem}. "
                f"Call {tool} again with the complete object."
            )
        ]
    return [
        reply,
        HumanMessage(
            f"Your answer was not valid: {problem}. Reply again with the complete object, "
            "valid against the schema, and nothing else."
        ),
    ]


class OpenAIProvider:
    """A chat model on an OpenAI-compatible API, with structured output and bounded retries."""

    is_offline = False

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_attempts: int = 3,
        budget_seconds: float = 120.0,
        chat_model: Any = None,
        methods: tuple[str, ...] = METHODS,
        sleep: Callable[[float], None] = time.sleep,
        temperature: float = 0.2,
        max_tokens: int | None = None,
        gate: RateGate | None = None,
        label: str | None = None,
    ) -> None:
        self.name = label or f"openai:{model}"
        self.model = model
        self.params: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}
        self.gate = gate
        self.max_attempts = max_attempts
        self.budget_seconds = budget_seconds
        self.methods = list(methods)
        self.log = CallLog()
        self._sleep = sleep
        if chat_model is None:
            from langchain_openai import ChatOpenAI

            # LangChain sends the bound as `max_completion_tokens`, which OpenAI reads and some
            # compatible servers (llama.cpp's) ignore, generating to the end of the context;
            # `max_tokens` in the body bounds those too.
            compatible = base_url is not None and "api.openai.com" not in base_url
            chat_model = ChatOpenAI(
                model=model,
                base_url=base_url,
                api_key=api_key,
                timeout=timeout,
                max_retries=0,
                temperature=temperature,
                max_tokens=max_tokens,
                extra_body={"max_tokens": max_tokens} if compatible and max_tokens else None,
            )
        self.chat_model = chat_model

    # --- public ------------------------------------------------------------------------------

    def structured(self, messages: list[Any], schema: type[T], *, purpose: str) -> T:
        last: Exception | None = None
        for method in list(self.methods):
            try:
                return self._with_reask(method, messages, schema, purpose)
            except _MethodRefused as exc:
                self.methods.remove(method)
                last = exc
        raise ModelError(
            f"{self.name} supports none of JSON schema, function calling or JSON "
            f"mode ({last}); use another model or the offline engine."
        )

    # --- internals ---------------------------------------------------------------------------

    def _bound(self, method: str, schema: type[BaseModel]) -> Any:
        if method == "json_schema":
            return self.chat_model.bind(
                response_format={
                    "type": "json_schema",
                    "json_schema": {
                        "name": schema.__name__,
                        "schema": schema.model_json_schema(),
                        "strict": False,
                    },
                }
            )
        if method == "function_calling":
            tool = {
                "type": "function",
                "function": {
                    "name": schema.__name__,
                    "description": (schema.__doc__ or "").strip()[:500],
                    "parameters": schema.model_json_schema(),
                },
            }
            return self.chat_model.bind_tools([tool], tool_choice=schema.__name__)
        return self.chat_model.bind(response_format={"type": "json_object"})

    def _with_reask(self, method: str, messages: list[Any], schema: type[T], purpose: str) -> T:
        from langchain_core.messages import HumanMessage

        conversation = list(messages)
        if method == "json_mode":
            conversation.append(
                HumanMessage(
                    "Reply with one JSON object only, valid against this JSON Schema:\n"
                    + json.dumps(schema.model_json_schema())
                )
            )
        problem = ""
        for attempt in range(2):  # the first answer and one re-ask
            reply = self._invoke(method, conversation, schema, purpose)
            try:
                return self._parse(method, reply, schema)
            except ModelRefusal:
                raise
            except (ValidationError, ValueError) as exc:
                problem = _summarise(exc)
                if attempt == 0:
                    conversation += _reask(reply, problem, schema.__name__)
        raise ModelOutputError(f"{self.name} returned invalid output twice ({problem}).")

    def _invoke(
        self, method: str, messages: list[Any], schema: type[BaseModel], purpose: str
    ) -> Any:
        import openai

        bound = self._bound(method, schema)
        deadline = time.monotonic() + self.budget_seconds
        retryable: tuple[type[BaseException], ...] = (
            openai.APITimeoutError,
            openai.APIConnectionError,
            *_CONNECTION_ERRORS,
        )
        for attempt in range(1, self.max_attempts + 1):
            if self.gate is not None:
                self.gate.wait()
            started = time.monotonic()
            try:
                reply = bound.invoke(messages)
            except (openai.AuthenticationError, openai.PermissionDeniedError):
                raise ModelAuthError(
                    f"{self.name}: the API key was refused; check OPENAI_API_KEY."
                ) from None
            except openai.NotFoundError:
                raise ModelError(
                    f"{self.name}: the server does not know model {self.model!r}."
                ) from None
            except (
                openai.BadRequestError,
                openai.UnprocessableEntityError,
                openai.InternalServerError,
            ) as exc:
                if _mentions_method(str(exc)):
                    raise _MethodRefused(str(exc)[:200]) from None
                if isinstance(exc, openai.InternalServerError):
                    wait = self._retry_wait(None, attempt, deadline)
                    self._record(purpose, method, started, ok=False)
                    if wait is None:
                        raise ModelUnavailable(
                            f"{self.name}: server error after {attempt} attempt(s)."
                        ) from None
                    self._sleep(wait)
                    continue
                raise ModelError(f"{self.name} rejected the request: {str(exc)[:200]}") from None
            except openai.RateLimitError as exc:
                self._record(purpose, method, started, ok=False)
                wait = self._retry_wait(_retry_after(exc), attempt, deadline)
                if self.gate is not None:
                    self.gate.hold(wait if wait is not None else 1.0)
                if wait is None:
                    raise ModelUnavailable(
                        f"{self.name}: rate limited after {attempt} attempt(s); try again later."
                    ) from None
                if self.gate is None:  # with a gate, its wait() at the loop's top sleeps
                    self._sleep(wait)
                continue
            except retryable as exc:
                self._record(purpose, method, started, ok=False)
                wait = self._retry_wait(None, attempt, deadline)
                kind = (
                    "timed out"
                    if isinstance(exc, openai.APITimeoutError | TimeoutError)
                    or "timeout" in type(exc).__name__.lower()
                    else "could not be reached"
                )
                if wait is None:
                    raise ModelUnavailable(
                        f"{self.name} {kind} after {attempt} attempt(s)."
                    ) from None
                self._sleep(wait)
                continue
            except ModelError:
                raise
            except Exception as exc:  # another provider's own error: one clear line
                self._record(purpose, method, started, ok=False)
                detail = " ".join(str(exc).split())[:200]
                raise ModelError(f"{self.name} failed: {type(exc).__name__}: {detail}") from None
            self._record(purpose, method, started, reply=reply)
            return reply
        raise ModelUnavailable(f"{self.name}: no answer after {self.max_attempts} attempts.")

    def _retry_wait(self, retry_after: float | None, attempt: int, deadline: float) -> float | None:
        if attempt >= self.max_attempts:
            return None
        wait = retry_after if retry_after is not None else min(2.0 ** (attempt - 1), 8.0)
        if time.monotonic() + wait > deadline:
            return None
        return wait

    def _record(
        self, purpose: str, method: str, started: float, reply: Any = None, ok: bool = True
    ) -> None:
        usage = getattr(reply, "usage_metadata", None) or {}
        self.log.calls.append(
            Usage(
                purpose=purpose,
                method=method,
                input_tokens=int(usage.get("input_tokens", 0)),
                output_tokens=int(usage.get("output_tokens", 0)),
                seconds=round(time.monotonic() - started, 3),
                ok=ok,
            )
        )

    def _parse(self, method: str, reply: Any, schema: type[T]) -> T:
        meta = getattr(reply, "response_metadata", {}) or {}
        if method == "function_calling" and getattr(reply, "tool_calls", None):
            return schema.model_validate(reply.tool_calls[0]["args"])
        content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        if meta.get("finish_reason") == "length":
            raise ValueError("the answer was cut off (too long); answer more briefly")
        if not content.strip():
            raise ValueError("the answer was empty")
        data = _extract_json(content)
        if data is None:
            if _REFUSAL.search(content):
                raise ModelRefusal(f"{self.name} declined: {content.strip()[:160]}")
            raise ValueError("the answer was not JSON")
        return schema.model_validate(data)


def _connection_errors() -> tuple[type[BaseException], ...]:
    """What other providers' clients raise when the server is down or slow (httpx, which the
    Ollama and Anthropic clients use, and the standard library's)."""
    found: list[type[BaseException]] = [ConnectionError, TimeoutError]
    try:
        import httpx

        found += [httpx.ConnectError, httpx.TimeoutException, httpx.RemoteProtocolError]
    except ImportError:  # pragma: no cover - httpx comes with the openai client
        pass
    return tuple(found)


_CONNECTION_ERRORS = _connection_errors()


def _extract_json(text: str) -> Any:
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    candidate = fenced.group(1) if fenced else text
    start = candidate.find("{")
    if start < 0:
        return None
    try:
        return json.loads(candidate[start : candidate.rfind("}") + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at character {exc.pos})") from None


def _summarise(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        return "; ".join(parts)
    return str(exc)[:300]


def _mentions_method(message: str) -> bool:
    low = message.lower()
    return any(
        k in low
        for k in (
            "response_format",
            "json_schema",
            "tool_choice",
            "tools",
            "function",
            "json_object",
        )
    )


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
