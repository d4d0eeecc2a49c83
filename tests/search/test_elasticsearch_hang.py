"""A hung or dead Elasticsearch must not slow the pages: every call made while a page renders uses
the short search timeout, and the circuit breaker remembers the failure, so case pages render
(without related cases) within a second, the search page says "检索服务暂时不可用" and the API
answers 503.

The test starts its OWN small node (own port, own data directory, heap 256 MB) from the
distribution `scripts/elasticsearch.sh` unpacked, freezes it with SIGSTOP, and kills only it.
The shared node on 9200 is never touched."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from search import breaker, indexing
from search.client import get_client

pytestmark = pytest.mark.django_db
ES_VERSION = os.environ.get("ES_VERSION", "8.19.21")  # as scripts/elasticsearch.sh
PAGE_BUDGET_SECONDS = 1.0
ES_USER = "casebase-es"  # the user scripts/elasticsearch.sh runs the node as when started by root


def _distribution() -> Path:
    """The server scripts/elasticsearch.sh unpacked (`make test` starts the shared node first)."""
    home = Path(settings.BASE_DIR) / ".cache" / "elasticsearch" / f"elasticsearch-{ES_VERSION}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    pytest.fail(f"no unpacked Elasticsearch {ES_VERSION}: run `make es-start` once (scripts/elasticsearch.sh)")


def _java_home() -> str:
    """The newest JDK 17+ in /usr/lib/jvm, as scripts/elasticsearch.sh picks it."""
    best, best_major = None, 0
    for java in Path("/usr/lib/jvm").glob("*/bin/java"):
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True).stderr
        digits = out.split('"')[1].split(".")[0] if '"' in out else "0"
        if digits.isdigit() and int(digits) >= 17 and int(digits) > best_major:
            best, best_major = str(java.parent.parent), int(digits)
    if best is None:
        pytest.fail("no JDK 17 or newer in /usr/lib/jvm")
    return best


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_yellow(url: str, pid_file: Path, logs: Path, seconds: int = 240) -> int:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url, request_timeout=5)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            client.cluster.health(wait_for_status="yellow", timeout="5s")
            return int(pid_file.read_text())
        except Exception:
            time.sleep(1)
    log = next(logs.glob("*.log"), None)
    pytest.fail(f"own Elasticsearch node did not start: {log.read_text()[-3000:] if log else 'no log'}")


@pytest.fixture(scope="module")
def own_node():
    """(url, pid) of a private single-node cluster; stopped and removed afterwards."""
    home = _distribution()
    workdir = Path(tempfile.mkdtemp(prefix="casebase-es-hang-"))
    shutil.copytree(home / "config", workdir / "config")  # the shared node's config stays untouched
    for name in ("data", "logs"):
        (workdir / name).mkdir()
    pid_file, port = workdir / "es.pid", _free_port()
    command = [
        str(home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file),
        "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1", f"-Ehttp.port={port}",
        f"-Etransport.port={_free_port()}", "-Ecluster.name=casebase-hang-test",
        f"-Epath.data={workdir / 'data'}", f"-Epath.logs={workdir / 'logs'}",
        "-Expack.security.enabled=false", "-Ecluster.routing.allocation.disk.threshold_enabled=false",
    ]
    env = {**os.environ, "ES_JAVA_HOME": _java_home(), "ES_PATH_CONF": str(workdir / "config"),
           "ES_JAVA_OPTS": "-Xms256m -Xmx256m"}
    if os.getuid() == 0:  # Elasticsearch refuses to run as root
        shutil.chown(workdir, ES_USER)
        for path in workdir.rglob("*"):
            shutil.chown(path, ES_USER)
        command = ["runuser", "-u", ES_USER, "--", "env", *(f"{k}={env[k]}" for k in
                   ("ES_JAVA_HOME", "ES_PATH_CONF", "ES_JAVA_OPTS")), *command]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    url = f"http://127.0.0.1:{port}"
    pid = _wait_for_yellow(url, pid_file, workdir / "logs")
    try:
        yield url, pid
    finally:
        for sig in (signal.SIGCONT, signal.SIGTERM):
            _signal(pid, sig)
        for _ in range(60):
            if not _alive(pid):
                break
            time.sleep(0.5)
        else:
            _signal(pid, signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)


def _signal(pid: int, sig) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def on_own_node(own_node, settings, corpus):
    """The corpus indexed on the private node, with the project's client pointed at it."""
    url, pid = own_node
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "url": url}
    get_client.cache_clear()
    breaker.reset()
    indexing.sweep()
    yield pid
    _signal(pid, signal.SIGCONT)
    get_client.cache_clear()
    breaker.reset()
    cache.clear()


def timed_get(client, url, params=None):
    started = time.monotonic()
    response = client.get(url, params or {})
    return response, time.monotonic() - started


def assert_pages_stay_fast(client, corpus):
    """Twelve case pages (each asking for related cases), the search page and the API."""
    cache.clear()  # related cases are cached per revision: make every page ask Elasticsearch
    for case in [*corpus.values()] * 3:
        response, seconds = timed_get(client, case.url)
        assert response.status_code == 200 and case.title in response.content.decode()
        assert seconds < PAGE_BUDGET_SECONDS, f"{case.url} took {seconds:.2f} s"
    response, seconds = timed_get(client, "/search/", {"q": "废气"})
    assert response.status_code == 503 and "检索服务暂时不可用" in response.content.decode()
    assert seconds < PAGE_BUDGET_SECONDS
    response, seconds = timed_get(client, "/api/v1/search/", {"q": "废气"})
    assert response.status_code == 503 and response.json()["error"] == "search_unavailable"
    assert seconds < PAGE_BUDGET_SECONDS


def test_pages_stay_fast_while_elasticsearch_hangs_and_when_it_is_down(client, corpus, on_own_node, settings):
    pid = on_own_node
    assert 'id="related-heading"' in client.get(corpus["T-AIR-1"].url).content.decode()  # from the node

    os.kill(pid, signal.SIGSTOP)  # hung: connections open, no answer
    assert_pages_stay_fast(client, corpus)
    assert breaker.is_open()
    assert 'id="related-heading"' not in client.get(corpus["T-AIR-1"].url).content.decode()

    os.kill(pid, signal.SIGCONT)
    breaker.reset()
    cache.clear()
    assert 'id="related-heading"' in client.get(corpus["T-AIR-1"].url).content.decode()  # answers again

    os.kill(pid, signal.SIGKILL)  # down: connections refused
    _wait_until_dead(pid)
    breaker.reset()
    assert_pages_stay_fast(client, corpus)


def _wait_until_dead(pid: int) -> None:
    for _ in range(40):
        if not _alive(pid):
            return
        time.sleep(0.25)
