"""Issue 6, deliverable 5: random front matter and bodies build or fail cleanly.

Hypothesis writes random records (structured YAML, raw text between the fences,
arbitrary bytes) into a small valid site and runs the CLI in-process. Every build must
either succeed or exit 1 with `path:line: message` lines and the count line, leaving
output/ as it was; any exception is a crash and a build longer than 20 s a hang.
RANDOM_INPUT_EXAMPLES=2000 runs a longer hunt than the suite's 50 examples per test.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.content.records import ACTOR_KEYS, EVENT_KEYS, LOCATION_KEYS, SEED_KEYS
from tests.corpus import BASE, tree

EVENT = "content/events/2025-02-10-geneva-talks.md"
RECORDS = [
    EVENT,
    "content/actors/jane-doe.md",
    "content/locations/geneva.md",
    "seeds/article-one.md",
    "content/about.md",
]
PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:\d+: \S.*$")
COUNT_LINE = re.compile(r"^\d+ problems? found; nothing was written\.$")
HANG_SECONDS = 20
SETTINGS = settings(
    max_examples=int(os.environ.get("RANDOM_INPUT_EXAMPLES", 50)),  # more for a long hunt
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Values people (and article ingestion) really produce, next to random ones.
TRICKY = [
    "NO", "on", "off", "yes", "12:30", "1e3", "1.10", "0x1F", "~", "null", "Null", "",
    "2025-02-10", "2025-02-30", "12/08/2025", "2025-02-10T14:30+02:00", "0000", "+99:00",
    "jane-doe", "freedonia", "geneva", "article-one", "talks", "reviewed", "draft",
    "Delegates met in Geneva on Monday and agreed a ceasefire.", "CH", "ch",
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "javascript:alert(1)",
    "https://example.org/a", "a: b", "x #y", "&a", "*a", "!!int 3", "\t", "\u2028", "…",
    "a\x07b", "\x0b", "\ufffe", "line\r\nbreak",
]  # fmt: skip
KEYS = sorted(set(EVENT_KEYS + ACTOR_KEYS + LOCATION_KEYS + SEED_KEYS)) + [
    "time", "quote", "seed", "<<", "on", "1e3", "Title", "",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(TRICKY),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), values, max_size=10)
markdown = st.lists(
    st.sampled_from(
        [
            "# Heading",
            "*a*",
            "[l](javascript:x)",
            "![i](http://e.example/p.png)",
            "<b>x</b>",
            "---",
            "```",
            "| a | b |\n|---|---|",
            "> q",
            "- item",
            "1. item",
            "\\",
            "&amp;",
            "{{ x }}",
            "\n",
            "  ",
            "\u0085",
            "\ufeff",
        ]
    )  # fmt: skip
    | st.text(max_size=40),
    max_size=12,
).map("".join)


class BuildHung(BaseException):
    """Not an Exception, so no handler in the build can mistake it for a content error."""


@contextlib.contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise BuildHung(f"the build ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("random") / "site"
    shutil.copytree(BASE, root)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build"]) == 0
    return root


def build_with(site, name: str, data: bytes) -> None:
    """Build with one file replaced by data; assert a clean success or a clean failure."""
    path = site / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    before = tree(site / "output")
    out, err = io.StringIO(), io.StringIO()
    try:
        with (
            time_limit(HANG_SECONDS),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = main(["--root", str(site), "build"])
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    assert code in (0, 1), err.getvalue()
    if code == 0:
        assert err.getvalue() == "" and out.getvalue().startswith("Built ")
        return
    *problems, count = err.getvalue().splitlines()
    assert problems, err.getvalue()
    bad = [line for line in problems if not PROBLEM_LINE.match(line)]
    assert not bad, f"not a 'path:line: message' line: {bad}"
    assert COUNT_LINE.match(count), count
    assert tree(site / "output") == before, "a failed build changed output/"


@SETTINGS
@given(
    name=st.sampled_from(RECORDS),
    fields=front_matter,
    body=markdown,
    flow=st.booleans(),
)
def test_random_fields_build_or_fail_cleanly(site, name, fields, body, flow):
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    build_with(site, name, f"---\n{text}---\n{body}\n".encode())


@SETTINGS
@given(
    name=st.sampled_from(RECORDS),
    fields=st.dictionaries(
        st.sampled_from(EVENT_KEYS), st.sampled_from(TRICKY) | st.lists(st.sampled_from(TRICKY))
    ),
    body=markdown,
)
def test_plausible_event_fields_build_or_fail_cleanly(site, name, fields, body):
    """Values close to real ones, so that many examples get past the first check."""
    base = yaml.safe_load((BASE / EVENT).read_text().split("---\n")[1])
    text = yaml.safe_dump({**base, **fields}, allow_unicode=True, sort_keys=False)
    build_with(site, EVENT, f"---\n{text}---\n{body}\n".encode())


@SETTINGS
@given(name=st.sampled_from([*RECORDS, "site.yaml"]), front=st.text(max_size=300), body=markdown)
def test_raw_text_between_the_fences_builds_or_fails_cleanly(site, name, front, body):
    data = front if name == "site.yaml" else f"---\n{front}\n---\n{body}\n"
    build_with(site, name, data.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(name=st.sampled_from([*RECORDS, "site.yaml"]), data=st.binary(max_size=300))
def test_arbitrary_bytes_build_or_fail_cleanly(site, name, data):
    build_with(site, name, data)


# libyaml parses front matter (speed); the pure-Python parser is the reference, and the
# one whose errors yaml_messages.py explains. Both must give the same fields and lines.
_YAML_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
    st.lists(
        st.sampled_from(["title: ", "a: [", "- ", "#x", " #2", "'", '"', ": ", "\n", "  ", "x"]),
        max_size=25,
    ).map("".join),
    st.builds(
        lambda fields, style: yaml.safe_dump(fields, allow_unicode=True, default_flow_style=style),
        st.dictionaries(
            st.text(min_size=1, max_size=12),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
                ),
                max_leaves=6,
            ),
            max_size=5,
        ),
        st.sampled_from([False, True, None]),
    ),
)


@settings(max_examples=300, deadline=None)
@given(text=_YAML_TEXT)
def test_libyaml_and_the_python_parser_read_front_matter_alike(text):
    from site_builder.content import frontmatter
    from site_builder.diagnostics import Problems

    def parse(loader):
        original = frontmatter._FastRecordLoader
        frontmatter._FastRecordLoader = loader
        try:
            problems = Problems()
            result = frontmatter.parse_yaml(text, 2, "x.md", problems)
            return result, [str(p) for p in problems.items]
        finally:
            frontmatter._FastRecordLoader = original

    assert parse(frontmatter._FastRecordLoader) == parse(frontmatter.RecordLoader)
