"""PLOVER event coding over the language stage's clauses.

Why chronist codes its own: the open coders are Python 2 with stale dictionaries (PETRARCH2),
need Elasticsearch and GPU models (NGEC), or are closed (ICEWS). chronist already has, for every
clause, the verb, its lemma, subject, object, complement and passive agent as character spans
(:mod:`chronist.language.clauses`), and resolved actors; coding is then a lexicon lookup plus
rules that a reader can check against the words:

- **Type**: the clause's verb lemma and the words after it matched against the CAMEO verb
  patterns converted to PLOVER (:mod:`chronist.events.lexicon`): "suspend … cooperation" →
  SANCTION, "refused" → REJECT, "discussed" → CONSULT. Material cooperation promised or
  offered for later is AGREE, as PLOVER codes it ("will evacuate", "ready to contribute");
  an attack or coercion announced for later is THREATEN ("said it would attack"). A
  reporting verb is not coded as the material act it reports ("the Kurds said Baghdad's forces
  had attacked": the reported clause is coded, with Baghdad's forces as actor).
- **Participants**: the subject's actors are the ``actors`` (all of them: "Lavrov and Kerry"
  stays one record), the object's and the verb's prepositional phrases' actors the
  ``recipients``; in a passive the agent acts and the subject receives (with no agent, the
  actor is unknown: "Eklund was arrested"). Pronouns go through
  the language stage's resolver. A participant no actor covers keeps its words, actor null.
- **Mode**: words of the clause that name a PLOVER mode ("telephone" → CONSULT phone).
- **Modality**: ``negated`` (a negated verb), ``future`` ("will", "are to", "plans to", a date
  after the article's, a "would" under "said"), ``hypothetical`` ("could", "if", "unlikely
  that …"), ``historical``
  (a date a year or more before the article's).
- **When and where**: the time expression of the clause (else of its sentence) with
  ``date_source`` "sentence", else the article's date; the place after "in/at/near" inside the
  clause (not any place of the article).
- **Voice**: an event inside a quote or reported speech has ``reported_by`` = its speaker.
- One event told twice in an article is one record with several ``mentions``.
- **Classifier** (:mod:`chronist.events.classifier`, when the model package is installed): the
  fine-tuned encoder's sentence class confirms, retypes, drops or adds events, and its token
  head's source/target spans are the participants of the sentence's principal event and widen
  the others' (:meth:`EventCoder._classify`, :mod:`chronist.events.tagged`; what a phrase
  names is decided in :mod:`chronist.events.phrases`). A span is used when it names an actor (an
  actor's mention, an agent noun, an entity, a country or organisation of the knowledge base,
  a capitalised name the entity recogniser missed) or, as a recipient of an event with an
  actor, a plural group ("about 550 households").
- Only English articles are coded (an article whose ``language`` is another gets no events).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable

from chronist.events.classifier import (
    TYPE_CLASS,
    EventClassifier,
    Prediction,
    best_class,
    event_class,
    load_classifier,
)
from chronist.events.deeds import (
    DEED_PHRASE,
    OWNED_DEED,
    REACTIONS,
    RECEIVING,
    after_verb_end,
    givers,
    owner,
)
from chronist.events.labels import LABELLING_VERBS, REBUTTING_VERBS, calls_names, rebuts
from chronist.events.lexicon import Entry, Lexicon, load_lexicon
from chronist.events.ontology import event_type, normalise_mode
from chronist.events.phrases import (
    NAME_JOINER,
    PRONOUNS,
    REPORTING,
    actor_participant,
    before_preposition,
    in_dateline,
    in_span,
    is_modifier,
    names_someone,
    phrase_head,
    proper_name,
    sentence_span,
    unresolved_participant,
    with_implied_home,
    with_own_forces,
    with_place_country,
)
from chronist.events.tagged import in_main_clause, tagged_participants
from chronist.events.trust import OFFERING, ends_in_a_thing, thing_acts, trusted
from chronist.language import resolve_pronoun
from chronist.language.kb import KnowledgeBase
from chronist.model import (
    Actor,
    Article,
    Clause,
    Event,
    EventPlace,
    Modality,
    Participant,
    Quote,
    Reporter,
    Sentence,
    Span,
    TimeExpression,
)

#: The class head's probability above which a neutral sentence loses its non-appeal events,
#: and above which a sentence without a lexicon event gets one.
NEUTRAL_DROP = 0.6
ADD_EVENT = 0.5
#: Lexicon events this sure (a CAMEO pattern, not a bare verb, and a resolved actor) stand.
SURE = 0.85
#: The class head's probability below which it retypes no event (the lexicon's type stays).
RETYPE = 0.8
#: CAMEO classes: verbal and material cooperation; verbal conflict, where refusals sit.
COOPERATION_CLASSES = (1, 2)
MATERIAL_CLASSES = (2, 4)
REFUSAL_CLASS = 3
#: Material cooperation a party promises, offers or announces for later is AGREE in PLOVER
#: ("offers, promises or commits to a future cooperative act"): "Israel will evacuate all 21
#: settlements", "France is ready to contribute up to 4,000 troops".
_PROMISABLE = frozenset({"CONCEDE", "COOPERATE", "AID", "RETREAT"})
#: Material conflict that, announced for later, is a threat ("said it would attack Harrow").
_THREATENABLE = frozenset({"ASSAULT", "COERCE"})
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|was to|were to|plans? to|planning to|planned to|"
    r"intends? to|is going to|are going to|is set to|are set to|is expected to|are expected to|"
    r"is scheduled to|are scheduled to|next (?:week|month|year))\b",
    re.I,
)
#: Verbs whose complement, a thing that does harm, is a criticism of the thing's owners.
_BLAMING = {"warn", "say", "claim", "argue", "insist", "suggest", "contend", "allege"}
#: "will have to", "will need to": what someone is predicted to be forced into.
_NECESSITY = re.compile(r"\b(?:will|'ll|would|shall)\s+(?:\w+ly\s+)?(?:have|need)\s+to\b", re.I)
_HYPOTHETICAL = re.compile(
    # "likely/possible" hedge a clause ("it is possible that", "likely to"), not a noun they
    # describe ("a report on possible collusion")
    r"\b(?:could|might|may|would|should|if|unless|(?:un)?likely(?=\s+(?:that|to)\b)|"
    r"possible(?=\s+(?:that|to|for)\b)|"
    r"possibly|perhaps|whether|hope|hopes|hoped|hoping|want|wants|wanted|seek|seeks|sought|try|tries|tried|"
    r"trying|able to|ready to|willing to|prepared to|no alternative|"
    r"in\s+the\s+(?:\w+\s+)?event\s+(?:that|of)|"  # "in the unlikely event that"
    # "Hopefully Brexit will not be the last", "We need a government that will control …"
    r"hopefully|need(?:s|ed)?\s+(?:a|an)\s|"
    # "it makes it harder for remainer politicians to sabotage Brexit": made harder, not done
    r"(?:harder|easier|difficult|impossible)\s+for\s|"
    # "there is speculation that the government will begin a campaign": talk, not fact
    r"speculation\s+(?:that|about)|rumou?rs?\s+that|speculat(?:e|es|ed|ing)\s+that|"
    # "In one scenario forecast by Sir Charles Walker, May will be forced to call …"
    r"scenarios?|forecast\s+by|assuming|supposing|"
    # "a belief that he supports Brexit": someone's view, not a fact
    r"(?:belief|notion|idea|assumption|perception|impression|suspicion|fears?)\s+that|"
    # a condition by inversion: "had he decided to pass judgement", "were they to attack"
    r"(?:had|were|should)\s+(?:he|she|they|we|you|it)\s+(?:\w+ed|to))\b",
    re.I,
)
#: "Guyger can appeal her firing", "she can't fire her": an act someone is able (or not able)
#: to do, not one done; only between the clause's subject and its verb ("… can be seen in the
#: fact that men are being abducted" reports the abductions).
_CAN = re.compile(r"\b(?:can|cannot|can['’]t)\b", re.I)
#: Words by which a text attributes an act without asserting it (an evidential, not a fact).
_ALLEGED = re.compile(
    r"\b(?:allegedly|alleged|reportedly|purportedly|supposedly|suspected|apparent|apparently|"
    r"(?:is|are|was|were) (?:said|believed|thought|understood) to)\b",
    re.I,
)
#: Verbs whose complement is a claim ("claimed that Kyiv had shelled …", "accused of killing").
_ALLEGING = {"claim", "allege", "accuse", "suspect", "rumour", "rumor", "charge"}
#: Verbs whose complement did not, will, or may not happen ("refused to comply", "are to
#: meet", "wants Syria to lift").
_NEGATING = {
    "refuse", "fail", "decline", "reject", "deny", "stop", "cease", "avoid",
    "unwilling", "unable", "reluctant", "loath", "hesitant",  # "was unwilling to meet"
}  # fmt: skip
_INTENDING = {
    "be", "plan", "intend", "agree", "promise", "pledge", "vow", "decide", "prepare",
    "schedule", "expect", "set", "aim", "commit",
}  # fmt: skip
#: Verbs that say an intent by themselves: CAMEO's intent codes (03x) stand on them in any tense.
_INTENT_VERBS = _INTENDING | {
    "offer", "propose", "express", "undertake", "guarantee", "volunteer", "announce", "signal",
}  # fmt: skip
#: Verbs that announce what someone will do: a "would" under them is reported future, as under
#: "said" ("announced it would prohibit all aid").
_DECLARING = {
    "announce", "declare", "warn", "promise", "pledge", "vow", "confirm", "insist", "threaten",
    "decide", "indicate", "signal", "write",
}  # fmt: skip
#: Verbs of accepting: negated, they refuse (PLOVER REJECT).
_ACCEPTING = {
    "accept", "recognise", "recognize", "agree", "allow", "approve", "endorse", "ratify",
    "permit", "comply", "cooperate", "acknowledge", "back", "support",
}  # fmt: skip
#: Verbs by which the police report their own arrests ("confirmed that a man was arrested").
_POLICE_REPORTING = REPORTING | {"confirm", "announce", "say"}
#: A subject that is an act ("overthrowing Assad"): whoever it names is not the actor.
_GERUND_SUBJECT = re.compile(
    r"^[a-z]+ing\s+(?:[A-Z]|(?:the|a|an|his|her|its|their|this|these|those|our|my)\s)"
)
#: "unable to back their leader": the act is denied, as by a negation.
_UNABLE = re.compile(r"\b(?:unable|not\s+able)\s+to\s+$", re.I)
_WISHING = {
    "want", "seek", "try", "hope", "wish", "propose", "consider", "offer", "ask", "urge",
    "call", "demand", "threaten", "need", "like", "prefer",
}  # fmt: skip
#: Two or more capitalised words and nothing else ("Theresa May", not "GENEVA, May 4").
_NAME_WORDS = re.compile(rf"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:{NAME_JOINER}\s+)?[A-Z][\w.'’-]*)+")
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b")
#: Role nouns that end a title before a name ("National Security Adviser Michael Flynn").
_ROLE_NOUNS = (
    r"(?:advis[eo]r|secretary|minister|spokes(?:man|woman|person)|director|chief|head|"
    r"ambassador|envoy|chair(?:man|woman)?|president|leader|official|aide|commissioner|"
    r"counsel|correspondent|editor|reporter|governor|speaker|whip|nominee|candidate|justice|"
    r"judge)"
)
#: A preposition before an actor's mention, with an article, or with a title between them
#: ("hitting out at leader Jeremy Corbyn").
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|to|against|on|from|for|into|toward|towards|at|over|by|upon)\s+"
    rf"(?:the\s+|a\s+|an\s+|(?:(?:the|his|her|their|its|party)\s+)?(?:[\w-]+\s+)?{_ROLE_NOUNS}\s+)?$",
    re.I,
)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across|into)\s+(?:the\s+)?$", re.I)
#: Words of a clause that name a PLOVER mode.
_MODE_WORDS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "CONSULT": (
        (re.compile(r"\b(?:tele)?phone|\bcall\b|\bvideo ?conference", re.I), "phone"),
        (re.compile(r"\bvisit", re.I), "visit"),
        (re.compile(r"\bmediat|\bbrokered|\bhosted talks", re.I), "third-party"),
        (re.compile(r"\bsummit|\bconference|\bmultilateral", re.I), "multilateral"),
    ),
}


#: Commands of discourse, not of politics ("Take for example …", "Look at …").
#: Acts of reading and thinking: "should read my blogs" asks for no political act.
_READING = {
    "read", "look", "think", "consider", "imagine", "remember", "note", "listen", "watch",
    "see", "learn", "check", "compare", "recall", "follow",
}  # fmt: skip
_LIGHT_COMMANDS = _READING | {
    "take", "subscribe", "share", "get", "go", "come", "make", "keep",
    # page chrome: "Find out more", "Click here"
    "find", "click", "download", "tap", "scroll",
}  # fmt: skip


_AUTO = object()


class EventCoder:
    """Codes the events of analysed articles (language and quotes stages done).

    ``classifier``: the sentence classifier (:mod:`chronist.events.classifier`); by default the
    packaged one when its model is installed, ``None`` for the lexicon alone.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        classifier: object = _AUTO,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        #: Names the entity recogniser missed are looked up here (the run's ``--kb`` files).
        self.kb = kb or KnowledgeBase.default()
        self.classifier: EventClassifier | None = (
            load_classifier() if classifier is _AUTO else classifier  # type: ignore[assignment]
        )

    def code(self, article: Article) -> list[Event]:
        """The events of one article, one record per event, mentions merged. An article in
        another language than English has none: the lexicon, the parse and the classifier are
        English, and on other text they code noise."""
        return self.code_many([article])[0]

    def code_many(self, articles: list[Article]) -> list[list[Event]]:
        """The events of each article, as :meth:`code` finds them. The classifier reads the
        sentences of all the articles in one call: batched by length across articles, they
        pad far less than one article's sentences do (on news, 1.1 against 2.3 times the
        word pieces), and the encoder's time follows the padded length."""
        runs = [self._coding(article) for article in articles]
        results: list[list[Event]] = [[] for _ in articles]
        asked: list[tuple[int, list[str], list[int]]] = []
        for n, run in enumerate(runs):
            try:
                texts, classes = next(run)
                asked.append((n, texts, classes))
            except StopIteration as stop:
                results[n] = stop.value
        if asked:
            assert self.classifier is not None  # only the classifier's step asks
            predictions = self.classifier.predict(
                [t for _, texts, _ in asked for t in texts], [c for *_, cs in asked for c in cs]
            )
            offset = 0
            for n, texts, _ in asked:
                try:
                    runs[n].send(predictions[offset : offset + len(texts)])
                except StopIteration as stop:
                    results[n] = stop.value
                offset += len(texts)
        return results

    def _coding(
        self, article: Article
    ) -> Generator[tuple[list[str], list[int]], list[Prediction], list[Event]]:
        """:meth:`code` as a generator: it yields the sentences (and lexicon classes) it
        wants the classifier to read, once, is sent the predictions, and returns the events."""
        if not article.in_english():
            return []
        coded: dict[int, tuple[Clause, Event]] = {}
        for clause in article.clauses:
            if clause.get("imperative"):
                # "Release the report!" in a senator's post: the senator's demand of an act
                # the lexicon knows ("Take for example …" asks for none); a command in the
                # writer's own voice is no event
                entry = self._entry(article, clause)
                # a news verb's words that are no event of their own may still be an act to
                # demand ("Release the Mueller report"); a bare verb that names none may not
                bare_none = entry is not None and entry.type == "-" and not entry.after
                if entry is None or bare_none or clause["lemma"] in _LIGHT_COMMANDS:
                    continue
                event = self._demand(article, clause)
                if event is not None:
                    coded[clause["verb"]["start"]] = (clause, event)
                continue
            if _demanded(article, clause):
                # "Barr must release the report": the act is demanded, not done; it is the
                # demand of the quote's speaker, if the text says whose words these are.
                event = self._demand(article, clause)
                if event is not None:
                    coded[clause["verb"]["start"]] = (clause, event)
                continue
            if _asked_to(article, clause):
                continue  # "Mueller was not told to investigate …": asked for, not done
            event = self._event(article, clause)
            if event is not None and not _reports_an_act(article, clause, event):
                coded[clause["verb"]["start"]] = (clause, event)
                blame = self._blame(article, clause, event)
                if blame is not None:
                    coded[blame[0]["verb"]["start"]] = blame
        found = [
            event
            for clause, event in coded.values()
            # "agreed to send troops" is one AGREE, "refused to comply" one REJECT: the clause
            # under a coded verb is that event's content, not an event of its own.
            if not (clause["governor"] and clause["governor"]["start"] in coded)
        ]
        if self.classifier is not None:
            found = yield from self._classify(article, found)
        for event in found:
            # a demand's participants are the speaker and the one addressed, not the head's
            fixed = event.pop("_demand", None)  # type: ignore[misc]
            if fixed is not None:
                event["actors"], event["recipients"] = fixed
                event["type"] = "REQUEST"
        clauses = {clause["verb"]["start"]: clause for clause in article.clauses}
        found = [
            event
            for event in found
            if trusted(
                article,
                event,
                clauses.get(event["trigger"]["start"]),
                # a type from a bare verb or from the classifier, not from a pattern's words
                event.pop("_bare", True) or event["method"] != "lexicon",  # type: ignore[misc]
                confirmed=event.pop("_confirmed", False),  # type: ignore[misc]
            )
        ]
        for event in found:
            event["recipients"] = _with_examples(article, event["recipients"])
            for participant in event["actors"] + event["recipients"]:
                if participant["actor"] is None:
                    with_place_country(article, participant, self.kb)
            with_own_forces(event)
            # Nobody acts on themselves in a political event: "the UN had partnered with …",
            # where the parse or the head also put the UN among the recipients.
            own = {p["actor"] for p in event["actors"] if p["actor"]}
            event["recipients"] = [p for p in event["recipients"] if p["actor"] not in own]
            clause = clauses.get(event["trigger"]["start"])
            lemma = clause["lemma"] if clause else event["trigger"]["text"].lower()
            with_implied_home(article, event, lemma, self.kb)
        return _merge(found)

    def _classify(
        self, article: Article, found: list[Event]
    ) -> Generator[tuple[list[str], list[int]], list[Prediction], list[Event]]:
        """Let the sentence classifier confirm, retype, drop or add events.

        Per sentence with a clause whose subject is a participant: the class head (which also
        sees the lexicon's best event) decides the CAMEO class. Events of another class are
        retyped to that class's likeliest type (``method: "lexicon+classifier"``); a sentence it
        calls neutral with high probability keeps only appeals; a sentence with no lexicon
        event but a confident class gets one on its main clause (``method: "classifier"``).
        """
        by_sentence: dict[int, list[Event]] = {}
        for event in found:
            by_sentence.setdefault(event["sentence"]["start"], []).append(event)
        candidates: list[tuple[Span, Clause | None]] = []
        for sentence in article.sentences:
            events = by_sentence.get(sentence["start"], [])
            main = None if events else self._main_clause(article, sentence, root=True)
            if events or main is not None:
                span: Span = {
                    "start": sentence["start"],
                    "end": sentence["end"],
                    "text": article.body[sentence["start"] : sentence["end"]],
                }
                candidates.append((span, main))
        if not candidates:
            return found
        lexicon_classes = [best_class(by_sentence.get(span["start"], [])) for span, _ in candidates]
        predictions = yield [s["text"] for s, _ in candidates], lexicon_classes
        kept: list[Event] = []
        for (span, main), lexicon_class, guess in zip(
            candidates, lexicon_classes, predictions, strict=True
        ):
            events = by_sentence.get(span["start"], [])
            if not guess.in_domain:
                # Outside the heads' training domain their class is not trusted; the token
                # head's spans still name the participants.
                tagged_participants(article, events, guess.spans, span["start"], self.kb)
                kept.extend(events)
            elif events:
                # A pattern match with a resolved actor (confidence >= SURE) is not dropped,
                # and is retyped only when the classifier is as sure of another class. An
                # event the sentence calls unlikely or denies is never retyped: the sentence's
                # tone is not its type ("It is unlikely that … will reach an agreement").
                if guess.event_class == 0 and guess.class_probability >= NEUTRAL_DROP:
                    events = [
                        e
                        for e in events
                        if e["confidence"] >= SURE or event_class(e["type"], e["cameo"]) == 0
                    ]
                elif guess.event_class not in (0, lexicon_class):
                    # The class is the principal event's. An unsure event in a clause of its
                    # own beside it goes ("… after an air strike on a building where the
                    # terrorists were holding a meeting"), as it would under a neutral class.
                    central = [e for e in events if in_main_clause(article, e)] or events
                    events = [
                        e for e in events if e["confidence"] >= SURE or any(e is c for c in central)
                    ]
                    for event in events:
                        _reclassify(event, guess)
                for event in events:
                    # the heads, in their domain, read this sentence as of the event's class
                    event["_confirmed"] = (  # type: ignore[typeddict-unknown-key]
                        event_class(event["type"], event["cameo"]) == guess.event_class
                    )
                tagged_participants(article, events, guess.spans, span["start"], self.kb)
                kept.extend(events)
            elif guess.event_class != 0 and guess.class_probability >= ADD_EVENT and main:
                event = self._event(article, main, guess.best_type(guess.event_class))
                # The classifier adds no event to a "would/may/could" sentence (an opinion).
                if event is not None and not event["modality"]["hypothetical"]:
                    event["method"] = "classifier"
                    event["cameo"] = None
                    event["confidence"] = round(0.7 * guess.class_probability, 2)
                    tagged_participants(article, [event], guess.spans, span["start"], self.kb)
                    if event["actors"] or event["recipients"]:
                        kept.append(event)
        decided = {span["start"] for span, _ in candidates}
        kept.extend(e for e in found if e["sentence"]["start"] not in decided)
        return kept

    def _main_clause(
        self, article: Article, sentence: Sentence, root: bool = False
    ) -> Clause | None:
        """The first clause of the sentence whose subject is a participant, else the first
        main clause with a named recipient; with ``root``, else the first main clause (its
        participants may still come from the classifier's token head). A clause that only
        reports ("…, Defence Minister Pierre Joxe said") gives way to the clause it reports."""
        inside = [
            clause
            for clause in article.clauses
            if sentence["start"] <= clause["verb"]["start"] < sentence["end"]
        ]
        chosen = None
        for clause in inside:
            if clause["governor"] is None and self._participants(article, clause["subject"]):
                chosen = clause
                break
        if chosen is None:  # else the first main clause with a named recipient
            for clause in inside:
                if clause["governor"] is not None:
                    continue
                if clause["passive"] and self._participants(article, clause["subject"]):
                    chosen = clause
                    break
                if clause["object"] and self._participants(article, clause["object"]):
                    chosen = clause
                    break
        if chosen is None and root:
            chosen = next((c for c in inside if c["governor"] is None), None)
        if chosen is not None and chosen["lemma"] in REPORTING:
            start = chosen["verb"]["start"]
            reported = [
                c
                for c in inside
                if c["governor"] is not None
                and c["governor"]["start"] == start
                and not _asked_to(article, c)  # "was told to investigate": asked, not said
            ]
            if reported:
                return reported[0]
        return chosen

    # -- one clause ---------------------------------------------------------------------------

    def _blame(self, article: Article, clause: Clause, event: Event) -> tuple[Clause, Event] | None:
        """A warning or claim that someone's deal or plan does harm is a criticism of its
        owners: "a former head of MI6 has warned that Prime Minister Theresa May’s Brexit deal
        with the EU threatens British national security" is an ACCUSE by the former head of
        Theresa May and the EU. The harm itself, with a thing as its subject, is no event
        (the trust gate drops it); the speaker's verb carries the accusation."""
        governor = clause["governor"]
        if (
            governor is None
            or governor["lemma"] not in _BLAMING
            or event_class(event["type"], event["cameo"]) not in (3, 4)
            or not thing_acts(article.body, clause)
        ):
            return None
        speaking = _governing_clause(article, clause)
        if speaking is None or speaking["negated"]:
            return None
        owners = self._participants(article, clause["subject"], clause["subject_head"])
        blame = self._event(article, speaking, forced="ACCUSE")
        if blame is not None and not blame["actors"]:
            # "A former head of British intelligence agency MI6 has warned that …": the
            # description names no one here, but the quotes stage knows whose words these are
            spoken = _speaker_at(article, clause["verb"]["start"])
            if spoken is not None:
                quote, speaker = spoken
                mention = quote["speaker_mention"] or speaker["mentions"][0]
                blame["actors"] = [actor_participant(speaker, mention)]
        if blame is None or not blame["actors"] or not any(p["actor"] for p in owners):
            return None
        blame["type"], blame["cameo"] = "ACCUSE", None
        blame["recipients"] = [p for p in owners if p["actor"]]
        return speaking, blame

    def _demand(self, article: Article, clause: Clause) -> Event | None:
        """A REQUEST by the speaker of the quote (or reported speech) that holds a clause of
        "must"/"should"/"needs to": "Attorney General Barr must release the full report",
        tweeted by a senator, is the senator's demand of Barr. The demanded act is not coded;
        in the writer's own voice a "must" is an opinion, no event."""
        spoken = _speaker_at(article, clause["verb"]["start"])
        if spoken is None:
            return None
        if _asks_no_one(article, clause):
            return None
        quote, speaker = spoken
        event = self._event(article, clause, forced="REQUEST", demand=True)
        if event is None:
            return None
        mention = quote["speaker_mention"] or speaker["mentions"][0]
        demanded = event["recipients"] if clause["passive"] else event["actors"]
        event["actors"] = [actor_participant(speaker, mention)]
        event["recipients"] = [p for p in demanded if p["actor"] != speaker["id"]]
        event["modality"] = {**event["modality"], "hypothetical": False, "future": False}
        event["reported_by"] = _reporter([quote], clause["verb"]["start"])
        event["method"] = "lexicon"
        event["cameo"] = ""
        event["confidence"] = _confidence(
            Entry(cameo="", type="REQUEST"),
            event["actors"],
            event["recipients"],
            event["modality"],
            True,  # the modal's words ("must", "should") name the demand, as a pattern's do
        )
        event["_demand"] = (list(event["actors"]), list(event["recipients"]))  # type: ignore[typeddict-unknown-key]
        event["_bare"] = False  # type: ignore[typeddict-unknown-key]  # the modal's words name it
        return event

    def _entry(self, article: Article, clause: Clause) -> Entry | None:
        """The lexicon's entry for the clause's verb and the words around it."""
        body = article.body
        verb, extent = clause["verb"], clause["extent"]
        after = body[verb["end"] : extent["end"]].lower()
        before = body[extent["start"] : verb["start"]].lower()
        particle_match = re.match(r"\s*(\w+)", after)
        entry = self.lexicon.match(
            clause["lemma"], after, before, particle_match.group(1) if particle_match else None
        )
        if (
            entry is not None
            and entry.type == "ASSAULT"
            and clause["lemma"] in _VERBAL_ATTACKS
            and (
                clause["object"] is not None
                and ends_in_a_thing(
                    re.split(r"\s*[,;(]|\s+(?:which|that|of)\b", clause["object"]["text"])[0]
                )
                or _WITH_WORDS.match(after)
            )
        ):
            # "Mr Dodds again attacked the proposed Irish border backstop": words against a
            # proposal, not a blow; "assailed me with a tone of reproach": words too
            return Entry(cameo="", type="ACCUSE")
        return entry

    def _event(
        self, article: Article, clause: Clause, forced: str | None = None, demand: bool = False
    ) -> Event | None:
        if not demand and _demanded(article, clause):
            return None  # a demanded act is not done (see _demand)
        body = article.body
        verb = clause["verb"]
        extent = clause["extent"]
        entry = self._entry(article, clause)
        if (
            forced is not None
            and not demand
            and entry is not None
            and entry.type == "-"
            and entry.after
        ):
            # a pattern of the news table that names no event ("defended his remarks"): the
            # classifier adds none on it either
            return None
        # A classifier-forced type yields to the lexicon's entry for the verb when that is of
        # the same class ("Ethopia has agreed to re-open its borders": AGREE, not CONSULT).
        if forced is not None and (
            entry is None
            or entry.type == "-"  # "urged them to decide": the demand is coded, not the verb
            or event_class(entry.type, entry.cameo) != TYPE_CLASS[forced]
        ):
            entry = Entry(cameo="", type=forced, mode=None, context=None, before=(), after=(),
                          particle=None)  # fmt: skip
        if (
            forced is None
            and clause["lemma"] in LABELLING_VERBS
            and calls_names(body[verb["end"] : extent["end"]])
        ):
            # "calling her a “traitor”", "describing him as a dimwitted duke": a public
            # accusation, whatever the dictionary says of the bare verb (see events/labels.py)
            entry = Entry(cameo="111", type="ACCUSE", mode="disapprove", after=("slur",))
        if (
            forced is None
            and clause["lemma"] in REBUTTING_VERBS
            and not clause["negated"]
            and rebuts(body[verb["end"] : sentence_span(article, verb["start"])["end"]])
        ):
            # "told Sky that the claim … is completely wrong": the claim is rejected
            entry = Entry(cameo="", type="REJECT", mode=None, after=("claim",))
        if entry is None and clause["negated"] and clause["lemma"] in _ACCEPTING:
            # "will never accept the annexation": a refusal even where the dictionary has no
            # entry for the bare verb
            entry = Entry(cameo="", type="REJECT")
        if entry is None or entry.type == "-":  # "-": a news verb's words that name no event
            return None
        subject = clause["subject"]
        if (
            not demand
            and not clause["passive"]
            and _FOR_SUBJECT.search(body, max(0, subject["start"] - 4), subject["start"])
            and _TO_VERB.fullmatch(body, subject["end"], verb["start"])
        ):
            # "is desperate for Britain to reconsider Brexit", "it is time for Russia to
            # withdraw": wanted or needed, not done
            return None
        kind = event_type(entry.type)
        sentence = sentence_span(article, verb["start"])
        received = False  # a verb of receiving: the subject is the recipient
        # Who acts and who receives; in a passive the agent acts on the subject.
        if clause["passive"]:
            actors = self._participants(article, clause["agent"]) if clause["agent"] else []
            recipients = self._participants(article, clause["subject"])
            if not actors and kind.name == "COERCE":
                actors = self._reporting_police(article, clause)
        else:
            subject = clause["subject"]
            if subject["text"].lower() in ("who", "which", "that"):
                subject = clause["subject_head"]  # "rebels, who refused …": the rebels
            actors = (
                []  # "overthrowing Assad will empower …": the act is the subject, not Assad
                if _GERUND_SUBJECT.match(subject["text"])
                else self._participants(article, subject, clause["subject_head"])
            )
            recipients = (
                self._participants(article, clause["object"], phrase_head(clause["object"]))
                if clause["object"]
                else []
            )
            # nobody in the subject receives ("May and her allies have been pushing back")
            subject_span = clause["subject"]
            recipients = [
                p
                for p in recipients
                if not in_span(p["mention"]["start"], p["mention"]["end"], subject_span)
            ]
            if not recipients:
                recipients = self._prepositional(article, clause, actors)
            if not recipients and kind.name == "ACCUSE" and clause["object"]:
                recipients = _criticised(article, clause["object"], actors)
            if clause["lemma"] in RECEIVING and kind.name in ("AID", "SUPPORT"):
                # "won the backing of MPs", "received weapons from the US": whoever gives
                # acts, the subject receives
                actors, recipients = givers(article, clause, actors, self._participants), actors
                received = bool(recipients)
        if kind.name in REACTIONS and not demand:
            # a demand's addressee is not the owner of what it asks for ("Mueller's findings
            # must be provided to Congress" asks the Attorney General, not Mueller);
            # "praised the judge's decision", "defied a court order", "rejected her plan to take
            # Britain out of the EU": whose act it was, not what it is about
            target = clause["subject"] if clause["passive"] else clause["object"]
            deed = target is not None and DEED_PHRASE.match(body, target["start"], target["end"])
            if deed or not any(p["actor"] for p in recipients):
                owned = owner(article, clause, actors, self.kb)
                if owned and (deed or all(OWNED_DEED.search(p["name"]) for p in recipients)):
                    recipients = owned
        if not actors and not (forced or (clause["passive"] or received) and recipients):
            # Nobody a reader could code ("the fall of Aleppo will not mean …"). A passive with
            # no agent keeps its recipient ("Eklund was arrested"); a classified event may
            # still get its participants from the token head, and is dropped when it gets none.
            return None
        modality = self._modality(article, clause, sentence)
        date, date_source, date_text = self._date(article, clause, sentence)
        modality = self._date_modality(article, modality, date)
        if entry.cameo.startswith("03") and not _intended(clause, modality):
            # CAMEO 03x is an intent ("expressed intent to meet"). The pattern's verb done in
            # the past is the act itself ("met with the leaders": a meeting, CONSULT) or no
            # event at all ("voted in favour", "ensured").
            if entry.cameo != "036":
                return None
            kind = event_type("CONSULT")
        if modality["negated"] and clause["lemma"] in _ACCEPTING:
            # "will never accept the annexation", "does not recognise the vote": a refusal
            kind = event_type("REJECT")
            modality = {**modality, "negated": False}
        if kind.name in _PROMISABLE and _promised(article, clause, sentence, modality):
            kind = event_type("AGREE")
        elif kind.name in _THREATENABLE and _promised(article, clause, sentence, modality):
            kind = event_type("THREATEN")
        evidence_start = min(extent["start"], clause["subject"]["start"])
        evidence_end = max(extent["end"], verb["end"])
        # words naming a mode ("telephone" → CONSULT phone) beat the pattern's own mode
        worded_mode = _worded_mode(kind.name, body[evidence_start:evidence_end])
        event: Event = {
            "id": "",
            "type": kind.name,
            "mode": worded_mode or normalise_mode(kind.name, entry.mode),
            "quad": kind.quad,
            "score": kind.score,
            "actors": actors,
            "recipients": recipients,
            "date": date,
            "date_source": date_source,
            "date_text": date_text,
            "location": self._location(article, clause),
            "modality": modality,
            "reported_by": _reporter(article.quotes, verb["start"]),
            "trigger": verb,
            "sentence": sentence,
            "text": body[evidence_start:evidence_end],
            "start": evidence_start,
            "end": evidence_end,
            "mentions": [
                {
                    "start": evidence_start,
                    "end": evidence_end,
                    "text": body[evidence_start:evidence_end],
                }
            ],
            "cameo": entry.cameo,
            "method": "lexicon",
            "confidence": _confidence(
                entry, actors, recipients, modality, worded_mode or _unambiguous(entry, clause)
            ),
        }
        # a phrasal verb is a pattern, not the bare verb ("pushed back on" is no "push"); a
        # preposition is not enough ("go to", "ask for")
        phrasal = entry.particle in _ADVERB_PARTICLES
        event["_bare"] = not (_worded(entry) or phrasal)  # type: ignore[typeddict-unknown-key]
        return event

    def _reporting_police(self, article: Article, clause: Clause) -> list[Participant]:
        """The police who report an arrest they made: "The Met has confirmed that a man in his
        30s was arrested", "police said two men were detained". The agentless passive's
        actor is the force whose words these are; any other reporter is not."""
        reporting = _governing_clause(article, clause)
        if reporting is None or reporting["lemma"] not in _POLICE_REPORTING:
            return []
        found = self._participants(article, reporting["subject"], reporting["subject_head"])
        return [p for p in found if p["sector"] == "COP"]

    def _participants(
        self, article: Article, span: Span | None, head: Span | None = None
    ) -> list[Participant]:
        """The actors named in ``span`` (every one of a compound), else its head words. A
        single actor named inside ``head`` (the phrase's head with its title words) before any
        prepositional phrase rests on the whole of that: "Kenyan President Daniel Arap Moi",
        not only the name; in "talks in Jerusalem with Benjamin Netanyahu" the actor is
        Netanyahu, not the talks."""
        if span is None:
            return []
        found: list[Participant] = []
        seen: set[str] = set()
        about: dict | None = None  # the first actor the phrase is about, not headed by
        for actor in article.actors:
            for mention in actor["mentions"]:
                if (
                    in_span(mention["start"], mention["end"], span)
                    and actor["id"] not in seen
                    and not in_dateline(article, mention["start"])
                ):
                    # Only mentions that head the phrase or join it by "and"/",": not "the
                    # people of Aleppo"'s Aleppo, which the phrase is about.
                    if _BACKED.match(article.body, mention["end"]):
                        break  # "US-backed rebels": neither the actor nor its country
                    if not is_modifier(article.body, span, mention):
                        seen.add(actor["id"])
                        found.append(actor_participant(actor, mention))
                    elif about is None:
                        about = actor
                    break
        if found:
            found.sort(key=lambda p: p["mention"]["start"])
            found = _named_person_only(article, found)
            if len(found) == 1 and head is not None and head["text"]:
                mention = found[0]["mention"]
                core = before_preposition(head)
                if in_span(mention["start"], mention["end"], core):
                    found[0]["mention"] = dict(core)  # type: ignore[typeddict-item]
            return found
        words = span["text"].strip()
        if words.lower() in ("i", "me"):
            # "I call on the administration to …" inside someone's quote: the speaker
            spoken = _speaker_at(article, span["start"])
            if spoken is not None and spoken[0]["kind"] == "direct":
                return [actor_participant(spoken[1], span)]
        if words.lower() in PRONOUNS:
            spoken = _speaker_at(article, span["start"])
            if (
                spoken is not None
                and spoken[0]["kind"] == "indirect"
                and _PRONOUN_KINDS.get(words.lower()) == (spoken[1]["kind"] == "person")
                and not article.body[spoken[0]["start"] : span["start"]].strip(' "“')
            ):
                # "Whataburger told Fox News that it is cooperating": the reported clause's
                # opening pronoun is its speaker, where the kinds agree
                return [actor_participant(spoken[1], span)]
            actor_id = resolve_pronoun(article, span["start"], words)
            actor = next((a for a in article.actors if a["id"] == actor_id), None)
            if actor is not None:
                return [actor_participant(actor, span)]
        # A phrase no actor covers is a participant only when its own head (before any
        # "of/in/…" phrase) names someone: "Syrian rebels", not "the cooperation in Syria".
        if not words or len(words.split()) > 8:
            return []
        # A name of two or more words the entity recogniser missed counts too ("Theresa May
        # will hold talks"); one capitalised word may be a pronoun, a dateline or an adjective.
        missed_name = bool(_NAME_WORDS.fullmatch(words)) and proper_name(article, span)
        if not (names_someone(article, span, head) or missed_name):
            return []  # "its military operation" is what was done, not who it was done to
        if missed_name and (known := _titled_person(article, words)) is not None:
            return [actor_participant(known, span)]  # "Officer Amber Guyger", tagged nothing
        participant = unresolved_participant(words, span, self.kb)
        if participant["country"] is None and about is not None:
            # "Negotiators from Riverton", "the son of Vladimir Filat": not that actor, but of
            # its country
            participant["country"] = about["country"]
        return [participant]

    def _prepositional(
        self, article: Article, clause: Clause, actors: list[Participant]
    ) -> list[Participant]:
        """Actors after the verb in its own phrases ("talks with Washington", "opened
        corridors into eastern Aleppo"), before any clause it governs."""
        body = article.body
        verb = clause["verb"]
        stop = after_verb_end(article, clause)
        taken = {p["actor"] for p in actors}
        found: list[Participant] = []
        for actor in article.actors:
            if actor["id"] in taken:
                continue
            for mention in actor["mentions"]:
                if verb["end"] <= mention["start"] and mention["end"] <= stop:
                    lead = body[max(verb["end"], mention["start"] - 30) : mention["start"]]
                    if _PREPOSITION_BEFORE.search(lead):
                        person = actor_participant(actor, mention)
                        det = re.search(r"\b(?:the|its|their|his|her)\s+$", lead, re.I)
                        if det:  # "talks with the United Nations": the whole noun phrase
                            start = mention["start"] - len(det.group())
                            person["mention"] = {
                                "start": start,
                                "end": mention["end"],
                                "text": body[start : mention["end"]],
                            }
                        found.append(person)
                        break
        # Places and names no actor covers: "visited Beijing", "sent troops to Liberia".
        covered = [(p["mention"]["start"], p["mention"]["end"]) for p in actors + found]
        for entity in article.entities:
            if entity["label"] not in ("GPE", "ORG", "NORP", "PERSON") or entity["actor"]:
                continue
            if not (verb["end"] <= entity["start"] and entity["end"] <= stop):
                continue
            if any(a < entity["end"] and entity["start"] < b for a, b in covered):
                continue
            if _BACKED.match(body, entity["end"]):
                continue  # "American-style primaries", "US-backed rebels": no one named
            lead = body[max(verb["end"], entity["start"] - 30) : entity["start"]]
            if _PREPOSITION_BEFORE.search(lead):
                mention: Span = {
                    "start": entity["start"],
                    "end": entity["end"],
                    "text": entity["text"],
                }
                found.append(unresolved_participant(entity["text"], mention, self.kb))
        found.sort(key=lambda p: p["mention"]["start"])
        return found[:3]

    def _modality(self, article: Article, clause: Clause, sentence: Span) -> Modality:
        body = article.body
        verb = clause["verb"]
        head = body[max(sentence["start"], clause["subject"]["start"]) : verb["start"]]
        lead = body[sentence["start"] : verb["start"]]
        governor = (clause["governor"] or {}).get("lemma", "")
        # A capitalised word inside the sentence is a name or a month ("Theresa May", "in
        # May"), not a modal.
        subject = clause["subject"]
        doubts = {
            m.group(0).lower()
            for m in _HYPOTHETICAL.finditer(lead)
            if (m.start() == 0 or not m.group(0)[0].isupper())
            # "May arrives for talks": the subject is no modal
            and not (
                m.group(0) == "May"
                and subject["start"] <= sentence["start"] + m.start() < subject["end"]
            )
        }
        # "Iraq said it would allow …": a reported "will", not a condition
        reported_will = doubts == {"would"} and (governor in REPORTING or governor in _DECLARING)
        return {
            "negated": clause["negated"]
            or governor in _NEGATING
            or _governor_negated(article, clause)
            or bool(_UNABLE.search(body[max(0, verb["start"] - 20) : verb["start"]]))
            or bool(_NEVER_FRONTED.search(lead)),
            "future": bool(_FUTURE.search(head))
            or _future_tense(body, verb)
            or governor in _INTENDING
            or reported_will,
            "hypothetical": (bool(doubts) and not reported_will)
            or governor in _WISHING
            or bool(_CAN.search(head)),
            "historical": False,
            "alleged": bool(_ALLEGED.search(lead)) or governor in _ALLEGING,
        }

    def _date(
        self, article: Article, clause: Clause, sentence: Span
    ) -> tuple[str | None, str, Span | None]:
        """The clause's own time expression, else its sentence's, else the article's date."""
        extent = clause["extent"]
        best: TimeExpression | None = None
        for item in article.dates:
            if not item.get("value") or item.get("precision") == "duration":
                continue
            if in_span(item["start"], item["end"], extent):
                best = item
                break
            if best is None and in_span(item["start"], item["end"], sentence):
                best = item
        if best is not None:
            text: Span = {"start": best["start"], "end": best["end"], "text": best["text"]}
            return best["value"], "sentence", text
        anchor = article.published or article.published_after
        if anchor:
            return anchor[:10], "article", None
        return None, "none", None

    def _date_modality(self, article: Article, modality: Modality, date: str | None) -> Modality:
        anchor = article.published or article.published_after
        if not date or not anchor or "/" in anchor:
            return modality
        first = date.split("/")[0]
        if first[:4].isdigit() and anchor[:4].isdigit():
            if int(first[:4]) <= int(anchor[:4]) - 1 and first[:7] < anchor[:7]:
                modality = {**modality, "historical": True}
            elif first[: len(anchor[:10])] > anchor[:10] and len(first) >= 7:
                modality = {**modality, "future": True}
        return modality

    def _location(self, article: Article, clause: Clause) -> EventPlace | None:
        """A place after "in/at/near" among the verb's own phrases, not inside what it governs
        ("discussed the conflict in Syria" did not happen in Syria)."""
        body = article.body
        extent = clause["extent"]
        inner = [clause["object"], clause["complement"], clause["subject"]]
        for place in article.places:
            for mention in place["mentions"]:
                if not in_span(mention["start"], mention["end"], extent):
                    continue
                if any(in_span(mention["start"], mention["end"], part) for part in inner):
                    continue
                if _PLACE_BEFORE.search(body[max(0, mention["start"] - 20) : mention["start"]]):
                    return {
                        "name": place["name"],
                        "geonameid": place["geonameid"],
                        "country_code": place["country_code"],
                        "lat": place["lat"],
                        "lon": place["lon"],
                        "mention": mention,
                    }
        return None


