import csv
import datetime
import io
import json
import re
from smtplib import SMTPException

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import GroupPagePermission

import openpyxl
import pytest

from forms import outbox, spam
from forms.export import neutralise
from forms.models import DataSubjectAction, OutboundEmail, Submission
from forms.services import record_submission

from .conftest import token_for, valid_data

pytestmark = pytest.mark.django_db


class BrokenSMTP:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("connection refused")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_smtp_down_visitor_sees_success_and_mail_is_retried(
    client, contact_page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.forms.test_outbox_export.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_page.url, valid_data(contact_page))
    assert response.status_code == 303  # the visitor is sent to the thank-you page
    assert Submission.objects.count() == 1
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.attempts == 1
    assert "connection refused" in email.last_error
    assert email.next_attempt_at > timezone.now()
    # SMTP comes back: the sweep delivers it once due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    assert outbox.sweep() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_backoff_grows_and_gives_up(contact_page, settings):
    assert outbox.backoff(1) < outbox.backoff(2) < outbox.backoff(3)
    settings.EMAIL_BACKEND = "tests.forms.test_outbox_export.BrokenSMTP"
    email = OutboundEmail.objects.create(
        kind="notification", to=["a@b.c"], subject="s", body="b"
    )
    for _ in range(outbox.MAX_ATTEMPTS):
        OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        outbox.deliver(email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED


def test_admin_outbox_lists_and_resends(
    admin_client, settings, django_capture_on_commit_callbacks
):
    email = OutboundEmail.objects.create(
        kind="notification", to=["a@b.c"], subject="Hello", body="b", status="failed"
    )
    assert (
        b"Hello" in admin_client.get("/admin/lumen-forms/outbox/?status=failed").content
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/lumen-forms/outbox/{email.pk}/resend/")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT


def test_json_schema_and_submit(
    client, support_page, django_capture_on_commit_callbacks
):
    url = f"/api/forms/{support_page.slug}/"
    schema = client.get(url).json()
    assert {f["name"] for f in schema["fields"]} >= {"email", "subscription"}
    payload = valid_data(support_page, subscription="Private Cloud")
    payload[spam.TOKEN_FIELD] = token_for(support_page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, json.dumps(payload), content_type="application/json"
        )
    assert response.status_code == 201, response.content
    assert Submission.objects.get().routed_team == "pc@lumen.example"


def test_json_errors(client, contact_page):
    url = f"/api/forms/{contact_page.slug}/"
    bad = valid_data(contact_page, email="nope")
    response = client.post(url, json.dumps(bad), content_type="application/json")
    assert response.status_code == 400
    assert "email" in response.json()["errors"]
    form_post = client.post(url, valid_data(contact_page))
    assert form_post.status_code == 415
    assert client.post(url, "{", content_type="application/json").status_code == 400
    many = {f"k{i}": "v" for i in range(1001)}
    assert (
        client.post(url, json.dumps(many), content_type="application/json").status_code
        == 400
    )
    huge = json.dumps({"message": "m" * 2_600_000})
    assert client.post(url, huge, content_type="application/json").status_code == 400
    no_token = valid_data(contact_page)
    del no_token[spam.TOKEN_FIELD]
    response = client.post(url, json.dumps(no_token), content_type="application/json")
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_neutralise():
    for value in [
        '=HYPERLINK("x")',
        "+1 555 0100",
        "-2",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\0x",
        # Full-width and small forms, which spreadsheets also read as formulas.
        '＝HYPERLINK("x")',
        "＋1",
        "－2",
        "＠SUM(A1)",
        "﹦1+1",
        # Behind zero-width characters, a BOM, direction marks or spaces.
        "\u200b=1+1",
        "\ufeff=1+1",
        "\u200e\u2060@SUM(A1)",
        "  =1+1",
        "\u3000＝1",
    ]:
        assert neutralise(value) == "'" + value, repr(value)
    for value in ["plain", "", "a=b", "\u200bplain", "1-2", "'=x", "Ｏｋ"]:
        assert neutralise(value) == value, repr(value)


def _submit(page, **data):
    from django import forms as djforms

    form = page.get_form(valid_data(page, **data), page=page, user=None)
    assert form.is_valid(), form.errors
    assert isinstance(form, djforms.Form)
    return record_submission(page=page, form=form)


def test_admin_export_csv_and_xlsx_neutralised(admin_client, contact_page):
    _submit(contact_page, name='=HYPERLINK("http://evil")')
    base = f"/admin/forms/submissions/{contact_page.pk}/"
    response = admin_client.get(base + "?export=csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Submission date", "Name", "Email"]
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][3] == "'+1 555 0100"
    response = admin_client.get(base + "?export=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    row = list(book.active.iter_rows())[1]
    # A string cell is never evaluated: no visible apostrophe, just Excel's
    # quote-prefix style (what typing ' does), so editing the cell keeps it text.
    assert (row[1].value, row[1].data_type, row[1].quotePrefix) == (
        '=HYPERLINK("http://evil")',
        "s",
        True,
    )
    assert (row[3].value, row[3].quotePrefix) == ("+1 555 0100", True)
    assert (row[2].value, row[2].quotePrefix) == ("Ada@Example.com", False)


def test_export_honours_date_filter(admin_client, contact_page):
    _submit(contact_page, name="old")
    Submission.objects.update(
        submit_time=timezone.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    _submit(contact_page, name="new")
    url = f"/admin/forms/submissions/{contact_page.pk}/?export=csv&date_from=2024-01-01"
    text = b"".join(admin_client.get(url).streaming_content).decode()
    assert "new" in text and "old" not in text


def test_export_query_count_is_constant(
    admin_client, contact_page, django_assert_max_num_queries
):
    for i in range(30):
        _submit(contact_page, name=f"n{i}")
    with django_assert_max_num_queries(15):
        response = admin_client.get(
            f"/admin/forms/submissions/{contact_page.pk}/?export=csv"
        )
        b"".join(response.streaming_content)


def test_only_permitted_users_can_list_or_export(
    client, contact_page, support_page, django_user_model
):
    user = django_user_model.objects.create_user("ed", password="pw")
    group = Group.objects.create(name="Contact editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=contact_page, permission_type="change"
    )
    user.groups.add(group)
    client.force_login(user)
    url = f"/admin/forms/submissions/{contact_page.pk}/?export=csv"
    # Editing the page is not enough: submissions also need forms.view_submission.
    assert client.get(url).status_code in (302, 403)
    group.permissions.add(Permission.objects.get(codename="view_submission"))
    assert client.get(url).status_code == 200
    assert client.get(
        f"/admin/forms/submissions/{support_page.pk}/?export=csv"
    ).status_code in (302, 403)
    assert client.get("/admin/lumen-forms/data-subject/").status_code in (302, 403)
    assert client.get("/admin/lumen-forms/outbox/").status_code in (302, 403)


def test_export_submissions_command(contact_page, tmp_path):
    _submit(contact_page, name="@cmd")
    out = tmp_path / "x.csv"
    call_command(
        "export_submissions", "contact-us", "--format", "csv", "--output", str(out)
    )
    assert "'@cmd" in out.read_text()
    xlsx = tmp_path / "x.xlsx"
    call_command(
        "export_submissions",
        "contact-us",
        "--format",
        "xlsx",
        "--output",
        str(xlsx),
        "--since",
        "2000-01-01",
    )
    assert openpyxl.load_workbook(xlsx).active.max_row == 2


def confirm_data_subject_action(client, email: str, action: str):
    """Ask for the action, then confirm what the preview showed."""
    url = "/admin/lumen-forms/data-subject/"
    preview = client.post(url, {"email": email, "action": action})
    assert preview.status_code == 200
    previewed = re.search(r'name="previewed" value="([^"]+)"', preview.content.decode())
    data = {"email": email, "action": action, "confirm": "yes"}
    return client.post(url, {**data, "previewed": previewed.group(1)})


def test_data_subject_find_export_erase_logged(
    admin_client, contact_page, support_page
):
    _submit(contact_page)
    _submit(support_page, subscription="Private Cloud")
    _submit(contact_page, email="other@example.com")
    url = "/admin/lumen-forms/data-subject/"
    assert b"2 submission" in admin_client.get(url + "?email=ADA@example.com").content
    exported = admin_client.post(url, {"email": "ada@example.com", "action": "json"})
    assert len(json.loads(exported.content)["submissions"]) == 2
    confirm_data_subject_action(admin_client, "ada@example.com", "erase")
    assert Submission.objects.count() == 1
    actions = list(
        DataSubjectAction.objects.order_by("pk").values_list("action", "count")
    )
    assert actions == [("find", 2), ("export", 2), ("erase", 2)]
    assert not any("ada" in str(v) for v in DataSubjectAction.objects.values())


def test_anonymise_blanks_values(admin_client, contact_page):
    _submit(contact_page)
    confirm_data_subject_action(admin_client, "ada@example.com", "anonymise")
    submission = Submission.objects.get()
    assert submission.email == "" and set(submission.form_data.values()) == {""}


def test_purge_command_preview(contact_page, capsys):
    contact_page.retention_days = 30
    contact_page.save()
    _submit(contact_page)
    OutboundEmail.objects.update(status="sent")
    Submission.objects.update(submit_time=timezone.now() - timezone.timedelta(days=31))
    call_command("purge_submissions", "--preview")
    assert "Would purge 1" in capsys.readouterr().out
    call_command("purge_submissions")
    assert not Submission.objects.exists()


def test_xlsx_writer_strips_illegal_xml_and_neutralises(tmp_path):
    from forms import export

    rows = [["h1", "h2", "h3"], ["\0=cmd", "<b>&\x07</b>", "\u200b＝cmd"]]
    path = tmp_path / "t.xlsx"
    with open(path, "wb") as fh:
        export.write_xlsx(rows, fh)
    cells = list(openpyxl.load_workbook(path).active.iter_rows())
    assert [c.value for c in cells[1]] == ["=cmd", "<b>&</b>", "\u200b＝cmd"]
    assert [c.quotePrefix for c in cells[1]] == [True, False, True]
    assert {c.data_type for c in cells[1]} == {"s"}


def test_openapi_fragment_describes_the_endpoint():
    from pathlib import Path

    import forms

    doc = json.loads((Path(forms.__file__).parent / "openapi.json").read_text())
    operations = doc["paths"]["/api/forms/{slug}/"]
    assert {"get", "post"} <= set(operations)
    assert "FormErrors" in doc["components"]["schemas"]
