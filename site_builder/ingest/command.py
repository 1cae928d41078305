"""`site-builder ingest PATH... [--content DIR] [--published YYYY-MM-DD] [--dry-run]`.

The orchestrator: read every article (any bad one stops the run before anything is
written) → read content/ and the ingest state → extract and plan each article in turn
(later articles see what earlier ones drafted) → print the plan → write it, unless
--dry-run. An article in which nothing happens is not an error: it is reported as
"no events found" and leaves no records (exit 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.content.loader import CONTENT_DIR, SEEDS_DIR, load_site
from site_builder.diagnostics import BuildError, Problems, SourcePos, display_path, one_line
from site_builder.ingest.article import Article, read_article
from site_builder.ingest.drafts import Catalogue, Plan, Rec, plan_article
from site_builder.ingest.extract import extract
from site_builder.ingest.state import STATE_FILE, IngestState, write_atomic
from site_builder.ingest.text import squash
from site_builder.ingest.timex import When
from site_builder.ingest.writer import render, render_seed


def run_ingest(args: argparse.Namespace) -> int:
    root: Path = args.root
    content_dir: Path = args.content or root / CONTENT_DIR
    problems = Problems()
    articles = [_read(path, root, args.published, problems) for path in args.paths]
    if problems:
        raise BuildError(problems)
    state = IngestState.load(content_dir, display_path(content_dir / STATE_FILE, root), problems)
    catalogue = _catalogue(root, content_dir, state, problems)
    for article in articles:
        _check_seed(root, article, problems)
    if problems:
        raise BuildError(problems)
    for article in articles:
        _warn_kept(article)
    plans = []
    for article in articles:
        extraction = extract(article.text, article.published, catalogue.known(), article.title)
        plans.append(plan_article(article, extraction, catalogue))
    for plan in plans:
        _report(plan, root, content_dir, args.dry_run)
    if not args.dry_run:
        for plan in plans:
            _write(plan, root, content_dir, state)
        if state.changed:
            state.save()
    print(_summary(plans, args.dry_run))
    return 0


def _read(path: Path, root: Path, published: str | None, problems: Problems) -> Article | None:
    return read_article(path, display_path(path, root), published, problems)


# ---------------------------------------------------------------------- existing records
def _catalogue(root: Path, content_dir: Path, state: IngestState, problems: Problems):
    """Every record in the content folder, as matching needs it; its problems stop ingest,
    since a broken record could hide a duplicate."""
    loaded = Problems()
    content = load_site(root, loaded, content_dir)
    if loaded:
        for problem in loaded:
            problems.add(problem.pos, problem.message)
        problems.add(
            SourcePos(display_path(content_dir, root)),
            "fix the records above before ingesting, so that nothing is drafted twice",
        )
    records = []
    for event in content.events:
        records.append(_event_rec(event, content_dir, state))
    for actor in content.actors:
        records.append(_entity_rec("actors", actor, content_dir, state))
    for location in content.locations:
        records.append(_entity_rec("locations", location, content_dir, state))
    deleted = {tuple(rel.removesuffix(".md").split("/", 1)) for rel in state.deleted()}
    return Catalogue(records, deleted, {squash(q) for q in state.deleted_quotes()})


def _event_rec(event, content_dir: Path, state: IngestState) -> Rec:
    rel = f"events/{event.id}.md"
    pristine = state.pristine(rel, (content_dir / rel).read_bytes())
    end = event.end.last_day() if event.end else None
    precision = "day" if event.date.precision == "minute" else event.date.precision
    when = When(event.date.first_day(), precision, end, event.approximate)
    meta = _event_meta(event) if pristine else {}
    return Rec(
        "events",
        event.id,
        event.status,
        (event.title,),
        event.kind,
        when,
        event.actors,
        event.locations,
        tuple(squash(s.quote) for s in event.sources),
        pristine,
        meta,
        event.body,
    )


def _event_meta(event) -> dict:
    """The front matter of ingest's own draft, to extend it with a new article's sources."""
    meta = {"title": event.title, "date": event.date.iso()}
    if event.end:
        meta["end"] = event.end.iso()
    meta.update(
        approximate=event.approximate,
        kind=event.kind,
        actors=list(event.actors),
        locations=list(event.locations),
        sources=[{"seed": s.seed, "quote": s.quote} for s in event.sources],
        status=event.status,
    )
    return meta


def _entity_rec(folder: str, record, content_dir: Path, state: IngestState) -> Rec:
    rel = f"{folder}/{record.id}.md"
    pristine = state.pristine(rel, (content_dir / rel).read_bytes())
    return Rec(
        folder,
        record.id,
        record.status,
        (record.name, *record.aliases),
        record.kind,
        pristine=pristine,
    )


# ---------------------------------------------------------------------- seeds
def _seed_path(root: Path, article: Article) -> Path:
    return root / SEEDS_DIR / f"{article.seed_id}.md"


def _check_seed(root: Path, article: Article, problems: Problems) -> None:
    """A seed with the same id must hold the same text, or quotes would not match it."""
    path = _seed_path(root, article)
    if not path.exists() or path.resolve() == article.path.resolve():
        return
    local = Problems()
    existing = read_article(path, display_path(path, root), None, local)
    if existing is None or squash(existing.text) != squash(article.text):
        problems.add(
            SourcePos(article.display, 1),
            f"{display_path(path, root)} already holds a different article with the id "
            f"'{article.seed_id}'; rename this file to ingest it as a new seed",
        )


def _warn_kept(article: Article) -> None:
    """One line for the front-matter keys that ingest keeps but does not use. (An article
    already in seeds/ never gets here with such keys: the seed loader refuses them.)"""
    if not article.kept:
        return
    message = (
        f"{article.display}:{article.kept_line}: warning: kept front-matter keys not used "
        f"by ingest: {', '.join(article.kept)}"
    )
    print(one_line(message), file=sys.stderr)


# ---------------------------------------------------------------------- output
def _report(plan: Plan, root: Path, content_dir: Path, dry_run: bool) -> None:
    article = plan.article
    print(
        f"{article.display} (published {article.published.isoformat()}): "
        f"{plan.events_found} event{'s' if plan.events_found != 1 else ''} found"
    )
    if not plan.events_found:
        print("  no events found; nothing to draft")
        return
    verb = {
        "create": "would create" if dry_run else "create",
        "update": "would update" if dry_run else "update",
    }
    seed = _seed_path(root, article)
    if plan.drafts and not seed.exists():
        print(f"  {'would copy' if dry_run else 'copy'} {display_path(seed, root)}")
    for draft in plan.drafts:
        path = display_path(content_dir / draft.folder / f"{draft.id}.md", root)
        print(f"  {verb[draft.action]} {path}")
    for path, why in plan.on_record:
        shown = display_path(content_dir / path, root) if path.endswith(".md") else path
        print(f"  on record: {shown} ({why})")


def _write(plan: Plan, root: Path, content_dir: Path, state: IngestState) -> None:
    if not plan.drafts:
        return
    seed = _seed_path(root, plan.article)
    if not seed.exists():
        write_atomic(seed, render_seed(plan.article).encode("utf-8"))
    for draft in plan.drafts:
        rel = f"{draft.folder}/{draft.id}.md"
        data = render(draft).encode("utf-8")
        write_atomic(content_dir / rel, data)
        quotes = [s["quote"] for s in draft.meta["sources"]] if draft.folder == "events" else None
        state.wrote(rel, data, plan.article.seed_id, quotes)


def _summary(plans: list[Plan], dry_run: bool) -> str:
    created = sum(1 for p in plans for d in p.drafts if d.action == "create")
    updated = sum(1 for p in plans for d in p.drafts if d.action == "update")
    known = sum(len(p.on_record) for p in plans)
    if not any(p.events_found for p in plans):
        return "No events found; nothing was written."
    records = f"{created} record{'s' if created != 1 else ''}"
    text = (
        f"{'Would create' if dry_run else 'Created'} {records}, "
        f"{'would update' if dry_run else 'updated'} {updated}; "
        f"{known} event{'s' if known != 1 else ''} already on record."
    )
    return text + (" Dry run: nothing was written." if dry_run else "")
