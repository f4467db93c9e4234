"""The workspace: saved maps with every version, persona sets and chat sessions, in SQLite.

Everything lives in one file, ``<data_dir>/workspace.sqlite3``. A :class:`Workspace` may be
shared between threads, and every write is one transaction, so a crash never leaves half a
version behind.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .diff import MapDiff, diff_maps
from .errors import JourneyError, UserInputError
from .models import JourneyMap, Persona

__all__ = ["FILENAME", "MapSummary", "MapVersion", "Recovery", "Workspace", "recover"]

FILENAME = "workspace.sqlite3"
SCHEMA_VERSION = 1  # stored in PRAGMA user_version

_SCHEMA = (
    """CREATE TABLE maps (
        map_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE map_versions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES maps (map_id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (map_id, version)
    )""",
    "CREATE TABLE persona_sets (name TEXT PRIMARY KEY)",
    """CREATE TABLE personas (
        set_name TEXT NOT NULL REFERENCES persona_sets (name) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (set_name, position)
    )""",
    """CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL
    )""",
    "CREATE INDEX messages_by_session ON messages (session_id, seq)",
    """CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        map_id TEXT REFERENCES maps (map_id) ON DELETE SET NULL
    )""",
)


@dataclass(frozen=True)
class MapVersion:
    """One saved version of a map."""

    map_id: str
    version: int
    title: str
    saved_at: datetime
    message: str


@dataclass(frozen=True)
class MapSummary:
    """A saved map as listed: its latest title and version, and how many versions it has."""

    map_id: str
    title: str
    latest_version: int
    version_count: int
    updated_at: datetime


class WorkspaceDamaged(JourneyError):
    """The workspace file is damaged; :func:`recover` copies what is readable to a new one."""


def _damaged(path: Path, detail: str) -> WorkspaceDamaged:
    return WorkspaceDamaged(
        f"the workspace database {path} is damaged ({detail}); run `journey recover` to copy "
        "everything still readable into a new workspace (the damaged file is kept beside it)"
    )


@contextmanager
def _database_errors(path: Path) -> Iterator[None]:
    """Turn SQLite failures (a damaged or unreadable file, a full disk) into a JourneyError."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise JourneyError(
                f"the workspace database {path} is busy ({exc}); try again in a moment"
            ) from exc
        raise _damaged(path, str(exc)) from exc


