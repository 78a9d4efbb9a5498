"""`crypty platform ...` headless, in process and as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from crypty_desktop.app import Core
from crypty_desktop.cli import main


def run(core: Core, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_add_list_check_remove_a_demo_platform(core: Core) -> None:
    code, out, _ = run(core, "platform", "add", "Demo", "--type", "simulated")
    assert code == 0 and "Added platform “Demo”" in out
    code, out, _ = run(core, "platform", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "name": "Demo",
            "type": "simulated",
            "key": "",
            "key_kind": "hmac",
            "use": "any",
            "allows": "Ghost + Trader bots",
            "last_checked": json.loads(out)[0]["last_checked"],
            "max_daily_loss": None,
        }
    ]
    code, out, _ = run(core, "platform", "check", "Demo", "--json")
    report = json.loads(out)
    assert code == 0
    assert {k: report[k] for k in ("ghost_ok", "trader_ok", "withdrawals", "warnings")} == {
        "ghost_ok": True,
        "trader_ok": True,
        "withdrawals": False,
        "warnings": [],
    }
    code, out, _ = run(core, "platform", "remove", "Demo")
    assert code == 0 and core.platforms.list() == []


def test_errors_are_one_line_and_exit_non_zero(core: Core) -> None:
    code, out, err = run(core, "platform", "check", "Nope")
    assert (code, out) == (1, "")
    assert err == "error: There is no platform named “Nope”.\n"
    code, _, err = run(core, "platform", "add", "B", "--type", "binance")  # key from stdin: none
    assert code == 1 and err.startswith("error: Paste the API Key")
    code, _, err = run(
        core, "platform", "add", "B", "--type", "binance", "--access-key", "A" * 64, stdin=""
    )
    assert code == 1 and "Secret Key" in err and err.count("\n") == 1
    assert core.platforms.list() == []


def test_empty_list_says_what_to_do(core: Core) -> None:
    code, out, _ = run(core, "platform", "list")
    assert code == 0 and "crypty platform add" in out


def test_the_console_script_runs_headless(tmp_path: Path) -> None:
    env = {**os.environ, "CRYPTY_DATA_DIR": str(tmp_path / "d")}
    env.pop("DISPLAY", None)
    cmd = [
        sys.executable,
        "-m",
        "crypty_desktop.cli",
        "platform",
        "add",
        "Demo",
        "--type",
        "simulated",
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "crypty_desktop.cli", "platform", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Demo"]
    assert (
        "PySide6"
        not in subprocess.run(
            [sys.executable, "-c", "import crypty_desktop.cli, sys; print(sorted(sys.modules))"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    )


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """``crypty backtest --json | head``: the closed pipe ends the command with 141 and no
    traceback, as it ends a program killed by SIGPIPE."""
    from crypty_desktop.resources import resource_path

    demo = resource_path("demo", "BTCUSDT-1m.csv")
    proc = subprocess.Popen(
        [sys.executable, "-m", "crypty_desktop.cli", "backtest", "--strategy", "sma_cross",
         "--symbol", "BTCUSDT", "--interval", "1m", "--candles", str(demo), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,  # 76 kB: more than a pipe holds
        env={**os.environ, "CRYPTY_DATA_DIR": str(tmp_path)},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away with the rest unread
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""
