"""Indexing follows publication (signals → on_commit → task → index), and the sweep repairs the rest."""
import pytest

from casebase.cases.models import CasePage
from casebase.taxonomy.models import ViolationType
from search import indexing
from search.client import get_client
from search.documents import alias_name
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def indexed_refs() -> set[str]:
    indexing.refresh()
    hits = get_client().search(index=alias_name(), size=100, _source=["ref"])["hits"]["hits"]
    return {hit["_source"]["ref"] for hit in hits}


def fresh(case) -> CasePage:
    return CasePage.objects.get(pk=case.pk)


def test_publish_unpublish_move_and_delete_reach_the_index(library, search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = create_case(ref="T-IDX-1")
    assert indexed_refs() == {"T-IDX-1"}

    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).unpublish()
    assert indexed_refs() == set()

    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).get_latest_revision().publish()
    assert indexed_refs() == {"T-IDX-1"}

    wenzhou = create_case(ref="T-IDX-2", city="温州市", county=None).get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).move(wenzhou, pos="last-child")
    indexing.refresh()
    source = get_client().get(index=alias_name(), id=str(case.pk))["_source"]
    assert source["url"] == fresh(case).url and "温州市" in fresh(case).url_path

    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).delete()
    assert "T-IDX-1" not in indexed_refs()


def test_the_sweep_repairs_every_difference(library, search_index):
    kept, stale, gone = (create_case(ref=ref) for ref in ("T-SW-1", "T-SW-2", "T-SW-3"))
    indexing.sweep()
    client = get_client()
    client.delete(index=alias_name(), id=str(kept.pk), refresh=True)  # missing from the index
    client.update(index=alias_name(), id=str(stale.pk), doc={"title": "旧标题", "source_version": "old"}, refresh=True)
    CasePage.objects.filter(pk=gone.pk).update(live=False)  # unpublished behind the signals' back

    report = indexing.sweep()
    assert (report.indexed, report.removed) == (2, 1)
    assert indexed_refs() == {"T-SW-1", "T-SW-2"}
    assert client.get(index=alias_name(), id=str(stale.pk))["_source"]["title"] == fresh(stale).title
    assert indexing.sweep().indexed == 0


def test_the_sweep_rebuilds_an_index_built_from_an_older_mapping(library, search_index, capsys):
    from django.core.management import call_command

    create_case(ref="T-MAP-1")
    client = get_client()
    client.indices.put_mapping(index=search_index, meta={"mapping_version": "an-older-one"})
    assert indexing.is_outdated(search_index)

    call_command("sweep_search_index")
    current = indexing.current_index()
    assert current != search_index and not indexing.is_outdated(current)
    assert indexed_refs() == {"T-MAP-1"}
    assert not client.indices.exists(index=search_index)
    assert "已重建" in capsys.readouterr().out
    assert not indexing.sweep().rebuilt


def test_publishing_never_fails_when_elasticsearch_is_down(
    library, search_index, elasticsearch_unreachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = create_case(ref="T-DOWN-1")
    assert fresh(case).live


def test_rebuild_swaps_the_alias_to_a_new_index(library, search_index, capsys):
    from django.core.management import call_command

    create_case(ref="T-RB-1")
    before = indexing.current_index()
    call_command("rebuild_search_index")
    assert indexing.current_index() != before and indexed_refs() == {"T-RB-1"}
    assert "个/秒" in capsys.readouterr().out


def test_the_sweep_carries_a_renamed_vocabulary_term_into_every_document_that_shows_it(library, search_index):
    case = create_case(ref="T-SW-RENAME", violation_types=["大气污染"])
    create_case(ref="T-SW-OTHER", violation_types=["水污染"])
    indexing.sweep()
    ViolationType.objects.filter(name="大气污染").update(name="大气环境污染")

    report = indexing.sweep()
    assert report.indexed == 2 and report.unchanged == 0  # every document may show the name
    assert "大气环境污染" in get_client().get(index=alias_name(), id=str(case.pk))["_source"]["violation_type"]
    assert indexing.sweep().indexed == 0  # once repaired, the next sweep finds nothing to do
