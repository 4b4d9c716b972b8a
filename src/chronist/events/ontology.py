"""The PLOVER 2.0 event ontology: the 16 event types, their quad classes, modes and scores.

PLOVER (Political Language Ontology for Verifiable Event Records) is the event-data standard
of the Open Event Data Alliance (OEDA) that replaces CAMEO: it keeps the 2-digit CAMEO cue
categories as 16 event types and moves the detail of CAMEO's 3- and 4-digit codes into a
``mode`` (how: CONSULT by ``phone``, ASSAULT with ``firearms``) and a ``context`` (why or about
what: ``economic``, ``military``). Source: the PLOVER manual, "DRAFT Version: 2.0"
(``PLOVER_MANUAL.tex`` in https://github.com/openeventdata/PLOVER, commit 5e0c24f), licensed
CC BY-SA 4.0, Copyright 2021 by the Open Event Data Alliance. The type names, mode names, quad
classes and scores below are facts taken from it; the one-sentence definitions are chronist's
own words, not the manual's text.

- **Quad classes** follow each type's "Quad category" subsection in the manual's chapter "Event
  Categories"; chronist numbers them as the manual's ``quad_code`` field does (1, 2, 3 or 4):
  1 verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE), 2 material cooperation (COOPERATE,
  AID, RETREAT), 3 verbal conflict (REQUEST, ACCUSE, REJECT, THREATEN), 4 material conflict
  (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT).
- **Modes** are the 2.0 manual's mode tables ("Supplementary fields: modes"); types without a
  table (AGREE, SUPPORT, CONCEDE, COOPERATE, AID) have none. Modes the 2.0 manual dropped or
  renamed are mapped by :func:`normalise_mode` (e.g. ASSAULT ``assassinate`` → ``targeted``).
- **Scores** are the manual's "PLOVER conflict--cooperation scores" table (section "Numeric
  conflict/cooperation scores"): expert-set values on the Goldstein-like scale from -10
  (conflict) to +10 (cooperation), one per type and most modes. :attr:`EventType.score` is the
  type's score; :func:`event_score` prefers the mode's. One correction, chronist's own: the
  table prints ACCUSE as ``3`` while all three ACCUSE modes are negative (-2, -3.5, -3.5) and
  the Draft 0.8 table had -2.0, so chronist reads it as -3.0 (a lost minus sign).
- **Old names** (PLOVER 0.5 to 0.8) are accepted by :func:`event_type`: DEMAND → REQUEST,
  DISAPPROVE → ACCUSE (mode ``disapprove``), INVESTIGATE → ACCUSE (mode ``investigate``),
  FIGHT → ASSAULT; also COOPERATION → COOPERATE and THREAT → THREATEN, spellings the manuals
  use in places.
"""

from __future__ import annotations

