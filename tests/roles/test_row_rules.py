"""Cross-owner attempts and private data, through the admin a person would use."""

import tablib
from django.contrib import admin
from django.urls import reverse

from exhibition.models import ScheduleItem
from exhibition.resources import ScheduleItemResource
from moqdad.imports import AllOrNothingResource
from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.models import Neighborhood, Problem, ProfileIndicator


def _autocomplete(client, app_label, model_name, field_name, term=""):
    return client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def test_autocomplete_offers_a_manager_only_their_neighborhood(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    response = _autocomplete(client, "martyrs", "martyr", "neighborhood")

    ids = [int(result["id"]) for result in response.json()["results"]]
    assert ids == [world.a["neighborhoods.neighborhood"].pk]


def test_autocomplete_offers_agency_staff_only_their_agency(world, client):
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    response = _autocomplete(client, "exhibition", "scheduleitem", "agency")

    ids = [int(result["id"]) for result in response.json()["results"]]
    assert ids == [world.a["neighborhoods.agency"].pk]


def test_autocomplete_is_refused_to_a_booth_holder(world, client):
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    response = _autocomplete(client, "martyrs", "martyr", "neighborhood")

    assert response.status_code == 403


def test_foreign_key_choices_hold_only_the_managers_neighborhood(world, rf_user):
    request = rf_user(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    problem_admin = admin.site._registry[Problem]

    form = problem_admin.get_form(request)()

    assert list(form.fields["neighborhood"].queryset) == [world.a["neighborhoods.neighborhood"]]


def test_manager_cannot_add_a_problem_to_another_neighborhood(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    other = world.b["neighborhoods.neighborhood"]

    response = client.post(
        reverse("admin:neighborhoods_problem_add"),
        {
            "neighborhood": other.pk,
            "category": Problem.Category.SOCIAL,
            "title": "مسئله دیگران",
            "progress": Problem.Status.IDENTIFIED,
            "plans-TOTAL_FORMS": "0",
            "plans-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert Problem.objects.filter(title="مسئله دیگران").exists() is False


def test_manager_cannot_post_changes_to_another_neighborhoods_problem(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    problem = world.b["neighborhoods.problem"]

    response = client.post(
        reverse("admin:neighborhoods_problem_change", args=[problem.pk]),
        {"neighborhood": problem.neighborhood_id, "category": "social", "title": "ربوده"},
    )

    problem.refresh_from_db()
    assert response.status_code == 404
    assert problem.title != "ربوده"


def test_manager_cannot_delete_another_neighborhoods_problem(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    problem = world.b["neighborhoods.problem"]

    response = client.post(
        reverse("admin:neighborhoods_problem_delete", args=[problem.pk]), {"post": "yes"}
    )

    assert response.status_code == 404
    assert Problem.objects.filter(pk=problem.pk).exists() is True


def test_bulk_delete_reaches_only_own_rows(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    own, other = world.a["neighborhoods.problem"], world.b["neighborhoods.problem"]

    client.post(
        reverse("admin:neighborhoods_problem_changelist"),
        {"action": "delete_selected", "_selected_action": [own.pk, other.pk], "post": "yes"},
    )

    assert list(Problem.objects.filter(pk__in=[own.pk, other.pk])) == [other]


def test_auditor_is_offered_no_action_that_writes(world, client):
    client.force_login(world.accounts[Role.AUDITOR])

    response = client.get(reverse("admin:exhibition_contactrequest_changelist"))

    assert response.status_code == 200
    assert response.context["action_form"] is None


def test_booth_holder_marks_own_request_handled_but_not_another(world, client):
    client.force_login(world.accounts[Role.BOOTH_HOLDER])
    own, other = world.a["exhibition.contactrequest"], world.b["exhibition.contactrequest"]

    client.post(
        reverse("admin:exhibition_contactrequest_changelist"),
        {"action": "mark_handled", "_selected_action": [own.pk, other.pk]},
    )

    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("handled", "new")
    assert own.history.latest().history_user == world.accounts[Role.BOOTH_HOLDER]


def _schedule_dataset(**row):
    headers = [
        "id", "edition", "day", "start_time", "end_time", "place_kind", "hall", "booth",
        "kind", "title", "speakers", "description", "neighborhood", "agency", "status",
    ]  # fmt: skip
    values = {
        "id": "", "edition": "1401", "day": "1401/08/10", "start_time": "17:00",
        "end_time": "17:30", "place_kind": "hall", "hall": "سالن اصلی", "booth": "",
        "kind": "speech", "title": "سخنرانی وارداتی", "speakers": "", "description": "",
        "neighborhood": "", "agency": "", "status": "draft",
    }  # fmt: skip
    values.update(row)
    return tablib.Dataset([values[h] for h in headers], headers=headers)


def test_import_row_targeting_another_agencys_item_is_an_error(world):
    staff = world.accounts[Role.AGENCY_STAFF]
    other = world.b["exhibition.scheduleitem"]
    dataset = _schedule_dataset(id=str(other.pk), agency=other.agency.name, title="بازنویسی")

    result = ScheduleItemResource().import_data(dataset, dry_run=False, user=staff)

    other.refresh_from_db()
    assert result.has_validation_errors() is True
    assert other.title != "بازنویسی"


def test_import_row_creating_an_item_for_another_agency_is_an_error(world):
    staff = world.accounts[Role.AGENCY_STAFF]
    dataset = _schedule_dataset(agency=world.b["neighborhoods.agency"].name)

    result = ScheduleItemResource().import_data(dataset, dry_run=False, user=staff)

    assert result.has_validation_errors() is True
    assert ScheduleItem.objects.filter(title="سخنرانی وارداتی").exists() is False


def test_import_row_for_own_agency_is_saved_as_a_draft_even_if_marked_published(world):
    staff = world.accounts[Role.AGENCY_STAFF]
    dataset = _schedule_dataset(agency=world.a["neighborhoods.agency"].name, status="published")

    result = ScheduleItemResource().import_data(dataset, dry_run=False, user=staff)

    assert result.has_validation_errors() is True
    assert ScheduleItem.objects.filter(title="سخنرانی وارداتی").exists() is False


def test_import_row_for_own_agency_is_saved(world):
    staff = world.accounts[Role.AGENCY_STAFF]
    dataset = _schedule_dataset(agency=world.a["neighborhoods.agency"].name)

    result = ScheduleItemResource().import_data(dataset, dry_run=False, user=staff)

    assert result.has_validation_errors() is False
    assert (
        ScheduleItem.objects.get(title="سخنرانی وارداتی").agency == world.a["neighborhoods.agency"]
    )


def test_every_importing_admin_checks_each_row_owner():
    resource_classes = [
        resource_class
        for model_admin in admin.site._registry.values()
        if hasattr(model_admin, "get_import_resource_classes")
        for resource_class in model_admin.resource_classes
    ]

    assert resource_classes != []
    assert [r for r in resource_classes if not issubclass(r, AllOrNothingResource)] == []


def test_reviewer_sees_no_council_member_phone(world, client):
    member = world.a["neighborhoods.councilmember"]
    client.force_login(world.accounts[Role.REVIEWER])

    page = client.get(reverse("admin:neighborhoods_councilmember_change", args=[member.pk]))
    listing = client.get(reverse("admin:neighborhoods_councilmember_changelist"))

    assert page.status_code == 200
    assert member.phone not in page.content.decode()
    assert member.address not in page.content.decode()
    assert member.phone not in listing.content.decode()


def test_manager_sees_own_council_member_phone(world, client):
    member = world.a["neighborhoods.councilmember"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    page = client.get(reverse("admin:neighborhoods_councilmember_change", args=[member.pk]))

    assert member.phone in page.content.decode()


def test_reviewer_cannot_filter_council_members_by_phone(world, client):
    member = world.a["neighborhoods.councilmember"]
    client.force_login(world.accounts[Role.REVIEWER])

    response = client.get(
        reverse("admin:neighborhoods_councilmember_changelist"), {"phone": member.phone}
    )

    assert response.status_code == 400


def test_council_member_phone_change_is_not_in_the_reviewers_history(world, client):
    member = world.a["neighborhoods.councilmember"]
    member.phone = "09350000000"
    member.save()
    client.force_login(world.accounts[Role.REVIEWER])

    response = client.get(reverse("admin:neighborhoods_councilmember_history", args=[member.pk]))

    assert response.status_code == 200
    assert "09350000000" not in response.content.decode()


def test_booth_holder_sees_the_visitors_email_and_the_auditor_does_not(world, client):
    request = world.a["exhibition.contactrequest"]
    url = reverse("admin:exhibition_contactrequest_change", args=[request.pk])

    client.force_login(world.accounts[Role.BOOTH_HOLDER])
    holder_page = client.get(url).content.decode()
    client.force_login(world.accounts[Role.AUDITOR])
    auditor_page = client.get(url).content.decode()

    assert request.email in holder_page
    assert request.email not in auditor_page


def test_social_harm_figures_are_hidden_from_the_reviewer(world, client):
    harm = world.a["social_harm"]
    client.force_login(world.accounts[Role.REVIEWER])

    listing = client.get(reverse("admin:neighborhoods_profileindicator_changelist"))
    page = client.get(reverse("admin:neighborhoods_profileindicator_change", args=[harm.pk]))

    shown = {row.pk for row in listing.context["cl"].result_list}
    assert harm.pk not in shown
    assert page.status_code == 404


def test_social_harm_figures_are_hidden_in_the_reviewers_neighborhood_page(world, client):
    neighborhood = world.a["neighborhoods.neighborhood"]
    client.force_login(world.accounts[Role.REVIEWER])

    page = client.get(reverse("admin:neighborhoods_neighborhood_change", args=[neighborhood.pk]))

    assert page.status_code == 200
    assert "اعتیاد" not in page.content.decode()


def test_manager_sees_own_social_harm_figures(world, client):
    harm = world.a["social_harm"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    page = client.get(reverse("admin:neighborhoods_profileindicator_change", args=[harm.pk]))

    assert page.status_code == 200
    assert ProfileIndicator.objects.get(pk=harm.pk).kind == "social_harm"


def test_manager_cannot_give_another_account_management_of_a_neighborhood(world, client):
    neighborhood = world.a["neighborhoods.neighborhood"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    page = client.get(reverse("admin:neighborhoods_neighborhood_change", args=[neighborhood.pk]))

    assert "managers" not in page.context["adminform"].form.fields
    assert list(Neighborhood.objects.get(pk=neighborhood.pk).managers.all()) == [
        world.accounts[Role.NEIGHBORHOOD_MANAGER]
    ]


def test_status_field_is_read_only_for_a_manager(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    page = client.get(reverse("admin:neighborhoods_problem_add"))

    assert "status" not in page.context["adminform"].form.fields


def test_manager_adding_with_status_published_gets_a_draft(world, client):
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse("admin:neighborhoods_problem_add"),
        {
            "neighborhood": world.a["neighborhoods.neighborhood"].pk,
            "category": Problem.Category.SOCIAL,
            "title": "مسئله تازه",
            "progress": Problem.Status.IDENTIFIED,
            "status": PublicationStatus.PUBLISHED,
            "plans-TOTAL_FORMS": "0",
            "plans-INITIAL_FORMS": "0",
        },
    )

    assert Problem.objects.get(title="مسئله تازه").status == PublicationStatus.DRAFT


def test_organizer_never_sees_superusers(world, client, superuser):
    client.force_login(world.accounts[Role.ORGANIZER])

    response = client.get(reverse("admin:auth_user_change", args=[superuser.pk]))

    assert response.status_code == 404


def test_organizer_cannot_make_an_account_superuser(world, client):
    client.force_login(world.accounts[Role.ORGANIZER])
    account = world.accounts[Role.AUDITOR]

    page = client.get(reverse("admin:auth_user_change", args=[account.pk]))

    fields = page.context["adminform"].form.fields
    assert ("is_superuser" in fields, "user_permissions" in fields, "groups" in fields) == (
        False,
        False,
        True,
    )
