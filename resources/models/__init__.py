from resources.models.articles import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTag,
    ArticleRelatedLink,
)
from resources.models.developer import DeveloperCenterPage
from resources.models.status import (
    Incident,
    ServiceStatus,
    StatusDataCenter,
    StatusPage,
)

__all__ = [
    "ArticleCategory",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedLink",
    "DeveloperCenterPage",
    "Incident",
    "ServiceStatus",
    "StatusDataCenter",
    "StatusPage",
]
