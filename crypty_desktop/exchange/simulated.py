"""The offline simulated exchange: real Binance candles replayed on a simulated clock.

It is the app's embedded default platform and the backtests' exchange. It implements every
``ExchangeGateway`` method without a network, and checks orders with the same filters as Binance.

The clock:
    ``now_ms`` starts at ``start_ms`` (default: the first moment every market has a price) and only
    moves forward, in one of two ways:

    - step by step, for tests and backtests: ``advance(n)`` moves to the n-th next moment at which a
      candle closes, ``advance_to(ms)`` to a given time;
    - in real time, for the demo: ``start_replay(speed)`` runs a thread that advances
      ``speed`` simulated seconds per real second (60 = one minute candle per second) until
      ``stop_replay()`` or ``close()``.

    A candle is closed, and visible to ``klines``, once ``now_ms ≥ open_time + interval``. Nothing
    depends on the wall clock or on randomness: the same data, wallet, start and calls give the
    same orders, fills and balances.

Subscribing to candles (for bots):
    ``on_candle(symbol, interval, callback)`` calls ``callback(candle)`` each time a candle of that
    series closes, with the clock already at the candle's end, so an order placed inside the
    callback trades at that candle's close. Any interval that is a multiple of a shipped one works
    (15m is built from 1m). It returns a function that unsubscribes. ``on_fill(callback)`` reports
    resting limit orders filled by the clock. Callbacks run in the thread that advances the clock,
    outside the exchange's lock, after the candle's order matching; an exception in one is logged
    and does not stop the others.

Prices and fills (details in ``sim_book``): a MARKET order fills at once at the *close of the last
closed candle* (the ticker price); a resting LIMIT order fills at its limit price when a later
candle trades through it; the fee is 0.1% of what is received, in the received asset.

Remembered between launches (``state_path``): the clock and the account (balances, orders,
trades) are saved to that file (``sim_state``) and read back by the next exchange built on it, so
a demo restarted continues where it stopped. An order placed or cancelled, or a candle that fills
an order, is saved at once; a clock that only moved is saved at most every ``SAVE_EVERY`` seconds,
and when the replay stops or the exchange closes.

Thread-safe: one lock guards the clock, the wallet and the orders, so bots in several threads can
share one instance.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from crypty_desktop.domain.errors import CryptyError, ExchangeUnavailable
from crypty_desktop.domain.fees import FEE_RATE
from crypty_desktop.domain.filters import check_order
from crypty_desktop.domain.market import Balance, Candle, SymbolRules
from crypty_desktop.domain.money import dec
from crypty_desktop.domain.orders import Fill, OrderRequest, OrderStamp, OrderState
from crypty_desktop.domain.platform import Permissions
from crypty_desktop.domain.subscriptions import subscribe
from crypty_desktop.exchange.demo_data import MarketData, demo_market
from crypty_desktop.exchange.gateway import KLINES_PAGE
from crypty_desktop.exchange.sim_book import SimBook
from crypty_desktop.exchange.sim_market import SimMarket
from crypty_desktop.exchange.sim_replay import Replayer
from crypty_desktop.exchange.sim_state import SavedState, load_state, save_state
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
T = TypeVar("T")
SIM_RECV_WINDOW_MS = 5000
NO_PRICE_YET = QT_TRANSLATE_NOOP(
    "Core", "The simulated market has no {symbol} price yet at this simulated time."
)

DEFAULT_WALLET: Mapping[str, str] = {"USDT": "10000"}
SAVE_EVERY = 1.0  # float-ok: real seconds between two saves of a clock that only moved

CandleCallback = Callable[[Candle], None]
FillCallback = Callable[[Fill], None]


class SimulatedExchange:
    """An offline exchange over recorded candles (the bundled demo market by default)."""

    def __init__(
        self,
        data: MarketData | None = None,
        *,
        wallet: Mapping[str, Decimal | str] | None = None,
        start_ms: int | None = None,
        fee_rate: Decimal = FEE_RATE,
        state_path: Path | None = None,
    ) -> None:
        self._market = SimMarket(data if data is not None else demo_market())
        start_wallet = DEFAULT_WALLET if wallet is None else wallet
        self._book = SimBook({a: dec(v) for a, v in start_wallet.items()}, fee_rate)
        self._now = self._market.default_start() if start_ms is None else start_ms
        self._state_path = state_path
        self._saved_at = 0.0  # float-ok: time.monotonic() of the last save
        if state_path is not None:
            self._restore(state_path)
        self._lock = threading.RLock()  # wallet, orders, clock, subscriptions
        self._advancing = threading.RLock()  # one thread moves the clock at a time
        self._events = self._market.tape_ends()
        self._candle_subs: list[tuple[str, str, CandleCallback]] = []
        self._fill_subs: list[FillCallback] = []
        self._replayer = Replayer(self)

    def _restore(self, path: Path) -> None:
        saved = load_state(path)
        if saved is None:
            return
        try:
            book = SimBook.restored(saved.book, self._market.rules)
        except (CryptyError, KeyError, ValueError, TypeError, ArithmeticError) as exc:
            log.warning("The demo exchange's saved account is not usable (%r): starts afresh.", exc)
            return
        self._book = book
        self._now = max(self._now, saved.now_ms)

    def save(self) -> None:
        """Write the clock and the account to ``state_path`` now (nothing without one)."""
        if self._state_path is None:
            return
        with self._lock:
            state = SavedState(self._now, self._book.snapshot())
            try:
                save_state(self._state_path, state)
            except OSError:
                log.exception("The demo exchange's state could not be saved")
            self._saved_at = time.monotonic()

    def _save_if_due(self, changed: bool) -> None:
        if self._state_path is not None and (
            changed or time.monotonic() - self._saved_at >= SAVE_EVERY
        ):
            self.save()

    def __repr__(self) -> str:
        return f"SimulatedExchange(now_ms={self._now}, symbols={self._market.symbols})"

    # --- the clock --------------------------------------------------------------------------------

    @property
    def now_ms(self) -> int:
        with self._lock:
            return self._now

    @property
    def end_ms(self) -> int:
        """The last moment a candle closes; after it the market stands still."""
        with self._lock:
            return self._events[-1] if self._events else self._now

    @property
    def finished(self) -> bool:
        return self.now_ms >= self.end_ms

    def next_event_ms(self) -> int | None:
        """The next moment a candle closes, or None when the data is exhausted."""
        with self._lock:
            index = bisect.bisect_right(self._events, self._now)
            return self._events[index] if index < len(self._events) else None

    def advance(self, steps: int = 1) -> int:
        """Move the clock to the ``steps``-th next candle close; return how many moments passed."""
        done = 0
        with self._advancing:
            for _ in range(steps):
                target = self.next_event_ms()
                if target is None:
                    break
                self.advance_to(target)
                done += 1
        return done

    def advance_to(self, target_ms: int) -> int:
        """Move the clock to ``target_ms``, closing every candle on the way, in time order.

        Returns how many candle-close moments were processed.
        """
        done = 0
        with self._advancing:
            if target_ms < self.now_ms:
                raise ValueError("the simulated clock only moves forward")
            while True:
                with self._lock:
                    moment = self.next_event_ms()
                    if moment is None or moment > target_ms:
                        self._now = target_ms
                        break
                    self._now = moment
                    fills, candles = self._close_candles(moment)
                    self._save_if_due(bool(fills))
                self._notify(fills, candles)
                done += 1
        return done

    def _close_candles(self, moment: int) -> tuple[list[Fill], list[tuple[CandleCallback, Candle]]]:
        fills: list[Fill] = []
        for symbol in self._market.symbols:
            candle = self._market.tape(symbol).by_end.get(moment)
            if candle is not None:
                fills.extend(self._book.match(candle, moment))
        calls = []
        for symbol, interval, callback in self._candle_subs:
            candle = self._market.series(symbol, interval).by_end.get(moment)
            if candle is not None:
                calls.append((callback, candle))
        return fills, calls

    def _notify(self, fills: list[Fill], calls: list[tuple[CandleCallback, Candle]]) -> None:
        with self._lock:
            fill_subs = list(self._fill_subs)
        for fill in fills:
            for fill_callback in fill_subs:
                self._safely(fill_callback, fill)
        for candle_callback, candle in calls:
            self._safely(candle_callback, candle)

    @staticmethod
    def _safely(callback: Callable[[T], None], value: T) -> None:
        try:
            callback(value)
        except Exception:  # a subscriber's bug must not stop the market for the others
            log.exception("simulated exchange: a subscriber failed")

    def on_candle(self, symbol: str, interval: str, callback: CandleCallback) -> Callable[[], None]:
        """Call ``callback(candle)`` whenever a ``symbol`` ``interval`` candle closes.

        Raises:
            UnknownSymbol / ValidationError: no such market or interval.
        """
        with self._lock:
            series = self._market.series(symbol, interval)
            entry = (symbol, interval, callback)
            self._candle_subs.append(entry)
            self._events = sorted(set(self._events) | set(series.ends))

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._candle_subs:
                    self._candle_subs.remove(entry)

        return unsubscribe

    def on_fill(self, callback: FillCallback) -> Callable[[], None]:
        """Call ``callback(fill)`` whenever the clock fills a resting limit order."""
        return subscribe(self._lock, self._fill_subs, callback)

    def start_replay(self, speed: float = 60.0) -> None:  # float-ok: a time ratio
        """Advance ``speed`` simulated seconds per real second, in a background thread."""
        self._replayer.start(speed)

    def stop_replay(self) -> None:
        self._replayer.stop()
        self.save()

    @property
    def replaying(self) -> bool:
        return self._replayer.running

    # --- account --------------------------------------------------------------------------------

    def read_permissions(self) -> Permissions:
        return Permissions(reading=True, spot_trading=True, withdrawals=False, ip_restricted=None)

    def balances(self) -> dict[str, Balance]:
        with self._lock:
            return self._book.balances()

    # --- market data ----------------------------------------------------------------------------

    def symbol_rules(self, symbol: str) -> SymbolRules:
        return self._market.rules(symbol)

    def symbols(self) -> list[SymbolRules]:
        return [
            self._market.rules(s) for s in self._market.symbols if self._market.rules(s).trading
        ]

    def intervals(self, symbol: str) -> list[str]:
        """The candle intervals the simulated exchange can serve for ``symbol``."""
        return self._market.intervals(symbol)

    def klines_page(
        self,
        symbol: str,
        interval: str,
        start_ms: int,
        end_ms: int | None = None,
        limit: int = KLINES_PAGE,
    ) -> list[Candle]:
        """One Binance-like klines request: at most ``limit`` (≤ 1000) closed candles."""
        with self._lock:
            return self._market.klines_page(symbol, interval, start_ms, end_ms, self._now, limit)

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        """Every closed candle with open time in [start_ms, end_ms], fetched page by page."""
        out: list[Candle] = []
        cursor = start_ms
        while True:
            page = self.klines_page(symbol, interval, cursor, end_ms)
            out.extend(page)
            if len(page) < KLINES_PAGE:
                return out
            cursor = page[-1].open_time + 1

    def ticker_price(self, symbol: str) -> Decimal:
        with self._lock:
            return self._price(symbol)

    def _price(self, symbol: str) -> Decimal:
        price = self._market.price_at(symbol, self._now)
        if price is None:
            raise ExchangeUnavailable(NO_PRICE_YET.format(symbol=symbol))
        return price

    # --- orders ---------------------------------------------------------------------------------

    def server_time_ms(self) -> int:
        return self._now

    def order_stamp(self) -> OrderStamp:
        """The simulated clock; its orders are never in doubt, the stamp is for the record."""
        return OrderStamp(self._now, SIM_RECV_WINDOW_MS)

    def place_order(self, request: OrderRequest, stamp: OrderStamp | None = None) -> OrderState:
        """Check the order with Binance's filters, then fill it or let it rest.

        Raises:
            UnknownSymbol: no such market.
            ValidationError: the market is not trading.
            FilterRejected: a filter is broken (code -1013), or the client order id is already
                used by an open order (code -2010, "Duplicate order sent.").
            InsufficientBalance: not enough free funds (code -2010).
        """
        rules = self._market.rules(request.symbol)
        with self._lock:
            price = self._price(request.symbol)
            check_order(rules, request, reference_price=price)
            state = self._book.place(request, rules, price, self._now).state()
            self._save_if_due(True)
            return state

    def query_order(self, symbol: str, client_order_id: str) -> OrderState | None:
        self._market.rules(symbol)
        with self._lock:
            order = self._book.order(symbol, client_order_id)
            return order.state() if order is not None else None

    def cancel_order(self, symbol: str, client_order_id: str) -> OrderState:
        """Cancel an open order and release its funds (NotFound, code -2011, if not open)."""
        self._market.rules(symbol)
        with self._lock:
            state = self._book.cancel(symbol, client_order_id).state()
            self._save_if_due(True)
            return state

    def open_orders(self, symbol: str) -> list[OrderState]:
        self._market.rules(symbol)
        with self._lock:
            return [o.state() for o in self._book.open_orders(symbol)]

    def my_trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]:
        self._market.rules(symbol)
        with self._lock:
            return self._book.trades(symbol, start_ms)

    def order_trades(self, symbol: str, exchange_order_id: int) -> list[Fill]:
        return [t for t in self.my_trades(symbol) if t.exchange_order_id == exchange_order_id]

    def close(self) -> None:
        """Stop the replay thread, if any, and save. The exchange stays readable."""
        self._replayer.stop()
        self.save()
