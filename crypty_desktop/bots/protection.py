"""What protects a bot's position on the exchange, decided without I/O.

A Trader bot holding a position with a stop-loss, a trailing stop and/or a take-profit keeps them
on Binance itself, so they work while the computer sleeps or the app is closed:

- an OCO order list for the quantity held: a take-profit LIMIT_MAKER leg above the price and a
  STOP_LOSS_LIMIT leg below it (one fills, Binance expires the other);
- a lone STOP_LOSS_LIMIT order when there is no take-profit (or the symbol takes no OCO).

The stop leg is the trailing stop (Binance's ``trailingDelta``, in BIPS: 100 = 1 %) when one is set
and the symbol allows it, else the stop-loss at ``entry × (1 − SL)``. Its limit price sits
``STOP_LIMIT_GAP`` below the trigger, at least one tick, rounded down to the tick, so that the
order fills once triggered. Prices respect PRICE_FILTER and the sell side of
PERCENT_PRICE_BY_SIDE (the current price stands for Binance's average price); the legs count
toward MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS and MAX_NUM_ORDER_LISTS. A rule that cannot live on
the exchange stays in the app (checked on each closed candle, only while it runs), and the plan
says so in words.

Ghost bots and backtests simulate the same legs (``PaperLegs``), candle by candle, along the path
open → high → low → close: a take-profit fills at its price when the price reaches it (at the
open when the candle opens beyond it); a stop triggers when the price falls to its trigger and
fills there (at the open when the candle opens below it, if that is not under its limit; else it
waits as a limit order).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal

from crypty_desktop.domain.bots import RiskLimits
from crypty_desktop.domain.errors import OrderRefused
from crypty_desktop.domain.filters import check_order
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.money import ZERO, round_down
from crypty_desktop.domain.orders import OrderRequest, OrderType, Side
from crypty_desktop.strategies.helpers import fmt
from crypty_desktop.wording import QT_TRANSLATE_NOOP

HUNDRED = Decimal(100)
BIPS_PER_PERCENT = 100
STOP_LIMIT_GAP = Decimal("0.005")  # the stop leg's limit, 0.5 % below its trigger
PROTECT_TAG = "protect:"  # the tag of a protective leg's fills
STOP_TAG = "protect:stop"
TAKE_PROFIT_TAG = "protect:take-profit"

TRAILING_NOT_OFFERED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance offers no trailing stop on {symbol}: the trailing stop works in the app, only while "
    "it runs.",
)
TRAILING_OUT_OF_RANGE = QT_TRANSLATE_NOOP(
    "Core",
    "Binance takes a trailing stop between {minimum} % and {maximum} % on {symbol}: the trailing "
    "stop works in the app, only while it runs.",
)
STOPS_NOT_OFFERED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance takes no stop-limit order on {symbol}: the stop works in the app, only while it runs.",
)
NO_OCO = QT_TRANSLATE_NOOP(
    "Core",
    "Binance takes no OCO order on {symbol}: the take-profit works in the app, only while it runs.",
)
TAKE_PROFIT_ALONE = QT_TRANSLATE_NOOP(
    "Core",
    "A take-profit without a stop stays in the app (Binance pairs it with a stop): it works only "
    "while the app runs.",
)
TAKE_PROFIT_TOO_FAR = QT_TRANSLATE_NOOP(
    "Core",
    "The take-profit {price} {quote} is further above the price than Binance allows on {symbol}: "
    "it works in the app, only while it runs.",
)
STOP_TOO_FAR = QT_TRANSLATE_NOOP(
    "Core",
    "The stop is further below the price than Binance allows on {symbol}: it works in the app, "
    "only while it runs.",
)
ORDER_LIMITS = QT_TRANSLATE_NOOP(
    "Core",
    "Binance allows {symbol} at most {orders} open orders, {algo} stop orders and {lists} OCO "
    "lists (0: not stated); the bot already uses {used}: {what} works in the app, only while it "
    "runs.",
)
THE_TAKE_PROFIT = QT_TRANSLATE_NOOP("Core", "the take-profit")
THE_STOP = QT_TRANSLATE_NOOP("Core", "the stop")
REFUSED_BY_FILTERS = QT_TRANSLATE_NOOP(
    "Core", "The position cannot be protected on Binance ({reason}); the stop works in the app."
)
LEG_TAKE_PROFIT = QT_TRANSLATE_NOOP("Core", "take-profit at {price} {quote}")
LEG_STOP = QT_TRANSLATE_NOOP("Core", "stop at {stop} {quote} (limit {limit})")
LEG_TRAILING = QT_TRANSLATE_NOOP(
    "Core", "trailing stop {percent} % below the highest price (limit {limit} {quote} for now)"
)


@dataclass(frozen=True, slots=True)
class Plan:
    """The legs that should protect the position (a stop leg always; a take-profit maybe)."""

    quantity: Decimal
    limit: Decimal  # the stop leg's limit price
    stop: Decimal | None = None  # the stop leg's trigger (None: a trailing stop only)
    trailing_bips: int | None = None
    take_profit: Decimal | None = None  # the LIMIT_MAKER leg's price

    def legs(
        self, rules: SymbolRules, stop_cid: str, tp_cid: str = "", list_cid: str = ""
    ) -> list[OrderRequest]:
        """The orders to send: [take-profit, stop] for an OCO, [stop] alone otherwise."""
        stop = OrderRequest(
            symbol=rules.symbol,
            side=Side.SELL,
            type=OrderType.STOP_LOSS_LIMIT,
            quantity=self.quantity,
            client_order_id=stop_cid,
            price=self.limit,
            stop_price=self.stop,
            trailing_delta=self.trailing_bips,
            list_client_id=list_cid if self.take_profit is not None else "",
        )
        if self.take_profit is None:
            return [stop]
        above = OrderRequest(
            symbol=rules.symbol,
            side=Side.SELL,
            type=OrderType.LIMIT_MAKER,
            quantity=self.quantity,
            client_order_id=tp_cid,
            price=self.take_profit,
            list_client_id=list_cid,
        )
        return [above, stop]

    def describe(self, rules: SymbolRules) -> str:
        """The legs in words: ``take-profit at 33,000 USDT, stop at 27,000 USDT (limit …)``."""
        quote = rules.quote_asset
        parts = []
        if self.take_profit is not None:
            parts.append(LEG_TAKE_PROFIT.format(price=fmt(self.take_profit), quote=quote))
        if self.trailing_bips is not None:
            percent = Decimal(self.trailing_bips) / BIPS_PER_PERCENT
            parts.append(
                LEG_TRAILING.format(percent=fmt(percent), limit=fmt(self.limit), quote=quote)
            )
        elif self.stop is not None:
            parts.append(LEG_STOP.format(stop=fmt(self.stop), limit=fmt(self.limit), quote=quote))
        return ", ".join(parts)


def wanted(limits: RiskLimits) -> bool:
    """Whether these limits ask for any protection of a position."""
    return any((limits.stop_loss_pct, limits.take_profit_pct, limits.trailing_stop_pct))


def _round_up(value: Decimal, step: Decimal) -> Decimal:
    down = round_down(value, step)
    return down if down == value or step <= ZERO else down + step


def stop_limit(rules: SymbolRules, trigger: Decimal) -> Decimal:
    """A sell stop's limit: ``STOP_LIMIT_GAP`` below its trigger, at least a tick, on the tick."""
    limit = round_down(trigger * (1 - STOP_LIMIT_GAP), rules.tick_size)
    if limit >= trigger and rules.tick_size > ZERO:
        limit = round_down(trigger, rules.tick_size) - rules.tick_size
    return limit


