"""Talking to exchanges: the gateway, the Binance adapter, market data, the simulated exchange."""
