import datetime

import factory

from martyrs.models import CorrectionSuggestion, Martyr, VeteranTally
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory


class MartyrFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Martyr

    first_name = "مهدی"
    last_name = factory.Sequence(lambda n: f"شهیدی{n}")
    father_name = "حسین"
    category = Martyr.Category.SACRED_DEFENCE
    martyrdom_date = datetime.date(1986, 2, 10)
    neighborhood = factory.SubFactory(NeighborhoodFactory)
    status = PublicationStatus.PUBLISHED


class VeteranTallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VeteranTally

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    kind = VeteranTally.Kind.DISABLED
    count = 12


class CorrectionSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectionSuggestion

    martyr = factory.SubFactory(MartyrFactory)
    name = "خانواده شهید"
    contact = "family@example.com"
    message = "تاریخ شهادت درست نیست."
