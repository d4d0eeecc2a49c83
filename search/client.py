"""The one Elasticsearch client of the project, configured from settings.ELASTICSEARCH."""
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch


def node_urls() -> list[str]:
    """The configured nodes: `settings.ELASTICSEARCH["url"]` holds one URL or several, comma-separated."""
    return [url.strip() for url in settings.ELASTICSEARCH["url"].split(",") if url.strip()]


@cache
def get_client() -> Elasticsearch:
    conf = settings.ELASTICSEARCH
    nodes = node_urls()
    options = {
        "request_timeout": conf["timeout"],
        # A request that fails on one node (refused, reset, timed out, 429/502/503/504) is sent to the
        # next one, so a dead node costs no error while another answers; the failed node rests
        # (elastic-transport's node pool) before it is asked again. With a single node a timeout is
        # not retried: a hung node would make every page wait twice.
        "max_retries": len(nodes),
        "retry_on_timeout": len(nodes) > 1,
    }
    if conf["api_key"]:
        options["api_key"] = conf["api_key"]
    elif conf["username"]:
        options["basic_auth"] = (conf["username"], conf["password"])
    if conf["ca_certs"]:
        options["ca_certs"] = conf["ca_certs"]
    return Elasticsearch(nodes, **options)
