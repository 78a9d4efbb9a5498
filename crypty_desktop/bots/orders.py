"""Placing orders so that none is lost or doubled: the bot's record-then-send policy.

The rules:
1. An order is written to the log as PENDING, durably, before the request leaves, with its client
   order id (derived from the bot and a sequence number) and its stamp: the timestamp and
   recvWindow the request is signed with.
2. When the outcome is unknown (timeout, dropped connection, 5xx) the order is never sent again
   blindly: the exchange is queried by client order id, with backoff, until either it knows the
   order, or its clock is past the stamp's deadline (timestamp + recvWindow) and it still does not.
   Binance refuses a request past that deadline, so the order can then never execute: it is
   final, ``NOT_SENT``. Two "no such order" answers alone prove nothing: a slow request may still
   arrive.
3. Only within the decision that made it (seconds, not a restart later) may an order the exchange
   never got be sent again, with a new stamp. After a restart an old intent is never re-sent: it
   is settled as the exchange says, and the strategy decides afresh.
4. An order is final only with its fills: they are read by the exchange's order id whenever the
   executed quantity is more than what is recorded (a queried order, a cancel that raced a fill),
   and written with the order's state in one transaction. An order whose fills cannot be read yet
   stays unresolved and is read again later.
5. A definite refusal (filters, balance, key) is recorded and raised; nothing is retried.
6. On start, ``reconcile`` settles every unresolved order of a bot with the exchange. An order
   the exchange acknowledged whose progress cannot be read (the network is down) is left as
   recorded, open, for a running bot to ask again (``unread``); it never stops the bot.
7. A cancel whose outcome is unknown is settled by asking; when the exchange cannot be asked the
   order is kept open in the records (it may still rest on the exchange) and
   ``CancelUnconfirmed`` is raised: a running bot holds and checks it again.

The legs that protect a position on the exchange (an OCO list's two, or a lone stop) follow the
same rules as one order (``submit_protection`` / ``cancel_protection``): all legs are recorded
PENDING with the list's stamp before the request leaves; an unknown outcome is settled by querying
the legs by their client order ids (the list is atomic: both exist or neither), never by sending
again unless the exchange's clock proves they never arrived and the decision is fresh.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from crypty_desktop.domain.errors import (
    CancelUnconfirmed,
    ClockSkew,
    CryptyError,
    NotFound,
    OrderRefused,
    OrderUnconfirmed,
    RateLimited,
    TemporaryError,
    UnknownOrderStatus,
)
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderStamp,
    OrderState,
    OrderStatus,
)
from crypty_desktop.exchange.gateway import ExchangeGateway, OrderListGateway
from crypty_desktop.exchange.retry import Retry
from crypty_desktop.storage.orders import LoggedOrder, OrderLog
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_BACKOFF: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
MAX_SENDS = 3  # sends of one order (each after the exchange's clock proved the previous dead)
MAX_POLLS = 60  # "no such order" answers before the deadline (a clock moving back, at most)
MARGIN_MS = 1000  # past the deadline, before "the exchange does not know it" is believed
RESEND_WITHIN_MS = 30_000  # an intent older than this is never re-sent: the bot decides again
LEGACY_WINDOW_MS = 60_000  # orders recorded without a stamp: Binance's largest recvWindow
NOT_PLACED = QT_TRANSLATE_NOOP("Core", "Order {order_id} was not placed: {reason}")
REFUSED = QT_TRANSLATE_NOOP("Core", "Order {order_id} was refused; it was not placed.")
NO_SUCH_ORDER = QT_TRANSLATE_NOOP(
    "Core",
    "The exchange never received this order, and can no longer accept it; the bot decides "
    "again from fresh prices.",
)
NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has not confirmed whether order {order_id} was placed. It stays pending and will be "
    "checked again before the bot places any other order; it will not be sent twice.",
)
NOT_ASKED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be asked about order {order_id}. The bot will not trade until it can check.",
)
CANCEL_NOT_ASKED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be asked whether order {order_id} was cancelled: it may still be open on "
    "Binance, and stays open in the records until Binance says.",
)
# After one of these, what a request did is not known (a timeout, a 5xx, no answer): a place or a
# cancel is settled by asking the exchange, never sent again blindly; a read of trades is done
# again later. The queries themselves are tried again by ``exchange/retry.py``, on the tree's
# temporary errors only.
_OUTCOME_UNKNOWN = (UnknownOrderStatus, TemporaryError)


def _clock_measured() -> None:
    """Nothing to do before asking again after a ``ClockSkew``: the gateway has measured the
    exchange's clock again before raising it."""


