"""A stage said by what happens in it ("the stage where they serve the cake at the party",
"the one with the first examination"), found by meaning with the sentence model the chat
already runs for intents.

Words alone pick the stage that shares a noun ("cake" -> "Browse cakes", "payroll" -> "First
payroll"); the description is about what customers do there. Each stage is read as its name,
its customer goal, its actions and its touchpoints: the description's similarity to the whole
(joined) and to its closest single item are added, and the best stage wins. On the 108
labelled development messages that describe a stage this way, words alone found 76 and this
98 (``tests/test_intents.py::test_described_stages_in_the_development_sets``). Without the
local model (a bare install) it says nothing and the word matcher decides, as before.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import JourneyMap, Stage

# "the stage where they X", "the step with the X", "the bit when X", "the one about X"
# ("the one", "the bit" need their "the": "no one with a car can park" describes no stage)
# "the moment they're in the chair", "when their contract's up for renewal", "for when they're
# comparing vendors": a time said by what the customers do then (a customer word must follow
# "when": "when I'm done" or "when you can" describe no stage)
_THEY = (
    r"(?:they'?re|they\s+are|they|people|customers?|clients?|patients?|users?|guests?|"
    r"buyers?|members?|visitors?|families|parents|students)"
)
_WHO = (
    rf"(?:{_THEY}|their|"
    r"the\s+(?!(?:map|draft|file|export|changes?|list|pdf|chat|assistant|rest)\b)[a-z-]+"
    r"(?:\s+[a-z-]+)?)"
)
# what follows the time and is the request ("…, make it happier", "… they also read Capterra")
_REQUEST = re.compile(
    r"\s+(?:add|put|make|rename|remove|delete|set|give|change|they\s+also|we\s+(?:want|need|"
    r"should))\b.*$",
    re.IGNORECASE,
)
_DESCRIBED = re.compile(
    r"(?:\bthe\s+(?:one|bit|part)|\b(?:the\s+)?(?:stage|step|phase|column))\s+(?:where|with|when|"
    r"in\s+which|that\s+has|that's\s+got|about)\s+(?P<what>[^,.;:!?—()]+)"
    rf"|\bthe\s+(?:moment|point|time)\s+(?:when\s+|where\s+|that\s+)?(?P<then>{_WHO}\s[^,.;:!?—()]+)"
    rf"|\b(?:for\s+|at\s+|on\s+)?when\s+(?P<when>{_WHO}\s[^,.;:!?—()]+)",
    re.IGNORECASE,
)
# what is said after the description: where to put it, what to do with it
_AFTER = re.compile(
    r"\s+(?:-\s|to\s|into\s|should\s|feels?\s|is\s|are\s|has\s|and\s+put\s|after\s|before\s|"
    r"mean\b|right\s+at\s|as\s+(?:a|an|the)\s|owner\b|idea\b|kpi\b).*$",
    re.IGNORECASE,
)
_VECTORS: dict[str, Any] = {}  # text -> unit vector, shared by every map in the process
_LIMIT = 20_000


def description(text: str) -> str | None:
    """What a message says happens in the stage it means, if it says a stage that way."""
    found = _DESCRIBED.search(text)
    if not found:
        return None
    said = found.group("what") or ""
    if not said:  # "they're in the chair having a filling": what they do, without them
        said = re.sub(rf"^{_THEY}\s+", "", found.group("then") or found.group("when"), flags=re.I)
        said = _REQUEST.sub("", said)
    what = _AFTER.sub("", said).strip()
    return what if len(what.split()) >= 2 or len(what) >= 6 else None


def _items(stage: Stage) -> list[str]:
    said = [
        stage.name,
        stage.customer_goal or "",
        *stage.actions,
        *(t.name for t in stage.touchpoints),
    ]
    return [s for s in said if s and s.strip()]


def _embedded(texts: list[str]) -> Any:
    import numpy as np

    from ..knowledge.embeddings import get_embedder

    have: dict[str, Any] = {t: _VECTORS.get(t) for t in texts}  # read once: another chat
    # may clear the cache
    missing = [t for t, v in have.items() if v is None]
    if missing:
        if len(_VECTORS) > _LIMIT:
            _VECTORS.clear()
        for text, vector in zip(missing, get_embedder("local").embed(missing), strict=True):
            have[text] = _VECTORS[text] = np.asarray(vector, dtype="float32")
    return np.stack([have[t] for t in texts])


def same_words(text: str) -> set[str]:
    """The words of a text, each as the first word of its group of words meaning the same
    ("pickup" and "collection" both as "collect", "try it out" and "trial" as "trial"),
    stemmed (``lexicon.yaml``, ``same_words``)."""
    from .content import stem
    from .lexicon import lexicon

    low = " ".join(text.lower().split())
    low = re.sub(
        r"\bpick(?:s|ed|ing)?\s+(?:\S+\s+){1,3}?up\b", "pick up", low
    )  # "pick the cake up"
    found: set[str] = set()
    for group in lexicon()["same_words"]:
        if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low) for w in group):
            found.add(stem(group[0]))
    return found


def described_stage(journey: JourneyMap, text: str) -> int | None:
    """The stage a message describes by what happens in it, or ``None`` (no description, no
    stage named outright, or no local model). A description with a word meaning the same as
    a word of one stage's name ("the one where they try it" and "Start a 14-day trial") is
    that stage, model or not."""
    from ..knowledge.embeddings import local_model_installed

    what = description(text)
    if what is None or not journey.stages:
        return None
    same = same_words(what)
    alike = [i for i, s in enumerate(journey.stages) if same & same_words(s.name)] if same else []
    if len(alike) == 1:
        return alike[0]
    if not local_model_installed():
        return None
    low = text.lower()
    if any(
        re.search(rf"(?<![\w-]){re.escape(s.name.strip().lower())}(?![\w-])", low)
        for s in journey.stages
    ):
        return None  # a stage named outright is the one meant
    # the map's own subject ("patients", "practice" on a dental map) says nothing of which
    # stage is meant (on an earlier count of those messages, 96 of 111 with it, 100 without)
    title = set(re.findall(r"[a-z]+", f"{journey.title} {journey.context.industry or ''}".lower()))
    what = " ".join(w for w in what.split() if w.lower() not in title) or what
    said = _embedded([what])[0]
    scores = []
    for stage in journey.stages:
        items = _items(stage)
        whole = _embedded([". ".join(items)])[0] @ said
        closest = max(_embedded(items) @ said)
        scores.append(float(whole + closest))
    return max(range(len(scores)), key=scores.__getitem__)
