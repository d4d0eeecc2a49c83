"""Editor widgets of the case's region and industry fields."""
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView

from casebase.taxonomy.models import Industry


class RegionSelect(forms.Select):
    """A select refilled with the divisions under the one chosen in `parent_field`
    (static JS, no inline script)."""

    def __init__(self, parent_field: str, level: int, attrs=None):
        super().__init__(attrs={
            **(attrs or {}),
            "data-region-parent": f"id_{parent_field}",
            "data-region-level": str(level),
            "data-region-url": reverse_lazy("cases_region_children"),
        })

    class Media:
        js = ["cases/region_fields.js"]


class IndustrySearchForm(BaseFilterForm):
    """The chooser's search box: by GB/T 4754 code (C26, C2614) or by words of the name."""

    q = forms.CharField(
        label="代码或名称", required=False,
        widget=forms.TextInput(attrs={"placeholder": "输入行业代码或名称，如 C26、化学原料"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(code__istartswith=query) | Q(name__icontains=query))
            self.is_searching, self.search_query = True, query
        return objects


class IndustryChooseView(ChooseView):
    filter_form_class = IndustrySearchForm


class IndustryChooseResultsView(ChooseResultsView):
    filter_form_class = IndustrySearchForm


class IndustryChooserViewSet(ChooserViewSet):
    model = Industry
    icon = "tag"
    choose_one_text = "选择行业"
    choose_another_text = "改选行业"
    edit_item_text = "修改行业"
    choose_view_class = IndustryChooseView
    choose_results_view_class = IndustryChooseResultsView
    per_page = 30
    # Only the case editor uses it (the compilation filter keeps its short list of 大类).
    register_widget = False


industry_chooser = IndustryChooserViewSet("industry_chooser", url_prefix="cases/industry-chooser")