def trailing_trigger(rules: SymbolRules, peak: Decimal, bips: int) -> Decimal:
    """Where a trailing sell stop triggers: ``bips`` below the peak, rounded down to the tick."""
    return round_down(peak * (1 - Decimal(bips) / 10_000), rules.tick_size)


def _trailing_bips(rules: SymbolRules, pct: Decimal, notes: list[str]) -> int | None:
    if not (rules.allow_trailing_stop and rules.stop_limit_allowed):
        notes.append(TRAILING_NOT_OFFERED.format(symbol=rules.symbol))
        return None
    bips = int((pct * BIPS_PER_PERCENT).to_integral_value(rounding=ROUND_DOWN))
    low, high = rules.min_trailing_below_bips, rules.max_trailing_below_bips
    if bips <= 0 or (low and bips < low) or (high and bips > high):
        notes.append(
            TRAILING_OUT_OF_RANGE.format(
                minimum=fmt(Decimal(low or 1) / BIPS_PER_PERCENT),
                maximum=fmt(Decimal(high or 2000) / BIPS_PER_PERCENT),
                symbol=rules.symbol,
            )
        )
        return None
    return bips


def _stop_leg(
    rules: SymbolRules, limits: RiskLimits, entry: Decimal, price: Decimal, notes: list[str]
) -> Plan | None:
    """The stop leg alone (quantity zero for now), or None when none can be placed."""
    if limits.trailing_stop_pct is not None:
        bips = _trailing_bips(rules, limits.trailing_stop_pct, notes)
        if bips is not None:
            return Plan(ZERO, stop_limit(rules, trailing_trigger(rules, price, bips)), None, bips)
    if limits.stop_loss_pct is None:
        return None
    if not rules.stop_limit_allowed:
        notes.append(STOPS_NOT_OFFERED.format(symbol=rules.symbol))
        return None
    stop = round_down(entry * (1 - limits.stop_loss_pct / HUNDRED), rules.tick_size)
    if stop >= price:  # already crossed: the app's rule sells on this candle
        return None
    return Plan(ZERO, stop_limit(rules, stop), stop)


