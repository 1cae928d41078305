"""Ingest scored against annotated articles with the project's shared scorer.

The figures themselves are printed by benchmarks/ingest_eval.py; this test only guards
against regressions, and is skipped where ../shared is not beside the repository."""

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import REPO, run

from site_builder.scaffold import new_site

SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score_extraction.py"
ARTICLES = sorted((REPO / "tests" / "ingest_articles").glob("*.yaml"))
# Written by helpers who never saw the ingest code, and scored before any rule was changed
# for them (their first scores are in the commit that added them): a guide to unseen news.
BLIND = sorted((REPO / "tests" / "ingest_blind").glob("*.yaml"))
pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval not available")


def scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_extraction", module)
    spec.loader.exec_module(module)
    return module


def scores(gold: Path, article: Path, site: Path, *extra: str) -> dict:
    if not site.exists():
        new_site(site, "Ingest quality")  # ingest needs a site (site.yaml) to draft into
    assert run(site, "ingest", str(article), *extra)[0] == 0
    module = scorer()
    loaded = module.load_gold(str(gold))
    return module.score(loaded, module.load_predicted(str(site / "content" / "events"), loaded))


def test_the_seed_meets_its_targets(tmp_path):
    result = scores(
        SHARED / "gold" / "seed-events.yaml",
        SHARED / "seeds" / "000_4e45645a1e9bd8c8.txt",
        tmp_path / "site",
        "--published",
        "2025-12-07",
    )
    assert result["events"]["f1"] >= 0.85
    assert result["actors"]["f1"] >= 0.85
    assert result["locations"]["f1"] >= 0.85
    assert result["date_accuracy"] >= 0.9


@pytest.mark.parametrize("gold", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_annotated_articles_on_other_subjects(gold, tmp_path):
    result = scores(gold, gold.with_suffix(".md"), tmp_path / "site")
    assert result["events"]["f1"] >= 0.6


@pytest.mark.parametrize("gold", BLIND, ids=[p.stem for p in BLIND])
def test_blind_articles_stay_above_a_floor(gold, tmp_path):
    result = scores(gold, gold.with_suffix(".md"), tmp_path / "site")
    assert result["events"]["f1"] >= 0.5
    assert result["date_accuracy"] >= 0.9
