"""A planned page: its URL, template, title, and how to make its render context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property


@dataclass(eq=False)  # not frozen: a frozen dataclass is slow to make, and there are 10,000s
class PlannedPage:
    url: str
    template: str
    title: str
    make_context: Callable[[], dict]
    kind: str

    @cached_property
    def context(self) -> dict:
        """Built on first use, so the dev server computes only the pages it renders (issue 4)."""
        return self.make_context()
