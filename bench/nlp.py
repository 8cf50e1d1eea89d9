"""Entities and quotes: quality against a gold set, and speed, per engine.

    .venv/bin/python bench/nlp.py ../shared/eval/gold-dev bench/out/nlp
    .venv/bin/python bench/nlp.py DIR OUT --engines rules --score ../shared/eval/score_nlp.py --halves
    .venv/bin/python bench/nlp.py DIR OUT --engines rules --scaling

For every ``*.txt`` in DIR it writes what ``byline --json --ner ENGINE FILE``
prints to ``OUT/ENGINE/<name>.json`` (never into DIR, where the gold files
are), scores OUT/ENGINE with the gold set's ``score_nlp.py`` (by default the
one beside DIR; with ``--halves`` also the even- and odd-numbered halves, each
type's precision and recall among them), and prints timings: entities + quotes
in CPU milliseconds per 1,000 words (median over the articles, the text already
extracted; CPU time, since the machine may be shared), spaCy's load time in a
fresh process with warm disk caches, the rules engine's tables loaded on first
use (CPU time in fresh processes, the checkout compiled to bytecode first as
``pip install`` does), the rules engine's memory,
and the longest the main thread waited for the interpreter while an article
was annotated in a worker thread (what a UI repaint would wait). With
``--scaling`` it also times pathological shapes (one endless paragraph, quotes
that never close, thousands of names) at n and 4n repetitions — a linear
engine takes about 4x as long — and a 2 MB single-line page and a
300,000-word article.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from byline.extract import annotate, extract_html, extract_text  # noqa: E402
from byline.extract.errors import ExtractError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of .txt articles (and gold .json files)")
    parser.add_argument("out", type=Path, help="folder for the --json outputs (one subfolder per engine)")
    parser.add_argument("--engines", default="rules,spacy", help="comma-separated: rules, spacy")
    parser.add_argument("--score", type=Path, help="path to score_nlp.py (default: the one beside DIR)")
    parser.add_argument("--halves", action="store_true", help="also score the even- and odd-numbered halves")
    parser.add_argument("--scaling", action="store_true", help="also time pathological shapes and very long texts")
    args = parser.parse_args(argv)
    source, out = args.dir.resolve(), args.out.resolve()
    if out == source or source in out.parents:
        parser.error("OUT must not be inside DIR: the gold files live there")
    texts = sorted(source.glob("*.txt"))
    if not texts:
        parser.error(f"no .txt files in {source}")
    scorer = args.score or source.parent / "score_nlp.py"
    for engine in args.engines.split(","):
        try:
            timings = run_engine(engine, texts, out / engine)
        except ExtractError as exc:
            print(f"{engine}: {exc.message}")
            continue
        print(f"== {engine}")
        if scorer.exists():
            score(scorer, source, out / engine, texts, args.halves)
        else:
            print(f"(no scorer at {scorer}; pass --score)")
        spent = [t for t, _ in timings]
        reference = [r for _, r in timings]
        print(f"{engine}: entities+quotes median {statistics.median(spent):.1f} ms CPU per 1,000 words "
              f"(max {max(spent):.1f}, {len(spent)} articles); "
              f"{statistics.median(s / r for s, r in timings):.2f}x the {REFERENCE[engine]} in the same run "
              f"(median {statistics.median(reference):.1f} ms CPU per 1,000 words)")
        busy, idle = gil_stall(engine, texts)
        print(f"{engine}: longest main-thread wait while a worker thread annotates: median {busy:.1f} ms "
              f"over 5 runs (with an idle worker: {idle:.1f} ms)")
        if args.scaling:
            scaling(engine)
    if "spacy" in args.engines.split(","):
        loads = [spacy_load_seconds() for _ in range(4)][1:]  # the first warms the disk cache
        if None not in loads:
            print(f"spacy: model load (tok2vec+parser+ner) in a fresh process, warm: median {statistics.median(loads):.2f} s "
                  f"of {len(loads)} ({', '.join(f'{s:.2f}' for s in loads)})")
    if "rules" in args.engines.split(","):
        compileall.compile_dir(ROOT / "extract", quiet=1)  # as installed: bytecode compiled
        firsts = [rules_first_use() for _ in range(8)][1:]  # the first warms the disk cache
        if None not in firsts:
            print(f"rules: tables loaded on first use (first annotate minus the second, CPU, fresh process): "
                  f"median {statistics.median(firsts) * 1000:.0f} ms of {len(firsts)} ({', '.join(f'{s * 1000:.0f}' for s in firsts)})")
        print(f"rules: memory (tables + annotating every article): {rules_memory(texts)}")
    return 0


#: What each engine's time is compared with, measured on the same article in
#: the same run (the machine is shared: ratios are steadier than milliseconds).
REFERENCE = {"rules": "text extraction (extract_text)", "spacy": "spaCy model alone (tok2vec+parser+ner) on the whole text"}


def run_engine(engine: str, texts: list[Path], out: Path) -> list[tuple[float, float]]:
    """Write every article's JSON; return (engine, reference) ms per 1,000
    words for each article."""
    out.mkdir(parents=True, exist_ok=True)
    annotate(extract_text("Warm-up text, said Ann Lee.", analyse=False), ner=engine)
    timings = []
    for path in texts:
        raw = path.read_text(encoding="utf-8")
        started = time.process_time()
        article = extract_text(raw, analyse=False)
        reference = time.process_time() - started
        if engine == "spacy":
            from byline.extract.entities.spacy_engine import load_model

            started = time.process_time()
            load_model()(article.text)
            reference = time.process_time() - started
        started = time.process_time()
        article = annotate(article, ner=engine)
        elapsed = time.process_time() - started
        per_thousand = 1000 / max(article.words, 1) * 1000
        timings.append((elapsed * per_thousand, reference * per_thousand))
        data = article.to_dict()
        data["source"] = str(path)
        (out / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return timings


def score(scorer: Path, gold: Path, predictions: Path, texts: list[Path], halves: bool) -> None:
    command = [sys.executable, str(scorer), str(predictions), "--gold", str(gold)]
    print(subprocess.run(command, capture_output=True, text=True).stdout.rstrip())
    if halves:
        names = [p.stem for p in texts]
        for label, half in (("even half", names[0::2]), ("odd half", names[1::2])):
            result = subprocess.run([*command, "--only", ",".join(half)], capture_output=True, text=True).stdout
            wanted = [l for l in result.splitlines() if l.startswith(("entities_typed", "entities_PERSON", "entities_ORG", "entities_PLACE", "quotes ", "speaker_accuracy"))]
            print(f"-- {label} ({len(half)} docs): " + " | ".join(" ".join(l.split()) for l in wanted))


def gil_stall(engine: str, texts: list[Path]) -> tuple[float, float]:
    """How late a 1 ms ticker on the main thread (a UI's repaint) ran at worst
    while the longest article was annotated in a worker thread — and, for
    reference, while the worker only slept (the machine's own noise).
    Medians over five runs, in milliseconds."""
    longest = max(texts, key=lambda p: p.stat().st_size)
    article = extract_text(longest.read_text(encoding="utf-8"), analyse=False)

    def worst_wait(work) -> float:
        worker = threading.Thread(target=work)
        worst = 0.0
        worker.start()
        while worker.is_alive():
            before = time.perf_counter()
            time.sleep(0.001)
            worst = max(worst, time.perf_counter() - before - 0.001)
        worker.join()
        return worst * 1000

    busy = [worst_wait(lambda: annotate(article, ner=engine)) for _ in range(5)]
    idle = [worst_wait(lambda: time.sleep(0.2)) for _ in range(5)]
    return statistics.median(busy), statistics.median(idle)


#: Pathological shapes: one paragraph (or many) repeated n times.
SHAPES = {
    "quote+name sentence": lambda n: "“We will rebuild the pier,” said Mayor Ana Lopez of Port Avery. " * n,
    "names sentence": lambda n: "Ana Lopez met John Smith and the Port Avery City Council in London. " * n,
    "unclosed quote": lambda n: "“and then " * n,
    "straight marks, no full stop": lambda n: 'He said "yes and no" then "maybe" ' * n,
    "names joined by and": lambda n: "Ann and Bob " + "and Cat " * n + "arrived.",
    "distinct names, own paragraphs": lambda n: "\n\n".join(
        f"“Yes {i},” said Ann {_surname(i)} of {_surname(n + i)} Ltd. {_surname(i)} added: “Soon.”" for i in range(n)
    ),
}


def _surname(i: int) -> str:
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "pel", "dar", "ni", "mor", "ste"]
    return (syllables[i % 12] + syllables[i // 12 % 12] + syllables[i // 144 % 12] + syllables[i // 1728 % 12]).capitalize()


def scaling(engine: str, n: int = 600) -> None:
    """Each shape at n and 4n repetitions (median of 3 CPU times; a linear
    engine takes about 4x as long), then the two very long texts (read whole)."""
    for name, make in SHAPES.items():
        small, large = (_median_cpu(extract_text(make(k), analyse=False), engine) for k in (n, 4 * n))
        print(f"{engine}: scaling, {name}: x{n} {small * 1000:.0f} ms, x{4 * n} {large * 1000:.0f} ms "
              f"({large / max(small, 1e-6):.1f}x for 4x the text)")
    line = (" ".join(_LONG_PARAGRAPH) + " ") * 4000
    html = f"<html><head><title>Long line</title></head><body><article><h1>Long line</h1><p>{line}</p></article></body></html>"
    started = time.perf_counter()
    article = extract_html(html, analyse=False)
    extracted = time.perf_counter() - started
    print(f"{engine}: 2 MB single-line page ({len(article.text):,} characters): extraction {extracted:.2f} s, "
          f"entities+quotes {_median_cpu(article, engine):.2f} s")
    paragraphs: list[str] = []
    words = 0
    while words < 300_000:
        paragraphs.extend(p.replace("{i}", str(len(paragraphs))) for p in _LONG_PARAGRAPH)
        words += sum(len(p.split()) for p in _LONG_PARAGRAPH)
    article = extract_text("\n\n".join(paragraphs), analyse=False)
    print(f"{engine}: {article.words:,}-word article ({len(article.text):,} characters): "
          f"entities+quotes {_median_cpu(article, engine):.2f} s (read whole)")


_LONG_PARAGRAPH = (
    "The ferry between Wrenhaven and the Tollmere islands will run a reduced timetable until April {i}, "
    "the operator said on Monday.",
    "“We cannot promise a second engine before the summer,” said Dara Whitlock, who runs the harbour café, "
    "adding that the council had been told {i} times.",
    "Mayor Ana Lopez of Port Avery met the Harbour Transit Authority (HTA) in London, and Lopez said: "
    "“We will rebuild pier {i}.”",
    "Engineers in Calder Bay expected repair {i} to take about nine weeks, parts permitting, the HTA said.",
)


def _median_cpu(article, engine: str) -> float:
    times = []
    for _ in range(3):
        started = time.process_time()
        annotate(article, ner=engine)
        times.append(time.process_time() - started)
    return statistics.median(times)


def spacy_load_seconds() -> float | None:
    # byline itself is imported first: an app that chooses spaCy has it loaded
    # already, and what the choice costs is spaCy's import and the model's load.
    code = (
        "import time; from byline.extract.entities import spacy_engine; t = time.perf_counter();"
        "spacy_engine.load_model();"
        "print(time.perf_counter() - t)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    try:
        return float(result.stdout.strip())
    except ValueError:
        return None


def rules_first_use() -> float | None:
    """What the first annotation in a fresh process costs over the second:
    importing the entity and quote stages and loading their tables."""
    code = (
        "import time; from byline.extract import annotate, extract_text;"
        "a = extract_text('“We will reopen the pier,” said Mayor Ana Lopez of Port Avery.', analyse=False);"
        "t = time.process_time(); annotate(a); first = time.process_time() - t;"
        "t = time.process_time(); annotate(a); second = time.process_time() - t;"
        "print(first - second)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    try:
        return float(result.stdout.strip())
    except ValueError:
        return None


def rules_memory(texts: list[Path]) -> str:
    code = (
        "import sys, tracemalloc; from byline.extract import extract_text, annotate;"
        "articles = [extract_text(open(p, encoding='utf-8').read(), analyse=False) for p in sys.argv[1:]];"
        "tracemalloc.start();"
        "[annotate(a, ner='rules') for a in articles];"
        "current, peak = tracemalloc.get_traced_memory();"
        "print(f'{current / 1e6:.1f} MB held, {peak / 1e6:.1f} MB peak')"
    )
    result = subprocess.run([sys.executable, "-c", code, *map(str, texts)], capture_output=True, text=True, cwd=ROOT)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


if __name__ == "__main__":
    raise SystemExit(main())
