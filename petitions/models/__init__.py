"""A petition is one thing in every language.

PetitionPage is what visitors read and sign, one page per language. Petition is
the thing they sign: keyed by the pages' shared `translation_key`, it holds the
target, deadline and state, owns the signatures and the reconciled count, and
so outlives the deletion or unpublishing of any one translation.

Split by what they are: pages.py (the page), signatures.py (the petition
behind the pages and its signatures). The supporter list, blocked domains
and the email outbox are the supporters app's.
"""

from petitions.models.pages import (
    SHARED_FIELDS,
    PetitionPage,
    PetitionPageForm,
    page_is_petition_source,
)
from petitions.models.signatures import Petition, Signature

__all__ = [
    "SHARED_FIELDS",
    "Petition",
    "PetitionPage",
    "PetitionPageForm",
    "Signature",
    "page_is_petition_source",
]
