"""The database file's health at start-up, its automatic backups, and disks that refuse to write.

At start (``Store``): a database that is not SQLite, is damaged (``PRAGMA quick_check``) or is
empty although this folder held data before (the ``crypty.created`` marker, or backups) is never
opened, repaired or replaced: ``DatabaseDamaged`` says what is wrong and where, and which backup
can be restored. A healthy database is copied, when it changed since the last copy, with SQLite's
backup API into ``backups/crypty-1.sqlite3`` (the newest; 3 are kept, rotated), each written to a
temporary file, flushed to disk and renamed into place.

``restore`` puts a backup back: the database it replaces (damaged or not) is moved aside, whole,
with its WAL, never deleted.

``storage_problem`` turns an ``OSError`` or an SQLite error of a read-only folder, a full disk or
an I/O failure into one sentence.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crypty_desktop.domain.errors import CryptyError, NotFound
from crypty_desktop.files import write_atomically
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

MARKER = "crypty.created"  # written beside the database once it holds the app's schema
BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 3
SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm")

DB_EMPTY = QT_TRANSLATE_NOOP(
    "Core",
    "The database “{path}” is empty, although Crypty saved its data in this folder before: it "
    "was probably cut short or erased. It was left as it is.",
)
DB_NOT_SQLITE = QT_TRANSLATE_NOOP(
    "Core",
    "The file “{path}” is not a Crypty database any more (it was overwritten or cut short). It "
    "was left as it is.",
)
DB_DAMAGED = QT_TRANSLATE_NOOP(
    "Core", "The database “{path}” is damaged ({detail}). It was left as it is."
)
CAN_RESTORE = QT_TRANSLATE_NOOP(
    "Core",
    "Crypty can restore its automatic backup of {when}; whatever changed since then is not in "
    "it, and the damaged file is kept beside it.",
)
NO_BACKUP = QT_TRANSLATE_NOOP(
    "Core", "There is no automatic backup to restore: move the file away to start afresh."
)
NO_SUCH_BACKUP = QT_TRANSLATE_NOOP(
    "Core", "There is no backup number {number} (there are {count}: 1 is the newest)."
)
BACKUP_DAMAGED = QT_TRANSLATE_NOOP(
    "Core", "Backup number {number} is damaged too ({detail}); choose another one."
)
RESTORE_IN_USE = QT_TRANSLATE_NOOP(
    "Core",
    "The database is in use by another Crypty process (process {pid}). Quit it, then restore.",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "Core",
    "Crypty cannot write in its data folder “{path}” ({reason}). Make it writable, or choose "
    "another folder with CRYPTY_DATA_DIR, and start again.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Core",
    "The disk holding “{path}” is full: Crypty cannot save its data. Free some space and start "
    "again.",
)
DISK_FAILED = QT_TRANSLATE_NOOP(
    "Core",
    "Crypty could not read or write its data in “{path}” ({reason}). Check the disk and start "
    "again.",
)


class DatabaseDamaged(CryptyError):
    """The database cannot be opened safely; nothing was changed.

    Attributes:
        path: the database file.
        backups: the backups that can be restored, newest first.
    """

    def __init__(self, problem: str, path: Path, backups: list[Backup]) -> None:
        offer = CAN_RESTORE.format(when=backups[0].when_text) if backups else NO_BACKUP
        super().__init__(f"{problem} {offer}")
        self.problem = problem
        self.offer = offer
        self.path = path
        self.backups = backups


class StorageUnavailable(CryptyError):
    """The data folder cannot be written (read-only, full) or read (I/O error)."""


@dataclass(frozen=True, slots=True)
class Backup:
    number: int  # 1 is the newest
    path: Path
    taken_at: datetime

    @property
    def when_text(self) -> str:
        return self.taken_at.strftime("%Y-%m-%d %H:%M")


# --- where things are ----------------------------------------------------------------------------
def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def backup_path(db_path: Path, number: int) -> Path:
    return backup_folder(db_path) / f"{db_path.stem}-{number}{db_path.suffix}"


def backups(db_path: Path) -> list[Backup]:
    """The backups there are, newest first."""
    found = []
    for number in range(1, KEEP_BACKUPS + 1):
        path = backup_path(db_path, number)
        with contextlib.suppress(FileNotFoundError):
            found.append(Backup(number, path, datetime.fromtimestamp(path.stat().st_mtime)))
    return found


def had_data(db_path: Path) -> bool:
    """Whether this folder held the app's database before (then an empty file is not new)."""
    return (db_path.parent / MARKER).exists() or bool(backups(db_path))


# --- checking -------------------------------------------------------------------------------------
def _quick_check(path: Path, *, immutable: bool) -> str:
    """'' if SQLite finds the file sound, else what it found (the first line)."""
    uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        connection.close()
    result = [str(r[0]) for r in rows]
    return "" if result == ["ok"] else result[0]


