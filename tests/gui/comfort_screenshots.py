"""Screenshots of the main window in French and English, light and dark, and of Settings.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.gui.comfort_screenshots [folder]``
(default folder ``/work/notes/shots``). Uses a throw-away data folder and settings, the offline
demo and two Ghost bots, one of them running.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CRYPTY_NO_ONBOARDING"] = "1"


def main(folder: Path) -> None:
    from crypty_desktop.app import build_core
    from crypty_desktop.credentials import CredentialStore
    from crypty_desktop.domain.bots import BotKind
    from crypty_desktop.domain.platform import PlatformType
    from crypty_desktop.gui.application import make_application
    from crypty_desktop.gui.i18n import install_translators
    from crypty_desktop.gui.jobs import wait_for_jobs
    from crypty_desktop.gui.main_window import MainWindow
    from crypty_desktop.gui.qt import QApplication, QSettings
    from crypty_desktop.gui.theme import apply_theme
    from crypty_desktop.settings import Settings
    from tests.memory_keyring import MemoryKeyring

    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="crypty-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "qs"))
    app = make_application(sys.argv)
    core = build_core(Settings(data_dir=scratch / "data"), CredentialStore(MemoryKeyring()))
    core.platforms.add("Demo", PlatformType.SIMULATED)
    for name, every in (("btc-dca", 1), ("btc-slow", 3)):
        core.bots.create(
            name=name,
            platform_name="Demo",
            kind=BotKind.GHOST,
            symbol="BTCUSDT",
            strategy="dca",
            params={"every": str(every), "quote_amount": "20"},
            budget="1234.5",
        )

    def settle(ms: int = 600) -> None:
        for _ in range(4):
            wait_for_jobs(10_000)
            end = __import__("time").monotonic() + ms / 4000
            while __import__("time").monotonic() < end:
                QApplication.processEvents()

    for language in ("en", "fr"):
        install_translators(app, language)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            window = MainWindow(core)
            window.resize(1180, 720)
            window.show()
            settle()
            spec = core.bots.find("btc-dca")
            window.bots.supervisor.start(spec)
            window.bots.list.select_bot(spec.id)
            window.extras.activity_dock.show()
            settle(3000)
            window.grab().save(str(folder / f"main-{language}-{theme}.png"))
            if theme == "light":
                dialog = window.extras.open_settings()
                settle()
                dialog.grab().save(str(folder / f"settings-{language}.png"))
                dialog.reject()
                editor = window.bots.list.open_editor()
                settle()
                editor.grab().save(str(folder / f"bot-editor-{language}.png"))
                editor.reject()
                window.nav.setCurrentRow(0)
                settle(1500)
                window.grab().save(str(folder / f"dashboard-{language}.png"))
            window.bots.supervisor.stop_all("screenshots", wait_ms=5000)
            window.extras.prefs.set(
                __import__("crypty_desktop.gui.preferences", fromlist=["x"]).CLOSE_ACTION, "stop"
            )
            window.close()
            window.deleteLater()
            settle()
    core.close()
    print("saved to", folder)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/notes/shots"))
