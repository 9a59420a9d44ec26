"""Submissions, the mail outbox and the data-subject action log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.contrib.forms.models import AbstractFormSubmission


class SubmissionQuerySet(models.QuerySet):
    def for_email(self, email: str) -> SubmissionQuerySet:
        return self.filter(email=email.strip().lower())

    def older_than(self, days: int) -> SubmissionQuerySet:
        return self.filter(
            submit_time__lt=timezone.now() - timezone.timedelta(days=days)
        )


class Submission(AbstractFormSubmission):
    """A form submission with its submitter email indexed for data-subject requests."""

    # Namespaced: the default reverse name (Page.submission_set) is a host's too.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="forms_submissions"
    )
    email = models.CharField(max_length=254, blank=True, db_index=True)
    routed_team = models.CharField(max_length=254, blank=True)
    acceptance_version = models.CharField(max_length=255, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["page", "submit_time"])]
        permissions = [
            ("manage_data_subjects", "Can find, export and erase a person's data")
        ]

    def get_data(self):
        return {
            **self.form_data,
            "submit_time": self.submit_time,
            "routed_team": self.routed_team,
            "acceptance_version": self.acceptance_version,
        }


class OutboundEmailQuerySet(models.QuerySet):
    def due(self) -> OutboundEmailQuerySet:
        return self.filter(
            status=OutboundEmail.Status.QUEUED, next_attempt_at__lte=timezone.now()
        )


class OutboundEmail(models.Model):
    """An email written in the submission's transaction, sent later by the worker."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"
        FAILED = "failed"

    class Kind(models.TextChoices):
        NOTIFICATION = "notification"
        CONFIRMATION = "confirmation"

    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.JSONField(default=list)
    from_email = models.CharField(max_length=254, blank=True)
    reply_to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbound email"

    def __str__(self) -> str:
        return f"{self.subject} ({self.status})"


class DataSubjectAction(models.Model):
    """Who did what to how many records; never the person's data itself."""

    class Action(models.TextChoices):
        FIND = "find"
        EXPORT = "export"
        ERASE = "erase"
        ANONYMISE = "anonymise"
        PURGE = "purge"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} {self.count}"


class SpentFormToken(models.Model):
    """A form token that was used for a stored submission: tokens are single-use.

    The digest's uniqueness makes a replay fail even when two arrive at once; rows
    older than the token lifetime are purged with `purge_submissions`.
    """

    digest = models.CharField(max_length=64, unique=True)
    spent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "spent form token"

    def __str__(self) -> str:
        return self.digest[:12]
