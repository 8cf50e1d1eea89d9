"""The furniture table compiles only what a page needs, and says exactly what
the one big alternation it replaced said."""

from __future__ import annotations

import random
import re
import re._constants as C
import re._parser as P
import subprocess
import sys

from byline.extract import furniture
from byline.extract.phrasetable import PhraseTable, gate, split_alternatives


def _one_alternation() -> re.Pattern[str]:
    return re.compile(
        "|".join(
            f"(?P<r{number}>(?:" + "|".join(f"(?:{alt})" for alt in alternatives) + ")"
            + furniture.LABEL_TAIL.get(reason, "") + ")"
            for number, (reason, alternatives) in enumerate(furniture.FURNITURE.items())
        ),
        re.I | re.S,
    )


def _sample(items, rng: random.Random) -> str:  # type: ignore[no-untyped-def]
    """A random string that the parsed pattern ``items`` matches (or nearly)."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL:
            out.append("x" if av != ord("x") else "y")
        elif op is C.ANY:
            out.append(rng.choice(" ab.:"))
        elif op is C.IN:
            chars = [chr(a) for o, a in av if o is C.LITERAL]
            out.append(rng.choice(chars) if chars and av[0][0] is not C.NEGATE else "w")
        elif op is C.CATEGORY:
            out.append({"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " "}.get(str(av), "w"))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, sub = av
            if low == 0 and high > 20 and rng.random() < 0.5:
                out.append(rng.choice(["the news", "Jane Doe", "2019", "AP"]))
            else:
                out.extend(_sample(sub, rng) for _ in range(rng.randint(low, min(high, low + 2))))
        elif op is C.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op is C.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
    return "".join(out)


def test_the_table_gives_every_label_the_reason_the_one_alternation_gave():
    old = _one_alternation()
    reasons = tuple(furniture.FURNITURE)
    rng = random.Random(11)
    checked = matched = 0
    for _, source in furniture.TABLE.sources():
        tree = P.parse(source, re.I | re.S)
        for _ in range(12):
            text = _sample(tree, rng).strip()
            text = rng.choice([text, text.upper(), text.title()])
            if not text:
                continue
            found = old.fullmatch(text)
            expected = reasons[int(found.lastgroup[1:])] if found and found.lastgroup else None
            assert furniture.furniture_reason(text) == expected, text
            checked += 1
            matched += expected is not None
    assert checked > 2000 and matched > checked * 0.6


def test_a_label_compiles_only_the_alternatives_it_could_match():
    table = PhraseTable([("share prompt", "share( this)?|teilen", ""), ("newsletter", r".{0,40}newsletter.{0,20}", "")])

    assert table.reason("Teilen") == "share prompt"
    assert table.reason("Get our NEWSLETTER now") == "newsletter"
    assert table.reason("The council met on Tuesday") is None
    assert sum(p is not None for p in table._compiled) == 2


def test_gates_are_read_from_the_patterns_own_words():
    assert gate("(la )?suite (de l'article )?après") == ("start", frozenset({"la ", "suite "}))
    assert gate(r".{0,60}\b(sign up|subscribe)\b.{0,40}")[0] == "contains"
    assert gate(r"\d+ (comments?|replies)") == ("contains", frozenset({"comment", "replies"}))
    assert gate(r"[\w.+-]+@[\w-]+(\.[\w-]+)+") == ("always", frozenset())
    assert split_alternatives("a(b|c)|d[|]|e") == ["a(b|c)", "d[|]", "e"]


def test_reading_a_page_imports_neither_the_html_cleaner_nor_the_http_client():
    code = (
        "import sys\n"
        "from byline.extract import extract_html\n"
        "extract_html('<html><body><article><h1>Ferry</h1>' + '<p>The council met and voted to keep the ferry.</p>' * 20"
        " + '</article></body></html>', analyse=False)\n"
        "print(' '.join(m for m in ('lxml_html_clean', 'lxml.html.clean', 'httpx', 'logging') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
