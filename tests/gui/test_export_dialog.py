"""File › Export trades…: the dialog writes the core's export in the background and says how many
trades it wrote; a bad place is said in words and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.export_dialog import ExportDialog
from crypty_desktop.gui.qt import QDate
from tests.reports.test_exports import history  # noqa: F401 - the fixture

pytestmark = [pytest.mark.gui]


def test_export_writes_the_chosen_format(qtbot: QtBot, history: Core, tmp_path: Path) -> None:  # noqa: F811
    dialog = ExportDialog(history, tmp_path)
    qtbot.add_widget(dialog)
    dialog.from_edit.setDate(QDate(2024, 3, 1))
    dialog.to_edit.setDate(QDate(2024, 3, 2))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("koinly"))
    assert dialog.path_edit.text().endswith(".csv")
    target = tmp_path / "tax.csv"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    qtbot.wait_until(lambda: dialog.job is None and dialog.message.level == "ok", timeout=10000)
    assert "2" in dialog.message.text.text()
    assert target.read_text(encoding="utf-8").startswith("Date,Sent Amount,Sent Currency")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("json"))
    assert dialog.path_edit.text().endswith("tax.json")

    dialog.path_edit.setText(str(tmp_path / "no-such-folder" / "x.csv"))
    dialog.export_button.click()
    qtbot.wait_until(lambda: dialog.job is None and dialog.message.level == "error", timeout=10000)
    assert "could not be written" in dialog.message.text.text()
    assert not (tmp_path / "no-such-folder").exists()
