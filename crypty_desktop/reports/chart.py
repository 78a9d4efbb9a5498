"""What charts draw, prepared off the GUI thread: candles, fills, indicators, equity curves.

No Qt and no pyqtgraph here: these functions run inside background jobs and return plain data.
Times on charts are seconds since the epoch (the date axis's unit); a candle sits at its open time.
Prices become floats only here, for drawing (every float below is a pixel position, not money).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from crypty_desktop.domain.amounts import format_amount
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.fees import buy_and_hold_value
from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.strategies.base import IndicatorValue, Position, Strategy
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.reports.sources import Services

NAN = math.nan  # float-ok: a gap in a drawn line
LEVEL_PREFIX = "grid"  # indicator names drawn as horizontal levels, not lines
BOT_CHART_CANDLES = 500


def seconds(ms: int) -> float:  # float-ok: a chart coordinate
    return ms / 1000.0


def candle_row(candle: Candle) -> tuple[float, float, float, float, float, float]:  # float-ok
    """(time s, open, high, low, close, volume) for drawing."""
    return (
        candle.open_time / 1000.0,
        float(candle.open),  # float-ok: drawing
        float(candle.high),  # float-ok: drawing
        float(candle.low),  # float-ok: drawing
        float(candle.close),  # float-ok: drawing
        float(candle.volume),  # float-ok: drawing
    )


@dataclass
class IndicatorSeries:
    """One indicator over time: ``values`` holds NaN where it was not ready yet."""

    name: str
    panel: str  # "price" or a sub-plot name such as "rsi"
    times: list[float] = field(default_factory=list)  # float-ok: chart x
    values: list[float] = field(default_factory=list)  # float-ok: chart y

    @property
    def is_level(self) -> bool:
        """Grid levels are drawn as horizontal lines at their last value."""
        return self.name.startswith(LEVEL_PREFIX)

    def last(self) -> float | None:  # float-ok
        for value in reversed(self.values):
            if not math.isnan(value):
                return value
        return None


class IndicatorTracker:
    """A copy of the strategy fed with candles only, to read its indicators after each one.

    Its intents are ignored (it trades nothing); indicators that depend only on candles (SMA, RSI,
    grid levels) come out exactly as the bot computed them.
    """

    def __init__(self, strategy: str, params: dict[str, str] | dict[str, Any]) -> None:
        self.strategy: Strategy = create_strategy(strategy, params)
        self.series: dict[str, IndicatorSeries] = {}

    def feed(self, candles: Iterable[Candle]) -> list[tuple[str, float, float]]:  # float-ok
        """Feed candles; returns the new (name, time s, value) points."""
        points: list[tuple[str, float, float]] = []  # float-ok
        empty = Position()
        for candle in candles:
            self.strategy.on_candle(candle, empty)
            at = candle.open_time / 1000.0
            for value in self.strategy.indicators():
                self._add(value, at, points)
        return points

    def _add(self, value: IndicatorValue, at: float, out: list[tuple[str, float, float]]) -> None:
        series = self.series.get(value.name)
        if series is None:
            series = self.series[value.name] = IndicatorSeries(value.name, value.panel)
        y = NAN if value.value is None else float(value.value)  # float-ok: drawing
        series.times.append(at)
        series.values.append(y)
        out.append((value.name, at, y))


def indicator_series(
    strategy: str, params: dict[str, Any], candles: Sequence[Candle]
) -> dict[str, IndicatorSeries]:
    """Every indicator of ``strategy`` after each candle."""
    tracker = IndicatorTracker(strategy, params)
    tracker.feed(candles)
    return tracker.series


# --- fills ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FillMark:
    """A buy or sell to draw: where, which way, and the words of its tooltip."""

    time: float  # float-ok: chart x (s)
    price: float  # float-ok: chart y
    buy: bool
    tooltip: str


# A fill marker's tooltip, one sentence a line (shown through ``core_text``).
TIP_BUY = QT_TRANSLATE_NOOP("Core", "Bought {quantity} {asset}")
TIP_SELL = QT_TRANSLATE_NOOP("Core", "Sold {quantity} {asset}")
TIP_PRICE = QT_TRANSLATE_NOOP("Core", "Price {price} {quote}")
TIP_FEE = QT_TRANSLATE_NOOP("Core", "Fee {fee} {fee_asset}")
TIP_WHY = QT_TRANSLATE_NOOP("Core", "Why: {reason}")


def fill_tooltip(
    fill: Fill, reason: str | None, base: str = "", quote: str = "", language: str = "en"
) -> str:
    """``Bought 0.2 BTC`` / ``Price 101.50 USDT`` / ``Fee 0.001 BTC`` / ``Why: …``, in lines,
    numbers written the way the interface ``language`` writes them."""
    side = TIP_BUY if fill.side is Side.BUY else TIP_SELL
    price = format_amount(fill.price, language, max(2, _places(fill.price)))
    lines = [
        side.format(quantity=format_amount(fill.quantity, language), asset=base or "?"),
        TIP_PRICE.format(price=price, quote=quote or "?"),
        TIP_FEE.format(fee=format_amount(fill.fee, language), fee_asset=fill.fee_asset),
    ]
    if reason:
        lines.append(TIP_WHY.format(reason=reason))
    return "\n".join(lines)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return min(8, -exponent) if isinstance(exponent, int) and exponent < 0 else 0


def fill_marks(
    fills: Iterable[Fill],
    reasons: dict[str, str],
    base: str = "",
    quote: str = "",
    language: str = "en",
) -> list[FillMark]:
    """A marker per fill, where it traded, with its tooltip in the interface ``language``."""
    return [
        FillMark(
            f.time / 1000.0,
            float(f.price),  # float-ok: drawing
            f.side is Side.BUY,
            fill_tooltip(f, reasons.get(f.client_order_id), base, quote, language),
        )
        for f in fills
    ]


# --- a bot's chart ----------------------------------------------------------------------------


def bot_trades(core: Services, spec: BotSpec) -> tuple[list[Fill], dict[str, str]]:
    """The bot's recorded fills, oldest first, and why each of its orders was placed, by client
    order id (as the order log keeps it; a local read)."""
    orders = core.order_log.orders(spec.id)
    cids = [o.request.client_order_id for o in orders]
    fills = core.order_log.fills(spec.platform_id, cids) if cids else []
    return fills, {o.request.client_order_id: o.reason for o in orders if o.reason}


@dataclass
class EquityCurve:
    """Equity points to draw: time (s), the bot's equity and buying at its start and holding.

    ``last_ms`` is the store time of the newest point (where the next read continues);
    ``first_price`` the price at the first point, from which buy-and-hold is reckoned.
    """

    times: list[float] = field(default_factory=list)  # float-ok: chart x
    equity: list[float] = field(default_factory=list)  # float-ok: chart y
    hold: list[float] = field(default_factory=list)  # float-ok: chart y
    last_ms: int = -1
    first_price: Decimal | None = None


def equity_curve(
    points: Sequence[tuple[int, Decimal, Decimal]],
    budget: Decimal,
    first_price: Decimal | None = None,
    after_ms: int = -1,
) -> EquityCurve:
    """Stored (time, equity, price) points as a curve; buy-and-hold spends ``budget`` at the
    first price (``first_price`` when the curve continues an earlier one), paying the fee as a
    backtest's does (``domain.fees``)."""
    curve = EquityCurve(last_ms=after_ms, first_price=first_price)
    for at, value, price in points:
        if curve.first_price is None and price > 0:
            curve.first_price = price
        start = curve.first_price
        curve.times.append(at / 1000.0)
        curve.equity.append(float(value))  # float-ok: drawing
        hold = buy_and_hold_value(budget, start, price) if start else budget
        curve.hold.append(float(hold))  # float-ok: drawing
        curve.last_ms = at
    return curve


