"""Bytes to text: byte-order marks, UTF-8, a declared charset, then detection.

Order of trust: a BOM (UTF-8, UTF-16, UTF-32) is certain; strict UTF-8 that decodes is almost
certain; a charset the container or the HTML declares comes next; otherwise charset-normalizer
chooses (it tells cp1251 from latin-1 by the text it produces). Files that are binary (NUL bytes
outside UTF-16, known magic numbers, many control characters) are refused with a clear reason;
a stray NUL or two is damage to a text, not a binary file. UTF-16 without a BOM is found by
its NULs in ASCII-range text, and in other scripts (no NUL bytes at all) by a strict decoding
into letters, spaces and punctuation once UTF-8 has failed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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


#: Characters that separate words or sentences in UTF-16 text of any script: a space or a
#: line break (bytes with a NUL beside them) or CJK punctuation. Text in an 8-bit encoding read
#: as UTF-16 by mistake holds almost none of them.
_SEPARATORS = frozenset(" \n\u3000\u3001\u3002\uff0c\uff0e")


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


def _utf16_by_script(data: bytes) -> str | None:
    """UTF-16 without a BOM in a script whose text has no NUL bytes (Russian, Japanese,
    Chinese): asked only once strict UTF-8 has failed, it accepts a strict decoding into
    letters with the spaces, line breaks or CJK punctuation text is made of."""
    sample = data[:4000]
    if len(sample) < 40:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        words = sum(ch.isalpha() for ch in text)
        gaps = sum(ch in _SEPARATORS for ch in text)
        odd_ones = sum(
            unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc") and ch not in "\n\r\t"
            for ch in text
        )
        if odd_ones == 0 and gaps >= max(3, 0.03 * len(text)) and words >= 0.6 * len(text):
            return encoding
    return None


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text (or None when they may be)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what})"
    head = data[:65536]
    # a stray NUL or two in a text is damage to drop, not a sign of a binary file
    if (
        head.count(0) > max(4, len(head) // 1000)
        and _utf16_without_bom(data) is None
        and _utf16_by_script(data) is None
    ):
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
    # Russian UTF-16 is also "valid UTF-8" (every byte below 0x80), full of control
    # characters: UTF-16 by script is asked when UTF-8 fails or reads as controls
    refused: InputError | None = None
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    except InputError as exc:
        refused = exc
    utf16 = _utf16_by_script(data)
    if utf16:
        try:
            return _checked(data[: len(data) // 2 * 2].decode(utf16), name)
        except UnicodeDecodeError:
            pass
    if refused is not None:
        raise refused
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
    controls = len(_CONTROL.findall(sample))
    if sample and controls > 4 and controls / len(sample) > 0.01:
        raise InputError(name, "binary file (control characters)")
    if not text.strip():
        raise InputError(name, "empty file")
    return text
