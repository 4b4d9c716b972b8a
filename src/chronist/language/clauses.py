"""Clauses: each verb with its subject, object and complement, from spaCy's dependency parse.

Later stages are pure functions of the article, without the spaCy ``Doc``; the clause list is
the part of the parse they need, kept as character spans: the quotes stage finds the subject of
a speech verb ("…," said the senator from Ohio → "the senator from Ohio"), the events stage
reads who did what to whom. A clause is every verb that has a subject of its own or shares one
through coordination ("Kerry arrived and said …"); ``subject_head`` is the subject's head word
with its compound and title words ("Sen. Jeff Merkley", not the whole "Sen. Jeff Merkley
(D-Ore.), who …"); in a relative clause ("Sanders, who says …") ``subject`` is the relative
pronoun and ``subject_head`` the noun it stands for. An open complement shares its head's
subject ("the ministers are to meet", "rebels refused to comply"), and ``governor`` names the
verb a complement clause hangs on, with its lemma. ``lemma`` comes from spaCy's rule
lemmatizer, run on clause verbs only.
"""

from __future__ import annotations

import re
from typing import Any

from chronist.language.nlp import doc_text
from chronist.model import Clause, Governor, Span

_SUBJECT = ("nsubj", "nsubjpass", "csubj", "expl")
_HEAD_PARTS = ("compound", "flat", "amod", "det", "poss", "nmod", "nummod")
_CITING = {
    "cite", "cites", "cited", "quote", "quotes", "quoted", "hear", "hears", "heard",
    "show", "shows", "showed", "shown", "film", "filmed", "record", "recorded",
}  # fmt: skip
_TRIM = " \t\n,;:—–-\"'“”«»‘’("


def _span(body: str, start: int, end: int) -> Span:
    while start < end and body[start] in _TRIM:
        start += 1
    while end > start and (
        body[end - 1] in _TRIM or body[end - 1] == ")" and not _open(body, start, end)
    ):
        end -= 1
    return {"start": start, "end": end, "text": body[start:end]}


def _open(body: str, start: int, end: int) -> bool:
    """The span opens a parenthesis its last character closes: "Merkley (D-Ore.)"."""
    return body.count("(", start, end) >= body.count(")", start, end)


def _subtree(body: str, token: Any) -> Span:
    return _span(body, token.left_edge.idx, token.right_edge.idx + len(token.right_edge))


def _head(body: str, token: Any) -> Span:
    """The head word with the words that name it: compounds, titles, determiners."""
    left = token
    for child in token.lefts:
        if child.dep_ in _HEAD_PARTS or child.dep_ == "punct" and child.text == ".":
            left = child if child.i < left.i else left
    start = left.left_edge.idx if left is not token else token.idx
    right = token
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == right.i + 1:
            right = child
    return _span(body, start, right.idx + len(right))


