"""Compare a bot with a backtest of its own window: read its records, replay, ``compare``.

The window is the bot's: from the first candle it traded on (after the candles it warmed up on,
as its log says) to the last candle it handled. The backtest starts as the bot did: the same
strategy and parameters, its indicators warmed on the same candles, the bot's budget as its wallet,
its risk limits, the paper broker's fee (the settings of now: the edits saved since the window
began are read too, for ``compare`` to say which trades they concern). Candles are the stored
ones (for the demo, its shipped series, through ``Core.history_gateway``); those missing from the
window are reported as missed.
Network I/O for a Binance platform's symbol rules: run it off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.panic import SELL_REASON as PANIC_SELL
from crypty_desktop.bots.stopping import SELL_REASON as STOP_SELL
from crypty_desktop.domain.bots import BotSpec, Decision, EventKind
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.orders import Fill
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.reports.parity import Parity, Records, Trade, compare, trades_of
from crypty_desktop.reports.parity_edits import SettingsEdit
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.reports.sources import Services
    from crypty_desktop.storage.orders import LoggedOrder

NEVER_RAN = QT_TRANSLATE_NOOP(
    "Core", "“{name}” has not traded on any candle yet: there is nothing to compare."
)
NO_CANDLES_STORED = QT_TRANSLATE_NOOP(
    "Core",
    "No stored {symbol} {interval} candles cover the window of “{name}”: there is nothing to "
    "replay.",
)
DECISIONS_READ = 1_000_000  # a bot's whole log, oldest first


def bot_parity(
    core: Services, spec: BotSpec, should_continue: Callable[[], bool] | None = None
) -> Parity:
    """The bot's trades against a backtest of its window (database, history, replay)."""
    platform = core.bots.platform_of(spec)
    decisions = core.bot_store.decisions(spec.id, limit=DECISIONS_READ)
    runtime = core.bot_store.runtime(spec.id)
    last_open = int(runtime.get("last_candle", -1))
    step = INTERVAL_MS.get(spec.interval, 60_000)
    first_open, warm = traded_from(runtime, decisions, step)
    if last_open < 0 or first_open is None or first_open > last_open:
        raise ValidationError(NEVER_RAN.format(name=spec.name))
    gateway = core.history_gateway(platform)
    rules = gateway.symbol_rules(spec.symbol)
    candles = window_candles(core, platform, spec, first_open - warm * step, last_open)
    orders = core.order_log.orders(spec.id)
    fills = core.order_log.fills(spec.platform_id, [o.request.client_order_id for o in orders])
    edits = tuple(
        SettingsEdit(e.time, e.after_candle, e.words()) for e in core.bot_store.edits(spec.id)
    )
    records, backtest, replayed = replay(
        spec, rules, candles, first_open, last_open, decisions, runtime, should_continue
    )
    records = replace(records, edits=edits)
    live = live_trades(orders, fills)
    parity = compare(live, backtest, records)
    return replace(parity, candles=replayed, bot_name=spec.name)


def window_candles(
    core: Services, platform: Platform, spec: BotSpec, since: int, last_open: int
) -> list[Candle]:
    """The bot's stored candles opened from ``since`` to ``last_open`` (for the demo, its shipped
    series): what the bot saw, holes included."""
    if platform.type is PlatformType.SIMULATED:
        gateway = core.history_gateway(platform)
        return list(gateway.klines(spec.symbol, spec.interval, since, last_open))
    return list(
        core.candles.load(platform.type.value, spec.symbol, spec.interval, since, last_open)
    )


def live_trades(orders: Sequence[LoggedOrder], fills: Sequence[Fill]) -> list[Trade]:
    """The bot's trades: one per order, with the order's reason, size and kind."""
    return trades_of(
        fills,
        {o.request.client_order_id: o.reason for o in orders},
        {o.request.client_order_id: o.request.quantity for o in orders},
        frozenset(o.request.client_order_id for o in orders if o.protective),
    )


def traded_from(
    runtime: Mapping[str, Any], decisions: Sequence[Decision], step: int
) -> tuple[int | None, int]:
    """The open time of the first candle the bot traded on, and how many it warmed up on (the
    bot keeps both in its runtime)."""
    warmed = runtime.get("warmed")
    if isinstance(warmed, list) and len(warmed) == 2:
        return int(warmed[0]), int(warmed[1])
    if decisions:  # no warm-up (a strategy that needs none): the first candle it wrote on
        first = decisions[0].time
        return first - first % step, 0
    return None, 0


def replay(
    spec: BotSpec,
    rules: SymbolRules,
    candles: Sequence[Candle],
    first_open: int,
    last_open: int,
    decisions: Sequence[Decision],
    runtime: Mapping[str, Any],
    should_continue: Callable[[], bool] | None = None,
) -> tuple[Records, list[Trade], int]:
    """Warm a fresh strategy on the candles before ``first_open``, replay the window, and
    gather what the bot's log says: (records, the backtest's trades, candles replayed)."""
    warm = [c for c in candles if c.open_time < first_open]
    window = [c for c in candles if first_open <= c.open_time <= last_open]
    if not window:
        raise ValidationError(
            NO_CANDLES_STORED.format(symbol=spec.symbol, interval=spec.interval, name=spec.name)
        )
    strategy = create_strategy(spec.strategy, spec.params)
    start = PaperBroker(spec.id, 0, rules, spec.budget)
    for candle in warm:  # as the bot's warm-up: indicators move, decisions are dropped
        start.mark(candle.close)
        strategy.on_candle(candle, start.position())
    result = run_backtest(
        strategy, rules, window, spec.budget, risk=spec.risk, should_continue=should_continue
    )
    step = INTERVAL_MS.get(spec.interval, 60_000)
    have = {c.open_time for c in candles}
    expected = range(first_open - len(warm) * step, last_open + 1, step)
    records = Records(
        symbol=spec.symbol,
        interval_ms=step,
        first_open=first_open,
        last_open=last_open,
        base_asset=rules.base_asset,
        quote_asset=rules.quote_asset,
        missing=tuple(t for t in expected if t not in have),
        away=_away(runtime),
        refused=_refused(decisions),
        user_cancels=_user_cancels(decisions),
        manual_reasons=frozenset({STOP_SELL, PANIC_SELL}),
    )
    return records, trades_of(result.fills), len(window)


def _away(runtime: Mapping[str, Any]) -> tuple[tuple[int, int, int], ...]:
    """The absences the bot caught up on: (first open, last open, candles), from its runtime."""
    return tuple((int(f), int(last), int(n)) for f, last, n in runtime.get("absences", []))


def _refused(decisions: Sequence[Decision]) -> tuple[tuple[int, str], ...]:
    """When the bot's orders were refused, and what its log said then."""
    return tuple((d.time, d.message) for d in decisions if d.kind is EventKind.REFUSED)


def _user_cancels(decisions: Sequence[Decision]) -> tuple[int, ...]:
    """When you cancelled one of the bot's orders."""
    return tuple(d.time for d in decisions if d.kind is EventKind.USER_CANCEL)
