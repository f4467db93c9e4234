"""Shared fixtures: no network beyond loopback, a temporary data directory, a rich sample map."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from journey_assistant.models import (
    KPI,
    BusinessContext,
    Emotion,
    JourneyMap,
    Level,
    MapType,
    Opportunity,
    PainPoint,
    Persona,
    PersonaItem,
    Provenance,
    Source,
    Stage,
    Touchpoint,
)
from journey_assistant.vocab import Channel

DATA = Path(__file__).parent / "data"
_LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")
_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _host(address: object) -> str:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return str(address)


def _guarded_connect(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _host(address).startswith(
        _LOOPBACK
    ):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that is not to loopback."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache folder for the whole run, the `journey` processes the tests start included:
    the vectors of the shipped guidance and example messages are made once, not per data
    folder (about 35 s each on two cores). Tests of the cache itself set their own."""
    path = tmp_path_factory.mktemp("journey-cache")
    before = os.environ.get("JOURNEY_CACHE_DIR")
    os.environ["JOURNEY_CACHE_DIR"] = str(path)
    yield path
    if before is None:
        os.environ.pop("JOURNEY_CACHE_DIR", None)
    else:
        os.environ["JOURNEY_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data directory and the offline engine."""
    path = tmp_path / "journey-data"
    monkeypatch.setenv("JOURNEY_DATA_DIR", str(path))
    monkeypatch.setenv("JOURNEY_MODEL", "offline")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return path


@pytest.fixture
def data() -> Path:
    return DATA


def build_rich_map() -> JourneyMap:
    """A map that uses every field: two personas, provenance, citations, links."""
    return JourneyMap(
        title="Refurbished laptops: online and in 3 shops",
        map_type=MapType.omnichannel,
        context=BusinessContext(
            company="ReLap",
            industry="retail",
            audience="young professionals",
            objective="Cut drop-off between research and purchase",
        ),
        personas=[
            Persona(
                name="Budget Ben",
                role="Graduate on a budget",
                goals=[PersonaItem(text="A reliable laptop under 600 EUR")],
                frustrations=[
                    PersonaItem(
                        text="Unclear battery condition",
                        provenance=Provenance.evidence,
                        citations=["doc-reviews-1"],
                    )
                ],
                preferred_channels=[Channel.search, Channel.social],
                quote="Is it going to die after a year?",
            ),
            Persona(
                name="Pro Priya",
                role="Freelance designer",
                goals=["Fast delivery", "A good screen"],
                provenance=Provenance.inferred,
            ),
        ],
        stages=[
            Stage(
                name="Discover",
                customer_goal="Find a trustworthy refurbished seller",
                actions=["Searches 'refurbished laptop'", "Sees an Instagram reel"],
                touchpoints=[
                    Touchpoint(name="Google search results", channel=Channel.search),
                    Touchpoint(
                        name="Instagram reel",
                        channel=Channel.social,
                        provenance=Provenance.inferred,
                    ),
                ],
                thoughts=["Are refurbished laptops any good?"],
                emotion=Emotion(score=3, label="curious"),
                kpis=[KPI(name="Reach"), KPI(name="CTR", target="2%")],
                owners=["Marketing"],
            ),
            Stage(
                name="Compare",
                actions=["Reads battery health grades"],
                touchpoints=[
                    Touchpoint(
                        name="Product page",
                        channel=Channel.website,
                        provenance=Provenance.evidence,
                        citations=["doc-analytics-2"],
                    )
                ],
                emotion=Emotion(score=2, label="uncertain"),
                persona_emotions=[
                    Emotion(score=1, label="worried", persona="Budget Ben"),
                    Emotion(score=3, persona="Pro Priya"),
                ],
                pain_points=[
                    PainPoint(
                        description="Battery grade is not explained",
                        severity=Level.high,
                        touchpoint="Product page",
                        persona="Budget Ben",
                        kind="information_gap",
                        provenance=Provenance.evidence,
                        citations=["doc-reviews-1"],
                    )
                ],
                opportunities=[
                    Opportunity(
                        description="Show measured battery capacity on every product page",
                        addresses="pp-compare-1",
                        impact=Level.high,
                        effort=Level.low,
                        owner="E-commerce",
                        kpi="Conversion rate",
                        provenance=Provenance.inferred,
                    )
                ],
                moments_of_truth=["Seeing the battery grade"],
            ),
            Stage(
                name="Buy in store",
                actions=["Visits a shop to try the keyboard"],
                touchpoints=["Shop counter"],
                emotion=Emotion(score=4, label="reassured"),
                backstage_actions=["Staff check stock in the central system"],
                support_processes=["Inventory sync every 15 minutes"],
                notes=["Shops close at 7pm"],
            ),
        ],
        sources=[
            Source(
                id="doc-reviews-1",
                title="Trustpilot review export",
                location="reviews.csv",
                excerpt="Battery died after 3 months",
            ),
            Source(
                id="doc-analytics-2",
                title="Web analytics Q3",
                location="ga4.pdf",
                excerpt="Product page exit rate 61%",
            ),
        ],
        assumptions=["Shoppers compare at least three sellers"],
        notes=["Workshop held in March"],
    )


@pytest.fixture
def rich_map() -> JourneyMap:
    return build_rich_map()


class ScriptedChatModel:
    """A chat model that plays back scripted replies or raises scripted errors.

    Records every call (messages and bound options) and fails on a call it has no reply for.
    Supports the two things the OpenAI provider uses: ``bind`` and ``bind_tools``.
    """

    def __init__(
        self,
        script: list[object],
        calls: list[dict[str, object]] | None = None,
        options: dict[str, object] | None = None,
    ) -> None:
        self.script = script
        self.calls = [] if calls is None else calls
        self.options = options or {}

    def bind(self, **options: object) -> ScriptedChatModel:
        return ScriptedChatModel(self.script, self.calls, {**self.options, **options})

    def bind_tools(self, tools: list[object], tool_choice: object = None) -> ScriptedChatModel:
        return self.bind(tools=tools, tool_choice=tool_choice)

    def invoke(self, messages: list[object]) -> object:
        self.calls.append({"messages": list(messages), "options": dict(self.options)})
        if not self.script:
            raise AssertionError("the scripted model got a call it has no reply for")
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step


@pytest.fixture
def scripted() -> type[ScriptedChatModel]:
    return ScriptedChatModel
