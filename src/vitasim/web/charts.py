"""Charts drawn on the server as SVG (no script, no external file): labs over time with the
target band, predicted trajectories with their population band, measured values on top.

Readable without colour: the median is a solid line, the 5th-95th percentile band a light fill
with dashed edges, the target band a hatched area with its limits written out, measured values
black circles with their value beside them; every chart has a text title and description.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import html
import math
from dataclasses import dataclass, field

W, H = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 60


@dataclass
class Series:
    """What one chart shows; times are calendar dates, values in ``unit``."""

    title: str
    unit: str
    points: list[tuple[dt.date, float, str]] = field(default_factory=list)     # measured (date, value, label)
    median: list[tuple[dt.date, float]] = field(default_factory=list)
    band: list[tuple[dt.date, float, float]] = field(default_factory=list)     # (date, p5, p95)
    target_low: float | None = None
    target_high: float | None = None
    target_label: str = ""
    direction: str = "above"


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw), default=10 * mag)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + 1e-9 * step:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _fmt(v: float) -> str:
    return f"{v:.3g}"


# How the reader writes dates, from the browser's language (set per request by the app):
# "mdy" for US English ("Jan 5, 2026"), else day first ("5 Jan 2026"); the month is always a word.
DATE_ORDER: contextvars.ContextVar[str] = contextvars.ContextVar("vitasim_date_order", default="dmy")
_MONTH_FIRST = ("en-us", "en-ph", "en-ca")


def date_order_for(accept_language: str | None) -> str:
    """``"mdy"`` when the browser's first language writes the month first, else ``"dmy"``."""
    first = (accept_language or "").split(",")[0].split(";")[0].strip().lower()
    return "mdy" if first in _MONTH_FIRST else "dmy"


def long_date(d: dt.date) -> str:
    """'5 Jan 2026' (or 'Jan 5, 2026' for a US reader): the month as a word, nothing to misread."""
    if DATE_ORDER.get() == "mdy":
        return f"{d.strftime('%b')} {d.day}, {d.year}"
    return f"{d.day} {d.strftime('%b')} {d.year}"


