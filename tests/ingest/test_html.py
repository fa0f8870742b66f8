"""HTML → text: what is kept, what is dropped, and linear work whatever the nesting depth."""

from __future__ import annotations

import pytest

from pipeline.ingest.html import HtmlText, html_to_text

AR = "قال مسؤولون عراقيون إن المحادثات مع واشنطن ستستأنف الأسبوع المقبل في بغداد."


def convert(html: str) -> HtmlText:
    c = HtmlText()
    c.feed(html)
    c.result = c.finish()
    return c


def test_page_text_title_and_dropped_chrome():
    html = (f"<html><head><title>عنوان الصفحة</title><style>p{{}}</style></head><body><nav>القائمة</nav>"
            f"<header><a>الرئيسية</a></header><h1>انسحاب القوات</h1><p>{AR}</p><script>var x=1;</script>"
            f"<aside>إعلان</aside><footer>حقوق</footer></body></html>")
    assert html_to_text(html) == (f"انسحاب القوات\n\n{AR}", "انسحاب القوات")


def test_title_falls_back_to_title_element_and_is_not_body_text():
    assert html_to_text(f"<title> عنوان  الصفحة </title><p>{AR}</p>") == (AR, "عنوان الصفحة")
    assert html_to_text(f"<h1> </h1><p>{AR}</p>") == (AR, None)


@pytest.mark.parametrize("html, text", [
    ("<p>a<p>b<br>c &amp; d</p>", "a\n\nb\n\nc & d"),                     # implied end tags, entities
    ("<ul><li>one<li>two</ul><div>x<span>y</span>z</div>", "one\n\ntwo\n\nxyz"),
    ("<div><p>unclosed <b>bold <i>both</div> tail", "unclosed bold both\n\ntail"),
    ("text <!-- comment --> after</span></div>", "text  after"),           # stray end tags ignored
    ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "ab\n\nc"),
    ("<div>a</br>b<br/>c</div>", "a\n\nb\n\nc"),
    ("<script>if (a < b) { x = '</div>'; }</script><p>ok</p>", "ok"),
    ("<nav><div><nav>x</nav>still dropped</div></nav>kept", "kept"),
])
def test_blocks_and_edge_cases(html, text):
    assert html_to_text(html)[0] == text


def test_100k_nesting_levels_are_one_linear_pass():
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + f"<h1>عنوان</h1><p>{AR}</p>" + "</div>" * depth + "</body></html>"
    c = convert(html)
    assert c.result == (f"عنوان\n\n{AR}", "عنوان")
    assert c.max_depth == depth + 3  # html, body, the divs, then h1/p
    # each element is pushed once and popped once, each text run read once: 2 × elements + texts
    assert c.operations == 2 * (depth + 4) + 2
    assert c.stack == [] and sum(c.open.values()) == 0


def test_work_grows_linearly_with_depth_even_when_closed_from_the_outside():
    def ops(depth: int) -> int:
        # every element closed at once by the outermost end tag (the "pop until match" path)
        return convert("<section>" + "<div><span>" * depth + "x" + "</section>" + "</div>" * depth).operations

    small, large = ops(10_000), ops(20_000)
    assert large - small == small - ops(0) == 2 * 2 * 10_000  # exactly 2 operations per element


def test_deep_dropped_subtree_is_dropped_whole():
    depth = 50_000
    c = convert("<nav>" + "<div>" * depth + "menu" + "</div>" * depth + "</nav>" + f"<p>{AR}</p>")
    assert c.result == (AR, None)
