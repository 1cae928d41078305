"""Save-to-page-updated latency of `site-builder serve` (issue 4).

For each size, generates a site, starts the preview server on a free loopback port and
makes single-event edits. For each edit it measures, from the moment the file is written:

- served: until the event's page, fetched over HTTP, shows the change (the issue's figure);
- reload: until the server sends the browsers their reload message;
- complete: until every page and export of the rebuild is written.

Prints median and p90 of each. Targets (issue 4): served median under 150 ms at 1,000
events and under 300 ms at 10,000.

    python benchmarks/serve_latency.py                 # 1,000 and 10,000 events, 20 edits
    python benchmarks/serve_latency.py --events 1000 --edits 5
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_site import event_path, generate  # noqa: E402
from site_builder.serve import PreviewServer  # noqa: E402

POLL_SECONDS = 0.002
SETTLE_SECONDS = 2.5  # let the generated files age past the stat cache's "racy" window


def measure(events: int, edits: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix=f"serve-bench-{events}-") as folder:
        root = generate(Path(folder), events)
        logs: list[str] = []
        server = PreviewServer(root, root / "output", "127.0.0.1", 0, log=logs.append)
        reloads: list[float] = []
        forward = server.preview.reload
        server.preview.reload = lambda paths: (reloads.append(time.perf_counter()), forward(paths))
        thread = threading.Thread(target=server.serve_forever, kwargs={"handle_signals": False})
        started = time.perf_counter()
        thread.start()
        try:
            server.wait_ready(timeout=1800)
            print(f"  {events} events: first build {time.perf_counter() - started:.1f} s")
            time.sleep(SETTLE_SECONDS)
            return _edits(server, root, events, edits, reloads)
        finally:
            server.stop()
            thread.join(timeout=60)


def _edits(server, root: Path, events: int, edits: int, reloads: list[float]) -> dict:
    figures: dict[str, list[float]] = {"served": [], "reload": [], "complete": []}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    for n in range(edits):
        number = (n * 7919 + 13) % events  # spread over the timeline
        path = root / event_path(number)
        url = f"{server.base_path}events/event-{number:06d}/"
        marker = f"Edited title {n} of the benchmark"
        text = path.read_text(encoding="utf-8")
        title_line = next(line for line in text.splitlines() if line.startswith("title: "))
        reloads.clear()
        path.write_text(text.replace(title_line, f"title: {marker}"), encoding="utf-8")
        written = time.perf_counter()
        while marker.encode() not in _get(connection, url):
            time.sleep(POLL_SECONDS)
        figures["served"].append(time.perf_counter() - written)
        server.preview.wait_idle(600)
        figures["complete"].append(time.perf_counter() - written)
        figures["reload"].append(reloads[0] - written if reloads else float("nan"))
        time.sleep(0.2)
    connection.close()
    return figures


def _get(connection: http.client.HTTPConnection, url: str) -> bytes:
    connection.request("GET", url)
    response = connection.getresponse()
    return response.read()


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{name} median {statistics.median(ordered) * 1000:6.0f} ms, p90 {p90 * 1000:6.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    print(f"serve latency, {args.edits} single-event edits per size (file written → ...)")
    for events in args.events:
        figures = measure(events, args.edits)
        print(f"{events:>6} events:")
        print("   " + summary("page served with the change", figures["served"]))
        print("   " + summary("reload sent to browsers    ", figures["reload"]))
        print("   " + summary("whole rebuild written      ", figures["complete"]))


if __name__ == "__main__":
    main()
