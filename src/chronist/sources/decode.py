"""Bytes to text: byte-order marks, UTF-8, a declared charset, then detection.

Order of trust: a BOM (UTF-8, UTF-16, UTF-32) is certain; strict UTF-8 that decodes is almost
certain; a charset the container or the HTML declares comes next; otherwise charset-normalizer
chooses (it tells cp1251 from latin-1 by the text it produces). Files that are binary (NUL bytes
outside UTF-16, known magic numbers, many control characters) are refused with a clear reason.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from chronist.errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"SQLite format 3": "an SQLite database",
}

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII-range characters."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text (or None when they may be)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what})"
    if b"\x00" in data[:65536] and _utf16_without_bom(data) is None:
        if not any(data.startswith(bom) for bom, _ in _BOMS):
            return "binary file (NUL bytes)"
    return None


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise :class:`InputError` naming ``name``."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"undecodable {encoding} text ({exc.reason})") from None
    reason = binary_reason(data)
    if reason:
        raise InputError(name, reason)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError:
            pass
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    for candidate in _declared_encodings(data, declared):
        try:
            return _checked(data.decode(candidate), name)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(name, "undecodable text (no encoding fits)")
    try:
        return _checked(data.decode(best.encoding), name)
    except (UnicodeDecodeError, LookupError):
        raise InputError(
            name, f"undecodable text (detected {best.encoding} does not fit)"
        ) from None


def _declared_encodings(data: bytes, declared: str | None) -> list[str]:
    found = [declared] if declared else []
    match = _DECLARED.search(data[:8192])
    if match:
        found.append(match.group(1).decode("ascii", "ignore"))
    return [e for e in found if e and e.lower().replace("-", "") not in {"utf8"}]


def _checked(text: str, name: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.01:
        raise InputError(name, "binary file (control characters)")
    if not text.strip():
        raise InputError(name, "empty file")
    return text
