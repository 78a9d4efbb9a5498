"""Brokers turn a strategy's intents into orders for one bot and keep the bot's wallet.

- ``PaperBroker`` (Ghost bots, and backtests): no order ever reaches an exchange. A market
  order decided on a candle fills at the next candle's open; a limit order fills when a later
  candle's range crosses its price (at the limit price, or at the open if the candle opened
  beyond it). The fee is taken from the asset received, as Binance does. The same filters as
  live apply.
- ``LiveBroker`` (Trader bots): real orders through the ``OrderExecutor`` (recorded before sending,
  never doubled), within the bot's budget. On start it reconciles with the exchange first.

Both rebuild their wallet from the recorded fills when a bot restarts, so a crash loses nothing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crypty_desktop.bots.holding import Recheck
from crypty_desktop.bots.protection import (
    PROTECT_TAG,
    STOP_TAG,
    TAKE_PROFIT_TAG,
    PaperLegs,
    Plan,
    plan_protection,
)
from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.amounts import shown
from crypty_desktop.domain.bots import BotKind, BotSpec, EventKind, RiskLimits
from crypty_desktop.domain.errors import (
    CryptyError,
    InsufficientBalance,
    InvalidOrder,
    OrderRefused,
    TemporaryError,
    UnknownOrderStatus,
)
from crypty_desktop.domain.fees import FEE_RATE, fill_fee
from crypty_desktop.domain.filters import prepare_order, quote_to_quantity
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.money import ZERO, round_down, strip
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
    client_id_prefix,
    client_order_id,
)
from crypty_desktop.exchange.gateway import ExchangeGateway, OrderListGateway
from crypty_desktop.exchange.user_delivery import ListenerHandle
from crypty_desktop.exchange.user_events import OrderUpdate, UserEvent
from crypty_desktop.strategies.base import Intent, Position
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the paper broker (backtests) needs neither the database nor an exchange
    from crypty_desktop.bots.orders import OrderExecutor, ProtectionExecutor
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.exchange.user_stream import UserDataStream
    from crypty_desktop.storage.orders import LoggedOrder, OrderLog


# An order placed for a strategy's reason: (side, limit?) → template.
PLACED = {
    (Side.BUY, False): QT_TRANSLATE_NOOP("Core", "Buy {quantity} {asset} at market: {reason}"),
    (Side.SELL, False): QT_TRANSLATE_NOOP("Core", "Sell {quantity} {asset} at market: {reason}"),
    (Side.BUY, True): QT_TRANSLATE_NOOP(
        "Core", "Buy {quantity} {asset} at {price} {quote} (limit): {reason}"
    ),
    (Side.SELL, True): QT_TRANSLATE_NOOP(
        "Core", "Sell {quantity} {asset} at {price} {quote} (limit): {reason}"
    ),
}
# The same for a real order, with what the exchange said of it at once.
SENT = {
    (Side.BUY, False): QT_TRANSLATE_NOOP(
        "Core", "Buy {quantity} {asset} at market ({status}): {reason}"
    ),
    (Side.SELL, False): QT_TRANSLATE_NOOP(
        "Core", "Sell {quantity} {asset} at market ({status}): {reason}"
    ),
    (Side.BUY, True): QT_TRANSLATE_NOOP(
        "Core", "Buy {quantity} {asset} at {price} {quote} (limit, {status}): {reason}"
    ),
    (Side.SELL, True): QT_TRANSLATE_NOOP(
        "Core", "Sell {quantity} {asset} at {price} {quote} (limit, {status}): {reason}"
    ),
}
STATUS_WORDS = {
    OrderStatus.PENDING: QT_TRANSLATE_NOOP("Core", "outcome not known yet"),
    OrderStatus.NEW: QT_TRANSLATE_NOOP("Core", "waiting in the order book"),
    OrderStatus.PARTIALLY_FILLED: QT_TRANSLATE_NOOP("Core", "partly filled"),
    OrderStatus.FILLED: QT_TRANSLATE_NOOP("Core", "filled"),
    OrderStatus.CANCELED: QT_TRANSLATE_NOOP("Core", "cancelled"),
    OrderStatus.PENDING_CANCEL: QT_TRANSLATE_NOOP("Core", "being cancelled"),
    OrderStatus.REJECTED: QT_TRANSLATE_NOOP("Core", "rejected"),
    OrderStatus.EXPIRED: QT_TRANSLATE_NOOP("Core", "expired"),
    OrderStatus.EXPIRED_IN_MATCH: QT_TRANSLATE_NOOP("Core", "expired to avoid a self-trade"),
    OrderStatus.NOT_SENT: QT_TRANSLATE_NOOP("Core", "not sent"),
}
CANCELLED = {
    Side.BUY: QT_TRANSLATE_NOOP("Core", "Cancelled the order to buy {quantity} {asset}: {reason}"),
    Side.SELL: QT_TRANSLATE_NOOP(
        "Core", "Cancelled the order to sell {quantity} {asset}: {reason}"
    ),
}
NOTHING_TO_CANCEL = QT_TRANSLATE_NOOP("Core", "No open order to cancel: {reason}")
BUDGET_SHORT = QT_TRANSLATE_NOOP(
    "Core", "The bot has {left} {asset} left of its budget; this buy needs {needed}."
)
DUST = QT_TRANSLATE_NOOP(
    "Core",
    "{quantity} {asset} (about {value}) is below Binance's smallest order ({minimum}): it is "
    "kept as dust, not sold.",
)
NOTHING_TO_SELL = QT_TRANSLATE_NOOP("Core", "The bot holds no {asset} to sell.")
NOT_EXECUTED = QT_TRANSLATE_NOOP("Core", "Binance did not execute the order ({status}).")
SELF_TRADE = QT_TRANSLATE_NOOP(
    "Core",
    "Binance expired the order: it would have traded with another of your own orders on this "
    "market (self-trade prevention). Nothing was bought or sold.",
)
MARKET_PAUSED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has paused trading on {symbol} ({status}); the bot places no order until it resumes.",
)
OPEN_ORDER_LIMIT = QT_TRANSLATE_NOOP(
    "Core", "The bot already has {limit} open orders on {symbol}, the most Binance allows."
)
EXPIRED_BECAUSE = QT_TRANSLATE_NOOP("Core", "Binance expired the order: {reason}.")
ALREADY_FILLED = QT_TRANSLATE_NOOP("Core", "{order} (it had already filled)")
EXPIRY_REASONS = {
    "EXECUTION_RULE_PRICE_RANGE_EXCEEDED": QT_TRANSLATE_NOOP(
        "Core", "the price moved outside the range Binance allows around its reference price"
    ),
    "INSUFFICIENT_LIQUIDITY": QT_TRANSLATE_NOOP(
        "Core", "there was not enough volume in the order book"
    ),
    "UNFILLED_IOC_QUANTITY_EXPIRED": QT_TRANSLATE_NOOP(
        "Core", "the part that could not fill at once expired"
    ),
    "UNFILLED_FOK_ORDER_EXPIRED": QT_TRANSLATE_NOOP("Core", "it could not fill in full at once"),
    "EXCHANGE_CANCELED": QT_TRANSLATE_NOOP("Core", "Binance cancelled it"),
}


# The position's protection (bots/protection.py), as the bot's log says it.
PROTECTED_LIVE = QT_TRANSLATE_NOOP(
    "Core",
    "Protection on Binance for {quantity} {asset}: {legs}. It works even while the app is closed.",
)
PROTECTED_PAPER = QT_TRANSLATE_NOOP(
    "Core", "Simulated protection for {quantity} {asset}, as Binance would keep it: {legs}."
)
UNPROTECTED = QT_TRANSLATE_NOOP(
    "Core", "Cancelled the protection of {quantity} {asset} on Binance: {reason}"
)
PROTECTION_REFUSED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the protection ({error}); the stop works in the app, only while it runs.",
)
POSITION_CHANGED = QT_TRANSLATE_NOOP("Core", "the position changed.")
BEFORE_SELL = QT_TRANSLATE_NOOP("Core", "the bot sells by its strategy.")


def status_word(status: OrderStatus) -> str:
    """An order status in words (``filled``)."""
    return STATUS_WORDS[status]


@dataclass
class OpenOrder:
    """An order of the bot not yet filled: a resting limit, or a paper market order."""

    request: OrderRequest
    tag: str
    locked: Decimal  # quote (buy) or base (sell) reserved for it


@dataclass(frozen=True, slots=True)
class Execution:
    """What happened to one intent, for the bot's log (the message is built only if read)."""

    action: str  # "buy", "sell", "cancel"
    text: str | Callable[[], str]
    client_order_id: str = ""
    fills: tuple[Fill, ...] = ()  # fills that came back at once (a live market order)

    @property
    def message(self) -> str:
        return self.text if isinstance(self.text, str) else self.text()

    @property
    def kind(self) -> EventKind:
        return EventKind.CANCEL if self.action == "cancel" else EventKind.ORDER


