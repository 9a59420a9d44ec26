"""Binds the EstimatorPage's no-JavaScript form and prices it with the shared engine."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict

from catalog.estimator_forms import (
    FORMSETS,
    LINE_FORMS,
    EstimateSettingsForm,
    ServicesForm,
)
from catalog.models.pricing import Currency, DataCenter, Product
from catalog.views import run_estimate


def _edit_lines(data: QueryDict) -> QueryDict:
    """Apply the "add line" and "remove" submit buttons to a copy of the POST data."""
    data = data.copy()
    add = data.get("add")
    if add in FORMSETS:
        total = f"{add}-TOTAL_FORMS"
        try:
            index = max(int(data.get(total, 0)), 0)
        except ValueError:
            index = 0
        if index < 50:
            data[total] = str(index + 1)
            for name, field in LINE_FORMS[add][1].base_fields.items():
                initial = field.initial
                if initial not in (None, False):
                    data[f"{add}-{index}-{name}"] = str(initial)
                elif getattr(field, "choices", None) and not initial:
                    data[f"{add}-{index}-{name}"] = str(list(field.choices)[0][0])
    remove = data.get("remove", "")
    if "-" in remove:
        data[f"{remove}-DELETE"] = "on"
    return data


def build_estimator_context(request: HttpRequest) -> dict:
    data_centers = [
        (dc.alias, f"{dc.alias} – {dc.name}") for dc in DataCenter.objects.all()
    ]
    currencies = [(c.code, f"{c.code} {c.symbol}") for c in Currency.objects.all()]
    software = list(
        Product.objects.filter(
            key__startswith="software:", data_center__alias="VA1"
        ).values_list("name", "name")
    )
    bound = request.method == "POST"
    data = _edit_lines(request.POST) if bound else None
    settings_form = EstimateSettingsForm(
        data,
        data_centers=data_centers,
        currencies=currencies,
        initial={"data_center": "VA1", "currency": "USD", "support": "developer"},
    )
    formsets = {}
    for kind, formset_class in FORMSETS.items():
        kwargs = (
            {"form_kwargs": {"software_choices": software}} if kind == "servers" else {}
        )
        initial = [{}] if kind == "servers" and not bound else None
        formsets[kind] = formset_class(data, prefix=kind, initial=initial, **kwargs)
    services_form = ServicesForm(data, prefix="services")
    context = {
        "settings_form": settings_form,
        "line_formsets": [
            (kind, LINE_FORMS[kind][0], fs) for kind, fs in formsets.items()
        ],
        "services_form": services_form,
        "estimate": None,
        "estimate_errors": {},
    }
    if not bound:
        default_server = {"cpu": 2, "memory": 4, "storage": 50}
        context["estimate"], _ = run_estimate({"servers": [default_server]})
        return context
    valid = settings_form.is_valid() & services_form.is_valid()
    valid = all([fs.is_valid() for fs in formsets.values()]) and valid  # noqa: C419
    if not valid:
        return context
    payload = dict(settings_form.cleaned_data)
    for kind, fs in formsets.items():
        rows = [
            f for f in fs.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        payload[kind] = []
        for form in rows:
            values = (
                form.to_json() if hasattr(form, "to_json") else dict(form.cleaned_data)
            )
            values.pop("DELETE", None)
            payload[kind].append({k: _plain(v) for k, v in values.items()})
    payload["services"] = {
        k: _plain(v) for k, v in services_form.cleaned_data.items() if v
    }
    body, errors = run_estimate(payload)
    context["estimate"] = body
    context["estimate_errors"] = errors
    return context


def _plain(value):
    """JSON-compatible value for the engine (Decimals become strings)."""
    if isinstance(value, list | dict | bool | int) or value is None:
        return value
    return str(value)
