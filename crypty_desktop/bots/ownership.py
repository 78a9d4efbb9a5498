"""One process per running bot, one window per data folder: OS-level advisory locks. No Qt.

A lock is a file in ``<data dir>/locks/`` held with ``fcntl.flock`` (POSIX) or ``msvcrt.locking``
(Windows). The operating system drops it when its process ends, however it ends, so a crashed
owner never blocks a restart. While held, the file says who holds it, as JSON (process id, "window"
or "cli", host name, start time), so that a refused start can name the owner. Only the holder
writes that file; nobody deletes a lock file (deleting one that another process has just opened
would let two processes hold "the same" lock).

- ``app.lock``: the desktop window of this data folder (a second launch hands over to the first).
- ``bot-<bot id>.lock``: whoever runs the bot (the window's worker or ``crypty bot run``), taken
  before anything touches the exchange or the bot's saved state, released when the bot stops.

Inside one process the locks are counted too: a second ``acquire`` of a lock the process already
holds is refused like one from another process (two threads must not run the same bot either).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

LOCKS_FOLDER = "locks"
APP_LOCK = "app.lock"
# Windows locks bytes, and a locked byte cannot be read by others: lock one byte far past the
# owner's JSON so that the JSON stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 20

BUSY_WINDOW = QT_TRANSLATE_NOOP(
    "Core", "Bot “{name}” is already running in the Crypty window (process {pid}) since {since}."
)
BUSY_CLI = QT_TRANSLATE_NOOP(
    "Core", "Bot “{name}” is already running in `crypty bot run` (process {pid}) since {since}."
)
BUSY_UNKNOWN = QT_TRANSLATE_NOOP("Core", "Bot “{name}” is already running in another process.")
RUNNING_ELSEWHERE = QT_TRANSLATE_NOOP("Core", "Running in another Crypty process")


class Role(StrEnum):
    """Who holds a lock."""

    WINDOW = "window"
    CLI = "cli"


@dataclass(frozen=True, slots=True)
class Owner:
    """Who holds a lock, as its file says. ``role`` is None when the file could not be read (the
    holder has just taken it and not written yet, or wrote something else)."""

    pid: int | None
    role: Role | None
    host: str
    since: datetime | None

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "role": self.role.value if self.role else None,
                "host": self.host,
                "since": self.since.isoformat() if self.since else None,
            },
            sort_keys=True,
        )

    @classmethod
    def from_text(cls, text: str) -> Owner:
        try:
            data: Any = json.loads(text)
            pid = data.get("pid")
            role = data.get("role")
            since = data.get("since")
            return cls(
                pid=pid if isinstance(pid, int) else None,
                role=Role(role) if role in tuple(Role) else None,
                host=str(data.get("host") or ""),
                since=datetime.fromisoformat(since) if isinstance(since, str) else None,
            )
        except (ValueError, TypeError, AttributeError):
            return cls(None, None, "", None)

    @classmethod
    def me(cls, role: Role) -> Owner:
        return cls(os.getpid(), role, socket.gethostname(), datetime.now().astimezone())

    @property
    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()


def since_text(when: datetime | None, now: datetime | None = None) -> str:
    """``18:02`` today, ``2024-04-02 18:02`` on an earlier day (local time)."""
    if when is None:
        return "?"
    local = when.astimezone()
    today = (now or datetime.now().astimezone()).date()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


def busy_message(name: str, owner: Owner | None) -> str:
    """The sentence a refused start says: who runs the bot, since when."""
    if owner is None or owner.role is None or owner.pid is None:
        return BUSY_UNKNOWN.format(name=name)
    template = BUSY_WINDOW if owner.role is Role.WINDOW else BUSY_CLI
    return template.format(name=name, pid=owner.pid, since=since_text(owner.since))


class BotBusy(CryptyError):
    """The bot runs in another process (or elsewhere in this one); nothing was changed."""

    def __init__(self, name: str, owner: Owner | None) -> None:
        super().__init__(busy_message(name, owner))
        self.owner = owner


# --- the operating system's locks -----------------------------------------------------------------
def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_owner(path: Path) -> Owner:
    try:
        with path.open("rb") as handle:
            return Owner.from_text(handle.read(4096).decode("utf-8", "replace"))
    except OSError:
        return Owner(None, None, "", None)


# Locks this process holds, by path: flock refuses a second descriptor of the same process too,
# but this says who it is and keeps one process's threads apart on every system.
_held: dict[Path, Owner] = {}
_held_lock = threading.Lock()


class HeldLock:
    """A lock this process holds; ``release()`` (or the end of the process) lets it go."""

    def __init__(self, path: Path, handle: IO[bytes], owner: Owner) -> None:
        self.path = path
        self.owner = owner
        self._handle: IO[bytes] | None = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        """Forget the owner and let the lock go. Safe to call twice."""
        with _held_lock:
            handle, self._handle = self._handle, None
            if handle is None:
                return
            try:
                handle.seek(0)
                handle.truncate()  # we hold it: the file may be written
                handle.flush()
                _unlock(handle)
            finally:
                handle.close()
                _held.pop(self.path, None)

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


class LockFolder:
    """The locks of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def bot_path(self, bot_id: str) -> Path:
        safe = "".join(c for c in bot_id if c.isalnum() or c in "-_")
        return self.folder / f"bot-{safe}.lock"

    @property
    def app_path(self) -> Path:
        return self.folder / APP_LOCK

    def acquire(self, path: Path, role: Role) -> HeldLock | Owner:
        """Take the lock at ``path`` now (never waits): the held lock, or who holds it."""
        with _held_lock:
            mine = _held.get(path)
            if mine is not None:
                return mine
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            handle = os.fdopen(fd, "r+b")
            try:
                if not _try_lock(handle):
                    handle.close()
                    return _read_owner(path)
                owner = Owner.me(role)
                handle.seek(0)
                handle.truncate()
                handle.write(owner.to_json().encode("utf-8"))
                handle.flush()
            except BaseException:
                handle.close()
                raise
            _held[path] = owner
            return HeldLock(path, handle, owner)

    def holder(self, path: Path) -> Owner | None:
        """Who holds the lock at ``path`` now (this process included), or None. Writes nothing."""
        with _held_lock:
            mine = _held.get(path)
            if mine is not None:
                return mine
            try:
                handle = path.open("r+b")
            except FileNotFoundError:
                return None  # never taken in this folder
            with handle:
                if _try_lock(handle):
                    _unlock(handle)
                    return None
            return _read_owner(path)

    # --- bots -------------------------------------------------------------------------------------
    def acquire_bot(self, bot_id: str, name: str, role: Role) -> HeldLock:
        """The bot's lock, or ``BotBusy`` naming who runs it."""
        got = self.acquire(self.bot_path(bot_id), role)
        if isinstance(got, Owner):
            raise BotBusy(name, got)
        return got

    def bot_owner(self, bot_id: str) -> Owner | None:
        """Who runs the bot now (any process, this one included), or None."""
        return self.holder(self.bot_path(bot_id))

    def bot_owner_elsewhere(self, bot_id: str) -> Owner | None:
        """Who runs the bot in another process, or None (not running, or running here)."""
        owner = self.bot_owner(bot_id)
        return None if owner is None or owner.is_this_process else owner

    # --- the window -------------------------------------------------------------------------------
    def acquire_app(self, role: Role = Role.WINDOW) -> HeldLock | Owner:
        """The window's lock on this data folder, or who holds it (the window already open)."""
        return self.acquire(self.app_path, role)
