"""Score `site-builder ingest` against annotated articles and print the scorer's figures.

Runs ingest on the seed article (../shared/seeds/000_4e45645a1e9bd8c8.txt, published
2025-12-07) and on the articles annotated in tests/ingest_articles/ and tests/ingest_blind/
(written by helpers who never saw the ingest code; rows marked blind:), each into its own
temporary site, then scores the drafted events with ../shared/eval/score_extraction.py
against their gold files. `shared/` is found next to the repository (in CI the clone lives
elsewhere with a copy of shared/ beside it).

    python benchmarks/ingest_eval.py [--verbose] [--strict]

--strict exits 1 when the seed misses its targets (events, actors and locations F1 >= 0.85,
date accuracy >= 0.9).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder.cli import main as cli  # noqa: E402
from site_builder.scaffold import new_site  # noqa: E402

SEED = "000_4e45645a1e9bd8c8"
SEED_PUBLISHED = "2025-12-07"
TARGETS = {"events": 0.85, "actors": 0.85, "locations": 0.85, "dates": 0.9}


def shared_folder() -> Path:
    shared = REPO.parent / "shared"
    if not (shared / "eval" / "score_extraction.py").is_file():
        sys.exit(
            f"error: {shared}/eval/score_extraction.py not found; this benchmark needs the "
            "project's shared/ folder next to the repository (…/shared beside …/"
            f"{REPO.name})"
        )
    return shared


def cases(shared: Path) -> list[tuple[str, Path, Path, list[str]]]:
    """(label, article, gold, extra ingest arguments) for every annotated article."""
    found = [
        ("seed", shared / "seeds" / f"{SEED}.txt", shared / "gold" / "seed-events.yaml",
         ["--published", SEED_PUBLISHED]),
    ]  # fmt: skip
    for gold in sorted((REPO / "tests" / "ingest_articles").glob("*.yaml")):
        found.append((gold.stem, gold.with_suffix(".md"), gold, []))
    for gold in sorted((REPO / "tests" / "ingest_blind").glob("*.yaml")):
        found.append((f"blind:{gold.stem}", gold.with_suffix(".md"), gold, []))
    return found


def ingest(article: Path, extra: list[str], site: Path) -> float:
    new_site(site, "Ingest evaluation")  # an empty briefing, as `site-builder new` makes
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli(["--root", str(site), "ingest", str(article), *extra])
    if code != 0:
        sys.exit(f"error: ingest of {article} failed with exit code {code}")
    return time.perf_counter() - started


def score(shared: Path, gold: Path, events: Path, verbose: bool) -> dict:
    report = events.parent / "scores.json"
    command = [sys.executable, str(shared / "eval" / "score_extraction.py"), str(gold),
               str(events), "--json", str(report)] + (["--verbose"] if verbose else [])  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=False)
    if output.returncode != 0:
        sys.exit(f"error: the scorer failed:\n{output.stderr}")
    print(output.stdout.rstrip())
    return json.loads(report.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="show the matching")
    parser.add_argument("--strict", action="store_true", help="exit 1 below the seed targets")
    args = parser.parse_args(argv)
    shared = shared_folder()
    rows = []
    for label, article, gold, extra in cases(shared):
        with tempfile.TemporaryDirectory(prefix="ingest-eval-") as tmp:
            site = Path(tmp) / "site"
            seconds = ingest(article, extra, site)
            print(f"== {label}: {article.name} (ingest {seconds:.2f} s)")
            result = score(shared, gold, site / "content" / "events", args.verbose)
            rows.append((label, result, seconds))
            print()
    header = ("article", "events F1", "actors F1", "places F1", "dates", "secs")
    print("{:<26} {:>9} {:>9} {:>9} {:>6} {:>6}".format(*header))
    for label, r, seconds in rows:
        figures = (r["events"]["f1"], r["actors"]["f1"], r["locations"]["f1"], r["date_accuracy"])
        print("{:<26} {:>9.2f} {:>9.2f} {:>9.2f} {:>6.2f}".format(label, *figures), end="")
        print(f" {seconds:>6.2f}")
    seed = rows[0][1]
    figures = {"events": seed["events"]["f1"], "actors": seed["actors"]["f1"],
               "locations": seed["locations"]["f1"], "dates": seed["date_accuracy"]}  # fmt: skip
    missed = [k for k, target in TARGETS.items() if figures[k] < target]
    print("seed targets:", "met" if not missed else "missed: " + ", ".join(missed))
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
