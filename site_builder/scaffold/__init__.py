"""`site-builder new DIR`: a ready briefing, written from the templates in files/.

Placeholders in the templates: @TITLE@ (plain text), @TITLE_YAML@ (a quoted YAML
string), @VERSION@ (this site-builder's version, which the Pages workflow installs).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import unicodedata
from pathlib import Path

from site_builder import __version__

FILES = Path(__file__).resolve().parent / "files"
# Path in the new site → template in files/. Templates are stored without leading dots
# (package-data globs skip dot-files). The empty record folders are kept in git by a
# .gitkeep each; the loader ignores dot-files.
LAYOUT = {
    "site.yaml": "site.yaml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".github/workflows/pages.yml": "pages.yml",
    "content/events/.gitkeep": "gitkeep",
    "content/actors/.gitkeep": "gitkeep",
    "content/locations/.gitkeep": "gitkeep",
    "seeds/.gitkeep": "gitkeep",
}
# What may already be in DIR: an empty clone of a new repository holds just .git.
ALLOWED_IN_DIR = {".git"}


class ScaffoldError(Exception):
    """A reason not to write the site; the message is for the person running `new`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code  # 1: the folder is taken; 2: wrong usage (a bad --title)


def default_title(dest: Path) -> str:
    """'ukraine-talks' → 'Ukraine talks': a start the editor changes in site.yaml."""
    name = dest.absolute().name.replace("-", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else "Briefing"


def check_title(title: str) -> str:
    if not title.strip():
        raise ScaffoldError("--title is empty; give the briefing a name", code=2)
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in title):
        raise ScaffoldError("--title must be one line of text, without control characters", 2)
    return title.strip()


def check_destination(dest: Path) -> None:
    """Refuse anything but a new folder or an empty one: `new` never overwrites a file."""
    if not dest.exists() and not dest.is_symlink():
        return
    if not dest.is_dir():
        raise ScaffoldError(f"{dest} exists and is not a folder; choose a new folder name")
    present = sorted(set(os.listdir(dest)) - ALLOWED_IN_DIR)
    if present:
        shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
        raise ScaffoldError(
            f"{dest} is not empty (it holds {shown}); site-builder new writes only into a "
            "new or empty folder, so that no file is overwritten"
        )


def fill(text: str, title: str) -> str:
    # JSON's double-quoted string is a YAML double-quoted string too: '#', ':' and
    # quotes in a title survive, and nothing is cut short.
    return (
        text.replace("@TITLE_YAML@", json.dumps(title, ensure_ascii=False))
        .replace("@TITLE@", title)
        .replace("@VERSION@", __version__)
    )


def new_site(dest: Path, title: str | None = None) -> list[Path]:
    """Write the scaffold into dest; return the paths written, relative to dest."""
    title = check_title(default_title(dest) if title is None else title)
    check_destination(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name, template in LAYOUT.items():
            path = dest / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = fill((FILES / template).read_text(encoding="utf-8"), title)
            # "x": fail rather than replace a file that appeared since the check.
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                out.write(text)
            written.append(Path(name))
    except OSError:
        for target in written:  # our own half-made site only, never another file
            (dest / target).unlink(missing_ok=True)
        raise
    return written


def run_new(args: argparse.Namespace) -> int:
    dest: Path = args.dir
    try:
        new_site(dest, args.title)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    here = dest.as_posix()
    where = "this folder" if dest.absolute() == Path.cwd() else f"{here}/"
    print(f"Created a briefing in {where}: site.yaml, content/, seeds/, README.md,")
    print("  .gitignore and .github/workflows/pages.yml (publishing to GitHub Pages).")
    print("Next:")
    if dest.absolute() != Path.cwd():
        print(f"  cd {shlex.quote(here)}")
    print("  site-builder ingest ARTICLE.md   draft records from a news article")
    print("  site-builder serve               preview at http://127.0.0.1:8000/")
    return 0
