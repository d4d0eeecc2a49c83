"""The case editor's form: on submission for review, run every registered submission check."""
from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from casebase.core.validators import guard_text_fields

# The edit view's POST keys that send a case into review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
SUBMISSION_CHECKS_HOOK = "casebase_submission_checks"


class CasePageForm(WagtailAdminPageForm):
    # Not model fields: the near-duplicate check at submission reads them, the 相似案例 panel
    # renders them, and casebase/review/duplicates.py stores the confirmation.
    duplicate_confirmed = forms.BooleanField(label="我已核对上述相似案例，本案例不是重复报送", required=False)
    duplicate_reason = forms.CharField(
        label="理由", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明本案例与相似案例的不同之处（如不同当事人、不同违法行为或新的典型意义）",
    )

    def clean(self):
        # The slug the admin's script derived from the title gives way to the ref's, before
        # Wagtail checks that it is free (the model derives the same when it saves).
        from .models import ref_slug

        slug = ref_slug(self.cleaned_data.get("ref", ""))
        if slug and "slug" in self.fields:
            self.cleaned_data["slug"] = slug
        return super().clean()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)  # the title, the unit…: no control characters
        if not self.instance.pk and not self.is_bound:
            self._prefill_region()
        self._narrow_region_choices()

    def _prefill_region(self):
        """A new case belongs to the city whose index page it is created under."""
        from .models import CityIndexPage
        from .regions import region_of_city_index

        parent = self.parent_page.specific if self.parent_page else None
        if isinstance(parent, CityIndexPage):
            for field, value in region_of_city_index(parent).items():
                if not self.initial.get(field):  # the blank instance gives None
                    self.initial[field] = value

    def _narrow_region_choices(self):
        """Cities of the chosen province, counties of the chosen city (or of the province, for
        a municipality), instead of every one in China; region_fields.js refills them."""
        from casebase.taxonomy.models import Division

        from .regions import as_int, selectable_children

        province, city = (as_int(self[name].value()) for name in ("province", "city"))
        if "city" in self.fields:
            self.fields["city"].queryset = selectable_children(province, Division.Level.CITY)
        if "county" in self.fields:
            self.fields["county"].queryset = selectable_children(city or province, Division.Level.COUNTY)

    def is_submission(self) -> bool:
        return any(self.data.get(action) for action in SUBMIT_ACTIONS)

    def is_valid(self) -> bool:
        """Valid as a draft, and, when submitting, passing every submission check. The checks
        run after the inline formsets (the citations) are validated, so they see them too."""
        valid = super().is_valid()
        if valid and self.is_submission():
            # Every check reads the cleaned data before any error is added: add_error drops the
            # field from cleaned_data, and a later check would then report it as empty.
            problems = [problem for check in hooks.get_hooks(SUBMISSION_CHECKS_HOOK) for problem in check(self)]
            for field, message in problems:
                self.add_error(field if field in self.fields else None, message)
        return valid and not self.errors
