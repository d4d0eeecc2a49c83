"""What makes the cached public pages stale (casebase.core.page_cache), and the cache's table."""
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate_public_pages

# Every model of these apps shows on public pages (cases, corrections, guides, disclosure
# batches, laws, taxonomies); from Wagtail, pages, their view restrictions and the sites.
PUBLIC_CONTENT_APPS = frozenset({"cases", "compilations", "core", "guides", "laws", "taxonomy"})


def shows_on_public_pages(instance) -> bool:
    return isinstance(instance, (Page, PageViewRestriction, Site)) or instance._meta.app_label in PUBLIC_CONTENT_APPS


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def public_content_changed(sender, instance, using, action="post_", **kwargs):
    """Any save counts, a draft's too: a few more refills, never a stale page. Of a
    many-to-many change, what follows it (post_add, post_remove, post_clear)."""
    if action.startswith("post_") and shows_on_public_pages(instance):
        invalidate_public_pages(using)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def publication_changed(sender, instance, **kwargs):
    invalidate_public_pages()


def create_cache_table(sender, using, **kwargs):
    """post_migrate: every `migrate` (make run, CI, a deployment) creates the database cache's
    table when a cache uses it; `createcachetable` leaves an existing table alone."""
    call_command("createcachetable", database=using, verbosity=0)
