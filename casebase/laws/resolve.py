"""Find laws by any of their names and provisions by their address, version-aware."""
import datetime

from django.db.models import Q

from .models import Law, Provision


def find_law(name: str) -> Law | None:
    """The law called `name`: official title, short title or an alias (《》 are ignored)."""
    name = name.strip().strip("《》")
    law = Law.objects.filter(Q(title=name) | Q(short_title=name)).first()
    if law is not None:
        return law
    for candidate in Law.objects.exclude(aliases=[]):
        if name in candidate.aliases:
            return candidate
    return None


def find_provision(
    law: Law, article: int, paragraph: int | None, item: int | None, on: datetime.date | None
) -> Provision | None:
    """The provision of the version in force on `on`. An item cited without its paragraph
    (第一百零八条第（五）项) belongs to the first paragraph that has such an item."""
    version = law.version_in_force(on)
    if version is None:
        return None
    provisions = version.provisions.filter(article=article, sub_article=0)
    if item is not None:
        provisions = provisions.filter(item=item)
        if paragraph is not None:
            provisions = provisions.filter(paragraph=paragraph)
        return provisions.order_by("paragraph").first()
    return provisions.filter(paragraph=paragraph, item=None).first()
