"""SIGKILL large builds at random moments and tally what output/ holds after each kill.

    python benchmarks/kill_builds.py [--events 3000] [--cli-kills 20] [--write-kills 40]
                                     [--seed N]

Two variants of a generated site (tests/sitegen.py) differ in every page. Whole
`site-builder build` runs and write phases (forked writers, both swap strategies) are
killed at random moments, cycling through three: anywhere in the run, once writing has
begun, and once the last file is written (during the swap and the removal of the
previous tree). After
each kill output/ must be exactly the previous tree or the new one ('recoverable' is the
fallback swap cut between its two renames; the next build restores it). A final build
must succeed and leave no leftovers. Exit status 1 if anything else was seen.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import killing  # noqa: E402
from tests.sitegen import generate_site  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--cli-kills", type=int, default=20)
    parser.add_argument("--write-kills", type=int, default=40)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng, log = random.Random(args.seed), killing.KillLog(args.seed)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        sites = {v: generate_site(root / v, args.events, variant=v) for v in ("a", "b")}
        trees = {v: killing.expected_tree(site) for v, site in sites.items()}
        out_dir = root / "shared" / "output"
        size = sum(map(len, trees["a"].values())) / 2**20
        print(f"{args.events} events: {len(trees['a'])} files, {size:.0f} MB per build")

        started = time.perf_counter()
        build = killing.cli_build(sites["a"], out_dir)
        assert build.wait() == 0, build.stderr.read().decode()
        duration = time.perf_counter() - started
        print(f"a complete build takes {duration:.1f} s")

        files = {killing.PurePosixPath(k): v for k, v in trees["a"].items()}
        write_seconds = killing.measure_write(files, out_dir)
        print(f"its write phase takes {write_seconds:.1f} s")
        killing.kill_cli_builds(
            sites, trees, out_dir, args.cli_kills, rng, log, duration, write_seconds
        )
        print(f"whole builds killed {args.cli_kills} times: {_tally(log)}")
        log.outcomes.clear()
        log.moments.clear()
        killing.kill_writes(trees, out_dir, args.write_kills, rng, log)
        print(f"write phases killed {args.write_kills} times: {_tally(log)}")

        final = killing.cli_build(sites["b"], out_dir)
        code = final.wait()
        clean = code == 0 and killing.tree(out_dir) == trees["b"]
        left = killing.leftovers(out_dir)
        print(f"following build: exit {code}, complete {clean}, leftovers {left or 'none'}")
    for problem in log.problems:
        print("PROBLEM:", problem)
    print(f"seed {args.seed}")
    return 0 if clean and not left and not log.problems else 1


def _tally(log: killing.KillLog) -> str:
    moments = ", ".join(f"{k} {v}" for k, v in sorted(log.moments.items()))
    return f"{dict(log.outcomes)} (killed at moment: outcome — {moments})"


if __name__ == "__main__":
    raise SystemExit(main())
