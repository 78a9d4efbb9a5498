"""A real ``crypty bot run`` process against the loopback fake Binance, for tests of what happens
while it is stopped (SIGSTOP), killed (SIGKILL) or asleep for hours.

``Away`` holds one data folder with a Binance platform (its key in a keychain file the process
reads, as ``tests/cli/test_alerts_cli.py`` does), an alert target on a loopback ``json://``
endpoint, the fake's REST API, its WebSocket API (the user data stream) and its kline streams.
``start`` runs ``python -m tests.shifted_clock bot run NAME`` (the real command line, with a wall
clock the test can move forward as a suspend does); its output goes to a file the test reads.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend

from crypty_desktop.alerts import Alerts
from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.app.test_alerts import Endpoint
from tests.cli.test_alerts_cli import BACKEND
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key

ROOT = Path(__file__).resolve().parents[1]
WAIT = 30.0  # float-ok: seconds a step may take on a loaded machine


def wait_until(what: Callable[[], bool], timeout: float = WAIT, why: str = "") -> None:  # float-ok
    deadline = time.monotonic() + timeout
    while not what():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting: {why}")
        time.sleep(0.05)


class Away:
    """The world around one ``crypty bot run`` process (see the module)."""

    def __init__(
        self, folder: Path, fake: FakeBinance, streams: FakeStreamServer, endpoint: Endpoint
    ) -> None:
        self.fake, self.streams, self.endpoint = fake, streams, endpoint
        self.data = folder / "data"
        self.clock_file = folder / "clock-shift"
        self.clock_file.write_text("0", encoding="utf-8")
        self.output = folder / "bot-run.txt"
        backend_dir = folder / "kr"
        backend_dir.mkdir()
        module_file = backend_dir / "away_keyring.py"
        module_file.write_text(BACKEND.format(path=str(folder / "kr.json")), encoding="utf-8")
        loader = importlib.util.spec_from_file_location(f"away_keyring_{id(self)}", module_file)
        assert loader is not None and loader.loader is not None
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
        # A backend class registers itself with keyring for this whole process: take it out.
        KeyringBackend._classes.discard(module.FileKeyring)
        self.keychain = module.FileKeyring()
        self.settings = Settings(
            data_dir=self.data,
            binance_url=fake.url,
            binance_ws_url=streams.url,
            binance_ws_api_url=fake.ws_api_url,
        )
        self.env = {
            **os.environ,
            "CRYPTY_DATA_DIR": str(self.data),
            "CRYPTY_BINANCE_URL": fake.url,
            "CRYPTY_BINANCE_WS_URL": streams.url,
            "CRYPTY_BINANCE_WS_API_URL": fake.ws_api_url,
            "CRYPTY_TEST_CLOCK_SHIFT": str(self.clock_file),
            "PYTHONPATH": os.pathsep.join([str(backend_dir), str(ROOT)]),
            "PYTHON_KEYRING_BACKEND": "away_keyring.FileKeyring",
        }
        self.procs: list[subprocess.Popen[bytes]] = []
        trading_key(fake)
        with self.core() as core:
            core.platforms.add(
                "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
            )
        alerts = Alerts(self.data, CredentialStore(self.keychain))
        alerts.add_target("Phone", endpoint.url)
        alerts.close()

    @contextmanager
    def core(self) -> Iterator[Core]:
        """The app's core on the same data folder and keychain, in this process."""
        core = build_core(self.settings, CredentialStore(self.keychain))
        try:
            yield core
        finally:
            core.close()

    # --- the process ------------------------------------------------------------------------------
    def start(self, name: str) -> subprocess.Popen[bytes]:
        out = self.output.open("ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.shifted_clock", "bot", "run", name],
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        out.close()
        self.procs.append(proc)
        return proc

    def printed(self) -> str:
        return self.output.read_text(encoding="utf-8") if self.output.exists() else ""

    def lines(self, marker: str) -> list[str]:
        return [line for line in self.printed().splitlines() if marker in line]

    def wait_printed(self, marker: str, proc: subprocess.Popen[bytes] | None = None) -> None:
        def seen() -> bool:
            if proc is not None and proc.poll() is not None and marker not in self.printed():
                raise AssertionError(f"the process ended:\n{self.printed()}")
            return marker in self.printed()

        wait_until(seen, why=f"{marker!r} in\n{self.printed()}")

    def sleep_for(self, seconds: int) -> None:
        """The process's wall and boot-time clocks jump ``seconds`` ahead (as after a suspend)."""
        self.clock_file.write_text(str(seconds), encoding="utf-8")

    def end(self, proc: subprocess.Popen[bytes], timeout: float = WAIT) -> int:  # float-ok
        if proc.poll() is None:
            proc.send_signal(signal.SIGCONT)
            proc.send_signal(signal.SIGINT)
        return proc.wait(timeout)

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)
                proc.kill()
                proc.wait(10)

    # --- the market -------------------------------------------------------------------------------
    def push(self, candle: Candle) -> None:
        """A candle closes: served by REST from now on, and sent on its stream."""
        with self.fake.state.lock:
            self.fake.state.klines.setdefault((candle.symbol, candle.interval), []).append(candle)
        self.fake.set_price(candle.symbol, candle.close)
        sent = self.streams.push_kline(candle)
        assert sent == 1, f"{sent} clients of the kline stream"
