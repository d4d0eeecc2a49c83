"""Keeping the index equal to the set of published cases.

`searchable_cases()` is that set; everything here writes to the versioned index
behind `alias_name()`. A rebuild fills a new index and swaps the alias in one
atomic call, so search keeps answering during it.
"""
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from elasticsearch import BadRequestError, NotFoundError
from elasticsearch.helpers import scan, streaming_bulk

from casebase.cases.models import CasePage

from .client import get_client
from .documents import (
    MAPPING, SOURCE_VERSION_FIELDS, alias_name, case_document, index_settings, mapping_version, reference_digest,
    replica_count, source_version,
)

logger = logging.getLogger(__name__)
SWEEP_CHUNK = 500  # stale cases loaded (with their relations) and indexed at a time


def searchable_cases():
    """Published, public, not withdrawn cases: what search may show."""
    return CasePage.objects.published().with_facts()


def _new_index_name() -> str:
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def _meta(reference: str | None = None) -> dict:
    return {"mapping_version": mapping_version(), "reference_digest": reference or reference_digest()}


def create_index(name: str | None = None) -> str:
    name = name or _new_index_name()
    mappings = {**MAPPING, "_meta": _meta()}
    try:
        get_client().indices.create(index=name, settings=index_settings(), mappings=mappings)
    except BadRequestError as exc:
        # On a cluster the client sends a request that timed out to another node: the first
        # attempt may have created the index after all (the name is new, so it is ours).
        if exc.error != "resource_already_exists_exception":
            raise
    return name


def _index_meta(index: str) -> dict:
    return get_client().indices.get_mapping(index=index)[index]["mappings"].get("_meta", {})


def is_outdated(index: str) -> bool:
    """Whether `index` was built from another declaration of settings and mapping than the code's."""
    return _index_meta(index).get("mapping_version") != mapping_version()


def apply_replica_count(index: str) -> bool:
    """Gives `index` the configured number of replicas (a dynamic setting: no rebuild) when it has
    another, e.g. after nodes were added. Returns whether it changed."""
    client = get_client()
    current = client.indices.get_settings(index=index, name="index.number_of_replicas")[index]["settings"]
    wanted = replica_count()
    if int(current["index"]["number_of_replicas"]) == wanted:
        return False
    client.indices.put_settings(index=index, settings={"number_of_replicas": wanted})
    logger.info("index %s now has %s replica(s)", index, wanted)
    return True


def current_index() -> str | None:
    """The index the alias points at, or None when there is none yet."""
    try:
        return next(iter(get_client().indices.get_alias(name=alias_name())))
    except NotFoundError:
        return None


def ensure_index() -> str:
    """The current index, created (behind the alias) when missing."""
    existing = current_index()
    if existing:
        return existing
    name = create_index()
    get_client().indices.put_alias(index=name, name=alias_name())
    return name


def _actions(cases: Iterable, index: str):
    for case in cases:
        yield {"_op_type": "index", "_index": index, "_id": str(case.pk), "_source": case_document(case)}


def bulk_index(cases: Iterable, index: str | None = None, on_progress: Callable[[int], None] | None = None) -> int:
    """Indexes `cases` into `index` (default: the current index). Returns how many were indexed."""
    index = index or ensure_index()
    count = 0
    for ok, result in streaming_bulk(get_client(), _actions(cases, index), chunk_size=200, raise_on_error=True):
        count += 1
        if on_progress:
            on_progress(1)
    return count


def rebuild(on_progress: Callable[[int], None] | None = None) -> tuple[str, int, float]:
    """Builds a fresh index of every searchable case, then swaps the alias to it atomically.
    Returns (index name, cases indexed, seconds)."""
    client = get_client()
    started = time.monotonic()
    name = create_index()
    client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    count = bulk_index(searchable_cases().iterator(chunk_size=200), index=name, on_progress=on_progress)
    client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=name)
    old = current_index()
    actions = [{"add": {"index": name, "alias": alias_name()}}]
    if old:
        actions.append({"remove": {"index": old, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    if old:
        client.indices.delete(index=old, ignore_unavailable=True)
    return name, count, time.monotonic() - started


def sync_case(page_id: int) -> str:
    """Makes the index agree with the database for one case: indexed when searchable,
    absent otherwise. Returns "indexed" or "removed"."""
    case = searchable_cases().filter(pk=page_id).first()
    client = get_client()
    index = ensure_index()
    if case is not None:
        client.index(index=index, id=str(page_id), document=case_document(case.specific))
        return "indexed"
    client.options(ignore_status=404).delete(index=index, id=str(page_id))
    return "removed"


def refresh() -> None:
    """Makes recent writes visible to search (imports promise searchable cases on return)."""
    get_client().indices.refresh(index=alias_name())


def delete_all_indices() -> list[str]:
    """Deletes every case index of this installation (names under SEARCH_INDEX_PREFIX),
    naming each one: clusters refuse wildcard deletes by default."""
    client = get_client()
    names = list(client.indices.get(index=f"{alias_name()}-*", allow_no_indices=True, expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)  # a retried delete finds them gone
    return names


@dataclass
class SweepReport:
    indexed: int  # missing from the index or out of date
    removed: int  # in the index but no longer searchable
    unchanged: int
    rebuilt: bool = False  # the index was outdated (or missing) and was built anew


def _indexed_versions(index: str) -> dict[int, str]:
    hits = scan(get_client(), index=index, query={"query": {"match_all": {}}}, _source=["source_version"], size=1000)
    return {int(hit["_id"]): hit["_source"].get("source_version", "") for hit in hits}


def sweep() -> SweepReport:
    """Compares the database with the index and repairs every difference: indexes the
    searchable cases that are missing or stale, deletes documents of cases that are not
    searchable (any more). Afterwards the index holds exactly `searchable_cases()`, with the
    configured number of replicas.

    An index missing or built from an older mapping (after an upgrade) is rebuilt instead,
    behind the alias, so that a deployment needs no manual step.
    """
    index = current_index()
    if index is None or is_outdated(index):
        _, count, _ = rebuild()
        return SweepReport(indexed=count, removed=0, unchanged=0, rebuilt=True)
    apply_replica_count(index)
    indexed = _indexed_versions(index)
    reference = reference_digest()
    renamed = _index_meta(index).get("reference_digest") != reference
    # Only the fields of the version: the relations are loaded for the stale cases alone.
    wanted = {case.pk: source_version(case) for case in CasePage.objects.published().only(*SOURCE_VERSION_FIELDS)}
    stale = [pk for pk, version in wanted.items() if renamed or indexed.get(pk) != version]
    extra = [pk for pk in indexed if pk not in wanted]
    client = get_client()
    for start in range(0, len(stale), SWEEP_CHUNK):
        bulk_index(searchable_cases().filter(pk__in=stale[start:start + SWEEP_CHUNK]), index=index)
    if renamed:
        client.indices.put_mapping(index=index, meta=_meta(reference))
    for ok, result in streaming_bulk(
        client, ({"_op_type": "delete", "_index": index, "_id": str(pk)} for pk in extra), raise_on_error=False
    ):
        if not ok and result["delete"].get("status") != 404:
            raise RuntimeError(f"could not remove case {result['delete']['_id']} from the index: {result}")
    client.indices.refresh(index=index)
    return SweepReport(indexed=len(stale), removed=len(extra), unchanged=len(wanted) - len(stale))
