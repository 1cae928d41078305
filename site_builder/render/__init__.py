"""The render stage: a Library → a site plan → the bytes of every page and export.

Owns URLs, the theme and its Jinja environment, the page kinds and their views (kinds/),
Markdown, maps, the time scale, the actor network, structured data, feeds, calendar,
data exports and the search index. It writes no files and reads only the theme.
"""
