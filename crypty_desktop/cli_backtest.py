"""``crypty backtest``: a strategy over past candles, headless."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.backtest.engine import BacktestCancelled
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.run import BacktestRequest, Progress, run_request
from crypty_desktop.backtest.series import read_series_csv
from crypty_desktop.cli_bot import fill_json, number, strategy_params
from crypty_desktop.cli_strategy import strategy_help
from crypty_desktop.domain.bounds import parse_amount
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.market.history import DownloadCancelled
from crypty_desktop.strategies.registry import create_strategy

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.backtest.engine import BacktestResult
    from crypty_desktop.backtest.optimize import Search
    from crypty_desktop.backtest.series import CandleSeries
    from crypty_desktop.domain.platform import Platform


def _date_ms(text: str, label: str) -> int:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{label}: “{text}” is not a date like 2024-03-01.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _platform(core: Core, name: str | None) -> Platform:
    if name:
        return core.platforms.find(name)
    for platform in core.platforms.list():
        if platform.type is PlatformType.SIMULATED:
            return platform
    return core.platforms.add("Demo", PlatformType.SIMULATED)


def needs_core(args: argparse.Namespace) -> bool:
    """A backtest on a file with the demo market's rules needs no database, keychain or exchange."""
    return not (args.candles and not args.platform)


def backtest_request(core: Core | None, args: argparse.Namespace) -> BacktestRequest:
    """The command line's arguments as the one backtest request (``backtest.run``)."""
    if args.interval not in INTERVAL_MS:
        raise ValidationError(f"Unknown interval “{args.interval}”.")
    budget = number(args.budget, "--budget")
    fee = number(args.fee, "--fee")
    if budget is None or fee is None:
        raise ValidationError("--budget and --fee take a number.")
    candles = Path(args.candles) if args.candles else None
    start = end = 0
    if candles is None:
        if not (args.start and args.end):
            raise ValidationError("Give --from and --to dates, or --candles FILE.csv.")
        start, end = _date_ms(args.start, "--from"), _date_ms(args.end, "--to")
    platform = None
    if core is not None and (args.platform or candles is None):
        platform = _platform(core, args.platform)
    return BacktestRequest(
        platform,
        args.symbol.upper(),
        args.interval,
        start,
        end,
        args.strategy,
        strategy_params(args.strategy, args.param),
        budget,
        fee,
        candles,
    )


class _Interrupt:
    """Ctrl+C during a backtest cancels it cleanly: the work stops at its next page or step
    (candles already downloaded are kept) and the previous handler is put back."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self._previous: Any = None

    def __enter__(self) -> Callable[[], bool]:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, lambda _s, _f: self.stop.set())
        return lambda: not self.stop.is_set()

    def __exit__(self, *_exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _progress_printer(err: TextIO) -> Callable[[Progress], None] | None:
    """Progress on one line of stderr, only when a person watches it (a terminal)."""
    if not err.isatty():
        return None

    def show(progress: Progress) -> None:
        done, total = f"{progress.done:,}", f"{progress.total:,}"
        if progress.phase == "download":
            text = f"Downloading history: {done} of {total} candles"
        else:
            text = f"Replaying candles: {done} of {total}"
        print(f"\r{text}\033[K", end="", file=err, flush=True)

    return show


def cmd_backtest(core: Core | None, args: argparse.Namespace, out: TextIO) -> int:
    """Without ``core`` (see ``needs_core``) the file is read with the demo market's rules."""
    request = backtest_request(core, args)
    err = sys.stderr
    report = _progress_printer(err)
    try:
        with _Interrupt() as should_continue:
            try:
                run = run_request(request, core, report=report, should_continue=should_continue)
            finally:
                if report is not None:
                    print("\r\033[K", end="", file=err, flush=True)  # the progress line goes
    except (BacktestCancelled, DownloadCancelled) as cancelled:
        print(cancelled, file=err)
        return CANCELLED_EXIT
    result, symbol = run.result, request.symbol
    note = run.note
    assert result.summary is not None and result.metrics is not None
    summary = result.summary.as_json()
    write_reports(result, args.csv, args.html, f"{args.strategy} on {symbol} {args.interval}")
    if args.json:
        fills = [
            {k: v for k, v in fill_json(f, result.reasons).items() if k in _FILL_KEYS}
            for f in result.fills
        ]
        covered = None
        if result.covered is not None:
            covered = {"from": result.covered[0], "to": result.covered[1]}
        data = {
            "fills": fills,
            "summary": summary,
            "metrics": result.metrics.as_json(),
            "covered": covered,
            "note": note or None,
        }
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    if note:
        print(note, file=out)
    print(f"{args.strategy} on {symbol} {args.interval}: {summary['candles']} candles", file=out)
    print_figures(result, out)
    return 0


