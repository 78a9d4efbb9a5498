"""Market data between the exchanges and the bots: the shared live-candle hub (``hub``), the one
candle feed its subscribers read (``feed``), and the one history module (``history``: load what
is stored, fetch what is missing) used by bots, backtests, charts and the command line.

Nothing is imported here: ``crypty backtest`` on a file reads ``history`` without the database,
the exchanges' clients or the streams.
"""
