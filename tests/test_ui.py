"""The minimal web app: starts on loopback, imports a map, escapes it, offers downloads."""

from __future__ import annotations

import socket
from collections.abc import Iterator
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
def app_url() -> Iterator[str]:
    from journey_assistant.ui.app import launch

    demo_app, url, _ = launch(Settings(port=_free_port()), block=False)
    yield url
    from gradio import close_all

    close_all()


@pytest.fixture
def client(app_url: str) -> Any:
    from gradio_client import Client

    return Client(app_url, verbose=False)


def test_app_listens_on_loopback_only(app_url: str) -> None:
    assert app_url.startswith("http://127.0.0.1:")


def test_pasted_map_is_shown_escaped(client: Any) -> None:
    view, status = client.predict(
        None,
        "1. Discover: sees <script>alert(1)</script> on Instagram\n2. Buy: pays on the website",
        api_name="/import_map",
    )
    assert "2 stages" in status
    assert "<script>alert" not in view and "&lt;script&gt;" in view
    assert "<svg" in view and "Discover" in view


def test_uploaded_spreadsheet_and_bad_upload(client: Any, data: Path, tmp_path: Path) -> None:
    from gradio_client import handle_file

    view, status = client.predict(
        handle_file(str(data / "hotel_grid.csv")), "", api_name="/import_map"
    )
    assert "Seaside Hotel guest journey" in status and "Check-in" in view
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02" * 50)
    view, status = client.predict(handle_file(str(junk)), "", api_name="/import_map")
    assert "binary file" in status


def test_import_then_export_in_one_session() -> None:
    from journey_assistant.ui.app import export, import_map

    state, _, _ = import_map(None, "journey\n title T\n section A\n  x: 3\n", Settings())
    path = export(state, "mermaid")
    assert path is not None and Path(path).read_text().startswith("journey\n    title T")
    assert export(None, "json") is None
