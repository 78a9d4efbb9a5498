"""Every control of the main windows has a name a screen reader can say.

The name is what Qt's accessibility layer reports (``QAccessible``): an accessible name set on
the widget, its text, or the text of the label it is the buddy of.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.qt import (
    QAbstractButton,
    QAbstractSpinBox,
    QAccessible,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QWidget,
)
from tests.gui.bot_helpers import add_demo, make_bot
from tests.gui.test_i18n_untranslated import BOT_NAME, build_all, close_all

pytestmark = [pytest.mark.gui]

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTableView,
    QListWidget,
    QTabWidget,
)


def _inner_part(widget: QWidget) -> bool:
    """The line edit inside a spin box or an editable combo box is named through its owner."""
    parent = widget.parentWidget()
    return isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox)


def nameless_controls(*roots: QWidget) -> list[str]:
    missing = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
                continue
            if _inner_part(widget):
                continue
            face = QAccessible.queryAccessibleInterface(widget)
            name = face.text(QAccessible.Text.Name) if face is not None else ""
            if not name.strip():
                missing.append(
                    f"{type(root).__name__} › {type(widget).__name__} {widget.objectName()!r}"
                )
    return missing


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, core: Core, no_onboarding: None
) -> None:
    add_demo(core)
    make_bot(core, BOT_NAME)
    window, roots = build_all(qtbot, core)
    try:
        for row in range(window.nav.count()):  # each page once, with its controls
            window.nav.setCurrentRow(row)
            qtbot.wait(50)
            missing = nameless_controls(*roots)
            assert missing == [], f"page {row}: {missing}"
    finally:
        close_all(window, roots)
