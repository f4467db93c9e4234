"""The web app through gradio_client on loopback: chat, upload, export, isolation, escaping."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from journey_assistant.config import Settings

pytestmark = pytest.mark.ui


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from journey_assistant.ui.app import launch

    data = tmp_path_factory.mktemp("ui-data")
    _, url, _ = launch(Settings(data_dir=data, port=_free_port(), model="offline"), block=False)
    yield url
    from gradio import close_all

    close_all()


def client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False)


def chat(c: Any, message: str) -> tuple[Any, ...]:
    """Send a message; returns the final outputs (history, map, findings, personas)."""
    job = c.submit(message, api_name="/chat")
    return job.result()


def said(history: list[dict[str, Any]]) -> str:
    """The text of the last chat message (Gradio 6 sends content as a list of parts)."""
    content = history[-1]["content"]
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_app_listens_on_loopback_only(app_url: str) -> None:
    assert app_url.startswith("http://127.0.0.1:")


def test_draft_critique_edit_in_one_session(app_url: str) -> None:
    c = client(app_url)
    history, _, map_html, findings, _ = chat(
        c, "Draft a map: a boutique hotel by the sea, guests book on Booking.com"
    )
    assert "Drafted" in said(history) and "Saved as version 1" in said(history)
    assert "<svg" in map_html and "Booking.com" in map_html and "Critique:" in findings
    history, _, map_html, _, _ = chat(c, "rename Booking to Book a room")
    assert "Proposed change" in said(history)
    history, _, map_html, _, _ = chat(c, "accept")
    assert "version 2" in said(history) and ">Book a room</th>" in map_html


def test_uploaded_map_is_critiqued_and_bad_upload_refused(
    app_url: str, data: Path, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    c = client(app_url)
    history, map_html, findings, _ = c.predict(
        handle_file(str(data / "hotel_grid.csv")), api_name="/upload_map"
    )
    assert "Uploaded **Seaside Hotel guest journey**" in said(history)
    assert "Missing stages" in said(history) and "Check-in" in map_html
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02" * 50)
    history, _, _, _ = c.predict(handle_file(str(junk)), api_name="/upload_map")
    assert "binary file" in said(history)


def test_knowledge_tab_ingests_and_lists_documents(
    app_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradio_client import handle_file
    from tests.helpers import HashingEmbedder

    from journey_assistant.knowledge import embeddings

    monkeypatch.setitem(embeddings._shared, "local", HashingEmbedder())
    doc = tmp_path / "survey.md"
    doc.write_text("# Guest survey\n\nCheck-in rated 2.1 out of 5.")
    status, listing = client(app_url).predict([handle_file(str(doc))], api_name="/ingest")
    assert "1 added" in status and "survey.md" in listing


def test_settings_choose_the_map_type_of_new_drafts(app_url: str) -> None:
    c = client(app_url)
    status = c.predict("offline", "service_blueprint", api_name="/configure")
    assert "service_blueprint" in status
    history, _, map_html, _, _ = chat(c, "Draft a map for our bank branch account opening")
    assert "Customer experience process map" in map_html and "Backstage" in map_html
    status = c.predict("claude:x", "b2b", api_name="/configure")
    assert "choose one of them" in status


def test_map_text_is_escaped(app_url: str) -> None:
    c = client(app_url)
    map_html, status = c.predict(
        None,
        "1. Discover: sees <script>alert(1)</script> on Instagram\n2. Buy: pays on the website",
        api_name="/import_map",
    )
    assert "2 stages" in status
    assert "<script>alert" not in map_html and "&lt;script&gt;" in map_html


def test_ten_concurrent_sessions_do_not_leak(app_url: str) -> None:
    briefs = [
        "boutique hotel",
        "car dealership",
        "retail bank",
        "meal kit box",
        "gym chain",
        "telecom provider",
        "charity",
        "online university",
        "dental clinic",
        "games studio",
    ]

    def run(brief: str) -> tuple[str, str]:
        c = client(app_url)
        chat(c, f"Draft a map for a {brief} with a website and a shop")
        history, _, map_html, _, _ = chat(c, f"add stage Ask about {brief}")
        history, _, map_html, _, _ = chat(c, "accept")
        return brief, map_html

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(run, briefs))
    for brief, map_html in results:
        assert f"Ask about {brief}" in map_html
        others = [b for b in briefs if b != brief]
        assert not any(f"Ask about {o}<" in map_html for o in others)


def test_auth_is_required_when_configured(tmp_path: Path) -> None:
    import httpx

    from journey_assistant.ui.app import launch

    port = _free_port()
    launch(
        Settings(data_dir=tmp_path / "d", port=port, auth="ana:s3cret", model="offline"),
        block=False,
    )
    base = f"http://127.0.0.1:{port}"
    assert httpx.get(f"{base}/config", timeout=10).status_code in (401, 403)
    login = httpx.post(f"{base}/login", data={"username": "ana", "password": "s3cret"}, timeout=10)
    assert login.status_code == 200
    wrong = httpx.post(f"{base}/login", data={"username": "ana", "password": "nope"}, timeout=10)
    assert wrong.status_code in (400, 401)


def test_upload_type_allowlist(tmp_path: Path) -> None:
    from journey_assistant.ui.app import App

    app = App(Settings(data_dir=tmp_path / "d", model="offline"))
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    history, session, *_ = app.upload_map(str(tool), [], None)
    assert "not a map format" in history[-1]["content"] and session.map is None


def test_session_engine_setting_reaches_the_agent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journey_assistant.ui.app import App

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # the server's endpoint
    app = App(Settings(data_dir=tmp_path / "d", model="offline", models="openai:stub"))
    session, status = app.configure("openai:stub", "b2b", None)
    assert "openai:stub" in status and session.map_type == "b2b"
    assistant = app.assistant(session)
    assert assistant.model == "openai:stub"
    assert assistant.chat_model.openai_api_base == "http://127.0.0.1:9/v1"
    other = app.assistant(app.session(None))  # another browser keeps the default engine
    assert other.model == "offline" and other.chat_model is None


def test_the_message_shows_at_once_with_a_sign_of_work(tmp_path: Path) -> None:
    """The first thing the chat sends back is the user's own message and a working note, before
    any answer is made; the panels are left as they are until the answer comes."""
    from journey_assistant.agent.assistant import intents_ready
    from journey_assistant.ui.app import WARMING, WORKING, App

    app = App(Settings(data_dir=tmp_path / "d", model="offline"))
    turn = app.chat("hi", [], None)
    history, session, box, *panels = next(turn)
    note = WORKING if intents_ready() else WARMING  # says so while the model still loads
    assert [m["content"] for m in history] == ["hi", note] and box == ""
    assert all(p == {"__type__": "update"} for p in panels)
    assert app.workspace.conversation(session.id) == []  # nothing answered yet
    *_, (final, *_) = turn
    assert final[-1]["content"] not in (WORKING, WARMING) and final[0]["content"] == "hi"
    assert intents_ready()  # the answer loaded the model: the next note is the short one
    again = next(app.chat("hello", [], session))
    assert again[0][-1]["content"] == WORKING


def test_the_app_warms_up_in_the_background_and_says_when_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a start the app loads the sentence model and indexes the guidance before anyone
    asks; the status line says what it is doing and stops polling once it is ready."""
    import threading

    from journey_assistant.ui import app as ui

    gate, seen = threading.Event(), []

    class Index:
        def ensure_guidance(self) -> int:
            seen.append(ui_app.status)
            gate.wait(10)
            return 3

    ui_app = ui.App(Settings(data_dir=tmp_path / "d", model="offline"))
    monkeypatch.setattr(ui, "warm_intents", lambda: seen.append(ui_app.status))
    monkeypatch.setattr(ui_app, "kb", lambda: Index())
    assert ui_app.status_line()[0] == ""  # nothing warming: no status at all
    worker = threading.Thread(target=ui_app.warm)
    worker.start()
    try:
        for _ in range(100):
            if len(seen) == 2:
                break
            threading.Event().wait(0.05)
        text, timer = ui_app.status_line()
        assert "indexing the guidance" in text and timer.active
        assert "sentence model" in seen[0] and "indexing" in seen[1]
        assert next(ui_app.chat("hi", [], None))[0][-1]["content"] == ui.WARMING
    finally:
        gate.set()
        worker.join(10)
    text, timer = ui_app.status_line()
    assert text == f"_{ui.READY}_" and not timer.active


