"""Trade exports: the columns Koinly's Universal template documents, exact amounts, paper left out
unless asked for, atomic writes, and ``crypty export trades`` on the same rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.cli import main
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
    client_order_id,
)
from crypty_desktop.domain.platform import IntendedUse, KeyKind, PlatformType
from crypty_desktop.reports.exports import (
    KOINLY_COLUMNS,
    ExportFormat,
    export_rows,
    export_trades,
    render,
    split_pair,
    write_export,
)

# 2024-03-01 14:05:09.250 UTC and 2024-03-02 08:00:00 UTC
T1 = 1709301909250
T2 = 1709366400000


def _platform(core: Core, name: str, type_: PlatformType) -> int:
    with core.store.adding_platform(
        name=name,
        type_=type_,
        key_masked="",
        key_fingerprint="",
        key_kind=KeyKind.HMAC,
        intended_use=IntendedUse.ANY,
        audit=None,
    ) as platform_id:
        pass
    return platform_id


def _bot(core: Core, bot_id: str, kind: BotKind, platform_id: int) -> None:
    core.bot_store.create(
        BotSpec(
            id=bot_id,
            name=f"{bot_id}-name",
            kind=kind,
            platform_id=platform_id,
            symbol="BTCUSDT",
            interval="1m",
            strategy="rsi",
            budget=Decimal("1000"),
        )
    )


def _fill(
    core: Core,
    platform_id: int,
    bot_id: str,
    side: Side,
    qty: str,
    price: str,
    fee: str,
    fee_asset: str,
    time: int,
    trade_id: int,
    order_id: int | None,
) -> None:
    seq = core.order_log.next_sequence(bot_id)
    cid = client_order_id(bot_id, seq)
    request = OrderRequest(
        symbol="BTCUSDT",
        side=side,
        type=OrderType.MARKET,
        quantity=Decimal(qty),
        client_order_id=cid,
    )
    core.order_log.record_pending(platform_id, bot_id, seq, request)
    fill = Fill(
        symbol="BTCUSDT",
        side=side,
        price=Decimal(price),
        quantity=Decimal(qty),
        fee=Decimal(fee),
        fee_asset=fee_asset,
        time=time,
        client_order_id=cid,
        trade_id=trade_id,
        exchange_order_id=order_id,
    )
    state = OrderState(
        symbol="BTCUSDT",
        client_order_id=cid,
        status=OrderStatus.FILLED,
        side=side,
        type=OrderType.MARKET,
        quantity=Decimal(qty),
        price=None,
        executed_qty=Decimal(qty),
        quote_qty=Decimal(qty) * Decimal(price),
        exchange_order_id=order_id,
        time=time,
        fills=(fill,),
    )
    core.order_log.apply_state(platform_id, state)


@pytest.fixture
def history(core: Core) -> Core:
    """A Trader bot's two real fills on Binance, and a Ghost bot's paper fill on the demo."""
    live = _platform(core, "Main account", PlatformType.BINANCE)
    demo = _platform(core, "Demo", PlatformType.SIMULATED)
    _bot(core, "trader1", BotKind.TRADER, live)
    _bot(core, "ghost1", BotKind.GHOST, demo)
    _fill(
        core, live, "trader1", Side.BUY, "0.00012", "61234.56", "0.00000012", "BTC", T1, 901, 7001
    )
    _fill(
        core, live, "trader1", Side.SELL, "0.00012", "62000.1", "0.00744001", "USDT", T2, 902, 7002
    )
    _fill(core, demo, "ghost1", Side.BUY, "0.5", "60000", "0.0005", "BTC", T1 + 1, 1, None)
    return core


START = datetime(2024, 3, 1, tzinfo=UTC)
END = datetime(2024, 3, 3, tzinfo=UTC)


def test_paper_is_left_out_by_default_and_marked_when_asked(history: Core) -> None:
    rows = export_rows(history.store, START, END)
    assert [(r.bot, r.side, r.paper) for r in rows] == [
        ("trader1-name", Side.BUY, False),
        ("trader1-name", Side.SELL, False),
    ]
    rows = export_rows(history.store, START, END, include_paper=True)
    assert [(r.bot, r.paper) for r in rows] == [
        ("trader1-name", False),
        ("ghost1-name", True),
        ("trader1-name", False),
    ]
    only_first_day = export_rows(history.store, START, datetime(2024, 3, 2, tzinfo=UTC))
    assert [r.trade_id for r in only_first_day] == [901]


def test_plain_csv_has_every_field_and_exact_amounts(history: Core) -> None:
    text = render(export_rows(history.store, START, END), ExportFormat.CSV)
    records = list(csv.DictReader(io.StringIO(text)))
    assert records[0] == {
        "time_utc": "2024-03-01T14:05:09.250Z",
        "pair": "BTCUSDT",
        "base_asset": "BTC",
        "quote_asset": "USDT",
        "side": "BUY",
        "quantity": "0.00012",
        "price": "61234.56",
        "quote_amount": "7.3481472",  # 0.00012 × 61234.56, exactly
        "fee": "0.00000012",  # never 1.2E-7
        "fee_asset": "BTC",
        "exchange_order_id": "7001",
        "trade_id": "901",
        "client_order_id": client_order_id("trader1", 0),
        "bot": "trader1-name",
        "bot_kind": "trader",
        "platform": "Main account",
        "platform_type": "binance",
        "paper": "no",
    }
    assert "E-" not in text


def test_json_keeps_amounts_as_exact_strings(history: Core) -> None:
    records = json.loads(render(export_rows(history.store, START, END), ExportFormat.JSON))
    assert records[1]["quote_amount"] == "7.440012"
    assert records[1]["fee"] == "0.00744001"
    assert records[1]["trade_id"] == 902 and records[1]["exchange_order_id"] == 7002
    assert Decimal(records[1]["quantity"]) * Decimal(records[1]["price"]) == Decimal("7.440012")


def test_koinly_universal_rows_follow_the_documented_template(history: Core) -> None:
    text = render(export_rows(history.store, START, END), ExportFormat.KOINLY)
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    # Koinly's "Universal" template, in its documented order.
    assert header == [
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
    ]
    assert tuple(header) == KOINLY_COLUMNS
    buy, sell = list(reader)
    assert buy[:7] == [
        "2024-03-01 14:05 UTC",
        "7.3481472",
        "USDT",
        "0.00012",
        "BTC",
        "0.00000012",
        "BTC",
    ]
    assert sell[:7] == [
        "2024-03-02 08:00 UTC",
        "0.00012",
        "BTC",
        "7.440012",
        "USDT",
        "0.00744001",
        "USDT",
    ]
    assert buy[9] == "" and "trade 901" in buy[10] and "order 7001" in buy[10]


def test_reversed_dates_and_an_unwritable_place_change_nothing(
    history: Core, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="before the start date"):
        export_rows(history.store, END, START)
    target = tmp_path / "trades.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValidationError, match="could not be written"):
        write_export(tmp_path / "missing-folder" / "trades.csv", "new")
    count = export_trades(history.store, target, ExportFormat.CSV, START, END)
    assert count == 2
    assert target.read_text(encoding="utf-8").startswith("time_utc,pair,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_split_pair() -> None:
    assert split_pair("BTCUSDT") == ("BTC", "USDT")
    assert split_pair("ETHFDUSD") == ("ETH", "FDUSD")
    assert split_pair("ETHBTC") == ("ETH", "BTC")
    assert split_pair("XYZABC", "ABC") == ("XYZ", "ABC")


def _run(core: Core, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_exports_the_same_rows(history: Core, tmp_path: Path) -> None:
    target = tmp_path / "koinly.csv"
    code, out, err = _run(
        history,
        "export",
        "trades",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-02",
        "--format",
        "koinly",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert "Exported 2 trades" in out
    assert target.read_bytes().count(b"\r\n") == 3
    code, out, _ = _run(
        history,
        "export",
        "trades",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-02",
        "--format",
        "json",
        "--include-paper",
        "-o",
        "-",
    )
    assert code == 0
    assert [r["paper"] for r in json.loads(out)] == [False, True, False]
    code, _, err = _run(history, "export", "trades", "--from", "March", "--to", "2024-03-02")
    assert code == 1 and "is not a date" in err
