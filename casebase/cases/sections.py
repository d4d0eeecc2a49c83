"""The public sections of a case, in reading order: the one list that the page, the editor's
checks, imports, compilations and the search index (fields, `section` parameter, labels) read."""

# (field name, heading)
SECTIONS = (("basic_facts", "基本案情"), ("handling", "查处情况"), ("significance", "典型意义"))
SECTION_NAMES = tuple(name for name, _ in SECTIONS)
TITLE_LABEL = "标题"  # the title is searched and checked like a section, but is none
