"""The OpenAPI 3.1 document of the search API, written by hand to match CONTRACTS §5 exactly."""
from .facets import FACET_LABELS
from .params import FILTERS, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_RESULT_WINDOW, MAX_VALUE_LENGTH, SECTIONS, SORTS, YEARS


def _parameter(name: str, description: str, schema: dict, multiple: bool = False) -> dict:
    if multiple:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema,
            **({"style": "form", "explode": True} if multiple else {})}


FILTER_DESCRIPTIONS = {
    "violation_type": "违法类型（可多选），如 大气污染",
    "industry": "国民经济行业分类代码（可多选，任一层级），如 C 或 C26",
    "law": "法律法规官方全称（可多选），如 中华人民共和国大气污染防治法",
    "article": "条款键（可多选）：法律简称@版本年份:条号，如 大气污染防治法@2018:72",
    "province": "省份（可多选）",
    "city": "地市（可多选）",
    "year": "处罚决定年份（可多选）",
    "measure": "处理措施（可多选），如 罚款",
}

FACET_ITEM = {
    "type": "object",
    "required": ["value", "count"],
    "properties": {
        "value": {"type": "string"},
        "count": {"type": "integer"},
        "label": {"type": "string", "description": "显示名称（行业、条款、罚款区间）"},
        "parent": {"type": "string", "description": "上级取值：行业门类、条款所属法律、地市所属省份"},
    },
}

RESULT = {
    "type": "object",
    "required": ["ref", "url", "title", "score", "highlight", "decision_date"],
    "properties": {
        "ref": {"type": "string"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "score": {"type": ["number", "null"]},
        "highlight": {"type": "string", "description": "HTML 片段，匹配处以 <em> 标出，其余已转义"},
        "decision_date": {"type": "string", "format": "date"},
        "region": {"type": "string"},
        "unit": {"type": ["string", "null"]},
        "fine": {"type": ["number", "null"]},
        "violation_type": {"type": "array", "items": {"type": "string"}},
        "commended": {"type": "boolean"},
        "highlights": {"type": "object", "additionalProperties": {"type": "string"}, "description": "各部分的高亮片段"},
    },
}

# What params.py accepts for each filter (a value outside gets a 400).
FILTER_SCHEMAS = {
    "industry": {"type": "string", "pattern": "^[A-T]([0-9]{2,4})?$"},
    "article": {"type": "string", "pattern": "^[^@:\\s]+@[0-9]{4}:[1-9][0-9]{0,3}(-[1-9][0-9]{0,3})?$",
                "maxLength": MAX_VALUE_LENGTH},
    "year": {"type": "integer", "minimum": YEARS.start, "maximum": YEARS.stop - 1},
}
TEXT_VALUE = {"type": "string", "maxLength": MAX_VALUE_LENGTH}
# Fines in yuan: params.py refuses 1e13 and more.
AMOUNT = {"type": "number", "minimum": 0, "exclusiveMaximum": 1e13}

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "parameter": {"type": "string"}, "message": {"type": "string"}},
}


def _errors(media_type: str = "application/json") -> dict:
    schema = {"schema": ERROR} if media_type == "application/json" else {}
    return {
        "400": {"description": "参数有误（parameter 指明哪个参数）", "content": {media_type: schema}},
        "503": {"description": "检索服务暂时不可用", "content": {media_type: schema}},
    }


def openapi_document(server_url: str) -> dict:
    parameters = [
        _parameter("q", "检索词；可直接输入条款，如 大气法第九十九条（超过 1000 字的部分不参与检索）",
                   {"type": "string", "maxLength": MAX_QUERY_LENGTH}),
        _parameter("section", "只在某一部分中检索", {"type": "string", "enum": list(SECTIONS)}),
        *(_parameter(name, FILTER_DESCRIPTIONS[name], FILTER_SCHEMAS.get(name, TEXT_VALUE), multiple=True)
          for name in FILTERS),
        _parameter("fine_min", "罚款下限（元）", AMOUNT),
        _parameter("fine_max", "罚款上限（元），不小于下限", AMOUNT),
        _parameter("page", f"页码；页码 × 每页条数不超过 {MAX_RESULT_WINDOW}",
                   {"type": "integer", "minimum": 1, "maximum": MAX_RESULT_WINDOW, "default": 1}),
        _parameter("page_size", "每页条数", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 20}),
        _parameter("sort", "排序", {"type": "string", "enum": list(SORTS), "default": "relevance"}),
    ]
    facets = {"type": "object", "properties": {name: {"type": "array", "items": FACET_ITEM, "description": label}
                                               for name, label in FACET_LABELS.items()}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "生态环境执法典型案例库检索接口", "version": "1.0.0"},
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/v1/search/": {"get": {
                "summary": "检索已发布的典型案例",
                "operationId": "searchCases",
                "parameters": parameters,
                "responses": {
                    "200": {"description": "检索结果", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["count", "page", "results", "facets"],
                        "properties": {"count": {"type": "integer"}, "page": {"type": "integer"},
                                       "count_is_lower_bound": {
                                           "type": "boolean",
                                           "description": "仅在命中过多时出现：count 与各筛选项件数只统计了最新的部分命中案例，实际更多"},
                                       "results": {"type": "array", "items": RESULT}, "facets": facets},
                    }}}},
                    **_errors(),
                },
            }},
            "/api/v1/suggest/": {"get": {
                "summary": "检索词自动补全（案例标题、法律名称、违法类型）",
                "operationId": "suggest",
                "parameters": [_parameter("q", "已输入的开头部分（前 50 字）", {"type": "string"})],
                "responses": {"200": {"description": "建议", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["suggestions"],
                    "properties": {"suggestions": {"type": "array", "items": {"type": "string"}}},
                }}}}, **_errors()},
            }},
            "/search/export.csv": {"get": {
                "summary": "导出检索结果（CSV，最多 1000 条）",
                "operationId": "exportCsv",
                "parameters": [p for p in parameters if p["name"] not in ("page", "page_size")],
                "responses": {"200": {"description": "CSV 文件", "content": {"text/csv": {}}}, **_errors("text/plain")},
            }},
        },
    }
