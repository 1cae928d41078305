"""`site-builder serve`: build, serve output/ at its production path, rebuild on every save.

Issue 4. The build loop is preview.py, the browser side is livereload_bridge.py, the file
watcher is watch.py; this module is the HTTP side: which file a URL means (refusing
anything outside output/), the reload script and the error overlay in HTML responses,
ports, and a clean exit on Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import html
import ipaddress
import mimetypes
import re
import signal
import sys
import threading
import webbrowser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from site_builder.build.output import OutputInUse, ServeClaim
from site_builder.content.config import load_config
from site_builder.content.loader import CONTENT_DIR, SEEDS_DIR
from site_builder.diagnostics import Problem, Problems
from site_builder.render.templates import BUNDLED_THEMES, SITE_STATIC, SITE_TEMPLATES
from site_builder.serve import livereload_bridge
from site_builder.serve.preview import Preview
from site_builder.serve.watch import Watcher

PORT_TRIES = 20
SOURCE_DIRS = (CONTENT_DIR, SEEDS_DIR, SITE_TEMPLATES, SITE_STATIC, "themes")
_PARENT_SEGMENT = re.compile(r"(^|[/\\])\.\.([/\\]|$)")
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
mimetypes.add_type("application/geo+json", ".geojson")
mimetypes.add_type("text/calendar", ".ics")


def run_serve(args: argparse.Namespace) -> int:
    root = args.root
    out_dir = args.out or root / "output"
    refusal = out_dir_problem(root, out_dir)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    if warning := host_warning(args.host):
        _log(warning)
    try:
        server = PreviewServer(root, out_dir, args.host, args.port)
    except OutputInUse as err:
        print(f"error: {err}", file=sys.stderr)
        return 1

    def announce() -> None:
        _log(f"Serving {server.url}  (Ctrl-C to stop)")
        if args.open:
            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()

    server.serve_forever(on_ready=announce)
    _log("Stopped.")
    return 0


class PreviewServer:
    """The preview: binds at once (so the port is known), serves in serve_forever()."""

    def __init__(
        self,
        root: Path,
        out_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        log=None,
    ):
        self.root = root
        self.out_dir = out_dir.resolve()
        self.log = log or _log
        self.host = host
        self.claim = ServeClaim(self.out_dir)  # raises OutputInUse before any port is taken
        self.sockets, self.port = bind_free_port(host, port, self.log)
        self.loop: IOLoop | None = None
        self.preview = Preview(root, self.out_dir, self._reload, self.log)
        self.preview.builder.claim = self.claim
        self.watcher = Watcher(self._source_dirs, [root / "site.yaml"], self.preview.changed)
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None

    @property
    def base_path(self) -> str:
        return self.preview.base_path or load_config(self.root, Problems()).base_path

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.base_path}"

    def serve_forever(self, handle_signals: bool = True, on_ready=None) -> None:
        asyncio.run(self._main(handle_signals, on_ready))

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Block until the first build is completely written (tests)."""
        if not self._ready.wait(timeout):
            raise TimeoutError("the preview server did not start")
        self.preview.wait_idle(timeout)

    def stop(self) -> None:
        """Stop from any thread; serve_forever() then returns."""
        if self.loop is not None and self._stop is not None:
            self.loop.add_callback(self._stop.set)

    async def _main(self, handle_signals: bool, on_ready) -> None:
        self.loop = IOLoop.current()
        self._stop = asyncio.Event()
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(sig, self._stop.set)
        allowed = allowed_hosts(self.host, self.port)
        routes = [*livereload_bridge.routes(), (r"/.*", SiteHandler, {"server": self})]
        app = tornado.web.Application(
            [(pattern, _guarded(handler, allowed), *rest) for pattern, handler, *rest in routes],
            log_function=lambda handler: None,
        )
        http = HTTPServer(app)
        http.add_sockets(self.sockets)  # a request waits for its page, it is not refused
        starting = asyncio.ensure_future(self._start_building(on_ready))
        try:
            await self._stop.wait()
        finally:
            starting.cancel()
            http.stop()
            self.watcher.stop()
            self.preview.stop()
            self.claim.release()
            await http.close_all_connections()

    async def _start_building(self, on_ready) -> None:
        """Watch first, then build: a save during the first build is not missed."""
        loop = asyncio.get_running_loop()
        try:
            self.watcher.start()
            await loop.run_in_executor(None, self.watcher.wait_ready)
            self.preview.start()
        except Exception as err:  # e.g. the system's inotify limit: say so and stop
            self.log(f"error: {err}")
            self._stop.set()
            return
        if on_ready:  # pages are answered from now on, each rendered when first asked for
            on_ready()
        await loop.run_in_executor(None, self.preview.wait_idle, None)  # however long
        self._ready.set()

    def _source_dirs(self) -> list[Path]:
        """Folders to watch, without those inside another (the theme may sit in themes/)."""
        folders = {p.resolve() for p in [self.root / n for n in SOURCE_DIRS]}
        folders |= {p.resolve() for p in self.preview.theme_dirs()}
        return [f for f in folders if not any(f != o and f.is_relative_to(o) for o in folders)]

    def _reload(self, paths: list[str]) -> None:
        if self.loop is not None:
            for path in paths:
                livereload_bridge.reload_browsers(self.loop, path)

    def decorate(self, page: bytes) -> bytes:
        """What a browser gets instead of a built page: reload script, problems on top."""
        problems = self.preview.problems
        if problems:
            page = _with_overlay(page, problems)
        return livereload_bridge.inject(page)


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers that name this preview: its loopback names, or the --host given.

    Anything else is refused: a web page whose name was rebound to 127.0.0.1 (DNS
    rebinding) would send its own name, and could otherwise read the preview."""
    names = {"127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host}
    hosts = {f"{name}:{port}".lower() for name in names}
    if port == 80:
        hosts |= {name.lower() for name in names}
    return frozenset(hosts)


def _guarded(handler: type, allowed: frozenset[str]) -> type:
    """The handler, refusing requests whose Host header names another site (421)."""

    class Guarded(handler):
        def prepare(self):
            if self.request.headers.get("Host", "").lower() not in allowed:
                self.set_status(421)
                self.set_header("Content-Type", "text/plain; charset=utf-8")
                self.finish(
                    "Refused: this preview answers only to the address it serves "
                    f"({min(allowed)}), not to another name.\n"
                )
                return None
            return super().prepare()

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{handler.__name__}"
    return Guarded


class SiteHandler(tornado.web.RequestHandler):
    def initialize(self, server: PreviewServer) -> None:
        self.server = server

    def compute_etag(self) -> None:
        return None  # every response is fresh; see Cache-Control

    async def get(self) -> None:
        await self._respond(head=False)

    async def head(self) -> None:
        await self._respond(head=True)

    async def _respond(self, head: bool) -> None:
        server = self.server
        kind, value = map_request(self.request.path, server.base_path)
        if kind == "refuse":
            self.set_status(403)
            self.finish("Refused: that address points outside the site.\n")
            return
        if kind == "redirect":
            self.redirect(value)
            return
        if kind == "outside":
            self._not_found(head, f"This preview is served under {value}")
            return
        relative = PurePosixPath(value)
        target = server.out_dir / relative
        if not target.resolve().is_relative_to(server.out_dir):
            self.set_status(403)
            self.finish("Refused: that address points outside the site.\n")
            return
        if target.is_dir():  # a folder's address without its slash, as GitHub Pages does
            self.redirect(self.request.path + "/")
            return
        loop = IOLoop.current()
        current = await loop.run_in_executor(None, server.preview.wait_fresh, relative)
        data = _read(target) if current else None
        if data is None:
            self._not_found(head)
            return
        self._send(data, _content_type(relative), head)

    def _not_found(self, head: bool, note: str = "") -> None:
        self.set_status(404)
        page = _read(self.server.out_dir / "404.html")
        if page is None or note:
            text = html.escape(note or "Page not found")
            page = f"<!DOCTYPE html><title>{text}</title><body><h1>{text}</h1></body>".encode()
        self._send(page, "text/html; charset=utf-8", head)

    def _send(self, data: bytes, content_type: str, head: bool) -> None:
        if content_type.startswith("text/html"):
            data = self.server.decorate(data)
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Length", str(len(data)))
        self.finish(b"" if head else data)


def map_request(raw_path: str, base_path: str) -> tuple[str, str]:
    """A request path → ("file", relative path) or ("redirect" | "outside" | "refuse", ...).

    Parent segments are refused however they are spelled: '/../', '%2e%2e', '%252e%252e',
    backslashes; the caller also checks that the file resolves inside output/.
    """
    layer = raw_path
    for _ in range(4):
        if _PARENT_SEGMENT.search(layer) or "\0" in layer:
            return "refuse", ""
        decoded = unquote(layer)
        if decoded == layer:
            break
        layer = decoded
    path = unquote(raw_path)
    if "\\" in path:
        return "refuse", ""
    if not path.startswith(base_path):
        if base_path.startswith(path.rstrip("/") + "/"):
            return "redirect", base_path  # "/" → "/repo/", as a project site is visited
        return "outside", base_path
    relative = path[len(base_path) :]
    if relative.startswith("/"):
        return "refuse", ""
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return "file", relative


def bind_free_port(host: str, port: int, log) -> tuple[list, int]:
    """Sockets on the first free port from `port` on; say which one when it moved."""
    for candidate in range(port, port + PORT_TRIES) if port else [0]:
        try:
            sockets = bind_sockets(candidate, address=host)
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise
            log(f"port {candidate} on {host} is already in use; trying {candidate + 1}")
            continue
        actual = sockets[0].getsockname()[1]
        if port and actual != port:
            log(f"using port {actual} instead of {port}")
        return sockets, actual
    raise OSError(
        errno.EADDRINUSE,
        f"ports {port} to {port + PORT_TRIES - 1} on {host} are all in use; "
        "choose another with --port",
    )


def host_warning(host: str) -> str | None:
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {host} lets other machines on your network read this "
        "preview, drafts included; the default --host 127.0.0.1 keeps it on this computer"
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def out_dir_problem(root: Path, out_dir: Path) -> str | None:
    """serve rewrites its output folder: it must not be, or hold, any of the site's sources."""
    out, site = out_dir.resolve(), root.resolve()
    if out == site or site.is_relative_to(out):
        return f"--out {out_dir} would replace the site folder; choose a folder such as output/"
    for name in SOURCE_DIRS:
        if out.is_relative_to(site / name):
            return f"--out {out_dir} is inside {name}/, which holds sources; choose output/"
    if out.is_relative_to(BUNDLED_THEMES):
        return f"--out {out_dir} is inside the bundled themes; choose output/"
    return None


def _with_overlay(page: bytes, problems: list[Problem]) -> bytes:
    """The problems over the last good page (Zola's approach): file, line and message."""
    count = len(problems)
    items = "".join(
        f'<li><code style="color:#ffd479">{html.escape(str(p.pos))}</code>: '
        f"{html.escape(p.message)}</li>"
        for p in problems
    )
    overlay = (
        '<div id="site-builder-problems" role="alert" style="position:fixed;inset:0;'
        "z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:#1d1f21f2;"
        'color:#fff;font:16px/1.5 system-ui,sans-serif;text-align:left">'
        f'<h1 style="font-size:1.5rem;margin:0 0 1rem;color:#fff">'
        f"{count} problem{'s' if count != 1 else ''} in the site</h1>"
        f'<ol style="padding-left:1.5rem">{items}</ol>'
        "<p>The last good version of the page is underneath. Fix the file and save: "
        "this page updates by itself.</p></div>"
    ).encode()
    match = _BODY_START.search(page)
    at = match.end() if match else len(page)
    return page[:at] + overlay + page[at:]


def _content_type(path: PurePosixPath) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = kind.startswith("text/") or kind.endswith(("+xml", "/xml", "json", "javascript"))
    return f"{kind}; charset=utf-8" if text else kind


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
