"""Bots: the engine that feeds candles to a strategy, applies risk limits and drives a broker."""
