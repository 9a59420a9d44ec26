"""The DP terms form carries the version it showed, so an acceptance binds to the
text the signer read: if another version took effect meanwhile, nothing is recorded
and the form comes back with the new version, its boxes to tick again."""

from __future__ import annotations

from django import forms

TERMS_VERSION_FIELD = "terms_version"
STALE = (
    "Version {label} of the terms took effect after this page was opened. Please "
    "read it and confirm again."
)
UNKNOWN = "Please read the terms shown on this page and confirm again."


class TermsVersionFormMixin:
    """Mixed into the DP page's form class (built by Wagtail's form builder)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms_version = self.page.current_version() if self.page else None
        label = self.terms_version.label if self.terms_version else ""
        self.fields[TERMS_VERSION_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=label
        )
        self.seen_label = str(self.data.get(TERMS_VERSION_FIELD) or "")
        self.stale = bool(
            self.is_bound and self.terms_version and self.seen_label != label
        )
        if self.stale:
            # Show the new version and ask again: the boxes come back unticked.
            data = self.data.copy()
            data[TERMS_VERSION_FIELD] = label
            for name, field in self.fields.items():
                if isinstance(field, forms.BooleanField):
                    data.pop(name, None)
            self.data = data

    def clean(self):
        cleaned_data = super().clean()
        if self.stale:
            message = STALE if self.seen_label else UNKNOWN
            self.add_error(None, message.format(label=self.terms_version.label))
        cleaned_data.pop(TERMS_VERSION_FIELD, None)
        return cleaned_data
