"""Large candle files read by numpy: the same columns and checks as ``series._plain_chunk``.

For a file of hundreds of thousands of candles, splitting every line in Python and converting
each field with ``float()`` is most of a backtest's time. Here a chunk of lines is checked and
converted as whole arrays:

- the layout, from the bytes: every line is exactly six fields, five commas and its line end,
  no blank line, ASCII only; each field's length comes from the separators' positions;
- the numbers, by ``numpy.loadtxt`` (correctly rounded, like ``float()``);
- the same rules as the plain reader: each open time is written in digits alone, at most 16
  characters per price (more may exceed what a float holds exactly), finite prices and volumes,
  volumes not negative, the high and low around the open and close, a low above zero, open
  times in milliseconds.

A chunk that breaks any of them is left to the plain reader, which names the faulty line; so the
result and the error messages are the same whichever reader ran. Only ``read_series_csv`` calls
this, for files of ``NUMPY_FROM_BYTES`` or more: importing numpy costs more than it saves below.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from crypty_desktop.backtest.series import CandleSeries

    Bytes = npt.NDArray[np.uint8]
    Ints = npt.NDArray[np.int64]

NUMPY_FROM_BYTES = 4_000_000  # about 70,000 one-minute candles
_MAX_PRICE_CHARS = 16  # series._MAX_DIGITS + 1: a sign or a point
_MS_LIMIT = 10**14  # above: microseconds (Binance's dumps from 2025 on), left to the plain reader
_COMMA, _NEWLINE = 44, 10
_ZERO, _NINE = 48, 57


def add_chunk(series: CandleSeries, lines: list[str]) -> bool:
    """Append a chunk of plain six-field lines that pass every check; False, appending nothing,
    for any other chunk."""
    import numpy as np

    if not lines:
        return True
    text = "".join(lines)
    if not text.endswith("\n"):
        text += "\n"  # the file's last line
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError:
        return False
    chars = np.frombuffer(raw, dtype=np.uint8)
    seps = np.flatnonzero((chars == _COMMA) | (chars == _NEWLINE))
    rows = len(lines)
    if len(seps) != rows * 6:
        return False
    kinds = chars[seps].reshape(rows, 6)
    if not ((kinds[:, :5] == _COMMA).all() and (kinds[:, 5] == _NEWLINE).all()):
        return False
    widths = np.diff(seps, prepend=-1).reshape(rows, 6) - 1
    if widths.min() < 1 or widths[:, 1:5].max() > _MAX_PRICE_CHARS:
        return False
    try:
        table = np.loadtxt(lines, delimiter=",", comments=None, dtype=np.float64, ndmin=2)
    except ValueError:
        return False
    if table.shape != (rows, 6):
        return False
    times_f, opens, highs, lows, closes, volumes = table.T
    if not (
        np.isfinite(table).all()
        and (volumes >= 0).all()
        and (lows > 0).all()
        and (lows <= opens).all()
        and (lows <= closes).all()
        and (highs >= opens).all()
        and (highs >= closes).all()
        and (times_f > 0).all()
        and (times_f <= _MS_LIMIT).all()
    ):
        return False
    if not _digits_only(chars, seps[5::6], widths[:, 0]):
        return False  # an open time with a point, an exponent, a sign or a space
    times = times_f.astype(np.int64)  # exact: whole numbers below 2**53
    series.open_times.frombytes(times.tobytes())
    for column, values in zip(series._prices(), (opens, highs, lows, closes), strict=True):
        column.frombytes(np.ascontiguousarray(values).tobytes())
    series.volumes.frombytes(np.ascontiguousarray(volumes).tobytes())
    return True


def _digits_only(chars: Bytes, line_ends: Ints, widths: Ints) -> bool:
    """Whether each line's first field (``widths`` long, after the previous line's end) is
    written in the digits 0-9 alone."""
    import numpy as np

    starts = np.concatenate(([0], line_ends[:-1] + 1))
    offsets = np.arange(int(widths.max()))
    inside = offsets < widths[:, None]
    found = chars[np.where(inside, starts[:, None] + offsets, 0)]
    return bool(((found >= _ZERO) & (found <= _NINE) | ~inside).all())


def increasing(times: array[int]) -> bool:
    """Whether the open times only increase (the file was sorted, without duplicates)."""
    import numpy as np

    return bool((np.diff(np.frombuffer(times, dtype=np.int64)) > 0).all())
