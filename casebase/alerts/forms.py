"""Saving, renaming and switching saved searches. The search parameters are validated by the
search page's own rules (search.params.parse_params), so a saved search is one the page accepts."""
from django import forms
from django.http import QueryDict

from casebase.core.validators import has_control_characters
from search.params import FILTERS, InvalidParameter, parse_params
from search.views import refusal_text

from .models import KEPT_PARAMETERS, SavedSearch

MAX_SAVED_SEARCHES = 50


class InvalidSearch(forms.ValidationError):
    """Carries the refused parameter, for the English log line."""

    def __init__(self, error: InvalidParameter, data: QueryDict):
        super().__init__(refusal_text(error))
        self.log_line = error.log_line(data)


def saved_query(raw: str) -> str:
    """The parameters of a search URL's query string that a saved search keeps (no paging),
    validated. Raises InvalidSearch."""
    data = QueryDict(raw)
    kept = QueryDict(mutable=True)
    for name in (*KEPT_PARAMETERS, *FILTERS):
        if values := [v for v in data.getlist(name) if v.strip()]:
            kept.setlist(name, values)
    try:
        parse_params(kept)
    except InvalidParameter as error:
        raise InvalidSearch(error, kept) from None
    return kept.urlencode()


class NameMixin:
    def clean_name(self):
        name = self.cleaned_data["name"]
        if has_control_characters(name):
            raise forms.ValidationError("名称含有不可见的控制字符")
        return name


class SaveSearchForm(NameMixin, forms.ModelForm):
    query = forms.CharField(max_length=2000, required=False, widget=forms.HiddenInput)

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency", "query"]
        error_messages = {"name": {"required": "请为检索起一个名称", "max_length": "名称最多 60 个字"}}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["query"].error_messages["max_length"] = "检索条件过长"

    def clean_query(self):
        return saved_query(self.cleaned_data["query"])

    def clean(self):
        if SavedSearch.objects.filter(owner=self.owner).count() >= MAX_SAVED_SEARCHES:
            raise forms.ValidationError(f"最多保存 {MAX_SAVED_SEARCHES} 个检索，请先删除不再需要的检索")
        return super().clean()

    def save(self, commit=True):
        self.instance.owner = self.owner
        return super().save(commit)


class EditSearchForm(NameMixin, forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        error_messages = SaveSearchForm.Meta.error_messages
