"""PyYAML's errors, retold in an author's words with the fix (issue 6).

PyYAML describes a mistake from the parser's side ("expected <block end>, but found
'<scalar>'") and often points past it (an unclosed quote is reported at the end of the
block). `explain` picks the line the author has to change and says what to do there.
"""

from __future__ import annotations

import re

import yaml

# `title:Talks` — a field name with no space after its colon (not a URL's "https://").
_KEY_WITHOUT_SPACE = re.compile(r"^\s*([A-Za-z_][\w-]*):(?!//)(\S.*)$")

_QUOTE_IN_VALUE = "put the whole value in quotes"
# `key: "value` or `- key: 'value`: a field whose value starts with a quote.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])(.*)$""")


class RefusedYAML(yaml.MarkedYAMLError):
    """Valid YAML that records do not allow; its problem is already in the author's words."""


def explain(err: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int, str]:
    """(0-based line inside the YAML text, message) for a YAML error.

    `first_line` is the file line the YAML starts on, for messages naming another line."""
    if isinstance(err, yaml.reader.ReaderError):
        line = text[: err.position].count("\n")
        return line, (
            f"invisible control character U+{err.character:04X} is not allowed; delete it"
        )
    if not isinstance(err, yaml.MarkedYAMLError):
        return 0, f"YAML error: {err}"
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    line = mark.line if mark else 0
    if isinstance(err, RefusedYAML):
        return line, problem
    lines = text.split("\n")
    for number, source in enumerate(lines[: line + 1]):
        found = _KEY_WITHOUT_SPACE.match(source)
        if found:
            key, value = found.groups()
            return number, f"missing space after '{key}:'; write '{key}: {value}'"
    if _tab_at(err, lines):
        return line, "tab character in front matter; indent and separate with spaces"
    if "<document start>" in problem or "<document end>" in problem:
        ends = [n for n, text in enumerate(lines[: line + 1]) if text.startswith(("...", "%"))]
        return (ends[-1] if ends else line), "this line ends the fields early; remove it"
    opened = _unclosed_quote(lines[:line])
    if opened is not None and "quoted scalar" not in context:
        return opened, (
            f"the quote opened on this line runs on to line {first_line + line}; "
            "end the value with a quote on this line"
        )
    return _retell(err, problem, context, line)


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first line whose quoted value does not end on it.

    YAML lets a quoted value run over several lines, so a forgotten closing quote
    swallows the fields below it and PyYAML complains only where the next quote is.
    Only consulted once parsing has failed, so a deliberate multi-line value is fine."""
    for number, source in enumerate(lines):
        found = _QUOTED_VALUE.match(source)
        if found and not _closes(found.group(1), found.group(2)):
            return number
    return None


def _closes(quote: str, rest: str) -> bool:
    if quote == '"':
        return re.search(r'(?<!\\)"', rest) is not None
    return "'" in rest.replace("''", "")


def _tab_at(err: yaml.MarkedYAMLError, lines: list[str]) -> bool:
    mark = err.problem_mark
    if mark is None or mark.line >= len(lines):
        return False
    source = lines[mark.line]
    indent = source[: len(source) - len(source.lstrip())]
    return "\t" in indent or source[mark.column : mark.column + 1] == "\t"


def _retell(err: yaml.MarkedYAMLError, problem: str, context: str, line: int):
    opened = err.context_mark.line if err.context_mark else line
    if "quoted scalar" in context:
        return opened, "the quote opened on this line is never closed; end the value with it"
    if "flow sequence" in context and "expected ',' or ']'" in problem:
        return opened, "the '[' on this line is never closed; end the list with ']'"
    if "flow mapping" in context and "expected ',' or '}'" in problem:
        return opened, "the '{' on this line is never closed; end it with '}'"
    if "scanning an alias" in context or "scanning an anchor" in context:
        char = "*" if "alias" in context else "&"
        return line, (
            f"a value starting with '{char}' is read as a YAML reference; {_QUOTE_IN_VALUE}"
        )
    found = re.match(r"found character '(.+)' that cannot start any token", problem)
    if found:
        return line, f"a value cannot start with '{found.group(1)}'; {_QUOTE_IN_VALUE}"
    if "mapping values are not allowed" in problem:
        return line, (
            f"': ' inside a value starts a new field; {_QUOTE_IN_VALUE}, "
            "or check the indentation of this line"
        )
    if "mapping keys are not allowed" in problem:
        return line, f"a value cannot start with '? '; {_QUOTE_IN_VALUE}"
    if "but found '<scalar>'" in problem:
        return line, (
            "text after the end of a value: a value that starts with a quote, '[' or '{' "
            f"must end with it; {_QUOTE_IN_VALUE}"
        )
    if "expected <block end>" in problem or "expected key" in problem:
        return line, (
            "the indentation of this line does not match the lines above; indent fields "
            "of the same level with the same number of spaces"
        )
    return line, f"YAML syntax error: {problem}{f' {context}' if context else ''}"
