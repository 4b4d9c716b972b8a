"""The knowledge base: the shipped file (plus user files) and case-, accent- and
punctuation-insensitive lookups over it. Indexes are built on first use, section by section."""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from datetime import date, datetime
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from chronist.language.kb.matches import (
    AgentMatch,
    CountryMatch,
    MetonymMatch,
    OrgMatch,
    PersonMatch,
    Role,
)
from chronist.language.kb.normalise import key, skeleton, without_particles
from chronist.language.kb.user import read_user_files

#: Title words skipped at the start of a name when the full form is not known ("Mr. Lavrov").
_TITLES = {
    "mr", "mrs", "ms", "dr", "president", "prime", "minister", "foreign", "defense", "defence",
    "secretary", "senator", "sen", "gen", "general", "ambassador", "sheikh", "king", "queen",
    "prince", "chancellor", "premier", "of", "state", "us", "russian", "syrian", "former",
}  # fmt: skip
#: When several organisations share a name: the kinds preferred first.
_KIND_ORDER = {"igo": 0, "group": 1, "institution": 2, "ngo": 3, "media": 4, "mnc": 5}


#: The party table lists spells in national government from this day on.
PARTIES_SINCE = date(2000, 1, 1)


def _as_date(on: date | None) -> date | None:
    """A datetime is taken as its date (a date and a datetime do not compare)."""
    return on.date() if isinstance(on, datetime) else on


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _role(raw: dict[str, Any]) -> Role:
    return Role(
        country=raw.get("country"),
        sector=raw.get("sector"),
        sectors=tuple(raw.get("sectors") or ()),
        start=_d(raw.get("start")),
        end=_d(raw.get("end")),
        code=raw.get("code") or "",
        source=raw.get("source") or "",
    )


def _key_index(entries: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Every lookup key (:func:`_keys`) of the entries → their positions."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        for k in _keys(entry):
            index[k].append(i)
    return dict(index)


def _keys(entry: dict[str, Any], field: str = "name") -> set[str]:
    """Every lookup key of an entry: its name, its aliases, and both without "al"/"el"."""
    out = set()
    for text in (entry[field], *entry.get("aliases", ())):
        k = key(text)
        if k:
            out.add(k)
            out.add(without_particles(k))
    return out


#: Short forms of given names, for names the KB writes in full ("Bob Mueller").
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "bill": ("william",),
    "billy": ("william",), "will": ("william",), "mike": ("michael",), "jim": ("james",),
    "jimmy": ("james",), "joe": ("joseph",), "tom": ("thomas",), "dick": ("richard",),
    "rick": ("richard",), "rich": ("richard",), "chuck": ("charles",), "charlie": ("charles",),
    "ted": ("edward", "theodore"), "ed": ("edward",), "tony": ("anthony",), "andy": ("andrew",),
    "dave": ("david",), "steve": ("stephen", "steven"), "ben": ("benjamin",),
    "nick": ("nicholas",), "pete": ("peter",), "matt": ("matthew",), "dan": ("daniel",),
    "danny": ("daniel",), "sam": ("samuel",), "alex": ("alexander",), "greg": ("gregory",),
    "jeff": ("jeffrey",), "ron": ("ronald",), "don": ("donald",), "ken": ("kenneth",),
    "larry": ("lawrence",), "jerry": ("gerald", "jerome"), "liz": ("elizabeth",),
    "beth": ("elizabeth",), "kate": ("katherine", "catherine"), "sue": ("susan",),
    "jenny": ("jennifer",), "debbie": ("deborah",), "vicky": ("victoria",),
}  # fmt: skip


#: "p.m."/"a.m." written as a time ("3:10 p.m.", "p.m." with its dots): never the PM.
_TIME_OF_DAY = re.compile(r"(?:\d\s*|\b)[ap]\.m\.?(?!\w)")


