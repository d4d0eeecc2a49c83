"""The guide content files become guide pages, idempotently, and bad content is refused in Chinese."""
import json
import shutil

import pytest

from casebase.guides.loader import CONTENT_DIR, GuideContentError, load_guides
from casebase.guides.models import GuideIndexPage, IndustryGuidePage

pytestmark = pytest.mark.django_db


def test_loading_twice_creates_the_ten_guides_once(home_page):
    assert load_guides(home_page) == {"created": 10, "updated": 0, "unchanged": 0}
    assert load_guides(home_page) == {"created": 0, "updated": 0, "unchanged": 10}
    assert IndustryGuidePage.objects.live().count() == 10
    assert GuideIndexPage.objects.get().get_parent().specific == home_page
    electroplating = IndustryGuidePage.objects.get(slug="electroplating")
    assert electroplating.industry_codes == ["C33"]
    assert [section.block_type for section in electroplating.body] == ["obligations", "violations", "checklist", "questions"]


def test_a_changed_content_file_updates_its_guide(home_page, tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    load_guides(home_page, tmp_path)
    path = tmp_path / "brick-kilns.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    content["summary"] = "修改后的摘要"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    assert load_guides(home_page, tmp_path) == {"created": 0, "updated": 1, "unchanged": 9}
    assert IndustryGuidePage.objects.get(slug="brick-kilns").summary == "修改后的摘要"


def test_a_citation_missing_from_the_current_law_is_refused(home_page, tmp_path):
    content = json.loads((CONTENT_DIR / "restaurant-fumes.json").read_text(encoding="utf-8"))
    content["obligations"][0]["provisions"] = [{"law": "中华人民共和国大气污染防治法", "article": 999, "paragraph": None, "item": None}]
    (tmp_path / "restaurant-fumes.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GuideContentError, match="restaurant-fumes.json：现行法律法规中找不到这些条款"):
        load_guides(home_page, tmp_path)
    assert not IndustryGuidePage.objects.exists()
