"""The crash soak's verdict: the fake exchange's ground truth against each bot's order log.

Per bot (its orders on the exchange are those whose client order id has the bot's prefix):
- ``doubled``: two exchange orders with one client order id (one intent sent twice), or a
  position the strategy never asked for — the SMA crossover alternates buy and sell, so two
  executed orders of one side in a row (or a first sell) is one too many; the grid keeps at most
  one order per side and price at a time, so two such orders alive together are one too many;
- ``rebuys`` (grid, reported apart): two executed buys of a level without the sale between (or two
  sales). The grid alternates them, except where it gives up a sale refused twice, so this is a
  lead to triage, not proof of a double;
- ``missing``: exchange orders the bot has no record of (lost);
- ``disagreeing``: records whose status, exchange id, executed quantity or fills differ from the
  exchange's, and records saying "not sent"/"refused" for an order the exchange has;
- ``unsettled``: records still pending (outcome unknown) or missing fills at the end;
- ``position``: the base asset held by the bot from its recorded fills against that from the
  exchange's trades of its orders (fees in the base asset deducted); they must be equal, and the
  exchange's running position must never go below zero (a sale of what was never bought).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from crypty_desktop.domain.orders import Fill, OrderStatus, client_id_prefix
from crypty_desktop.storage.orders import LoggedOrder, OrderLog
from tests.fakes.fake_binance import FakeBinance, FakeOrder, FakeTrade

ZERO = Decimal(0)
BASE = "BTC"
_NOT_PLACED = (OrderStatus.NOT_SENT, OrderStatus.REJECTED)
_OPEN = ("NEW", "PARTIALLY_FILLED")


@dataclass(frozen=True)
class AuditedBot:
    bot_id: str
    name: str
    strategy: str  # "grid" or "sma_cross"
    platform_id: int


@dataclass
class Verdict:
    orders: int = 0
    doubled: int = 0
    missing: int = 0
    disagreeing: int = 0
    unsettled: int = 0
    position_mismatch: int = 0
    rebuys: int = 0  # grid: a level bought (or sold) twice in a row, see _grid_rounds
    problems: list[str] | None = None

    def note(self, text: str) -> None:
        self.problems = (self.problems or []) + [text]


def audit(fake: FakeBinance, order_log: OrderLog, bot: AuditedBot) -> Verdict:
    prefix = client_id_prefix(bot.bot_id)
    on_exchange = [o for o in fake.orders() if o.client_order_id.startswith(prefix)]
    trades = fake.trades
    records = order_log.orders(bot.bot_id)
    fills = order_log.fills(bot.platform_id, [r.request.client_order_id for r in records])
    verdict = Verdict(orders=len(on_exchange))
    _doubles(verdict, on_exchange, bot.strategy)
    _records(verdict, on_exchange, records, fills, trades)
    _position(verdict, on_exchange, fills, trades)
    return verdict


def _doubles(verdict: Verdict, orders: list[FakeOrder], strategy: str) -> None:
    for cid, count in Counter(o.client_order_id for o in orders).items():
        if count > 1:
            verdict.doubled += count - 1
            verdict.note(f"{cid} is on the exchange {count} times")
    if strategy == "sma_cross":
        previous = "SELL"  # the bot starts flat: its first order must be a buy
        for order in sorted(orders, key=lambda o: o.order_id):
            if order.executed_qty <= 0:
                continue
            if order.side == previous:
                verdict.doubled += 1
                verdict.note(f"{order.client_order_id}: a second {order.side} in a row")
            previous = order.side
    elif strategy == "grid":
        _grid_rounds(verdict, orders)
        never = 1 << 62
        # Alive from its first change to its last, in the fake's event order (its clock jumps
        # with the clock-skew faults, so its times cannot order events).
        alive = [
            (o, o.first_event, o.last_event if o.status not in _OPEN else never) for o in orders
        ]
        for i, (a, a_start, a_end) in enumerate(alive):
            for b, b_start, b_end in alive[i + 1 :]:
                same = a.side == b.side and a.price == b.price
                if same and a_start < b_end and b_start < a_end:
                    verdict.doubled += 1
                    verdict.note(
                        f"{a.client_order_id} and {b.client_order_id}: two {a.side} at {a.price}"
                    )


def _grid_rounds(verdict: Verdict, orders: list[FakeOrder]) -> None:
    """Between two grid levels the bot buys at the lower, sells at the upper, buys again: two
    executed buys (or sells) of one pair of levels in a row, unless it gave up the sale.
    A sale belongs to the nearest buying price below it (its level's lower neighbour)."""
    done = sorted((o for o in orders if o.executed_qty > 0), key=lambda o: o.order_id)
    buy_prices = sorted({o.price for o in done if o.side == "BUY"})
    last: dict[Decimal, str] = {}
    for order in done:
        if order.side == "BUY":
            pair: Decimal | None = order.price
        else:
            pair = max((p for p in buy_prices if p < order.price), default=None)
        if pair is None:
            continue
        if last.get(pair, "SELL") == order.side:
            verdict.rebuys += 1
            verdict.note(f"{order.client_order_id}: a second {order.side} for the level {pair}")
        last[pair] = order.side


def _records(
    verdict: Verdict,
    orders: list[FakeOrder],
    records: list[LoggedOrder],
    fills: list[Fill],
    trades: list[FakeTrade],
) -> None:
    latest = {o.client_order_id: o for o in sorted(orders, key=lambda o: o.order_id)}
    recorded = {r.request.client_order_id: r for r in records}
    for cid in latest.keys() - recorded.keys():
        verdict.missing += 1
        verdict.note(f"{cid} is on the exchange but not in the bot's records")
    qty_by_order: dict[int, Decimal] = {}
    for trade in trades:
        qty_by_order[trade.order_id] = qty_by_order.get(trade.order_id, ZERO) + trade.qty
    filled: dict[str, Decimal] = {}
    for fill in fills:
        filled[fill.client_order_id] = filled.get(fill.client_order_id, ZERO) + fill.quantity
    for cid, record in recorded.items():
        order = latest.get(cid)
        if record.status is OrderStatus.PENDING or not record.fills_complete:
            verdict.unsettled += 1
            verdict.note(f"{cid} is unsettled at the end ({record.status.value})")
            continue
        if record.status in _NOT_PLACED:
            if order is not None:
                verdict.disagreeing += 1
                verdict.note(f"{cid} recorded {record.status.value} but the exchange has it")
            continue
        if order is None:
            verdict.disagreeing += 1
            verdict.note(f"{cid} recorded {record.status.value}, unknown to the exchange")
            continue
        exchange_fills = qty_by_order.get(order.order_id, ZERO)
        same = (
            record.status.value == order.status
            and record.exchange_order_id == order.order_id
            and record.executed_qty == order.executed_qty
            and filled.get(cid, ZERO) == exchange_fills
        )
        if not same:
            verdict.disagreeing += 1
            verdict.note(
                f"{cid}: recorded {record.status.value} {record.executed_qty} "
                f"(fills {filled.get(cid, ZERO)}), exchange {order.status} "
                f"{order.executed_qty} (trades {exchange_fills})"
            )


def _net(side: str, qty: Decimal, fee: Decimal, fee_asset: str) -> Decimal:
    """What one execution adds to the bot's base asset."""
    if side == "BUY":
        return qty - (fee if fee_asset == BASE else ZERO)
    return -qty


def _position(
    verdict: Verdict, orders: list[FakeOrder], fills: list[Fill], trades: list[FakeTrade]
) -> None:
    side_of = {o.order_id: o.side for o in orders}
    own = sorted((t for t in trades if t.order_id in side_of), key=lambda t: t.trade_id)
    held = bought = ZERO
    lowest = ZERO
    for trade in own:
        change = _net(side_of[trade.order_id], trade.qty, trade.commission, trade.commission_asset)
        held += change
        bought += max(change, ZERO)
        lowest = min(lowest, held)
    recorded = sum((_net(f.side.value, f.quantity, f.fee, f.fee_asset) for f in fills), ZERO)
    if recorded != held or lowest < 0 or held > bought:
        verdict.position_mismatch += 1
        verdict.note(f"base held: recorded {recorded}, exchange {held} (lowest {lowest})")