class KlineSource(Protocol):
    """Where a chart's later candles come from (a gateway, or the demo never ahead of its clock)."""

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]: ...


@dataclass
class BotChartData:
    """What a bot's chart shows at first, and where its updates continue from."""

    candles: list[Candle]
    fills: list[Fill]
    reasons: dict[str, str]
    tracker: IndicatorTracker
    base: str
    quote: str
    source: KlineSource | None = None  # where later candles come from
    error: str = ""
    equity: EquityCurve = field(default_factory=EquityCurve)
    budget: Decimal = Decimal(0)

    @property
    def last_open(self) -> int | None:
        return self.candles[-1].open_time if self.candles else None


def _now_ms(gateway: ExchangeGateway, fills: list[Fill], equity: EquityCurve) -> int:
    import time

    moments = [f.time for f in fills[-1:]]
    moments += [equity.last_ms] if equity.times else []
    clock = getattr(gateway, "now_ms", None)
    if isinstance(clock, int):
        moments.append(clock)
    else:
        moments.append(int(time.time() * 1000))
    return max(moments)


def load_bot_chart(core: Services, spec: BotSpec, limit: int = BOT_CHART_CANDLES) -> BotChartData:
    """A bot's recent candles, fills and indicators (network for Binance: run it in a job).

    Candles come from the platform's history (``market/history.py``: the candle store, and the
    platform for what it lacks). For the demo, from a simulated exchange at the end of its data,
    up to the demo clock (or the bot's last activity when it is not running).
    """

    platform = core.bots.platform_of(spec)
    live = core.gateway_for(platform)
    history = core.history(platform)
    rules = history.gateway.symbol_rules(spec.symbol)
    fills, reasons = bot_trades(core, spec)
    equity = equity_curve(core.bot_store.equity_points(spec.id), spec.budget)
    tracker = IndicatorTracker(spec.strategy, dict(spec.params))
    warm = tracker.strategy.warmup()
    step = INTERVAL_MS[spec.interval]
    end = _now_ms(live, fills, equity)
    start = end - (limit + warm) * step
    try:  # what is stored, and what is missing from the platform
        candles = history.candles(spec.symbol, spec.interval, start, end)
    except Exception:  # noqa: BLE001 - offline: what the store has is still worth showing
        candles = history.stored(spec.symbol, spec.interval, start, end)
    candles = [c for c in candles if c.close_time < end]  # closed by the clock shown
    tracker.feed(candles)
    shown = candles[-limit:]
    _trim(tracker, shown[0].open_time / 1000.0 if shown else 0.0)
    source: KlineSource = history.gateway
    if platform.type is PlatformType.SIMULATED:
        source = _DemoClock(history.gateway, live)
    return BotChartData(
        shown,
        fills,
        reasons,
        tracker,
        rules.base_asset,
        rules.quote_asset,
        source,
        equity=equity,
        budget=spec.budget,
    )


