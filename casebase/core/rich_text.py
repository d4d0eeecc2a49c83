"""The admin's rich-text editor (settings.WAGTAILADMIN_RICH_TEXT_EDITORS), named by its field's label."""
import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea

from .admin_widgets import label_id


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """Draftail spreads its options into the editor's props: `ariaLabelledBy` names the
    contenteditable box after `<label id="<id>-label">`. In StreamField blocks (no id when
    rendered) nothing changes."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": label_id(widget_attrs)}
            widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
