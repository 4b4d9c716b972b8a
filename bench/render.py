"""Render an HTML page to full-page plain text, "as a scraper saves it".

:func:`render_page_text` approximates the browser's ``innerText`` of ``<body>``: every visible text
of the page is kept (navigation, header, footer, sidebars, captions, comments, ...), laid out with
the line-break rules of the innerText algorithm:

* block-level elements start and end on their own line (a "required line break count" of 1);
* ``<p>`` and ``<h1>``-``<h6>`` are separated from their neighbours by a blank line (count 2);
* ``<br>`` is a literal newline;
* inline content is joined inline with whitespace collapsed (``white-space: normal``), except
  inside ``<pre>``/``<textarea>``-like elements where it is kept;
* table cells of one row are separated by a tab, each row is a line;
* afterwards every line is stripped and runs of 3+ newlines collapse to one blank line.

Invisible content is dropped: ``script``, ``style``, ``noscript``, ``template``, ``svg``,
``iframe``, ``head`` (and a few replaced elements whose children never render), HTML comments and
processing instructions, and elements that are hidden by a ``hidden`` attribute,
``aria-hidden="true"`` or an inline ``display: none`` style. The tail text that follows a dropped
element is still visible and is kept.

This is a benchmark helper: it turns the HTML pages of an extraction benchmark into the plain text
a scraper (or a copy-paste from the browser) would hand to chronist.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

#: Elements whose content is never rendered as text.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "head",
        "title",
        "meta",
        "link",
        "base",
        # replaced / form elements whose children are not part of innerText
        "textarea",
        "select",
        "option",
        "optgroup",
        "datalist",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "picture",
        "source",
        "track",
        "img",
        "input",
        "math",
    }
)

#: Elements with ``display: block`` (or list-item, table, ...) in the UA stylesheet.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "plaintext",
        "pre",
        "search",
        "section",
        "summary",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "ul",
        "xmp",
    }
)

#: Elements separated from their neighbours by a blank line.
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})

#: Elements that keep their whitespace (``white-space: pre``).
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})

CELL_TAGS = frozenset({"td", "th"})

_WS = re.compile(r"[ \t\n\r\f\v\u200b]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_MANY_NEWLINES = re.compile(r"\n{3,}")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


class _Writer:
    """Accumulates text with innerText's "required line break count" bookkeeping."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0  # required line breaks not yet written
        self.at_line_start = True
        self.last_space = True

    def breaks(self, n: int) -> None:
        if self.parts:  # leading required line breaks are removed
            self.pending = max(self.pending, n)

    def _flush(self) -> None:
        if self.pending:
            self.parts.append("\n" * self.pending)
            self.pending = 0
            self.at_line_start = True
            self.last_space = True

    def text(self, s: str, pre: bool = False) -> None:
        if not s:
            return
        if pre:
            self._flush()
            self.parts.append(s)
            self.at_line_start = s.endswith("\n")
            self.last_space = s[-1].isspace()
            return
        s = _WS.sub(" ", s)
        if self.pending or self.last_space:
            s = s.lstrip(" ")
        if not s:
            return
        self._flush()
        self.parts.append(s)
        self.at_line_start = False
        self.last_space = s.endswith(" ")

    def raw(self, s: str) -> None:
        """A literal string (``<br>``'s newline, a cell's tab): never collapsed."""
        self._flush()
        self.parts.append(s)
        self.at_line_start = s.endswith("\n")
        self.last_space = True

    def result(self) -> str:
        text = "".join(self.parts)
        lines = [line.strip() for line in text.split("\n")]
        text = "\n".join(lines)
        text = _MANY_NEWLINES.sub("\n\n", text)
        return text.strip()


def _is_hidden(el: etree._Element) -> bool:
    attrib = el.attrib
    if "hidden" in attrib:
        return True
    if attrib.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrib.get("style")
    if style and _DISPLAY_NONE.search(style):
        return True
    if el.tag == "input" and attrib.get("type", "").lower() == "hidden":
        return True
    return False


def _tag(el: etree._Element) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):  # comment, processing instruction, entity
        return None
    if "}" in tag:  # namespaced (e.g. XHTML served as XML)
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def _walk(el: etree._Element, out: _Writer, pre: bool) -> None:
    tag = _tag(el)
    if tag is None or tag in DROP_TAGS or _is_hidden(el):
        return
    if tag == "br":
        out.raw("\n")
        return
    is_pre = pre or tag in PRE_TAGS
    if tag in PARAGRAPH_TAGS:
        brk = 2
    elif tag in BLOCK_TAGS:
        brk = 1
    else:
        brk = 0
    if brk:
        out.breaks(brk)
    if tag == "hr":
        out.breaks(1)
        return
    if el.text:
        out.text(el.text, is_pre)
    for child in el:
        _walk(child, out, is_pre)
        if child.tail:
            out.text(child.tail, is_pre)
    if tag in CELL_TAGS:
        nxt = el.getnext()
        while nxt is not None and _tag(nxt) not in CELL_TAGS:
            nxt = nxt.getnext()
        if nxt is not None:
            out.raw("\t")
    if brk:
        out.breaks(brk)


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported"
        pass
    except etree.ParserError:
        return None
    html = _XML_DECL.sub("", html, count=1)
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (ValueError, etree.ParserError):
        return None


def render_page_text(html: str) -> str:
    """Full-page visible text of ``html`` laid out like the browser's ``innerText``."""
    root = _parse(html)
    if root is None:
        return ""
    body = root.find("body")
    if body is None:
        body = root
    out = _Writer()
    _walk(body, out, pre=False)
    return out.result()


if __name__ == "__main__":
    import sys

    path = sys.argv[1] if len(sys.argv) > 1 else "-"
    data = (
        sys.stdin.read() if path == "-" else open(path, encoding="utf-8", errors="replace").read()
    )
    print(render_page_text(data))
