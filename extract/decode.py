"""Stage 2: bytes to str.

Order of evidence: a byte-order mark; then strict UTF-8 when the bytes hold
non-ASCII and are valid UTF-8 (a wrong declaration — "iso-8859-1" on a UTF-8
page — is common, and legacy text is almost never valid UTF-8 by accident);
then the charset the HTTP headers declared, then the one the page declares in
a <meta> tag; then statistical detection (charset-normalizer). A declared
label is read as browsers read it, through the WHATWG Encoding Standard's
table (the ``webencodings`` package): "iso-8859-1" is windows-1252, whose
curly quotes a true Latin-1 decode would turn into C1 controls. A page
declaring "zlib" or "unicode_escape" does not get to pick a Python codec. lxml is always handed
the resulting str: given bytes, it guesses wrong on many pages that declare no
charset.
"""

from __future__ import annotations

import codecs
import re

import webencodings

from byline.extract.errors import DecodeError

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

# A WHATWG encoding name to the Python codec that decodes it as browsers do,
# where webencodings' choice is narrower: GBK is decoded by the gb18030
# decoder, and "utf-8" keeps Python's spelling.
_PYTHON_CODEC = {"gbk": "gb18030", "gb18030": "gb18030"}
# WHATWG encodings with no Python codec worth choosing: "replacement" (a label
# kept only so that old, dangerous encodings decode to nothing) and
# "x-user-defined" (bytes as private-use characters).
_NOT_DECODED = frozenset(("replacement", "x-user-defined"))
# Python's spellings of WHATWG encodings that servers send ("utf-16-le").
_PYTHON_SPELLING = {"utf-16-le": "utf-16le", "utf-16-be": "utf-16be", "latin-1": "latin1", "utf_8": "utf-8"}


def normalise_charset(label: str | None) -> str | None:
    """Map a declared charset label to a Python codec name the way browsers
    do (the WHATWG Encoding Standard's label table, from ``webencodings``):
    "iso-8859-1", "latin1", "l1" and "cp819" are windows-1252, "unicode" is
    UTF-16LE. None for a label browsers do not know ("zlib", "utf-7")."""
    if not label:
        return None
    label = label.strip().strip("\"'")
    if not label or not label.isascii():
        return None
    encoding = webencodings.lookup(_PYTHON_SPELLING.get(label.lower(), label))
    if encoding is None or encoding.name in _NOT_DECODED:
        return None
    return _PYTHON_CODEC.get(encoding.name, encoding.codec_info.name)


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
    codecs_declared = [codec for codec in map(normalise_charset, candidates) if codec]
    wide = [c for c in codecs_declared if c.startswith(("utf-16", "utf-32"))]
    if wide and b"\x00" in data[:4096]:
        codecs_declared = wide  # UTF-16 is valid UTF-8 too when it is all ASCII
    elif not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    for codec in codecs_declared:
        if codec.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:4096]:
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


#: Detection results this close in "chaos" are a tie; windows-1252 wins a tie, as
#: it is what browsers assume for an undeclared page.
_TIE = 0.01


def _web_choice(matches: list):  # type: ignore[no-untyped-def]
    """The detector's best guess among encodings browsers use (DOS and Mac code
    pages are never a web page's), preferring windows-1252 in a near tie."""
    web = [match for match in matches if normalise_charset(match.encoding)] or matches
    if not web:
        return None
    best = web[0]
    for match in web:
        if (
            normalise_charset(match.encoding) == "cp1252"
            and match.chaos <= best.chaos + _TIE
            and match.coherence >= best.coherence - 0.05
        ):
            return match
    return best


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # here: only when no declared charset decodes, and slow to import

    best = _web_choice(list(from_bytes(data[:262144])))
    if best is not None:
        codec = best.encoding
        try:
            return data.decode(codec), codec
        except (UnicodeError, LookupError):
            try:
                return data.decode(codec, "replace"), codec
            except (UnicodeError, LookupError):
                pass
    # Last resort: windows-1252 never fails and is the web's historic default, but a
    # page that is mostly undecodable is not text at all.
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        raise DecodeError("the bytes are not text in any encoding byline recognises")
    return text, "utf-8"
