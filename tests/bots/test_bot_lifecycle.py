"""One bot's life in the core (``BotLife``) and ``crypty bot run``: one owner per running bot.

The two-process test runs the real ``crypty`` command twice on the same bot of the offline demo;
the others run ``crypty bot run`` in this process to look at the signal handlers it puts back.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from crypty_desktop.app import Core
from crypty_desktop.bots.host import STOPPED_OTHER_FAILED, BotLife
from crypty_desktop.bots.ownership import Role
from crypty_desktop.cli import main
from crypty_desktop.domain.bots import UNEXPECTED_ERROR, BotKind, BotSpec, BotState
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.platform import PlatformType
from tests.lock_holder import holding

DEADLINE = 40.0  # float-ok: seconds, generous for a loaded machine


def add_demo_bot(core: Core, name: str) -> BotSpec:
    if not core.platforms.list():
        core.platforms.add("Demo", PlatformType.SIMULATED)
    return core.bots.create(
        name=name,
        platform_name="Demo",
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="1000",
    )


def on_unknown_market(core: Core, base: BotSpec, name: str) -> BotSpec:
    """A bot saved on a market the exchange does not have (delisted since it was created)."""
    spec = BotSpec(
        id="nomarket0000001",
        name=name,
        kind=BotKind.GHOST,
        platform_id=base.platform_id,
        symbol="NOPEUSDT",
        interval="1m",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget=base.budget,
    )
    return core.bot_store.create(spec)


def corrupt_saved_state(core: Core, spec: BotSpec) -> None:
    """A saved state the runner cannot read back (an unexpected failure while building)."""
    core.bot_store.save_runtime(spec.id, {"last_candle": "not a number"})


@pytest.fixture
def own_handlers() -> Iterator[dict[int, object]]:
    """Handlers of our own on SIGINT and SIGTERM; the test checks they are put back."""

    def mine(_signum: int, _frame: FrameType | None) -> None:
        raise AssertionError("a signal reached the test's own handler")

    handlers = {sig: signal.signal(sig, mine) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield {sig: mine for sig in handlers}
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def run_cli(core: Core, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_bot_run_a_b_with_b_on_an_unknown_market_leaves_neither_running(
    core: Core, own_handlers: dict[int, object]
) -> None:
    a = add_demo_bot(core, "alpha")
    b = on_unknown_market(core, a, "beta")
    code, out, err = run_cli(core, "bot", "run", "alpha", "beta")
    assert code == 1
    assert err.startswith("error: Bot “beta” could not start: ") and "NOPEUSDT" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Started alpha." in out and "Stopped alpha." in out
    assert core.bot_store.state(a.id) == (BotState.STOPPED, STOPPED_OTHER_FAILED, False)
    state, reason, should_run = core.bot_store.state(b.id)
    assert (state, should_run) == (BotState.ERROR, False) and "NOPEUSDT" in reason
    assert core.locks.bot_owner(a.id) is None and core.locks.bot_owner(b.id) is None
    for sig, handler in own_handlers.items():
        assert signal.getsignal(sig) is handler


def test_bot_run_refused_when_another_process_runs_one_changes_nothing(
    core: Core, own_handlers: dict[int, object]
) -> None:
    a = add_demo_bot(core, "alpha")
    b = add_demo_bot(core, "beta")
    with holding(core.locks.folder, b.id, Role.WINDOW) as window:
        code, out, err = run_cli(core, "bot", "run", "alpha", "beta")
    assert code == 1
    assert err.startswith(
        f"error: Bot “beta” is already running in the Crypty window (process {window.pid}) since "
    )
    assert out == ""  # alpha did not start either
    for spec in (a, b):
        assert core.bot_store.state(spec.id) == (BotState.STOPPED, "", False)  # as created
    assert core.locks.bot_owner(a.id) is None
    for sig, handler in own_handlers.items():
        assert signal.getsignal(sig) is handler


@pytest.mark.logs(r"could not start")
def test_an_unexpected_failure_while_building_ends_in_error_and_lets_go(core: Core) -> None:
    spec = add_demo_bot(core, "broken")
    corrupt_saved_state(core, spec)
    life = BotLife(core.bot_context, spec, role=Role.CLI)
    with pytest.raises(CryptyError) as caught:
        life.start()
    message = UNEXPECTED_ERROR.format(error="ValueError")
    assert str(caught.value) == message
    assert core.bot_store.state(spec.id) == (BotState.ERROR, message, False)
    assert not life.holds_lock and core.locks.bot_owner(spec.id) is None
    assert life.finish() is BotState.ERROR  # nothing built: nothing more to save


def test_a_bot_life_runs_stops_and_releases_its_lock(core: Core) -> None:
    spec = add_demo_bot(core, "steady")
    life = BotLife(core.bot_context, spec, role=Role.WINDOW)
    life.start()
    assert core.bot_store.state(spec.id) == (BotState.RUNNING, "", True)
    owner = core.locks.bot_owner(spec.id)
    assert owner is not None and owner.role is Role.WINDOW
    life.run(lambda: True)  # asked to stop at once
    assert life.finish("test over") is BotState.STOPPED
    assert core.bot_store.state(spec.id) == (BotState.STOPPED, "test over", False)
    assert core.locks.bot_owner(spec.id) is None


# --- two real processes ------------------------------------------------------------------------
def _cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CRYPTY_DATA_DIR": str(tmp_path / "d")}


def _call(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crypty_desktop.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _run(env: dict[str, str], name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crypty_desktop.cli", "bot", "run", name],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_running(env: dict[str, str], proc: subprocess.Popen[str]) -> None:
    locks = Path(env["CRYPTY_DATA_DIR"]) / "locks"
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        [bot] = json.loads(_call(env, "bot", "list", "--json").stdout)
        held = [p for p in locks.glob("bot-*.lock") if p.read_text()] if locks.exists() else []
        # A killed owner's file keeps its words (its lock died with it): wait for this one's.
        owners = [json.loads(p.read_text())["pid"] for p in held]
        if bot["state"] == "running" and proc.pid in owners:
            return
        time.sleep(0.3)
    raise AssertionError("the bot did not start running")


def test_a_second_crypty_bot_run_is_refused_and_a_killed_one_never_blocks(tmp_path: Path) -> None:
    env = _cli_env(tmp_path)
    assert _call(env, "platform", "add", "Demo", "--type", "simulated").returncode == 0
    created = _call(
        env,
        *("bot", "create", "dca1", "--platform", "Demo", "--kind", "ghost", "--symbol", "BTCUSDT"),
        *("--strategy", "dca", "--param", "every=1", "--param", "quote_amount=20"),
        *("--budget", "1000"),
    )
    assert created.returncode == 0, created.stderr
    first = _run(env, "dca1")
    second: subprocess.Popen[str] | None = None
    try:
        _wait_running(env, first)
        refused = _call(env, "bot", "run", "dca1")
        assert refused.returncode == 1
        assert refused.stderr.startswith(
            f"error: Bot “dca1” is already running in `crypty bot run` (process {first.pid}) since "
        )
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert refused.stdout == ""
        time.sleep(1.5)  # the first one goes on trading
        assert first.poll() is None
        [bot] = json.loads(_call(env, "bot", "list", "--json").stdout)
        assert bot["state"] == "running"

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        second = _run(env, "dca1")  # at once: the lock died with the process
        _wait_running(env, second)
        second.send_signal(signal.SIGINT)
        out, err = second.communicate(timeout=20)
        assert second.returncode == 0, err
        assert "Started dca1." in out and "Stopped dca1." in out
        listed = _call(env, "bot", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        [bot] = json.loads(listed.stdout)
        assert bot["state"] == "stopped"
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        first.communicate()


def test_bot_run_exits_non_zero_when_a_bot_stops_on_an_error(
    core: Core, own_handlers: dict[int, object]
) -> None:
    core.platforms.add("Demo", PlatformType.SIMULATED)
    spec = core.bots.create(
        name="fragile",
        platform_name="Demo",
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="1000",
        max_drawdown="0.0001",  # the first fee already loses more than this
    )
    # Should the risk limit never trigger, end the command rather than wait forever.
    guard = threading.Timer(DEADLINE, os.kill, (os.getpid(), signal.SIGINT))
    guard.start()
    try:
        code, out, err = run_cli(core, "bot", "run", "fragile")
    finally:
        guard.cancel()
    assert code == 1, out
    assert err.startswith("error: Bot “fragile” stopped on an error: Max drawdown: ")
    assert err.count("\n") == 1
    state, _reason, should_run = core.bot_store.state(spec.id)
    assert (state, should_run) == (BotState.ERROR, False)
    assert core.locks.bot_owner(spec.id) is None
    for sig, handler in own_handlers.items():
        assert signal.getsignal(sig) is handler
