"""The workspace: saved maps with every version, persona sets and chat sessions, in SQLite.

Everything lives in one file, ``<data_dir>/workspace.sqlite3``. A :class:`Workspace` may be
shared between threads, and every write is one transaction, so a crash never leaves half a
version behind.

Every map, persona set and session belongs to an owner: ``local`` (the command line), a signed-in
user of the app (``user:NAME``) or an anonymous browser (``browser:ID``). An owner lists, opens and
compares only its own maps and those shared with it (:meth:`Workspace.share_map`); saving over a
map id that belongs to someone else saves a new map with a new id instead.
"""

from __future__ import annotations

import json
import secrets
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

__all__ = ["FILENAME", "LOCAL", "MapSummary", "MapVersion", "Recovery", "Workspace", "recover"]

FILENAME = "workspace.sqlite3"
SCHEMA_VERSION = 2  # stored in PRAGMA user_version
LOCAL = "local"  # the owner of what the command line saves (and of maps saved before owners)

_PERSONA_TABLES = (
    """CREATE TABLE persona_sets (
        owner TEXT NOT NULL DEFAULT 'local',
        name TEXT NOT NULL,
        PRIMARY KEY (owner, name)
    )""",
    """CREATE TABLE personas (
        owner TEXT NOT NULL DEFAULT 'local',
        set_name TEXT NOT NULL,
        position INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (owner, set_name, position),
        FOREIGN KEY (owner, set_name) REFERENCES persona_sets (owner, name) ON DELETE CASCADE
    )""",
)

