"""The optimiser's combinations as a table model: one row per combination tried, one column per
searched parameter, then the objective, the round trips, the net P&L and whether the bot engine
gives the same fills (for the best ten).

Numbers are shown with the app's formatter; the sort role holds the number itself, so a proxy
sorts 10 after 9 and -5 before 2 (a combination without a score sorts below every number).
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from crypty_desktop.backtest.lab import LabResult
from crypty_desktop.backtest.optimize import Trial
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.number_format import amount, sign_colour
from crypty_desktop.gui.qt import (
    QAbstractTableModel,
    QColor,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING = -math.inf  # float-ok: sorts below every number


def _tr(text: str) -> str:
    return QCoreApplication.translate("OptimiseResults", text)


def param_value(text: str) -> float | str:  # float-ok: a sort key
    try:
        return float(Decimal(text))  # float-ok: sorting
    except (InvalidOperation, ValueError):
        return text


def score_text(score: float | None, objective: str) -> str:  # float-ok
    """An objective as people read it: money with 2 decimals, a ratio with 2."""
    if score is None:
        return "—"
    return amount(Decimal(repr(score)), 2, signed=objective == "net_pnl")


class TrialsModel(QAbstractTableModel):
    """Every trial of a ``LabResult``."""

    def __init__(self, result: LabResult, names: list[str], labels: list[str]) -> None:
        super().__init__()
        self.result = result
        self.names = names  # the searched parameters' names (columns)
        self.labels = labels  # their headers, in the interface language
        self.rows: list[Trial] = list(result.trials)
        self.matches = {_key(t.params): ok for t, ok in result.reference}
        self.objective = result.request.search.objective
        self.min_trades = result.request.search.min_trades
        self.fixed = len(names)

    def headers(self) -> list[str]:
        return [
            *self.labels,
            QCoreApplication.translate("OptimiseResults", "Score"),
            QCoreApplication.translate("OptimiseResults", "Round trips"),
            QCoreApplication.translate("OptimiseResults", "Net P&L"),
            QCoreApplication.translate("OptimiseResults", "Bot engine"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else self.fixed + 4

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return None

    def header_tip(self, section: int) -> str:
        """A column's header in words (the short header says the rest in its tooltip)."""
        from crypty_desktop.gui.optimise_tab import objective_label

        if section < self.fixed:
            return self.labels[section]
        return (
            QCoreApplication.translate("OptimiseResults", "The objective: %1").replace(
                "%1", objective_label(self.objective)
            ),
            QCoreApplication.translate(
                "OptimiseResults",
                "Buys followed by their sale; a combination needs %1 to be ranked",
            ).replace("%1", str(self.min_trades)),
            QCoreApplication.translate("OptimiseResults", "Net P&L after fees"),
            QCoreApplication.translate(
                "OptimiseResults",
                "The best combinations re-run through the bot engine: the same fills as the "
                "backtest, or different ones",
            ),
        )[section - self.fixed]

    def trial(self, row: int) -> Trial:
        return self.rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        trial, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(trial, column)
        if role == SORT_ROLE:
            return self._sort_key(trial, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column < self.fixed + 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.fixed + 2:
            colour = sign_colour(trial.net_pnl)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and trial.refused:
            return core_text(trial.refused)
        return None

    def _text(self, trial: Trial, column: int) -> str:
        if column < self.fixed:
            value = trial.params.get(self.names[column], "")
            number = param_value(value)
            if isinstance(number, float):  # float-ok: sorting
                return amount(Decimal(value), None)
            return value
        column -= self.fixed
        if column == 0:
            if trial.refused:
                return QCoreApplication.translate("OptimiseResults", "refused")
            return score_text(trial.score, self.objective)
        if column == 1:
            return amount(Decimal(trial.round_trips), 0)
        if column == 2:
            return "—" if trial.net_pnl is None else amount(trial.net_pnl, 2, signed=True)
        match = self.matches.get(_key(trial.params))
        if match is None:
            return ""
        return (
            QCoreApplication.translate("OptimiseResults", "✓ same fills")
            if match
            else QCoreApplication.translate("OptimiseResults", "✗ different fills")
        )

    def _sort_key(self, trial: Trial, column: int) -> object:
        if column < self.fixed:
            value = param_value(trial.params.get(self.names[column], ""))
            return value if isinstance(value, float) else MISSING  # float-ok: sorting
        column -= self.fixed
        if column == 0:
            return MISSING if trial.score is None or trial.refused else trial.score
        if column == 1:
            return float(trial.round_trips)  # float-ok: sorting
        if column == 2:
            return MISSING if trial.net_pnl is None else float(trial.net_pnl)  # float-ok: sorting
        match = self.matches.get(_key(trial.params))
        return MISSING if match is None else float(match)  # float-ok: sorting


class TrialsProxy(QSortFilterProxyModel):
    """Sorts on the numbers (``SORT_ROLE``)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)

    def lessThan(  # noqa: N802 - Qt's name
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, float) and isinstance(b, float):  # float-ok: sorting
            return a < b
        return str(a) < str(b)


def _key(params: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(params.items()))
