"""Journey Assistant: draft, critique and improve customer journey maps.

>>> from journey_assistant import load_map, convert_map
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, for type checkers; at run time they load on first use
    from .api import convert_map, critique_map, dump_map, improve_map, load_map, parse_map, save_map
    from .drafting import DraftResult, draft_map
    from .errors import JourneyError, MapFormatError, ModelError, UserInputError
    from .models import (
        KPI,
        Channel,
        Critique,
        Emotion,
        Finding,
        JourneyMap,
        MapType,
        Opportunity,
        PainPoint,
        Persona,
        Provenance,
        Stage,
        Touchpoint,
    )
    from .personas import PersonaResult, draft_personas

_HOME = {
    **dict.fromkeys(
        ["convert_map", "critique_map", "dump_map", "improve_map", "load_map", "parse_map"], "api"
    ),
    "save_map": "api",
    "DraftResult": "drafting",
    "draft_map": "drafting",
    **dict.fromkeys(["JourneyError", "MapFormatError", "ModelError", "UserInputError"], "errors"),
    **dict.fromkeys(
        [
            "KPI",
            "Channel",
            "Critique",
            "Emotion",
            "Finding",
            "JourneyMap",
            "MapType",
            "Opportunity",
            "PainPoint",
            "Persona",
            "Provenance",
            "Stage",
            "Touchpoint",
        ],
        "models",
    ),
    "PersonaResult": "personas",
    "draft_personas": "personas",
}


def __getattr__(name: str) -> Any:
    """The public names, imported when first used: `journey --help` and `journey critique`
    do not pay for drafting, personas or the LLM layer."""
    if name in _HOME:
        return getattr(import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "KPI",
    "Channel",
    "DraftResult",
    "Critique",
    "Emotion",
    "Finding",
    "JourneyError",
    "JourneyMap",
    "MapFormatError",
    "MapType",
    "ModelError",
    "Opportunity",
    "PainPoint",
    "Persona",
    "PersonaResult",
    "Provenance",
    "Stage",
    "Touchpoint",
    "UserInputError",
    "convert_map",
    "critique_map",
    "draft_map",
    "draft_personas",
    "dump_map",
    "improve_map",
    "load_map",
    "parse_map",
    "save_map",
]
