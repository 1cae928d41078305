"""Split a record into YAML front matter and a Markdown body, keeping line numbers.

The YAML is read with a deliberately small schema (close to YAML 1.2's core schema):
`NO`, `on`, `12:30` and `2025-12-06` stay strings, so nothing is silently turned into
a boolean, a sexagesimal number or a date (issue 6). Anchors, aliases and explicit tags
are refused (never needed in a record; aliases make "billion laughs" possible and an
anchor silently eats the start of a value), as are duplicate keys, non-string keys,
nesting deeper than any record needs and a `#` that would silently cut a value short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.content.yaml_messages import RefusedYAML, explain
from site_builder.diagnostics import Problems, SourcePos

MAX_RECORD_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20  # records nest three levels; PyYAML's composer recurses without a limit
FENCE = "---"
# C0 and C1 control characters other than tab and line breaks: invisible in editors,
# refused by YAML and invalid in HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# In a value, also what YAML escapes can produce but no page, feed or UTF-8 file can hold:
# lone surrogates ("\ud800") and the non-characters U+FFFE and U+FFFF.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}
# YAML 1.1's implicit types are replaced by the stricter resolvers below; `<<` and `=`
# stay plain text instead of becoming merge keys or "value" tags.
_REPLACED = {_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:timestamp"} | {
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


class _StrictComposing:
    """YAML 1.2-style scalars, no aliases, anchors or tags, bounded depth (mixed in below)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _REPLACED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            _refuse(event, f"'*{event.anchor}' is a YAML alias; {_QUOTE_OR_WRITE_OUT}")
        if getattr(event, "anchor", None):
            _refuse(event, f"'&{event.anchor}' is a YAML anchor; {_QUOTE_OR_WRITE_OUT}")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            _refuse(event, f"the tag '{shown}' is not allowed; write a plain value")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                _refuse(event, f"fields are nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class RecordLoader(_StrictComposing, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones yaml_messages.py explains."""


if yaml.__with_libyaml__:

    class _FastRecordLoader(
        _StrictComposing, yaml.composer.Composer, yaml._yaml.CParser,  # noqa: SLF001
        yaml.constructor.SafeConstructor, yaml.resolver.Resolver,
    ):  # fmt: skip
        """libyaml scans and parses (most of a big build's time in pure Python); composing
        and every check above stay in Python. Valid YAML gives the same nodes."""

        def __init__(self, stream):
            yaml._yaml.CParser.__init__(self, stream)  # noqa: SLF001
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml marks a plain scalar '', PyYAML None
            return node

else:  # pragma: no cover — PyYAML built without libyaml
    _FastRecordLoader = RecordLoader


_QUOTE_OR_WRITE_OUT = "put the whole value in quotes, or write the value out"


def _refuse(event: yaml.Event, problem: str) -> None:
    raise RefusedYAML(problem=problem, problem_mark=event.start_mark)


RecordLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
RecordLoader.add_implicit_resolver(
    _INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
RecordLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_FastRecordLoader.yaml_implicit_resolvers = RecordLoader.yaml_implicit_resolvers


@dataclass
class Document:
    """A parsed record: plain values plus the file line of every key and list item.

    `lines` maps dotted paths ("title", "actors.0", "sources.1.quote") to 1-based lines.
    """

    path: Path
    display: str
    meta: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # As written, for every scalar YAML read as a number, boolean or null: a title
    # `1.10` stays "1.10" and `name: Null` can be told apart from an empty field.
    raw: dict[str, str] = field(default_factory=dict)

    def pos(self, key: str | None = None) -> SourcePos:
        line = self.lines.get(key, 0) if key else 1
        return SourcePos(self.display, line or 1)


def read_text(path: Path, display: str, problems: Problems, limit: int = MAX_RECORD_BYTES):
    """The file's text with BOM and CRLF normalised, or None after adding a problem."""
    pos = SourcePos(display, 1)
    if not path.is_file():  # a FIFO would block the build forever
        problems.add(pos, "not a regular file; records must be plain text files")
        return None
    size = path.stat().st_size
    if size > limit:
        problems.add(pos, f"file is {_mb(size)}; files here are limited to {_mb(limit)}")
        return None
    return decode_text(path.read_bytes(), display, problems)


def decode_text(data: bytes, display: str, problems: Problems) -> str | None:
    """Bytes of a record → text; the dev server's cache decodes bytes it already read."""
    pos = SourcePos(display, 1)
    if b"\0" in data:
        problems.add(pos, "this is a binary file, not a UTF-8 text record")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.add(
            SourcePos(display, line),
            f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        problems.add(
            SourcePos(display, text.count("\n", 0, control.start()) + 1),
            f"invisible control character U+{ord(control.group()):04X} on this line; delete it",
        )
        return None
    return text


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB".replace(".0 MB", " MB")


def parse_document(text: str, path: Path, display: str, problems: Problems) -> Document | None:
    """Split and parse front matter; on failure add problems and return None."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        what = "file is empty" if not text.strip() else "missing front matter"
        problems.add(
            SourcePos(display, 1),
            f"{what}: a record starts with a line '---', then YAML fields, then '---'",
        )
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if closing is None:
        problems.add(
            SourcePos(display, 1),
            "front matter opened on line 1 is never closed; did you forget the second '---'?",
        )
        return None
    yaml_text = "\n".join(lines[1:closing])
    meta, key_lines, raw = parse_yaml(yaml_text, 2, display, problems)
    if meta is None:
        return None
    body = "\n".join(lines[closing + 1 :]).strip("\n")
    return Document(path, display, meta, key_lines, body, closing + 2, raw)


def parse_yaml(
    text: str, first_line: int, display: str, problems: Problems, what: str = "front matter"
):
    """(values, key lines, raw scalars), or (None, None, None) after adding problems."""
    if not text.strip():
        return {}, {}, {}
    try:
        node = _compose(text)
    except yaml.YAMLError as err:
        line, message = explain(err, text, first_line)
        problems.add(SourcePos(display, first_line + line), message)
        return None, None, None
    if not isinstance(node, yaml.MappingNode):
        problems.add(SourcePos(display, first_line), f"{what} must be a set of 'key: value' fields")
        return None, None, None
    builder = _ValueBuilder(first_line, display, problems, text)
    meta = builder.build(node, "")
    return (meta, builder.lines, builder.raw) if builder.ok else (None, None, None)


# Text libyaml and PyYAML read alike: printable characters, no tabs (libyaml allows one
# after a colon, PyYAML does not), no byte-order mark, no Unicode line separators, and
# no '%' directive lines. Anything else takes the pure-Python path.
_LIBYAML_SAFE = re.compile(
    r"[\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffc\U00010000-\U0010ffff]*"
)


def _compose(text: str) -> yaml.Node:
    """Compose with libyaml when the text is plain; on any problem, again in Python,
    for the exact message the tests and yaml_messages.py expect."""
    if _LIBYAML_SAFE.fullmatch(text) and not re.search(r"^%", text, re.MULTILINE):
        try:
            return yaml.compose(text, Loader=_FastRecordLoader)
        except (yaml.YAMLError, ValueError, TypeError):
            pass
    return yaml.compose(text, Loader=RecordLoader)


class _ValueBuilder:
    """Turns composed YAML nodes into plain values, recording each key's line."""

    def __init__(self, first_line: int, display: str, problems: Problems, text: str):
        self.first_line = first_line
        self.display = display
        self.problems = problems
        self.source = text.split("\n")
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}
        self.ok = True
        self._constructor = RecordLoader("")

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def fail(self, node: yaml.Node, message: str) -> None:
        self.ok = False
        self.problems.add(SourcePos(self.display, self.line(node)), message)

    def build(self, node: yaml.Node, path: str) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(node, f"the tag '{tag}' is not allowed; write a plain value")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self._child(item, path, str(i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        cut = self._comment_after(node)
        if cut:
            self.fail(
                node,
                f"'{cut}' starts a YAML comment, so this value reads '{node.value}'; "
                "put the whole value in quotes (or write '# ' for a comment)",
            )
            return None
        bad = _NOT_TEXT.search(node.value)
        if bad:  # written as an escape such as "\x07": the file itself was clean
            self.fail(
                node, f"character U+{ord(bad.group()):04X} cannot appear on a page; remove it"
            )
            return None
        if node.tag != _STR:
            self.raw[path] = node.value
        return self._constructor.construct_object(node)

    def _comment_after(self, node: yaml.ScalarNode) -> str | None:
        """`title: Round #2` silently reads 'Round': a '#' glued to a word was meant as text."""
        if node.style is not None or node.end_mark.line >= len(self.source):
            return None
        rest = self.source[node.end_mark.line][node.end_mark.column :]
        found = re.match(r"[ \t]+(#\S+)", rest)
        return found.group(1) if found else None

    def _child(self, node: yaml.Node, path: str, key: str) -> Any:
        child_path = f"{path}.{key}" if path else key
        self.lines[child_path] = self.line(node)
        return self.build(node, child_path)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR):
                shown = f"'{key_node.value}'" if isinstance(key_node, yaml.ScalarNode) else "a list"
                self.fail(key_node, f"field names must be plain words, not {shown}")
                continue
            key = key_node.value
            if key in result:
                first = self.lines[f"{path}.{key}" if path else key]
                self.fail(key_node, f"duplicate field '{key}' (first given on line {first})")
                continue
            child_path = f"{path}.{key}" if path else key
            self.lines[child_path] = self.line(key_node)
            result[key] = self.build(value_node, child_path)
        return result
