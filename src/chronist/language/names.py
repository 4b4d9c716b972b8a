"""People's names the tagger missed because a word of the name reads as another word.

spaCy's small model often misses a name whose surname is also a common word or a month
("… May is holding talks with …": no entity, or a DATE). Two rules restore them, each on
evidence in the document itself:

- **Repeated full names**: a multi-word name the tagger reads as a PERSON in the document
  more often than as anything else is the same person wherever else it is written, outside
  title-case headlines.
- **Given name + surname**: a common given name (the list in :mod:`chronist.language.gender`)
  followed by one or two capitalised words in running text, not inside a longer name of a
  place or organisation ("Victoria Station", "George Washington University"), and not in a
  title-case headline.

It also takes back the names the tagger reads as people that are none (:func:`not_people`):
issues ("Brexit", "COVID", "pro-Brexit"; as organisations too, with social-media handles,
creeds and ideologies: "@KayBurley", "Islam", "Islamophobia"), platforms ("on Twitter"),
places ("Ain el-Assad (Iraq)", "St James's Park", "Donetsk, Luhansk, Kherson and
Zaporizhzhia"), words of a title-case first line that the body never writes as a name
("Russian Plan Revealed!"), and lower-case phrases; and it completes a name cut at a
particle ("Marine Le" + "Pen").

Names of bodies that the tagger cut at "and" are joined again where the text spells their
acronym (:func:`joined_at_acronyms`): "US Customs | and Border Protection (CBP)", "The U.S.
Immigration and | Customs Enforcement (ICE)". The initials of the capitalised words before
the bracket must spell the acronym, so the bracket is the evidence of where the name starts.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from chronist.language.gender import given_name_gender
from chronist.language.nlp import doc_text

#: Entity labels a recovered name may replace when it covers them (a DATE "May", a lone word).
_REPLACEABLE = {"DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "NORP", "ORG", "GPE", "PRODUCT"}
#: Entity labels a repeated full name may replace: the tagger's misreadings of a name's word.
_NOT_A_NAME = {"DATE", "TIME", "CARDINAL", "ORDINAL"}
#: Last words that make a name a place or an institution ("Victoria Station").
_PLACE_HEADS = {
    "street", "st", "road", "avenue", "square", "station", "university", "college", "school",
    "hospital", "park", "bridge", "river", "lake", "island", "islands", "falls", "harbour",
    "harbor", "bay", "cross", "day", "hall", "house", "centre", "center", "airport", "county",
    "city", "foundation", "institute", "trust", "fund", "prize", "award", "cup", "line",
    "base", "afb", "belt",
}  # fmt: skip
#: Capitalised words before a name that leave it a name ("Mrs", "Minister").
_TITLE_WORDS = {
    "the", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "minister",
    "president", "secretary", "chancellor", "senator", "sen", "governor", "gov", "mayor", "rep",
    "premier", "leader", "mp", "judge", "justice",
}  # fmt: skip
_CAPITALISED = re.compile(r"^[A-Z][a-z'’-]*[a-z]$|^(?:Mc|Mac|O['’])[A-Z][a-z]+$")


def _title_case(sentence: Any) -> bool:
    """Most words of the sentence are capitalised: a headline, where case says nothing."""
    words = [t for t in sentence if t.is_alpha and len(t.text) > 3]
    if len(words) < 3:
        return False
    return sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)


def missed_people(doc: Any, ents: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """``ents`` with the people's names the tagger missed added as PERSON, in document order;
    entities inside a recovered name are dropped."""
    taken: list[tuple[int, int, str]] = [(e.start, e.end, label) for e, label in ents]
    votes: dict[str, int] = {}
    for e, label in ents:
        if label != "DATE":
            votes[e.text] = votes.get(e.text, 0) + (1 if label == "PERSON" else -1)
    full_names = {
        e.text
        for e, label in ents
        if label == "PERSON"
        and len(e) > 1
        and "\n" not in e.text
        and votes[e.text] > 0  # the tagger reads it as a name more often than not
        and e[-1].lower_ not in _PLACE_HEADS
    }
    found: list[tuple[int, int]] = []

    def free(start: int, end: int, replaceable: set[str] = _REPLACEABLE) -> bool:
        for s, e, label in taken:
            if s < end and start < e:
                if label == "PERSON" or not (start <= s and e <= end):
                    return False  # already a name, or inside a longer entity
                if label not in replaceable:
                    return False
        return not any(s < end and start < e for s, e in found)

    for name in full_names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc_text(doc)):
            span = doc.char_span(match.start(), match.end())
            if span is None or _title_case(span.sent):
                continue  # a headline's capitals say nothing ("Ban Trump")
            # where the tagger read the same words as an organisation or a place, it may be
            # one ("Québec Solidaire’s" is tagged a person, "Québec Solidaire" the party)
            if free(span.start, span.end, _NOT_A_NAME):
                found.append((span.start, span.end))
    for tok in doc:
        if given_name_gender(tok.text) is None or not _CAPITALISED.match(tok.text):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < 3 and _CAPITALISED.match(doc[end].text):
            end += 1
        if end == tok.i + 1 or doc[end - 1].lower_ in _PLACE_HEADS:
            continue
        if end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            continue  # a longer capitalised run: a title or an institution's name
        before = doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and before.text[:1].isupper() and not before.is_sent_start:
            if before.is_alpha and before.lower_.rstrip(".") not in _TITLE_WORDS:
                continue  # inside a longer name ("Queen Elizabeth Hospital")
        if _title_case(tok.sent) or not free(tok.i, end):
            continue
        found.append((tok.i, end))
    if not found:
        return ents
    kept = [
        (e, label) for e, label in ents if not any(s <= e.start and e.end <= t for s, t in found)
    ]
    kept += [(Span(doc, s, t, label="PERSON"), "PERSON") for s, t in found]
    return sorted(kept, key=lambda item: item[0].start)


#: Issues and events of the news that the tagger reads as people (folded).
_ISSUES = {
    "brexit", "covid", "covid-19", "coronavirus", "omicron", "obamacare", "medicare",
    "medicaid", "megxit", "partygate", "watergate",
}  # fmt: skip
#: Names no one can act as, whatever the tagger calls them: a social-media handle (the
#: signature of an embedded post, whose author is named beside it), a creed or an ideology
#: ("Islam", "Islamophobia", "Leftism").
_NO_ACTOR = re.compile(
    r"^(?:@\w+|islam|judaism|christianity|hinduism|buddhism|[a-z-]*(?:ism|phobia|phobic))$", re.I
)
#: Last words of a body's own name, where "X’s" before them names its parent ("Senate’s
#: Judiciary Committee").
_BODY_HEADS = {
    "committee", "subcommittee", "council", "commission", "department", "ministry", "office",
    "agency", "bureau", "service", "board", "court", "assembly", "panel", "unit", "division",
    "branch", "wing", "forces", "force", "command", "directorate", "secretariat", "caucus",
}  # fmt: skip
#: Platforms named alone ("posted on Twitter"): an organisation, never a person.
_PLATFORMS = {
    "twitter", "facebook", "instagram", "tiktok", "youtube", "telegram", "whatsapp", "reddit",
    "snapchat", "linkedin", "gettr", "parler", "rumble", "truth social",
}  # fmt: skip
#: Particles a surname starts with, where the tagger may stop ("Marine Le" | "Pen").
_PARTICLES = {"le", "la", "de", "du", "van", "von", "der", "al", "el", "bin", "da", "di", "dos"}
_COUNTRY_AFTER = re.compile(r"\s*\(([A-Z][\w .'-]{1,30})\)")


def not_people(
    doc: Any,
    ents: list[tuple[Any, str]],
    is_country: Any,
    is_known: Any,
    is_place: Any,
    is_body: Any = None,
) -> list[tuple[Any, str]]:
    """``ents`` with the tagger's PERSON entities that are no person dropped or relabelled.

    ``is_country(text)`` says whether a text names a country, ``is_place(text)`` whether the
    gazetteer knows a place of that name; ``is_known(text)`` whether the knowledge base holds
    a person of that name (those are never dropped); ``is_body(text)`` whether it holds an
    organisation or party of that name (an organisation's name the tagger ran past its
    possessive is cut there: "Democratic Unionist Party’s Brexit" | "spokesperson").
    """
    # a headline: a first line of its own that ends without a full stop
    text_of_doc = doc_text(doc)
    title_end = text_of_doc.find("\n") if "\n" in text_of_doc[:300] else 0
    if text_of_doc[:title_end].rstrip().endswith("."):
        title_end = 0
    body_names = {e.text for e, label in ents if label == "PERSON" and e.start_char > title_end}
    out: list[tuple[Any, str]] = []
    for ent, label in ents:
        if label in ("PERSON", "ORG"):
            cut = next((t.i for t in ent[1:-1] if t.text in ("'s", "’s")), None)
            # "Theresa May's Brexit", "Jeremy Corbyn's Labour"; an organisation only where a
            # known person owns it ("Theresa May's Tory government")
            if cut is not None and (label == "PERSON" or is_known(doc[ent.start : cut].text)):
                ent, label = Span(doc, ent.start, cut, label="PERSON"), "PERSON"
            elif (
                cut is not None
                and is_body is not None
                and ent[-1].lower_ not in _BODY_HEADS  # "Senate’s Judiciary Committee"
                and is_body(doc[ent.start : cut].text)
            ):
                ent = Span(doc, ent.start, cut, label="ORG")  # "Democratic Unionist Party’s"
        low = ent.text.lower().strip()
        if label in ("PERSON", "ORG") and (low in _ISSUES or _NO_ACTOR.match(low)):
            continue  # "Brexit", "@KayBurley" under a quoted tweet
        if label != "PERSON" or is_known(ent.text):
            out.append((ent, label))
            continue
        text = ent.text
        before = text_of_doc[max(0, ent.start_char - 5) : ent.start_char].lower()
        if not any(ch.isupper() for ch in text):
            continue  # "foolhardy thrill": a name has capitals
        if low in _ISSUES or re.match(r"(?:pro|anti|neo)-", low):
            continue
        if low.split()[-1] in _ISSUES:
            continue  # "the Brady Brexit proposal": an issue named after someone, no person
        if re.search(r"(?:pro|anti)-$", before):
            continue  # "anti-Brexit": an issue
        if low in _PLATFORMS:
            out.append((ent, "ORG"))
            continue
        after = _COUNTRY_AFTER.match(text_of_doc, ent.end_char)
        if after and is_country(after.group(1)):
            out.append((ent, "FAC"))  # "Ain el-Assad (Iraq)": a place and its country
            continue
        if ent[-1].lower_.strip(".") in _PLACE_HEADS and len(ent) > 1:
            out.append((ent, "FAC"))  # "St James's Park"
            continue
        if ent.end_char <= title_end and _title_case(ent.sent) and text not in body_names:
            continue  # a headline's capitals ("Russian Plan Revealed!")
        if len(ent) == 1 and _among_places(ent, is_place):
            out.append((ent, "GPE"))
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent[-1].lower_ in _PARTICLES and nxt is not None and nxt.is_title and not nxt.ent_type_:
            out.append((Span(doc, ent.start, ent.end + 1, label="PERSON"), "PERSON"))
            continue
        out.append((ent, label))
    return out


def _among_places(ent: Any, is_place: Any) -> bool:
    """A one-word name listed with places ("Donetsk, Luhansk, Kherson and Zaporizhzhia"): a
    coordination with a place the tagger saw, whose one-word "people" the gazetteer knows."""
    first = ent.root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    members, todo = [], [first]
    while todo:
        tok = todo.pop()
        members.append(tok)
        todo += [c for c in tok.children if c.dep_ == "conj"]
    if len(members) < 3 or not any(t.ent_type_ in ("GPE", "LOC") for t in members):
        return False
    others = [t for t in members if t.ent_type_ not in ("GPE", "LOC")]
    return all(t.ent_type_ == "PERSON" and is_place(t.text) for t in others)


#: Small words inside a body's name that its acronym skips ("Customs and Border Protection").
_NAME_LINKS = {"and", "&", "of", "for", "on", "the", "in", "to"}


def _initials_window(doc: Any, paren: int, acronym: str) -> int | None:
    """The first token of the capitalised run before ``doc[paren]`` ("(") whose initials,
    small words skipped, spell ``acronym``; None where no run does."""
    letters = acronym.upper()
    j = paren
    initials = ""
    while j > 0 and len(initials) < len(letters):
        token = doc[j - 1]
        if token.text.lower() in _NAME_LINKS and j != paren:
            j -= 1
            continue
        if not (token.is_alpha and token.text[0].isupper()):
            return None
        initials = token.text[0] + initials
        j -= 1
        if token.is_sent_start:
            break
    if initials.upper() != letters or doc[j].text.lower() in _NAME_LINKS:
        return None
    return j


def joined_at_acronyms(doc: Any) -> list[Any]:
    """``doc.ents`` with a body's name that the tagger cut in two ("US Customs" + "and Border
    Protection", or two entities around "and") joined as one ORG, where the bracketed acronym
    after it is spelled by the initials of the words before the bracket. The join starts
    where the first entity it covers starts ("US Customs and Border Protection")."""
    ents = list(doc.ents)
    for paren in range(1, len(doc) - 2):
        acronym = doc[paren + 1].text
        if doc[paren].text != "(" or doc[paren + 2].text != ")":
            continue
        if not re.fullmatch(r"[A-Z][A-Z&]{1,7}", acronym):
            continue
        first = _initials_window(doc, paren, acronym)
        if first is None:
            continue
        inside = [e for e in ents if e.start < paren and e.end > first]
        if not inside or any(e.end > paren for e in inside):
            continue
        if len(inside) == 1 and inside[0].start <= first and inside[0].end == paren:
            continue  # the tagger has the whole name already
        start = min(first, *(e.start for e in inside))
        joined = Span(doc, start, paren, label="ORG")
        ents = sorted([e for e in ents if e not in inside] + [joined], key=lambda e: e.start)
    return ents
