"""One window per data folder: a second ``python -m crypty_desktop`` brings the first to the front.

Both launches are real processes (offscreen Qt, a temporary data folder and settings folder).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crypty_desktop.bots.ownership import LOCKS_FOLDER, HeldLock, LockFolder, Role
from crypty_desktop.gui.single_window import SHOW_REQUEST

pytestmark = [pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 60.0  # float-ok: seconds for a window to start on a loaded machine


def _launch(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crypty_desktop"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _log_text(data: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in (data / "logs").glob("*.log*"))


def test_a_second_launch_brings_the_first_window_to_the_front_and_exits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CRYPTY_DATA_DIR": str(data),
        "CRYPTY_NO_ONBOARDING": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the user's settings are never touched
    }
    locks = LockFolder(data / LOCKS_FOLDER)
    first = _launch(env)
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            owner = locks.holder(locks.app_path)
            if owner is not None and owner.pid == first.pid:
                break
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first window did not start"
            time.sleep(0.2)
        assert owner.role is Role.WINDOW

        second = _launch(env)
        out, err = second.communicate(timeout=DEADLINE)
        assert second.returncode == 0, err
        assert not (locks.folder / SHOW_REQUEST).exists()  # the first window took the request
        deadline = time.monotonic() + 10
        while "asked this window to come to the front" not in _log_text(data):
            assert time.monotonic() < deadline, _log_text(data)
            time.sleep(0.1)
        assert first.poll() is None  # still the one window

        first.send_signal(signal.SIGKILL)  # a crash: the lock goes with the process
        first.wait(timeout=10)
        after = locks.acquire_app()
        assert isinstance(after, HeldLock)
        after.release()
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate(timeout=10)
