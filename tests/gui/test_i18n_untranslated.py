"""No user-visible word of the main windows stays in English when the interface is in French.

The same windows are built twice on the same data, once in English and once with the French
translator: main window (menus, pages, status bar, Activity dock), Platforms window and its add
form, bot list, bot editor, Settings. Every text of a button, label, group box, menu, action, tab,
table header, combo box and window title is collected; a text that reads the same in both
languages is an untranslated string, unless the translation file says the French is the same word
(``Pause``, ``Budget``, ``Notifications``…) or it is a proper noun, user data or a symbol.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui.i18n import install_translators
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import (
    QAbstractButton,
    QAction,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    Qt,
    QTableView,
    QTabWidget,
    QWidget,
)
from crypty_desktop.resources import resource_path
from tests.gui.bot_helpers import add_demo, close_window, make_bot, open_window, wait_loaded

pytestmark = [pytest.mark.gui]

BOT_NAME = "btc-dca-test"
#: Proper nouns, product words and user data that are the same in every language.
ALLOWED = {
    "Binance",
    "Crypty Desktop",
    "OK",
    "GHOST",
    "TRADER",
    "Ghost",
    "Trader",
    "Demo",  # the demo platform's name (user data)
    BOT_NAME,
    "English",
    "Français",
    "Export...",  # pyqtgraph's own chart context menu (a library, not our words)
}
_NO_WORDS = re.compile(r"^[^A-Za-zÀ-ÿ]*$")  # numbers, symbols, dashes
_TICKER = re.compile(r"^[A-Z0-9]{2,12}$|^\d+[mhdw]$")  # BTCUSDT, USDT, 1m, 4h


def _clean(text: str) -> str:
    text = text.split("\t", 1)[0]
    text = re.sub(r"<[^>]+>", "", text)  # rich text: the words only
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _texts_of(obj: object) -> set[str]:
    found: set[str] = set()
    if isinstance(obj, QAbstractButton | QLabel | QAction):
        found.add(obj.text())
    if isinstance(obj, QGroupBox):
        found.add(obj.title())
    if isinstance(obj, QMenu):
        found.add(obj.title())
    if isinstance(obj, QComboBox):
        found |= {obj.itemText(i) for i in range(obj.count())}
    if isinstance(obj, QTabWidget):
        found |= {obj.tabText(i) for i in range(obj.count())}
    if isinstance(obj, QDialog | QDockWidget) or (isinstance(obj, QWidget) and obj.isWindow()):
        found.add(obj.windowTitle())
    if isinstance(obj, QTableView) and obj.model() is not None:
        model = obj.model()
        columns = obj.horizontalHeader().count()
        found |= {str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)}
    return found


def visible_texts(*roots: QWidget) -> set[str]:
    texts: set[str] = set()
    for root in roots:
        for obj in [root, *root.findChildren(QWidget), *root.findChildren(QAction)]:
            for text in _texts_of(obj):
                for line in _clean(text).splitlines():
                    if line.strip():
                        texts.add(line.strip())
    return texts


def _words(text: str) -> str:
    """The text without a leading symbol ("❚❚ Pause" → "Pause")."""
    return re.sub(r"^[^\wÀ-ÿ]+", "", text)


def same_in_french() -> set[str]:
    """Sources whose French translation is, on purpose, the same word."""
    tree = ET.parse(resource_path("translations", "crypty_fr.ts"))  # noqa: S314 - our own file
    same = set()
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        if (message.findtext("translation") or "") == source:
            same.add(_clean(source))
    return same


def build_all(qtbot: QtBot, core: Core) -> tuple[MainWindow, list[QWidget]]:
    window = open_window(qtbot, core)  # waits for the keychain check and the bot list
    wait_loaded(qtbot, window)
    window.bots.list.select_bot(core.bots.find(BOT_NAME).id)
    window.extras.activity_action.trigger()
    dialog = window.open_platforms()
    form = dialog.open_add_form(PlatformType.BINANCE)
    editor = window.bots.list.open_editor()
    settings = window.extras.open_settings()
    return window, [window, dialog, form, editor, settings]


def close_all(window: MainWindow, roots: list[QWidget]) -> None:
    for widget in roots[1:]:
        widget.close()
    close_window(window)
    QApplication.processEvents()


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_translators(qapp, "en")


def test_every_visible_text_is_translated_in_french(
    qtbot: QtBot, core: Core, no_onboarding: None, app: QApplication
) -> None:
    add_demo(core)
    make_bot(core, BOT_NAME)
    install_translators(app, "en")
    window, roots = build_all(qtbot, core)
    english = visible_texts(*roots)
    close_all(window, roots)

    assert install_translators(app, "fr"), "the French translation should load"
    window, roots = build_all(qtbot, core)
    french = visible_texts(*roots)
    close_all(window, roots)

    assert "Paramètres" in french and "Plateformes" in french  # the translator is in use
    allowed = ALLOWED | same_in_french()
    untranslated = sorted(
        text
        for text in english & french
        if _words(text) not in allowed and not _NO_WORDS.match(text) and not _TICKER.match(text)
    )
    assert untranslated == [], f"still in English with the French interface: {untranslated}"
