from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "casebase.taxonomy"
    label = "taxonomy"
    verbose_name = "分类体系"
