"""Ghost and Trader badges: a coloured pill with the word, so the two are never confused."""

from __future__ import annotations

from crypty_desktop.domain.bots import BotKind
from crypty_desktop.gui.bot_models import KIND_ROLE
from crypty_desktop.gui.qt import (
    QColor,
    QFont,
    QLabel,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QRectF,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)
from crypty_desktop.gui.theme import KIND_COLOURS


def badge_style(kind: BotKind) -> str:
    return (
        f"background: {KIND_COLOURS[kind]}; color: white; font-weight: bold;"
        " border-radius: 4px; padding: 1px 7px;"
    )


def badge_label(kind: BotKind, parent: QWidget | None = None) -> QLabel:
    """A QLabel badge reading GHOST or TRADER in the kind's colour."""
    label = QLabel(kind.label, parent)
    label.setStyleSheet(badge_style(kind))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFixedWidth(label.sizeHint().width() + 16)
    return label


class KindBadgeDelegate(QStyledItemDelegate):
    """Paints the Kind cell as a rounded badge (colour and word)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        raw = index.data(KIND_ROLE)  # a BotKind arrives as its str value through Qt
        if raw not in {k.value for k in BotKind}:
            super().paint(painter, option, index)
            return
        kind = BotKind(raw)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.9)  # float-ok: font size
        painter.setFont(font)
        text = kind.label
        width = painter.fontMetrics().horizontalAdvance(text) + 14
        height = painter.fontMetrics().height() + 4
        rect = QRectF(
            option.rect.x() + 6,
            option.rect.y() + (option.rect.height() - height) / 2,
            width,
            height,
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(KIND_COLOURS[kind]))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
