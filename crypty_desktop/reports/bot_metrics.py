"""A running (or stopped) bot's report: the figures and metrics a backtest gets, from its records.

The bot's equity is rebuilt at every candle of the window it traded in (the one the parity report
uses: from the first candle it traded on to the last it handled), from its own fills booked in
order through the bot's ``Wallet`` (fees in BNB counted as the bot counts them) and each stored
candle's close. From that curve and the round trips of its fills come the same ``Summary`` and
``Metrics`` as a backtest's (Sharpe, Sortino, Calmar, profit factor, expectancy, longest drawdown,
monthly returns), so the CSV and HTML reports, the window's Metrics panel and ``crypty bot metrics``
show a bot exactly as they show a backtest. The last point agrees with the bot's own P&L at that
close (``stored_pnl``); a stored equity point is not needed.

Reads the database and the stored candles; a Binance platform's symbol rules may need the network
the first time: run it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.backtest.engine import BacktestResult, summarise
from crypty_desktop.backtest.equity import EquityCurve, drawdown_steps
from crypty_desktop.backtest.metrics import compute_metrics, trip_gains
from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.fees import FEE_RATE
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.orders import Fill
from crypty_desktop.reports.parity_run import (
    DECISIONS_READ,
    NEVER_RAN,
    NO_CANDLES_STORED,
    traded_from,
    window_candles,
)

if TYPE_CHECKING:
    from crypty_desktop.reports.sources import Services

HUNDRED = Decimal(100)
CANCEL_EVERY = 10_000  # candles between two looks at ``should_continue``


class ReportCancelled(Exception):
    """The user closed the report before it was ready."""


def bot_report(
    core: Services, spec: BotSpec, should_continue: Callable[[], bool] | None = None
) -> BacktestResult:
    """The bot's summary and metrics over the window it traded in (see the module doc)."""
    platform = core.bots.platform_of(spec)
    runtime = core.bot_store.runtime(spec.id)
    decisions = core.bot_store.decisions(spec.id, limit=DECISIONS_READ)
    step = INTERVAL_MS.get(spec.interval, 60_000)
    first_open, _warm = traded_from(runtime, decisions, step)
    last_open = int(runtime.get("last_candle", -1))
    if last_open < 0 or first_open is None or first_open > last_open:
        raise ValidationError(NEVER_RAN.format(name=spec.name))
    rules = core.history_gateway(platform).symbol_rules(spec.symbol)
    candles = window_candles(core, platform, spec, first_open, last_open)
    if not candles:
        raise ValidationError(
            NO_CANDLES_STORED.format(symbol=spec.symbol, interval=spec.interval, name=spec.name)
        )
    orders = core.order_log.orders(spec.id)
    fills = core.order_log.fills(spec.platform_id, [o.request.client_order_id for o in orders])
    return rebuilt_report(spec.budget, rules, candles, fills, should_continue)


def rebuilt_report(
    budget: Decimal,
    rules: SymbolRules,
    candles: list[Candle],
    fills: list[Fill],
    should_continue: Callable[[], bool] | None = None,
) -> BacktestResult:
    """The report of a wallet that started with ``budget`` and made ``fills``, valued at each of
    ``candles``' closes (a fill counts from the candle it happened in)."""
    base, quote = rules.base_asset, rules.quote_asset
    ordered = sorted(fills, key=lambda f: f.time)  # stable: the log's order within a time
    wallet = Wallet(quote=budget)
    curve = EquityCurve()
    min_held = max(rules.min_qty, rules.step_size)
    held_candles = 0
    k = 0
    for index, candle in enumerate(candles):
        if should_continue is not None and index % CANCEL_EVERY == 0 and not should_continue():
            raise ReportCancelled
        while k < len(ordered) and ordered[k].time <= candle.close_time:
            wallet.apply(ordered[k], base, quote, from_locked=False)
            k += 1
        value = wallet.equity(candle.close)
        curve.append(candle.close_time, value, float(value))  # float-ok: the ratios' equity
        if wallet.base_total >= min_held and wallet.base_total > 0:
            held_candles += 1
    max_dd = drawdown_steps(curve.values, budget)
    gains = trip_gains(ordered, base, quote)
    summary = summarise(
        budget, candles, curve, max_dd, held_candles, gains,
        wallet=wallet, fee_rate=FEE_RATE, trades=len(ordered),
        seconds=0.0,  # float-ok: nothing was timed
    )  # fmt: skip
    step = INTERVAL_MS.get(candles[0].interval, 60_000) if candles else 60_000
    result = BacktestResult(fills=ordered, equity=curve, summary=summary)
    result.covered = (candles[0].open_time, candles[-1].close_time) if candles else None
    result.metrics = compute_metrics(
        curve.times, curve.values, budget, step, gains, max_dd, floats=curve.floats
    )
    return result