def _within_percent_price(
    rules: SymbolRules, plan: Plan, price: Decimal, notes: list[str]
) -> Plan | None:
    """Raise the stop's limit to PERCENT_PRICE_BY_SIDE's floor (None if even its trigger is
    below); drop a take-profit above its ceiling (it stays in the app)."""
    if rules.ask_multiplier_down > ZERO:
        floor = _round_up(price * rules.ask_multiplier_down, rules.tick_size)
        if plan.limit < floor:
            trigger = plan.stop if plan.stop is not None else price
            if floor >= trigger:
                notes.append(STOP_TOO_FAR.format(symbol=rules.symbol))
                return None
            plan = replace(plan, limit=floor)
    tp = plan.take_profit
    if tp is not None and rules.ask_multiplier_up > ZERO and tp > price * rules.ask_multiplier_up:
        notes.append(
            TAKE_PROFIT_TOO_FAR.format(price=fmt(tp), quote=rules.quote_asset, symbol=rules.symbol)
        )
        plan = replace(plan, take_profit=None)
    return plan


def _within_order_limits(
    rules: SymbolRules, plan: Plan, open_orders: int, notes: list[str]
) -> Plan | None:
    """Fit the legs into the symbol's order-count limits: an OCO (two orders, one list, one
    stop) or, failing that, a lone stop (one order, one stop); None if not even that fits."""

    def fits(orders: int, lists: int) -> bool:
        return not (
            (rules.max_num_orders and open_orders + orders > rules.max_num_orders)
            or (rules.max_num_algo_orders and rules.max_num_algo_orders < 1)
            or (lists and rules.max_num_order_lists and rules.max_num_order_lists < lists)
        )

    def say(what: str) -> None:
        notes.append(
            ORDER_LIMITS.format(
                symbol=rules.symbol,
                orders=rules.max_num_orders,
                algo=rules.max_num_algo_orders,
                lists=rules.max_num_order_lists,
                used=open_orders,
                what=what,
            )
        )

    if plan.take_profit is not None and not fits(2, 1):
        say(THE_TAKE_PROFIT)
        plan = replace(plan, take_profit=None)
    if plan.take_profit is None and not fits(1, 0):
        say(THE_STOP)
        return None
    return plan


