from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from casebase.cases.models import CityIndexPage

from .services import INTAKE_LOG_ACTION
from .views import intake


@hooks.register("register_admin_urls")
def intake_admin_urls():
    return [path("intake/<int:page_id>/", intake, name="intake_upload")]


@hooks.register("register_page_header_buttons")
def intake_button(page, user, view_name, next_url=None):
    """"从文书导入" on a city's index page, for users who may add cases there."""
    if isinstance(page.specific_deferred, CityIndexPage) and page.permissions_for_user(user).can_add_subpage():
        yield Button("从文书导入", reverse("intake_upload", args=[page.pk]), icon_name="doc-full", priority=16)


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    actions.register_action(INTAKE_LOG_ACTION, "从文书导入", "从上传的文书创建草稿")
