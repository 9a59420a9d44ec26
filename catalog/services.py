"""Importing the ctl.io price sheet format into the catalog, idempotently."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.models import Currency, DataCenter, PriceSection, Product, SupportTier
from catalog.price_tables import invalidate_price_tables, snapshot

SHEET_FIELDS = {
    "hourly": "hourly",
    "monthly": "monthly",
    "usage": "usage",
    "setupFee": "setup_fee",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    data_centers: int = 0
    sections: int = 0
    currencies: int = 0
    support_tiers: int = 0
    issues: list[str] = field(default_factory=list)
    price_book: str = ""

    def summary(self) -> str:
        return (
            f"{self.data_centers} data centers, {self.sections} sections; products: "
            f"{self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, "
            f"{self.deleted} deleted; {self.currencies} currencies, "
            f"{self.support_tiers} support tiers; {len(self.issues)} issues;"
            f" price book {self.price_book}"
        )


def _text(value: Any) -> str:
    return html.unescape(value).strip() if isinstance(value, str) else ""


def parse_price(value: Any) -> tuple[Decimal | None, str, str]:
    """(number, display text, problem) for one sheet price value."""
    if value is None:
        return None, "", ""
    if isinstance(value, bool):
        return None, "", f"boolean {value!r} is not a price"
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None, "", f"{value!r} is not a price"
        if not number.is_finite() or number < 0:
            return None, "", f"{value!r} is not a valid price"
        return number, "", ""
    if isinstance(value, str):
        text = html.unescape(value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, text[:100], ""
        if number.is_finite() and number >= 0:
            return number, "", f"number given as text {value!r}"
        return None, text[:100], ""
    return None, "", f"{type(value).__name__} is not a price"


def _load_json(path: Path, report: ImportReport) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        report.issues.append(f"{path.name}: cannot read ({exc})")
        return None


def _product_values(raw: dict, where: str, report: ImportReport) -> dict | None:
    name = _text(raw.get("name"))
    if not name:
        report.issues.append(f"{where}: product without a name skipped")
        return None
    values: dict[str, Any] = {
        "name": name[:255],
        "description_html": raw.get("descriptionHtml") or ""
        if isinstance(raw.get("descriptionHtml"), str)
        else "",
        "type_text": raw.get("type") if isinstance(raw.get("type"), str) else "",
        "unit": _text(raw.get("unit"))[:50],
        "short_name": _text(raw.get("shortName"))[:100],
        "sockets": None,
    }
    sockets = raw.get("sockets")
    if isinstance(sockets, int) and not isinstance(sockets, bool) and sockets > 0:
        values["sockets"] = sockets
    elif sockets is not None:
        report.issues.append(f"{where}: sockets {sockets!r} ignored")
    for sheet_name, field_name in SHEET_FIELDS.items():
        number, text, problem = parse_price(raw.get(sheet_name))
        if problem:
            report.issues.append(f"{where}: {sheet_name}: {problem}")
        values[field_name] = number
        values[f"{field_name}_text"] = text
    return values


def _value_fields() -> list[str]:
    price = [f for name in SHEET_FIELDS.values() for f in (name, f"{name}_text")]
    return [
        "name",
        "description_html",
        "type_text",
        "unit",
        "short_name",
        "sockets",
        *price,
    ]


def _same(product: Product, values: dict) -> bool:
    return all(getattr(product, k) == v for k, v in values.items())


def _stage_product(
    product: Product | None,
    data_center: DataCenter,
    section: PriceSection,
    key: str,
    values: dict,
    report: ImportReport,
    pending: dict[str, list[Product]],
) -> Product | None:
    """Validate one product and queue it for a bulk write (no per-row signals)."""
    if product is None:
        product = Product(data_center=data_center, section=section, key=key, **values)
        product.full_clean(validate_unique=False)
        pending["create"].append(product)
        report.created += 1
        return None
    if _same(product, values) and product.section_id == section.pk:
        report.unchanged += 1
        return product
    for k, v in values.items():
        setattr(product, k, v)
    product.section = section
    product.full_clean(validate_unique=False)
    pending["update"].append(product)
    report.updated += 1
    return product


def import_sheet(
    *, data_center: DataCenter, sections: Any, report: ImportReport
) -> None:
    """Upsert one data center's sections and products; drop the ones the sheet lacks."""
    if not isinstance(sections, list):
        report.issues.append(f"{data_center.alias}: sheet is not a list of sections")
        return
    existing = {
        (p.section.key, p.key or f"name:{p.name}"): p
        for p in Product.objects.filter(data_center=data_center).select_related(
            "section"
        )
    }
    seen: set[int] = set()
    pending: dict[str, list[Product]] = {"create": [], "update": []}
    seen_sections: set[int] = set()
    for s_order, raw_section in enumerate(sections):
        where = f"{data_center.alias} section #{s_order}"
        if not isinstance(raw_section, dict) or not isinstance(
            raw_section.get("key"), str
        ):
            report.issues.append(f"{where}: section without a key skipped")
            continue
        section, _ = PriceSection.objects.update_or_create(
            data_center=data_center,
            key=raw_section["key"][:100],
            defaults={
                "name": _text(raw_section.get("name"))[:200] or raw_section["key"],
                "description": _text(raw_section.get("description")),
                "disclaimer": _text(raw_section.get("disclaimer")),
                "sort_order": s_order,
            },
        )
        seen_sections.add(section.pk)
        report.sections += 1
        products = raw_section.get("products")
        if not isinstance(products, list):
            report.issues.append(f"{where} ({section.key}): no product list")
            continue
        for p_order, raw in enumerate(products):
            pwhere = f"{data_center.alias} {section.key} product #{p_order}"
            if not isinstance(raw, dict):
                report.issues.append(f"{pwhere}: not an object, skipped")
                continue
            key = raw.get("key")
            if key is not None and not isinstance(key, str):
                report.issues.append(f"{pwhere}: key {key!r} is not text, skipped")
                continue
            key = (key or "").strip()[:200]
            if key:
                pwhere = f"{data_center.alias} {key}"
            values = _product_values(raw, pwhere, report)
            if values is None:
                continue
            values["sort_order"] = p_order
            ident = (section.key, key or f"name:{values['name']}")
            product = existing.get(ident)
            if product is not None and product.pk in seen:
                report.issues.append(f"{pwhere}: duplicate product skipped")
                continue
            try:
                product = _stage_product(
                    product, data_center, section, key, values, report, pending
                )
            except ValidationError as exc:
                report.issues.append(
                    f"{pwhere}: invalid, kept as it was ({exc.messages})"
                )
                product = existing.get(ident)
            if product is not None:
                seen.add(product.pk)
    stale = Product.objects.filter(data_center=data_center).exclude(pk__in=seen)
    report.deleted += stale.delete()[1].get("catalog.Product", 0)
    Product.objects.bulk_create(pending["create"], batch_size=500)
    fields = ["section", "sort_order", *_value_fields()]
    Product.objects.bulk_update(pending["update"], fields, batch_size=500)
    PriceSection.objects.filter(data_center=data_center).exclude(
        pk__in=seen_sections
    ).delete()


