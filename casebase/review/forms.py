"""Forms of the review actions. Wagtail passes the cleaned `comment` to the task's on_action."""
from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from casebase.core.validators import guard_text_fields


class RequiredCommentForm(forms.Form):
    """A comment that must be written: a returned case needs its reason, a vote its opinion.
    CharField strips the text, so a blank comment fails as missing."""

    label = "意见"
    comment = forms.CharField(widget=forms.Textarea({"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = self.label
        self.fields["comment"].error_messages["required"] = f"请写明{self.label}"
        guard_text_fields(self)


class ReasonForm(RequiredCommentForm):
    label = "退回理由"


class VoteForm(RequiredCommentForm):
    label = "审议意见"


class CaseChangeRequestForm(WagtailAdminModelForm):
    """A correction or withdrawal request. A correction publishes the case's newest draft, so
    the administrator edits the case and saves it as a draft first; the request records which
    revision that is, so later edits cannot slip in unreviewed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from casebase.cases.models import CasePage

        self.fields["case"].queryset = CasePage.objects.published()
        self.fields["case"].error_messages["invalid_choice"] = "只能对已发布且未撤除的案例申请更正或撤除"

    def clean(self):
        cleaned_data = super().clean()
        case = cleaned_data.get("case")
        if case is not None and cleaned_data.get("kind") == "correct":
            case = case.specific
            if not case.has_unpublished_changes:
                self.add_error("case", "请先在该案例的编辑页面修改内容并保存草稿，再提交更正申请")
            else:
                self.instance.case_revision = case.get_latest_revision()
        if not self.instance.pk and self.for_user is not None:
            self.instance.requested_by = self.for_user
        return cleaned_data
