"""A small HTTP client for the cluster test: cookies, forms, uploads, and a source address.

Every loopback address (127.0.0.0/8) reaches nginx, so each simulated visitor can come from an
address of its own: nginx writes it into X-Forwarded-For exactly as it would a phone's, and the
app reads it back with TRUSTED_PROXY_HOPS=1, as in production.
"""

import html
import http.client
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class Browser:
    def __init__(self, *, source: str = "127.0.0.1"):
        self.source = source
        self.cookies: dict[str, str] = {}

    def request(self, method, url, *, body=None, headers=None, timeout=30) -> Response:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=timeout, source_address=(self.source, 0)
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, data, url)

    def get(self, url, **kwargs) -> Response:
        return self.request("GET", url, **kwargs)

    def post(self, url, fields: list[tuple[str, str]], files=None, **kwargs) -> Response:
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request(
            "POST", url, body=body, headers={"Content-Type": content_type}, **kwargs
        )

    def submit(self, url, form_id=None, *, change=None, files=None, **kwargs) -> Response:
        """GET the page, fill its form as a browser would (every field as it is, `change`
        replacing some) and POST it to the form's action."""
        page = self.get(url)
        assert page.status == 200, (page.status, url)
        form = read_form(page.text, form_id)
        change = change or {}
        fields = [(name, value) for name, value in form.fields if name not in change]
        fields += list(change.items())
        return self.post(urljoin(url, form.action or url), fields, files, **kwargs)


def multipart(fields, files) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    chunks = []
    for name, value in fields:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, content, content_type) in files.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]]


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.forms, self.current = form_id, [], None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"id": attrs.get("id"), "action": attrs.get("action", ""), "fields": []}
            self.forms.append(self.current)
        elif self.current is None or "disabled" in attrs:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.current["fields"].append((attrs["name"], attrs.get("value") or default))
        elif tag == "select" and attrs.get("name"):
            self.select = (attrs["name"], "multiple" in attrs, [])
        elif tag == "option" and self.select is not None:
            self.select[2].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None:
            name, multiple, options = self.select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self.current["fields"] += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.current["fields"].append((name, text.removeprefix("\n")))
            self.textarea = None


def read_form(page: str, form_id=None) -> Form:
    """The form with that id, or (with a name starting "field:") the one with that field."""
    reader = _FormReader(form_id)
    reader.feed(page)
    if form_id and form_id.startswith("field:"):
        field = form_id.removeprefix("field:")
        forms = [form for form in reader.forms if field in dict(form["fields"])]
    else:
        forms = [form for form in reader.forms if form_id is None or form["id"] == form_id]
    assert forms, f"no form {form_id!r} on the page"
    form = forms[0]
    return Form(html.unescape(form["action"]), form["fields"])