def print_figures(result: BacktestResult, out: TextIO, timed: bool = True) -> None:
    """The summary, the metrics and the monthly returns, a line each."""
    assert result.summary is not None and result.metrics is not None
    summary = result.summary.as_json()
    for key, label in _SUMMARY_LINES:
        if timed or key != "seconds":
            print(f"  {label:<16} {summary[key]}", file=out)
    for key, value in result.metrics.as_json().items():
        if key != "monthly_returns_pct":
            print(f"  {key:<26} {'-' if value is None else value}", file=out)
    for month in result.metrics.monthly:
        print(f"  {month.month}  {month.return_pct:>10.2f} %", file=out)


def write_reports(
    result: BacktestResult, csv_target: str | None, html_target: str | None, title: str
) -> None:
    """``--csv FILE`` and ``--html FILE``: the report written (atomically) where asked."""
    from crypty_desktop.backtest.report import report_csv, report_html
    from crypty_desktop.files import write_atomically

    for target, render in ((csv_target, report_csv), (html_target, None)):
        if not target:
            continue
        path = Path(target)
        if not path.parent.is_dir():
            raise ValidationError(f"No folder {path.parent} to write {path.name} in.")
        text = render(result) if render is not None else report_html(result, title)
        try:
            write_atomically(path, text)
        except OSError as exc:
            raise ValidationError(f"Could not write {path}: {exc.strerror}.") from None


FOUR = Decimal("0.0001")
CANCELLED_EXIT = 130  # the shell's code for a command stopped by Ctrl+C
_FILL_KEYS = ("time", "side", "price", "quantity", "fee", "fee_asset", "reason")


_SUMMARY_LINES = (
    ("net_pnl", "Net P&L"),
    ("net_pnl_pct", "Net P&L %"),
    ("fees", "Fees"),
    ("max_drawdown_pct", "Max drawdown %"),
    ("trades", "Fills"),
    ("win_rate_pct", "Win rate %"),
    ("exposure_pct", "Exposure %"),
    ("buy_and_hold_pct", "Buy and hold %"),
    ("seconds", "Seconds"),
)


def add_backtest_command(groups: Any) -> None:
    bt = groups.add_parser("backtest", help="run a strategy over past candles")
    bt.add_argument("--strategy", required=True, help=strategy_help())
    bt.add_argument("--symbol", required=True)
    bt.add_argument("--interval", required=True)
    bt.add_argument("--from", dest="start", metavar="DATE")
    bt.add_argument("--to", dest="end", metavar="DATE")
    bt.add_argument("--candles", metavar="FILE.csv")
    bt.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a strategy parameter (crypty strategy show NAME lists them)",
    )
    bt.add_argument("--budget", default="1000")
    bt.add_argument("--fee", default="0.1", metavar="PCT")
    bt.add_argument("--platform", help="where to read market rules and history (default: Demo)")
    bt.add_argument("--json", action="store_true")
    bt.add_argument("--csv", metavar="FILE", help="write the figures and metrics as CSV")
    bt.add_argument("--html", metavar="FILE", help="write the report as a standalone HTML page")
    bt.set_defaults(handler=cmd_backtest, needs_core=needs_core)


def _optimize_inputs(
    args: argparse.Namespace,
) -> tuple[Search, CandleSeries, list[tuple[str, list[str]]], list[dict[str, str]]]:
    """``crypty optimize``'s search, candles, ranges and combinations; every input error is
    said here, before any work."""
    from crypty_desktop.backtest.montecarlo import check_runs
    from crypty_desktop.backtest.optimize import OBJECTIVES, Search, combinations, parse_range
    from crypty_desktop.backtest.walkforward import windows

    if args.interval not in INTERVAL_MS:
        raise ValidationError(f"Unknown interval “{args.interval}”.")
    if args.objective not in OBJECTIVES:
        raise ValidationError(f"--objective: one of {', '.join(OBJECTIVES)}.")
    symbol = args.symbol.upper()
    budget = parse_amount("Budget", number(args.budget, "--budget"))
    fee = number(args.fee, "--fee")
    if fee is None or not Decimal(0) <= fee < Decimal(10) or budget is None:
        raise ValidationError("--fee: a percentage from 0 to 10 (Binance charges 0.1).")
    ranges = [parse_range(text) for text in args.param]
    if not ranges:
        raise ValidationError("Give at least one --param NAME=FROM:TO:STEP.")
    create_strategy(args.strategy, {})  # an unknown strategy is said before any work
    path = Path(args.candles)
    series = read_series_csv(path, symbol, args.interval)  # read once here: errors said early
    search = Search(
        path, symbol, args.interval, bundled_rules(symbol), budget, fee / Decimal(100),
        args.strategy, {}, args.objective, args.min_trades, args.workers,
    )  # fmt: skip
    combos = combinations(ranges, args.random, args.seed)
    if args.walk_forward is not None:
        windows(len(series), args.walk_forward)  # too many folds for the file: said before work
    if args.monte_carlo is not None:
        check_runs(args.monte_carlo)
    return search, series, ranges, combos


