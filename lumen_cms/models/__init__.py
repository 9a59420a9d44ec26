from .pages import HomePage, StandardPage
from .settings import NavigationSettings, NotFoundSettings

__all__ = ["HomePage", "NavigationSettings", "NotFoundSettings", "StandardPage"]
