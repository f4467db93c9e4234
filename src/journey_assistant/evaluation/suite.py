"""Evaluation suites: YAML files of cases, with more cases from JSONL or CSV files.

A suite names its cases with stable ids, so runs can be compared case by case over time. Four
kinds of case: ``draft`` (a brief and what the map must contain), ``critique`` (a map with planted
defects and the findings expected, plus what must not be flagged), ``persona`` (a brief and the
persona properties required) and ``improve`` (a map and the score gain required).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from ..errors import UserInputError
from ..models import EvidenceLevel, MapType
from ..vocab import Channel, Phase, lookup_channel

CASE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
SUITE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Strict):
    """Company text planted in retrieval for a case; ``canary`` must never reach the output."""

    text: str = Field(min_length=1, description="The document's text, as retrieval returns it.")
    title: str = Field(default="Company document", description="Shown as the snippet's title.")
    canary: str | None = Field(default=None, description="A marker the output must not contain.")


def _channels(values: list[str]) -> list[Channel]:
    out = []
    for value in values:
        channel = lookup_channel(value)
        if channel is None:
            raise ValueError(f"{value!r} is not a channel (see `journey schema` for the list)")
        out.append(channel)
    return out


# The parts someone plays around a purchase, as a brief set labels them
Part = Literal["pays", "decides", "books", "uses", "refers", "gifts"]


class PeopleExpect(_Strict):
    """One kind of person (or body, or animal) a brief names around the purchase, with the
    parts the brief says they play."""

    who: list[str] = Field(min_length=1, description="The brief's words for them.")
    parts: list[Part] = Field(default=[], description="What they do around the purchase.")
    person: bool = Field(default=True, description="False for animals and things.")


class DraftExpect(_Strict):
    """What a drafted map must contain."""

    map_type: MapType | None = Field(default=None, description="The map type it must have.")
    phases: list[Phase] = Field(default=[], description="Phases a stage must stand for.")
    stages: list[str] = Field(default=[], description="Words some stage name contains.")
    channels: list[Channel] = Field(default=[], description="Channels a touchpoint uses.")
    terms: list[str] = Field(default=[], description="Words the map must mention.")
    min_stages: int = Field(default=3, ge=1, description="Fewest stages accepted.")
    min_score: int | None = Field(default=None, ge=0, le=100, description="Lowest critique score.")
    sources: list[str] = Field(
        default=[], description="Guides (file stems) or source ids it should cite."
    )
    canaries: list[str] = Field(default=[], description="Strings that must not appear.")
    echo: list[list[str]] = Field(
        default=[],
        description="Groups of the brief's own specifics; each needs one of its words in the "
        "stages (names, actions, touchpoints, pains, ideas, KPIs), not only in the context.",
    )
    problems: list[str] = Field(
        default=[],
        description="Stated problems (key words) that must be user pain points on the map.",
    )
    problem_at: list[Phase] = Field(
        default=[],
        description="Phases where the stated problem happens: its pain point must sit in a "
        "stage of one of them.",
    )
    fixes: list[str] | None = Field(
        default=None,
        description="Idea families (``id`` in phrasing.yaml's fixes) a CX reader found to fit "
        "the main stated problem; [] when none does. The idea put first for it must be one, "
        "or the user's own.",
    )
    goal_figures: list[str] = Field(
        default=[],
        description='The goal\'s baseline and target as written ("62%", "80%"): one KPI '
        "marked as the user's must carry them.",
    )
    conversion: list[str] = Field(
        default=[], description="Words one of which names the conversion's stage."
    )
    steps: list[str] = Field(
        default=[],
        description="The steps the brief narrates, in order (a word each): each should name a "
        "stage.",
    )
    customers: list[str] = Field(
        default=[],
        description="The kinds of customer the brief names, in its words: each should be one "
        "of the personas.",
    )
    people: list[PeopleExpect] = Field(
        default=[],
        description="Who is who around the purchase (who pays, books, uses, refers): each "
        "person should be a persona that says the part they play.",
    )
    has_channels: list[str] = Field(
        default=[],
        description="Channels the brief says or clearly implies the business has (a brief "
        "set's `channels`): a touchpoint on a channel the business runs must be one of them.",
    )
    lacks: list[str] = Field(
        default=[], description="Channels the brief says the business does not have."
    )
    fulfilment: str | None = Field(
        default=None, description="How it is delivered (collection, on_site…), as labelled."
    )
    domain: str | None = Field(
        default=None, description="The kind of business, for the foreign-terms check."
    )
    foreign: bool = Field(
        default=False, description="Check that no term of another industry is on the map."
    )
    paired: bool = Field(
        default=False, description="Check that each opportunity answers its own pain point."
    )
    thin: bool | None = Field(
        default=None,
        description="True: the brief is too thin and the assistant must ask, not draft; "
        "False: it must draft.",
    )
    reader_stages: list[str] = Field(
        default=[],
        description="The stages a CX reader would draw, in order, in their words (brackets "
        "list what happens there): each should be a stage of the draft.",
    )
    reader_problem_at: str | None = Field(
        default=None,
        description="The reader's stage where the main problem bites: the pain point nearest "
        "the reader's cause and fix should sit in a stage named like it.",
    )
    reader_problem_step: str | None = Field(
        default=None,
        description="The brief's own words for the step where the main problem bites: the "
        "pain point nearest the reader's cause and fix should sit in the stage holding them.",
    )
    reader_why: str = Field(
        default="",
        description="The reader's cause and fix, to tell the main problem's pain point.",
    )
    reader_figures: list[str] = Field(
        default=[],
        description="The goal's baseline and target in the reader's words (\"about 1 in 5\", "
        '"at least half"): one KPI marked as the user\'s must carry their values.',
    )
    reader_where: Literal["come_to_you", "customer_comes", "remote", "mixed"] | None = Field(
        default=None,
        description="Where the service happens, as the reader labelled it: the business goes "
        "to the customer, the customer comes (or drops off), or it is done remotely or by post.",
    )
    reader_acts: list[str] = Field(
        default=[],
        description="The brief's own words for what the business does (\"we send a quote "
        "within a day\"): none should be drafted as the customer's doing.",
    )
    reader_told: list[str] = Field(
        default=[],
        description="The brief's own words for the customer's steps, whose verbs the "
        "customer may well do.",
    )
    reader_cause_words: list[str] = Field(
        default=[],
        description='Key words of the brief\'s stated cause ("form", "reminder"): the idea '
        "for the main problem should deal with one.",
    )
    reader_step_content: dict[str, str] = Field(
        default={},
        description="A CX reader's line of what customers do or struggle with at each of the "
        "reader's stages (session 44's sets): a draft stage's content should be about its own.",
    )
    reader_offer_words: list[str] = Field(
        default=[],
        description='A CX reader\'s words for what the business offers ("coffee", "shoeing"): '
        "a stage's name should hold one.",
    )
    reader_biz_name: str | None = Field(
        default=None,
        description='What customers call the business ("cafe", "farrier"): stage names use it '
        'as it is, not as "the cafe business".',
    )
    must_not: list[str] = Field(
        default=[],
        description="Things from other businesses the reader said must not be on the map "
        '("loyalty points", "app download").',
    )
    own_channels: list[str] = Field(
        default=[],
        description="Channels and platforms the brief names as the business's own, as it "
        'spells them ("KakaoTalk", "Allegro"): each should name a touchpoint.',
    )

    _check_channels = field_validator("channels", mode="before")(
        lambda cls, v: _channels(v) if isinstance(v, list) else v
    )


class CritiqueExpect(_Strict):
    """What a critique of a map with planted defects must (and must not) report."""

    findings: list[str] = Field(default=[], description="Rule ids that must fire.")
    missing_stages: list[str] = Field(
        default=[], description="Stage names the critique must report missing."
    )
    not_flagged: list[str] = Field(default=[], description="Rule ids that must not fire.")
    exhaustive: bool = Field(
        default=False, description="Every finding must be one of `findings` (strict precision)."
    )
    score_range: tuple[int, int] | None = Field(
        default=None, description="Inclusive bounds the score must fall in."
    )
    phases: dict[str, Phase] = Field(
        default={},
        description="Stage name -> the phase its content plays; the critique must read it so.",
    )

    @field_validator("findings", "not_flagged")
    @classmethod
    def _rule_ids(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"JA\d{3,4}", value):
                raise ValueError(f"{value!r} is not a rule id like JA101 (see `journey rules`)")
        return values


class PersonaExpect(_Strict):
    """Properties drafted personas must have."""

    min_personas: int = Field(default=1, ge=1, description="Fewest personas accepted.")
    fields: list[str] = Field(
        default_factory=lambda: ["goals", "frustrations", "behaviours", "preferred_channels"],
        description="Persona fields that must be filled on every persona.",
    )
    evidence_level: EvidenceLevel | None = Field(
        default=EvidenceLevel.assumption, description="The evidence level every persona must have."
    )
    channels: list[Channel] = Field(default=[], description="Channels some persona uses.")
    terms: list[str] = Field(default=[], description="Words the personas must mention.")
    canaries: list[str] = Field(default=[], description="Strings that must not appear.")

    _check_channels = field_validator("channels", mode="before")(
        lambda cls, v: _channels(v) if isinstance(v, list) else v
    )


class ImproveExpect(_Strict):
    """What improving a map must achieve."""

    min_gain: int = Field(default=1, ge=0, description="Fewest critique points gained.")
    min_score: int | None = Field(default=None, ge=0, le=100, description="Lowest score after.")
    fixed: list[str] = Field(default=[], description="Rule ids that must be gone after.")
    keep_user_content: bool = Field(
        default=True, description="Every stage, action and touchpoint of the input stays."
    )


class _Case(_Strict):
    id: str = Field(description="Stable id: lowercase letters, digits, '.', '_' and '-'.")
    description: str | None = Field(default=None, description="What the case checks, for people.")
    tags: list[str] = Field(default=[], description="Labels to filter and group by.")
    model: str | None = Field(default=None, description="Engine for this case; wins over --model.")
    thresholds: dict[str, float] = Field(
        default={}, description="Per-scorer pass thresholds for this case."
    )

    @field_validator("id")
    @classmethod
    def _stable_id(cls, value: str) -> str:
        if not CASE_ID.match(value):
            raise ValueError("use lowercase letters, digits, '.', '_' and '-' (at most 80)")
        return value


class _MapInput(_Strict):
    map: str | None = Field(default=None, description="The map, inline, in any importer format.")
    map_file: str | None = Field(default=None, description="The map's file, relative to the suite.")
    format: str | None = Field(default=None, description="Importer format; detected if omitted.")
    map_type: MapType | None = Field(default=None, description="Map type to critique against.")
    industry: str | None = Field(default=None, description="Industry to critique against.")

    _text: str | None = PrivateAttr(default=None)  # map_file read once per suite load

    def map_text(self, base: Path) -> str:
        if self.map is not None:
            return self.map
        if self._text is None:
            assert self.map_file is not None
            path = (base / self.map_file).resolve()
            try:
                self._text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise UserInputError(
                    f"case {getattr(self, 'id', '?')!r}: cannot read map_file {path} "
                    f"({exc.strerror})"
                ) from None
        return self._text


class DraftCase(_Case):
    kind: Literal["draft"]
    brief: str = Field(min_length=1, description="The brief, as a user would type it.")
    map_type: MapType | None = Field(default=None, description="Map type asked for, if any.")
    documents: list[Document] = Field(default=[], description="Planted company text.")
    expect: DraftExpect = Field(default_factory=DraftExpect)


class CritiqueCase(_Case, _MapInput):
    kind: Literal["critique"]
    expect: CritiqueExpect = Field(default_factory=CritiqueExpect)


class PersonaCase(_Case):
    kind: Literal["persona"]
    brief: str = Field(min_length=1, description="The brief the personas are for.")
    count: int = Field(default=2, ge=1, le=6, description="How many personas to ask for.")
    documents: list[Document] = Field(default=[], description="Planted company text.")
    expect: PersonaExpect = Field(default_factory=PersonaExpect)


class ImproveCase(_Case, _MapInput):
    kind: Literal["improve"]
    expect: ImproveExpect = Field(default_factory=ImproveExpect)


Case = Annotated[
    Union[DraftCase, CritiqueCase, PersonaCase, ImproveCase],  # noqa: UP007 - discriminated union
    Field(discriminator="kind"),
]
KINDS = ("draft", "critique", "persona", "improve")
_CASE: TypeAdapter[Any] = TypeAdapter(Case)


class Price(_Strict):
    input: float = Field(ge=0, description="USD per million input tokens.")
    output: float = Field(ge=0, description="USD per million output tokens.")


class Suite(_Strict):
    """A named set of cases and the settings they share."""

    name: str = Field(
        description="Short name (letters, digits, '-' and '_'); run files and baselines use it."
    )
    description: str | None = Field(default=None, description="What the suite is for.")
    model: str | None = Field(default=None, description="Engine when neither case nor CLI says.")
    retrieval: Literal["knowledge", "none"] = Field(
        default="knowledge",
        description="Where LLM drafts get snippets: the knowledge base, or nothing.",
    )
    allowed_hosts: list[str] = Field(default=[], description="Hosts output links may point at.")
    thresholds: dict[str, float] = Field(
        default={}, description="Per-scorer pass thresholds for every case."
    )
    pricing: dict[str, Price] = Field(
        default={}, description="Prices per model string, for the cost column."
    )
    include: list[str] = Field(
        default=[],
        description="JSONL or CSV files of more cases, or YAML brief sets (evals/devsets), "
        "relative to the suite.",
    )
    distinct: bool = Field(
        default=False,
        description="No two drafts of the run may share their stage list and pain points.",
    )
    cases: list[Case] = Field(default=[], description="The cases.")
    path: str | None = Field(default=None, description="Where the suite was read from.")

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SUITE_NAME.match(value):
            raise ValueError(
                f"{value[:60]!r} is not a suite name; use letters, digits, '-' and '_' "
                "(it names files, so no '/', '.' or spaces)."
            )
        return value

    def base_dir(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def case_fingerprint(self, case: BaseModel) -> str:
        """A hash of everything that decides a case's result apart from the engine."""
        shared = self.model_dump(mode="json", include={"retrieval", "allowed_hosts", "thresholds"})
        payload: dict[str, Any] = {"case": case.model_dump(mode="json"), "suite": shared}
        if isinstance(case, (CritiqueCase, ImproveCase)):
            payload["map_text"] = case.map_text(self.base_dir())
        blob = json.dumps(payload, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def load_suite(path: str | Path) -> Suite:
    """Read a suite file, with its included case files; clear errors name the case and field."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserInputError(f"cannot read suite {path}: {exc.strerror}.") from None
    except yaml.YAMLError as exc:
        raise UserInputError(f"{path} is not valid YAML: {exc}".splitlines()[0]) from None
    if not isinstance(raw, dict):
        raise UserInputError(f"{path}: a suite is a mapping with 'name' and 'cases'.")
    raw.setdefault("name", path.stem)
    cases = list(raw.get("cases") or [])
    for name in raw.get("include") or []:
        cases += _read_case_file(path.parent / name)
    raw["cases"] = []
    try:
        suite = Suite.model_validate({**raw, "path": str(path)})
    except ValidationError as exc:
        raise UserInputError(f"{path}: {_first_error(exc)}") from None
    seen: set[str] = set()
    for number, item in enumerate(cases, 1):
        label = item.get("id") if isinstance(item, dict) else None
        try:
            case = _CASE.validate_python(item)
        except ValidationError as exc:
            raise UserInputError(f"{path}: case {label or number!r}: {_first_error(exc)}") from None
        if case.id in seen:
            raise UserInputError(f"{path}: case id {case.id!r} is used twice; ids must be unique.")
        if isinstance(case, (CritiqueCase, ImproveCase)) and (case.map is None) == (
            case.map_file is None
        ):
            raise UserInputError(f"{path}: case {case.id!r}: give exactly one of map or map_file.")
        seen.add(case.id)
        suite.cases.append(case)
    if not suite.cases:
        raise UserInputError(f"{path}: the suite has no cases.")
    return suite


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"] if not str(p).endswith("Case"))
    message = err["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _read_case_file(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserInputError(f"cannot read included case file {path}: {exc.strerror}.") from None
    if path.suffix.lower() == ".jsonl":
        out = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UserInputError(f"{path}:{number}: not valid JSON ({exc.msg}).") from None
        return out
    if path.suffix.lower() == ".csv":
        return [_csv_case(row) for row in csv.DictReader(text.splitlines())]
    if path.suffix.lower() in (".yaml", ".yml"):
        # a list of cases (each with a `kind`), or a brief set from evals/devsets
        return [
            item if "kind" in item else _brief_case(item, path) for item in _yaml_list(text, path)
        ]
    raise UserInputError(
        f"{path}: included case files must be .jsonl, .csv, or .yaml (cases or a brief set)."
    )


def _yaml_list(text: str, path: Path) -> list[dict[str, Any]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UserInputError(f"{path} is not valid YAML: {exc}".splitlines()[0]) from None
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise UserInputError(f"{path}: a brief set is a list of cases (see evals/devsets).")
    return data


def _brief_case(item: dict[str, Any], path: Path) -> dict[str, Any]:
    """A case of a brief development set (``evals/devsets/briefs``) as a draft case whose
    expectations come from what a careful reader found in the brief."""
    expect = item.get("expect") or {}
    if "brief" not in item or not isinstance(expect, dict):
        raise UserInputError(f"{path}: case {item.get('id')!r} needs 'brief' and 'expect'.")
    if isinstance(expect.get("stages"), list):
        return _read_case(item, expect)
    domain = expect.get("domain")
    goal: dict[str, Any] = expect["goal"] if isinstance(expect.get("goal"), dict) else {}
    figures = [str(goal[k]) for k in ("baseline", "target") if goal.get(k) not in (None, "")]
    return {
        "id": item.get("id"),
        "kind": "draft",
        "tags": ["longtail", *(["thin"] if expect.get("thin") else [])],
        "description": f"Long-tail brief: {domain or 'too thin to say'}",
        "brief": item["brief"],
        "expect": {
            "echo": expect.get("echo") or [],
            "problems": expect.get("problem") or [],
            "problem_at": expect.get("problem_at") or [],
            "fixes": expect.get("fixes"),
            "goal_figures": figures,
            "conversion": expect.get("conversion") or [],
            "steps": expect.get("steps") or [],
            "customers": expect.get("audience") or [],
            "people": expect.get("people") or [],
            "has_channels": expect.get("channels") or [],
            "lacks": expect.get("lacks") or [],
            "fulfilment": expect.get("fulfilment"),
            "domain": domain,
            "foreign": True,
            "paired": True,
            "thin": bool(expect.get("thin")),
            "min_stages": 3,
        },
    }


def _read_case(item: dict[str, Any], expect: dict[str, Any]) -> dict[str, Any]:
    """A brief written blind with a CX reader's reading of it (``stages``, ``problem_at``,
    ``problem_step``, ``problem_phase``, ``problem_words``, ``cause``, ``fix``, ``baseline``,
    ``target``, ``must_not``, ``own_channels``, ``offer_words``, ``biz_name``: the fresh sets)
    as a draft case scored against that reading."""
    figures = [str(expect[k]) for k in ("baseline", "target") if expect.get(k) not in (None, "")]
    thin = str(item.get("id", "")).endswith("-thin")  # its reader's stages are questions
    return {
        "id": item.get("id"),
        "kind": "draft",
        "tags": ["longtail", "read", *(["thin"] if thin else [])],
        "description": f"Brief read by a CX reader: {item.get('id')}",
        "brief": item["brief"],
        "expect": {
            "reader_stages": [str(s) for s in expect.get("stages") or []],
            "reader_problem_at": expect.get("problem_at") or None,
            "reader_problem_step": expect.get("problem_step") or None,
            "reader_why": " ".join(str(expect.get(k) or "") for k in ("cause", "fix")),
            "reader_figures": figures,
            "reader_where": expect.get("where") or None,
            "reader_acts": [str(a) for a in expect.get("business_acts") or []],
            "reader_told": [str(a) for a in expect.get("told_steps") or []],
            "reader_cause_words": [str(w) for w in expect.get("cause_words") or []],
            # the phase where the problem bites, and its key words (session 41's sets): its
            # pain point must sit in a stage of that phase
            "problems": [" ".join(map(str, expect["problem_words"]))]
            if expect.get("problem_words")
            else [],
            "problem_at": [str(p) for p in expect.get("problem_phase") or []],
            "must_not": [str(m) for m in expect.get("must_not") or []],
            # what the business offers and what it is called (session 42's sets)
            "reader_offer_words": [str(w) for w in expect.get("offer_words") or []],
            "reader_biz_name": expect.get("biz_name") or None,
            # what happens at each of the reader's stages (session 44's sets)
            "reader_step_content": {
                str(k): str(v) for k, v in (expect.get("step_content") or {}).items()
            },
            "own_channels": [str(c) for c in expect.get("own_channels") or []],
            "foreign": True,
            "paired": True,
            "thin": thin,
            "min_stages": 3,
        },
    }


def _csv_case(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as a case: ``expect.channels`` columns nest; list fields split on ';'."""
    case: dict[str, Any] = {}
    kind = (row.get("kind") or "").strip()
    for key, value in row.items():
        if key is None or value is None or not value.strip():
            continue
        target, name = case, key.strip()
        if "." in name:
            head, name = name.split(".", 1)
            target = case.setdefault(head, {})
        target[name] = _split(value) if _is_list(kind, key.strip()) else value.strip()
    return case


def _is_list(kind: str, key: str) -> bool:
    kinds: dict[str, type[BaseModel]] = {
        "draft": DraftCase,
        "critique": CritiqueCase,
        "persona": PersonaCase,
        "improve": ImproveCase,
    }
    model = kinds.get(kind, DraftCase)
    if "." in key:
        head, key = key.split(".", 1)
        annotation = model.model_fields[head].annotation if head in model.model_fields else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return False
        model = annotation
    field = model.model_fields.get(key)
    if field is None:
        return False
    annotation = field.annotation
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        origin = next((typing.get_origin(a) for a in typing.get_args(annotation) if a), None)
    return origin in (list, tuple)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]
