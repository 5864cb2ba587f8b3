"""A replaced or deleted upload leaves storage, with its variants, once the change commits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from martyrs.tests.factories import MartyrFactory
from neighborhoods.tests.factories import IdentityElementFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _photo(name="photo.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 120, 90)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def _stored(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def _with_variants(name):
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return sorted([name.rsplit("/", 1)[-1], f"{stem}.w1200.webp", f"{stem}.w400.webp"])


def test_replacing_a_photo_deletes_the_old_file_and_its_variants(
    db, media, django_capture_on_commit_callbacks
):
    element = IdentityElementFactory(photo=_photo())
    element.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        element.photo = _photo("new.jpg")
        element.save()

    assert _stored(media) == _with_variants(element.photo.name)


def test_deleting_a_row_deletes_its_photo_and_variants(
    db, media, django_capture_on_commit_callbacks
):
    element = IdentityElementFactory(photo=_photo())
    other = IdentityElementFactory(photo=_photo())

    with django_capture_on_commit_callbacks(execute=True):
        element.delete()

    assert _stored(media) == _with_variants(other.photo.name)


def test_a_rolled_back_replacement_keeps_the_old_file(db, media):
    element = IdentityElementFactory(photo=_photo())
    kept = _stored(media)

    with pytest.raises(RuntimeError), transaction.atomic():
        element.photo = _photo("new.jpg")
        element.save()
        raise RuntimeError

    assert set(kept) <= set(_stored(media))


def test_a_file_another_row_holds_is_kept(db, media, django_capture_on_commit_callbacks):
    element = IdentityElementFactory(photo=_photo())
    twin = IdentityElementFactory(neighborhood=element.neighborhood, photo=element.photo.name)

    with django_capture_on_commit_callbacks(execute=True):
        element.delete()

    assert _stored(media) == _with_variants(twin.photo.name)


def test_a_photo_replaced_in_the_admin_leaves_storage(
    admin_client_fa, media, django_capture_on_commit_callbacks
):
    martyr = MartyrFactory(photo=_photo())
    old = martyr.photo.name
    url = reverse("admin:martyrs_martyr_change", args=[martyr.pk])
    form = admin_client_fa.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "photo" and not isinstance(value, list)
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_fa.post(url, {**data, "photo": _photo("new.jpg")})

    martyr.refresh_from_db()
    assert response.status_code == 302
    assert martyr.photo.name != old
    assert _stored(media) == _with_variants(martyr.photo.name)
