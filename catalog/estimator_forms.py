"""No-JavaScript estimator form: a formset per line kind, sent as the API's JSON."""

from __future__ import annotations

from django import forms

PERIODS = [
    ("percentage_of_month", "% of month"),
    ("hours_per_month", "hours / month"),
    ("hours_per_week", "hours / week"),
    ("hours_per_day", "hours / day"),
]
MANAGED_APPS = [
    ("", "—"),
    ("ms-sql", "Microsoft SQL"),
    ("mysql", "MySQL"),
    ("apache", "Apache"),
    ("iis", "Microsoft IIS"),
    ("tomcat", "Tomcat"),
    ("active-directory", "Active Directory"),
]
SERVICES = [
    ("vpn", "VPN – site to site (connections)"),
    ("firewall", "Additional VLAN/firewall"),
    ("external-ip-address", "Public IP addresses"),
    ("shared-load-balancer", "Shared load balancers"),
    ("dedicated-load-balancer-200", "Dedicated load balancer 200 Mbps"),
    ("dedicated-load-balancer-1000", "Dedicated load balancer 1000 Mbps"),
    ("object-storage", "Object storage (GB)"),
    ("bandwidth", "Outbound bandwidth (GB)"),
]


def _num(label: str, initial, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, initial=initial, min_value=0, **kwargs)


class UsageMixin(forms.Form):
    quantity = forms.IntegerField(label="Quantity", initial=1, min_value=0)
    usage = _num("Usage", 100)
    usage_period = forms.ChoiceField(label="Usage period", choices=PERIODS)


class ServerLineForm(UsageMixin):
    type = forms.ChoiceField(
        choices=[("standard", "Standard"), ("hyperscale", "Hyperscale")]
    )
    os = forms.ChoiceField(
        label="OS",
        choices=[("linux", "Linux"), ("redhat", "Red Hat"), ("windows", "Windows")],
    )
    cpu = _num("vCPU", 2)
    memory = _num("RAM (GB)", 4)
    storage = _num("Storage (GB)", 50)
    managed = forms.BooleanField(label="Managed OS", required=False)
    managed_app = forms.ChoiceField(
        label="Managed app", choices=MANAGED_APPS, required=False
    )
    app_instances = forms.IntegerField(label="App instances", initial=1, min_value=0)
    software = forms.ChoiceField(
        label="Software licence", choices=[("", "—")], required=False
    )

    field_order = [
        "type",
        "os",
        "cpu",
        "memory",
        "storage",
        "quantity",
        "usage",
        "usage_period",
        "managed",
        "managed_app",
        "app_instances",
        "software",
    ]

    def __init__(self, *args, software_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["software"].choices = [("", "—"), *software_choices]

    def to_json(self) -> dict:
        d = dict(self.cleaned_data)
        app, instances, software = (
            d.pop("managed_app"),
            d.pop("app_instances"),
            d.pop("software"),
        )
        d["managed_apps"] = (
            [{"key": app, "instances": instances, "software": software or None}]
            if app
            else []
        )
        return d


class RelationalDbLineForm(UsageMixin):
    type = forms.ChoiceField(
        choices=[("single", "Single"), ("replicated", "Replicated")]
    )
    cpu = _num("vCPU", 1)
    memory = _num("RAM (GB)", 1)
    storage = _num("Storage (GB)", 1)
    field_order = [
        "type",
        "cpu",
        "memory",
        "storage",
        "quantity",
        "usage",
        "usage_period",
    ]


class SimpleBackupLineForm(forms.Form):
    storage = _num("Storage (GB)", 100)
    retention_days = forms.IntegerField(
        label="Retention (days)", initial=3, min_value=1, max_value=31
    )
    daily_add_percent = _num("Daily add %", 1, max_value=100)
    daily_delete_percent = _num("Daily delete %", 1, max_value=100)
    restore = _num("Restore (GB)", 0)


class BareMetalLineForm(UsageMixin):
    config = forms.TypedChoiceField(
        coerce=int,
        choices=[(1, "4 core, 16 GB"), (2, "12 core, 64 GB"), (3, "20 core, 128 GB")],
    )
    os = forms.TypedChoiceField(
        label="OS",
        coerce=int,
        choices=[
            (1, "CentOS"),
            (2, "Red Hat"),
            (3, "Ubuntu"),
            (4, "Windows Std"),
            (5, "Windows DC"),
        ],
    )
    field_order = ["config", "os", "quantity", "usage", "usage_period"]


class IntrusionPreventionLineForm(UsageMixin):
    pass


class AppFogLineForm(UsageMixin):
    memory = _num("Memory (MB)", 1024)
    field_order = ["memory", "quantity", "usage", "usage_period"]


class EstimateSettingsForm(forms.Form):
    data_center = forms.ChoiceField(label="Data center")
    currency = forms.ChoiceField()
    support = forms.ChoiceField(
        choices=[
            ("developer", "Developer"),
            ("professional", "Professional"),
            ("enterprise", "Enterprise"),
        ]
    )

    def __init__(self, *args, data_centers=(), currencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_center"].choices = data_centers
        self.fields["currency"].choices = currencies


class ServicesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SERVICES:
            self.fields[key] = forms.DecimalField(
                label=label, min_value=0, initial=0, required=False
            )


LINE_FORMS = {
    "servers": ("Servers", ServerLineForm),
    "relational_dbs": ("Relational DB", RelationalDbLineForm),
    "simple_backups": ("Simple Backup", SimpleBackupLineForm),
    "bare_metal": ("Bare Metal", BareMetalLineForm),
    "intrusion_prevention": ("Intrusion Prevention", IntrusionPreventionLineForm),
    "appfog": ("AppFog", AppFogLineForm),
}
FORMSETS = {
    kind: forms.formset_factory(form, extra=0, can_delete=True, max_num=50)
    for kind, (_, form) in LINE_FORMS.items()
}
