"""Placing orders so that none is lost or doubled.

The rules:
1. An order is written to the log as PENDING, durably, before the request leaves.
2. Its client order id is derived from the bot and a sequence number, so the same intent always
   carries the same id.
3. When the outcome is unknown (timeout, connection error, 5xx) the order is never sent again
   blindly: the exchange is queried by client order id, with backoff, until it answers. Only when it
   says, twice and some time apart, that it has no such order is the order sent again — and, if the
   first request may have left, not before ``resend_after`` seconds have passed since it did: a
   request held up in the network could still arrive, but not once its ``recvWindow`` (Binance's
   default, 5 s) is over, since Binance then refuses it.
4. A definite refusal (filters, balance, key) is recorded and raised; nothing is retried.
5. On start, ``reconcile`` brings every unresolved order of a bot in line with the exchange.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from crypty_desktop.domain.errors import (
    CryptyError,
    ExchangeUnavailable,
    RateLimited,
    UnknownOrderStatus,
)
from crypty_desktop.domain.orders import OrderRequest, OrderState, OrderStatus
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.storage.orders import LoggedOrder, OrderLog
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_BACKOFF: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
MAX_SENDS = 3  # sends of one order (each after the exchange confirmed it never got the previous)
NOT_PLACED = QT_TRANSLATE_NOOP("Core", "Order {order_id} was not placed: {reason}")
REFUSED = QT_TRANSLATE_NOOP("Core", "Order {order_id} was refused; it was not placed.")
NO_SUCH_ORDER = QT_TRANSLATE_NOOP("Core", "The exchange has no such order.")
NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has not confirmed whether order {order_id} was placed. It stays pending and will be "
    "checked again before the bot places any other order; it will not be sent twice.",
)
NOT_ASKED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be asked about order {order_id}. The bot will not trade until it can check.",
)
RESEND_AFTER = 6.0  # seconds: Binance's default recvWindow (5 s) and a margin


class OrderExecutor:
    """Sends a platform's orders through a gateway, recording everything in the order log."""

    def __init__(
        self,
        gateway: ExchangeGateway,
        order_log: OrderLog,
        platform_id: int,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        absent_confirmations: int = 2,
        resend_after: float = RESEND_AFTER,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.gateway = gateway
        self.log = order_log
        self.platform_id = platform_id
        self.backoff = tuple(backoff)
        self.absent_confirmations = absent_confirmations
        self.resend_after = resend_after
        self._sleep = sleep
        self._clock = clock
        self._in_flight: dict[str, float] = {}  # client id → when a send of unknown fate left

    def submit(self, bot_id: str, sequence: int, request: OrderRequest) -> OrderState:
        """Record then send an order; return the exchange's state of it.

        Calling it again with the same bot id and sequence never creates a second order: a known
        order is refreshed, a pending one is resolved by querying.
        """
        if self.log.record_for_send(self.platform_id, bot_id, sequence, request):
            return self._send(request, sends=0, counted=True)  # recorded, attempt counted
        logged = self.log.get(self.platform_id, request.client_order_id)
        assert logged is not None
        if logged.status is OrderStatus.PENDING and logged.attempts == 0:
            return self._send(request, sends=0)
        if logged.status in (OrderStatus.REJECTED, OrderStatus.NOT_SENT):
            cid = request.client_order_id
            raise CryptyError(
                NOT_PLACED.format(order_id=cid, reason=logged.last_error)
                if logged.last_error
                else REFUSED.format(order_id=cid)
            )
        return self.resolve(request, sends=1)

    def _send(self, request: OrderRequest, sends: int, counted: bool = False) -> OrderState:
        cid = request.client_order_id
        if not counted:
            self.log.note_attempt(self.platform_id, cid)
        started = self._clock()
        try:
            state = self.gateway.place_order(request)
        except (UnknownOrderStatus, ExchangeUnavailable) as exc:
            if isinstance(exc, UnknownOrderStatus):  # it may have left: it may still arrive
                self._in_flight[cid] = started
            log.warning("order %s: outcome unknown (%s); querying", cid, type(exc).__name__)
            self.log.note_attempt(self.platform_id, cid, f"outcome unknown: {exc}")
            return self.resolve(request, sends=sends + 1)
        except RateLimited as exc:  # the exchange did not process it
            self.log.set_status(self.platform_id, cid, OrderStatus.NOT_SENT, str(exc))
            raise
        except CryptyError as exc:  # a definite refusal: filters, balance, key, symbol
            self.log.set_status(self.platform_id, cid, OrderStatus.REJECTED, str(exc))
            raise
        self.log.apply_state(self.platform_id, state)
        return state

    def resolve(self, request: OrderRequest, sends: int = 1) -> OrderState:
        """Learn an order's fate by querying; re-send only if the exchange confirms it has none."""
        cid = request.client_order_id
        absent = 0
        for delay in self.backoff:
            try:
                state = self.gateway.query_order(request.symbol, cid)
                if state is not None:
                    state = self._with_fills(state)
            except RateLimited as exc:
                self._sleep(max(delay, exc.retry_after))
                continue
            except (ExchangeUnavailable, UnknownOrderStatus):
                self._sleep(delay)
                continue
            if state is not None:
                self._in_flight.pop(cid, None)
                self.log.apply_state(self.platform_id, state)
                return state
            absent += 1
            if absent >= self.absent_confirmations:
                if sends >= MAX_SENDS:
                    break
                wait = self._in_flight_wait(cid)
                if wait > 0:  # the first request could still arrive: ask again after that
                    self._sleep(wait)
                    self._in_flight.pop(cid, None)
                    continue
                log.info("order %s: the exchange has no such order; sending it", cid)
                return self._send(request, sends)
            self._sleep(delay)
        raise UnknownOrderStatus(NOT_CONFIRMED.format(order_id=cid))

    def _in_flight_wait(self, cid: str) -> float:
        """Seconds until a request of unknown fate can no longer be accepted by the exchange."""
        started = self._in_flight.get(cid)
        if started is None:
            return 0.0
        return max(0.0, started + self.resend_after - self._clock())

    def _with_fills(self, state: OrderState) -> OrderState:
        """A queried order's fills, from myTrades (a query answer carries none, unlike FULL)."""
        if state.fills or state.executed_qty <= 0 or state.exchange_order_id is None:
            return state
        trades = self.gateway.my_trades(state.symbol, state.time or None)
        fills = tuple(
            replace(f, client_order_id=state.client_order_id)
            for f in trades
            if f.exchange_order_id == state.exchange_order_id
        )
        return replace(state, fills=fills)

    def reconcile(self, bot_id: str) -> list[OrderState]:
        """Bring a bot's unresolved orders in line with the exchange (run on start).

        A pending order the exchange does not know is marked NOT_SENT (it never arrived: the bot's
        next decision will be made afresh); an open or pending order it knows is updated, with its
        fills from ``myTrades``.
        """
        states: list[OrderState] = []
        for order in self.log.unresolved(self.platform_id, bot_id):
            state = self._query_patiently(order)
            if state is None:
                self.log.set_status(
                    self.platform_id,
                    order.request.client_order_id,
                    OrderStatus.NOT_SENT,
                    NO_SUCH_ORDER,
                )
                continue
            self.log.apply_state(self.platform_id, state)
            states.append(state)
        self._record_trades(bot_id, states)
        return states

    def _query_patiently(self, order: LoggedOrder) -> OrderState | None:
        absent = 0
        for delay in self.backoff:
            try:
                request = order.request
                state = self.gateway.query_order(request.symbol, request.client_order_id)
            except RateLimited as exc:
                self._sleep(max(delay, exc.retry_after))
                continue
            except (ExchangeUnavailable, UnknownOrderStatus):
                self._sleep(delay)
                continue
            if state is not None:
                return state
            absent += 1
            if absent >= self.absent_confirmations:
                return None
            self._sleep(delay)
        raise UnknownOrderStatus(NOT_ASKED.format(order_id=order.request.client_order_id))

    def _record_trades(self, bot_id: str, states: list[OrderState]) -> None:
        """Record executed orders' fills from myTrades (which carry the exchange's order id)."""
        by_order_id = {
            s.exchange_order_id: s.client_order_id
            for s in states
            if s.exchange_order_id is not None and s.executed_qty > 0
        }
        for symbol in sorted({s.symbol for s in states if s.exchange_order_id in by_order_id}):
            fills = [
                replace(f, client_order_id=by_order_id[f.exchange_order_id])
                for f in self.gateway.my_trades(symbol)
                if f.exchange_order_id in by_order_id
            ]
            self.log.add_fills(self.platform_id, fills)
