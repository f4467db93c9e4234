"""The one-page executive summary."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from journey_assistant import improve_map, load_map
from journey_assistant.cli import cli
from journey_assistant.summary import executive_summary


def test_summary_names_low_points_pains_and_ranked_opportunities(data: Path) -> None:
    journey = improve_map(load_map(data / "hotel_grid.csv"))
    text = executive_summary(journey)
    assert "**Check-in** is an emotional low point (1/5, frustrated)" in text
    assert "## Top pain points" in text and "Check-in takes 20 minutes" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and ln[2].isdigit()]
    assert 1 <= len(rows) <= 8
    first = rows[0].split(" | ")
    assert first[3] == "high" and first[4] == "low"  # highest impact for the effort first


def test_summary_escapes_and_cli(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text("Stage,Buy <b>now</b>\nActions,<script>x</script>\nEmotion,1\n")
    result = CliRunner().invoke(cli, ["summary", str(src)])
    assert result.exit_code == 0 and "<b>" not in result.output
    assert "Buy &lt;b&gt;now&lt;/b&gt;" in result.output


def test_png_picture_of_the_map(data: Path) -> None:
    import io

    from PIL import Image

    from journey_assistant.image import render_png

    journey = improve_map(load_map(data / "hotel_grid.csv"))
    picture = Image.open(io.BytesIO(render_png(journey)))
    assert picture.format == "PNG"
    assert picture.width >= 150 + 260 * len(journey.stages)  # one column per stage
    assert picture.height > 400
