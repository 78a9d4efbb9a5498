"""Screenshots of the real window filling the screen (1366×768, 1920×1080): the Optimise tab
(each result section: scores, heatmap, walk-forward folds, Monte Carlo distribution, stability)
and a backtest's Metrics tab, in a language and a theme, the guide open or closed.

Run under Xvfb, once per language, theme and guide::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.optimise_screenshots docs/screenshots fr dark [guide]
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
from crypty_desktop.help import OPTIMISE_TOPIC  # noqa: E402
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


def main(folder: Path, language: str, theme: str, guide: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    suffix += "-guide" if guide else ""
    app = make_application(sys.argv[:1])
    screen = QGuiApplication.primaryScreen().geometry()
    width = screen.width()
    install_translators(app, language)
    apply_theme(app, theme)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        ensure_demo(core.platforms, core.bots, with_sample_bot=False)
        window = MainWindow(core)
        # no window manager under Xvfb: the whole screen
        window.setGeometry(0, 0, width, screen.height() - 30)
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
        grab_screen(folder / f"backtest-metrics-{width}{suffix}.png")

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
        grab_screen(folder / f"optimise-running-{width}{suffix}.png")
        run_until(app, lambda: tab.job is None)
        results = tab.view
        assert results is not None
        if guide:
            window.show_help(OPTIMISE_TOPIC)
        sections = ("scores", "heatmap", "walkforward", "montecarlo", "stability")
        for index, name in enumerate(sections):
            results.sections.setCurrentIndex(index)
            run_for(app, 1.0)
            grab_screen(folder / f"optimise-{name}-{width}{suffix}.png")
        results.sections.setCurrentIndex(0)
        results.ask_for_ghost_bot()
        run_for(app, 1.0)
        grab_screen(folder / f"optimise-ghost-verdict-{width}{suffix}.png")
        if results.confirm_box is not None:
            results.confirm_box.reject()
        window.close()
        core.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"),
        sys.argv[2] if len(sys.argv) > 2 else "en",
        sys.argv[3] if len(sys.argv) > 3 else "light",
        len(sys.argv) > 4 and sys.argv[4] == "guide",
    )