def cmd_optimize(core: Core | None, args: argparse.Namespace, out: TextIO) -> int:
    """``crypty optimize``: a parameter search on a candle file, on every core; Ctrl+C ends it
    at once, whatever phase it is in."""
    from crypty_desktop.backtest.optimize import check_references, ranked, run_search
    from crypty_desktop.cli_guards import print_guards, run_guards

    search, series, ranges, combos = _optimize_inputs(args)

    def progress(done: int, total: int, left: float) -> None:  # float-ok: seconds
        if not args.json:
            print(
                f"\r{done}/{total} combinations, about {left:.0f} s left", end="", file=sys.stderr
            )

    clear = "\033[K" if sys.stderr.isatty() else ""  # the rest of the line, on a terminal
    shown: list[str] = []  # the guards' progress line, once written

    def guard_progress(phase: str, done: int, total: int) -> None:
        if not args.json:
            what = "Monte Carlo" if phase == "monte-carlo" else "Stability"
            print(f"\r{what}: {done * 100 // max(total, 1)} %{clear}", end="", file=sys.stderr)
            shown[:] = [what]

    try:
        with _Interrupt() as should_continue:  # Ctrl+C ends the worker processes at once
            started = time.perf_counter()
            trials = run_search(search, combos, progress=progress,
                                should_continue=should_continue, series=series)  # fmt: skip
            searched = time.perf_counter() - started
            if not args.json:
                print(file=sys.stderr)
            best = ranked(trials, args.min_trades)
            guards = run_guards(
                search, series, ranges, combos, trials, best[0] if best else None,
                folds=args.walk_forward, runs=args.monte_carlo, seed=args.seed,
                should_continue=should_continue, progress=guard_progress,
            )  # fmt: skip
            if shown:
                print(file=sys.stderr)  # the guards' progress line ends
            chosen = best[: args.top]
            matches = check_references(search, [t.params for t in chosen], series=series,
                                       should_continue=should_continue)  # fmt: skip
    except BacktestCancelled as cancelled:
        if not args.json:
            print(file=sys.stderr)
        print(cancelled, file=sys.stderr)
        return CANCELLED_EXIT
    top = list(zip(chosen, matches, strict=True))
    refused = sum(1 for t in trials if t.refused)
    rows = [
        {
            "params": t.params,
            "score": None if t.score is None else round(t.score, 4),
            "round_trips": t.round_trips,
            "net_pnl": None
            if t.net_pnl is None
            else format(t.net_pnl.quantize(Decimal("0.0001")), "f"),
            "reference_match": match,
        }
        for t, match in top
    ]
    if args.json:
        data = {"objective": args.objective, "tried": len(trials), "refused": refused,
                "search_seconds": round(searched, 3),
                "ranked": len(best), "best": rows, "guards": guards.as_json()}  # fmt: skip
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    print(
        f"{len(trials)} combinations tried in {searched:.1f} s, {refused} refused by the strategy, "
        f"{len(best)} with at least {args.min_trades} round trips; best by {args.objective}:",
        file=out,
    )
    for (trial, _match), row in zip(top, rows, strict=True):
        params = " ".join(f"{k}={v}" for k, v in trial.params.items())
        same = "matches the bot engine" if row["reference_match"] else "DIFFERS from the bot engine"
        print(f"  {row['score']!s:>10}  {params:<30} trips {row['round_trips']:>5}  "
              f"net {row['net_pnl']}  {same}", file=out)  # fmt: skip
    print_guards(guards, args.objective, out)
    return 0


def add_optimize_command(groups: Any) -> None:
    opt = groups.add_parser("optimize", help="search a strategy's parameters on a candle file")
    opt.add_argument("--strategy", required=True, help=strategy_help())
    opt.add_argument("--symbol", required=True)
    opt.add_argument("--interval", required=True)
    opt.add_argument("--candles", required=True, metavar="FILE.csv")
    opt.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=FROM:TO:STEP",
        help="a parameter's range (FROM:TO:STEP), choices (A,B,C) or fixed value; risk settings "
        "too: risk.stop_loss_pct, risk.take_profit_pct, risk.trailing_stop_pct, "
        "risk.max_drawdown_pct (a percentage, 0 for off)",
    )
    opt.add_argument(
        "--objective", default="net_pnl", help="net_pnl, sharpe, sortino, calmar or profit_factor"
    )
    opt.add_argument("--min-trades", type=int, default=0, help="fewest round trips to be ranked")
    opt.add_argument("--random", type=int, metavar="N", help="try N random combinations, not all")
    opt.add_argument("--seed", type=int, default=0)
    opt.add_argument("--top", type=int, default=10)
    opt.add_argument("--workers", type=int, default=0, help="processes (default: every core)")
    opt.add_argument("--budget", default="1000")
    opt.add_argument("--fee", default="0.1", metavar="PCT")
    opt.add_argument(
        "--walk-forward",
        type=int,
        metavar="K",
        help="K rolling folds: search each window, score its winner on the next one",
    )
    opt.add_argument(
        "--monte-carlo",
        type=int,
        metavar="N",
        help="resample the best result's round trips N times (shuffled and bootstrapped; --seed)",
    )
    opt.add_argument("--json", action="store_true")
    opt.set_defaults(handler=cmd_optimize, needs_core=lambda _args: False)
