"""Score `site-builder ingest` against annotated articles and print the scorer's figures.

Runs ingest on the seed article (../shared/seeds/000_4e45645a1e9bd8c8.txt, published
2025-12-07) and on the articles annotated in tests/ingest_articles/ and tests/ingest_blind/
(written by helpers who never saw the ingest code; rows marked blind:), each into its own
temporary site, then scores the drafted events with ../shared/eval/score_extraction.py
against their gold files. `shared/` is found next to the repository (in CI the clone lives
elsewhere with a copy of shared/ beside it).

    python benchmarks/ingest_eval.py [--verbose] [--strict]
        [--only seed|meantime|tempeval|platinum ...] [--meantime DIR] [--tempeval DIR]
        [--platinum DIR] [--timex-types DATE,TIME,DURATION,SET] [--tense ingest|past]

--strict exits 1 when the seed misses its targets (events, actors and locations F1 >= 0.85,
date accuracy >= 0.9).

Public corpora (scorers and matching rules: benchmarks/corpora.py). The default run adds
MEANTIME when ../shared/data/meantime-dev/ is there, and TempEval-3 only when a folder is
given; --only picks parts (repeatable).

MEANTIME dev (59 Wikinews articles, topics apple/ and stock/): each article's text is
rebuilt from its tokens, one sentence a paragraph (the headline first, passed as the title
too, then the date line), and run through extract() with the CREATION_TIME date as
published. Actors (PER, ORG) and places (LOC) are scored per entity within the annotated
sentences (0 .. the last sentence with a markable): predictions are the entities with a
mention in those sentences. Timexes: find_times() on each annotated sentence with the
tense rule events.py and timeline.py give it (verbs.tense_at); the CREATION_TIME mention
is not scored, nor a prediction overlapping it. --timex-types filters (default: all).

TempEval-3 (--tempeval DIR, --platinum DIR: folders of .tml files): timexes only, the TEXT
cut into sentences with split_sentences() and scored like MEANTIME in characters; DATE
timexes for the headline figure (or --timex-types), all types beside it. The TBAQ-cleaned
training files come from github.com/qiangning/StructTempRel-EMNLP17, e.g. with a clone:

    T=data/TempEval3/Training/TBAQ-cleaned
    git --git-dir=REPO.git archive HEAD $T | tar -x -C /tmp/te3
    mkdir /tmp/te3/tbaq && cp /tmp/te3/$T/TimeBank/*.tml /tmp/te3/$T/AQUAINT/*.tml /tmp/te3/tbaq

(or `git show HEAD:data/TempEval3/Training/TBAQ-cleaned/TimeBank/NAME.tml > NAME.tml`).
The te3-platinum test set (data/TempEval3/Evaluation/te3-platinum/) is scored once, at the
end, by the lead engineer only: --platinum DIR.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import corpora  # noqa: E402

from site_builder.cli import main as cli  # noqa: E402
from site_builder.ingest.extract import extract  # noqa: E402
from site_builder.ingest.sentences import split_sentences  # noqa: E402
from site_builder.ingest.timex import find_times  # noqa: E402
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
    # Written after the rules, by a helper who never saw them, to be scored and not tuned on.
    for gold in sorted((REPO / "tests" / "ingest_heldout").glob("*.yaml")):
        found.append((f"heldout:{gold.stem}", gold.with_suffix(".md"), gold, []))
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


def _group(label: str) -> str:
    """'blind:port-spill' → 'blind:'; an annotated article's label has no prefix."""
    return label.partition(":")[0] + ":" if ":" in label else ""


def _figures(r: dict) -> tuple[float, ...]:
    return (
        r["events"]["f1"],
        r["actors"]["f1"],
        r["locations"]["f1"],
        r["date_accuracy"],
        r["kind_agreement"],
    )


