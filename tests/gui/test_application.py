"""Starting the app, and the crash dialog that never shows a secret."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.gui.crash import CrashReporter, redact
from crypty_desktop.gui.qt import QWidget

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

START_AND_QUIT = """
import sys
from crypty_desktop.gui.qt import QApplication, QTimer
from crypty_desktop.gui.application import run
app = QApplication(sys.argv)
seen = []
def look():
    seen.extend(w.windowTitle() for w in app.topLevelWidgets() if w.isVisible())
    app.quit()
QTimer.singleShot(300, look)
code = run(sys.argv)
print("windows:", seen, "style:", app.style().name(), "name:", app.applicationName())
sys.exit(code)
"""


def test_run_starts_the_main_window_and_returns_the_exit_code(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        CRYPTY_DATA_DIR=str(tmp_path / "data"),
        CRYPTY_NO_ONBOARDING="1",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    done = subprocess.run(
        [sys.executable, "-c", START_AND_QUIT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Crypty Desktop" in done.stdout
    assert "style: fusion" in done.stdout.lower()
    assert (tmp_path / "data" / "crypty.sqlite3").is_file()


def test_redact_masks_keys_and_pem_blocks() -> None:
    pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----"
    text = redact(f"secret={SECRET} key={pem} short=abc token {SECRET}")
    assert SECRET not in text and "PRIVATE KEY" not in text
    assert "secret=<hidden>" in text and "short=abc" in text  # named: hidden whole
    assert "token NhqP…Tj0j" in text  # by shape: masked, still telling keys apart


@pytest.mark.logs(r"Unexpected error")
def test_a_crash_in_a_thread_opens_one_dialog_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.add_widget(parent)
    reporter = CrashReporter(parent)
    reporter.install()
    try:

        def boom() -> None:
            raise RuntimeError(f"signature failed for {SECRET}")

        with qtbot.wait_signal(reporter.sig_crashed, timeout=10_000) as blocker:
            thread = threading.Thread(target=boom)
            thread.start()
            thread.join()
    finally:
        reporter.uninstall()
    summary, report = blocker.args
    assert "RuntimeError" in summary and SECRET not in summary and SECRET not in report
    qtbot.waitUntil(lambda: reporter.box is not None)
    box = reporter.box
    assert box is not None
    assert SECRET not in box.text() + box.informativeText() + box.detailedText()
    assert "Something went wrong" in box.text()
    box.close()


def test_redact_keeps_paths_and_names_readable() -> None:
    line = 'File "/work/main/crypty_desktop/gui/platforms_dialog.py", line 12, in _on_removed'
    assert redact(line) == line
