"""What ingest wrote: content/.ingest-state.json keeps a SHA-256 of every record ingest
wrote (and the sentences each event cites), so that a record a person has edited since
is never overwritten, and one a person has deleted is not drafted again.

The file is JSON with sorted keys, so that it diffs well in git; the loader ignores it
(dot files are not records).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.diagnostics import Problems, SourcePos

STATE_FILE = ".ingest-state.json"
VERSION = 1


@dataclass
class IngestState:
    path: Path
    records: dict[str, dict] = field(default_factory=dict)  # "events/x.md" → entry
    changed: bool = False

    @classmethod
    def load(cls, content_dir: Path, display: str, problems: Problems) -> IngestState:
        path = content_dir / STATE_FILE
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = data["records"]
            if not isinstance(records, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            problems.add(
                SourcePos(display, 1),
                "not a valid ingest state file; restore it from git, or delete it to "
                "forget which records ingest wrote",
            )
            return cls(path)
        return cls(path, records)

    def pristine(self, rel: str, data: bytes) -> bool:
        """Ingest wrote this file and nobody has changed it since."""
        entry = self.records.get(rel)
        return bool(entry) and entry.get("sha256") == digest(data)

    def deleted(self) -> list[str]:
        """Records ingest wrote that are no longer there: a person deleted them."""
        folder = self.path.parent
        return [rel for rel in self.records if not (folder / rel).exists()]

    def deleted_quotes(self) -> set[str]:
        return {q for rel in self.deleted() for q in self.records[rel].get("quotes", [])}

    def wrote(self, rel: str, data: bytes, seed: str, quotes: list[str] | None) -> None:
        entry = {"sha256": digest(data), "seed": seed}
        if quotes is not None:
            entry["quotes"] = quotes
        self.records[rel] = entry
        self.changed = True

    def save(self) -> None:
        data = {"version": VERSION, "records": dict(sorted(self.records.items()))}
        write_atomic(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    temp.replace(path)
