"""The case index, declared in one place: settings, mapping and the document of a case.

Only core Elasticsearch features are used (no analysis-common), so the index
runs on any cluster. Chinese text is indexed twice:
- `<field>_seg`: jieba tokens made by `nlp.segment`, space-joined, built-in `whitespace` analyzer;
- `<field>`: the raw text, `standard` tokenizer (one token per Chinese character),
  with `index_phrases` (core): Elasticsearch also indexes every character bigram
  in a hidden subfield and runs exact phrase queries on it, so a phrase of n
  characters is n-1 rare bigrams instead of n very common characters. It serves
  phrases, one- and two-character queries, and highlighting on the text as written.
"""
import hashlib
import html
import json

from django.conf import settings

from nlp import segment

from casebase.cases.sections import SECTION_NAMES
from casebase.laws.models import Law, LawVersion
from casebase.taxonomy.models import Division, Industry, Measure, ViolationType

# The searchable text fields of a case, besides the title.
SECTION_FIELDS = list(SECTION_NAMES)
TEXT_FIELDS = ["title", *SECTION_FIELDS]
# All sections in one field (copy_to, not in the source): a search over the whole case
# matches two fields, title and body, instead of four.
BODY_FIELD = "body"

# The declared settings (their digest is part of `mapping_version`). The number of replicas is
# not among them: it belongs to the installation (`replica_count`), and changes without a rebuild.
INDEX_SETTINGS = {
    "number_of_shards": 1,
    # Stored newest first, as the date order of `query.sort_clause`: a page of cases by date
    # (and every page of an empty query) is read off the front instead of sorting every hit.
    "sort.field": ["decision_date", "page_id"],
    "sort.order": ["desc", "desc"],
    "analysis": {
        "analyzer": {
            "chars": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        },
    },
}

_KEYWORD = {"type": "keyword"}
# Facet fields build their global ordinals when the index refreshes, not in the first search after.
_FACET = {"type": "keyword", "eager_global_ordinals": True}


def _text_properties() -> dict:
    properties = {}
    for name in [*TEXT_FIELDS, BODY_FIELD]:
        # Offsets in the postings let the unified highlighter work without re-analysing the text.
        properties[name] = {"type": "text", "analyzer": "chars", "index_phrases": True, "index_options": "offsets"}
        # The built-in `whitespace` analyzer: the whitespace *tokenizer* lives in analysis-common,
        # the analyzer in core. Tokens arrive lower-cased from nlp.segment.
        properties[f"{name}_seg"] = {"type": "text", "analyzer": "whitespace"}
    for name in SECTION_FIELDS:
        properties[name]["copy_to"] = BODY_FIELD
        properties[f"{name}_seg"]["copy_to"] = f"{BODY_FIELD}_seg"
    return properties


MAPPING = {
    "dynamic": "strict",
    "properties": {
        **_text_properties(),
        "page_id": {"type": "integer"},
        "ref": _KEYWORD,
        "url": {"type": "keyword", "index": False},
        "unit": _KEYWORD,
        "decision_date": {"type": "date"},
        "year": {"type": "integer"},
        "province": _FACET,
        "city": _FACET,
        "county": _KEYWORD,
        "industry": _KEYWORD,  # the GB/T 4754 division code (C26)
        "industry_path": _FACET,  # every level from the section down (C, C26, C261, C2614)
        "violation_type": _FACET,
        "violation_subtype": _KEYWORD,
        "measure": _FACET,
        "fine": {"type": "double"},
        "law": _FACET,  # official titles of every law cited
        "provision": _FACET,  # article keys: 大气污染防治法@2018:72
        "provision_full": _KEYWORD,  # with paragraph and item: 大气污染防治法@2018:108.1.5
        "violated": _KEYWORD,  # article keys of the provisions violated
        "basis": _KEYWORD,  # article keys of the provisions the decision applied
        "keywords": _KEYWORD,
        "commended": {"type": "boolean"},
        "provincial": {"type": "boolean"},  # decided by a provincial department
        "source_version": {"type": "keyword", "index": False},  # see source_version()
        # Autocomplete, one field per kind so that every kind can answer (one option per document and field).
        "suggest": {"type": "completion", "analyzer": "simple"},  # case titles and refs
        "suggest_law": {"type": "completion", "analyzer": "simple"},  # titles and short titles of the laws cited
        "suggest_type": {"type": "completion", "analyzer": "simple"},  # violation types and subtypes
    },
}


# Raised when case_document() changes what it writes into the fields (2: sections as unescaped
# plain text), so that the sweep rebuilds indices holding the older documents.
DOCUMENT_FORMAT = 2


def replica_count() -> int:
    """`settings.SEARCH_REPLICAS`, or by default 1 when several nodes are configured (every shard
    survives the loss of a node) and 0 for a single node (where a replica could never be placed)."""
    from .client import node_urls

    if settings.SEARCH_REPLICAS is not None:
        return settings.SEARCH_REPLICAS
    return 1 if len(node_urls()) > 1 else 0


