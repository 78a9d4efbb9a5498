"""The tray on a real X display with a system tray (Xvfb + trayer), not the offscreen stand-in.

The session runs in its own process (``tests.gui.tray_session``): this process's Qt is offscreen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("trayer")),
    reason="needs xvfb-run and trayer (make test installs them)",
)
def test_closing_the_window_keeps_the_bot_running_in_a_real_tray_until_quit() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(  # noqa: S603 - our own module under a local X server
        ["xvfb-run", "-a", sys.executable, "-m", "tests.gui.tray_session"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["tray_icon_visible"]
    assert "Keep running in the background" in seen["question"]
    assert not seen["window_visible_after_close"]
    assert seen["running_after_close"] and seen["close_answer"] == "background"
    assert seen["tray_icon_visible_after_close"]
    assert [m.strip() for m in seen["menu"]] == [
        "1 bot running",
        "night-owl",
        "Show Crypty Desktop",
        "Stop all bots",
        "Make everything safe…",
        "Quit",
    ]
    assert seen["notification_channel"] == "tray"  # a balloon from the tray icon, not a toast
    assert seen["after_quit"] == {"running": [], "state": "stopped", "resumes": True}
