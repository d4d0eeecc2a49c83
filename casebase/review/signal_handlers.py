"""A city's submitter group comes into being with the city's index page, holding
add and edit permission on that subtree only (no publish: publication goes through review)."""
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission

from casebase.cases.models import CityIndexPage

from .roles import SUBMITTER_PAGE_PERMISSIONS, submitter_group_name


def ensure_submitter_group(city_index: CityIndexPage) -> Group:
    group, _ = Group.objects.get_or_create(name=submitter_group_name(city_index.division.name))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in SUBMITTER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=city_index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    return group


@receiver(post_save, sender=CityIndexPage)
def city_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_submitter_group(instance)
