"""Any text at all goes through the extraction without an exception (never a traceback)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.ingest.extract import extract

WORDS = [
    "The", "said", "on", "Monday", "President", "Ana", "Souza", "visited", "Lisbon", "“",
    "”", ",", ".", "—", "talks", "in", "November", "US", "Russian", "strikes", "hit", "the",
    "city", "of", "Kharkiv", "overnight", "which", "had", "been", "\n", "\n\n", "(", ")",
    "about", "two", "weeks", "ago", "OSLO", "–", "3.5%", "Dr.", "U.S.", "it", "would",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=60),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
)
def test_arbitrary_word_salad_never_crashes(words, published):
    result = extract(" ".join(words), published)
    for event in result.events:
        assert event.sentences and event.when.start


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    extract(text, date(2026, 1, 1))
