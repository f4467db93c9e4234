"""The app in a real browser: Playwright driving Debian's headless Chromium on loopback.

Saves screenshots to ``.artifacts/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journey_assistant.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / ".artifacts"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium: apt-get install "
        "chromium (make test does this when it can)",
    ),
]
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from journey_assistant.ui.app import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("browser-data")
    _, url, _ = launch(Settings(data_dir=data, port=port, model="offline"), block=False)
    yield url
    from gradio import close_all

    close_all()


def test_draft_critique_improve_download_reload(app_url: str, data: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
        page.goto(app_url)
        box = page.locator("#message textarea")
        expect(box).to_be_visible(timeout=30_000)

        box.fill("hi, can you help me with my customer journey please")  # too thin: it asks
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text(
            re.compile("Tell me|What does your business offer"), timeout=30_000
        )
        box.fill(
            "we sell refurbished laptops online and in 3 shops, mostly young professionals. "
            "people find us on Instagram and compare battery grades before they buy"
        )
        box.press("Enter")
        grid = page.locator("#map-view table.grid")
        expect(grid).to_be_visible(timeout=30_000)
        expect(page.locator("#chat")).to_contain_text("What I understood", timeout=30_000)
        expect(page.locator("#chat")).to_contain_text("young professionals")
        expect(page.locator("#map-view svg polyline").first).to_be_attached()
        geometry = page.evaluate(COLUMN_GEOMETRY, "#map-view")  # the app's panel, as drawn
        assert geometry["dots"] and all(
            left < x < right
            for (left, right), x in zip(geometry["columns"], geometry["dots"], strict=False)
        )
        expect(page.locator("#findings")).to_contain_text("Critique:")
        expect(page.locator("#chat")).to_contain_text("edit a stage", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "app-drafted.png"), full_page=False)
        # from here on, ordinary words rather than the README's phrasings
        box.fill("which bit do customers hate most?")
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text("hurts most", timeout=30_000)

        page.locator("#upload input[type=file]").set_input_files(str(data / "hotel_grid.csv"))
        expect(page.locator("#chat")).to_contain_text("Missing stages", timeout=30_000)
        expect(grid).to_contain_text("Check-in")

        box.fill("could you sort out the problems you found?")
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text("to drop", timeout=30_000)  # reply done
        folds = page.locator("#chat details")  # many changes come folded, one fold each
        expect(folds.first).to_be_visible()
        expect(folds.first.locator("summary")).to_contain_text("1.")
        assert not folds.first.locator("pre").is_visible()  # closed until opened
        folds.first.locator("summary").click()
        expect(folds.first.locator("pre")).to_be_visible()  # the change's whole diff
        box.fill("yep, go ahead with all of those")
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text("proposed change(s)", timeout=30_000)
        expect(grid).to_contain_text("Rate comparison", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "app-improved.png"), full_page=False)
        box.fill("can we squash check-in and the stay into one stage")
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text("merge 'Check-in' and 'Stay'", timeout=30_000)
        box.fill("no, leave it as it is")
        box.press("Enter")
        expect(page.locator("#chat")).to_contain_text("the map is unchanged", timeout=30_000)

        page.locator("#format input").click()
        page.get_by_role("option", name="mermaid", exact=True).click()
        # the choice must have reached the dropdown before the click that sends it
        expect(page.locator("#format input")).to_have_value("mermaid", timeout=10_000)
        page.locator("#format input").blur()
        page.wait_for_timeout(300)
        with page.expect_download(timeout=30_000) as download_info:
            page.locator("#download").click()
        target = tmp_path / "map.mmd"
        download_info.value.save_as(target)
        assert target.read_text().startswith("journey\n")
        assert "section Rate comparison" in target.read_text()

        page.reload()  # the browser's session comes back: conversation and current map
        expect(page.locator("#chat")).to_contain_text("proposed change(s)", timeout=30_000)
        expect(page.locator("#map-view table.grid")).to_contain_text("Rate comparison")
        page.get_by_role("tab", name="Maps").click()
        expect(page.locator("#maps")).to_contain_text("seaside-hotel-guest-journey", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "app-maps.png"), full_page=False)
        browser.close()


def test_the_guided_interview_draws_the_map_live_and_survives_a_reload(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(app_url)
        box = page.locator("#message textarea")
        chat = page.locator("#chat")
        expect(box).to_be_visible(timeout=30_000)
        for said, asked in [
            ("I've never made a journey map, no idea where to start", "Step 0 of 6"),
            ("we're a driving school in Leeds", "Step 1 of 6"),
            ("nervous learners who want to pass first time", "Step 2 of 6"),
            ("find an instructor, first lesson, weekly lessons, book the test, pass", "Step 3"),
        ]:
            box.fill(said)
            box.press("Enter")
            expect(chat).to_contain_text(asked, timeout=30_000)
        grid = page.locator("#map-view table.grid")
        expect(grid).to_contain_text("First lesson", timeout=30_000)  # drawn live, in their words
        page.reload()  # the interview carries on where it was
        expect(chat).to_contain_text("Step 3 of 6", timeout=30_000)
        expect(box).to_be_editable(timeout=30_000)
        box.fill("first lesson: intro call, the car; book the test: DVSA website")
        box.press("Enter")
        expect(chat).to_contain_text("Step 4 of 6", timeout=30_000)
        expect(grid).to_contain_text("DVSA website", timeout=30_000)
        box.fill("hmm let me think about that one")  # no answer: the question again
        box.press("Enter")
        expect(chat).to_contain_text("I didn't catch an answer there", timeout=30_000)
        box.fill("can I see what we've got so far?")  # answered, then back to the question
        box.press("Enter")
        expect(chat).to_contain_text("Find an instructor: nothing on it yet", timeout=30_000)
        expect(chat.get_by_text("Back to your map").last).to_be_visible(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "app-interview.png"), full_page=False)
        browser.close()


def test_two_browsers_never_see_each_others_maps(app_url: str) -> None:
    """Two browser contexts (two people on the same app): the second lists none of the first's
    maps and cannot open one by its id."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        first = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        first.goto(app_url)
        box = first.locator("#message textarea")
        expect(box).to_be_visible(timeout=30_000)
        box.fill(
            "We run a dog grooming salon in Bristol. Owners book online through Fresha, drop "
            "the dog off and collect it later; too many no-shows."
        )
        box.press("Enter")
        expect(first.locator("#chat")).to_contain_text("Drafted", timeout=60_000)
        first.get_by_role("tab", name="Maps").click()
        first.get_by_role("button", name="Refresh list").click()
        expect(first.locator("#maps")).to_contain_text("grooming", timeout=30_000)
        found = re.search(r"[a-z0-9-]*grooming[a-z0-9-]*", first.locator("#maps").inner_text())
        assert found is not None
        map_id = found.group(0)

        second = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        second.goto(app_url)
        expect(second.locator("#message textarea")).to_be_visible(timeout=30_000)
        second.get_by_role("tab", name="Maps").click()
        second.get_by_role("button", name="Refresh list").click()
        second.wait_for_timeout(1500)
        expect(second.locator("#maps")).not_to_contain_text("grooming")
        second.locator("#map-id textarea, #map-id input").first.fill(map_id)
        second.locator("#open-map").click()
        second.get_by_role("tab", name="Assistant").click()
        expect(second.locator("#chat")).to_contain_text("no saved map", timeout=30_000)
        expect(second.locator("#map-view")).to_contain_text("No map yet")
        second.screenshot(path=str(ARTIFACTS / "app-second-browser.png"), full_page=False)
        browser.close()


