"""Reports the events stage did not code: an act of a story named by a noun in another
outlet's sentence ("as was stipulated in September's ceasefire agreement").

One outlet writes "Kerry and Lavrov reached an agreement in September", which is coded; another
refers to "September's ceasefire agreement" in passing, which is not (the events stage codes
clauses, not nouns). The second sentence is a report of the same act when all three hold: it
holds a noun of the act's type (:data:`ACT_NOUNS`), a date written in it that agrees with the
date written for the act (to the coarser precision, at least the month: an act dated only by
the article's own date is never matched this way), and a mention of one of the act's
participants (a country or a person named on either side). Such a report is kept as
``coded: false`` with the noun that names the act; it adds an outlet to the act, never an
actor or a date.
"""

from __future__ import annotations

import re
from typing import Any

from chronist.stories.chronicle import side_keys, who

# fmt: off
#: Nouns that name an act of each PLOVER type.
ACT_NOUNS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"agreement", "deal", "accord", "pact", "treaty", "ceasefire",
                        "truce", "armistice", "memorandum"}),
    "CONSULT": frozenset({"talks", "meeting", "summit", "negotiations", "consultations",
                          "conversation", "visit", "phone call", "telephone call"}),
    "ACCUSE": frozenset({"accusation", "accusations", "condemnation", "allegation",
                         "allegations"}),
    "SANCTION": frozenset({"sanctions", "embargo", "expulsion", "expulsions"}),
    "ASSAULT": frozenset({"attack", "attacks", "airstrike", "airstrikes", "air strike",
                          "air strikes", "bombing", "bombings", "shelling", "offensive",
                          "assault", "massacre"}),
    "AID": frozenset({"aid", "assistance", "airlift"}),
    "THREATEN": frozenset({"threat", "threats", "ultimatum"}),
    "REQUEST": frozenset({"request", "appeal"}),
    "PROTEST": frozenset({"protest", "protests", "demonstration", "demonstrations", "rally",
                          "march"}),
    "COERCE": frozenset({"arrest", "arrests", "detention", "blockade", "siege", "crackdown"}),
    "REJECT": frozenset({"refusal", "rejection", "veto"}),
    "RETREAT": frozenset({"withdrawal", "pullout", "evacuation"}),
    "MOBILIZE": frozenset({"deployment", "mobilization", "mobilisation", "buildup"}),
}
# fmt: on
_NOUN = {
    t: re.compile(r"\b(" + "|".join(sorted(map(re.escape, ns))) + r")\b", re.I)
    for t, ns in ACT_NOUNS.items()
}  # fmt: skip


def _agree(a: str, b: str) -> bool:
    """Two written dates agree to the coarser one's precision, at least the month."""
    n = min(len(a), len(b))
    return n >= 7 and a[:n] == b[:n]


def written_date(event: dict[str, Any]) -> str | None:
    """The act's date when its sentence writes it (not the article's date), month or finer."""
    if event.get("date_source") != "sentence":
        return None
    value = (event.get("date") or "").split("/")[0]
    return value if len(value) >= 7 else None


def find(act: dict[str, Any], record: dict[str, Any]) -> list[dict[str, Any]]:
    """Sentences of ``record`` that name ``act`` (a coded event of another article, as stored)
    by a noun, as uncoded events."""
    pattern = _NOUN.get(act.get("type") or "")
    when = written_date(act)
    if pattern is None or when is None:
        return []
    keys = side_keys(act, "actors")
    body = record.get("body") or ""
    found: list[dict[str, Any]] = []
    seen: set[int] = set()
    for d in record.get("dates") or []:
        value = (d.get("value") or "").split("/")[0]
        if not value or not _agree(value, when):
            continue
        sentence = next(
            (s for s in record.get("sentences") or [] if s["start"] <= d["start"] < s["end"]),
            None,
        )
        if sentence is None or sentence["start"] in seen:
            continue
        text = body[sentence["start"] : sentence["end"]]
        noun = pattern.search(text)
        if noun is None or not _names_participant(record, sentence, keys):
            continue
        seen.add(sentence["start"])
        trigger = {
            "start": sentence["start"] + noun.start(),
            "end": sentence["start"] + noun.end(),
            "text": noun.group(0),
        }
        found.append(_uncoded(act, sentence, text, date=value, date_source="sentence",
                              trigger=trigger))  # fmt: skip
    return found


def _uncoded(
    act: dict[str, Any], sentence: dict[str, int], text: str, **fields: Any
) -> dict[str, Any]:
    """An uncoded report of ``act``: its sentence and what was matched, no participants."""
    return {
        "id": f"M{sentence['start']}",
        "type": act.get("type"),
        "coded": False,
        **fields,
        "sentence": {"start": sentence["start"], "end": sentence["end"], "text": text},
        "actors": [],
        "recipients": [],
        "modality": {},
        "reported_by": None,
    }


