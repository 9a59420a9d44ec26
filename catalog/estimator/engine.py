"""An estimate from a validated request: its lines priced by line_pricing, section
subtotals, the support charge and the totals, in USD."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalog.estimator.line_pricing import (
    PricedLine,
    appfog_line,
    bare_metal_line,
    intrusion_prevention_line,
    relational_db_line,
    server_lines,
    service_line,
    simple_backup_line,
)
from catalog.estimator.prices import ZERO, PriceTable
from catalog.estimator.request import EstimateRequest, Line, Unavailable
from catalog.estimator.vocabulary import SECTIONS, SERVICES, SUPPORT_PLANS


@dataclass(slots=True)
class Estimate:
    data_center: str
    data_center_name: str
    currency: str
    symbol: str
    rate: Decimal
    support_plan: str
    lines: list[PricedLine]
    subtotals: dict[str, Decimal]
    usage_total: Decimal
    setup_fees: Decimal
    support_base: Decimal
    plan_charges: dict[str, Decimal]
    unavailable: list[Unavailable] = field(default_factory=list)

    @property
    def support(self) -> Decimal:
        return self.plan_charges[self.support_plan]

    @property
    def monthly_total(self) -> Decimal:
        return self.usage_total + self.support


def support_charge(
    base: Decimal, tiers: tuple[tuple[Decimal, Decimal], ...]
) -> Decimal:
    """Marginal bands; a base above the last band pays nothing more on the excess."""
    charge, lower = ZERO, ZERO
    for up_to, percentage in tiers:
        if base <= lower:
            break
        charge += (min(base, up_to) - lower) * percentage
        lower = up_to
    return charge


def _numbered(
    lines: Sequence[Line], section_of: Callable[[Any], str] = lambda line: ""
) -> list[tuple[int, Any]]:
    """(visitor number, line): validation numbers lines; others count in order."""
    counts: dict[str, int] = {}
    out = []
    for line in lines:
        section = section_of(line)
        counts[section] = counts.get(section, 0) + 1
        out.append((line.number or counts[section], line))
    return out


def estimate(request: EstimateRequest, table: PriceTable) -> Estimate:
    """Price a validated EstimateRequest against a data center's PriceTable."""
    lines: list[PricedLine] = []
    for number, server in _numbered(request.servers, lambda s: s.type):
        lines += server_lines(number, server, table)
    for number, db in _numbered(request.relational_dbs):
        lines.append(relational_db_line(number, db, table))
    for number, backup in _numbered(request.simple_backups):
        lines.append(simple_backup_line(number, backup, table))
    for number, bm in _numbered(request.bare_metal):
        lines.append(bare_metal_line(number, bm, table))
    for number, ips in _numbered(request.intrusion_prevention):
        lines.append(intrusion_prevention_line(number, ips, table))
    for number, app in _numbered(request.appfog):
        lines.append(appfog_line(number, app, table))
    for key in SERVICES:
        quantity = request.services.get(key)
        if quantity:
            lines.append(service_line(key, quantity, table))
    subtotals = {section.key: ZERO for section in SECTIONS}
    for line in lines:
        subtotals[line.section] += line.monthly
    usage_total = sum((line.monthly for line in lines), ZERO)
    excluded = sum((line.os_licence + line.managed for line in lines), ZERO)
    base = max(usage_total - excluded, ZERO)
    graduated = support_charge(base, table.support_tiers)
    rate, symbol = table.currencies[request.currency]
    return Estimate(
        data_center=table.data_center,
        data_center_name=table.data_center_name,
        currency=request.currency,
        symbol=symbol,
        rate=rate,
        support_plan=request.support,
        lines=lines,
        subtotals=subtotals,
        usage_total=usage_total,
        setup_fees=sum((line.setup_fee for line in lines), ZERO),
        support_base=base,
        plan_charges={
            plan: ZERO if plan == "developer" else graduated for plan in SUPPORT_PLANS
        },
        unavailable=list(request.unavailable),
    )
