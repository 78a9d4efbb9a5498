"""Run a strategy over past candles with the same strategy, risk and PaperBroker as a Ghost bot.

No look-ahead: the strategy sees candle t only once it is closed; a market order it decides on t
fills at the open of t+1, a limit order when a later candle's range crosses its price. Fees are the
paper broker's (0.1 % of what is received by default).

The loop is the engine's ``BotRunner.step`` without persistence or events, kept lean because a
backtest runs hundreds of thousands of candles: the broker's fast path returns at once when no order
is open, and the position handed to the strategy is cached until it changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from crypty_desktop.backtest.equity import Equity, EquityCurve
from crypty_desktop.backtest.metrics import Metrics, compute_metrics, trip_gains
from crypty_desktop.backtest.series import CandleSeries
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.protection import STOP_TAG, wanted
from crypty_desktop.bots.risk import RiskManager
from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.bots import RiskLimits
from crypty_desktop.domain.errors import (
    OrderRefused,
)
from crypty_desktop.domain.fees import FEE_RATE, buy_and_hold_pct
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.strategies.base import Intent, Strategy
from crypty_desktop.strategies.sma_cross import SmaCross
from crypty_desktop.wording import QT_TRANSLATE_NOOP

HUNDRED = Decimal(100)
CANCELLED = QT_TRANSLATE_NOOP("Core", "Backtest cancelled.")
SHORT_DATA = QT_TRANSLATE_NOOP(
    "Core", "Data covers only {days} days ({first} → {last}) of the {asked} days asked."
)
SHORT_DATA_YEAR = QT_TRANSLATE_NOOP(
    "Core", "Data covers only {days} days ({first} → {last}) of the year asked."
)
DAY_MS = 86_400_000


class BacktestCancelled(Exception):
    """The user cancelled the backtest."""


@dataclass(frozen=True, slots=True)
class Summary:
    net_pnl: Decimal  # quote asset, net of fees, position valued at the last close
    net_pnl_pct: Decimal
    fees: Decimal  # quote asset
    max_drawdown_pct: Decimal
    trades: int  # fills
    round_trips: int  # sells that closed (part of) a position
    win_rate_pct: Decimal | None  # share of round trips with a profit
    exposure_pct: Decimal  # share of candles with a position held
    buy_and_hold_pct: Decimal  # the same budget bought at the first open, held to the last close
    candles: int
    seconds: float  # float-ok: wall time

    def as_json(self) -> dict[str, object]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else format(v.quantize(Decimal("0.0001")), "f")

        return {
            "net_pnl": s(self.net_pnl),
            "net_pnl_pct": s(self.net_pnl_pct),
            "fees": s(self.fees),
            "max_drawdown_pct": s(self.max_drawdown_pct),
            "trades": self.trades,
            "round_trips": self.round_trips,
            "win_rate_pct": s(self.win_rate_pct),
            "exposure_pct": s(self.exposure_pct),
            "buy_and_hold_pct": s(self.buy_and_hold_pct),
            "candles": self.candles,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class BacktestResult:
    fills: list[Fill]
    equity: Equity  # (close time ms, equity) per candle
    reasons: dict[str, str] = field(default_factory=dict)  # client order id → why it was placed
    summary: Summary | None = None
    metrics: Metrics | None = None  # ratios, trades' edge, drawdown length, monthly returns
    # The time the candles cover: the first one's open and the last one's close (ms).
    covered: tuple[int, int] | None = None


def coverage_note(
    asked_start: int, asked_end: int, covered: tuple[int, int] | None, now_ms: int | None = None
) -> str:
    """A sentence when the candles cover less of the asked dates than asked ("" otherwise).

    A day of difference or less is not worth saying (the first candle of a day, today's unfinished
    hours); an end in the future counts up to ``now_ms``.
    """
    if covered is None:
        return ""
    end = min(asked_end, now_ms) if now_ms is not None else asked_end
    first, last = covered
    missing = max(first - asked_start, 0) + max(end - last, 0)
    if missing <= DAY_MS:
        return ""
    days = max(1, round((last - first) / DAY_MS))
    asked_days = max(1, round((asked_end - asked_start) / DAY_MS))
    words = {"days": days, "first": _day(first), "last": _day(last)}
    if 360 <= asked_days <= 367:
        return SHORT_DATA_YEAR.format(**words)
    return SHORT_DATA.format(asked=asked_days, **words)


def _day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d")


class _Replay:
    """The per-candle loop's state; one method per concern keeps each path short."""

    def __init__(
        self,
        strategy: Strategy,
        rules: SymbolRules,
        budget: Decimal,
        fee_rate: Decimal,
        risk: RiskLimits,
    ) -> None:
        self.strategy = strategy
        self.broker = PaperBroker("backtest", 0, rules, budget, None, fee_rate)
        active = any((risk.max_drawdown_pct, wanted(risk)))
        self.guard = RiskManager(risk, budget) if active else None
        self.risk = risk
        self.protecting = wanted(risk)  # the stop / take-profit legs a Trader bot keeps on Binance
        self.equity = EquityCurve()
        self.peak = budget
        self.max_dd = ZERO
        self.held_candles = 0
        self.stopped = False
        self.min_held = max(rules.min_qty, rules.step_size)
        self._seen = -1
        self._cash = budget
        self._held = ZERO
        self._cash_f = float(budget)  # float-ok: the ratios' equity (``equity.float_equity``)
        self._held_f = 0.0
        self._exposed = False
        self._floor = budget  # equity below this is a new worst drawdown

    def act(self, intents: list[Intent], candle: Candle) -> None:
        for intent in intents:
            try:
                self.broker.execute(intent, candle)
            except OrderRefused:  # skipped, as a bot does (the broker keeps placed orders' reasons)
                continue

    def step(self, candle: Candle) -> None:
        broker = self.broker
        if broker.open or broker.legs is not None:
            for fill, tag in broker.on_candle(candle):
                self.stopped = self.stopped or tag == STOP_TAG
                self.act(self.strategy.on_fill(fill, tag), candle)
        if not self.stopped:
            if self.guard is not None:
                self.check_risk(candle)
            if not self.stopped:
                intents = self.strategy.on_candle(candle, broker.position())
                if intents:
                    self.act(intents, candle)
                if self.protecting:
                    broker.protect(self.risk, candle.close)
        self.mark(candle)

    def check_risk(self, candle: Candle) -> None:
        assert self.guard is not None
        event = self.guard.check(candle.close, self.broker.wallet)
        if event is None:
            return
        broker = self.broker
        why = event.message
        self.act(
            [Intent(Side.SELL, why, tag=o.tag, cancel=True) for o in broker.open.values() if o.tag],
            candle,
        )
        if broker.wallet.base > 0:
            self.act([Intent(Side.SELL, why, base_qty=broker.wallet.base)], candle)
        if event.stop_bot:  # the sale that ends the bot fills at the close, as a Ghost bot's
            broker.fill_now(candle.close, candle.close_time, candle.interval)
        self.stopped = event.stop_bot

    def mark(self, candle: Candle) -> None:
        """Record the equity at the candle's close and track the drawdown.

        Cash and holdings change only when the broker does, so they are re-read only then; the
        drawdown is computed only when equity falls below the level of the worst one so far.
        """
        broker = self.broker
        if broker.changes != self._seen:
            self._seen = broker.changes
            wallet = broker.wallet
            self._cash = wallet.quote + wallet.locked_quote
            self._held = wallet.base + wallet.locked_base
            self._exposed = self._held >= self.min_held
            self._cash_f, self._held_f = float(self._cash), float(self._held)  # float-ok: ratios
        if self._held:
            value = self._cash + self._held * candle.close
            value_f = self._cash_f + self._held_f * float(candle.close)  # float-ok: as float_equity
        else:
            value = self._cash
            value_f = self._cash_f
        if self._exposed:
            self.held_candles += 1
        self.equity.append(candle.close_time, value, value_f)
        if value > self.peak:
            self.peak = value
            self._floor = value - value * self.max_dd / HUNDRED
        elif value < self._floor:
            self.max_dd = (self.peak - value) * HUNDRED / self.peak
            self._floor = value


