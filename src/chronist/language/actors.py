"""Actors: every mention of a participant in one article, resolved to one coded actor.

No library does this for news event data: coreference models for spaCy need GPUs or pin old
versions, and none codes actors in the PLOVER scheme. chronist's resolver is rule-based and
explains every decision in the actor's ``evidence``:

- **People**: PERSON mentions are clustered by name; the actor is named by the fullest form, and
  shorter forms ("Kerry", "Mr. Kerry") join the cluster whose name ends with them (a suffix such
  as "Jr." makes a different person). The role comes from the text first: the title before the
  name ("US Secretary of State John Kerry") or an apposition ("Sergei Lavrov, Russia's Foreign
  Minister"); only when the text gives none does the knowledge base's role valid on the article's
  date apply. Text beats the KB.
- **Descriptions** without a name ("America's top diplomat", "the president-elect") link to the
  named person of the same country whose role fits; plural ones ("Russian officials") become
  collective actors.
- **Metonyms**: capitals and seats of power in an actor's position ("Moscow said", "talks with
  Washington", "the Kremlin") resolve to the country's government; countries to country actors.
- **Groups and organisations**: a demonym with a role noun ("Syrian army", "Russian experts")
  gives a coded collective; ORG mentions are looked up among IGOs and armed groups.

Pronouns are left to the quotes and events stages; :func:`resolve_pronoun` is their API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Span as TokenSpan

from chronist.language.era import NOT_CURRENT, Anchor, Era, text_era
from chronist.language.gender import gender_fit, given_name_gender
from chronist.language.home import domestic, party_standing
from chronist.language.kb import KnowledgeBase
from chronist.language.kb.normalise import fold
from chronist.language.names import joined_at_acronyms, missed_people, not_people
from chronist.language.nlp import doc_text
from chronist.language.places import gazetteer, the_us_state_georgia
from chronist.language.sentences import sentence_at
from chronist.model import Actor, Article, Span

_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|gen|col|lt|maj|capt|sgt|adm|sen|rep|gov|"
    r"pres|president|prime minister|minister|secretary|ambassador|general|colonel|king|queen|"
    r"ag|atty|senator|governor|mayor|judge|premier|chancellor|congressman|congresswoman|"
    r"prince|princess|sheikh|pope|rev|father|imam|rabbi|archbishop|bishop|cardinal|ayatollah|"
    r"patriarch)\.?\s+",
    re.I,
)
_SUFFIX = re.compile(r"\s*,?\s+(jr|sr|ii|iii|iv)\.?$", re.I)
_PARTICLE = re.compile(
    r"^(?:al|el|ad|as|ash|ar|an|at|az|bin|ibn|van|von|de|da|di|du|le|la)[-\s]", re.I
)

#: Role nouns that describe one person; plural forms describe a collective.
_PERSON_ROLES = {
    "president",
    "president-elect",
    "vice-president",
    "minister",
    "secretary",
    "diplomat",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "chancellor",
    "premier",
    "leader",
    "chief",
    "head",
    "general",
    "commander",
    "senator",
    "congressman",
    "lawmaker",
    "governor",
    "mayor",
    "king",
    "emir",
    "official",
    "analyst",
    "expert",
}
#: Monarchs and clerics: a description by one of these links only to a person so titled.
_ROYAL = {
    "king", "queen", "monarch", "emir", "sultan", "prince", "princess", "crown", "pope",
    "archbishop", "cardinal", "imam", "rabbi", "patriarch", "ayatollah", "sheikh",
}  # fmt: skip
#: Titles of clerics: their holder is REL.
#: Codes of international bodies and NGOs, whose officials are sector IGO (NGO).
_BODIES = {"IGO", "UNO", "EUR", "NGO"}
#: Peerage titles: a member of the British House of Lords ("Lord Guthrie", "Baroness Ashton").
_PEERS = {"lord", "baroness", "baron"}
_CLERICS = {
    "pope", "archbishop", "bishop", "cardinal", "imam", "rabbi", "patriarch", "ayatollah",
}  # fmt: skip
#: A government named after its leader ("the Biden administration").
_LED_BY = {"administration", "government", "regime", "cabinet"}
#: Two or three capitalised words with no mark of a body's name: a person's name.
_PERSON_NAME = re.compile(r"[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2}")

#: Titles of royals who do not reign by that title.
_NOBLE = {"prince", "princess", "duke", "duchess"}
#: Kinship words: whose mother or son someone is says nothing of their sector ("his mother,
#: the Princess of Wales" is a royal, not a civilian).
_KINSHIP = set(
    """mother father son daughter wife husband brother sister widow widower grandmother
    grandfather grandson granddaughter mum mom dad uncle aunt nephew niece cousin fiancee fiance
    stepmother stepfather stepson stepdaughter parent parents child children sons daughters
    brothers sisters""".split()
)
_POSSESSIVE_PRONOUNS = {"my", "his", "her", "its", "our", "their", "your"}
#: Offices a description names exactly (with the monarchs above).
_OFFICES = _ROYAL | {"president", "president-elect", "chancellor", "premier", "pm"}
#: Roles of someone who speaks for or leads an organisation: the organisation's sector is theirs.
_SPEAKS_FOR = {
    "spokesman", "spokeswoman", "spokesperson", "co-spokesperson", "representative", "head",
    "chief", "president", "chairman", "chairwoman", "chair", "director", "ceo", "executive",
    "founder", "leader", "boss", "owner", "manager", "secretary-general", "press",
}  # fmt: skip
#: Role words that describe the same office ("top diplomat" = foreign minister).
_ROLE_FAMILIES = [
    {"diplomat", "foreign", "secretary of state", "state secretary", "ambassador", "envoy"},
    {"president", "president-elect", "leader", "head of state"},
    {"king", "queen", "monarch", "emir", "sultan"},
    {"prince", "princess", "crown prince"},
    {"minister", "prime", "premier", "chancellor"},
    {"general", "commander", "military", "army", "colonel"},
    {"spokesman", "spokeswoman", "spokesperson"},
]
#: Endings of nouns for a person's occupation ("commissioner", "negotiator", "spokeswoman").
_PERSON_SUFFIXES = ("er", "or", "ist", "man", "woman", "person", "ary", "ant", "ent", "ian")
_MEDIA = re.compile(
    r"\b(?:post|times|news|journal|herald|tribune|press|gazette|agency|tv|radio)\b", re.I
)  # noqa: E501
#: Words of organisation names that are no place even where a town bears them.
_NAME_WORDS = {
    "national", "international", "central", "royal", "metropolitan", "federal", "state",
    "union", "independence", "liberty", "victory", "progress", "unity", "justice", "freedom",
    "democracy", "commerce", "industry", "trade", "labour", "labor", "general", "united",
    # bare aliases that are common nouns inside a name ("Coastal States Forum", "Small Island
    # Developing States"): "the States" is the US and "Island" Iceland only on their own
    "states", "island",
}  # fmt: skip
#: Prepositions of a place that is only where something happens ("arrived in Iraq").
_LOCATIVE = {
    "in", "at", "inside", "within", "across", "throughout", "near", "around", "outside", "into",
    "through", "via", "beyond",
}  # fmt: skip
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative"}
_ABBREVIATED = re.compile(r"^(?:U\.?S\.?A?|U\.?K\.?|E\.?U\.?|UAE|DPRK|PRC|ROK)$")
_ACTOR_PREPS = {
    "with", "against", "between", "by", "from", "among", "to", "toward", "towards", "for", "on",
    "into", "upon", "over",
}  # fmt: skip


def _fold(text: str) -> str:
    """Case and diacritics folded, curly apostrophes straightened, spaces collapsed."""
    return " ".join(fold(text).replace("’", "'").split())


def person_key(text: str) -> tuple[str, str]:
    """``(name without titles and possessive, suffix)`` of a person mention."""
    name = re.sub(r"['’]s?$", "", text.strip())  # "Trump's", "Robert Mueller'"
    name = _POST_NOMINAL_END.sub("", name)  # "Sammy Wilson MP"
    while True:
        stripped = _TITLES.sub("", name)
        if stripped == name:
            break
        name = stripped
    suffix = ""
    match = _SUFFIX.search(name)
    if match:
        suffix = match.group(1).lower()
        name = name[: match.start()]
    return " ".join(name.split()), suffix


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else name
    return _fold(_PARTICLE.sub("", last))


@dataclass
class _Draft:
    """An actor while it is being built."""

    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    evidence: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    suffix: str = ""
    #: The countries the text places it in, where that is more than one or only some of its
    #: mentions: it takes the home country only if that is one of them
    #: (:meth:`ActorResolver._placed_groups`).
    placed: frozenset[str] = frozenset()

    def add(self, start: int, end: int, body: str) -> None:
        if not any(m["start"] == start and m["end"] == end for m in self.mentions):
            self.mentions.append({"start": start, "end": end, "text": body[start:end]})


class ActorResolver:
    """Resolves the actors of one parsed article against a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._present: set[str] = set()
        self._lands: set[str] = set()
        self._on: date | None = None  # the article's date, or the era its titles place it in
        self._quebec = False  # the story is of Quebec's provincial politics
        self._towns: set[str] = set()
        self._era: Era | None = None
        self._body_year: int | None = None
        built = kb.provenance.get("build_date")
        #: The day the knowledge base was built: open-ended roles and written years end there.
        self._kb_date = date.fromisoformat(built) if built else date.today()
        #: The role text of each person mention of the article being resolved.
        self._roles: dict[tuple[int, int], str | None] = {}
        #: The home country of the last article resolved, and why (:func:`domestic`).
        self.home: tuple[str, str] | None = None

    def _article_countries(self, ents: list[tuple[Any, str]]) -> set[str]:
        """Countries the article names (a country, demonym or capital anywhere in it)."""
        found = set()
        for ent, label in ents:
            if label not in ("GPE", "NORP", "LOC", "ORG"):
                continue
            text = re.sub(r"['’]s$", "", ent.text)
            code = self.kb.country_code(text) or self.kb.demonym(text)
            if code is None and (metonym := self.kb.metonym(text)):
                code = metonym[0]
            if code:
                found.add(code)
        return found

    def _place_country(self, text: str) -> str | None:
        """The country of a town written by its own name: the only country with a town of
        100,000 people so named, else the only one of the article's countries with a town of
        15,000 so named ("Syracuse" → USA; "Sueca" in a story about Spain → ESP)."""
        text = re.sub(r"['’]s$", "", text.strip())
        if len(text) < 4 or not text[:1].isupper():
            return None
        gaz = gazetteer()
        own = [
            c
            for c in gaz.candidates(text)
            if c["feature_class"] == "P" and _fold(c["name"]) == _fold(text)
        ]
        codes = {c["country_code"]: gaz.iso3(c["country_code"]) for c in own}
        big = {codes[c["country_code"]] for c in own if c["population"] >= 100_000}
        if len(big) == 1:
            return next(iter(big))
        if big:
            return None
        if _fold(text) not in self._towns:
            return None  # a small town only where the article writes it as a place
        near = {codes[c["country_code"]] for c in own if c["population"] >= 15_000}
        near &= self._present
        return next(iter(near)) if len(near) == 1 else None

    def _city_in_name(self, text: str) -> str | None:
        """The country of a city of 100,000 people written at the head of an institution's
        name, where no other country has a town of 15,000 so named and the word is no given
        name ("Dallas Police Department" → USA; not "Naples Daily News")."""
        text = re.sub(r"['’]s$", "", text.strip())
        if len(text) < 4 or given_name_gender(text.split()[0]) is not None:
            return None
        gaz = gazetteer()
        own = [
            c
            for c in gaz.candidates(text)
            if c["feature_class"] == "P"
            and _fold(c["name"]) == _fold(text)
            and c["population"] >= 15_000
        ]
        codes = {gaz.iso3(c["country_code"]) for c in own}
        if len(codes) == 1 and any(c["population"] >= 100_000 for c in own):
            return codes.pop()
        return None

    def _placed_groups(self, drafts: list[_Draft], body: str) -> None:
        """A group the text places ("officials in Brussels", "police in Paris", "protesters
        from Moscow") is of that place's country, when every mention of it is so placed and
        the places agree; a group placed abroad in one mention and not in another keeps no
        country, nor takes the story's home country unless placed there too (``placed``)."""
        for draft in drafts:
            if draft.kind not in _PLACEABLE or draft.country is not None or not draft.mentions:
                continue
            codes = set()
            for mention in draft.mentions:
                after = _PLACED.match(body, mention["end"])
                place = after.group(1) if after else None
                code = None
                if place is not None:
                    metonym = self.kb.metonym(place)
                    code = (
                        self.kb.country_code(place)
                        or (metonym[0] if metonym else None)
                        or self._place_country(place)
                        or gazetteer().region_country(place)
                    )
                codes.add(code)
            known = codes - {None}
            if len(known) == 1 and None not in codes:
                draft.country = known.pop()
                draft.evidence.append(f"text: placed in {draft.country}")
            elif known:
                draft.placed = frozenset(known)  # not the home country, unless placed there

    def _named_place_country(self, name: str) -> tuple[str, str] | None:
        """A country or town written in an organisation's name ("Syracuse University",
        "Chamber of Commerce of Metropolitan Montreal", "Bank of England")."""
        for run in re.findall(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*", name):
            words = run.split()
            for n in range(len(words), 0, -1):
                for i in range(len(words) - n + 1):
                    piece = " ".join(words[i : i + n])
                    if self.kb.agent_sector(piece.lower()) or piece.lower() in _NAME_WORDS:
                        continue
                    code = self.kb.country_code(piece)
                    if code is None and (town := self._place_country(piece)) in self._present:
                        code = town  # a town only of a country the article names
                    if code is None and i == 0 and _INSTITUTION.search(" ".join(words[n:])):
                        # the words that open the name, before what the body is: a city of
                        # 100,000 that only one country has, or a state ("Dallas Police
                        # Department", "Pennsylvania State Police")
                        code = self._city_in_name(piece) or gazetteer().region_country(piece)
                    if code:
                        return code, piece
        return None

    # ------------------------------------------------------------------ public
    def resolve(
        self, article: Article, doc: Any, ents: list[tuple[Any, str]]
    ) -> tuple[list[Actor], dict[tuple[int, int], str]]:
        """Actors of the article, and a map from entity span to actor id.

        ``ents`` are :meth:`corrected_entities` of the parse.
        """
        on = _article_date(article)
        body = article.body
        drafts: list[_Draft] = []
        by_span: dict[tuple[int, int], _Draft] = {}
        self._roles = {}
        # nothing of the article before is read while this one's era is placed
        self._on, self._present, self._lands, self._body_year = None, set(), set(), None
        self._quebec = bool(_QUEBEC_POLITICS.search(body))
        self._era = None if on is not None else text_era(self._anchors(ents, body))
        if self._era is not None:
            on = self._era.on
        self._on = on
        self._present = self._article_countries(ents)
        self._towns = {_fold(e.text) for e, label in ents if label == "GPE"}
        # the country of each town or region the article names ("Montreal", "Quebec"), looked
        # up once: the parties of an undated story and the home country both read it
        place_of = {
            e.text: self._place_country(e.text) or gazetteer().region_country(e.text)
            for e, label in ents
            if label == "GPE"
        }
        self._lands = self._present | {code for code in place_of.values() if code}
        self._body_year = _latest_year(body, self._kb_date.year) if on is None else None
        self._people(ents, body, on, drafts, by_span)
        self._organisations(ents, body, drafts, by_span)
        self._places_as_actors(ents, body, drafts, by_span)
        self._unlabelled_organisations(doc, body, drafts, by_span)
        self._missed_kb_names(doc, body, drafts, by_span)
        self._descriptions(doc, body, drafts, by_span)
        self._namesakes(drafts, by_span, body)
        self._employers(drafts)
        _reporting_outlets(drafts, body)
        when = on
        party_standing(
            drafts,
            body,
            lambda text, country: (
                self.kb.party_standing(self._provincial(text), when, country)
                if when
                else self._party(text, country)
            ),
        )
        if the_us_state_georgia(body, "USA" in self._lands):
            _georgia_the_state(drafts)
        self._placed_groups(drafts, body)
        towns: dict[str, int] = {}
        for ent, label in ents:
            if label == "GPE" and not self.kb.country_code(ent.text):
                # a town, or a state of a federation ("Florida"): a place of its country
                if town := place_of[ent.text]:
                    towns[town] = towns.get(town, 0) + 1
        outlet = self.kb.organisation(article.outlet) if article.outlet else None
        self.home = domestic(drafts, towns, outlet.country if outlet is not None else None)
        drafts = [d for d in drafts if d.mentions]
        for draft in drafts:
            if draft.kind == "person" and not (draft.sector or draft.role or draft.kb_id):
                if any(self.kb.agent_sector(w) for w in _fold(draft.name).split()):
                    continue  # "Tory MPs" tagged as a person: a group, whose noun is no name
                if " " not in draft.name.strip():
                    continue  # one word ("Hall", "Whom", "Arrest"): too little to say who
                # CAMEO's code for a person with no office: the text gives none, nor the KB
                draft.sector = "CVL"
                draft.evidence.append("no office or trade in the text or the KB: civilian (CVL)")
        drafts.sort(key=lambda d: min(m["start"] for m in d.mentions))
        actors: list[Actor] = []
        ids: dict[int, str] = {}
        for i, draft in enumerate(drafts, start=1):
            ids[id(draft)] = f"A{i}"
            draft.mentions.sort(key=lambda m: m["start"])
            actors.append(
                {
                    "id": f"A{i}",
                    "name": draft.name,
                    "kind": draft.kind,
                    "country": draft.country,
                    "sector": draft.sector,
                    "role": draft.role,
                    "kb_id": draft.kb_id,
                    "evidence": "; ".join(dict.fromkeys(draft.evidence)),
                    "mentions": draft.mentions,
                }
            )
        span_ids = {span: ids[id(d)] for span, d in by_span.items() if id(d) in ids}
        return actors, span_ids

    # ------------------------------------------------------------------ entities
    def corrected_entities(self, doc: Any) -> list[tuple[Any, str]]:
        """spaCy's entities with labels fixed by the KB and by the document itself."""
        person_words = {
            _fold(tok.text)
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for tok in ent
        }
        single_people = {
            _fold(re.sub(r"['’]s$", "", ent.text))
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) == 1
        }
        fixed = []
        for ent in joined_at_acronyms(doc):
            label = ent.label_
            text = ent.text
            folded = _fold(text)
            if label in ("ORG", "NORP", "GPE", "PERSON") and len(ent) == 1:
                if label != "PERSON" and folded.rstrip("'s") in person_words:
                    label = "PERSON"
                bare = re.sub(r"['’]s$", "", folded)
                if label == "ORG" and bare in single_people and not self.kb.organisation(text):
                    if not self.kb.metonym(text) and not self.kb.country_code(text):
                        label = "PERSON"  # "Biden" tagged ORG once and PERSON elsewhere
            relabel = label in ("PERSON", "NORP") or (label == "ORG" and len(ent) == 1)
            # A capital tagged as a person ("Kiev") is the place, unless a full name elsewhere
            # uses the word ("Denzel Washington").
            capital = label == "PERSON" and len(ent) == 1 and folded not in person_words
            if relabel and _major_place(text) and (capital or not self.kb.metonym(text)):
                if not self.kb.person(text, None) and not self.kb.organisation(text):
                    label = "GPE"
            if label == "PERSON" and folded not in person_words and not self.kb.person(text):
                known = self.kb.organisation(text)
                if known is not None and (known.category != "mnc" or len(ent) > 1):
                    label = "ORG"  # "Duma" tagged as a person: the KB knows the body
            if label == "PERSON" and len(ent) > 1 and ent[-1].text in _ORG_HEADS:
                label = "ORG"  # "Donetsk People's Republic": no person's name ends so
            after = doc_text(doc)[ent.end_char : ent.end_char + 12]
            if label == "PERSON" and re.match(r"\s*\([A-Z][A-Z&-]{1,7}\)", after):
                label = "ORG"  # "Québec Solidaire (QS)": people have no acronym
            if label == "ORG" and folded in {"state", "the state"}:
                continue  # "Secretary of State" split by the tagger
            if label in ("ORG", "GPE", "NORP") and len(ent) > 1 and self.kb.person(text):
                if not self.kb.organisation(text) and not self.kb.country_code(text):
                    label = "PERSON"  # a full name the knowledge base knows as a person
            if label == "ORG" and 3 <= len(ent) <= 5 and _POST_NOMINAL_END.search(text):
                if all(t.is_title for t in ent[:-1]) and not self.kb.organisation(text):
                    label = "PERSON"  # "Sammy Wilson MP": a member's name and letters
            if label == "ORG" and 2 <= len(ent) <= 4 and self._person_by_role(ent):
                label = "PERSON"  # "Odile Brant, the harbour commissioner" is a person
            if label == "PERSON" and len(ent) == 1 and self._given_name_before(ent):
                ent = TokenSpan(doc, ent.start - 1, ent.end, label="PERSON")  # "Riyad Haddad"
            before = doc[ent.start - 1].text if ent.start > 0 else ""
            if label in ("GPE", "ORG", "NORP") and _TITLES.match(before + " "):
                label = "PERSON"  # "President Bush" is not a place
            fixed.append((ent, label))
        fixed = not_people(
            doc,
            fixed,
            self.kb.country_code,
            lambda text: self.kb.person(text) is not None,
            lambda text: bool(gazetteer().candidates(text)),
            lambda text: self.kb.organisation(text) is not None or self.kb.party(text) is not None,
        )
        return self._untagged_full_names(doc, missed_people(doc, fixed))

    def _untagged_full_names(self, doc: Any, ents: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        """A given name and a surname the tagger left out where the surname alone is a person
        elsewhere ("fired Officer Amber Guyger on Monday", then "Guyger said …")."""
        surnames = {e.text for e, label in ents if label == "PERSON" and len(e) == 1}
        if not surnames:
            return ents
        covered = {i for e, _ in ents for i in range(e.start, e.end)}
        added = []
        for token in doc:
            if token.text not in surnames or token.i in covered or token.i - 1 in covered:
                continue
            if self._given_name_before(TokenSpan(doc, token.i, token.i + 1, label="PERSON")):
                added.append((TokenSpan(doc, token.i - 1, token.i + 1, label="PERSON"), "PERSON"))
        return sorted(ents + added, key=lambda pair: pair[0].start) if added else ents

    def _given_name_before(self, ent: Any) -> bool:
        """The tagger took only the surname after a long title ("the Syrian Ambassador to
        Russia Riyad | Haddad"): the capitalised word before it, in no entity, mid-sentence,
        and no title, role, demonym, country, party or known organisation, is its given name."""
        if ent.start < 2:
            return False
        word = ent.doc[ent.start - 1]
        before = ent.doc[ent.start - 2]
        if not (word.is_alpha and word.is_title and len(word) > 2) or word.ent_type_:
            return False
        if word.is_sent_start or word.is_stop or not (before.ent_type_ or before.is_title):
            return False  # "Russia Riyad Haddad": the word follows a name or a title
        text = word.text
        return not (
            _TITLES.match(text.lower() + " ")
            or self.kb.agent_sector(text.lower())
            or self.kb.demonym(text)
            or self.kb.country_code(text)
            or self.kb.organisation(text)
            or self.kb.party(text)
        )

    def _role_of(self, ent: Any, body: str) -> str | None:
        """:func:`_role_text` of a person's mention, read once per article."""
        key = (ent.start_char, ent.end_char)
        if key not in self._roles:
            self._roles[key] = _role_text(ent, body, self.kb.agent_sector)
        return self._roles[key]

    def _anchors(self, ents: list[tuple[Any, str]], body: str) -> list[Anchor]:
        """Titled mentions of known people whose title fits some of their dated roles
        ("Prime Minister Theresa May"): where each places the text in time."""
        until = self._kb_date
        anchors = []
        for ent, label in ents:
            if label != "PERSON":
                continue
            title = self._role_of(ent, body)
            if not title or NOT_CURRENT.search(title) or ";" in title:
                continue
            match = self.kb.person(person_key(ent.text)[0])
            if match is None:
                continue
            country, sector = self._code_role(title)
            if sector is None or sector == "ELI":
                continue
            starts = sorted(r.start for r in match.roles if r.start is not None)
            spans = tuple(
                # an open role ends where the person's next role starts (an old dictionary
                # leaves a minister of 2010 in office for good)
                (r.start, r.end or next((d for d in starts if d > r.start), until))
                for r in match.roles
                if r.start is not None
                and (sector == r.sector or sector in r.sectors or sector == "IGO" != r.sector)
                and country in (None, r.country)
            )
            if spans:
                anchors.append(Anchor(match.name, title, spans))
        return anchors

    def _person_by_role(self, ent: Any) -> bool:
        """A name with a personal title before it or a personal role in apposition after it."""
        if not all(t.text[:1].isupper() for t in ent) or self.kb.organisation(ent.text):
            return False
        doc = ent.doc
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in _PERSON_ROLES or (
            before and self.kb.agent_sector(before) and before.islower()
        ):
            return before not in ("the", "a")
        after = doc[ent.end : ent.end + 8]
        if len(after) < 3 or after[0].text != "," or after[1].lower_ not in ("the", "a", "an"):
            return False
        for tok in after[2:]:
            if tok.text == ",":
                break
            word = tok.lower_
            if word in _PERSON_ROLES or (
                tok.pos_ == "NOUN"
                and word.endswith(_PERSON_SUFFIXES)
                and not tok.text[:1].isupper()
            ):
                return True
        return False

    # ------------------------------------------------------------------ people
    def _people(
        self,
        ents: list[tuple[Any, str]],
        body: str,
        on: date | None,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
    ) -> None:
        mentions = [
            (ent, person_key(ent.text))
            for ent, label in ents
            if label == "PERSON"
            for ent in (self._known_surname_only(ent),)
        ]
        clusters: list[_Draft] = []
        for ent, (name, suffix) in sorted(mentions, key=lambda m: -len(m[1][0].split())):
            if not name:
                continue
            target = self._match_person(clusters, name, suffix, ent.start_char)
            if target is not None and target.suffix and not suffix and " " not in name:
                if self.kb.person(person_key(target.name)[0], on) is not None:
                    # "Trump" beside "Donald Trump Jr.": the father the KB knows, whom the
                    # news names bare; the son is written with his suffix or given name
                    target = None
            if target is None:
                target = _Draft(
                    name=name if not suffix else f"{name} {suffix.title()}.", kind="person"
                )
                target.suffix = suffix
                clusters.append(target)
            target.add(ent.start_char, ent.end_char, body)
            by_span[(ent.start_char, ent.end_char)] = target
            role = self._role_of(ent, body)
            title = _TITLES.match(ent.text)
            word = title.group(0).strip(" .").lower() if title else ""
            if role is None and (
                word in _PEERS or ent.start and ent.doc[ent.start - 1].lower_ in _PEERS
            ):
                role = "Lord" if word != "lady" else "Lady"  # "Lord Guthrie": a British peer
            if role is None and (word in _CLERICS or title and self.kb.agent_sector(word)):
                role = title.group(0).strip()  # "Archbishop Desmond Tutu" tagged whole
            if role is None and (letters := _POST_NOMINAL_END.search(ent.text)):
                role = letters.group(1)  # "Sammy Wilson MP" tagged whole
            if role and (target.role is None or len(role) > len(target.role)):
                target.role = role
        self._bare_surnames(clusters, body, by_span)
        if mentions:
            self._fronted_roles(clusters, mentions[0][0].doc, body)
        for draft in clusters:
            self._code_person(draft, on)
            if draft.sector is None:
                self._one_of_them(draft, body)
        drafts.extend(clusters)

    def _known_surname_only(self, ent: Any) -> Any:
        """A two-word name the tagger made of a word and the surname of the one person the KB
        knows by it, where the word is no given name but a gerund or another person's surname
        that the article writes apart: only that surname ("Expelling Orban" at a sentence's
        start, "over Soros Orban grows" beside "George Soros"; "Viktor Orban" being meant)."""
        if len(ent) != 2 or not ent[0].text[:1].isupper():
            return ent
        first, last = ent[0].text, ent[1].text
        if given_name_gender(first) is not None or self.kb.person(ent.text, self._on):
            return ent
        gerund = ent[0].tag_ == "VBG" or first.endswith("ing")
        # a surname of someone else the article names apart ("George Soros", "Soros' NGO")
        other = bool(self.kb.person_by_surname(first, self._on)) and bool(
            re.search(rf"\b{re.escape(first)}\b(?![’']?\s+{re.escape(last)})", ent.doc.text)
        )
        if not (gerund or other):
            return ent  # "Chris Bryant", "Lee Hamilton": a given name the lists lack
        known = self.kb.person_by_surname(last, self._on)
        if len(known) == 1 and known[0].name.split()[0].lower() != first.lower():
            return ent.doc[ent.end - 1 : ent.end]
        return ent

    def _fronted_roles(self, clusters: list[_Draft], doc: Any, body: str) -> None:
        """The role a sentence opens with, for a person without one whose mention is that
        sentence's subject after a comma or dash, a surname the tagger missed included ("Now a
        leading columnist for the Journal de Montréal—…—Dumont played")."""
        for draft in clusters:
            # a member's letters after the name say less than the phrase before it ("The
            # Democratic Unionist Party's Brexit spokesperson, Sammy Wilson MP, has …")
            if draft.role is not None and not _POST_NOMINAL_ONLY.fullmatch(draft.role):
                continue
            for mention in draft.mentions:
                span = doc.char_span(mention["start"], mention["end"])
                if span is not None and (role := _fronted_role(span, body, self.kb.agent_sector)):
                    draft.role = role if draft.role is None else f"{role}; {draft.role}"
                    break

    @staticmethod
    def _bare_surnames(
        clusters: list[_Draft], body: str, by_span: dict[tuple[int, int], _Draft]
    ) -> None:
        """A surname the tagger missed ("…, Brant added") after the full name was written."""
        taken = sorted(by_span)
        for draft in clusters:
            words = person_key(draft.name)[0].split()
            if len(words) < 2 or draft.suffix:
                continue
            surname = words[-1]
            if len(surname) < 3 or sum(_surname(d.name) == _fold(surname) for d in clusters) > 1:
                continue
            first = min(m["start"] for m in draft.mentions)
            for match in re.finditer(rf"\b{re.escape(surname)}\b(?![-'’]\w)", body):
                span = (match.start(), match.end())
                if span[0] <= first or any(s <= span[0] < e for s, e in taken):
                    continue
                if re.match(r" [A-Z][a-z]", body[span[1] : span[1] + 3]):
                    continue  # "Judge Kavanaugh" after "Mark Judge": a title before a name
                draft.add(span[0], span[1], body)
                by_span[span] = draft

    @staticmethod
    def _match_person(clusters: list[_Draft], name: str, suffix: str, pos: int) -> _Draft | None:
        folded = _fold(name)
        candidates = []
        for draft in clusters:
            full = _fold(draft.name if not draft.suffix else person_key(draft.name)[0])
            if draft.suffix != suffix and (suffix or " " in folded):
                continue
            if (
                folded == full
                or full.endswith(" " + folded)
                or _surname(name) == _surname(full)
                and (" " not in folded or folded.split()[0] == full.split()[0])
            ):
                candidates.append(draft)
        if not candidates and " " not in folded:
            # "Melania" after "Melania Trump": the one person of the article with that first name
            candidates = [d for d in clusters if _fold(d.name).split()[0] == folded]
            if len(candidates) != 1 or len(_fold(candidates[0].name).split()) < 2:
                return None
        if not candidates:
            return None
        # A bare surname goes to the person without a suffix, then the one whose surname was
        # written last ("Melania" is no mention of the surname "Trump").
        last = _surname(name)
        candidates.sort(
            key=lambda d: (
                bool(d.suffix) != bool(suffix),
                -max(
                    (
                        m["start"]
                        for m in d.mentions
                        if m["start"] < pos and last in _fold(m["text"]).split()
                    ),
                    default=-1,
                ),
            )
        )
        return candidates[0]

    def _code_person(self, draft: _Draft, on: date | None) -> None:
        role = draft.role
        if role:
            country, sector = self._code_role(role)
            if country or sector:
                draft.country, draft.sector = country, sector
                draft.evidence.append(f"text: {role}")
        match = self.kb.person(draft.name, on)
        if match is not None and " " not in draft.name and match.candidates > 1:
            match = None  # "Hassan" alone could be any of several people
        if match is None and " " not in draft.name:
            # "Prince Harry", "Pope Francis": the KB knows some people by title and name
            for text in {m["text"] for m in draft.mentions if _TITLES.match(m["text"])}:
                titled = self.kb.person(re.sub(r"['’]s$", "", text), on)
                if titled is not None and titled.candidates == 1:
                    match, draft.name = titled, titled.name
                    break
        if match is None:
            match = self._person_by_surname(draft, on)
            if match is not None and " " not in draft.name:
                draft.name = match.name  # "Biden" alone, the only Biden of a US story
        if match is not None:
            draft.kb_id = match.id
            if " " not in draft.name and match.candidates == 1:
                draft.name = match.name  # "Obama" alone: the KB knows the full name
            era = f" as of {self._era.on} ({self._era.describe()})" if self._era else ""
            sector = match.sector
            if sector is None and match.country in _BODIES:
                # an official of an international body ("UN Secretary-General") or an NGO
                sector = "NGO" if match.country == "NGO" else "IGO"
            if draft.country is None and draft.sector is None:
                draft.country, draft.sector = match.country, sector
                draft.evidence.append(f"kb{era}: {match.evidence}")
            elif (
                draft.sector == "PTY"
                and sector in ("GOV", "OPP", "LEG")
                and (draft.country in (None, match.country))
            ):
                # "the far-right politician Marine Le Pen": the text says only "a party's
                # politician"; the KB says which side of government she is on
                draft.country, draft.sector = match.country, sector
                draft.evidence.append(f"kb{era}: {match.evidence}")
            elif draft.country is None or (draft.sector is None and draft.country == match.country):
                # The text gave half the code; the KB fills the other half.
                draft.country = draft.country or match.country
                draft.sector = draft.sector or sector
                draft.evidence.append(f"kb{era}: {match.evidence}")

    def _one_of_them(self, draft: _Draft, body: str) -> None:
        """ "One of the seven, Chris Leslie": a person named as one of a group takes the
        group's sector, from its noun ("another of the hostages") or, for a number, from what
        the article counted before ("seven of its lawmakers quit")."""
        for mention in draft.mentions:
            found = _ONE_OF.search(body[max(0, mention["start"] - 160) : mention["start"]])
            if found is None:
                continue
            nouns = [found.group(1).lower()]
            if nouns[0] in _NUMBER_WORDS:
                before = body[: mention["start"] - len(found.group(0))]
                counted = re.finditer(rf"\b{nouns[0]}\b\s+{_COUNTED}", before, re.I)
                nouns = [m.group(1).lower() for m in counted][::-1]  # the nearest first
            for noun in nouns:
                sector = self.kb.agent_sector(noun)
                if sector and sector not in ("CVL", "ELI"):
                    draft.sector = sector
                    draft.evidence.append(f"text: {found.group(0).strip(' ,')} ({noun})")
                    return

    def _person_by_surname(self, draft: _Draft, on: date | None) -> Any:
        """The KB person a name the KB does not hold exactly still names, or None.

        A bare surname ("Biden", "Mandela") or a full name spelt another way ("Anthony
        Blinken" for Antony Blinken) is that person only when the KB holds exactly one person
        of that surname (with a first name of the same spelling family, for a full name), the
        surname is not a patronymic ("bin Salman" is not "Salman"), the person's country is
        one the article names, and the text's own code does not say otherwise. Without a
        date this still gives the person's country: all shipped roles of one person share it.
        """
        words = person_key(draft.name)[0].split()
        if not words or draft.suffix or len(words[-1]) < 4:
            return None
        candidates = self.kb.person_by_surname(words[-1], on)
        fitting = []
        for cand in candidates:
            parts = _fold(cand.name).replace("-", " ").split()
            if len(parts) >= 2 and parts[-2] in ("bin", "ibn", "ben", "bint", "al", "el"):
                continue
            if len(words) > 1:
                first, theirs = _fold(words[0]), parts[0] if parts else ""
                if len(words) != len(parts) or not _same_first_name(first, theirs):
                    continue
            fitting.append(cand)
        if len(fitting) > 1 and draft.sector:
            # "Attorney General Barr": the one of that name who held such an office
            holders = [c for c in fitting if any(r.sector == draft.sector for r in c.roles)]
            fitting = holders if len(holders) == 1 else fitting
        if len(fitting) > 1:
            # "Barr": the Attorney General before a representative of that name; a
            # government office is what makes a bare surname news
            governing = [c for c in fitting if any(r.sector == "GOV" for r in c.roles)]
            fitting = governing if len(governing) == 1 else fitting
        if len(fitting) != 1 or len(candidates) > 3:
            return None
        match = fitting[0]
        if match.role is None and draft.sector:
            # no role of the person covers the story's date, but the text's title is one
            # they held ("Attorney General Barr" in a story its titles set a year early)
            held = [r for r in match.roles if r.sector == draft.sector]
            if held:
                match = replace(match, role=held[-1])
        if match.country not in self._present:
            return None
        if draft.country is not None and draft.country != match.country:
            return None
        return match

    def _code_role(self, role: str) -> tuple[str | None, str | None]:
        """Country and sector a role description gives ("Russia's Foreign Minister"). A
        party's office whose words give the generic GOV ("Québec Solidaire’s principal
        spokesperson", "Labour's shadow chancellor") takes the party's standing: OPP for a
        party out of government; a member of a legislature stays LEG. (A role with no sector,
        "Labour leader", is placed by :func:`chronist.language.home.party_standing`.)"""
        country, sector = self._code_role_words(role)
        if sector == "GOV" and country is not None:
            for piece in _capitalised_pieces(role):
                party = (
                    self.kb.party_standing(piece, self._on, country)
                    if self._on
                    else self._party(piece, country)
                )
                if party is not None and party[0] == country:
                    return country, party[1]
        return country, sector

    def _code_role_words(self, role: str) -> tuple[str | None, str | None]:
        """:meth:`_code_role` before a party's standing is read."""
        country = None
        # An envoy's post is the host's, not the envoy's country: "Ambassador to U.K." (the
        # U.S. ambassador), "envoy in Kabul"
        role = _POSTED_TO.sub(r"\1", role)
        # Nationality comes from a demonym ("Russian"), a possessive ("Russia's") or an
        # adjectival abbreviation ("US"); a bare country name is a topic ("a Syria analyst").
        for piece in re.findall(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*['’]?s?", role):
            possessive = bool(re.search(r"['’]s$", piece))
            piece = re.sub(r"['’]s$", "", piece)
            for word in (piece, *piece.split()):
                code = self.kb.demonym(word)
                if code is None and (possessive or _ABBREVIATED.match(word)):
                    code = self.kb.country_code(word)
                if code:
                    country = code
                    break
            if country:
                break
        if country is None:
            # "Bahamas Prime Minister", "Haiti President": a country's name before its office
            for place in re.findall(rf"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*?)\s+{_OFFICE}", role):
                country = self.kb.country_code(place)
                if country:
                    break
        if country is None:
            # "Labour MP", "Tory MP": a party of a country the article names is that country's
            for piece in _capitalised_pieces(role):
                if (party := self._party(piece, None)) is not None:
                    country = party[0]
                    break
        sector = None
        low = _fold(role)
        if country is None and re.search(r"\b(?:lord|lady|baroness|baron)$", low):
            country = "GBR"  # "Former army chief Lord …": a British peer
            if low in ("lord", "lady", "baroness", "baron"):
                return country, "ELI"
        if re.search(r"\b(?:former|ex-|retired|onetime)\b", low):
            return country, "ELI"
        if role.strip() == "Officer":
            return country, "COP"  # "Officer Amber Guyger": a police rank; armies write ranks
        if country is None and (found := self._employer_in_kb(role)) is not None:
            if found[1].kind == "igo":  # "the president of the European Council": EUR IGO
                return found[1].country, "IGO"
        # The office is the head of each description: "Deputy Foreign *Minister*", "a Syria
        # *analyst* at the Institute…" (what follows "at/of/in" is the employer, not the office).
        if country is None:
            for place in re.findall(
                r"\b(?:of|in)\s+((?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)", role
            ):
                country = self.kb.country_code(place)
                if country:
                    break
        for segment in low.split(";"):
            head = re.split(r"\b(?:of|at|in|for|to|with|from)\b", segment)[0]
            if _SECRETARY_GENERAL.search(head):
                return country, "GOV"  # an office, not a general's rank
            words = re.findall(r"[a-z]+", head)
            for i in range(len(words) - 1, -1, -1):
                word = words[i]
                if word in _KINSHIP:
                    continue
                sector = self.kb.agent_sector(word) or ("REL" if word in _CLERICS else None)
                if sector and i > 0:
                    # "Dallas police officer": the two-word office before the one-word rank
                    found = self.kb.agent(f"{words[i - 1]} {word}")
                    if found is not None and found.sector and " " in found.matched:
                        sector = found.sector if sector == "MIL" else sector
                if sector:
                    if sector == "GOV" and word in _NOBLE and "crown" not in words:
                        sector = "ELI"  # a royal who does not reign ("Prince Harry")
                    if "late" in words and sector not in ("REL", "ELI"):
                        sector = "ELI"  # "the late President …": the dead hold no office
                    return country, sector
        return country, sector

    def _employer_in_kb(self, role: str) -> tuple[int, _Draft] | None:
        """An organisation the KB knows, named in a role but not tagged ("BlackRock CEO")."""
        for run in re.findall(r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*", role):
            words = run.split()
            pieces = [
                " ".join(words[i:j])
                for n in range(len(words), 0, -1)
                for i in range(len(words) - n + 1)
                for j in [i + n]
            ]
            for piece in pieces:
                match = self.kb.organisation(piece)
                if match is not None and match.country and len(piece) > 2:
                    found = _Draft(match.name, match.kind, match.country, match.sector)
                    return len(piece), found
        return None

    def _employers(self, drafts: list[_Draft]) -> None:
        """A person's role that names whom they work for gives the code the text leaves open.

        "BlackRock CEO Larry Fink", "NY Times' Jim Tankersley", "Spokesman of the Russian
        Ministry of Defense, Igor Konashenkov", "Biden advisor Brian Deese": the organisation
        (or person) named in the role, resolved elsewhere in the article, gives its country
        when the text gave none, and its sector when the role is one of speaking for or
        leading it (spokesman, CEO, head) or names no office at all ("NY Times' …").
        """
        others = [d for d in drafts if d.mentions and d.country and d.kind != "country"]
        for draft in drafts:
            if draft.kind != "person" or not draft.role:
                continue
            if draft.role.strip(" .").lower() in _CLERICS:
                continue  # "Pope", "Archbishop": a cleric's bare title names no employer
            role = _fold(draft.role)
            best = None
            for other in others:
                if other is draft:
                    continue
                texts = {_fold(other.name)}
                if other.kind != "person":  # a person's mentions include "the prime minister"
                    texts |= {_fold(m["text"]) for m in other.mentions}
                else:
                    texts.add(_surname(other.name))
                for text in texts:
                    text = re.sub(r"^the |'s$", "", text)
                    if len(text) >= 2 and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", role):
                        if best is None or len(text) > best[0]:
                            best = (len(text), other)
            if best is None:
                best = self._employer_in_kb(draft.role)
            if best is None:
                continue
            employer = best[1]
            head = re.split(r"\b(?:of|at|in|for|to|with|from)\b|;", role)[0]
            nouns = re.findall(r"[a-z-]+", head)
            speaks_for = any(p in _SPEAKS_FOR for w in nouns for p in (w, *w.split("-")))
            no_office = (draft.sector is None and role.endswith("'s")) or re.sub(
                r"^the |'s$", "", role
            ) in {re.sub(r"^the ", "", _fold(m["text"])) for m in employer.mentions}
            changed = False
            if draft.country is None:
                draft.country = employer.country
                changed = True
            if employer.kind != "person" and employer.sector and (speaks_for or no_office):
                if draft.sector != "ELI" and draft.sector != employer.sector:
                    draft.sector = employer.sector
                    changed = True
            if changed:
                draft.evidence.append(f"text: works for {employer.name}")

    # ------------------------------------------------------------------ organisations
    def _organisations(
        self,
        ents: list[tuple[Any, str]],
        body: str,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
    ) -> None:
        seen: dict[str, _Draft] = {}
        defined: list[tuple[str, int, _Draft]] = []
        spelled = _spelled_out(ents)
        for ent, label in ents:
            if label not in ("ORG", "NORP"):
                continue
            text = re.sub(r"['’]s$", "", ent.text)
            if text.upper() == text and text.isalpha() and text in spelled:
                # "the ERG" of a story that names "the European Research Group": the
                # article's own body, not a namesake in the knowledge base (a Colombian
                # guerrilla army)
                text = spelled[text]
            folded = re.sub(r"^the ", "", _fold(text))
            if len(ent) == 1 and ent[0].is_stop and not text.isupper():
                continue  # "Who should replace …" is no WHO
            match = self.kb.organisation(text)
            if match is None and folded == "met" and "GBR" in self._lands:
                match = self.kb.organisation("Met Police")  # "The Met" of a British story
            if match is None and folded == "alliance" and _NATO.search(body):
                match = self.kb.organisation("NATO")  # "the Alliance" of a story naming NATO
            possessive = text != ent.text or body[ent.end_char : ent.end_char + 2] in ("'s", "’s")
            if match is None and label == "ORG" and possessive and not text.endswith("s"):
                # "the United Nation's headquarters": a plural name written with "'s"
                match = self.kb.organisation(text + "s")
            if match is None and self.kb.metonym(text):
                continue  # a seat of power: a government actor or a place, decided below
            if label == "NORP" and match is None:
                continue  # demonyms alone are handled with the noun they qualify
            draft = seen.get(match.name if match else folded)
            if draft is None and match is None and folded not in _CHAMBERS:
                # "al-Nusra" after "Jabhat al-Nusra": a shortened name of one already seen;
                # a bare "House" or "Senate" is a legislature, not "the White House"
                draft = next(
                    (d for d in seen.values() if _fold(d.name).endswith(" " + folded)), None
                )
            if draft is None:
                if match is not None:
                    draft = _match_draft(match, "kb")
                else:
                    draft = self._unknown_organisation(ent, text)
                    if listed := self._listed_under(ent):
                        draft.sector = listed[0]  # "terrorist groups such as A, B and C"
                        draft.evidence.append(f"text: one of the {listed[1]}")
                seen[match.name if match else folded] = draft
                drafts.append(draft)
            draft.add(
                ent.start_char,
                ent.start_char + len(ent.text.rstrip("'’s")) if text != ent.text else ent.end_char,
                body,
            )  # noqa: E501
            by_span[(ent.start_char, ent.end_char)] = draft
            after = body[ent.end_char : ent.end_char + 12]
            acronym = re.match(r"\s*\(([A-Z][A-Z&-]{1,7})\)", after)
            if acronym and match is None:
                # "Chamber of Commerce of Metropolitan Montreal (CCMM)": the acronym is its name
                seen.setdefault(_fold(acronym.group(1)), draft)
                defined.append((acronym.group(1), ent.end_char, draft))
        _acronym_mentions(defined, body, by_span)
        for draft in {id(d): d for d in seen.values()}.values():
            if draft.kb_id:
                draft.name = _written_name(draft)

    def _unknown_organisation(self, ent: Any, text: str) -> _Draft:
        name = re.sub(r"^the\s+", "", text, flags=re.I)
        draft = _Draft(name=name, kind="organisation")
        owner = _possessor(ent)
        if owner is not None:
            code = self.kb.country_code(owner) or self.kb.demonym(owner)
            if code:
                draft.country = code
                draft.name = f"{owner}'s {name}"
                draft.evidence.append(f"text: {owner}'s")
        words = re.findall(r"[A-Za-z-]+", name)
        # two words first: "Northern Irish" is British, "South African" no African country
        pairs = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
        for word in (*pairs, *words):
            code = self.kb.demonym(word)
            if code and draft.country is None:
                draft.country = code
                draft.evidence.append(f"text: {word}")
        if draft.country is None and (place := self._named_place_country(name)):
            draft.country = place[0]
            draft.evidence.append(f"text: {place[1]} in the name")
            if _PEOPLES_REPUBLIC.search(name) and not self.kb.country_code(place[1]):
                draft.sector = "REB"  # "Donetsk People's Republic": a region's, not a state
                draft.evidence.append("text: a people's republic named after a region")
                return draft
        agent = self._name_agent(name)
        if _MEDIA.search(name):
            draft.sector = "JRN"
            draft.evidence.append("text: a media name")
        elif agent is not None:
            draft.sector = agent.sector
            draft.evidence.append(f"text: {agent.matched} ({agent.source})")
        else:
            for word in re.findall(r"[a-z-]+", name.lower()):
                if word in _NAME_ADJECTIVES:
                    continue  # "General Congregation", "Executive Office": no general, no CEO
                sector = self.kb.agent_sector(word)
                if sector:
                    draft.sector = sector
                    draft.evidence.append(f"text: {word}")
                    break
        if draft.sector is None and draft.country and _DEPARTMENT.search(name):
            draft.sector = "GOV"  # "US Department of Homeland Security": a country's office
            draft.evidence.append("text: a department of state")
        if draft.sector is None and draft.country is None and _FOUNDATION.search(name):
            draft.country = draft.sector = "NGO"  # "the Rockefeller Foundation"
            draft.evidence.append("text: a private foundation")
        if draft.sector == "GOV":
            draft.kind = "government"
        return draft

    def _listed_under(self, ent: Any) -> tuple[str, str] | None:
        """The sector of the plural role noun a name is listed under ("terrorist groups such
        as A, B and C", "parties including A"), and the noun as written. Only names, commas,
        "and", "the" and brackets may stand between the list's opening and the name. A named
        member of unidentified armed forces is an identified armed group (REB)."""
        doc = ent.doc
        i = ent.start - 1
        while i >= 0 and (
            doc[i].text in (",", "(", ")", "and", "or", "the", "of", "-", "’", "'")
            or doc[i].ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
            or doc[i].text[:1].isupper()
            and doc[i].pos_ == "PROPN"
        ):
            i -= 1
        if i < 1 or doc[i].lower_ not in ("as", "including", "like", "namely"):
            return None
        noun = doc[i - 1]
        if doc[i].lower_ == "as":
            if noun.lower_ != "such" or i < 2:
                return None
            noun = doc[i - 2]
        if noun.tag_ not in ("NNS", "NNPS"):
            return None
        before = doc[noun.i - 1] if noun.i > 0 else None
        phrase = noun.lower_
        if before is not None and before.dep_ in ("compound", "amod") and before.head == noun:
            phrase = f"{before.lower_} {phrase}"
        found = self.kb.agent(phrase) or self.kb.agent(noun.lemma_.lower())
        if found is None or not found.sector:
            return None
        return ("REB" if found.sector == "UAF" else found.sector), phrase

    def _name_agent(self, name: str) -> Any:
        """The role phrase an organisation's name ends with or opens with, longest first:
        "Russian Ministry of Defense" → "ministry of defense", "Chamber of Commerce of
        Metropolitan Montreal" → "chamber of commerce" (what follows "of" is whose it is)."""
        low = name.lower()
        cuts = [m.start() for m in re.finditer(r"\s+of\s+", low)]
        for text in [low] + [low[:cut] for cut in reversed(cuts)]:
            found = self.kb.agent(text)
            if found is not None and found.sector and " " in found.matched:
                return found
        return None

    # ------------------------------------------------------------------ metonyms
    def _places_as_actors(
        self,
        ents: list[tuple[Any, str]],
        body: str,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
    ) -> None:
        governments: dict[str, _Draft] = {}
        countries: dict[str, _Draft] = {}
        for ent, label in ents:
            if label not in ("GPE", "FAC", "ORG", "LOC"):
                continue
            if (ent.start_char, ent.end_char) in by_span:
                continue
            text = re.sub(r"['’]s$", "", ent.text)
            metonym = self.kb.metonym(text)
            if ent.root.dep_ == "poss" and self.kb.agent_sector(ent.root.head.text):
                continue  # "Russia's top diplomat": the country qualifies a description
            if metonym is not None and _in_actor_position(ent):
                code, sector = metonym
                key = f"{code}:{sector}"
                draft = governments.get(key)
                # a seat of power is named as the text names it ("Downing Street", "Capitol
                # Hill"); a capital by its country's government ("London": "United Kingdom
                # (government)")
                found = self.kb.metonym_match(text)
                seat = re.sub(r"^the\s+", "", text) if found and found.kind == "seat" else None
                if draft is None:
                    cname = self.kb.country_name(code) or code
                    kind = "military" if sector == "MIL" else "government"
                    draft = _Draft(
                        name=seat or f"{cname} ({'military' if sector == 'MIL' else 'government'})",
                        kind=kind,
                        country=code,
                        sector=sector,
                        evidence=[f"metonym: {text}"],
                    )
                    governments[key] = draft
                    drafts.append(draft)
                else:
                    draft.evidence.append(f"metonym: {text}")
                    if seat and draft.name.endswith(")"):
                        draft.name = seat
                draft.add(ent.start_char, ent.start_char + len(text), body)
                by_span[(ent.start_char, ent.end_char)] = draft
                continue
            code = self.kb.country_code(text) if label in ("GPE", "LOC", "ORG") else None
            if code and not _only_location(ent):
                draft = countries.get(code)
                if draft is None:
                    draft = _Draft(
                        name=self.kb.country_name(code) or text,
                        kind="country",
                        country=code,
                        evidence=[f"country: {text}"],
                    )
                    countries[code] = draft
                    drafts.append(draft)
                draft.add(ent.start_char, ent.start_char + len(text), body)
                by_span[(ent.start_char, ent.end_char)] = draft

    # ------------------------------------------------------------------ descriptions
    def _descriptions(
        self,
        doc: Any,
        body: str,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
    ) -> None:
        people = [d for d in drafts if d.kind == "person"]
        groups: dict[str, _Draft] = {}
        taken = [(s, e) for s, e in by_span] + [
            span
            for ent in doc.ents
            if ent.label_ == "PERSON"
            if (span := role_prefix(ent, self.kb.agent_sector))
        ]
        police_story = bool(_POLICE.search(body)) and not _ARMY.search(body)
        for chunk in _chunks_and_possessors(doc):
            if chunk[0].text == "(":  # "(QS) principal spokesperson"
                close = next((t.i for t in chunk if t.text == ")"), None)
                if close is not None and close < chunk.end - 1:
                    chunk = chunk.doc[close + 1 : chunk.end]
            while len(chunk) > 1 and chunk[0].text in (",", ";", ":", ")", "—", "–", "-"):
                chunk = chunk[1:]  # ", a fellow sovereignist party"
            head = chunk.root
            word = head.text.lower()
            root_span = (head.idx, head.idx + len(head.text))
            if any(s < root_span[1] and root_span[0] < e for s, e in taken):
                continue  # the head is already an actor (a name, an organisation, a metonym)
            if head.text in ("MP", "MSP", "MLA") and any(t.ent_type_ == "PERSON" for t in chunk):
                continue  # "Sammy Wilson MP": the person, whose letters these are
            fragment = body[chunk.start_char - 1 : chunk.start_char] == "-"
            if fragment or not re.search(r"[^\W\d_]", head.text):
                continue  # "-", or "Semites" of "anti-Semites": a piece of a word, nobody
            sector = self.kb.agent_sector(word) or self.kb.agent_sector(head.lemma_ or word)
            if sector == "MIL" and word in ("officer", "officers") and police_story:
                sector = "COP"  # "the officers" of a story of police and no army
            office = None
            if head.i > chunk.start:
                # "the Attorney General": the two-word office before the one-word rank;
                # "intelligence services": a two-word role whose head alone is none
                found = self.kb.agent(f"{head.nbor(-1).lower_} {word}")
                if found is not None and found.sector and " " in found.matched:
                    if sector in (None, "MIL"):  # a rank ("general", "officer") or nothing
                        sector, office = found.sector, found.matched
            if _SECRETARY_GENERAL.search(chunk.text):
                sector = "GOV"  # "the Under-Secretary-General": an office, not a general
            members = None
            if sector is None and head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS"):
                members = self._party(head.text, None)
                if members is not None and any(
                    t.lower_ in _CHAMBERS for t in chunk if t.i < head.i
                ):
                    sector = "LEG"  # "Senate Democrats", "House Republicans": members
                elif members is not None:
                    sector = members[1]  # "the Democrats": the party's standing, or PTY
                else:
                    sector = "CVL"  # "Liberians", "Palestinians": people of a country
            if sector is None:
                continue
            if word in _KINSHIP and chunk[0].lower_ in _POSSESSIVE_PRONOUNS:
                continue  # "my mother", "his children": someone's family, no participant
            if head.dep_ == "pobj" and head.head.lower_ == "as" and head.tag_ == "NN":
                continue  # "left North Korea as supreme leader": a capacity, no participant
            country, source = self._chunk_country(chunk, people)
            if country is None and members is not None:
                country, source = members[0], head.text
            if country in ("EUR", "UNO", "IGO") and sector in ("GOV", "LEG", "JUD"):
                sector = "IGO"  # "EU officials" serve the body, not a state
            if sector == "CVL" and country is None:
                country = self.kb.demonym(head.text)
            plural = head.tag_ in ("NNS", "NNPS")
            singular_role = word.rstrip("s") in _PERSON_ROLES or word in _PERSON_ROLES
            indefinite = chunk[0].lower_ in ("a", "an")
            if indefinite and head.dep_ not in ("appos", "nsubj", "nsubjpass"):
                continue  # "a president who achieved progress" is nobody in particular
            if not plural and singular_role:
                if indefinite and head.dep_ != "appos":
                    continue  # "A senior Justice Department official told …": unnamed
                # "the Attorney General" is only someone so titled; "the previous attorney
                # general" is the holder before the one the article names
                before = any(t.lower_ in ("previous", "prior", "preceding") for t in chunk)
                target = (
                    None
                    if before
                    else self._link_description(chunk, country, sector, people, office)
                )
                if target is not None:
                    target.add(chunk.start_char, chunk.end_char, body)
                    target.evidence.append(f"description: {chunk.text}")
                    continue
                if chunk.text.lower().startswith(("a ", "an ")):
                    continue
            if (
                country is None
                and chunk[0].lower_ == "the"
                and head.tag_ in ("NN", "NNP")
                and not any(t.pos_ == "PROPN" for t in chunk if t.i < head.i)
            ):
                # "the regime" after "the Kiev regime": the one named before, if only one;
                # "the Legault government" names its own
                earlier = [
                    d
                    for d in groups.values()
                    if d.country and d.sector == sector and _fold(d.name).split()[-1:] == [word]
                ]
                if not earlier:
                    # "the department" after "the Dallas Police Department": the one
                    # organisation named before whose name ends in that word
                    earlier = [
                        d
                        for d in drafts
                        if d.kind == "organisation"
                        and d.name[:1].isupper()
                        and len(d.name.split()) > 1
                        and _fold(d.name).split()[-1:] == [word]
                        and any(m["start"] < chunk.start_char for m in d.mentions)
                    ]
                if len(earlier) == 1:
                    earlier[0].add(chunk.start_char, chunk.end_char, body)
                    earlier[0].evidence.append(f"text: {chunk.text}, as named before")
                    continue
            # Generic participants count too ("the police", "protesters", "the government"):
            # an event coder needs them even when the article does not say whose they are.
            text = re.sub(
                r"^(?:only\s+)?(?:the|a|an|some|many|several|two|three)\s+",
                "",
                chunk.text,
                flags=re.I,
            )
            leader = [
                t
                for t in chunk
                if t.i < head.i and t.ent_type_ == "PERSON" and t.text not in _POSSESSIVE_MARKS
            ]
            if leader and word in _LED_BY and sector == "GOV":
                # "President Joe Biden's administration" is the Biden administration
                text = f"{leader[-1].text} {head.text}"
            elif country and source and (whose := _whose(chunk, source)):
                text = f"{text} {whose}"  # "police of Kenya"
            words = re.sub(r"\bso-called\b|[^\w\s-]", " ", _fold(text)).split()
            key = f"{country}:{sector}:{' '.join(words)}"
            draft = groups.get(key)
            if draft is None:
                kind = {"MIL": "military", "GOV": "government", "REB": "group"}.get(sector, "group")
                draft = _Draft(
                    name=text,
                    kind=kind,
                    country=country,
                    sector=sector,
                    role=text,
                    evidence=[f"text: {chunk.text}"],
                )
                groups[key] = draft
                drafts.append(draft)
            draft.add(chunk.start_char, chunk.end_char, body)

    def _provincial(self, text: str) -> str:
        """ "the Liberals" of a story about Quebec's provincial politics (it names the National
        Assembly or a party only Quebec has: CAQ, PQ, QS) are the Quebec Liberal Party, not
        the federal Liberal Party of Canada."""
        if self._quebec and re.fullmatch(r"(?:the\s+)?liberals?(?:\s+party)?", text.strip(), re.I):
            return "Quebec Liberals"
        return text

    def _party(self, text: str, country: str | None) -> tuple[str, str, str] | None:
        """An undated story's party of the knowledge base: its country, with no standing
        (PTY), since who governs depends on the date. Only a party of ``country`` or, without
        one, of a country the article names or names a town or region of ("Liberal Party" is
        no Canadian party in a story of Britain), and capitalised ("the Conservatives", not
        "conservatives")."""
        name = self._provincial(re.sub(r"^(?:the|only the|only)\s+", "", text.strip(), flags=re.I))
        if not name[:1].isupper():
            return None
        for code in [country] if country else sorted(self._lands):
            party = self.kb.party(name, code)
            if party is not None and party["country"] == code:
                if not party["spans"]:
                    # a party that has never governed is in opposition whatever the date
                    why = party.get("source") or "never in government"
                    return code, "OPP", f"{party['name']} ({code}): {why}"
                if self._body_year is not None:
                    # the latest year the text writes bounds the story's date from below: who
                    # governed then ("in 2018", "the 2019 election") is the likelier standing
                    on = date(self._body_year, 7, 1)
                    placed = self.kb.party_standing(name, on, code)
                    if placed is not None:
                        why = f"{placed[2]}; as of {self._body_year}, the latest year written"
                        return placed[0], placed[1], why
                return code, "PTY", f"{party['name']} ({code}), a party of a country named"
        return None

    def _namesakes(
        self, drafts: list[_Draft], by_span: dict[tuple[int, int], _Draft], body: str
    ) -> None:
        """A name the tagger called a person in one sentence and an organisation in another
        ("Québec Solidaire’s image", "Québec Solidaire (QS)") is one organisation when the
        "person" is mostly a possessive, the organisation is mentioned as often or is known
        (KB, sector); else one person ("Amber Guyger" tagged once as a body). Organisations of
        one name are one ("Labour", "the Labour Party"), and a "person" named like a party of
        the knowledge base ("Labour") is that party. People the KB or the text gave a role keep
        theirs."""
        orgs: dict[str, _Draft] = {}
        for draft in drafts:
            if draft.kind in ("organisation", "group", "government") and draft.mentions:
                first = orgs.setdefault(_org_key(draft.name), draft)
                if (
                    first is not draft
                    and draft.kind == first.kind == "organisation"
                    and draft.country in (None, first.country)
                    and (draft.kb_id is None or first.kb_id in (None, draft.kb_id))
                ):
                    if len(draft.name) > len(first.name):
                        first.name = draft.name  # named at its fullest
                    _merge_into(first, draft, by_span)  # "Labour" and "the Labour Party"
        for draft in drafts:
            if draft.kind != "person" or draft.kb_id or draft.role or not draft.mentions:
                continue
            target = orgs.get(_org_key(draft.name))
            if target is None:
                if (party := self._party(draft.name, None)) is None:
                    continue
                draft.kind, draft.sector = "organisation", "PTY"
                draft.country = party[0]
                draft.evidence = [f"kb: {party[2]}"]
                continue
            possessive = sum(
                bool(re.search(r"['’]s?$", m["text"]) or re.match(r"['’]", body[m["end"] :]))
                for m in draft.mentions
            )
            if (
                possessive * 2 >= len(draft.mentions)
                or len(target.mentions) >= len(draft.mentions)
                or target.kb_id
                or target.sector
            ):
                # the tagger reads "Québec Solidaire’s image" as someone's
                target.evidence.append(f"text: also tagged a person ({draft.name})")
                _merge_into(target, draft, by_span)
            elif target.kind == "organisation":
                _merge_into(draft, target, by_span)  # "Amber Guyger" tagged once as a body
        self._surnames_as_bodies(drafts, by_span, body)

    def _surnames_as_bodies(
        self, drafts: list[_Draft], by_span: dict[tuple[int, int], _Draft], body: str
    ) -> None:
        """An "organisation" the tagger found in a surname, alone or after a short title
        ("Special counsel Mueller’s report", "AG Barr"), is the one person of the article with
        that surname, when the knowledge base knows no body of that name; one named with a
        common given name and a surname ("Louis Farrakhan") is a person."""
        people: dict[str, list[_Draft]] = {}
        converted = False
        for draft in drafts:
            if draft.kind == "person" and len(draft.name.split()) > 1:
                people.setdefault(_fold(draft.name).split()[-1], []).append(draft)
        for draft in drafts:
            if draft.kind != "organisation" or draft.kb_id or draft.sector or not draft.mentions:
                continue
            words = _fold(person_key(draft.name)[0]).split()
            found = people.get(words[0]) if len(words) == 1 else None
            if found and len(found) == 1:
                found[0].evidence.append(f"text: {draft.name!r}, tagged a body, is the surname")
                _merge_into(found[0], draft, by_span)
            elif _PERSON_NAME.fullmatch(draft.name) and given_name_gender(words[0]) is not None:
                # "Louis Farrakhan" tagged an organisation: a given name and a surname, no
                # word of a body's name, is a person (the KB knows the bodies named so)
                draft.kind = "person"
                draft.evidence.append("text: a given name and a surname, tagged a body")
                converted = True
        if converted:
            # and its surname alone, written after it, is that person too ("Farrakhan")
            self._bare_surnames([d for d in drafts if d.kind == "person"], body, by_span)

    def _missed_kb_names(
        self,
        doc: Any,
        body: str,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
    ) -> None:
        """Outlets, companies and international bodies of the KB written in capitals where the
        tagger saw no name ("BlackRock CEO …", "Sunday Express readers", "GAVI"). A single word
        must look like a name, not a capitalised word: an inner capital or four capitals
        ("BlackRock", "GAVI"), or the KB's own spelling away from the sentence start."""
        known = {d.kb_id: d for d in drafts if d.kb_id}
        names = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
        busy = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in names]
        # a building may be a party's name misread ("the Parti Québécois"), not a body's
        facs = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "FAC"]
        busy += [(m["start"], m["end"]) for d in drafts for m in d.mentions]
        links = {"of", "and", "&", "for", "de"}
        # Plain lists, not spaCy spans: every window of up to five words is looked at, and
        # building a Span per window cost more than the tagger.
        text = doc_text(doc)
        words = [t.text for t in doc]
        capital = [w[:1].isupper() for w in words]
        linking = [t.lower_ in links for t in doc]
        starts = [t.idx for t in doc]
        first = [bool(t.is_sent_start) for t in doc]
        sentence: list[int] = []
        for number, sent in enumerate(doc.sents):
            sentence.extend([number] * len(sent))
        i = 0
        while i < len(doc):
            found = None
            for n in range(5, 0, -1) if capital[i] else ():
                last = i + n - 1
                if last >= len(doc) or sentence[i] != sentence[last] or not capital[last]:
                    continue
                if not all(capital[k] or linking[k] for k in range(i, last + 1)):
                    continue
                start, end = starts[i], starts[last] + len(words[last])
                if any(s < end and start < e for s, e in busy):
                    continue
                name = text[start:end]
                if n == 1:
                    inner = re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", name) is not None
                    acronym = re.fullmatch(r"[A-Z]{4,6}", name) is not None
                    if not (inner or acronym or (not first[i] and len(name) > 4)):
                        continue
                match = self.kb.organisation(name)
                if any(s < end and start < e for s, e in facs):
                    match = None
                if match is None or match.category not in ("media", "mnc", "igo", "ngo"):
                    if n > 1 and (party := self._party(name, None)) is not None:
                        found = (doc[i : last + 1], party)  # "Parti Québécois (PQ)"
                        break
                    continue
                if n == 1 and not (name.isupper() or name == match.name or "-" in name):
                    if not re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", name):
                        continue
                found = (doc[i : last + 1], match)
                break
            if found is None:
                i += 1
                continue
            span, match = found
            if isinstance(match, tuple):
                self._missed_party(span, match, body, drafts, by_span, busy)
                i = span.end
                continue
            draft = _kb_draft(known, drafts, match, "kb (a name the tagger missed)")
            draft.add(span.start_char, span.end_char, body)
            by_span[(span.start_char, span.end_char)] = draft
            draft.name = _written_name(draft)
            i = span.end

    def _missed_party(
        self,
        span: Any,
        party: tuple[str, str, str],
        body: str,
        drafts: list[_Draft],
        by_span: dict[tuple[int, int], _Draft],
        busy: list[tuple[int, int]],
    ) -> None:
        """A party of the KB the tagger missed, with the acronym the text gives it ("Parti
        Québécois (PQ)", then "the PQ"); an undated story's standing waits for
        :func:`party_standing`."""
        country, sector, why = party
        draft = next((d for d in drafts if _org_key(d.name) == _org_key(span.text)), None)
        if draft is None:
            draft = _Draft(name=span.text, kind="organisation", country=country, sector=sector)
            draft.evidence.append(f"kb (a name the tagger missed): {why}")
            drafts.append(draft)
        draft.add(span.start_char, span.end_char, body)
        by_span[(span.start_char, span.end_char)] = draft
        if acronym := re.match(r"\s*\(([A-Z]{2,6})\)", body[span.end_char :]):
            for m in re.finditer(rf"\b{acronym.group(1)}\b", body):
                if not any(s < m.end() and m.start() < e for s, e in busy):
                    draft.add(m.start(), m.end(), body)
                    by_span[(m.start(), m.end())] = draft

    def _unlabelled_organisations(
        self, doc: Any, body: str, drafts: list[_Draft], by_span: dict[tuple[int, int], _Draft]
    ) -> None:
        """Noun chunks naming a known organisation that the tagger missed ("Human Rights Watch")."""
        known = {d.kb_id: d for d in drafts if d.kb_id}
        for chunk in doc.noun_chunks:
            if any(t.ent_type_ for t in chunk) or not chunk.root.text[:1].isupper():
                continue
            if any(s < chunk.end_char and chunk.start_char < e for s, e in by_span):
                continue
            if len(chunk) == 1 and chunk[0].is_stop and not chunk.text.isupper():
                continue  # "Who should replace …" is no WHO
            match = self.kb.organisation(chunk.text)
            if match is None:
                continue
            draft = _kb_draft(known, drafts, match, "kb")
            start = chunk.start_char + (4 if chunk.text.lower().startswith("the ") else 0)
            draft.add(start, chunk.end_char, body)
            by_span[(start, chunk.end_char)] = draft

    @staticmethod
    def _last_person_before(chunk: Any, people: list[_Draft]) -> _Draft | None:
        """The person with a country last named before ``chunk`` (within a few sentences)
        whom its "his"/"her" can stand for."""
        body = doc_text(chunk.doc)
        pronoun = chunk[0].lower_
        best: tuple[int, _Draft] | None = None
        for person in people:
            if not person.country:
                continue
            ends = [m["end"] for m in person.mentions if m["end"] <= chunk.start_char]
            if not ends or chunk.start_char - max(ends) > 400:
                continue
            as_actor = {"kind": "person", "name": person.name, "mentions": person.mentions}
            if gender_fit(as_actor, body, pronoun) is None:
                continue
            if best is None or max(ends) > best[0]:
                best = (max(ends), person)
        return best[1] if best else None

    def _chunk_country(
        self, chunk: Any, people: list[_Draft] | None = None
    ) -> tuple[str | None, str | None]:
        doc = chunk.doc
        for tok in chunk:
            if tok.i >= chunk.root.i:
                break
            if tok.text in ("'s", "’s"):
                continue
            after = doc[tok.i + 1 : tok.i + 3].text.lower() if tok.i + 1 < len(doc) else ""
            if re.match(r"-\s*(?:backed|led|supported|sponsored|funded|allied|trained)", after):
                continue  # "US-backed rebels" are backed by the US, not American
            for width in (3, 2, 1):  # "North Korean", "Saudi Arabian"
                if tok.i + width > chunk.root.i:
                    continue
                text = re.sub(r"['’]s$", "", doc[tok.i : tok.i + width].text)
                code = self.kb.demonym(text) or self.kb.country_code(text)
                if code is None and (metonym := self.kb.metonym(text)):
                    code = metonym[0]  # "the Khartoum government"
                if code is None and text[:1].isupper():
                    # "New Mexico authorities", "Texas officials": a state of its country (read
                    # before "Mexico" alone)
                    code = gazetteer().region_country(text)
                if code == "GEO" and _fold(text) == "georgia" and "USA" in self._lands:
                    continue  # "the Georgia governor" in an American story
                if code is None and chunk.root.lower_ not in _MEMBERS and width == 1:
                    igo = self.kb.organisation(text)
                    if igo is not None and igo.kind == "igo" and text.isupper():
                        code = igo.country  # "EU officials", "UN inspectors": the body's
                if code is None and width == 1 and (party := self._party(text, None)):
                    code = party[0]  # "Tory MPs", "Republican senators": the party's country
                if code:
                    return code, text
        # "the Obama administration": the country of the person named
        for tok in chunk:
            if tok.i < chunk.root.i and tok.ent_type_ == "PERSON":
                match = self.kb.person(tok.text)
                if match is not None and match.candidates == 1 and match.country:
                    return match.country, tok.text
                name = next(
                    (re.sub(r"['’]s$", "", e.text) for e in doc.ents if e.start <= tok.i < e.end),
                    tok.text,
                )
                for person in people or ():
                    if person.country and any(
                        m["text"] in (tok.text, name) for m in person.mentions
                    ):
                        return person.country, name  # "the Biden regime", Biden resolved
        # "Theresa May’s Tory government": a person's possessive before the root, tagged or not
        text = doc_text(doc)
        for person in people or ():
            for m in person.mentions:
                if (
                    person.country
                    and chunk.start_char <= m["start"] < m["end"] <= chunk.root.idx
                    and re.match(r"['’]s?\b", text[m["end"] : m["end"] + 2])
                ):
                    return person.country, m["text"]
        # "his administration": the country of the person "his" stands for
        if chunk[0].lower_ in ("his", "her") and chunk.root.lower_ in _OWN_GOVERNMENTS:
            owner = self._last_person_before(chunk, people or [])
            if owner is not None:
                return owner.country, owner.name
        # "the government of Liberia", "rebels in Nepal"
        for prep in chunk.root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        text = " ".join(t.text for t in obj.subtree if t.dep_ != "det")
                        code = self.kb.country_code(text)
                        if code == "GEO" and "USA" in self._present and _fold(text) == "georgia":
                            continue  # "the governor of Georgia" in an American story
                        if code:
                            return code, text
        owner = _possessor(chunk.root)
        if owner:
            code = self.kb.country_code(owner) or self.kb.demonym(owner)
            if code:
                return code, owner
        return self._where_they_act(chunk)

    def _where_they_act(self, chunk: Any) -> tuple[str | None, str | None]:
        """The country of the place the subject group acts in, written as the verb's "in …"
        ("In Transcarpathia, Ukraine's westernmost region, police were seen …", "in Lagos,
        protesters blocked …"): a country, or a town of the article's countries."""
        root = chunk.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return None, None
        for prep in root.head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                span = chunk.doc[obj.left_edge.i : obj.right_edge.i + 1]
                for ent in span.ents:
                    if ent.label_ not in ("GPE", "LOC"):
                        continue
                    text = re.sub(r"['’]s$", "", ent.text)
                    code = self.kb.country_code(text)
                    if code is None and (town := self._place_country(text)) in self._present:
                        code = town
                    if code:
                        return code, text
        return None, None

    def _link_description(
        self,
        chunk: Any,
        country: str | None,
        sector: str,
        people: list[_Draft],
        office_words: str | None = None,
    ) -> _Draft | None:
        words = _fold(chunk.text)
        families = [f for f in _ROLE_FAMILIES if any(w in words for w in f)]
        head = chunk.root.lower_
        # A head of state, a monarch or a cleric is named by that office: "the king" is not
        # the last GOV person named, nor is "the president" the president's adviser.
        office = head in _OFFICES or head.rstrip("s") in _OFFICES
        best = None
        for person in people:
            if country and person.country and person.country != country:
                continue
            if office_words and office_words not in _fold(person.role or "").replace("-", " "):
                continue  # a two-word office ("press secretary") links only to its holder
            if any(w in _RANK_WORDS and w not in _fold(person.role or "") for w in words.split()):
                continue  # "deputy attorney general", "the Acting Attorney General": not Barr
            if country and person.country is None:
                continue
            role = re.split(r"\b(?:to|at|for|with)\b", _fold(person.role or ""))[0]
            fits = any(any(w in role for w in f) for f in families) if families else False
            fits = fits or bool(office_words)  # the holder of the very office named
            same_sector = person.sector == sector
            earlier = [m["start"] for m in person.mentions if m["start"] < chunk.start_char]
            if not earlier or not (fits or same_sector):
                continue
            if office and not fits:
                if head in _ROYAL or person.role or person.kb_id is None:
                    continue  # only a KB head of government whose text gives no other role
            score = (fits, same_sector, max(earlier))
            if best is None or score > best[0]:
                best = (score, person)
        return best[1] if best else None


#: The possessive's own token, which the tagger may put inside a name ("Reagan" "’s").
_POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}
#: Words that make another office of the one they qualify ("deputy attorney general").
_RANK_WORDS = {"deputy", "acting", "assistant", "vice", "associate", "junior", "shadow", "interim"}
#: The office of a secretary-general (of the UN, of NATO): "general" here is no rank.
_SECRETARY_GENERAL = re.compile(r"\bsecretary[- ]general\b", re.I)
#: Words that are adjectives in an organisation's name, though nouns of a role elsewhere.
_NAME_ADJECTIVES = {"general", "executive"}
#: Last words of an organisation's name, never of a person's ("… People's Republic").
_ORG_HEADS = {
    "Republic", "Party", "Front", "Army", "Ministry", "Council", "Committee", "Movement",
    "Brigade", "Brigades", "Forces", "Organization", "Organisation", "Agency", "University",
    "Institute", "Foundation", "Association", "Federation", "Corporation", "Parliament",
    "Assembly", "Government", "Command", "Department", "League", "Alliance", "Coalition",
}  # fmt: skip
#: Words that make a name an institution's, so that a city before them is its seat ("Dallas
#: Police Department", "Atlanta Journal-Constitution").
_INSTITUTION = re.compile(
    r"\b(?:Police|Sheriff|Department|County|City|Council|Board|Commission|Authority|Office|"
    r"Bureau|Court|University|College|School|Hospital|Diocese|Archdiocese|Church|News|Times|"
    r"Post|Journal|Herald|Tribune|Gazette|Chronicle|Star|Courier|Register|Observer|Bee|"
    r"Constitution|Sun|Globe|Examiner|Inquirer|Mercury|Club|Bank|Airport|Port|Zoo|Museum|"
    r"Symphony|Opera|Library|Chamber|Party|Fire|Rescue|Schools|District|State|Public)\b"
)
#: A self-proclaimed state: named after a region rather than a country, it is an armed group.
_PEOPLES_REPUBLIC = re.compile(r"\bPeople['’]?s'? Republic\b")
#: A ministry or department of a state, once the name gives the state.
_DEPARTMENT = re.compile(r"\b(?:Department|Ministry|Dept\.?)\s+(?:of|for)\s+[A-Z]")
#: A private foundation: an NGO unless the name says it is the state's.
_FOUNDATION = re.compile(
    r"^(?!.*\b(?:National|State|Federal|Government|Royal|Public)\b)"
    r"(?:.*Foundation|Foundation\s+(?:for|of)\s+.+)$"
)


def _written_name(draft: _Draft) -> str:
    """An organisation the KB knows, named as the article writes it at its fullest ("State
    Duma", "NY Times", not the KB's "Russian Federal Assembly" or "New York Times"); a bare
    acronym gives way to the KB's name."""
    written = [re.sub(r"^(?:the|The)\s+|['’]s?$", "", m["text"]).strip() for m in draft.mentions]
    same = [w for w in written if _fold(w) == _fold(draft.name)]
    if same:
        return max(same, key=lambda w: sum(c.isupper() for c in w))  # "BlackRock"
    full = [
        w
        for w in written
        if not re.fullmatch(r"[A-Z0-9.&-]+", w)
        and len(w) > 3
        and _fold(w) + "s" != _fold(draft.name)
    ]
    return max(full, key=len) if full else draft.name


#: What follows an outlet that is cited for a report ("…, the Star Edmonton reported").
_REPORTED = re.compile(r"\s+(?:has\s+|had\s+|first\s+)?(?:reported|reports)\b(?!\s+to\b)")


#: Kinds of actor a place after their noun locates ("officials in Brussels").
_PLACEABLE = {"group", "government", "military"}
#: Where a group is: "officials in Brussels", "police from Paris".
_PLACED = re.compile(r"\s+(?:in|from)\s+(?:the\s+)?([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)")
#: Words that alone name a legislature's chamber, never a shortened longer name ("House"
#: after "White House", "Government House" or "Freedom House").
_CHAMBERS = {"house", "senate", "assembly", "congress", "parliament", "chamber", "commons"}


def _georgia_the_state(drafts: list[_Draft]) -> None:
    """In an American story (:func:`chronist.language.places.the_us_state_georgia`), Georgia is
    the US state: no country of its own ("a missing Georgia boy" names none: like "Florida",
    no actor), and what the text ties to it is American ("Georgia governor", "first female
    governor of Georgia": USA)."""
    for draft in drafts:
        if draft.country != "GEO" or not any(
            re.search(r"\bGeorgia\b", m["text"]) for m in draft.mentions
        ):
            continue
        if draft.kind == "country":
            draft.mentions = [m for m in draft.mentions if not re.search(r"\bGeorgia\b", m["text"])]
            continue
        draft.country = "USA"
        draft.evidence.append("Georgia, the US state, in an American story")


def _reporting_outlets(drafts: list[_Draft], body: str) -> None:
    """An organisation the KB does not know, cited as reporting ("the Star Edmonton reported",
    "the New Republic reports"), is a news outlet (JRN). Not "reported to": a body that
    answers to another."""
    for draft in drafts:
        if draft.kind != "organisation" or draft.sector or draft.kb_id:
            continue
        if any(_REPORTED.match(body[m["end"] : m["end"] + 30]) for m in draft.mentions):
            draft.sector = "JRN"
            draft.evidence.append("text: cited as reporting, a news outlet")


_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen"}
#: "one of the seven, (one-time contender) Chris Leslie": the end of the text before a name.
_ONE_OF = re.compile(
    r"\b(?:one|another|two|three)(?:\s+one)?\s+of\s+(?:the|these|those)\s+([a-z]+)\s*,"
    r"\s*(?:[\w'’-]+\s+){0,6}$",
    re.I,
)
#: What a number counted: "seven of its lawmakers", "the seven members of parliament".
_COUNTED = r"(?:of\s+(?:its|their|the|his|her)\s+)?(?:[a-z-]+\s+)?([a-z]+s)\b"


def _merge_into(target: _Draft, draft: _Draft, by_span: dict[tuple[int, int], _Draft]) -> None:
    """``draft``'s mentions become ``target``'s; ``draft`` is left empty (and dropped)."""
    known = {(m["start"], m["end"]) for m in target.mentions}
    target.mentions += [m for m in draft.mentions if (m["start"], m["end"]) not in known]
    target.country = target.country or draft.country
    target.sector = target.sector or draft.sector
    for span, owner in by_span.items():
        if owner is draft:
            by_span[span] = target
    draft.mentions.clear()


#: Heads of a phrase that names an international body's members, not the body ("EU states").
_MEMBERS = frozenset(
    {"states", "countries", "nations", "members", "governments", "citizens", "nationals"}
)


def _org_key(name: str) -> str:
    """An organisation's name without "the", a possessive or a closing "party"."""
    folded = re.sub(r"['’]s?$", "", _fold(name).replace("’", "'"))
    return re.sub(r"^the\s+|\s+party$", "", folded)


def _same_first_name(a: str, b: str) -> bool:
    """Spellings of one first name ("anthony"/"antony", "sergei"/"sergey"), not two names."""
    from difflib import SequenceMatcher

    if a == b:
        return True
    return a[:3] == b[:3] and SequenceMatcher(None, a, b).ratio() >= 0.8


def _major_place(text: str) -> bool:
    """A country, or a city of 100,000 people or more, known by this name."""
    return any(
        c["feature_class"] == "A" or c["population"] >= 100_000
        for c in gazetteer().candidates(text)
    )


#: A year written in the body ("in 2018", "the 2019 election"); not a deadline or a range's end
#: ("by 2030", "until 2025"), which may lie after the story's date.
_YEAR = re.compile(r"(?<![\d$£€.,/-])(19[5-9]\d|20\d\d)(?![\d%/-])")
_DEADLINE = re.compile(r"\b(?:by|until|till|before|through|to|and|or|from|between)\s+$", re.I)


def _latest_year(body: str, until: int) -> int | None:
    """The latest year an undated body writes, up to ``until`` (the knowledge base's year):
    the story is no earlier. None when it writes none."""
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(body)
        if int(m.group(1)) <= until
        and not _DEADLINE.search(body[max(0, m.start() - 9) : m.start()])
    ]
    return max(years) if years else None


