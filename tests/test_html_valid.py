"""Every built page passes the W3C Nu HTML checker with zero errors (issue 2)."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(folder) -> list[dict]:
    assert VNU.exists(), "vnu.jar missing: run `npm install` (make test does)"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [
        m
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
        if m.get("type") == "error"
    ]


def test_every_page_of_the_repo_briefing_is_valid_html(repo_build):
    pages = list(repo_build.rglob("*.html"))
    assert len(pages) > 30
    errors = validate(repo_build)
    assert errors == [], "\n".join(
        f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors
    )


def test_validator_catches_an_invalid_page(tmp_path):
    """Guard against a checker that passes everything (e.g. a wrong path or flag)."""
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></p></div>"
    )
    assert validate(tmp_path)