def _titled_person(article: Article, words: str) -> Actor | None:
    """The one person of the article whose full name ends a capitalised phrase the entity
    recogniser left untagged ("Officer Amber Guyger" where "Amber Guyger" is named
    elsewhere)."""
    found = [
        actor
        for actor in article.actors
        if actor["kind"] == "person"
        and len(actor["name"].split()) > 1
        and (words == actor["name"] or words.endswith(" " + actor["name"]))
    ]
    return found[0] if len(found) == 1 else None


def _reclassify(event: Event, guess: Prediction) -> None:
    """Bring an event of another class than the classifier's into its class, where the rules
    allow. An event the sentence calls unlikely is retyped only when the classifier is sure:
    the sentence's tone is not its type ("It is unlikely that … will reach an agreement"), but
    "Norway is willing to send material to help defend Saudi Arabia" is no ASSAULT. A denied
    cooperation the classifier calls verbal conflict is a refusal, REJECT in PLOVER ("Syria
    says it will not accept any more refugees"). Otherwise the classifier retypes only when
    its class has a probability of at least RETYPE, and a pattern match with a resolved actor
    (confidence >= SURE) only when it is as sure as that."""
    if event_class(event["type"], event["cameo"]) == guess.event_class:
        return
    modality = event["modality"]
    if modality["hypothetical"] and guess.class_probability < SURE:
        return
    if modality["negated"]:
        if (
            guess.event_class == REFUSAL_CLASS
            and TYPE_CLASS[event["type"]] in COOPERATION_CLASSES
            and guess.class_probability >= SURE
        ):
            _retype(event, "REJECT", guess)
            modality["negated"] = False
        return
    if guess.class_probability >= RETYPE and (
        event["confidence"] < SURE or guess.class_probability >= SURE
    ):
        # a type of that class stays: an appeal the classifier calls a demand is still REQUEST
        keep = TYPE_CLASS[event["type"]] == guess.event_class
        _retype(event, event["type"] if keep else guess.best_type(guess.event_class), guess)


