"""Time and memory of every bad-input case, each in a fresh interpreter (issue 6).

    python benchmarks/bad_input.py

Prints one line per case (exit code, wall seconds, peak resident memory of the build
process) and a summary. The issue's target: every case under a second, memory bounded.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import BASE, load_cases, prepare, run_cli  # noqa: E402


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for case in load_cases():
            site = Path(work) / case.name / "site"
            shutil.copytree(BASE, site)
            prepare(case, site)
            outcome = run_cli(site, timeout=60)
            ok = outcome.stderr == case.expected
            rows.append((case.name, outcome, ok))
            print(
                f"{case.name:45} exit {outcome.code}  {outcome.seconds:5.2f} s  "
                f"{outcome.max_rss_mb:5.1f} MB  {'ok' if ok else 'UNEXPECTED OUTPUT'}"
            )
    seconds = [o.seconds for _, o, _ in rows]
    memory = [o.max_rss_mb for _, o, _ in rows]
    slowest = max(rows, key=lambda r: r[1].seconds)
    print(
        f"\n{len(rows)} cases: median {statistics.median(seconds):.2f} s, "
        f"slowest {slowest[1].seconds:.2f} s ({slowest[0]}), "
        f"peak memory max {max(memory):.1f} MB; "
        f"{sum(1 for *_, ok in rows if not ok)} unexpected"
    )
    return 0 if all(ok for *_, ok in rows) and max(seconds) < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
