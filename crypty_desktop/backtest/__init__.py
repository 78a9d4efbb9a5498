"""Backtests: a strategy over stored candles with the Ghost bots' paper broker. No Qt."""
