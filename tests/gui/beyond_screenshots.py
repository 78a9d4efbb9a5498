"""Screenshots at 1366×768 of Settings › Notifications (alert targets) and File › Export trades….

Run under Xvfb, once per language (``en`` or ``fr``)::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.beyond_screenshots docs/screenshots fr

One target receives alerts on a loopback endpoint, another points at a closed port (failing).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QDate, QSettings  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.app.test_alerts import Endpoint  # noqa: E402
from tests.gui.laptop_screenshots import grab_screen, run_for  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def main(folder: Path, language: str) -> None:
    from crypty_desktop.credentials import CredentialStore

    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "en" else f"-{language}"
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    endpoint = Endpoint()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        ensure_demo(core.platforms, core.bots, with_sample_bot=True)
        core.alerts._first_pause = 0.05  # noqa: SLF001 - a quick failure for the picture
        core.alerts.add_target("Phone (ntfy)", endpoint.url)
        core.alerts.add_target("Team chat", "json://127.0.0.1:9/closed")
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 1.5)
        core.alerts.send_test()
        core.alerts.wait_idle(20)
        dialog = window.extras.open_settings()
        dialog.tabs.setCurrentIndex(1)
        dialog.move(300, 20)
        grab_screen(app, folder / f"settings-notifications-1366{suffix}.png")
        dialog.reject()
        export = window.open_export()
        export.from_edit.setDate(QDate(2026, 1, 1))
        export.to_edit.setDate(QDate(2026, 12, 31))
        export.format_box.setCurrentIndex(export.format_box.findData("koinly"))
        export.path_edit.setText(str(Path.home() / "crypty-trades-2026.csv"))
        export.move(380, 150)
        grab_screen(app, folder / f"export-1366{suffix}.png")
        export.close()
        window.bots.supervisor.stop_all("screenshots", wait_ms=5000)
        window.hide()
        core.close()
    endpoint.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en")
