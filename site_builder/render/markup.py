"""Markdown bodies → HTML.

Raw-HTML policy (SECURITY.md): records are data from many hands, so HTML in a body is
shown as text, never passed through. markdown-it-py's link validation refuses
`javascript:`, `vbscript:`, `file:` and non-image `data:` URLs (the Markdown is then shown
as written). An image from another host would make every reader's browser fetch it (a
tracking pixel; and the site promises no request to any other host), so it is rendered
as a link to the image instead: nothing leaves the page until a reader clicks.
"""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # With "html" off these rules never match (each returns False at once), but they were
    # still tried on every line and inline token: off, the same HTML a tenth faster.
    md.disable(["html_block", "html_inline"])
    default_image = md.renderer.rules["image"]

    def image(renderer, tokens, idx, options, env):
        token = tokens[idx]
        src = token.attrGet("src") or ""
        if not _is_remote(src):
            return default_image(tokens, idx, options, env)
        alt = renderer.renderInlineAsText(token.children or [], options, env) or src
        return f'<a class="remote-image" href="{escapeHtml(src)}">{escapeHtml(alt)}</a>'

    md.add_render_rule("image", image)
    return md


def _is_remote(src: str) -> bool:
    """True for an address on another host; relative paths and data: images are local."""
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return True  # not a usable address: do not let the browser try it
    return bool(parts.netloc) or parts.scheme not in ("", "data")


# Bodies already rendered, by their text: a build renders every record's body once, as
# it reads the record (on every core, or from the build cache), and the pages and the
# search index then look it up here. A pure function of the text, so it cannot go stale.
_rendered: dict[str, str] = {}


def remember(text: str, html: str) -> None:
    """Note html as render_markdown(text), made elsewhere (a worker, the build cache)."""
    _rendered[text] = html


def forget_remembered() -> None:
    _rendered.clear()


def render_markdown(text: str) -> str:
    html = _rendered.get(text)
    return _render(text) if html is None else html


@lru_cache(maxsize=1 << 15)  # a pure function of the text; the dev server re-renders often
def _render(text: str) -> str:
    return _parser().render(text) if text.strip() else ""
