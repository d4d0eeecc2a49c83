import pytest

from nlp import extract


@pytest.mark.parametrize("text, expected", [
    ("违反《环境影响评价法》第二十五条", {"环境影响评价"}),
    ("违反《大气污染防治法》第四十八条", {"大气污染"}),
    ("违反《排污许可管理条例》第十七条，排放废水", {"排污许可", "水污染"}),
    ("违反《固体废物污染环境防治法》第七十九条", {"危险废物"}),
    ("违反《固体废物污染环境防治法》第三十六条", {"固体废物"}),
    ("私设暗管排放废水，违反《水污染防治法》第三十九条", {"水污染", "逃避监管排污"}),
    ("篡改在线监测数据", {"自动监测数据造假"}),
    ("拒绝、阻挠执法人员检查", {"拒绝阻挠检查"}),
    ("某检测公司出具虚假检测报告", {"第三方弄虚作假"}),
    ("使用排放不合格的非道路移动机械，违反《大气法》第五十六条", {"大气污染", "机动车和非道路移动机械"}),
    ("某汽车维修公司喷漆废气外排", {"大气污染"}),
    ("未按规定公开环境信息", {"其他"}),
    # Sampling devices tampered with, however it is done.
    ("自动监测设备的进样管被插在一个矿泉水瓶里", {"自动监测数据造假"}),
    ("员工向水质采样器内倒入纯净水稀释样品", {"自动监测数据造假"}),
    ("该公司篡改监测数据，违反《水污染防治法》第三十九条", {"自动监测数据造假", "水污染", "逃避监管排污"}),
    # The contractor that runs a station and obstructs its data is a third party.
    ("受托运营的某环保科技有限公司的工人拿挡板挡住了在线监控探头", {"自动监测数据造假", "第三方弄虚作假"}),
    ("该公司出具的虚假环评文件达840份", {"第三方弄虚作假"}),
    # A waste that is said not to be hazardous is not 危险废物.
    ("经检测，倾倒的工业固体废物未超过危险废物浸出毒性鉴别标准限值", {"固体废物"}),
    # The medium the text says was polluted, beside the waste.
    ("收集池中的液体为危险废物，说明废水已经渗入土壤", {"危险废物", "土壤污染"}),
    ("原料属危险废物；水塘总磷超标1.04倍，空气中硫化氢超标60.67倍", {"危险废物", "水污染", "大气污染"}),
    ("周边村民饮水受到影响，被倾倒的废液属于危险废物", {"危险废物", "水污染"}),
    ("作坊没有办理排污相关手续，外排污水超标", {"排污许可", "水污染"}),
    ("未编制海洋环境影响报告书即擅自开工填海", {"环境影响评价", "海洋污染"}),
])
def test_violation_types(text, expected):
    assert set(extract(text).violation_types) == expected


@pytest.mark.parametrize("text, code", [
    ("某电镀有限公司超标排放", "C33"),
    ("某化工有限公司", "C26"),
    ("某印染厂", "C17"),
    ("某水泥有限公司", "C30"),
    ("某砖瓦厂", "C30"),
    ("某汽修厂", "O81"),
    ("某建筑工地夜间施工", "E47"),
    ("某医院", "Q84"),
    ("某餐饮店", "H62"),
    ("某养殖场", "A03"),
    ("某污水处理厂", "D46"),
    ("某环保科技有限公司从事危险废物经营", "N77"),
    ("大石桥某建筑石矿", "C30"),
])
def test_industry(text, code):
    industry = extract(text).industry
    assert industry is not None and industry.code == code


def test_industry_unclear_is_none():
    assert extract("某公司违反了相关规定").industry is None


def test_parties():
    facts = extract("执法人员对大石桥某建筑石矿和杭州某某化工有限公司进行检查，某化工厂有限公司的厂房")
    assert facts.parties == ["大石桥某建筑石矿", "杭州某某化工有限公司", "某化工厂有限公司"]
    assert extract("当事人：江山明远建材有限公司，住所…").parties == ["江山明远建材有限公司"]
