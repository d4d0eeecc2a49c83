"""Find laws by any of their names and provisions by their address, version-aware."""
import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from nlp import laws as known_laws

from .models import Law, LawVersion, Provision


def find_law(name: str, on: datetime.date | None = None) -> Law | None:
    """The law called `name`: official title, short title or any other name nlp knows it by
    (大气法; 《》 are ignored). A name shared by two laws (噪声法: the 2018 and the 2021 law)
    means the one in force on `on` (`nlp.laws.resolve`)."""
    return find_laws([name], on)[name]


def find_laws(names: Iterable[str], on: datetime.date | None = None) -> dict[str, Law | None]:
    """`find_law` of each of `names`, in two queries at most."""
    bare = {name: name.strip().strip("《》") for name in names}
    # By title or short title first (ordered by short title, as `find_law` always was).
    laws = list(Law.objects.filter(Q(title__in=bare.values()) | Q(short_title__in=bare.values())))
    found = {name: next((law for law in laws if text in (law.title, law.short_title)), None) for name, text in bare.items()}
    # Other names: the title nlp gives them, chosen by date where a name is shared.
    titles = {name: known_laws.resolve(bare[name], on) for name, law in found.items() if law is None}
    if any(titles.values()):
        by_title = {law.title: law for law in Law.objects.filter(title__in=set(titles.values()) - {None})}
        found.update({name: by_title.get(title) for name, title in titles.items()})
    return found


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

    A page citing dozens of provisions of a few laws costs three or four queries (laws, their
    versions, the provisions), not three per citation.
    """
    citations = list(citations)
    laws = find_laws({name for name, *_ in citations}, on)
    in_force = _versions_in_force([law for law in laws.values() if law is not None], on)
    versions = {name: in_force.get(law.pk) for name, law in laws.items() if law is not None}
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


def _versions_in_force(laws: list[Law], on: datetime.date | None) -> dict[int, LawVersion]:
    """`Law.version_in_force` of each of `laws` (by law id; none for a law not yet in force), in one query."""
    versions = LawVersion.objects.filter(law__in=laws).order_by("law_id", "-effective_on")
    if on is not None:
        versions = versions.filter(effective_on__lte=on)
    newest = {}
    for version in versions if laws else ():
        newest.setdefault(version.law_id, version)
    return newest


def _pick(provisions: Iterable[Provision], paragraph: int | None, item: int | None) -> Provision | None:
    """Among the provisions of one article, the one cited (see `find_provision`)."""
    if item is None:
        return next((p for p in provisions if p.paragraph == paragraph and p.item is None), None)
    with_item = [p for p in provisions if p.item == item and paragraph in (None, p.paragraph)]
    return min(with_item, key=lambda p: p.paragraph or 0, default=None)