def _names_participant(record: dict[str, Any], sentence: dict[str, int], keys: set[str]) -> bool:
    """Whether one of the act's participants is mentioned in the sentence."""
    for actor in record.get("actors") or []:
        if not who(actor.get("country"), actor.get("name")) & keys:
            continue
        for m in actor.get("mentions") or []:
            if sentence["start"] <= m["start"] < sentence["end"]:
                return True
    return False


#: Distinctive words a sentence must share with an act's sentence to be a report of it.
MIN_SHARED = 4
#: A word in more sentences of the article than this is the story's, not the act's.
MAX_SENTENCES = 3
_PLAIN = re.compile(r"[^\W\d_]+", re.UNICODE)
_NEGATION = re.compile(r"\b(not|never)\b|n['’]t\b", re.I)


def _plain_words(text: str) -> set[str]:
    from chronist.stories.features import STOP_WORDS

    return {w for w in _PLAIN.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS}


def find_retold(
    act: dict[str, Any], record: dict[str, Any], cache: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Sentences of ``record`` that tell ``act`` again in other words: spoken by or naming
    its actor, naming its recipient, negated alike, with no other date written in them, and
    sharing at least :data:`MIN_SHARED` words with the act's own clause that are rare in the
    article ("condemned America for failing to separate the so-called moderate opposition
    from terrorists (especially the Jabhat al Nusra group)" and Lavrov's "the Americans ...
    their promise to separate the so-called moderate opposition from [al-Nusra Front]").
    """
    act_sentence = act.get("text") or (act.get("sentence") or {}).get("text") or ""
    actors, recipients = side_keys(act, "actors"), side_keys(act, "recipients")
    if not act_sentence or not actors or not recipients:
        return []
    names = set()
    for side in ("actors", "recipients"):
        for p in act.get(side) or []:
            names |= _plain_words(((p.get("mention") or {}).get("text")) or p.get("name") or "")
    body = record.get("body") or ""
    sentences = record.get("sentences") or []
    key = record.get("id") or str(id(record))
    if cache is None or key not in cache:
        found_words = _sentence_words(body, sentences)
        if cache is None:
            cache = {}
        cache[key] = found_words
    texts, counts = cache[key]
    wanted = _plain_words(act_sentence) - names
    when = written_date(act)
    negated = bool((act.get("modality") or {}).get("negated"))
    found = []
    for s, ws in zip(sentences, texts, strict=True):
        shared = {w for w in ws & wanted if counts[w] <= MAX_SENTENCES}
        if len(shared) < MIN_SHARED:
            continue
        if bool(_NEGATION.search(body[s["start"] : s["end"]])) != negated:
            continue
        named = _named_in(record, s)
        if not (named & recipients) or not (named & actors or _speakers(record, s) & actors):
            continue
        if when and any(
            d.get("value") and not _agree_loose(d["value"].split("/")[0], when)
            for d in record.get("dates") or []
            if s["start"] <= d["start"] < s["end"]
        ):
            continue
        text = body[s["start"] : s["end"]]
        found.append(_uncoded(act, s, text, date=None, trigger=None,
                              shared_words=sorted(shared)))  # fmt: skip
    return found


def _sentence_words(
    body: str, sentences: list[dict[str, int]]
) -> tuple[list[set[str]], dict[str, int]]:
    """Each sentence's plain words, and in how many sentences each word is."""
    counts: dict[str, int] = {}
    texts = []
    for s in sentences:
        ws = _plain_words(body[s["start"] : s["end"]])
        texts.append(ws)
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    return texts, counts


def _agree_loose(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _named_in(record: dict[str, Any], sentence: dict[str, int]) -> set[str]:
    """Countries and names of the actors mentioned in a sentence."""
    out: set[str] = set()
    for actor in record.get("actors") or []:
        if any(
            sentence["start"] <= m["start"] < sentence["end"] for m in actor.get("mentions") or []
        ):
            out |= who(actor.get("country"), actor.get("name"))
    return out


def _speakers(record: dict[str, Any], sentence: dict[str, int]) -> set[str]:
    """Countries and names of whoever is quoted in a sentence."""
    by_id = {a.get("id"): a for a in record.get("actors") or []}
    out: set[str] = set()
    for q in record.get("quotes") or []:
        if q["start"] < sentence["end"] and sentence["start"] < q["end"]:
            actor = by_id.get(q.get("speaker_actor")) or {}
            out |= who(actor.get("country"), q.get("speaker"))
    return out
