"""Charsets a page declares wrongly, strangely or not at all."""

from __future__ import annotations

import pytest
from pages import article_html

from byline.extract import DecodeError
from byline.extract.decode import decode, normalise_charset

CAFE = article_html(paragraphs=("The harbour café on Tollmere opened at six, as the ferry timetable changed.",) * 3)


def test_valid_utf8_wins_over_a_declared_single_byte_charset():
    text, codec = decode(CAFE.encode("utf-8"), "iso-8859-1")
    assert codec == "utf-8" and "café" in text


def test_a_seven_bit_charset_is_still_honoured():
    page = '<meta charset="iso-2022-jp"><p>フェリーの時刻表が変わりました。</p>'
    text, codec = decode(page.encode("iso2022_jp"))
    assert codec == "iso2022_jp" and "フェリー" in text and "\x1b" not in text


@pytest.mark.parametrize("label", ["zlib", "base64", "rot13", "unicode_escape", "undefined", "utf-7", "hex", "idna", "bogus\x00"])
def test_a_label_that_is_not_a_web_encoding_is_ignored(label):
    assert normalise_charset(label) is None
    text, codec = decode(CAFE.encode("utf-8"), label)
    assert codec == "utf-8" and "café" in text


def test_declared_utf16_without_a_bom_is_decoded():
    text, codec = decode(CAFE.encode("utf-16-le"), "utf-16-le")
    assert codec.startswith("utf-16") and "café" in text


def test_an_undeclared_legacy_page_is_detected():
    text, _ = decode(article_html(charset=None).replace("café", "café déjà vu").encode("cp1252"))
    assert "café déjà vu" in text


def test_a_declared_shift_jis_page_is_decoded():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>港のカフェは六時に開店した。</p></body></html>'
    text, _ = decode(page.encode("shift_jis"))
    assert "港のカフェ" in text


def test_bytes_that_are_no_text_raise_a_decode_error():
    with pytest.raises(DecodeError, match="not text"):
        decode(bytes(range(128, 256)) * 200)