from dataclasses import dataclass

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type."""

    name: str
    quad: int
    quad_name: str
    score: float
    modes: tuple[str, ...]
    definition: str


def _type(name: str, quad: int, score: float, modes: str, definition: str) -> EventType:
    return EventType(name, quad, QUAD_NAMES[quad], score, tuple(modes.split()), definition)


#: The 16 PLOVER 2.0 event types, in the manual's order.
PLOVER_TYPES: dict[str, EventType] = {
    t.name: t
    for t in (
        _type(
            "AGREE", 1, 2.5, "",
            "Says it will cooperate: offers, promises or commits to a future cooperative act.",
        ),
        _type(
            "CONSULT", 1, 2.5, "visit third-party multilateral phone",
            "Meets, visits, hosts, negotiates with or talks by phone to another party.",
        ),
        _type(
            "SUPPORT", 1, 5.0, "",
            "Backs another party in words or diplomacy: praise, endorsement, recognition, "
            "or signing and ratifying an agreement.",
        ),
        _type(
            "CONCEDE", 1, 4.5, "",
            "Gives ground in words without immediate material effect, such as announcing an "
            "easing, a pardon or a coming withdrawal.",
        ),
        _type(
            "COOPERATE", 2, 9.5, "",
            "Takes part in a material exchange that benefits both sides, such as trade, joint "
            "exercises, extraditions or shared intelligence.",
        ),
        _type(
            "AID", 2, 10.0, "",
            "Gives material help that mainly benefits the receiver: money, arms, relief "
            "supplies or asylum.",
        ),
        _type(
            "RETREAT", 2, 6.5, "withdraw release disarm ceasefire access resign",
            "Actually backs down with material effect: withdraws, frees captives, disarms, "
            "observes a ceasefire, lets others in or resigns.",
        ),
        _type(
            "REQUEST", 3, 0.0, "assist change yield meet",
            "Asks, demands or orders that another party do something, in words only.",
        ),
        _type(
            "ACCUSE", 3, -3.0, "disapprove investigate allege",
            "Criticises, blames, accuses, sues or opens an investigation into another party.",
        ),
        _type(
            "REJECT", 3, -2.0, "assist change yield meet",
            "Refuses or turns down a proposal, demand, request or obligation.",
        ),
        _type(
            "THREATEN", 3, -3.5, "restrict arrest relations expel territory violence",
            "Warns of harmful action to come if the other party does not comply.",
        ),
        _type(
            "PROTEST", 4, -5.0, "demo riot strike hunger boycott obstruct vandalize",
            "Takes part in collective public dissent: demonstrations, riots, strikes, "
            "boycotts or blockades.",
        ),
        _type(
            "SANCTION", 4, -6.0, "convict expel withdraw discontinue",
            "Cuts back existing relations or exchanges: sanctions, expulsions, withdrawals "
            "or convictions.",
        ),
        _type(
            "MOBILIZE", 4, -5.5, "troops weapons police militia",
            "Puts armed or police forces or weapons on alert or on the move without using "
            "force.",
        ),
        _type(
            "COERCE", 4, -7.0,
            "seize restrict censor curfew martial-law arrest deport withhold misinformation "
            "cyber",
            "Uses state power to repress or restrict short of violence, such as arrests, "
            "curfews, bans, censorship or deportations.",
        ),
        _type(
            "ASSAULT", 4, -9.0,
            "abduct beat torture sexual targeted destroy primitive firearms explosives "
            "suicide-attack aerial drone heavy-weapons crowd-control unconventional",
            "Uses physical force that can cause serious harm: attacks, killings, bombings, "
            "abductions or fighting.",
        ),
    )
}  # fmt: skip

#: Scores of type–mode pairs from the manual's table (modes without a row use the type's).
MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0, ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0, ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1.0, ("REQUEST", "yield"): -1.0,
    ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2.0, ("REJECT", "yield"): -2.0,
    ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0, ("THREATEN", "arrest"): -3.5,
    ("THREATEN", "relations"): -3.5, ("THREATEN", "expel"): -3.5,
    ("THREATEN", "territory"): -4.0, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0, ("PROTEST", "riot"): -7.0, ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6.0,
    ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0, ("COERCE", "restrict"): -7.0, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0, ("COERCE", "withhold"): -7.0,
    ("COERCE", "misinformation"): -6.5, ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0, ("ASSAULT", "firearms"): -9.0,
    ("ASSAULT", "explosives"): -9.0, ("ASSAULT", "suicide-attack"): -9.5,
    ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10.0,
}  # fmt: skip

#: Old (PLOVER 0.5–0.8) type names → (2.0 type, the mode the old name implies).
OLD_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
    "COOPERATION": ("COOPERATE", None),
    "THREAT": ("THREATEN", None),
}

#: Modes of earlier drafts (and of the 2021 CAMEO→PLOVER table) that PLOVER 2.0 renamed or
#: folded into another mode, per type. Dropped modes without a 2.0 successor (RETREAT
#: ``return``/``ease``, ASSAULT ``cleansing``/``sideAB``) normalise to None.
MODE_ALIASES: dict[str, dict[str, str]] = {
    "ASSAULT": {
        "assassinate": "targeted",
        "execute": "targeted",
        "massacre": "targeted",
        "seize": "destroy",  # the 2021 table's "destroy property" row
    },
    "COERCE": {"confiscate": "seize", "ban": "restrict", "raid": "seize"},
    "THREATEN": {"ban": "restrict"},
    "PROTEST": {"general": "strike", "demonstration": "demo", "hunger-strike": "hunger"},
    "CONSULT": {"telephone": "phone", "host": "visit", "thirdparty": "third-party"},
}


def event_type(name: str) -> EventType:
    """The PLOVER type called ``name`` (any case; old 0.5 names such as DEMAND accepted).

    Raises ``KeyError`` naming the 16 types when ``name`` is none of them."""
    key = name.strip().upper() if isinstance(name, str) else ""
    if key in PLOVER_TYPES:
        return PLOVER_TYPES[key]
    if key in OLD_NAMES:
        return PLOVER_TYPES[OLD_NAMES[key][0]]
    raise KeyError(
        f"{name!r} is not a PLOVER event type; expected one of {', '.join(PLOVER_TYPES)}"
        f" (or an old name: {', '.join(OLD_NAMES)})"
    )


def normalise_mode(type_name: str, mode: str | None) -> str | None:
    """``mode`` as a PLOVER 2.0 mode of ``type_name``, or None when it is not one.

    Case, spaces and underscores are ignored ("Third party" → ``third-party``); modes of earlier
    drafts map to their 2.0 successor (:data:`MODE_ALIASES`). With no mode, an old type name
    that implies one gives it (DISAPPROVE → ``disapprove``). Raises ``KeyError`` for an unknown
    type, like :func:`event_type`."""
    kind = event_type(type_name)
    if mode is None or not mode.strip():
        old = OLD_NAMES.get(type_name.strip().upper())
        return old[1] if old else None
    key = "-".join(mode.strip().lower().replace("_", " ").replace("-", " ").split())
    if key in kind.modes:
        return key
    alias = MODE_ALIASES.get(kind.name, {}).get(key) or MODE_ALIASES.get(kind.name, {}).get(
        key.replace("-", "")
    )
    return alias if alias in kind.modes else None


def event_score(type_name: str, mode: str | None = None) -> float:
    """The manual's conflict–cooperation score of a type, or of its mode when the table has
    one (-10 most conflictual, +10 most cooperative)."""
    kind = event_type(type_name)
    normal = normalise_mode(type_name, mode)
    if normal is not None and (kind.name, normal) in MODE_SCORES:
        return MODE_SCORES[(kind.name, normal)]
    return kind.score
