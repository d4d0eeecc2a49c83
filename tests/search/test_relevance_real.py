"""Relevance targets on the judged sets, as `evaluate_search` measures them: the real published
cases and the demo corpus imported by `import_cases` into one real index, each judged set
evaluated over its own corpus (search/evaluation.py)."""
import re
from io import StringIO
from statistics import mean

import pytest
from django.core.management import call_command

from search import evaluation

pytestmark = pytest.mark.django_db

REAL, OWN = evaluation.JUDGED_SETS[1], evaluation.JUDGED_SETS[0]
RANKERS = {"casebase": evaluation.casebase_ranking, "baseline": evaluation.baseline_ranking}


def import_published(path) -> str:
    errors = StringIO()
    call_command("import_cases", str(path), publish=True, stdout=StringIO(), stderr=errors)
    return errors.getvalue()


@pytest.fixture
def both_corpora(library, search_index):
    """The demo corpus and the real cases in one index; the import's complaints, if any."""
    return import_published(OWN.cases) + import_published(REAL.cases)


def scores(judged_set: evaluation.JudgedSet) -> dict[str, evaluation.Scores]:
    corpus = judged_set.corpus_refs()
    return evaluation.evaluate(RANKERS, evaluation.load_judgements(judged_set.judgements), corpus)


def test_relevance_targets_on_the_real_and_the_own_judged_sets(both_corpora):
    real_refs = REAL.corpus_refs()
    # Every real case imports (places included); the import's complaints say why one did not.
    assert evaluation.indexed_refs(real_refs) == set(real_refs), both_corpora

    real = scores(REAL)
    ours, baseline = mean(real["casebase"].ndcg), mean(real["baseline"].ndcg)
    assert ours >= 0.95
    assert ours >= 1.25 * baseline, (ours, baseline)
    # Not bought by returning everything: no more hits than the baseline's OR of all words.
    assert mean(real["casebase"].hits) <= mean(real["baseline"].hits)

    own = scores(OWN)
    assert mean(own["casebase"].ndcg) >= 0.95
    assert mean(own["casebase"].hits) <= mean(own["baseline"].hits)

    # The command reports the same sets side by side (Wagtail's database index made first).
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    out = StringIO()
    call_command("evaluate_search", stdout=out)
    report = out.getvalue()
    assert "自有评测集（演示案例）：查询 56 个，案例 77/77 件已索引" in report
    assert "真实案例评测集：查询 25 个，案例 60/60 件已索引" in report
    assert f"{ours:7.3f}" in report and f"{baseline:7.3f}" in report
    for name in evaluation.RANKERS:  # nDCG@10 and mean hits, one line per judged set
        assert len(re.findall(rf"^ +[01]\.\d{{3}} +\d+\.\d  {re.escape(name)}", report, re.MULTILINE)) == 2, name
