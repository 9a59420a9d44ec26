"""Admin password resets: the mail is sent by the task worker, not the request.

Django sends it inside the request, so each anonymous reset waited on the SMTP
server: a slow one held a web worker per request. The request now only enqueues a
task (a database row); the worker renders and sends the mail with a fresh token.
"""

from __future__ import annotations

import logging

from wagtail.admin.forms.auth import PasswordResetForm

log = logging.getLogger(__name__)
# The context keys that are plain data; the user, uid and token are made by the worker.
PLAIN_CONTEXT = ("domain", "site_name", "protocol")


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from lumen_cms.tasks import send_password_reset

        try:
            send_password_reset.enqueue(
                user_id=context["user"].pk,
                to_email=to_email,
                from_email=from_email,
                subject_template_name=subject_template_name,
                email_template_name=email_template_name,
                html_email_template_name=html_email_template_name,
                context={key: context[key] for key in PLAIN_CONTEXT if key in context},
            )
        except Exception:
            log.exception(
                "Could not queue the password reset of user %s", context["user"].pk
            )
