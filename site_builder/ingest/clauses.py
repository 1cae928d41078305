"""A sentence → its clauses: the main clause, a leading one ('Hours after X said …,'), a
nominal anchor ('Following the talks in Florida,'), trailing subordinate clauses ('…, as
Y prepares to …'), and relative clauses (', which is …,') that only describe.

Quotations and dash parentheticals ('— led by X and Y —') are never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.text import quote_spans
from site_builder.ingest.verbs import has_verb

_LEAD_RE = re.compile(
    r"^(?P<marker>(?:(?:hours|minutes|days|weeks|moments|shortly|just|soon|"
    r"(?:(?:just|only|some|about) )?(?:\w+ )?(?:days|weeks|hours|months))\s+)?(?:after|before)|"
    r"following|ahead of|after|"
    r"before|when|while|since|despite|earlier|later|meanwhile|in response to)\b",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(
    r"(?P<comma>,\s+)(?P<marker>as|while|after|before|when|although|though|but|with|despite|"
    r"even as|adding|saying|which|who|whose|where|amid|prompting|following|"
    r"founded|established|formed|created)\b"
    # ', and Seoul police arrested …': a second clause with its own subject (see _coordinated)
    r"|(?P<and>,\s+and\s+)"
    # 'crashed shortly after lifting off', 'tumbled after about 40 seconds': no new clause
    r"|(?P<space>\s+)(?P<marker2>when|even as|although|(?:after|before)(?!\s+[a-z]+ing\b)"
    r"(?!\s+(?:about |nearly |just |only |some |more than |less than )?(?:\d+|a|an|one|two|"
    r"three|four|five|ten|several|few)\s+(?:seconds|minutes|hours|days|weeks|months|years)\b)|"
    r"amid|"
    # 'during the hearing' names a happening; 'during a patrol' only says how
    r"(?:following|during)(?=\s(?:the|this|that|its|his|her|their)\b))\s"
    r"|(?P<semi>;\s+)"
    r"|(?P<dash>\s+[—–]\s+)(?P<marker3>although|though|but|while|as)\b"
    r"|(?P<passive>\s+(?:was|were|had been|has been) (?P<marker4>preceded|followed) by\s+)",
    re.IGNORECASE,
)
RELATIVE = {"which", "who", "whose"}
# ', founded in Munich in 2019 by …,': an aside with its own time, inside the main clause
APPOSITIVE = {"founded", "established", "formed", "created"}


@dataclass(frozen=True)
class Clause:
    spans: tuple[tuple[int, int], ...]  # character spans in the sentence
    role: str  # main | lead | anchor | sub | relative
    marker: str = ""  # the connective that opened it, lowercased

    def text(self, sentence: str) -> str:
        return " ".join(sentence[a:b].strip(" ,;—–") for a, b in self.spans)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    def contains(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.spans)


def split_clauses(text: str) -> list[Clause]:
    protected = _protected(text)
    clauses: list[Clause] = []
    body_start = 0
    lead = _LEAD_RE.match(text)
    if lead:
        comma = _lead_end(text, protected, lead.end())
        if comma is not None:
            part = text[lead.end() : comma]
            role = "lead" if has_verb(part) and _has_subject(part) else "anchor"
            clauses.append(Clause(((0, comma),), role, lead["marker"].lower()))
            body_start = comma + 1
    clauses.extend(_split_body(text, body_start, protected))
    return clauses


def _split_body(text: str, start: int, protected) -> list[Clause]:
    cuts = []
    relative_end = -1
    for match in _SPLIT_RE.finditer(text, start):
        if _inside(protected, match.start()) or match.start() < relative_end:
            continue  # cuts inside quotes, parentheticals and ', who …,' clauses
        if match["and"] and not _coordinated(text, match.end(), protected):
            continue  # 'A, B, and C': a list, not a clause
        marker = next(
            (
                m
                for m in (match["marker"], match["marker2"], match["marker3"], match["marker4"])
                if m
            ),
            "",
        )
        marker = marker or ("and" if match["and"] else ";")
        cuts.append((match.start(), match.end(), marker.lower(), bool(match["passive"])))
        if marker.lower() in RELATIVE | APPOSITIVE:
            relative_end = _top_level(text, r",\s", protected, match.end()) or len(text)
    main: list[tuple[int, int]] = []
    others: list[Clause] = []
    position, pending = start, None
    for cut_start, cut_end, marker, passive in cuts + [(len(text), len(text), "", False)]:
        segment = (position, cut_start)
        if pending is None:
            main.append(segment)
        elif pending[0] in RELATIVE | APPOSITIVE:
            end = _top_level(text, r",\s", protected, segment[0]) or segment[1]
            end = min(end, segment[1])
            role = "relative" if pending[0] in RELATIVE else "sub"
            start = segment[0] - len(pending[0]) - 1 if role == "sub" else segment[0]
            others.append(Clause(((start, end),), role, pending[0]))
            if end < segment[1]:
                main.append((end, segment[1]))
        elif pending[1]:  # 'X were preceded by Y': X is only a reference point
            others.extend(_passive(main, segment, pending[0]))
            main = []
        else:  # 'after the announcement': no verb, so only a point of reference
            role = "sub" if has_verb(text[segment[0] : segment[1]]) else "anchor"
            others.append(Clause((segment,), role, pending[0]))
        pending = (marker, passive)
        position = cut_end
    result = [Clause(tuple(s for s in main if s[1] > s[0]), "main")] if main else []
    return [c for c in result + others if c.spans]


def _passive(main: list[tuple[int, int]], segment: tuple[int, int], marker: str):
    # 'A was preceded by B': B happened before A, so B is the event and A its anchor.
    anchor = "followed-anchor" if marker == "preceded" else "preceded-anchor"
    return [Clause(tuple(main), "anchor", anchor), Clause((segment,), "main", marker)]


def _lead_end(text: str, protected, start: int) -> int | None:
    """A leading clause ends at its first comma, or after a dash parenthetical that the
    main clause follows ('Hours after X met Y — led by Z — Russia struck …')."""
    comma = _top_level(text, r",\s", protected, start)
    for a, b in protected:
        if a > start and text[a - 1 : a + 1].strip() in ("—", "–") and (comma is None or b < comma):
            return b - 1
    return comma


def _coordinated(text: str, start: int, protected) -> bool:
    """', and the new ministers will be sworn in on Monday': what follows 'and' is a clause
    of its own (a subject, then a finite verb), not the last item of a list ('A, B, and C')
    nor a second verb of the same subject ('resigned, and left the party')."""
    end = _top_level(text, r",\s", protected, start) or len(text)
    part = text[start:end]
    first = re.match(r"[\w’'-]+", part)
    if not first or first.group().lower() in _NOT_SUBJECT_START:
        return False
    if has_verb(first.group()) and not first.group()[0].isupper():
        return False  # 'and left the party': the same subject goes on
    return has_verb(part) and len(part.split()) >= 3


# Words that open a phrase, not a clause with a subject of its own.
_NOT_SUBJECT_START = {"then", "so", "also", "in", "on", "at", "by", "for", "with", "to", "of"}


def _has_subject(text: str) -> bool:
    return bool(re.search(r"\b(?:[A-Z][\w’'-]+|he|she|they|it|we|i)\b", text))


def _protected(text: str) -> list[tuple[int, int]]:
    spans = list(quote_spans(text))
    dashes = [m.start() for m in re.finditer(r"\s[—–]\s", text)]
    for a, b in zip(dashes[::2], dashes[1::2], strict=False):
        spans.append((a + 1, b + 2))
    spans.extend(m.span() for m in re.finditer(r"\([^)]*\)", text))
    return spans


def _inside(spans, position: int) -> bool:
    return any(a < position < b for a, b in spans)


def _top_level(text: str, pattern: str, protected, start: int) -> int | None:
    for match in re.finditer(pattern, text[start:]):
        if not _inside(protected, start + match.start()):
            return start + match.start()
    return None


def blank_quotes(text: str) -> str:
    """The sentence with its quotations blanked out, offsets kept."""
    for a, b in quote_spans(text):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def quoted_at(text: str, position: int) -> bool:
    """The offset is inside a quotation."""
    return position >= 0 and any(a <= position < b for a, b in quote_spans(text))
