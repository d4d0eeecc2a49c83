"""Chinese numbering of legal provisions (第一百零八条第一款第（五）项) in both directions."""
import re

import cn2an

_CN_INT = r"[零〇一二两三四五六七八九十百千]+"
ARTICLE_HEADING = re.compile(rf"^第({_CN_INT})条(?:之({_CN_INT}))?[\s\u3000]*")
# Items start with （一） in laws and often with half-width (一) in regulations.
ITEM_MARK = re.compile(rf"[（(]({_CN_INT})[）)]")


def cn_to_int(text: str) -> int:
    return int(cn2an.cn2an(text, "smart"))


def int_to_cn(number: int) -> str:
    return cn2an.an2cn(number)


def article_label(article: int, sub_article: int = 0) -> str:
    label = f"第{int_to_cn(article)}条"
    return label + (f"之{int_to_cn(sub_article)}" if sub_article else "")


def provision_label(article: int, paragraph: int | None, item: int | None, sub_article: int = 0) -> str:
    label = article_label(article, sub_article)
    if paragraph:
        label += f"第{int_to_cn(paragraph)}款"
    if item:
        label += f"第（{int_to_cn(item)}）项"
    return label
