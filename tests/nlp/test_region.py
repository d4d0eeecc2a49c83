import pytest

from nlp import extract


@pytest.mark.parametrize("text, expected", [
    ("营口市大石桥某建筑石矿", ("辽宁省", "营口市", "大石桥市")),
    ("杭州市生态环境局对余杭区某公司", ("浙江省", "杭州市", "余杭区")),
    ("杭州某公司", ("浙江省", "杭州市", None)),
    ("广西某公司", ("广西壮族自治区", None, None)),
    ("内蒙古某公司", ("内蒙古自治区", None, None)),
    ("北京市朝阳区某饭店", ("北京市", None, "朝阳区")),
    ("长春市朝阳区某饭店", ("吉林省", "长春市", "朝阳区")),
    ("朝阳区某饭店", (None, None, None)),  # ambiguous county without support
    ("位于中山路18号", (None, None, None)),
    ("某县某镇", (None, None, None)),
    ("孟村回族自治县某管件厂", ("河北省", "沧州市", "孟村回族自治县")),
])
def test_region(text, expected):
    region = extract(text).region
    assert (region.province, region.city, region.county) == expected


def test_home_address_does_not_decide_the_region():
    text = "当事人刘某，住址：赣州市章贡区红旗大道88号。经查，其在赣州市南康区某厂房内违法经营。"
    assert extract(text).region.county == "南康区"
