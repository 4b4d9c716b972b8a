"""What a phrase of a clause names: an actor, a group, a name the entity recogniser missed.

The events coder (:mod:`chronist.events.coder`) and the token head's spans
(:mod:`chronist.events.tagged`) decide with these whether words can be a participant: an
actor's mention, an agent noun ("rebels"), an entity, a country or organisation of the
knowledge base, a capitalised name or, as a recipient, a plural group. chronist's own rules:
no library decides whether a noun phrase names a political actor.
"""

from __future__ import annotations

import re

from chronist.language import sentence_at
from chronist.language.kb import CountryMatch, KnowledgeBase, OrgMatch
from chronist.model import Article, Event, Participant, Span

#: Verbs that only report what another clause says: the event is in that clause.
REPORTING = frozenset({"say", "tell", "report", "add", "state", "quote", "note"})


#: spaCy entity labels of names: a token-head span that cuts one is widened to all of it.
NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


#: Pronouns a participant may be, resolved through the language stage.
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"}


#: Raw (unresolved) subjects that still name a political actor.
AGENT = re.compile(
    r"\b(?:rebels?|militants?|fighters?|insurgents?|troops?|forces?|army|police|protesters?|"
    r"demonstrators?|officials?|ministers?|chiefs?|diplomats?|leaders?|government|authorities|"
    r"opposition|parliament|lawmakers?|senators?|president|minister|spokes(?:man|woman)|"
    r"terrorists?|jihadists?|soldiers?|workers|unions?|coalition|alliance|regime|administration|"
    r"civilians?|prisoners?|inmates?|detainees?|hostages?|journalists?|reporters?|activists?|"
    r"refugees?|migrants?|envoys?|ambassadors?|delegates?|commanders?|officers?|guards?|"
    r"policem[ae]n|gunm[ae]n|bombers?|judges?|lawyers?|students?|villagers?|residents?|"
    r"farmers?|pilgrims?|priests?|tourists?|passengers?|patients?|children|women|men|"
    r"negotiators?|mediators?|inspectors?|investigators?|prosecutors?|peacekeepers?)\b",
    re.I,
)


#: Heads that stand for the people of what follows: "members of", "thousands of".
GROUP = re.compile(
    r"^(?:the\s+|a\s+|an\s+|some\s+|several\s+|many\s+|\d[\d,]*\s+)?"
    r"(?:members?|thousands|hundreds|dozens|groups?|delegations?|representatives?|supporters|"
    r"residents|citizens|people|crowds?|families|relatives|villagers|students|workers|"
    r"one|two|three|four|five|some|many|most|all)$",
    re.I,
)


def in_span(start: int, end: int, span: Span | None) -> bool:
    """Whether ``start``-``end`` lies inside ``span``."""
    return span is not None and span["start"] <= start and end <= span["end"]


def actor_within(article: Article, span: Span) -> dict | None:
    """The first actor with a mention inside ``span``."""
    for actor in article.actors:
        for mention in actor["mentions"]:
            if in_span(mention["start"], mention["end"], span):
                return actor
    return None


#: A plural noun ("diplomats", "Christians"), not "-ss" ("business").
_PLURAL = re.compile(r"[^s]s$")


def unresolved_participant(words: str, mention: Span, kb: KnowledgeBase) -> Participant:
    """A participant no actor covers: its words, actor null (the country when the words name
    one or its people, hold one nationality before the head ("the British leader"), or name an
    organisation with a country in the knowledge base)."""
    found = kb_name(words, kb)
    if isinstance(found, CountryMatch):
        country, sector = found.code3, None
    elif isinstance(found, OrgMatch):
        country, sector = found.country, found.sector
    else:
        # a people named by its demonym stands for its country ("Turks formed and armed")
        bare = re.sub(r"^the\s+", "", words.strip(), flags=re.I)
        people = kb.demonym(bare) if bare[:1].isupper() and " " not in bare else None
        head = bare.split()[-1]
        someone = kb.agent_sector(head) or AGENT.fullmatch(head) or _PLURAL.search(head)
        if people is None and " " in bare and someone:
            # "the British leader", "two Russian diplomats": the one nationality its words give
            # someone (not "the French language")
            found = {kb.demonym(w) for w in bare.split()[:-1] if w[:1].isupper()} - {None}
            people = found.pop() if len(found) == 1 else None
        country, sector = people, None
    return {"actor": None, "name": words, "country": country, "sector": sector, "mention": mention}


