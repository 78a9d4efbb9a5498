"""Many Ghost bots on the simulated exchange inside the real window, for the UI, memory and soak
benchmarks. Each bot runs in its own QThread through the app's ``BotSupervisor``; the demo market
replays 1-minute candles at ``candles_per_s`` per second (every bot gets each candle).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CRYPTY_NO_ONBOARDING"] = "1"

from crypty_desktop.app import Core, build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.domain.bots import BotKind, BotSpec  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from crypty_desktop.gui.workers import BotSupervisor  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def rss_mb() -> float:  # float-ok: megabytes
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def os_threads() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return threading.active_count()


@dataclass
class Harness:
    app: Any
    core: Core
    window: MainWindow
    supervisor: BotSupervisor
    data_dir: tempfile.TemporaryDirectory[str]
    specs: list[BotSpec] = field(default_factory=list)
    decisions: int = 0
    statuses: int = 0

    @classmethod
    def create(cls) -> Harness:
        app = make_application(["bench"])
        data_dir = tempfile.TemporaryDirectory()
        core = build_core(Settings(data_dir=Path(data_dir.name)), CredentialStore(MemoryKeyring()))
        ensure_demo(core.platforms, core.bots, with_sample_bot=False)
        window = MainWindow(core)
        window.show()
        supervisor = getattr(window, "supervisor", None) or BotSupervisor(core)
        harness = cls(app, core, window, supervisor, data_dir)
        supervisor.sig_decision.connect(harness._count_decision)
        supervisor.sig_status.connect(harness._count_status)
        return harness

    def _count_decision(self, _event: object) -> None:
        self.decisions += 1

    def _count_status(self, _event: object) -> None:
        self.statuses += 1

    def add_bots(self, count: int) -> None:
        start = len(self.specs)
        for i in range(start, start + count):
            self.specs.append(
                self.core.bots.create(
                    name=f"bench-{i:03d}",
                    platform_name="Demo",
                    kind=BotKind.GHOST,
                    symbol="BTCUSDT",
                    strategy="sma_cross",
                    params={"fast": "5", "slow": "20"},
                    budget="1000",
                )
            )

    def start_market(self, candles_per_s: float) -> None:  # float-ok: a rate
        sim = self.core.gateway_for(self.core.platforms.find("Demo"))
        if sim.replaying:  # type: ignore[attr-defined]
            sim.stop_replay()  # type: ignore[attr-defined]
        sim.start_replay(candles_per_s * 60)  # type: ignore[attr-defined]

    def start_bots(self, specs: list[BotSpec]) -> None:
        for spec in specs:
            self.supervisor.start(spec)
        self.spin_until(lambda: all(self.supervisor.is_running(s.id) for s in specs), 60)

    def stop_bots(self) -> float:  # float-ok: seconds
        started = time.perf_counter()
        self.supervisor.stop_all(wait_ms=10_000)
        self.spin_until(lambda: not self.supervisor.running(), 30)
        return time.perf_counter() - started

    def spin(self, seconds: float) -> None:  # float-ok
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def spin_until(self, predicate: Callable[[], bool], timeout: float) -> None:  # float-ok
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met")
            self.spin(0.05)

    def event_loop_lateness(self, seconds: float) -> list[float]:  # float-ok: milliseconds
        """Run the event loop with a 1 ms timer for ``seconds``; each firing's lateness in ms."""
        late: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setTimerType(timer.timerType().PreciseTimer)
        timer.setInterval(1)
        last = [0]

        def tick() -> None:
            now = clock.nsecsElapsed()
            late.append(max(0.0, (now - last[0]) / 1e6 - 1.0))
            last[0] = now

        timer.timeout.connect(tick)
        clock.start()
        last[0] = clock.nsecsElapsed()
        timer.start()
        self.spin(seconds)
        timer.stop()
        return late[1:]

    def close(self) -> None:
        self.stop_bots()
        self.window.close()
        self.core.close()
        self.data_dir.cleanup()


def percentile(values: list[float], q: float) -> float:  # float-ok
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0