class NeverPlaced(OrderRefused):
    """The exchange never received the order and no longer can: final, nothing to undo."""


class OrderExecutor:
    """Sends a platform's orders through a gateway, recording everything in the order log."""

    def __init__(
        self,
        gateway: ExchangeGateway,
        order_log: OrderLog,
        platform_id: int,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
        margin_ms: int = MARGIN_MS,
    ) -> None:
        self.gateway = gateway
        self.log = order_log
        self.platform_id = platform_id
        self.backoff = tuple(backoff)
        self.margin_ms = margin_ms
        self._sleep = sleep
        self._retry = Retry(self.backoff, sleep=sleep)  # queries: temporary errors, waited out
        # Finding out about an order: a query refused for the clock (-1021) is asked again too,
        # since the gateway measured the clock again before raising it.
        self._query_retry = Retry(self.backoff, sleep=sleep, resync=_clock_measured)

    def within(self, seconds: float) -> OrderExecutor:  # float-ok: seconds
        """This executor with its pauses cut to about ``seconds`` a question (at least one try):
        for a stop, which must not wait as long as a running bot may."""
        delays: list[float] = []  # float-ok: seconds
        for delay in self.backoff:
            delays.append(delay)
            if sum(delays) >= seconds:
                break
        return type(self)(
            self.gateway,
            self.log,
            self.platform_id,
            backoff=delays,
            sleep=self._sleep,
            margin_ms=self.margin_ms,
        )

    # --- sending --------------------------------------------------------------------------------
    def submit(
        self, bot_id: str, sequence: int, request: OrderRequest, reason: str = ""
    ) -> OrderState:
        """Record then send an order; return the exchange's state of it.

        Calling it again with the same bot id and sequence never creates a second order: a known
        order is settled by querying, never sent again.
        """
        stamp = self.gateway.order_stamp()
        if self.log.record_for_send(self.platform_id, bot_id, sequence, request, stamp, reason):
            return self._send(request, stamp, first=stamp.timestamp_ms)
        logged = self.log.get(self.platform_id, request.client_order_id)
        assert logged is not None
        if logged.status in (OrderStatus.REJECTED, OrderStatus.NOT_SENT):
            cid = request.client_order_id
            raise OrderRefused(
                NOT_PLACED.format(order_id=cid, reason=logged.last_error)
                if logged.last_error
                else REFUSED.format(order_id=cid)
            )
        if logged.stamp is None and logged.attempts == 0:  # recorded, never sent
            self.log.restamp(self.platform_id, request.client_order_id, stamp)
            return self._send(request, stamp, first=stamp.timestamp_ms)
        return self.settle_unknown(logged)

    def _send(
        self, request: OrderRequest, stamp: OrderStamp, first: int, sends: int = 1
    ) -> OrderState:
        cid = request.client_order_id
        try:
            state = self.gateway.place_order(request, stamp)
        except ClockSkew:  # refused unread; the gateway measured the clock again
            if sends >= MAX_SENDS:
                self.log.set_status(self.platform_id, cid, OrderStatus.NOT_SENT, None)
                raise
            return self._resend(request, first, sends)
        except RateLimited as exc:  # the exchange did not process it
            self.log.set_status(self.platform_id, cid, OrderStatus.NOT_SENT, str(exc))
            raise
        except _OUTCOME_UNKNOWN as exc:
            log.warning("order %s: outcome unknown (%s); querying", cid, type(exc).__name__)
            self.log.note_attempt(self.platform_id, cid, f"outcome unknown: {exc}")
            return self._after_unknown(request, stamp, first, sends)
        except CryptyError as exc:  # a definite refusal: filters, balance, key, symbol
            self.log.set_status(self.platform_id, cid, OrderStatus.REJECTED, str(exc))
            raise
        return self.settle(state)

    def _resend(self, request: OrderRequest, first: int, sends: int) -> OrderState:
        stamp = self.gateway.order_stamp()
        self.log.restamp(self.platform_id, request.client_order_id, stamp)
        return self._send(request, stamp, first, sends + 1)

    def _after_unknown(
        self, request: OrderRequest, stamp: OrderStamp, first: int, sends: int
    ) -> OrderState:
        """The order may or may not exist: find out; send again only if it cannot exist and the
        decision is still fresh."""
        try:
            return self._find(request, stamp)
        except NeverPlaced:
            fresh = self.gateway.server_time_ms() - first <= RESEND_WITHIN_MS
            if sends < MAX_SENDS and fresh:
                log.info("order %s: never reached the exchange; sending it again", request)
                return self._resend(request, first, sends)
            self.log.set_status(
                self.platform_id, request.client_order_id, OrderStatus.NOT_SENT, NO_SUCH_ORDER
            )
            raise

    # --- finding out ----------------------------------------------------------------------------
    def _find(self, request: OrderRequest, stamp: OrderStamp) -> OrderState:
        """The order's settled state, or ``NeverPlaced`` once the exchange's clock proves it.

        "No such order" answers are asked again (with the backoff's pauses, never past the
        deadline) until the exchange's clock is past the stamp's deadline: they are not failures
        and do not use up the tries a failing query gets. Those are for errors: each question
        (the exchange's clock, then the order) gets the backoff's tries, and only when one is
        still failing after them is the outcome said to be unknown (``OrderUnconfirmed``: a
        running bot then holds and asks again, ``bots/holding.py``).
        The exchange's clock may move back (it was measured again after a -1021): the deadline
        is always compared with its clock as it answers now.
        """
        cid = request.client_order_id
        for polls in range(MAX_POLLS):
            now, state = self._ask(request)
            if state is not None:
                return self.settle(state)
            # Asked after ``now``: past the deadline, a request on its way can no longer arrive.
            left_ms = stamp.deadline_ms + self.margin_ms - now
            if left_ms < 0:
                raise NeverPlaced(NO_SUCH_ORDER)
            pause = self.backoff[min(polls, len(self.backoff) - 1)]
            self._sleep(min(pause, left_ms / 1000) if left_ms > 0 else pause)
        raise OrderUnconfirmed(NOT_CONFIRMED.format(order_id=cid), order_id=cid)

    def _ask(self, request: OrderRequest) -> tuple[int, OrderState | None]:
        """The exchange's clock, then the order as it knows it (None: no such order), each
        tried again on temporary errors; ``OrderUnconfirmed`` when they keep failing."""
        for attempt in self._query_retry.attempts():
            with attempt:
                now = self.gateway.server_time_ms()
                return now, self.gateway.query_order(request.symbol, request.client_order_id)
        cid = request.client_order_id
        raise OrderUnconfirmed(NOT_CONFIRMED.format(order_id=cid), order_id=cid)

    def settle(self, state: OrderState) -> OrderState:
        """Record an answer with every fill of the order, in one transaction.

        When the answer shows more executed than the fills it carries and those recorded, the
        order's trades are read by its order id first; if that fails the order is recorded
        unsettled and read again later.
        """
        fills: tuple[Fill, ...] | None = None
        logged = self.log.get(self.platform_id, state.client_order_id)
        known = logged.filled_qty if logged is not None else ZERO
        answered = sum((f.quantity for f in state.fills), ZERO)
        # Fills already recorded and those the answer brings (a stream update's is usually new; a
        # repeat only makes the sum larger, and the log then still finds the order unsettled).
        if state.executed_qty > known + answered and state.exchange_order_id is not None:
            try:
                trades = self.gateway.order_trades(state.symbol, state.exchange_order_id)
            except _OUTCOME_UNKNOWN as exc:
                log.warning("order %s: trades not read yet (%s)", state.client_order_id, exc)
            else:
                fills = tuple(replace(f, client_order_id=state.client_order_id) for f in trades)
        valued = self._value_fees(state.symbol, state.fills if fills is None else fills)
        self.log.apply_state(self.platform_id, state, valued)
        return replace(state, fills=valued)

    def _value_fees(self, symbol: str, fills: tuple[Fill, ...]) -> tuple[Fill, ...]:
        """Fees paid in a third asset (BNB), valued in the pair's quote asset now, as paid."""
        if not fills:
            return fills
        rules = self.gateway.symbol_rules(symbol)
        own = (rules.base_asset, rules.quote_asset)
        prices: dict[str, Decimal | None] = {}
        out: list[Fill] = []
        for fill in fills:
            if fill.fee_asset in own or fill.fee_quote is not None or fill.fee <= 0:
                out.append(fill)
                continue
            if fill.fee_asset not in prices:
                prices[fill.fee_asset] = self._price_in(fill.fee_asset, rules.quote_asset)
            price = prices[fill.fee_asset]
            out.append(fill if price is None else replace(fill, fee_quote=fill.fee * price))
        return tuple(out)

    def _price_in(self, asset: str, quote: str) -> Decimal | None:
        try:
            return self.gateway.ticker_price(f"{asset}{quote}")
        except CryptyError:
            pass
        try:
            inverse = self.gateway.ticker_price(f"{quote}{asset}")
        except CryptyError as exc:
            log.warning("no %s price in %s to value a fee (%s)", asset, quote, exc)
            return None
        return Decimal(1) / inverse if inverse > 0 else None

    def settle_unknown(self, order: LoggedOrder) -> OrderState:
        """Settle an order recorded earlier (a restart): never sent again, whatever it says."""
        stamp = order.stamp or OrderStamp(
            max(order.created_at_ms, order.updated_at_ms), LEGACY_WINDOW_MS
        )
        try:
            return self._find(order.request, stamp)
        except NeverPlaced:
            cid = order.request.client_order_id
            self.log.set_status(self.platform_id, cid, OrderStatus.NOT_SENT, NO_SUCH_ORDER)
            raise

    # --- cancelling -----------------------------------------------------------------------------
    def cancel(self, request: OrderRequest) -> OrderState:
        """Cancel an open order and settle it, fills included.

        The order may have filled (wholly or partly) just before: the cancel then answers with
        an executed quantity and no fills, or "unknown order"; either way the order's trades are
        read and recorded. A cancel is not an error when the order is already done.
        """
        cid = request.client_order_id
        try:
            state = self.gateway.cancel_order(request.symbol, cid)
        except NotFound:  # filled or expired first: what is it now?
            state = self._query(request)
        except (RateLimited, ClockSkew):  # refused unread: the order is as it was
            raise
        except _OUTCOME_UNKNOWN:  # the cancel may or may not have happened: ask
            state = self._query(request)
        return self.settle(state)

    def _query(self, request: OrderRequest) -> OrderState:
        """The order after a cancel whose outcome is not known; ``CancelUnconfirmed`` (the order
        kept as recorded: open) when the exchange cannot say."""
        for attempt in self._retry.attempts():
            with attempt:
                state = self.gateway.query_order(request.symbol, request.client_order_id)
                if state is None:
                    break
                return state
        cid = request.client_order_id
        raise CancelUnconfirmed(CANCEL_NOT_ASKED.format(order_id=cid), order_ids=(cid,))

    # --- after a restart ------------------------------------------------------------------------
    def reconcile(self, bot_id: str, unread: list[str] | None = None) -> list[OrderState]:
        """Settle a bot's unresolved orders with the exchange (on start, and while orders rest).

        A pending order is queried until the exchange knows it or its clock proves it never can
        (then ``NOT_SENT``: the bot's next decision is made afresh, nothing is re-sent); an open
        order, or one whose fills are missing, is brought up to date with its fills.

        ``unread``: when given, an acknowledged order the exchange could not be asked about is
        left as recorded and its client order id added there (a running bot asks again later);
        otherwise that raises ``UnknownOrderStatus`` (a manual action says so).
        """
        states: list[OrderState] = []
        asker = self
        for order in self.log.unresolved(self.platform_id, bot_id):
            if order.status is OrderStatus.PENDING:
                try:
                    states.append(self.settle_unknown(order))
                except NeverPlaced:
                    continue
                continue
            try:
                state = asker._query_known(order)
            except UnknownOrderStatus:
                # The exchange cannot be asked now: the other orders get one short try each,
                # not the whole backoff (a grid's many orders would hold the bot for minutes).
                asker = self.within(0)
                if unread is None:
                    raise
                unread.append(order.request.client_order_id)
                continue
            states.append(self.settle(state))
        return states

    def recheck(self, order: LoggedOrder) -> OrderState:
        """An acknowledged order asked about again (one whose cancel was not confirmed) and
        settled, fills included; ``UnknownOrderStatus`` when the exchange still cannot say."""
        return self.settle(self._query_known(order))

    def _query_known(self, order: LoggedOrder) -> OrderState:
        """The current state of an order the exchange has acknowledged."""
        request = order.request
        for attempt in self._retry.attempts():
            with attempt:
                state = self.gateway.query_order(request.symbol, request.client_order_id)
                if state is not None:
                    return state
                attempt.wait()  # known before; the exchange may lag a moment
        raise UnknownOrderStatus(NOT_ASKED.format(order_id=order.request.client_order_id))


