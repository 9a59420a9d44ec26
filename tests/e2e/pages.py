"""Every public page type of the seeded site: one address each, for browser checks."""

from tests.e2e import seed

# (name, path, HTTP status, text the level-1 heading contains)
PAGE_TYPES = [
    ("home", "/", 200, "Cloud services that keep Hybrid IT simple"),
    ("standard", "/gdpr/", 200, "GDPR"),
    ("category", "/managed-services/", 200, "Managed Services"),
    ("service", "/managed-services/mysql/", 200, "MySQL"),
    ("pricing-catalog", "/pricing/", 200, "Pricing Catalog"),
    ("estimator", "/estimator/", 200, "Online Estimator"),
    ("article-index", "/knowledge-base/", 200, "Knowledge Base"),
    ("article", "/getting-started/first-server/", 200, ""),
    ("blog-post", "/blog/headless-site/", 200, "Our public site is now headless"),
    ("developer-center", "/developers/", 200, "Developer Center"),
    ("status", "/status/", 200, "Status"),
    ("legal-current", "/gdpr/dp-exhibit/", 200, "Data Protection Exhibit"),
    ("legal-version", "/gdpr/dp-exhibit/v/2018-05/", 200, "Data Protection Exhibit"),
    ("legal-versions", "/gdpr/dp-exhibit/versions/", 200, "Versions of"),
    (
        "legal-diff",
        f"/gdpr/dp-exhibit/diff/2018-05/{seed.SECOND_LABEL}/",
        200,
        "changes from version 2018-05",
    ),
    ("form", "/contact-us/", 200, "Contact Us"),
    ("support-form", "/support/", 200, "support"),
    ("dp-terms-form", "/gdpr/accept-dp-terms/", 200, ""),
    ("search", "/search/?q=backup", 200, "Search"),
    ("search-empty", "/search/?q=mysqll", 200, "Search"),
    ("not-found", "/no-such-page/", 404, "404"),
]

# The pages Lighthouse scores (issue 13): home, service, estimator, contact, DP Exhibit.
LIGHTHOUSE_PAGES = [
    ("home", "/"),
    ("service", "/managed-services/mysql/"),
    ("estimator", "/estimator/"),
    ("contact", "/contact-us/"),
    ("dp-exhibit", "/gdpr/dp-exhibit/"),
]