def run_seed(args: argparse.Namespace) -> int:
    """The seed and the annotated test articles, as before; 1 with --strict below target."""
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
    header = ("article", "events F1", "actors F1", "places F1", "dates", "kinds", "secs")
    row = "{:<26} {:>9.2f} {:>9.2f} {:>9.2f} {:>6.2f} {:>6.2f}"
    print("{:<26} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}".format(*header))
    for label, r, seconds in rows:
        print(row.format(label, *_figures(r)) + f" {seconds:>6.2f}")
    # The means: the blind and, above all, the held-out articles are the figures for text
    # the rules were not written on.
    for name, prefix in (
        ("mean, annotated", ""),
        ("mean, blind", "blind:"),
        ("mean, held out", "heldout:"),
    ):
        part = [r for label, r, _ in rows[1:] if _group(label) == prefix]
        if part:
            means = [sum(column) / len(part) for column in zip(*map(_figures, part), strict=True)]
            print(row.format(name, *means))
    seed = rows[0][1]
    figures = {"events": seed["events"]["f1"], "actors": seed["actors"]["f1"],
               "locations": seed["locations"]["f1"], "dates": seed["date_accuracy"]}  # fmt: skip
    missed = [k for k, target in TARGETS.items() if figures[k] < target]
    print("seed targets:", "met" if not missed else "missed: " + ", ".join(missed))
    return 1 if args.strict and missed else 0


# ---------------------------------------------------------------- ingest adapters
# The only ingest calls: extract.extract, sentences.split_sentences, timex.find_times, and
# verbs.tense_at (the tense events.py and timeline.py hand to find_times).


def tense_rule(mode: str):
    """text → the tense argument for find_times: the ingest's own rule, or 'past'."""
    if mode == "past":
        print("timexes: find_times() in the past tense (--tense past)")
        return lambda text: "past"
    try:
        from site_builder.ingest.verbs import tense_at
    except ImportError:  # moved in a reorganisation: say so rather than fail
        print("note: site_builder.ingest.verbs.tense_at not found; timexes read as past")
        return lambda text: "past"
    print("timexes: find_times() with the tense of verbs.tense_at, as events.py and timeline.py")
    return lambda text: lambda at: tense_at(text, at)


def predict_times(text: str, published: date, tense) -> list[tuple[int, int, str | None]]:
    """(start, end, ISO value or None) of every time find_times sees in one sentence.
    Spans are trimmed of surrounding spaces (the weekday pattern may start at one)."""
    found = find_times(text, published, tense(text))
    return [trimmed(text, t.start, t.end) + (_value(t),) for t in found]


def _value(t) -> str | None:
    """The TIMEX3-style value find_times gives (TimeExpr.value), else the event date's."""
    value = getattr(t, "value", None)
    return value if value is not None else (t.when.iso() if t.when else None)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) without the spaces text[start:end] begins or ends with."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    return start, max(start, end - (len(piece) - len(piece.rstrip())))


def meantime_text(doc: corpora.MeantimeDoc) -> tuple[str, list[int]]:
    """The article as the ingest would read it: one sentence a paragraph; and the MEANTIME
    sentence number of each paragraph."""
    numbers = [i for i, tokens in enumerate(doc.sentences) if tokens]
    texts = [corpora.detokenise(doc.sentences[i])[0] for i in numbers]
    return "\n\n".join(texts) + "\n", numbers


def meantime_predicted_entities(doc: corpora.MeantimeDoc) -> dict[str, list[list[str]]]:
    """Names (name, then aliases) of the actors and places extract() finds with a mention in
    the annotated sentences."""
    text, numbers = meantime_text(doc)
    headline = corpora.detokenise(doc.sentences[0])[0]
    found = extract(text, doc.published, title=headline)
    paragraph = {s.index: numbers[s.paragraph] for s in found.sentences}
    keys = {
        m.key
        for index, mentions in found.entities.mentions.items()
        if paragraph[index] < doc.annotated
        for m in mentions
    }
    result: dict[str, list[list[str]]] = {"actor": [], "place": []}
    for key in sorted(keys):
        entity = found.entities.get(key)
        result.setdefault(entity.category, []).append([entity.name, *entity.aliases])
    return result


