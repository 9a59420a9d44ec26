"""Uploaded images are served under the production settings with local storage;
documents only through Wagtail's serve view (privacy checks)."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image

from tests.lumen_cms.test_security_headers import _production_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(settings):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Teal", file=ImageFile(io.BytesIO(buffer.getvalue()), name="teal.png")
    )


def test_production_serves_local_media_and_not_s3_media():
    assert _production_settings()["SERVE_MEDIA"] is True
    assert _production_settings(SERVE_MEDIA="false")["SERVE_MEDIA"] is False
    s3 = _production_settings(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="b")
    assert s3["SERVE_MEDIA"] is False


def test_originals_and_renditions_are_served(client, settings, image):
    assert settings.DEBUG is False
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/png"
    assert original["X-Content-Type-Options"] == "nosniff"
    assert b"".join(original.streaming_content) == image.file.open().read()
    rendition = image.get_rendition("fill-20x20")
    assert rendition.url.startswith("/media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_documents_are_never_served_from_media(client, settings):
    document = get_document_model().objects.create(
        title="Contract", file=ContentFile(b"%PDF-1.4 secret", name="contract.pdf")
    )
    assert document.file.url.startswith("/media/documents/")
    assert client.get(document.file.url).status_code == 404
    assert client.get(document.url).status_code == 200  # Wagtail's serve view


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/../../lumen_cms/settings/base.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
        "/media/original_images/",
        "/media/original_images/missing.png",
        "/media/other/teal.png",
    ],
)
def test_nothing_else_is_served(client, image, path):
    assert client.get(path).status_code in (400, 404)  # 400: a path out of MEDIA_ROOT


def test_off_when_a_web_server_serves_media(client, settings, image):
    settings.SERVE_MEDIA = False
    assert client.get(image.file.url).status_code == 404
