"""Screenshots of the real window on a 1366×768 screen: the Optimise tab (heatmap, walk-forward
folds, Monte Carlo distribution) and a backtest's Metrics tab, in a language and a theme.

Run under Xvfb, once per language and theme::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.optimise_screenshots docs/screenshots fr dark
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QDate, QGuiApplication, QSettings  # noqa: E402
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def run_until(app: QApplication, done: object, limit: float = 600) -> None:  # float-ok
    end = time.monotonic() + limit
    while callable(done) and not done() and time.monotonic() < end:
        run_for(app, 0.1)


def grab_screen(path: Path) -> None:
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    print(path)


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
        ensure_demo(core.platforms, core.bots, with_sample_bot=False)
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 2.0)
        if window.help_dock is not None:
            window.help_dock.hide()
        page = window.backtests_page
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        run_until(app, lambda: page.choices_job is None)
        page.start_edit.setDate(QDate(2024, 1, 1))
        page.end_edit.setDate(QDate(2024, 4, 20))
        page.run()
        run_until(app, lambda: page.job is None)
        view = page.tabs.currentWidget()
        view.lower_tabs.setCurrentWidget(view.metrics)
        view.scroll_area.verticalScrollBar().setValue(
            view.scroll_area.verticalScrollBar().maximum()
        )
        run_for(app, 1.0)
        grab_screen(folder / f"backtest-metrics-1366{suffix}.png")

        page.modes.setCurrentIndex(1)
        tab = page.optimise
        tab.set_values("fast", "4:20:2")
        tab.set_values("slow", "20:60:5")
        tab.set_values("risk.stop_loss_pct", "0; 3")
        tab.folds.setValue(3)
        tab.runs.setValue(2000)
        job = tab.run()
        assert job is not None
        run_until(app, lambda: tab.progress.value() > 0 or tab.job is None)
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-running-1366{suffix}.png")
        run_until(app, lambda: tab.job is None)
        results = tab.view
        assert results is not None
        results.sections.setCurrentIndex(1)
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-heatmap-1366{suffix}.png")
        results.sections.setCurrentIndex(2)
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-walkforward-1366{suffix}.png")
        results.sections.setCurrentIndex(3)
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-montecarlo-1366{suffix}.png")
        results.sections.setCurrentIndex(0)
        results.ask_for_ghost_bot()
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-ghost-verdict-1366{suffix}.png")
        if results.confirm_box is not None:
            results.confirm_box.reject()
        window.close()
        core.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"),
        sys.argv[2] if len(sys.argv) > 2 else "en",
        sys.argv[3] if len(sys.argv) > 3 else "light",
    )
