"""The one way to run a backtest, used by ``crypty backtest`` and by the window's Backtests page.

A ``BacktestRequest`` says what to replay: a market and interval, a strategy and its parameters,
a budget and a fee, and where the candles come from (a platform's history between two dates, or
a CSV file). ``run_request`` checks it, reads the market's rules (the platform's; without a
platform, the demo market's bundled ones), loads the candles (a file is read in columns; dates
download only what the store is missing), replays them and says when the data covers less than
the dates asked. ``progress`` hears where it is (``Progress``: download, then replay) and
``should_continue`` may stop it at any page or every few hundred candles: ``DownloadCancelled``
or ``BacktestCancelled``, nothing half-done is returned.

No Qt, no database and no exchange module is imported here: a file backtest without a platform
stays lean (the command line checks it), and the front ends give a ``HistorySource`` (the app's
``Core``) only when a platform is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from crypty_desktop.backtest.engine import BacktestResult, Summary, coverage_note, run_backtest
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import read_series_csv
from crypty_desktop.domain.bounds import parse_amount
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.fees import buy_and_hold_value
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, Candle, SymbolRules
from crypty_desktop.market.history import NO_CANDLES
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.domain.platform import Platform
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.market.history import History

HUNDRED = Decimal(100)
FEE_MAX_PCT = Decimal(10)
BUDGET = QT_TRANSLATE_NOOP("Core", "Budget")
BAD_FEE = QT_TRANSLATE_NOOP("Core", "The fee is a percentage from 0 to 10 (Binance charges 0.1).")
NEEDS_PLATFORM = QT_TRANSLATE_NOOP(
    "Core", "Dates need a platform to read the history from (the demo is enough)."
)
# How often the replay reports and may be cancelled: often enough for a bar to move, rarely
# enough to cost nothing (a 50th of the candles, at least every 250).
PROGRESS_STEPS = 50
PROGRESS_MIN = 250


@dataclass(frozen=True)
class BacktestRequest:
    """What to replay. Field order is the window's form (positional construction is kept).

    ``platform`` None: the demo market's bundled rules and a file (``csv_path``) are needed.
    ``start_ms``/``end_ms`` are used when there is no ``csv_path``.
    """

    platform: Platform | None
    symbol: str
    interval: str
    start_ms: int
    end_ms: int
    strategy: str
    params: Mapping[str, str]
    budget: Decimal
    fee_pct: Decimal
    csv_path: Path | None = None

    @property
    def fee_rate(self) -> Decimal:
        return self.fee_pct / HUNDRED

    @property
    def dated(self) -> bool:
        """The candles are a platform's history between the dates (not a file)."""
        return self.csv_path is None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a backtest is: ``phase`` ``"download"`` (candles) or ``"run"`` (candles replayed)."""

    phase: str
    done: int
    total: int


Report = Callable[[Progress], None]


class HistorySource(Protocol):
    """Where a platform's rules and candles come from (the app's ``Core``)."""

    def history(self, platform: Platform) -> History: ...

    def history_gateway(self, platform: Platform) -> ExchangeGateway: ...


@dataclass
class BacktestRun:
    """A finished backtest: the request, the market's rules, the candles and the replay."""

    request: BacktestRequest
    rules: SymbolRules
    candles: Sequence[Candle]
    result: BacktestResult
    note: str = ""  # a core sentence when the data covers less than the dates asked

    @property
    def summary(self) -> Summary:
        assert self.result.summary is not None
        return self.result.summary

    def hold_values(self) -> list[Decimal]:
        """Buy and hold's value at each candle's close (the curve beside the equity)."""
        candles = self.candles
        if not candles:
            return []
        first, budget, rate = candles[0].open, self.request.budget, self.request.fee_rate
        return [buy_and_hold_value(budget, first, c.close, rate) for c in candles]


def check_request(request: BacktestRequest) -> None:
    """Everything that can be refused before any file or network is touched (ValidationError)."""
    if request.interval not in INTERVAL_MS:
        raise ValidationError(UNKNOWN_INTERVAL.format(interval=request.interval))
    parse_amount(BUDGET, request.budget)
    if not Decimal(0) <= request.fee_pct < FEE_MAX_PCT:
        raise ValidationError(BAD_FEE)
    create_strategy(request.strategy, dict(request.params))  # the strategy's words
    if request.dated and request.platform is None:
        raise ValidationError(NEEDS_PLATFORM)


def market_rules(request: BacktestRequest, source: HistorySource | None) -> SymbolRules:
    """The platform's rules for the market (network for Binance); the demo's without one."""
    if request.platform is None:
        return bundled_rules(request.symbol)
    assert source is not None, "a platform's rules need a history source"
    return source.history_gateway(request.platform).symbol_rules(request.symbol)


def load_history(
    request: BacktestRequest,
    source: HistorySource | None,
    report: Report | None = None,
    should_continue: Callable[[], bool] | None = None,
) -> Sequence[Candle]:
    """The request's candles: the file in columns, or the dates downloaded (only what is missing)
    and read from the store. ``DownloadCancelled`` when ``should_continue`` says stop."""
    if request.csv_path is not None:
        return read_series_csv(request.csv_path, request.symbol, request.interval)
    assert request.platform is not None and source is not None
    history = source.history(request.platform)

    def downloaded(done: int, total: int) -> None:
        if report is not None:
            report(Progress("download", done, total))

    history.download(
        request.symbol,
        request.interval,
        request.start_ms,
        request.end_ms,
        progress=downloaded,
        should_continue=should_continue,
    )
    return history.stored(request.symbol, request.interval, request.start_ms, request.end_ms)


def run_request(
    request: BacktestRequest,
    source: HistorySource | None = None,
    *,
    report: Report | None = None,
    should_continue: Callable[[], bool] | None = None,
    now_ms: int | None = None,
) -> BacktestRun:
    """Check, load, replay: the one backtest of the command line and the window.

    ``now_ms`` is the clock for the coverage note (now by default); each fill's reason is in
    the result (``BacktestResult.reasons``).

    Raises:
        ValidationError: the request or its data is refused, in words.
        DownloadCancelled, BacktestCancelled: ``should_continue`` said stop.
    """
    check_request(request)
    rules = market_rules(request, source)
    candles = load_history(request, source, report, should_continue)
    if not candles:
        raise ValidationError(NO_CANDLES.format(symbol=request.symbol, interval=request.interval))
    strategy = create_strategy(request.strategy, dict(request.params))

    def replaying(done: int, total: int) -> None:
        if report is not None:
            report(Progress("run", done, total))

    result = run_backtest(
        strategy,
        rules,
        candles,
        request.budget,
        fee_rate=request.fee_rate,
        progress=replaying,
        should_continue=should_continue,
        progress_every=max(PROGRESS_MIN, len(candles) // PROGRESS_STEPS),
    )
    note = ""
    if request.dated:
        now = now_ms if now_ms is not None else int(datetime.now(UTC).timestamp() * 1000)
        note = coverage_note(request.start_ms, request.end_ms, result.covered, now)
    return BacktestRun(request, rules, candles, result, note)
