"""Workspaces that belong to someone: each signed-in user (or anonymous browser) sees only its
own maps, and a reload or a restart of the app loses nothing of a session."""

from __future__ import annotations

import socket
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from journey_assistant.config import Settings
from journey_assistant.models import JourneyMap

pytestmark = pytest.mark.ui

BAKERY = (
    "We're a small vegan bakery with two shops in Leeds. Customers pre-order celebration cakes "
    "online through our Shopify site and collect them in the shop."
)


def _as(name: str) -> Any:
    """What Gradio hands a handler for a signed-in user."""
    return SimpleNamespace(username=name)


def _last(history: list[dict[str, Any]]) -> str:
    return str(history[-1]["content"])


def _chat(app: Any, session: Any, message: str, request: Any = None) -> list[dict[str, Any]]:
    *_, final = app.chat(message, [], session, request)
    return list(final[0])


def _app(data: Path) -> Any:
    from journey_assistant.ui.app import App

    return App(Settings(data_dir=data, model="offline"))


def test_users_never_see_each_others_maps(tmp_path: Path, rich_map: JourneyMap) -> None:
    app = _app(tmp_path / "d")
    upload = tmp_path / "map.json"
    upload.write_text(rich_map.model_dump_json())
    _, ana, *_ = app.upload_map(str(upload), [], None, _as("ana"))
    _, ben, *_ = app.upload_map(str(upload), [], None, _as("ben"))  # the same file, same id
    assert ana.owner == "user:ana" and ben.owner == "user:ben"
    assert ana.map.id != ben.map.id
    ana_ids = [row[0] for row in app.maps_table(ana)]
    ben_ids = [row[0] for row in app.maps_table(ben)]
    assert ana_ids == [ana.map.id] and ben_ids == [ben.map.id]

    history, after, *_ = app.open_saved(ana.map.id, None, [], ben, _as("ben"))
    assert "no saved map" in _last(history) and after.map.id == ben.map.id
    assert "no saved map" in app.compare(ana.map.id, 1, 1, ben, _as("ben"))
    assert "no saved map" not in app.compare(ana.map.id, 1, 1, ana, _as("ana"))

    # Sharing is explicit: after it Ben can read Ana's map, and what he saves is his own.
    assert "Shared" in app.share(ana.map.id, "ben", ana, _as("ana"))
    listed = {row[0]: row[4] for row in app.maps_table(ben)}
    assert listed[ana.map.id] == "shared by ana"
    _, opened, *_ = app.open_saved(ana.map.id, None, [], ben, _as("ben"))
    assert opened.map.id == ana.map.id
    _chat(app, opened, "rename the map to Ben's copy", _as("ben"))
    assert len(app.workspace.versions(ana.map.id, owner="user:ana")) == 1


def test_an_api_client_without_a_page_load_gets_an_empty_workspace_of_its_own(
    tmp_path: Path, rich_map: JourneyMap
) -> None:
    app = _app(tmp_path / "d")
    app.workspace.save_map(rich_map, owner="browser:victim")
    stranger = app.session(None)
    assert app.maps_table(stranger) == []
    history, session, *_ = app.open_saved(rich_map.id, None, [], None)
    assert "no saved map" in _last(history) and session.map is None


def test_another_user_on_the_same_browser_does_not_get_the_first_users_session(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path / "d")
    browser, ana, *_ = app.restore(None, _as("ana"))
    _chat(app, ana, BAKERY, _as("ana"))
    again, ben, history, *_ = app.restore(browser, _as("ben"))
    assert again != browser and ben.owner == "user:ben"
    assert history == [] and ben.map is None