def _passes_filters(rules: SymbolRules, plan: Plan, notes: list[str]) -> bool:
    try:
        for leg in plan.legs(rules, "check-stop", "check-tp", "check-list"):
            check_order(rules, leg)
    except OrderRefused as exc:
        notes.append(REFUSED_BY_FILTERS.format(reason=str(exc).rstrip(".")))
        return False
    return True


def plan_protection(
    rules: SymbolRules,
    limits: RiskLimits,
    quantity: Decimal,
    entry: Decimal | None,
    price: Decimal,
    open_orders: int = 0,
) -> tuple[Plan | None, list[str]]:
    """The legs that should protect ``quantity`` bought at ``entry`` now that the price is
    ``price``, and the sentences saying which rules stay in the app (and why).

    ``open_orders`` is how many other orders the bot has open on the symbol. None means no leg
    (nothing held, nothing asked, or nothing Binance would take).
    """
    notes: list[str] = []
    qty = round_down(quantity, rules.step_size)
    if entry is None or qty <= ZERO or qty < rules.min_qty or not wanted(limits):
        return None, notes
    plan = _stop_leg(rules, limits, entry, price, notes)
    if plan is None:
        if limits.take_profit_pct is not None and not notes:
            notes.append(TAKE_PROFIT_ALONE)
        return None, notes
    plan = replace(plan, quantity=qty)
    if limits.take_profit_pct is not None:
        if rules.oco_allowed:
            tp = round_down(entry * (1 + limits.take_profit_pct / HUNDRED), rules.tick_size)
            if tp > price:  # else already reached: the app's rule sells on this candle
                plan = replace(plan, take_profit=tp)
        else:
            notes.append(NO_OCO.format(symbol=rules.symbol))
    checked = _within_percent_price(rules, plan, price, notes)
    if checked is not None:
        checked = _within_order_limits(rules, checked, open_orders, notes)
    if checked is None or not _passes_filters(rules, checked, notes):
        return None, notes
    return checked, notes


# --- the same legs on paper ----------------------------------------------------------------------


@dataclass
class PaperLegs:
    """A Ghost bot's (or a backtest's) simulated legs, with the trailing stop's peak."""

    plan: Plan
    peak: Decimal  # the highest price since the legs were placed
    triggered: bool = False  # the stop triggered, its limit order not filled yet

    def trigger(self, rules: SymbolRules) -> Decimal:
        if self.plan.trailing_bips is not None:
            return trailing_trigger(rules, self.peak, self.plan.trailing_bips)
        assert self.plan.stop is not None
        return self.plan.stop

    def exit(self, rules: SymbolRules, candle: Candle) -> tuple[str, Decimal] | None:
        """Which leg this candle fills, and at what price (the path open → high → low)."""
        plan = self.plan
        tp, limit = plan.take_profit, plan.limit
        # At the open.
        self.peak = max(self.peak, candle.open)
        if tp is not None and candle.open >= tp:
            return TAKE_PROFIT_TAG, candle.open
        if not self.triggered and candle.open <= self.trigger(rules):
            self.triggered = True
            if candle.open >= limit:
                return STOP_TAG, candle.open
        # Up to the high.
        if self.triggered:
            return (STOP_TAG, max(limit, candle.open)) if candle.high >= limit else None
        self.peak = max(self.peak, candle.high)
        if tp is not None and candle.high >= tp:
            return TAKE_PROFIT_TAG, tp
        # Down to the low.
        trigger = self.trigger(rules)
        if candle.low <= trigger:
            return STOP_TAG, trigger
        return None
