"""Whether a chat message is a statement about the business ("we only do collection, no
delivery") rather than a request about the map ("add a pain point to collection: ...").

The nearest-example reader alone mixes the two up: a fact names stages, channels and problems
just as an edit does. The shape of the sentence tells them apart better: a request opens with a
verb or a question word, asks ("can you", "please"), names a part of the map (stage, pain point,
KPI...) or says how the map should be ("should be a 2", "than you've shown"). Pure.
"""

from __future__ import annotations

import re

__all__ = ["is_statement"]

_REQUEST_OPENING = re.compile(
    r"^(?:(?:hey|hi|ok|okay|so|and|also|now|right|pls|please|then|oh|ah|um|erm|actually|sorry|"
    r"wait|hmm|oi)[,!.]?\s+)*"
    r"(?:(?:can|could|would|will) (?:you|we|i)|i(?:'d| would) like|i want you|let'?s|"
    r"add|put|remove|delete|drop|take|rename|call|move|swap|set|mark|make|change|turn|pair|merge|"
    r"combine|split|export|download|save|send|show|give|tell|list|draft|create|build|generate|"
    r"redo|redraft|rebuild|regenerate|critique|review|check|score|fix|improve|apply|accept|"
    r"reject|undo|revert|open|compare|track|measure|rank|explain|summari[sz]e|describe|suggest|"
    r"include|insert|replace|update|lower|raise|bump|shift|get rid|who|what|which|why|how|where|"
    r"when|is|are|does|do|should|any|translate|write|help|start|sort|contrast|fold|break|divide|"
    r"separate|assign|retitle|fill|walk|guide|bring|mash|again|idea|metric|another|yep|yes|"
    r"no|nope|hmm|just|only|oops|brilliant|thanks|thank|great|cheers|proofread|book me|"
    r"improvement|go|try|scrap|throw|keep|leave|use|flip|reorder|cut|trim|shorten|expand)\b"
)
_ASKING = re.compile(r"\b(?:can|could|would) (?:you|u)\b|\bplease\b|\bpls\b")
_MAP_PARTS = re.compile(
    r"\b(pain ?points?|opportunit(?:y|ies)|kpis?|touch ?points?|stages?|emotions?|personas?|"
    r"map|lanes?|findings?|version|owner)\b"
)
_HOW_THE_MAP_SHOULD_BE = re.compile(
    r"\blike an? [1-5]\b|\bthan that\b"
    r"|\b(?:should|must|needs? to) (?:be|come|go|read|say|feel|have|show|sit|move)\b"
    r"|\b(?:than you've|you've (?:shown|got|put|made))\b"
    r"|\b(?:it|that|this|them) (?:as|to|into|from|out|back|up)\b"
)


def is_statement(message: str) -> bool:
    """A declarative sentence of five words or more that neither asks for nor describes an
    edit of the map."""
    low = message.lower().strip()
    if "?" in low or "->" in low or len(low.split()) < 5:
        return False
    return not (
        _ASKING.search(low)
        or _REQUEST_OPENING.match(low)
        or _MAP_PARTS.search(low)
        or _HOW_THE_MAP_SHOULD_BE.search(low)
    )
