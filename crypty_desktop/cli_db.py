"""``crypty db ...``: the automatic backups of the database, and restoring one.

These commands work without opening the database, so that a damaged one can be replaced.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from crypty_desktop.bots.ownership import LOCKS_FOLDER, LockFolder
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.settings import Settings


def in_use_by(settings: Settings) -> int | None:
    """The process id of another Crypty process using this data folder (window or bot), or
    None. Reads lock files only."""
    locks = LockFolder(settings.data_dir / LOCKS_FOLDER)
    paths = [locks.app_path]
    if locks.folder.is_dir():
        paths += sorted(locks.folder.glob("bot-*.lock"))
    for path in paths:
        owner = locks.holder(path)
        if owner is not None:
            return owner.pid if owner.pid is not None else -1
    return None


def cmd_backups(settings: Settings, _args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.storage.health import backups  # the database layer: only when used

    found = backups(settings.db_path)
    if not found:
        print("No automatic backup yet (one is taken each time Crypty starts).", file=out)
    for backup in found:
        print(f"{backup.number}  {backup.when_text}  {backup.path}", file=out)
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.storage.health import RESTORE_IN_USE, restore

    pid = in_use_by(settings)
    if pid is not None:
        raise CryptyError(RESTORE_IN_USE.format(pid=pid if pid >= 0 else "?"))
    backup, aside = restore(settings.db_path, args.number)
    print(f"Restored the backup of {backup.when_text} into {settings.db_path}.", file=out)
    if aside is not None:
        print(f"The file it replaced was kept as {aside}.", file=out)
    return 0


def add_db_commands(groups: Any) -> None:
    db = groups.add_parser("db", help="the database's automatic backups")
    sub = db.add_subparsers(dest="command", required=True)
    lst = sub.add_parser("backups", help="list the automatic backups (1 is the newest)")
    lst.set_defaults(handler=cmd_backups, needs_core=False)
    rs = sub.add_parser(
        "restore",
        help="put an automatic backup back as the database",
        description="Put an automatic backup back as the database. The database it replaces "
        "(damaged or not) is kept beside it, renamed, never deleted. Quit the window and any "
        "`crypty bot run` first.",
    )
    rs.add_argument(
        "--from",
        dest="number",
        type=int,
        default=1,
        metavar="N",
        help="which backup: 1 (the newest, default), 2 or 3",
    )
    rs.set_defaults(handler=cmd_restore, needs_core=False)
