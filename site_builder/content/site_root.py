"""Which folder is the site: the nearest one holding site.yaml, the way git finds a repository."""

from __future__ import annotations

from pathlib import Path

from site_builder.content.config import CONFIG_FILE


def is_site(folder: Path) -> bool:
    # exists(), not is_file(): a site.yaml that is a folder or unreadable is the site's
    # problem to report (path:line), not a reason to look elsewhere.
    return (folder / CONFIG_FILE).exists()


def find_site_root(start: Path) -> Path | None:
    """start or the nearest folder above it with a site.yaml; None outside any site."""
    here = Path(start).absolute()
    return next((folder for folder in (here, *here.parents) if is_site(folder)), None)