def _fits(value: Decimal, field: Any) -> bool:
    """True when a DecimalField stores `value` without rounding."""
    _, digits, exponent = value.normalize().as_tuple()
    decimals = max(-exponent, 0)
    whole = len(digits) + exponent
    return decimals <= field.decimal_places and max(whole, 0) <= (
        field.max_digits - field.decimal_places
    )


def _import_currencies(folder: Path, report: ImportReport) -> None:
    data = _load_json(folder / "json" / "exchange-rates.json", report)
    rates = data.get("USD") if isinstance(data, dict) else None
    if not isinstance(rates, dict):
        report.issues.append("exchange-rates.json: no USD table")
        return
    for order, (code, raw) in enumerate(rates.items()):
        rate, _, problem = parse_price(
            raw.get("rate") if isinstance(raw, dict) else None
        )
        if not isinstance(raw, dict) or rate is None or rate <= 0 or problem:
            report.issues.append(f"currency {code}: invalid rate skipped")
            continue
        if not _fits(rate, Currency._meta.get_field("rate")):
            report.issues.append(
                f"currency {code}: rate {rate} has more digits than can be stored"
                " exactly; kept as it was"
            )
            continue
        Currency.objects.update_or_create(
            code=str(raw.get("id") or code)[:3],
            defaults={
                "symbol": _text(raw.get("symbol"))[:5] or code,
                "rate": rate,
                "sort_order": order,
            },
        )
        report.currencies += 1


