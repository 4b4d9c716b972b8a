"""Tell an input's format from its content (the file name is only a tie-breaker)."""

from __future__ import annotations

import json
import re

GZIP_MAGIC = b"\x1f\x8b"

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(p|div|body|head|title|meta|span|a|br|h[1-6]|article|section)\b", re.I)


def sniff(data: bytes, name: str = "") -> str:
    """One of ``warc``, ``gzip``, ``jsonl``, ``html``, ``text`` for these (decompressed) bytes."""
    head = data[:65536]
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    stripped = _strip_bom(head).lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if _looks_like_jsonl(stripped, name):
        return "jsonl"
    if _looks_like_html(stripped):
        return "html"
    return "text"


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                # UTF-16: keep only the low bytes well enough to sniff ASCII markup.
                head = head.replace(b"\x00", b"")
            break
    return head


def _looks_like_jsonl(head: bytes, name: str) -> bool:
    if not head.startswith(b"{"):
        return False
    if name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        return True
    first = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _looks_like_html(head: bytes) -> bool:
    if _HTML_START.match(head):
        return True
    return head.startswith(b"<") and len(_HTML_TAGS.findall(head)) >= 3
