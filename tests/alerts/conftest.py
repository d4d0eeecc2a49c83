"""Alerts tests: officers, their saved searches and cases published through the real chain
(publication → index sync task → case_indexed → matching task → Elasticsearch _msearch)."""
import pytest
from django.urls import reverse

from tests.factories import create_case

# A case no VOCs search finds: a hidden pipe discharging chromium waste water in Wenzhou.
PIPE = dict(
    title="温州某电镀有限公司私设暗管排放含铬废水案", city="温州市", county="鹿城区", unit="温州市生态环境局",
    industry="C33", violation_types=["水污染"], measures=["罚款", "移送公安"], keywords=["暗管", "含铬废水"],
    basic_facts="执法人员在厂区围墙外发现一根暗管，该公司将含铬废水通过暗管直接排入河道。",
    handling="该公司的行为违反了《中华人民共和国水污染防治法》第三十九条的规定。依据第八十三条第（三）项，处罚款五十万元。",
    significance="私设暗管是典型的逃避监管排污行为。",
    violated=[{"law": "中华人民共和国水污染防治法", "article": 39, "paragraph": None, "item": None}],
    penalty_basis=[{"law": "中华人民共和国水污染防治法", "article": 83, "paragraph": None, "item": 3}],
    fine_yuan=500000,
)


@pytest.fixture
def officer(login, search_index):
    """The demo officer of Hangzhou, signed in."""
    return login("officer_hangzhou")


@pytest.fixture
def wenzhou_officer(accounts):
    """A second officer, of another city."""
    from django.contrib.auth import get_user_model

    from casebase.alerts.officers import ensure_officer_group
    from casebase.cases.library import city_index_for
    from casebase.taxonomy.models import Division

    user = get_user_model().objects.create_user("officer_wenzhou", email="officer_wenzhou@casebase.invalid")
    user.groups.set([ensure_officer_group(city_index_for(Division.objects.get(name="温州市")))])
    return user


def menu_label(dashboard_html: str, name: str = "casebase-alerts") -> str:
    """The label of the admin menu item `name` (the sidebar is built from a JSON script)."""
    import json
    import re

    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', dashboard_html, re.S)
    found = re.search(r'"name": "%s", "label": ("[^"]*")' % name, props.group(1))
    return json.loads(found.group(1)) if found else ""


def save_search(client, query: str, name: str = "挥发性有机物", frequency: str = "instant"):
    return client.post(reverse("alerts:list"), {"name": name, "query": query, "frequency": frequency})


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish(**fields) → a case published as the importer publishes, with everything that
    follows the commit run (index sync, matching, e-mail), as the worker would run it."""
    def published(**fields):
        from casebase.cases.models import CasePage

        with django_capture_on_commit_callbacks(execute=True):
            case = create_case(**fields)
        return CasePage.objects.get(pk=case.pk)
    return published