def _import_support(folder: Path, report: ImportReport) -> None:
    data = _load_json(folder / "json" / "support-pricing.json", report)
    if not isinstance(data, dict):
        return
    ranges, percentages = data.get("ranges"), data.get("percentages")
    if not (
        isinstance(ranges, list)
        and isinstance(percentages, list)
        and len(ranges) == len(percentages)
    ):
        report.issues.append(
            "support-pricing.json: ranges and percentages do not match"
        )
        return
    tiers = []
    for up_to, pct in zip(ranges, percentages, strict=True):
        a, _, p1 = parse_price(up_to)
        b, _, p2 = parse_price(pct)
        if a is None or b is None or p1 or p2:
            report.issues.append(
                f"support tier {up_to!r}/{pct!r} invalid; tiers unchanged"
            )
            return
        tiers.append((a, b))
    SupportTier.objects.all().delete()
    for up_to, pct in tiers:
        tier = SupportTier(up_to=up_to, percentage=pct)
        tier.full_clean()
        tier.save()
    report.support_tiers = len(tiers)


def import_pricing(*, folder: Path) -> ImportReport:
    """Load data centers, sheets, currencies and support tiers from a price folder.

    One transaction: readers never see half an import and the site reacts to it
    once (price tables, page cache, webhooks); a data center that fails is rolled
    back to its savepoint and reported, the others are kept.
    """
    with transaction.atomic():
        report = _import_pricing(Path(folder))
        invalidate_price_tables()
        # Again once committed: a table rebuilt meanwhile read the old prices.
        transaction.on_commit(invalidate_price_tables)
    return report


def _import_pricing(folder: Path) -> ImportReport:
    report = ImportReport()
    listing = _load_json(folder / "prices" / "data-center-prices.json", report)
    with transaction.atomic():
        _import_currencies(folder, report)
        _import_support(folder, report)
    listed: set[str] = set()
    for order, raw in enumerate(listing if isinstance(listing, list) else []):
        alias = raw.get("alias") if isinstance(raw, dict) else None
        if not isinstance(alias, str) or not alias.strip():
            report.issues.append(f"data center #{order}: no alias, skipped")
            continue
        alias = alias.strip().upper()[:10]
        links = raw.get("links") or [{}]
        href = links[0].get("href") if isinstance(links[0], dict) else None
        if not isinstance(href, str):
            href = f"/prices/{alias.lower()}.json"
        sheet_path = folder / "prices" / Path(href).name
        sections = _load_json(sheet_path, report)
        if sections is None:
            report.issues.append(f"{alias}: sheet {href} missing, data kept as it was")
            continue
        listed.add(Path(href).name)
        try:
            with transaction.atomic():
                dc, _ = DataCenter.objects.update_or_create(
                    alias=alias,
                    defaults={
                        "name": _text(raw.get("name"))[:100] or alias,
                        "sheet": href,
                        "sort_order": order,
                    },
                )
                import_sheet(data_center=dc, sections=sections, report=report)
        except Exception as exc:
            report.issues.append(f"{alias}: import failed, data kept as it was ({exc})")
            continue
        report.data_centers += 1
    for path in sorted((folder / "prices").glob("*.json")):
        if path.name not in listed and path.name != "data-center-prices.json":
            report.issues.append(f"{path.name}: not a listed data center, skipped")
    invalidate_price_tables()
    report.price_book = snapshot().book_id
    return report
