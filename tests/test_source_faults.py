"""Inputs that used to stop a whole run or hang it (issue 18's reliability reading), each
beside a good article that must still be read: a WARC ``response`` record without
``WARC-Target-URI``, a JSON line nested 2,000 deep, a FIFO in the input folder, a file name
that is not valid UTF-8, and a long run of one punctuation character. Written for these tests."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from chronist.errors import InputError
from chronist.sources import iter_documents

GOOD = (
    "The Vell government accused the Harrow council of blocking the ferry on Monday, "
    "officials said in a statement to reporters. Odile Brant met Jonas Eklund in Harrow on "
    "May 1, 2024, and the two sides agreed to reopen the pier after weeks of talks."
)


def _article(item: object) -> bool:
    from chronist.model import Article

    return isinstance(item, Article | InputError)


def _read(path: Path) -> tuple[list, list[InputError]]:
    items = list(iter_documents([str(path)]))
    return ([i for i in items if not isinstance(i, InputError)],
            [i for i in items if isinstance(i, InputError)])  # fmt: skip


def test_a_warc_response_without_target_uri_is_read_and_the_rest_too(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = f"<html><head><title>Harbour</title></head><body><p>{GOOD}</p></body></html>"
    path = tmp_path / "a.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        for uri in (None, "https://news.example/a"):
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
    docs, errors = _read(path)
    assert not errors
    assert [d.fields.get("url") for d in docs] == [None, "https://news.example/a"]


def test_a_json_line_nested_too_deep_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"text": "x", "a": ' + "[" * 2000 + "]" * 2000 + "}\n"
    path.write_text(deep + json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    docs, errors = _read(path)
    assert len(docs) == 1 and len(errors) == 1
    assert "nested too deep" in errors[0].line() and ":1" in errors[0].line()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_input_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    docs, errors = _read(tmp_path)
    assert time.monotonic() - started < 10
    assert len(docs) == 1 and "not a regular file" in errors[0].line()


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(tmp_path: Path) -> None:
    from chronist.pipeline import run
    from chronist.settings import Settings
    from chronist.store import open_store

    name = os.fsdecode(b"bad\xffname.txt")
    try:
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses such names")
    (item,) = [i for i in run([str(tmp_path / name)], Settings(stages=())) if _article(i)]
    assert not isinstance(item, InputError), item
    assert item.input.endswith("bad\\xffname.txt")
    store = open_store(tmp_path / "s.db")
    assert store.put(item).status == "new"
    store.close()


def test_a_long_run_of_one_punctuation_character_does_not_hang(tmp_path: Path) -> None:
    from chronist.pipeline import run
    from chronist.settings import Settings

    path = tmp_path / "punct.txt"
    path.write_text("Harbour talks\n\n" + GOOD + " " + "!" * 30000 + "\n", encoding="utf-8")
    started = time.monotonic()
    (item,) = [i for i in run([str(path)], Settings(classifier=False)) if _article(i)]
    assert not isinstance(item, InputError), item
    assert time.monotonic() - started < 30
    assert "Harrow" in item.body and "!" * 100 not in item.body


RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров провёл переговоры с госсекретарём США.\n"
    "Обе стороны договорились продолжить консультации по Сирии в Женеве."
)
JAPANESE = (
    "日本政府は月曜日、港の再開について隣国と合意したと発表した。\n"
    "両国の外相は東京で会談し、漁業協定の延長についても話し合った。"
)
CHINESE = (
    "中国外交部发言人周一表示，双方同意在日内瓦继续就叙利亚问题进行磋商。\n会谈持续了三个小时。"
)


def test_utf16_without_bom_in_any_script_and_a_stray_nul_are_text() -> None:
    from chronist.sources.decode import decode_bytes

    for text in (RUSSIAN, JAPANESE, CHINESE, GOOD):
        for encoding in ("utf-16-le", "utf-16-be"):
            assert decode_bytes(text.encode(encoding), "t") == text, (text[:10], encoding)
    # the same words in an 8-bit encoding are not taken for UTF-16
    assert decode_bytes(RUSSIAN.encode("cp1251"), "t") == RUSSIAN
    french = "Le ministre a déclaré que les négociations reprendraient à Genève, après l'été."
    assert decode_bytes(french.encode("latin-1"), "t") == french
    # one NUL is damage to drop later, not a binary file; many are a binary file
    stray = GOOD[:40] + "\x00" + GOOD[40:]
    assert decode_bytes(stray.encode(), "t") == stray
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 200, "t")


def test_a_warc_without_any_page_is_an_error_not_a_silent_success(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "empty.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(writer.create_warcinfo_record("empty.warc", {"software": "test"}))
    docs, errors = _read(path)
    assert not docs and len(errors) == 1
    assert "no HTML response record" in errors[0].line()


def test_a_warc_record_over_the_size_limit_is_refused_when_unpacked(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    small = f"<html><body><p>{GOOD}</p></body></html>".encode()
    huge = b"<html><body><p>" + b"word " * 20000 + b"</p></body></html>"  # 100 kB, packs small
    path = tmp_path / "a.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        for i, payload in enumerate((huge, small)):
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(payload),
                http_headers=headers))  # fmt: skip
    assert path.stat().st_size < 20_000
    items = list(iter_documents([str(path)], max_bytes=20_000))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert len(errors) == 1 and "over the 0.02 MB limit" in errors[0].line()
    assert [d.fields["url"] for d in docs] == ["https://news.example/1"]


def test_a_page_with_a_huge_data_table_is_quick_and_keeps_its_prose() -> None:
    from chronist.extract.html import extract_html

    rows = "".join(f"<tr><td>{i}</td><td>value {i}</td></tr>" for i in range(50_000))
    prose = "<p>Odile Brant met Jonas Eklund in Harrow on May 1, 2024, to reopen the pier.</p>"
    page = (f"<html><head><title>Harbour</title></head><body><article><p>{GOOD}</p>"
            f"<table>{rows}</table>{prose}<table><tr><td>Harrow</td><td>3 ferries</td></tr>"
            "</table></article></body></html>")  # fmt: skip
    started = time.monotonic()
    found = extract_html(page, None)
    assert time.monotonic() - started < 10
    text = "\n".join(found["paragraphs"])
    assert "Jonas Eklund" in text and "value 49999" not in text
    assert "3 ferries" in text  # a small table stays
