"""Stage 2: bytes to str.

Order of evidence: a byte-order mark, then the charset the HTTP headers
declared, then the one the page declares in a <meta> tag, then strict UTF-8,
then statistical detection (charset-normalizer). lxml is always handed the
resulting str: given bytes, it guesses wrong on many pages that declare no
charset.
"""

from __future__ import annotations

import codecs
import re

from extract.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")

# Labels that browsers treat as other encodings (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "utf8": "utf-8",
    "unicode": "utf-16",
    "utf-16": "utf-16",
}


def normalise_charset(label: str | None) -> str | None:
    """Map a declared charset label to a Python codec name, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta> or <?xml?>), if any."""
    head = data[:16384]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def decode(data: bytes, http_charset: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the codec that was used."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                break
    candidates = [http_charset]
    if html:
        candidates.append(declared_charset(data))
    for label in candidates:
        codec = normalise_charset(label)
        if codec is None or codec.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:4096]:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue  # a wrong declaration is common: fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is not None:
        codec = best.encoding
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            try:
                return data.decode(codec, "replace"), codec
            except LookupError:
                pass
    # Last resort: windows-1252 never fails and is the web's historic default, but a
    # page that is mostly undecodable is not text at all.
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        raise DecodeError("the bytes are not text in any encoding byline recognises")
    return text, "utf-8"
