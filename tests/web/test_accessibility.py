"""Older eyes: 18px base type, WCAG 2.2 AA contrast of every colour pair in the stylesheet,
visible labels for every field, nothing by colour alone in the charts."""
from __future__ import annotations

import re
from importlib import resources

from conftest import add_person, post

CSS = (resources.files("vitasim.web") / "static" / "style.css").read_text()
PAGE_BACKGROUND = "#ffffff"


def _rgb(hex_: str) -> tuple[float, float, float]:
    h = hex_.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(hex_: str) -> float:
    """WCAG 2.x relative luminance."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in _rgb(hex_))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rules() -> list[tuple[str, dict[str, str]]]:
    body = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    body = re.sub(r"@keyframes[^{]*\{[^{}]*\{[^}]*\}[^}]*\}", "", body)
    out = []
    for selector, decls in re.findall(r"([^{}]+)\{([^{}]*)\}", body):
        props = {}
        for d in decls.split(";"):
            if ":" in d:
                k, v = d.split(":", 1)
                props[k.strip()] = v.strip()
        out.append((selector.strip(), props))
    return out


def test_the_contrast_formula():
    assert round(ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(ratio("#767676", "#ffffff"), 2) == 4.54


def test_every_text_colour_meets_aa_against_its_background():
    checked = 0
    for selector, props in _rules():
        fg = props.get("color")
        if fg is None or not fg.startswith("#"):
            continue
        bg = props.get("background", props.get("background-color", PAGE_BACKGROUND))
        bg = bg if bg.startswith("#") else PAGE_BACKGROUND
        assert ratio(fg, bg) >= 4.5, (selector, fg, bg, round(ratio(fg, bg), 2))
        checked += 1
    assert checked >= 20


def test_svg_text_and_lines_are_dark_enough():
    for colour in set(re.findall(r"fill: (#[0-9a-f]{6})", CSS)):
        assert ratio(colour, PAGE_BACKGROUND) >= 4.5, colour
    from vitasim.web import charts
    src = (resources.files("vitasim.web") / "charts.py").read_text()
    for colour in set(re.findall(r'stroke="(#[0-9a-f]{6})"', src)) - {"#bbb"}:
        assert ratio(colour, PAGE_BACKGROUND) >= 3.0, colour           # non-text contrast (1.4.11)
    assert charts


def test_focus_outline_is_visible():
    focus = dict(_rules())[":focus-visible"]
    colour = focus["outline"].split()[-1]
    assert ratio(colour, PAGE_BACKGROUND) >= 3.0 and focus["outline"].startswith("4px")


def test_base_type_is_at_least_18px():
    root = dict(_rules())[":root"]
    assert float(root["font-size"].rstrip("%")) / 100 * 16 >= 18


def test_every_field_has_a_visible_label(client):
    pid = add_person(client)
    for url in ("/", f"/people/{pid}"):
        page = client.get(url).text
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
        fields = re.findall(r'<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>', page)
        assert len(ids) == len(fields), url
        for i in ids:
            assert f'for="{i}"' in page, (url, i)


def test_charts_say_in_words_what_colours_show(client):
    pid = add_person(client)
    post(client, f"/people/{pid}/labs", {"lab": "25ohd", "value": "14", "unit": "ng/mL", "date": "2026-01-02"})
    page = client.get(f"/people/{pid}").text
    assert "<title" in page and "<desc" in page and 'role="img"' in page
    assert "hatched" in page and "measured value" in page
    assert "14 ng/mL" in page                   # the value written beside the point and in the table
