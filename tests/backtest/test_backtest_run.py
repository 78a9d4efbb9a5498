"""The one backtest entry point (``backtest.run``), the fee rule and buy and hold, without Qt."""

from __future__ import annotations

import io
import json
import os
import signal
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.backtest.engine import BacktestCancelled
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.run import BacktestRequest, Progress, check_request, run_request
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.cli import main
from crypty_desktop.cli_backtest import CANCELLED_EXIT, _Interrupt, _progress_printer
from crypty_desktop.cli_bot import fill_json
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.fees import (
    FEE_RATE,
    buy_and_hold_pct,
    buy_and_hold_value,
    fee_on,
    fill_fee,
)
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderType, Side
from crypty_desktop.exchange.sim_book import SimBook
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.base import Intent

DEMO_1H = resource_path("demo", "BTCUSDT-1h.csv")
MARCH_1 = 1_709_251_200_000  # 2024-03-01T00:00Z
MARCH_31_END = 1_711_929_599_999  # 2024-03-31T23:59:59.999Z


def _request(**changes: object) -> BacktestRequest:
    fields: dict[str, object] = {
        "platform": None,
        "symbol": "BTCUSDT",
        "interval": "1h",
        "start_ms": 0,
        "end_ms": 0,
        "strategy": "sma_cross",
        "params": {},
        "budget": D(1000),
        "fee_pct": D("0.1"),
        "csv_path": Path(DEMO_1H),
    }
    fields.update(changes)
    return BacktestRequest(**fields)  # type: ignore[arg-type]


# --- the fee rule -------------------------------------------------------------------------------
def test_the_fee_is_the_rate_of_what_is_received_rounded_up_to_eight_decimals() -> None:
    assert FEE_RATE == D("0.001")
    assert fee_on(D("0.00123")) == D("0.00000123")
    assert fee_on(D("0.000001")) == D("0.00000001")  # 0.000000001 rounds UP, never to nothing
    assert fee_on(D("60000.123456789")) == D("60.00012346")
    assert fee_on(D("100"), D("0.00075")) == D("0.075")


def test_paper_broker_and_simulated_exchange_charge_the_same_fee() -> None:
    rules = bundled_rules("BTCUSDT")
    candle = Candle("BTCUSDT", "1m", 0, D(100), D(100), D(100), D("33.3333"), D(1), 59_999)
    broker = PaperBroker("b", 0, rules, D(1000))
    broker.execute(Intent(Side.BUY, "test", quote_amount=D(500)), candle)
    buy = broker.on_candle(candle)[0][0]
    book = SimBook({"USDT": D(1000)})
    assert (
        buy.fee
        == fee_on(buy.quantity)
        == fill_fee(Side.BUY, buy.quantity, D(100), rules, book.fee_rate)[0]
    )
    broker.execute(Intent(Side.SELL, "test", base_qty=buy.quantity - buy.fee), candle)
    later = Candle("BTCUSDT", "1m", 60_000, D("33.3333"), D(40), D(30), D(35), D(1), 119_999)
    sell = broker.on_candle(later)[0][0]
    received = sell.quantity * sell.price
    assert (sell.fee, sell.fee_asset) == (fee_on(received), rules.quote_asset)
    assert (sell.fee, sell.fee_asset) == fill_fee(
        Side.SELL, sell.quantity, sell.price, rules, book.fee_rate
    )
    assert sell.fee == sell.fee.quantize(D("0.00000001"))  # booked to 8 decimals, like Binance
    assert OrderType.MARKET  # the broker's market orders: the same rule as limit ones


# --- buy and hold -------------------------------------------------------------------------------
def test_buy_and_hold_pays_the_buying_fee_and_is_valued_at_the_price() -> None:
    # 1000 spent at 100: 10 bought, 0.01 of it the fee; 9.99 held is worth 1198.8 at 120.
    assert buy_and_hold_value(D(1000), D(100), D(120)) == D("1198.8")
    assert buy_and_hold_value(D(1000), D(100), D(100), D(0)) == D(1000)
    assert buy_and_hold_value(D(1000), D(0), D(120)) == D(1000)  # no first price: untouched
    assert buy_and_hold_pct(D(100), D(120)) == D("19.88")
    assert buy_and_hold_pct(D(100), D(50), D(0)) == D(-50)


