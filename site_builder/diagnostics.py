"""Problems found in a site's input, reported as `path:line: message`.

Every stage collects problems instead of raising on the first one, so an author
sees everything that is wrong with a build at once (STYLE.md, habit 2).
"""

from __future__ import annotations

import difflib
import os
import traceback
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourcePos:
    """A place in an input file; line is 1-based, 0 when the whole file is meant."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, order=True)
class Problem:
    pos: SourcePos
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.pos}: {self.message}")


def one_line(text: str) -> str:
    """Text (file names, values quoted from a record) with line breaks and control
    characters escaped, so that every problem stays on one line of the report (a field
    named "\r" broke it)."""
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if unicodedata.category(char) not in ("Cc", "Zl", "Zp"):
        return char
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}")


@dataclass
class Problems:
    """An ordered collection of problems; falsy when empty."""

    items: list[Problem] = field(default_factory=list)

    def add(self, pos: SourcePos, message: str) -> None:
        self.items.append(Problem(pos, message))

    def add_at(self, path: str, message: str, line: int = 0) -> None:
        self.add(SourcePos(path, line), message)

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.sorted())

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def report(self) -> str:
        """One line per problem, then a count: the format the CLI prints."""
        lines = [str(p) for p in self.sorted()]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


class Superseded(Exception):  # noqa: N818 — a signal, not an error
    """A newer change arrived while the dev server was rendering: this work is moot."""


class BuildError(Exception):
    """Raised to stop a command when its input has problems."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


def display_path(path: Path, root: Path) -> str:
    """The path as the author knows it: relative to the site root when inside it.

    Symbolic links are not followed: a link is named by where it is, not where it points.
    """
    for resolve in (os.path.abspath, os.path.realpath):
        try:
            return Path(resolve(path)).relative_to(resolve(root)).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` hint, or an empty string when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def internal_problem(err: Exception) -> Problem:
    """A bug in site-builder, as a problem the dev server shows instead of dying of it."""
    where = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    place = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
    return Problem(SourcePos("site-builder"), f"internal error {type(err).__name__}: {err}{place}")
