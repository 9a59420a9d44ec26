"""New pages under legal approval join the "Legal approval" workflow however they
are created: in the admin, copied, by a seed or a script."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_save

from legal.permissions import requires_legal_approval


def attach_legal_approval(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from legal.services import ensure_legal_approval

        ensure_legal_approval(page=instance)


def connect() -> None:
    for model in apps.get_models():
        if requires_legal_approval(model):
            post_save.connect(
                attach_legal_approval,
                sender=model,
                dispatch_uid=f"legal-{model._meta.label}",
            )
