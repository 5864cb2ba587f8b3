"""Review before publishing, history with restore, and login protection."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.models import Problem

from .conftest import PASSWORD

PUBLIC_MODELS = ["neighborhoods.neighborhood", "martyrs.martyr", "exhibition.booth"]


def _changelist(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")


def _run_action(client, obj, action):
    return client.post(_changelist(obj), {"action": action, "_selected_action": [obj.pk]})


@pytest.mark.parametrize("label", PUBLIC_MODELS)
@pytest.mark.parametrize("status", ["draft", "submitted", "unpublished"])
def test_unpublished_content_is_not_found_on_the_public_site(label, status, world, client):
    obj = world.a[label]
    obj.status = status
    obj.save()

    response = client.get(obj.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("label", PUBLIC_MODELS)
def test_reviewer_publishing_makes_content_visible(label, world, client):
    obj = world.a[label]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    _run_action(client, obj, "submit_for_review")
    client.logout()
    in_review = client.get(obj.get_absolute_url()).status_code
    client.force_login(world.accounts[Role.REVIEWER])

    _run_action(client, obj, "publish")
    client.logout()

    obj.refresh_from_db()
    assert in_review == 404
    assert obj.status == PublicationStatus.PUBLISHED
    assert client.get(obj.get_absolute_url()).status_code == 200


def test_manager_cannot_publish(world, client):
    problem = world.a["neighborhoods.problem"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    _run_action(client, problem, "publish")

    problem.refresh_from_db()
    assert problem.status == PublicationStatus.DRAFT


def test_reviewer_unpublishing_takes_content_offline(world, client):
    martyr = world.a["martyrs.martyr"]
    martyr.status = PublicationStatus.PUBLISHED
    martyr.save()
    client.force_login(world.accounts[Role.REVIEWER])

    _run_action(client, martyr, "unpublish")
    client.logout()

    assert client.get(martyr.get_absolute_url()).status_code == 404


def test_published_item_is_read_only_for_its_manager(world, client):
    problem = world.a["neighborhoods.problem"]
    problem.status = PublicationStatus.PUBLISHED
    problem.save()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    url = reverse("admin:neighborhoods_problem_change", args=[problem.pk])

    page = client.get(url)
    post = client.post(
        url,
        {"neighborhood": problem.neighborhood_id, "category": "social", "title": "ویرایش زنده"},
    )

    problem.refresh_from_db()
    assert page.context["has_change_permission"] is False
    assert post.status_code == 403
    assert problem.title != "ویرایش زنده"


def test_members_of_a_published_council_are_locked_for_the_manager(world, rf_user):
    from django.contrib import admin

    member = world.a["neighborhoods.councilmember"]
    member.council.status = PublicationStatus.PUBLISHED
    member.council.save()
    request = rf_user(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    allowed = admin.site._registry[type(member)].has_change_permission(request, member)

    assert allowed is False


def test_unpublished_edit_then_reviewer_publishes_it(world, client):
    problem = world.a["neighborhoods.problem"]
    problem.status = PublicationStatus.PUBLISHED
    problem.save()
    client.force_login(world.accounts[Role.REVIEWER])
    _run_action(client, problem, "unpublish")
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse("admin:neighborhoods_problem_change", args=[problem.pk]),
        {
            "neighborhood": problem.neighborhood_id,
            "category": "social",
            "title": "عنوان اصلاح‌شده",
            "progress": "identified",
            "plans-TOTAL_FORMS": "0",
            "plans-INITIAL_FORMS": "0",
        },
    )
    _run_action(client, problem, "submit_for_review")
    client.force_login(world.accounts[Role.REVIEWER])
    _run_action(client, problem, "publish")

    problem.refresh_from_db()
    assert (problem.title, problem.status) == ("عنوان اصلاح‌شده", PublicationStatus.PUBLISHED)


def _edit_problem(client, problem, title):
    return client.post(
        reverse("admin:neighborhoods_problem_change", args=[problem.pk]),
        {
            "neighborhood": problem.neighborhood_id,
            "category": problem.category,
            "title": title,
            "progress": problem.progress,
            "plans-TOTAL_FORMS": "0",
            "plans-INITIAL_FORMS": "0",
        },
    )


def test_every_admin_change_is_recorded_with_who(world, client):
    problem = world.a["neighborhoods.problem"]
    manager = world.accounts[Role.NEIGHBORHOOD_MANAGER]
    client.force_login(manager)

    _edit_problem(client, problem, "عنوان دوم")

    latest = problem.history.latest()
    assert (latest.title, latest.history_user, latest.history_type) == ("عنوان دوم", manager, "~")


def test_restoring_a_history_version_brings_back_the_earlier_values(world, client):
    problem = world.a["neighborhoods.problem"]
    first_title = problem.title
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    _edit_problem(client, problem, "عنوان دوم")
    first_version = problem.history.earliest()
    revert_url = reverse(
        "admin:neighborhoods_problem_simple_history", args=[problem.pk, first_version.history_id]
    )

    page = client.get(revert_url)
    client.post(
        revert_url,
        {
            "neighborhood": problem.neighborhood_id,
            "category": problem.category,
            "title": page.context["adminform"].form.initial["title"],
            "progress": problem.progress,
        },
    )

    problem.refresh_from_db()
    assert problem.title == first_title
    assert problem.history.count() == 3


def test_restoring_an_old_published_version_does_not_publish(world, client):
    problem = world.a["neighborhoods.problem"]
    problem.status = PublicationStatus.PUBLISHED
    problem.save()
    problem.status = PublicationStatus.UNPUBLISHED
    problem.save()
    published_version = problem.history.filter(status=PublicationStatus.PUBLISHED).latest()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse(
            "admin:neighborhoods_problem_simple_history",
            args=[problem.pk, published_version.history_id],
        ),
        {
            "neighborhood": problem.neighborhood_id,
            "category": problem.category,
            "title": problem.title,
            "progress": problem.progress,
        },
    )

    problem.refresh_from_db()
    assert problem.status == PublicationStatus.UNPUBLISHED


def test_another_owners_history_is_not_visible(world, client):
    problem = world.b["neighborhoods.problem"]
    version = problem.history.earliest()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    listing = client.get(reverse("admin:neighborhoods_problem_history", args=[problem.pk]))
    revert = client.get(
        reverse("admin:neighborhoods_problem_simple_history", args=[problem.pk, version.history_id])
    )

    assert listing.status_code in (403, 404)
    assert revert.status_code == 404


def test_another_owners_deleted_record_history_is_not_visible(world, client):
    problem = world.b["neighborhoods.problem"]
    pk = problem.pk
    problem.delete()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    listing = client.get(reverse("admin:neighborhoods_problem_history", args=[pk]))

    assert listing.status_code in (403, 404)


def test_auditor_reads_history_but_cannot_restore(world, client):
    problem = world.a["neighborhoods.problem"]
    version = problem.history.earliest()
    client.force_login(world.accounts[Role.AUDITOR])
    url = reverse(
        "admin:neighborhoods_problem_simple_history", args=[problem.pk, version.history_id]
    )

    page = client.get(url)
    post = client.post(
        url, {"neighborhood": problem.neighborhood_id, "category": "social", "title": "بازگردانی"}
    )

    problem.refresh_from_db()
    assert page.status_code == 200
    assert post.status_code == 403
    assert problem.title != "بازگردانی"


def test_publishing_is_recorded_with_the_reviewer(world, client):
    problem = world.a["neighborhoods.problem"]
    reviewer = world.accounts[Role.REVIEWER]
    client.force_login(reviewer)

    _run_action(client, problem, "publish")

    latest = problem.history.latest()
    assert (latest.status, latest.history_user) == (PublicationStatus.PUBLISHED, reviewer)


def test_bulk_delete_keeps_history(world, client):
    problem = world.a["neighborhoods.problem"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        _changelist(problem),
        {"action": "delete_selected", "_selected_action": [problem.pk], "post": "yes"},
    )

    deleted = Problem.history.filter(id=problem.pk).latest()
    assert (deleted.history_type, deleted.history_user) == (
        "-",
        world.accounts[Role.NEIGHBORHOOD_MANAGER],
    )


def _login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
    )


def test_repeated_bad_passwords_lock_the_account_even_for_the_right_password(world, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "auditor", "wrong-password")

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_the_cool_off(world, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "auditor", "wrong-password")
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - cool_off - datetime.timedelta(seconds=1)
    )

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == world.accounts[Role.AUDITOR].pk


def test_fewer_bad_passwords_than_the_limit_do_not_lock(world, client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "auditor", "wrong-password")

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == 302


def test_staff_session_expires_after_a_working_day(world, client):
    _login(client, "auditor", PASSWORD)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert int(cookie["max-age"]) == 8 * 60 * 60