def problem_with(path: Path) -> str:
    """'' if the database file can be read as SQLite and passes the quick check, else what is
    wrong with it. Never writes to it: the file is read as immutable (a copy is checked with its
    WAL when the file alone does not pass)."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        return DB_NOT_SQLITE.format(path=path)
    detail = _quick_check(path, immutable=True)
    wal = path.with_name(path.name + "-wal")
    if detail and wal.exists() and wal.stat().st_size > 0:
        # Committed pages may still wait in the WAL: check a copy of both, never the originals.
        with tempfile.TemporaryDirectory(prefix="crypty-check-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            detail = _quick_check(copy, immutable=False)
    return DB_DAMAGED.format(path=path, detail=detail) if detail else ""


def check_database(db_path: Path) -> None:
    """Refuse, with the words of ``DatabaseDamaged``, a database that cannot be used as it is."""
    if not db_path.exists():
        return
    if db_path.stat().st_size == 0:
        if had_data(db_path):
            raise DatabaseDamaged(DB_EMPTY.format(path=db_path), db_path, backups(db_path))
        return  # a file created empty by someone: SQLite makes it a new database
    problem = problem_with(db_path)
    if problem:
        raise DatabaseDamaged(problem, db_path, backups(db_path))


def mark_created(db_path: Path) -> None:
    """Say, beside the database, that it holds the app's data (an empty file is then damage)."""
    marker = db_path.parent / MARKER
    if not marker.exists():
        _write_atomically(marker, f"{datetime.now().astimezone().isoformat()}\n".encode())


# --- backups ----------------------------------------------------------------------------------
def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, data)
    _fsync_folder(path.parent)


def _changed_since(db_path: Path, moment: float) -> bool:  # float-ok: a file time
    times = [db_path.stat().st_mtime]
    wal = db_path.with_name(db_path.name + "-wal")
    with contextlib.suppress(FileNotFoundError):
        times.append(wal.stat().st_mtime)
    return max(times) > moment


def take_backup(db_path: Path) -> Backup | None:
    """Copy a sound database into ``backups/`` (number 1; older ones move up, 3 are kept).

    Skipped (None) when nothing changed since the newest backup. The copy is made with SQLite's
    backup API into a temporary file, flushed to disk, checked, then renamed into place.
    """
    folder = backup_folder(db_path)
    newest = backup_path(db_path, 1)
    if newest.exists() and not _changed_since(db_path, newest.stat().st_mtime):
        return None
    folder.mkdir(mode=0o700, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = sqlite3.connect(db_path)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        detail = _quick_check(tmp, immutable=True)
        if detail:  # never rotate a good backup away for a bad one
            raise sqlite3.DatabaseError(detail)
        for number in range(KEEP_BACKUPS, 1, -1):
            older = backup_path(db_path, number - 1)
            if older.exists():
                older.replace(backup_path(db_path, number))
        tmp.replace(newest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)
    return backups(db_path)[0]


def restore(db_path: Path, number: int = 1) -> tuple[Backup, Path | None]:
    """Put backup ``number`` (1: the newest) back as the database.

    The database it replaces, with its WAL, is moved aside whole (``crypty.sqlite3.replaced-
    <time>``), never deleted. Returns the backup and where the replaced file went (None if
    there was none). Nobody may have the database open (the caller checks the locks).
    """
    found = {b.number: b for b in backups(db_path)}
    backup = found.get(number)
    if backup is None:
        raise NotFound(NO_SUCH_BACKUP.format(number=number, count=len(found)))
    detail = _quick_check(backup.path, immutable=True)
    if detail:
        raise CryptyError(BACKUP_DAMAGED.format(number=number, detail=detail))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside: Path | None = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
        db_path.replace(aside)
    for side in _SIDE_FILES:  # a WAL of the replaced file must never be applied to the backup
        old = db_path.with_name(db_path.name + side)
        if old.exists():
            old.replace(db_path.with_name(f"{db_path.name}.replaced-{stamp}{side}"))
    fd, tmp_name = tempfile.mkstemp(dir=db_path.parent, prefix=f".{db_path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copy2(backup.path, tmp)  # its time too: no new backup of the same data
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.chmod(0o600)
        tmp.replace(db_path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(db_path.parent)
    return backup, aside


# --- disks that refuse ---------------------------------------------------------------------------
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)
_FULL_ERRNOS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def storage_problem(exc: BaseException, folder: Path) -> str | None:
    """One sentence for a read-only folder, a full disk or an I/O failure; None for others.

    ``exc`` is an ``OSError``, an ``sqlite3.Error``, or an SQLAlchemy error wrapping one.
    """
    inner = getattr(exc, "orig", None) or exc
    if isinstance(inner, OSError):
        if inner.errno in _FULL_ERRNOS:
            return DISK_FULL.format(path=folder)
        if inner.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY.format(path=folder, reason=os.strerror(inner.errno or errno.EROFS))
        if inner.errno == errno.EIO:
            return DISK_FAILED.format(path=folder, reason=os.strerror(errno.EIO))
        return None
    if isinstance(inner, sqlite3.Error):
        text = str(inner).lower()
        if "full" in text:
            return DISK_FULL.format(path=folder)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return READ_ONLY.format(path=folder, reason=str(inner))
        if "i/o" in text:
            return DISK_FAILED.format(path=folder, reason=str(inner))
    return None
