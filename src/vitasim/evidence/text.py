"""Reading an article (plain text, Markdown or HTML) and splitting it into sentences.

No model: block boundaries from the markup (or blank lines and line breaks in plain text) split
paragraphs; inside a paragraph a sentence ends at ``.``, ``!`` or ``?`` followed by white space and
an upper-case letter, digit or opening quote, except after the abbreviations below and inside
decimal numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "Dr.", "vs.", "approx.", "No.", "Fig.", "cf.", "Mr.", "Mrs.", "Prof.",
                 "St.", "etc.", "ca.", "resp.")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
               "blockquote", "ul", "ol", "table", "header", "footer"}
_SKIP_TAGS = {"script", "style", "noscript", "head", "nav"}


@dataclass(frozen=True)
class Sentence:
    """A sentence with its paragraph number and position in the paragraph (for neighbours)."""

    text: str
    paragraph: int
    index: int


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per paragraph."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def markdown_to_text(md: str) -> str:
    """Markdown without its markup: headings, emphasis, links, list bullets, code fences."""
    text = re.sub(r"```.*?```", "", md, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", text)
    return text


def read_article(text: str, kind: str = "text") -> str:
    """Plain text of an article given as ``text``, ``markdown`` or ``html``."""
    if kind == "html":
        return html_to_text(text)
    if kind == "markdown":
        return markdown_to_text(text)
    return text


def kind_of(path: str, text: str) -> str:
    """Guess the article's format from its file name, then its content."""
    low = path.lower()
    if low.endswith((".html", ".htm")) or re.search(r"<(p|div|body|html)\b", text[:2000], re.I):
        return "html"
    if low.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def _protect(par: str) -> str:
    for abbr in ABBREVIATIONS:
        par = par.replace(abbr, abbr.replace(".", "\u2024"))
    return par


def sentences(text: str) -> list[Sentence]:
    """Sentences of plain text, paragraph by paragraph; headings and short lines stay whole."""
    out: list[Sentence] = []
    paragraphs = [p for p in re.split(r"\n\s*\n|\n(?=\s*\S)", text) if p.strip()]
    for pno, par in enumerate(paragraphs):
        par = re.sub(r"\s+", " ", _protect(par)).strip()
        for i, piece in enumerate(s for s in _END.split(par) if s.strip()):
            out.append(Sentence(piece.replace("\u2024", ".").strip(), pno, i))
    return out
