"""HTML → plain text with paragraph breaks, in one pass over the tokens (linear in the input).

The tokens come from the standard library's HTML tokenizer (:class:`html.parser.HTMLParser`:
tags, text, character references, comments, raw ``<script>``/``<style>`` content). No tree is
built: the converter keeps the stack of open elements and a count of open elements per name,
so every start tag, end tag and text run costs O(1) amortized (an end tag closes the elements
above its match, each element is closed at most once). An HTML5 tree builder instead checks
the stack of open elements ("has an element in scope") on every tag, which made 100,000 nested
``<div>`` take 37 s; here it is one pass whatever the nesting depth.

Rules (the visible text of an article page):

* ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``iframe``, ``form`` and the page
  chrome ``nav``, ``header``, ``footer``, ``aside`` are dropped with their content;
* block elements (``p``, ``div``, ``br``, ``li``, headings, ``tr``, ``article``, ``section``,
  ``blockquote``) are separated by a blank line, before and after (so implied end tags such as
  ``<p>a<p>b`` still make two paragraphs);
* the title is the first non-empty ``<h1>``, else ``<title>``; ``<title>`` is not body text;
* lines are stripped and runs of blank lines collapse to one.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

__all__ = ["looks_like_html", "html_to_text", "HtmlText"]

DROP = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "header", "footer",
                  "aside"))
BLOCK = frozenset(("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
                   "blockquote", "title"))
#: Elements that never have content (no end tag, never on the stack).
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "keygen"))
_TAG_RE = re.compile(r"<\s*(html|body|p|div|br|head|meta|span|a)\b", re.I)
_BLANKS_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_BREAK = "\n\n"


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains HTML tags (for files without an .html extension)."""
    return len(_TAG_RE.findall(text[:5000])) >= 2


class HtmlText(HTMLParser):
    """The streaming converter; :attr:`max_depth` and :attr:`operations` describe the work done."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []          # open elements, innermost last
        self.open = Counter()               # open elements per name (O(1) "is it open?")
        self.drop_at: int | None = None     # stack height of the outermost dropped element
        self.title_at: int | None = None    # stack height of the open <title>
        self.h1_at: int | None = None       # stack height of the first <h1> being read
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.h1_done = False
        self.max_depth = 0
        self.operations = 0                 # pushes + pops + text runs: linear in the tokens

    # -- tokens -----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID:
            if tag == "br" and self.drop_at is None:
                self.parts.append(_BREAK)
            return
        self.stack.append(tag)
        self.open[tag] += 1
        self.operations += 1
        depth = len(self.stack)
        self.max_depth = max(self.max_depth, depth)
        if tag == "title" and self.title_at is None and not self.title_parts:
            self.title_at = depth
        if tag == "h1" and self.h1_at is None and not self.h1_done:
            self.h1_at = depth
        if self.drop_at is None and tag in DROP:
            self.drop_at = depth
        if tag in BLOCK and self.drop_at is None:
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag: str, attrs) -> None:  # <br/>, <div/>: no content
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        elif tag in BLOCK and self.drop_at is None:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is read as <br> by browsers
            self.handle_starttag(tag, [])
            return
        if not self.open[tag]:
            return  # stray end tag
        while self.stack:
            name = self._pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.operations += 1
        if self.title_at is not None:
            self.title_parts.append(data)
            return
        if self.h1_at is not None:
            self.h1_parts.append(data)
        if self.drop_at is None:
            self.parts.append(data)

    # -- the stack ----------------------------------------------------------------------------
    def _pop(self) -> str:
        depth = len(self.stack)
        name = self.stack.pop()
        self.open[name] -= 1
        self.operations += 1
        if self.title_at == depth:
            self.title_at = None
        if self.h1_at == depth:
            self.h1_at = None
            self.h1_done = bool("".join(self.h1_parts).strip())
            if not self.h1_done:
                self.h1_parts = []
        if self.drop_at == depth:
            self.drop_at = None
        elif name in BLOCK and self.drop_at is None:
            self.parts.append(_BREAK)
        return name

    def finish(self) -> tuple[str, str | None]:
        self.close()
        while self.stack:
            self._pop()
        text = "".join(self.parts)
        text = "\n".join(line.strip() for line in text.splitlines())
        text = _BLANKS_RE.sub(_BREAK, text).strip()
        h1 = " ".join("".join(self.h1_parts).split()) if self.h1_done else ""
        title = h1 or " ".join("".join(self.title_parts).split())
        return text, (title or None)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return ``(text, title)``: visible text with one blank line between blocks, and the title.

    Linear in the size of ``html`` whatever its nesting depth (see the module docstring).
    """
    converter = HtmlText()
    converter.feed(html)
    return converter.finish()
