"""Command line: each command imports its module lazily and maps failures to exit codes.

Exit codes: 0 success, 1 problems in the input (reported as path:line: message),
2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder import __version__
from site_builder.diagnostics import BuildError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build briefing sites (timeline, actors, locations) from records and articles.",
    )
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the site folder holding site.yaml, content/ and seeds/ "
        "(default: the nearest folder with a site.yaml, here or above)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="start a new briefing in a new or empty folder")
    new.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    new.add_argument("--title", default=None, help="the briefing's title (default: from DIR)")
    new.set_defaults(run=_new, needs_site=False)

    build = commands.add_parser("build", help="render the site into output/")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    build.add_argument(
        "--base-url",
        default=None,
        help="the address the site is served from, e.g. https://org.github.io/repo/",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="build everything from scratch; neither read nor write .site-builder-cache/",
    )
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="check a built site for broken internal links")
    check.add_argument("--out", type=Path, default=None, help="built site (default: output/)")
    check.add_argument(
        "--base-url",
        default=None,
        help="the base URL the site was built with (default: from site.yaml)",
    )
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="preview with live reload while you edit")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    serve.set_defaults(run=_serve)

    ingest = commands.add_parser("ingest", help="draft records from news articles")
    ingest.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="article files: .md with front matter, or .txt with --published",
    )
    ingest.add_argument(
        "--content", type=Path, default=None, help="where records are written (default: content/)"
    )
    ingest.add_argument(
        "--published",
        default=None,
        help="publication date YYYY-MM-DD for articles without front matter",
    )
    ingest.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be created or changed; write nothing",
    )
    ingest.set_defaults(run=_ingest)
    return parser


def _new(args: argparse.Namespace) -> int:
    from site_builder.scaffold import run_new

    return run_new(args)


def _find_root(args: argparse.Namespace) -> Path | None:
    """The site a command works on, or None after saying why there is none.

    Without --root, the nearest folder with a site.yaml, here or above (as git finds its
    repository). An explicit --root must hold a site.yaml too: building a folder that is
    not a site would only make an empty site of the wrong folder."""
    from site_builder.content.site_root import find_site_root, is_site

    if args.root is not None:
        if is_site(args.root):
            return args.root
        where = f"--root {args.root} is not a briefing site: it has no site.yaml."
    else:
        found = find_site_root(Path.cwd())
        if found is not None:  # relative, so messages name paths as the user sees them
            return Path(os.path.relpath(found))
        where = f"{Path.cwd()} is not in a briefing site: no site.yaml here or in any folder above."
    print(f"error: {where}", file=sys.stderr)
    print(
        "Start one with: site-builder new DIR (then cd DIR), or name a site with --root.",
        file=sys.stderr,
    )
    return None


def _build(args: argparse.Namespace) -> int:
    from site_builder.build.output import OutputInUse
    from site_builder.build.pipeline import build

    out_dir = args.out or args.root / "output"
    try:
        result = build(args.root, out_dir, args.base_url, use_cache=not args.no_cache)
    except OutputInUse as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def _check(args: argparse.Namespace) -> int:
    from site_builder.build.check import run_check

    return run_check(args)


def _serve(args: argparse.Namespace) -> int:
    from site_builder.serve.server import run_serve

    return run_serve(args)


def _ingest(args: argparse.Namespace) -> int:
    from site_builder.ingest.command import run_ingest

    return run_ingest(args)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "needs_site", True):
        args.root = _find_root(args)
        if args.root is None:
            return 2
    try:
        return args.run(args)
    except BuildError as err:
        print(err.problems.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