def index_settings() -> dict:
    """The settings a new index is created with."""
    return {**INDEX_SETTINGS, "number_of_replicas": replica_count()}


def mapping_version() -> str:
    """A digest of the declared settings, mapping and document format; an index built from other
    ones is outdated (see `indexing.sweep`)."""
    declared = json.dumps([INDEX_SETTINGS, MAPPING, DOCUMENT_FORMAT], sort_keys=True)
    return hashlib.sha256(declared.encode()).hexdigest()[:16]


def alias_name() -> str:
    """The alias that queries use; the index behind it is versioned."""
    return f"{settings.SEARCH_INDEX_PREFIX}-cases"


def case_document(case) -> dict:
    """The index document of a CasePage (the caller makes sure the case is published)."""
    # Plain text as a reader sees it: sections lose their tags and their entities (&lt; → <);
    # whatever is shown again from the index is escaped on the way out (see query.highlight_clause).
    texts = {"title": case.title, **{name: html.unescape(text) for name, text in case.section_texts().items()}}
    citations = list(case.citations.all())
    linked = [c.provision for c in citations if c.provision is not None]
    industry = case.industry
    document = {
        **texts,
        **{f"{name}_seg": " ".join(segment(text)) for name, text in texts.items()},
        "page_id": case.pk,
        "ref": case.ref,
        "url": case.url,
        "unit": case.unit,
        "decision_date": case.decision_date.isoformat(),
        "year": case.decision_date.year,
        "province": case.province.name,
        "city": case.city.name if case.city else None,
        "county": case.county.name if case.county else None,
        "industry": industry.division.code if industry and industry.division else None,
        "industry_path": _industry_path(industry),
        "violation_type": sorted({t.reported_type.name for t in case.violation_types.all()}),
        "violation_subtype": sorted(t.name for t in case.violation_types.all() if t.parent_id),
        "measure": sorted(m.name for m in case.measures.all()),
        "fine": float(case.fine_yuan) if case.fine_yuan is not None else None,
        "law": sorted({c.law_title for c in citations}),
        "provision": sorted({p.article_key for p in linked}),
        "provision_full": sorted({p.key for p in linked}),
        "violated": sorted({c.provision.article_key for c in citations if c.provision and c.role == "violated"}),
        "basis": sorted({c.provision.article_key for c in citations if c.provision and c.role == "basis"}),
        "keywords": sorted(tag.name for tag in case.keywords.all()),
        "commended": case.commended_on is not None,
        "provincial": _is_provincial(case),
        "source_version": source_version(case),
        "suggest": {"input": [case.title, case.ref]},
        "suggest_law": {"input": _law_names(citations)},
        "suggest_type": {"input": [t.name for t in case.violation_types.all()]},
    }
    return document


# The case fields `source_version` reads: the sweep loads only these to compare.
SOURCE_VERSION_FIELDS = ("live_revision_id", "url_path", "last_published_at", "commended_on")


def source_version(case) -> str:
    """What the indexed document was made from, of the case's own: the live revision, the place
    in the tree, the publication time and the commendation (kept outside revisions). The sweep
    re-indexes a case whose version differs from the index's. What the document shows of the
    reference data (names of laws, divisions, vocabularies) is `reference_digest`, per index."""
    published = case.last_published_at.isoformat() if case.last_published_at else ""
    return f"{case.live_revision_id}|{case.url_path}|{published}|{case.commended_on or ''}"


def reference_digest() -> str:
    """A digest of the reference data that documents show besides the case's own fields: law
    titles and short titles, the version years in article keys, division names, violation
    types, measures and industry codes. One query per table; a rename changes it, and the sweep
    then re-indexes every case (renames are rare, and every document may show the name)."""
    tables = [
        Law.objects.values_list("pk", "title", "short_title"),
        LawVersion.objects.values_list("pk", "law_id", "adopted_on"),
        Division.objects.values_list("pk", "name"),
        ViolationType.objects.values_list("pk", "name", "parent_id"),
        Measure.objects.values_list("pk", "name"),
        Industry.objects.values_list("pk", "code", "parent_id"),
    ]
    digest = hashlib.sha256()
    for rows in tables:
        digest.update(json.dumps(list(rows.order_by("pk")), default=str, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def _is_provincial(case) -> bool:
    """A provincial department's decision: the unit names the province and no city."""
    city = case.city.name if case.city else None
    return case.unit.startswith(case.province.name) and not (city and city in case.unit)


def _law_names(citations) -> list[str]:
    laws = {c.provision.version.law for c in citations if c.provision is not None}
    return sorted({name for law in laws for name in (law.title, law.short_title)})


def _industry_path(industry) -> list[str]:
    path = []
    while industry is not None:
        path.append(industry.code)
        industry = industry.parent
    return list(reversed(path))