def _retype(event: Event, type_name: str, guess: Prediction) -> None:
    """Give an event the classifier's type (its participants and evidence stay; the lexicon
    pattern's CAMEO code no longer describes it)."""
    kind = event_type(type_name)
    event["type"] = kind.name
    event["mode"] = None
    event["cameo"] = None
    event["quad"] = kind.quad
    event["score"] = kind.score
    event["method"] = "lexicon+classifier"
    event["confidence"] = round(min(event["confidence"], 0.8 * guess.class_probability), 2)


def _reports_an_act(article: Article, clause: Clause, event: Event) -> bool:
    """A reporting verb coded as a material act by the words of what it reports ("the Kurds
    said Baghdad's forces had attacked their fighters" matches the CAMEO pattern SAY …
    ATTACK): the act is the reported clause's, with its own actor, so the reporting clause is
    not coded and the reported one is. A verbal act stays the speaker's: there the saying is
    the act (an accusation, a demand). "Said it would retaliate" is coded on "retaliate", a
    threat of its actor's (see ``_THREATENABLE``)."""
    if clause["lemma"] not in REPORTING or TYPE_CLASS[event["type"]] not in MATERIAL_CLASSES:
        return False
    verb = clause["verb"]["start"]
    return any(c["governor"] and c["governor"]["start"] == verb for c in article.clauses)


