"""Running bots in Qt worker threads.

Each running bot is a ``BotWorker`` (a QObject) moved to its own ``QThread``: a thin adapter over
the core's ``BotLife`` (the bot's lock, STARTING, build — network: symbol rules, reconciliation,
warm-up —, the loop, how it ends). The runner's events (frozen ``BotStatus`` and ``Decision``
dataclasses) leave the worker thread as queued signals. The GUI asks a worker to stop through a
thread-safe flag; the loop checks it at least every 0.2 s, finishes the candle in hand, saves, and
ends — so a stop takes under a second.

``BotSupervisor`` owns the threads: ``start(spec)``, ``stop(bot_id)``, ``stop_all()``, and tells the
window what happens through its signals. A stop may take longer than a second: a Trader bot first
asks Binance about orders whose outcome is unknown (``BotLife.finish``, up to ``STOP_SETTLE`` a
question). ``stop_all`` waits for that with the event loop running (the window stays drawn, the
workers' signals arrive), never blocked in ``QThread.wait`` on threads that wait on the network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from crypty_desktop.bots.host import BotLife
from crypty_desktop.bots.ownership import BotBusy, Role
from crypty_desktop.domain.bots import (
    PAUSED_BY_YOU,
    STOPPED_BY_YOU,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    OnStop,
    kind_of_error,
)
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.gui.qt import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot

if TYPE_CHECKING:
    from crypty_desktop.app import Core

log = logging.getLogger(__name__)

STATUS_EVERY = 0.1  # float-ok: seconds between two status signals of one bot
WAIT_POLL_MS = 50  # how often a wait for the bots' threads looks whether they have ended


class BotWorker(QObject):
    """One bot's loop, living in its own thread.

    Signals:
        sig_status(object): a ``BotStatus`` (at most every ``STATUS_EVERY`` seconds).
        sig_decision(object): a ``Decision`` the bot made or an order event, as it happens.
        sig_failed(str, str, str): (bot id, message, ``EventKind`` value) the bot could not start
            or stopped on an error or a risk rule.
        sig_refused(str, str, object): (bot id, message, ``Owner`` or None) another process runs
            the bot; nothing was changed.
        sig_finished(str): (bot id) the loop has ended and the bot's state is saved.
    """

    sig_status = Signal(object)
    sig_decision = Signal(object)
    sig_failed = Signal(str, str, str)
    sig_refused = Signal(str, str, object)
    sig_finished = Signal(str)

    def __init__(self, core: Core, spec: BotSpec) -> None:
        super().__init__()
        self.core = core
        self.spec = spec
        self._stop = threading.Event()
        self._last_status = 0.0
        self._held: BotStatus | None = None
        self.stop_reason = STOPPED_BY_YOU
        self.resume_later = False
        self.pausing = False
        self.on_stop = OnStop.KEEP
        self.life: BotLife | None = None

    def request_stop(
        self,
        reason: str = STOPPED_BY_YOU,
        resume_later: bool = False,
        pause: bool = False,
        on_stop: OnStop = OnStop.KEEP,
    ) -> None:
        """Thread-safe: ask the loop to end after the candle in hand.

        ``resume_later``: the app is quitting; the bot comes back when it restarts.
        ``pause``: the bot ends PAUSED instead of STOPPED (Start picks it up again).
        ``on_stop``: keep, cancel, or cancel and sell (done by the core, in this worker's thread).
        """
        self.stop_reason = reason
        self.resume_later = resume_later
        self.pausing = pause
        self.on_stop = on_stop
        self._stop.set()

    def request_cancel(self, cid: str, reason: str) -> bool:
        """Thread-safe: cancel one open order on the bot's thread, between two candles. False
        when the bot is not running its loop (starting, or ending): nothing was asked."""
        life = self.life
        built = life.built if life is not None else None
        if built is None or self._stop.is_set():
            return False
        runner = built.runner
        runner.call_soon(lambda: runner.cancel_order(cid, reason))
        return True

    def _emit(self, event: BotStatus | Decision) -> None:
        if isinstance(event, Decision):
            self.sig_decision.emit(event)
            return
        now = time.monotonic()
        if now - self._last_status >= STATUS_EVERY or event.state is not BotState.RUNNING:
            self._last_status = now
            self._held = None
            self.sig_status.emit(event)
        else:
            self._held = event

    @Slot()
    def run(self) -> None:
        """The bot's whole life (``BotLife``), in the worker thread: the GUI thread never waits on
        the database or the exchange."""
        life = BotLife(self.core.bot_context, self.spec, self._emit, Role.WINDOW)
        self.life = life
        try:
            life.start()
        except BotBusy as exc:  # another process runs it: nothing was written
            self.sig_refused.emit(self.spec.id, str(exc), exc.owner)
            self.sig_finished.emit(self.spec.id)
            return
        except CryptyError as exc:  # saved in ERROR, should_run cleared, lock released
            self.sig_failed.emit(self.spec.id, str(exc), kind_of_error(exc).value)
            self.sig_finished.emit(self.spec.id)
            return
        try:
            life.run(self._stop.is_set)
        finally:
            state = life.finish(
                self.stop_reason,
                resume_later=self.resume_later,
                pause=self.pausing,
                on_stop=self.on_stop,
            )
            if state is BotState.ERROR:
                self.sig_failed.emit(self.spec.id, life.error, life.error_kind.value)
            if self._held is not None:
                self.sig_status.emit(self._held)
            if life.built is not None:
                self.sig_status.emit(life.built.runner.status())
            self.sig_finished.emit(self.spec.id)


class BotSupervisor(QObject):
    """Starts and stops bot threads; the window's single entry point to running bots.

    Signals:
        sig_status(object): a ``BotStatus`` from any running bot.
        sig_decision(object): a ``Decision`` from any running bot.
        sig_started(str): a bot id whose thread started.
        sig_failed(str, str, str): (bot id, message, ``EventKind`` value) a bot failed to start or
            stopped on an error or a risk rule.
        sig_refused(str, str, object): (bot id, message, ``Owner`` or None) a bot did not start:
            another process runs it.
        sig_stopped(str): a bot id whose thread ended.
    """

    sig_status = Signal(object)
    sig_decision = Signal(object)
    sig_started = Signal(str)
    sig_failed = Signal(str, str, str)
    sig_refused = Signal(str, str, object)
    sig_stopped = Signal(str)

    def __init__(self, core: Core, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self._threads: dict[str, tuple[QThread, BotWorker]] = {}

    def running(self) -> list[str]:
        return list(self._threads)

    def is_running(self, bot_id: str) -> bool:
        return bot_id in self._threads

    def start(self, spec: BotSpec) -> None:
        if spec.id in self._threads:
            return
        thread = QThread()
        thread.setObjectName(f"bot-{spec.name}")
        worker = BotWorker(self.core, spec)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.sig_status.connect(self.sig_status)
        worker.sig_decision.connect(self.sig_decision)
        worker.sig_failed.connect(self.sig_failed)
        worker.sig_refused.connect(self.sig_refused)
        # quit() is thread-safe: ask directly, so a GUI thread waiting in stop_all sees the end.
        worker.sig_finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.sig_finished.connect(self._on_worker_finished)  # queued: runs on the GUI thread
        self._threads[spec.id] = (thread, worker)
        thread.start()
        self.sig_started.emit(spec.id)

    @Slot(str)
    def _on_worker_finished(self, bot_id: str) -> None:
        """The loop has ended: wait the instant its thread needs to finish, then say so."""
        entry = self._threads.pop(bot_id, None)
        if entry is None:
            return  # already handled by stop_all
        thread, _worker = entry  # the worker goes with its Python reference, its thread ended
        thread.quit()
        thread.wait()
        thread.deleteLater()
        self.sig_stopped.emit(bot_id)

    def stop(
        self, bot_id: str, reason: str = STOPPED_BY_YOU, on_stop: OnStop = OnStop.KEEP
    ) -> None:
        """Ask one bot to stop; ``sig_stopped`` follows when its loop has ended and its open
        orders were dealt with as ``on_stop`` says (in the bot's thread)."""
        entry = self._threads.get(bot_id)
        if entry is not None:
            entry[1].request_stop(reason, on_stop=on_stop)

    def cancel_order(self, bot_id: str, cid: str, reason: str) -> bool:
        """Ask a running bot to cancel one of its open orders (in its thread). False when it
        does not run its loop here."""
        entry = self._threads.get(bot_id)
        return entry is not None and entry[1].request_cancel(cid, reason)

    def pause(self, bot_id: str, reason: str = PAUSED_BY_YOU) -> None:
        """Ask one bot to pause: its loop ends like a stop and the bot is saved PAUSED."""
        entry = self._threads.get(bot_id)
        if entry is not None:
            entry[1].request_stop(reason, pause=True)

    def stop_all(
        self,
        reason: str = STOPPED_BY_YOU,
        wait_ms: int = 3000,
        resume_later: bool = False,
        on_stop: OnStop = OnStop.KEEP,
    ) -> bool:
        """Stop every bot and wait for their threads, at most ``wait_ms`` in all, with the event
        loop running (user input aside): a bot still asking Binance about an order is not cut
        short, and the window is not frozen meanwhile. Returns whether they all ended."""
        entries = list(self._threads.values())
        for _thread, worker in entries:
            worker.request_stop(reason, resume_later, on_stop=on_stop)
        if wait_ms <= 0:
            return not entries
        ids = [worker.spec.id for _thread, worker in entries]
        ended = wait_until(lambda: all(self._ended(bot_id) for bot_id in ids), wait_ms)
        if not ended:
            log.warning("%d bot(s) still stopping after %d ms", len(self._threads), wait_ms)
        # Deliver the queued "finished" notices now, so the threads are released before returning.
        for bot_id in [i for i, (t, _w) in self._threads.items() if t.isFinished()]:
            self._on_worker_finished(bot_id)
        return ended

    def _ended(self, bot_id: str) -> bool:
        """Whether the bot's thread has ended (its notice, delivered meanwhile, removed it)."""
        entry = self._threads.get(bot_id)
        return entry is None or entry[0].isFinished()


def wait_until(done: Callable[[], bool], wait_ms: int) -> bool:
    """Wait until ``done()``, at most ``wait_ms``, running a local event loop that leaves user
    input queued (no click lands in a closing window); returns ``done()``."""
    if done():
        return True
    deadline = time.monotonic() + wait_ms / 1000
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(WAIT_POLL_MS)

    def look() -> None:
        if done() or time.monotonic() >= deadline:
            loop.quit()

    poll.timeout.connect(look)
    poll.start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    poll.stop()
    return done()
