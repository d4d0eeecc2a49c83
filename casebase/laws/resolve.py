"""Find laws by any of their names and provisions by their address, version-aware."""
import datetime

from django.db.models import Q

from .models import Law, Provision


def find_law(name: str, on: datetime.date | None = None) -> Law | None:
    """The law called `name`: official title, short title or an alias (《》 are ignored).
    An alias shared by two laws (噪声法: the 2018 and the 2021 law) means the one in force on `on`."""
    name = name.strip().strip("《》")
    law = Law.objects.filter(Q(title=name) | Q(short_title=name)).first()
    if law is not None:
        return law
    candidates = [law for law in Law.objects.exclude(aliases=[]) if name in law.aliases]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    in_force = [(law.version_in_force(on), law) for law in candidates]
    dated = [(version.effective_on, law) for version, law in in_force if version is not None]
    return max(dated, key=lambda pair: pair[0])[1] if dated else candidates[0]


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
