"""Settings in one place: command-line flag over ``JOURNEY_*`` environment variable over default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "JOURNEY_"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "journey-assistant"


def _default_cache_dir() -> Path | None:
    """``JOURNEY_CACHE_DIR`` even for settings made in code: the folder is shared on purpose."""
    raw = os.environ.get(ENV_PREFIX + "CACHE_DIR")
    return Path(raw).expanduser() if raw else None


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Build with :meth:`from_env`, override with :meth:`with_overrides`."""

    data_dir: Path = field(default_factory=_default_data_dir)
    # Where vectors and parses derived from the shipped files (guidance, example messages,
    # catalogue) are kept; by default inside the data folder. Data folders may share one.
    cache_dir: Path | None = field(default_factory=_default_cache_dir)
    model: str | None = None  # None: JOURNEY_MODEL, else openai when OPENAI_API_KEY is set
    # Engines a browser may switch to in the app (comma-separated model strings); by default
    # the server's own engine and the offline one. The endpoint and key stay server settings.
    models: str | None = None
    max_upload_mb: float = 10.0
    chroma_host: str | None = None
    auth: str | None = None
    host: str = "127.0.0.1"
    port: int = 7860
    # Host names the app answers to besides its bind address and loopback (comma-separated),
    # e.g. the name of a reverse proxy in front of it.
    allowed_hosts: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read ``JOURNEY_<FIELD>`` variables; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, raw)
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given non-``None`` values applied (command-line flags)."""
        given = {k: _coerce(k, v) if isinstance(v, str) else v for k, v in overrides.items()}
        return replace(self, **{k: v for k, v in given.items() if v is not None})

    @property
    def cache(self) -> Path:
        """The folder for derived vectors and parses: ``cache_dir``, else the data folder's."""
        return self.cache_dir or self.data_dir / "cache"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def _coerce(name: str, raw: str) -> Any:
    from .errors import UserInputError

    try:
        if name in ("data_dir", "cache_dir"):
            return Path(raw).expanduser()
        if name == "port":
            return int(raw)
        if name == "max_upload_mb":
            return float(raw)
    except ValueError:
        raise UserInputError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid value; set a number."
        ) from None
    return raw


def get_settings() -> Settings:
    """Settings from the current environment."""
    return Settings.from_env()
