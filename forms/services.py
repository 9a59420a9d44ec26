"""Writes: a submission and its mail in one transaction; data-subject actions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from forms import spam
from forms.models import DataSubjectAction, OutboundEmail, Submission
from forms.outbox import schedule_on_commit

NAME_FIELDS = ("signer_name", "name", "full_name", "your_name")


def submitter_email(page, cleaned_data: dict) -> str:
    """The value of the page's first email field, normalised for lookups."""
    for field in page.get_form_fields():
        if field.field_type == "email":
            return str(cleaned_data.get(field.clean_name) or "").strip().lower()
    return ""


def submitter_name(cleaned_data: dict) -> str:
    """The visitor's own name: the only text they typed that a confirmation repeats."""
    for key in NAME_FIELDS:
        if cleaned_data.get(key):
            return " ".join(str(cleaned_data[key]).split())
    return ""


def receipt_text(*, page, name: str) -> tuple[str, str]:
    """A confirmation that carries nothing the visitor typed but their name: it goes
    to an address anyone can type, so it must not relay their text."""
    lines = [
        f"Dear {name}," if name else "Hello,",
        "",
        f"Thank you for contacting us through “{page.title}”. We received your "
        "message and will answer you at this address.",
        "",
        "If you did not send it, you can ignore this email.",
    ]
    return f"{page.title}: we received your message", "\n".join(lines)


@transaction.atomic
def submit(*, page, form, token: str) -> Submission:
    """Spend the single-use form token and store the submission, or neither."""
    spam.spend_token(token)
    return page.process_form_submission(form)


@transaction.atomic
def record_submission(*, page, form, extra: dict | None = None) -> Submission:
    """Save the submission and queue its notification/confirmation (the outbox)."""
    data = form.cleaned_data
    route = page.route_for(data) if hasattr(page, "route_for") else None
    email = submitter_email(page, data)
    extra = extra or {}
    submission = Submission(
        page=page,
        form_data=data,
        email=email,
        routed_team=route.team_email if route else "",
        acceptance_version=extra.get("acceptance_version", ""),
    )
    submission.full_clean(exclude=["form_data"])
    submission.save()
    body = page.render_email(form)
    subject = page.subject or f"{page.title}: new submission"
    recipients = (
        [route.team_email]
        if route
        else [a.strip() for a in (page.to_address or "").split(",") if a.strip()]
    )
    queued = []
    if recipients:
        queued.append(
            OutboundEmail(
                submission=submission,
                kind=OutboundEmail.Kind.NOTIFICATION,
                to=recipients,
                from_email=page.from_address,
                reply_to=email,
                subject=subject[:255],
                body=body,
            )
        )
    confirmation = extra.get("confirmation")
    if email and (confirmation or page.confirm_to_submitter):
        subject_c, body_c = confirmation or receipt_text(
            page=page, name=submitter_name(data)
        )
        queued.append(
            OutboundEmail(
                submission=submission,
                kind=OutboundEmail.Kind.CONFIRMATION,
                to=[email],
                from_email=page.from_address,
                subject=subject_c[:255],
                body=body_c,
            )
        )
    for message in queued:
        message.full_clean()
        message.save()
        schedule_on_commit(message.pk)
    return submission


def log_action(*, user, action: str, count: int) -> DataSubjectAction:
    return DataSubjectAction.objects.create(
        user=user if getattr(user, "pk", None) else None, action=action, count=count
    )


@transaction.atomic
def erase(*, submissions: QuerySet[Submission], user) -> int:
    """Delete the person's submissions and their queued/sent mail copies."""
    count = submissions.count()
    OutboundEmail.objects.filter(submission__in=submissions).delete()
    submissions.delete()
    log_action(user=user, action=DataSubjectAction.Action.ERASE, count=count)
    return count


@transaction.atomic
def anonymise(*, submissions: QuerySet[Submission], user) -> int:
    """Keep the rows for statistics, blank every submitted value and the email."""
    count = 0
    for submission in submissions.select_for_update():
        submission.form_data = dict.fromkeys(submission.form_data, "")
        submission.email = ""
        submission.save(update_fields=["form_data", "email"])
        count += 1
    OutboundEmail.objects.filter(submission__in=submissions).delete()
    log_action(user=user, action=DataSubjectAction.Action.ANONYMISE, count=count)
    return count


@transaction.atomic
def purge_expired(*, pages, user=None, dry_run: bool = False) -> int:
    """Delete submissions past each page's retention (not with mail queued)."""
    total = 0
    for page in pages:
        if not page.retention_days:
            continue
        expired = (
            Submission.objects.filter(page=page)
            .older_than(page.retention_days)
            .exclude(emails__status=OutboundEmail.Status.QUEUED)
        )
        count = expired.count()
        if not dry_run and count:
            ids = list(expired.values_list("pk", flat=True))
            OutboundEmail.objects.filter(submission_id__in=ids).delete()
            Submission.objects.filter(pk__in=ids).delete()
        total += count
    if not dry_run:
        log_action(user=user, action=DataSubjectAction.Action.PURGE, count=total)
    return total


def confirmation_text(*, acceptance, version, permalink: str) -> tuple[str, str]:
    """The signer's record: wording, version label, hash and the text.

    Of what the signer typed it repeats only their name (the mail goes to an address
    anyone can type); the full record is on the landing page and in the admin.
    """
    name = " ".join(acceptance.signer_name.split())
    lines = [
        f"Dear {name}," if name else "Hello,",
        "",
        "This email confirms that an acceptance was recorded for this address:",
        "",
        f"Signer: {name}",
        f"Accepted at: {acceptance.accepted_at:%Y-%m-%d %H:%M:%S %Z}",
        f"Document: {version.document.title}",
        f"Version: {version.label} (effective {version.effective_date:%Y-%m-%d})",
        f"SHA-256: {version.sha256}",
        f"Permanent link: {permalink}",
        "",
        "You confirmed:",
        *[f"  [x] {wording}" for wording in acceptance.checkbox_wording],
        "",
        "The full text you accepted follows.",
        "-" * 72,
        version.rendered_text,
    ]
    subject = f"Your acceptance of {version.document.title} ({version.label})"
    return subject, "\n".join(lines)


@transaction.atomic
def record_acceptance(*, page, form) -> Submission:
    """Bind the acceptance to the version the form showed (and checked is still in
    effect, `forms.acceptance_form`); mail the signer the record."""
    from forms.models import DPAcceptance

    version = getattr(form, "terms_version", None)
    if version is None:
        raise ValueError("No version of the terms is in effect.")
    data = form.cleaned_data
    fields = list(page.get_form_fields())
    acceptance = DPAcceptance(
        page=page,
        version=version,
        version_label=version.label,
        version_sha256=version.sha256,
        checkbox_wording=[f.label for f in fields if f.field_type == "checkbox"],
        company=str(data.get("company", "")),
        signer_name=str(data.get("signer_name", data.get("name", ""))),
        signer_title=str(data.get("title", "")),
        email=submitter_email(page, data),
        form_data=form.cleaned_data,
    )
    acceptance.full_clean(exclude=["form_data"])
    acceptance.save()
    document = version.document
    permalink = document.get_full_url() + document.reverse_subpage(
        "version", kwargs={"label": version.label}
    )
    submission = record_submission(
        page=page,
        form=form,
        extra={
            "acceptance_version": f"{version.label} sha256:{version.sha256}",
            "confirmation": confirmation_text(
                acceptance=acceptance, version=version, permalink=permalink
            ),
        },
    )
    # Handed to the landing page, which shows the signer what was recorded.
    submission.acceptance = acceptance
    return submission
