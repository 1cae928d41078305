"""Markdown bodies → HTML.

Raw-HTML policy (SECURITY.md): records are data from many hands, so HTML in a body is
shown as text, never passed through. markdown-it-py's link validation refuses
`javascript:`, `vbscript:`, `file:` and non-image `data:` URLs.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render_markdown(text: str) -> str:
    return _parser().render(text) if text.strip() else ""
