"""Readers, one per container format, registered by the name :func:`sniff` returns.

Each reader takes the input's name and bytes and yields :class:`RawDocument` objects, or an
:class:`InputError` for a part that cannot be read (one bad JSON line, a truncated WARC) so the
rest of the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from chronist.errors import InputError
from chronist.model import RawDocument
from chronist.sources.decode import decode_bytes
from chronist.sources.detect import sniff

Item = RawDocument | InputError
Reader = Callable[[str, bytes, int], Iterator[Item]]

READERS: dict[str, Reader] = {}

#: JSON Lines keys read as metadata, with the aliases accepted for each.
JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publication_date", "datetime"),
    "outlet": ("outlet", "source", "site", "publisher", "sitename"),
    "authors": ("authors", "author", "byline"),
    "tags": ("tags", "keywords", "categories"),
    "language": ("language", "lang"),
}


def reader(name: str) -> Callable[[Reader], Reader]:
    """Register a reader for a sniffed format name."""

    def register(func: Reader) -> Reader:
        READERS[name] = func
        return func

    return register


def read_bytes(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """Dispatch ``data`` to the reader of its sniffed format."""
    fmt = sniff(data, name)
    yield from READERS[fmt](name, data, max_bytes)


@reader("text")
def read_text(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """A plain-text scrape: one article per file."""
    try:
        yield RawDocument(input=name, content=decode_bytes(data, name), kind="text")
    except InputError as err:
        yield err


@reader("html")
def read_html(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """An HTML page: one article per file."""
    try:
        yield RawDocument(input=name, content=decode_bytes(data, name), kind="html")
    except InputError as err:
        yield err


@reader("gzip")
def read_gzip(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """A gzip file: a WARC.gz goes to the WARC reader whole; anything else is decompressed."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 256)
    except zlib.error as exc:
        yield InputError(name, f"corrupt gzip ({exc})")
        return
    if head.lstrip().startswith(b"WARC/"):
        yield from read_warc(name, data, max_bytes)
        return
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            inner = fh.read(max_bytes + 1)
    except (EOFError, OSError, zlib.error) as exc:
        yield InputError(name, f"truncated or corrupt gzip ({exc})")
        return
    if len(inner) > max_bytes:
        yield InputError(name, f"decompressed size over the {_mb(max_bytes)} limit")
        return
    if sniff(inner, name) == "gzip":
        yield InputError(name, "nested gzip is not supported")
        return
    yield from read_bytes(name, inner, max_bytes)


@reader("jsonl")
def read_jsonl(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """JSON Lines: one article per line, with ``text`` or ``html`` and optional metadata."""
    try:
        text = decode_bytes(data, name)
    except InputError as err:
        yield err
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(where, "JSON nested too deep to read")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSON line must be an object")
            continue
        yield from _jsonl_document(where, record)


def _jsonl_document(where: str, record: dict[str, Any]) -> Iterator[Item]:
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        content, kind = html, "html"
    elif isinstance(text, str) and text.strip():
        content, kind = text, "text"
    else:
        yield InputError(where, "record has neither a non-empty 'text' nor 'html' field")
        return
    fields: dict[str, Any] = {}
    for key, aliases in JSONL_FIELDS.items():
        for alias in aliases:
            value = record.get(alias)
            if value not in (None, "", []):
                fields[key] = value
                break
    yield RawDocument(input=where, content=content, kind=kind, fields=fields, fields_source="jsonl")


@reader("warc")
def read_warc(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """WARC or WARC.gz: every HTML ``response`` record is an article; others are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    records = ArchiveIterator(io.BytesIO(data))
    records.loader = _tolerant_loader()
    try:
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            payload = record.content_stream().read(max_bytes + 1)
            count += 1
            where = f"{name}#{count}"
            if len(payload) > max_bytes:  # a compressed WARC's record is checked unpacked
                yield InputError(where, f"record is over the {_mb(max_bytes)} limit")
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                yield InputError(
                    name, f"truncated or corrupt WARC: record {count} lacks {missing} bytes"
                )
                return
            url = record.rec_headers.get_header("WARC-Target-URI")
            charset = _charset(ctype)
            try:
                content = decode_bytes(payload, where, declared=charset)
            except InputError as err:
                yield err
                continue
            fields = {"url": url} if url else {}
            yield RawDocument(
                input=where, content=content, kind="html", fields=fields, fields_source="warc"
            )
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        yield InputError(name, f"truncated or corrupt WARC after {count} HTML records ({exc})")
        return
    except Exception as exc:  # noqa: BLE001 - warcio's other parse errors: one input, not the run
        kind = type(exc).__name__
        yield InputError(name, f"unreadable WARC after {count} HTML records ({kind}: {exc})")
        return
    if count == 0:  # a WARC with no page in it is no success: say so, not exit 0 in silence
        yield InputError(name, "no HTML response record in this WARC")


def _tolerant_loader() -> Any:
    """warcio's record loader, taking a ``response`` record without ``WARC-Target-URI`` as an
    HTTP response like any other (warcio raised ``AttributeError`` on it, and the run stopped
    with every good record after it unread); such a record is an article with no URL. A
    response whose block has no HTTP status line is skipped (warcio raised on it too)."""
    from warcio.recordloader import ArcWarcRecordLoader
    from warcio.statusandheaders import StatusAndHeadersParserException

    class Tolerant(ArcWarcRecordLoader):  # type: ignore[misc]
        def load_http_headers(self, rec_type: str, uri: Any, stream: Any, length: Any) -> Any:
            try:
                return super().load_http_headers(rec_type, uri or "http://", stream, length)
            except StatusAndHeadersParserException:
                # a response block with no HTTP status line: no page to read; the records
                # after it still are
                return None

    return Tolerant()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"
