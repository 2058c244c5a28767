"""Article reading and sentence splitting."""
from __future__ import annotations

from vitasim.evidence.text import html_to_text, kind_of, markdown_to_text, sentences


def test_sentences_keep_decimals_and_abbreviations():
    got = [s.text for s in sentences("Fusion was 91.67% vs. 74.29% (Zhang et al. 2022). It was e.g. small! Next?")]
    assert got == ["Fusion was 91.67% vs. 74.29% (Zhang et al. 2022).", "It was e.g. small!", "Next?"]


def test_paragraphs_and_headings_are_separate():
    s = sentences("Heading without stop\nFirst sentence. Second one.\n\nNew paragraph.")
    assert [x.text for x in s] == ["Heading without stop", "First sentence.", "Second one.", "New paragraph."]
    assert s[1].paragraph == s[2].paragraph != s[3].paragraph


def test_html_drops_script_style_and_nav():
    text = html_to_text("<html><head><style>x</style></head><body><nav>menu</nav><p>A &amp; B.</p>"
                        "<script>bad()</script><p>C.</p></body></html>")
    assert "menu" not in text and "bad" not in text and "A & B." in text and "C." in text


def test_markdown_markup_is_removed():
    text = markdown_to_text("# Title\n\n- **Bold** claim with [a link](http://x).\n")
    assert "Title" in text and "Bold claim with a link." in text and "*" not in text and "http" not in text


def test_kind_of():
    assert kind_of("a.html", "") == "html" and kind_of("a.md", "") == "markdown"
    assert kind_of("a.txt", "<p>hi</p>") == "html" and kind_of("a.txt", "plain") == "text"
