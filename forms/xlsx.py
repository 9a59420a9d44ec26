"""A minimal streaming XLSX writer (inline strings, one sheet).

openpyxl's write-only mode spends most of its time per cell; exports only need text
cells, so the sheet XML is written straight into the zip, row by row, in bounded memory.
Every cell is a string, so nothing is evaluated on opening; cells that look like
formulas also get Excel's quote-prefix style, so editing one keeps it text (what a
typed `'` does), without a visible apostrophe.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

# Characters XML 1.0 forbids (openpyxl raises IllegalCharacterError on them).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CELL = '<c t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>'
_QUOTED_CELL = '<c t="inlineStr" s="1"><is><t xml:space="preserve">{}</t></is></c>'
_MAX_CELL = 32767

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/styles" Target="styles.xml"/></Relationships>'
)
# Style 0 is the default; style 1 is the default with quotePrefix (text, not formula).
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
    "</borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


def cell_text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value[:_MAX_CELL]))


def cell(value: str, quote: Callable[[str], bool] | None) -> str:
    template = _QUOTED_CELL if quote is not None and quote(value) else _CELL
    return template.format(cell_text(value))


def write(
    rows: Iterable[list[str]],
    fileobj,
    *,
    sheet_name: str = "Submissions",
    quote: Callable[[str], bool] | None = None,
) -> None:
    """Write rows of strings as a one-sheet workbook into a binary file object;
    cells for which `quote(value)` is true get the quote-prefix style."""
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK.format(escape(sheet_name)))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            buffer: list[str] = []
            for row in rows:
                buffer.append("<row>" + "".join(cell(v, quote) for v in row) + "</row>")
                if len(buffer) >= 1000:
                    sheet.write("".join(buffer).encode())
                    buffer = []
            buffer.append(SHEET_TAIL)
            sheet.write("".join(buffer).encode())
