"""Background tasks of the site (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from django_tasks import task


@task()
def send_password_reset(
    *,
    user_id: int,
    to_email: str,
    from_email: str | None,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None,
    context: dict,
) -> bool:
    """Render and send one password-reset mail with a token made now (see accounts)."""
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    context = {
        **context,
        "email": to_email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    PasswordResetForm().send_mail(
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=html_email_template_name,
    )
    return True
