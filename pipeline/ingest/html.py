"""HTML → plain text with paragraph breaks, using selectolax (lexbor) for speed."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

__all__ = ["looks_like_html", "html_to_text"]

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "header", "footer", "aside")
_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "blockquote", "title")
_TAG_RE = re.compile(r"<\s*(html|body|p|div|br|head|meta|span|a)\b", re.I)
_BLANKS_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains HTML tags (for files without an .html extension)."""
    return len(_TAG_RE.findall(text[:5000])) >= 2


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return ``(text, title)``: visible text with one blank line between blocks, and ``<title>``.

    Navigation, scripts, styles and page chrome (nav/header/footer/aside) are dropped; block
    elements become paragraphs.
    """
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    h1 = tree.css_first("h1")
    if h1 is not None and h1.text(strip=True):
        title = h1.text(strip=True)
    tree.strip_tags(list(_DROP))
    if title_node is not None:
        title_node.decompose()
    for tag in _BLOCK:
        for node in tree.css(tag):
            node.insert_after("\n\n")
    body = tree.body or tree.root
    text = body.text(separator="", strip=False) if body is not None else ""
    text = "\n".join(line.strip() for line in text.splitlines())
    text = _BLANKS_RE.sub("\n\n", text).strip()
    return text, (title or None)
