"""``crypty``: the headless entry point. Same core as the window, no Qt.

Each command prints its result (or ``--json``) and exits 0, or prints one line ``error: ...``
to stderr and exits 1. Secrets are never read from the command line: they come from standard
input or a prompt that does not echo; so can the API key (``--access-key -`` or no
``--access-key``), which on the command line would show in ``ps`` and the shell's history.
Whatever is printed goes through a filter that shows control characters as ``\\uXXXX``, so a name
or a message can never move the cursor, recolour or reorder a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from crypty_desktop.cli_backtest import add_backtest_command, add_optimize_command
from crypty_desktop.cli_bot import add_bot_commands, confirm_hint, print_removed
from crypty_desktop.cli_db import add_db_commands
from crypty_desktop.cli_export import add_export_commands
from crypty_desktop.cli_panic import add_panic_command
from crypty_desktop.cli_preferences import add_preferences_command
from crypty_desktop.cli_strategy import add_strategy_commands
from crypty_desktop.domain.audit import describe
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.names import shown
from crypty_desktop.domain.platform import (
    ApiCredentials,
    Audit,
    IntendedUse,
    KeyKind,
    Platform,
    PlatformType,
)
from crypty_desktop.settings import Settings
from crypty_desktop.startup import harden_process

if TYPE_CHECKING:
    from crypty_desktop.app import Core


class _Printable(io.TextIOBase):
    """Writes through to a stream, each unprintable character except newline as ``\\uXXXX``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._stream.write("\n".join(shown(line) for line in text.split("\n")))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _read_key_and_secret(access_key: str | None, label: str, stdin: TextIO) -> tuple[str, str]:
    """The API key (argv, or ``-``/absent: a prompt or stdin's first line) and the secret.

    On a terminal both come from prompts that do not echo. From a pipe, when the key is not on
    the command line, the first line is the key and the rest is the secret.
    """
    from_input = access_key is None or access_key == "-"
    if stdin.isatty():
        key = getpass.getpass("Access Key: ") if from_input else access_key
        return str(key), getpass.getpass(f"{label}: ")
    text = stdin.read()
    if from_input:
        key, _newline, text = text.partition("\n")
    else:
        key = str(access_key)
    return key.strip(), text.strip("\r\n")


def audit_json(audit: Audit | None) -> dict[str, Any]:
    if audit is None:
        return {
            "reading": None,
            "spot_trading": None,
            "withdrawals": None,
            "ip_restricted": None,
            "ghost_ok": False,
            "trader_ok": False,
            "partial": True,
            "warnings": ["This platform has not been checked yet."],
            "checked_at": None,
        }
    perms = audit.permissions
    return {
        "reading": perms.reading,
        "spot_trading": perms.spot_trading,
        "withdrawals": perms.withdrawals,
        "ip_restricted": perms.ip_restricted,
        "ghost_ok": audit.ghost_ok,
        "trader_ok": audit.trader_ok,
        "partial": perms.partial,
        "warnings": audit.warnings,
        "checked_at": audit.checked_at.isoformat(),
    }


def platform_json(platform: Platform) -> dict[str, Any]:
    return {
        "name": platform.name,
        "type": platform.type.value,
        "key": platform.key_masked,
        "key_kind": platform.key_kind.value,
        "use": platform.intended_use.value,
        "allows": platform.audit.summary() if platform.audit else "not checked",
        "last_checked": platform.audit.checked_at.isoformat() if platform.audit else None,
        "max_daily_loss": _limit_text(platform) if platform.max_daily_loss is not None else None,
    }


def _limit_text(platform: Platform) -> str:
    limit = platform.max_daily_loss
    return "off" if limit is None else format(limit, "f")


def _print_audit(platform: Platform, out: TextIO) -> None:
    audit = platform.audit
    print(f"{platform.name} ({platform.type.label}) key {platform.key_masked or '-'}", file=out)
    if audit is None:
        print("  not checked yet", file=out)
        return
    for line in describe(audit.permissions):
        print(f"  {line}", file=out)
    print(f"  Ghost bots: {'yes' if audit.ghost_ok else 'no'}", file=out)
    print(f"  Trader bots: {'yes' if audit.trader_ok else 'no'}", file=out)
    for finding in audit.findings:
        mark = "!" if finding.level != "ok" else "✓"
        print(f"  {mark} {finding.message}", file=out)