def run_backtest(
    strategy: Strategy,
    rules: SymbolRules,
    candles: Sequence[Candle],
    budget: Decimal,
    *,
    fee_rate: Decimal = FEE_RATE,
    risk: RiskLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_continue: Callable[[], bool] | None = None,
    progress_every: int = 10_000,
    fast: bool = True,
) -> BacktestResult:
    """Replay ``candles`` (closed, oldest first) through strategy, risk and paper broker.

    ``candles`` is best a ``CandleSeries`` (columns; candles are built one at a time as the
    replay reaches them), or any sequence of candles. An SMA crossover without risk limits on a
    ``CandleSeries`` takes the fast path (``fast_backtest``: the same result, only the crossing
    candles through the broker) unless ``fast`` is False.

    ``progress(done, total)`` is called every ``progress_every`` candles, where
    ``should_continue()`` may cancel (``BacktestCancelled``).
    """
    if (
        fast
        and type(strategy) is SmaCross
        and _no_limits(risk)
        and isinstance(candles, CandleSeries)
    ):
        from crypty_desktop.backtest.fast_backtest import sma_backtest

        done = sma_backtest(strategy, rules, candles, budget, fee_rate)
        if done is not None:
            if progress is not None:
                progress(len(candles), len(candles))
            return done
    started = time.perf_counter()
    replay = _Replay(strategy, rules, budget, fee_rate, risk or RiskLimits())
    total = len(candles)
    step = replay.step
    for index, candle in enumerate(candles):
        step(candle)
        if progress_every and index and index % progress_every == 0:
            if should_continue is not None and not should_continue():
                raise BacktestCancelled(CANCELLED)
            if progress is not None:
                progress(index, total)
    if progress is not None:
        progress(total, total)
    broker = replay.broker
    result = BacktestResult(fills=broker.fills, equity=replay.equity, reasons=broker.reasons)
    if candles:
        result.covered = (candles[0].open_time, candles[-1].close_time)
    gains = trip_gains(broker.fills, rules.base_asset, rules.quote_asset)
    result.summary = summarise(
        budget, candles, replay.equity, replay.max_dd, replay.held_candles, gains,
        wallet=broker.wallet, fee_rate=broker.fee_rate, trades=len(broker.fills),
        seconds=time.perf_counter() - started,
    )  # fmt: skip
    step_ms = INTERVAL_MS.get(candles[0].interval, 60_000) if candles else 60_000
    equity = replay.equity
    result.metrics = compute_metrics(
        equity.times, equity.values, budget, step_ms, gains, replay.max_dd, floats=equity.floats
    )
    return result