def svg(series: Series, chart_id: str) -> str:
    """The chart as an inline ``<svg>`` element (escaped text throughout)."""
    esc = html.escape
    dates = [p[0] for p in series.points] + [m[0] for m in series.median] + [b[0] for b in series.band]
    if not dates:
        return f"<p>No values to draw for {esc(series.title)} yet.</p>"
    values = [p[1] for p in series.points] + [m[1] for m in series.median] + [v for b in series.band for v in b[1:]]
    values = [v for v in values if math.isfinite(v)]
    shown_limits = [v for v in (series.target_low, series.target_high) if v is not None and math.isfinite(v)]
    lo_v = min(values + shown_limits[:1] + [0.0])
    hi_v = max(values + [v * 1.3 for v in shown_limits[:1]]) * 1.1 or 1.0   # room to show the target band
    d0, d1 = min(dates), max(dates)
    if d1 == d0:
        d0, d1 = d0 - dt.timedelta(days=15), d1 + dt.timedelta(days=15)
    pad = dt.timedelta(days=max(3, round((d1 - d0).days * 0.06)))   # room for the last value's label
    d0, d1 = d0 - pad if not series.median else d0, d1 + pad
    span = (d1 - d0).days
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    yt = _nice_ticks(lo_v, hi_v)
    y_lo, y_hi = yt[0], yt[-1]

    def x(d: dt.date) -> float:
        return LEFT + pw * (d - d0).days / span

    def y(v: float) -> float:
        return TOP + ph * (1 - (v - y_lo) / (y_hi - y_lo))

    desc = [f"{esc(series.title)} in {esc(series.unit)}, {long_date(d0)} to {long_date(d1)}."]
    out = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-t">{esc(series.title)}</title>',
           '<defs><pattern id="' + chart_id + '-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#1a6b35" stroke-width="2"/>'
           '</pattern></defs>']
    # target band: hatched, with its limits written on the chart
    if series.target_low is not None:
        if series.direction == "below":
            top_v, bot_v = series.target_low, y_lo
        else:
            top_v = min(series.target_high, y_hi) if series.target_high and math.isfinite(series.target_high) else y_hi
            bot_v = series.target_low
        if bot_v < top_v:
            out.append(f'<rect x="{LEFT}" y="{y(top_v):.1f}" width="{pw}" height="{y(bot_v) - y(top_v):.1f}" '
                       f'fill="url(#{chart_id}-hatch)" opacity="0.35"/>')
        out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{y(series.target_low):.1f}" y2="{y(series.target_low):.1f}" '
                   'stroke="#1a6b35" stroke-width="2" stroke-dasharray="10 4"/>')
        out.append(f'<text x="{LEFT + pw - 4}" y="{y(series.target_low) - 6:.1f}" text-anchor="end" class="lbl">'
                   f'target: {esc(series.target_label)}</text>')
        desc.append(f"Target: {esc(series.target_label)}.")
    # axes and grid
    for t in yt:
        out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#bbb" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y(t) + 5:.1f}" text-anchor="end" class="tick">{_fmt(t)}</text>')
    months = _month_ticks(d0, d1)
    for m in months:
        out.append(f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{TOP + ph}" y2="{TOP + ph + 6}" stroke="#222"/>')
        out.append(f'<text x="{x(m):.1f}" y="{TOP + ph + 24}" text-anchor="middle" class="tick">'
                   f'{m.strftime("%b")} {m.year}</text>')
    out.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + ph}" stroke="#222" stroke-width="1.5"/>')
    out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{TOP + ph}" y2="{TOP + ph}" stroke="#222" stroke-width="1.5"/>')
    out.append(f'<text x="{LEFT}" y="{TOP - 14}" class="lbl">{esc(series.unit)}</text>')
    # population band and median
    if series.band:
        upper = " ".join(f"{x(d):.1f},{y(hi):.1f}" for d, _, hi in series.band)
        lower = " ".join(f"{x(d):.1f},{y(lo):.1f}" for d, lo, _ in reversed(series.band))
        out.append(f'<polygon points="{upper} {lower}" fill="#4a6fa5" opacity="0.25"/>')
        for k in (1, 2):
            line = " ".join(f"{x(b[0]):.1f},{y(b[k]):.1f}" for b in series.band)
            out.append(f'<polyline points="{line}" fill="none" stroke="#23395d" stroke-width="1.5" stroke-dasharray="4 3"/>')
        desc.append("Shaded band with dashed edges: 5th to 95th percentile of the virtual people.")
    if series.median:
        line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in series.median)
        out.append(f'<polyline points="{line}" fill="none" stroke="#102a56" stroke-width="3"/>')
        desc.append(f"Solid line: predicted median, {_fmt(series.median[-1][1])} {esc(series.unit)} "
                    f"on {long_date(series.median[-1][0])}.")
    pts = sorted(series.points, key=lambda p: p[0])
    for i, (d, v, label) in enumerate(pts):
        out.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="6" fill="#000" stroke="#fff" stroke-width="2">'
                   f'<title>{esc(label)}</title></circle>')
        crowded = i + 1 < len(pts) and x(pts[i + 1][0]) - x(d) < 48   # a close neighbour on the right:
        anchor, dx = ("end", -9) if crowded else ("start", 9)          # write this value on the left
        out.append(f'<text x="{x(d) + dx:.1f}" y="{y(v) - 9:.1f}" text-anchor="{anchor}" class="val">{_fmt(v)}</text>')
    if series.points:
        desc.append("Black dots: measured values: " + "; ".join(esc(p[2]) for p in series.points) + ".")
    out.append(f'<desc id="{chart_id}-d">{" ".join(desc)}</desc>')
    out.append("</svg>")
    legend = []
    if series.points:
        legend.append('<li><span class="key dot" aria-hidden="true"></span> measured value</li>')
    if series.median:
        legend.append('<li><span class="key line" aria-hidden="true"></span> predicted median</li>')
    if series.band:
        legend.append('<li><span class="key band" aria-hidden="true"></span> 90 in 100 virtual people lie in the '
                      'shaded band (dashed edges)</li>')
    if series.target_low is not None:
        legend.append(f'<li><span class="key target" aria-hidden="true"></span> target ({esc(series.target_label)}), '
                      'hatched</li>')
    return (f'<figure class="chart-figure"><figcaption>{esc(series.title)}</figcaption>{"".join(out)}'
            f'<ul class="legend">{"".join(legend)}</ul></figure>')


def _month_ticks(d0: dt.date, d1: dt.date) -> list[dt.date]:
    months = []
    m = dt.date(d0.year, d0.month, 1)
    while m <= d1:
        if m >= d0:
            months.append(m)
        m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / 7))
    return months[::step]
