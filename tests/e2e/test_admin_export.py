"""A visitor's submission, exported as CSV and XLSX from the Wagtail admin."""

import csv
import io
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e import seed
from tests.e2e.helpers import wait_for_min_fill_time

pytestmark = pytest.mark.e2e

HEADER = ["Submission date", "Name", "Email", "Company", "Phone", "Message"]


def submit_contact_form(page: Page, message: str) -> None:
    page.goto("/contact-us/")
    page.get_by_label("Name").fill("Export Check")
    page.get_by_label("Email").fill("export@example.com")
    page.get_by_label("Company").fill("=1+2")
    page.get_by_label("Phone").fill("+1 555 0100")
    page.get_by_label("Message").fill(message)
    wait_for_min_fill_time(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Thanks for contacting us!")).to_be_visible()


def download(page: Page, link_name: str, target: Path) -> Path:
    """Open the listing's Actions menu and save what its download link sends."""
    page.reload()  # the menu stays open after a download; start from a closed one
    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


def row_for(rows: list[list], message: str) -> list:
    matches = [row for row in rows if message in row]
    assert len(matches) == 1, rows
    return matches[0]


def test_export_submissions_as_csv_and_xlsx(page: Page, tmp_path: Path):
    message = f"Export me {uuid.uuid4()}"
    submit_contact_form(page, message)

    page.goto("/admin/")
    page.get_by_label("Username").fill(seed.ADMIN_USERNAME)
    page.get_by_label("Password").fill(seed.ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Forms").click()
    page.get_by_role("link", name="Contact Us").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact Us")
    expect(page.get_by_role("table")).to_contain_text(message)

    csv_file = download(page, "Download CSV", tmp_path)
    assert csv_file.suffix == ".csv"
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert rows[0][: len(HEADER)] == HEADER
    row = row_for(rows[1:], message)
    # Formula-like cells are neutralised; the phone number stays readable.
    assert row[1:5] == ["Export Check", "export@example.com", "'=1+2", "'+1 555 0100"]

    xlsx_file = download(page, "Download XLSX", tmp_path)
    assert xlsx_file.suffix == ".xlsx"
    sheet = load_workbook(xlsx_file).active
    cells = [list(r) for r in sheet.iter_rows()]
    assert [c.value for c in cells[0][: len(HEADER)]] == HEADER
    cells = next(r for r in cells[1:] if message in [c.value for c in r])[1:5]
    # String cells, never evaluated: no visible ', quote-prefixed as Excel does.
    assert [c.value for c in cells] == [v.removeprefix("'") for v in row[1:5]]
    assert [c.quotePrefix for c in cells] == [False, False, True, True]
