"""The one Elasticsearch client of the project, configured from settings.ELASTICSEARCH."""
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch


@cache
def get_client() -> Elasticsearch:
    conf = settings.ELASTICSEARCH
    options = {"request_timeout": conf["timeout"], "retry_on_timeout": False, "max_retries": 1}
    if conf["api_key"]:
        options["api_key"] = conf["api_key"]
    elif conf["username"]:
        options["basic_auth"] = (conf["username"], conf["password"])
    if conf["ca_certs"]:
        options["ca_certs"] = conf["ca_certs"]
    return Elasticsearch(conf["url"], **options)
