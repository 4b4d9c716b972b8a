"""Extract: a raw document in, a clean :class:`~chronist.model.Article` with metadata out.

A registry maps each raw kind to its extractor (``html`` → trafilatura, ``text`` → chronist's own
line classifier); both return body paragraphs, captions and metadata candidates with evidence,
and :mod:`chronist.extract.metadata` chooses among them. This is a pure function of the raw
document, so it runs the same in one process, a pool or a cluster.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from chronist.extract.html import extract_html
from chronist.extract.language import detect_language
from chronist.extract.metadata import merge
from chronist.extract.text import extract_text
from chronist.model import Article, Evidence, RawDocument, article_id

Extractor = Callable[[str, str | None], dict[str, Any]]

EXTRACTORS: dict[str, Extractor] = {"html": extract_html, "text": extract_text}

__all__ = ["EXTRACTORS", "extract", "without_controls"]


#: Terminal control sequences (CSI "ESC [ … m", OSC "ESC ] … BEL" or "… ESC \\", two-byte
#: escapes) and the C0 controls other than tab and line breaks: a scrape or a log saved from a
#: terminal carries them, and a paragraph holding one was dropped from the body as noise.
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


#: Four or more of one character that is neither a letter, a digit nor a space.
_RUN = re.compile(r"([^\w\s])\1{3,}")


def without_controls(value: Any) -> Any:
    """``value`` (text, or a list or dict of them) without terminal control sequences and
    control characters; tab and line breaks stay."""
    if isinstance(value, str):
        return _CONTROLS.sub("", value) if _CONTROLS.search(value) else value
    if isinstance(value, list):
        return [without_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: without_controls(v) for k, v in value.items()}
    return value


def extract(raw: RawDocument) -> Article:
    """Clean body and metadata of one raw document."""
    if _CONTROLS.search(raw.content) or any(_CONTROLS.search(str(v)) for v in raw.fields.values()):
        raw = replace(
            raw, content=without_controls(raw.content), fields=without_controls(raw.fields)
        )
    url = raw.fields.get("url")
    found = EXTRACTORS[raw.kind](raw.content, url if isinstance(url, str) else None)
    # One space between words: no-break spaces and tabs from the page do not reach the body.
    # A run of one punctuation character ("!!!!…", a rule of "=") is cut to three: spaCy's
    # tokenizer takes time growing with the square of such a run (30,000 took minutes).
    paragraphs = [_RUN.sub(r"\1\1\1", " ".join(p.split())) for p in found["paragraphs"]]
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
