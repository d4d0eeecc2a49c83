from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "casebase.guides"
    label = "guides"
    verbose_name = "企业守法指南"