def _promised(article: Article, clause: Clause, sentence: Span, modality: Modality) -> bool:
    """Whether the clause promises or offers its act rather than reports it done: future and
    not in doubt, or "ready/willing/prepared to" (flagged hypothetical, as an offer is)."""
    if modality["negated"]:
        return False
    lead = article.body[sentence["start"] : clause["verb"]["start"]]
    offered = bool(OFFERING.search(lead))
    if not offered and _NECESSITY.search(lead[-80:]):
        return False  # "they will have to run away or surrender": a prediction, no promise
    return offered or (modality["future"] and not modality["hypothetical"])


def _governor_negated(article: Article, clause: Clause) -> bool:
    """The verb this clause completes is negated: "never decide to push back", "did not
    agree to meet" (a negated verb of saying leaves what is said as it is)."""
    governor = clause["governor"]
    if governor is None or governor["lemma"] in REPORTING:
        return False
    governing = _governing_clause(article, clause)
    return governing is not None and governing["negated"]


def _governing_clause(article: Article, clause: Clause) -> Clause | None:
    """The clause of the verb that ``clause`` completes ("warned" of "warned that … threatens")."""
    governor = clause["governor"]
    if governor is None:
        return None
    return next((c for c in article.clauses if c["verb"]["start"] == governor["start"]), None)


