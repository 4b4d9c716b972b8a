"""A store for the web tests: the examples and seeds, analysed, and one hostile article whose
title, body, outlet, authors and URL carry markup, script, event handlers, a ``javascript:``
link and a right-to-left override, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Everything here must reach the pages as text, never as markup.
HOSTILE = {
    "title": "Harbour \u202etxet desrever\u202c <img src=x onerror=alert('t')> talks",
    "outlet": "<b onmouseover=alert('o')>Evil Gazette</b>",
    "url": "javascript:alert('u')",
    "authors": ["<svg onload=alert('a')>"],
    "date": "2024-05-02",
    "text": (
        "Harbour \u202etxet desrever\u202c <img src=x onerror=alert('t')> talks\n\n"
        "The Vell government accused the Harrow council of blocking the ferry on Monday. "
        "<script>alert('b')</script> Mayor Odile Brant said: \"</p></div><script>alert('q')"
        '</script> We will not give in."\n\n'
        "Odile Brant met <i>Jonas Eklund</i> in Harrow on May 1, 2024, and the two sides "
        'agreed to reopen the pier. A link: <a href="javascript:alert(1)">click</a>.'
    ),
}


def hostile_jsonl(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return path


def build_store(target: str, records: list[dict[str, Any]], folder: Path) -> None:
    """Store ``records`` and the hostile article (analysed here) at ``target``, and run the
    store steps (stories)."""
    from chronist.pipeline import run
    from chronist.settings import Settings
    from chronist.steps import run_store_steps
    from chronist.store import open_store

    settings = Settings(classifier=False)
    hostile = [i.to_dict() for i in run([str(hostile_jsonl(folder))], settings)
               if hasattr(i, "to_dict")]  # fmt: skip
    assert hostile, "the hostile article was not analysed"
    store = open_store(target)
    try:
        for record in [*records, *hostile]:
            store.put_record(record)
        run_store_steps(store, settings)
    finally:
        store.close()
