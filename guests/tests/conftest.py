import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def live_edition(edition):
    """The 1401 edition moved to run from yesterday to three days from now: invitations are
    open and today is one of its days."""
    today = timezone.localdate()
    edition.start_date = today - datetime.timedelta(days=1)
    edition.end_date = today + datetime.timedelta(days=3)
    edition.first_day_opens_at = None
    edition.save()
    return edition