def _intended(clause: Clause, modality: Modality) -> bool:
    """The clause states an intent: an intent verb ("pledged", "offered"), a verb under one
    ("agreed to meet"), or a future or wished act ("will meet", "wants to meet")."""
    governor = (clause["governor"] or {}).get("lemma", "")
    return (
        clause["lemma"] in _INTENT_VERBS
        or governor in _INTENT_VERBS
        or governor in _WISHING
        or modality["future"]
        or modality["hypothetical"]
    )


def _future_tense(body: str, verb: Span) -> bool:
    return bool(
        re.search(
            r"(?:\bwill|\bshall|\bwon['’]t|['’]ll)\s+(?:\w+\s+){0,2}$",
            body[max(0, verb["start"] - 30) : verb["start"]],
        )
    )


#: A deontic modal right before the verb: what someone demands, not what is done.
_DEONTIC = re.compile(
    r"\b(?:must|should|ought\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:(?:now|also|"
    r"immediately|urgently|quickly|then|therefore|finally)\s+)?(?:be\s+)?(?:\w+ly\s+)?$",
    re.I,
)


#: "It is imperative for X to …", "it is (high) time for X to …": an obligation put on X.
_NECESSARY_FOR = re.compile(
    r"\b(?:is|was|remains|it's)\s+(?:\w+\s+)?(?:imperative|essential|vital|crucial|"
    r"necessary|urgent|time)\s+(?:for\s+[^,.;:!?]{1,60}?\s+)?$",
    re.I,
)


