"""The officer's place in the admin: a dashboard panel of notices and a menu item whose label
carries the number of unread notices (the badge)."""
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from casebase.review.policy import ReviewPolicy

from . import accounts, alerting
from .officers import is_officer
from .panels import AlertNoticesPanel

MENU_LABEL = "检索提醒"


@require_POST
def mark_all_read(request):
    if is_officer(request.user):
        alerting.mark_read(alerting.notices_for(request.user))
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def alerts_admin_urls():
    return [
        path("alerts/read/", mark_all_read, name="alerts_mark_read"),
        path("alerts/officers/", accounts.officers, name="alerts_officers"),
    ]


class OfficerAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return ReviewPolicy(request.user).can_manage_officers()


@hooks.register("register_admin_menu_item")
def officer_accounts_menu_item():
    return OfficerAccountsMenuItem("执法人员账号", reverse("alerts_officers"), icon_name="user", order=820)


class NoticesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)

    def render_component(self, request):
        # The item is shared by every request: the label of this request is built, not stored.
        unread = alerting.notices_for(request.user).count()
        label = f"{MENU_LABEL}（{unread}）" if unread else MENU_LABEL
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def notices_menu_item():
    return NoticesMenuItem(MENU_LABEL, reverse("alerts:list"), name="casebase-alerts", icon_name="mail", order=50)


@hooks.register("construct_homepage_panels")
def notices_panel(request, panels):
    if is_officer(request.user):
        panels.append(AlertNoticesPanel(request.user))
