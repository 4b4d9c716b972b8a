"""HTML pages: main text and metadata with trafilatura; captions read from the page's figures.

trafilatura does the extraction (body, title, author, date via htmldate, site name, tags) with
captions, images and comments left out of the body. chronist adds what it needs for evidence: the
captions as a list, and for the publication date the snippet of the page it rests on.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from htmldate import find_date
from htmldate.utils import load_html

from chronist.extract.chrome import strip_credit
from chronist.extract.dates import url_date
from chronist.model import Evidence

_CAPTION_XPATH = (
    "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
    " | //*[contains(@class, 'wp-caption-text')]"
)
_CREDIT_XPATH = (
    ".//*[contains(@class, 'credit') or contains(@class, 'copyright')"
    " or contains(@class, 'source')]"
)
_WS = re.compile(r"\s+")
#: trafilatura's fast mode skips its fallback extractors (readability, jusText); see bench/.
FAST = True


def _text_without(node: Any, skip: list[Any], top: bool = True) -> str:
    """The text of ``node`` leaving out the subtrees in ``skip`` (the tree is not changed).

    ``skip`` holds the element objects themselves: keeping them referenced keeps lxml's proxies
    stable, so ``is`` recognises them while iterating.
    """
    parts = [node.text or "" if isinstance(node.tag, str) else ""]
    for child in node:
        if any(child is s for s in skip):
            parts.append(child.tail or "")
        else:
            parts.append(_text_without(child, skip, top=False))
    text = "".join(parts)
    return text if top else text + (node.tail or "")


def _captions(tree: Any) -> list[str]:
    found: list[str] = []
    try:
        nodes = tree.xpath(_CAPTION_XPATH)
    except Exception:  # lxml raises several types on odd trees; captions are optional
        return found
    for node in nodes[:40]:
        credits = node.xpath(_CREDIT_XPATH)
        text = strip_credit(_WS.sub(" ", _text_without(node, credits)).strip())
        if 3 <= len(text) <= 600:
            found.append(text)
    return list(dict.fromkeys(found))


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def _date_evidence(html: str, iso: str, url: str | None) -> Evidence:
    """The snippet of the URL or the page that carries the date trafilatura/htmldate chose."""
    if url:
        found = url_date(url)
        if found and found.iso == iso:
            return Evidence("url", url)
    y, m, d = iso.split("-")
    forms = [iso, f"{y}/{m}/{d}", f"{d}.{m}.{y}", f"{int(d)}.{int(m)}.{y}", f"{y}{m}{d}"]
    for form in forms:
        pos = html.find(form)
        if pos >= 0:
            start = html.rfind("<", 0, pos)
            start = start if start >= 0 and pos - start < 200 else max(0, pos - 80)
            end = html.find(">", pos)
            end = end + 1 if 0 <= end - pos < 200 else pos + len(form) + 40
            snippet = _WS.sub(" ", html[start:end]).strip()
            source = "html-meta" if snippet.startswith(("<meta", "<time")) else "html"
            return Evidence(source, snippet[:300])
    return Evidence("html", f"date {iso} inferred by htmldate from the page's text and markup")


def _date_only(html: str, url: str | None) -> str | None:
    """htmldate alone, for pages where trafilatura found no article (and so no metadata)."""
    try:
        return find_date(html, url=url, original_date=True)
    except Exception:  # htmldate raises on odd markup; the date is then simply unknown
        return None


#: A table with more rows than this is a data dump, not part of an article's prose: a page
#: with a 50,000-row table took trafilatura 88 s and 3.4 GB, and made 50,000 "paragraphs".
MAX_TABLE_ROWS = 200


def _drop_data_tables(tree: Any) -> None:
    """Remove the tables of more than :data:`MAX_TABLE_ROWS` rows from ``tree``."""
    for table in list(tree.iter("table")):
        if sum(1 for _ in table.iter("tr")) > MAX_TABLE_ROWS and table.getparent() is not None:
            table.getparent().remove(table)


def extract_html(html: str, url: str | None) -> dict[str, Any]:
    """Body paragraphs, captions and metadata candidates (each with evidence) of one page."""
    tree = load_html(html)  # htmldate's loader: its dates are most accurate on its own trees
    if tree is not None:
        _drop_data_tables(tree)
    captions = _captions(tree) if tree is not None else []
    doc = trafilatura.bare_extraction(
        tree if tree is not None else html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
        fast=FAST,
        # htmldate's most accurate setting: the original publication date, not the last update.
        date_extraction_params={"extensive_search": True, "original_date": True, "url": url},
    )
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    date = data.get("date") if doc is not None else _date_only(html, url)
    text = data.get("text") or ""
    caption_set = set(captions)
    paragraphs = [p for p in (_WS.sub(" ", line).strip() for line in text.split("\n")) if p]
    paragraphs = [p for p in paragraphs if p not in caption_set]
    title = data.get("title")
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    meta: dict[str, tuple[Any, Evidence]] = {}
    if data.get("title"):
        meta["title"] = (data["title"], Evidence("html-meta", data["title"]))
    if data.get("author"):
        authors = [a.strip() for a in re.split(r";|\band\b", data["author"]) if a.strip()]
        meta["authors"] = (authors, Evidence("html-meta", data["author"]))
    page_url = data.get("url")
    if page_url and page_url.startswith("http"):
        meta["url"] = (page_url, Evidence("html-meta", page_url))
    if date:
        iso = str(date)[:10]
        meta["published"] = (iso, _date_evidence(html, iso, url or page_url))
    if data.get("sitename"):
        meta["sitename"] = (data["sitename"], Evidence("html-meta", data["sitename"]))
    tags = data.get("tags") or data.get("categories")
    if tags:
        items = tags if isinstance(tags, list) else [tags]
        values = list(dict.fromkeys(t.strip() for item in items for t in str(item).split(",")))
        values = [t for t in values if t]
        if values:
            meta["tags"] = (values, Evidence("html-meta", ", ".join(values)))
    return {"paragraphs": paragraphs, "captions": captions, "meta": meta}
