"""The built-in offline engine: no model, no network; drafting uses the catalogues."""

from __future__ import annotations

from typing import Any

from .base import CallLog, T


class OfflineProvider:
    name = "offline"
    is_offline = True

    def __init__(self) -> None:
        self.log = CallLog()

    def structured(self, messages: list[Any], schema: type[T], *, purpose: str) -> T:
        raise NotImplementedError("the offline engine drafts from catalogues, not prompts")