def place_country(article: Article, span: Span) -> str | None:
    """The ISO3 country of the one country a phrase's resolved places lie in ("the regions of
    Donetsk and Luhansk" → UKR, "Kharkiv" → UKR): a place that is hit, visited or annexed
    stands for its country, as PLOVER codes a recipient. None where the places point to more
    than one country or the phrase holds none."""
    from chronist.language.places import gazetteer

    codes = {
        place["country_code"]
        for place in article.places
        for mention in place["mentions"]
        if in_span(mention["start"], mention["end"], span) and place["country_code"]
    }
    if len(codes) != 1:
        return None
    return gazetteer().iso3(next(iter(codes)))


def with_place_country(
    article: Article, participant: Participant, kb: KnowledgeBase | None = None
) -> Participant:
    """``participant`` with the country of the places its words name, where it has none; else,
    in a story told from one country, that country when its head word names a domestic body
    ("the union apparatus", "the city's housing department"), as the language stage gives
    generic institutions of such a story (``language/home.py``)."""
    if participant["country"] is None:
        participant["country"] = place_country(article, participant["mention"])
    if participant["country"] is None and kb is not None and article.home_country:
        words = re.findall(r"[a-z]+", participant["name"].lower())
        sectors = {kb.agent_sector(w) for w in words[-3:]} - {None}
        if sectors and sectors <= _DOMESTIC_SECTORS and not _FOREIGN.search(participant["name"]):
            participant["country"] = article.home_country
            participant["sector"] = participant["sector"] or min(sectors)
    return participant


def with_own_forces(event: Event) -> None:
    """The forces a side raises are its own: in a MOBILIZE ("the Kiev regime is recruiting
    troops", "Russia called up reservists"), recipients that the text leaves without a country
    and that are armed forces or no sector at all take the country of the actors, where those
    share one."""
    if event["type"] != "MOBILIZE":
        return
    countries = {p["country"] for p in event["actors"]}
    if len(countries) != 1 or None in countries:
        return
    (country,) = countries
    for participant in event["recipients"]:
        if participant["country"] is None and participant["sector"] in (None, "MIL"):
            participant["country"] = country


#: Sectors of a country's own bodies: a phrase headed by one is the home country's.
_DOMESTIC_SECTORS = {"GOV", "LEG", "JUD", "COP", "LAB", "BUS"}
_FOREIGN = re.compile(r"\b(?:foreign|international|overseas|abroad|their|other)\b", re.I)


#: Acts that only a state does: with no actor named, the home country's authorities did it.
_STATE_ACTS = {
    "arrest", "detain", "charge", "indict", "sentence", "convict", "jail", "imprison",
    "deport", "extradite", "prosecute", "fine", "sanction",
}  # fmt: skip
#: Sectors of a country's political actors, whose demands and refusals with no one named are
#: addressed to its state.
_POLITICAL = {"GOV", "LEG", "OPP", "PTY", "JUD"}
#: Types of a political actor's act whose unnamed counterpart is the state.
_ADDRESSED = {"REQUEST", "REJECT", "ACCUSE", "SUPPORT", "CONCEDE", "COERCE"}


def with_implied_home(article: Article, event: Event, lemma: str, kb: KnowledgeBase) -> None:
    """Fill the side of a domestic event the text leaves unnamed with the story's home country.

    In a story told from one country (``article.home_country``), only where the act itself
    says who the other side is: an arrest, a charge or a sentence with no actor named is
    the home country's authorities' ("Stone was arrested"); a demand, refusal, accusation,
    endorsement, concession or crackdown of the country's own political actors (government,
    legislators, opposition, parties, courts) with no one named is addressed to its state
    ("Senator X: the report must be released"), and so is a plea ("pleaded not guilty").
    ``lemma`` is the trigger verb's. The filled side is the home country, marked ``implied``
    with the reason and the trigger as its mention. Nothing where the named side is foreign
    or is the country itself; a private person's or a company's act names no counterpart
    (in real-news readings of crime and local stories the home country was wrong there more
    often than right).
    """
    home = article.home_country
    if not home:
        return
    for empty, named in (("actors", "recipients"), ("recipients", "actors")):
        others = event[named]
        if event[empty] or not others:
            continue
        countries = {p["country"] for p in others if p["country"]}
        if countries != {home} or any(p.get("implied") for p in others):
            continue
        if empty == "actors":
            fits = event["type"] in ("COERCE", "ACCUSE", "SANCTION") and lemma in _STATE_ACTS
        else:
            fits = lemma == "plead" or (
                event["type"] in _ADDRESSED and all(p["sector"] in _POLITICAL for p in others)
            )
        if not fits:
            continue
        country = next(
            (a for a in article.actors if a["kind"] == "country" and a["country"] == home), None
        )
        if country is not None and any(p["actor"] == country["id"] for p in others):
            continue  # "Britain demanded …": the country itself is no counterpart of itself
        name = country["name"] if country else kb.country_name(home)
        evidence = article.metadata_evidence.get("home_country")
        reason = evidence.text if evidence is not None else ""
        event[empty] = [
            {
                "actor": country["id"] if country else None,
                "name": f"{name or home} (implied)",
                "country": home,
                "sector": None,
                "mention": dict(event["trigger"]),
                "implied": f"the story's home country: {reason}".rstrip(": "),
            }
        ]


