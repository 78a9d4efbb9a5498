"""Bots on a Binance platform, end to end: the real python-binance client against the loopback fake
REST server and the loopback kline stream server.

- A Ghost bot trades on paper: the fake never receives an order request.
- A Trader bot places real orders, recorded in the order log exactly as the exchange has them.
- A Trader bot killed with SIGKILL while an order is in flight: after restart and reconciliation,
  the app's orders are exactly the exchange's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotThread, build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
STEP = 60_000
PRICE = Decimal("60000")


def candle(base: int, i: int, close: Decimal = PRICE) -> Candle:
    """The i-th candle from minute ``base`` (the stream only delivers candles newer than the
    subscription, as Binance would)."""
    t = base + i * STEP
    return Candle(
        "BTCUSDT", "1m", t, close, close + 10, close - 10, close, Decimal(3), t + STEP - 1
    )


def this_minute() -> int:
    return int(time.time() * 1000) // STEP * STEP


def wait_for(predicate: object, timeout: float = 15.0) -> None:  # float-ok: seconds
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.fixture
def env(
    fake_binance: FakeBinance, streams: FakeStreamServer, monkeypatch: pytest.MonkeyPatch
) -> FakeBinance:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
    return fake_binance


@pytest.fixture
def binance(env: FakeBinance, memory_keyring: MemoryKeyring) -> Iterator[Core]:
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def dca_bot(core: Core, kind: BotKind) -> BotSpec:
    return core.bots.create(
        name=f"{kind.value}-dca",
        platform_name="Binance",
        kind=kind,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "1", "quote_amount": "20"},
        budget="200",
    )


def run_for_candles(
    core: Core, spec: BotSpec, streams: FakeStreamServer, n: int, done: object
) -> None:
    thread = BotThread(build_bot(core.bot_context, spec))
    thread.start()
    try:
        streams.wait_connections(1)
        base = this_minute()
        for i in range(n):
            streams.push_kline(candle(base, i))
        wait_for(done)
    finally:
        thread.stop()
    assert not thread.is_alive()


def test_a_ghost_bot_never_sends_an_order(
    binance: Core, env: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = dca_bot(binance, BotKind.GHOST)
    before = len(env.requests)
    run_for_candles(
        binance,
        spec,
        streams,
        4,
        lambda: len(binance.order_log.fills(spec.platform_id, _cids(binance, spec))) >= 2,
    )
    fills = binance.order_log.fills(spec.platform_id, _cids(binance, spec))
    assert len(fills) >= 2 and all(f.price == PRICE for f in fills)  # paper fills at the next open
    sent = [r for r in env.requests[before:] if "order" in r.path.lower() or r.method != "GET"]
    assert sent == [] and env.orders() == []


def test_a_trader_bot_places_real_orders_recorded_as_the_exchange_has_them(
    binance: Core, env: FakeBinance, streams: FakeStreamServer
) -> None:
    spec = dca_bot(binance, BotKind.TRADER)
    run_for_candles(binance, spec, streams, 3, lambda: len(env.orders()) >= 3)
    on_exchange = {o.client_order_id: o for o in env.orders()}
    logged = {o.request.client_order_id: o for o in binance.order_log.orders(spec.id)}
    assert set(on_exchange) == set(logged)
    for cid, order in logged.items():
        assert order.status is OrderStatus.FILLED
        assert order.exchange_order_id == on_exchange[cid].order_id
        assert order.executed_qty == on_exchange[cid].executed_qty
    fills = binance.order_log.fills(spec.platform_id, list(logged))
    assert len(fills) == len(logged) and all(f.fee_asset == "BTC" for f in fills)


def _cids(core: Core, spec: BotSpec) -> list[str]:
    return [o.request.client_order_id for o in core.order_log.orders(spec.id)]


def test_kill_9_during_an_order_then_restart_matches_the_exchange(
    binance: Core, env: FakeBinance, streams: FakeStreamServer, tmp_path: Path
) -> None:
    spec = dca_bot(binance, BotKind.TRADER)
    data_dir = binance.settings.data_dir
    binance.close()
    # The key lives in this process's in-memory keychain; the child process gets the same entry
    # through a small file-backed keyring backend (test only) named by PYTHON_KEYRING_BACKEND.
    backend_dir = tmp_path / "kr"
    backend_dir.mkdir()
    (backend_dir / "test_keyring_backend.py").write_text(
        "import json, keyring\n"
        "from keyring.backend import KeyringBackend\n"
        "class FileKeyring(KeyringBackend):\n"
        "    priority = 100\n"
        "    stands_in_for_os_keychain = True  # a test double (see credentials.py)\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        f"        self.path = {str(tmp_path / 'kr.json')!r}\n"
        "    def _all(self):\n"
        "        try: return json.load(open(self.path))\n"
        "        except FileNotFoundError: return {}\n"
        "    def get_password(self, s, u): return self._all().get(s + '/' + u)\n"
        "    def set_password(self, s, u, p):\n"
        "        d = self._all(); d[s + '/' + u] = p; json.dump(d, open(self.path, 'w'))\n"
        "    def delete_password(self, s, u): pass\n"
    )
    entries = {f"{s}/{u}": p for (s, u), p in _memory_entries(binance).items()}
    (tmp_path / "kr.json").write_text(json.dumps(entries))
    env_vars = {
        **os.environ,
        "CRYPTY_DATA_DIR": str(data_dir),
        "PYTHONPATH": f"{backend_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "PYTHON_KEYRING_BACKEND": "test_keyring_backend.FileKeyring",
    }
    env.accept_then("/api/v3/order", stall=60)  # the first order is placed, its answer never comes
    proc = subprocess.Popen(
        [sys.executable, "-m", "crypty_desktop.cli", "bot", "run", spec.name],
        env=env_vars,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        streams.wait_connections(1, timeout=30)
        streams.push_kline(candle(this_minute(), 0))
        wait_for(lambda: len(env.orders()) == 1, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    env.clear_faults()
    [placed] = env.orders()
    core = build_core(Settings.from_env(), binance.credentials)
    try:
        pending = core.order_log.get(spec.platform_id, placed.client_order_id)
        assert pending is not None and pending.status is OrderStatus.PENDING  # unknown at the kill
        built = build_bot(core.bot_context, core.bots.find(spec.name))  # start = reconcile first
        built.feed.close()
        logged = core.order_log.orders(spec.id)
        assert [(o.request.client_order_id, o.status) for o in logged] == [
            (placed.client_order_id, OrderStatus.FILLED)
        ]
        assert len(env.orders()) == 1  # nothing was sent again
        assert len(core.order_log.fills(spec.platform_id, [placed.client_order_id])) >= 1
        assert built.runner.broker.wallet.base > 0
    finally:
        core.close()


def _memory_entries(core: Core) -> dict[tuple[str, str], str]:
    backend = core.credentials.backend
    assert isinstance(backend, MemoryKeyring)
    return dict(backend.entries)
