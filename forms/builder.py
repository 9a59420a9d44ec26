"""Form builder with length limits (Wagtail's multiline fields are unbounded) and
single-line fields that are single lines (no CR/LF to smuggle into mail headers)."""

from django import forms as djforms
from django.core.validators import RegexValidator

from wagtail.contrib.forms.forms import FormBuilder

SINGLE_LINE_MAX = 255
MULTI_LINE_MAX = 5000
EMAIL_MAX = 254

# Every line boundary str.splitlines() knows, CR and LF first.
single_line = RegexValidator(
    r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]",
    inverse_match=True,
    message="Enter a single line (no line breaks).",
    code="line_break",
)


class LimitedFormBuilder(FormBuilder):
    """Every text field gets a maximum length and a clear message."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return djforms.CharField(validators=[single_line], **options)

    def create_multiline_field(self, field, options):
        # No cols: the stylesheet sizes it (cols made phones scroll sideways).
        attrs = {"cols": False, "rows": "8", "maxlength": str(MULTI_LINE_MAX)}
        options["max_length"] = MULTI_LINE_MAX
        return djforms.CharField(widget=djforms.Textarea(attrs=attrs), **options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX
        return djforms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = 2000
        return djforms.URLField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return djforms.CharField(
            widget=djforms.HiddenInput, validators=[single_line], **options
        )
