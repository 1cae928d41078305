"""site.yaml → SiteConfig. Unknown keys are errors at their line."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.content.frontmatter import Document, parse_yaml, read_text
from site_builder.content.model import PartialDate
from site_builder.content.records import FieldReader
from site_builder.diagnostics import Problems, SourcePos

CONFIG_FILE = "site.yaml"
# BCP 47 in its common shapes ('en', 'pt-BR', 'zh-Hant-TW'); the value lands in <html lang>.
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
CONFIG_KEYS = (
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "domain",
    "as_of",
    "author",
    "license",
)


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Briefing"
    description: str = ""
    base_url: str = "/"  # "https://org.github.io/repo/" or a bare path such as "/repo/"
    language: str = "en"
    theme: str = "default"
    domain: str = ""  # written to CNAME for GitHub Pages custom domains
    as_of: PartialDate | None = None  # defaults to the newest seed's publication date
    author: str = ""
    license: str = ""
    theme_line: int = 1  # where site.yaml names the theme, for "theme not found"

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"

    @property
    def origin(self) -> str:
        """scheme://host of base_url, or '' when the site's address is not known."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

    def with_base_url(self, base_url: str | None) -> SiteConfig:
        return replace(self, base_url=base_url) if base_url else self


def load_config(root: Path, problems: Problems) -> SiteConfig:
    path = root / CONFIG_FILE
    if not path.exists():
        return SiteConfig()
    text = read_text(path, CONFIG_FILE, problems)
    if text is None:
        return SiteConfig()
    meta, lines, raw = parse_yaml(text, 1, CONFIG_FILE, problems, what=CONFIG_FILE)
    if meta is None:
        return SiteConfig()
    f = FieldReader(Document(path, CONFIG_FILE, meta, lines, raw=raw), problems, CONFIG_KEYS)
    defaults = SiteConfig()
    config = SiteConfig(
        title=f.text("title", default=defaults.title),
        description=f.text("description"),
        base_url=f.text("base_url", default=defaults.base_url),
        language=f.text("language", default=defaults.language),
        theme=f.text("theme", default=defaults.theme),
        domain=f.text("domain"),
        as_of=f.date("as_of"),
        author=f.text("author"),
        license=f.text("license"),
    )
    if not _check_base_url(config.base_url, f.doc.pos("base_url"), problems):
        config = replace(config, base_url=defaults.base_url)
    if not LANGUAGE_RE.match(config.language):
        problems.add(
            f.doc.pos("language"),
            f"'language' must be a language tag such as 'en' or 'pt-BR', not '{config.language}'",
        )
    return replace(config, theme_line=lines.get("theme", 1))


def _check_base_url(base_url: str, pos: SourcePos, problems: Problems) -> bool:
    try:
        parts = urlsplit(base_url)
    except ValueError:  # e.g. an unclosed '[' in the host
        parts = urlsplit("")
    absolute = parts.scheme in ("http", "https") and parts.netloc
    if not (absolute or (not parts.scheme and base_url.startswith("/"))):
        problems.add(
            pos,
            f"base_url '{base_url}' must be a full address such as "
            "'https://org.github.io/repo/' or a path such as '/repo/'",
        )
        return False
    return True