def _article_date(article: Article) -> date | None:
    for value in (article.published, article.published_after):
        if value:
            return date.fromisoformat(value[:10])
    return None


_LINKS = {"of", "to", "for", "the", "at", "on", "'s", "’s", "-", "de", "elect"}


def role_prefix(ent: Any, is_role: Any = None) -> tuple[int, int] | None:
    """Character span of the title written before a name ("US Secretary of State").

    Walks left over capitalised words, role nouns, demonyms and the small words that join them
    ("aide to the President"), stopping at punctuation, verbs, conjunctions and the sentence start.
    """
    doc = ent.doc
    i = ent.start - 1
    first = None
    sent_start = ent.sent.start if ent.sent is not None else 0
    while i >= sent_start:
        tok = doc[i]
        word = tok.text
        if tok.is_punct and word not in ("-", "'s", "’s"):
            break
        if tok.is_space or tok.like_num or tok.ent_type_ in _NOT_TITLE_ENTS or "@" in word:
            break  # "Late on Friday Donald Trump", "March 22, 2019 …": no title
        if word.lower() == "and" and first is not None:
            joined = _joined_title(doc, i, sent_start, is_role)
            if joined is not None:
                first = joined  # "Conservative MP and top Brexiteer Jacob Rees-Mogg"
            break
        if (
            tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON", "ADP")
            and word.lower() not in _LINKS
        ):
            break
        known = word.lower() in _PERSON_ROLES or (is_role is not None and is_role(word.lower()))
        if word.lower() in _LINKS and word not in ("'s", "’s", "-"):
            # "aide to the President" but not "in opposition to President …"
            left = doc[i - 1] if i - 1 >= sent_start else None
            if left is None or not (left.text[:1].isupper() or left.lower_ in _PERSON_ROLES):
                if not (left is not None and left.lower_ in _LINKS):
                    break
        if word[:1].isupper() or known or word.lower() in _LINKS:
            if word.lower() not in _LINKS:
                first = i
            i -= 1
            continue
        head = tok.head.lower_
        of_role = head in _PERSON_ROLES or (is_role is not None and bool(is_role(head)))
        if first is not None and (
            tok.pos_ == "ADJ" or (tok.dep_ == "compound" and tok.pos_ == "NOUN" and of_role)
        ):
            first = i  # "former", "defence" of "former defence chief"
            i -= 1
            continue
        break
    if first is None:
        return None
    if doc[ent.start - 1].lower_ in ("to", "for", "of", "from") and not any(
        doc[j].lower_ in _PERSON_ROLES or (is_role is not None and is_role(doc[j].lower_))
        for j in range(first, ent.start)
    ):
        return None  # "Happy Valentines Day to Robert Mueller", "Thanks to …": no title
    return doc[first].idx, doc[ent.start - 1].idx + len(doc[ent.start - 1].text)


