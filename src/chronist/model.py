"""The one data model every stage reads and writes.

A :class:`RawDocument` is what a source reader yields: the decoded text of one article as it was
found (a plain-text scrape or an HTML page) plus whatever the container said about it (a JSON Lines
record's fields, a WARC record's headers). The extract stage turns it into an :class:`Article`: the
clean ``body`` (paragraphs separated by exactly one blank line) and metadata in which every value
records the evidence it came from. Later stages (language, quotes, events) add annotation lists
whose items carry ``start``/``end`` character offsets into ``body``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, NotRequired, TypedDict

Kind = Literal["text", "html"]

#: Version of the output contract (``schema/article.schema.json``); bump on breaking changes.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RawDocument:
    """One article as a source reader found it, before extraction.

    ``input`` names where it came from in a way a user can find again: a path, ``path:LINE`` for a
    JSON Lines record, ``path#N`` for the N-th WARC response, ``<stdin>``. ``fields`` holds metadata
    the container carried (keys: url, title, date, outlet, authors, tags, language), and
    ``fields_source`` names that container ("jsonl", "warc") for the evidence trail.
    """

    input: str
    content: str
    kind: Kind
    fields: dict[str, Any] = field(default_factory=dict)
    fields_source: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where one metadata value came from: a short source tag and the exact text it rests on.

    ``source`` is one of: ``url`` (the URL or its path), ``html-meta`` (a meta tag, JSON-LD or
    ``<time>`` element as read by trafilatura/htmldate), ``title-line``, ``byline``, ``dateline``
    (also an agency dateline: ``BUDAPEST, Feb 18 (Reuters)``), ``photo-credit``, ``copyright`` (a
    copyright notice), ``self-reference`` (the article naming its outlet: ``Sunday Express
    readers``), ``tag-line``, ``caption`` (only for ``published_after``), ``jsonl`` or
    ``warc`` (a container field), ``language-model`` (language identification on the body),
    ``actors`` (the home country: the count of coded actor mentions and towns behind it).
    """

    source: str
    text: str


class Span(TypedDict):
    """Character offsets into ``Article.body`` (end exclusive) and the text they cover."""

    start: int
    end: int
    text: str


class Sentence(TypedDict):
    """One sentence of the body."""

    start: int
    end: int


class Governor(TypedDict):
    """The verb a complement clause hangs on, with its lemma."""

    start: int
    end: int
    text: str
    lemma: str


class Clause(TypedDict):
    """A verb with its arguments from the dependency parse (spans into ``Article.body``).

    ``extent`` covers the verb's whole subtree (the clause and everything it governs).
    ``subject`` is the whole subject phrase and ``subject_head`` its head word with the words
    naming it (in a relative clause, ``subject`` is "who"/"which" and ``subject_head`` the noun it
    stands for); ``object``, ``complement`` (a clause the verb governs: what was said) and ``agent``
    (the "by" phrase of a passive) are null when the verb has none. ``lemma`` is lower case.
    ``governor`` is the verb whose complement the clause is ("refused" of "refused to comply").
    """

    verb: Span
    extent: Span
    lemma: str
    subject: Span
    subject_head: Span
    passive: bool
    negated: bool
    object: Span | None
    complement: Span | None
    agent: Span | None
    governor: Governor | None
    #: A command ("Release the report!"): ``subject`` is whoever it addresses by name, or an
    #: empty span at the verb.
    imperative: NotRequired[bool]


class Entity(TypedDict):
    """A named-entity mention (spaCy label) and the actor it resolves to, if any."""

    text: str
    label: str
    start: int
    end: int
    actor: str | None


class Actor(TypedDict):
    """A participant resolved within one article, coded in the PLOVER scheme.

    ``kind``: person, organisation, government, military, group, country or igo. ``country``:
    ISO-3166 alpha-3 or IGO/UNO/EUR/NGO/IMG/MNC; ``sector``: GOV, MIL, REB, … ``kb_id`` names the
    knowledge-base entry used, ``evidence`` says why the codes were chosen.
    """

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    kb_id: str | None
    evidence: str
    mentions: list[Span]


