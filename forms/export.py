"""Streaming CSV/XLSX export of submissions with spreadsheet formula neutralisation.

Wagtail's export iterates model instances (CSV) or builds the workbook in memory (XLSX);
this reads `values_list(...).iterator()` in chunks so memory stays flat.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse

from forms import xlsx

FORMULA_STARTS = frozenset("=+-@")
CONTROL_PREFIXES = ("\t", "\r", "\0")
CHUNK = 2000


def text(value) -> str:
    """A cell's text: lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def is_formula(value: str) -> bool:
    """Would a spreadsheet read this cell as a formula? (OWASP CSV injection)

    Starts with = + - @, tab, CR or NUL, also in their full-width or small forms
    (＝＋－＠, which spreadsheets accept too) and behind invisible characters
    (zero-width spaces, a BOM, direction marks) or spaces, which imports may strip.
    """
    if value.startswith(CONTROL_PREFIXES):
        return True
    for char in value:
        if char.isspace() or unicodedata.category(char) == "Cf":
            continue
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def neutralise(value) -> str:
    """CSV: prefix `'` to a formula-like cell (see `is_formula`).

    A phone number like `+1 555 0100` is prefixed too (it shows as text, unchanged).
    XLSX needs no visible mark: `forms.xlsx` writes string cells, quote-prefixed.
    """
    value = text(value)
    return "'" + value if is_formula(value) else value


def columns(page) -> list[tuple[str, str]]:
    return [
        ("submit_time", "Submission date"),
        *[(f.clean_name, f.label) for f in page.get_form_fields()],
        ("routed_team", "Routed team"),
        ("acceptance_version", "Accepted version"),
    ]


def iter_rows(page, queryset) -> Iterator[list[str]]:
    """Header then one row of text per submission, chunked from the database.

    Cells are raw text: each writer neutralises formulas its own way.
    """
    cols = columns(page)
    yield [text(label) for _, label in cols]
    keys = [key for key, _ in cols[1:-2]]
    rows = queryset.values_list(
        "submit_time", "form_data", "routed_team", "acceptance_version"
    ).iterator(chunk_size=CHUNK)
    for submit_time, data, team, version in rows:
        data = data or {}
        yield [
            submit_time.strftime("%Y-%m-%d %H:%M:%S"),
            *[text(data.get(key)) for key in keys],
            text(team),
            text(version),
        ]


def csv_chunks(rows: Iterable[list[str]], *, batch: int = 500) -> Iterator[str]:
    """Neutralised CSV text in chunks of `batch` rows (fewer, larger writes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for i, row in enumerate(rows, 1):
        writer.writerow([neutralise(cell) for cell in row])
        if i % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(rows: Iterable[list[str]], fileobj) -> None:
    for chunk in csv_chunks(rows):
        fileobj.write(chunk)


def write_xlsx(rows: Iterable[list[str]], fileobj) -> None:
    xlsx.write(rows, fileobj, quote=is_formula)


def filename(page, fmt: str) -> str:
    return f"{page.slug}-export-{datetime.date.today():%Y-%m-%d}.{fmt}"


def response(page, queryset, fmt: str):
    """A streaming CSV response or an XLSX spooled to a temporary file."""
    rows = iter_rows(page, queryset)
    if fmt == "xlsx":
        tmp = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse
        write_xlsx(rows, tmp)
        tmp.seek(0)
        return FileResponse(tmp, as_attachment=True, filename=filename(page, "xlsx"))
    resp = StreamingHttpResponse(
        (chunk.encode() for chunk in csv_chunks(rows)),
        content_type="text/csv; charset=utf-8",
    )
    resp["Content-Disposition"] = f'attachment; filename="{filename(page, "csv")}"'
    return resp
