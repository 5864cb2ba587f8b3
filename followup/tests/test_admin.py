"""The commitments' admin: the lifecycle in the form, the "was it done?" answer, the contact
request action, private contact data, and a sheet that exports and imports with the same columns."""

import datetime

import pytest
import tablib
from django.urls import reverse

from exhibition.models import ContactRequest
from exhibition.tests.factories import BoothFactory, ContactRequestFactory
from followup.models import Commitment
from followup.resources import CommitmentResource
from followup.tests.factories import CommitmentFactory
from moqdad.roles import Role
from neighborhoods.tests.factories import AgencyFactory

Status = Commitment.Status
pytestmark = pytest.mark.django_db


def _form_data(commitment, **changes):
    data = {
        "title": commitment.title,
        "kind": commitment.kind,
        "amount": str(commitment.amount or ""),
        "unit": commitment.unit,
        "description": "",
        "neighborhood": commitment.neighborhood_id,
        "problem": commitment.problem_id or "",
        "plan": "",
        "maker_name": commitment.maker_name,
        "maker_organization": commitment.maker_organization,
        "maker_position": "",
        "agency": "",
        "maker_phone": commitment.maker_phone,
        "maker_email": "",
        "status": commitment.status,
        "drop_reason": "",
        "progress_percent": commitment.progress_percent,
        "due_date": "1401/12/10",
        "exhibition": commitment.exhibition_id,
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_admin_refuses_dropping_without_a_reason_in_persian(admin_client_fa, edition):
    commitment = CommitmentFactory(status=Status.AGREED)
    url = reverse("admin:followup_commitment_change", args=[commitment.pk])

    response = admin_client_fa.post(url, _form_data(commitment, status="dropped"))

    assert response.status_code == 200
    assert "بگویید چرا این تعهد کنار گذاشته شد." in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == Status.AGREED


def test_admin_refuses_skipping_from_offered_to_done(admin_client_fa, edition):
    commitment = CommitmentFactory(status=Status.OFFERED)
    url = reverse("admin:followup_commitment_change", args=[commitment.pk])

    response = admin_client_fa.post(url, _form_data(commitment, status="done"))

    assert "تعهد نمی‌تواند از «پیشنهادشده» یکباره «انجام‌شده» شود." in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == Status.OFFERED


def test_admin_marking_done_asks_the_manager_and_keeps_history(admin_client_fa, edition):
    commitment = CommitmentFactory(status=Status.IN_PROGRESS, progress_percent=60)
    url = reverse("admin:followup_commitment_change", args=[commitment.pk])

    response = admin_client_fa.post(url, _form_data(commitment, status="done"))

    commitment.refresh_from_db()
    assert response.status_code == 302
    assert (commitment.progress_percent, commitment.confirmation) == (100, "pending")
    assert commitment.history.latest().history_change_reason == "انجام‌شده"
    history = admin_client_fa.get(
        reverse("admin:followup_commitment_history", args=[commitment.pk])
    )
    assert "انجام‌شده" in history.content.decode()


def test_manager_confirms_it_was_done_from_the_list(client, world):
    commitment = world.a["followup.commitment"]
    commitment.status = Status.DONE
    commitment.save()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse("admin:followup_commitment_changelist"),
        {"action": "confirm_done", "_selected_action": [commitment.pk]},
    )

    commitment.refresh_from_db()
    assert commitment.confirmation == "confirmed"
    assert commitment.confirmed_by == world.accounts[Role.NEIGHBORHOOD_MANAGER]


def test_agency_staff_cannot_confirm_their_own_commitment(client, world):
    commitment = world.a["followup.commitment"]
    commitment.status = Status.DONE
    commitment.save()
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    response = client.post(
        reverse("admin:followup_commitment_changelist"),
        {"action": "confirm_done", "_selected_action": [commitment.pk]},
        follow=True,
    )

    commitment.refresh_from_db()
    assert commitment.confirmation == ""
    assert "به این پرسش فقط مدیر محله پاسخ می‌دهد." in response.content.decode()


def test_contact_request_action_makes_offers_once(admin_client_fa, edition):
    booth = BoothFactory()
    requests = ContactRequestFactory.create_batch(2, booth=booth)
    url = reverse("admin:exhibition_contactrequest_changelist")
    data = {
        "action": "make_commitments",
        "_selected_action": [r.pk for r in requests],
    }

    admin_client_fa.post(url, data)
    response = admin_client_fa.post(url, data, follow=True)

    made = Commitment.objects.filter(contact_request__in=requests)
    assert made.count() == 2
    assert set(made.values_list("status", "booth", "neighborhood")) == {
        ("offered", booth.pk, booth.neighborhood_id)
    }
    assert "پیش‌تر تعهد شده‌اند" in response.content.decode()