class Workspace:
    """Saved maps (every version), persona sets and chat sessions in ``<data_dir>``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILENAME
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JourneyError(
                f"cannot create the data folder {self.path.parent} ({exc.strerror}); "
                "choose another with JOURNEY_DATA_DIR"
            ) from exc
        with _database_errors(self.path):
            # Autocommit mode: transactions are opened explicitly by _write().
            self._conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
        try:
            self._set_up()
        except BaseException:
            self._conn.close()
            raise

    def _set_up(self) -> None:
        with _database_errors(self.path):
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            problems = [row[0] for row in self._conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise _damaged(self.path, problems[0])
        with self._write() as conn:
            (found,) = conn.execute("PRAGMA user_version").fetchone()
            if found > SCHEMA_VERSION:
                raise JourneyError(
                    f"{self.path} was written by a newer Journey Assistant "
                    f"(schema {found}); upgrade to open it"
                )
            if found == 0:
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the database connection; the workspace cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _database_errors(self.path):
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed at the end or rolled back on any error.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so writers in other processes
        queue instead of both reading the same latest version number.
        """
        with self._lock, _database_errors(self.path), self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            yield self._conn

    # Maps

    def save_map(self, journey: JourneyMap, *, message: str = "") -> MapVersion:
        """Store ``journey`` as the next version of map ``journey.id``.

        The workspace numbers versions 1, 2, 3... (the map's own ``version`` is ignored) and
        sets ``version``, ``created_at`` (kept from the first save) and ``updated_at``.
        """
        with self._write() as conn:
            return _insert_version(conn, journey, message)

    def list_maps(self) -> list[MapSummary]:
        """Every saved map, the most recently saved first."""
        with self._read() as conn:
            rows = conn.execute(
                """SELECT v.map_id, v.title, v.version, n.count, v.saved_at
                FROM map_versions v
                JOIN (SELECT map_id, MAX(version) AS latest, COUNT(*) AS count
                      FROM map_versions GROUP BY map_id) n
                  ON n.map_id = v.map_id AND n.latest = v.version
                ORDER BY v.seq DESC"""
            ).fetchall()
        return [
            MapSummary(map_id, title, version, count, datetime.fromisoformat(saved_at))
            for map_id, title, version, count, saved_at in rows
        ]

    def open_map(self, map_id: str, version: int | None = None) -> JourneyMap:
        """A saved map: the latest version, or the one asked for."""
        with self._read() as conn:
            return _load_version(conn, map_id, version)

    def versions(self, map_id: str) -> list[MapVersion]:
        """Every version of a map, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT map_id, version, title, saved_at, message FROM map_versions "
                "WHERE map_id = ? ORDER BY version",
                (map_id,),
            ).fetchall()
        if not rows:
            raise _unknown_map(map_id)
        return [
            MapVersion(mid, number, title, datetime.fromisoformat(saved_at), message)
            for mid, number, title, saved_at, message in rows
        ]

    def rename_map(self, map_id: str, title: str) -> MapVersion:
        """Give a map a new title, saved as a new version (the map id does not change)."""
        if not title.strip():
            raise UserInputError("a map title cannot be empty; give a few words")
        with self._write() as conn:
            latest = _load_version(conn, map_id, None)
            renamed = latest.model_copy(update={"title": title.strip()})
            return _insert_version(conn, renamed, f"renamed to '{title.strip()}'")

    def delete_map(self, map_id: str) -> int:
        """Delete a map and all its versions; returns how many versions were deleted."""
        with self._write() as conn:
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM map_versions WHERE map_id = ?", (map_id,)
            ).fetchone()
            if not count:
                raise _unknown_map(map_id)
            conn.execute("DELETE FROM maps WHERE map_id = ?", (map_id,))
        return int(count)

    def compare(self, map_id: str, old: int, new: int) -> MapDiff:
        """What changed in a map from version ``old`` to version ``new``."""
        with self._read() as conn:
            before = _load_version(conn, map_id, old)
            after = _load_version(conn, map_id, new)
        return diff_maps(before, after)

    # Personas

    def save_personas(self, name: str, personas: list[Persona]) -> None:
        """Store a named set of personas, replacing any set of that name."""
        with self._write() as conn:
            conn.execute("DELETE FROM persona_sets WHERE name = ?", (name,))
            conn.execute("INSERT INTO persona_sets (name) VALUES (?)", (name,))
            conn.executemany(
                "INSERT INTO personas (set_name, position, body) VALUES (?, ?, ?)",
                [(name, i, persona.model_dump_json()) for i, persona in enumerate(personas)],
            )

    def load_personas(self, name: str) -> list[Persona]:
        """The personas of a named set, in the order they were saved."""
        with self._read() as conn:
            known = conn.execute("SELECT 1 FROM persona_sets WHERE name = ?", (name,)).fetchone()
            rows = conn.execute(
                "SELECT body FROM personas WHERE set_name = ? ORDER BY position", (name,)
            ).fetchall()
        if known is None:
            raise UserInputError(
                f"no saved persona set '{name}'; `journey personas` lists the saved sets"
            )
        return [Persona.model_validate_json(body) for (body,) in rows]

    def list_persona_sets(self) -> list[str]:
        """Names of the saved persona sets, alphabetically."""
        with self._read() as conn:
            rows = conn.execute("SELECT name FROM persona_sets ORDER BY name").fetchall()
        return [name for (name,) in rows]

    # Conversations

    def append_message(self, session_id: str, role: str, content: str) -> None:
        """Add one chat message to the end of a session's conversation."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO messages (session_id, role, content) VALUES (?, ?, ?)",
                (session_id, role, content),
            )

    def conversation(self, session_id: str) -> list[dict[str, str]]:
        """A session's messages in order, as ``{"role": ..., "content": ...}``."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT role, content FROM messages WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        return [{"role": role, "content": content} for role, content in rows]

    def clear_conversation(self, session_id: str) -> None:
        """Forget a session's messages (the map it has open is kept)."""
        with self._write() as conn:
            conn.execute("DELETE FROM messages WHERE session_id = ?", (session_id,))

    def set_session_map(self, session_id: str, map_id: str | None) -> None:
        """Remember which saved map a session has open (``None``: no map)."""
        with self._write() as conn:
            if map_id is not None and not _map_exists(conn, map_id):
                raise _unknown_map(map_id)
            conn.execute(
                "INSERT INTO sessions (session_id, map_id) VALUES (?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET map_id = excluded.map_id",
                (session_id, map_id),
            )

    def session_map(self, session_id: str) -> str | None:
        """The saved map a session had open, if any (``None`` once that map is deleted)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT map_id FROM sessions WHERE session_id = ?", (session_id,)
            ).fetchone()
        return None if row is None else row[0]


def _insert_version(conn: sqlite3.Connection, journey: JourneyMap, message: str) -> MapVersion:
    now = datetime.now(UTC)
    first_created = journey.created_at or now
    conn.execute(
        "INSERT OR IGNORE INTO maps (map_id, created_at) VALUES (?, ?)",
        (journey.id, first_created.isoformat()),
    )
    (created_at,) = conn.execute(
        "SELECT created_at FROM maps WHERE map_id = ?", (journey.id,)
    ).fetchone()
    (latest,) = conn.execute(
        "SELECT COALESCE(MAX(version), 0) FROM map_versions WHERE map_id = ?", (journey.id,)
    ).fetchone()
    number = int(latest) + 1
    stored = journey.model_copy(
        update={
            "version": number,
            "created_at": datetime.fromisoformat(created_at),
            "updated_at": now,
        }
    )
    conn.execute(
        "INSERT INTO map_versions (map_id, version, title, message, saved_at, body) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (journey.id, number, journey.title, message, now.isoformat(), stored.model_dump_json()),
    )
    return MapVersion(journey.id, number, journey.title, now, message)


def _load_version(conn: sqlite3.Connection, map_id: str, version: int | None) -> JourneyMap:
    if version is None:
        row = conn.execute(
            "SELECT body FROM map_versions WHERE map_id = ? ORDER BY version DESC LIMIT 1",
            (map_id,),
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT body FROM map_versions WHERE map_id = ? AND version = ?", (map_id, version)
        ).fetchone()
    if row is not None:
        return JourneyMap.model_validate_json(row[0])
    if version is None or not _map_exists(conn, map_id):
        raise _unknown_map(map_id)
    raise UserInputError(
        f"map '{map_id}' has no version {version}; `journey versions {map_id}` lists them"
    )


def _map_exists(conn: sqlite3.Connection, map_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM maps WHERE map_id = ?", (map_id,)).fetchone()
    return row is not None


def _unknown_map(map_id: str) -> UserInputError:
    return UserInputError(f"no saved map '{map_id}'; `journey maps` lists the saved maps")


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` did: where the damaged file went, and the rows kept and lost."""

    damaged_copy: Path
    copied: dict[str, int]
    lost: dict[str, int]