def _joined_title(doc: Any, i: int, sent_start: int, is_role: Any) -> int | None:
    """Where a second title of the same person begins, left of the "and" at ``i``: a title with
    no article that ends in a singular role noun and opens the phrase ("Conservative MP and top
    Brexiteer Jacob Rees-Mogg", "Labour MP and former minister Chris Leslie"). None for two
    people ("the president and first lady …", "MPs and Prime Minister …")."""
    j = i - 1
    if j < sent_start:
        return None
    last = doc[j]
    singular = last.tag_ in ("NN", "NNP") and not last.lower_.endswith("s")
    if not (singular and (last.lower_ in _PERSON_ROLES or (is_role and is_role(last.lower_)))):
        return None
    start = j
    while start - 1 >= sent_start:
        left = doc[start - 1]
        if left.is_punct or left.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "ADP", "PRON"):
            break
        if left.pos_ == "DET" or left.ent_type_ == "PERSON":
            return None  # "the president and …": someone else
        if not (left.text[:1].isupper() or left.pos_ in ("ADJ", "NOUN", "PROPN")):
            break
        start -= 1
    return start if j - start < 5 else None


#: Words only a story of Quebec's provincial politics writes.
_QUEBEC_POLITICS = re.compile(
    r"\b(?:National Assembly of Qu[ée]bec|Qu[ée]bec'?s National Assembly|CAQ|"
    r"Coalition Avenir Qu[ée]bec|Parti Qu[ée]b[ée]cois|Qu[ée]bec Solidaire)\b"
)


