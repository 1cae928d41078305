"""Save-to-page-updated latency of `site-builder serve` (issue 4).

For each size, generates a site and runs `site-builder serve` in its own process, as an
analyst would (a client polling in the server's process would compete with it for the
GIL). Then it makes single-event edits and measures, from the moment the file is written:

- served: until the event's page, fetched over HTTP, shows the change (the issue's figure);
- reload: until a LiveReload client (what the browser runs) receives its reload message;
- complete: until the server reports the whole rebuild written ("Rebuilt in ...").

Prints median and p90 of each. Targets (issue 4): served median under 150 ms at 1,000
events and under 300 ms at 10,000.

    python benchmarks/serve_latency.py                 # 1,000 and 10,000 events, 20 edits
    python benchmarks/serve_latency.py --events 1000 --edits 5
    python benchmarks/serve_latency.py --events 10000 --interval 1   # saves mid-rebuild
    python benchmarks/serve_latency.py --start                 # start to first page, vs Hugo
    python benchmarks/serve_latency.py --start --events 10000 --runs 3

--start measures, from the moment the process is started, until the first event page is
served, for `site-builder serve` and `hugo server` on the same generated corpus
(/work/shared/bench/gen_corpus.py: our site in ours/, Hugo's in hugo/), fresh processes,
alternating. Ours runs three times per round: "cold" with no output/ and no build cache,
"restart" over the output/ and cache that the previous server left (stopped with Ctrl-C
once its first page was served), and "built" after a `site-builder build` (untimed) left
its output/ and cache.

By default each edit waits for the previous rebuild to be completely written. With
--interval, the next edit comes that many seconds after the page was served, while the
rest of the site may still be rendering (an analyst fixing a typo right away).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate_site import event_path, generate  # noqa: E402

POLL_SECONDS = 0.005
SETTLE_SECONDS = 2.5  # let the generated files age past the stat cache's "racy" window
GEN_CORPUS = Path("/work/shared/bench/gen_corpus.py")
HUGO = shutil.which("hugo") or "/usr/bin/hugo"


class Server:
    """`site-builder serve` in a subprocess; its terminal lines, timestamped."""

    def __init__(self, root: Path):
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", "0"],
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _, line in self.lines:
                if match := re.match(r"Serving (http://\S+)", line):
                    return match.group(1)
            time.sleep(0.1)
        raise TimeoutError("the server did not start:\n" + "\n".join(t for _, t in self.lines))

    def built(self, timeout: float) -> float:
        """When the server reported its first build completely written."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for stamp, line in self.lines:
                if line.startswith("Built "):
                    return stamp
            time.sleep(0.1)
        raise TimeoutError("the first build did not finish")

    def rebuilt_after(self, start: int, timeout: float = 600) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for stamp, line in self.lines[start:]:
                if line.startswith("Rebuilt in"):
                    return stamp
            time.sleep(0.01)
        raise TimeoutError("no rebuild reported")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)


class ReloadListener:
    """A LiveReload client, as the browser runs it: timestamps every reload message."""

    def __init__(self, url: str):
        self.reloads: list[float] = []
        self.connected = threading.Event()
        ws = re.sub(r"^http://([^/]+)/.*$", r"ws://\1/livereload", url)
        threading.Thread(target=asyncio.run, args=(self._listen(ws, url),), daemon=True).start()
        if not self.connected.wait(30):
            raise TimeoutError("could not connect to the LiveReload socket")

    async def _listen(self, ws_url: str, page: str) -> None:
        connection = await websocket_connect(ws_url)
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        await connection.write_message(json.dumps(hello))
        await connection.read_message()
        await connection.write_message(json.dumps({"command": "info", "url": page}))
        self.connected.set()
        while (message := await connection.read_message()) is not None:
            if json.loads(message).get("command") == "reload":
                self.reloads.append(time.perf_counter())


def measure(events: int, edits: int, interval: float | None = None) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix=f"serve-bench-{events}-") as folder:
        root = generate(Path(folder), events)
        started = time.perf_counter()
        server = Server(root)
        try:
            url = server.url(timeout=3600)
            built = server.built(timeout=3600)  # edits start once the site is written
            print(f"  {events} events: first build {built - started:.1f} s")
            listener = ReloadListener(url)
            time.sleep(SETTLE_SECONDS)
            return _edits(server, listener, url, root, events, edits, interval)
        finally:
            server.stop()


