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
    assert set(data["fills"][0]) >= {"time", "side", "price", "quantity", "fee"}