def test_reload_and_restart_keep_conversation_map_proposal_and_personas(tmp_path: Path) -> None:
    data = tmp_path / "d"
    app = _app(data)
    browser, session, *_ = app.restore(None)
    _chat(app, session, BAKERY)
    assert session.map is not None
    stage = session.map.stages[1].name
    _chat(app, session, "draft two personas")
    assert len(session.personas) == 2
    proposal = _chat(app, session, f"add an Instagram touchpoint to {stage}")
    assert "Proposed change" in _last(proposal) and session.pending

    for restarted in (app, _app(data)):  # a reload, then a restart of the app process
        same, back, history, map_html, _, personas_html, maps, box = restarted.restore(browser)
        assert box["interactive"] is True  # typing opens only once the session is restored
        assert same == browser and back.owner == f"browser:{browser}"
        assert back.map is not None and back.map.id == session.map.id
        assert [c.reason for c in back.pending] == [c.reason for c in session.pending]
        assert [p.name for p in back.personas] == [p.name for p in session.personas]
        assert len(history) == 6 and BAKERY in str(history[0]["content"])
        assert [row[0] for row in maps] == [session.map.id]
        assert session.personas[0].name.split()[0] in personas_html

    reply = _chat(restarted, back, "accept")
    assert "Applied 1 of 1 proposed change" in _last(reply)
    touchpoints = [t.name for s in back.map.stages if s.name == stage for t in s.touchpoints]
    assert "Instagram" in touchpoints


def test_browser_session_id_survives_a_restart(tmp_path: Path) -> None:
    """The browser keeps its session id sealed with a key; the key is kept in the data folder
    (owner-only), so an app restart can still read what the browser holds."""
    from journey_assistant.ui.app import app_secret

    settings = Settings(data_dir=tmp_path / "d", model="offline")
    first = app_secret(settings)
    assert first == app_secret(settings) and len(first) >= 32
    assert ((tmp_path / "d" / "app-secret").stat().st_mode & 0o777) == 0o600


def test_several_accounts_in_journey_auth() -> None:
    from journey_assistant.errors import JourneyError
    from journey_assistant.ui.app import accounts

    assert accounts("ana:s3cret, ben:pa:ss") == [("ana", "s3cret"), ("ben", "pa:ss")]
    for bad in ("ana", "ana:", "ana:1,ana:2"):
        with pytest.raises(JourneyError):
            accounts(bad)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_accounts_through_the_gradio_api_and_raw_http(tmp_path: Path) -> None:
    """Over HTTP with JOURNEY_AUTH=ana:…,ben:…: Ben can neither open, compare nor download Ana's
    map through gradio_client, and without a login nothing answers at all."""
    import httpx
    from gradio import close_all
    from gradio_client import Client

    from journey_assistant.ui.app import launch

    port = _free_port()
    launch(
        Settings(data_dir=tmp_path / "d", port=port, auth="ana:s3cret,ben:0ther", model="offline"),
        block=False,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ana = Client(base, auth=("ana", "s3cret"), verbose=False)
        history, *_ = ana.predict(BAKERY, api_name="/chat")
        assert "Drafted" in str(history[-1]["content"])
        journeys = list(Path(tmp_path / "d").glob("workspace.sqlite3"))
        assert journeys
        from journey_assistant.workspace import Workspace

        (mine,) = Workspace(tmp_path / "d").list_maps("user:ana")
        ben = Client(base, auth=("ben", "0ther"), verbose=False)
        opened, *_ = ben.predict(mine.map_id, None, api_name="/open_map")
        assert "no saved map" in str(opened[-1]["content"])
        assert "no saved map" in ben.predict(mine.map_id, 1, 1, api_name="/compare")
        assert ben.predict("html", api_name="/export_map") is None  # Ben has no map open
        assert Workspace(tmp_path / "d").list_maps("user:ben") == []
        for path in ("/config", "/gradio_api/info"):
            assert httpx.get(base + path, timeout=10).status_code in (401, 403)
    finally:
        close_all()


def test_a_tampered_browser_id_starts_a_new_session(tmp_path: Path) -> None:
    app = _app(tmp_path / "d")
    for stored in ({"id": "x"}, "../../etc", "browser:abc", "0" * 31, 42):
        session_id, session, history, *_ = app.restore(stored)  # type: ignore[arg-type]
        assert session_id != stored and len(session_id) == 32 and history == []
        assert session.owner == f"browser:{session_id}"
