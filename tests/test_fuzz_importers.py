"""Random and malformed input to every importer: a clear error or a map, never a crash."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journey_assistant.errors import JourneyError
from journey_assistant.formats import FORMATS, parse

TEXT_FORMATS = [name for name, fmt in FORMATS.items() if not fmt.binary]
FRAGMENTS = st.sampled_from(
    [
        "Stage",
        "Actions",
        "Touchpoints",
        "Emotion",
        "Pain points",
        "Opportunities",
        "|",
        "||",
        ",",
        ";",
        "\t",
        "\n",
        "\r\n",
        "journey",
        "section ",
        "title ",
        ": ",
        ":5:",
        "1. ",
        "- ",
        "# ",
        "## Stages",
        "### ",
        "{",
        "}",
        "[",
        "]",
        '"',
        "<table>",
        "<tr><td>",
        "</td>",
        "<script>",
        "[inferred]",
        "[evidence: x]",
        "[severity: high]",
        "->",
        "😡",
        "\x00",
        "\ufeff",
        "Discover",
        "Buy",
        "frustrated",
        "7/10",
        "```mermaid\n",
        "```",
    ]
)
MESSY = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@pytest.mark.parametrize("fmt", [*TEXT_FORMATS, None])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MESSY)
def test_text_importers_never_crash(fmt: str | None, text: str) -> None:
    try:
        journey = parse(text, format=fmt, max_bytes=1_000_000)
    except JourneyError:
        return
    assert journey.stages  # anything accepted is a map with stages


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    for fmt in (None, "xlsx", "csv"):
        with contextlib.suppress(JourneyError):  # a clear error is fine; anything else fails
            parse(data, format=fmt, max_bytes=1_000_000)