def _capitalised_pieces(role: str) -> list[str]:
    """Runs of capitalised words in a role, possessives cut, each with its leading words
    ("Québec Solidaire’s principal spokesperson": "Québec Solidaire", "Québec")."""
    runs = [
        re.sub(r"^The\s+", "", part)
        for found in re.findall(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", role)
        # "The Democratic Unionist Party’s Brexit spokesperson": the party, cut at its "’s"
        for part in re.split(r"['’]s(?:\s+|$)", found)
        if part
    ]
    return [piece for run in runs for piece in (run, *run.split()[:-1])]


def _role_text(ent: Any, body: str, is_role: Any = None) -> str | None:
    """The title before a name, or an apposition or "of …" after it, as written."""
    root = ent.root
    role = None
    span = role_prefix(ent, is_role)
    if span is not None:
        text = body[span[0] : span[1]].strip(" ,")
        if text and any(ch.isalpha() for ch in text) and len(text.split()) <= 10:
            role = text
    doc = ent.doc
    if role is None and root.dep_ == "appos" and root.head.i < ent.start:
        # "Spokesman of the Russian Ministry of Defense, Igor Konashenkov, stated"
        head = root.head
        if head.lower_ in _PERSON_ROLES or (is_role is not None and is_role(head.lower_)):
            tokens = [t for t in head.subtree if t.i < ent.start]
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            if tokens and len(tokens) <= 14 and all(t.ent_type_ != "PERSON" for t in tokens):
                role = body[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    if role is None and ent.start >= 2 and doc[ent.start - 1].text in ("'s", "’s", "'", "’"):
        # "NY Times' Jim Tankersley", "Google's Sundar Pichai": the organisation they work for
        owner = next((e for e in doc.ents if e.start <= ent.start - 2 < e.end), None)
        if owner is not None and owner.label_ == "ORG":
            role = f"{owner.text}'s"
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == ent.end:
            tokens = list(child.subtree)  # "King Hassan of Morocco"
            text = body[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            if len(text.split()) <= 6:
                role = f"{role} {text}" if role else text
        if child.dep_ == "appos" and child.i > ent.end - 1:
            tokens = list(child.subtree)
            text = body[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            if len(text.split()) <= 14 and child.ent_type_ != "PERSON" and _apposed_role(child):
                role = f"{role}; {text}" if role else text
    if role is None and (owned := _OWNED_ROLE.match(body, ent.end_char)):
        # "Gabriel Nadeau-Dubois, Québec Solidaire’s (QS) principal spokesperson, …": an
        # acronym in brackets breaks the parse of the apposition; its words still say the role
        words = re.findall(r"[a-z]+", owned.group(2))
        if is_role is not None and any(is_role(w) for w in words):
            role = re.sub(r"\s*\([A-Z][A-Za-z]{1,7}\)", "", owned.group(1))
    if role is not None and ("@" in role or "\n" in role):
        return None  # a post's handle and date line ("@KamalaHarris) March 22, 2019")
    if role is None and (after := _POST_NOMINAL.match(body, ent.end_char)):
        role = after.group(1)  # "Sammy Wilson MP": a member's letters after the name
    return role


def _chunks_and_possessors(doc: Any) -> Iterator[Any]:
    """spaCy's noun chunks, each after the phrases of the governments that possess in it,
    which the chunk holds ("the Canadian government" of "the Canadian government’s turn to
    militarism", "his administration" of "his administration’s failures"). Other possessors
    stay inside their chunk: "law-abiding citizens’ safety concerns" are concerns."""
    for chunk in doc.noun_chunks:
        for token in chunk:
            if token.dep_ == "poss" and token.lower_ in _OWN_GOVERNMENTS and token != chunk.root:
                start = token.left_edge.i
                if chunk.start <= start and token.i + 1 < chunk.end:
                    yield doc[start : token.i + 1]
        yield chunk


#: Words a body's acronym skips: "Chamber of Commerce" is CC.
_ACRONYM_SKIPS = {"of", "and", "for", "the", "on", "in", "to", "&"}


def _spelled_out(ents: list[tuple[Any, str]]) -> dict[str, str]:
    """Acronyms of three letters or more that the initials of a body's name in the article
    spell, and that name ("ERG" → "European Research Group"); an acronym two names spell is
    left out."""
    out: dict[str, str] = {}
    clashes: set[str] = set()
    for ent, label in ents:
        if label != "ORG":
            continue
        name = re.sub(r"^the\s+|['’]s$", "", ent.text, flags=re.I)
        words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIPS]
        if len(words) < 3 or not all(w[0].isupper() for w in words):
            continue
        acronym = "".join(w[0] for w in words)
        if out.get(acronym, name) != name:
            clashes.add(acronym)
        out[acronym] = name
    return {a: n for a, n in out.items() if a not in clashes}


def _acronym_mentions(
    defined: list[tuple[str, int, _Draft]], body: str, by_span: dict[tuple[int, int], _Draft]
) -> None:
    """The acronym a text defines for a body ("the Foundation for Accountability and Civic
    Trust (FACT)") names it wherever it is written after, tagged or not ("FACT asked the
    Senate ethics committee …"), as a whole word in capitals, outside a taken span."""
    taken = sorted(by_span)
    for acronym, defined_at, draft in defined:
        if len(acronym) < 3:  # "US", "PM": two letters are too often something else
            continue
        for match in re.finditer(rf"(?<![\w@#-]){re.escape(acronym)}(?![\w-])", body):
            span = (match.start(), match.end())
            if span[0] <= defined_at or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            draft.add(span[0], span[1], body)
            by_span[span] = draft


#: Words of a police story, and of one with armed forces: "officers" are the police's only
#: in the first and not the second.
_POLICE = re.compile(r"\b(?:police|policemen|sheriff'?s?|cops?|patrol)\b", re.I)
_ARMY = re.compile(
    r"\b(?:army|armies|military|troops|soldiers?|navy|naval|air\s+force|marines?|militar\w*|"
    r"defen[cs]e\s+ministry|battalions?|brigades?)\b",
    re.I,
)
#: NATO by name, which makes a bare "the Alliance" of the same story NATO.
_NATO = re.compile(r"\bNATO\b|\bNorth Atlantic Treaty Organi[sz]ation\b")
#: Chambers of a legislature whose party members are legislators ("Senate Democrats").
_CHAMBERS = {"senate", "house", "congressional", "parliamentary", "assembly", "commons"}
#: What a head of government has as "his" or "her" own: "his administration".
_OWN_GOVERNMENTS = {"administration", "government", "cabinet", "regime", "ministers"}
#: A sentence's opening noun phrase of a role, before ", Name": "Now a leading columnist for
#: the Journal de Montréal—…, Dumont played …", "A former lawyer, Smith said …".
_FRONTED = re.compile(
    r"(?:(?:Now|Once|Formerly|Then|Still|Long|Himself|Herself)[ \t]+)?"
    r"((?:[Aa]n?|The)[ \t]+[^,;:—–(\n]{3,90}?)(?=[ \t]*[,;:—–(])"
)


#: A role that is only a member's letters after the name ("MP").
_POST_NOMINAL_ONLY = re.compile(r"[A-Z]{2,4}")
#: The host country of a diplomat's post, after the office ("ambassador to Britain").
_POSTED_TO = re.compile(
    r"\b((?:ambassador|envoy|consul|high commissioner|emissary|charg[ée] d['’]affaires)s?)"
    r"\s+(?:to|in|at)\b[^;]*",
    re.I,
)


def _fronted_role(ent: Any, body: str, is_role: Any) -> str | None:
    """The role a sentence opens with when the person's name, after a comma, is the subject
    that follows it ("Now a leading columnist for the Journal de Montréal—…, Dumont played a
    leading role"): the phrase up to its first comma or dash, if one of its words is a role
    and it names no one."""
    doc = ent.doc
    root = ent.root.head if ent.root.dep_ == "compound" else ent.root  # "Sammy Wilson MP"
    subject = root.dep_ == "nsubj" or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
    if ent.start < 3 or doc[ent.start - 1].text not in (",", "—", "–") or not subject:
        return None
    sent = ent.sent
    match = _FRONTED.match(body, sent.start_char)
    if match is None or any(
        e.label_ == "PERSON" and sent.start <= e.start and e.start_char < match.end()
        for e in doc.ents
    ):
        return None
    text = match.group(1)
    words = re.findall(r"[a-z]+", text)
    if len(words) > 12 or not any(is_role(w) for w in words[1:]):
        return None
    if words[-1] in _KINSHIP:
        return None  # "The president's son, Hunter Biden, …": family, not the office
    return text


#: ", Québec Solidaire’s (QS) principal spokesperson and candidate for premier," after a name:
#: an organisation's role, group 2 its lower-case words.
_OWNED_ROLE = re.compile(
    r",[ \t]+((?:the[ \t]+)?[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4}['’]s[ \t]+"
    r"(?:\([A-Z][A-Za-z]{1,7}\)[ \t]+)?([a-z][a-z -]{2,60}?))(?=[ \t]*[,;.)])"
)
#: Letters after a name that say its holder sits in a legislature ("Sammy Wilson MP").
_POST_NOMINAL = re.compile(r",?[ \t]+(MP|MSP|MLA)\b(?![ \t]*[A-Z][a-z])")
#: The same letters at the end of a mention the tagger took whole.
_POST_NOMINAL_END = re.compile(r"\s+(MP|MSP|MLA)$")


#: Offices a country's name written before them belongs to ("Bahamas Prime Minister").
_OFFICE = (
    r"(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|"
    r"(?:Foreign|Defen[cs]e|Interior|Finance)\s+Minister|Ambassador)\b"
)
#: Entity types of words that are never part of a title ("Late on Friday", "March 22, 2019").
_NOT_TITLE_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _apposed_role(head: Any) -> bool:
    """An apposition that can be a role: a noun phrase, not a pronoun ("Trump, himself"),
    a date or a number, nor a plural ("Trump, members of his family or former campaign
    advisers": a list the parser hung on the name, not one person's title)."""
    if head.pos_ in ("PRON", "NUM", "DET") or head.ent_type_ in _NOT_TITLE_ENTS:
        return False
    if head.tag_ in ("NNS", "NNPS"):
        return False
    return head.pos_ in ("NOUN", "PROPN", "ADJ")


def _whose(chunk: Any, source: str) -> str | None:
    """The "of/in/from …" phrase after a noun chunk that gave its country ("of Kenya" in "the
    police of Kenya"), as written."""
    for prep in chunk.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "from") or prep.i < chunk.end:
            continue
        for obj in prep.children:
            tokens = list(obj.subtree)
            if len(tokens) > 5 or any(t.is_punct for t in tokens):
                continue
            if obj.dep_ == "pobj" and source in " ".join(t.text for t in tokens):
                doc = chunk.doc
                return doc[prep.i : tokens[-1].i + 1].text
    return None


def _possessor(token: Any) -> str | None:
    """The possessive owner of a token ("Russia's" in "Russia's Foreign Ministry")."""
    root = token.root if hasattr(token, "root") else token
    for child in root.children:
        if child.dep_ == "poss":
            return re.sub(
                r"['’]s$", "", " ".join(t.text for t in child.subtree if t.dep_ != "case")
            )
    return None


def _in_actor_position(ent: Any) -> bool:
    """Subject, object, possessor, or with/against/between someone: not a mere location."""
    root = ent.root
    dep = root.dep_
    if dep in _ACTOR_DEPS:
        return True
    if dep == "conj":
        head = root.head
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ in _ACTOR_DEPS
    if dep == "pobj":
        return root.head.text.lower() in _ACTOR_PREPS
    if dep == "compound" and root.head.dep_ in _ACTOR_DEPS:
        return False
    return False


def _only_location(ent: Any) -> bool:
    """A country named only as where something is or happens ("arrived in Iraq", "troops in
    Syria and Iraq"); a country in a list, an apposition or a subject is a participant."""
    root = ent.root
    while root.dep_ in ("conj", "appos") and root.head is not root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def resolve_pronoun(
    article: Article, offset: int, pronoun: str, *, reach_back: bool = True
) -> str | None:
    """The actor a pronoun at ``offset`` most likely refers to, or None.

    ``he``/``she``/``his``/``her``: a person; ``they``/``them``/``their``: a collective,
    organisation, government or country; ``it``/``its``: an organisation, government or country.
    Candidates are mentions before the pronoun in its paragraph or the one before, outside
    quotation marks. The nearest sentence holding one wins, and within it the first mention:
    the subject, usually ("Ivashov … said Kerry was the reason. '…,' he said" → Ivashov).
    A person the article says is a man is never "she", nor a woman "he", and in that sentence
    one the article gives the pronoun's gender goes first (:mod:`chronist.language.gender`).
    With no candidate in that window and ``reach_back``, the one person of two more paragraphs
    back whom the article gives the pronoun's gender.
    """
    kinds: Iterable[str]
    word = pronoun.lower()
    if word in ("he", "him", "his", "she", "her", "hers", "himself", "herself"):
        kinds = ("person",)
    elif word in ("they", "them", "their", "theirs", "themselves"):
        kinds = ("group", "organisation", "government", "military", "country", "igo")
    elif word in ("it", "its", "itself"):
        kinds = ("organisation", "government", "military", "country", "igo", "group")
    else:
        return None
    body = article.body
    paragraph_start = body.rfind("\n\n", 0, offset)
    window_start = body.rfind("\n\n", 0, max(0, paragraph_start)) if paragraph_start > 0 else 0
    fits = {a["id"]: gender_fit(a, body, word) for a in article.actors if a["kind"] in kinds}
    ahead = _cataphora(article, offset, kinds, fits)
    if ahead is not None:
        return ahead
    candidates = [
        (fits[actor["id"]] or 0, m["start"], actor["id"])
        for actor in article.actors
        if actor["kind"] in kinds and fits[actor["id"]] is not None
        for m in actor["mentions"]
        if window_start <= m["start"] and m["end"] <= offset and not _inside_quote(body, m["start"])
        if word not in ("it", "its", "itself") or not _plural_noun(m["text"])
    ]
    sentences = [(s["start"], s["end"]) for s in article.sentences] or [(window_start, offset)]

    def sentence_of(position: int) -> int:
        return next((i for i, (a, b) in enumerate(sentences) if a <= position < b), -1)

    # "But Schiff is nothing if not tenacious. ¶ He is vowing to … ¶ '…,' he told …": with
    # no one named in the window, a chain of the same pronoun still leads back to a name
    latest = max((sentence_of(start) for _, start, _ in candidates), default=0)
    chains = _PERSONAL if word in _PERSONAL else _IMPERSONAL
    if word in chains:
        # "He accepted that … May and Labour leader Jeremy Corbyn were … He added: …": a
        # sentence that opens with the same pronoun, as late as the nearest named candidate,
        # continues its chain; the second "he" is the first one's, not Corbyn's ("It has
        # never criticized … warplanes. It has fully supported …": the party, twice)
        for index in range(len(sentences) - 1, max(latest, 0) - 1, -1):
            start, end = sentences[index]
            if start >= offset or start < window_start:
                continue
            opening = _OPENING_PRONOUN.match(body, start, end)
            found = opening.group(0) if opening else ""
            if opening and opening.start() < offset and chains.get(found.lower()) == chains[word]:
                return resolve_pronoun(article, opening.start(), found)
    if not candidates:
        if not reach_back:
            return None
        return _only_one_of_that_gender(article, offset, window_start, fits, kinds)
    in_latest = sorted(c for c in candidates if sentence_of(c[1]) == latest)
    return in_latest[0][2]


def _only_one_of_that_gender(
    article: Article, offset: int, window_start: int, fits: dict[str, int | None], kinds: Any
) -> str | None:
    """With no one in the window of a "he" or "she", the one person of two more paragraphs
    back whom the article gives that gender, when all the others there are of the other
    gender ("Chelsea Handler … ¶ — Chelsea Handler (@…) ¶
    Last month, the failed talk show host wished Mueller … ¶ '…,' she wrote")."""
    if "person" not in kinds or len(kinds) != 1:
        return None
    body = article.body
    start = window_start
    for _ in range(2):
        start = body.rfind("\n\n", 0, max(0, start)) if start > 0 else 0
    found = {
        (actor["id"], fits.get(actor["id"]))
        for actor in article.actors
        if actor["kind"] == "person"
        for m in actor["mentions"]
        if start <= m["start"] and m["end"] <= offset and not _inside_quote(body, m["start"])
    }
    # everyone else there is of the other gender: no one whose gender is unknown
    fitting = [actor for actor, fit in found if fit is not None]
    return fitting[0] if len(fitting) == 1 and (fitting[0], 0) in found else None


def _plural_noun(mention: str) -> bool:
    """A common noun's plural ("warplanes", "the armed forces"), which "it" never stands for;
    a name ("the United States", "Reuters") may end in "s"."""
    words = mention.split()
    last = words[-1] if words else ""
    return (
        last[:1].islower()
        and len(last) > 3
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "ics", "news", "series", "'s", "’s"))
    )