_SCHEMA = (
    """CREATE TABLE maps (
        map_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL DEFAULT 'local',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX maps_by_owner ON maps (owner)",
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
    """CREATE TABLE map_shares (
        map_id TEXT NOT NULL REFERENCES maps (map_id) ON DELETE CASCADE,
        grantee TEXT NOT NULL,
        PRIMARY KEY (map_id, grantee)
    )""",
    *_PERSONA_TABLES,
    """CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL
    )""",
    "CREATE INDEX messages_by_session ON messages (session_id, seq)",
    """CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        map_id TEXT REFERENCES maps (map_id) ON DELETE SET NULL,
        owner TEXT NOT NULL DEFAULT 'local',
        state TEXT NOT NULL DEFAULT '{}'
    )""",
)

# Schema 1 (before owners) -> 2. Maps that one browser session had open go to that browser, the
# others to the command line; persona sets go to the command line (the app never saved any).
_MIGRATE_1_TO_2 = (
    "ALTER TABLE maps ADD COLUMN owner TEXT NOT NULL DEFAULT 'local'",
    "CREATE INDEX maps_by_owner ON maps (owner)",
    "ALTER TABLE sessions ADD COLUMN owner TEXT NOT NULL DEFAULT 'local'",
    "ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT '{}'",
    "UPDATE sessions SET owner = 'browser:' || session_id",
    """UPDATE maps SET owner = (
        SELECT s.owner FROM sessions s WHERE s.map_id = maps.map_id
    ) WHERE (SELECT COUNT(*) FROM sessions s WHERE s.map_id = maps.map_id) = 1""",
    _SCHEMA[3],  # map_shares
    "CREATE TEMP TABLE old_sets AS SELECT name FROM persona_sets",
    "CREATE TEMP TABLE old_personas AS SELECT set_name, position, body FROM personas",
    "DROP TABLE personas",
    "DROP TABLE persona_sets",
    *_PERSONA_TABLES,
    "INSERT INTO persona_sets (owner, name) SELECT 'local', name FROM old_sets",
    "INSERT INTO personas (owner, set_name, position, body) "
    "SELECT 'local', set_name, position, body FROM old_personas",
    "DROP TABLE old_sets",
    "DROP TABLE old_personas",
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
    owner: str = LOCAL  # someone else's when the map was shared with the one listing


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
            elif found == 1:
                for statement in _MIGRATE_1_TO_2:
                    conn.execute(statement)
            if found < SCHEMA_VERSION:
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

    def save_map(
        self, journey: JourneyMap, *, message: str = "", owner: str = LOCAL, new: bool = False
    ) -> MapVersion:
        """Store ``journey`` as the next version of map ``journey.id`` owned by ``owner``.

        When that id belongs to another owner, or ``new`` is set and the id is taken, the map is
        saved as a new map under a fresh id (the returned :class:`MapVersion` gives it). The
        workspace numbers versions 1, 2, 3... (the map's own ``version`` is ignored) and sets
        ``version``, ``created_at`` (kept from the first save) and ``updated_at``.
        """
        with self._write() as conn:
            found = _owner_of(conn, journey.id)
            if found is not None and (new or found != owner):
                journey = journey.model_copy(
                    update={"id": _free_id(conn, journey.id), "created_at": None}
                )
            return _insert_version(conn, journey, message, owner)

    def list_maps(self, owner: str = LOCAL) -> list[MapSummary]:
        """The owner's maps and those shared with it, the most recently saved first."""
        return self._summaries(
            "WHERE m.owner = ?1 OR m.map_id IN (SELECT map_id FROM map_shares WHERE grantee = ?1)",
            (owner,),
        )

    def all_maps(self) -> list[MapSummary]:
        """Every saved map, whoever owns it (for the operator: ``journey maps --all``)."""
        return self._summaries("", ())

    def _summaries(self, where: str, params: tuple[str, ...]) -> list[MapSummary]:
        with self._read() as conn:
            rows = conn.execute(
                f"""SELECT v.map_id, v.title, v.version, n.count, v.saved_at, m.owner
                FROM map_versions v
                JOIN maps m ON m.map_id = v.map_id
                JOIN (SELECT map_id, MAX(version) AS latest, COUNT(*) AS count
                      FROM map_versions GROUP BY map_id) n
                  ON n.map_id = v.map_id AND n.latest = v.version
                {where}
                ORDER BY v.seq DESC""",
                params,
            ).fetchall()
        return [
            MapSummary(map_id, title, version, count, datetime.fromisoformat(saved_at), by)
            for map_id, title, version, count, saved_at, by in rows
        ]

    def open_map(
        self, map_id: str, version: int | None = None, *, owner: str = LOCAL
    ) -> JourneyMap:
        """A saved map the owner may read: the latest version, or the one asked for."""
        with self._read() as conn:
            _check_readable(conn, map_id, owner)
            return _load_version(conn, map_id, version)

    def versions(self, map_id: str, *, owner: str = LOCAL) -> list[MapVersion]:
        """Every version of a map the owner may read, oldest first."""
        with self._read() as conn:
            _check_readable(conn, map_id, owner)
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

    def rename_map(self, map_id: str, title: str, *, owner: str = LOCAL) -> MapVersion:
        """Give one of the owner's maps a new title, saved as a new version (same map id)."""
        if not title.strip():
            raise UserInputError("a map title cannot be empty; give a few words")
        with self._write() as conn:
            _check_owned(conn, map_id, owner)
            latest = _load_version(conn, map_id, None)
            renamed = latest.model_copy(update={"title": title.strip()})
            return _insert_version(conn, renamed, f"renamed to '{title.strip()}'", owner)

    def delete_map(self, map_id: str, *, owner: str = LOCAL) -> int:
        """Delete one of the owner's maps and all its versions; returns how many versions."""
        with self._write() as conn:
            _check_owned(conn, map_id, owner)
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM map_versions WHERE map_id = ?", (map_id,)
            ).fetchone()
            conn.execute("DELETE FROM maps WHERE map_id = ?", (map_id,))
        return int(count)

    def compare(self, map_id: str, old: int, new: int, *, owner: str = LOCAL) -> MapDiff:
        """What changed in a map the owner may read, from version ``old`` to version ``new``."""
        with self._read() as conn:
            _check_readable(conn, map_id, owner)
            before = _load_version(conn, map_id, old)
            after = _load_version(conn, map_id, new)
        return diff_maps(before, after)

    def share_map(self, map_id: str, grantee: str, *, owner: str = LOCAL) -> None:
        """Let ``grantee`` list, open and compare one of the owner's maps (read only: what they
        save from it becomes their own map)."""
        if not grantee.strip() or grantee == owner:
            raise UserInputError("share a map with another user, named as they sign in")
        with self._write() as conn:
            _check_owned(conn, map_id, owner)
            conn.execute(
                "INSERT OR IGNORE INTO map_shares (map_id, grantee) VALUES (?, ?)",
                (map_id, grantee),
            )

    def unshare_map(self, map_id: str, grantee: str, *, owner: str = LOCAL) -> None:
        """Stop sharing one of the owner's maps with ``grantee``."""
        with self._write() as conn:
            _check_owned(conn, map_id, owner)
            conn.execute(
                "DELETE FROM map_shares WHERE map_id = ? AND grantee = ?", (map_id, grantee)
            )

    # Personas

    def save_personas(self, name: str, personas: list[Persona], *, owner: str = LOCAL) -> None:
        """Store a named set of the owner's personas, replacing any set of that name."""
        with self._write() as conn:
            conn.execute("DELETE FROM persona_sets WHERE owner = ? AND name = ?", (owner, name))
            conn.execute("INSERT INTO persona_sets (owner, name) VALUES (?, ?)", (owner, name))
            conn.executemany(
                "INSERT INTO personas (owner, set_name, position, body) VALUES (?, ?, ?, ?)",
                [(owner, name, i, persona.model_dump_json()) for i, persona in enumerate(personas)],
            )

    def load_personas(self, name: str, *, owner: str = LOCAL) -> list[Persona]:
        """The personas of one of the owner's named sets, in the order they were saved."""
        with self._read() as conn:
            known = conn.execute(
                "SELECT 1 FROM persona_sets WHERE owner = ? AND name = ?", (owner, name)
            ).fetchone()
            rows = conn.execute(
                "SELECT body FROM personas WHERE owner = ? AND set_name = ? ORDER BY position",
                (owner, name),
            ).fetchall()
        if known is None:
            raise UserInputError(
                f"no saved persona set '{name}'; `journey personas` lists the saved sets"
            )
        return [Persona.model_validate_json(body) for (body,) in rows]

    def list_persona_sets(self, *, owner: str = LOCAL) -> list[str]:
        """Names of the owner's saved persona sets, alphabetically."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT name FROM persona_sets WHERE owner = ? ORDER BY name", (owner,)
            ).fetchall()
        return [name for (name,) in rows]

    # Conversations

    def claim_session(self, session_id: str, owner: str) -> bool:
        """Record that ``owner`` holds this session; ``False`` when someone else already does
        (the caller then starts a new session instead of showing theirs)."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT owner FROM sessions WHERE session_id = ?", (session_id,)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO sessions (session_id, owner) VALUES (?, ?)", (session_id, owner)
                )
                return True
            return bool(row[0] == owner)

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

    def set_session_map(self, session_id: str, map_id: str | None, *, owner: str = LOCAL) -> None:
        """Remember which saved map a session has open (``None``: no map)."""
        with self._write() as conn:
            if map_id is not None:
                _check_readable(conn, map_id, owner)
            conn.execute(
                "INSERT INTO sessions (session_id, map_id, owner) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET map_id = excluded.map_id",
                (session_id, map_id, owner),
            )

    def session_map(self, session_id: str) -> str | None:
        """The saved map a session had open, if any (``None`` once that map is deleted)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT map_id FROM sessions WHERE session_id = ?", (session_id,)
            ).fetchone()
        return None if row is None else row[0]

    def set_session_state(self, session_id: str, state: dict[str, object]) -> None:
        """Keep a session's working state (pending changes, personas...) as JSON."""
        with self._write() as conn:
            conn.execute(
                "UPDATE sessions SET state = ? WHERE session_id = ?",
                (json.dumps(state, ensure_ascii=False), session_id),
            )

    def session_state(self, session_id: str) -> dict[str, object]:
        """A session's working state as last kept (empty when none)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT state FROM sessions WHERE session_id = ?", (session_id,)
            ).fetchone()
        if row is None:
            return {}
        try:
            state = json.loads(row[0])
        except json.JSONDecodeError:
            return {}
        return state if isinstance(state, dict) else {}


def _owner_of(conn: sqlite3.Connection, map_id: str) -> str | None:
    row = conn.execute("SELECT owner FROM maps WHERE map_id = ?", (map_id,)).fetchone()
    return None if row is None else str(row[0])


def _check_readable(conn: sqlite3.Connection, map_id: str, owner: str) -> None:
    """The map exists and is the owner's or shared with it; else it is not there (another
    user's map is never confirmed to exist)."""
    found = _owner_of(conn, map_id)
    if found == owner:
        return
    if found is not None:
        shared = conn.execute(
            "SELECT 1 FROM map_shares WHERE map_id = ? AND grantee = ?", (map_id, owner)
        ).fetchone()
        if shared is not None:
            return
    raise _unknown_map(map_id)


def _check_owned(conn: sqlite3.Connection, map_id: str, owner: str) -> None:
    if _owner_of(conn, map_id) != owner:
        raise _unknown_map(map_id)


def _free_id(conn: sqlite3.Connection, map_id: str) -> str:
    """A map id nobody uses: the given one with a random suffix."""
    stem = map_id[:60].rstrip("-") or "journey-map"
    while True:
        candidate = f"{stem}-{secrets.token_hex(3)}"
        if _owner_of(conn, candidate) is None:
            return candidate


def _insert_version(
    conn: sqlite3.Connection, journey: JourneyMap, message: str, owner: str
) -> MapVersion:
    now = datetime.now(UTC)
    first_created = journey.created_at or now
    conn.execute(
        "INSERT OR IGNORE INTO maps (map_id, owner, created_at) VALUES (?, ?, ?)",
        (journey.id, owner, first_created.isoformat()),
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


_TABLES = (
    "maps",
    "map_versions",
    "map_shares",
    "persona_sets",
    "personas",
    "messages",
    "sessions",
)


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
