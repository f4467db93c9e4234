"""HTML: a self-contained page, every piece of text escaped, importable back."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from journey_assistant import load_map
from journey_assistant.formats import html
from journey_assistant.models import Emotion, JourneyMap, Provenance, Stage, Touchpoint

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">x</a>',
    "</script><script>alert(4)</script>",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _evil_map() -> JourneyMap:
    return JourneyMap(
        title=PAYLOADS[0],
        context={"company": PAYLOADS[1]},
        personas=[{"name": PAYLOADS[2], "quote": PAYLOADS[3]}],
        stages=[
            Stage(
                name=PAYLOADS[3],
                actions=[PAYLOADS[0]],
                touchpoints=[Touchpoint(name=PAYLOADS[0], owner=PAYLOADS[1])],
                emotion=Emotion(score=2, label=PAYLOADS[1]),
                pain_points=[{"description": PAYLOADS[2]}],
                opportunities=[{"description": PAYLOADS[1], "owner": PAYLOADS[0]}],
            )
        ],
        notes=[PAYLOADS[2]],
    )


def test_user_text_is_inert() -> None:
    page = html.write(_evil_map())
    parser = _Collector()
    parser.feed(page)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "journey-data"}]  # only our data block
    assert not any(tag in ("img", "a") for tag, _ in parser.tags)
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert "javascript:" not in " ".join(str(v) for _, a in parser.tags for v in a.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data_block = page.split('id="journey-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block


def test_evil_map_round_trips_through_html() -> None:
    evil = _evil_map()
    assert html.read(html.write(evil)) == evil


def test_page_is_self_contained_with_grid_and_curves(rich_map: JourneyMap) -> None:
    page = html.write(rich_map)
    assert not re.search(r"(src|href)=\"https?://", page)  # no outside resources
    assert page.count("<polyline") == 3  # overall + two personas
    assert '<table class="grid"' in page
    for stage in rich_map.stages:
        assert f">{stage.name}</th>" in page
    assert 'class="prov prov-inferred"' in page
    # a cited source shows by its title on hover, never as a raw id in the badge
    assert 'title="Backed by a cited source. Source: Trustpilot review export">evidence<' in page
    assert ">evidence: doc-reviews-1<" not in page
    assert "Budget Ben" in page and "Proto-persona" in page
    assert html.read(page) == rich_map


def test_curve_says_when_there_are_no_emotions() -> None:
    page = html.write(JourneyMap(title="Bare", stages=[Stage(name="A"), Stage(name="B")]))
    assert "No emotions recorded yet" in page and "<polyline" not in page


def test_foreign_html_table(data: Path) -> None:
    journey = load_map(data / "foreign_table.html")
    assert [s.name for s in journey.stages] == ["Compare plans", "Port number", "First bill"]
    assert journey.stages[1].actions == ["Requests PAC code", "Waits for SIM"]
    bill = journey.stages[2]
    assert bill.emotion is not None and (bill.emotion.score, bill.emotion.label) == (
        1,
        "bill shock",
    )


def test_provenance_marker_without_citation() -> None:
    journey = JourneyMap(
        title="T",
        stages=[
            Stage(
                name="A", touchpoints=[Touchpoint(name="Chatbot", provenance=Provenance.inferred)]
            )
        ],
    )
    assert '<span class="prov prov-inferred"' in html.write(journey)


def test_a_badge_names_an_untitled_source_readably() -> None:
    from journey_assistant.formats.html import _readable_id

    assert _readable_id("guide:pain-points-and-improvements:a3fb12bc66") == (
        "Pain points and improvements (guide)"
    )
