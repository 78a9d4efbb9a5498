"""Trade exports: every fill of every bot, as plain CSV, JSON, or a tax tool's CSV import.

The core builds the rows (:func:`export_rows`) and the text (:func:`render`); the window and
``crypty export trades`` only choose the dates, the format and the file. A file is written
atomically (:func:`write_export`): a temporary file beside it, flushed to disk, then renamed, so an
interrupted export never leaves half a file where the user expects one.

Amounts are exact: Decimals written in plain notation (never ``1E-8``), as recorded.

Paper trades (Ghost bots, and any bot on a platform where no real money moves: the offline demo,
the public data, the testnet, Demo Mode) are left out unless asked for; included, they are marked.

The tax tool format is Koinly's "Universal" CSV template (documented in Koinly's help article
"How to create a custom CSV file with your data"): ``Date, Sent Amount, Sent Currency, Received
Amount, Received Currency, Fee Amount, Fee Currency, Net Worth Amount, Net Worth Currency, Label,
Description, TxHash``, dates in UTC written ``YYYY-MM-DD HH:MM UTC``. A buy sends the quote asset
and receives the base asset; a sell the other way round; amounts are before the fee, which has its
own columns (Koinly takes it off the balance).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import Side
from crypty_desktop.files import write_atomically
from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the database only when an export runs (the CLI imports this module)
    from crypty_desktop.storage.store import Store
    from crypty_desktop.storage.trade_history import RecordedTrade

DATES_REVERSED = QT_TRANSLATE_NOOP(
    "Core", "The end date ({end}) is before the start date ({start}). Swap them and try again."
)
UNKNOWN_FORMAT = QT_TRANSLATE_NOOP(
    "Core", "Unknown export format “{name}”. Choose csv, json or koinly."
)
WRITE_FAILED = QT_TRANSLATE_NOOP(
    "Core", "The export could not be written to {path} ({error}). Nothing was changed there."
)
PAPER_NOTE = QT_TRANSLATE_NOOP("Core", "Paper trade (no real money)")


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    KOINLY = "koinly"

    @property
    def suffix(self) -> str:
        return ".json" if self is ExportFormat.JSON else ".csv"


def export_format(name: str) -> ExportFormat:
    """The format named ``name`` (``csv``, ``json``, ``koinly``), or a ValidationError."""
    try:
        return ExportFormat(name.strip().lower())
    except ValueError:
        raise ValidationError(UNKNOWN_FORMAT.format(name=name[:40])) from None


# Quote assets Binance lists pairs against, longest first so "FDUSD" wins over "USD".
_QUOTES = sorted(
    (
        "USDT USDC FDUSD TUSD BUSD USDP DAI USD1 BTC ETH BNB EUR TRY BRL GBP AUD JPY RUB UAH "
        "ZAR PLN RON ARS MXN COP CZK IDR NGN XRP TRX DOGE DOT SOL"
    ).split(),
    key=len,
    reverse=True,
)


def split_pair(symbol: str, fee_asset: str = "") -> tuple[str, str]:
    """The base and quote assets of a Binance pair (``BTCUSDT`` → ``BTC``, ``USDT``)."""
    for quote in [*_QUOTES, fee_asset]:
        if quote and symbol.endswith(quote) and len(symbol) > len(quote):
            return symbol[: -len(quote)], quote
    if fee_asset and symbol.startswith(fee_asset) and len(symbol) > len(fee_asset):
        return fee_asset, symbol[len(fee_asset) :]
    return symbol, ""


@dataclass(frozen=True, slots=True)
class TradeRow:
    """One fill as exported."""

    time: datetime  # UTC
    pair: str
    base_asset: str
    quote_asset: str
    side: Side
    quantity: Decimal
    price: Decimal
    quote_amount: Decimal
    fee: Decimal
    fee_asset: str
    exchange_order_id: int | None
    trade_id: int | None
    client_order_id: str
    bot: str
    bot_kind: str
    platform: str
    platform_type: str
    paper: bool


def is_paper(trade: RecordedTrade) -> bool:
    """A Ghost bot's fill, or one on a platform where no real money moves.

    A removed bot's kind is unknown: its fill is paper when no exchange order backs it.
    """
    if not trade.platform_type.real_money or trade.bot_kind == "ghost":
        return True
    return not trade.bot_kind and trade.exchange_order_id is None


def _row(trade: RecordedTrade) -> TradeRow:
    base, quote = split_pair(trade.symbol, trade.fee_asset)
    return TradeRow(
        time=datetime.fromtimestamp(trade.time_ms / 1000, tz=UTC),
        pair=trade.symbol,
        base_asset=base,
        quote_asset=quote,
        side=trade.side,
        quantity=trade.quantity,
        price=trade.price,
        quote_amount=trade.quantity * trade.price,
        fee=trade.fee,
        fee_asset=trade.fee_asset,
        exchange_order_id=trade.exchange_order_id,
        trade_id=trade.trade_id,
        client_order_id=trade.client_order_id,
        bot=trade.bot_name,
        bot_kind=trade.bot_kind,
        platform=trade.platform_name,
        platform_type=trade.platform_type.value,
        paper=is_paper(trade),
    )


def day_start_ms(day: datetime) -> int:
    moment = day if day.tzinfo is not None else day.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def export_rows(
    store: Store, start: datetime, end: datetime, *, include_paper: bool = False
) -> list[TradeRow]:
    """The fills from ``start`` (included) to ``end`` (excluded), oldest first."""
    start_ms, end_ms = day_start_ms(start), day_start_ms(end)
    if end_ms < start_ms:
        raise ValidationError(
            DATES_REVERSED.format(start=start.date().isoformat(), end=end.date().isoformat())
        )
    from crypty_desktop.storage.trade_history import recorded_trades

    rows = [_row(trade) for trade in recorded_trades(store, start_ms, end_ms)]
    return [row for row in rows if include_paper or not row.paper]


# --- plain CSV and JSON -----------------------------------------------------------------------
PLAIN_COLUMNS = (
    "time_utc",
    "pair",
    "base_asset",
    "quote_asset",
    "side",
    "quantity",
    "price",
    "quote_amount",
    "fee",
    "fee_asset",
    "exchange_order_id",
    "trade_id",
    "client_order_id",
    "bot",
    "bot_kind",
    "platform",
    "platform_type",
    "paper",
)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _id(value: int | None) -> str:
    return "" if value is None else str(value)


def plain_record(row: TradeRow) -> dict[str, str | bool]:
    return {
        "time_utc": _iso(row.time),
        "pair": row.pair,
        "base_asset": row.base_asset,
        "quote_asset": row.quote_asset,
        "side": row.side.value,
        "quantity": strip(row.quantity),
        "price": strip(row.price),
        "quote_amount": strip(row.quote_amount),
        "fee": strip(row.fee),
        "fee_asset": row.fee_asset,
        "exchange_order_id": _id(row.exchange_order_id),
        "trade_id": _id(row.trade_id),
        "client_order_id": row.client_order_id,
        "bot": row.bot,
        "bot_kind": row.bot_kind,
        "platform": row.platform,
        "platform_type": row.platform_type,
        "paper": row.paper,
    }


def _csv(header: Sequence[str], records: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([_cell(value) for value in record])
    return buffer.getvalue()


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (names are the user's own text)."""
    return "'" + value if value[:1] in ("=", "+", "@") else value


