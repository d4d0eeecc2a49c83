"""One rule for control characters wherever text comes in: the admin's fields refuse them, the
review texts drop them, the search parameters refuse them; tab, line feed and carriage return
pass everywhere."""
import sys
import unicodedata
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from casebase.core.validators import refuse_control_characters
from casebase.review.forms import PlainTextField
from search.params import InvalidParameter, parse_params

CONTROLS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\n\r"]


@pytest.mark.parametrize("character", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_is_refused_or_dropped_alike(character):
    text = f"偷排{character}废水"
    with pytest.raises(ValidationError):
        refuse_control_characters(text)
    assert PlainTextField(required=False).clean(text) == "偷排废水"
    with pytest.raises(InvalidParameter):
        parse_params(QueryDict(urlencode({"q": text})))


@pytest.mark.parametrize("character", ["\t", "\n", "\r"], ids=repr)
def test_whitespace_passes_everywhere(character):
    text = f"偷排{character}废水"
    refuse_control_characters(text)
    assert character in PlainTextField(required=False, strip=False).clean(text)
    parse_params(QueryDict(urlencode({"q": text})))
