"""Command line: each command imports its module lazily and maps failures to exit codes.

Exit codes: 0 success, 1 problems in the input (reported as path:line: message),
2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
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
        default=Path("."),
        help="the site folder holding site.yaml, content/ and seeds/ (default: .)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="render the site into output/")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    build.add_argument(
        "--base-url",
        default=None,
        help="the address the site is served from, e.g. https://org.github.io/repo/",
    )
    build.set_defaults(run=_build)
    return parser


def _build(args: argparse.Namespace) -> int:
    from site_builder.build import build

    out_dir = args.out or args.root / "output"
    result = build(args.root, out_dir, args.base_url)
    print(result.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
