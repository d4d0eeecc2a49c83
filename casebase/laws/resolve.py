"""Find laws by any of their names and provisions by their address, version-aware."""
import datetime
from collections import defaultdict
from collections.abc import Iterable

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
    return _pick(version.provisions.filter(article=article, sub_article=0), paragraph, item)


def find_provisions(
    citations: Iterable[tuple[str, int, int | None, int | None]], on: datetime.date | None = None
) -> list[Provision | None]:
    """`find_law` and `find_provision` for each (law name, article, paragraph, item), in order.

    A page citing dozens of provisions of a few laws costs two queries per law and one for all
    the provisions, not three per citation.
    """
    citations = list(citations)
    laws = {name: find_law(name, on) for name in {name for name, *_ in citations}}
    versions = {name: law.version_in_force(on) for name, law in laws.items() if law is not None}
    candidates = Provision.objects.filter(
        version__in=[version for version in versions.values() if version is not None],
        article__in={article for _, article, *_ in citations},
        sub_article=0,
    ).select_related("version__law")
    by_article = defaultdict(list)
    for provision in candidates:
        by_article[provision.version_id, provision.article].append(provision)
    found = []
    for name, article, paragraph, item in citations:
        version = versions.get(name)
        found.append(_pick(by_article[version.pk, article], paragraph, item) if version else None)
    return found


def _pick(provisions: Iterable[Provision], paragraph: int | None, item: int | None) -> Provision | None:
    """Among the provisions of one article, the one cited (see `find_provision`)."""
    if item is None:
        return next((p for p in provisions if p.paragraph == paragraph and p.item is None), None)
    with_item = [p for p in provisions if p.item == item and paragraph in (None, p.paragraph)]
    return min(with_item, key=lambda p: p.paragraph or 0, default=None)
