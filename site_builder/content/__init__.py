"""The content stage: site.yaml and record files → typed records → a resolved Library.

Reads and validates (front matter, YAML messages, records, config, loader), resolves
links between records (library), and owns the caching reader the dev server uses. It
knows nothing of pages, URLs, templates or output folders.
"""
