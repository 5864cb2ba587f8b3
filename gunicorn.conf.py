"""gunicorn settings for moqdad: `gunicorn moqdad.wsgi` picks this file up from the project folder.

Chosen by measurement (`make bench-gunicorn`, bench/gunicorn_matrix.py; docs/performance.md,
"gunicorn settings"): threaded workers (gthread), two processes per core, 4 threads each. On
the 2-core machine, with cached pages, the static file, an uncached form, search misses and a
staff PDF served at once (2026-12-01, load average 10-17), sync workers served 0.1-0.2x what
gthread did: every slow request holds a whole process. Among gthread settings, 3 or 4
workers served 3-4x the requests of 2 workers x 4 threads and halved the cached pages' p95:
a thread that renders (a PDF, a search, a page to compress) holds its process's interpreter
lock, and every connection kept on that process waits behind it, so more processes let the
kernel share the cores between slow and fast requests. With 4 workers, 8 threads did no
better than 4, and 3 x 8 (the best by a margin inside the rounds' spread) needs half again
the PostgreSQL connections (app servers x workers x threads). Each extra worker costs about
30 MB (PSS; the application is preloaded and shared). Every value can be
overridden from the environment (GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, ...).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# gthread keeps each keep-alive connection on the worker that accepted it, so a burst of
# connections can land on one worker while the other idles (measured: 32 connections split
# 31/1, and the cached home page ran at half the speed of a 16/16 split). A worker that holds
# this many connections stops accepting and leaves the next ones to the others: the benchmark
# sets it to each worker's share (bench/run.py). In production it stays high (gunicorn's
# default): behind nginx's upstream keep-alive, a cap near the number of clients left a new
# connection (the balancer's /healthz probe) waiting until nginx timed out and took the last
# app server out (the cluster test's failover, 2026-12-01). In the matrix, 1000 and the cap
# served the same within the rounds' spread.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", 1000))

# Phones on a crowded venue network reconnect slowly: keep idle connections a little while.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20

# Load the application once in the master: workers fork with it ready and share its memory.
preload_app = True


def when_ready(server):
    """The master, before it forks: import the migrations too, so that a worker's first /healthz
    (which reads the migration graph) does not import them while it serves visitors."""
    from moqdad.health import load_migration_modules

    load_migration_modules()


# Recycle workers now and then so a slow leak in any dependency cannot grow without bound.
# Measured (bench/gunicorn_matrix.py): a recycle costs the new worker's warm-up (templates,
# connections, local page entries); at 200 requests it cost two thirds of the throughput, at
# 20,000 it comes a hundred times less often, every few minutes per worker.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (gunicorn's own advice)

# Access logs cost a write per request; a load balancer in front usually keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Trust X-Forwarded-* only from the local load balancer unless told otherwise.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
