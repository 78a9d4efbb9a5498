"""The strategies' words (titles, descriptions, parameters), as lupdate collects them.

The strategies live in the core (no Qt) and speak English; the window shows their words through
``strategy_text``. A test checks that every title, description, label and unit of the registry
is listed here, so a new parameter cannot stay untranslated unnoticed.
"""

from __future__ import annotations

from crypty_desktop.gui.qt import QT_TRANSLATE_NOOP, QCoreApplication

STRATEGY_WORDS = (
    QT_TRANSLATE_NOOP("Strategies", "Grid"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "Places buy orders on evenly spaced price levels between a lower and an upper "
        "price. Each time a buy fills, the bot offers what it bought one level higher; "
        "each time that sells, it buys again at the level below. It earns the gap between"
        " two levels on every round trip and suits a market that moves sideways inside "
        "the range. Outside the range it waits. The budget should cover the amount per "
        "level for every level but the top one.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Lower price"),
    QT_TRANSLATE_NOOP(
        "Strategies", "The lowest level of the grid: the bot never buys below this price."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Upper price"),
    QT_TRANSLATE_NOOP(
        "Strategies", "The highest level of the grid: the bot never buys above this price."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Number of levels"),
    QT_TRANSLATE_NOOP(
        "Strategies", "How many price levels, the lower and upper prices included, evenly spaced."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Amount per level"),
    QT_TRANSLATE_NOOP(
        "Strategies", "How much of the quote currency (e.g. USDT) each buy order spends."
    ),
    QT_TRANSLATE_NOOP("Strategies", "DCA"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "Dollar-cost averaging: buys a fixed amount at regular intervals (and, if you "
        "wish, each time the price drops a given percentage below the last buy), then "
        "sells everything once the price is a chosen percentage above the average buying "
        "price, and starts again. Optional safety orders buy more, in growing amounts, "
        "when the price falls well below the average buying price, which lowers it.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Amount per buy"),
    QT_TRANSLATE_NOOP(
        "Strategies", "How much of the quote currency (e.g. USDT) each regular buy spends."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Buy every"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "A regular buy happens every this many candles. 0: no schedule, buy only on price drops.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "candles"),
    QT_TRANSLATE_NOOP("Strategies", "Buy on a drop of"),
    QT_TRANSLATE_NOOP(
        "Strategies", "Also buy when the price is this much below the last regular buy. 0: off."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Take profit at"),
    QT_TRANSLATE_NOOP(
        "Strategies", "Sell everything when the price is this much above the average buying price."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Safety orders"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "How many extra buys at most while the price is well below the average buying "
        "price. 0: none.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Safety order when down"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "A safety order buys when the price is this much below the average buying price.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Safety order size factor"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "The first safety order spends the amount per buy times this factor, the second "
        "times this factor twice, and so on.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "SMA crossover"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "Follows trends with two moving averages of the closing price. When the fast "
        "average crosses above the slow one (a “golden cross”) the bot buys; when it "
        "crosses back below (a “death cross”) it sells everything it holds. It makes no "
        "decision until both averages exist, never buys while holding and never sells "
        "while holding nothing.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Fast average"),
    QT_TRANSLATE_NOOP(
        "Strategies", "How many recent candles the fast (short) moving average covers."
    ),
    QT_TRANSLATE_NOOP("Strategies", "Slow average"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "How many recent candles the slow (long) moving average covers. Must be longer "
        "than the fast average.",
    ),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "How much of the quote currency (e.g. USDT) each buy spends. 0 spends everything "
        "the bot has left of its budget.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "RSI"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "Buys when the market recovers from being oversold and sells when it turns down "
        "from being overbought, using the Relative Strength Index (0–100) of the closing "
        "price. A buy happens when the RSI rises back above the oversold line, a sale of "
        "everything held when it falls back below the overbought line. It never buys "
        "while holding and never sells while holding nothing.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "RSI period"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "How many candles the RSI averages its gains and losses over (14 is the usual choice).",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Oversold line"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "The RSI level under which the market counts as oversold. The bot buys when the "
        "RSI climbs back above it.",
    ),
    QT_TRANSLATE_NOOP("Strategies", "Overbought line"),
    QT_TRANSLATE_NOOP(
        "Strategies",
        "The RSI level over which the market counts as overbought. The bot sells when the"
        " RSI falls back below it.",
    ),
)


def strategy_text(text: str) -> str:
    """A strategy's title, description, parameter label or unit in the interface language."""
    stripped = text.strip()
    if not stripped:
        return text
    translated = QCoreApplication.translate("Strategies", stripped)
    return text.replace(stripped, translated) if translated != stripped else text