#: Forms of "be", which the rule lemmatizer leaves as written when the tagger calls them AUX.
_BE = frozenset({"am", "is", "are", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m"})


def _lemma(lemmatizer: Any, token: Any) -> str:
    if token.lower_ in _BE and token.pos_ in ("AUX", "VERB"):
        return "be"  # "she was unable …": the copula is one verb, whatever its form
    if lemmatizer is not None:
        try:
            forms = lemmatizer.rule_lemmatize(token)
        except Exception:  # noqa: BLE001 - an odd token keeps its lower-case form
            forms = []
        if forms:
            return str(forms[0]).lower()
    return token.lower_


#: Documents whose words are their author's ("a letter urging …").
_DOCUMENTS = {
    "manifesto", "letter", "statement", "petition", "resolution", "motion", "declaration",
    "communique", "communiqué", "appeal", "decree", "bill", "report", "memo", "ultimatum",
}  # fmt: skip


def _subject_of(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in _SUBJECT:
            return child
    for child in verb.children:
        # "May arrives for talks": a modal cannot govern "arrives", so "May" is a name
        if child.dep_ == "aux" and child.text == "May" and verb.tag_ in ("VBZ", "VBD"):
            return child
    # "Kerry arrived and said …": a coordinated verb shares its head verb's subject.
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        shared = _subject_of(verb.head)
        if _speaker_misattached(verb, shared):
            return _subject_of(verb.head.head)
        return shared
    # "… the ministry said, adding that …": the participle's subject is the main clause's.
    # "The ministers are to meet", "rebels refused to comply": an open complement's subject
    # is its head verb's.
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head)
    # "the corporation was quick to condemn …", "Moscow is ready to send aid": the complement
    # of a predicate adjective has the subject of its copula
    if _adjective_complement(verb):
        return _subject_of(verb.head.head)
    if (subject := _for_subject(verb)) is not None:
        return subject
    return _subject_of_document(verb)


def _for_subject(verb: Any) -> Any | None:
    """ "It is imperative for Barr to release the report": the parse may hang "for Barr" on
    the copula and "to release" beside it; the noun of that "for", right before the "to", is
    the infinitive's subject."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or verb.dep_ not in ("advcl", "xcomp") or verb.head.lemma_ != "be":
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i < to.i:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and max(t.i for t in obj.subtree) == to.i - 1:
                return obj
    return None


#: Adjectives whose open complement is an act done ("was quick to condemn") or not done
#: ("was unwilling to meet"). Not those of intent ("ready to", "willing to", "happy to"): on
#: the real-news train and check sets they made more false events ("I am ready to pass the
#: torch", "willing to fight for …") than true ones.
_ADJECTIVES_OF_ACTS = {
    "quick", "swift", "fast", "slow", "first", "last", "careful",
    "unwilling", "unable", "reluctant", "loath", "hesitant",
}  # fmt: skip


def _adjective_complement(verb: Any) -> bool:
    """``verb`` is the open complement of an adjective of acts after a copula ("was quick
    to …")."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.pos_ == "ADJ"
        and head.dep_ == "acomp"
        and head.lower_ in _ADJECTIVES_OF_ACTS
        and head.head.pos_ in ("VERB", "AUX")
    )


#: Verbs of saying and asking whose subject is someone, never a deal or a plan (by their
#: written forms: the pipeline has no lemmatizer for them at parse time).
_SPEAKING = re.compile(r"(?:urg|call|ask|demand|sa[iy]|add|warn|insist|argu|appeal)\w*$")


def _speaker_misattached(verb: Any, shared: Any | None) -> bool:
    """ "The letter claims [the agreement hurts NATO] and urges MPs to vote against it": the
    parse hangs "urges" on the reported clause, whose subject is a thing; a verb of saying or
    asking there goes with the verb that reports the clause, and has its subject."""
    head = verb.head
    return (
        shared is not None
        and bool(_SPEAKING.match(verb.lower_))
        and verb.tag_ != "VBN"
        and head.pos_ == "VERB"  # "… is not forbidden, but even demanded": no speaker
        and head.dep_ == "ccomp"
        and head.head.pos_ in ("VERB", "AUX")
        and shared.pos_ == "NOUN"
        and shared.ent_type_ == ""
    )


def _subject_of_document(verb: Any) -> Any | None:
    """The subject a participle takes from a document, a citing verb or its main clause."""
    # "published a manifesto calling for a ban", "issued a statement condemning …": a
    # document's words are its author's, the subject of the verb that made it public.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lower_ in _DOCUMENTS:
        if verb.head.dep_ == "dobj" and verb.head.head.pos_ in ("VERB", "AUX"):
            return _subject_of(verb.head.head)
    # "… cites Jennifer Cafarella, saying …": after a verb of citing, its object speaks.
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        if verb.head.lower_ in _CITING:
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        return _subject_of(verb.head)
    return None


def _same_paragraph(body: str, verb: Any, subject: Any) -> Any | None:
    """The subject within the verb's paragraph: a parse that ran over a paragraph break ('…
    he would never get back."' / 'Harry, who was joined …, said') gives the verb a subject
    from the paragraph before; its subject in its own paragraph, else the word of that subtree
    that opens the verb's paragraph, is the subject, else there is none."""
    first, last = sorted((subject.idx, verb.idx))
    gap = body.rfind("\n", first, last)
    if gap < 0:
        return subject
    if subject.idx > verb.idx:
        return None
    for word in verb.children:  # the parse gave the verb two subjects, one per paragraph
        if word.dep_ in _SUBJECT and gap < word.idx < verb.idx:
            return word
    for word in subject.subtree:
        if word.idx > gap and word.head.idx < gap and word.pos_ in ("PROPN", "NOUN", "PRON"):
            return word
    return None


def _governor(body: str, token: Any, lemmatizer: Any) -> Governor | None:
    """The verb whose complement this clause is ("refused" of "refused to comply"; a verb
    coordinated with a complement shares it: "wants Syria to lift the siege and allow aid")."""
    while token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        if _speaker_misattached(token, _subject_of(token.head)):
            token = token.head.head  # "claims … hurts NATO and urges MPs": urges as claims
        else:
            token = token.head
    if _adjective_complement(token):
        pass  # "was ready to send": the adjective governs ("ready", "quick", "unwilling")
    elif token.dep_ not in ("xcomp", "ccomp") or token.head.pos_ not in ("VERB", "AUX"):
        return None
    head = token.head
    return {
        "start": head.idx,
        "end": head.idx + len(head),
        "text": head.text,
        "lemma": _lemma(lemmatizer, head),
    }


def clauses(doc: Any, body: str, lemmatizer: Any = None) -> list[Clause]:
    """Every clause of ``doc`` (parsed from ``body``) in text order."""
    found: list[Clause] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        subject = _subject_of(token)
        if subject is not None:
            subject = _same_paragraph(body, token, subject)
        if subject is None or _vocative(token, subject):
            if _imperative(token, subject):
                found.append(_imperative_clause(body, token, lemmatizer))
            continue
        # "she's been consulting": a progressive, not a passive, whatever the parse says
        passive = subject.dep_ == "nsubjpass" and token.tag_ != "VBG"
        named = subject
        if subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            named = token.head  # "Ivashov, who heads the Academy": the relative's noun
        elif subject.tag_ in ("WP", "WDT") and token.dep_ == "conj":
            relative = token.head  # "a Congolese national who managed … and who said"
            while relative.dep_ == "conj":
                relative = relative.head
            if relative.dep_ == "relcl":
                named = relative.head
        obj = complement = agent = None
        negated = False
        for child in token.children:
            if child.dep_ in ("dobj", "attr", "oprd") and obj is None:
                obj = child
            elif child.dep_ in ("ccomp", "xcomp") and complement is None:
                complement = child
            elif child.dep_ == "agent":
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ == "neg":
                negated = True
        found.append(
            {
                "verb": _span(body, token.idx, token.idx + len(token)),
                "extent": _subtree(body, token),
                "lemma": _lemma(lemmatizer, token),
                "subject": _subtree(body, subject),
                "subject_head": _head(body, named),
                "passive": passive,
                "negated": negated,
                "object": _subtree(body, obj) if obj is not None else None,
                "complement": _subtree(body, complement) if complement is not None else None,
                "agent": _subtree(body, agent) if agent is not None else None,
                "governor": _governor(body, token, lemmatizer),
            }
        )
    return found


def _vocative(verb: Any, subject: Any) -> bool:
    """A name the parse made the subject of a base-form verb it is only addressed by, set off
    by a dash, comma or colon ("Attorney General Barr—release the report")."""
    if verb.tag_ != "VB" or subject.i >= verb.i:
        return False
    between = verb.doc[subject.i + 1 : verb.i]
    return len(between) == 1 and between[0].text in ("—", "–", "-", ",", ":")


def _imperative(verb: Any, subject: Any = None) -> bool:
    """A command opening its sentence (or a quotation): a base-form verb with no subject and
    no auxiliary ("Release the report to the American people."), after at most a name
    addressed ("Attorney General Barr—release the report")."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "advcl", "ccomp"):
        return False
    if verb.lower_ in ("please", "thank", "let", "see", "read", "click", "watch", "scroll"):
        return False  # politeness and page furniture ("Read more", "Scroll down")
    if any(c.dep_ in ("aux", "auxpass", "expl") for c in verb.children):
        return False
    line = doc_text(verb.doc).rfind("\n", 0, verb.idx)  # a paragraph starts a sentence
    before = [
        t for t in verb.sent if line < t.idx and t.i < verb.i and not t.is_punct and not t.is_space
    ]
    if subject is not None:
        return all(t.i <= subject.i or t.head == subject for t in before)
    return not before


def _imperative_clause(body: str, verb: Any, lemmatizer: Any) -> Clause:
    """The clause of a command: its subject is whoever it addresses by name, else empty."""
    named = [t for t in verb.sent if t.i < verb.i and not t.is_punct and not t.is_space]
    if named:
        subject = _span(body, named[0].idx, named[-1].idx + len(named[-1]))
    else:
        subject = _span(body, verb.idx, verb.idx)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return {
        "verb": _span(body, verb.idx, verb.idx + len(verb)),
        "extent": _subtree(body, verb),
        "lemma": _lemma(lemmatizer, verb),
        "subject": subject,
        "subject_head": subject,
        "passive": False,
        "negated": any(c.dep_ == "neg" for c in verb.children),
        "object": _subtree(body, obj) if obj is not None else None,
        "complement": None,
        "agent": None,
        "governor": None,
        "imperative": True,
    }
