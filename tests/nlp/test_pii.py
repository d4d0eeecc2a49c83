import pytest

from nlp import find_pii, redact

ID = "330106199007154565"


def spans(text):
    return [(s.kind, text[s.start:s.end]) for s in find_pii(text)]


def test_id_number_needs_valid_checksum():
    assert spans(f"身份证号：{ID}") == [("id_number", ID)]
    assert spans("身份证号：330106199007154566") == []


def test_phones():
    text = "电话13812345678，座机0571-86012345，另一手机138 1234 5678"
    assert [k for k, _ in spans(text)] == ["phone", "phone", "phone"]


def test_bank_account_with_context_or_luhn():
    assert spans("账号：6217 8520 0001 2345 678") == [("bank_account", "6217 8520 0001 2345 678")]
    assert spans("编号1234567890123456") == []  # no context and not Luhn-valid


def test_company_credit_code_is_not_personal():
    assert spans("统一社会信用代码：91110000600037341L") == []


def test_plate_and_email():
    assert spans("车牌号浙A·D12345，邮箱 someone@example.com") == [
        ("plate_number", "浙A·D12345"), ("email", "someone@example.com")]
    assert spans("车牌号辽B12345的货车") == [("plate_number", "辽B12345")]


def test_address_of_a_person():
    assert spans("住址：杭州市西湖区某某路18号3幢，") == [("address", "杭州市西湖区某某路18号3幢")]


def test_names():
    assert spans("法定代表人张三丰在现场") == [("person_name", "张三丰")]
    assert spans(f"王小明（身份证号{ID}）") == [("person_name", "王小明"), ("id_number", ID)]
    assert spans("举报人：欧阳修远") == [("person_name", "欧阳修远")]
    assert spans("法定代表人张某、负责人王某某，当事人陈述申辩") == []


def test_redact():
    text = f"法定代表人张三丰（身份证号{ID}，电话13812345678），住址：营口市站前区某某路18号3幢。车牌浙A12345"
    assert redact(text) == "法定代表人张某（身份证号****，电话****），住址：营口市站前区****。车牌浙A****"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2026年8月，群众李建国（联系电话13812345678）举报称", "李建国"),
        ("居民王小明向12345热线反映", "王小明"),
        ("张三（手机13900001111）称其看到货车倾倒", "张三"),
    ],
)
def test_names_of_members_of_the_public_and_names_before_contact_details(text, name):
    names = [text[s.start:s.end] for s in find_pii(text) if s.kind == "person_name"]
    assert names == [name]


def test_an_unnamed_member_of_the_public_is_not_personal_data():
    assert find_pii("群众反映该公司夜间偷排") == []


@pytest.mark.parametrize("text", ["举报人欧阳。", "法定代表人欧阳,"])
def test_a_compound_surname_alone_is_not_a_name(text):
    assert [s for s in find_pii(text) if s.kind == "person_name"] == []
