"""A strategy's parameters as a form, generated from its ``ParamSpec``s.

Whole numbers get a spin box with the bounds, decimals an ``AmountEdit`` that reads numbers the
interface language's way (``60,000.5`` / ``60 000,5``) and refuses, under the field, what it
cannot read without guessing; yes/no a check box. Each field shows its unit and explains itself in
a tooltip. ``check()`` shows each refusal under its field; ``values()`` returns plain texts as the
service expects them (``{"lower": "60000"}``); the strategy's own ``parse`` stays the judge of the
bounds.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from crypty_desktop.domain import amounts
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.gui.amount_field import AmountEdit, amount_cell
from crypty_desktop.gui.i18n import core_text, format_amount
from crypty_desktop.gui.qt import (
    QCheckBox,
    QCoreApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.strategy_words import strategy_text
from crypty_desktop.strategies.base import ParamSpec, Strategy
from crypty_desktop.strategies.registry import STRATEGIES

INT_LIMIT = 1_000_000_000


def decimal_edit(placeholder: str = "") -> AmountEdit:
    """A field for a decimal amount, read the interface language's way."""
    return AmountEdit(placeholder)


def _bounds_text(spec: ParamSpec) -> str:
    unit = strategy_text(spec.unit.strip())
    low = f"{spec.minimum}" if spec.minimum is not None else ""
    high = f"{spec.maximum}" if spec.maximum is not None else ""
    tail = " " + unit if unit else ""
    if low and high:
        text = QCoreApplication.translate("ParamForm", "From %1 to %2%3.")
        return text.replace("%1", low).replace("%2", high).replace("%3", tail)
    if low:
        text = QCoreApplication.translate("ParamForm", "At least %1%2.")
        return text.replace("%1", low).replace("%2", tail)
    if high:
        text = QCoreApplication.translate("ParamForm", "At most %1%2.")
        return text.replace("%1", high).replace("%2", tail)
    return ""


def _unit(spec: ParamSpec, quote: str) -> str:
    unit = spec.unit.strip()
    if unit == "quote":  # the market's quote asset, once known
        return quote or QCoreApplication.translate("ParamForm", "quote asset")
    return strategy_text(unit)


class ParamField(QWidget):
    """One parameter's editor and its unit label.

    ``touched`` is True once the user changed the value (or it was filled from a saved bot):
    suggestions from the market (``suggest``) never overwrite it.

    Signals:
        sig_changed(): the value changed (typed, stepped, or set).
    """

    sig_changed = Signal()

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.touched = False
        self.unit_label = QLabel("")
        self.editor: QSpinBox | AmountEdit | QCheckBox
        if spec.type is bool:
            self.editor = QCheckBox()
        elif spec.type is int:
            box = QSpinBox()
            box.setRange(
                int(spec.minimum) if spec.minimum is not None else -INT_LIMIT,
                int(spec.maximum) if spec.maximum is not None else INT_LIMIT,
            )
            box.setAccelerated(True)
            self.editor = box
        else:
            self.editor = decimal_edit(format_amount(Decimal(spec.default), None))
        self.editor.setObjectName(f"param_{spec.name}")
        tip = " ".join(t for t in (strategy_text(spec.description), _bounds_text(spec)) if t)
        self.editor.setToolTip(tip)
        self.setToolTip(tip)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        if isinstance(self.editor, AmountEdit):
            column.addWidget(amount_cell(self.editor, self.unit_label))
        else:
            row = QHBoxLayout()
            row.addWidget(self.editor)
            row.addWidget(self.unit_label)
            row.addStretch(1)
            column.addLayout(row)
        self.set_value(str(spec.default))
        self.set_quote("")
        if isinstance(self.editor, AmountEdit):
            self.editor.textEdited.connect(self._on_user_changed)
            self.editor.textChanged.connect(self.sig_changed)
        elif isinstance(self.editor, QSpinBox):
            self.editor.valueChanged.connect(self._on_user_changed)
            self.editor.valueChanged.connect(self.sig_changed)
        else:
            self.editor.toggled.connect(self._on_user_changed)
            self.editor.toggled.connect(self.sig_changed)

    def _on_user_changed(self, _value: object = None) -> None:
        self.touched = True

    def suggest(self, value: object) -> bool:
        """Show ``value`` unless the user set this field; True when it was shown."""
        if self.touched:
            return False
        self.set_value(format(value, "f") if isinstance(value, Decimal) else str(value))
        return True

    def set_quote(self, quote: str) -> None:
        self.unit_label.setText(_unit(self.spec, quote))

    def text(self) -> str:
        """The value as the strategy reads it: ``"true"``, ``"12"``, ``"60000.5"``.

        A decimal field that holds no readable number gives its text as typed (the strategy
        refuses it); ``check()`` says why under the field first.
        """
        if isinstance(self.editor, QCheckBox):
            return "true" if self.editor.isChecked() else "false"
        if isinstance(self.editor, QSpinBox):
            return str(self.editor.value())
        try:
            value = self.editor.amount()
        except ValidationError:
            return self.editor.text()
        return "" if value is None else format(value, "f")

    def check(self) -> bool:
        """A decimal field shows under itself why its text is refused; True when readable."""
        if not isinstance(self.editor, AmountEdit):
            return True
        ok, value = self.editor.checked_amount()
        if ok and value is None:
            example = amounts.format_amount(Decimal(self.spec.default), amounts.ENGLISH)
            self.editor.show_error(core_text(amounts.EMPTY.format(example=example)))
            return False
        return ok

    def set_value(self, raw: str) -> None:
        """Show a plain value (not counted as the user's change)."""
        self.editor.blockSignals(True)
        try:
            self._set_value(raw)
        finally:
            self.editor.blockSignals(False)
        self.sig_changed.emit()

    def _set_value(self, raw: str) -> None:
        if isinstance(self.editor, QCheckBox):
            self.editor.setChecked(raw.strip().lower() in ("1", "true", "yes"))
        elif isinstance(self.editor, QSpinBox):
            try:
                self.editor.setValue(int(raw))
            except ValueError:
                self.editor.setValue(int(self.spec.default))
        else:  # a saved value is plain text ("60000.5"): shown the interface language's way
            try:
                value = Decimal(raw.strip())
            except InvalidOperation:
                self.editor.setText(raw)
                return
            if value.is_finite():
                self.editor.set_amount(value)
            else:
                self.editor.setText(raw)


