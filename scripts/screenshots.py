"""Screenshots of every page type at phone and desktop widths, plus print PDFs.

Usage: python scripts/screenshots.py [OUTPUT_DIR] [--dest DIR] [--dark] [--no-js]
Serves the built site on a free loopback port and drives Debian's Chromium. --dark
captures the dark colour scheme, --no-js the pages as a reader without JavaScript
sees them (issue 7: the timeline and maps must work without it).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def page_samples(site: Path) -> dict[str, str]:
    """One URL per page type, picked from what the build wrote."""
    samples = {
        "overview": "/",
        "timeline": "/timeline/",
        "actors": "/actors/",
        "locations": "/locations/",
        "search": "/search/?q=talks",
        "404": "/404.html",
    }
    for kind, folder in (
        ("event", "events"),
        ("actor", "actors"),
        ("location", "locations"),
        ("source", "sources"),
    ):
        pages = sorted(p for p in (site / folder).iterdir() if p.is_dir())
        if pages:
            samples[kind] = f"/{folder}/{pages[len(pages) // 2].name}/"
    if "actor" in samples:  # a shared, filtered view of the timeline
        actor = samples["actor"].strip("/").split("/")[-1]
        samples["timeline-filtered"] = f"/timeline/?actor={actor}"
    return samples


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", default="output", type=Path)
    parser.add_argument("--dest", default="screenshots", type=Path)
    parser.add_argument("--dark", action="store_true", help="dark colour scheme")
    parser.add_argument("--no-js", action="store_true", help="JavaScript disabled")
    args = parser.parse_args()
    args.dest.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        options = {
            "color_scheme": "dark" if args.dark else "light",
            "java_script_enabled": not args.no_js,
        }
        for name, path in page_samples(args.site).items():
            for width_name, (width, height) in WIDTHS.items():
                size = {"width": width, "height": height}
                context = browser.new_context(viewport=size, **options)
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=args.dest / f"{name}-{width_name}.png", full_page=True)
                context.close()
            context = browser.new_context(**options)
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.pdf(path=args.dest / f"{name}-print.pdf")
            context.close()
        browser.close()
    server.shutdown()
    print(f"screenshots written to {args.dest}/")


if __name__ == "__main__":
    main()
