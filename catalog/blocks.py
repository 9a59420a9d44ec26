"""Body blocks of service pages (the catalog is a plugin: no import of the shell)."""

from wagtail import blocks


class FeatureBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick"


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200)
    features = blocks.ListBlock(FeatureBlock())

    class Meta:
        icon = "list-ul"
        template = "catalog/blocks/feature_list_block.html"


class ServiceCallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)
    button_text = blocks.CharBlock(max_length=60, default="Contact Us")

    class Meta:
        icon = "pick"
        template = "catalog/blocks/service_call_to_action_block.html"


class ServiceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=200, icon="title", template="catalog/blocks/plain_heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link"],
        template="catalog/blocks/paragraph_block.html",
    )
    features = FeatureListBlock()
    call_to_action = ServiceCallToActionBlock()


class SupportFeatureBlock(blocks.StructBlock):
    """One row of the estimator's support plans comparison."""

    feature = blocks.CharBlock(max_length=120)
    developer = blocks.CharBlock(max_length=200, required=False)
    professional = blocks.CharBlock(max_length=200, required=False)
    enterprise = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "table"
        label = "Support feature"


SUPPORT_FEATURES = (
    (
        "Who it suits",
        "Included with every account at no charge",
        "The usual choice for contract customers",
        "Designated engineers are quoted separately",
    ),
    ("Forums, documentation, white papers, guides", "Included", "Included", "Included"),
    ("Unlimited break/fix (24x7)", "Included", "Included", "Included"),
    (
        "Tier 1 support (24x7)",
        "Ticketing",
        "Ticketing, chat, email, phone",
        "Ticketing, chat, email, phone",
    ),
    (
        "Tier 2 support (24x7)",
        "Pool of shared engineers",
        "Pool of shared engineers",
        "Designated engineers",
    ),
    ("Response time (SLA)", "Under 8 hours", "Under 60 minutes", "Under 30 minutes"),
    (
        "Service management",
        "Not included",
        "Shared or designated",
        "Shared or designated",
    ),
)


def default_support_features() -> list[tuple[str, dict]]:
    """What new estimator pages compare (the historical estimator's table)."""
    return [
        (
            "feature",
            {"feature": f, "developer": d, "professional": p, "enterprise": e},
        )
        for f, d, p, e in SUPPORT_FEATURES
    ]
