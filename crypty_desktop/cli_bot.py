"""``crypty bot ...``: create, list, inspect, run and remove bots without a window."""

from __future__ import annotations

import argparse
import json
from datetime import UTC
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.cli_strategy import strategy_help
from crypty_desktop.domain.amounts import parse_plain
from crypty_desktop.domain.bots import BotKind, BotSpec, Decision, OnStop
from crypty_desktop.domain.errors import CryptyError, ValidationError
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import Fill
from crypty_desktop.strategies.registry import STRATEGIES

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.bots.removal import NeedsConfirmation, Removed
    from crypty_desktop.storage.orders import LoggedOrder


def _params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"--param expects NAME=VALUE, got “{pair}”.")
        params[key.strip()] = value.strip()
    return params


def number(text: str | None, label: str) -> Decimal | None:
    """A number argument, plain (``1000.5``): ``1,000`` is refused, never read as 1."""
    return None if text is None else parse_plain(text, label)


def strategy_params(strategy: str, pairs: list[str]) -> dict[str, str]:
    """``--param`` values; those the strategy takes as decimals are read as plain numbers."""
    params = _params(pairs)
    cls = STRATEGIES.get(strategy)
    for spec in cls.params if cls is not None else ():
        if spec.type is Decimal and spec.name in params:
            params[spec.name] = format(parse_plain(params[spec.name], f"--param {spec.name}"), "f")
    return params


def order_json(order: LoggedOrder) -> dict[str, Any]:
    req = order.request
    return {
        "client_order_id": req.client_order_id,
        "exchange_order_id": order.exchange_order_id,
        "side": req.side.value,
        "type": req.type.value,
        "price": strip(req.price) if req.price is not None else None,
        "quantity": strip(req.quantity),
        "executed_quantity": strip(order.executed_qty),
        "status": order.status.value,
        "created_at": order.created_at_ms,
        "reason": order.reason,
    }


def fill_json(fill: Fill, reasons: dict[str, str] | None = None) -> dict[str, Any]:
    """A fill; ``reasons`` (client order id → why the order was placed) adds its reason."""
    reason = {} if reasons is None else {"reason": reasons.get(fill.client_order_id, "")}
    return {
        "time": fill.time,
        "side": fill.side.value,
        "price": strip(fill.price),
        "quantity": strip(fill.quantity),
        "fee": strip(fill.fee),
        "fee_asset": fill.fee_asset,
        "client_order_id": fill.client_order_id,
        "trade_id": fill.trade_id,
    } | reason


def decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "time": decision.time,
        "action": decision.action,
        "kind": decision.kind.value,
        "message": decision.message,
    }


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2)
    out.write("\n")


