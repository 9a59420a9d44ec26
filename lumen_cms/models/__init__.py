from .pages import HomePage, StandardPage
from .seed import SeedRecord
from .settings import NavigationSettings, NotFoundSettings

__all__ = [
    "HomePage",
    "NavigationSettings",
    "NotFoundSettings",
    "SeedRecord",
    "StandardPage",
]
