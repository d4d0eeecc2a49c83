"""The spaCy pipeline as configured in nlp/pipeline.cfg."""
from __future__ import annotations

import spacy

from nlp import extract
from nlp.pipeline import CONFIG, JiebaTokenizer, get_nlp
from nlp.text import fold

TEXT = ("杭州某化工有限公司违反《中华人民共和国大气污染防治法》第一百零八条第（五）项，"
        "依据同法第一百零八条，责令改正，处罚款人民币十万元。法定代表人张三丰。")


def test_components_run_in_the_configured_order():
    configured = spacy.util.load_config(CONFIG)["nlp"]["pipeline"]
    assert get_nlp().pipe_names == configured
    assert isinstance(get_nlp().tokenizer, JiebaTokenizer)


def test_each_component_declares_what_it_reads_and_writes():
    analysis = get_nlp().analyze_pipes()
    assert analysis["problems"] == {name: [] for name in get_nlp().pipe_names}
    assert analysis["summary"]["casebase_region"]["requires"] == ["doc._.pii"]
    assert analysis["summary"]["casebase_fines"]["assigns"] == ["doc._.fines", "doc._.fine_yuan"]


def test_a_wrong_order_is_reported():
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)
    nlp.remove_pipe("casebase_pii")
    assert nlp.analyze_pipes()["problems"]["casebase_region"] == ["doc._.pii"]


def test_calling_the_language_runs_the_components():
    doc = get_nlp()(fold(TEXT))
    facts = extract(TEXT)
    assert doc._.fine_yuan == facts.fine_yuan == 100000
    assert doc._.measures == facts.measures == ["罚款", "责令改正"]
    assert [s.kind for s in doc._.pii] == ["person_name"]
    assert doc._.region.province == "浙江省"


def test_results_are_registered_doc_extensions():
    doc = get_nlp()(fold(TEXT))
    for name in ("citations", "fines", "fine_yuan", "measures", "parties", "violation_types",
                 "industry", "pii", "region"):
        assert spacy.tokens.Doc.has_extension(name)
        assert getattr(doc._, name) is not None
