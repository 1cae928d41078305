"""The package's stages import one way only (issue 15; ARCHITECTURE.md, "Stages").

Each module belongs to a stage: the subpackage it lives in (`content`, `render`,
`ingest`, `build`, `serve`) or, at the top, the module itself (`diagnostics`, `cli`,
...). A stage may import its own modules and stages on a lower layer, never a stage on
its own layer or above. Imports inside functions count too: a lazy import upward is
still a loop in the design. Modules do not import each other in a cycle either.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"

# Lowest first. Stages on one layer (render and ingest) must not import each other.
LAYERS = {
    "__init__": 0,
    "diagnostics": 0,
    "content": 1,
    "render": 2,
    "ingest": 2,
    "build": 3,
    "scaffold": 3,
    "serve": 4,
    "cli": 5,
    "__main__": 6,
}


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, module: str) -> set[str]:
    """Every site_builder module that path imports, at any depth of its code."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "site_builder"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "site_builder":
                continue
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from pkg import module`
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = {module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    return {
        name: {target for target in imports_of(path, name) if target in modules} - {name}
        for name, path in modules.items()
    }


def violations(graph: dict[str, set[str]]) -> list[str]:
    """'a imports b' for every import that goes up or sideways between stages."""
    found = []
    for module, targets in sorted(graph.items()):
        here = stage_of(module)
        for target in sorted(targets):
            there = stage_of(target)
            if there == here:
                continue
            if there not in LAYERS or here not in LAYERS:
                found.append(f"{module} imports {target}: stage not in LAYERS")
            elif LAYERS[there] >= LAYERS[here]:
                found.append(f"{module} ({here}) imports {target} ({there})")
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (a package importing its own modules is no cycle)."""
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if target.startswith(node + "."):
                continue  # `kinds/__init__` gathering its own modules
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_every_stage_imports_only_the_stages_below_it():
    graph = import_graph(PACKAGE)
    assert {stage_of(m) for m in graph} <= set(LAYERS), "a new stage needs a layer"
    assert violations(graph) == []


def test_no_module_imports_itself_through_a_cycle():
    assert cycles(import_graph(PACKAGE)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from site_builder.build.output import write_tree", "content"),
        ("from site_builder.render import maps", "content"),
        ("import site_builder.serve.preview", "render"),
        ("from site_builder.render.urls import Urls", "ingest"),
        ("from ...build import output", "render"),
    ],
)
def test_the_check_catches_an_import_upward_or_sideways(tmp_path, source, expected):
    """The rule can fail: a lower stage importing a higher one is reported."""
    package = tmp_path / "site_builder"
    for folder in ("content", "render", "build", "serve", "ingest", "render/kinds"):
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "build" / "output.py").write_text("")
    (package / "render" / "maps.py").write_text("")
    (package / "render" / "urls.py").write_text("")
    (package / "serve" / "preview.py").write_text("")
    home = package / expected / ("kinds" if source.startswith("from ...") else "")
    (home / "offender.py").write_text(source + "\n")
    found = violations(import_graph(package))
    assert found and all(line.startswith("site_builder.") and "offender" in line for line in found)


def test_the_check_catches_a_cycle(tmp_path):
    package = tmp_path / "site_builder"
    (package / "content").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "content" / "__init__.py").write_text("")
    (package / "content" / "a.py").write_text("from site_builder.content import b\n")
    (package / "content" / "b.py").write_text("from site_builder.content.a import x\n")
    assert cycles(import_graph(package)) != []


def test_no_module_is_long_without_a_reason_at_its_top():
    """Issue 15: a module over about 400 lines says why at its top ('Long because ...')."""
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 420 and "Long because" not in text[:3000]:
            long.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
    assert long == []


def test_architecture_md_names_every_module():
    """The code map is the tree: a module added without a word in ARCHITECTURE.md fails."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)(?:\.py)?`", text))
    modules = {
        path.stem for path in PACKAGE.rglob("*.py") if path.stem not in ("__init__", "__main__")
    }
    assert sorted(modules - named) == []
