"""What the wheel carries (issue 12, part 1): every folder of the package and of the
bundled themes is in pyproject's package list, and the version has one source."""

from __future__ import annotations

import tomllib

from site_builder import __version__
from site_builder.cli import main
from tests.conftest import REPO

CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = CONFIG["tool"]["setuptools"]


def packaged_folders() -> set[str]:
    """Dotted names of the folders that hold files, as the wheel lays them out."""
    roots = {"site_builder": REPO / "site_builder"}
    roots.update({name: REPO / path for name, path in SETUPTOOLS["package-dir"].items()})
    found = set(roots)  # the mapped package roots (site_builder.themes) are listed anyway
    for name, root in roots.items():
        for path in root.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            parts = path.parent.relative_to(root).parts
            # A folder with no importable name (world-atlas) is its parent's package-data.
            while parts and not all(p.isidentifier() for p in parts):
                parts = parts[:-1]
            found.add(".".join([name, *parts]))
    return found


def test_every_folder_with_files_is_packaged():
    assert packaged_folders() == set(SETUPTOOLS["packages"])


def test_every_theme_and_data_folder_has_package_data():
    data = SETUPTOOLS["package-data"]
    for name in SETUPTOOLS["packages"]:
        if ".themes." in name or name.endswith(".data") or name.endswith(".files"):
            assert name in data, f"{name} has no package-data globs"


def test_the_version_comes_from_the_package(capsys):
    assert CONFIG["project"]["dynamic"] == ["version"]
    assert SETUPTOOLS["dynamic"]["version"] == {"attr": "site_builder.__version__"}
    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out == f"site-builder {__version__}\n"
