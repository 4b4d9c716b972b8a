"""Language of an article's body with py3langid (its model ships inside the package: offline)."""

from __future__ import annotations

from functools import cache
from typing import Any

_MIN_CHARS = 40


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or too unsure."""
    sample = text[:1200]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
