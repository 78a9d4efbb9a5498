"""A session with a real system tray: run under an X server that has a tray (see test_tray_real).

Run: ``python -m tests.gui.tray_session`` with ``DISPLAY`` set and ``QT_QPA_PLATFORM=xcb``. It
starts ``trayer`` (a small XEmbed tray) on that display, opens the window on the offline demo
with one running Ghost bot, closes the window as a user would (answering "Keep running in the
background"), shows a notification, then quits from the tray. It prints one JSON object of what
it saw, and exits 0 (1 when the display has no tray even with trayer running).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ["CRYPTY_NO_ONBOARDING"] = "1"


def _pump(seconds: float, until: Any = None) -> bool:  # float-ok: wall time
    from crypty_desktop.gui.qt import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if until is not None and until():
            return True
        time.sleep(0.01)
    return until is None


def main() -> int:
    from crypty_desktop.app import build_core
    from crypty_desktop.credentials import CredentialStore
    from crypty_desktop.gui import preferences as prefs
    from crypty_desktop.gui.application import make_application
    from crypty_desktop.gui.main_window import MainWindow
    from crypty_desktop.gui.qt import QApplication, QSettings, QSystemTrayIcon
    from crypty_desktop.notifications import Notification, NotificationKind
    from crypty_desktop.settings import Settings
    from tests.gui.bot_helpers import add_demo, answer_next_box, make_bot
    from tests.memory_keyring import MemoryKeyring

    scratch = Path(tempfile.mkdtemp(prefix="crypty-tray-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "qs"))
    tray_host = subprocess.Popen(  # noqa: S603 - a fixed local program
        ["trayer", "--expand", "true"],  # noqa: S607 - found on PATH, as installed by apt
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: dict[str, Any] = {}
    try:
        app = make_application(sys.argv)
        if not _pump(10, QSystemTrayIcon.isSystemTrayAvailable):
            print(json.dumps({"error": "no system tray on this display"}))
            return 1
        core = build_core(Settings(data_dir=scratch / "data"), CredentialStore(MemoryKeyring()))
        add_demo(core)
        spec = make_bot(core, "night-owl")
        window = MainWindow(core)
        window.show()
        tray = window.extras.tray
        seen["tray_icon_visible"] = tray.icon is not None and tray.icon.isVisible()
        window.bots.supervisor.start(spec)
        _pump(20, lambda: window.bots.supervisor.running() == [spec.id])
        question = answer_next_box("Keep running in the background")
        window.close()
        _pump(1)
        seen["question"] = question
        seen["window_visible_after_close"] = window.isVisible()
        seen["running_after_close"] = window.bots.supervisor.running() == [spec.id]
        seen["close_answer"] = window.extras.prefs.get(prefs.CLOSE_ACTION)
        tray.rebuild_menu()
        seen["menu"] = [a.text().replace("&", "") for a in tray.menu.actions() if a.text()]
        seen["tray_icon_visible_after_close"] = tray.icon is not None and tray.icon.isVisible()
        notice = Notification(NotificationKind.FILL, "night-owl", "Bought 1 BTC.", "info")
        window.extras.presenter.present(notice)
        seen["notification_channel"] = window.extras.presenter.last_channel
        tray.quit()
        _pump(1)
        state, _reason, should_run = core.bot_store.state(spec.id)
        seen["after_quit"] = {
            "running": window.bots.supervisor.running(),
            "state": state.value,
            "resumes": should_run,
        }
        core.close()
        QApplication.processEvents()
        del app
    finally:
        tray_host.terminate()
        tray_host.wait(5)
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