#: Personal pronouns by the person they stand for.
_PERSONAL = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
}  # fmt: skip
#: A sentence whose subject is a pronoun: "He accepted …", "It has never criticized …";
#: "“…,” she said" is not one, nor an "it" of no one ("It is clear that …", "It seems").
_OPENING_PRONOUN = re.compile(
    r"(?:He|She)\b(?!\s*[,”\"])"
    r"|It(?=\s+(?:has|had|also|never|always|then|now|\w+ed)\b)(?!\s+(?:has|had)\s+been\b)"
)
#: "It" of a chain: the same thing, not a person.
_IMPERSONAL = {"it": "it", "its": "it", "itself": "it"}


#: A sentence that opens with a subordinate clause ("When she was arrested …, Guyger said").
_SUBORDINATE_OPENING = re.compile(
    r"^\W*(?:When|After|Before|As|While|Although|Though|Since|Once|Until|Because)\b"
)


def _cataphora(
    article: Article, offset: int, kinds: Iterable[str], fits: dict[str, int | None]
) -> str | None:
    """In a sentence that opens with a subordinate clause, a pronoun of that clause names the
    main clause's subject, which follows the comma ("When she was arrested three days later,
    Guyger said …"): the actor whose mention comes first right after that comma."""
    body = article.body
    sentence = sentence_at(article, offset, end_inclusive=False)
    if sentence is None or not _SUBORDINATE_OPENING.match(body[sentence[0] : offset]):
        return None
    comma = body.find(",", offset, sentence[1])
    if comma < 0:
        return None
    near = [
        (m["start"], actor["id"])
        for actor in article.actors
        if actor["kind"] in kinds and fits.get(actor["id"]) is not None
        for m in actor["mentions"]
        if m["start"] > comma and not body[comma + 1 : m["start"]].strip()
    ]
    return min(near)[1] if near else None


