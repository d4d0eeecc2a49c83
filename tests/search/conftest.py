"""Search tests: a small corpus built through the import code, indexed in the real Elasticsearch."""
import pytest

from search import breaker, indexing
from tests.factories import create_case

RESTART_MARK = "restarts_elasticsearch"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{RESTART_MARK}: stops and restarts the real node; runs last")


def _is_transactional(item) -> bool:
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests that restart Elasticsearch run late: after every other database test, before the
    transactional ones (whose flush empties the page tree the fixtures build on)."""
    restarts = [item for item in items if item.get_closest_marker(RESTART_MARK)]
    others = [item for item in items if not item.get_closest_marker(RESTART_MARK)]
    late = next((n for n, item in enumerate(others) if _is_transactional(item)), len(others))
    items[:] = others[:late] + restarts + others[late:]


AIR_VOCS = dict(ref="T-AIR-1", title="杭州某化工有限公司未密闭收集挥发性有机物废气案", commended=True)
PIPE = dict(
    ref="T-PIPE-1", title="温州某电镀有限公司私设暗管排放含铬废水案", city="温州市", county=None, unit="温州市生态环境局",
    decision_date="2023-03-02", industry="C33", violation_types=["逃避监管排污", "水污染"], measures=["罚款", "移送公安"],
    basic_facts="执法人员在厂区围墙外发现一根暗管，该公司将含铬废水通过暗管直接排入河道，逃避监管。",
    handling="该公司的行为违反了《中华人民共和国水污染防治法》第三十九条的规定。依据第八十三条第（三）项，责令改正并处罚款五十万元。",
    significance="私设暗管是典型的逃避监管排污行为，本案依法移送公安机关。",
    violated=[{"law": "中华人民共和国水污染防治法", "article": 39, "paragraph": None, "item": None}],
    penalty_basis=[{"law": "中华人民共和国水污染防治法", "article": 83, "paragraph": None, "item": 3}],
    fine_yuan=500000, keywords=["暗管", "含铬废水"],
)
DUST = dict(
    ref="T-DUST-1", title="昆明某建材有限公司露天堆放物料未采取防尘措施案", province="云南省", city="昆明市", county=None,
    unit="云南省生态环境厅", decision_date="2022-06-10", industry="C30", measures=["罚款", "责令改正"],
    basic_facts="执法人员现场检查发现，该公司砂石物料露天堆放，未采取覆盖等防治扬尘污染的措施。",
    handling="该公司违反了《中华人民共和国大气污染防治法》第七十二条的规定，依据第一百一十七条第（一）项，处罚款三万元。",
    significance="露天堆放物料扬尘是城市颗粒物污染来源之一。",
    violated=[{"law": "中华人民共和国大气污染防治法", "article": 72, "paragraph": None, "item": None}],
    penalty_basis=[{"law": "中华人民共和国大气污染防治法", "article": 117, "paragraph": None, "item": 1}],
    fine_yuan=30000, keywords=["扬尘"],
)
AIR_VOCS_2 = dict(
    ref="T-AIR-2", title="温州某鞋业有限公司VOCs废气未经收集直接排放案", city="温州市", county=None, unit="温州市生态环境局",
    decision_date="2021-04-01", fine_yuan=80000, industry="C19", keywords=["VOCs"],
    basic_facts="该公司刷胶工序在敞开环境中进行，VOCs废气未经收集直接排放。",
)
CORPUS = [AIR_VOCS, PIPE, DUST, AIR_VOCS_2]


@pytest.fixture
def corpus(library, search_index):
    """Four published cases (two VOCs, a hidden pipe, dust), indexed and searchable: ref → CasePage."""
    cases = {spec["ref"]: create_case(**spec) for spec in CORPUS}
    indexing.sweep()
    return cases


XSS_TITLE = "杭州某化工<img src=x onerror=alert(1)><script>alert(1)</script>有限公司超标排放废气案"
XSS_FACTS = '该公司<script>alert(2)</script>在厂区超标排放废气，"onmouseover=alert(3) 未密闭收集。'


@pytest.fixture
def hostile_corpus(corpus):
    """The corpus plus T-XSS-1, whose title and facts carry markup (the importer keeps it as text)."""
    corpus["T-XSS-1"] = create_case(ref="T-XSS-1", title=XSS_TITLE, basic_facts=XSS_FACTS, unit="=HYPERLINK(\"http://x\")")
    indexing.sweep()
    return corpus


@pytest.fixture
def elasticsearch_unreachable(settings):
    """The project's client pointed at a closed loopback port, as when the cluster is down."""
    from search.client import get_client

    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "url": "http://127.0.0.1:9", "timeout": 1}
    get_client.cache_clear()
    yield
    get_client.cache_clear()
    breaker.reset()  # the failures were this fixture's; later tests talk to the real node
