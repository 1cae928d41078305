"""The Jinja environment: site templates override the theme's, typos are errors."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.diagnostics import Problems, SourcePos, Superseded, display_path

SITE_TEMPLATES = "templates"
SITE_STATIC = "static"


def _bundled_themes() -> Path:
    """The folder holding the bundled themes (the one place that knows where it is).

    An installed wheel carries them as site_builder/themes/ (pyproject maps the package
    to the repository's themes/); a source checkout or editable install has no such
    folder inside the package, so the theme is themes/ at the top of the repository."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "themes"
    return installed if installed.is_dir() else package.parent / "themes"


BUNDLED_THEMES = _bundled_themes()


@dataclass(frozen=True)
class Theme:
    """Template and static folders, most specific first (the site's own, then the theme's)."""

    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]


def find_theme(root: Path, name: str, problems: Problems, line: int = 1) -> Theme | None:
    for base in (root / "themes", BUNDLED_THEMES):
        folder = base / name
        if (folder / "templates").is_dir():
            return Theme(
                template_dirs=(root / SITE_TEMPLATES, folder / "templates"),
                static_dirs=(root / SITE_STATIC, folder / "static"),
            )
    problems.add(
        SourcePos("site.yaml", line),
        f"theme '{name}' not found: expected themes/{name}/templates/",
    )
    return None


def templates_digest(theme: Theme) -> bytes:
    """Every template file the theme and the site provide: a change re-renders every page."""
    blob = hashlib.blake2b(digest_size=16)
    for folder in theme.template_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                blob.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return blob.digest()


# What `a.b` finds on a plain dict before trying a["b"] (dict's methods and dunders).
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, with `view.field` on a plain dict looked up directly.

    Templates get plain dicts, so nearly every `a.b` is a dict's key. Jinja tries
    getattr(a, "b") first, and the AttributeError it raises and catches was a fifth of a
    page's rendering time (issue 14). For a plain dict, getattr succeeds exactly for the
    names of dict's own attributes, so any other name goes straight to the key: the same
    value, or the same Undefined, as Jinja's own lookup."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def make_environment(theme: Theme) -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    return env


def template_problem(err: Exception, root: Path, template_name: str) -> tuple[SourcePos, str]:
    """Where a template failed (file and line inside the template) and why."""
    if isinstance(err, jinja2.TemplateSyntaxError) and err.filename:
        return SourcePos(display_path(Path(err.filename), root), err.lineno or 1), (
            f"template syntax error: {err.message}"
        )
    frames = [
        f
        for f in traceback.extract_tb(err.__traceback__)
        if f.filename.endswith((".html", ".xml", ".txt", ".j2"))
    ]
    if frames:
        frame = frames[-1]
        pos = SourcePos(display_path(Path(frame.filename), root), frame.lineno or 1)
    else:
        pos = SourcePos(template_name, 1)
    if isinstance(err, RecursionError):
        return pos, "template error: a template includes, extends or calls itself without end"
    if isinstance(err, jinja2.UndefinedError):
        return pos, f"template error: {err.message}"
    if isinstance(err, jinja2.TemplateNotFound):
        return pos, f"template '{err.name}' not found in the site or theme templates"
    return pos, f"template error: {type(err).__name__}: {err}"


def render(
    env: jinja2.Environment,
    name: str,
    context: dict,
    root: Path,
    problems: Problems,
    checkpoint: Callable[[], None] | None = None,
) -> str | None:
    """The page's text, or None after reporting a template problem.

    With `checkpoint`, it is called between chunks of output and may raise Superseded:
    the dev server drops a 10,000-event timeline midway rather than make the next save
    wait for it (issue 4)."""
    try:
        template = env.get_template(name)
        if checkpoint is None:
            return template.render(context)
        parts = []
        for part in template.generate(context):
            checkpoint()
            parts.append(part)
        return "".join(parts)
    except Superseded:
        raise
    except Exception as err:  # noqa: BLE001 — any failure in a template is the template's
        # (division by zero, endless include, a filter given the wrong type): report it at
        # the template's file and line instead of a traceback (issue 6).
        pos, message = template_problem(err, root, name)
        problems.add(pos, message)
    return None
