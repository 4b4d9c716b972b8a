"""Extract: a raw document in, a clean :class:`~chronist.model.Article` with metadata out.

A registry maps each raw kind to its extractor (``html`` → trafilatura, ``text`` → chronist's own
line classifier); both return body paragraphs, captions and metadata candidates with evidence,
and :mod:`chronist.extract.metadata` chooses among them. This is a pure function of the raw
document, so it runs the same in one process, a pool or a cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chronist.extract.html import extract_html
from chronist.extract.language import detect_language
from chronist.extract.metadata import merge
from chronist.extract.text import extract_text
from chronist.model import Article, Evidence, RawDocument, article_id

Extractor = Callable[[str, str | None], dict[str, Any]]

EXTRACTORS: dict[str, Extractor] = {"html": extract_html, "text": extract_text}

__all__ = ["EXTRACTORS", "extract"]


def extract(raw: RawDocument) -> Article:
    """Clean body and metadata of one raw document."""
    url = raw.fields.get("url")
    found = EXTRACTORS[raw.kind](raw.content, url if isinstance(url, str) else None)
    # One space between words: no-break spaces and tabs from the page do not reach the body.
    paragraphs = [" ".join(p.split()) for p in found["paragraphs"]]
    body = "\n\n".join(paragraphs)
    meta = merge(raw, found["meta"])
    if "language" not in meta:
        lang = detect_language(body or raw.content[:2000])
        if lang:
            sample = (body or raw.content)[:60].replace("\n", " ")
            meta["language"] = (lang, Evidence("language-model", f"py3langid on body: {sample}…"))

    def value(key: str, default: Any = None) -> Any:
        return meta[key][0] if key in meta else default

    outlet, page_url = value("outlet"), value("url")
    return Article(
        id=article_id(body, outlet, page_url),
        input=raw.input,
        format=raw.kind,
        body=body,
        title=value("title"),
        authors=list(value("authors", [])),
        outlet=outlet,
        url=page_url,
        published=value("published"),
        published_after=value("published_after"),
        language=value("language"),
        captions=list(found["captions"]),
        tags=list(value("tags", [])),
        metadata_evidence={k: ev for k, (_, ev) in meta.items()},
    )
