"""The estimate as CSV: one row per line, then section subtotals and totals.

Every text cell is neutralised against spreadsheet formulas (a leading `= + - @`,
tab, CR, NUL or their full-width forms, also behind invisible characters, gets `'`).
"""

from __future__ import annotations

import csv
import io

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u180e \u00a0"


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    if text[:1] in DANGEROUS or text.lstrip(INVISIBLE)[:1] in DANGEROUS:
        return "'" + text
    return text


PLAIN_UNITS = ("GB", "vCPU")


def unit_label(quantity: str, unit: str) -> str:
    """`1 server`, `3 servers`; GB and vCPU stay as they are."""
    return unit if quantity == "1" or unit in PLAIN_UNITS else f"{unit}s"


def item_text(item: dict, symbol: str) -> str:
    """`2 vCPU × $0.01 an hour × 720 h = $14.40`."""
    hourly = item["per"] == "hour"
    per = " an hour" if hourly else " a month"
    hours = f" × {item['hours']} h" if hourly else ""
    return (
        f"{item['quantity']} {unit_label(item['quantity'], item['unit'])}"
        f" × {symbol}{item['unit_price']}{per}{hours} = {symbol}{item['monthly']}"
    )


def estimate_csv(body: dict, *, generated: str) -> str:
    """CSV text of an estimate as the API returns it (amounts in its currency)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def row(*cells: object) -> None:
        writer.writerow([neutralise(c) for c in cells])

    currency, symbol = body["currency"], body["symbol"]
    plans = {p["plan"]: p["label"] for p in body["support_plans"]}
    book = body.get("price_book") or {}
    row("Estimate", f"{body['data_center']} – {body['data_center_name']}")
    row("Currency", currency, f"{body['rate']} per USD")
    row("Support plan", plans.get(body["support_plan"], body["support_plan"]))
    row("Price book", book.get("id", ""), book.get("created", ""))
    row("Generated", generated)
    row()
    row(
        "Section",
        "Line",
        "Description",
        "Quantity",
        f"Monthly ({currency})",
        f"One-time setup fee ({currency})",
        "Breakdown",
    )
    sections = {s["key"]: s["label"] for s in body["sections"]}
    for line in body["lines"]:
        row(
            sections.get(line["section"], line["section"]),
            line["name"],
            line["description"],
            line["quantity"],
            line["monthly"],
            line["setup_fee"],
            "; ".join(item_text(item, symbol) for item in line["breakdown"]),
        )
    row()
    row("Section", f"Subtotal ({currency})")
    for section in body["sections"]:
        if section["lines"]:
            row(section["label"], section["subtotal"])
    row()
    row("Total", f"Monthly ({currency})")
    row("Usage", body["usage_total"])
    row(f"Support ({plans.get(body['support_plan'], '')})", body["support"])
    row("Monthly total", body["monthly_total"])
    row("One-time setup fees", body["setup_fees"])
    if body.get("unavailable"):
        row()
        row("Not included", "Reason")
        for item in body["unavailable"]:
            row(item["line"], item["reason"])
    assumptions = body["assumptions"]
    row()
    row(
        "Assumptions",
        f"{assumptions['hours_per_month']} hours, {assumptions['days_per_month']} days,"
        f" {assumptions['weeks_per_month']} weeks in a month",
    )
    return out.getvalue()
