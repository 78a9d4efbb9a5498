"""Parity with live: a bot's own trades beside a backtest of its own window, trade by trade.

``compare`` pairs the bot's trades (one per order: its fills added up) with the backtest's: a pair
is the same side on the same candle, with the differences in price (quote and %) and quantity.
What has no partner is only live or only in the backtest, each with the reason in words, found in
the bot's own records (``Records``): a manual action, a protective stop filled on the exchange, a
partial fill, a gap in the stored candles, an absence the bot caught up on without trading, an
order the exchange refused, a trade outside the compared window, an edit of the bot's settings,
or, failing all of those, an earlier difference it follows from. Pure: the records are read by
``reports.parity_run``.

The backtest replays the whole window with the bot's settings of now. When you edited them after
the window began, every trade says so (``settings_note``): one the bot made before the edit was
made with the settings of then; one after it follows a backtest that had the new settings from the
start. A trade belongs to before an edit when its candle is at most the last one the bot had
handled when the edit was saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.reports.parity_edits import (
    EDITED,
    SettingsEdit,
    edit_values,
    settings_note,
    when,
)
from crypty_desktop.wording import QT_TRANSLATE_NOOP, plural

HUNDRED = Decimal(100)
LIVE, BACKTEST = "live", "backtest"

# Why a trade has no partner.
MANUAL = QT_TRANSLATE_NOOP(
    "Core", "A manual action by you ({reason}); a backtest only trades by the strategy."
)
USER_CANCEL = QT_TRANSLATE_NOOP(
    "Core", "You cancelled one of the bot's orders on {time}; the backtest kept it."
)
STOP_ON_EXCHANGE = QT_TRANSLATE_NOOP(
    "Core",
    "A protective order filled on the exchange at {price} {quote}; the backtest's simulated "
    "one did not fill on this candle.",
)
BEFORE_WINDOW = QT_TRANSLATE_NOOP(
    "Core", "Before the compared window (the bot's first traded candle opened {time})."
)
AFTER_WINDOW = QT_TRANSLATE_NOOP(
    "Core", "After the compared window (the bot's last candle opened {time})."
)
AWAY = plural(
    QT_TRANSLATE_NOOP(
        "Core",
        "The bot was not trading then: it caught up on {count} candle after an absence, "
        "without trading on it.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "The bot was not trading then: it caught up on {count} candles after an absence, "
        "without trading on them.",
    ),
)
GAP = plural(
    QT_TRANSLATE_NOOP(
        "Core",
        "Missed candles: {count} candle from {time} is missing from the stored candles, so "
        "the backtest did not see what the bot saw.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Missed candles: {count} candles from {time} are missing from the stored candles, so "
        "the backtest did not see what the bot saw.",
    ),
)
PARTIAL = plural(
    QT_TRANSLATE_NOOP(
        "Core",
        "A partial fill: the exchange filled {filled} of {wanted} {asset} in {parts} part; the "
        "backtest fills whole orders.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "A partial fill: the exchange filled {filled} of {wanted} {asset} in {parts} parts; the "
        "backtest fills whole orders.",
    ),
    count="parts",
)
MISSING_CANDLES = plural(
    QT_TRANSLATE_NOOP("Core", "{count} candle missing from the stored candles."),
    QT_TRANSLATE_NOOP("Core", "{count} candles missing from the stored candles."),
)
REFUSED = QT_TRANSLATE_NOOP("Core", "The bot's order was refused then: {error}")
KNOCK_ON = QT_TRANSLATE_NOOP(
    "Core",
    "Follows an earlier difference on {time}: from then on the bot and the backtest did not "
    "hold the same.",
)
UNEXPLAINED = QT_TRANSLATE_NOOP(
    "Core",
    "No cause found in the bot's records: on the same candles the strategy decided otherwise.",
)
# What differs inside a matched pair.
SLIPPAGE = QT_TRANSLATE_NOOP(
    "Core",
    "Slippage: filled at {price} {quote}, {diff} {same_quote} ({pct} %) from the backtest's "
    "{reference} (the candle's price).",
)
BNB_FEE = QT_TRANSLATE_NOOP(
    "Core",
    "A fee paid in {fee_asset} ({fee} {same_asset}); the backtest takes it from the asset "
    "received, so the quantities held differ.",
)
SIZE = QT_TRANSLATE_NOOP(
    "Core",
    "A different size ({diff} {asset}): an earlier price, fee or fill left the bot a "
    "different balance.",
)
NO_TRADE = QT_TRANSLATE_NOOP("Core", "Neither the bot nor the backtest traded in this window.")
SUMMARY = QT_TRANSLATE_NOOP(
    "Core",
    "{matched} of {total} trades match ({pct} %): {only_live} only live, {only_backtest} only "
    "in the backtest.",
)


@dataclass(frozen=True, slots=True)
class Trade:
    """One order's execution: its fills added up (price is the quantity-weighted average)."""

    side: Side
    time: int  # the first fill's time (ms)
    price: Decimal
    quantity: Decimal
    fee: Decimal
    fee_asset: str
    parts: int  # fills
    order_id: str
    reason: str = ""  # why the bot placed it (the order row's reason); "" in a backtest
    wanted: Decimal | None = None  # the order's quantity, when known
    protective: bool = False  # a stop / take-profit leg kept on the exchange

    def as_json(self) -> dict[str, Any]:
        return {
            "side": self.side.value,
            "time": self.time,
            "price": strip(self.price),
            "quantity": strip(self.quantity),
            "fee": strip(self.fee),
            "fee_asset": self.fee_asset,
            "fills": self.parts,
            "order_id": self.order_id,
            "reason": self.reason,
        }