def render_csv(rows: Sequence[TradeRow]) -> str:
    records = (plain_record(row) for row in rows)
    return _csv(
        PLAIN_COLUMNS,
        (
            [("yes" if r[c] else "no") if c == "paper" else str(r[c]) for c in PLAIN_COLUMNS]
            for r in records
        ),
    )


def render_json(rows: Sequence[TradeRow]) -> str:
    """A JSON array; amounts are strings (exact), ids numbers or null."""
    records = []
    for row in rows:
        record: dict[str, object] = dict(plain_record(row))
        record["exchange_order_id"] = row.exchange_order_id
        record["trade_id"] = row.trade_id
        records.append(record)
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


# --- Koinly Universal -------------------------------------------------------------------------
KOINLY_COLUMNS = (
    "Date",
    "Sent Amount",
    "Sent Currency",
    "Received Amount",
    "Received Currency",
    "Fee Amount",
    "Fee Currency",
    "Net Worth Amount",
    "Net Worth Currency",
    "Label",
    "Description",
    "TxHash",
)


def koinly_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def koinly_record(row: TradeRow) -> list[str]:
    base, quote = strip(row.quantity), strip(row.quote_amount)
    if row.side is Side.BUY:
        sent, sent_asset, received, received_asset = quote, row.quote_asset, base, row.base_asset
    else:
        sent, sent_asset, received, received_asset = base, row.base_asset, quote, row.quote_asset
    where = f"{row.platform}, bot {row.bot}" if row.bot else row.platform
    ids = f"order {_id(row.exchange_order_id) or row.client_order_id}"
    if row.trade_id is not None:
        ids += f", trade {row.trade_id}"
    description = f"{row.side.value} {row.pair} at {strip(row.price)} ({where}; {ids})"
    if row.paper:
        description = f"{PAPER_NOTE}: {description}"
    fee = strip(row.fee) if row.fee else ""
    return [
        koinly_date(row.time),
        sent,
        sent_asset,
        received,
        received_asset,
        fee,
        row.fee_asset if fee else "",
        "",
        "",
        "",
        description,
        "",
    ]


def render_koinly(rows: Sequence[TradeRow]) -> str:
    return _csv(KOINLY_COLUMNS, (koinly_record(row) for row in rows))


def render(rows: Sequence[TradeRow], fmt: ExportFormat) -> str:
    if fmt is ExportFormat.JSON:
        return render_json(rows)
    if fmt is ExportFormat.KOINLY:
        return render_koinly(rows)
    return render_csv(rows)


def write_export(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file beside it, fsync, rename)."""
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise ValidationError(WRITE_FAILED.format(path=path, error=exc.strerror)) from None


def export_trades(
    store: Store,
    path: Path,
    fmt: ExportFormat,
    start: datetime,
    end: datetime,
    *,
    include_paper: bool = False,
) -> int:
    """Build and write the export; returns how many fills it holds."""
    rows = export_rows(store, start, end, include_paper=include_paper)
    write_export(path, render(rows, fmt))
    return len(rows)