#: Verbs that ask someone to act: the act of their "to" clause is asked for, not done.
_ASKING = frozenset(
    {"tell", "ask", "order", "urge", "instruct", "direct", "request", "encourage", "invite",
     "advise", "press", "pressure", "beg", "implore", "command", "authorize", "authorise",
     "call", "appeal", "petition", "exhort"}
)  # fmt: skip


#: A criticism named by its noun, before the one it is of ("a damning appraisal of Tusk").
_CRITICISM_OF = re.compile(
    r"\b(?:appraisal|assessment|criticism|critique|condemnation|denunciation|indictment|"
    r"rebuke|verdict|takedown|characteri[sz]ation|attack|broadside|tirade)\s+(?:of|on)\s+"
    r"(?:the\s+)?$",
    re.I,
)


#: A negation fronted before an inverted verb: "at no time did the Justice Department
#: prevent Mueller", "under no circumstances will we …".
_NEVER_FRONTED = re.compile(
    r"\b(?:at no (?:time|point|stage)|in no way|by no means|under no circumstances|on no "
    r"account)\s+(?:did|does|do|will|would|has|have|had|was|were|is|are|can|could)\b",
    re.I,
)
#: Participles of feeling: "should be concerned" is an opinion, not a demand of an act.
_FEELING = {
    "concern", "worry", "alarm", "trouble", "embarrass", "ashame", "disappoint", "satisfy",
    "please", "surprise", "shock", "scare", "frighten", "upset", "disturb", "outrage",
    "horrify", "appal", "appall",
}  # fmt: skip
#: "must/should be …ing", "must have": a modal of guessing, not of obligation.
_EPISTEMIC_MUST = re.compile(r"\b(?:must|should)\s+(?:\w+ly\s+)?(?:be|have)\b", re.I)
#: A condition or an open question before a clause: its "should" asks nothing.
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless|whether)\s+(?:\w+\s+){0,5}$", re.I)
#: Verbs of the speaker's own discourse: "it should be noted/said/remembered that …".
_DISCOURSE = {"note", "say", "remember", "point", "stress", "add", "mention", "recall"}
#: A subject introduced by "for" and a verb by "to": an act wanted, not done.
_FOR_SUBJECT = re.compile(r"\bfor\s+$", re.I)
_TO_VERB = re.compile(r"\s+to\s+(?:\w+ly\s+)?")