def _inside_quote(body: str, offset: int) -> bool:
    """A quotation opened before ``offset`` in its paragraph is still open there."""
    return open_quotation(body[body.rfind("\n\n", 0, offset) + 1 : offset])


def open_quotation(text: str) -> bool:
    """``text`` ends inside a quotation: an odd number of straight double marks, a “ or « not
    closed, or a paragraph that opens with a single mark ("'Separately, I intend to consult
    with … Mueller …,' he added") not yet closed by punctuation and a mark."""
    straight = text.count('"') % 2 == 1
    curly = text.count("“") > text.count("”") or text.count("«") > text.count("»")
    single = bool(_SINGLE_OPENING.match(text)) and not _SINGLE_CLOSE.search(text)
    return straight or curly or single


#: A paragraph that opens with a single quotation mark, and where such a quotation closes.
_SINGLE_OPENING = re.compile(r"\s*['‘]\w")
_SINGLE_CLOSE = re.compile(r"[,.!?…]['’](?=\s|$)")


def _kb_draft(known: dict[str, _Draft], drafts: list[_Draft], match: Any, source: str) -> _Draft:
    """The article's draft for a knowledge-base match, made (and listed) on its first mention;
    ``source`` opens its evidence ("kb", "kb (a name the tagger missed)")."""
    draft = known.get(match.id)
    if draft is None:
        draft = _match_draft(match, source)
        known[match.id] = draft
        drafts.append(draft)
    return draft


def _match_draft(match: Any, source: str) -> _Draft:
    """A new draft with a knowledge-base match's name and codes; ``source`` opens its evidence."""
    return _Draft(
        name=match.name,
        kind=match.kind,
        country=match.country,
        sector=match.sector,
        kb_id=match.id,
        evidence=[f"{source}: {match.evidence}"],
    )
