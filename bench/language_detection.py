"""How often the language detector loses English, and what it costs.

    .venv/bin/python bench/language_detection.py [--articles DIR ...] [--items FILE ...] \
        [--max-lost F] [--verbose]

--articles: folders of article files (.txt, .html), read and cleaned as ingestion reads
them; each file whose text is mostly Latin script counts as English (the desk's own
corpora have no other Latin language), and is detected from its headline and body as
ingestion detects it when no manifest or page names the language.
--items: English sentences, tweets or claims: a ClaimBuster-format JSON list (each
item's "text"), a JSON-lines file (each line's "title" and "body", an ECB+ article) or a
TSV file whose second column is the text (CheckThat! tweets and verified claims).

Prints, per input, the items detected as another language, and on its last line the
share of English items lost over all inputs, the first model load's time and peak
memory (tracemalloc: the decompressed file before its unused columns go) and
the detector's mean time per article. Exits 1 when the share lost is above --max-lost.
"""

import argparse
import csv
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project first: its `languages` package, not a bench script, answers that name.
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, nargs="*", default=[])
    parser.add_argument("--items", type=Path, nargs="*", default=[])
    parser.add_argument("--max-lost", type=float, default=None)
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


def article_texts(folder: Path) -> list[tuple[str, str]]:
    from articles.services import collect_files, read_article, read_article_file
    from languages.detect import LATIN_RE

    texts = []
    for path in collect_files([folder]):
        read = read_article(text=read_article_file(path), file_name=path.name)
        text = f"{read.title}\n{read.body}"
        # Japanese, Korean and Chinese files are told by script, not by this detector.
        if len(LATIN_RE.findall(text)) > len(text) / 3:
            texts.append((path.name, text))
    return texts


def item_texts(path: Path) -> list[tuple[str, str]]:
    if path.suffix == ".json":
        return [(str(n), item["text"]) for n, item in enumerate(json.loads(path.read_text()))]
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        return [
            (row.get("doc", str(n)), f"{row['title']}\n{row['body']}") for n, row in enumerate(rows)
        ]
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [(row[0], row[1]) for row in rows if len(row) > 1 and row[1].strip()]


def main(argv=None) -> int:
    args = parse_args(argv)
    from desk import setup_django

    setup_django()
    from languages import detect

    tracemalloc.start()
    started = time.perf_counter()
    detect._latin_identifier()
    load_seconds = time.perf_counter() - started
    load_mib = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    inputs = [(str(f), article_texts(f)) for f in args.articles]
    inputs += [(str(f), item_texts(f)) for f in args.items]
    total = lost = 0
    article_seconds, article_count = 0.0, 0
    for name, texts in inputs:
        others = []
        for key, text in texts:
            started = time.perf_counter()
            tag = detect.detect_language(text)
            if len(text) > 1000:
                article_seconds += time.perf_counter() - started
                article_count += 1
            if tag != "en":
                others.append((key, tag, text))
        total += len(texts)
        lost += len(others)
        print(f"{name}: {len(texts)} items, {len(others)} not English")
        for key, tag, text in others if args.verbose else others[:5]:
            print(f"  {key}: {tag}: {' '.join(text.split())[:160]}")
    share = lost / total if total else 0.0
    per_article = 1000 * article_seconds / article_count if article_count else 0.0
    print(
        f"items {total}  lost {lost}  share-lost {share:.4f}  model-load {load_seconds:.2f}s peak "
        f"{load_mib:.0f}MiB  per-article {per_article:.2f}ms ({article_count} over 1,000 chars)"
    )
    if args.max_lost is not None and share > args.max_lost:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
