"""Signals of the search index, for apps that react to what the index holds."""
from django.dispatch import Signal

# Sent by search.tasks.sync_case after a case's index entry was brought in line with the
# database: `page_id`, `public` (True when the case is now indexed, False when it was removed)
# and `reason` (what sync_case returned: "indexed" or "removed").
case_indexed = Signal()