class KnowledgeBase:
    """Countries, demonyms, metonyms, organisations, people with dated roles, and role nouns.

    ``KnowledgeBase.default()`` is the shipped KB, loaded once per process;
    ``KnowledgeBase.load([Path("mine.csv")])`` adds user files (see :mod:`.user`) whose entries
    override shipped ones with the same name.
    """

    def __init__(self, data: dict[str, Any], user: dict[str, Any] | None = None) -> None:
        user = user or {}
        self.provenance: dict[str, Any] = data.get("provenance", {})
        self._people = _override(data.get("people", []), user.get("people", []))
        shipped = [*data.get("igos", ()), *data.get("groups", ())]
        self._orgs = _override(shipped, user.get("orgs", []))
        self._countries: list[dict[str, Any]] = data.get("countries", [])
        self._metonym_rows: list[dict[str, Any]] = data.get("metonyms", [])
        self._agent_rows: list[dict[str, Any]] = data.get("agents", [])
        self._place_rows: list[dict[str, Any]] = data.get("places", [])
        self._parties: list[dict[str, Any]] = data.get("parties", [])
        self._user = user

    # ------------------------------------------------------------------ loading
    @classmethod
    def default(cls) -> KnowledgeBase:
        """The shipped knowledge base (cached: one load per process)."""
        return _default()

    @classmethod
    def load(cls, extra: list[Path] | None = None, base: Path | None = None) -> KnowledgeBase:
        """The shipped KB (or ``base``, a KB file) with the user files in ``extra`` merged in.

        Raises :class:`~chronist.language.kb.user.KBFileError` for an unreadable user file.
        """
        data = _read_kb(base) if base else _shipped()
        return cls(data, read_user_files(list(extra)) if extra else None)

    # ------------------------------------------------------------------ people
    @cached_property
    def _person_index(self) -> dict[str, list[int]]:
        return _key_index(self._people)

    @cached_property
    def _skeleton_index(self) -> dict[str, list[int]]:
        """Transliteration-tolerant keys of multi-word names (built on the first miss)."""
        index: dict[str, list[int]] = defaultdict(list)
        for k, found in self._person_index.items():
            if " " in k:
                for i in found:
                    if i not in index[skeleton(k)]:
                        index[skeleton(k)].append(i)
        return dict(index)

    @cached_property
    def _surname_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for i, person in enumerate(self._people):
            words = key(person["name"]).split()
            if len(words) > 1:
                index[words[-1]].append(i)
        return dict(index)

    def person(self, name: str, on: date | None = None) -> PersonMatch | None:
        """The person known by ``name`` (full name or alias) and the role valid ``on`` that day
        (the latest role when ``on`` is None). Title words in front of an unknown form are
        skipped ("Mr. Lavrov"). With several people of that name, a user entry wins, then one
        with a role valid that day."""
        on = _as_date(on)
        k = key(name)
        found = self._person_index.get(k) or self._person_index.get(without_particles(k))
        words = k.split()
        while not found and len(words) > 1 and words[0] in _TITLES:
            words = words[1:]
            found = self._person_index.get(" ".join(words))
        if not found and len(k.split()) > 1:
            found = self._skeleton_index.get(skeleton(without_particles(k)))
        if not found and len(words) > 2 and any(len(w.strip(".")) == 1 for w in words[1:-1]):
            # "Michael R. Pompeo", "Steven T. Mnuchin": the middle initial the KB leaves out
            words = [words[0], *(w for w in words[1:-1] if len(w.strip(".")) > 1), words[-1]]
            found = self._person_index.get(" ".join(words))
        if not found and len(words) > 1 and words[0] in _NICKNAMES:
            # "Bob Mueller" is Robert Mueller, "Bill Barr" William Barr
            for formal in _NICKNAMES[words[0]]:
                found = self._person_index.get(" ".join([formal, *words[1:]]))
                if found:
                    break
        if not found:
            return None
        matches = [self._person_match(i, name, on, len(found)) for i in found]
        return max(matches, key=lambda m: self._person_rank(m, on, k))

    def person_by_surname(self, surname: str, on: date | None = None) -> list[PersonMatch]:
        """Every person whose name ends with ``surname``, best first (user entries, then those
        with a role valid ``on``). Use only when one article's context makes the surname unique."""
        on = _as_date(on)
        found = self._surname_index.get(key(surname), [])
        matches = [self._person_match(i, surname, on, len(found)) for i in found]
        return sorted(matches, key=lambda m: self._person_rank(m, on, ""), reverse=True)

    def _person_match(self, i: int, matched: str, on: date | None, count: int) -> PersonMatch:
        person = self._people[i]
        roles = tuple(_role(r) for r in person["roles"])
        return PersonMatch(
            id=person["id"],
            name=person["name"],
            matched=matched,
            role=_pick_role(roles, on),
            roles=roles,
            candidates=count,
            user=bool(person.get("user")),
        )

    @staticmethod
    def _person_rank(match: PersonMatch, on: date | None, k: str) -> tuple[Any, ...]:
        role = match.role
        return (
            match.user,
            role is not None,
            key(match.name) == k,
            role is not None and role.sector not in (None, "ELI"),
            role is not None and role.dated,
            (role.start or date.min) if role else date.min,
        )

    # ------------------------------------------------------------------ countries
    @cached_property
    def _country_index(self) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
        names: dict[str, tuple[str, str]] = {}
        demonyms: dict[str, tuple[str, str]] = {}
        for row in reversed(self._countries):  # earlier rows (current countries) win
            if row.get("historic"):
                continue
            for text in row["aliases"]:
                names[key(text)] = (row["code3"], "alias")
            for text in row["demonyms"]:
                demonyms[key(text)] = (row["code3"], "demonym")
        for row in self._countries:
            if row.get("historic"):
                for text in [row["name"], *row["aliases"]]:
                    names.setdefault(key(text), (row["code3"], "alias"))
                for text in row["demonyms"]:
                    demonyms.setdefault(key(text), (row["code3"], "demonym"))
        for row in self._countries:
            names[key(row["name"])] = (row["code3"], "name")
        for k, row in self._user.get("countries", {}).items():
            names[k] = (row["code3"], "alias")
        for k, row in self._user.get("demonyms", {}).items():
            demonyms[k] = (row["code3"], "demonym")
        names.pop("", None)
        demonyms.pop("", None)
        return names, demonyms

    @cached_property
    def _by_code(self) -> dict[str, dict[str, Any]]:
        rows = {row["code3"]: row for row in self._countries}
        for row in self._user.get("countries", {}).values():
            rows.setdefault(
                row["code3"], {"code3": row["code3"], "code2": None, "name": row["text"]}
            )
        return rows

    def _country_match(self, found: tuple[str, str] | None, text: str) -> CountryMatch | None:
        if found is None:
            return None
        code3, via = found
        row = self._by_code.get(code3, {})
        return CountryMatch(code3, row.get("code2"), row.get("name") or code3, text, via)

    def country(self, text: str) -> CountryMatch | None:
        """A country by name or alias ("Russia", "the United States", "US", "U.S.", "Britain")."""
        return self._country_match(self._country_index[0].get(key(text)), text)

    def country_code(self, text: str) -> str | None:
        """``country(text).code3`` or None."""
        found = self._country_index[0].get(key(text))
        return found[0] if found else None

    def country_name(self, code3: str) -> str | None:
        """The canonical name of a country code ("RUS" → "Russia")."""
        row = self._by_code.get((code3 or "").upper())
        return row["name"] if row else None

    def demonym(self, text: str) -> str | None:
        """The country code of a demonym or adjective ("Russian", "Americans", "US") or None."""
        found = self.demonym_match(text)
        return found.code3 if found else None

    def demonym_match(self, text: str) -> CountryMatch | None:
        """Like :meth:`demonym`, with the country's name and the evidence."""
        k = key(text)
        index = self._country_index[1]
        found = index.get(k) or (index.get(k[:-1]) if k.endswith("s") else None)
        return self._country_match(found, text)

    # ------------------------------------------------------------------ metonyms
    @cached_property
    def _metonyms(self) -> dict[str, dict[str, Any]]:
        rows = {key(row["text"]): row for row in self._metonym_rows}
        rows.update(self._user.get("metonyms", {}))
        return rows

    def metonym(self, text: str) -> tuple[str, str] | None:
        """(country, sector) of a capital or seat of power ("Moscow", "the Kremlin" →
        ``("RUS", "GOV")``; "the Pentagon" → ``("USA", "MIL")``)."""
        found = self.metonym_match(text)
        return (found.country, found.sector) if found else None

    def metonym_match(self, text: str) -> MetonymMatch | None:
        """Like :meth:`metonym`, with the kind (capital, seat, office, user) and the evidence."""
        row = self._metonyms.get(key(text))
        if row is None:
            return None
        return MetonymMatch(text, row["country"], row["sector"], row["kind"], row["source"])

    # ------------------------------------------------------------------ organisations
    @cached_property
    def _org_index(self) -> dict[str, list[int]]:
        return _key_index(self._orgs)

    def organisation(self, text: str) -> OrgMatch | None:
        """An IGO, NGO, company, outlet, armed group or institution by name or alias ("UN",
        "NATO", "Islamic State", "Daesh", "al-Nusra Front", "Hezbollah")."""
        k = key(text)
        found = self._org_index.get(k) or self._org_index.get(without_particles(k))
        if not found:
            return None
        best = min(
            found,
            key=lambda i: (
                not self._orgs[i].get("user"),
                key(self._orgs[i]["name"]) != k,
                not self._orgs[i].get("curated"),
                _KIND_ORDER.get(self._orgs[i]["kind"], 9),
                i,
            ),
        )
        org = self._orgs[best]
        return OrgMatch(
            id=org["id"],
            name=org["name"],
            matched=text,
            kind=_actor_kind(org["kind"], org.get("sector")),
            category=org["kind"],
            code=org.get("code"),
            country=org.get("country"),
            sector=org.get("sector"),
            start=_d(org.get("start")),
            end=_d(org.get("end")),
            source=org.get("source", ""),
            user=bool(org.get("user")),
        )

    # ------------------------------------------------------------------ agents
    @cached_property
    def _agents(self) -> dict[str, dict[str, Any]]:
        rows = {row["text"]: row for row in self._agent_rows}
        rows.update(self._user.get("agents", {}))
        return rows

    def agent(self, word: str) -> AgentMatch | None:
        """A role noun or phrase ("minister", "troops", "riot police"); for a longer phrase the
        longest known ending wins ("senior Russian diplomat" → "diplomat"). A time of day is
        none ("3:10 p.m." is no prime minister)."""
        if _TIME_OF_DAY.search(word):
            return None
        words = key(word).split()
        for start in range(len(words)):
            phrase = " ".join(words[start:])
            for form in _singulars(phrase):
                row = self._agents.get(form)
                if row is not None:
                    return AgentMatch(
                        word,
                        form,
                        row.get("sector"),
                        tuple(row.get("sectors") or ()),
                        row.get("code"),
                        row.get("source", ""),
                    )
        return None

    def agent_sector(self, word: str) -> str | None:
        """The PLOVER sector a role noun implies ("minister" → GOV, "troops" → MIL)."""
        found = self.agent(word)
        return found.sector if found else None

    # ------------------------------------------------------------------ places
    @cached_property
    def _places(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for row in self._place_rows:
            names.setdefault(key(row["name"]), row["name"])
        for row in self._countries:
            if row.get("capital"):
                names.setdefault(key(row["capital"]), row["capital"])
        for row in self._metonym_rows:
            if row["kind"] == "capital":
                names.setdefault(key(row["text"]), row["text"])
        for k, (code3, _) in self._country_index[0].items():
            names.setdefault(k, self.country_name(code3) or code3)
        return names

    def place_name(self, text: str) -> str | None:
        """The name of the country, capital or city (100,000 people or more) ``text`` names."""
        return self._places.get(key(text))

    # ------------------------------------------------------------------ parties
    @cached_property
    def _party_index(self) -> dict[str, list[int]]:
        return _key_index(self._parties)

    def party(self, name: str, country: str | None = None) -> dict[str, Any] | None:
        """The party table's entry ``{name, country, spans}`` that ``name`` names ("Labour",
        "the Tories"), or None. Names shared by parties of several countries give the one whose
        own name matches, else the first in the table (GBR's Labour before New Zealand's);
        ``country`` (ISO alpha-3) picks that country's party when it has one."""
        k = key(name)
        found = self._party_index.get(k) or self._party_index.get(without_particles(k))
        if not found:
            return None
        if country:
            found = [i for i in found if self._parties[i]["country"] == country.upper()] or found
        return self._parties[min(found, key=lambda i: (key(self._parties[i]["name"]) != k, i))]

    def party_standing(
        self, name: str, on: date | None, country: str | None = None
    ) -> tuple[str, str, str] | None:
        """(country, "GOV" or "OPP", evidence) of a political party on a day: GOV when one of
        its spells in national government (head of government's party or a coalition partner
        with ministers; Quebec's parties for the province) covers ``on``, OPP when the party is
        known but none does. None when ``on`` is None or the party is unknown (see
        :meth:`party` for shared names and ``country``), and for a party that has governed on
        a day before the table begins (:data:`PARTIES_SINCE`): the Conservatives were in
        government in 1980, though the table lists no spell then.
        """
        on = _as_date(on)
        if on is None:
            return None
        party = self.party(name, country)
        if party is None:
            return None
        if on < PARTIES_SINCE and party["spans"]:
            return None
        label = f"{party['name']} ({party['country']})"
        for span in party["spans"]:
            start, end = _d(span["start"]), _d(span["end"])
            if (start is None or start <= on) and (end is None or on < end):
                until = f" to {span['end']}" if span["end"] else ""
                evidence = f"{span['source']}: {label} in government from {span['start']}{until}"
                return party["country"], "GOV", f"{evidence} ({span['note']})"
        spells = ", ".join(f"{s['start']}–{s['end'] or ''}" for s in party["spans"])
        source = party["spans"][0]["source"] if party["spans"] else party.get("source", "")
        held = f" ({spells})" if spells else ""
        return party["country"], "OPP", f"{source}: {label} not in government on {on}{held}"

    # ------------------------------------------------------------------ misc
    def counts(self) -> dict[str, int]:
        """Entries per section (user entries included)."""
        return {
            "countries": len(self._countries),
            "metonyms": len(self._metonyms),
            "organisations": len(self._orgs),
            "people": len(self._people),
            "agents": len(self._agents),
            "places": len(self._place_rows),
            "parties": len(self._parties),
        }


def _actor_kind(category: str, sector: str | None) -> str:
    """The output contract's actor kind for an organisation of the KB's ``category``."""
    if category in ("igo", "ngo", "group"):
        return category
    if category == "institution":
        return "military" if sector == "MIL" else "government"
    return "organisation"  # companies and media


def _pick_role(roles: tuple[Role, ...], on: date | None) -> Role | None:
    """The role valid ``on`` (the latest-starting dated one, else the first undated one), or
    the latest role when ``on`` is None: an open-ended one, else the undated standing code of
    someone whose dated offices have all ended (Mandela after 1999 is ELI, not GOV)."""
    dated = [r for r in roles if r.dated]
    undated = [r for r in roles if not r.dated]
    if on is None:
        if dated and undated and all(r.end is not None for r in dated):
            return undated[0]
        if dated:
            return max(dated, key=lambda r: (r.end is None, r.start or date.min, r.end or date.max))
        return undated[0] if undated else None
    valid = [r for r in dated if r.valid_on(on)]
    if valid:
        return max(valid, key=lambda r: r.start or date.min)
    return undated[0] if undated else None


def _override(shipped: list[dict[str, Any]], user: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """User entries first, then the shipped ones whose name no user entry takes."""
    if not user:
        return shipped
    taken = {key(entry["name"]) for entry in user}
    return [dict(entry, user=True) for entry in user] + [
        entry for entry in shipped if key(entry["name"]) not in taken
    ]


def _singulars(phrase: str) -> list[str]:
    forms = [phrase]
    if phrase.endswith("ies"):
        forms.append(phrase[:-3] + "y")
    if phrase.endswith("es"):
        forms.append(phrase[:-2])
    if phrase.endswith("s"):
        forms.append(phrase[:-1])
    return forms


def _read_kb(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def _shipped() -> dict[str, Any]:
    raw = resources.files("chronist.language.kb").joinpath("data", "kb.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


@cache
def _default() -> KnowledgeBase:
    return KnowledgeBase(_shipped())
