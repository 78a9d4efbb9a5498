"""The fake Binance's memory: keys, account, clock, request weight, faults and recorded requests.

Everything here is guarded by one lock, because the HTTP server answers each request on its own
thread while the test thread changes the state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Protocol

WEIGHT_LIMIT_1M = 6000  # Binance's REQUEST_WEIGHT limit per minute for the spot API
ZERO = Decimal(0)
OPEN_STATUSES = ("NEW", "PARTIALLY_FILLED")


class ApiError(Exception):
    """An error answer in Binance's shape: an HTTP status and a ``{"code", "msg"}`` body."""

    def __init__(
        self, status: int, code: int, msg: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{status} {code} {msg}")
        self.status = status
        self.code = code
        self.msg = msg
        self.headers = dict(headers or {})


@dataclass
class FakeKey:
    """An API key the fake knows, with the switches Binance's API Management page shows.

    ``secret`` is the HMAC secret; for an Ed25519 key give ``public_pem`` (the secret is unused).
    """

    api_key: str
    secret: str = ""
    public_pem: str | None = None
    enable_reading: bool = True
    can_trade: bool = False
    enable_withdrawals: bool = False
    ip_restrict: bool = True
    enable_margin: bool = False
    enable_futures: bool = False
    enable_internal_transfer: bool = False
    permits_universal_transfer: bool = False
    enable_vanilla_options: bool = False
    create_time_ms: int = 1_700_000_000_000

    def __repr__(self) -> str:  # the secret never shows up in a test's failure output
        kind = "ed25519" if self.public_pem else "hmac"
        return f"FakeKey(api_key={self.api_key[:4]}…, kind={kind}, can_trade={self.can_trade})"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it (the signature is kept; no secret ever arrives)."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: str
    status: int
    at_ms: int


@dataclass
class Fault:
    """An answer forced on the next ``count`` requests to ``path`` (``"*"`` matches any path)."""

    path: str
    status: int
    body: Any
    headers: dict[str, str]
    count: int
    delay: float = 0.0
    drop: bool = False
    after: bool = False  # process the request first, then fail the answer (outcome unknown)

    def matches(self, path: str) -> bool:
        return self.path in ("*", path)


@dataclass
class FakeOrder:
    """An order in the fake's book (what Binance keeps: ids, amounts, status, locked funds)."""

    order_id: int
    symbol: str
    client_order_id: str
    side: str
    type: str
    time_in_force: str
    price: Decimal  # zero for MARKET
    orig_qty: Decimal
    time: int
    executed_qty: Decimal = Decimal(0)
    cum_quote: Decimal = Decimal(0)
    status: str = "NEW"
    update_time: int = 0
    locked_asset: str = ""
    locked: Decimal = Decimal(0)
    stp_mode: str = "NONE"  # selfTradePreventionMode (the symbol's default when not sent)
    prevented_qty: Decimal = Decimal(0)  # preventedQuantity: expired by self-trade prevention
    prevented_match_id: int | None = None  # preventedMatchId of the last prevented match
    expiry_reason: str = ""  # expiryReason of an EXPIRED order (INSUFFICIENT_LIQUIDITY, ...)
    # What the last change was, as the user data stream's executionReport says it ("x"): NEW,
    # TRADE, CANCELED, EXPIRED or TRADE_PREVENTION; and the quantity that change prevented ("B").
    execution_type: str = "NEW"
    last_prevented_qty: Decimal = Decimal(0)
    # The account's event counter at its first and latest change: an order of real time, which
    # the server clock (moved by clock-skew faults) is not.
    first_event: int = 0
    last_event: int = 0
    # A stop-limit leg: its trigger, or trailingDelta (BIPS) and the highest price since placed;
    # ``working`` is False until it triggers (Binance's ``isWorking``). ``order_list_id`` is the
    # OCO list it belongs to (-1: none).
    stop_price: Decimal = Decimal(0)
    trailing_delta: int = 0
    peak: Decimal = Decimal(0)
    working: bool = True
    order_list_id: int = -1

    @property
    def remaining(self) -> Decimal:
        """What may still execute: original − executed − prevented (Binance's equation)."""
        return self.orig_qty - self.executed_qty - self.prevented_qty

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass
class FakeOrderList:
    """An OCO order list: its ids, its legs' order ids and its status (Binance's names)."""

    order_list_id: int
    list_client_order_id: str
    symbol: str
    order_ids: list[int]
    time: int
    list_status_type: str = "EXEC_STARTED"  # then ALL_DONE
    list_order_status: str = "EXECUTING"  # then ALL_DONE


@dataclass(frozen=True)
class FakeTrade:
    """One execution of an order, as myTrades reports it."""

    trade_id: int
    order_id: int
    symbol: str
    price: Decimal
    qty: Decimal
    quote_qty: Decimal
    commission: Decimal
    commission_asset: str
    time: int
    is_buyer: bool
    is_maker: bool


@dataclass(frozen=True)
class PreventedMatch:
    """A self-trade that self-trade prevention stopped (Binance's ``preventedMatches`` entry)."""

    prevented_match_id: int
    taker_order_id: int
    maker_order_id: int
    price: Decimal
    taker_prevented_qty: Decimal  # zero when the taker kept its quantity (EXPIRE_MAKER)
    maker_prevented_qty: Decimal  # zero when the maker kept its quantity (EXPIRE_TAKER)


@dataclass(frozen=True)
class Liquidity:
    """How much the rest of the market trades with the account on a symbol (opt-in per test).

    Without one, the market is bottomless at the current price: every order fills whole, in one
    trade. With one, each price level holds ``qty_per_level``: a taker walks ``levels`` levels
    ``tick`` apart outward from the current price (one trade per level, what it takes is gone
    until the next ``set_price``), and a resting order the price reaches fills at most
    ``qty_per_level`` per ``set_price`` (one trade per step).
    """

    qty_per_level: Decimal
    levels: int = 1
    tick: Decimal = Decimal("0.01")

    def level_prices(self, price_now: Decimal, side: str) -> list[Decimal]:
        """The prices a taker on ``side`` meets, best first (asks above, bids below)."""
        step = self.tick if side == "BUY" else -self.tick
        return [price_now + step * i for i in range(self.levels)]


class StateListener(Protocol):
    """What the user data stream subscribes with: called under ``FakeState.lock``, in order.

    ``on_order_event`` gets a copy of the order after each change (``execution_type`` says which:
    NEW on placement, TRADE with the trade, CANCELED, EXPIRED with ``expiry_reason``,
    TRADE_PREVENTION with ``last_prevented_qty``) and the trade that made it, if any.
    ``on_balance_event`` gets ``{asset: (free, locked)}`` of the assets that moved, once per
    operation (placement, market step, cancel, ``set_balance``). Keep both quick: they run while
    the fake's request threads wait for the lock.
    """

    def on_order_event(self, order: FakeOrder, trade: FakeTrade | None) -> None: ...

    def on_balance_event(self, balances: dict[str, tuple[Decimal, Decimal]]) -> None: ...


@dataclass
class FakeState:
    """Keys, balances, clock, weight and faults; read and changed under ``lock``."""

    keys: dict[str, FakeKey] = field(default_factory=dict)
    balances: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    server_time_offset_ms: int = 0
    clock_step_ms: int = 0  # added to the offset after every request: a clock that keeps moving
    testnet: bool = False
    weight_limit_1m: int = WEIGHT_LIMIT_1M
    faults: list[Fault] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    uid: int = 354937868
    exchange_info: dict[str, Any] = field(default_factory=dict)  # exchangeInfo's JSON
    prices: dict[str, Decimal] = field(default_factory=dict)  # last price per symbol
    klines: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # Candle lists
    orders: list[FakeOrder] = field(default_factory=list)
    trades: list[FakeTrade] = field(default_factory=list)
    order_times: list[int] = field(default_factory=list)  # for X-MBX-ORDER-COUNT-*
    next_order_id: int = 1_000_001
    next_trade_id: int = 5_000_001
    fee_rate: Decimal = Decimal("0.001")
    liquidity: dict[str, Liquidity] = field(default_factory=dict)  # opt-in partial fills
    consumed: dict[tuple[str, str, Decimal], Decimal] = field(default_factory=dict)  # this step
    bnb_burn: bool = False  # "pay fees with BNB" (Binance's spotBNBBurn switch)
    bnb_discount: Decimal = Decimal("0.25")  # the fee is 25 % lower when paid in BNB
    bnb_prices: dict[str, Decimal] = field(default_factory=dict)  # 1 BNB in each quote asset
    price_ranges: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    next_prevented_match_id: int = 0
    prevented_matches: list[PreventedMatch] = field(default_factory=list)
    cancel_races: list[Decimal] = field(default_factory=list)  # fill this much before a cancel
    order_lists: dict[int, FakeOrderList] = field(default_factory=dict)  # OCO lists by id
    next_order_list_id: int = 9001
    route_delays: dict[str, float] = field(default_factory=dict)  # float-ok: seconds per path
    listeners: list[StateListener] = field(default_factory=list)
    events: int = 0  # order changes so far (``publish_order_event``)
    lock: threading.RLock = field(default_factory=threading.RLock)
    in_flight: int = 0  # requests being answered now
    idle: threading.Condition = field(default_factory=threading.Condition)
    _weight_minute: int = -1
    _weight_used: int = 0

    # --- clock ------------------------------------------------------------------------------
    def now_ms(self) -> int:
        """The fake's clock: the local clock plus the configured offset."""
        with self.lock:
            return int(time.time() * 1000) + self.server_time_offset_ms

    def tick(self) -> None:
        with self.lock:
            self.server_time_offset_ms += self.clock_step_ms

    # --- weight -----------------------------------------------------------------------------
    def add_weight(self, weight: int) -> int:
        """Count a request's weight in the current minute and return the minute's total."""
        with self.lock:
            minute = self.now_ms() // 60_000
            if minute != self._weight_minute:
                self._weight_minute, self._weight_used = minute, 0
            self._weight_used += weight
            return self._weight_used

    @property
    def used_weight(self) -> int:
        with self.lock:
            return self._weight_used if self._weight_minute == self.now_ms() // 60_000 else 0

    def seconds_to_next_minute(self) -> int:
        return 60 - (self.now_ms() // 1000) % 60

    # --- faults -----------------------------------------------------------------------------
    def take_fault(self, path: str) -> Fault | None:
        """The first fault matching ``path``, counted down (removed when used up)."""
        with self.lock:
            for fault in self.faults:
                if fault.matches(path):
                    fault.count -= 1
                    if fault.count <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    # --- account ------------------------------------------------------------------------------
    def set_balance(self, asset: str, free: Decimal | str, locked: Decimal | str = "0") -> None:
        with self.lock:
            self.balances[asset] = (Decimal(free), Decimal(locked))
            self.publish_balance_event([asset])

    # --- events for the user data stream ------------------------------------------------------
    def publish_order_event(self, order: FakeOrder, trade: FakeTrade | None) -> None:
        """Tell every listener an order changed (new, trade, cancel, expiry, prevented match).

        Listeners get a copy of the order as it is now and the trade that changed it, if any.
        """
        with self.lock:
            self.events += 1
            order.first_event = order.first_event or self.events
            order.last_event = self.events
            if not self.listeners:
                return
            copy = replace(order)
            for listener in list(self.listeners):
                listener.on_order_event(copy, trade)

    def publish_balance_event(self, assets: Iterable[str]) -> None:
        """Tell every listener the (free, locked) of the assets that just moved."""
        with self.lock:
            if not self.listeners:
                return
            balances = {a: self.balances.get(a, (ZERO, ZERO)) for a in sorted(set(assets))}
            for listener in list(self.listeners):
                listener.on_balance_event(balances)

    def balance_rows(self, omit_zero: bool = False) -> list[dict[str, str]]:
        with self.lock:
            rows = [
                {"asset": asset, "free": f"{free:.8f}", "locked": f"{locked:.8f}"}
                for asset, (free, locked) in sorted(self.balances.items())
                if not (omit_zero and free == 0 and locked == 0)
            ]
        return rows

    # --- requests being answered (a stalled one may land after its client gave up) ------------
    def begin_request(self) -> None:
        with self.idle:
            self.in_flight += 1

    def end_request(self) -> None:
        with self.idle:
            self.in_flight -= 1
            self.idle.notify_all()

    def wait_idle(self, timeout: float = 5.0) -> bool:  # float-ok: seconds
        """Wait until no request is being answered; False if some still are after ``timeout``."""
        with self.idle:
            return self.idle.wait_for(lambda: self.in_flight == 0, timeout)

    def record(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)
