"""Price sheets: data centers, sections and products, currencies, support tiers."""

from decimal import Decimal

from django.db import models
from django.utils import timezone

PRICE_FIELDS = ("hourly", "monthly", "usage", "setup_fee")


def _price_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        help_text="Leave empty when there is no number (use the display text instead).",
    )


def _price_text(label: str) -> models.CharField:
    return models.CharField(
        label,
        max_length=100,
        blank=True,
        help_text='Shown instead of a number, e.g. "custom" or "—".',
    )


class DataCenterQuerySet(models.QuerySet):
    def with_products(self) -> "DataCenterQuerySet":
        return self.filter(products__isnull=False).distinct()


class DataCenter(models.Model):
    alias = models.CharField(
        max_length=10, unique=True, help_text="Short code, e.g. VA1."
    )
    name = models.CharField(max_length=100, help_text="e.g. US East (Sterling).")
    sheet = models.CharField(
        max_length=200, blank=True, help_text="Price sheet path, e.g. /prices/va1.json."
    )
    sort_order = models.PositiveIntegerField(default=0)

    objects = DataCenterQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "alias"]

    def __str__(self) -> str:
        return f"{self.alias} – {self.name}"


class PriceSection(models.Model):
    data_center = models.ForeignKey(
        DataCenter, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    disclaimer = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["data_center", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["data_center", "key"], name="catalog_pricesection_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.data_center.alias})"


class ProductQuerySet(models.QuerySet):
    def in_data_center(self, alias: str) -> "ProductQuerySet":
        return self.filter(data_center__alias=alias)

    def priced(self) -> "ProductQuerySet":
        """Products the estimator can use: those with a key."""
        return self.exclude(key="")

    def matching_keys(self, patterns: list[str]) -> "ProductQuerySet":
        """Products whose key is one of ``patterns``; "rdbs:" (ending in a colon)
        matches every key under it. No pattern, no product."""
        query = models.Q()
        for pattern in patterns:
            if pattern.endswith(":"):
                query |= models.Q(key__startswith=pattern)
            elif pattern:
                query |= models.Q(key=pattern)
        return self.filter(query) if query else self.none()


class Product(models.Model):
    data_center = models.ForeignKey(
        DataCenter, on_delete=models.CASCADE, related_name="products"
    )
    section = models.ForeignKey(
        PriceSection, on_delete=models.CASCADE, related_name="products"
    )
    key = models.CharField(
        max_length=200,
        blank=True,
        help_text="Colon-separated key, e.g. server:cpu. Empty: display only.",
    )
    name = models.CharField(max_length=255)
    description_html = models.TextField(blank=True)
    type_text = models.TextField("type", blank=True, help_text="e.g. hourly (used).")
    unit = models.CharField(max_length=50, blank=True)
    hourly = _price_field("hourly")
    hourly_text = _price_text("hourly text")
    monthly = _price_field("monthly")
    monthly_text = _price_text("monthly text")
    usage = _price_field("usage")
    usage_text = _price_text("usage text")
    setup_fee = _price_field("setup fee")
    setup_fee_text = _price_text("setup fee text")
    sockets = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Bare metal configurations: CPU sockets."
    )
    short_name = models.CharField(max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["data_center", "section__sort_order", "sort_order"]
        indexes = [models.Index(fields=["data_center", "key"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.data_center.alias})"

    def price_display(self, field: str) -> str:
        """The number or the display text of one price field, for listings."""
        value = getattr(self, field)
        if value is None:
            return getattr(self, f"{field}_text")
        return (
            format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
        )


class Currency(models.Model):
    code = models.CharField(max_length=3, unique=True, help_text="ISO code, e.g. USD.")
    symbol = models.CharField(max_length=5)
    # 16 decimals keep any rate a sheet gives (e.g. EUR 0.830647459) exactly.
    rate = models.DecimalField(
        max_digits=28, decimal_places=16, help_text="Units of this currency per 1 USD."
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name_plural = "currencies"

    def __str__(self) -> str:
        return self.code


class SupportTier(models.Model):
    """A marginal band of the support charge: `percentage` of the base to `up_to`."""

    up_to = models.DecimalField(
        max_digits=18, decimal_places=2, help_text="Upper bound of this band in USD."
    )
    percentage = models.DecimalField(
        max_digits=6, decimal_places=4, help_text="Fraction charged, e.g. 0.1 for 10%."
    )

    class Meta:
        ordering = ["up_to"]

    def __str__(self) -> str:
        return f"{self.percentage * 100:g}% up to {self.up_to:,.0f}"


class PriceBook(models.Model):
    """One distinct set of prices (every data center, currency and support tier),
    identified by the SHA-256 of its content: estimates name the book they used."""

    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(
        default=timezone.now,
        editable=False,
        help_text="When these prices first applied.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.short_id} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def short_id(self) -> str:
        return self.digest[:12]

    @classmethod
    def record(cls, digest: str) -> "PriceBook":
        """The book with this digest, created on first sight (no signals: recording
        a book changes no page)."""
        cls.objects.bulk_create([cls(digest=digest)], ignore_conflicts=True)
        return cls.objects.get(digest=digest)

    @classmethod
    def find(cls, short_id: str) -> "PriceBook | None":
        if not (isinstance(short_id, str) and 6 <= len(short_id) <= 64):
            return None
        if any(ch not in "0123456789abcdef" for ch in short_id):
            return None
        return cls.objects.filter(digest__startswith=short_id).first()
