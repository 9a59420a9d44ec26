"""Form pages, their submissions, the outbox and the data-protection records."""

from .acceptance import DPAcceptance, DPTermsField, DPTermsPage  # noqa: F401
from .pages import FormField, FormPage, FormRoute  # noqa: F401
from .records import (  # noqa: F401
    DataSubjectAction,
    OutboundEmail,
    SpentFormToken,
    Submission,
)
