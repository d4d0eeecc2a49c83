"""Property-based tests of the search API from its own OpenAPI document (/api/v1/schema/):
schemathesis generates valid and invalid requests for every operation (search, suggest, CSV
export) against a non-empty index and the real database; no response may be a 5xx, and every
response must match the document (status codes, content types, JSON schemas).

Bounded (EXAMPLES requests, no shrinking) to stay under a minute."""
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.search.conftest import corpus, hostile_corpus  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# Requests over all operations and both modes: about 30 s on the shared 2-core machine.
EXAMPLES = 200


@pytest.fixture
def connection_kept_open():
    """The WSGI application closes the database connection after each request; Django's test
    client stops that, so must this test, or the test transaction's connection (PostgreSQL) is
    gone after the first request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_no_request_the_schema_allows_or_forbids_gets_a_server_error(hostile_corpus, connection_kept_open):  # noqa: F811
    # Loaded inside the test (not with schemathesis.pytest.from_fixture, whose node renaming
    # does not work on pytest 9): the document as the application serves it, over an indexed corpus.
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    requests = schema.as_strategy(GenerationMode.POSITIVE) | schema.as_strategy(GenerationMode.NEGATIVE)
    statuses = Counter()

    @given(case=requests)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    def call(case):
        response = case.call_and_validate(checks=CHECKS)
        statuses[response.status_code] += 1

    call()
    assert sum(statuses.values()) >= EXAMPLES // 2 and statuses[200] and statuses[400], statuses
    assert not [status for status in statuses if status >= 500], statuses


def test_the_document_describes_every_error_answer(client, search_index):
    """Each operation declares its 400 and 503 answers (the contract's error bodies)."""
    paths = client.get("/api/v1/schema/").json()["paths"]
    for path, operation in paths.items():
        assert {"200", "400", "503"} <= set(operation["get"]["responses"]), path