class ProtectionExecutor(OrderExecutor):
    """An ``OrderExecutor`` that also places and cancels protective legs (OCO lists, stops)."""

    def submit_protection(
        self, bot_id: str, legs: list[tuple[int, OrderRequest]], reason: str = ""
    ) -> list[OrderState]:
        """Record then send the legs ([take-profit, stop] as one OCO list, or [stop] alone).

        Calling it again with the same legs never creates a second list: recorded legs are
        settled by querying, never sent again.
        """
        stamp = self.gateway.order_stamp()
        requests = [request for _seq, request in legs]
        if self.log.record_legs_for_send(self.platform_id, bot_id, legs, stamp, reason):
            return self._send_legs(requests, stamp, stamp.timestamp_ms)
        states: list[OrderState] = []
        for request in requests:
            logged = self.log.get(self.platform_id, request.client_order_id)
            if logged is None or logged.status in (OrderStatus.REJECTED, OrderStatus.NOT_SENT):
                continue
            try:
                states.append(self.settle_unknown(logged))
            except NeverPlaced:
                continue
        return states

    def _place_legs(self, requests: list[OrderRequest], stamp: OrderStamp) -> list[OrderState]:
        gateway = self.gateway
        if len(requests) == 1:
            return [gateway.place_order(requests[0], stamp)]
        assert isinstance(gateway, OrderListGateway)
        above, below = requests
        return gateway.place_oco(above, below, stamp)

    def _mark_legs(
        self, requests: list[OrderRequest], status: OrderStatus, error: str | None
    ) -> None:
        for request in requests:
            self.log.set_status(self.platform_id, request.client_order_id, status, error)

    def _send_legs(
        self, requests: list[OrderRequest], stamp: OrderStamp, first: int, sends: int = 1
    ) -> list[OrderState]:
        try:
            states = self._place_legs(requests, stamp)
        except ClockSkew:
            if sends >= MAX_SENDS:
                self._mark_legs(requests, OrderStatus.NOT_SENT, None)
                raise
            return self._resend_legs(requests, first, sends)
        except RateLimited as exc:
            self._mark_legs(requests, OrderStatus.NOT_SENT, str(exc))
            raise
        except _OUTCOME_UNKNOWN as exc:
            for request in requests:
                self.log.note_attempt(
                    self.platform_id, request.client_order_id, f"outcome unknown: {exc}"
                )
            return self._legs_after_unknown(requests, stamp, first, sends)
        except CryptyError as exc:
            self._mark_legs(requests, OrderStatus.REJECTED, str(exc))
            raise
        return [self.settle(state) for state in states]

    def _resend_legs(
        self, requests: list[OrderRequest], first: int, sends: int
    ) -> list[OrderState]:
        stamp = self.gateway.order_stamp()
        for request in requests:
            self.log.restamp(self.platform_id, request.client_order_id, stamp)
        return self._send_legs(requests, stamp, first, sends + 1)

    def _legs_after_unknown(
        self, requests: list[OrderRequest], stamp: OrderStamp, first: int, sends: int
    ) -> list[OrderState]:
        try:
            found = self._find(requests[-1], stamp)  # the stop leg; its list is all or nothing
        except NeverPlaced:
            fresh = self.gateway.server_time_ms() - first <= RESEND_WITHIN_MS
            if sends < MAX_SENDS and fresh:
                return self._resend_legs(requests, first, sends)
            self._mark_legs(requests, OrderStatus.NOT_SENT, NO_SUCH_ORDER)
            raise
        return [self._find(r, stamp) for r in requests[:-1]] + [found]

    def cancel_protection(self, legs: list[LoggedOrder]) -> list[OrderState]:
        """Cancel a position's legs (their list, or the lone stop) and settle them, fills
        included: a leg that filled just before is recorded with its fills, not an error."""
        if not legs:
            return []
        first = legs[0].request
        gateway = self.gateway
        try:
            if first.list_client_id:
                assert isinstance(gateway, OrderListGateway)
                states = gateway.cancel_order_list(first.symbol, first.list_client_id)
            else:
                states = [gateway.cancel_order(first.symbol, first.client_order_id)]
        except (RateLimited, ClockSkew):  # refused unread: the legs are as they were
            raise
        except (NotFound, *_OUTCOME_UNKNOWN):  # done first, or not known whether cancelled: ask
            return self._legs_after_cancel(legs)
        return [self.settle(state) for state in states]

    def _legs_after_cancel(self, legs: list[LoggedOrder]) -> list[OrderState]:
        """Each leg asked about after a cancel whose outcome is not known: those answered are
        settled; ``CancelUnconfirmed`` names those the exchange could not be asked about (kept
        open in the records: they may still rest on the exchange)."""
        states: list[OrderState] = []
        unknown: list[str] = []
        for leg in legs:
            try:
                states.append(self.settle(self._query(leg.request)))
            except CancelUnconfirmed:
                unknown.append(leg.request.client_order_id)
        if unknown:
            words = CANCEL_NOT_ASKED.format(order_id=", ".join(unknown))
            raise CancelUnconfirmed(words, order_ids=tuple(unknown))
        return states
