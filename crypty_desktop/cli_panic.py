"""``crypty panic [--sell] [--yes]``: make everything safe without a window.

Every bot whose lock is free is stopped (not to be resumed), its open orders on the exchange are
cancelled and, with ``--sell``, a Trader bot's holdings are sold at market
(``crypty_desktop.bots.panic``). Bots another process runs are listed with where they run. Without
``--yes`` the command says what it will do and asks; with no terminal to ask, it changes nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.domain.errors import ValidationError

if TYPE_CHECKING:
    from crypty_desktop.app import Core

CONFIRM_WORD = "yes"


def _describe_plan(core: Core, sell: bool, out: TextIO) -> bool:
    """Print what will happen; False when there is nothing to make safe."""
    from crypty_desktop.bots.panic import panic_plan  # the database: only when used

    plan = panic_plan(core.bot_context)
    if plan.traders:
        names = ", ".join(s.name for s in plan.traders)
        print(f"Cancel every open order on the exchange of the Trader bots: {names}.", file=out)
        if sell:
            print("Then sell what each of them holds, at market.", file=out)
        print("Stop those that are running; none will start again by itself.", file=out)
    if plan.ghosts:
        names = ", ".join(s.name for s in plan.ghosts)
        print(f"Stop the Ghost bots (paper money): {names}.", file=out)
    for line in plan.elsewhere_lines():
        print(f"Not touched: {line} Stop it there first.", file=out)
    return bool(plan.traders or plan.ghosts or plan.running_here)


def cmd_panic(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    if not _describe_plan(core, args.sell, out):
        print("No bot to make safe.", file=out)
        return 0
    if not args.yes:
        stdin = args.stdin
        if not stdin.isatty():
            raise ValidationError(
                "Nothing was done: add --yes to make everything safe without being asked."
            )
        print(f"Type {CONFIRM_WORD} to go on: ", end="", file=out, flush=True)
        if stdin.readline().strip().lower() != CONFIRM_WORD:
            print("Nothing was done.", file=out)
            return 1
    from crypty_desktop.bots.panic import make_safe

    report = make_safe(core.bot_context, sell=args.sell)
    print(report.text(), file=out)
    core.alerts.wait_idle(5.0)  # the alert leaves before the command ends
    return 1 if report.failed else 0


def add_panic_command(groups: Any) -> None:
    panic = groups.add_parser(
        "panic",
        help="make everything safe: stop every bot and cancel its open orders",
        description="Stop every bot of this data folder (bots another Crypty process runs are "
        "listed, not touched), cancel every open order of the Trader bots on the exchange and, "
        "with --sell, sell what they hold at market. Prints what was done, bot by bot.",
    )
    panic.add_argument(
        "--sell", action="store_true", help="also sell the Trader bots' holdings at market"
    )
    panic.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    panic.set_defaults(handler=cmd_panic)
