"""The clinician report as PDF, through WeasyPrint, with nothing fetched from anywhere.

The report's HTML is self-contained (its stylesheet inline, its charts inline SVG); the URL
fetcher refuses every URL but ``data:``, so a PDF never reaches the network or the file system.
"""
from __future__ import annotations


def _no_fetch(url: str, *args, **kwargs):
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"the report may not load {url!r}")


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a self-contained HTML page."""
    from weasyprint import HTML
    return HTML(string=html, url_fetcher=_no_fetch, base_url=None).write_pdf()