class Broker:
    """Shared bookkeeping: wallet, open orders, sequence numbers and the intent → order rules."""

    def __init__(
        self,
        bot_id: str,
        platform_id: int,
        rules: SymbolRules,
        budget: Decimal,
        order_log: OrderLog | None,
    ) -> None:
        self.bot_id = bot_id
        self.platform_id = platform_id
        self.rules = rules
        self.budget = budget
        self.order_log = order_log
        self.wallet = Wallet(quote=budget)
        self.open: dict[str, OpenOrder] = {}  # by client order id
        self.sequence = order_log.next_sequence(bot_id) if order_log else 0
        self.fills: list[Fill] = []  # kept in memory for backtests (no order log)
        # Why each order was placed, by client order id (the order log keeps it too, when there
        # is one): what reports and charts show beside each fill.
        self.reasons: dict[str, str] = {}
        self._pos: Position | None = None
        self._mark: Decimal | None = None
        self.changes = 0  # bumped whenever the wallet or the open orders change

    # --- views ----------------------------------------------------------------------------------
    def position(self) -> Position:
        """The bot's position for the strategy (cached until the wallet or open orders change)."""
        if self._pos is None:
            self._pos = self._make_position()
        return self._pos

    def mark(self, price: Decimal) -> None:
        """The market's last price (a candle's close): what decides whether holdings are dust."""
        if price != self._mark:
            self._mark = price
            self._pos = None

    def sellable(self) -> Decimal:
        """Base the bot can sell: dust (below one lot step, the minimum quantity or, at the last
        price, the minimum order value; left by rounding, fees and partial fills) does not count."""
        step = self.rules.step_size
        base = round_down(self.wallet.base, step) if step > 0 else self.wallet.base
        if base < self.rules.min_qty:
            return ZERO
        mark, minimum = self._mark, self.rules.min_notional
        if mark is not None and minimum > 0 and base * mark < minimum:
            return ZERO
        return base

    def dust(self) -> Decimal:
        """Free base the bot holds but cannot sell (see ``sellable``)."""
        return self.wallet.base - self.sellable()

    def _make_position(self) -> Position:
        """Base held is reported as what can be sold (dust does not count as a position)."""
        base = self.sellable()
        return Position(
            base=base,
            quote=self.wallet.quote,
            avg_entry=self.wallet.avg_entry,
            open_tags=frozenset(o.tag for o in self.open.values() if o.tag),
        )

    def dust_text(self) -> str:
        """The bot's dust in words (what it holds, its value, the minimum Binance takes)."""
        dust, mark = self.dust(), self._mark or ZERO
        return DUST.format(
            quantity=strip(dust),
            asset=self.rules.base_asset,
            value=f"{shown(dust * mark, 2)} {self.rules.quote_asset}",
            minimum=f"{strip(self.rules.min_notional)} {self.rules.quote_asset}",
        )

    def equity(self, price: Decimal) -> Decimal:
        return self.wallet.equity(price)

    # --- what each broker does -------------------------------------------------------------------
    def execute(self, intent: Intent, candle: Candle) -> Execution:
        """Turn one intent into an order (or a cancel)."""
        raise NotImplementedError

    def on_candle(self, candle: Candle) -> list[tuple[Fill, str]]:
        """The fills this candle brought, each with its order's tag."""
        raise NotImplementedError

    def cancel_order(self, cid: str, reason: str) -> Execution:
        """Cancel one open order by its client order id (the user's cancel, or a stop)."""
        raise NotImplementedError

    def protect(self, limits: RiskLimits, price: Decimal) -> str | None:
        """Keep the position's stop and take-profit where they live (on the exchange, or
        simulated as there); return what to say in the bot's log, if anything changed."""
        return None

    def _protection_plan(self, limits: RiskLimits, price: Decimal) -> tuple[Plan | None, list[str]]:
        others = sum(1 for o in self.open.values() if not o.tag.startswith(PROTECT_TAG))
        return plan_protection(
            self.rules, limits, self.wallet.base, self.wallet.avg_entry, price, others
        )

    # --- intent → order -------------------------------------------------------------------------
    def _next_cid(self) -> tuple[int, str]:
        seq = self.sequence
        self.sequence += 1
        return seq, client_order_id(self.bot_id, seq)

    def build_order(self, intent: Intent, reference: Decimal) -> tuple[int, OrderRequest]:
        """Size an intent within the wallet and round it to the symbol's filters."""
        price = intent.limit_price if intent.type is OrderType.LIMIT else None
        at = price if price is not None else reference
        if intent.side is Side.BUY:
            if intent.quote_amount is not None:
                spend = min(intent.quote_amount, self.wallet.quote)
                qty = quote_to_quantity(self.rules, spend, at, intent.type)
            else:
                qty = intent.base_qty or ZERO
            if qty * at > self.wallet.quote:
                raise InsufficientBalance(
                    BUDGET_SHORT.format(
                        left=strip(self.wallet.quote),
                        asset=self.rules.quote_asset,
                        needed=shown(qty * at, 2),
                    )
                )
        else:
            qty = min(intent.base_qty or self.wallet.base, self.wallet.base)
            if qty <= 0:
                raise InsufficientBalance(NOTHING_TO_SELL.format(asset=self.rules.base_asset))
            if self.sellable() <= 0 and self._mark is not None:
                raise InsufficientBalance(self.dust_text())
        seq, cid = self._next_cid()
        request = prepare_order(self.rules, intent.side, intent.type, qty, price, reference, cid)
        return seq, request

    def _lock_for(self, request: OrderRequest, at: Decimal) -> Decimal:
        amount = request.quantity * at if request.side is Side.BUY else request.quantity
        self.wallet.lock(request.side, amount)
        self._pos = None
        self.changes += 1
        return amount

    def _book(self, fill: Fill, from_locked: bool) -> None:
        self.wallet.apply(fill, self.rules.base_asset, self.rules.quote_asset, from_locked)
        self._pos = None
        self.changes += 1
        self.fills.append(fill)

    def _describe(
        self, request: OrderRequest, reason: str, status: OrderStatus | None = None
    ) -> str:
        """The order in words, with its reason (and, for a real order, its status at once)."""
        limit = request.type is not OrderType.MARKET
        template = (PLACED if status is None else SENT)[(request.side, limit)]
        values = {
            "quantity": strip(request.quantity),
            "asset": self.rules.base_asset,
            "reason": reason,
        }
        if limit:
            values |= {"price": strip(request.price or ZERO), "quote": self.rules.quote_asset}
        if status is not None:
            values["status"] = status_word(status)
        return template.format(**values)

    def _cancelled(self, order: OpenOrder, reason: str) -> str:
        request = order.request
        return CANCELLED[request.side].format(
            quantity=strip(request.quantity), asset=self.rules.base_asset, reason=reason
        )

    def runtime(self) -> dict[str, Any]:
        """What a restart needs beyond the order log: each open order's tag and reservation."""
        return {
            "open": {cid: {"tag": o.tag, "locked": str(o.locked)} for cid, o in self.open.items()}
        }

    def rebuild(
        self,
        fills: list[Fill],
        orders: list[OrderRequest],
        saved: dict[str, Any],
        locks: dict[str, Decimal] | None = None,
    ) -> None:
        """Recompute the wallet from the bot's recorded fills and re-reserve its open orders.

        ``saved`` is ``runtime()["open"]`` from before the restart; ``locks`` what each order
        reserves when the caller knows it. Otherwise an order ``saved`` does not know (e.g.
        placed just before a crash) is reserved at its limit price.
        """
        self.wallet = Wallet(quote=self.budget)
        self._pos = None
        self.changes += 1
        self.fills = list(fills)
        for fill in fills:
            self.wallet.apply(fill, self.rules.base_asset, self.rules.quote_asset, False)
            self._pos = None
            self.changes += 1
        self.open.clear()
        for request in orders:
            known = saved.get(request.client_order_id, {})
            if locks is not None and request.client_order_id in locks:
                amount = locks[request.client_order_id]
                self.wallet.lock(request.side, amount)
                self._pos = None
                self.changes += 1
            elif "locked" in known:
                amount = Decimal(known["locked"])
                self.wallet.lock(request.side, amount)
                self._pos = None
                self.changes += 1
            else:
                amount = self._lock_for(request, request.price or ZERO)
            self.open[request.client_order_id] = OpenOrder(request, known.get("tag", ""), amount)


