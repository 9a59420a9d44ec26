"""Streaming CSV/XLSX export of submissions with spreadsheet formula neutralisation.

Wagtail's export iterates model instances (CSV) or builds the workbook in memory (XLSX);
this reads `values_list(...).iterator()` in chunks so memory stays flat.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse

from forms import xlsx

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
CHUNK = 2000


def neutralise(value) -> str:
    """OWASP CSV injection: prefix `'` to any cell starting with = + - @ tab CR NUL.

    A phone number like `+1 555 0100` is prefixed too (it shows as text, unchanged).
    """
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def columns(page) -> list[tuple[str, str]]:
    return [
        ("submit_time", "Submission date"),
        *[(f.clean_name, f.label) for f in page.get_form_fields()],
        ("routed_team", "Routed team"),
        ("acceptance_version", "Accepted version"),
    ]


def iter_rows(page, queryset) -> Iterator[list[str]]:
    """Header then one neutralised row per submission, chunked from the database."""
    cols = columns(page)
    yield [neutralise(label) for _, label in cols]
    keys = [key for key, _ in cols[1:-2]]
    rows = queryset.values_list(
        "submit_time", "form_data", "routed_team", "acceptance_version"
    ).iterator(chunk_size=CHUNK)
    for submit_time, data, team, version in rows:
        data = data or {}
        yield [
            submit_time.strftime("%Y-%m-%d %H:%M:%S"),
            *[neutralise(data.get(key)) for key in keys],
            neutralise(team),
            neutralise(version),
        ]


def csv_chunks(rows: Iterable[list[str]], *, batch: int = 500) -> Iterator[str]:
    """CSV text in chunks of `batch` rows (fewer, larger writes to the socket)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(rows: Iterable[list[str]], fileobj) -> None:
    for chunk in csv_chunks(rows):
        fileobj.write(chunk)


def write_xlsx(rows: Iterable[list[str]], fileobj) -> None:
    xlsx.write(rows, fileobj)


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