def test_the_status_line_can_be_read_by_a_client(app_url: str) -> None:
    """Monitoring and the start-up benchmark read the status line through the API (empty when
    the app is not warming up: this one was launched without the background warm-up)."""
    from gradio_client import Client

    text, _timer = Client(app_url, verbose=False).predict(api_name="/status")
    assert text in ("", "_Ready._")


def test_what_is_typed_while_a_reply_streams_is_never_wiped(tmp_path: Path) -> None:
    """The message box is emptied once, when the message is sent; the pieces of the reply that
    follow leave it alone, so the next message typed meanwhile is not lost (a browser test
    lost one this way: it sent an empty message and got the help text)."""
    from gradio import skip

    from journey_assistant.ui.app import App

    app = App(Settings(data_dir=tmp_path / "d", model="offline"))
    pieces = list(app.chat("what can you do?", [], None))
    assert len(pieces) >= 2
    assert pieces[0][2] == ""
    assert all(type(p[2]) is type(skip()) for p in pieces[1:]), [p[2] for p in pieces[1:]]


def test_a_message_sent_while_a_reply_arrives_is_queued_not_dropped(tmp_path: Path) -> None:
    """Gradio drops a second submit while the first is pending ("once", its default): a
    message sent mid-reply must go once the reply is done (the browser interview test lost one
    under load this way)."""
    from journey_assistant.ui.app import build

    demo = build(Settings(data_dir=tmp_path / "d", model="offline"))
    modes = [fn.trigger_mode for fn in demo.fns.values() if fn.api_name == "chat"]
    assert modes == ["always_last"]
