"""The publishing status every publicly shown model carries.

Content is written as a draft, submitted for review, and shown on the public site only once a
reviewer has published it. The review workflow itself lives in moqdad.rules and the
admins; this module only holds the states and the manager that filters for the public.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class PublishableQuerySet(models.QuerySet):
    """`public()` is what a visitor may see: published, and under published parents.

    A model shown under other publishable rows (a problem under its neighborhood, a booth in its
    section and edition) names them with `public_manager(...)`; every public page, feed, sitemap,
    search, chart and print document reads through `public()`, and anything public built from a
    related row goes through that row's `public()` too.
    """

    public_parents: tuple[str, ...] = ()
    own_status = True

    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def public(self):
        filters = {
            f"{parent}__status": PublicationStatus.PUBLISHED for parent in self.public_parents
        }
        if self.own_status:
            filters["status"] = PublicationStatus.PUBLISHED
        return self.filter(**filters)


def public_queryset(*parents: str, own_status: bool = True, base=PublishableQuerySet):
    """A queryset class whose `public()` also requires the publishable `parents` published."""
    return type(base.__name__, (base,), {"public_parents": parents, "own_status": own_status})


class Publishable(models.Model):
    status = models.CharField(
        _("publication status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# Services: the only way content changes its publication status (admin actions call them).


def publication_submit(*, obj: Publishable, user) -> Publishable:
    """Send a draft (or an unpublished item) to the reviewers."""
    if obj.status not in (PublicationStatus.DRAFT, PublicationStatus.UNPUBLISHED):
        raise ValidationError(
            _("Only a draft or an unpublished item can be submitted for review."),
            code="not_submittable",
        )
    return _publication_set(obj=obj, user=user, status=PublicationStatus.SUBMITTED)


def publication_publish(*, obj: Publishable, user) -> Publishable:
    """Put an item on the public site; reviewers and organizers only."""
    _require_publisher(user)
    if obj.status == PublicationStatus.PUBLISHED:
        raise ValidationError(_("This item is already published."), code="published")
    obj.published_at = timezone.now()
    return _publication_set(obj=obj, user=user, status=PublicationStatus.PUBLISHED)


def publication_unpublish(*, obj: Publishable, user) -> Publishable:
    """Take an item off the public site; reviewers and organizers only."""
    _require_publisher(user)
    if obj.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("This item is not published."), code="not_published")
    return _publication_set(obj=obj, user=user, status=PublicationStatus.UNPUBLISHED)


def _require_publisher(user) -> None:
    from moqdad.access import can_publish

    if user is not None and not can_publish(user):
        raise PermissionDenied


def _publication_set(*, obj: Publishable, user, status: str) -> Publishable:
    obj.status = status
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    obj._change_reason = str(PublicationStatus(status).label)
    obj.save()
    return obj
