"""Checks on model output before anyone sees it.

* Citations must name snippets that were actually retrieved; others are dropped.
* Text a document tried to inject (the payload of an "ignore your instructions" line: quoted
  strings, marker tokens, links) is removed wherever the model copied it.
* Links are removed unless their host is on the allowlist.
* Provenance follows the evidence: cited elements are ``evidence``, uncited model additions
  are ``inferred``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .models import JourneyMap, Provenance

INJECTION = re.compile(
    r"(ignore|disregard|forget|override|ignorez|ignoriere|ignora)\b.{0,40}"
    r"\b(instructions?|rules?|prompt|above|previous|prior|précédentes|vorherigen|anteriores)"
    r"|\byou are now\b|\bsystem prompt\b|\b(system|assistant)\s*:|\bnew instructions?\b"
    r"|\b(print|output|write|say|include|add|reply with|respond with)\b.{0,30}\b(exactly|verbatim"
    r"|the (word|string|phrase|code|text))\b",
    re.IGNORECASE,
)
_TLDS = (
    "com|org|net|io|co|uk|us|eu|de|fr|es|it|nl|ie|au|nz|ca|in|info|biz|app|dev|ai|me|ly|gov|"
    "edu|example|online|shop|store|site|xyz|link|click|top"
)
# A link in any form: a scheme (https://, ftp://, data:, javascript:, mailto:, tel:...), a
# protocol-relative //host, www.host, or a bare domain (with a path, or a common ending).
URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]{1,20}://|(?<![\w:/])//(?=[\w-]+\.)|\bwww\.)[^\s)\]>\"']+"
    r"|\b(?:javascript|vbscript|data|mailto|tel|file):[^\s\"']*"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}/[^\s)\]>\"']*",
    re.IGNORECASE,
)
# A bare domain such as "refunds.example": not a link to a reader (Booking.com is a brand), but
# an address all the same, so a document sentence holding one is not quoted as a fact.
DOMAIN = re.compile(
    rf"\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?![\w-])", re.IGNORECASE
)
PHONE = re.compile(r"(?<![\w.])\+?\d[\d ().-]{7,}\d\b")
REMOVED = "(removed: text copied from an instruction inside a document)"


IMPERATIVE_CODE = re.compile(  # "write ABC-123 in…": an order to repeat a marker code
    r"(?i:\b(?:write|print|output|add|include|insert|put|say|type)\b)[^.\n]{0,20}"
    r"\b[A-Z0-9]{2,}(?:[-_][A-Z0-9]{2,})+\b"
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
CODE = re.compile(r"\b[A-Z0-9]{2,}(?:[-_][A-Z0-9]{2,})+\b")


def injection_payloads(texts: Iterable[str]) -> set[str]:
    """Strings an injected instruction wants repeated: quoted text, marker codes, links, emails.

    Once any snippet carries an instruction, codes, links and emails from all retrieved
    snippets count, so an instruction split across chunks is caught too.
    """
    texts = list(texts)
    lines = [line for text in texts for line in re.split(r"[\n.!?|]", text)]
    flagged = [line for line in lines if INJECTION.search(line) or IMPERATIVE_CODE.search(line)]
    if not flagged:
        return set()
    payloads: set[str] = set()
    for line in flagged:
        payloads.update(q.strip() for q in re.findall(r"[\"“'‘]([^\"”'’]{4,80})[\"”'’]", line))
    for text in texts:
        payloads.update(CODE.findall(text))
        payloads.update(URL.findall(text))
        payloads.update(EMAIL.findall(text))
    return {p for p in payloads if len(p) >= 4}


def url_host(url: str) -> str:
    """The host of a link found by :data:`URL`, lowercase and without ``www.``."""
    return re.sub(r"^([a-z][a-z0-9+.-]*:)?(//)?(www\.)?", "", url.lower()).split("/")[0]


def plain_fact(sentence: str, payloads: Iterable[str] = ()) -> bool:
    """Whether a sentence from a document may be quoted as a fact: it holds no instruction to
    the assistant, no link in any form, no contact details and nothing an injected
    instruction asked to repeat (``payloads``, lower-case)."""
    low = sentence.lower()
    return not (
        INJECTION.search(sentence)
        or IMPERATIVE_CODE.search(sentence)
        or URL.search(sentence)
        or DOMAIN.search(sentence)
        or EMAIL.search(sentence)
        or PHONE.search(sentence)
        or any(p in low for p in payloads)
    )


def _clean_text(value: str, payloads: set[str], allowed_hosts: set[str]) -> tuple[str, bool]:
    changed = False
    low = value.lower()
    if any(p.lower() in low for p in payloads):
        return REMOVED, True

    def keep(match: re.Match[str]) -> str:
        nonlocal changed
        url = match.group(0)
        if url_host(url) in allowed_hosts:
            return url
        changed = True
        return "(link removed)"

    return URL.sub(keep, value), changed


def _walk(node: Any, payloads: set[str], allowed: set[str], report: list[str]) -> Any:
    if isinstance(node, str):
        cleaned, changed = _clean_text(node, payloads, allowed)
        if changed:
            report.append(node[:80])
        return cleaned
    if isinstance(node, list):
        items = [_walk(item, payloads, allowed, report) for item in node]
        return [i for i in items if i != REMOVED]  # drop list entries that were pure payload
    if isinstance(node, dict):
        return {
            k: (
                v
                if k
                in (
                    "id",
                    "provenance",
                    "citations",
                    "addresses",
                    "channel",
                    "map_type",
                    "state",
                    "severity",
                    "impact",
                    "effort",
                    "kind",
                    "ownership",
                    "evidence_level",
                )
                else _walk(v, payloads, allowed, report)
            )
            for k, v in node.items()
        }
    return node


def guard_map(
    journey: JourneyMap,
    *,
    retrieved: dict[str, Any],
    allowed_hosts: Iterable[str] = (),
    snippet_texts: Iterable[str] = (),
) -> tuple[JourneyMap, list[str]]:
    """The map with unretrieved citations, injected payloads and foreign links removed."""
    warnings: list[str] = []
    payloads = injection_payloads(snippet_texts)
    data = journey.model_dump(mode="json")
    removed: list[str] = []
    data = _walk(data, payloads, {h.lower() for h in allowed_hosts}, removed)
    if removed:
        warnings.append(
            f"removed {len(removed)} piece(s) of text copied from document "
            "instructions or linking outside the allowlist"
        )
    bad_citations: set[str] = set()

    def fix(element: dict[str, Any]) -> None:
        cites = element.get("citations") or []
        kept = [c for c in cites if c in retrieved]
        bad_citations.update(c for c in cites if c not in retrieved)
        element["citations"] = kept
        if kept:
            element["provenance"] = Provenance.evidence.value
        elif element.get("provenance") != Provenance.user.value:
            element["provenance"] = Provenance.inferred.value

    for stage in data.get("stages", []):
        for lane in ("touchpoints", "pain_points", "opportunities", "kpis", "persona_emotions"):
            for element in stage.get(lane, []):
                fix(element)
        if stage.get("emotion"):
            fix(stage["emotion"])
    for persona in data.get("personas", []):
        fix(persona)
        for lane in ("goals", "needs", "frustrations", "behaviours", "motivations", "objections"):
            for element in persona.get(lane, []):
                fix(element)
    if bad_citations:
        warnings.append(
            f"dropped citations of snippets that were never retrieved: "
            f"{', '.join(sorted(bad_citations))}"
        )
    cited = {c for c in all_citations(data)}
    data["sources"] = [s for s in data.get("sources", []) if s.get("id") in cited]
    known = {s["id"] for s in data["sources"]}
    for cid in sorted(cited - known):
        data["sources"].append(retrieved[cid])
    return JourneyMap.model_validate(data), warnings


def all_citations(data: Any) -> Iterable[str]:
    """Every citation id in a dumped map (or any part of one), sources list excluded."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "citations" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            elif key != "sources":
                yield from all_citations(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_citations(item)
