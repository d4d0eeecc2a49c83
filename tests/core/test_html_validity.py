"""Every public page, and the admin pages Casebase writes itself, is valid HTML for the Nu Html
Checker (vnu.jar from npm's vnu-jar, pinned in package-lock.json, installed by `make setup`).

Wagtail's own admin screens (the page editor, listings) are left out: their markup is Wagtail's
(e.g. hidden inputs with aria-describedby, duplicated value attributes in inline panels, dates
with microseconds), which
Casebase cannot change without overriding Wagtail's templates."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sample_site import build_sample_site

pytestmark = pytest.mark.django_db

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Pages Casebase renders from its own templates inside the admin's frame. (The dashboard is
# Wagtail's: its dates carry microseconds the checker refuses in <time datetime>.)
OWN_ADMIN_PAGES = {"quarterly", "statistics", "commend", "cancel-review", "intake"}


def validate(documents: dict[str, bytes], folder: Path) -> list[str]:
    """The checker's errors, one line each: page name, line, message."""
    java = shutil.which("java")
    if not java or not VNU_JAR.is_file():
        pytest.fail(f"the Nu Html Checker needs java and {VNU_JAR}: install a JDK and run `make setup`")
    paths = []
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_bytes(html)
        paths.append(str(path))
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *paths],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]
    return [f"{Path(m['url']).stem}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:120]}]"
            for m in messages]


@pytest.fixture
def site(library, login, search_index, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_sample_site(library, login)


def test_public_pages_and_casebase_admin_pages_are_valid_html(client, login, site, tmp_path):
    documents = {}
    for name, url in site.public.items():
        response = client.get(url, follow=True)
        assert response.status_code == (404 if name == "not-found" else 200), name
        documents[name] = response.content
    for username, pages in site.admin.items():
        for name, url in pages:
            if name in OWN_ADMIN_PAGES:
                response = login(username).get(url)
                assert response.status_code == 200, (username, name)
                documents[f"{username}-{name}"] = response.content
    errors = validate(documents, tmp_path)
    assert not errors, "\n".join(errors)
    # The current checker lets a <style> element in the body pass; the HTML standard allows it
    # only in the head (the quarterly report had one).
    styled_bodies = [name for name, html in documents.items() if BeautifulSoup(html, "html.parser").body.find("style")]
    assert not styled_bodies


def test_the_checker_finds_the_error_the_law_page_had(tmp_path):
    """What the checker said of the law version page (a list inside a paragraph) before the fix."""
    page = "<!DOCTYPE html><html lang=zh-CN><head><title>t</title></head><body>{}</body></html>"
    errors = validate({
        "list-in-paragraph": page.format("<p>裁量参考：<ul><li>中位数 5万元</li></ul><a href=/>罚款分布</a></p>").encode(),
    }, tmp_path)
    assert any(e.startswith("list-in-paragraph:") and "“p”" in e for e in errors), errors
