"""The browser side of live reload: the only module that imports python-livereload.

We use livereload's WebSocket handler (the LiveReload protocol) and its bundled
livereload.js, which reloads the page, or only the stylesheets when a CSS file changed.
Its file watcher and HTTP server are not used: serve.py serves the site and decides
when to reload (issue 4). Replacing livereload means replacing this module.
"""

from __future__ import annotations

import re

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado.ioloop import IOLoop

# livereload.js finds the server from its own <script src>: same host, and the port given.
SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var p=location.port||(location.protocol=="https:"?443:80);'
    b's.src="//"+location.hostname+":"+p+"/livereload.js?port="+p;'
    b"document.head.appendChild(s);})();</script>"
)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


class _NoWatcher:
    filepath = None  # reload_waiters() logs the watcher's last path; ours is elsewhere


def routes() -> list[tuple[str, type]]:
    """Tornado routes for the WebSocket and the script; they go before the site's own."""
    LiveReloadHandler.live_css = True
    LiveReloadHandler.watcher = _NoWatcher()
    return [(r"/livereload", LiveReloadHandler), (r"/livereload.js", LiveReloadJSHandler)]


def inject(html: bytes) -> bytes:
    """Add the reload script to any HTML page: in <head>, else before </body>, else at the end."""
    for pattern in (_HEAD_END, _BODY_END):
        match = pattern.search(html)
        if match:
            return html[: match.start()] + SCRIPT + html[match.start() :]
    return html + SCRIPT


def reload_browsers(loop: IOLoop, path: str = "*") -> None:
    """Tell every connected page to reload; a CSS path swaps only that stylesheet.

    Safe to call from any thread: the message is sent from the server's event loop.
    """
    loop.add_callback(LiveReloadHandler.reload_waiters, path)


def connected_browsers() -> int:
    return len(LiveReloadHandler.waiters)
