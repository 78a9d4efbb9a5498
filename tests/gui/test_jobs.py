"""The background job helper: outcomes on the GUI thread, cancel, progress, parent lifetime."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.gui.jobs import (
    JobControl,
    run_cancellable,
    run_in_background,
    running_jobs,
    wait_for_jobs,
)
from crypty_desktop.gui.qt import QThread, QWidget


def test_success_is_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    gui_thread = QThread.currentThread()
    worker_threads: list[object] = []
    seen: list[tuple[object, object]] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    job = run_in_background(work, lambda value: seen.append((value, QThread.currentThread())))
    with qtbot.wait_signal(job.sig_finished):
        pass
    assert seen == [(42, gui_thread)]
    assert worker_threads and worker_threads[0] is not gui_thread
    assert job.done and not job.running


def test_failure_is_delivered_with_the_exception(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("bad input")

    job = run_in_background(work, lambda _v: pytest.fail("no success"), errors.append)
    with qtbot.wait_signal(job.sig_finished):
        pass
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_cancel_discards_the_result_and_stops_the_job(qtbot: QtBot) -> None:
    started = threading.Event()
    release = threading.Event()
    checks: list[bool] = []

    def work(control: JobControl) -> str:
        started.set()
        release.wait(10)
        checks.append(control())
        return "late"

    job = run_cancellable(work, lambda _v: pytest.fail("cancelled job delivered"))
    assert started.wait(10)
    with qtbot.wait_signal(job.sig_cancelled):
        job.cancel()
    assert job.cancelled and not job.should_continue()
    with qtbot.wait_signal(job.sig_finished):
        release.set()
    assert checks == [False]


def test_progress_reports_reach_the_gui(qtbot: QtBot) -> None:
    values: list[object] = []

    def work(control: JobControl) -> None:
        for step in range(3):
            control.report(step)

    job = run_cancellable(work, on_progress=values.append)
    with qtbot.wait_signal(job.sig_finished):
        pass
    assert values == [0, 1, 2]


def test_nothing_is_delivered_to_a_destroyed_parent(qtbot: QtBot) -> None:
    release = threading.Event()
    parent = QWidget()
    delivered: list[object] = []
    run_in_background(lambda: release.wait(10), delivered.append, parent=parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent))
    release.set()
    assert wait_for_jobs(10_000)
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert delivered == []


def _alive(widget: QWidget) -> bool:
    from crypty_desktop.gui.qt import is_valid

    return bool(is_valid(widget))
