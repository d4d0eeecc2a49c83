"""The provincial administrator creates officers' accounts (执法人员), each in one city's officer
group: the only accounts this view can make, so it grants no other role."""
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from casebase.cases.models import CityIndexPage
from casebase.review.views import allowed_by

from .officers import OFFICER_GROUP_SUFFIX, ensure_officer_group, officer_groups


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, city):
        return city.division.name


class OfficerCreationForm(UserCreationForm):
    city = CityChoiceField(
        label="所属地市", queryset=CityIndexPage.objects.select_related("division").order_by("division__code"),
        error_messages={"required": "请选择所属地市", "invalid_choice": "所选地市不存在"},
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("city", "username", "first_name", "email")
        labels = {"first_name": "姓名", "email": "电子邮箱（接收检索提醒）"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["email"].required = True

    def save(self, commit=True):
        user = super().save(commit=True)
        user.groups.set([ensure_officer_group(self.cleaned_data["city"])])
        return user


@allowed_by("can_manage_officers")
def officers(request):
    form = OfficerCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, f"已为{form.cleaned_data['city'].division.name}创建执法人员账号“{user.username}”")
        return redirect("alerts_officers")
    accounts = get_user_model().objects.filter(groups__in=officer_groups()).prefetch_related("groups").order_by("username")
    rows = [{"user": user, "city": next((g.name.removesuffix(OFFICER_GROUP_SUFFIX) for g in user.groups.all()
                                         if g.name.endswith(OFFICER_GROUP_SUFFIX)), "")} for user in accounts.distinct()]
    return TemplateResponse(request, "alerts/officers.html", {"form": form, "rows": rows}, status=400 if form.errors else 200)
