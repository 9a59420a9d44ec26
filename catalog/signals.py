"""Drop cached estimator price tables whenever an editor changes a price."""

from django.db.models.signals import post_delete, post_save

from catalog.models import Currency, DataCenter, PriceSection, Product, SupportTier
from catalog.price_tables import invalidate_price_tables


def _invalidate(**kwargs) -> None:
    invalidate_price_tables()


def connect() -> None:
    for model in (Currency, DataCenter, PriceSection, Product, SupportTier):
        for signal in (post_save, post_delete):
            signal.connect(_invalidate, sender=model, dispatch_uid=f"pricing-{model}")
