"""The journey command: conversions and the error path for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from journey_assistant.cli import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "journey_assistant.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_spreadsheet_to_mermaid_and_html(data: Path, tmp_path: Path) -> None:
    result = run("export", str(data / "hotel_grid.csv"), "--format", "mermaid")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("journey\n    title Seaside Hotel guest journey")
    assert "      Queue at the front desk: 1: Leisure couple, Business traveller" in result.stdout
    out = tmp_path / "hotel.html"
    result = run("export", str(data / "hotel_grid.csv"), "--out", str(out))
    assert result.returncode == 0 and "Wrote" in result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xlsx", "md", "mermaid", "html", "text"])
def test_every_format_converts_back(data: Path, tmp_path: Path, fmt: str) -> None:
    runner = CliRunner()
    out = tmp_path / f"map.{fmt}"
    result = runner.invoke(
        cli, ["export", str(data / "hotel_grid.csv"), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    back = runner.invoke(cli, ["export", str(out), "--from", fmt, "--format", "json"])
    assert back.exit_code == 0, back.output
    stages = [s["name"] for s in json.loads(back.output)["stages"]]
    assert stages == ["Inspiration", "Booking", "Pre-arrival", "Check-in", "Stay"]


def test_script_in_a_touchpoint_is_inert_in_html(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text("Stage,Discover,Buy\nTouchpoints,<script>alert('x')</script>,Website\n")
    result = run("export", str(src), "--format", "html")
    assert result.returncode == 0
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in result.stdout


def _write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("blank.md", b"   \n\n  ", "the file is empty"),
        ("utf16.csv", "Stage,A\n".encode("utf-16-le"), "binary file"),
        ("latin.txt", bytes(range(128, 256)) * 20, "not UTF-8 text"),
        ("nostages.csv", b"Name,Price\nLaptop,500\n", "no stage columns"),
        ("junk.bin", bytes([0, 159, 146, 150, 0, 1, 2, 3]) * 100, "binary file"),
        ("fake.xlsx", b"PK\x03\x04garbage", "cannot be opened"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    result = run("export", _write(tmp_path, name, content))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
    assert lines[0].startswith(f"Error: {name}: ")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as handle:  # 50 MB, sparse: nothing is read
        handle.truncate(50 * 1024 * 1024)
    result = run("export", str(big))
    assert result.returncode == 2
    assert "50.0 MB, over the 10 MB limit" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    assert "no such file" in run("export", str(tmp_path / "nope.csv")).stderr
    result = CliRunner().invoke(cli, ["export", "x.csv", "--format", "pdf"])
    assert result.exit_code == 2 and "pdf" in result.output


def test_xlsx_to_stdout_is_refused(data: Path) -> None:
    result = run("export", str(data / "hotel_grid.csv"), "--format", "xlsx")
    assert result.returncode == 2 and "--out" in result.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("journey, version")
    help_text = run("--help").stdout
    for command in ("export", "schema", "ui"):
        assert command in help_text


@pytest.mark.parametrize("command", [["export", "--format", "md"], ["critique", "--json"]])
def test_export_and_critique_do_not_import_torch_or_chroma(data: Path, command: list[str]) -> None:
    args = [command[0], str(data / "hotel_grid.csv"), *command[1:]]
    code = (
        "import sys\n"
        "from journey_assistant.cli import cli\n"
        f"try:\n    cli({args!r})\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'chromadb', 'sentence_transformers', 'gradio')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stderr, result.stderr
