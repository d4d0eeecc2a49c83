"""Helpers for the site's pages: the fixed sections (case library, guides, disclosure), one page
each under the home page; routing and visibility rules that cost no query of their own."""
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction


def ensure_section(parent: Page, model: type[Page], **fields) -> Page:
    """The only page of `model`, created and published under `parent` with `fields` when missing."""
    page = model.objects.first()
    if page is None:
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def view_restricted() -> Exists:
    """Whether a page or one of its ancestors has a view restriction, for `.exclude()` on a page
    queryset. Same rule as Wagtail's `public()`, but as a subquery: `public()` first reads every
    restriction in a query of its own, once per listing."""
    on_page_or_ancestor = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return Exists(on_page_or_ancestor)


class OneQueryViewRestrictions:
    """Wagtail's `get_view_restrictions()`, which every public request checks, in one query
    instead of two: Wagtail first lists the ancestors, then reads their restrictions. The
    ancestors' paths are prefixes of the page's own, so the restrictions on the page, on an
    ancestor, or on the source page of either when it is an alias, come in one query."""

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        alias_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__in=alias_sources))


class ChildrenOfOneTypeRouting:
    """Routes to a child in one query, as its specific class. Wagtail's default routing takes
    two per level (the base page, then its specific row), and the page then loads its own
    relations one by one; `child_pages()` fetches them with the child instead."""

    def child_pages(self):
        raise NotImplementedError

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        try:
            child = self.child_pages().get(slug=path_components[0])
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        child._cached_parent_obj = self  # the breadcrumb's get_parent() then needs no query
        return child.route(request, path_components[1:])


class SectionRouting:
    """For the home page: routes through a section (case library, guides) without reading the
    section's own row when the request goes on to one of its children. The section is then only
    a step on the way, whose own fields (its intro) are never shown, so it is taken as
    `specific_deferred` (no query) rather than `specific` (one query)."""

    def route(self, request, path_components):
        if len(path_components) < 2:
            return super().route(request, path_components)
        try:
            section = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist as exc:
            raise Http404 from exc
        section._cached_parent_obj = self
        routes_alone = issubclass(section.specific_class or Page, ChildrenOfOneTypeRouting)
        section = section.specific_deferred if routes_alone else section.specific
        return section.route(request, path_components[1:])


class SiteSectionPage(Page):
    """A section of the site right under the home page, one of its kind, with a short
    introduction (the guides, the disclosure). Subclasses name their `subpage_types`."""

    intro = RichTextField("简介", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
