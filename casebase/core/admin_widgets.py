"""Admin widgets that name their editable element after the field's label (WCAG 4.1.2, 1.3.1).

Wagtail renders each field's label as `<label id="<input id>-label" for="<input id>">`; the
rich-text editor and the tag box replace that input with elements of their own which the label
does not reach, so a screen reader announced them without a name. These widgets point the real
editing element at that label (aria-labelledby) without overriding any of Wagtail's templates.
The rich-text one lives in `casebase.core.rich_text` (it cannot be imported while models load)."""
from wagtail.admin.widgets import AdminTagWidget


def label_id(attrs: dict) -> str:
    return f"{attrs['id']}-label"


class LabelledTagWidget(AdminTagWidget):
    """tag-it (jQuery UI) builds the visible text box in the browser; a static script gives it the
    field's label once it exists (no inline script: the admin runs under the same CSP)."""

    class Media:
        js = ["js/labelled_tags.js"]