def trades_of(
    fills: Iterable[Fill],
    reasons: dict[str, str] | None = None,
    wanted: dict[str, Decimal] | None = None,
    protective: frozenset[str] = frozenset(),
) -> list[Trade]:
    """One trade per order, oldest first."""
    by_order: dict[str, list[Fill]] = {}
    for fill in fills:
        by_order.setdefault(fill.client_order_id, []).append(fill)
    trades = []
    for cid, group in by_order.items():
        qty = sum((f.quantity for f in group), ZERO)
        if qty <= 0:
            continue
        notional = sum((f.quantity * f.price for f in group), ZERO)
        trades.append(
            Trade(
                side=group[0].side,
                time=min(f.time for f in group),
                price=notional / qty,
                quantity=qty,
                fee=sum((f.fee for f in group), ZERO),
                fee_asset=group[0].fee_asset,
                parts=len(group),
                order_id=cid,
                reason=(reasons or {}).get(cid, ""),
                wanted=(wanted or {}).get(cid),
                protective=cid in protective,
            )
        )
    return sorted(trades, key=lambda t: (t.time, t.order_id))


@dataclass(frozen=True, slots=True)
class Records:
    """What the bot's records say beside its trades (all times in ms)."""

    symbol: str
    interval_ms: int
    first_open: int  # the first candle the bot traded on
    last_open: int  # the last candle it handled
    base_asset: str
    quote_asset: str
    missing: tuple[int, ...] = ()  # open times of candles absent from the stored candles
    away: tuple[tuple[int, int, int], ...] = ()  # (first open, last open, candles) caught up on
    refused: tuple[tuple[int, str], ...] = ()  # (time, error) of orders the bot could not place
    user_cancels: tuple[int, ...] = ()  # times the user cancelled one of the bot's orders
    manual_reasons: frozenset[str] = frozenset()  # order reasons that mean "the user did it"
    edits: tuple[SettingsEdit, ...] = ()  # oldest first

    def window_edits(self) -> list[SettingsEdit]:
        """The edits saved after the bot traded in the window (earlier ones set what it used)."""
        return [e for e in self.edits if e.after_candle >= self.first_open]


@dataclass(frozen=True, slots=True)
class Pair:
    live: Trade
    backtest: Trade
    notes: tuple[str, ...]  # what differs, in words (empty: identical)
    settings: str = ""  # what an edit of the bot's settings means for it ("" none)

    @property
    def price_diff(self) -> Decimal:
        return self.live.price - self.backtest.price

    @property
    def price_diff_pct(self) -> Decimal:
        return self.price_diff * HUNDRED / self.backtest.price if self.backtest.price else ZERO

    @property
    def quantity_diff(self) -> Decimal:
        return self.live.quantity - self.backtest.quantity

    def as_json(self) -> dict[str, Any]:
        return {
            "side": self.live.side.value,
            "candle": self.live.time,
            "live": self.live.as_json(),
            "backtest": self.backtest.as_json(),
            "price_diff": strip(self.price_diff),
            "price_diff_pct": _pct(self.price_diff_pct),
            "quantity_diff": strip(self.quantity_diff),
            "notes": list(self.notes),
            "settings_changed": self.settings or None,
        }


