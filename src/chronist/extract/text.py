"""Plain-text scrapes: run the line classifier, turn what it labelled into metadata candidates."""

from __future__ import annotations

import re
from typing import Any

from chronist.extract import chrome
from chronist.extract.dates import find_dates, url_date
from chronist.extract.outlets import (
    agency_dateline,
    copyright_outlet,
    credit_outlet,
    is_copyright_notice,
    self_reference,
)
from chronist.extract.plaintext import caption_dates, classify, tag_values
from chronist.model import Evidence

_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*[,(–—-]")


def _looks_like_name(text: str) -> bool:
    """Two to four words, each starting with a capital letter (any script)."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() and w[0].isalpha() for w in words)


def name_case(name: str) -> str:
    """``PETER KORZUN`` → ``Peter Korzun``; mixed-case names are kept as written."""
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def parse_byline(line: str) -> tuple[list[str], str | None]:
    """Authors and an outlet suffix from a byline (``NAME | OUTLET``, ``By A and B``)."""
    outlet = None
    match = chrome.BYLINE_PIPE.match(line)
    if match:
        line, outlet = match.group(1), match.group(2).strip()
    prefix = chrome.BYLINE_PREFIX.match(line)
    if prefix:
        line = prefix.group(1)
    authors = []
    for part in re.split(r",|;|&|\band\b|\bи\b|\bund\b|\bet\b|\by\b", line):
        part = part.strip(' .«»"“”')
        if _looks_like_name(part):
            authors.append(name_case(part))
        elif part and outlet is None and len(part.split()) <= 3 and part[0].isupper() and authors:
            outlet = part
    return authors, outlet


def extract_text(text: str, url: str | None) -> dict[str, Any]:
    """Body paragraphs, captions and metadata candidates (each with evidence) of one scrape."""
    result = classify(text, url)
    meta: dict[str, tuple[Any, Evidence]] = {}
    if result.title:
        meta["title"] = (result.title, Evidence("title-line", result.title))
    if result.urls:
        meta["url"] = (result.urls[0], Evidence("url", result.urls[0]))
    for line in result.bylines:
        authors, outlet = parse_byline(line)
        if authors and "authors" not in meta:
            meta["authors"] = (authors, Evidence("byline", line))
        if outlet and "byline_outlet" not in meta:
            meta["byline_outlet"] = (outlet, Evidence("byline", line))
    widgets = [u.text for u in result.units if u.label == "widget"]
    for credit in result.credits:
        if is_copyright_notice(credit):
            notice = copyright_outlet(credit)
            if notice and "copyright_outlet" not in meta:
                meta["copyright_outlet"] = (notice[0], Evidence("copyright", notice[1]))
            continue
        agency = credit_outlet(credit, widgets)
        if agency and "credit_outlet" not in meta:
            meta["credit_outlet"] = (agency, Evidence("photo-credit", credit))
    for paragraph in result.paragraphs[:2]:
        credited = agency_dateline(paragraph)
        if credited:
            meta["dateline_outlet"] = (credited[0], Evidence("dateline", credited[1]))
            break
    own = self_reference("\n\n".join(result.paragraphs))
    if own:
        meta["self_outlet"] = (own[0], Evidence("self-reference", own[1]))
    for line in result.date_lines:
        found = find_dates(line)
        if found:
            meta["published"] = (found[0].iso, Evidence("dateline", line))
            break
    page_url = url or (result.urls[0] if result.urls else None)
    found_url = url_date(page_url) if page_url else None
    if found_url and "published" not in meta:
        meta["published"] = (found_url.iso, Evidence("url", page_url or ""))
    if "published" not in meta and result.paragraphs:
        first = result.paragraphs[0]
        if _DATELINE.match(first):
            dates = [d for d in find_dates(first[:80])]
            if dates:
                meta["published"] = (dates[0].iso, Evidence("dateline", first[: dates[0].end]))
    bounds = caption_dates(result.captions)
    if bounds:
        latest = max(bounds, key=lambda d: d.value)
        meta["published_after"] = (latest.iso, Evidence("caption", latest.text))
    tags = tag_values(result.tag_lines)
    if tags:
        meta["tags"] = (tags, Evidence("tag-line", result.tag_lines[0]))
    return {
        "paragraphs": result.paragraphs,
        "captions": result.captions,
        "meta": meta,
        "units": result.units,
    }
