"""Writing files so that a crash never leaves a half-written one behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UserInputError


def _umask() -> int:
    """The process umask, read without changing it (Linux), else by setting it back at once."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def check_target(path: Path) -> None:
    """Refuse to write over anything but a regular file: a device, a pipe, a folder or a
    symbolic link is never replaced (``-o /dev/null`` or a planted link)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserInputError(f"{path}: cannot write there ({exc.strerror}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise UserInputError(
            f"{path} is a symbolic link; write to the file it points to, or remove the link."
        )
    if not stat.S_ISREG(info.st_mode):
        raise UserInputError(f"{path} is not a regular file; choose a file name to write.")


def write_atomic(path: Path, data: str | bytes, *, private: bool = False) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path``: readers see the old file or the new one, never a part.

    Only a regular file (or nothing) is replaced. The new file keeps the mode of the file it
    replaces, or gets the one the umask gives; ``private`` makes it readable by its owner only.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if private:
        mode = 0o600
    elif path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        mode = 0o666 & ~_umask()
    import tempfile  # only when writing: it pulls in shutil and the compressors

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path)  # still not a link or a device: nothing swapped it in meanwhile
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
