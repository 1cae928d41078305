"""site-builder: a static site generator for briefing pages."""

__version__ = "0.2.0"
