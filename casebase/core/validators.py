"""Text typed into the admin: no invisible control characters. They cannot be stored in XML
(DOCX minutes and compilations refuse them), print as nothing in PDFs, and bidirectional
overrides make a title read differently from what it says."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

# The one definition of a control character, for every text Casebase takes in (admin forms,
# review texts, search parameters): C0 and C1 (Unicode category Cc) except the whitespace a
# pasted text may hold, tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def refuse_control_characters(value: str) -> None:
    bad = sorted({*CONTROL_CHARACTERS.findall(value or ""), *(c for c in value or "" if c in BIDI_CONTROLS)})
    if bad:
        codes = "、".join(f"U+{ord(c):04X}" for c in bad)
        raise ValidationError(f"不能含有控制字符（{codes}），请删除后重新输入", code="control_characters")


def guard_text_fields(form) -> None:
    """Every plain-text field of `form` refuses control characters, NUL included (in place of
    Django's own NUL check, whose Chinese message is wrong)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
            field.validators.append(refuse_control_characters)
