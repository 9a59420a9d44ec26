"""Public form serving (spam checks, outbox) and the streaming submissions listing."""

from __future__ import annotations

from django.template.response import TemplateResponse

from wagtail.contrib.forms.views import SubmissionsListView

from forms import export, services, spam, thanks


def form_context(page, request, form, *, status_message: str = "") -> dict:
    context = page.get_context(request)
    context.update(
        form=form,
        form_token=spam.issue_token(page.pk),
        token_field=spam.TOKEN_FIELD,
        honeypot_field=spam.HONEYPOT_FIELD,
        status_message=status_message,
    )
    return context


def serve_form_page(page, request, *args, **kwargs):
    """GET renders the form (or, with a thank-you reference, the landing page);
    POST is rate limited, spam-checked, validated, stored, then redirected (PRG)."""
    if request.method != "POST" and thanks.PARAM in request.GET:
        return thanks.render_thanks(page, request)
    if request.method != "POST":
        form = page.get_form(page=page, user=request.user)
        return TemplateResponse(
            request, page.get_template(request), form_context(page, request, form)
        )
    if spam.over_limit(request, page.pk):
        form = page.get_form(page=page, user=request.user)
        context = form_context(page, request, form, status_message=spam.RATE_LIMITED)
        return TemplateResponse(
            request, page.get_template(request), context, status=429
        )
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    problem = spam.spam_problem(request.POST, page.pk)
    if problem:
        form.is_valid()
        form.add_error(None, problem)
    elif form.is_valid() and page.submission_problem():
        form.add_error(None, page.submission_problem())
    elif form.is_valid():
        try:
            submission = services.submit(
                page=page, form=form, token=request.POST[spam.TOKEN_FIELD]
            )
        except spam.TokenSpent as spent:
            form.add_error(None, str(spent))
        else:
            spam.count_submission(request, page.pk)
            return thanks.redirect_to_thanks(page, request, submission)
    context = form_context(page, request, form, status_message=page.failure_text)
    return TemplateResponse(request, page.get_template(request), context, status=400)


class StreamingSubmissionsListView(SubmissionsListView):
    """Wagtail's listing (filters, permissions) with a streaming, neutralised export."""

    def get(self, request, *args, **kwargs):
        """Exports skip the listing context (it evaluates the whole queryset)."""
        if self.is_export:
            return self.as_spreadsheet(
                self.get_queryset(), request.GET.get("export", "csv")
            )
        return super().get(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        fmt = "xlsx" if spreadsheet_format == "xlsx" else "csv"
        return export.response(self.form_page, queryset, fmt)
