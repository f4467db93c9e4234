"""Journey Assistant: draft, critique and improve customer journey maps.

>>> from journey_assistant import load_map, convert_map
"""

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