class ParamForm(QWidget):
    """The chosen strategy's parameters; ``set_strategy`` rebuilds the fields.

    Signals:
        sig_changed(): a field's value changed.
    """

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paramForm")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, ParamField] = {}
        self.strategy: type[Strategy] | None = None
        self._quote = ""
        self._after: QWidget | None = None

    def follow(self, widget: QWidget) -> None:
        """Put the fields right after ``widget`` in the Tab order (they are made later than the
        rest of the form, so by default Tab would reach them last)."""
        self._after = widget
        self._chain()

    def _chain(self) -> None:
        previous = self._after
        if previous is None:
            return
        for field in self.fields.values():
            QWidget.setTabOrder(previous, field.editor)
            previous = field.editor

    def set_strategy(self, name: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        self.strategy = STRATEGIES.get(name)
        if self.strategy is None:
            return
        for spec in self.strategy.params:
            field = ParamField(spec)
            field.set_quote(self._quote)
            label = QLabel(
                QCoreApplication.translate("ParamForm", "%1:").replace(
                    "%1", strategy_text(spec.label)
                )
            )
            label.setToolTip(field.toolTip())
            label.setBuddy(field.editor)
            field.editor.setAccessibleName(strategy_text(spec.label))
            self.form.addRow(label, field)
            field.sig_changed.connect(self.sig_changed)
            self.fields[spec.name] = field
        self._chain()

    def set_quote(self, quote: str) -> None:
        """Show amounts "in quote" as the market's quote asset (USDT, BTC…)."""
        self._quote = quote
        for field in self.fields.values():
            field.set_quote(quote)

    def check(self) -> bool:
        """Check every field (each shows its own refusal); True when all are readable."""
        return all([field.check() for field in self.fields.values()])

    def values(self) -> dict[str, str]:
        return {name: field.text() for name, field in self.fields.items()}

    def set_values(self, raw: dict[str, str]) -> list[str]:
        """Fill the fields; returns the names this strategy does not know (they are dropped)."""
        for name, value in raw.items():
            if name in self.fields:
                self.fields[name].set_value(str(value))
                self.fields[name].touched = True  # a saved choice, not a suggestion
        return sorted(set(raw) - set(self.fields))

    def suggest(self, values: dict[str, object]) -> None:
        """Show suggested values in the fields the user has not set."""
        for name, value in values.items():
            if name in self.fields:
                self.fields[name].suggest(value)

    def field(self, name: str) -> ParamField:
        return self.fields[name]
