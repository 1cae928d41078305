"""site-builder: a static site generator for briefing pages."""

__version__ = "0.1.0"
