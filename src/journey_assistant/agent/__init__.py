"""The chat assistant: conversation state, map edits and the offline intent router."""

from .assistant import EXAMPLES, Assistant, Reply, Session

__all__ = ["EXAMPLES", "Assistant", "Reply", "Session"]
