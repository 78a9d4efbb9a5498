"""Talking to exchanges: the gateway protocol, the Binance adapter, market data, the simulated exchange."""
