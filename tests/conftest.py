"""Session set-up shared by the whole suite: the real services, reference data and isolated indices.

Nothing here is faked: the suite needs the real database and the real Elasticsearch
and stops with a clear message when either cannot be reached.
"""
import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def services_reachable(django_db_blocker):
    """Ends the run at once, with the reason, when the database or Elasticsearch is down."""
    from django.db import connection

    from search.client import get_client

    with django_db_blocker.unblock():
        try:
            connection.ensure_connection()
        except Exception as exc:
            pytest.exit(f"The database is not reachable (DATABASE_URL): {exc}", returncode=3)
    try:
        get_client().cluster.health(wait_for_status="yellow", timeout="30s")
    except Exception as exc:
        pytest.exit(
            f"Elasticsearch is not reachable at the configured ELASTICSEARCH_URL ({exc}). "
            "Start it with `make es-start`; the suite never runs without it.",
            returncode=3,
        )


def pytest_sessionfinish(session, exitstatus):
    from search.indexing import delete_all_indices

    delete_all_indices()


def load_reference_data_once():
    from casebase.taxonomy.models import Division

    if not Division.objects.exists():
        call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the reference data (laws, taxonomies) loaded once, and the rows
    migrations create (root page, locale, groups, workflows) kept for serialized rollback."""
    from django.db import connection

    with django_db_blocker.unblock():
        if not hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        load_reference_data_once()


@pytest.fixture
def reference_data(django_db_serialized_rollback, django_db_blocker):
    """For transactional tests, whose flush empties every table: the migrated rows come back by
    serialized rollback, the reference data is reloaded when needed."""
    with django_db_blocker.unblock():
        load_reference_data_once()


@pytest.fixture
def search_index(db):
    """A fresh, empty case index behind the alias, removed afterwards."""
    from search import indexing

    indexing.delete_all_indices()
    yield indexing.ensure_index()
    indexing.delete_all_indices()


@pytest.fixture
def home_page(db):
    from wagtail.models import Page, Site

    from casebase.core.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="生态环境执法典型案例库", slug="casebase-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80})
    return home


@pytest.fixture
def library(home_page):
    from casebase.cases.library import ensure_library

    return ensure_library(home_page)


@pytest.fixture
def accounts(library):
    """The demo accounts of CONTRACTS §6, by username."""
    from django.contrib.auth import get_user_model

    from casebase.cases.demo_accounts import create_demo_accounts

    create_demo_accounts()
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def login(client, accounts):
    """login("city_hangzhou") → the test client signed in as that demo account."""
    def as_user(username: str):
        client.force_login(accounts[username])
        return client

    return as_user
