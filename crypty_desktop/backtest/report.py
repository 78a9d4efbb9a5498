"""A backtest's report as files: CSV (one ``metric,value`` per line) and a standalone HTML page
(figures, metrics, monthly returns, the equity curve as inline SVG, the trades). No script, no
external resource: the page opens offline and shows the same numbers as the CLI and the window.
"""

from __future__ import annotations

import csv
import html
import io
from datetime import UTC, datetime

from crypty_desktop.backtest.engine import BacktestResult

_SVG_POINTS = 600  # the curve is thinned to this many points (a page, not a chart app)


def report_rows(result: BacktestResult) -> list[tuple[str, str]]:
    """Summary then metrics, as (name, value) text pairs."""
    assert result.summary is not None and result.metrics is not None
    rows = [(k, "" if v is None else str(v)) for k, v in result.summary.as_json().items()]
    return rows + result.metrics.rows()


def report_csv(result: BacktestResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["metric", "value"])
    writer.writerows(report_rows(result))
    return buffer.getvalue()


def _svg(result: BacktestResult) -> str:
    times, values = result.equity.times, result.equity.values
    if len(times) < 2:
        return ""
    step = max(1, len(times) // _SVG_POINTS)
    points = [(times[i], float(values[i])) for i in range(0, len(times), step)]  # float-ok: drawing
    t0, t1 = points[0][0], points[-1][0] or 1
    low, high = min(v for _, v in points), max(v for _, v in points)
    span_t, span_v = max(t1 - t0, 1), max(high - low, 1e-9)
    path = " ".join(
        f"{(t - t0) / span_t * 800:.1f},{190 - (v - low) / span_v * 180:.1f}" for t, v in points
    )
    return (
        '<svg viewBox="0 0 800 200" width="800" height="200" role="img" aria-label="equity">'
        f'<polyline fill="none" stroke="#2a7ab0" stroke-width="1.5" points="{path}"/></svg>'
    )


def report_html(result: BacktestResult, title: str) -> str:
    assert result.metrics is not None
    e = html.escape
    figures = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in report_rows(result))
    months = "".join(
        f"<tr><th>{e(m.month)}</th><td>{m.return_pct:.2f} %</td></tr>"
        for m in result.metrics.monthly
    )
    trades = "".join(
        "<tr>"
        f"<td>{datetime.fromtimestamp(f.time / 1000, UTC):%Y-%m-%d %H:%M}</td>"
        f"<td>{e(f.side.value)}</td><td>{f.price:f}</td><td>{f.quantity:f}</td>"
        f"<td>{f.fee:f} {e(f.fee_asset)}</td></tr>"
        for f in result.fills
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        "th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}th{text-align:left}"
        "</style></head><body>"
        f"<h1>{e(title)}</h1>{_svg(result)}"
        f"<h2>Figures</h2><table>{figures}</table>"
        f"<h2>Monthly returns</h2><table>{months}</table>"
        "<h2>Trades</h2><table><tr><th>Time (UTC)</th><th>Side</th><th>Price</th>"
        f"<th>Quantity</th><th>Fee</th></tr>{trades}</table>"
        "</body></html>\n"
    )
