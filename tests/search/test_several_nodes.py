"""The client is given every node of a cluster and retries on another one; the index's replicas
follow the configuration. (The three-node cluster itself: test_cluster_failover.py.)"""
import pytest

from search import breaker, indexing
from search.client import get_client, node_urls
from search.documents import alias_name, replica_count

pytestmark = pytest.mark.django_db
DEAD_NODE = "http://127.0.0.1:9"  # nothing listens on the discard port


@pytest.fixture
def use_nodes(settings):
    """use_nodes(*urls) points the project's client at those nodes."""
    def configure(*urls):
        settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "url": ", ".join(urls)}
        get_client.cache_clear()

    yield configure
    get_client.cache_clear()
    breaker.reset()


@pytest.fixture
def real_node(settings) -> str:
    """The URL of the suite's own node."""
    return settings.ELASTICSEARCH["url"]


def test_every_configured_node_is_given_to_the_client(use_nodes, real_node):
    use_nodes(DEAD_NODE, "")
    assert node_urls() == [DEAD_NODE]
    use_nodes(DEAD_NODE, real_node)
    assert node_urls() == [DEAD_NODE, real_node]
    assert len(get_client().transport.node_pool.all()) == 2


def test_a_dead_node_costs_no_error_while_another_answers(use_nodes, real_node, client, corpus):
    use_nodes(DEAD_NODE, real_node)  # the first node listed is down
    for _ in range(10):  # the client picks nodes in turn: some requests go to the dead one first
        response = client.get("/api/v1/search/", {"q": "挥发性有机物"})
        assert response.status_code == 200 and response.json()["count"] == 2
    assert not breaker.is_open()


def test_replicas_follow_the_number_of_nodes_unless_set(use_nodes, real_node, settings):
    assert replica_count() == 0
    use_nodes(real_node, "http://127.0.0.1:9201", "http://127.0.0.1:9202")
    assert replica_count() == 1
    settings.SEARCH_REPLICAS = 2
    assert replica_count() == 2


def _replicas() -> int:
    index = indexing.current_index()
    return int(get_client().indices.get_settings(index=index)[index]["settings"]["index"]["number_of_replicas"])


def test_new_indices_get_the_configured_replicas_and_the_sweep_applies_a_change(settings, library, search_index):
    assert _replicas() == 0  # one node configured
    settings.SEARCH_REPLICAS = 1
    indexing.sweep()
    assert _replicas() == 1  # dynamic: the same index, not a rebuild
    assert indexing.current_index() == search_index
    indexing.rebuild()
    assert _replicas() == 1 and get_client().indices.exists_alias(name=alias_name())
    settings.SEARCH_REPLICAS = None
    indexing.sweep()
    assert _replicas() == 0


def test_creating_an_index_again_is_harmless(library, search_index):
    """On a cluster a create that timed out is sent again to another node, after the first node
    may have created the index: the second attempt must not fail the rebuild."""
    assert indexing.create_index(search_index) == search_index
    assert indexing.current_index() == search_index