def cmd_create(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    budget = number(args.budget, "--budget")
    assert budget is not None  # a required argument
    spec = core.bots.create(
        name=args.name,
        platform_name=args.platform,
        kind=BotKind(args.kind),
        symbol=args.symbol,
        strategy=args.strategy,
        params=strategy_params(args.strategy, args.param),
        budget=budget,
        interval=args.interval,
        stop_loss=number(args.stop_loss, "--stop-loss"),
        take_profit=number(args.take_profit, "--take-profit"),
        max_drawdown=number(args.max_drawdown, "--max-drawdown"),
        trailing_stop=number(args.trailing_stop, "--trailing-stop"),
    )
    kind = "Ghost (paper)" if spec.kind is BotKind.GHOST else "Trader (REAL orders)"
    print(f"Created {kind} bot “{spec.name}” on {spec.symbol} with {spec.strategy}.", file=out)
    if spec.kind is BotKind.TRADER:
        _print_trader_notes(core, spec, out)
    return 0


def _print_trader_notes(core: Core, spec: BotSpec, out: TextIO) -> None:
    """Before real money: the risk limits, the key's IP restriction, a budget above what is free."""
    from crypty_desktop.bots.confirm import budget_warning, key_warnings, risk_lines
    from crypty_desktop.domain.platform import PlatformType

    platform = core.bots.platform_of(spec)
    for line in risk_lines(spec.risk):
        print(f"  {line}", file=out)
    for line in key_warnings(platform):
        print(f"warning: {line}", file=out)
    if platform.type is not PlatformType.SIMULATED:
        gateway = core.gateway_for(platform)
        warning = budget_warning(spec, gateway.symbol_rules(spec.symbol), gateway)
        if warning:
            print(f"warning: {warning}", file=out)


def cmd_list(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.reports.bots import bot_rows, row_json

    rows = bot_rows(core)  # what the window's bot list and Dashboard show
    if args.json:
        _dump([row_json(row) for row in rows], out)
        return 0
    if not rows:
        print("No bot yet. Create one with: crypty bot create NAME --platform P ...", file=out)
    for row in rows:
        spec, reason = row.spec, row.reason
        line = f"{spec.name:<20} {spec.kind.label:<7} {row.platform_name or '?':<16} "
        line += f"{spec.symbol:<10} {spec.strategy:<10} {row.state.value}"
        print(line + (f" — {reason}" if reason else ""), file=out)
    return 0


def cmd_orders(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    spec = core.bots.find(args.name)
    orders = core.order_log.orders(spec.id)
    if args.json:
        _dump([order_json(o) for o in orders], out)
        return 0
    for o in orders:
        r = o.request
        print(
            f"{r.client_order_id} {r.side.value} {r.type.value} {r.quantity} {o.status}", file=out
        )
    return 0


def cmd_trades(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    spec = core.bots.find(args.name)
    orders = core.order_log.orders(spec.id)
    fills = core.order_log.fills(spec.platform_id, [o.request.client_order_id for o in orders])
    if args.json:
        reasons = {o.request.client_order_id: o.reason for o in orders}
        _dump([fill_json(f, reasons) for f in fills], out)
        return 0
    from datetime import datetime

    for f in fills:
        when = datetime.fromtimestamp(f.time / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
        text = f"{when} {f.side.value} {f.quantity} @ {f.price} fee {f.fee} {f.fee_asset}"
        print(text, file=out)
    return 0


def cmd_log(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    """A bot's log, oldest first: what it did (``action``), what happened (``kind``), in words."""
    if args.limit < 1:
        raise ValidationError("--limit: a whole number of lines, 1 or more.")
    spec = core.bots.find(args.name)
    decisions = core.bot_store.decisions(spec.id, limit=args.limit)
    if args.json:
        _dump([decision_json(d) for d in decisions], out)
        return 0
    from datetime import datetime

    for d in decisions:
        when = datetime.fromtimestamp(d.time / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{when} {d.kind.value:<13} {d.message}", file=out)
    return 0


def confirm_hint(exc: NeedsConfirmation, flag: str) -> CryptyError:
    from crypty_desktop.bots.removal import NeedsConfirmation  # the database: only when used

    """The refusal, with the option that confirms it."""
    hint = f"To do so, run the command again with {flag}."
    return NeedsConfirmation([*exc.sentences, hint], exc.plans)


def print_removed(done: Removed, out: TextIO) -> None:
    for name in done.stopped:
        print(f"Stopped {name}.", file=out)
    if done.cancelled:
        print(f"Cancelled {done.cancelled} open orders on the exchange.", file=out)


def cmd_remove(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.bots.removal import NeedsConfirmation  # the database: only when used

    spec = core.bots.find(args.name)
    try:
        done = core.bots.remove(spec, confirmed=args.cancel_orders)
    except NeedsConfirmation as exc:
        raise confirm_hint(exc, "--cancel-orders") from None
    print_removed(done, out)
    print(f"Removed bot “{spec.name}”. Its orders stay in the account history.", file=out)
    return 0


def cmd_run(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.bots.host import run_until_signal
    from crypty_desktop.logs import log_path
    from crypty_desktop.reports.pause_news import PauseNews

    specs = [core.bots.find(name) for name in args.names]
    return run_until_signal(
        core.bot_context,
        specs,
        out,
        heading=f"Log file: {log_path(core.settings)}",
        on_stop=OnStop(args.on_stop),
        tick=PauseNews(core.connections, core.alerts).check,  # rate-limit pauses, once each
    )


def cmd_metrics(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    """The bot's figures and metrics over the window it traded in, as a backtest's."""
    from crypty_desktop.cli_backtest import print_figures, write_reports
    from crypty_desktop.reports.bot_metrics import bot_report
    from crypty_desktop.reports.parity_edits import when

    spec = core.bots.find(args.name)
    result = bot_report(core, spec)
    assert result.summary is not None and result.metrics is not None and result.covered
    title = f"{spec.name}: {spec.strategy} on {spec.symbol} {spec.interval}"
    write_reports(result, args.csv, args.html, title)
    first, last = result.covered
    if args.json:
        _dump(
            {
                "bot": spec.name,
                "covered": {"from": first, "to": last},
                "summary": {k: v for k, v in result.summary.as_json().items() if k != "seconds"},
                "metrics": result.metrics.as_json(),
            },
            out,
        )
        return 0
    print(f"{title}: {result.summary.candles} candles from {when(first)} to {when(last)}",
          file=out)  # fmt: skip
    print_figures(result, out, timed=False)
    return 0


def cmd_parity(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    """The bot's trades against a backtest of its own window, trade by trade."""
    from crypty_desktop.reports.parity_run import bot_parity  # the backtest: only when used

    report = bot_parity(core, core.bots.find(args.name))
    if args.json:
        _dump(report.as_json(), out)
        return 0
    from crypty_desktop.reports.parity import MISSING_CANDLES
    from crypty_desktop.reports.parity_edits import when

    rec = report.records
    print(
        f"{report.bot_name}: {rec.symbol} {report.candles} candles "
        f"from {when(rec.first_open)} to {when(rec.last_open)}",
        file=out,
    )
    print(report.summary(), file=out)
    if rec.missing:
        print(MISSING_CANDLES.format(count=len(rec.missing)), file=out)
    for note in report.notes:  # the bot's settings changed during the window
        print(note, file=out)
    for kind, trade, partner, words in report.rows():
        head = f"{when(trade.time)}  {trade.side.value:<4} {strip(trade.quantity)} @ "
        head += strip(trade.price)
        if partner is not None:
            diff = trade.price - partner.price
            head += f"  matched (backtest {strip(partner.quantity)} @ {strip(partner.price)}"
            head += f", price diff {strip(diff)} {rec.quote_asset})"
        else:
            head += f"  only {'live' if kind == 'live' else 'in the backtest'}"
        print(head, file=out)
        for sentence in words:
            print(f"    {sentence}", file=out)
    return 0


def cmd_cancel(core: Core, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.bots.manual import cancel_stopped_order
    from crypty_desktop.bots.ownership import Role

    spec = core.bots.find(args.name)
    print(cancel_stopped_order(core.bot_context, spec, args.order_id, Role.CLI), file=out)
    return 0


def add_bot_commands(groups: Any) -> None:
    bot = groups.add_parser("bot", help="trading bots")
    sub = bot.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create a bot (stopped)")
    create.add_argument("name")
    create.add_argument("--platform", required=True)
    create.add_argument("--kind", required=True, choices=[k.value for k in BotKind])
    create.add_argument("--symbol", required=True)
    create.add_argument("--strategy", required=True, help=strategy_help())
    create.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a strategy parameter, plain numbers (e.g. lower=60000); "
        "crypty strategy show NAME lists them",
    )
    create.add_argument(
        "--budget", required=True, help="in the quote asset, e.g. 1000.5 (no thousands separators)"
    )
    create.add_argument("--interval", default="1m")
    create.add_argument("--stop-loss", metavar="PCT")
    create.add_argument("--take-profit", metavar="PCT")
    create.add_argument("--max-drawdown", metavar="PCT")
    create.add_argument(
        "--trailing-stop",
        metavar="PCT",
        help="sell and stop when the price falls this far below its highest since the entry",
    )
    create.set_defaults(handler=cmd_create)
    lst = sub.add_parser("list", help="list bots")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    for name, handler, text in (
        ("orders", cmd_orders, "a bot's orders, each with why it was placed"),
        ("trades", cmd_trades, "a bot's fills"),
        ("log", cmd_log, "a bot's log: what it did and what happened, oldest first"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("name")
        p.add_argument("--json", action="store_true")
        if name == "log":
            p.add_argument("--limit", type=int, default=200, help="the newest lines (200)")
        p.set_defaults(handler=handler)
    metrics = sub.add_parser(
        "metrics",
        help="a bot's figures and metrics (Sharpe, Sortino, Calmar, …) as for a backtest",
        description="The bot's P&L, drawdown, round trips, risk-adjusted ratios and monthly "
        "returns over the window it traded in, from its own fills and stored candles.",
    )
    metrics.add_argument("name")
    metrics.add_argument("--json", action="store_true")
    metrics.add_argument("--csv", metavar="FILE", help="write the figures and metrics as CSV")
    metrics.add_argument("--html", metavar="FILE", help="write the report as a standalone page")
    metrics.set_defaults(handler=cmd_metrics)
    parity = sub.add_parser(
        "parity",
        help="compare a bot's trades with a backtest of its own window",
        description="Replay the bot's window (its candles, parameters, budget and risk limits) "
        "through the backtest and show, trade by trade, what matched and why the rest did not.",
    )
    parity.add_argument("name")
    parity.add_argument("--json", action="store_true")
    parity.set_defaults(handler=cmd_parity)
    run = sub.add_parser("run", help="run bots until Ctrl+C / SIGTERM, then stop them gracefully")
    run.add_argument("names", nargs="+")
    run.add_argument(
        "--on-stop",
        choices=[c.value for c in OnStop],
        default=OnStop.KEEP.value,
        help="on Ctrl+C / SIGTERM, what to do with the bots' open orders: keep them (default), "
        "cancel them, or cancel them and sell what each bot holds at market",
    )
    run.set_defaults(handler=cmd_run)
    cancel = sub.add_parser("cancel", help="cancel one open order of a stopped bot")
    cancel.add_argument("name")
    cancel.add_argument("order_id", help="the order's client order id (see: crypty bot orders)")
    cancel.set_defaults(handler=cmd_cancel)
    rm = sub.add_parser(
        "remove",
        help="remove a bot",
        description="Remove a bot. A bot that runs in this command's process or has orders "
        "open on the exchange is only removed with --cancel-orders: it is stopped and its "
        "orders are cancelled first. A bot run by another process is never removed.",
    )
    rm.add_argument("name")
    rm.add_argument(
        "--cancel-orders",
        "--force",
        dest="cancel_orders",
        action="store_true",
        help="stop the bot and cancel its open orders on the exchange, then remove it",
    )
    rm.set_defaults(handler=cmd_remove)
