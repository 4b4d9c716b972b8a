"""The one normal form every knowledge-base key takes, shared by the loader and the builder.

``key("the U.S.")`` → ``"us"``; ``key("Jabhat al-Nusra")`` → ``"jabhat al nusra"``;
``key("Élysée")`` → ``"elysee"``. Diacritics are dropped, case is folded, dots and apostrophes
vanish, hyphens, underscores and other punctuation become spaces, whitespace is collapsed, and a
leading "the" is ignored.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[.'’‘`´ʼʻ]")
_SPACE = re.compile(r"[^\w]+|_")
_THE = re.compile(r"^the\s+")
#: Arabic article and similar particles that writers often leave out ("Nusra Front").
PARTICLES = frozenset({"al", "el"})


def fold(text: str) -> str:
    """Diacritics removed and case folded (no other change)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("ß", "ss")


def key(text: str) -> str:
    """The normalised lookup key of ``text`` (empty when nothing usable is left)."""
    text = _DROP.sub("", fold(text))
    text = " ".join(_SPACE.sub(" ", text).split())
    return _THE.sub("", text)


def without_particles(k: str) -> str:
    """The key without standalone particles: ``jabhat al nusra`` → ``jabhat nusra``."""
    words = k.split()
    kept = [w for w in words if w not in PARTICLES]
    return " ".join(kept) if kept and len(kept) != len(words) else k


_SKELETON = [("kh", "h"), ("ks", "x"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i")]
_DOUBLE = re.compile(r"(\w)\1+")


def skeleton(k: str) -> str:
    """A looser form of a key for transliterated names: ``yuriy ushakov``, ``yury ushakov`` and
    ``yuri ushakov`` all give ``yuri ushakov``; ``sergey``/``sergei``, ``shoygu``/``shoigu``,
    ``khalid``/``halid`` meet. Only a word's first letter keeps a ``y``."""
    words = []
    for word in k.split():
        for old, new in _SKELETON:
            word = word.replace(old, new)
        word = word[:1] + word[1:].replace("y", "i")
        words.append(_DOUBLE.sub(r"\1", word))
    return " ".join(words)