@dataclass(frozen=True, slots=True)
class Unmatched:
    trade: Trade
    source: str  # LIVE or BACKTEST
    reason: str
    settings: str = ""  # what an edit of the bot's settings means for it ("" none)

    def as_json(self) -> dict[str, Any]:
        return self.trade.as_json() | {
            "why": self.reason,
            "settings_changed": self.settings or None,
        }


@dataclass(frozen=True)
class Parity:
    records: Records
    matched: list[Pair]
    only_live: list[Unmatched]
    only_backtest: list[Unmatched]
    candles: int = 0  # candles replayed
    bot_name: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. the bot's parameters changed

    @property
    def total(self) -> int:
        return len(self.matched) + len(self.only_live) + len(self.only_backtest)

    @property
    def match_pct(self) -> Decimal:
        """Matched trades as a share of every trade either side made (100 when neither did)."""
        if not self.total:
            return HUNDRED
        return Decimal(len(self.matched)) * HUNDRED / self.total

    @property
    def identical(self) -> int:
        """Matched pairs with nothing to say: same price, same quantity."""
        return sum(1 for p in self.matched if not p.notes)

    @property
    def max_price_diff_pct(self) -> Decimal:
        return max((abs(p.price_diff_pct) for p in self.matched), default=ZERO)

    def summary(self) -> str:
        if not self.total:
            return NO_TRADE
        return SUMMARY.format(
            matched=len(self.matched),
            total=self.total,
            pct=_pct(self.match_pct),
            only_live=len(self.only_live),
            only_backtest=len(self.only_backtest),
        )

    def rows(self) -> list[tuple[str, Trade, Trade | None, tuple[str, ...]]]:
        """Every trade in time order as (kind, trade, partner, sentences): kind is "matched",
        LIVE or BACKTEST; for a pair the trade is the bot's and the partner the backtest's."""

        def said(notes: tuple[str, ...], settings: str) -> tuple[str, ...]:
            return notes + ((settings,) if settings and settings not in notes else ())

        out: list[tuple[str, Trade, Trade | None, tuple[str, ...]]] = [
            ("matched", p.live, p.backtest, said(p.notes, p.settings)) for p in self.matched
        ]
        out += [(LIVE, u.trade, None, said((u.reason,), u.settings)) for u in self.only_live]
        out += [
            (BACKTEST, u.trade, None, said((u.reason,), u.settings)) for u in self.only_backtest
        ]
        return sorted(out, key=lambda row: (row[1].time, row[0]))

    def as_json(self) -> dict[str, Any]:
        rec = self.records
        return {
            "bot": self.bot_name,
            "symbol": rec.symbol,
            "window": {"from": rec.first_open, "to": rec.last_open + rec.interval_ms - 1},
            "candles": self.candles,
            "missing_candles": len(rec.missing),
            "match_pct": _pct(self.match_pct),
            "identical": self.identical,
            "max_price_diff_pct": _pct(self.max_price_diff_pct),
            "summary": self.summary(),
            "notes": self.notes,
            "matched": [p.as_json() for p in self.matched],
            "only_live": [u.as_json() for u in self.only_live],
            "only_backtest": [u.as_json() for u in self.only_backtest],
        }


def _pct(value: Decimal) -> str:
    shown = value.quantize(Decimal("0.01"))
    return format(shown if shown else abs(shown), "f")  # never "-0.00"


def compare(live: Sequence[Trade], backtest: Sequence[Trade], records: Records) -> Parity:
    """Pair the bot's trades with the backtest's and explain every difference."""
    step = records.interval_ms
    waiting: dict[tuple[int, Side], list[Trade]] = {}
    for trade in backtest:
        waiting.setdefault((trade.time - trade.time % step, trade.side), []).append(trade)
    matched: list[Pair] = []
    alone: list[Trade] = []
    for trade in live:
        partners = waiting.get((trade.time - trade.time % step, trade.side))
        if partners:
            other = partners.pop(0)
            note = settings_note(records.window_edits(), records.interval_ms, trade.time)
            matched.append(Pair(trade, other, _notes(trade, other, records), note))
        else:
            alone.append(trade)
    left = [t for ts in waiting.values() for t in ts]
    explain = _Explainer(records, matched)
    only_live: list[Unmatched] = []
    only_backtest: list[Unmatched] = []
    # In time order: a difference explains the ones that follow it.
    for trade, source in sorted(
        [(t, LIVE) for t in alone] + [(t, BACKTEST) for t in left], key=lambda x: x[0].time
    ):
        note = settings_note(records.window_edits(), records.interval_ms, trade.time)
        if source == LIVE:
            only_live.append(Unmatched(trade, LIVE, explain.live(trade), note))
        else:
            only_backtest.append(Unmatched(trade, BACKTEST, explain.backtest(trade), note))
        explain.note_difference(trade.time)
    notes = [EDITED.format(**edit_values(e)) for e in records.window_edits()]
    return Parity(records, matched, only_live, only_backtest, notes=notes)


