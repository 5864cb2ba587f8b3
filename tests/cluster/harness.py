"""The cluster test's machinery: real engines started as child processes of the test.

    moto_server      an S3-compatible object store (the media bucket)
    redis-server     a Redis of the cluster's own, on a spare port, so that it can be killed
    PostgreSQL       the machine's server, with a database of the cluster's own, reached through
                     a TCP proxy the test can cut (the database "goes down" for the app only)
    gunicorn  A, B   the app, `gunicorn -c gunicorn.conf.py moqdad.wsgi`, each on its own port
    nginx            Debian's nginx, with deploy/nginx/moqdad-locations.conf included verbatim

Nothing here touches the machine's shared Redis or stops its PostgreSQL; every port is picked
free at start, and everything started is stopped and the database dropped at the end.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE = ROOT / "deploy" / "nginx" / "moqdad.conf"
LOCATIONS = ROOT / "deploy" / "nginx" / "moqdad-locations.conf"
BUCKET_POLICY = ROOT / "deploy" / "s3" / "media-bucket-policy.json"
# The database server the cluster's database is made on (never the CI's `test` database).
POSTGRES_ADMIN_URL = os.environ.get(
    "CLUSTER_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
SECRET_KEY = "cluster-" + secrets.token_urlsafe(40)
BUCKET = "moqdad-media"
S3_KEYS = {"MEDIA_S3_ACCESS_KEY": "cluster-test", "MEDIA_S3_SECRET_KEY": "cluster-test-secret"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            result = condition()
            if result:
                return result
        time.sleep(interval)
    raise TimeoutError(f"{what} not ready after {timeout} s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def http_status(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Service:
    """A child process in its own process group, with its output in a log file."""

    def __init__(self, name: str, argv: list[str], *, env: dict, log_dir: Path, **kwargs):
        self.name, self.argv, self.env, self.kwargs = name, argv, env, kwargs
        self.log_path = log_dir / f"{name}.log"
        self.process = None

    def start(self):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv)
            self.argv,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **self.kwargs,
        )
        log.close()
        return self

    def signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def stop(self, timeout: float = 10) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait(timeout)

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class TcpProxy:
    """Forwards connections to a port; `cut()` drops them all and refuses new ones."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_off = False
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut_off:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                self._close(sock)

    def _close(self, sock: socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
        with self.lock:
            self.sockets.discard(sock)

    def cut(self):
        self.cut_off = True
        with self.lock:
            open_sockets = list(self.sockets)
        for sock in open_sockets:
            self._close(sock)

    def restore(self):
        self.cut_off = False

    def close(self):
        self.cut()
        self.listener.close()


def _balanced_upstream(ports) -> str:
    """deploy/nginx/moqdad.conf's upstream block, its servers replaced by the local ones."""
    block = re.search(r"upstream moqdad_app \{(.*?)\n\}", SITE.read_text(), re.DOTALL)[1]
    lines = [line.strip() for line in block.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    parameters = next(line for line in lines if line.startswith("server ")).split(None, 2)[2]
    servers = [f"server 127.0.0.1:{port} {parameters}" for port in ports]
    body = [*servers, *(line for line in lines if not line.startswith("server "))]
    return "    upstream moqdad_app {\n" + "".join(f"        {line}\n" for line in body) + "    }\n"


def nginx_config(*, directory: Path, port: int, pinned: dict[str, int], upstreams: dict) -> str:
    """An nginx.conf for an unprivileged nginx in `directory`: one balanced server on `port`
    (deploy/nginx/moqdad-locations.conf verbatim) and one per app server on `pinned[name]`
    (the same file, with the balanced upstream swapped for that server alone)."""
    locations = LOCATIONS.read_text()
    blocks = [_balanced_upstream(upstreams.values())]
    for name, app_port in upstreams.items():
        blocks.append(
            f"    upstream moqdad_{name} {{\n        server 127.0.0.1:{app_port};\n"
            "        keepalive 8;\n        keepalive_timeout 4s;\n    }\n"
        )
    for name, listen in [("app", port), *pinned.items()]:
        included = directory / f"locations-{name}.conf"
        included.write_text(
            locations.replace("http://moqdad_app;", f"http://moqdad_{name};").replace(
                "/srv/moqdad/", f"{ROOT}/"
            )
        )
        blocks.append(
            f"    server {{\n        listen 127.0.0.1:{listen};\n"
            f"        include {included};\n    }}\n"
        )
    temp = "".join(
        f"    {kind}_temp_path {directory / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\nerror_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n    include /etc/nginx/mime.types;\n"
        "    log_format cluster '$status $request_method $request_uri "
        'upstream="$upstream_addr" upstream_status="$upstream_status"\';\n'
        f"    access_log {directory / 'access.log'} cluster;\n{temp}" + "".join(blocks) + "}\n"
    )


class Cluster:
    """Everything of one cluster run; `start()` and `stop()` bracket the test session."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="moqdad-cluster-"))
        self.directory.chmod(0o755)
        self.logs = self.directory / "logs"
        self.logs.mkdir()
        self.database = f"moqdad_cluster_{secrets.token_hex(4)}"
        self.extra_databases: list[str] = []
        self.services: dict[str, Service] = {}
        self.app_ports = {"a": free_port(), "b": free_port()}
        self.nginx_port = free_port()
        self.pinned_ports = {"a": free_port(), "b": free_port()}
        self.redis_port = free_port()
        self.s3_port = free_port()
        self.proxy = None

    # Environment

    def postgres_url(self, database: str, *, direct: bool = False) -> str:
        admin = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        if not direct:
            host_port = admin.rsplit("@", 1)[1]
            admin = admin.replace(host_port, f"127.0.0.1:{self.proxy.port}")
        return f"{admin}/{database}".replace("postgresql://", "postgres://", 1)

    def env(self, **overrides) -> dict:
        base = {
            "PATH": f"{BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": str(self.directory),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "moqdad.settings",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.postgres_url(self.database),
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "MEDIA_S3_REGION": "us-east-1",
            **S3_KEYS,
            # Nothing may land here while the bucket is used; the test checks it stays empty.
            "MEDIA_ROOT": str(self.directory / "local-media"),
            "STATIC_ROOT": str(self.directory / "static"),
            # nginx is the one proxy in front of the app servers, as in deploy/nginx/.
            "TRUSTED_PROXY_HOPS": "1",
            "DATABASE_STATEMENT_TIMEOUT": "3",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "8",
            "GUNICORN_ACCESS_LOG": "-",
            "LOG_LEVEL": "WARNING",
        }
        # CLUSTER_APP_ENV="CACHE_URL=locmemcache:// MEDIA_S3_BUCKET=" changes every process
        # of the cluster: how the docstrings' failure checks were made.
        base.update(item.split("=", 1) for item in os.environ.get("CLUSTER_APP_ENV", "").split())
        base.update({key: str(value) for key, value in overrides.items()})
        return {key: value for key, value in base.items() if value != ""}

    def manage(self, *args: str, **overrides) -> str:
        result = subprocess.run(  # noqa: S603 (fixed argv)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**overrides),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    # Engines

    def _service(self, name: str, argv: list[str], env: dict | None = None, **kwargs) -> Service:
        service = Service(name, argv, env=env or self.env(), log_dir=self.logs, **kwargs)
        self.services[name] = service
        return service.start()

    def start_redis(self):
        self._service(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
        )  # fmt: skip
        wait_for(lambda: port_open(self.redis_port), timeout=10, what="redis")

    def start_s3(self):
        self._service("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)])
        wait_for(lambda: port_open(self.s3_port), timeout=30, what="moto_server")
        self.create_bucket(BUCKET)

    def create_bucket(self, name: str) -> None:
        """A media bucket as the README makes one: objects readable by anyone, listing not."""
        client = self.s3()
        client.create_bucket(Bucket=name)
        policy = BUCKET_POLICY.read_text().replace(f":::{BUCKET}/", f":::{name}/")
        client.put_bucket_policy(Bucket=name, Policy=policy)

    def s3(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["MEDIA_S3_ACCESS_KEY"],
            aws_secret_access_key=S3_KEYS["MEDIA_S3_SECRET_KEY"],
        )

    def bucket_objects(self, bucket: str = BUCKET) -> dict[str, bytes]:
        client = self.s3()
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
        return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}

    def sql(self, query: str, params=(), *, database: str | None = None) -> list[tuple]:
        with psycopg.connect(self.postgres_url(database or self.database, direct=True)) as db:
            return db.execute(query, params).fetchall()

    def create_database(self, name: str) -> None:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def start_app(self, name: str) -> None:
        env = self.env(GUNICORN_BIND=f"127.0.0.1:{self.app_ports[name]}")
        self._service(name, [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "moqdad.wsgi"], env)
        url = f"http://127.0.0.1:{self.app_ports[name]}/healthz"
        wait_for(lambda: http_status(url) == 200, timeout=60, what=f"app server {name}")

    def start_nginx(self) -> None:
        directory = self.directory / "nginx"
        directory.mkdir()
        config = directory / "nginx.conf"
        config.write_text(
            nginx_config(
                directory=directory,
                port=self.nginx_port,
                pinned=self.pinned_ports,
                upstreams=self.app_ports,
            )
        )
        argv = ["nginx", "-p", str(directory), "-e", str(directory / "error.log"),
                "-c", str(config), "-g", f"daemon off; pid {directory / 'nginx.pid'};"]  # fmt: skip
        if os.geteuid() == 0:
            # Never as root: the whole nginx runs as nobody in a folder it owns.
            shutil.chown(directory, "nobody", "nogroup")
            for path in directory.iterdir():
                shutil.chown(path, "nobody", "nogroup")
            argv = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *argv]
        self._service("nginx", argv)
        wait_for(lambda: port_open(self.nginx_port), timeout=10, what="nginx")

    def url(self, path: str = "/", via: str = "app") -> str:
        port = self.nginx_port if via == "app" else self.pinned_ports[via]
        return f"http://127.0.0.1:{port}{path}"

    # The whole cluster

    def start(self, seed) -> None:
        self.proxy = TcpProxy(target_port=int(POSTGRES_ADMIN_URL.rsplit(":", 1)[1].split("/")[0]))
        self.start_redis()
        self.start_s3()
        self.create_database(self.database)
        self.manage("migrate", "--noinput", DATABASE_STATEMENT_TIMEOUT=0)
        self.manage("collectstatic", "--noinput", "-v0")
        seed(self)
        for name in self.app_ports:
            self.start_app(name)
        self.start_nginx()

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()
        if self.proxy is not None:
            self.proxy.close()
        for name in [self.database, *self.extra_databases]:
            with contextlib.suppress(psycopg.Error):
                self.drop_database(name)
        if not os.environ.get("CLUSTER_KEEP"):
            shutil.rmtree(self.directory, ignore_errors=True)
