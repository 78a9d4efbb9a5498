"""A drop-down for names the user chose, which can be long (a platform called "My main Binance
account — long-term savings"): closed, it takes the width its form gives it and elides the name
in the middle (both ends stay readable) with the whole name as its tooltip; open, its list is as
wide as the longest name, so every name is read whole.

Without it a combo box asks for the width of its longest item: a long name widened the set-up
column it sits in (squeezing the results beside it) or was cut on the right.
"""

from __future__ import annotations

from crypty_desktop.gui.qt import (
    QComboBox,
    QEvent,
    QPaintEvent,
    QSize,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    Qt,
    QWidget,
)

#: The most characters the closed box asks room for: a name up to about this long is shown whole
#: (the demo's "Demo — Simulated (offline demo)" is 31); a longer one is elided unless its form
#: gives the box more room.
MAX_CHARACTERS = 36


class ElidingComboBox(QComboBox):
    """A non-editable combo box whose closed text is elided in the middle when it is too long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)  # only if the screen is narrower
        self._own_tip = ""
        self.currentIndexChanged.connect(self._refresh_tip)

    # --- the closed box -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._capped(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._capped(super().minimumSizeHint())

    def _capped(self, size: QSize) -> QSize:
        """As wide as the longest item, up to ``MAX_CHARACTERS`` of text."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        frame = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(0, 0), self
        )
        cap = frame.width() + self.fontMetrics().averageCharWidth() * MAX_CHARACTERS
        return QSize(min(size.width(), cap), size.height())

    def shown_text(self) -> str:
        """The current item's text as the closed box shows it (elided when it does not fit)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width()
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + 4
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideMiddle, room)

    def is_elided(self) -> bool:
        return self.shown_text() != self.currentText()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        whole = option.currentText
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        # The item can change with the combo's signals blocked (a list refilled): the tooltip
        # follows what is painted.
        tip = whole if option.currentText != whole else self._own_tip
        if super().toolTip() != tip:
            super().setToolTip(tip)

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt's name
        """The combo's own tooltip, shown when the whole name is (else the name is)."""
        self._own_tip = text
        self._refresh_tip()

    def _refresh_tip(self, _index: int = 0) -> None:
        super().setToolTip(self.currentText() if self.is_elided() else self._own_tip)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ToolTip, QEvent.Type.Resize):
            self._refresh_tip()  # the item may have changed with signals blocked, or the width
        return super().event(event)

    # --- the open list --------------------------------------------------------------------------
    def popup_width(self) -> int:
        """What the open list needs to show the longest name whole."""
        view = self.view()
        metrics = view.fontMetrics()
        texts = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                    default=0)  # fmt: skip
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4)
        widest = max(view.sizeHintForColumn(0), texts + margin)
        frame = 2 * view.frameWidth()
        scrolls = self.count() > self.maxVisibleItems()
        bar = view.verticalScrollBar().sizeHint().width() if scrolls else 0
        return widest + frame + bar

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self.view().setMinimumWidth(max(self.width(), self.popup_width()))
        super().showPopup()
