"""The officer's dashboard panel: unread notices of new matching cases."""
from wagtail.admin.ui.components import Component

from .alerting import notices_for

PANEL_SIZE = 20


class AlertNoticesPanel(Component):
    name = "casebase_alert_notices"
    order = 80
    template_name = "alerts/panels/notices.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        notices = notices_for(self.user)
        latest = notices.select_related("saved_search", "case__province", "case__city", "case__county")[:PANEL_SIZE]
        items = [{
            "title": m.case.title, "ref": m.case.ref, "region": m.case.region_label, "url": m.case.url,
            "search": m.saved_search.name, "created_at": m.created_at,
            "corrected": m.case.corrections.filter(revision_id=m.revision_id).exists(),
        } for m in latest]
        return {"items": items, "total": notices.count()}
