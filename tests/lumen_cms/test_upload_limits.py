"""Upload size limits: images, documents and plain request bodies."""

import io
import struct
import zlib

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image


def png(size: int) -> SimpleUploadedFile:
    """A valid PNG padded to about `size` bytes (noise does not compress)."""
    side = max(8, int((size / 3) ** 0.5) + 1)
    buffer = io.BytesIO()
    Image.frombytes(
        "RGB", (side, side), bytes(range(256)) * (side * side * 3 // 256 + 1)
    ).save(buffer, "PNG", compress_level=0)
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_limits_are_set():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_500_000
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_500_000


@pytest.mark.django_db
def test_image_over_the_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20_000
    big = png(60_000)
    assert big.size > 20_000
    response = admin_client.post(
        "/admin/images/add/", {"title": "Too big", "file": big}
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.filter(title="Too big").exists()
    small = png(5_000)
    admin_client.post("/admin/images/add/", {"title": "Fits", "file": small})
    assert get_image_model().objects.filter(title="Fits").exists()


@pytest.mark.django_db
def test_document_over_the_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 20_000)
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Too big", "file": big}
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.filter(title="Too big").exists()
    small = SimpleUploadedFile("small.pdf", b"%PDF-1.4\n" + b"0" * 500)
    admin_client.post("/admin/documents/add/", {"title": "Fits", "file": small})
    assert get_document_model().objects.filter(title="Fits").exists()


@pytest.mark.django_db
def test_oversized_request_body_is_refused(client, home_page):
    body = "q=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        "/admin/login/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid, tiny PNG that declares 400 million pixels (Pillow refuses to open
    anything over ~179 Mpx, twice its own limit: a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" * (1 + (width + 7) // 8)) * 8)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/images/add/", "/admin/images/multiple/add/"])
def test_decompression_bomb_is_a_form_error(admin_client, url):
    upload = SimpleUploadedFile("bomb.png", bomb_png(), content_type="image/png")
    data = {"title": "Bomb", "file": upload}
    if "multiple" in url:
        data = {"files[]": upload}
    response = admin_client.post(url, data)
    assert response.status_code in (200, 400)
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()
