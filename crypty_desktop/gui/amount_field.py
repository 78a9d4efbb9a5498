"""A field for a number, read and shown the one way the app has (``domain.amounts``).

``AmountEdit`` reads what the user typed in the interface language's format (``60,000.5`` in
English, ``60 000,5`` in French) and never guesses: a refused text shows its sentence right under
the field (``error_label``), the field is marked, and the caller saves nothing. Typing again
clears the sentence. ``amount_cell`` puts the field, anything beside it and its sentence together.
"""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.domain.amounts import MAX_CHARS, format_amount, parse_amount
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.gui.i18n import core_text, current_language
from crypty_desktop.gui.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.gui.theme import LOSS_COLOUR

ERROR_COLOUR = LOSS_COLOUR


class AmountEdit(QLineEdit):
    """A line edit for a number, with the sentence that says why what it holds is refused."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaxLength(MAX_CHARS)
        self.setMaximumWidth(160)
        self.error_label = QLabel("")
        self.error_label.setObjectName("amountError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setVisible(False)
        self.textEdited.connect(self._on_text_edited)

    # --- reading ----------------------------------------------------------------------------------
    def amount(self) -> Decimal | None:
        """The number shown; None when the field is empty.

        Raises:
            ValidationError: the text is not a number written the interface language's way.
        """
        if not self.text().strip():
            return None
        return parse_amount(self.text(), current_language())

    def checked_amount(self) -> tuple[bool, Decimal | None]:
        """``(True, number or None)``, or ``(False, None)`` with the refusal shown by the field."""
        try:
            value = self.amount()
        except ValidationError as error:
            self.show_error(core_text(error.message))
            return False, None
        self.clear_error()
        return True, value

    # --- showing ----------------------------------------------------------------------------------
    def set_amount(self, value: Decimal | None, places: int | None = None) -> None:
        """Show ``value`` the interface language's way (empty for None)."""
        self.setText("" if value is None else format_amount(value, current_language(), places))
        self.clear_error()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.setAccessibleDescription(text)
        self.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}")

    def clear_error(self) -> None:
        self.error_label.setVisible(False)
        self.error_label.setText("")
        self.setAccessibleDescription("")
        self.setStyleSheet("")

    def error(self) -> str:
        """The sentence shown under the field ("" when none)."""
        return self.error_label.text()

    def _on_text_edited(self, _text: str) -> None:
        if self.error_label.text():
            self.clear_error()


def amount_cell(edit: AmountEdit, *beside: QWidget, stretch_last: bool = False) -> QWidget:
    """The field with what goes beside it (a unit, a hint) on one line, its sentence below."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit)
    for index, widget in enumerate(beside):
        last = index == len(beside) - 1
        row.addWidget(widget, 1 if (stretch_last and last) else 0)
    if not stretch_last:
        row.addStretch(1)
    column.addLayout(row)
    column.addWidget(edit.error_label)
    return cell


def check_all(edits: list[AmountEdit]) -> bool:
    """Check every field (each shows its own refusal); True when all are numbers or empty."""
    results = [edit.checked_amount()[0] for edit in edits]
    return all(results)


def add_amount_row(
    form: QFormLayout, label: str, edit: AmountEdit, *beside: QWidget, stretch_last: bool = False
) -> QWidget:
    """A form row for the field (``amount_cell``) whose label names the field itself: its
    mnemonic focuses it and a screen reader reads the label as the field's name."""
    cell = amount_cell(edit, *beside, stretch_last=stretch_last)
    form.addRow(label, cell)
    caption = form.labelForField(cell)
    if isinstance(caption, QLabel):
        caption.setBuddy(edit)
        if not edit.accessibleName():
            edit.setAccessibleName(caption.text().replace("&", "").rstrip(" :\u00a0"))
    return cell