def meantime_predicted_times(doc: corpora.MeantimeDoc, tense) -> list[corpora.Timex]:
    """find_times over each annotated sentence, character spans turned into token spans;
    what overlaps the CREATION_TIME mention (the date line) is left out."""
    predicted, first = [], 0
    for tokens in doc.sentences[: doc.annotated]:
        text, spans = corpora.detokenise(tokens)
        for start, end, value in predict_times(text, doc.published, tense):
            ids = [i for i, (a, b) in enumerate(spans) if a < end and start < b]
            span = (first + ids[0], first + ids[-1] + 1)
            predicted.append(corpora.Timex(*span, value, "", text[start:end]))
        first += len(tokens)
    dct = doc.creation
    return [p for p in predicted if not dct or p.end <= dct.start or dct.end <= p.start]


def tml_predicted_times(doc: corpora.TmlDoc, tense) -> list[corpora.Timex]:
    """find_times over each sentence split_sentences() finds in the TEXT, in characters."""
    predicted, cursor = [], 0
    for sentence in split_sentences(doc.text):
        pattern = r"\s+".join(map(re.escape, sentence.text.split()))
        match = re.compile(pattern).search(doc.text, cursor) if pattern else None
        if match is None:
            continue
        cursor = match.end()
        raw = match.group()
        flat, where = collapse(raw)
        for start, end, value in predict_times(flat, doc.published, tense):
            a, b = match.start() + where[start], match.start() + where[end - 1] + 1
            predicted.append(corpora.Timex(a, b, value, "", doc.text[a:b]))
    return predicted


def collapse(raw: str) -> tuple[str, list[int]]:
    """raw with each whitespace run made one space, and where each character came from."""
    chars, where = [], []
    for i, char in enumerate(raw):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        where.append(i)
    return "".join(chars), where


# ---------------------------------------------------------------- MEANTIME


@dataclass
class Totals:
    """Tallies over some documents (sentences: annotated ones, MEANTIME only)."""

    documents: int = 0
    sentences: int = 0
    actors: corpora.EntityTally = field(default_factory=corpora.EntityTally)
    places: corpora.EntityTally = field(default_factory=corpora.EntityTally)
    timex: dict[str, corpora.TimexTally] = field(default_factory=dict)
    crossed: dict[tuple[str, str], int] = field(default_factory=dict)  # (set, gold type)

    def add(self, other: Totals) -> None:
        self.documents += other.documents
        self.sentences += other.sentences
        self.actors.add(other.actors)
        self.places.add(other.places)
        for label, tally in other.timex.items():
            self.timex.setdefault(label, corpora.TimexTally()).add(tally)
        for key, count in other.crossed.items():
            self.crossed[key] = self.crossed.get(key, 0) + count


def type_label(types: set[str] | None) -> str:
    """{'DATE'} → 'DATE', None → 'all'."""
    return ",".join(sorted(types)) if types else "all"


def score_meantime_doc(doc: corpora.MeantimeDoc, types, tense, verbose: bool) -> Totals:
    """One article's tallies; with verbose, what it missed and what it made up."""
    totals = Totals(documents=1, sentences=doc.annotated)
    notes = score_meantime_entities(doc, totals)
    gold, times = corpora.filter_types(doc.timexes, meantime_predicted_times(doc, tense), types)
    totals.timex[type_label(types)] = corpora.score_timexes(gold, times)
    if verbose:
        print_notes(f"{doc.topic}/{doc.name}", notes + timex_notes(gold, times))
    return totals


def score_meantime_entities(doc: corpora.MeantimeDoc, totals: Totals) -> list[str]:
    """Add the article's actor and place tallies to totals; notes on what went wrong."""
    predicted, notes = meantime_predicted_entities(doc), []
    for name, kinds, category in (
        ("actors", corpora.ACTOR_TYPES, "actor"),
        ("places", corpora.PLACE_TYPES, "place"),
    ):
        gold = [e for e in doc.entities if e.ent_type in kinds]
        tally, missed, spurious = corpora.score_entities(gold, predicted.get(category, []))
        getattr(totals, name).add(tally)
        notes += [f"missed {name[:-1]}: {e.names[0][0]} ({e.ent_type})" for e in missed]
        for names in spurious:
            kind = cross_type(doc, names)
            totals.crossed[name, kind] = totals.crossed.get((name, kind), 0) + 1
            notes.append(f"spurious {name[:-1]}: {names[0]} ({kind})")
    return notes


