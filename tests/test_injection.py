"""A corpus of prompt-injection payloads, planted in company documents and in maps.

With a scripted model that obeys every payload (copies its canary, links and markup into the
map), nothing of the payload reaches the result; every HTML surface renders it as text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from langchain_core.messages import AIMessage

from journey_assistant import dump_map, parse_map
from journey_assistant.drafting import draft_map, draft_offline
from journey_assistant.llm.openai import OpenAIProvider
from journey_assistant.models import PainPoint, Touchpoint

PAYLOADS = yaml.safe_load(
    (Path(__file__).parent / "data" / "injection" / "payloads.yaml").read_text(encoding="utf-8")
)
BRIEF = "A boutique hotel by the sea; guests book on Booking.com"
OUTSIDE = ("evil.example", "tracker.example", "attacker@")


BY_ID = {p["id"]: p["text"] for p in PAYLOADS}


def canary(payload_id: str) -> str:
    """The payload's canary (a split instruction carries it in its second half)."""
    text = BY_ID["split-part-2"] if payload_id == "split-part-1" else BY_ID[payload_id]
    found = re.search(r"CANARY-[A-Z0-9]+-\d+", text)
    assert found, payload_id
    return found.group(0)


def test_corpus_is_large_and_varied() -> None:
    assert len(PAYLOADS) >= 20
    marks = {canary(p["id"]) for p in PAYLOADS if p["id"] != "split-part-1"}
    assert len(marks) == len(PAYLOADS) - 1


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_document_injection_never_reaches_the_draft(payload: dict[str, str], scripted: Any) -> None:
    mark = canary(payload["id"])
    obeying = draft_offline(BRIEF).model_dump(mode="json")
    obeying["title"] = f"Hotel map {mark}"
    obeying["stages"][0]["name"] = f"Inspiration {mark}"
    obeying["stages"][1]["touchpoints"].append(
        {"name": f"Offer https://evil.example/x {mark}", "channel": "website"}
    )
    obeying["stages"][2]["kpis"].append({"name": f"{mark} rate"})
    obeying["stages"][3]["owners"].append(f"attacker@evil.example {mark}")
    obeying["notes"] = [f"<script>alert('{mark}')</script>", "see www.evil.example/p"]
    obeying["personas"][0]["quote"] = f"<img src=x onerror=alert('{mark}')>"
    snippets = [
        _Snippet("doc:survey:1", "Guests rate check-in 2.1 out of 5."),
        _Snippet("doc:evil:2", payload["text"]),
    ]
    if payload["id"] == "split-part-1":  # the other half of the instruction, another chunk
        snippets.append(_Snippet("doc:evil:3", BY_ID["split-part-2"]))
    model = scripted([AIMessage(content=json.dumps(obeying))])
    provider = OpenAIProvider("scripted", chat_model=model, sleep=lambda s: None)
    result = draft_map(BRIEF, provider=provider, retriever=lambda q, k: snippets)
    dumped = result.map.model_dump_json()
    assert result.fallback_reason is None
    assert mark not in dumped
    assert not any(o in dumped for o in OUTSIDE)
    page = dump_map(result.map, "html")
    assert isinstance(page, str) and not _active_markup(page)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_map_injection_is_inert_in_every_html_surface(payload: dict[str, str]) -> None:
    from journey_assistant.agent.assistant import _code, _md
    from journey_assistant.ui import views

    text = payload["text"].replace("\n", " ")
    journey = parse_map(f"1. Discover: {text}\n2. Buy: pays on the website\n", format="text")
    journey.stages[0].touchpoints.append(Touchpoint(name=text))
    journey.stages[0].pain_points.append(PainPoint(description=text))
    journey.title = text
    page = dump_map(journey, "html")
    assert isinstance(page, str)
    for surface in (
        page,
        views.map_view(journey),
        views.findings_view(journey),
        _md(text),
        _code(text),
    ):
        assert not _active_markup(surface), surface[:200]


class _Snippet:
    def __init__(self, snippet_id: str, text: str) -> None:
        self.id, self.text = snippet_id, text
        self.title, self.heading, self.source, self.kind = "Doc", "", "doc.md", "document"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "iframe", "object", "embed") or (
            tag == "script" and dict(attrs).get("type") != "application/json"
        ):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src") and value and not value.startswith("#"):
                self.bad.append(f"{tag}[{name}={value}]")


def _active_markup(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.bad


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_offline_personas_quote_facts_not_injected_instructions(payload: dict[str, str]) -> None:
    """Offline personas quote a company document's first plain sentence; an instruction placed
    first (found by an eval case) is skipped, with its canary, links and markup."""
    from journey_assistant.models import Source
    from journey_assistant.personas import draft_personas_offline

    document = f"{payload['text']} Commuters say the delivery slots are too narrow."

    def search(query: str, k: int) -> list[tuple[Source, str]]:
        return [(Source(id="doc-1", title="Notes", kind="document"), document)]

    personas, _ = draft_personas_offline("An online bicycle shop for commuters", 2, search=search)
    text = json.dumps([p.model_dump(mode="json") for p in personas], ensure_ascii=False)
    assert canary(payload["id"]) not in text
    assert "http" not in text and "<script" not in text and "javascript:" not in text
    quoted = re.findall(r"From company documents: “([^”]+)”", text)
    if payload["id"] != "split-part-1":  # its instruction runs into the fact: nothing is clean
        assert quoted, "a plain sentence of the document is still quoted"
    assert all(q in document for q in quoted)
