"""Strategies: pure, deterministic decisions from candles. No I/O, no exchange, no Qt."""
