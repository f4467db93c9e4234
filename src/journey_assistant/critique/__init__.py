"""The critique engine: a linter for journey maps (pure rules, a score, ranked improvements)."""

from .engine import critique_map
from .registry import RULES, Rule

__all__ = ["RULES", "Rule", "critique_map"]
