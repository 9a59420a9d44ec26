"""Admin tools: mail outbox with resend, data-subject requests, acceptance export."""

from __future__ import annotations

import csv
import json
from urllib.parse import quote

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from wagtail.contrib.forms.utils import get_forms_for_user

from forms import export, outbox, services
from forms.models import DataSubjectAction, DPAcceptance, OutboundEmail, Submission

DS_PERMISSION = "forms.manage_data_subjects"


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def outbox_index(request):
    """Queued, sent and failed mail (no bodies shown: they hold personal data)."""
    _require(request, "forms.view_outboundemail")
    status = request.GET.get("status", "")
    emails = OutboundEmail.objects.all()
    if status in OutboundEmail.Status.values:
        emails = emails.filter(status=status)
    context = {
        "emails": emails.only(
            "pk", "kind", "subject", "status", "attempts", "last_error", "created_at"
        )[:200],
        "status": status,
        "statuses": OutboundEmail.Status.values,
        "can_resend": request.user.has_perm("forms.change_outboundemail"),
    }
    return TemplateResponse(request, "forms/admin/outbox.html", context)


@require_POST
def outbox_resend(request, pk: int):
    _require(request, "forms.change_outboundemail")
    outbox.resend(get_object_or_404(OutboundEmail, pk=pk))
    messages.success(request, "Email queued for sending.")
    return redirect("lumen_forms_outbox")


def _subject_rows(submissions):
    for s in submissions.select_related("page"):
        yield {
            "id": s.pk,
            "form": s.page.title,
            "submitted": s.submit_time.isoformat(),
            "data": s.form_data,
        }


def subject_submissions(user, email: str):
    """The person's submissions on the form pages whose submissions `user` may see
    (Wagtail's per-page rules plus the hooks, as in the submissions listing)."""
    return Submission.objects.for_email(email).filter(
        page__in=get_forms_for_user(user).values("pk")
    )


def data_subject(request):
    """Find, export, erase or anonymise all submissions for one email address."""
    _require(request, DS_PERMISSION)
    email = (request.POST.get("email") or request.GET.get("email") or "").strip()
    submissions = subject_submissions(request.user, email) if email else None
    action = request.POST.get("action") if request.method == "POST" else None
    if submissions is not None and action in {"erase", "anonymise"}:
        if request.POST.get("confirm") != "yes":
            return _confirm_destructive(request, email, submissions, action)
        ids = _previewed_ids(request.POST.get("previewed", ""), email)
        if ids is None:
            messages.error(
                request, "That confirmation has expired: review the records again."
            )
            return redirect(_find_url(email))
        run = services.erase if action == "erase" else services.anonymise
        count = run(submissions=submissions.filter(pk__in=ids), user=request.user)
        messages.success(request, f"{action.capitalize()}: {count} submissions.")
        return redirect("lumen_forms_data_subject")
    if submissions is not None and action in {"json", "csv"}:
        rows = list(_subject_rows(submissions))
        services.log_action(
            user=request.user, action=DataSubjectAction.Action.EXPORT, count=len(rows)
        )
        if action == "json":
            response = HttpResponse(
                json.dumps({"submissions": rows}, indent=2, default=str),
                content_type="application/json",
            )
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            writer = csv.writer(response)
            writer.writerow(["id", "form", "submitted", "field", "value"])
            for row in rows:
                for key, value in row["data"].items():
                    writer.writerow(
                        [
                            row["id"],
                            export.neutralise(row["form"]),
                            row["submitted"],
                            export.neutralise(key),
                            export.neutralise(value),
                        ]
                    )
        response["Content-Disposition"] = f'attachment; filename="subject.{action}"'
        return response
    if submissions is not None:
        services.log_action(
            user=request.user,
            action=DataSubjectAction.Action.FIND,
            count=submissions.count(),
        )
    context = {
        "email": email,
        "submissions": submissions.select_related("page")[:500]
        if submissions is not None
        else None,
        "acceptances": DPAcceptance.objects.filter(email=email.lower()).count()
        if email
        else 0,
        "log": DataSubjectAction.objects.select_related("user")[:20],
    }
    return TemplateResponse(request, "forms/admin/data_subject.html", context)


CONFIRM_SALT = "lumen-forms.data-subject"
CONFIRM_MAX_AGE = 15 * 60


def _find_url(email: str) -> str:
    return f"{reverse('lumen_forms_data_subject')}?email={quote(email)}"


def _previewed_ids(token: str, email: str) -> list[int] | None:
    """The submissions the administrator saw before confirming (None: stale)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("email") != email.lower():
        return None
    return [int(pk) for pk in data.get("ids", [])]


def _confirm_destructive(request, email: str, submissions, action: str):
    """What erase/anonymise would change, and a confirm button bound to exactly it."""
    rows = list(submissions.select_related("page").order_by("-submit_time"))
    ids = [s.pk for s in rows]
    emails = OutboundEmail.objects.filter(submission_id__in=ids)
    context = {
        "email": email,
        "action": action,
        "submissions": rows,
        "mail_copies": emails.count(),
        "queued_mail": emails.filter(status=OutboundEmail.Status.QUEUED).count(),
        "acceptances": DPAcceptance.objects.filter(email=email.lower()).count(),
        "previewed": signing.dumps(
            {"email": email.lower(), "ids": ids}, salt=CONFIRM_SALT, compress=True
        ),
        "cancel_url": _find_url(email),
    }
    return TemplateResponse(request, "forms/admin/data_subject_confirm.html", context)


def acceptance_export(request):
    """Legal staff export every DP acceptance (CSV, neutralised, streamed)."""
    _require(request, "forms.view_dpacceptance")
    columns = [
        "accepted_at",
        "company",
        "signer_name",
        "signer_title",
        "email",
        "version_label",
        "version_sha256",
        "checkbox_wording",
    ]

    def rows():
        yield columns
        for values in (
            DPAcceptance.objects.order_by("accepted_at")
            .values_list(*columns)
            .iterator(chunk_size=export.CHUNK)
        ):
            yield [values[0].isoformat(), *[export.text(v) for v in values[1:]]]

    response = StreamingHttpResponse(
        (c.encode() for c in export.csv_chunks(rows())), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="dp-acceptances.csv"'
    return response