def _edits(
    server: Server, listener: ReloadListener, url: str, root, events, edits, interval
) -> dict:
    figures: dict[str, list[float]] = {"served": [], "reload": [], "complete": []}
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    base = re.sub(r"^http://[^/]+", "", url)
    connection = http.client.HTTPConnection(host, int(port), timeout=600)
    for n in range(edits):
        number = (n * 7919 + 13) % events  # spread over the timeline
        path = root / event_path(number)
        page = f"{base}events/event-{number:06d}/"
        marker = f"Edited title {n} of the benchmark"
        text = path.read_text(encoding="utf-8")
        title_line = next(line for line in text.splitlines() if line.startswith("title: "))
        seen_lines, seen_reloads = len(server.lines), len(listener.reloads)
        path.write_text(text.replace(title_line, f"title: {marker}"), encoding="utf-8")
        written = time.perf_counter()
        while marker.encode() not in _get(connection, page):
            time.sleep(POLL_SECONDS)
        figures["served"].append(time.perf_counter() - written)
        if interval is None:
            figures["complete"].append(server.rebuilt_after(seen_lines) - written)
            time.sleep(0.3)
        else:
            time.sleep(interval)
        reloads = listener.reloads[seen_reloads:]
        figures["reload"].append(reloads[0] - written if reloads else float("nan"))
    connection.close()
    return figures


def _get(connection: http.client.HTTPConnection, url: str) -> bytes:
    connection.request("GET", url)
    return connection.getresponse().read()


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{name} median {statistics.median(ordered) * 1000:6.0f} ms, p90 {p90 * 1000:6.0f} ms"


# --- start to first page ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_page(command: list[str], port: int, path: str, marker: bytes, env=None) -> float:
    """Seconds from starting `command` until GET path on port answers 200 with marker."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                connection.close()
                if response.status == 200 and marker in body:
                    return time.perf_counter() - started
            except OSError:
                pass  # not listening yet
            time.sleep(POLL_SECONDS)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_times(events: int, runs: int, corpus: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix=f"serve-start-{events}-") as folder:
        target = corpus or Path(folder) / "corpus"
        if not (target / "expected.json").exists():
            subprocess.run(
                [sys.executable, str(GEN_CORPUS), str(events), str(target)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        sample = json.loads((target / "expected.json").read_text())["sample_event"]
        marker = next(
            line.split(":", 1)[1].strip().strip('"').encode()
            for line in (target / f"ours/content/events/{sample}.md").read_text().splitlines()
            if line.startswith("title:")
        )
        ours = target / "ours"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        names = ("ours, cold", "ours, restart", "ours, built")
        figures: dict[str, list[float]] = {name: [] for name in (*names, "hugo")}
        time.sleep(SETTLE_SECONDS)
        for _ in range(runs):
            for name in names:
                # cold: no output/ and no build cache; restart: what the last serve left;
                # built: the cache and output/ of a `site-builder build`.
                if name != "ours, restart":
                    shutil.rmtree(ours / "output", ignore_errors=True)
                    shutil.rmtree(ours / ".site-builder-cache", ignore_errors=True)
                if name == "ours, built":
                    build = [sys.executable, "-m", "site_builder", "--root", str(ours), "build"]
                    subprocess.run(build, check=True, stdout=subprocess.DEVNULL, env=env)
                port = _free_port()
                command = [sys.executable, "-m", "site_builder", "--root", str(ours), "serve"]
                command += ["--port", str(port)]
                path = f"/briefing/events/{sample}/"
                figures[name].append(_first_page(command, port, path, marker, env))
            port = _free_port()
            command = [HUGO, "server", "--bind", "127.0.0.1", "-p", str(port)]
            command += ["-s", str(target / "hugo"), "--disableFastRender"]
            figures["hugo"].append(_first_page(command, port, f"/events/{sample}/", marker))
        print(f"{events:>6} events, start to first event page ({runs} runs, median):")
        hugo = statistics.median(figures["hugo"])
        for name, values in figures.items():
            median = statistics.median(values)
            print(
                f"   {name:<14} {median:7.2f} s  ({', '.join(f'{v:.2f}' for v in values)})"
                + (f"  {median / hugo:5.2f}x Hugo" if name != "hugo" else "")
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds from a page served to the next edit (default: wait for the rebuild)",
    )
    parser.add_argument(
        "--start", action="store_true", help="measure start to first page, ours and Hugo's"
    )
    parser.add_argument("--runs", type=int, default=2, help="rounds for --start")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="gen_corpus.py folder to reuse (--start)"
    )
    args = parser.parse_args()
    if args.start:
        for events in args.events:
            start_times(events, args.runs, args.corpus if len(args.events) == 1 else None)
        return
    print(f"serve latency, {args.edits} single-event edits per size (file written → ...)")
    for events in args.events:
        figures = measure(events, args.edits, args.interval)
        print(f"{events:>6} events:")
        print("   " + summary("page served with the change", figures["served"]))
        print("   " + summary("reload message received    ", figures["reload"]))
        if figures["complete"]:
            print("   " + summary("whole rebuild written      ", figures["complete"]))


if __name__ == "__main__":
    main()
