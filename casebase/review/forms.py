"""Forms of the review actions. Wagtail passes the cleaned `comment` to the task's on_action.

Every free text written in the procedure (reasons, opinions) goes into e-mails, the audit log
and the minutes (PDF, DOCX): control characters such as \x07 or \x0b, pasted from other
programs, are dropped, since XML (DOCX) cannot hold them."""
from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from casebase.core.validators import guard_text_fields, without_control_characters


class PlainTextField(forms.CharField):
    """Free text without control characters (then stripped as CharField does)."""

    def to_python(self, value):
        return super().to_python(without_control_characters(value) if isinstance(value, str) else value)


class CommentForm(forms.Form):
    """An optional comment (approval with a comment)."""

    label = "意见"
    required = False
    comment = PlainTextField(widget=forms.Textarea({"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = self.label
        self.fields["comment"].required = self.required
        self.fields["comment"].error_messages["required"] = f"请写明{self.label}"
        guard_text_fields(self)


class RequiredCommentForm(CommentForm):
    """A comment that must be written: a returned case needs its reason, a vote its opinion.
    The field strips the text, so a blank comment fails as missing."""

    required = True


class ReasonForm(RequiredCommentForm):
    label = "退回理由"


class CancelForm(RequiredCommentForm):
    label = "取消理由"


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

    def clean_reason(self):
        reason = without_control_characters(self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError("请写明理由")
        return reason

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