class PaperBroker(Broker):
    """Simulated fills on real prices; nothing is sent anywhere."""

    def __init__(
        self,
        bot_id: str,
        platform_id: int,
        rules: SymbolRules,
        budget: Decimal,
        order_log: OrderLog | None = None,
        fee_rate: Decimal = FEE_RATE,
    ) -> None:
        super().__init__(bot_id, platform_id, rules, budget, order_log)
        self.fee_rate = fee_rate
        self._trade_id = 0
        self.legs: PaperLegs | None = None  # the simulated stop / take-profit
        self._said: tuple[str, ...] = ()
        self._planned_at = -1  # ``changes`` when the legs were last planned
        self._legs_said = ""  # the legs in words: the reason of the sale one of them makes

    def execute(self, intent: Intent, candle: Candle) -> Execution:
        if intent.cancel:
            return self._cancel(intent)
        if intent.side is Side.SELL:
            self.legs = None  # cancelled before the strategy sells (placed again after)
        seq, request = self.build_order(intent, candle.close)
        at = request.price if request.price is not None else candle.close
        self.open[request.client_order_id] = OpenOrder(
            request, intent.tag, self._lock_for(request, at)
        )
        self.reasons[request.client_order_id] = intent.reason
        if self.order_log is not None:
            self.order_log.record_pending(
                self.platform_id, self.bot_id, seq, request, intent.reason
            )
            self.order_log.set_status(
                self.platform_id, request.client_order_id, OrderStatus.NEW, None
            )
        return Execution(
            intent.side.value.lower(),
            lambda: self._describe(request, intent.reason),
            request.client_order_id,
        )

    def _cancel(self, intent: Intent) -> Execution:
        for cid, order in list(self.open.items()):
            if order.tag == intent.tag:
                self.wallet.unlock(order.request.side, order.locked)
                self._pos = None
                self.changes += 1
                del self.open[cid]
                if self.order_log is not None:
                    self.order_log.set_status(self.platform_id, cid, OrderStatus.CANCELED, None)
                return Execution("cancel", self._cancelled(order, intent.reason), cid)
        return Execution("cancel", NOTHING_TO_CANCEL.format(reason=intent.reason))

    def cancel_order(self, cid: str, reason: str) -> Execution:
        """Release one paper order (the user's cancel, or a stop that cancels)."""
        order = self.open.pop(cid, None)
        if order is None:
            return Execution("cancel", NOTHING_TO_CANCEL.format(reason=reason))
        self.wallet.unlock(order.request.side, order.locked)
        self._pos = None
        self.changes += 1
        if self.order_log is not None:
            self.order_log.set_status(self.platform_id, cid, OrderStatus.CANCELED, None)
        return Execution("cancel", self._cancelled(order, reason), cid)

    def on_candle(self, candle: Candle) -> list[tuple[Fill, str]]:
        """Fill what this candle executes: the simulated stop or take-profit, pending market
        orders at its open, crossed limits."""
        if self.legs is not None:
            return self._exit_by_legs(candle) + self._fill_open(candle)
        return self._fill_open(candle)

    def fill_now(self, price: Decimal, time_ms: int, interval: str) -> list[tuple[Fill, str]]:
        """Pending paper market orders filled at once at ``price`` (the last price known): a
        sale that ends the bot (a risk rule that stops it, a sale at stop) does not wait for a
        candle the stopped bot will never see."""
        rules = self.rules
        at = Candle(rules.symbol, interval, time_ms, price, price, price, price, ZERO, time_ms)
        return self._fill_open(at)

    def _fill_open(self, candle: Candle) -> list[tuple[Fill, str]]:
        if not self.open:
            return []
        done: list[tuple[Fill, str]] = []
        for cid, order in list(self.open.items()):
            price = self._fill_price(order.request, candle)
            if price is None:
                continue
            del self.open[cid]
            fill = self._fill(order, price, candle.open_time)
            if fill is not None:
                done.append((fill, order.tag))
        return done

    @staticmethod
    def _fill_price(request: OrderRequest, candle: Candle) -> Decimal | None:
        if request.type is OrderType.MARKET:
            return candle.open
        limit = request.price
        assert limit is not None
        if request.side is Side.BUY:
            return min(limit, candle.open) if candle.low <= limit else None
        return max(limit, candle.open) if candle.high >= limit else None

    def _fill(self, order: OpenOrder, price: Decimal, time: int) -> Fill | None:
        request = order.request
        self.wallet.unlock(request.side, order.locked)
        self._pos = None
        self.changes += 1
        qty = request.quantity
        if request.side is Side.BUY and qty * price > self.wallet.quote:
            qty = round_down(self.wallet.quote / price, self.rules.step_size or Decimal("1e-8"))
        status = OrderStatus.FILLED
        if qty <= 0 or qty * price < self.rules.min_notional:
            status = OrderStatus.EXPIRED  # the price moved; the wallet no longer covers it
        fill = None
        if status is OrderStatus.FILLED:
            fee, fee_asset = fill_fee(request.side, qty, price, self.rules, self.fee_rate)
            self._trade_id += 1
            fill = Fill(
                symbol=request.symbol,
                side=request.side,
                price=price,
                quantity=qty,
                fee=fee,
                fee_asset=fee_asset,
                time=time,
                client_order_id=request.client_order_id,
                trade_id=time * 1000 + self._trade_id % 1000,
            )
            self._book(fill, from_locked=False)
        if self.order_log is not None:
            state = OrderState(
                symbol=request.symbol,
                client_order_id=request.client_order_id,
                status=status,
                side=request.side,
                type=request.type,
                quantity=request.quantity,
                price=request.price,
                executed_qty=qty if fill else ZERO,
                quote_qty=qty * price if fill else ZERO,
                time=time,
                fills=(fill,) if fill else (),
            )
            self.order_log.apply_state(self.platform_id, state)
        return fill

    # --- the simulated protection (the same legs a Trader bot keeps on Binance) ---------------
    def protect(self, limits: RiskLimits, price: Decimal) -> str | None:
        if self.legs is not None and self._planned_at == self.changes:
            return None  # the position did not change: the legs stay (a backtest's fast path)
        if self.legs is None and self.wallet.base <= 0:
            return None
        self._planned_at = self.changes
        plan, notes = self._protection_plan(limits, price)
        said = tuple(notes)
        words = [] if said == self._said else notes
        self._said = said
        current = self.legs.plan if self.legs is not None else None
        if _same_legs(current, plan):
            return " ".join(words) or None
        self.legs = None if plan is None else PaperLegs(plan, peak=price)
        if plan is not None:
            self._legs_said = PROTECTED_PAPER.format(
                quantity=strip(plan.quantity),
                asset=self.rules.base_asset,
                legs=plan.describe(self.rules),
            )
            words.insert(0, self._legs_said)
        return " ".join(words) or None

    def _exit_by_legs(self, candle: Candle) -> list[tuple[Fill, str]]:
        """A leg this candle reaches sells the protected quantity (as the exchange would)."""
        assert self.legs is not None
        hit = self.legs.exit(self.rules, candle)
        if hit is None:
            return []
        tag, price = hit
        quantity = min(self.legs.plan.quantity, self.wallet.base)
        self.legs = None
        seq, cid = self._next_cid()
        request = OrderRequest(
            self.rules.symbol, Side.SELL, OrderType.LIMIT, quantity, cid, price=price
        )
        self.reasons[cid] = self._legs_said
        if self.order_log is not None:
            self.order_log.record_pending(
                self.platform_id, self.bot_id, seq, request, self._legs_said
            )
        fill = self._fill(OpenOrder(request, tag, ZERO), price, candle.open_time)
        return [] if fill is None else [(fill, tag)]


