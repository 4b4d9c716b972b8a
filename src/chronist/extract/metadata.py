"""Choose each metadata value from its candidates, in order of trust, keeping the evidence.

Order of trust per field: what the container says (a JSON Lines field, a WARC target URI) beats
what extraction found; for the outlet, the URL's registered domain beats a byline suffix, which
beats an agency dateline ("BUDAPEST, Feb 18 (Reuters) -"), a copyright notice ("©2018 Los Angeles
Times"), the article naming itself ("Sunday Express readers"), a photo credit, and last the site
name an HTML page declares (``extract/outlets.py``). A publication date needs
real evidence (a container field, a date in the URL, the page's metadata, a "Published" line or
a dateline); a page clock, a scrape time or a caption date is never one. Without one the date is
null and the latest caption date, if any, becomes ``published_after``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from chronist.model import Evidence, RawDocument

_OUTLET_ORDER = (
    "url_outlet",
    "byline_outlet",
    "dateline_outlet",
    "copyright_outlet",
    "self_outlet",
    "credit_outlet",
    "sitename",
)


@cache
def _tld_extractor() -> Any:
    import tldextract

    # suffix_list_urls=() keeps tldextract on its bundled public-suffix snapshot: no network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


#: A capture in a web archive: the archived page's own URL follows the timestamp
#: (``https://web.archive.org/web/20161209123456/https://www.rt.com/…``).
_ARCHIVED = re.compile(
    r"^https?://(?:web\.)?(?:archive\.org|archive\.today|archive\.ph|archive\.is)"
    r"/(?:web/)?\d{4,14}[a-z_]*/(?P<inner>https?://\S+)$",
    re.I,
)


def domain_of(url: str) -> str | None:
    """Registered domain of a URL (``https://news.bbc.co.uk/x`` → ``bbc.co.uk``); for a
    capture in a web archive, the archived page's (its outlet is not archive.org)."""
    if not url or "." not in url:
        return None
    archived = _ARCHIVED.match(url.strip())
    if archived:
        url = archived.group("inner")
    parts = _tld_extractor()(url)
    domain = parts.top_domain_under_public_suffix or parts.fqdn
    if not domain:  # a host under no known public suffix (intranet, .example, .local)
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        labels = host.split(".")
        domain = host if host.replace(".", "").isdigit() else ".".join(labels[-2:])
    return domain.lower() or None


#: Epoch seconds a container's date may be: 1990 to 2100 (a ``true`` or a count is none).
_EPOCH_RANGE = (631152000, 4102444800)


def normalise_date(value: Any) -> str | None:
    """A container's date value (ISO date or datetime, epoch seconds of 1990-2100, or a date
    written out) as ``YYYY-MM-DD``; None for anything else. A relative date ("yesterday", "3
    days ago") is none: it would be read against the day of the run, not of the article."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not _EPOCH_RANGE[0] <= value <= _EPOCH_RANGE[1]:
            return None
        return datetime.fromtimestamp(value, UTC).date().isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        text,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["year"],
        },
    )
    return parsed.date().isoformat() if parsed else None


def _as_list(value: Any) -> list[str]:
    """Names from a string ("A, B; C") or a list of strings; nothing from other values."""
    if isinstance(value, str):
        return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def web_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL with a host, else None (``javascript:``,
    ``file:``, ``data:`` and relative paths are no article's address)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def container_candidates(raw: RawDocument) -> dict[str, tuple[Any, Evidence]]:
    """Metadata a JSON Lines record or WARC header carried, with evidence naming the field."""
    src = raw.fields_source or "container"
    found: dict[str, tuple[Any, Evidence]] = {}
    for key, value in raw.fields.items():
        ev = Evidence(src, f"{key}: {value}" if not isinstance(value, str) else f"{key}: {value}")
        if key in ("authors", "tags"):
            found[key] = (_as_list(value), ev)
        elif key == "date":
            iso = normalise_date(value)
            if iso:
                found["published"] = (iso, ev)
        elif key == "url":
            url = web_url(value)
            if url:
                found[key] = (url, ev)
        elif key in ("title", "outlet", "language") and isinstance(value, str) and value.strip():
            found[key] = (value.strip(), ev)  # a number, a list or an object is no title
    return found


def merge(
    raw: RawDocument, extracted: dict[str, tuple[Any, Evidence]]
) -> dict[str, tuple[Any, Evidence]]:
    """Final value and evidence per field."""
    given = container_candidates(raw)
    chosen: dict[str, tuple[Any, Evidence]] = {}
    for field in ("title", "authors", "url", "published", "tags", "language"):
        pick = given.get(field) or extracted.get(field)
        if pick is not None:
            chosen[field] = pick
    if "url" in given and "url" in extracted and given["url"][0] != extracted["url"][0]:
        # The page's canonical URL is the better citation; keep the container's as evidence.
        chosen["url"] = extracted["url"]
    if "published" not in chosen and "published_after" in extracted:
        chosen["published_after"] = extracted["published_after"]
    if "url" in chosen and not web_url(chosen["url"][0]):
        del chosen["url"]  # a page's javascript: or file: "canonical" is no address
    candidates = dict(extracted)
    url = chosen.get("url")
    if url:
        domain = domain_of(url[0])
        if domain:
            candidates["url_outlet"] = (domain, Evidence("url", url[0]))
    outlet = given.get("outlet") or next(
        (candidates[k] for k in _OUTLET_ORDER if k in candidates), None
    )
    if outlet is not None:
        chosen["outlet"] = outlet
    return chosen