def test_contact_request_action_is_not_offered_to_a_booth_holder(client, world):
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    response = client.get(reverse("admin:exhibition_contactrequest_changelist"))

    assert response.status_code == 200
    assert "make_commitments" not in response.content.decode()
    assert ContactRequest.objects.exists()


def test_booth_holder_sees_the_commitment_but_not_the_makers_phone(client, world):
    commitment = world.a["followup.commitment"]
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    html = client.get(
        reverse("admin:followup_commitment_change", args=[commitment.pk])
    ).content.decode()

    assert commitment.title in html
    assert commitment.maker_phone not in html


def test_export_and_import_use_the_same_columns(edition):
    agency = AgencyFactory(name="بنیاد همکار آزمایشی")
    commitment = CommitmentFactory(agency=agency, status=Status.AGREED, progress_percent=0)
    exported = CommitmentResource().export(queryset=Commitment.objects.all())
    row = dict(zip(exported.headers, exported[0], strict=True))
    row["وضعیت"] = "در حال اجرا"
    row["پیشرفت (درصد)"] = "۴۵"
    row["سررسید"] = "۱۴۰۲/۰۱/۲۰"
    sheet = tablib.Dataset([row[h] for h in exported.headers], headers=exported.headers)

    result = CommitmentResource().import_data(sheet)

    commitment.refresh_from_db()
    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert exported.headers == [
        "شناسه",
        "تعهد",
        "نوع",
        "مقدار",
        "واحد",
        "محله",
        "شناسه مسئله",
        "مسئله",
        "دستگاه",
        "متعهد",
        "سازمان",
        "وضعیت",
        "دلیل کنار گذاشتن",
        "پیشرفت (درصد)",
        "سررسید",
    ]
    assert (commitment.status, commitment.progress_percent, str(commitment.due_date)) == (
        "in_progress",
        45,
        "2023-04-09",
    )
    assert commitment.history.count() == 2


def test_import_is_all_or_nothing_and_explains_the_lifecycle(edition):
    good = CommitmentFactory(status=Status.AGREED)
    bad = CommitmentFactory(status=Status.OFFERED)
    exported = CommitmentResource().export(queryset=Commitment.objects.order_by("pk"))
    rows = [dict(zip(exported.headers, values, strict=True)) for values in exported]
    rows[0]["وضعیت"] = "در حال اجرا"
    rows[1]["وضعیت"] = "انجام‌شده"
    sheet = tablib.Dataset(
        *[[row[h] for h in exported.headers] for row in rows], headers=exported.headers
    )

    result = CommitmentResource().import_data(sheet)

    errors = [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert errors == ["تعهد نمی‌تواند از «پیشنهادشده» یکباره «انجام‌شده» شود."]
    assert Commitment.objects.get(pk=good.pk).status == Status.AGREED
    assert Commitment.objects.get(pk=bad.pk).status == Status.OFFERED


def test_admin_home_lists_overdue_commitments_for_their_manager_only(client, world):
    own = world.a["followup.commitment"]
    own.due_date = datetime.date(2023, 1, 1)
    own.save()
    other = world.b["followup.commitment"]
    other.due_date = datetime.date(2023, 1, 1)
    other.save()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    html = client.get("/admin/").content.decode()

    start = html.index('id="home-commitments-due"')
    panel = html[start : html.index("</section>", start)]
    assert f'<li class="home-alert"><a href="/admin/followup/commitment/{own.pk}/change/">' in panel
    assert other.title not in panel


def test_partner_updates_its_own_commitments_from_a_sheet_and_no_one_elses(world):
    staff = world.accounts[Role.AGENCY_STAFF]
    own, other = world.a["followup.commitment"], world.b["followup.commitment"]
    exported = CommitmentResource().export(queryset=Commitment.objects.filter(pk=own.pk))
    row = dict(zip(exported.headers, exported[0], strict=True))
    row["وضعیت"] = "در حال اجرا"
    row["پیشرفت (درصد)"] = "60"
    foreign = {**row, "شناسه": other.pk, "محله": other.neighborhood.name, "شناسه مسئله": ""}

    alone = CommitmentResource().import_data(
        tablib.Dataset([row[h] for h in exported.headers], headers=exported.headers),
        user=staff,
    )
    own.refresh_from_db()
    mixed = CommitmentResource().import_data(
        tablib.Dataset(
            [row[h] for h in exported.headers],
            [foreign[h] for h in exported.headers],
            headers=exported.headers,
        ),
        user=staff,
    )

    assert (alone.has_errors(), alone.has_validation_errors()) == (False, False)
    assert (own.status, own.progress_percent) == ("in_progress", 60)
    assert mixed.has_validation_errors() or mixed.has_errors()
    assert Commitment.objects.get(pk=other.pk).status == other.status