def _no_limits(risk: RiskLimits | None) -> bool:
    """No drawdown stop and no protective legs: the strategy alone decides."""
    return risk is None or not (risk.max_drawdown_pct or wanted(risk))


def summarise(
    budget: Decimal,
    candles: Sequence[Candle],
    equity: Equity,
    max_dd: Decimal,
    held_candles: int,
    gains: list[Decimal],
    *,
    wallet: Wallet,
    fee_rate: Decimal,
    trades: int,
    seconds: float,  # float-ok: wall time
) -> Summary:
    """The figures of a run (a backtest's, or a bot's rebuilt from its fills): its equity curve,
    drawdown, round trips and wallet over ``candles``."""
    final = equity[-1][1] if equity else budget
    pnl = final - budget
    wins = sum(1 for gain in gains if gain > 0)
    trips = len(gains)
    first_open = candles[0].open if candles else ZERO
    last_close = candles[-1].close if candles else ZERO
    hold_pct = buy_and_hold_pct(first_open, last_close, fee_rate)
    n = len(candles)
    return Summary(
        net_pnl=pnl,
        net_pnl_pct=pnl / budget * HUNDRED if budget else ZERO,
        fees=wallet.fees_quote,
        max_drawdown_pct=max_dd,
        trades=trades,
        round_trips=trips,
        win_rate_pct=(Decimal(wins) / trips * HUNDRED) if trips else None,
        exposure_pct=(Decimal(held_candles) / n * HUNDRED) if n else ZERO,
        buy_and_hold_pct=hold_pct,
        candles=n,
        seconds=seconds,
    )
