"""Screenshots of the real window filling the screen: a platform with a long name in the platform
drop-downs (the Backtest tab, the Optimise tab, the bot editor), closed and open, in a language
and a theme, the guide open or closed.

Run under Xvfb, once per language, theme and guide::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.platform_name_screenshots /tmp/shots fr dark [guide]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.domain.platform import IntendedUse, PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.bot_editor import BotEditor  # noqa: E402
from crypty_desktop.gui.eliding_combo import ElidingComboBox  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QGuiApplication, QSettings  # noqa: E402
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.help import OPTIMISE_TOPIC  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.gui.optimise_screenshots import grab_screen, run_for, run_until  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

LONG_NAME = "My main Binance account — long-term savings"


def closed_and_open(app: QApplication, combo: ElidingComboBox, path: Path) -> None:
    """The drop-down closed (its tooltip shown as on hover), then open."""
    run_for(app, 0.5)
    print(f"{path.stem}: shown {combo.shown_text()!r}, tooltip {combo.toolTip()!r}")
    grab_screen(path.with_name(f"{path.stem}-closed.png"))
    combo.showPopup()
    run_for(app, 0.8)
    view = combo.view()
    print(f"{path.stem}: list {view.viewport().width()} px for {view.sizeHintForColumn(0)} px")
    grab_screen(path.with_name(f"{path.stem}-open.png"))
    combo.hidePopup()


def main(folder: Path, language: str, theme: str, guide: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    suffix += "-guide" if guide else ""
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
    screen = QGuiApplication.primaryScreen().geometry()
    width = screen.width()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        ensure_demo(core.platforms, core.bots, with_sample_bot=False)
        platform = core.platforms.add(
            LONG_NAME, PlatformType.SIMULATED, intended_use=IntendedUse.ANY
        )
        window = MainWindow(core)
        window.setGeometry(0, 0, width, screen.height() - 30)  # no window manager under Xvfb
        window.show()
        run_for(app, 2.0)
        if guide:
            window.show_help(OPTIMISE_TOPIC)
        elif window.help_dock is not None:
            window.help_dock.hide()
        page = window.backtests_page
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        run_until(app, lambda: page.choices_job is None)
        page.source_form.choose(platform.id, "BTCUSDT", "1h")
        run_until(app, lambda: page.choices_job is None)
        combo = page.platform_combo
        assert isinstance(combo, ElidingComboBox)
        closed_and_open(app, combo, folder / f"platform-backtest-{width}{suffix}.png")

        page.modes.setCurrentIndex(1)
        form = page.optimise.source_form
        run_until(app, lambda: form.choices_job is None)
        assert isinstance(form.platform_combo, ElidingComboBox)
        closed_and_open(app, form.platform_combo, folder / f"platform-optimise-{width}{suffix}.png")

        editor = BotEditor(core, window)
        editor.show()
        run_for(app, 1.0)
        box = editor.platform_box
        assert isinstance(box, ElidingComboBox)
        box.setCurrentIndex(box.findData(platform.name))
        closed_and_open(app, box, folder / f"platform-bot-editor-{width}{suffix}.png")
        editor.reject()
        window.close()
        core.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"),  # noqa: S108 - a default
        sys.argv[2] if len(sys.argv) > 2 else "en",
        sys.argv[3] if len(sys.argv) > 3 else "light",
        len(sys.argv) > 4 and sys.argv[4] == "guide",
    )