def _same_legs(placed: Plan | None, plan: Plan | None) -> bool:
    """Whether the legs in place are those wanted (a trailing stop's limit follows the price at
    placement and is not a reason to replace it)."""
    if placed is None or plan is None:
        return placed is plan
    key = (plan.quantity, plan.take_profit, plan.stop, plan.trailing_bips)
    return key == (placed.quantity, placed.take_profit, placed.stop, placed.trailing_bips)


class LiveBroker(Broker):
    """Real spot orders on the bot's platform, within its budget.

    The order log is the truth: after every order event the wallet is rebuilt from the bot's
    recorded fills, and every order not yet settled (resting, or executed with fills still to
    read) keeps what it may still spend reserved.
    """

    def __init__(
        self,
        bot_id: str,
        platform_id: int,
        rules: SymbolRules,
        budget: Decimal,
        gateway: ExchangeGateway,
        order_log: OrderLog,
        executor: OrderExecutor | None = None,
    ) -> None:
        super().__init__(bot_id, platform_id, rules, budget, order_log)
        self.gateway = gateway
        self.log = order_log
        if executor is None:
            from crypty_desktop.bots.orders import ProtectionExecutor

            executor = ProtectionExecutor(gateway, order_log, platform_id)
        self.executor = executor
        self._leg_fills: list[tuple[Fill, str]] = []  # found by a cancel, told at the next candle
        self._said: tuple[str, ...] = ()
        self._refused: tuple[object, ...] | None = None  # legs Binance refused: not re-sent
        self._stream: UserDataStream | None = None
        self._listening: ListenerHandle | None = None
        self._updates: queue.SimpleQueue[OrderUpdate] = queue.SimpleQueue()
        self._gap = threading.Event()  # the stream (re)subscribed: what it missed is read by REST
        # Orders Binance acknowledged whose progress it could not be asked about at the last
        # reconciliation (the network was down): kept open as recorded, asked again next time.
        self.unread: set[str] = set()

    # --- the user data stream -----------------------------------------------------------------
    def listen(self, stream: UserDataStream) -> None:
        """Take order updates and fills from the platform's user data stream; REST polling is
        then only the fallback while the stream is down, and the backfill after each gap."""
        self._stream = stream
        self._gap.set()
        prefix = client_id_prefix(self.bot_id)

        def on_event(event: UserEvent) -> None:  # the stream's delivery thread
            if isinstance(event, OrderUpdate) and event.client_order_id.startswith(prefix):
                self._updates.put(event)

        self._listening = stream.add_listener(
            on_event, symbol=self.rules.symbol, on_gap=lambda _since: self._gap.set()
        )

    def stop_listening(self) -> None:
        if self._listening is not None:
            self._listening.remove()
            self._listening = None
        self._stream = None

    def wake(self) -> None:
        """The computer slept: at the next candle the orders are read again from the exchange
        (REST), whatever the user data stream says. Thread-safe."""
        self._gap.set()

    @property
    def streaming(self) -> bool:
        """Order updates arrive from the user data stream now (no polling needed)."""
        return self._stream is not None and self._stream.is_live() and not self._gap.is_set()

    def poll(self) -> list[tuple[Fill, str]]:
        """Settle what the stream said since the last call (from the bot's own thread)."""
        updates: list[OrderUpdate] = []
        while True:
            try:
                updates.append(self._updates.get_nowait())
            except queue.Empty:
                break
        if not updates:
            return []
        saved = self._tags()
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        try:
            for update in updates:
                self.executor.settle(update_state(update))
        finally:
            self.refresh(saved)
        new = self._new_fills(before)
        return [(f, saved.get(f.client_order_id, {}).get("tag", "")) for f in new]

    def start(self, saved: dict[str, Any], keep_unread: bool = False) -> list[OrderState]:
        """Reconcile with the exchange, then rebuild the wallet from what it says (from the
        order log as it is, when an order could not be settled: ``OrderUnconfirmed``).

        ``keep_unread`` (a bot that runs): an open order Binance could not be asked about is
        kept as recorded and named in ``unread`` instead of raising ``UnknownOrderStatus``."""
        unread: list[str] | None = [] if keep_unread else None
        try:
            return self.executor.reconcile(self.bot_id, unread)
        finally:
            if unread is not None:
                self.unread = set(unread)
            self.refresh(saved)

    def still_unread(self) -> set[str]:
        """The open orders Binance could not be asked about at the last reconciliation."""
        return {cid for cid in self.unread if cid in self.open}

    def refresh(self, saved: dict[str, Any]) -> None:
        """Rebuild the wallet from the order log (``saved``: the open orders' tags)."""
        orders = self.log.orders(self.bot_id)
        fills = self.log.fills(self.platform_id, [o.request.client_order_id for o in orders])
        unsettled = [o for o in orders if not o.settled and o.status is not OrderStatus.NOT_SENT]
        locks = {o.request.client_order_id: _still_reserved(o, fills) for o in unsettled}
        saved = self._protective(unsettled, fills, saved, locks)
        self.rebuild(fills, [_remaining(o) for o in unsettled], saved, locks)

    def _tags(self, extra: dict[str, str] | None = None) -> dict[str, Any]:
        saved: dict[str, Any] = self.runtime()["open"]
        for cid, tag in (extra or {}).items():
            saved[cid] = {"tag": tag}
        return saved

    def _new_fills(self, before: set[tuple[str, int | None]]) -> list[Fill]:
        return [f for f in self.fills if (f.client_order_id, f.trade_id) not in before]

    def execute(self, intent: Intent, candle: Candle) -> Execution:
        if intent.cancel:
            return self._cancel(intent)
        self._check_market(intent)
        if intent.side is Side.SELL:
            self._unprotect(BEFORE_SELL)
        seq, request = self.build_order(intent, candle.close)
        self.reasons[request.client_order_id] = intent.reason
        saved = self._tags({request.client_order_id: intent.tag})
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        try:
            state = self.executor.submit(self.bot_id, seq, request, intent.reason)
        finally:
            self.refresh(saved)
        fills = tuple(self._new_fills(before))
        if not state.status.is_open and state.executed_qty <= 0:
            raise OrderRefused(not_executed_text(state))
        return Execution(
            intent.side.value.lower(),
            self._describe(request, intent.reason, state.status),
            request.client_order_id,
            fills,
        )

    def _check_market(self, intent: Intent) -> None:
        """No new order while Binance pauses the market, nor beyond its open-order limit."""
        rules = self.gateway.symbol_rules(self.rules.symbol)  # cached; refreshed hourly
        if not rules.trading:
            raise InvalidOrder(
                MARKET_PAUSED.format(symbol=rules.symbol, status=rules.status.replace("_", " "))
            )
        limit = rules.max_num_orders
        if intent.type is OrderType.LIMIT and limit and len(self.open) >= limit:
            raise OrderRefused(OPEN_ORDER_LIMIT.format(symbol=rules.symbol, limit=limit))

    def _cancel(self, intent: Intent) -> Execution:
        for cid, order in list(self.open.items()):
            if order.tag == intent.tag:
                return self.cancel_order(cid, intent.reason)
        return Execution("cancel", NOTHING_TO_CANCEL.format(reason=intent.reason))

    def cancel_order(self, cid: str, reason: str) -> Execution:
        """Cancel one of the bot's orders on the exchange and settle it, fills included (an
        order that filled first is a normal outcome: its fills come back with the answer)."""
        order = self.open.get(cid)
        if order is None:
            return Execution("cancel", NOTHING_TO_CANCEL.format(reason=reason))
        saved = self._tags()
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        try:
            state = self.executor.cancel(order.request)
        finally:
            self.refresh(saved)
        fills = tuple(self._new_fills(before))
        if state.status is OrderStatus.FILLED:
            text = ALREADY_FILLED.format(order=self._cancelled(order, reason))
        else:
            text = self._cancelled(order, reason)
        return Execution("cancel", text, cid, fills)

    def on_candle(self, candle: Candle) -> list[tuple[Fill, str]]:
        """Settle resting or unsettled orders; new fills come with their orders' tags (those a
        cancel of the protection found first)."""
        found, self._leg_fills = self._leg_fills, []
        return found + self._settle_candle(candle)

    def _settle_candle(self, candle: Candle) -> list[tuple[Fill, str]]:
        """Settle resting or unsettled orders; new fills come with their orders' tags.

        With the user data stream up, its updates settle them; the exchange is asked (REST) only
        while the stream is down, after a gap in it, or for fills an update could not bring.
        """
        if self._stream is not None and not self._gap.is_set() and self._stream.is_live():
            done = self.poll()
            if all(o.request.client_order_id in self._streamable() for o in self.open.values()):
                return done
            return done + self._reconcile()
        if self._gap.is_set():
            self._gap.clear()
            found = self.poll() + self._reconcile(always=True)
            if self.unread:  # what the stream missed is not all read yet: read it again next time
                self._gap.set()
            return found
        return self.poll() + self._reconcile()

    def _streamable(self) -> set[str]:
        """Open orders the stream will tell about (still open on the exchange)."""
        return {
            o.request.client_order_id
            for o in self.log.unresolved(self.platform_id, self.bot_id)
            if o.status.is_open
        }

    def _reconcile(self, always: bool = False) -> list[tuple[Fill, str]]:
        if not self.open and not always:
            return []
        saved = self._tags()
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        unread: list[str] = []
        done = False
        try:
            self.executor.reconcile(self.bot_id, unread)
            done = True
        finally:  # cut short (an order of unknown outcome): the others were not asked
            self.unread = set(unread) if done else self.unread | set(unread)
            self.refresh(saved)
        return [
            (f, saved.get(f.client_order_id, {}).get("tag", "")) for f in self._new_fills(before)
        ]

    def quiet_candle(self) -> list[tuple[Fill, str]]:
        """The fills known without asking the exchange (the user data stream's updates, those a
        cancel of the protection found): a candle while the bot holds (``bots/holding.py``)."""
        found, self._leg_fills = self._leg_fills, []
        return found + self.poll()

    def recheck_pending(
        self, waited: list[str], cancelling: frozenset[str] = frozenset()
    ) -> Recheck:
        """Ask the exchange once more about the orders whose outcome is not known (PENDING), one
        try per question (the bot's hold paces the checks); never sent again. ``waited``: the
        orders the bot holds for, whose status is reported even when something else settled
        them meanwhile (the user data stream); those in ``cancelling`` (a cancel not confirmed)
        are asked about while they are recorded open. An error that stops the bot (the key
        refused) is raised."""
        executor = self.executor.within(0)
        settled: dict[str, OrderStatus] = {}
        asks: list[tuple[LoggedOrder, Callable[[LoggedOrder], OrderState]]] = []
        for cid in waited:
            logged = self.log.get(self.platform_id, cid)
            if logged is not None and cid in cancelling and logged.status.is_open:
                asks.append((logged, executor.recheck))
            elif logged is not None and logged.status is not OrderStatus.PENDING:
                settled[cid] = logged.status
        asks += [(order, executor.settle_unknown) for order in self._pending()]
        answered, unknown, error, fills = self._ask_each(asks, (UnknownOrderStatus, TemporaryError))
        return Recheck(fills, settled | answered, unknown, error)

    def settle_pending(
        self,
        within: float,  # float-ok: seconds
    ) -> tuple[list[tuple[Fill, str]], list[str]]:
        """The orders whose outcome is not known yet (PENDING) settled with the exchange, as a
        stop does before the bot is said stopped, each question tried for about ``within``
        seconds. Returns their new fills with their tags, and the client order ids still unknown
        (the exchange could not be asked: the next start settles them, never sending them)."""
        pending = self._pending()
        if not pending:
            return [], []
        settle = self.executor.within(within).settle_unknown
        # Still unreachable, or the key refused: said by the caller.
        _settled, unknown, _error, fills = self._ask_each(
            [(order, settle) for order in pending], (CryptyError,)
        )
        return fills, unknown

    def _pending(self) -> list[LoggedOrder]:
        """This bot's orders whose outcome is not known (PENDING)."""
        unresolved = self.log.unresolved(self.platform_id, self.bot_id)
        return [o for o in unresolved if o.status is OrderStatus.PENDING]

    def _ask_each(
        self,
        asks: list[tuple[LoggedOrder, Callable[[LoggedOrder], OrderState]]],
        tolerated: tuple[type[CryptyError], ...],
    ) -> tuple[dict[str, OrderStatus], list[str], CryptyError | None, list[tuple[Fill, str]]]:
        """Each order asked about and settled by its question: the statuses answered (NOT_SENT
        for an order the exchange proves it never received), the client order ids a
        ``tolerated`` error left unknown, the last such error, and the new fills with their
        tags. Any other error is raised."""
        from crypty_desktop.bots.orders import NeverPlaced

        saved = self._tags()
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        answered: dict[str, OrderStatus] = {}
        unknown: list[str] = []
        error: CryptyError | None = None
        try:
            for order, ask in asks:
                cid = order.request.client_order_id
                try:
                    answered[cid] = ask(order).status
                except NeverPlaced:  # recorded NOT_SENT: settled
                    answered[cid] = OrderStatus.NOT_SENT
                except tolerated as exc:
                    unknown.append(cid)
                    error = exc
        finally:
            self.refresh(saved)
        fills = [
            (f, saved.get(f.client_order_id, {}).get("tag", "")) for f in self._new_fills(before)
        ]
        return answered, unknown, error, fills

    # --- the position's protection on Binance (bots/protection.py) -------------------------------
    def _protective(
        self,
        unsettled: list[LoggedOrder],
        fills: list[Fill],
        saved: dict[str, Any],
        locks: dict[str, Decimal],
    ) -> dict[str, Any]:
        """Protective legs keep the base they cover the bot's (a strategy's sell cancels them
        first): they reserve only what they executed without recorded fills, and carry their
        leg's tag."""
        saved = dict(saved)
        for order in unsettled:
            if not order.protective:
                continue
            cid = order.request.client_order_id
            recorded = sum((f.quantity for f in fills if f.client_order_id == cid), ZERO)
            locks[cid] = max(order.executed_qty - recorded, ZERO)
            saved[cid] = {"tag": _leg_tag(order)}
        return saved

    def leg_tags(self) -> dict[str, str]:
        """Every protective leg's tag, by client order id, settled ones included: a stop that
        filled while the app was away is told as the stop it was (the bot stops)."""
        legs = [o for o in self.log.orders(self.bot_id) if o.protective]
        return {o.request.client_order_id: _leg_tag(o) for o in legs}

    def _live_legs(self) -> list[LoggedOrder]:
        """The legs on the exchange now (or whose outcome is not known yet)."""
        return [
            o
            for o in self.log.unresolved(self.platform_id, self.bot_id)
            if o.protective and (o.status.is_open or o.status is OrderStatus.PENDING)
        ]

    def _protection_executor(self) -> ProtectionExecutor:
        from crypty_desktop.bots.orders import ProtectionExecutor

        executor = self.executor
        if isinstance(executor, ProtectionExecutor):
            return executor
        return ProtectionExecutor(
            executor.gateway,
            executor.log,
            executor.platform_id,
            backoff=executor.backoff,
            sleep=executor._sleep,
            margin_ms=executor.margin_ms,
        )

    def _unprotect(self, reason: str) -> str:
        """Cancel the position's legs (before a strategy sells, or to replace them); a leg that
        filled first is recorded and told at the next candle. Returns what to log."""
        legs = self._live_legs()
        if not legs:
            return ""
        executor = self._protection_executor()
        if any(o.status is OrderStatus.PENDING for o in legs):
            # Settle what is unknown first: never a blind cancel. An open order that cannot be
            # read stays as recorded (asked again at the next candle).
            unread: list[str] = []
            executor.reconcile(self.bot_id, unread)
            self.unread |= set(unread)
            legs = self._live_legs()
        saved = self._tags()
        before = {(f.client_order_id, f.trade_id) for f in self.fills}
        try:
            executor.cancel_protection(legs)
        finally:
            self.refresh(saved)
        self._leg_fills += [
            (f, saved.get(f.client_order_id, {}).get("tag", "")) for f in self._new_fills(before)
        ]
        quantity = legs[0].request.quantity
        return UNPROTECTED.format(
            quantity=strip(quantity), asset=self.rules.base_asset, reason=reason
        )

    def protect(self, limits: RiskLimits, price: Decimal) -> str | None:
        """Keep the position's OCO list (or lone stop) on Binance, replaced when the position
        changes; what it cannot take stays in the app, and the log says so once."""
        if not isinstance(self.gateway, OrderListGateway):
            return None
        plan, notes = self._protection_plan(limits, price)
        said = tuple(notes)
        words = [] if said == self._said else list(notes)
        self._said = said
        legs = self._live_legs()
        placed = _plan_of(legs)
        if _same_legs(placed, plan) and (placed is not None or not legs):
            return " ".join(words) or None
        if legs:
            words.insert(0, self._unprotect(POSITION_CHANGED))
            if self._leg_fills:  # a leg filled: the position is gone or smaller; next candle
                return " ".join(words)
            plan, _notes = self._protection_plan(limits, price)
        if plan is not None:
            words.append(self._place_legs(plan))
        return " ".join(w for w in words if w) or None

    def _place_legs(self, plan: Plan) -> str:
        key = (plan.quantity, plan.take_profit, plan.stop, plan.trailing_bips, self.wallet.base)
        if key == self._refused:
            return ""
        ids = [self._next_cid() for _ in range(3 if plan.take_profit is not None else 1)]
        stop_seq, stop_cid = ids[-1]
        if plan.take_profit is None:
            requests = plan.legs(self.rules, stop_cid)
            legs = [(stop_seq, requests[0])]
        else:
            (_list_seq, list_cid), (tp_seq, tp_cid) = ids[0], ids[1]
            above, below = plan.legs(self.rules, stop_cid, tp_cid, list_cid)
            legs = [(tp_seq, above), (stop_seq, below)]
        text = PROTECTED_LIVE.format(
            quantity=strip(plan.quantity),
            asset=self.rules.base_asset,
            legs=plan.describe(self.rules),
        )
        saved = self._tags()
        try:
            self._protection_executor().submit_protection(self.bot_id, legs, text)
        except OrderRefused as exc:
            self._refused = key
            return PROTECTION_REFUSED.format(error=str(exc).rstrip("."))
        finally:
            self.refresh(saved)
        self._refused = None
        return text


