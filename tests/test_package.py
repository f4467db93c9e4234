"""The package as a user installs it: build the sdist and the wheel, install the wheel into a
clean virtual environment, and run the tool from an empty folder.

Nothing is downloaded: the build uses this environment's setuptools (``--no-isolation``), the
wheel is installed with ``--no-deps``, and the clean environment borrows this one's third-party
packages through a ``.pth`` line (which does not run this checkout's editable-install hook, so
``journey_assistant`` can only come from the wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from journey_assistant.errors import _EXTRAS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "runs",
    ".artifacts",
    ".gradio",
)


def _run(
    args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from that sdist (as `python -m build` does)."""
    work = tmp_path_factory.mktemp("build")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    out = work / "dist"
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source], cwd=work)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean virtual environment with only the wheel installed; returns the environment to
    run its `journey` with, from an empty folder and a fresh data folder."""
    home = tmp_path_factory.mktemp("user")
    venv = home / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=home)
    python = venv / "bin" / "python"
    (wheel,) = dist.glob("*.whl")
    _run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], cwd=home)
    purelib = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home
        ).strip()
    )
    (purelib / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JOURNEY_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        JOURNEY_DATA_DIR=str(home / "data"),
        JOURNEY_MODEL="offline",
    )
    (home / "empty").mkdir()
    return env


def test_sdist_carries_the_data_the_tests_and_the_licence(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "README.md",
        "Makefile",
        "src/journey_assistant/resources/prompts/draft_map_system.md",
        "src/journey_assistant/resources/knowledge/catalog/stage_frameworks.yaml",
        "src/journey_assistant/resources/knowledge/guides/kpis-by-stage.md",
        "tests/conftest.py",
        "tests/data",
        "evals/suites/smoke.yaml",
    ):
        assert needed in names, needed


def test_wheel_carries_every_tracked_package_file(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    tracked = [
        path.relative_to(ROOT / "src").as_posix()
        for path in (ROOT / "src" / "journey_assistant").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    missing = [name for name in tracked if name not in inside]
    assert not missing, missing
    assert any(name.endswith("licenses/LICENSE") for name in inside)


def test_installed_wheel_drafts_critiques_and_answers_from_an_empty_folder(
    installed: dict[str, str],
) -> None:
    empty = Path(installed["HOME"]) / "empty"
    where = _run(
        ["python", "-c", "import journey_assistant, sys; print(journey_assistant.__file__)"],
        cwd=empty,
        env=installed,
    )
    assert where.startswith(str(Path(installed["HOME"]) / "venv")), where

    brief = (
        "We run a dog grooming salon in Bristol. Owners book online through Fresha, drop the "
        "dog off and collect it two hours later. Too many no-shows."
    )
    drafted = _run(["journey", "draft", brief, "-o", "map.json"], cwd=empty, env=installed)
    assert "map.json" in drafted or (empty / "map.json").exists()
    journey = json.loads((empty / "map.json").read_text())
    assert len(journey["stages"]) >= 3

    critique = json.loads(
        _run(["journey", "critique", "map.json", "--json"], cwd=empty, env=installed)
    )
    assert 0 <= critique["score"] <= 100

    answer = json.loads(
        _run(
            ["journey", "ask", "How many stages should a map have?", "--json"],
            cwd=empty,
            env=installed,
            timeout=600,
        )
    )
    assert answer and answer[0]["id"].startswith("guide:"), answer[:1]
    assert "stage" in answer[0]["text"].lower()

    api = _run(
        [
            "python",
            "-c",
            "import journey_assistant as ja; m = ja.load_map('map.json'); "
            "print(ja.critique_map(m).score, len(m.stages))",
        ],
        cwd=empty,
        env=installed,
    )
    score, stages = api.split()
    assert 0 <= float(score) <= 100 and int(stages) == len(journey["stages"])
    assert not (empty / "data").exists(), "the tool wrote outside its data folder"


def test_missing_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """An optional package that is not installed is named with the extra that brings it."""
    from click.testing import CliRunner

    from journey_assistant.cli import cli

    monkeypatch.setitem(sys.modules, "gradio", None)  # `import gradio` now fails as if absent
    monkeypatch.delitem(sys.modules, "journey_assistant.ui.app", raising=False)
    result = CliRunner().invoke(cli, ["ui"])
    assert result.exit_code == 1
    assert "pip install 'journey-assistant[ui]'" in result.output
    assert "unexpected" not in result.output


_CORE_ONLY = """
import sys
for name in {optional!r}:
    sys.modules[name] = None  # as if the extras were not installed
from click.testing import CliRunner
from journey_assistant.cli import cli
runner = CliRunner()
brief = "We run a dog grooming salon in Bristol. Owners book online through Fresha. No-shows."
for args in (
    ["draft", brief, "-o", "map.json"],
    ["critique", "map.json"],
    ["improve", "map.json", "-o", "better.json"],
    ["summary", "map.json"],
    ["export", "map.json", "-o", "map.png"],
    ["save", "map.json"],
    ["ask", "what is a stage?"],
    ["ui"],
):
    result = runner.invoke(cli, args)
    print(args[0], result.exit_code, result.output.strip().splitlines()[-1])
"""

# Every module the code calls optional (each with the extra that brings it).
OPTIONAL = sorted(_EXTRAS)


def test_core_commands_need_no_extra_and_the_others_name_theirs(tmp_path: Path) -> None:
    env = dict(os.environ, JOURNEY_DATA_DIR=str(tmp_path / "data"), JOURNEY_MODEL="offline")
    out = _run([sys.executable, "-c", _CORE_ONLY.format(optional=OPTIONAL)], cwd=tmp_path, env=env)
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    for command in ("draft", "critique", "improve", "summary", "export", "save"):
        assert lines[command].startswith("0 "), (command, lines[command])
    assert lines["ask"].startswith("1 ") and "journey-assistant[rag]" in lines["ask"]
    assert lines["ui"].startswith("1 ") and "journey-assistant[ui]" in lines["ui"]
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