# --- platform commands ----------------------------------------------------------------------
def cmd_platform_add(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    type_ = PlatformType(args.type)
    creds = None
    if type_.needs_keys:
        kind = KeyKind.ED25519 if args.ed25519 else KeyKind.HMAC
        label = "Ed25519 private key (PEM)" if args.ed25519 else "Secret Key"
        api_key, secret = _read_key_and_secret(args.access_key, label, args.stdin)
        creds = ApiCredentials(api_key=api_key, secret=secret, kind=kind)
    platform = core.platforms.add(args.name, type_, creds, IntendedUse(args.use))
    print(f"Added platform “{platform.name}”.", file=out)
    _print_audit(platform, out)
    return 0


def cmd_platform_list(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    platforms = core.platforms.list()
    if args.json:
        json.dump([platform_json(p) for p in platforms], out, indent=2)
        out.write("\n")
        return 0
    if not platforms:
        print("No platform yet. Add one with: crypty platform add NAME --type simulated", file=out)
        return 0
    for p in platforms:
        allows = p.audit.summary() if p.audit else "not checked"
        print(
            f"{p.name:<24} {p.type.value:<16} {p.key_masked or '-':<12} "
            f"loss limit {_limit_text(p):<8} {allows}",
            file=out,
        )
    return 0


def cmd_platform_show(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    platform = core.platforms.find(args.name)
    if args.json:
        json.dump(platform_json(platform), out, indent=2)
        out.write("\n")
        return 0
    _print_audit(platform, out)
    print(f"  Daily loss limit: {_limit_text(platform)}", file=out)
    if platform.loss_limit_day:
        print(f"  Last made its bots safe on: {platform.loss_limit_day} (UTC)", file=out)
    return 0


def cmd_platform_set(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.platforms import parse_loss_limit

    platform = core.platforms.find(args.name)
    limit = parse_loss_limit(args.max_daily_loss)
    platform = core.platforms.set_loss_limit(platform, limit)
    print(f"{platform.name}: daily loss limit {_limit_text(platform)}.", file=out)
    return 0


def cmd_platform_check(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    platform = core.platforms.recheck(core.platforms.find(args.name))
    if args.json:
        json.dump({"name": platform.name, **audit_json(platform.audit)}, out, indent=2)
        out.write("\n")
    else:
        _print_audit(platform, out)
    return 0


def cmd_platform_remove(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.bots.removal import NeedsConfirmation  # the database: only when used

    platform = core.platforms.find(args.name)
    try:
        done = core.removals.remove_platform(platform, confirmed=args.force)
    except NeedsConfirmation as exc:
        raise confirm_hint(exc, "--force") from None
    print_removed(done, out)
    print(f"Removed platform “{platform.name}” and its key from the keychain.", file=out)
    return 0


class _ShowVersion(argparse.Action):
    """``--version``: the version is read only when asked (see ``crypty_desktop.__getattr__``)."""

    def __init__(self, option_strings: list[str], dest: str, **_kwargs: Any) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit")  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        import crypty_desktop

        sys.stdout.write(f"crypty {crypty_desktop.__version__}\n")  # where argparse's goes
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crypty", description="Crypty Desktop, headless.")
    parser.add_argument("--version", action=_ShowVersion)
    groups = parser.add_subparsers(dest="group", required=True)

    platform = groups.add_parser("platform", help="exchange accounts and their keys")
    sub = platform.add_subparsers(dest="command", required=True)
    add = sub.add_parser(
        "add",
        help="add a platform (the secret is read from stdin or a prompt)",
        description="Add a platform. The secret is never taken from the command line: it comes "
        "from a prompt that does not echo, or from standard input. Without --access-key (or "
        "with --access-key -) the API key is read the same way; piped, the first line is the "
        "key and the rest the secret.",
    )
    add.add_argument("name")
    add.add_argument("--type", required=True, choices=[t.value for t in PlatformType])
    add.add_argument(
        "--access-key",
        metavar="KEY",
        help="the API Key Binance showed you; '-' or leaving it out reads it from a prompt or "
        "stdin. Given here, it is visible to other users in `ps` and kept in your shell history",
    )
    add.add_argument("--use", default="any", choices=[u.value for u in IntendedUse])
    add.add_argument(
        "--ed25519", action="store_true", help="the secret is an Ed25519 private key (PEM)"
    )
    add.set_defaults(handler=cmd_platform_add)
    lst = sub.add_parser("list", help="list platforms")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_platform_list)
    show = sub.add_parser("show", help="a platform's key, what it allows and its loss limit")
    show.add_argument("name")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_platform_show)
    setp = sub.add_parser("set", help="change a platform's settings (its daily loss limit)")
    setp.add_argument("name")
    setp.add_argument(
        "--max-daily-loss",
        metavar="AMOUNT",
        required=True,
        help="the most this platform's Trader bots may lose together in a UTC day, in their "
        "quote asset (e.g. 50 USDT), open positions counted at market value; 'off' removes it. "
        "When reached, all its Trader bots are stopped, their open orders cancelled and what "
        "they hold SOLD at market, once that day",
    )
    setp.set_defaults(handler=cmd_platform_set)
    check = sub.add_parser("check", help="test the connection and print what the key can do")
    check.add_argument("name")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=cmd_platform_check)
    rm = sub.add_parser(
        "remove",
        help="remove a platform and its keychain entry",
        description="Remove a platform and its key. A platform that still has bots is only "
        "removed with --force: its bots are stopped, their open orders cancelled and the bots "
        "removed first, while the key can still cancel them.",
    )
    rm.add_argument("name")
    rm.add_argument(
        "--force",
        action="store_true",
        help="remove its bots first (stopping them and cancelling their open orders)",
    )
    rm.set_defaults(handler=cmd_platform_remove)
    add_bot_commands(groups)
    add_backtest_command(groups)
    add_optimize_command(groups)
    add_strategy_commands(groups)
    add_db_commands(groups)
    add_panic_command(groups)
    add_export_commands(groups)
    add_preferences_command(groups)
    return parser


def _storage_errors() -> tuple[type[BaseException], ...]:
    """What a disk or database failure raises (the database layer's own only once loaded)."""
    errors: tuple[type[BaseException], ...] = (OSError, sqlite3.Error)
    exc_module = sys.modules.get("sqlalchemy.exc")
    if exc_module is not None:
        errors += (exc_module.DBAPIError,)
    return errors


SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for a program the closed pipe ended


def main(
    argv: Sequence[str] | None = None,
    *,
    core: Core | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    if core is None:  # a real run, not a test handing in its core: no core dumps of secrets
        harden_process()
    out = cast(TextIO, _Printable(stdout or sys.stdout))
    err = cast(TextIO, _Printable(stderr or sys.stderr))
    args = build_parser().parse_args(argv)
    args.stdin = stdin or sys.stdin
    owned = core is None
    # A command may say it needs no core (``needs_core`` False: it takes the settings, e.g.
    # restoring a damaged database), or not for these arguments (a callable: a backtest on a
    # file): then no database, keychain or exchange client is even imported.
    needs_core = getattr(args, "needs_core", None)
    settings = core.settings if core is not None else None
    try:
        settings = settings or Settings.from_env()
        if needs_core is False:
            return int(args.handler(settings, args, out))
        if core is None and (needs_core is None or needs_core(args)):
            from crypty_desktop.app import build_core
            from crypty_desktop.logs import setup_logging

            core = build_core(settings)
            setup_logging(core.settings)
        handler = args.handler
        return int(handler(core, args, out))
    except CryptyError as exc:
        damaged = sys.modules.get("crypty_desktop.storage.health")  # loaded if it was raised
        if damaged is not None and isinstance(exc, damaged.DatabaseDamaged):
            hint = " Run: crypty db restore" if exc.backups else ""
            print(f"error: {exc}{hint}", file=err)
            return 1
        print(f"error: {exc}", file=err)
        return 1
    except BrokenPipeError:
        if stdout is not None:
            raise
        # The reader went away (``crypty backtest --json | head``): stop quietly, as a program
        # killed by SIGPIPE does, and let nothing more be flushed into the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_EXIT
    except _storage_errors() as exc:
        from crypty_desktop.storage.health import storage_problem

        problem = storage_problem(exc, settings.data_dir) if settings is not None else None
        if problem is None:
            raise
        print(f"error: {problem}", file=err)
        return 1
    finally:
        if owned and core is not None:
            core.close()


if __name__ == "__main__":
    sys.exit(main())