def _plan_of(legs: list[LoggedOrder]) -> Plan | None:
    """The plan the legs in place carry out (None when there is none, or not a whole one)."""
    stops = [o.request for o in legs if o.request.type is OrderType.STOP_LOSS_LIMIT]
    tps = [o.request for o in legs if o.request.type is OrderType.LIMIT_MAKER]
    if len(stops) != 1 or len(tps) > 1:
        return None
    stop = stops[0]
    assert stop.price is not None
    return Plan(
        quantity=stop.quantity,
        limit=stop.price,
        stop=stop.stop_price,
        trailing_bips=stop.trailing_delta,
        take_profit=tps[0].price if tps else None,
    )


def rebuild_from_log(
    spec: BotSpec, rules: SymbolRules, order_log: OrderLog, runtime: dict[str, Any]
) -> Broker:
    """A bot's wallet and open orders as its broker rebuilds them from the order log, without
    an exchange: for a bot that does not run here (reports, a cancel while it is stopped).

    ``runtime`` is what the bot saved (its ``open`` reservations are read). A Trader bot's
    unsettled orders keep what they may still spend reserved, as ``LiveBroker.refresh`` does.
    """
    bot_id, platform_id = spec.id, spec.platform_id
    broker = Broker(bot_id, platform_id, rules, spec.budget, None)
    saved = dict(runtime.get("open", {}))
    orders = order_log.orders(bot_id)
    fills = order_log.fills(platform_id, [o.request.client_order_id for o in orders])
    if spec.kind is BotKind.TRADER:
        unsettled = [o for o in orders if not o.settled and o.status is not OrderStatus.NOT_SENT]
        locks = {o.request.client_order_id: _still_reserved(o, fills) for o in unsettled}
        broker.rebuild(fills, [_remaining(o) for o in unsettled], saved, locks)
    else:
        broker.rebuild(fills, [o.request for o in orders if o.status.is_open], saved)
    return broker


