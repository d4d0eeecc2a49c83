from django.apps import AppConfig


class PrecedentsConfig(AppConfig):
    """What published cases show about the law: the cases citing each article (法条联想) and
    how they were fined (裁量参考). Reads the database only, never the search index."""

    name = "casebase.precedents"
    label = "precedents"
    verbose_name = "案例与法条"
