"""Load `shared/laws/*.md` into Law / LawVersion / Provision, idempotently.

Provisions are matched by their address, so reloading keeps the rows that cases link to.
"""
from pathlib import Path

from django.db import transaction

from .models import Law, LawVersion, Provision
from .parser import ParsedLaw, parse_law_file

NATIONAL_PREFIX = "中华人民共和国"


def short_title_of(title: str) -> str:
    return title.removeprefix(NATIONAL_PREFIX)


def _provision_rows(parsed: ParsedLaw):
    """Yields (address, text, chapter, section) in document order: article, its paragraphs, their items."""
    for article in parsed.articles:
        base = (article.number, article.sub_number)
        place = (article.chapter, article.section)
        yield (*base, None, None), article.text, *place
        for p_index, (text, items) in enumerate(article.paragraphs, start=1):
            yield (*base, p_index, None), text, *place
            for i_index, item_text in enumerate(items, start=1):
                yield (*base, p_index, i_index), item_text, *place


def _sync_provisions(version: LawVersion, parsed: ParsedLaw) -> int:
    existing = {
        (p.article, p.sub_article, p.paragraph, p.item): p for p in version.provisions.all()
    }
    to_create, to_update = [], []
    for position, (address, text, chapter, section) in enumerate(_provision_rows(parsed)):
        fields = {"text": text, "chapter": chapter, "section": section, "position": position}
        provision = existing.pop(address, None)
        if provision is None:
            article, sub_article, paragraph, item = address
            to_create.append(Provision(version=version, article=article, sub_article=sub_article,
                                       paragraph=paragraph, item=item, **fields))
        elif any(getattr(provision, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(provision, key, value)
            to_update.append(provision)
    Provision.objects.bulk_create(to_create, batch_size=500)
    Provision.objects.bulk_update(to_update, ["text", "chapter", "section", "position"], batch_size=500)
    # Provisions that vanished from the text: drop them unless a case still cites them.
    Provision.objects.filter(pk__in=[p.pk for p in existing.values()], citations__isnull=True).delete()
    return len(to_create) + len(to_update)


@transaction.atomic
def load_law_file(path: Path) -> LawVersion:
    parsed = parse_law_file(path)
    law, _ = Law.objects.update_or_create(title=parsed.title, defaults={"short_title": short_title_of(parsed.title)})
    version, _ = LawVersion.objects.update_or_create(
        law=law,
        adopted_on=parsed.adopted_on,
        defaults={"effective_on": parsed.effective_on, "history": parsed.history, "source_file": path.name},
    )
    _sync_provisions(version, parsed)
    return version


def law_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.md") if p.name != "SOURCES.md")
