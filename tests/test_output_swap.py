"""The replaced output tree is deleted off the build's critical path (output.py, issue 14):
renamed aside in one step, then deleted by a detached process; leftovers of a deleter
that was stopped go the same way at the next build."""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from site_builder.build import output
from site_builder.build.output import DISCARDED_PREFIX, write_tree


def _files(n: int, text: str) -> dict[PurePosixPath, bytes]:
    return {PurePosixPath(f"events/e{i}/index.html"): text.encode() for i in range(n)}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _discarded(out_dir: Path) -> list[Path]:
    return list(out_dir.parent.glob(f"{DISCARDED_PREFIX}{out_dir.name}-*"))


def _gone(out_dir: Path, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while _discarded(out_dir):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_old_tree_is_deleted_in_the_background(tmp_path):
    out = tmp_path / "output"
    write_tree(_files(300, "old"), out)
    write_tree(_files(200, "new"), out)
    assert _tree(out) == {f"events/e{i}/index.html": b"new" for i in range(200)}
    assert _gone(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_stopped_deleters_leftover_goes_at_the_next_build(tmp_path):
    out = tmp_path / "output"
    write_tree(_files(3, "old"), out)
    leftover = tmp_path / f"{DISCARDED_PREFIX}output-1-2" / "events"
    leftover.mkdir(parents=True)
    (leftover / "index.html").write_text("stale")
    other = tmp_path / f"{DISCARDED_PREFIX}elsewhere-1-2"  # another output's: not ours
    other.mkdir()
    write_tree(_files(3, "new"), out)
    assert _gone(out)
    assert other.exists()
    assert _tree(out) == {f"events/e{i}/index.html": b"new" for i in range(3)}


def test_without_a_deleter_the_old_tree_is_deleted_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(output.sys, "executable", "")
    out = tmp_path / "output"
    write_tree(_files(5, "old"), out)
    write_tree(_files(5, "new"), out)
    assert _discarded(out) == []
    assert _tree(out) == {f"events/e{i}/index.html": b"new" for i in range(5)}
