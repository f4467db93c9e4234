"""HTTP-level protections for the app, as one ASGI middleware in front of Gradio.

* **Host check.** A request whose ``Host`` header is not a name this server answers to is
  refused (421), so a web page elsewhere cannot reach a loopback app through DNS rebinding.
* **Login throttle.** After a few wrong passwords from one address, further attempts wait
  (429 with ``Retry-After``), doubling up to a cap.
* **Upload filter.** Files sent to Gradio's upload route must have one of the extensions the
  app reads; anything else is refused (415) before Gradio stores it.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FREE_ATTEMPTS = 5  # wrong passwords allowed per address before the wait starts
BASE_WAIT = 10.0  # seconds after the first throttled failure, doubling each time
MAX_WAIT = 300.0
_FILENAME = re.compile(rb'filename\*?=(?:UTF-8\'\')?"?([^";\r\n]*)', re.IGNORECASE)


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> set[str]:
    """The host names a request may carry: the bind address and loopback names, this machine's
    own names when bound to every interface, and any configured ones."""
    names = {bind.lower(), "localhost", "127.0.0.1", "::1"}
    if bind in ("0.0.0.0", "::", ""):
        hostname = socket.gethostname()
        names |= {hostname.lower(), socket.getfqdn().lower()}
        with contextlib.suppress(OSError):  # a name that does not resolve adds nothing
            names |= set(socket.gethostbyname_ex(hostname)[2])
    names |= {h.strip().lower() for h in extra if h.strip()}
    return names


def _host_of(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:7860
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Throttle:
    """Counts wrong passwords per address and says how long the next attempt must wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # address -> (count, blocked until)

    def wait(self, address: str) -> float:
        with self._lock:
            _, until = self._failures.get(address, (0, 0.0))
            return max(0.0, until - self._clock())

    def failed(self, address: str) -> None:
        with self._lock:
            count, _ = self._failures.get(address, (0, 0.0))
            count += 1
            extra = count - FREE_ATTEMPTS
            until = self._clock() + min(MAX_WAIT, BASE_WAIT * 2 ** (extra - 1)) if extra > 0 else 0
            self._failures[address] = (count, until)

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)


class Guards:
    """The middleware; see the module's docstring."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: set[str],
        upload_extensions: Iterable[str],
        max_upload_bytes: int,
        throttle: Throttle | None = None,
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.extensions = {e.lower() for e in upload_extensions}
        self.max_upload_bytes = max_upload_bytes
        self.throttle = throttle or Throttle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self._known(_host_of(headers.get("host", ""))):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                await _respond(send, 421, "This server does not answer to that host name.")
            return
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        if method == "POST" and path.rstrip("/").endswith("/login"):
            await self._login(scope, receive, send)
            return
        if method == "POST" and path.rstrip("/").endswith("/upload"):
            await self._upload(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _known(self, host: str) -> bool:
        return host in self.hosts or any(
            h.startswith("*.") and host.endswith(h[1:]) for h in self.hosts
        )

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        address = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.wait(address)
        if wait > 0:
            await _respond(
                send,
                429,
                f"Too many wrong passwords; try again in {wait:.0f} s.",
                [(b"retry-after", str(int(wait) + 1).encode())],
            )
            return
        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        await self.app(scope, receive, watch)
        if status and status[0] in (400, 401, 403):
            self.throttle.failed(address)
        elif status and status[0] < 400:
            self.throttle.succeeded(address)

    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the whole request (it is bounded by the upload limit), look at every file name
        in it, then hand the same bytes on to Gradio."""
        messages: list[Message] = []
        size = 0
        more = True
        while more:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_upload_bytes + 64 * 1024:  # the form's own headers add a little
                await _respond(send, 413, "The file is over the upload limit.")
                return
            more = bool(message.get("more_body"))
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        for name in _FILENAME.findall(_part_headers(body)):
            suffix = "." + name.decode("utf-8", "replace").rsplit(".", 1)[-1].lower()
            if "." not in name.decode("utf-8", "replace") or suffix not in self.extensions:
                await _respond(
                    send,
                    415,
                    "This app accepts only maps and documents: "
                    + ", ".join(sorted(self.extensions))
                    + ".",
                )
                return
        replay = iter(messages)

        async def again() -> Message:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, again, send)


def _part_headers(body: bytes) -> bytes:
    """The header blocks of a multipart body (the lines before each part's blank line), so a
    file's own content that happens to say ``filename=`` is not read as a name."""
    first = body.split(b"\r\n", 1)[0]
    if not first.startswith(b"--"):
        return b""
    headers = []
    for part in body.split(first)[1:]:
        head, _, _ = part.partition(b"\r\n\r\n")
        headers.append(head)
    return b"\n".join(headers)


async def _respond(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