def actor_participant(actor: dict, mention: Span) -> Participant:
    """A participant that is one of the language stage's actors, on ``mention``."""
    return {
        "actor": actor["id"],
        "name": actor["name"],
        "country": actor["country"],
        "sector": actor["sector"],
        "mention": {"start": mention["start"], "end": mention["end"], "text": mention["text"]},
    }


def names_someone(article: Article, span: Span, head: Span | None = None) -> bool:
    """Whether a phrase no actor covers still names a political actor: its head (before any
    "of/in/…" phrase) is an agent noun or holds an entity ("Syrian rebels", not "the
    cooperation in Syria"), or it is a group of an entity ("Members of the Association of
    African Jurists")."""
    core = before_preposition(head if head is not None and head["text"] else span)
    return bool(
        names_places(article, span)
        or AGENT.search(core["text"])
        or has_entity(article, core, ("NORP", "GPE", "ORG", "PERSON"))
        or (GROUP.match(core["text"].strip()) and has_entity(article, span, ("NORP", "GPE", "ORG")))
    )


#: Words a phrase may wrap around place names and still be those places: "the city of".
_PLACE_FRAME = re.compile(
    r"^(?:the\s+)?(?:(?:(?:eastern|western|northern|southern|central|entire)\s+)?"
    r"(?:city|cities|town|towns|region|regions|province|provinces|village|villages|port|capital|"
    r"district|districts|oblast|territory|territories)\s+of\s+)?",
    re.I,
)


def names_places(article: Article, span: Span) -> bool:
    """Whether a phrase is nothing but resolved places of one country, joined by commas or
    "and", perhaps framed ("Kharkiv", "the regions of Donetsk and Luhansk"): as object of
    "shelled", "visited", "annexed", the place stands for its country."""
    if place_country(article, span) is None:
        return False
    text = span["text"]
    frame = _PLACE_FRAME.match(text)
    rest = list(text[frame.end() if frame else 0 :])
    offset = span["start"] + (frame.end() if frame else 0)
    for place in article.places:
        for mention in place["mentions"]:
            if in_span(mention["start"], mention["end"], span):
                for i in range(mention["start"] - offset, mention["end"] - offset):
                    if 0 <= i < len(rest):
                        rest[i] = " "
    return not re.sub(r"\b(?:and|the)\b|[,\s]", "", "".join(rest), flags=re.I)


def has_entity(article: Article, span: Span, labels: tuple[str, ...]) -> bool:
    """A named entity with one of ``labels`` lies within ``span``."""
    return any(
        in_span(e["start"], e["end"], span) and e["label"] in labels for e in article.entities
    )


def before_preposition(span: Span) -> Span:
    """The words of a phrase before its first prepositional phrase."""
    cut = re.search(r"\s(?:of|in|for|on|to|with|from|at|about|over|against|by)\s", span["text"])
    end = span["start"] + (cut.start() if cut else len(span["text"]))
    return {"start": span["start"], "end": end, "text": span["text"][: end - span["start"]]}


def phrase_head(span: Span) -> Span:
    """A noun phrase without what follows a comma or a relative pronoun ("two Russian
    diplomats, who …" → "two Russian diplomats")."""
    text = span["text"]
    cut = re.search(r",|\s(?:who|which|that|whose)\b", text)
    end = span["start"] + (cut.start() if cut else len(text))
    return {"start": span["start"], "end": end, "text": text[: end - span["start"]]}