def _notes(live: Trade, bt: Trade, records: Records) -> tuple[str, ...]:
    notes = []
    if live.parts > 1 or (live.wanted is not None and live.quantity < live.wanted):
        notes.append(_partial(live, records))
    if live.fee_asset not in (records.base_asset, records.quote_asset):
        notes.append(
            BNB_FEE.format(fee_asset=live.fee_asset, fee=strip(live.fee), same_asset=live.fee_asset)
        )
    diff = live.price - bt.price
    if diff:
        notes.append(
            SLIPPAGE.format(
                price=strip(live.price),
                quote=records.quote_asset,
                diff=strip(diff),
                same_quote=records.quote_asset,
                pct=_pct(diff * HUNDRED / bt.price if bt.price else ZERO),
                reference=strip(bt.price),
            )
        )
    if live.quantity != bt.quantity and not notes:
        notes.append(SIZE.format(diff=strip(live.quantity - bt.quantity), asset=records.base_asset))
    return tuple(notes)


def _partial(trade: Trade, records: Records) -> str:
    wanted = trade.wanted if trade.wanted is not None else trade.quantity
    return PARTIAL.format(
        filled=strip(trade.quantity),
        wanted=strip(wanted),
        asset=records.base_asset,
        parts=trade.parts,
    )


class _Explainer:
    """Finds the reason of one unmatched trade; the first cause found wins."""

    def __init__(self, records: Records, matched: list[Pair]) -> None:
        self.rec = records
        self.missing = sorted(records.missing)
        # The earliest thing that made the two differ: later trades may follow from it.
        self.first_difference: int | None = None
        differing = [p.live.time for p in matched if p.notes]
        if differing:
            self.first_difference = min(differing)
        step = records.interval_ms
        self.matched_candles = sorted(p.live.time - p.live.time % step for p in matched)

    def note_difference(self, time: int) -> None:
        if self.first_difference is None or time < self.first_difference:
            self.first_difference = time

    def live(self, trade: Trade) -> str:
        rec = self.rec
        if trade.reason in rec.manual_reasons:
            return MANUAL.format(reason=trade.reason)
        if trade.protective:
            return STOP_ON_EXCHANGE.format(price=strip(trade.price), quote=rec.quote_asset)
        if trade.time < rec.first_open:
            return BEFORE_WINDOW.format(time=when(rec.first_open))
        if trade.time >= rec.last_open + rec.interval_ms:
            return AFTER_WINDOW.format(time=when(rec.last_open))
        if trade.parts > 1 or (trade.wanted is not None and trade.quantity < trade.wanted):
            return self._common(trade) or _partial(trade, rec)
        return self._common(trade) or self._later(trade)

    def backtest(self, trade: Trade) -> str:
        rec = self.rec
        candle = trade.time - trade.time % rec.interval_ms
        decided = candle - rec.interval_ms  # a market order fills on the candle after its decision
        for at, error in rec.refused:
            if decided <= at < candle + rec.interval_ms:
                return REFUSED.format(error=error)
        cancels = [t for t in rec.user_cancels if t <= trade.time]
        if cancels:
            return USER_CANCEL.format(time=when(cancels[0]))
        return self._common(trade) or self._later(trade)

    def _common(self, trade: Trade) -> str:
        rec = self.rec
        step = rec.interval_ms
        candle = trade.time - trade.time % step
        for first, last, count in rec.away:
            if first <= candle <= last + step:
                return AWAY.format(count=count)
        since = max((c for c in self.matched_candles if c < candle), default=-1)
        gap = [t for t in self.missing if since < t <= candle]
        if gap:
            return GAP.format(count=len(gap), time=when(gap[0]))
        return ""

    def _later(self, trade: Trade) -> str:
        edited = settings_note(self.rec.window_edits(), self.rec.interval_ms, trade.time)
        if edited:  # the settings changed: more telling than an earlier difference
            return edited
        first = self.first_difference
        if first is not None and first < trade.time:
            return KNOCK_ON.format(time=when(first))
        return UNEXPLAINED
