"""gunicorn settings for moqdad: `gunicorn moqdad.wsgi` picks this file up from the project folder.

Tuned on the project's 2-core machine with `make bench` (README, "Performance"): threaded
workers (gthread), one process per core and a few threads each. Pages spend part of their
time waiting on PostgreSQL and Redis, so threads keep a core busy while another request
waits; more processes than cores only add context switches and memory, more threads than
~4 per process only add contention on the interpreter lock. Every value can be overridden
from the environment (GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, ...).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# gthread keeps each keep-alive connection on the worker that accepted it, so a burst of
# connections can land on one worker while the other idles (measured: 32 connections split
# 31/1, and the cached home page ran at half the speed of a 16/16 split). A worker that holds
# this many connections stops accepting and leaves the next ones to the others: the benchmark
# sets it to each worker's share (bench/run.py). In production it stays high (gunicorn's
# default): behind nginx's upstream keep-alive, a cap near the number of clients left a new
# connection (the balancer's /healthz probe) waiting until nginx timed out and took the last
# app server out (the cluster test's failover, 2026-12-01).
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