COLUMN_GEOMETRY = """(root) => {
  const scope = document.querySelector(root);
  const heads = [...scope.querySelectorAll('table.grid thead th')].slice(1);
  const dots = [...scope.querySelectorAll('svg.curve circle')];
  return {
    columns: heads.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; }),
    dots: dots.map(c => { const r = c.getBoundingClientRect(); return (r.left + r.right) / 2; }),
  };
}"""


def _map_with(stages: int, data: Path) -> str:
    from journey_assistant.api import dump_map, load_map
    from journey_assistant.models import Emotion, JourneyMap, Stage

    journey = load_map(data / "hotel_grid.csv")
    extra = [
        Stage(name=f"Extra stage {n}", emotion=Emotion(score=1 + n % 5))
        for n in range(len(journey.stages), stages)
    ]
    journey.stages = [*journey.stages, *extra][:stages]
    for n, stage in enumerate(journey.stages):
        stage.emotion = stage.emotion or Emotion(score=1 + n % 5)
    return str(dump_map(JourneyMap.model_validate(journey.model_dump()), "html"))


@pytest.mark.parametrize("stages", [5, 9])
@pytest.mark.parametrize("width", [1280, 1920])
def test_each_curve_point_sits_in_its_stage_column(
    stages: int, width: int, data: Path, tmp_path: Path
) -> None:
    """The HTML export at two widths, for a short and a long map: every point of every curve
    is drawn inside the column of its stage (the table never shrinks; the map scrolls)."""
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "map.html"
    page_file.write_text(_map_with(stages, data), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": 1000})
        page.goto(page_file.as_uri())
        found = page.evaluate(COLUMN_GEOMETRY, ".ja-map")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"map-{stages}-stages-{width}.png"))
        browser.close()
    columns, dots = found["columns"], found["dots"]
    assert len(columns) == stages and len(dots) % stages == 0 and dots
    for series in range(len(dots) // stages):
        for (left, right), x in zip(columns, dots[series * stages :], strict=False):
            assert left < x < right
            assert abs(x - (left + right) / 2) < 2  # centred on the column


def _serve(data: Path, port: int) -> subprocess.Popen[bytes]:
    """`journey ui` as its own process with two accounts, answered on loopback."""
    env = {
        **os.environ,
        "JOURNEY_AUTH": "ana:s3cret,ben:0ther",
        "JOURNEY_DATA_DIR": str(data),
        "JOURNEY_PORT": str(port),
        "JOURNEY_MODEL": "offline",
    }
    journey = str(Path(sys.executable).with_name("journey"))
    proc = subprocess.Popen(
        [journey, "ui"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    import httpx

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "exited")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise AssertionError("journey ui did not answer within 90 s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(15)


def _login(page: Any, url: str, user: str, password: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.locator("#message textarea")).to_be_editable(timeout=60_000)


def _listed(page: Any, wanted: str | None = None) -> str:
    """The maps list as the Maps tab shows it after a refresh. With ``wanted`` (a pattern), the
    list is refreshed until it shows it or 30 s pass: on a busy machine the save that follows
    "Drafted" can land after the first refresh (session 32 saw one such miss)."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Maps").click()
    deadline = time.monotonic() + 30
    while True:
        page.get_by_role("button", name="Refresh list").click()
        expect(page.locator("#maps")).to_be_visible()
        page.wait_for_timeout(1500)
        text: str = page.locator("#maps").inner_text()
        if wanted is None or re.search(wanted, text) or time.monotonic() > deadline:
            return text


def test_two_accounts_in_two_browsers_across_a_restart(tmp_path: Path) -> None:
    """JOURNEY_AUTH with two accounts, each in its own browser, on a real `journey ui` process:
    Ben never lists or opens Ana's map (in the browser, through gradio_client or raw HTTP),
    and a restart of the process between the steps loses neither Ana's conversation nor map."""
    import httpx
    from gradio_client import Client
    from playwright.sync_api import expect, sync_playwright

    data = tmp_path / "d"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    proc = _serve(data, port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            ana = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            _login(ana, url, "ana", "s3cret")
            box = ana.locator("#message textarea")
            box.fill(
                "We run a dog grooming salon in Bristol. Owners book online through Fresha, "
                "drop the dog off and collect it later; too many no-shows."
            )
            box.press("Enter")
            # a new data folder: the first answer waits for the app to get ready (the bank's
            # vectors and the guidance index, about 20-30 s alone, twice that on a busy machine)
            expect(ana.locator("#chat")).to_contain_text("Drafted", timeout=120_000)
            found = re.search(r"[a-z0-9-]*grooming[a-z0-9-]*", _listed(ana, "grooming"))
            assert found is not None
            map_id = found.group(0)

            ben = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            _login(ben, url, "ben", "0ther")
            assert "grooming" not in _listed(ben)
            ben.locator("#map-id textarea, #map-id input").first.fill(map_id)
            ben.locator("#open-map").click()
            ben.get_by_role("tab", name="Assistant").click()
            expect(ben.locator("#chat")).to_contain_text("no saved map", timeout=30_000)
            client = Client(url, auth=("ben", "0ther"), verbose=False)
            opened, *_ = client.predict(map_id, None, api_name="/open_map")
            assert "no saved map" in str(opened[-1]["content"])
            assert httpx.get(url + "/gradio_api/info", timeout=10).status_code in (401, 403)

            # The app process restarts between the steps. The pages leave the app first: a
            # Gradio page that sees its server come back reloads itself, and that reload
            # would race with the next visit.
            for page in (ana, ben):
                page.goto("about:blank")
            _stop(proc)
            proc = _serve(data, port)

            _login(ana, url, "ana", "s3cret")  # the same browser: its session comes back
            expect(ana.locator("#chat")).to_contain_text("Drafted", timeout=30_000)
            expect(ana.locator("#map-view table.grid")).to_be_visible()
            assert map_id in _listed(ana, re.escape(map_id))
            _login(ben, url, "ben", "0ther")
            assert "grooming" not in _listed(ben)
            expect(ben.locator("#map-view")).to_contain_text("No map yet")
            ana.screenshot(path=str(ARTIFACTS / "app-after-restart.png"), full_page=False)
            browser.close()
    finally:
        _stop(proc)
