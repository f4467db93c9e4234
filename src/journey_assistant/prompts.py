"""Prompt templates (``resources/prompts/*.md``), filled with ``$name`` placeholders."""

from __future__ import annotations

from pathlib import Path
from string import Template

from .errors import JourneyError
from .resources import folder


def prompts_dir() -> Path:
    """The ``prompts/`` folder shipped in the package, or ``JOURNEY_PROMPTS_DIR``."""
    return folder("prompts", "JOURNEY_PROMPTS_DIR")


def render(name: str, **values: str) -> str:
    """The prompt ``prompts/<name>.md`` with its placeholders filled; all must be given."""
    path = prompts_dir() / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JourneyError(
            f"prompt {name!r} is missing ({path}); restore the prompts folder."
        ) from None
    try:
        return Template(text).substitute(values)
    except KeyError as exc:
        raise JourneyError(f"prompt {name!r} needs a value for {exc.args[0]}") from None


def fence(snippet_id: str, source: str, text: str) -> str:
    """A snippet as a data block; closing tags inside it are neutralised."""
    safe = text.replace("</data", "</ data").replace("<data", "< data")
    return f'<data id="{snippet_id}" source="{source}">\n{safe}\n</data>'
