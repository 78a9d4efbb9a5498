"""Screenshots of the real window on a 1366×768 screen: Bots › Report…, in a language and a theme.

Run under Xvfb, once per language and theme::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.report_screenshots /tmp/shots fr dark

A Ghost SMA crossover bot trades on the offline demo (the scenario of
``tests/reports/test_parity.py``), then the window shows its report.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.bot_report_dialog import BotReportDialog  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QGuiApplication, QSettings  # noqa: E402
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.gui.parity_screenshots import run_for  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402
from tests.reports.test_parity import ghost, run_ghost  # noqa: E402


def main(folder: Path, language: str, theme: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        spec = ghost(core, "BTC crossover")
        run_ghost(core, spec, trades=24)
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 2.0)
        bots = window.bots.list
        bots.reload()
        run_for(app, 2.0)
        bots.select_bot(spec.id)
        window.bots.report_action.trigger()
        dialog = bots.findChild(BotReportDialog)
        assert dialog is not None
        dialog.setGeometry(40, 40, 1286, 680)
        for _ in range(100):
            if dialog.report is not None or not dialog.message.isHidden():
                break
            run_for(app, 0.2)
        run_for(app, 1.0)
        path = folder / f"report-1366{suffix}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        dialog.close()
        window.close()
        core.close()


if __name__ == "__main__":
    args = [*sys.argv[1:], "en", "light"]
    main(Path(args[0]), args[1], args[2] if len(sys.argv) > 3 else "light")
