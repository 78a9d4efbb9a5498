"""One helper for one-off background jobs: connection tests, saves with an audit, keychain calls.

A job runs a plain callable in a worker thread of a dedicated thread pool. Its outcome comes back
to the GUI thread through a queued signal, where the success or failure callback runs; the worker
never touches a widget. A cancellable job receives a ``should_continue()`` function to check
between steps; once cancelled, the job's result is discarded (no callback runs) and the UI can move
on at once, while the worker winds down on its own.

Usage::

    job = run_in_background(lambda: service.recheck(platform), self._on_checked,
                            self._on_check_failed, parent=self)
    job = run_cancellable(lambda control: service.add(..., should_continue=control),
                          self._on_saved, self._on_save_failed, parent=self)
    job.cancel()

If ``parent`` is given and is destroyed before the job ends, nothing is delivered.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from crypty_desktop.gui.qt import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    is_valid,
)

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[object], None]

MAX_THREADS = 4


class Job(QObject):
    """A background job seen from the GUI thread.

    Signals:
        sig_progress(object): a progress report from the job (whatever it chose to send).
        sig_succeeded(object): the job returned this value (not emitted once cancelled).
        sig_failed(object): the job raised this exception (not emitted once cancelled).
        sig_cancelled(): ``cancel()`` was called; emitted at once, before the worker ends.
        sig_finished(): the worker has ended, whatever the outcome (also after a cancel).
    """

    sig_progress = Signal(object)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()
    sig_finished = Signal()

    def __init__(self, name: str = "job", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._stop = threading.Event()
        self._running = False
        self._done = False

    # --- seen from any thread -------------------------------------------------------------------
    def should_continue(self) -> bool:
        """False once the job was cancelled. Thread-safe: jobs call it from the worker."""
        return not self._stop.is_set()

    # --- GUI thread -----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True from start until the worker has ended."""
        return self._running

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @property
    def done(self) -> bool:
        return self._done

    def cancel(self) -> None:
        """Ask the job to stop and discard its result. No callback will run for this job."""
        if self._done or self._stop.is_set():
            return
        self._stop.set()
        self.sig_cancelled.emit()

    def _deliver(self, ok: bool, payload: object) -> None:
        self._running = False
        self._done = True
        if not self.cancelled:
            if ok:
                self.sig_succeeded.emit(payload)
            else:
                self.sig_failed.emit(payload)
        self.sig_finished.emit()
        if self.parent() is not None:
            self.setParent(None)  # the caller's reference (if any) decides its lifetime now


class _Relay(QObject):
    """Lives in the GUI thread; workers emit on it, its slots run queued on the GUI thread."""

    sig_done = Signal(int, bool, object)
    sig_progress = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: dict[int, Job] = {}
        self.sig_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.sig_progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def _on_done(self, job_id: int, ok: bool, payload: object) -> None:
        job = self.jobs.pop(job_id, None)
        if job is not None and is_valid(job):
            job._deliver(ok, payload)

    def _on_progress(self, job_id: int, value: object) -> None:
        job = self.jobs.get(job_id)
        if job is not None and is_valid(job) and not job.cancelled:
            job.sig_progress.emit(value)


class _Runner(QRunnable):
    """The worker side: calls the function and emits its outcome; holds no widget."""

    def __init__(self, job_id: int, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job_id = job_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI
            self._relay.sig_done.emit(self._job_id, False, error)
        else:
            self._relay.sig_done.emit(self._job_id, True, result)
        finally:
            self._fn = _nothing  # drop the closure (it may hold a secret) as soon as possible


def _nothing() -> object:
    return None


_ids = itertools.count(1)
_relay: _Relay | None = None
_pool: QThreadPool | None = None


def _infrastructure() -> tuple[_Relay, QThreadPool]:
    global _relay, _pool
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Background jobs need a running QApplication.")
    if _relay is None or not is_valid(_relay):
        _relay = _Relay(app)
    if _pool is None or not is_valid(_pool):
        _pool = QThreadPool(app)
        _pool.setObjectName("jobs")
        _pool.setMaxThreadCount(MAX_THREADS)
    return _relay, _pool


def _log_failure(error: BaseException) -> None:
    log.error("Background job failed: %s", type(error).__name__, exc_info=error)


def _start(
    job: Job,
    fn: Callable[[], object],
    on_success: Success | None,
    on_failure: Failure | None,
    on_progress: Progress | None,
    control: JobControl | None = None,
) -> Job:
    relay, pool = _infrastructure()
    if on_success is not None:
        job.sig_succeeded.connect(on_success)
    job.sig_failed.connect(on_failure if on_failure is not None else _log_failure)
    if on_progress is not None:
        job.sig_progress.connect(on_progress)
    job_id = next(_ids)
    if control is not None:
        control._job_id = job_id
    relay.jobs[job_id] = job
    job._running = True
    pool.start(_Runner(job_id, fn, relay))
    return job


def run_in_background(
    fn: Callable[[], object],
    on_success: Success | None = None,
    on_failure: Failure | None = None,
    *,
    parent: QObject | None = None,
    name: str = "job",
) -> Job:
    """Run ``fn()`` in a worker thread; call ``on_success(result)`` or ``on_failure(error)``.

    Both callbacks run on the GUI thread. Without ``on_failure``, a failure is logged.
    """
    return _start(Job(name, parent), fn, on_success, on_failure, None)


class JobControl:
    """What a cancellable job sees: call it to know whether to go on; ``report()`` progress.

    It is a ``should_continue`` callable (``control()`` is False once cancelled), so it can be
    handed to services that take one. Thread-safe.
    """

    def __init__(self, job_id: int, stop: threading.Event, relay: _Relay) -> None:
        self._job_id = job_id
        self._stop = stop
        self._relay = relay

    def __call__(self) -> bool:
        return not self._stop.is_set()

    def should_continue(self) -> bool:
        return not self._stop.is_set()

    def report(self, value: object) -> None:
        """Send a progress value (a number, a text, a small frozen dataclass) to the GUI."""
        if not self._stop.is_set():
            self._relay.sig_progress.emit(self._job_id, value)


def run_cancellable(
    fn: Callable[[JobControl], object],
    on_success: Success | None = None,
    on_failure: Failure | None = None,
    *,
    parent: QObject | None = None,
    name: str = "job",
    on_progress: Progress | None = None,
) -> Job:
    """Like ``run_in_background``, but ``fn`` receives a ``JobControl`` to check between steps.

    ``job.cancel()`` makes ``control()`` return False and discards the outcome; ``on_progress``
    receives what the job passes to ``control.report()``.
    """
    job = Job(name, parent)
    control = JobControl(0, job._stop, _infrastructure()[0])  # the worker never sees the Job
    return _start(job, lambda: fn(control), on_success, on_failure, on_progress, control)


def running_jobs() -> int:
    """How many jobs have started and not yet delivered their outcome."""
    return len(_relay.jobs) if _relay is not None and is_valid(_relay) else 0


def wait_for_jobs(msecs: int = 5000) -> bool:
    """Block until every worker has ended (at shutdown, or in tests). True if they all did."""
    if _pool is None or not is_valid(_pool):
        return True
    return bool(_pool.waitForDone(msecs))
