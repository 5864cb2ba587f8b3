"""The copyable nginx site (deploy/nginx/moqdad.conf with its snippet) is valid for Debian's nginx.

The cluster test runs the snippet and the upstream block; this checks the rest of the file as
it would be installed: TLS, the HTTP redirect, the default server. Paths are moved into a scratch
folder and a self-signed certificate stands in for the real one.
"""

import shutil
import subprocess

import pytest

from tests.cluster.harness import LOCATIONS, ROOT, SITE

pytestmark = pytest.mark.cluster


def test_nginx_accepts_the_deploy_site(tmp_path):
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(  # noqa: S603
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=meqdad.example.ir", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (
        SITE.read_text()
        .replace("/etc/nginx/snippets/moqdad-locations.conf", str(LOCATIONS))
        .replace("/etc/letsencrypt/live/meqdad.example.ir/", f"{tmp_path}/")
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "moqdad.conf").write_text(site.replace("/srv/moqdad/", f"{ROOT}/"))
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n"
        f"    include {tmp_path}/moqdad.conf;\n}}\n"
    )

    result = subprocess.run(  # noqa: S603
        [shutil.which("nginx", path="/usr/sbin:/usr/bin"), "-t", "-q", "-p", str(tmp_path),
         "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
