"""Django's JSON serialization without its rounding of times to milliseconds.

`DjangoJSONEncoder` follows ECMA-262 and cuts datetimes and times to three decimals, so a
`dumpdata` → `loaddata` round trip changes every `auto_now` timestamp. A backup must give back
what it took, so it writes with this encoder; the standard JSON deserializer reads the result.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.utils.timezone import is_aware

__all__ = ["Deserializer", "PreciseJSONEncoder", "Serializer"]


class PreciseJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = PreciseJSONEncoder