#: What puts a mention in a phrase about the head rather than at its head: a preposition
#: ("the siege of Aleppo"), a relative ("a group which Russia backs") or a word of stance
#: ("a French think tank favoring closer cooperation with Russia", "militias loyal to Iran").
_MODIFYING = re.compile(
    r"\b(?:of|in|at|from|for|on|about|near|who|whom|which|that|whose|favou?ring|backing|"
    r"supporting|opposing|close\s+to|linked\s+to|loyal\s+to|tied\s+to|allied\s+(?:to|with)|"
    r"affiliated\s+with)\b[^,;()]*$"
)


def is_modifier(body: str, span: Span, mention: Span) -> bool:
    """The mention sits inside a prepositional phrase, a relative clause or a phrase of stance
    of the span, however many words stand between ("the siege of Aleppo", "two followers of
    rebel leader Riek Machar", "a think tank favoring closer cooperation with Russia"); a comma
    or a bracket ends the phrase ("the Foreign Minister of Russia, Sergei Lavrov")."""
    lead = body[span["start"] : mention["start"]]
    # a span may open with the complementizer of its clause ("that Prime Minister X's deal")
    lead = re.sub(r"^\s*(?:that|which|who)\s+", "", lead, flags=re.I)
    return bool(_MODIFYING.search(lead))


#: A wire story's dateline: "GENEVA, May 4 (Ledger) —", "HARROW —".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*"  # GENEVA, NEW YORK
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , May 4
    r"(?:\s*\([^()]{1,40}\))?"  # (Ledger)
    r"\s*(?:—|–|--)\s"  # an em or en dash, not a hyphen ("US - Russia talks")
)


def in_dateline(article: Article, start: int) -> bool:
    """Whether ``start`` lies in the dateline that opens its sentence: where the story was
    filed, not who acted."""
    sentence = sentence_at(article, start, end_inclusive=False)
    if sentence is None:
        return False
    found = _DATELINE.match(article.body, sentence[0], sentence[1])
    return found is not None and start < found.end()


def kb_name(text: str, kb: KnowledgeBase) -> CountryMatch | OrgMatch | None:
    """The country or organisation a phrase names in the knowledge base, when the entity
    recogniser missed it ("Nigeria on Saturday announced …")."""
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return kb.country(text) or kb.organisation(text)


#: Lower-case words that join the capitalised words of one name ("Federation of Clubs",
#: "the Brady Campaign to Prevent Gun Violence").
NAME_JOINERS = frozenset({"of", "to", "for", "and", "on", "de", "la", "del", "du", "des"})
#: The same words as a regular-expression alternation, for patterns of names.
NAME_JOINER = "(?:" + "|".join(sorted(NAME_JOINERS)) + ")"


def proper_name(article: Article, span: Span) -> bool:
    """The phrase is a name the entity recogniser missed: capitalised words ("Hadas",
    "County Commission") or an acronym ("ICE"); one capitalised word that opens its sentence
    may be any word ("Accession")."""
    words = re.sub(r"^the\s+", "", span["text"], flags=re.I).split()
    if not words or not words[-1][0].isupper():
        return False
    # "the Brady Campaign to Prevent Gun Violence": lower-case joining words inside a name
    if not all(w[0].isupper() or not w[0].isalpha() or w in NAME_JOINERS for w in words):
        return False
    if len(words) > 1 or (len(words[0]) > 1 and words[0].isupper()):
        return True
    sentence = sentence_at(article, span["start"], end_inclusive=False)
    return sentence is not None and sentence[0] != span["start"]


def plural_head(span: Span) -> bool:
    """The phrase is headed by a plural noun ("about 550 households", "the protesting truck
    drivers"): a group that can receive an act, though no actor covers it."""
    words = before_preposition(phrase_head(span))["text"].split()
    last = words[-1] if words else ""
    return (
        len(last) > 3
        and last.islower()
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
    )


def sentence_span(article: Article, offset: int) -> Span:
    """The sentence of the article at ``offset``, with its text."""
    found = sentence_at(article, offset, end_inclusive=False)
    if found is None:
        return {"start": offset, "end": offset, "text": ""}
    start, end = found
    return {"start": start, "end": end, "text": article.body[start:end]}
