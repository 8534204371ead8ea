"""Personal data as CSV or XLSX, in constant memory: the one export stack
of the site, used for the supporter list here, for signatures
(petitions.exports) and for form submissions (campaigns.admin_views).

Rows come from the database in chunks (`QuerySet.iterator`), never all at
once. CSV is streamed as it is written. XLSX is written by xlsxwriter in
constant-memory mode to a temporary file, which is then streamed and
deleted. No cell can start a formula: text that a spreadsheet would run
(starting with = + - @, a tab or a line break) gets a leading apostrophe, and
XLSX cells are always written as text, numbers or dates, never as formulas.
"""

import csv
import enum
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import xlsxwriter
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from supporters.emails import unsubscribe_url
from supporters.models import Supporter

CHUNK_SIZE = 2000
# Characters a spreadsheet reads as the start of a formula, full-width forms
# included (some spreadsheets fold them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
XLSX_MAX_ROWS = 1_048_576
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def cell_safe(value):
    """The value as a spreadsheet may show it without running anything."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Export:
    """What to write: headings, and rows produced one by one."""

    headings: list[str]
    rows: Iterable[tuple]
    filename: str
    # The sheet's name when several exports share one workbook.
    title: str = ""


def field_heading(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


SUPPORTER_FIELDS = (
    "pk",
    "email",
    "name",
    "language",
    "state",
    "source",
    "source_detail",
    "consent_text",
    "consent_at",
    "confirmed_at",
    "created_at",
)


def supporters_export(*, queryset: QuerySet, base_url: str) -> Export:
    """The list with each address's own one-click unsubscribe link, for the
    mailing program to put in every email it sends."""
    headings = (
        [_("ID")]
        + [field_heading(Supporter, name) for name in SUPPORTER_FIELDS[1:]]
        + [_("Unsubscribe link")]
    )

    def rows():
        for row in (
            queryset.order_by("pk")
            .values_list(*SUPPORTER_FIELDS)
            .iterator(chunk_size=CHUNK_SIZE)
        ):
            link = unsubscribe_url(
                base_url=base_url, language=row[3], value=f"supporter:{row[0]}"
            )
            yield (*row, link)

    return Export(
        headings=headings,
        rows=rows(),
        filename="supporters",
        title=_("Supporter list"),
    )


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, bool):
        return "true" if value else "false"
    return cell_safe(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_chunks(export: Export, rows_per_chunk: int = 500) -> Iterator[str]:
    """CSV text in chunks, with a byte order mark so that spreadsheets read
    Urdu and Hazaragi as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export.headings)
    chunk = []
    for row in export.rows:
        chunk.append(writer.writerow([_csv_value(value) for value in row]))
        if len(chunk) >= rows_per_chunk:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def xlsx_file(*exports: Export):
    """The workbook in a temporary file, open at its start; deleted when
    closed. Each export gets its own sheet (named by its title); a sheet holds
    at most 1,048,576 rows: more go on further sheets."""
    # Left open for the response to stream; it closes (and deletes) it.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook = xlsxwriter.Workbook(
        handle,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})

    def new_sheet(export: Export):
        # Sheet names: at most 31 characters, none of []:*?/\
        name = re.sub(r"[\[\]:*?/\\]", " ", export.title)[:31].strip() or None
        if name and name in workbook.sheetnames:
            name = None
        sheet = workbook.add_worksheet(name)
        for column, heading in enumerate(export.headings):
            sheet.write_string(0, column, heading)
        return sheet

    def write(sheet, row: int, column: int, value) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value)
        elif isinstance(value, datetime):
            naive = value.astimezone(UTC).replace(tzinfo=None)
            sheet.write_datetime(row, column, naive, date_format)
        else:
            sheet.write_string(row, column, cell_safe(str(value)))

    for export in exports:
        sheet, row_number = new_sheet(export), 1
        for values in export.rows:
            if row_number >= XLSX_MAX_ROWS:
                sheet, row_number = new_sheet(replace(export, title="")), 1
            for column, value in enumerate(values):
                write(sheet, row_number, column, value)
            row_number += 1
    workbook.close()
    handle.seek(0)
    return handle


def _download_name(filename: str, file_format: ExportFormat) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    return f"{filename}-{stamp}.{file_format}"


def workbook_response(*, exports: list[Export], filename: str):
    """Several exports as one XLSX download, a sheet each, never cached."""
    response = FileResponse(
        xlsx_file(*exports),
        as_attachment=True,
        filename=_download_name(filename, ExportFormat.XLSX),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(*, export: Export, file_format: ExportFormat):
    """The download: CSV streamed as it is written, XLSX streamed from its
    temporary file. Neither is ever kept by a cache."""
    if file_format == ExportFormat.XLSX:
        return workbook_response(exports=[export], filename=export.filename)
    name = _download_name(export.filename, file_format)
    response = StreamingHttpResponse(
        csv_chunks(export), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
