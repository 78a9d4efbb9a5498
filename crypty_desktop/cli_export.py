"""``crypty export trades``: every fill of every bot to a file, headless."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.reports.exports import (
    ExportFormat,
    export_format,
    export_rows,
    render,
    write_export,
)

if TYPE_CHECKING:
    from crypty_desktop.app import Core


def _day(text: str, label: str) -> datetime:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{label}: “{text[:40]}” is not a date like 2024-03-01.") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def cmd_export_trades(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    fmt = export_format(args.format)
    start = _day(args.start, "--from")
    end = _day(args.end, "--to") + timedelta(days=1)  # the whole last day
    rows = export_rows(core.store, start, end, include_paper=args.include_paper)
    text = render(rows, fmt)
    if args.output == "-":
        out.write(text)
        return 0
    path = Path(args.output) if args.output else Path(f"crypty-trades{fmt.suffix}")
    write_export(path, text)
    print(f"Exported {len(rows)} trades to {path}.", file=out)
    return 0


def add_export_commands(groups: Any) -> None:
    export = groups.add_parser("export", help="write your trades to a file")
    sub = export.add_subparsers(dest="command", required=True)
    trades = sub.add_parser(
        "trades",
        help="every fill of every bot (CSV, JSON or Koinly's Universal CSV)",
        description="Every fill of every bot between two days (UTC, both included). Ghost "
        "bots' paper trades, and trades on play-money platforms, are left out unless "
        "--include-paper is given; included, they are marked.",
    )
    trades.add_argument("--from", dest="start", required=True, metavar="DATE")
    trades.add_argument("--to", dest="end", required=True, metavar="DATE")
    trades.add_argument(
        "--format", default="csv", choices=[f.value for f in ExportFormat], help="default: csv"
    )
    trades.add_argument("--include-paper", action="store_true")
    trades.add_argument(
        "--output", "-o", metavar="FILE", help="where to write ('-': standard output)"
    )
    trades.set_defaults(handler=cmd_export_trades)
