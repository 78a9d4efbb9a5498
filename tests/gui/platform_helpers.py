"""Helpers for the Platforms GUI tests: fill and save the form, read what widgets show."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, Permissions, PlatformType
from crypty_desktop.gui.platform_form import PlatformForm
from crypty_desktop.gui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTableWidget,
    QTextEdit,
    QWidget,
)


def wait_job(qtbot: QtBot, job: object) -> None:
    """Wait until a job (``gui.jobs.Job``) has delivered its outcome."""
    assert job is not None
    if getattr(job, "done", False):
        return
    with qtbot.wait_signal(job.sig_finished, timeout=15_000):  # type: ignore[attr-defined]
        pass


def fill_form(
    form: PlatformForm,
    *,
    name: str | None = None,
    type_: PlatformType | None = None,
    key: str | None = None,
    secret: str | None = None,
    use: IntendedUse | None = None,
) -> None:
    if type_ is not None:
        form.type_box.setCurrentIndex(form.type_box.findData(type_))
    if name is not None:
        form.name_edit.setText(name)
    if key is not None:
        form.access_edit.setText(key)
    if secret is not None:
        form.secret.edit.setText(secret)
    if use is not None:
        form.use_buttons[use].setChecked(True)


def save(qtbot: QtBot, form: PlatformForm) -> None:
    """Click Save and wait for the save job (if the form started one) to end."""
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    job = form.save_job
    if job is not None:
        wait_job(qtbot, job)


def table_rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def widget_texts(widget: QWidget) -> list[str]:
    """Every piece of text a widget and its children show or hold (titles, tooltips too)."""
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTableWidget):
        for row in table_rows(widget):
            texts += row
    return texts


def all_widget_texts() -> str:
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts += widget_texts(widget)
    return "\n".join(texts)


class BlockingGateway:
    """Wraps a real gateway; ``read_permissions`` waits for ``release`` (to test cancel)."""

    def __init__(self, inner: object, entered: threading.Event, release: threading.Event) -> None:
        self._inner = inner
        self._entered = entered
        self._release = release

    def read_permissions(self) -> Permissions:
        self._entered.set()
        assert self._release.wait(15)
        return self._inner.read_permissions()  # type: ignore[attr-defined,no-any-return]

    def close(self) -> None:
        self._inner.close()  # type: ignore[attr-defined]


def blocking_connector(
    connect: object, entered: threading.Event, release: threading.Event
) -> object:
    def connector(type_: PlatformType, creds: ApiCredentials) -> BlockingGateway:
        return BlockingGateway(connect(type_, creds), entered, release)  # type: ignore[operator]

    return connector