_TABLES = ("maps", "map_versions", "persona_sets", "personas", "messages", "sessions")


def recover(data_dir: Path) -> Recovery:
    """Move a damaged workspace aside and copy every row that can still be read into a new one.

    Rows are read one at a time in rowid order; where a damaged page stops the reading, it goes
    on after the rowid that failed, so one bad page loses only the rows on it.
    """
    path = Path(data_dir) / FILENAME
    if not path.exists():
        raise UserInputError(f"there is no workspace at {path}; nothing to recover.")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    damaged = path.with_name(f"{FILENAME}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.rename(Path(str(damaged) + suffix))
    fresh = Workspace(data_dir)  # a new, empty workspace with the current schema
    copied: dict[str, int] = {}
    lost: dict[str, int] = {}
    try:
        source = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return Recovery(damaged, copied, {"everything": 1})
    try:
        for table in _TABLES:
            copied[table], lost[table] = _copy_rows(source, fresh, table)
    finally:
        source.close()
        fresh.close()
    return Recovery(damaged, copied, {t: n for t, n in lost.items() if n})


def _copy_rows(source: sqlite3.Connection, target: Workspace, table: str) -> tuple[int, int]:
    try:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return 0, 1
    if not columns:
        return 0, 0
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    copied = lost = 0
    after = -(2**63)
    while True:
        try:
            cursor = source.execute(
                f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid", (after,)
            )
            for row in cursor:
                after = row[0]
                try:
                    with target._write() as conn:
                        conn.execute(
                            f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row[1:]
                        )
                except JourneyError:  # e.g. a version whose map row was lost
                    lost += 1
                    continue
                copied += 1
            return copied, lost
        except sqlite3.DatabaseError:
            lost += 1
            after += 1  # skip the row that could not be read and go on
            if after > 2**62 or lost > 100_000:
                return copied, lost
