"""Text from articles made safe for a terminal.

Data reaches the terminal through Rich, which reads ``[...]`` in a string as markup (an
outlet named ``[/quote]`` raised ``MarkupError`` and stopped the command) and passes escape
sequences through (``\\x1b[2J`` in a body cleared the screen; OSC sequences set titles and
links). Everything the commands print that came from an input goes through :func:`plain`
(control characters become visible pictures, ``␛`` for escape) and, where Rich would parse
it, :func:`cell` (a ``Text``, never markup) or :func:`esc` (markup escaped).
"""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

#: C0 controls but tab and line feed, DEL, and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for escape, ␀ for NUL, …
    return "\u2421" if code == 0x7F else "\ufffd"


def plain(value: Any) -> str:
    """``value`` as text with every control character but tab and newline made visible."""
    return _CONTROL.sub(_picture, "" if value is None else str(value))


def cell(value: Any, style: str = "") -> Text:
    """``value`` for a table cell or a printed line: plain, never read as markup."""
    return Text(plain(value), style=style)


def clean(value: Any) -> Any:
    """A record (dicts, lists, strings) with every string made :func:`plain`."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


class SafeTable(Table):
    """A Rich table whose string cells and title are text, never markup."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:
        super().add_row(*(cell(r) if isinstance(r, str) else r for r in renderables), **kwargs)


def esc(value: Any) -> str:
    """``value`` plain and with Rich markup escaped, for a string that also holds markup."""
    return escape(plain(value))


__all__ = ["SafeTable", "cell", "clean", "esc", "plain"]
