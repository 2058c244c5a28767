"""The server-drawn SVG charts: escaped text, the target band, the band and median, words for colours."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from vitasim.web.charts import Series, long_date, svg

D = dt.date


def _svg_root(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, flags=re.S).group(0))


def test_measured_points_target_band_and_escaping():
    s = Series("<b>25(OH)D</b>", "ng/mL", points=[(D(2025, 10, 1), 14, "1 Oct 2025: 14 ng/mL <GP>"),
                                                  (D(2026, 1, 5), 15.2, "b"), (D(2026, 1, 10), 17, "c")],
               target_low=30, target_label="30 ng/mL or more")
    html = svg(s, "t")
    root = _svg_root(html)                      # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 3
    assert "<b>" not in html and "&lt;b&gt;25(OH)D&lt;/b&gt;" in html and "&lt;GP&gt;" in html
    assert "target: 30 ng/mL or more" in html and "hatched" in html
    texts = [t.text for t in root.findall(f"{ns}text")]
    assert "14" in texts and "15.2" in texts and "17" in texts and "ng/mL" in texts
    anchors = [t.get("text-anchor") for t in root.findall(f"{ns}text") if t.text in ("15.2", "17")]
    assert anchors == ["end", "start"]         # close neighbours written on either side


def test_prediction_band_and_median_are_drawn_with_their_description():
    days = [D(2026, 1, 1) + dt.timedelta(days=i) for i in range(0, 120, 10)]
    s = Series("25(OH)D predicted", "ng/mL", median=[(d, 20 + i) for i, d in enumerate(days)],
               band=[(d, 15 + i, 25 + i) for i, d in enumerate(days)], target_low=30, target_label="30 ng/mL or more")
    root = _svg_root(svg(s, "p"))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}polygon")) == 1
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 3 and sum(1 for p in lines if p.get("stroke-dasharray")) == 2   # dashed band edges
    desc = root.find(f"{ns}desc").text
    assert "5th to 95th percentile" in desc and "predicted median, 31 ng/mL" in desc


def test_nothing_to_draw_says_so():
    assert svg(Series("B12", "pmol/L"), "e") == "<p>No values to draw for B12 yet.</p>"


def test_dates_are_written_without_a_day_month_order_to_misread():
    assert long_date(D(2026, 1, 5)) == "5 Jan 2026"


def test_a_us_reader_gets_the_month_first():
    from vitasim.web.charts import DATE_ORDER, date_order_for
    assert date_order_for("en-US,en;q=0.9") == "mdy" and date_order_for("en-GB") == "dmy" and date_order_for(None) == "dmy"
    token = DATE_ORDER.set("mdy")
    try:
        assert long_date(D(2026, 1, 5)) == "Jan 5, 2026"
    finally:
        DATE_ORDER.reset(token)
