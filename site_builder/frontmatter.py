"""Split a record into YAML front matter and a Markdown body, keeping line numbers.

The YAML is read with a deliberately small schema (close to YAML 1.2's core schema):
`NO`, `on`, `12:30` and `2025-12-06` stay strings, so nothing is silently turned into
a boolean, a sexagesimal number or a date (issue 6). Anchors and aliases are refused
(they are never needed in a record and make "billion laughs" possible), as are tags
outside the plain types, duplicate keys and non-string keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.diagnostics import Problems, SourcePos

MAX_RECORD_BYTES = 2 * 1024 * 1024
FENCE = "---"

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}
_REPLACED = {_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:timestamp"}


class RecordLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars and no aliases."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _REPLACED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in records; write the value out",
                problem_mark=mark,
            )
        return super().compose_node(parent, index)


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

    def pos(self, key: str | None = None) -> SourcePos:
        line = self.lines.get(key, 0) if key else 1
        return SourcePos(self.display, line or 1)


def read_text(path: Path, display: str, problems: Problems, limit: int = MAX_RECORD_BYTES):
    """The file's text with BOM and CRLF normalised, or None after adding a problem."""
    pos = SourcePos(display, 1)
    size = path.stat().st_size
    if size > limit:
        problems.add(pos, f"file is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB")
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    meta, key_lines = parse_yaml(yaml_text, 2, display, problems)
    if meta is None:
        return None
    body = "\n".join(lines[closing + 1 :]).strip("\n")
    return Document(path, display, meta, key_lines, body, closing + 2)


def parse_yaml(text: str, first_line: int, display: str, problems: Problems):
    if not text.strip():
        return {}, {}
    try:
        node = yaml.compose(text, Loader=RecordLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        problems.add(SourcePos(display, line), _yaml_message(err, text, mark))
        return None, None
    except yaml.YAMLError as err:
        problems.add(SourcePos(display, first_line), f"YAML error: {err}")
        return None, None
    if not isinstance(node, yaml.MappingNode):
        problems.add(
            SourcePos(display, first_line),
            "front matter must be a set of 'key: value' fields",
        )
        return None, None
    builder = _ValueBuilder(first_line, display, problems)
    meta = builder.build(node, "")
    return (meta, builder.lines) if builder.ok else (None, None)


def _yaml_message(err: yaml.MarkedYAMLError, text: str, mark) -> str:
    if mark is not None:
        source_line = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
        if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or (
            "\t" in str(err.problem)
        ):
            return "tab character in front matter; indent YAML with spaces"
    problem = err.problem or "invalid YAML"
    context = f" {err.context}" if err.context else ""
    return f"YAML syntax error: {problem}{context}"


class _ValueBuilder:
    """Turns composed YAML nodes into plain values, recording each key's line."""

    def __init__(self, first_line: int, display: str, problems: Problems):
        self.first_line = first_line
        self.display = display
        self.problems = problems
        self.lines: dict[str, int] = {}
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
        return self._constructor.construct_object(node)

    def _child(self, node: yaml.Node, path: str, key: str) -> Any:
        child_path = f"{path}.{key}" if path else key
        self.lines[child_path] = self.line(node)
        return self.build(node, child_path)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR):
                self.fail(key_node, f"field names must be plain words, not '{key_node.value}'")
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
