"""Draft records → Markdown files with YAML front matter, written only where allowed.

The front matter is written by hand rather than by yaml.dump so that it reads like the
records people write (flow lists, one source per item) and round-trips through the
strict record loader: text values are double-quoted JSON strings, which are valid YAML.
"""

from __future__ import annotations

import json
import re

from site_builder.ingest.drafts import Draft

_PLAIN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*|\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_TEXT_KEYS = {"title", "name", "role", "quote"}


def render(draft: Draft) -> str:
    lines = ["---"]
    for key, value in draft.meta.items():
        if key == "sources":
            lines.append("sources:")
            for source in value:
                lines.append(f"  - seed: {source['seed']}")
                lines.append(f"    quote: {_text(source['quote'])}")
        elif isinstance(value, list):
            items = ", ".join(_item(key, v) for v in value)
            lines.append(f"{key}: [{items}]")
        else:
            lines.append(f"{key}: {_scalar(key, value)}")
    lines.append("---")
    body = draft.body.strip("\n")
    return "\n".join(lines) + "\n" + (body + "\n" if body else "")


def _scalar(key: str, value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if key not in _TEXT_KEYS and _PLAIN.match(text):
        return text
    return _text(text)


def _item(key: str, value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    if key in ("actors", "locations") and _PLAIN.match(str(value)):
        return str(value)
    return _text(str(value))


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_seed(article) -> str:
    """A plain-text article becomes a seed: front matter, then its text unchanged."""
    lines = ["---", f"title: {_text(article.title)}", f"published: {article.published.isoformat()}"]
    for key in ("source", "url", "license"):
        if article.fields.get(key):
            lines.append(f"{key}: {_text(article.fields[key])}")
    if article.meta:
        lines.append("meta:")
        for key, value in article.meta.items():
            lines.append(f"  {_key(key)}: {_flow(value, key, article.meta_raw)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + article.text


def _key(key: str) -> str:
    """A key as plain YAML only when it cannot read as anything but that word."""
    plain = _PLAIN.match(key) and not key[0].isdigit() and key not in ("true", "false", "null")
    return key if plain else _text(key)


def _flow(value, path: str, raw: dict) -> str:
    """Any front-matter value as one line of YAML flow: JSON for text, lists and mappings
    (JSON is YAML), numbers and booleans as the author wrote them."""
    if isinstance(value, dict):
        items = (f"{_text(k)}: {_flow(v, f'{path}.{k}', raw)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, f"{path}.{i}", raw) for i, v in enumerate(value)) + "]"
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    return raw.get(path) or json.dumps(value)
