from .pages import HomePage, StandardPage
from .seed import SeedRecord
from .settings import NavigationSettings, NotFoundSettings
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "HomePage",
    "NavigationSettings",
    "NotFoundSettings",
    "SeedRecord",
    "StandardPage",
    "WebhookDelivery",
    "WebhookEndpoint",
]