def print_notes(label: str, notes: list[str]) -> None:
    if notes:
        print(f"  {label}:")
        print("\n".join(f"    {n}" for n in notes))


def cross_type(doc: corpora.MeantimeDoc, names: list[str]) -> str:
    """The MEANTIME type of the gold entity a spurious prediction names ('FIN' for the Dow
    Jones, 'LOC' for a state the ingest reads as an actor), or 'none'."""
    for entity in doc.entities:
        if corpora.matches(names, entity.names + entity.premodifiers):
            return entity.ent_type
    return "none"


def timex_notes(gold: list[corpora.Timex], predicted: list[corpora.Timex]) -> list[str]:
    """Pairs with another span or value, missed gold and spurious predictions."""
    pairs = corpora.pair_timexes(gold, predicted)
    paired_gold, paired_pred = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
    notes = [
        f"timex {g.text!r}={g.value} ~ {p.text!r}={p.value}"
        for g, p in pairs
        if (g.start, g.end) != (p.start, p.end) or not corpora.same_value(g.value, p.value)
    ]
    notes += [
        f"timex missed {g.text!r}={g.value} ({g.type})" for g in gold if id(g) not in paired_gold
    ]
    notes += [f"timex spurious {p.text!r}={p.value}" for p in predicted if id(p) not in paired_pred]
    return notes


def run_meantime(folder: Path, types, tense, verbose: bool) -> None:
    """Blocks per topic folder and for all of MEANTIME dev."""
    if not folder.is_dir():
        sys.exit(f"error: {folder} not found (MEANTIME dev, see the docstring)")
    started = time.perf_counter()
    overall = Totals()
    for topic in sorted(p for p in folder.iterdir() if p.is_dir()):
        totals = Totals()
        for path in sorted(topic.glob("*.xml")):
            totals.add(score_meantime_doc(corpora.read_meantime(path), types, tense, verbose))
        print_block(f"meantime-dev/{topic.name}", totals, "articles")
        overall.add(totals)
    print_block("meantime-dev (all)", overall, "articles")
    print(f"(meantime-dev scored in {time.perf_counter() - started:.1f} s)")
    print()


# ---------------------------------------------------------------- TempEval-3


def run_tempeval(label: str, folder: Path, types, tense, verbose: bool) -> None:
    """Timexes only: the given types (DATE by default) and all types."""
    paths = sorted(folder.glob("*.tml"))
    if not paths:
        sys.exit(f"error: no .tml files in {folder}")
    started = time.perf_counter()
    totals = Totals()
    headline = types or {"DATE"}
    for path in paths:
        doc = corpora.read_tml(path)
        predicted = tml_predicted_times(doc, tense)
        tallies = Totals(documents=1)
        for chosen in (headline, None):
            gold, times = corpora.filter_types(doc.timexes, predicted, chosen)
            tallies.timex[type_label(chosen)] = corpora.score_timexes(gold, times)
        if verbose:
            gold, times = corpora.filter_types(doc.timexes, predicted, headline)
            print_notes(doc.name, timex_notes(gold, times))
        totals.add(tallies)
    print_block(label, totals, "documents")
    print(f"({label} scored in {time.perf_counter() - started:.1f} s)")
    print()


# ---------------------------------------------------------------- output


def print_block(label: str, totals: Totals, unit: str) -> None:
    """One labelled block of figures."""
    extent = f", {totals.sentences} annotated sentences" if totals.sentences else ""
    print(f"== {label}: {totals.documents} {unit}{extent}")
    if totals.sentences:
        for name in ("actors", "places"):
            print_entities(name, getattr(totals, name))
        both = corpora.EntityTally()
        both.add(totals.actors)
        both.add(totals.places)
        print_entities("both", both)
        print_crossed(totals.crossed)
    for types, tally in totals.timex.items():
        print_timex(f"timex [{types}]", tally)


def print_entities(name: str, t: corpora.EntityTally) -> None:
    """P/R/F1 and counts of one entity set."""
    p, r, f = corpora.prf(t.correct, t.predicted, t.found, t.gold)
    print(
        f"  {name:<8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
        f"predicted {t.predicted} ({t.correct} correct), "
        f"gold {t.gold} ({t.found} found)"
    )


