"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

Every value can be changed from the environment, so one file serves a laptop
(make prod-local), the benchmarks and a real server.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent

wsgi_app = "wsgi:application"
# site/ holds settings, urls and wsgi; it is not a package (Python reserves
# the name `site`), so it goes on the import path. wsgi.py defaults to
# settings.production.
chdir = str(ROOT)
pythonpath = str(ROOT / "site")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# A process per core for CPU, threads so a process keeps working while one
# request waits on PostgreSQL or Redis. Each thread holds one database
# connection. Fewer, fuller processes beat gunicorn's usual 2 x cores + 1
# here: what each process keeps (pages, fragments, routes, the generation it
# read) serves more requests, and the cores switch between fewer heaps. On
# two cores, 2 x 8 against 5 x 4 in alternating rounds (benchmarks/, README):
# about a third less server CPU per signature and per uncached page, with a
# lower p99.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, os.cpu_count() or 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Load the application once, before forking: a broken deploy fails at once,
# and the processes share the memory of the loaded code.
preload_app = True

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Requests and headers of sane size only.
limit_request_line = 4094
limit_request_fields = 100

# Errors to stderr; the access log is off unless asked for ("-" is stdout),
# since the proxy in front already keeps one and signers' addresses are
# better not written twice.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-* are trusted from these addresses only (the load balancer).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The run-time control socket has one default path per user, which several
# servers on one machine (benchmarks, make prod-local) would fight over.
control_socket_disable = True
