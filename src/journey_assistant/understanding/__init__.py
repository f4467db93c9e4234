"""Understanding: a brief read into a :class:`BriefReading`, below drafting, personas, the
critique and the chat agent, so both engines start from the same visible reading."""

from .brief import check_brief, read_brief
from .reading import BriefReading, Goal, IndustryGuess, NamedChannel, Problem, Read, Step

__all__ = [
    "BriefReading",
    "Goal",
    "IndustryGuess",
    "NamedChannel",
    "Problem",
    "Read",
    "Step",
    "check_brief",
    "read_brief",
]
