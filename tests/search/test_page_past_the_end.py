"""A page number past the last page (an old link, an edited URL) leads to the last page."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_past_the_end_redirects_to_the_last_page_keeping_the_search(client, corpus):
    first = client.get("/search/", {"q": "废气", "page_size": "1"}).content.decode()
    last = int(re.search(r"第 1 / (\d+) 页", first)[1])
    assert last >= 2
    response = client.get("/search/", {"q": "废气", "page": "99", "page_size": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/search/?q=%E5%BA%9F%E6%B0%94&page={last}&page_size=1"
    html = client.get(response["Location"]).content.decode()
    assert f"第 {last} / {last} 页" in html and "没有找到符合条件的案例" not in html


def test_a_search_without_results_past_page_one_shows_page_one(client, corpus):
    response = client.get("/search/", {"q": "火箭发射", "page": "3"})
    assert response.status_code == 302 and response["Location"].endswith("page=1")
