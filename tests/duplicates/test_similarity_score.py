"""search/similar.py's score on the real index: normalised (a case scores 1.0 against itself),
blind to how dates and amounts are written, and lowered when the violated provisions differ."""
import pytest

from search.similar import NO_SHARED_PROVISION_WEIGHT, CaseText, document_frequencies, score
from tests.duplicates.drafts import real_record

pytestmark = pytest.mark.django_db
TEXT_FIELDS = ("title", "basic_facts", "handling", "significance")


def texts(ref: str) -> dict:
    return {name: real_record(ref)[name] for name in TEXT_FIELDS}


def test_the_score_is_normalised_and_ignores_how_dates_are_written(published):
    original = CaseText.from_texts(texts("RD-009"), ["噪声污染防治法@2021:22"])
    redated = {name: text.replace("2022年6月5日", "2022年06月05日") for name, text in texts("RD-009").items()}
    results = score(original, {"self": original, "redated": CaseText.from_texts(redated, ["噪声污染防治法@2021:22"]),
                               "other": CaseText.from_texts(texts("RD-010"), ["噪声污染防治法@2021:22"])})
    by_key = {result.key: result for result in results}
    assert by_key["self"].score == by_key["redated"].score == 1.0
    assert by_key["other"].score < 0.5 and by_key["other"].shared_provisions == ("噪声污染防治法:22",)


def test_different_violated_provisions_lower_the_score(published):
    case = CaseText.from_texts(texts("RD-001"), ["大气污染防治法@2018:18"])
    elsewhere = CaseText.from_texts(texts("RD-001"), ["大气污染防治法@2018:99"])
    [result] = score(case, {"copy": elsewhere})
    assert result.text_score == 1.0 and result.score == NO_SHARED_PROVISION_WEIGHT


def test_document_frequencies_come_from_the_index(published):
    frequencies, total = document_frequencies({"噪声", "甲醛", "不在任何案例中的词"})
    assert total == len(published)
    assert frequencies["噪声"] >= 2  # RD-009, RD-010
    assert frequencies["不在任何案例中的词"] == 0
