"""An outage of the real node: editors keep publishing, and once the node is back the sweep
brings the index to exactly the published set. Stops and restarts the node, so it runs last."""
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from casebase.cases.models import CasePage
from search import indexing
from search.client import get_client
from search.documents import alias_name
from tests.factories import create_case

pytestmark = [pytest.mark.django_db, pytest.mark.restarts_elasticsearch]
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "elasticsearch.sh"


def elasticsearch(command: str) -> None:
    subprocess.run([str(SCRIPT), command], check=True, capture_output=True, timeout=180)


def test_publishing_survives_an_outage_and_the_sweep_restores_the_published_set(
    library, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_case(ref="T-OUT-1")
        withdrawn = create_case(ref="T-OUT-2")
    get_client().indices.refresh(index=alias_name())

    elasticsearch("stop")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            published_during_outage = create_case(ref="T-OUT-3")
            CasePage.objects.get(pk=withdrawn.pk).unpublish()
        assert CasePage.objects.get(pk=published_during_outage.pk).live
        assert not CasePage.objects.get(pk=withdrawn.pk).live
    finally:
        elasticsearch("start")
    get_client().cluster.health(wait_for_status="yellow", timeout="60s")

    report = indexing.sweep()
    assert (report.indexed, report.removed) == (1, 1)
    hits = get_client().search(index=alias_name(), size=10, _source=["ref"])["hits"]["hits"]
    assert {hit["_source"]["ref"] for hit in hits} == {"T-OUT-1", "T-OUT-3"} == set(
        indexing.searchable_cases().values_list("ref", flat=True)
    )
