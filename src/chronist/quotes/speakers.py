"""Cues of attribution and the speakers they point to.

A cue is a verb of saying (or "according to") beside a quote or in a sentence; its speaker is
the actor mention at the right place: just before the verb ("Lavrov said"), just after it
("said Deputy Foreign Minister Mikhail Bogdanov"), a pronoun resolved by the language stage
("he said" → the last person named), or "the newspaper" → the outlet named before. A speaker
that resolves to no actor keeps its raw mention, so nothing is guessed silently.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from chronist.language import resolve_pronoun, sentence_at
from chronist.language.actors import open_quotation
from chronist.model import Article, Clause, Quote, Span
from chronist.quotes.reported import (
    a_finding,
    cue_of_a_quotation,
    faceless_source,
    headline_only,
    links_only,
    not_a_report,
)

#: Verbs (and their forms) that introduce speech or a stated view.
SPEECH_VERBS = sorted(
    {
        f"{stem}{ending}"
        for stem, endings in {
            "say": ("", "s", "ing"),
            "said": ("",),
            "tell": ("", "s", "ing"),
            "told": ("",),
            "add": ("", "s", "ed", "ing"),
            "warn": ("", "s", "ed", "ing"),
            "mention": ("", "s", "ed"),
            "claim": ("", "s", "ed"),
            "state": ("s", "d"),
            "announce": ("", "s", "d"),
            "note": ("s", "d"),
            "argue": ("", "s", "d"),
            "insist": ("", "s", "ed"),
            "stress": ("", "es", "ed"),
            "explain": ("", "s", "ed"),
            "assert": ("", "s", "ed"),
            "declare": ("", "s", "d"),
            "write": ("", "s"),
            "wrote": ("",),
            "repl": ("y", "ies", "ied"),
            "respond": ("", "s", "ed"),
            "acknowledge": ("", "s", "d"),
            "admit": ("", "s", "ted"),
            "confirm": ("", "s", "ed"),
            "den": ("y", "ies", "ied"),
            "suggest": ("", "s", "ed"),
            "indicate": ("", "s", "d"),
            "describe": ("", "s", "d"),
            "urge": ("", "s", "d"),
            "predict": ("", "s", "ed"),
            "recall": ("", "s", "ed"),
            "emphasi": ("ze", "zes", "zed", "se", "ses", "sed"),
            "observe": ("", "s", "d"),
            "comment": ("", "s", "ed"),
            "report": ("", "s", "ed"),
            "tweet": ("", "s", "ed"),
            "conclude": ("", "s", "d"),
            "caution": ("", "s", "ed"),
            "allege": ("", "s", "d"),
            "complain": ("", "s", "ed"),
            "ask": ("", "s", "ed"),
            "believe": ("", "s", "d"),
            "think": ("", "s"),
            "discuss": ("ed",),
            "exclaim": ("", "s", "ed"),
            "echo": ("es", "ed"),
            "confess": ("", "es", "ed"),
            "confide": ("s", "d"),
            "project": ("s", "ed"),
            "reveal": ("s", "ed"),
            "read": ("", "s"),
            "shout": ("s", "ed"),
            "yell": ("s", "ed"),
            "scream": ("s", "ed"),
            "joke": ("s", "d"),
            "quote": ("s", "d"),
            "put": ("", "s"),
            "offer": ("s", "ed"),
            "hope": ("", "s", "d"),
            "expect": ("", "s", "ed"),
            "fear": ("", "s", "ed"),
            "feel": ("", "s"),
            "felt": ("",),
            "know": ("", "s"),
            "knew": ("",),
            "worr": ("y", "ies", "ied"),
            "doubt": ("", "s", "ed"),
            "accuse": ("", "s", "d"),
            "blame": ("", "s", "d"),
            "demand": ("", "s", "ed"),
            "signal": ("", "s", "ed", "led"),
            "acknowledg": ("ing",),
            "wonder": ("", "s", "ed"),
            "recogni": ("ze", "zes", "zed", "se", "ses", "sed"),
            "realiz": ("e", "es", "ed"),
            "consider": ("", "s", "ed"),
            "find": ("", "s"),
            "found": ("",),
            "show": ("", "s", "ed"),
            "imply": ("",),
            "impl": ("ies", "ied"),
            "thought": ("",),
            "point": ("s", "ed"),
            "call": ("s", "ed"),
            "charge": ("s", "d"),
            "contend": ("", "s", "ed"),
            "maintain": ("s", "ed"),
            "estimate": ("s", "d"),
            "quip": ("s", "ped"),
            "continue": ("s", "d"),
            "remark": ("s", "ed"),
            "agree": ("s", "d"),
            "hint": ("s", "ed"),
            "testif": ("ies", "ied"),
            "concede": ("s", "d"),
            "counter": ("s", "ed"),
            "recount": ("s", "ed"),
            "assure": ("s", "d"),
            "written": ("",),
            "press": ("es", "ed"),
            "scoff": ("s", "ed"),
            "gush": ("es", "ed"),
            "snap": ("s", "ped"),
            "retort": ("s", "ed"),
            "muse": ("s", "d"),
            "marvel": ("s", "ed", "led"),
            "boast": ("s", "ed"),
            "brag": ("s", "ged"),
            "vow": ("s", "ed"),
            "pledge": ("s", "d"),
            "promise": ("s", "d"),
            "interject": ("s", "ed"),
            "plead": ("s", "ed"),
            "lament": ("s", "ed"),
            "mutter": ("s", "ed"),
            "whisper": ("s", "ed"),
            "tout": ("s", "ed"),
            "declar": ("ing",),
            "went on": ("",),
            "goes on": ("",),
            "fired back": ("",),
            "shot back": ("",),
            "cut in": ("",),
            "chimed in": ("",),
            "asking": ("",),
            "noting": ("",),
            "arguing": ("",),
            "explaining": ("",),
            "insisting": ("",),
            "claiming": ("",),
            "writing": ("",),
            "stating": ("",),
            "suggesting": ("",),
            "replying": ("",),
            "responding": ("",),
            "complaining": ("",),
            "calling": ("",),
            "recalling": ("",),
            "adding": ("",),
        }.items()
        for ending in endings
    },
    key=len,
    reverse=True,
)
#: Lower-case only ("the United States" is not "states"); "think tank", "so-called" are no verbs.
_VERB = r"(?<![-’'])(?-i:" + "|".join(SPEECH_VERBS) + r")(?!\s+tanks?\b)(?!-)"
_SPEECH_VERB_WORD = re.compile(rf"\b{_VERB}\b")
_AUX = (
    r"(?:(?:has|have|had|also|then|later|again|previously|once|recently|further|repeatedly|"
    r"publicly|privately|reportedly|apparently|would|will|could|did|does|is|was|were|are|"
    r"not|never|had)\s+)*"
)
_PRONOUN = re.compile(r"\b(he|she|they|it|we|i)\s*" + _AUX + r"$", re.I)
_OUTLET_WORDS = re.compile(
    r"\b(?:the\s+)?(?:newspaper|paper|daily|outlet|agency|broadcaster|magazine|website|network)$",
    re.I,
)
_GAP_BEFORE = re.compile(r"^[\s,]*" + _AUX + r"$", re.I)
# '“…” ― Jorge Falcon' closing its paragraph: the name after a dash signs the quote.
_DASH_SIGNATURE = re.compile(
    r"^[^\S\n]*[—―–]{1,2}[^\S\n]*(?P<who>[A-Z][^\n—―–\"“”«»]{1,80}?)[^\S\n]*\.?[^\S\n]*(?:\n|$)"
)
_AFTER_QUOTE = re.compile(rf"^[\s,.!?;:—–-]*(?P<cue>{_VERB})\b", re.I)
_SUBJECT_CUE = re.compile(
    rf"^\s*[,—–]?\s*(?P<subj>[^\"“”«»!?;]{{1,120}}?)\s+{_AUX}(?P<cue>{_VERB})\b", re.I
)
_BEFORE_QUOTE = re.compile(
    rf"(?P<cue>{_VERB})(?:\s+(?:reporters|journalists|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*|him|her|"
    rf"them|us|me|the\s+\w+))?(?:\s+(?:that|on|in|at|from|this|last|\w+day)\b[^\"“«„]*?)?\s*[:,]?\s*$",
    re.I,
)
_ACCORDING_AFTER = re.compile(
    r"^[^\S\n]*,?[^\S\n]*according\s+to\s+(?P<spk>[^,;\"“”«»\n]{2,90}?)\s*[.,;]", re.I
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,;\"“«]{2,90}?)\s*,?\s*$", re.I)
#: A sentence end, not an initial or a title ("Maxim A. Suchkov", "Mr. Kerry").
_TITLE_ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Rep Reps Sen Sens Gov Gen Lt Col Maj Capt Sgt Adm Prof Rev Del Jr Sr Rt Hon"
).split()
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])" + "".join(rf"(?<!\b{word})" for word in _TITLE_ABBREVIATIONS) + r"[.!?](?:\s|$)"
)
_PRONOUNS = {"he", "she", "they", "i", "we"}
#: A sentence that ends ", Schiff said." / ", said Schiff."
_CLOSING_CUE = re.compile(
    rf",\s*(?:(?P<a>[^,.;:]{{2,60}}?)\s+(?P<cue>{_VERB})|(?P<cue2>{_VERB})\s+(?P<b>[^,.;:]{{2,60}}?))"
    r"\s*[.!?]\s*$"
)
#: What may follow a cue that closes the quote before it: no reported clause, no colon.
_CLOSING_TAIL = re.compile(r"^(?!\s+that\b)[^:]*$")
_RELATIVES = {"who", "which", "that", "whom"}
_NOUN_OR_VERB = frozenset(
    "states reports claims comments calls points quotes notes remarks shows finds doubts fears "
    "hopes counters signals demands charges tweets estimates answers replies statements "
    "stresses promises pledges vows boasts laments projects".split()
)
_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|aide|adviser|advisor|official|statement|"
    r"release|lawyer|attorney|campaign)s?$",
    re.I,
)
#: A raw speaker mention starts like a noun phrase, not with a function word or a verb form
#: ("and", "which", "to make", "night in Houston and" are no speakers).
_RAW_START = re.compile(
    r"^(?!(?:and|but|or|so|then|when|while|if|as|in|on|at|for|after|before|since|because|"
    r"although|this|that|it|there|which|who|whom|whose|where|to|of|with|by|from|into|not|"
    r"also|just|even|only|me|him|them|us|you|what|how|why|night|day|morning|evening|"
    r"is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|may|might|must|"
    r"(?-i:[a-z]+ing|[a-z]+ed))\b)[\w“\"]",
    re.I,
)


def _is_pronoun(mention: Span | None) -> bool:
    return mention is not None and mention["text"].lower() in _PRONOUNS


#: A possessive and a channel of its owner: the owner speaks through it.
_OWNED_CHANNEL = re.compile(
    r"^(its|their|his|her)\s+(?:official\s+)?(?:website|web\s+site|site|statement|manifesto|"
    r"platform|programme|program|page|account|blog|newsletter|press\s+release|communiqué)$",
    re.I,
)
#: A name right after a role noun, in apposition: "the UN's representative; Melissa Fleming,".
_NAMED_ROLE = re.compile(r"^\s*[,;]\s*[A-Z][\w’'-]+\s+[A-Z]")
#: Verbs of saying that also have another sense, taken with an object or an infinitive
#: ("agreed to sell Time Warner": an agreement to act, not a report of what was said).
_NOT_SAYING = re.compile(
    r"(?:continu|put|maintain|hop|expect|know|knew|agre)(?:e|es|ed|s|ing|eing)?$"
)
#: A sentence that opens with a subordinate or absolute clause ("Although he claims …, X").
_OPENING_CLAUSE = re.compile(
    r"\s*(?:Although|Though|Even\s+though|While|Whereas|With|As|Since|Because|If|When|After|"
    r"Before|Despite)\b"
)
#: Verbs of saying or thinking that are another verb with a particle ("migrants show up").
_OTHER_SENSE = re.compile(r"(?:show|find|turn|point)$")
#: Verbs whose sense with a noun phrase and no clause is not reporting speech: 'let's
#: consider two explanations', 'feel the same', 'authorities found the children', 'offered
#: no pushback', 'wrote a letter', 'added a line', 'Border Patrol responded to a residence',
#: 'read the letter', 'fans who believe QAnon's claims'.
_NOT_WITH_NOUN = re.compile(
    r"(?:consider|feel|find|found|offer|writ|wrote|add|respond|repl|read|believ)\w*$"
)
#: Verbs whose infinitive complement is words not (yet) said: 'deserve to know the truth',
#: 'declined to say whether', 'plans to announce', 'hopes to tell'.
_UNSAID = frozenset(
    "deserve want need wish refuse decline plan expect hope intend try seek fail prepare "
    "aim mean".split()
)
#: "says next to nothing about …": a verb of saying with no content.
_NOTHING = re.compile(r"\s+(?:next\s+to\s+|almost\s+|little\s+or\s+)?(?:nothing|little)\b")
#: A subject that picks one of a group, then names them: "One of the seven, Chris Leslie,".
_ONE_OF = re.compile(r"(?:one|another|another one|each|either|neither|some)", re.I)
_APPOSITION = re.compile(r"^\s*,[^,]{2,120},\s*" + _AUX + r"$", re.I)
_CONTENT_AFTER = re.compile(
    rf"\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{_VERB})(?:\s+(?:out|to)(?=\s))?"
    r"(?:\s+(?:to\s+)?(?:reporters|journalists|"
    r"him|her|them|us|me)\b)?(?:\s+(?:that)\b)?\s*,?\s*(?P<content>\S.*)$",
    re.I,
)


#: The words between a verb of saying and its "that": the addressee of "told" ("told the Star
#: that", "told US media Friday that"), or a phrase of manner, medium or time after any verb
#: ("said in a statement on Friday that", "said Tuesday that").
_BEFORE_THAT = re.compile(r"(?P<mid>(?:[^\s,.;:\"“”]+\s+){1,7}?)that\s+(?=\S)")
_ADDRESSING = frozenset(
    "tell tells told telling inform informs informed assure assured remind "
    "reminded brief briefed".split()
)
_MANNER_OR_TIME = re.compile(
    r"(?:in|on|at|during|after|before|with|via|through|over|from|by|last|this|earlier|later|"
    r"late|early|yesterday|today|recently|again|privately|publicly|repeatedly|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


def _past_that(cue: str, content: str) -> int:
    """How far the reported clause starts after ``content``'s first characters: past an
    addressee or a phrase of manner or time and the "that" after it ('told the Star that the
    largest page …' reports 'the largest page …', not 'the Star that …'); 0 where none."""
    found = _BEFORE_THAT.match(content)
    if found is None:
        return 0
    if cue.lower() in _ADDRESSING or _MANNER_OR_TIME.match(found.group("mid")):
        return found.end()
    return 0


#: Head nouns of a description that names a speaker without a name: a person by role or
#: origin ("a Congolese national", "An Unz Review commenter", "the CNN host") or a group
#: ("animal welfare associations", "local residents").
_SPEAKER_NOUN = re.compile(
    r"(?:national|citizen|resident|local|native|migrant|refugee|worker|employee|member|"
    r"commenter|commentator|columnist|journalist|reporter|correspondent|host|anchor|editor|"
    r"presenter|blogger|writer|author|analyst|expert|scholar|researcher|scientist|economist|"
    r"professor|doctor|nurse|lawyer|attorney|judge|prosecutor|officer|soldier|commander|"
    r"fighter|activist|campaigner|protester|protestor|demonstrator|witness|survivor|victim|"
    r"voter|supporter|critic|opponent|observer|diplomat|envoy|ambassador|minister|lawmaker|"
    r"legislator|senator|politician|official|spokes(?:man|woman|person)|representative|"
    r"leader|chief|head|director|manager|executive|founder|owner|farmer|student|teacher|"
    r"parent|mother|father|man|woman|men|women|person|people|source|insider|aide|adviser|"
    r"advisor|user|listener|viewer|reader|caller|participant|organi[sz]er|negotiator|"
    r"association|organi[sz]ation|group|union|federation|coalition|alliance|movement|"
    r"campaign|charity|committee|council|agency|ministry|department|party|mp|mep|msp|mla)(?:s|es)?",
    re.I,
)
_DESCRIPTION = re.compile(
    r"(?:(?:the|a|an|one|some|several|two|three|many|other|its|their)\s+)?"
    r"(?:[\w’'-]+\s+){0,4}[\w’'-]+",
    re.I,
)
_NOT_IN_DESCRIPTION = re.compile(
    r"\b(?:and|or|but|to|of|on|in|at|by|for|from|with|who|which|that|this|these|those|"
    r"is|are|was|were|has|have|had|first|then|also|not|no|nobody|everyone|all|"
    r"he|she|it|they|we|i|you|his|her|our|my|your)\b",
    re.I,
)


def description(mention: Span | None) -> str | None:
    """The words of a speaker mention that describe someone without naming them ("a
    Congolese national", "An Unz Review commenter", "animal welfare associations"), to stand as
    the speaker when no actor is named; None for a pronoun, a relative, a document ("the
    report") or a fragment that is not a noun phrase."""
    if mention is None:
        return None
    text = mention["text"].strip()
    if not _DESCRIPTION.fullmatch(text) or _NOT_IN_DESCRIPTION.search(text):
        return None
    words = text.split()
    if not _SPEAKER_NOUN.fullmatch(words[-1]) or len(words) > 5:
        return None
    return text


#: A person's name as written, two to four capitalised words ("German Zaragoza").
_PERSON_NAME = re.compile(
    r"(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|My|Your|Some|One|It|He|She|"
    r"They|We|I|And|But|So)\b)(?:[A-Z][a-zà-ÿ’'-]+\s+){1,3}[A-Z][a-zà-ÿ’'-]+"
)


#: An office named in capitals with the body it belongs to ("Speaker of the House of Commons",
#: "President of the European Council").
_OFFICE = re.compile(
    r"(?:[A-Z][a-z’'-]+\s+){0,2}[A-Z][a-z’'-]+\s+of\s+(?:the\s+)?"
    r"[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w’'-]*){0,5}"
)


def speaker_words(mention: Span | None) -> str | None:
    """The speaker to print when no actor was resolved: a description without its article
    ("a spokesman" → "spokesman") or a name that the actors stage did not keep, as written
    ("German Zaragoza, head of …, says")."""
    found = description(mention)
    if found is None and mention is not None and _PERSON_NAME.fullmatch(mention["text"].strip()):
        return mention["text"].strip()
    if found is None and mention is not None and _OFFICE.fullmatch(mention["text"].strip()):
        return mention["text"].strip()  # "Speaker of the House of Commons"
    # a label, as a name is one: "host", "Congolese national", not "the host"
    return re.sub(r"^(?:the|an?)\s+", "", found, flags=re.I) if found else found


#: Verbs of judging that take "it" and an adjective: 'find it difficult to', 'consider it
#: important that' say how someone finds a thing, not what they said.
_JUDGING = frozenset({"find", "consider", "deem", "think", "believe", "feel"})
_IT_ADJECTIVE = re.compile(r"\s+it\s+(?:\w+ly\s+)?\w+\s+(?:to|that|for)\b")


class Speakers:
    """Actor mentions of one article, indexed for attribution."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.body = article.body
        mentions = [(m["start"], m["end"], a["id"]) for a in article.actors for m in a["mentions"]]
        mentions.sort()
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self.names = {a["id"]: a["name"] for a in article.actors}
        self.kinds = {a["id"]: (a["kind"], a["sector"]) for a in article.actors}
        self.clauses = sorted(article.clauses, key=lambda c: c["verb"]["start"])
        self.verb_starts = [c["verb"]["start"] for c in self.clauses]

    def name(self, actor: str | None) -> str | None:
        """The full name of an actor id."""
        return self.names.get(actor) if actor else None

    def last_mention_ending_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mention that ends latest within ``[start, end]``."""
        found = None
        i = bisect.bisect_right(self.starts, end)
        for m in self.mentions[max(0, i - 40) : i]:
            if start <= m[0] and m[1] <= end and (found is None or m[1] > found[1]):
                found = m
        return found

    def mention_ending_at(self, offset: int) -> tuple[int, int, str] | None:
        """The mention that ends right before ``offset`` (spaces between)."""
        i = bisect.bisect_right(self.starts, offset)
        for m in reversed(self.mentions[max(0, i - 40) : i]):
            if m[1] <= offset and not self.body[m[1] : offset].strip():
                return m
        return None

    def first_mention_starting_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mention that starts earliest within ``[start, end]``."""
        i = bisect.bisect_left(self.starts, start)
        for m in self.mentions[i:]:
            if m[0] > end:
                return None
            if m[1] <= end + 60:
                return m
        return None

    def span(self, start: int, end: int) -> Span:
        """A span of the body."""
        return {"start": start, "end": end, "text": self.body[start:end]}

    def noun_here(self, offset: int, word: str) -> bool:
        """A word that is a plural noun as often as a verb ("states like Ohio", "his
        remarks") and that the parse did not take as a verb here."""
        return (
            bool(self.clauses) and word.lower() in _NOUN_OR_VERB and self.clause_at(offset) is None
        )

    def clauses_between(self, start: int, end: int) -> Iterator[Clause]:
        """The parsed clauses whose verb starts in ``[start, end)``, in text order."""
        for clause in self.clauses[bisect.bisect_left(self.verb_starts, start) :]:
            if clause["verb"]["start"] >= end:
                return
            yield clause

    def clause_at(self, verb_start: int) -> Clause | None:
        """The parsed clause whose verb starts at ``verb_start``."""
        i = bisect.bisect_left(self.verb_starts, verb_start)
        if i < len(self.clauses) and self.verb_starts[i] == verb_start:
            return self.clauses[i]
        return None

    def clause_subject(
        self, clause: Clause, start: int = 0, end: int | None = None
    ) -> tuple[str | None, Span | None] | None:
        """The speaker a parsed clause names as its subject, if it lies in ``[start, end]``."""
        head = clause["subject_head"]
        relative = (
            clause["subject"]
            if clause["subject"]["text"].lower() in _RELATIVES
            and head["text"].lower() not in _RELATIVES
            else None
        )
        if clause["passive"] and clause["agent"] is not None:
            head = clause["agent"]  # 'has been called "strategic ambiguity" by Hendrick'
            start, relative = 0, None
        elif clause["passive"]:
            # 'whose actions were described as “a type of fascism” by the Speaker of the House
            # of Commons': the parse hung the agent on the quote's words
            agent = _by_after(self, clause["verb"]["end"], clause["extent"]["end"])
            if agent is not None:
                return agent
        end = len(self.body) if end is None else end
        anchor = relative or head
        if not (start <= anchor["start"] and anchor["end"] <= end) or not head["text"]:
            return None
        if relative is not None:  # "Sanders, who says …": Sanders, on the word "who"
            found = self.clause_subject({**clause, "subject": head}, 0, None)
            if found is not None and found[0] is None and description(found[1]):
                return found  # "a Congolese national who said": the description speaks
            return (found[0], relative) if found is not None else (None, relative)
        word = head["text"].lower()
        if word in _PRONOUNS:
            return resolve_pronoun(self.article, head["start"], word), head
        if word in ("it", "this", "that", "there", "which", "who", "what", "you"):
            return None
        overlapping = [
            m
            for m in self._mentions_in(head["start"] - 60, head["end"] + 60)
            if m[0] < head["end"] and head["start"] < m[1]
        ]
        role = description(head)
        last_word = head["text"].split()[-1] if head["text"].split() else ""
        if _SPEAKER_NOUN.fullmatch(last_word) or _ONE_OF.fullmatch(head["text"].strip()):
            # "the Syrian Ambassador to Russia Riyad Haddad", "The UN's … representative;
            # Melissa Fleming,", "another of the seven, Mike Gapes,": the person named speaks
            stop = max(clause["subject"]["end"], min(end, clause["verb"]["start"]))
            people = [
                m
                for m in self._mentions_in(head["end"], stop + 1)
                if self.kinds.get(m[2], ("",))[0] == "person"
                and not re.search(r"[.!?\n]", self.body[head["end"] : m[0]])
            ]
            # the name that closes the apposition first ('…, one-time Labour leadership
            # contender Chuka Umunna, declared'), else the first named
            closing = [m for m in people if re.match(r"\s*[,;]", self.body[m[1] : m[1] + 3])]
            for m in closing[:1] or people[:1]:
                return self._resolve(m[2], m[0], m[1])
            named = re.search(
                rf"({_PERSON_NAME.pattern})\s*,\s*$",
                self.body[head["end"] : clause["verb"]["start"]],
            )
            if _ONE_OF.fullmatch(head["text"].strip()) and named:
                # '… of the seven, one-time … contender Chuka Umunna, declared': as written
                n_start = head["end"] + named.start(1)
                return None, self.span(n_start, n_start + len(named.group(1)))
        if not any(self.kinds.get(m[2], ("",))[0] == "person" for m in overlapping):
            # "foreign office and international development minister, Alistair Burt, has
            # lambasted …": the person the role's apposition names speaks, not the office
            stop = min(end, clause["verb"]["start"])
            for m in self._mentions_in(head["start"], stop):
                if (
                    self.kinds.get(m[2], ("",))[0] == "person"
                    and re.fullmatch(r"[^,.;:!?\n]*,\s*", self.body[head["start"] : m[0]])
                    and re.match(r"\s*,", self.body[m[1] : m[1] + 3])
                ):
                    return self._resolve(m[2], m[0], m[1])
        if overlapping and role is not None and not _SPOKESPERSON.search(head["text"]):
            # "An Unz Review commenter explained": the outlet only qualifies the commenter
            if all(m[1] < head["end"] for m in overlapping) and not _NAMED_ROLE.search(
                self.body[head["end"] : head["end"] + 40]
            ):
                return None, head
        if overlapping:
            # the mention holding the head word itself (the last of the span) first
            m = max(
                overlapping,
                key=lambda m: (
                    m[0] < head["end"] <= m[1],
                    min(m[1], head["end"]) - max(m[0], head["start"]),
                ),
            )
            return self._resolve(m[2], m[0], m[1])
        outlet = _OUTLET_WORDS.search(head["text"])
        if outlet:
            return self._last_outlet(head["start"]), head
        if _SPOKESPERSON.search(head["text"]):
            subtree = clause["subject"]
            inner = self._mentions_in(head["end"], min(subtree["end"], end))
            if inner:  # "a spokesman for the ministry": the ministry speaks
                return self._resolve(inner[0][2], inner[0][0], inner[0][1])[0], head
        if _RAW_START.match(head["text"]):
            return None, head
        return None

    def subject(self, start: int, end: int) -> tuple[str | None, Span | None]:
        """The speaker written in ``body[start:end]`` (it ends right before a cue verb)."""
        text = self.body[start:end]
        verb = re.match(r"\s*" + _AUX + r"(?=\w)", self.body[end : end + 80], re.I)
        clause = self.clause_at(end + verb.end()) if verb else None
        if clause is not None:
            found = self.clause_subject(clause, start, end)
            if found is not None and (found[0] or found[1]):
                return found
        # "Leonid Ivashov, the President of the Academy …, said": the person, not the Academy.
        for m in reversed(self._mentions_in(start, end)):
            person = self.kinds.get(m[2], ("",))[0] == "person"
            if person and _APPOSITION.match(self.body[m[1] : end]):
                return self._resolve(m[2], m[0], m[1])
        mention = self.last_mention_ending_in(start, end)
        if mention is not None and _GAP_BEFORE.match(self.body[mention[1] : end]):
            # "Lavrov and Kerry discussed": the first of a coordinated subject.
            for m in self._mentions_in(start, mention[0]):
                if re.fullmatch(r"\s*(?:,|and)\s*", self.body[m[1] : mention[0]]):
                    return self._resolve(m[2], m[0], m[1])
            return self._resolve(mention[2], mention[0], mention[1])
        pronoun = _PRONOUN.search(text)
        if pronoun:
            p_start = start + pronoun.start(1)
            p_end = start + pronoun.end(1)
            actor = resolve_pronoun(self.article, p_start, pronoun.group(1))
            return actor, self.span(p_start, p_end)
        outlet = _OUTLET_WORDS.search(text.rstrip())
        if outlet:
            o_start = start + outlet.start()
            return self._last_outlet(o_start), self.span(o_start, start + outlet.end())
        bare = re.sub(r"\s+" + _AUX + r"$", "", text.rstrip()) if text.strip() else text
        bare = re.sub(r"(?:\s+(?:has|have|had|also|would|will|could|did|does))+$", "", bare)
        aside = re.match(r"^(?P<np>[^,]{2,60}),[^,]{2,140},$", bare.strip())
        if aside:  # "One attendee, who spoke on condition of anonymity, said"
            bare = bare[: bare.index(aside.group("np")) + len(aside.group("np"))]
        raw = re.search(
            r"(?:\b(?:the|a|an|some|one|two|several)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}$", bare
        )  # noqa: E501
        if raw and len(raw.group().split()) <= 5 and _RAW_START.match(raw.group()):
            r_start = start + raw.start()
            return None, self.span(r_start, r_start + len(raw.group()))
        return None, None

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The actor mentions lying within ``[start, end]``: (start, end, actor id)."""
        return self._mentions_in(start, end)

    def _mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        for m in self.mentions[i:]:
            if m[0] >= end:
                break
            if m[1] <= end:
                out.append(m)
        return out

    def _resolve(self, actor: str, start: int, end: int) -> tuple[str | None, Span | None]:
        owned = _OWNED_CHANNEL.match(self.body[start:end])
        if owned:  # 'Its website states …': the party whose website it is
            owner = resolve_pronoun(self.article, start, owned.group(1))
            return owner, self.span(start, end)
        kind, sector = self.kinds.get(actor, ("", None))
        if sector == "JRN" and _OUTLET_WORDS.search(self.body[start:end]):
            return self._last_outlet(start) or actor, self.span(start, end)
        return actor, self.span(start, end)

    def _last_outlet(self, before: int) -> str | None:
        """The media organisation mentioned last before ``before`` ("the newspaper")."""
        best = None
        for _, end, actor in self.mentions:
            kind, sector = self.kinds.get(actor, ("", None))
            if end <= before and sector == "JRN" and kind != "group":
                best = actor
        return best

    def indirect(self, quotes: list[Quote]) -> list[Quote]:
        """Reported speech in sentences that direct quotes do not cover."""
        found: list[Quote] = []
        for sentence in self.article.sentences:
            start, end = sentence["start"], sentence["end"]
            covered = sum(
                max(0, min(end, q["end"]) - max(start, q["start"]))
                for q in quotes
                if q["kind"] in ("direct", "partial")
            )
            if covered > 0.5 * (end - start):
                continue
            item = self._indirect_in(start, end)
            if item is not None and not any(
                q["kind"] == "direct" and q["start"] < item["end"] and item["start"] < q["end"]
                for q in quotes
            ):
                found.append(item)
        return found

    def _indirect_in(self, start: int, end: int) -> Quote | None:
        text = self.body[start:end]
        stripped = text.rstrip(" .!?")
        # "According to X, …" and "…, according to X."
        lead = re.match(r"\s*According\s+to\s+(?P<spk>[^,]{2,90}),\s*(?P<content>\S.*)$", stripped)
        if lead and faceless_source(lead.group("spk")):
            return None
        if lead:
            actor, mention = self.subject(start + lead.start("spk"), start + lead.end("spk"))
            actor, mention = self._within(
                start + lead.start("spk"), start + lead.end("spk"), actor, mention
            )  # noqa: E501
            return self._quote(
                start + lead.start("content"), start + len(stripped), "according to", actor, mention
            )  # noqa: E501
        trail = re.match(
            r"(?P<content>.+?),\s*according\s+to\s+(?P<spk>[^,]{2,90})$", stripped, re.I
        )
        if trail and faceless_source(trail.group("spk")):
            return None
        if trail:
            actor, mention = self._within(
                start + trail.start("spk"), start + trail.end("spk"), None, None
            )  # noqa: E501
            return self._quote(start, start + trail.end("content"), "according to", actor, mention)
        # "…, X said." / "…, said X." / "… — X."
        tail = re.match(
            rf"(?P<content>.{{12,}}?),\s*(?P<a>[^,]{{1,80}}?)\s+(?P<cue>{_VERB})$", stripped, re.I
        )  # noqa: E501
        if tail and re.search(r"\b(?:is|are|was|were|be|been|being)$", tail.group("a"), re.I):
            tail = None  # '…, most cases are concluded.': a passive, nobody speaks
        if tail:
            actor, mention = self.subject(start + tail.start("a"), start + tail.end("a"))
            if actor or mention:
                return self._quote(
                    start, start + tail.end("content"), tail.group("cue"), actor, mention
                )  # noqa: E501
        tail = re.match(
            rf"(?P<content>.{{12,}}?),\s*(?P<cue>{_VERB})\s+(?P<a>[^,]{{2,80}})$", stripped, re.I
        )  # noqa: E501
        if tail and len(tail.group("a").split()) <= 8:
            a_start, a_end = start + tail.start("a"), start + tail.end("a")
            found = self.last_mention_ending_in(a_start, a_end)
            if found is not None and found[1] >= a_end - 2:
                actor, mention = self._resolve(found[2], found[0], found[1])
                return self._quote(
                    start, start + tail.end("content"), tail.group("cue"), actor, mention
                )  # noqa: E501
        dash = re.match(r"(?P<content>.{12,}?)\s+[—–]\s*(?P<a>[A-Z][^—–]{2,60})$", stripped)
        if dash:
            a_start, a_end = start + dash.start("a"), start + dash.end("a")
            actor, mention = self._within(a_start, a_end, None, None)
            if actor and not links_only(dash.group("content")):
                return self._quote(start, start + dash.end("content"), "—", actor, mention)
        # "X said (that) …", "X warned that …", "X described Y as …", "X pointed to …"
        for match in re.finditer(rf"\b(?P<cue>{_VERB})\b", stripped, re.I):
            if self.noun_here(start + match.start(), match.group()):
                continue
            if not self._reports(start + match.start()):
                continue
            after = _CONTENT_AFTER.match(
                stripped[match.start() - 1 :] if match.start() else " " + stripped
            )  # noqa: E501
            if after is None:
                continue
            content_start = start + match.start() - 1 + after.start("content")
            content_start += _past_that(match.group("cue"), self.body[content_start:end])
            if len(self.body[content_start : start + len(stripped)].split()) < 3:
                continue
            actor, mention = self.subject(start, start + match.start())
            if actor is None and mention is None:
                continue
            if mention is not None and mention["text"].lower() in ("it", "i", "we", "one", "you"):
                continue  # the writer, or anyone ('one wonders if …')
            if cue_of_a_quotation(stripped[: match.start()], _SPEECH_VERB_WORD):
                continue  # '“…,” one organizer shouted during a livestream'
            if links_only(self.body[content_start : start + len(stripped)]):
                continue
            if headline_only(self.body[content_start : start + len(stripped)]):
                continue  # "Eurointelligence says You Really Should Not Take … for Granted"
            content_end = self._opening_clause_end(stripped, start, match.start(), content_start)
            return self._quote(content_start, content_end, match.group("cue"), actor, mention)  # noqa: E501
        return None

    def _opening_clause_end(self, stripped: str, start: int, cue: int, content: int) -> int:
        """Where reported words end: the sentence's end, or, when the verb of saying sits in
        a clause that opens the sentence ("Although he claims he voted to stay in the EU,
        Corbyn has been …", "With a senior official saying that …, Corsi appears …"), the
        end of its reported clause, where the main clause starts after a comma."""
        end = start + len(stripped)
        if not _OPENING_CLAUSE.match(stripped):
            return end
        clause = self.clause_at(start + cue)
        reported = clause["complement"] if clause else None
        if reported is None or not content < reported["end"] < end:
            return end
        if not re.match(r"\s*,", self.body[reported["end"] : end]):
            return end
        return reported["end"]

    def _reports(self, verb_start: int) -> bool:
        """The parse makes the word at ``verb_start`` a verb that can report speech here: not
        a noun ('Harry's comment about rights'), not a passive without its agent ('are often
        considered the mainstay', 'some were denied access': the subject is not the speaker),
        and, for a verb with another sense than saying, a reported clause rather than an
        object or an infinitive ('Biden continues these mandates', 'the unions maintained
        their ties', 'villages put on entertainment', 'let's consider two explanations',
        'hopes to coalesce', 'ask Putin to turn on the spigot', 'discussed how to control',
        'feel the same', 'migrants show up', 'reported to Putin on the liberation')."""
        if not self.clauses:
            return True  # no parse to ask
        clause = self.clause_at(verb_start)
        if clause is None:
            return False
        if clause["passive"] and (
            clause["agent"] is None or re.match(r"\s*by\b", self.body[clause["verb"]["end"] :])
        ):
            return False  # 'first reported by the Daily Caller, showed …': the agent speaks
        if not self.body[verb_start:].split(" ", 1)[0].endswith("ing") and re.search(
            r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$",
            self.body[max(0, verb_start - 30) : verb_start],
            re.I,
        ):
            return False  # 'before their cases are concluded': a passive the parse missed
        if not_a_report(clause, self.body[clause["verb"]["end"] : clause["verb"]["end"] + 90]):
            return False  # "let's consider …", 'reported to Putin on the liberation'
        if a_finding(clause["lemma"], clause["subject_head"]["text"]):
            return False  # 'A December poll found …', 'Video footage shows …'
        governor = clause["governor"]
        if (
            governor is not None
            and governor["lemma"] in _UNSAID
            and self.body[max(0, verb_start - 3) : verb_start] == "to "
        ):
            return False  # 'Americans deserve to know …', 'declined to say whether …'
        complement = clause["complement"]
        if complement is None and _NOT_WITH_NOUN.match(clause["lemma"]):
            return False  # 'let's consider two explanations', 'feel the same'
        if _NOTHING.match(self.body[clause["verb"]["end"] :]):
            return False  # 'says next to nothing about the struggles'
        if clause["lemma"] in _JUDGING and _IT_ADJECTIVE.match(self.body, clause["verb"]["end"]):
            return False  # 'the PM will find it difficult to push through her deal'
        content = complement or clause["object"]
        if content is not None and re.match(
            r"(?:how|what|where|when|why|whether)\s+to\b", content["text"]
        ):
            return False  # 'discussed how to best control narratives'
        after = self.body[clause["verb"]["end"] : clause["verb"]["end"] + 12]
        if (
            _OTHER_SENSE.match(clause["lemma"])
            and complement is None
            and re.match(r"\s+up\b", after)
        ):
            return False  # 'migrants show up in court'
        if not (_NOT_SAYING.match(clause["lemma"]) or _NOT_SAYING.match(clause["verb"]["text"])):
            return True  # the verb's form too: the rule lemmatizer makes "hopes" "hop"
        return complement is not None and not re.match(
            r"(?:(?:how|what|where|when|why|whether)\s+)?to\b", complement["text"]
        )

    def _within(
        self, start: int, end: int, actor: str | None, mention: Span | None
    ) -> tuple[str | None, Span | None]:
        found = self.first_mention_starting_in(start, end)
        if found is not None and found[1] <= end:
            return self._resolve(found[2], found[0], found[1])
        if actor or mention:
            return actor, mention
        text = self.body[start:end].strip()
        text = re.split(r",\s+(?:who|which|that|whose)\b", text)[
            0
        ].strip()  # "the statement, which …"
        if text and len(text.split()) <= 6:
            offset = self.body.index(text, start)
            return None, self.span(offset, offset + len(text))
        return None, None

    def _quote(
        self, start: int, end: int, cue: str | None, actor: str | None, mention: Span | None
    ) -> Quote:
        while start < end and self.body[start] in " ,\"'“”«»„":
            start += 1
        while end > start and self.body[end - 1] in " ,\"'“”«»„":
            end -= 1
        return {
            "text": self.body[start:end],
            "kind": "indirect",
            "cue": cue.lower() if cue else None,
            "speaker": self.name(actor) or speaker_words(mention),
            "speaker_actor": actor,
            "speaker_mention": mention,
            "start": start,
            "end": end,
        }


Found = tuple[str | None, str | None, Span | None]


def cue_after(
    speakers: Speakers, after: int, limit: int, inner_end: int | None = None
) -> Found | None:
    """'," he said.' / '», said X.' right after a closing mark (``inner_end``: where the
    quoted words end, before the mark)."""
    body = speakers.body
    inner = inner_end if inner_end is not None else after - 1
    while inner > 0 and body[inner - 1] in "’'\"”» ":
        inner -= 1  # a nested quote closing with the outer one: ',’”'
    last_inside = body[inner - 1 : inner] if inner > 0 else ""
    window_end = min(limit, after + 160)
    sentence_end = _SENTENCE_END.search(body[after:window_end])
    window_end = after + sentence_end.end() if sentence_end else window_end
    text = body[after:window_end]
    signature = _DASH_SIGNATURE.match(body[after : min(limit, after + 90)])
    if signature:
        start, end = after + signature.start("who"), after + signature.end("who")
        actor, mention = speakers._within(start, end, None, None)
        if actor or mention:
            return "—", actor, mention
    according = _ACCORDING_AFTER.match(text)
    if according:  # '“It is illegal …,” according to the Equal Employment Opportunity Commission.'
        actor, mention = speakers._within(
            after + according.start("spk"), after + according.end("spk"), None, None
        )
        if actor or mention:
            return "according to", actor, mention
    cue = _AFTER_QUOTE.match(text)
    if cue and (text[:1] in ",—– " or last_inside in (",", "!", "?", ".")):
        # '», said Russian Deputy Foreign Minister Mikhail Bogdanov.'
        rest_start = after + cue.end()
        clause = speakers.clause_at(after + cue.start("cue"))
        parsed = clause and speakers.clause_subject(clause, rest_start, window_end)
        actor, mention = parsed or speakers._within(rest_start, window_end, None, None)
        if actor or mention:
            return cue.group("cue").lower(), actor, mention
    subj = _SUBJECT_CUE.match(text)
    separated = text[:1] in ",—–" or last_inside in (",", "!", "?", ".", "—")
    if subj and separated:  # '," he said.' / '," Lavrov told reporters.'
        actor, mention = speakers.subject(after + subj.start("subj"), after + subj.end("subj"))
        # After a full stop a new sentence begins: only "he said" / "Lavrov said" close it.
        short = len(subj.group("subj").split()) <= 4
        # '"Long live freedom of speech!" Margarita Simonyan, the editor in chief of RT, wrote'
        named = actor is not None and mention is not None and mention["start"] <= after + 4
        if last_inside in (".", "?", "!") and not (
            (short or named) and (actor or _is_pronoun(mention) or description(mention))
        ):  # '“…?” the host asked Deese.': a role that names nobody closes it too
            return None
        if last_inside in (".", "?", "!") and not _CLOSING_TAIL.match(text[subj.end() :]):
            return None  # '“….” Greene added that …' / 'He added: “…”': a sentence of its own
        if actor or mention:
            return subj.group("cue").lower(), actor, mention
    return None


def cue_before(speakers: Speakers, before: int, limit: int) -> Found | None:
    """'X said: "' / 'X told reporters, «' / 'According to X, «' right before an opening mark."""
    body = speakers.body
    start = max(limit, before - 200)
    sentence = sentence_at(speakers.article, before)
    if sentence is not None:
        start = max(start, sentence[0])
    while start < before and start > 0 and body[start - 1].isalnum():
        start += 1  # never from the middle of a word
    text = body[start:before]
    base = before - len(text)
    if re.search(r"[.!?]\s*$", text):
        return None  # the quote opens a sentence of its own
    according = _ACCORDING.search(text)
    if according:
        actor, mention = speakers._within(
            base + according.start("spk"), base + according.end("spk"), None, None
        )  # noqa: E501
        return "according to", actor, mention
    cue = _BEFORE_QUOTE.search(text)
    while cue is not None:  # the cue nearest the quote: 'Asked to describe …, O'Neill said, "'
        later = _BEFORE_QUOTE.search(text, cue.start("cue") + 1)
        if later is None:
            break
        cue = later
    if cue:
        if cue.group("cue").lower().endswith("ing"):
            # 'footage of Hillary Clinton asking, “…”': the name the participle follows;
            # "When he returned he began by saying, “…”": the clause's own subject.
            named = speakers.mention_ending_at(base + cue.start("cue"))
            if named is not None:
                return (cue.group("cue").lower(), *speakers._resolve(named[2], named[0], named[1]))
            if _ADVERBIAL_ING.search(text[: cue.start("cue")]):
                # 'Silverman incurred a wave of boos upon saying, “…”': the clause it hangs on
                found = participle_subject(speakers, base + cue.start("cue"))
                if found is not None:
                    return cue.group("cue").lower(), found[1], found[2]
            return cue_in_sentence(speakers, base, before)
        actor, mention = speakers.subject(base, base + cue.start("cue"))
        if actor or mention:
            return cue.group("cue").lower(), actor, mention
    if text.rstrip().endswith((":", ",")):
        return colon_subject(speakers, base, base + len(text.rstrip()))
    return None


def colon_subject(speakers: Speakers, start: int, end: int) -> Found | None:
    """'Cruz called them on it:' / 'Politico reveals a few facts:' — the clause's subject.

    A colon introduces the quote; any verb may stand before it, so the speaker is the first
    actor named in the clause (its subject, usually), else a pronoun or the first noun phrase.
    """
    sentence = sentence_at(speakers.article, end - 1)
    if sentence is not None:
        start = max(start, sentence[0])
    text = speakers.body[start:end]
    named = speakers.last_mention_ending_in(start, end)
    lead = speakers.body[start : named[0]].rstrip() if named is not None else ""
    if (
        named is not None
        and not speakers.body[named[1] : end].strip(" \u00a0").rstrip(":")
        and (not lead or lead[-1] in "-–—|,")
    ):
        # "… for Republican contests - Philip Bump:" — the name itself introduces the quote;
        # "Cruz responds to … support for DPD firing Amber Guyger:" names its object there
        actor, mention = speakers._resolve(named[2], named[0], named[1])
        return ":", actor, mention
    # The verb nearest the colon, with its subject right before it ("Breitbart News responded:").
    for verb in reversed(
        list(re.finditer(r"\b[a-z]+(?:ed|es|s)\b|\b(?:said|wrote|told|put|read)\b", text))
    ):
        if verb.group() in ("is", "was", "has", "as", "its", "his", "this", "thus", "us", "does"):
            continue
        actor, mention = speakers.subject(start, start + verb.start())
        if (
            mention is not None
            and mention["text"].lower() == "it"
            and verb.group() not in _SPEECH_FORMS
        ):
            continue  # 'It gets worse though: “…”': the writer's "it", no one speaking
        if actor is not None or (mention is not None and mention["text"].lower() in _PRONOUNS):
            return verb.group(), actor, mention
        if verb.group() in _SPEECH_FORMS and description(mention) is not None:
            return verb.group(), None, mention  # "… a Congolese national who said:"
    # Else the first actor of the clause ("Politico reveals a few relevant facts:").
    mentions = speakers._mentions_in(start, end)
    if mentions:
        first = mentions[0]
        actor, mention = speakers._resolve(first[2], first[0], first[1])
        return ":", actor, mention
    return None


def cue_in_sentence(speakers: Speakers, sentence_start: int, before: int) -> Found | None:
    """The speech verb of the sentence holding a partial quote, and its subject."""
    article = speakers.article
    text = article.body[sentence_start:before]
    according = re.search(r"\baccording\s+to\s+(?P<spk>[^,;\"“«]{2,90}?)\s*,", text, re.I)
    first_verb = re.search(rf"\b{_VERB}\b", text, re.I)
    if according and first_verb is not None and first_verb.start() < according.end():
        # 'According to press reports, …': a verb form inside the source is a noun
        later = re.compile(rf"\b{_VERB}\b", re.I).search(text, according.end())
        first_verb = later if later is not None else first_verb
    if according and first_verb is not None and according.end() <= first_verb.start():
        # 'According to press reports, the QS leader told the CCMM that “…”': the reports are
        # where the writer read it; the subject of the verb of saying spoke
        parsed = _parsed_cue(speakers, sentence_start, before)
        if (
            parsed is not None
            and parsed[2] is not None
            and parsed[2]["start"] >= sentence_start + according.end()
        ):
            return parsed
        # no parse to ask: the words between the source's comma and the verb
        actor, mention = speakers.subject(
            sentence_start + according.end(), sentence_start + first_verb.start()
        )
        if (actor or description(mention)) and not speakers.noun_here(
            sentence_start + first_verb.start(), first_verb.group()
        ):
            return first_verb.group().lower(), actor, mention
    if according and (first_verb is None or according.start() < first_verb.start()):
        a_start = sentence_start + according.start("spk")
        a_end = sentence_start + according.end("spk")
        actor, mention = speakers._within(a_start, a_end, None, None)
        if actor or mention:
            return "according to", actor, mention
    parsed = _parsed_cue(speakers, sentence_start, before)
    if parsed is not None:
        return parsed
    fallback: Found | None = None
    for match in re.finditer(rf"\b(?P<cue>{_VERB})\b", text, re.I):
        if speakers.noun_here(sentence_start + match.start(), match.group()):
            continue
        if open_quotation(text[: match.start()]):
            continue
        actor, mention = speakers.subject(sentence_start, sentence_start + match.start())
        # The main clause's verb comes first: "He says if people think “…”" is his quote.
        if actor or _is_pronoun(mention):
            return match.group("cue").lower(), actor, mention
        if mention and mention["text"].lower() not in ("it", "i", "we"):
            fallback = match.group("cue").lower(), actor, mention
            continue
        # "She greeted supporters … and told them that …": the sentence's own subject.
        head = re.match(r"\s*(?:[A-Z][\w’'-]*\s+){0,4}?", text)
        first = speakers._mentions_in(sentence_start, sentence_start + match.start())
        if first and first[0][0] - sentence_start <= 40:
            actor, mention = speakers._resolve(first[0][2], first[0][0], first[0][1])
            return match.group("cue").lower(), actor, mention
        pronoun = re.match(r"\s*(He|She|They)\b", text)
        if pronoun and head is not None:
            p_start = sentence_start + pronoun.start(1)
            actor = resolve_pronoun(article, p_start, pronoun.group(1))
            span = speakers.span(p_start, sentence_start + pronoun.end(1))
            return match.group("cue").lower(), actor, span
    return fallback


def governing_subject(
    speakers: Speakers, start: int, end: int, lemmas: re.Pattern[str] | None = None
) -> Found | None:
    """The subject of the clause that holds a quote with no speech verb beside it.

    'Obama and Clinton call them "lone wolves"' / 'Trump is questioning whether Obama would
    have gone "if it were held in a mosque"' / 'Trump mocked Rubio for "having a tough night"':
    the innermost clause (object, complement, or the whole clause) that holds the quote, its verb
    outside the quote, names the one who says it. A clause whose subject is an actor (or a
    pronoun) wins over a smaller one whose subject is not ('Trump launched into a lament for
    immigrants who are "dangerous criminals"'). ``lemmas``: only clauses whose verb's lemma
    matches.
    """
    sentence = sentence_at(speakers.article, start)
    if sentence is None:
        return None
    holding: list[tuple[int, Clause]] = []
    for clause in speakers.clauses_between(sentence[0], sentence[1]):
        verb = clause["verb"]
        if start - 1 <= verb["start"] < end + 1:
            continue
        if lemmas is not None and not lemmas.match(clause["lemma"]):
            continue
        if lemmas is not None and (
            (clause["passive"] and clause["agent"] is None) or clause["negated"]
        ):
            # 'Harry has been branded a "dim-witted duke"': Harry is the one labelled;
            # 'Authorities have not said how long a "do not disturb" sign …': not their words
            continue
        for part in (clause["object"], clause["complement"], clause["extent"]):
            # a quote running on past its sentence is held when the clause runs to the end
            if (
                part is not None
                and part["start"] <= start + 1 <= part["end"]
                and (end - 1 <= part["end"] or part["end"] >= sentence[1] - 2)
            ):
                holding.append((part["end"] - part["start"], clause))
                break
    fallback: Found | None = None
    speech_first = sorted(
        holding, key=lambda h: (h[1]["verb"]["text"].lower() not in _SPEECH_FORMS, h[0])
    )
    for _, clause in speech_first:
        found = speakers.clause_subject(clause)
        if found is None or not (found[0] or found[1]):
            continue
        if found[1] is not None and found[1]["start"] < end and start < found[1]["end"]:
            continue  # 'After “parties not-so-unknown” bombed …': the quote is the subject
        if found[0] or _is_pronoun(found[1]):
            return clause["lemma"], found[0], found[1]
        fallback = fallback or (clause["lemma"], found[0], found[1])
    return fallback


_SPEECH_FORMS = frozenset(SPEECH_VERBS)
#: "by" and a capitalised name or office right after a quote's closing mark.
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?=[A-Z])")
#: Where a "by" phrase's noun phrase ends.
_AGENT_END = re.compile(r"[,.;:()!?\n]|\s(?:on|in|at|during|after|before|when|who|which)\s")


def _by_after(speakers: Speakers, end: int, limit: int) -> tuple[str | None, Span] | None:
    """The actor named in the first "by …" phrase after ``end`` (before ``limit``), with its
    mention, or the office it names: a passive's agent that the parse attached elsewhere."""
    match = _BY_AGENT.search(speakers.body, end, limit)
    if match is None:
        return None
    start = match.end()
    stop = _AGENT_END.search(speakers.body, start, min(limit, start + 80))
    phrase_end = stop.start() if stop else min(limit, start + 80)
    if phrase_end <= start:
        return None
    found = speakers.first_mention_starting_in(start - 4, phrase_end)
    if found is not None and found[0] <= start and found[1] >= phrase_end - 1:
        return found[2], speakers.span(found[0], found[1])  # "by Jonas Eklund"
    # "by the Speaker of the House of Commons": the office that speaks, in its words
    return None, speakers.span(start, phrase_end)


#: What puts an -ing cue under the clause before it: "upon saying", "before asking her", ", adding"
#: ("issued a statement saying", "released an ad calling it"): the issuer speaks.
_ADVERBIAL_ING = re.compile(
    r"(?:\b(?:by|upon|on|after|before|while|when|in|without|statement|release|tweet|post|letter|"
    r"e-?mail|memo|message|note|video|ad|advertisement|op-ed|column|essay)|,)\s*$",
    re.I,
)


def participle_subject(speakers: Speakers, offset: int) -> Found | None:
    """The subject of the innermost clause, its verb before ``offset``, that holds ``offset``,
    when it names an actor or is a pronoun."""
    sentence = sentence_at(speakers.article, offset)
    if sentence is None:
        return None
    best: tuple[int, Found] | None = None
    for clause in speakers.clauses_between(sentence[0], offset):
        extent = clause["extent"]
        if not extent["start"] <= offset <= extent["end"]:
            continue
        found = speakers.clause_subject(clause)
        if found is None or not (found[0] or _is_pronoun(found[1])):
            continue
        size = extent["end"] - extent["start"]
        if best is None or size < best[0]:
            best = size, (clause["lemma"], found[0], found[1])
    return best[1] if best else None


def cue_at_end(speakers: Speakers, start: int, end: int) -> Found | None:
    """'… the "grass-roots firepower" they need, DFA spokesman Neil Sroka said.': a speech verb
    after the quote, in its sentence, whose reported clause holds the quote (the parse says)."""
    sentence = sentence_at(speakers.article, max(start, end - 1))
    if sentence is None:
        return None
    for clause in speakers.clauses_between(end, sentence[1]):
        part = clause["complement"]
        between = speakers.body[end : clause["verb"]["start"]]
        # any verb when it follows '," X' straight after the quote ('an angry Hollande retaliated')
        adjacent = len(between) < 60 and re.match(r"^[,!?]?[”\"’'»]*[,—–]?\s", between) is not None
        if (
            (clause["verb"]["text"].lower() in _SPEECH_FORMS or adjacent)
            and part is not None
            and part["start"] <= start + 1
            and end - 1 <= part["end"]
            and not speakers.body[end : clause["verb"]["start"]].count("“")
        ):
            found = speakers.clause_subject(clause)
            if found is not None and (found[0] or found[1]):
                return clause["verb"]["text"].lower(), found[0], found[1]
            head = clause["subject_head"]
            if head["text"].lower() == "it" and clause["verb"]["text"].lower() in _SPEECH_FORMS:
                # '… "these noble animals" being beaten …, it states.': a document or a body
                # ("it" is no group of people: that guess of the pronoun's is dropped)
                actor = resolve_pronoun(speakers.article, head["start"], "it")
                if speakers.kinds.get(actor or "", ("",))[0] == "group":
                    actor = None
                return clause["verb"]["text"].lower(), actor, head
    return None


def _parsed_cue(speakers: Speakers, sentence_start: int, before: int) -> Found | None:
    """The first verb of saying in the sentence whose clause holds ``before`` (the main
    clause's: "He says if people think “…”" is his quote)."""
    best: Clause | None = None
    for clause in speakers.clauses_between(sentence_start, before):
        verb = clause["verb"]
        form = verb["text"].lower()
        extent = clause["extent"]
        if form not in _SPEECH_FORMS or not extent["start"] <= before <= extent["end"] + 1:
            continue
        if open_quotation(speakers.body[sentence_start : verb["start"]]):
            continue
        best = clause
        break
    if best is None:
        return None
    found = speakers.clause_subject(best)
    if found is None or not (found[0] or _is_pronoun(found[1]) or description(found[1])):
        return None
    return best["verb"]["text"].lower(), found[0], found[1]


def intro_subject(speakers: Speakers, paragraph_start: int, opening: int) -> Found | None:
    """'Clinton touted her credentials. “We need …”': a quote that opens a sentence, after a
    sentence of the writer's in the same paragraph, is in the voice of that sentence's
    subject (its main clause's, resolved to an actor or a pronoun)."""
    sentence = sentence_at(speakers.article, max(paragraph_start, opening - 2))
    if sentence is None or sentence[0] < paragraph_start or sentence[0] >= opening:
        return None
    text = speakers.body[sentence[0] : min(sentence[1], opening)]
    if any(mark in text for mark in '"“”«»') or not text.rstrip().endswith((".", "!", "?")):
        return None
    closing = _CLOSING_CUE.search(text)
    if closing:  # 'The administration may be reluctant …, Schiff said. “…”'
        who = closing.group("a") or closing.group("b")
        w_start = sentence[0] + text.index(who, closing.start())
        actor, mention = speakers._within(w_start, w_start + len(who), None, None)
        if actor or _is_pronoun(mention):
            return (closing.group("cue") or closing.group("cue2")).lower(), actor, mention
    for clause in speakers.clauses_between(sentence[0], min(sentence[1], opening)):
        found = speakers.clause_subject(clause, sentence[0], opening)
        if found is not None and (found[0] or _is_pronoun(found[1])):
            return clause["verb"]["text"].lower(), found[0], found[1]
        return None  # only the main (first) clause
    return None


#: A transcript's speaker label opening its paragraph, right before the quotation:
#: 'BIDEN ADVISOR BRIAN DEESE: “…”', 'Biden: “…”' (capitals or Title Case, a few words).
_TRANSCRIPT_LABEL = re.compile(
    r"^\s*(?P<label>(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*|of|the|de|von|van|al|bin)){0,5})"
    r"\s*:\s*$"
)


def transcript_label(speakers: Speakers, paragraph_start: int, opening: int) -> Found | None:
    """'BIDEN ADVISOR BRIAN DEESE: “…”': the person the label names.

    A mention the language stage found at the label's end speaks ('CNN', 'Senator Jane Roe');
    else the actor whose full name is among the label's words (Brian Deese, not Biden, for the
    label above), else the one whose surname is the label's last name word ('BIDEN' → Joe Biden).
    """
    label = _TRANSCRIPT_LABEL.match(speakers.body[paragraph_start:opening])
    if label is None or len(label.group("label").rstrip(".")) < 2:
        return None  # "Q:" / "A:": an interview's turns, not names
    start = paragraph_start + label.start("label")
    end = paragraph_start + label.end("label")
    mention = speakers.span(start, end)
    named = speakers.last_mention_ending_in(start, end)
    if named is not None and named[1] == end:  # the label ends with a name: 'CNN', 'Biden'
        return ":", *speakers._resolve(named[2], named[0], named[1])
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", label.group("label"))]
    best: tuple[tuple[int, int], str] | None = None
    for actor, name in speakers.names.items():
        parts = [w.lower() for w in re.findall(r"[^\W\d_]+", name or "")]
        if not parts:
            continue
        if len(parts) >= 2 and all(p in words for p in parts):
            key = (2, max(words.index(p) for p in parts))  # the full name, the later the better
        elif speakers.kinds.get(actor, ("",))[0] == "person" and parts[-1] in words:
            key = (1, words.index(parts[-1]))  # a person's surname
        else:
            continue
        if best is None or key > best[0]:
            best = (key, actor)
    if best is None:
        return ":", None, mention
    return ":", best[1], mention
