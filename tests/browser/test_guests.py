"""guests (#15): a guest answers on a phone and downloads the card; door staff check guests in
by typing the code and by showing the card's QR code to the camera (Chromium's fake camera
reads a video made from the card's QR image)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from exhibition.qr import url_qr_png
from exhibition.tests.pdf_text import has_phrase, pdf_pages
from tests.browser.conftest import CHROMIUM_ARGS, PHONE, PageWatch, assert_rtl_without_overflow

PASSWORD = "a-Long-door-pass-1401"


def _edition_running_today():
    from exhibition.tests.factories import edition_1401

    edition = edition_1401()
    today = timezone.localdate()
    edition.start_date = today - datetime.timedelta(days=1)
    edition.end_date = today + datetime.timedelta(days=3)
    edition.first_day_opens_at = None
    edition.save()
    return edition, today


def _door_staff(django_user_model):
    from moqdad.role_groups import sync_role_groups
    from moqdad.roles import GROUP_NAMES, Role

    if not Group.objects.filter(name=GROUP_NAMES[Role.DOOR_STAFF]).exists():
        from django.apps import apps

        sync_role_groups(apps)
    user = django_user_model.objects.create_user("door", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.DOOR_STAFF]))
    return user


def _login(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill("door")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_guest_accepts_on_a_phone_picks_a_slot_and_downloads_the_card(
    watched_page, live_server, screenshot, tmp_path, axe
):
    from guests.models import Invitation
    from guests.tests.factories import InvitationFactory, VisitSlotFactory

    edition, today = _edition_running_today()
    day = today + datetime.timedelta(days=1)
    slot = VisitSlotFactory(exhibition=edition, day=day, capacity=5)
    invitation = InvitationFactory(exhibition=edition, guest__name="دکتر زهرا حسینی")
    page = watched_page
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/invitation/{invitation.token}/")
    assert page.locator(".rsvp__name").inner_text() == "دکتر زهرا حسینی"
    assert_rtl_without_overflow(page)
    assert axe(page) == []
    page.locator("input[name=answer][value=accept]").check()
    page.locator("#id_day").select_option(day.isoformat())
    page.locator("#id_slot").select_option(str(slot.pk))
    page.locator(".rsvp__form button[type=submit]").click()
    page.wait_for_load_state()

    assert "ثبت شد" in page.locator(".message").first.inner_text()
    assert_rtl_without_overflow(page)
    screenshot(page, "rsvp-accepted-phone")
    with page.expect_download() as download_info:
        page.locator(".rsvp__downloads a").first.click()
    path = tmp_path / "card.pdf"
    download_info.value.save_as(path)
    text = pdf_pages(path.read_bytes())[0]
    assert has_phrase(text, "دکتر زهرا حسینی")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.slot_id) == (Invitation.Status.ACCEPTED, slot.pk)


@pytest.mark.django_db(transaction=True)
def test_door_staff_check_a_guest_in_by_typing_the_code(
    watched_page, live_server, django_user_model, screenshot, axe
):
    from guests.tests.factories import InvitationFactory

    edition, _today = _edition_running_today()
    invitation = InvitationFactory(
        exhibition=edition, guest__name="مهندس امیر رستمی", guest__title="شهردار منطقه"
    )
    _door_staff(django_user_model)
    page = watched_page
    page.set_viewport_size(PHONE)
    _login(page, live_server.url)

    page.goto(live_server.url + "/door/")
    assert_rtl_without_overflow(page)
    assert axe(page) == []
    page.locator("#door-code").fill(invitation.display_short_code.lower())
    page.locator("#door-code").press("Enter")

    result = page.locator("#door-result")
    page.locator("#door-result[data-outcome=welcome]").wait_for()
    assert "مهندس امیر رستمی" in result.inner_text()
    assert "شهردار منطقه" in result.inner_text()
    screenshot(page, "door-welcome-phone")

    page.locator("#door-code").fill(invitation.short_code)
    page.locator("#door-code").press("Enter")
    page.locator("#door-result[data-outcome=already]").wait_for()


def _fake_camera_video(png: bytes, path) -> None:
    """A few seconds of 640x480 Y4M video of the QR code on white (Chromium's fake camera)."""
    import io

    qr = Image.open(io.BytesIO(png)).convert("L")
    qr.thumbnail((420, 420))
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    ycbcr = Image.merge("RGB", [frame] * 3).convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (320, 240)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with open(path, "wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(30):
            out.write(b"FRAME\n" + planes)


@pytest.mark.django_db(transaction=True)
def test_door_staff_check_a_guest_in_by_showing_the_card_to_the_camera(
    browser_type, browser_type_launch_args, live_server, django_user_model, tmp_path, screenshot
):
    from guests.printing import invitation_url
    from guests.tests.factories import InvitationFactory

    edition, _today = _edition_running_today()
    invitation = InvitationFactory(exhibition=edition, guest__name="آیت‌الله محمد طاهری")
    _door_staff(django_user_model)
    video = tmp_path / "card.y4m"
    _fake_camera_video(url_qr_png(invitation_url(invitation)), video)
    browser = browser_type.launch(
        executable_path=browser_type_launch_args["executable_path"],
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = browser.new_context(viewport=PHONE, locale="fa-IR", permissions=["camera"])
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch(page, live_server.url.split("//", 1)[1])
        _login(page, live_server.url)
        page.goto(live_server.url + "/door/")

        page.locator("#door-camera-start").click()
        page.locator("#door-result[data-outcome=welcome]").wait_for()

        assert "آیت‌الله محمد طاهری" in page.locator("#door-result").inner_text()
        screenshot(page, "door-camera-welcome-phone")
        watch.assert_clean()
    finally:
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_an_offline_door_refuses_a_forged_card_queues_a_genuine_one_and_syncs_it_once(
    page, live_server, django_user_model
):
    from guests import codes
    from guests.models import CheckIn, Scan
    from guests.tests.factories import InvitationFactory

    edition, _today = _edition_running_today()
    invitation = InvitationFactory(exhibition=edition, guest__name="دکتر نرگس کاظمی")
    _door_staff(django_user_model)
    page.set_viewport_size(PHONE)
    _login(page, live_server.url)
    page.goto(live_server.url + "/door/")
    forged = invitation.short_code[:6] + ("0000" if invitation.short_code[6:] != "0000" else "1111")

    page.context.set_offline(True)
    page.locator("#door-code").fill(forged)
    page.locator("#door-code").press("Enter")
    page.locator("#door-result[data-outcome=forged]").wait_for()
    page.locator("#door-code").fill(codes.display_short_code(invitation.short_code))
    page.locator("#door-code").press("Enter")
    page.locator("#door-result[data-outcome=queued]").wait_for()
    assert page.locator("#door-queued").inner_text() == "۲"
    assert CheckIn.objects.count() == 0

    page.context.set_offline(False)
    page.locator("#door-queued", has_text="۰").wait_for()

    assert CheckIn.objects.get().guest == invitation.guest
    assert sorted(Scan.objects.values_list("outcome", "was_offline")) == [
        ("forged", True),
        ("welcome", True),
    ]