def _criticised(article: Article, obj: Span, actors: list[Participant]) -> list[Participant]:
    """The actor a criticism in the object is of: "unleashed a damning appraisal of Tusk"."""
    taken = {p["actor"] for p in actors}
    for actor in article.actors:
        if actor["id"] in taken:
            continue
        for mention in actor["mentions"]:
            if obj["start"] < mention["start"] and mention["end"] <= obj["end"]:
                lead = article.body[max(obj["start"], mention["start"] - 40) : mention["start"]]
                if _CRITICISM_OF.search(lead):
                    return [actor_participant(actor, mention)]
    return []


#: Verbs of attack that, against a proposal or a policy, are words: ACCUSE.
_VERBAL_ATTACKS = frozenset({"attack", "slam", "blast", "savage", "lash", "assail"})
#: "with" and words after a verb of attack: "assailed me with a tone of reproach".
_WITH_WORDS = re.compile(
    r"(?:\s+[\w'’.-]+){0,3}?\s+with\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tone|words?|criticism|questions?|accusations?|insults?|remarks?|comments?|tweets?|"
    r"rhetoric|language|barbs?)\b",
    re.I,
)
#: Subjects that are everyone: a "should" of theirs is a wish, asked of no one.
_EVERYONE = {"people", "everyone", "everybody", "anyone", "anybody", "no one", "nobody", "one"}


#: The role noun that ends a title before a name ("National Security Adviser Michael Flynn").
_TITLE_END = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}{_ROLE_NOUNS}\s+$", re.I)


def _named_person_only(article: Article, found: list[Participant]) -> list[Participant]:
    """``found`` without what only qualifies a person it names (:func:`_apposed_person`,
    :func:`_title_holder_only`) and without names inside another's mention; the kinds are
    looked up once, and only for two or more."""
    if len(found) < 2:
        return found
    # a name inside another's mention is part of it: "House" in "House Democrats"
    found = [
        p
        for p in found
        if not any(
            q is not p
            and q["mention"]["start"] <= p["mention"]["start"]
            and p["mention"]["end"] <= q["mention"]["end"]
            and q["mention"]["end"] - q["mention"]["start"]
            > p["mention"]["end"] - p["mention"]["start"]
            for q in found
        )
    ]
    ids = {p["actor"] for p in found}
    kinds = {actor["id"]: actor["kind"] for actor in article.actors if actor["id"] in ids}
    return _title_holder_only(article, _apposed_person(article, found, kinds), kinds)


def _title_holder_only(
    article: Article, found: list[Participant], kinds: dict[str, str]
) -> list[Participant]:
    """A body named in the title before a person's name is no participant beside that person:
    "former National Security Adviser Michael Flynn discussed sanctions" is Flynn's act."""
    drop = set()
    for title, person in zip(found, found[1:], strict=False):
        if (
            kinds.get(person["actor"] or "") == "person"
            and kinds.get(title["actor"] or "") != "person"
            and _TITLE_END.fullmatch(
                article.body[title["mention"]["end"] : person["mention"]["start"]]
            )
        ):
            drop.add(id(title))
    return [p for p in found if id(p) not in drop] if drop else found


def _apposed_person(
    article: Article, found: list[Participant], kinds: dict[str, str]
) -> list[Participant]:
    """The person a role phrase names in apposition after it, alone: "The Democratic Unionist
    Party's Brexit spokesperson, Sammy Wilson MP" is Wilson, not the party (nor the person an
    earlier "spokesperson" stood for)."""
    for participant in found[1:]:
        start = participant["mention"]["start"]
        if (
            kinds.get(participant["actor"] or "") == "person"
            and article.body[max(0, start - 2) : start] == ", "
            and all(p["mention"]["end"] <= start for p in found if p is not participant)
        ):
            return [participant]
    return found


def _asks_no_one(article: Article, clause: Clause) -> bool:
    """Whether a "must/should" clause in someone's words asks nothing of anyone: the speaker's
    own programme ("we must invest"), a wish of how things are ("There must be decorum",
    "People should be able to live without fear", "an innocent event that should be no
    different"), an act of reading or looking ("they should read my blogs"), a guess ("the
    family, who must be suffering", "he must have known"), an
    opinion ("the president should be concerned"), a condition or an open question ("if a
    court should decide", "whether immigrants should be deported") or an aside ("it should be
    noted that")."""
    subject = clause["subject"]
    words = subject["text"].lower() if subject else ""
    if words in ("we", "i", "you", "there") or words in _EVERYONE:
        return True
    if clause["lemma"] in _READING:
        return True  # "they should read my blogs": no political act is asked for
    if clause["lemma"] == "be" and not clause["passive"] and words in ("that", "which"):
        return True
    if clause["lemma"] in _FEELING:
        return True
    if clause["passive"] and words == "it" and clause["lemma"] in _DISCOURSE:
        return True
    body, verb = article.body, clause["verb"]
    subject_start = subject["start"] if subject else verb["start"]
    between = body[subject_start : verb["start"]]
    if _EPISTEMIC_MUST.search(between) and (
        verb["text"].endswith("ing") or "have" in between.split()
    ):
        return True
    return bool(_CONDITION_BEFORE.search(body, max(0, subject_start - 40), subject_start))


