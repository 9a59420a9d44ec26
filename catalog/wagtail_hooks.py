from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalog.models import Currency, DataCenter, PriceSection, Product, SupportTier


class DataCenterViewSet(SnippetViewSet):
    model = DataCenter
    icon = "site"
    list_display = ["alias", "name", "sheet"]
    search_fields = ["alias", "name"]
    search_backend_name = None


class PriceSectionViewSet(SnippetViewSet):
    model = PriceSection
    icon = "list-ul"
    list_display = ["name", "key", "data_center", "sort_order"]
    list_filter = ["data_center"]
    search_fields = ["name", "key"]
    search_backend_name = None


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    list_display = ["name", "key", "data_center", "section", "hourly", "monthly"]
    list_filter = ["data_center", "section__key"]
    search_fields = ["name", "key", "type_text"]
    search_backend_name = None
    list_per_page = 50


class CurrencyViewSet(SnippetViewSet):
    model = Currency
    icon = "doc-full"
    list_display = ["code", "symbol", "rate"]
    search_fields = ["code"]
    search_backend_name = None


class SupportTierViewSet(SnippetViewSet):
    model = SupportTier
    icon = "help"
    list_display = ["up_to", "percentage"]


class PricingViewSetGroup(SnippetViewSetGroup):
    menu_label = "Pricing"
    menu_icon = "tag"
    menu_name = "pricing"
    items = (
        ProductViewSet,
        PriceSectionViewSet,
        DataCenterViewSet,
        CurrencyViewSet,
        SupportTierViewSet,
    )


register_snippet(PricingViewSetGroup)