def print_crossed(crossed: dict[tuple[str, str], int]) -> None:
    """Where the spurious predictions fall in MEANTIME's own types."""
    for name in ("actors", "places"):
        counts = sorted((k, n) for (s, k), n in crossed.items() if s == name)
        if counts:
            listed = ", ".join(f"{kind} {n}" for kind, n in counts)
            print(f"  {'':<8} spurious {name} by MEANTIME type (none: no entity): {listed}")


def print_timex(name: str, t: corpora.TimexTally) -> None:
    """Strict and relaxed span figures, value accuracy and value F1, with counts."""
    sp, sr, sf = corpora.prf(t.strict, t.predicted, t.strict, t.gold)
    rp, rr, rf = corpora.prf(t.relaxed, t.predicted, t.relaxed, t.gold)
    vp, vr, vf = corpora.prf(t.values, t.predicted, t.values, t.gold)
    accuracy = t.values / t.relaxed if t.relaxed else 0.0
    print(
        f"  {name}  strict P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}   "
        f"relaxed P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}"
    )
    print(
        f"  {'':<{len(name)}}  value accuracy {accuracy:.3f} ({t.values}/{t.relaxed})   "
        f"value P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}"
    )
    print(
        f"  {'':<{len(name)}}  gold {t.gold}, predicted {t.predicted}, "
        f"strict matches {t.strict}, relaxed matches {t.relaxed}, "
        f"values right {t.values}"
    )


# ---------------------------------------------------------------- driver

MEANTIME = REPO.parent / "shared" / "data" / "meantime-dev"
PARTS = ("seed", "meantime", "tempeval", "platinum")


def type_set(text: str) -> set[str]:
    """'date, time' → {'DATE', 'TIME'}."""
    return {t.strip().upper() for t in text.split(",") if t.strip()}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="show the matching")
    parser.add_argument("--strict", action="store_true", help="exit 1 below the seed targets")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part")
    parser.add_argument(
        "--meantime",
        type=Path,
        default=MEANTIME,
        help="MEANTIME dev folder (topic folders of CAT XML)",
    )
    parser.add_argument(
        "--tempeval", type=Path, help="a folder of TempEval-3 .tml files (TBAQ-cleaned)"
    )
    parser.add_argument(
        "--platinum", type=Path, help="the te3-platinum .tml folder: lead engineer only"
    )
    parser.add_argument(
        "--timex-types",
        type=type_set,
        help="score only these TIMEX3 types, e.g. DATE "
        "(MEANTIME default: all; TempEval: DATE, and all beside it)",
    )
    parser.add_argument(
        "--tense",
        choices=("ingest", "past"),
        default="ingest",
        help="the tense find_times reads with (default: the ingest's own rule)",
    )
    return parser.parse_args(argv)


def chosen_parts(args: argparse.Namespace) -> list[str]:
    """--only's parts, else seed, MEANTIME when its folder exists and the folders given."""
    if args.only:
        return [p for p in PARTS if p in args.only]
    present = {
        "seed": True,
        "meantime": args.meantime.is_dir(),
        "tempeval": args.tempeval is not None,
        "platinum": args.platinum is not None,
    }
    return [p for p in PARTS if present[p]]


def main(argv: list[str] | None = None) -> int:
    """Run the chosen parts; the exit code is the seed part's (see --strict)."""
    args = parse(argv)
    parts = chosen_parts(args)
    for part, folder in (("tempeval", args.tempeval), ("platinum", args.platinum)):
        if part in parts and folder is None:
            sys.exit(f"error: --only {part} needs --{part} DIR")
    code = run_seed(args) if "seed" in parts else 0
    if parts == ["seed"]:
        return code
    if "seed" in parts:
        print()
    tense = tense_rule(args.tense)
    if "meantime" in parts:
        run_meantime(args.meantime, args.timex_types, tense, args.verbose)
    if "tempeval" in parts:
        run_tempeval(
            "tempeval-3 TBAQ-cleaned", args.tempeval, args.timex_types, tense, args.verbose
        )
    if "platinum" in parts:
        run_tempeval("tempeval-3 platinum", args.platinum, args.timex_types, tense, args.verbose)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