class TimeExpression(TypedDict):
    """A temporal expression normalised to ISO with its precision and the anchor used.

    ``value``: ``2016-12-03`` (day), ``2016-10`` (month), ``2017`` (year), ``2016-W47`` (week),
    an interval ``2016-12-08/2016-12-09``, or null when it cannot be placed. Without an anchor a
    date written without a year keeps what it says in ISO 8601's year-less form: ``--04-16``
    (day), ``--04`` (month), ``--07-06/--07-14`` (range); no year is ever guessed. ``modifier``:
    early/mid/late/before/after/about when the text says so. ``anchor``: the date the expression
    was resolved against and where that came from (``published``, ``published_after``,
    ``none``). ``weekday``: the weekday the expression names ("on Wednesday" → ``Wednesday``),
    kept even when the day cannot be placed.
    """

    text: str
    value: str | None
    precision: str
    modifier: str | None
    start: int
    end: int
    anchor: dict[str, str | None]
    weekday: NotRequired[str | None]


class Place(TypedDict):
    """A location resolved to a GeoNames entry, with every mention of it in the body."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature_class: str | None
    start: int
    end: int
    mentions: list[Span]


class Quote(TypedDict):
    """Who said what: a direct, partial, indirect or scare quote with its resolved speaker.

    ``text`` is the quoted words without their marks (``start``/``end`` cover exactly them);
    ``kind``: direct, partial (a quoted fragment inside the writer's sentence), indirect (reported
    speech; the span is the reported clause) or scare (a quoted term, not speech). ``cue`` is the
    verb or phrase of attribution ("said", "according to"). ``speaker`` is the resolved actor's
    full name and ``speaker_actor`` its id; ``speaker_mention`` is the mention the attribution
    rests on (a name, "he", "the newspaper"). When nobody can be resolved, ``speaker`` and
    ``speaker_actor`` are null and ``speaker_mention`` still shows the raw mention, if any.
    """

    text: str
    kind: str
    cue: str | None
    speaker: str | None
    speaker_actor: str | None
    speaker_mention: Span | None
    start: int
    end: int


class Participant(TypedDict):
    """An actor or recipient of an event: the resolved actor (or the raw words when none)."""

    actor: str | None
    name: str
    country: str | None
    sector: str | None
    mention: Span
    #: Set on a side the text leaves unnamed and the story's home country fills ("Stone was
    #: arrested": the actor is the home country's, implied): why, and ``mention`` is the trigger.
    implied: NotRequired[str]


class EventPlace(TypedDict):
    """Where an event happened: a place of the language stage and the words naming it."""

    name: str
    geonameid: int | None
    country_code: str | None
    lat: float | None
    lon: float | None
    mention: Span


class Modality(TypedDict):
    """How the text asserts an event."""

    negated: bool
    future: bool
    hypothetical: bool
    historical: bool
    #: the text attributes the act without asserting it ("allegedly", "suspected", "reportedly")
    alleged: bool


class Reporter(TypedDict):
    """The speaker inside whose quote or reported speech an event is asserted."""

    speaker: str | None
    speaker_actor: str | None
    quote_start: int
    quote_end: int


class Event(TypedDict):
    """Who did what to whom, when and where: one PLOVER event with its evidence.

    ``type``/``mode`` are PLOVER 2.0 (``quad`` 1-4 and ``score`` from the ontology); ``actors``
    and ``recipients`` are participants (a compound "Kerry and Lavrov" stays one record);
    ``date`` is the event's own time expression when its sentence has one (``date_source``
    "sentence"), else the article's date ("article"), else null ("none"). ``trigger`` is the
    verb, ``start``/``end`` the evidence (the clause), ``sentence`` its sentence; ``mentions``
    are every place the same event is told in the article. ``cameo`` is the lexicon pattern's
    CAMEO code the type came from. ``voice`` says whose telling it is: "speaker" (inside
    someone's quote or reported speech, see ``reported_by``), "author" (the writer's own text
    in an opinion piece or satire: commentary, not a report), "reporter" (a news report's own
    narration), or null when the article's genre is not known (no rhetoric stage).
    """

    id: str
    type: str
    mode: str | None
    quad: int
    score: float
    actors: list[Participant]
    recipients: list[Participant]
    date: str | None
    date_source: str
    date_text: Span | None
    location: EventPlace | None
    modality: Modality
    reported_by: Reporter | None
    trigger: Span
    sentence: Span
    text: str
    start: int
    end: int
    mentions: list[Span]
    cameo: str | None
    method: str
    confidence: float
    voice: NotRequired[str | None]


class Genre(TypedDict):
    """What kind of article it is (rhetoric stage): "reporting", "opinion" or "satire"."""

    label: str
    confidence: float


class Frame(TypedDict):
    """A generic frame of the article (Boydstun et al.'s 14, rhetoric stage)."""

    label: str
    confidence: float


class Technique(TypedDict):
    """A persuasion technique (SemEval-2023 Task 3's 23), in a paragraph or a span of one.

    ``level`` is "paragraph" (the paragraph uses it; start/end are the paragraph's) or "span"
    (the words themselves: loaded language, a scare-quoted term). ``voice`` is "author" (the
    outlet's own text) or "speaker" (inside a quote; ``speaker``/``speaker_actor`` say whose).
    """

    technique: str
    level: str
    start: int
    end: int
    text: str
    paragraph: int
    voice: str
    speaker: str | None
    speaker_actor: str | None
    confidence: float
    cue: str


@dataclass
class Article:
    """A clean article with metadata; the record every later stage extends."""

    id: str
    input: str
    format: Kind
    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_after: str | None = None
    language: str | None = None
    #: The country the story is told from (language stage; evidence in ``metadata_evidence``).
    home_country: str | None = None
    captions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    metadata_evidence: dict[str, Evidence] = field(default_factory=dict)
    # Added by the language stage; every item carries start/end offsets into ``body``.
    sentences: list[Sentence] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # Added by the quotes stage.
    quotes: list[Quote] = field(default_factory=list)
    # Added by the rhetoric stage.
    genre: Genre | None = None
    frames: list[Frame] = field(default_factory=list)
    rhetoric: list[Technique] = field(default_factory=list)
    # Added by the events stage.
    events: list[Event] = field(default_factory=list)
    # Added by plug-in stages (see chronist.registry), under each stage's name.
    ext: dict[str, Any] = field(default_factory=dict)
    #: The language stage's spaCy ``Doc`` of the body, for the later stages of the same run in
    #: the same process (the rhetoric stage's span tagger reads its tokens, tags and parse).
    #: Never stored, exported or sent between processes: the pipeline drops it once the
    #: stages are done, and a stage that finds none parses the body again.
    doc: Any = field(default=None, repr=False, compare=False)

    def in_english(self) -> bool:
        """Whether the article is English, or of no known language (the English models of
        the events and rhetoric stages read it)."""
        return not self.language or self.language.split("-")[0].lower() == "en"

    def paragraphs(self) -> list[tuple[int, int]]:
        """Character spans of the body's paragraphs."""
        spans = []
        pos = 0
        for part in self.body.split("\n\n"):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 2
        return spans if self.body else []

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record (the output contract of ``chronist analyze --format jsonl``)."""
        data = asdict(replace(self, doc=None) if self.doc is not None else self)
        del data["doc"]
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output (e.g. read back from a store)."""
        known = {f for f in cls.__dataclass_fields__} - {"doc"}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["metadata_evidence"] = {
            k: Evidence(**v) for k, v in (data.get("metadata_evidence") or {}).items()
        }
        return cls(**kwargs)


_WS = re.compile(r"\s+")


def normalise_body(body: str) -> str:
    """Normal form used for hashing: NFKC, whitespace collapsed, stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", body)).strip()


def content_hash(body: str) -> str:
    """Hash of the normalised body alone: equal for exact duplicates across outlets."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()


def article_id(body: str, outlet: str | None, url: str | None) -> str:
    """Stable id: hash of normalised body + outlet + url (16 hex digits)."""
    key = "\x1f".join([normalise_body(body), outlet or "", url or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