def _asked_to(article: Article, clause: Clause) -> bool:
    """Whether the clause is the act a verb of asking asks for ("was told to investigate",
    "urged Berlin to send tanks"): its event is the asking's, coded (or not) on that verb,
    whose own clause leaves this one out when it is coded."""
    governor = clause["governor"]
    if governor is None or governor["end"] > clause["verb"]["start"]:
        return False
    if governor["lemma"] not in _ASKING:
        return False  # the governor span carries its lemma: no clause to look up for most
    asking = _governing_clause(article, clause)
    if asking is None or asking["lemma"] not in _ASKING:
        return False
    between = article.body[governor["end"] : clause["verb"]["start"]]
    return bool(re.search(r"\bto\s+(?:\w+\s+)?$", between))


def _demanded(article: Article, clause: Clause) -> bool:
    """Whether a modal of obligation stands between the clause's subject and its verb, or an
    adjective of necessity puts the clause on its subject ("It is imperative for Mr. Barr to
    make the full report public")."""
    extent = clause["extent"]
    if re.match(r"(?:for|to)\s", article.body[extent["start"] : extent["start"] + 4], re.I) and (
        _NECESSARY_FOR.search(article.body[max(0, extent["start"] - 100) : extent["start"]])
    ):
        return True
    start = clause["subject"]["end"] if clause["subject"] else clause["extent"]["start"]
    start = max(start, clause["extent"]["start"])
    return start < clause["verb"]["start"] and bool(
        _DEONTIC.search(article.body[start : clause["verb"]["start"]])
    )


def _quote_at(quotes: Iterable[Quote], offset: int) -> Quote | None:
    """The innermost quote (not a scare quote) that holds ``offset``."""
    best: Quote | None = None
    for quote in quotes:
        if quote["kind"] == "scare" or not quote["start"] <= offset < quote["end"]:
            continue
        if best is None or quote["end"] - quote["start"] < best["end"] - best["start"]:
            best = quote
    return best


#: Whether a pronoun stands for a person (he, she) or not (it, they: a body, a group).
_PRONOUN_KINDS = {"he": True, "she": True, "it": False, "they": False}


def _speaker_at(article: Article, offset: int) -> tuple[Quote, dict] | None:
    """The innermost quote holding ``offset`` and its speaker, where it has a resolved one."""
    quote = _quote_at(article.quotes, offset)
    if quote is None or not quote["speaker_actor"]:
        return None
    speaker = next((a for a in article.actors if a["id"] == quote["speaker_actor"]), None)
    return None if speaker is None else (quote, speaker)


def _reporter(quotes: Iterable[Quote], offset: int) -> Reporter | None:
    """The speaker whose quote or reported speech holds ``offset``."""
    best = _quote_at(quotes, offset)
    if best is None:
        return None
    return {
        "speaker": best["speaker"],
        "speaker_actor": best["speaker_actor"],
        "quote_start": best["start"],
        "quote_end": best["end"],
    }


def _worded_mode(type_name: str, text: str) -> str | None:
    """The mode the words of an event name ("telephone" → CONSULT phone), if any."""
    for pattern, mode in _MODE_WORDS.get(type_name, ()):
        if pattern.search(text):
            return normalise_mode(type_name, mode)
    return None


def _confidence(
    entry: Entry,
    actors: list[Participant],
    recipients: list[Participant],
    modality: Modality,
    worded_mode: str | bool | None = None,
) -> float:
    """How sure the coding is: a pattern's content words (or words naming the type's mode, which
    chronist reads as a pattern: "discussed … during a telephone conversation" is CAMEO 041
    as much as "discussed by telephone"; ``True`` for a verb of one sense, see
    :data:`_UNAMBIGUOUS`), a resolved actor and recipient, no hypothesis."""
    score = 0.55 + (0.15 if _worded(entry) or worded_mode else 0.0)
    if any(p["actor"] for p in actors):
        score += 0.15
    if any(p["actor"] for p in recipients):
        score += 0.1
    if modality["hypothetical"]:
        score -= 0.2
    return round(max(0.05, min(0.95, score)), 2)


#: Verbs whose one sense in news prose is the event their bare lexicon entry codes: "condemned
#: the attack", "mocked the neocons' claims", "rejected arguments by the coroner's office". The
#: bare verb is as sure as a pattern's words, so the sentence classifier, which reads some of
#: these sentences as neutral, neither drops nor retypes them unless it is as sure. Verbs with a
#: second sense in news ("kill the bill", "claimed that", "argued that", "expressed") are not
#: here; nor are verbs whose bare entry is not the news sense.
_UNAMBIGUOUS = frozenset(
    {
        "accuse", "condemn", "denounce", "criticize", "criticise", "mock", "ridicule", "deride",
        "blame", "rebuke", "reprimand", "chastise", "lambaste", "decry", "deplore", "berate",
        "scold", "disparage", "sue", "reject", "refuse", "arrest", "detain", "deport", "expel",
        "assault", "assassinate", "murder", "urge", "demand", "implore", "threaten", "apologize",
        "apologise", "praise", "commend", "support", "endorse",
    }
)  # fmt: skip


def _unambiguous(entry: Entry, clause: Clause) -> bool:
    """The clause's verb is one of :data:`_UNAMBIGUOUS` and its bare entry coded it."""
    return clause["lemma"] in _UNAMBIGUOUS and not (entry.after or entry.before)


#: Particles that make a verb another verb ("push back", "turn down", "round up").
_ADVERB_PARTICLES = frozenset({"back", "down", "up", "off", "out", "away", "aside", "over"})


def _worded(entry: Entry) -> bool:
    """The entry is a pattern with a content word; a pattern of function words alone ("want …
    on", "decline … to") says little more than the bare verb."""
    return any(len(word) > 2 for word in entry.after + entry.before)


#: A group followed by the members it means: "big tech companies, including TikTok and Google".
_EXAMPLES = re.compile(r"\s*,?\s*(?:including|such\s+as|namely|notably|like)\s+", re.I)
_EXAMPLES_END = re.compile(r"[.;:()\u201c\u201d\"]|\s(?:to|who|which|that|in|for|over)\s")


def _with_examples(article: Article, participants: list[Participant]) -> list[Participant]:
    """Participants, with the named members of a group that lists them after "including",
    "such as", "namely": the group has no country, its members do."""
    out = list(participants)
    body = article.body
    for participant in participants:
        if participant["country"] is not None:
            continue
        end = participant["mention"]["end"]
        lead = _EXAMPLES.match(body, end, end + 40)
        if not lead:
            continue
        stop = _EXAMPLES_END.search(body, lead.end(), lead.end() + 120)
        window: Span = {
            "start": lead.end(),
            "end": stop.start() if stop else min(len(body), lead.end() + 120),
            "text": "",
        }
        taken = {p["actor"] for p in out if p["actor"]}
        for actor in article.actors:
            if actor["id"] in taken or not actor["country"]:
                continue
            mention = next(
                (m for m in actor["mentions"] if in_span(m["start"], m["end"], window)), None
            )
            if mention is not None:
                out.append(actor_participant(actor, mention))
    return out


#: A name that only qualifies the noun after it: "US-backed rebels", "Saudi-led coalition".
_BACKED = re.compile(
    r"[-‐–](?:backed|led|based|funded|allied|sponsored|supported|trained|armed|owned|run|"
    r"controlled|held|aligned|affiliated|linked|friendly|brokered|mediated|style|born|made|"
    r"educated)\b",
    re.I,
)


def _merge(events: list[Event]) -> list[Event]:
    """One record per event: the same type, participants and date told twice merge. A side
    names each participant once ("Sergei Lavrov; Sergei Lavrov" from a name and its title)."""
    merged: dict[tuple, Event] = {}
    for event in events:
        for side in ("actors", "recipients"):
            once: dict[str, Participant] = {}
            for p in event[side]:  # type: ignore[literal-required]
                once.setdefault(p["actor"] or p["name"].lower(), p)
            event[side] = list(once.values())  # type: ignore[literal-required]
        key = (
            event["type"],
            tuple(sorted(p["actor"] or p["name"].lower() for p in event["actors"])),
            tuple(sorted(p["actor"] or p["name"].lower() for p in event["recipients"])),
            event["date"] if event["date_source"] == "sentence" else None,
            event["modality"]["negated"],
        )
        if key in merged:
            kept = merged[key]
            kept["mentions"].extend(event["mentions"])
            kept["confidence"] = max(kept["confidence"], event["confidence"])
            continue
        merged[key] = event
    out = sorted(merged.values(), key=lambda e: e["start"])
    for i, event in enumerate(out, 1):
        event["id"] = f"E{i}"
    return out
