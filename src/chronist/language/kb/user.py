"""User extension files (``--kb FILE``): CSV or YAML rows merged over the shipped knowledge base.

CSV: a header row, then one row per fact. Columns (only ``type`` and ``name`` are required)::

    type,name,aliases,country,sector,start,end,kind,code

- ``type``: ``person``, ``organisation`` (or organization/org), ``country``, ``demonym``,
  ``metonym`` or ``agent``.
- ``aliases``: extra names separated by ``;``.
- ``country``: ISO 3166 alpha-3 or IGO/UNO/EUR/NGO/IMG/MNC; ``sector``: a PLOVER sector (GOV,
  MIL, REB, ...). For a ``demonym`` or ``country`` row, ``country`` is the code the name means.
- ``start``/``end``: ISO dates (``2021-01-20``; ``2021-01`` and ``2021`` mean the first day) of a
  person's role; empty = open. Several rows with the same person's name add several roles.
- ``kind`` (organisations): igo, ngo, mnc, media, group or institution; ``code``: a free code.

YAML: a list of mappings with the same keys (``aliases`` may be a list); a person may give
``roles:`` as a list of mappings with country, sector, start and end instead of one role::

    - type: person
      name: John Kerry
      roles:
        - {country: USA, sector: GOV, start: 2021-01-20, end: 2024-03-06}

A user person or organisation replaces every shipped entry with the same name; user names and
aliases are looked up before the shipped ones.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from chronist.language.kb.normalise import key

TYPES = {
    "person": "person",
    "people": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "igo": "organisation",
    "ngo": "organisation",
    "group": "organisation",
    "country": "country",
    "demonym": "demonym",
    "metonym": "metonym",
    "agent": "agent",
}
ORG_KINDS = {"igo", "ngo", "mnc", "media", "group", "institution"}


class KBFileError(ValueError):
    """A user knowledge-base file that cannot be read; the message names the file and row."""


def _date(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1).isoformat()
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise KBFileError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from None


def _aliases(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).replace("|", ";").split(";") if part.strip()]


def _upper(value: Any) -> str | None:
    text = str(value or "").strip().upper()
    return text or None


def read_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(``file:line``, row) pairs of a CSV or YAML file."""
    if not path.is_file():
        raise KBFileError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:  # pragma: no cover - PyYAML is a dependency
            raise KBFileError(f"{path}: reading YAML needs PyYAML (pip install pyyaml)") from None
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise KBFileError(f"{path}: invalid YAML ({exc})") from None
        if isinstance(data, dict):  # {people: [...], organisations: [...]} is accepted too
            data = [
                {"type": section.rstrip("s"), **row}
                for section, rows in data.items()
                for row in rows or []
            ]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise KBFileError(f"{path}: expected a list of mappings")
        return [(f"{path}:{i}", row) for i, row in enumerate(data, 1)]
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"type", "name"} <= {f.strip() for f in reader.fieldnames}:
        raise KBFileError(f"{path}: the CSV header needs at least the columns type,name")
    return [
        (f"{path}:{reader.line_num}", {k.strip(): v for k, v in row.items() if k}) for row in reader
    ]


def read_user_files(paths: list[Path]) -> dict[str, Any]:
    """Every user file merged into one set of entries, in the shipped KB's layout."""
    people: dict[str, dict[str, Any]] = {}
    orgs: dict[str, dict[str, Any]] = {}
    out: dict[str, Any] = {"countries": {}, "demonyms": {}, "metonyms": {}, "agents": {}}
    for path in paths:
        for where, row in read_rows(Path(path)):
            kind = TYPES.get(str(row.get("type") or "").strip().lower())
            name = str(row.get("name") or "").strip()
            if kind is None:
                raise KBFileError(f"{where}: unknown type {row.get('type')!r}")
            if not key(name):
                raise KBFileError(f"{where}: a name is required")
            aliases = _aliases(row.get("aliases"))
            country, sector = _upper(row.get("country")), _upper(row.get("sector"))
            if kind == "person":
                entry = people.setdefault(
                    key(name), {"name": name, "aliases": [], "roles": [], "source": where}
                )
                entry["aliases"] += aliases
                roles = row.get("roles") or [row]
                for role in roles:
                    role_country = _upper(role.get("country"))
                    role_sector = _upper(role.get("sector"))
                    start, end = _date(role.get("start"), where), _date(role.get("end"), where)
                    if (start or end) and not (role_country or role_sector):
                        raise KBFileError(f"{where}: a dated role needs a country or a sector")
                    if role_country or role_sector:
                        entry["roles"].append(
                            {
                                "country": role_country,
                                "sector": role_sector,
                                "sectors": [role_sector] if role_sector else [],
                                "start": start,
                                "end": end,
                                "code": f"{role_country or ''}{role_sector or ''} (user)",
                                "source": where,
                            }
                        )
            elif kind == "organisation":
                org_kind = str(row.get("kind") or "").strip().lower() or _guess_kind(
                    country, sector
                )
                if org_kind not in ORG_KINDS:
                    raise KBFileError(f"{where}: kind must be one of {sorted(ORG_KINDS)}")
                entry = orgs.setdefault(key(name), {"name": name, "aliases": []})
                entry.update(
                    kind=org_kind,
                    code=str(row.get("code") or "").strip() or f"{country or ''}{sector or ''}",
                    country=country,
                    sector=sector,
                    sectors=[sector] if sector else [],
                    start=_date(row.get("start"), where),
                    end=_date(row.get("end"), where),
                    source=where,
                )
                entry["aliases"] += aliases
            elif kind in ("country", "demonym"):
                if not country:
                    raise KBFileError(f"{where}: a {kind} row needs the country code it means")
                for text in [name, *aliases]:
                    out[f"{kind}s" if kind == "demonym" else "countries"][key(text)] = {
                        "code3": country,
                        "text": text,
                        "source": where,
                    }
            elif kind == "metonym":
                if not country:
                    raise KBFileError(f"{where}: a metonym row needs a country")
                for text in [name, *aliases]:
                    out["metonyms"][key(text)] = {
                        "text": text,
                        "country": country,
                        "sector": sector or "GOV",
                        "kind": "user",
                        "source": where,
                    }
            else:
                if not sector:
                    raise KBFileError(f"{where}: an agent row needs a sector")
                for text in [name, *aliases]:
                    out["agents"][key(text)] = {
                        "text": key(text),
                        "sector": sector,
                        "sectors": [sector],
                        "code": None,
                        "source": where,
                    }
    for entry in people.values():
        entry["id"] = "user:person:" + key(entry["name"]).replace(" ", "-")
    for entry in orgs.values():
        entry["id"] = "user:org:" + key(entry["name"]).replace(" ", "-")
    out["people"] = list(people.values())
    out["orgs"] = list(orgs.values())
    return out


def _guess_kind(country: str | None, sector: str | None) -> str:
    if country in ("IGO", "UNO", "EUR"):
        return "igo"
    if country == "NGO":
        return "ngo"
    if country == "MNC":
        return "mnc"
    if country == "IMG" or sector in ("REB", "PRM", "OPP", "UAF"):
        return "group"
    return "institution"
