"""Dump the rendered full-page plain text of zyte pages next to their gold body, for debugging.

Usage::

    python bench/dump_plaintext.py [N] [--out /tmp/zyte_txt] [--ids ID ...] [--chronist]

Writes ``<out>/<id>.txt`` (the page rendered by :func:`render.render_page_text`, i.e. what the
plain-text benchmark feeds to chronist) and ``<out>/<id>.gold.txt`` (the gold article body) for the
first N pages (all pages when N is omitted) of ``shared/corpora/zyte-article-extraction``, plus an
``index.tsv`` (id, url, words of page, words of gold). With ``--chronist`` it also writes
``<id>.chronist.txt`` (chronist's plain-text body) and adds its page F1 to the index. The output
folder is outside the repo on purpose: the page text belongs to the publishers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import ZYTE, load_zyte, page_f1, shingle_match  # noqa: E402
from render import render_page_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=None, help="first N pages (default: all)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/zyte_txt"))
    ap.add_argument("--ids", nargs="*", default=None, help="only these page ids (prefixes ok)")
    ap.add_argument("--chronist", action="store_true", help="also write chronist's text body")
    args = ap.parse_args(argv)

    if not ZYTE.is_dir():
        print(f"Corpus not found: {ZYTE}; nothing to do.")
        return 0
    pages = load_zyte(None if args.ids else args.n)
    if args.ids:
        pages = [p for p in pages if any(p.id.startswith(i) for i in args.ids)]

    extract = RawDocument = None
    if args.chronist:
        from chronist.extract import extract
        from chronist.model import RawDocument

    args.out.mkdir(parents=True, exist_ok=True)
    index = ["id\turl\tpage_words\tgold_words" + ("\tchronist_f1" if extract else "")]
    for p in pages:
        text = render_page_text(p.html)
        (args.out / f"{p.id}.txt").write_text(text + "\n", encoding="utf-8")
        (args.out / f"{p.id}.gold.txt").write_text((p.gold or "") + "\n", encoding="utf-8")
        row = f"{p.id}\t{p.url}\t{len(text.split())}\t{len((p.gold or '').split())}"
        if extract is not None:
            body = extract(RawDocument(input=p.id, content=text, kind="text", fields={})).body
            (args.out / f"{p.id}.chronist.txt").write_text(body + "\n", encoding="utf-8")
            row += f"\t{page_f1(shingle_match(p.gold or '', body)):.3f}"
        index.append(row)
    (args.out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"wrote {len(pages)} pages to {args.out} (index.tsv lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
