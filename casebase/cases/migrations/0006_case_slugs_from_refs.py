"""Every case's slug becomes its ref as an ASCII slug (zj-2024-0113), as `CasePage` now keeps it;
the old URL of each re-slugged case redirects (301) to the case."""
from django.db import migrations
from django.utils.text import slugify


def ref_slug(ref: str) -> str:
    # A copy of casebase.cases.models.ref_slug as it is today: migrations must not follow later changes.
    return slugify(ref or "", allow_unicode=False)


def reslug_cases(apps, schema_editor):
    from wagtail.contrib.redirects.models import Redirect  # only for its pure `normalise_path`

    CasePage = apps.get_model("cases", "CasePage")
    Site = apps.get_model("wagtailcore", "Site")
    HistoricalRedirect = apps.get_model("wagtailredirects", "Redirect")
    site_roots = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]
    for case in CasePage.objects.order_by("pk"):
        slug = ref_slug(case.ref)
        if not slug or slug == case.slug or CasePage.objects.filter(path__startswith=case.path[:-4], depth=case.depth,
                                                                     slug=slug).exists():
            continue  # nothing to do, or a sibling holds that slug already: keep the URL that works
        old_url_path = case.url_path
        case.slug = slug
        case.url_path = old_url_path.rstrip("/").rsplit("/", 1)[0] + f"/{slug}/"
        case.save(update_fields=["slug", "url_path"])
        for site, root_path in site_roots:
            if old_url_path.startswith(root_path):
                HistoricalRedirect.objects.update_or_create(
                    site=site, old_path=Redirect.normalise_path("/" + old_url_path[len(root_path):]),
                    defaults={"redirect_page_id": case.pk, "is_permanent": True, "automatically_created": True},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_source"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(reslug_cases, migrations.RunPython.noop)]
