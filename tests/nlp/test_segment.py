from nlp import normalize, segment


def test_normalize_is_idempotent_and_folds_width():
    text = "《 大气法 》ＶＯＣｓ　第９９条"
    assert normalize(text) == "《大气法》vocs 第99条"
    assert normalize(normalize(text)) == normalize(text)


def test_segment_uses_domain_dictionary_and_drops_punctuation():
    tokens = segment("该公司私设暗管，VOCs超标，违反《大气法》；责令改正。")
    assert {"私设暗管", "vocs", "大气法", "责令改正"} <= set(tokens)
    assert not any(t in tokens for t in ("，", "《", "》", "。", " "))


def test_segment_is_deterministic():
    text = "活性炭吸附装置未正常运行，氮氧化物超标排放"
    assert segment(text) == segment(text)
    assert "活性炭吸附装置" in segment(text)