def test_a_backtest_reports_the_one_buy_and_hold() -> None:
    run = run_request(_request())
    candles, summary = run.candles, run.summary
    first, last = candles[0].open, candles[-1].close
    assert summary.buy_and_hold_pct == buy_and_hold_pct(first, last, D("0.001"))
    hold = run.hold_values()
    assert len(hold) == len(candles) == len(run.result.equity)
    assert hold[-1] == buy_and_hold_value(D(1000), first, last, D("0.001"))


# --- the entry point ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"interval": "7m"}, "interval"),
        ({"fee_pct": D(10)}, "fee"),
        ({"fee_pct": D(-1)}, "fee"),
        ({"budget": D(0)}, "Budget"),
        ({"strategy": "nope"}, "nope"),
        ({"csv_path": None}, "platform"),
    ],
)
def test_a_request_is_refused_in_words_before_any_work(
    changes: dict[str, object], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        check_request(_request(**changes))


def test_progress_is_heard_and_cancel_stops_the_replay() -> None:
    # RSI goes candle by candle (an SMA crossover on a file takes the fast path, done at once).
    heard: list[Progress] = []
    run_request(_request(strategy="rsi"), report=heard.append)
    assert heard[-1] == Progress("run", heard[-1].total, heard[-1].total)
    assert all(p.phase == "run" for p in heard) and len(heard) > 2
    asked = iter([True, False])
    with pytest.raises(BacktestCancelled):
        run_request(_request(strategy="rsi"), should_continue=lambda: next(asked, False))


def test_the_command_line_and_the_entry_point_give_the_same_backtest(core: Core) -> None:
    """``crypty backtest`` on the demo's dates is ``run_request`` with the same request."""
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    demo = next(p for p in core.platforms.list() if p.name == "Demo")
    request = _request(platform=demo, start_ms=MARCH_1, end_ms=MARCH_31_END, csv_path=None)
    run = run_request(request, core)
    out = io.StringIO()
    args = ["backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1h"]
    args += ["--from", "2024-03-01", "--to", "2024-03-31T23:59:59.999", "--json"]
    assert main(args, core=core, stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["summary"]["candles"] == run.summary.candles == 31 * 24
    expected = {k: v for k, v in run.summary.as_json().items() if k != "seconds"}
    assert {k: v for k, v in data["summary"].items() if k != "seconds"} == expected
    keys = ("time", "side", "price", "quantity", "fee", "fee_asset")
    assert [{k: d[k] for k in keys} for d in data["fills"]] == [
        {k: fill_json(f)[k] for k in keys} for f in run.result.fills
    ]
    reasons = run.result.reasons
    assert [d["reason"] for d in data["fills"]] == [
        reasons[f.client_order_id] for f in run.result.fills
    ]
    assert data["fills"]


def test_ctrl_c_sets_the_cancel_flag_and_the_handler_is_put_back() -> None:
    before = signal.getsignal(signal.SIGINT)
    with _Interrupt() as should_continue:
        assert should_continue()
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt: the backtest stops cleanly
        assert not should_continue()
    assert signal.getsignal(signal.SIGINT) is before
    assert CANCELLED_EXIT == 130


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_goes_to_a_terminal_only() -> None:
    assert _progress_printer(io.StringIO()) is None  # a pipe or a file: nothing
    terminal = _Terminal()
    show = _progress_printer(terminal)
    assert show is not None
    show(Progress("download", 1000, 2500))
    show(Progress("run", 2500, 2500))
    assert "Downloading history: 1,000 of 2,500 candles" in terminal.getvalue()
    assert terminal.getvalue().endswith("\rReplaying candles: 2,500 of 2,500\033[K")


class _ImpatientTerminal(_Terminal):
    """A terminal whose user presses Ctrl+C as soon as the replay shows its progress."""

    def write(self, text: str) -> int:
        if "Replaying candles" in text and "pressed" not in self.__dict__:
            self.__dict__["pressed"] = True
            os.kill(os.getpid(), signal.SIGINT)
        return super().write(text)


def test_ctrl_c_in_a_terminal_cancels_crypty_backtest_cleanly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _ImpatientTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    before = signal.getsignal(signal.SIGINT)
    out = io.StringIO()
    args = ["backtest", "--strategy", "rsi", "--symbol", "BTCUSDT", "--interval", "1h"]
    code = main([*args, "--candles", str(DEMO_1H), "--json"], stdout=out)
    assert code == CANCELLED_EXIT
    assert terminal.getvalue().endswith("Backtest cancelled.\n")
    assert out.getvalue() == ""  # no half result
    assert signal.getsignal(signal.SIGINT) is before
