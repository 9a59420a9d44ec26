from .pages import HomePage, StandardPage
from .settings import NavigationSettings, NotFoundSettings
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "HomePage",
    "NavigationSettings",
    "NotFoundSettings",
    "StandardPage",
    "WebhookDelivery",
    "WebhookEndpoint",
]
