"""`crypty bot ...` and `crypty backtest` headless, including a real run stopped by SIGINT."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.cli import main


def run(core: Core, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_create_list_remove(core: Core) -> None:
    assert run(core, "platform", "add", "Demo", "--type", "simulated")[0] == 0
    code, out, err = run(
        core,
        "bot",
        "create",
        "btc1",
        "--platform",
        "Demo",
        "--kind",
        "ghost",
        "--symbol",
        "BTCUSDT",
        "--strategy",
        "rsi",
        "--param",
        "period=7",
        "--budget",
        "500",
        "--stop-loss",
        "8",
        "--trailing-stop",
        "2.5",
    )
    assert code == 0, err
    assert "Ghost (paper)" in out
    code, out, _ = run(core, "bot", "list", "--json")
    [bot] = json.loads(out)
    assert bot | {"params": None} == {
        "name": "btc1",
        "kind": "ghost",
        "platform": "Demo",
        "symbol": "BTCUSDT",
        "interval": "1m",
        "strategy": "rsi",
        "params": None,
        "budget": "500",
        "stop_loss": "8",
        "take_profit": None,
        "max_drawdown": None,
        "trailing_stop": "2.5",
        "state": "stopped",
        "reason": None,
        "running_elsewhere": False,
        "last_action": None,
        "quote": "USDT",
        # Never run: no price, nothing held, the budget free (not a loss).
        "price": None,
        "equity": "500",
        "pnl": "0",
        "pnl_pct": "0",
        "realised": "0",
        "unrealised": "0",
        "fees": "0",
        "quote_free": "500",
        "quote_locked": "0",
        "base_free": "0",
        "base_locked": "0",
        "open_orders": 0,
    }
    assert bot["params"] == {"period": "7"}
    assert json.loads(run(core, "bot", "orders", "btc1", "--json")[1]) == []
    code, _, err = run(
        core,
        "bot",
        "create",
        "b2",
        "--platform",
        "Demo",
        "--kind",
        "ghost",
        "--symbol",
        "BTCUSDT",
        "--strategy",
        "rsi",
        "--param",
        "oops",
        "--budget",
        "9",
    )
    assert code == 1 and err.startswith("error: --param expects NAME=VALUE")
    assert run(core, "bot", "remove", "btc1")[0] == 0
    assert json.loads(run(core, "bot", "list", "--json")[1]) == []


def test_bot_run_trades_on_the_demo_and_stops_gracefully_on_sigint(tmp_path: Path) -> None:
    env = {**os.environ, "CRYPTY_DATA_DIR": str(tmp_path / "d")}
    cli = [sys.executable, "-m", "crypty_desktop.cli"]

    def call(*args: str) -> str:
        done = subprocess.run(
            [*cli, *args], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    call("platform", "add", "Demo", "--type", "simulated")
    # DCA buying 20 USDT on every candle: the demo replays one 1m candle per second.
    call(
        "bot",
        "create",
        "dca1",
        "--platform",
        "Demo",
        "--kind",
        "ghost",
        "--symbol",
        "BTCUSDT",
        "--strategy",
        "dca",
        "--param",
        "every=1",
        "--param",
        "quote_amount=20",
        "--budget",
        "1000",
    )
    proc = subprocess.Popen(
        [*cli, "bot", "run", "dca1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    trades: list[dict[str, str]] = []
    while time.monotonic() < deadline and len(trades) < 2:
        time.sleep(0.5)
        trades = json.loads(call("bot", "trades", "dca1", "--json"))
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Stopped dca1." in out
    assert len(trades) >= 2
    # Each decision is printed as it happens, with the candle's time, and written to the log.
    logs = tmp_path / "d" / "logs"
    assert f"Log file: {logs / 'crypty.log'}" in out
    assert "[dca1] running" in out
    buys = [line for line in out.splitlines() if "[dca1] buy: " in line]
    assert len(buys) >= 2 and buys[0].startswith("2024-") and " UTC [dca1]" in buys[0]
    written = (logs / "crypty.log").read_text(encoding="utf-8")
    assert "bot run: " in written and "[dca1] buy: " in written
    first = trades[0]
    assert set(first) >= {
        "time",
        "side",
        "price",
        "quantity",
        "fee",
        "fee_asset",
        "client_order_id",
    }
    assert first["side"] == "BUY" and first["fee_asset"] == "BTC"
    assert all(isinstance(first[k], str) for k in ("price", "quantity", "fee"))
    orders = json.loads(call("bot", "orders", "dca1", "--json"))
    assert {
        "client_order_id",
        "exchange_order_id",
        "side",
        "type",
        "price",
        "quantity",
        "status",
        "created_at",
    } <= set(orders[0])
    assert [b["state"] for b in json.loads(call("bot", "list", "--json"))] == ["stopped"]


def test_backtest_json(core: Core, tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    rows = ["open_time,open,high,low,close,volume"]
    closes = [100, 101, 102, 103, 104, 103, 102, 101, 100, 99, 98, 99, 100, 101, 102, 103, 104, 105]
    for i, c in enumerate(closes):
        rows.append(f"{1712016000000 + i * 60000},{c},{c + 1},{c - 1},{c},1")
    csv.write_text("\n".join(rows) + "\n")
    code, out, err = run(
        core,
        "backtest",
        "--strategy",
        "sma_cross",
        "--symbol",
        "BTCUSDT",
        "--interval",
        "1m",
        "--candles",
        str(csv),
        "--param",
        "fast=2",
        "--param",
        "slow=4",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data["summary"]) >= {
        "net_pnl",
        "net_pnl_pct",
        "fees",
        "max_drawdown_pct",
        "trades",
        "candles",
        "seconds",
    }
    assert data["summary"]["candles"] == len(closes)
    assert data["summary"]["trades"] == len(data["fills"]) > 0
    assert set(data["fills"][0]) >= {"time", "side", "price", "quantity", "fee", "reason"}
    # Each trade says why it was made: the strategy's words when it placed the order.
    for fill in data["fills"]:
        cross = "golden cross: SMA 2 (" if fill["side"] == "BUY" else "death cross: SMA 2 ("
        assert fill["reason"].startswith(cross), fill


def test_a_backtest_says_when_the_data_covers_less_than_asked(core: Core) -> None:
    # The demo has about five days of BTCUSDT 1m candles; a whole year is asked.
    args = ("backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m")
    dates = ("--from", "2023-06-01", "--to", "2024-05-31")
    code, out, err = run(core, *args, *dates)
    assert code == 0, err
    note = "Data covers only 5 days (2024-04-02 → 2024-04-07) of the year asked."
    assert out.splitlines()[0] == note
    code, out, err = run(core, *args, *dates, "--json")
    data = json.loads(out)
    assert data["note"] == note and data["covered"]["from"] < data["covered"]["to"]
    code, out, err = run(core, *args, "--from", "2024-04-03", "--to", "2024-04-05")
    assert code == 0 and "covers only" not in out  # dates inside the data: nothing to say


def test_strategy_list_and_show_name_every_parameter_with_default_and_bounds(core: Core) -> None:
    code, out, _err = run(core, "strategy", "list")
    assert code == 0
    for name in ("grid", "dca", "sma_cross", "rsi"):
        assert any(line.startswith(name) for line in out.splitlines())
    assert "lower, upper, levels, quote_per_level" in out
    code, out, _err = run(core, "strategy", "show", "grid")
    assert code == 0
    assert "  levels  (whole number, default 10, 2 to 200)" in out
    assert "  lower  (number, default 55000 quote, at least 0 quote)" in out
    code, out, _err = run(core, "strategy", "show", "grid", "--json")
    levels = next(p for p in json.loads(out)["params"] if p["name"] == "levels")
    assert (levels["default"], levels["minimum"], levels["maximum"]) == ("10", "2", "200")
    code, _out, err = run(core, "strategy", "show", "magic")
    assert code == 1 and "Known: dca, grid, rsi, sma_cross" in err


def test_help_names_the_strategies(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["bot", "create"], ["backtest"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "one of grid, dca, sma_cross, rsi" in " ".join(capsys.readouterr().out.split())


def test_a_stop_loss_of_150_percent_is_refused_by_the_cli(core: Core) -> None:
    assert run(core, "platform", "add", "Demo", "--type", "simulated")[0] == 0
    base = ("bot", "create", "b", "--platform", "Demo", "--kind", "ghost", "--symbol", "BTCUSDT")
    code, _out, err = run(core, *base, "--strategy", "rsi", "--budget", "100", "--stop-loss", "150")
    assert code == 1 and "Stop-loss must be above 0 % and below 100 %." in err
    grid = ("--strategy", "grid", "--param", "lower=60", "--param", "upper=72", "--budget", "900")
    code, _out, err = run(core, *base, *grid)
    assert code == 1 and "does not contain the current BTCUSDT price" in err
    assert json.loads(run(core, "bot", "list", "--json")[1]) == []


def _cli(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "CRYPTY_DATA_DIR": str(tmp_path / "d")}
    return [sys.executable, "-m", "crypty_desktop.cli"], env


def _call(tmp_path: Path, *args: str) -> str:
    cli, env = _cli(tmp_path)
    done = subprocess.run(
        [*cli, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _run_grid_until_orders(
    tmp_path: Path, kind: str, *options: str
) -> tuple[str, list[dict[str, str]]]:
    """``crypty bot run grid`` on the demo until its buys rest, then SIGINT: (stdout, orders)."""
    _call(tmp_path, "platform", "add", "Demo", "--type", "simulated")
    core_price = "60000"  # the demo's BTC is near this; a wide grid has buys below it either way
    _call(
        tmp_path,
        "bot",
        "create",
        "grid",
        "--platform",
        "Demo",
        "--kind",
        kind,
        "--symbol",
        "BTCUSDT",
        "--strategy",
        "grid",
        "--param",
        "lower=1000",
        "--param",
        f"upper={int(core_price) * 4}",
        "--param",
        "levels=5",
        "--param",
        "quote_per_level=20",
        "--budget",
        "100",
    )
    cli, env = _cli(tmp_path)
    proc = subprocess.Popen(
        [*cli, "bot", "run", "grid", *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    opened: list[dict[str, str]] = []
    while time.monotonic() < deadline and not opened:
        time.sleep(0.5)
        orders = json.loads(_call(tmp_path, "bot", "orders", "grid", "--json"))
        opened = [o for o in orders if o["status"] == "NEW"]
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert opened, "the grid placed no order"
    return out, json.loads(_call(tmp_path, "bot", "orders", "grid", "--json"))


def test_bot_run_on_stop_cancel_cancels_the_open_orders(tmp_path: Path) -> None:
    out, orders = _run_grid_until_orders(tmp_path, "trader", "--on-stop", "cancel")
    assert "Stopped grid." in out
    assert orders and all(o["status"] == "CANCELED" for o in orders)
    [bot] = json.loads(_call(tmp_path, "bot", "list", "--json"))
    assert bot["open_orders"] == 0 and bot["quote_locked"] == "0"
    assert bot["pnl"] == "0" and bot["quote_free"] == "100"


def test_bot_run_keeps_orders_by_default_and_bot_cancel_cancels_one(tmp_path: Path) -> None:
    # A Ghost bot: its paper orders outlive the process (the demo exchange's do not).
    _out, orders = _run_grid_until_orders(tmp_path, "ghost")
    opened = [o for o in orders if o["status"] == "NEW"]
    assert opened
    [bot] = json.loads(_call(tmp_path, "bot", "list", "--json"))
    assert bot["open_orders"] == len(opened) and bot["quote_locked"] != "0"
    assert bot["pnl"] == "0"  # locked funds are still the bot's: no phantom loss
    said = _call(tmp_path, "bot", "cancel", "grid", opened[0]["client_order_id"])
    assert said.startswith("Cancelled the order to buy ") and "cancelled by you" in said
    [bot] = json.loads(_call(tmp_path, "bot", "list", "--json"))
    assert bot["open_orders"] == len(opened) - 1
    cli, env = _cli(tmp_path)
    again = subprocess.run(
        [*cli, "bot", "cancel", "grid", opened[0]["client_order_id"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 1 and "is not open any more" in again.stderr


def test_bot_log_orders_and_trades_say_what_happened_and_why_in_json(core: Core) -> None:
    """What a bot did, written by its engine: the log gives each line's kind, the orders and
    trades the reason each order was placed for."""
    from crypty_desktop.bots.brokers import PaperBroker
    from crypty_desktop.bots.engine import BotRunner
    from tests.bots.test_engine import RULES, Scripted, candle

    assert run(core, "platform", "add", "Demo", "--type", "simulated")[0] == 0
    created = ("--kind", "ghost", "--symbol", "BTCUSDT", "--strategy", "dca", "--budget", "1000")
    assert run(core, "bot", "create", "paper", "--platform", "Demo", *created)[0] == 0
    spec = core.bots.find("paper")
    broker = PaperBroker(spec.id, spec.platform_id, RULES, spec.budget, core.order_log)
    runner = BotRunner(spec, Scripted.create(), broker, core.bot_store)
    runner.start()
    for i, price in enumerate(("100", "80", "90", "95"), start=1):
        runner.step(candle(i, price, price, price, price))
    code, out, err = run(core, "bot", "log", "paper", "--json")
    assert code == 0, err
    log = json.loads(out)
    assert [(line["action"], line["kind"]) for line in log] == [
        ("buy", "order"),
        ("buy", "fill"),
        ("sell", "order"),
        ("sell", "fill"),
    ]
    assert log[1]["message"].startswith("Bought 1 BTC at 80 USDT") and log[1]["time"] > 0
    assert len(json.loads(run(core, "bot", "log", "paper", "--json", "--limit", "1")[1])) == 1
    code, _out, err = run(core, "bot", "log", "paper", "--limit", "0")
    assert code != 0 and "--limit" in err
    orders = json.loads(run(core, "bot", "orders", "paper", "--json")[1])
    assert [(o["side"], o["reason"]) for o in orders] == [
        ("BUY", "scripted buy"),
        ("SELL", "scripted sell"),
    ]
    trades = json.loads(run(core, "bot", "trades", "paper", "--json")[1])
    assert [(t["side"], t["price"], t["reason"]) for t in trades] == [
        ("BUY", "80", "scripted buy"),
        ("SELL", "95", "scripted sell"),
    ]
    code, out, _ = run(core, "bot", "log", "paper")
    assert code == 0 and out.splitlines()[1].split()[2] == "fill"
