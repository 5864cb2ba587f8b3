import io

import pytest
from PIL import Image

from tests.browser.conftest import DESKTOP

PASSWORD = "a-Long-demo-pass-1401"


def _login(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_staff_upload_a_martyr_photo_and_a_non_image_is_refused_in_persian(
    watched_page, live_server, django_user_model, tmp_path, screenshot
):
    from martyrs.models import Martyr
    from martyrs.tests.factories import MartyrFactory

    django_user_model.objects.create_superuser("organizer", "o@example.com", PASSWORD)
    martyr = MartyrFactory(first_name="حسن", last_name="باقری")
    photo = tmp_path / "photo.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (120, 90, 60)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    fake = tmp_path / "notes.jpg"
    fake.write_text("<html><script>alert(1)</script></html>")
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login(page, live_server, "organizer")

    page.goto(f"{live_server.url}/admin/martyrs/martyr/{martyr.pk}/change/")
    page.locator("input[type=file][name=photo]").set_input_files(str(fake))
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()

    error = page.locator(".errorlist").first.inner_text()
    assert "تصویر" in error
    screenshot(page, "admin-upload-refused")
    martyr.refresh_from_db()
    assert martyr.photo.name == ""

    page.locator("input[type=file][name=photo]").set_input_files(str(photo))
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()

    assert page.locator(".errorlist").count() == 0
    martyr.refresh_from_db()
    assert martyr.photo.name.startswith("martyrs/")
    assert not martyr.photo.name.endswith("photo.jpg")
    assert Martyr.objects.get(pk=martyr.pk).photo.size > 0