def _trim(tracker: IndicatorTracker, first: float) -> None:  # float-ok
    for series in tracker.series.values():
        keep = next((i for i, t in enumerate(series.times) if t >= first), len(series.times))
        del series.times[:keep]
        del series.values[:keep]


class _DemoClock:
    """The demo's candles, never ahead of the running demo's clock."""

    def __init__(self, history: ExchangeGateway, live: ExchangeGateway) -> None:
        self.history = history
        self.live = live

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        clock = getattr(self.live, "now_ms", None)
        end = clock if isinstance(clock, int) else end_ms
        if end is not None and end_ms is not None:
            end = min(end, end_ms)
        if end is None or end < start_ms:
            return []
        # open times up to the clock; only candles that closed by then
        candles = self.history.klines(symbol, interval, start_ms, end)
        return [c for c in candles if c.close_time < end]


@dataclass
class BotChartUpdate:
    candles: list[Candle]
    indicator_points: list[tuple[str, float, float]]  # float-ok
    fills: list[Fill]
    reasons: dict[str, str]
    equity: EquityCurve = field(default_factory=EquityCurve)


def load_bot_chart_update(
    core: Services, spec: BotSpec, data: BotChartData, known_fills: int
) -> BotChartUpdate:
    """Candles after the last one shown, fills after the ``known_fills`` first and equity points
    after the last one drawn (a job; ``data`` is read, never changed, apart from its tracker)."""
    candles: list[Candle] = []
    if data.source is not None:
        since = (data.last_open or 0) + 1
        candles = [c for c in data.source.klines(spec.symbol, spec.interval, since) if c.closed]
    points = data.tracker.feed(candles)
    fills, reasons = bot_trades(core, spec)
    fills = fills[known_fills:]
    known = data.equity
    stored = core.bot_store.equity_points(spec.id, known.last_ms)
    equity = equity_curve(stored, data.budget, known.first_price, known.last_ms)
    return BotChartUpdate(candles, points, fills, reasons, equity)
