"""What a knowledge-base lookup returns: the entry matched, its codes and the evidence for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Role:
    """One dated role of a person: PLOVER country and sector(s), valid from ``start`` (inclusive)
    to ``end`` (exclusive); ``None`` leaves that side open. ``code`` is the source's code as
    written (``USAGOVLEG 850103-130201``) and ``source`` the file and line it came from."""

    country: str | None
    sector: str | None
    sectors: tuple[str, ...]
    start: date | None
    end: date | None
    code: str
    source: str

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, on: date) -> bool:
        """True when the role holds on ``on`` (an undated role holds on every day)."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def describe(self) -> str:
        span = f"{self.start or '…'} to {self.end or '…'}" if self.dated else "undated"
        return f"[{self.code}] {span} ({self.source})"


@dataclass(frozen=True)
class PersonMatch:
    """A person found by name; ``role`` is the role valid on the date asked for (the latest one
    when no date was given), or ``None`` when the person held no known role that day."""

    id: str
    name: str
    matched: str
    role: Role | None
    roles: tuple[Role, ...]
    candidates: int
    user: bool

    @property
    def country(self) -> str | None:
        return self.role.country if self.role else None

    @property
    def sector(self) -> str | None:
        return self.role.sector if self.role else None

    @property
    def start(self) -> date | None:
        return self.role.start if self.role else None

    @property
    def end(self) -> date | None:
        return self.role.end if self.role else None

    @property
    def evidence(self) -> str:
        via = "" if self.matched == self.name else f" (matched {self.matched!r})"
        role = self.role.describe() if self.role else "no role known on that date"
        return f"{self.name}{via}: {role}"


@dataclass(frozen=True)
class CountryMatch:
    """A country (or demonym) resolved to ISO 3166 alpha-3 and its canonical name."""

    code3: str
    code2: str | None
    name: str
    matched: str
    via: str  # "name", "alias", "demonym"

    @property
    def evidence(self) -> str:
        return f"{self.matched!r} is a {self.via} of {self.name} ({self.code3})"


@dataclass(frozen=True)
class MetonymMatch:
    """A capital, seat of power or office standing for a country's government, military, …"""

    text: str
    country: str
    sector: str
    kind: str  # "capital", "seat", "office", "user"
    source: str

    @property
    def evidence(self) -> str:
        return f"{self.text!r} → {self.country} {self.sector} ({self.kind}: {self.source})"


@dataclass(frozen=True)
class OrgMatch:
    """An IGO, NGO, company, media outlet, armed group or national institution.

    ``kind`` is the actor kind of the output contract (igo, ngo, group, government, military,
    organisation); ``category`` the KB's finer one (igo, ngo, mnc, media, group, institution).
    """

    id: str
    name: str
    matched: str
    kind: str
    category: str
    code: str | None
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    source: str
    user: bool

    @property
    def evidence(self) -> str:
        via = "" if self.matched == self.name else f" (matched {self.matched!r})"
        return f"{self.name}{via}: {self.category} [{self.code or '-'}] ({self.source})"


@dataclass(frozen=True)
class AgentMatch:
    """A role noun ("minister", "troops") and the sector it implies."""

    text: str
    matched: str
    sector: str | None
    sectors: tuple[str, ...]
    code: str | None
    source: str

    @property
    def evidence(self) -> str:
        return f"{self.matched!r} → {self.sector} ({self.source})"
