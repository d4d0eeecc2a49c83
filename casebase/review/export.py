"""Tables as CSV or XLSX downloads."""
import csv
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(filename: str, headings: list[str], rows: list[list], fmt: str) -> HttpResponse:
    """`fmt` is "csv" (UTF-8 with BOM, so spreadsheet programs read the Chinese) or "xlsx"."""
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if fmt == "csv":
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(headings)
        writer.writerows(rows)
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        response.write(buffer.getvalue())
    return response
