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
    # A medium named once beside one named again and again is not a type of the case.
    ("排污口流出的废水浑浊发黑，带有异味；废水化学需氧量537mg/l，超过污水排放标准", {"水污染"}),
    ("车间废气无组织排放，废水直排河道", {"大气污染", "水污染"}),
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
    # General industry vocabulary: products, processes and equipment in running text.
    ("执法人员检查了该公司的煤炭生产线和矿井水处理站", "B06"),
    ("对镀锡车间的2个生产电源开关实施查封", "C33"),
    ("风力发电场F8号风电机组附近夜间噪声超标", "D44"),
    ("该公司在疏浚工程施工中超量倾倒疏浚物", "E48"),
    ("江阴某无损检测服务部无证使用射线装置移动探伤", "M74"),
    ("该公司建有年产2万吨生物质颗粒燃料项目", "C25"),
    # Terms built from the GB/T 4754 class names (nlp/data/industry_index.tsv).
    ("超过《肉类加工工业水污染物排放标准》的限值", "C13"),
    ("某速冻食品制造项目未批先建", "C14"),
    ("某白酒有限公司", "C15"),
    ("某轮胎有限公司", "C29"),
])
def test_industry(text, code):
    industry = extract(text).industry
    assert industry is not None and industry.code == code


def test_industry_unclear_is_none():
    assert extract("某公司违反了相关规定").industry is None


def test_industry_of_the_title_party_comes_first():
    text = "中山某洗水企业委托他人处置固体废物案\n群众反映某石场内有人倾倒固体废物，倾倒物出自该企业。"
    assert extract(text).industry.code == "C18"


def test_industry_in_a_name_is_its_head():
    # The rightmost keyword of a compound name is its head: this firm recycles plastics.
    assert extract("南昌县某塑料回收经营部").industry.code == "C42"
    assert extract("某五金电镀厂").industry.code == "C33"


def test_broad_fields_give_way_to_the_text():
    # 食品 and 环保科技 name a broad field; the text says which part of it.
    assert extract("重庆某食品有限公司超过《肉类加工工业水污染物排放标准》排放废水").industry.code == "C13"
    assert extract("某环保科技有限公司利用废旧金属和尾砂生产氧化锌").industry.code == "C42"
    assert extract("漳州某食品公司自动监测进样管插入矿泉水瓶").industry.code == "C14"


def test_pollution_control_words_do_not_name_an_industry_in_running_text():
    # 污水处理 is a GB/T class (D46) but every water case speaks of 污水处理设施.
    assert extract("某公司污水处理设施不正常运行，危险废物治理不到位").industry is None
    assert extract("某能源有限公司未取得排污许可证排放污染物").industry is None


def test_parties():
    facts = extract("执法人员对大石桥某建筑石矿和杭州某某化工有限公司进行检查，某化工厂有限公司的厂房")
    assert facts.parties == ["大石桥某建筑石矿", "杭州某某化工有限公司", "某化工厂有限公司"]
    assert extract("当事人：江山明远建材有限公司，住所…").parties == ["江山明远建材有限公司"]


def test_industry_words_inside_common_words_are_read_in_names_only():
    # 洗水 (garment washing) is inside 冲洗水, 印花 (printing on cloth) inside 印花税.
    assert extract("某洗水厂超标排放废水").industry.code == "C18"
    assert extract("工地车辆冲洗水未经沉淀直接排放").industry is None
    assert extract("该单位按规定缴纳了印花税").industry is None
