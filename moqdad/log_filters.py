"""What the server log keeps of a refused request: one line, not a traceback.

Django logs every 400 and 403 with the exception that caused it, so a scan of the site writes a
traceback per refused probe (4,591 in one). A client error is the client's doing: the status,
the reason and the path, which the message already holds, are all a reader needs. Tracebacks
stay for the 5xx, where they point at a bug.
"""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