def update_state(update: OrderUpdate) -> OrderState:
    """A user data stream update as the order state it reports (with this change's fill)."""
    type_ = OrderType.LIMIT if update.type != OrderType.MARKET.value else OrderType.MARKET
    fill = update.fill
    return OrderState(
        symbol=update.symbol,
        client_order_id=update.client_order_id,
        status=update.status,
        side=update.side,
        type=type_,
        quantity=update.quantity,
        price=update.price if type_ is OrderType.LIMIT else None,
        executed_qty=update.executed_qty,
        quote_qty=update.quote_qty,
        exchange_order_id=update.exchange_order_id,
        time=update.transaction_time,
        fills=() if fill is None else (replace(fill, client_order_id=update.client_order_id),),
        expiry_reason=update.expiry_reason or "",
    )


def _remaining(order: LoggedOrder) -> OrderRequest:
    """What of an unsettled order may still execute (all of it while its outcome is unknown)."""
    request = order.request
    if order.status.is_open:
        left = request.quantity - order.executed_qty
        return replace(request, quantity=max(left, ZERO))
    return request


def _still_reserved(order: LoggedOrder, fills: list[Fill]) -> Decimal:
    """Quote (buy) or base (sell) an unsettled order may still take from the bot's wallet: its
    unexecuted rest while it can execute, plus what it executed whose fills are not recorded."""
    request = order.request
    cid = request.client_order_id
    own = [f for f in fills if f.client_order_id == cid]
    if order.status is OrderStatus.PENDING:  # may have executed in full
        at = request.price if request.price is not None else ZERO
        return request.quantity * at if request.side is Side.BUY else request.quantity
    rest = request.quantity - order.executed_qty if order.status.is_open else ZERO
    if request.side is Side.BUY:
        spent = sum((f.price * f.quantity for f in own), ZERO)
        return max(rest, ZERO) * (request.price or ZERO) + max(order.quote_qty - spent, ZERO)
    recorded = sum((f.quantity for f in own), ZERO)
    return max(rest, ZERO) + max(order.executed_qty - recorded, ZERO)


def not_executed_text(state: OrderState) -> str:
    """Why an order executed nothing, in words."""
    if state.status is OrderStatus.EXPIRED_IN_MATCH:
        return SELF_TRADE
    if state.expiry_reason:
        return EXPIRED_BECAUSE.format(reason=expiry_words(state.expiry_reason))
    return NOT_EXECUTED.format(status=status_word(state.status))


def expiry_words(reason: str) -> str:
    """Binance's expiryReason in words (its own code when it is one the app does not know)."""
    return EXPIRY_REASONS.get(reason, reason)


def _leg_tag(order: LoggedOrder) -> str:
    """A protective leg's tag: the take-profit (a limit maker above) or the stop."""
    return TAKE_PROFIT_TAG if order.request.type is OrderType.LIMIT_MAKER else STOP_TAG
