"""The deadline rush: self-report submits under load, beside two baselines, on PostgreSQL.

Run from the repository root (PostgreSQL on 127.0.0.1:5432, trust auth, user postgres)::

    .venv/bin/python bench/deadline_rush.py --clients 50 --duration 30

Quick look on a small district (its own database, thidua_bench_20x60)::

    .venv/bin/python bench/deadline_rush.py --units 20 --clients 20 --duration 6

What it does, bounded in time and count, on loopback only:

1. Database ``thidua_bench`` (``--units`` × ``--members`` other than 200 × 60: its own
   ``thidua_bench_<u>x<m>``): created if missing, migrated, ``seed_demo --scale district``
   loaded once and reused afterwards (``--recreate-db`` starts afresh).
2. Picks 3 × ``--clients`` distinct district members (plain members, spread over the
   CĐCS), deletes their self-reports from earlier runs, moves the self-report deadline of
   their plans to a few minutes after the run's planned end (the rush happens in the
   last minutes before a deadline) and signs each in with a session of their own.
3. Starts gunicorn (``--workers``, ``--worker-class``; bench.settings: the portal plus
   two comparison endpoints) on a free port of 127.0.0.1, production settings (DEBUG
   off), and fetches each client's self-report page once: the CSRF cookie and token,
   the field names and titles, as a browser gets them.
4. Runs three phases side by side, interleaved in ``--rounds`` rounds so that a change
   in the machine's load hits all three alike. Each of the ``--clients`` clients is a
   different member with a connection of their own, POSTing the page's form (CSRF
   included) again and again:

   a. ``/bench/trivial/`` — a signed-in POST answered with "ok" (the stack's own cost);
   b. ``/bench/bare/<plan>/`` — only the database writes of a submit (bench/views.py);
   c. ``/ke-hoach/<plan>/tu-bao-cao/`` with ``action=submit`` — the real submit.

   Closed loop by default (each client sends its next request when the last one is
   answered: the server's capacity). ``--rate R`` paces the clients to R requests/s in
   all per phase instead, latency counted from the planned send time.
5. Reports per phase: requests, throughput, p50/p95/p99/max latency, errors, CPU busy;
   the goal check (c ≥ 70 % of b's throughput, c's p99 < 250 ms); then stops gunicorn
   and checks in the database that every accepted submit of b and c is stored exactly
   once: versions per report = submits answered "accepted" to that member, numbered
   without gaps, the report row pointing at the last, one audit entry each, and the
   audit chain intact.

Several app servers (issue 18): ``--instances N`` starts N gunicorn instances, each on a
port of its own with ``--workers`` workers, behind one nginx (Debian's package, run as a
process of this script with a generated configuration in a temporary directory) that
hands the requests round robin to them; they share the one PostgreSQL database and the
one task worker. ``--via-nginx`` puts a single instance behind the same nginx, so that one
and two instances compare like with like. Behind nginx the servers run as in
docs/deployment.md: nginx sets ``X-Forwarded-For`` and the arrival stamp
``X-Request-Start: t=$msec`` (``ARRIVAL_HEADER``, ``TRUSTED_PROXY_COUNT=1``), and the
sessions and the cache live in Redis (``SESSION_STORE=cache``, ``CACHE_URL``, default
``redis://127.0.0.1:6379/11``), shared by every instance.

Exit status: 0 when every check holds and nothing failed, 1 otherwise (the goal itself
is reported, not enforced). Not a test: nothing in tests/ runs it.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASES = {
    "a": "trivial view",
    "b": "bare writes",
    "c": "real submit",
}
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/thidua_bench"
FIRST_PLAIN_MEMBER = 6  # members 1–5 of each CĐCS hold BCH roles
DEADLINE_MARGIN_S = 600  # the deadline falls this long after the run's planned end (a paced
# run the server cannot keep up with overruns its plan by minutes)
REQUEST_TIMEOUT_S = 30
HOST = "127.0.0.1"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/11"
NGINX_INSTALL = "apt-get install -y nginx   (Debian's nginx; this script runs its own process)"


# --- configuration ---------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Deadline-rush benchmark: real self-report submit vs bare writes vs "
        "a trivial view, behind gunicorn on PostgreSQL (see docs/benchmarks.md).",
    )
    p.add_argument("--clients", type=int, default=50, help="concurrent clients per phase")
    p.add_argument(
        "--duration", type=float, default=30, help="measured seconds per phase (all rounds)"
    )
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds of a, b, c")
    p.add_argument("--warmup", type=float, default=2, help="unmeasured seconds per phase first")
    p.add_argument(
        "--rate",
        type=float,
        default=0,
        help="offered requests/s per phase, all clients together (0: closed loop, "
        "as fast as answered)",
    )
    p.add_argument("--phases", default="abc", help="which phases to run (default abc)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    p.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    p.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    p.add_argument(
        "--instances",
        type=int,
        default=1,
        help="gunicorn instances (each with --workers) behind one nginx, round robin; "
        "more than 1 implies --via-nginx",
    )
    p.add_argument(
        "--via-nginx",
        action="store_true",
        help="put the instance(s) behind nginx (sessions and cache in Redis, "
        "X-Forwarded-For, X-Request-Start), as a production server is",
    )
    p.add_argument(
        "--cache-url",
        default=DEFAULT_CACHE_URL,
        help=f"Redis for the sessions and the cache behind nginx (default {DEFAULT_CACHE_URL})",
    )
    p.add_argument("--units", type=int, default=200, help="district size when seeding: CĐCS")
    p.add_argument("--members", type=int, default=60, help="district size: members per CĐCS")
    p.add_argument(
        "--database-url",
        default=None,
        help=f"default {DEFAULT_DB} (its name must contain 'bench')",
    )
    p.add_argument("--recreate-db", action="store_true", help="drop and seed the database")
    p.add_argument(
        "--login-form",
        action="store_true",
        help="sign the clients in through the login form (slow: one password hash "
        "each) instead of writing their sessions directly",
    )
    p.add_argument(
        "--tasks",
        choices=["db", "immediate"],
        default=None,
        help="TASKS_BACKEND of the server: db (production: receipt mail queued, sent by a "
        "`manage.py db_worker` started beside gunicorn) or immediate (mail sent inside the "
        "request); default db when django-tasks-db is installed",
    )
    p.add_argument("--max-requests", type=int, default=200_000, help="cap per phase")
    p.add_argument("--json", type=Path, help="also write the results to this file")
    args = p.parse_args(argv)
    if not 1 <= args.clients <= 500:
        p.error("--clients: 1 to 500")
    if not 0 < args.duration <= 1800 or args.rounds < 1 or args.warmup < 0:
        p.error("--duration: up to 1800 s; --rounds ≥ 1; --warmup ≥ 0")
    if not set(args.phases) <= set(PHASES) or not args.phases:
        p.error("--phases: letters from abc")
    if not 1 <= args.instances <= 8:
        p.error("--instances: 1 to 8")
    if args.instances > 1:
        args.via_nginx = True
    if args.via_nginx and not nginx_binary():
        p.error(f"--instances/--via-nginx need nginx, which is not installed: {NGINX_INSTALL}")
    if args.database_url is None:
        args.database_url = DEFAULT_DB
        if (args.units, args.members) != (200, 60):
            args.database_url += f"_{args.units}x{args.members}"
    if "bench" not in urlsplit(args.database_url).path:
        p.error("--database-url: the database name must contain 'bench' (it gets rewritten)")
    if args.tasks is None:
        import importlib.util

        args.tasks = "db" if importlib.util.find_spec("django_tasks_db") else "immediate"
    return args


def django_env(
    database_url: str,
    tasks: str = "immediate",
    mail_dir: Path = Path("/tmp/bench-mail"),
    cache_url: str | None = None,
) -> dict:
    """Production-like settings (DEBUG off) for this script, gunicorn and the worker.

    Mail goes to files in `mail_dir` (one per message, counted after the run): the
    receipt is rendered and written as it would be handed to an SMTP relay. With
    `cache_url` (behind nginx) the settings of docs/deployment.md for app servers behind
    one proxy: sessions and cache in Redis, the arrival stamp and client address from
    nginx's headers."""
    proxy = (
        {
            "SESSION_STORE": "cache",
            "CACHE_URL": cache_url,
            "ARRIVAL_HEADER": "X-Request-Start",
            "TRUSTED_PROXY_COUNT": "1",
        }
        if cache_url
        else {}
    )
    return {
        **proxy,
        "TASKS_BACKEND": tasks,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        # Plain HTTP on loopback: no TLS redirect, cookies not marked Secure.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "false",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }


# --- database setup --------------------------------------------------------------------


def ensure_database(url: str, recreate: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            say(f"Dropping database {name}")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            say(f"Creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def seed(units: int, members: int) -> None:
    from django.core.management import call_command

    from demo.district import district_present

    call_command("migrate", interactive=False, verbosity=0)
    if district_present():
        return
    say(f"Seeding the synthetic district ({units} CĐCS × {members} members)…")
    started = time.monotonic()
    call_command("seed_demo", scale="district", units=units, members=members, verbosity=0)
    say(f"  seeded in {time.monotonic() - started:.0f} s")


@dataclass
class Member:
    user_id: int
    username: str
    plan_id: int


def pick_members(count: int) -> list[Member]:
    """`count` plain members, one CĐCS after the other, each with their CĐCS's plan."""
    from campaigns.models import Plan
    from demo.district import DISTRICT_CODE
    from portal.models import Membership, OrgUnit, Role

    district = OrgUnit.objects.get(code=DISTRICT_CODE)
    unions = list(
        OrgUnit.objects.filter(parent=district, kind=OrgUnit.Kind.GRASSROOTS_UNION).order_by("code")
    )
    plans = {
        p.issuer_id: p.pk
        for p in Plan.objects.filter(issuer__in=unions, status=Plan.Status.PUBLISHED)
    }
    bch = set(
        Membership.objects.filter(unit__in=unions)
        .exclude(role=Role.MEMBER)
        .values_list("user_id", flat=True)
    )
    per_union = {}
    for user_id, username, unit_id in (
        Membership.objects.filter(unit__in=unions, role=Role.MEMBER)
        .order_by("user__username")
        .values_list("user_id", "user__username", "unit_id")
    ):
        if user_id not in bch:
            per_union.setdefault(unit_id, []).append((user_id, username))
    chosen = []
    depth = 0
    while len(chosen) < count:
        added = False
        for union in unions:
            people = per_union.get(union.pk, [])
            if depth < len(people) and union.pk in plans and len(chosen) < count:
                user_id, username = people[depth]
                chosen.append(Member(user_id, username, plans[union.pk]))
                added = True
        if not added:
            raise SystemExit(
                f"The district has only {len(chosen)} plain members with a plan; "
                f"{count} are needed (fewer --clients, or a bigger --units/--members)."
            )
        depth += 1
    return chosen


def prepare_reports(members: list[Member], deadline) -> int:
    """Forget the members' earlier reports; set their plans' deadline; give every member
    an e-mail address (the receipt mail is part of a submit). Returns the last audit
    entry id (entries written by this run come after it)."""
    from django.db.models import Value
    from django.db.models.functions import Concat

    from campaigns.models import Milestone, SelfReport
    from portal.models import AuditEntry, User

    user_ids = [m.user_id for m in members]
    User.objects.filter(pk__in=user_ids).update(
        email=Concat("username", Value("@doanvien.bench.invalid"))
    )
    plan_ids = sorted({m.plan_id for m in members})
    SelfReport.objects.filter(member_id__in=user_ids, plan_id__in=plan_ids).delete()
    Milestone.objects.filter(plan_id__in=plan_ids, kind=Milestone.Kind.SELF_REPORT).update(
        ends_at=deadline
    )
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def make_sessions(members: list[Member]) -> list[str]:
    """A signed-in session per member, as ``django.contrib.auth.login`` would store it
    (in the configured session store: the database, or Redis and the database)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from portal.models import User

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

    users = User.objects.in_bulk([m.user_id for m in members])
    keys = []
    for m in members:
        user = users[m.user_id]
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(args, env: dict, port: int, log: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--chdir",
        str(ROOT),
        "--error-logfile",
        str(log),
    ]
    process = subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole at the end
    )
    limit = time.monotonic() + 60
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    """The task worker of the production configuration (TASKS_BACKEND=db), on the same
    machine as gunicorn: its CPU counts against the same two cores."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "db_worker"],
            env={**os.environ, **env},
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def queued_tasks() -> Counter:
    """The receipt-mail tasks in the database queue, by status."""
    from django_tasks_db.models import DBTaskResult

    return Counter(
        DBTaskResult.objects.filter(task_path__endswith="send_receipt_mail").values_list(
            "status", flat=True
        )
    )


def drain_queue(worker: subprocess.Popen, limit_s: float = 300) -> Counter:
    """Wait until the worker has run every queued task (or `limit_s`). Returns the
    statuses of the receipt tasks."""
    from django.db import connections

    limit = time.monotonic() + limit_s
    while True:
        statuses = queued_tasks()
        connections.close_all()
        waiting = statuses.get("READY", 0) + statuses.get("RUNNING", 0)
        if not waiting or time.monotonic() > limit or worker.poll() is not None:
            return statuses
        time.sleep(1)


def mails_written(mail_dir: Path) -> int:
    """Messages the file backend wrote (one Message-ID each)."""
    return sum(
        line.startswith(b"Message-ID:")
        for path in mail_dir.glob("*.log")
        for line in path.read_bytes().splitlines()
    )


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


def nginx_binary() -> str | None:
    import shutil

    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


NGINX_CONF = """# generated by bench/deadline_rush.py
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # which instance answered each request (counted after the run: round robin at work)
    log_format upstream '$upstream_addr $status';
    access_log {dir}/access.log upstream buffer=64k;
    upstream portal {{
{servers}
    }}
    server {{
        listen {host}:{port};
        client_max_body_size 40m;
        location / {{
            proxy_pass http://portal;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Request-Start "t=${{msec}}";
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def start_nginx(port: int, upstream_ports: list[int], directory: Path) -> subprocess.Popen:
    """nginx in front of the instances (round robin), in `directory`: its configuration,
    pid, logs and temporary files. Stopped with `stop_gunicorn` (its process group)."""
    binary = nginx_binary()
    if not binary:
        raise SystemExit(f"nginx is not installed: {NGINX_INSTALL}")
    directory.mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server {HOST}:{p};" for p in upstream_ports)
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, servers=servers, host=HOST, port=port))
    out = (directory / "stderr.log").open("ab")
    process = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(directory)],
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    limit = time.monotonic() + 20
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise SystemExit(
                f"nginx exited with {process.returncode}; see {directory}/error.log "
                f"and {directory}/stderr.log"
            )
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop_gunicorn(process)
    raise SystemExit(f"nginx did not answer within 20 s; see {directory}/error.log")


def upstream_counts(directory: Path) -> dict[str, int]:
    """Requests per instance from nginx's access log (after nginx has stopped)."""
    counts = Counter()
    log = directory / "access.log"
    if log.exists():
        for line in log.read_text().splitlines():
            counts[line.split(" ", 1)[0]] += 1
    return dict(sorted(counts.items()))


# --- the clients -----------------------------------------------------------------------

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FIELD = re.compile(r'name="(c\d+_(?:met|points|evidence))"')
POINTS_MAX = re.compile(r'name="(c\d+_points)"[^>]*\bmax="([\d.]+)"')
TITLE_FIELD = re.compile(r'name="titles" value="(\d+)"')
ALERT = re.compile(r'class="alert alert-danger"[^>]*>(.*?)</div>', re.S)
NARRATIVE = (
    "Tích cực học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; hoàn thành "
    "tốt nhiệm vụ được giao, tham gia đầy đủ các hoạt động của công đoàn và nhà trường. "
)
EVIDENCE = "Biên bản họp tổ chuyên môn; kế hoạch cá nhân năm học; giấy chứng nhận đính kèm."


class Client:
    """One member in a browser: their cookies, one keep-alive connection, their counts."""

    def __init__(self, phase: str, index: int, member: Member, session_key: str, port: int):
        self.phase = phase
        self.index = index
        self.member = member
        self.port = port
        self.cookies = {"sessionid": session_key}
        self.conn = None
        self.accepted = 0  # submits answered "stored" (b, c), warm-up included
        self.sent = 0
        self.form: list[tuple[str, str]] = []
        if phase == "a":
            self.path = "/bench/trivial/"
        elif phase == "b":
            self.path = f"/bench/bare/{member.plan_id}/"
        else:
            self.path = f"/ke-hoach/{member.plan_id}/tu-bao-cao/"

    def request(self, method: str, path: str, body: bytes | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_S)
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except Exception:
            self.close()  # no retry: a POST is never sent twice behind the counts' back
            raise
        if response.will_close:
            self.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, data

    def login_with_form(self, password: str) -> None:
        self.cookies.pop("sessionid", None)
        status, _h, html = self.request("GET", "/dang-nhap/")
        token = CSRF_FIELD.search(html.decode()).group(1)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": self.member.username,
                "password": password,
            }
        ).encode()
        status, _h, _d = self.request("POST", "/dang-nhap/", body)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"Login through the form failed for {self.member.username}")

    def load_form(self) -> None:
        """GET the member's self-report page: CSRF token and cookie, fields, titles."""
        path = f"/ke-hoach/{self.member.plan_id}/tu-bao-cao/"
        status, _h, data = self.request("GET", path)
        html = data.decode()
        if status != 200:
            raise SystemExit(f"GET {path} as {self.member.username}: HTTP {status}")
        token = CSRF_FIELD.search(html).group(1)
        maxima = dict(POINTS_MAX.findall(html))
        form = [("csrfmiddlewaretoken", token)]
        for name in dict.fromkeys(ANSWER_FIELD.findall(html)):
            if name.endswith("_met"):
                form.append((name, "1"))
            elif name.endswith("_points"):
                top = float(maxima.get(name, "10"))
                form.append((name, f"{min(top, 7.5):g}"))
            else:
                form.append((name, EVIDENCE))
        titles = TITLE_FIELD.findall(html)
        form += [("titles", t) for t in titles[:1]]
        if "csrftoken" not in self.cookies or not any(k.endswith("_met") for k, _ in form):
            raise SystemExit(f"Unexpected self-report page for {self.member.username}")
        self.form = form

    def body(self) -> bytes:
        narrative = f"{NARRATIVE}(Lần nộp {self.sent + 1} của {self.member.username}.)"
        return urlencode([*self.form, ("narrative", narrative), ("action", "submit")]).encode()

    def send(self) -> tuple[bool, str]:
        """One POST of the form. Returns (ok, error kind)."""
        body = self.body()
        self.sent += 1
        try:
            status, headers, data = self.request("POST", self.path, body)
        except (OSError, http.client.HTTPException) as exc:
            return False, type(exc).__name__
        if self.phase == "a":
            return (status == 200 and data == b"ok"), f"HTTP {status}"
        if status == 302 and "/bien-nhan/" in (headers.get("Location") or ""):
            self.accepted += 1
            return True, ""
        if status == 200:
            alert = ALERT.search(data.decode(errors="replace"))
            text = re.sub(r"<[^>]+>", " ", alert.group(1)).strip() if alert else "?"
            return False, f"refused: {' '.join(text.split())[:120]}"
        return False, f"HTTP {status}"

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class PhaseStats:
    latencies: list[float] = field(default_factory=list)  # seconds, answered requests
    ok: int = 0
    errors: Counter = field(default_factory=Counter)
    wall: float = 0.0
    nominal: float = 0.0  # seconds the slices were planned to last
    overrun: float = 0.0  # worst time a slice took past its end (answers still coming)
    busy: list[tuple[float, float]] = field(default_factory=list)  # (busy, total) jiffies
    client_cpu: float = 0.0


def cpu_jiffies() -> tuple[float, float]:
    with open("/proc/stat") as f:
        values = [float(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def run_slice(
    clients: list[Client], seconds: float, rate: float, stats: PhaseStats | None, cap: int
):
    """All clients of one phase for `seconds`; fills `stats` unless it is a warm-up."""
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    count = [0]
    interval = len(clients) / rate if rate > 0 else 0.0

    def work(client: Client, offset: float):
        local_lat, local_err, ok = [], Counter(), 0
        planned = time.monotonic() + offset
        while True:
            start = planned if interval else time.monotonic()
            if start >= stop_at:
                break
            if interval:
                pause = planned - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
            with lock:
                if count[0] >= cap:
                    break
                count[0] += 1
            good, kind = client.send()
            elapsed = time.monotonic() - start
            if good:
                ok += 1
                local_lat.append(elapsed)
            else:
                local_err[kind] += 1
            planned += interval
        if stats is not None:
            with lock:
                stats.latencies.extend(local_lat)
                stats.errors.update(local_err)
                stats.ok += ok

    rng = random.Random()
    threads = [
        threading.Thread(target=work, args=(c, rng.uniform(0, interval)), daemon=True)
        for c in clients
    ]
    busy0, cpu0 = cpu_jiffies(), time.process_time()
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 2 * REQUEST_TIMEOUT_S + 5)
    if any(t.is_alive() for t in threads):
        raise SystemExit("A client hung past its time limit; stopping.")
    if stats is not None:
        stats.wall += time.monotonic() - began
        stats.nominal += seconds
        stats.overrun = max(stats.overrun, time.monotonic() - began - seconds)
        busy1 = cpu_jiffies()
        stats.busy.append((busy1[0] - busy0[0], busy1[1] - busy0[1]))
        stats.client_cpu += time.process_time() - cpu0


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(1, round(p / 100 * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


# --- checks after the run ---------------------------------------------------------------


def check_database(clients: list[Client], first_audit_id: int) -> list[str]:
    """Every accepted submit stored exactly once. Returns the problems found."""
    from bench.views import BARE_ACTION
    from campaigns.models import SelfReport, SelfReportVersion
    from portal.audit import verify_chain
    from portal.models import AuditEntry

    problems = []
    writers = [c for c in clients if c.phase in "bc"]
    reports = {
        (r.plan_id, r.member_id): r
        for r in SelfReport.objects.filter(member_id__in=[c.member.user_id for c in writers])
    }
    numbers: dict[int, list[int]] = {}
    for report_id, number in SelfReportVersion.objects.filter(
        report_id__in=[r.pk for r in reports.values()]
    ).values_list("report_id", "number"):
        numbers.setdefault(report_id, []).append(number)
    audits = Counter(
        (action, int(object_id))
        for action, object_id in AuditEntry.objects.filter(
            id__gt=first_audit_id,
            action__in=["selfreport.submitted", BARE_ACTION],
            object_type="campaigns.selfreport",
        ).values_list("action", "object_id")
    )
    for c in writers:
        report = reports.get((c.member.plan_id, c.member.user_id))
        stored = sorted(numbers.get(report.pk, [])) if report else []
        action = "selfreport.submitted" if c.phase == "c" else BARE_ACTION
        audited = audits.get((action, report.pk), 0) if report else 0
        who = f"{c.phase}/{c.member.username}"
        if stored != list(range(1, c.accepted + 1)):
            problems.append(
                f"{who}: {c.accepted} submits accepted, versions stored {stored[:5]}"
                f"{'…' if len(stored) > 5 else ''} ({len(stored)})"
            )
        elif report and report.version != c.accepted:
            problems.append(f"{who}: report.version {report.version} ≠ {c.accepted}")
        if audited != c.accepted:
            problems.append(f"{who}: {audited} audit entries for {c.accepted} submits")
    intact, broken = verify_chain()
    if not intact:
        problems.append(f"audit chain broken at entry {broken}")
    return problems


# --- reporting ------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()
    import django
    import gunicorn

    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "postgresql": pg,
        "kernel": platform.release(),
    }


def uptime() -> str:
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, env=env).stdout.strip()


def summarise(phase: str, stats: PhaseStats) -> dict:
    lat = sorted(stats.latencies)
    busy = sum(b for b, _ in stats.busy) / max(1, sum(t for _, t in stats.busy))
    return {
        "phase": phase,
        "what": PHASES[phase],
        "ok": stats.ok,
        "errors": sum(stats.errors.values()),
        "error_kinds": dict(stats.errors.most_common(5)),
        "seconds": round(stats.wall, 2),
        "throughput": stats.ok / stats.wall if stats.wall else 0.0,
        "overrun_s": round(stats.overrun, 2),
        "p50_ms": percentile(lat, 50) * 1000,
        "p95_ms": percentile(lat, 95) * 1000,
        "p99_ms": percentile(lat, 99) * 1000,
        "max_ms": (lat[-1] * 1000) if lat else float("nan"),
        "cpu_busy": busy,
        "client_cpu_s": round(stats.client_cpu, 1),
    }


def print_table(rows: list[dict]) -> None:
    say(
        "\n| phase | ok | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | CPU busy "
        "| client CPU |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for r in rows:
        say(
            f"| {r['phase']}. {r['what']} | {r['ok']} | {r['errors']} | {r['throughput']:.1f} "
            f"| {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['max_ms']:.0f} "
            f"| {r['cpu_busy']:.0%} | {r['client_cpu_s'] / r['seconds']:.0%} |"
        )
    for r in rows:
        if r["error_kinds"]:
            say(f"  errors in {r['phase']}: {r['error_kinds']}")


# --- main -----------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    mail_dir = Path(f"/tmp/bench-mail-{os.getpid()}")
    mail_dir.mkdir(exist_ok=True)
    for old in mail_dir.glob("*.log"):
        old.unlink()
    env = django_env(
        args.database_url, args.tasks, mail_dir, args.cache_url if args.via_nginx else None
    )
    load_before = uptime()
    say(f"uptime before: {load_before}")
    ensure_database(args.database_url, args.recreate_db)
    setup_django(env)
    seed(args.units, args.members)

    from django.db import connections
    from django.utils import timezone

    from demo.context import DEMO_PASSWORD

    phases = list(dict.fromkeys(args.phases))
    planned = len(phases) * (args.duration + args.warmup) + 5 * args.rounds + 60
    members = pick_members(len(phases) * args.clients)
    deadline = timezone.now() + timedelta(seconds=planned + DEADLINE_MARGIN_S)
    first_audit_id = prepare_reports(members, deadline)
    if args.tasks == "db":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()  # the queue of earlier runs
    keys = make_sessions(members)
    info = machine()
    connections.close_all()
    say(
        f"{len(members)} members over {len({m.plan_id for m in members})} plans; deadline "
        f"{timezone.localtime(deadline):%H:%M:%S} Vietnam time (in "
        f"{(planned + DEADLINE_MARGIN_S) / 60:.0f} "
        f"min); database {urlsplit(args.database_url).path.lstrip('/')}"
    )

    ports = [free_port() for _ in range(args.instances)]
    log = Path(f"/tmp/bench-gunicorn-{ports[0]}.log")
    servers = [start_gunicorn(args, env, p, log) for p in ports]
    worker = start_worker(env, log.with_suffix(".worker.log")) if args.tasks == "db" else None
    nginx, nginx_dir = None, None
    port = ports[0]
    if args.via_nginx:
        import tempfile

        nginx_dir = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        port = free_port()
        try:
            nginx = start_nginx(port, ports, nginx_dir)
        except SystemExit:
            for s in servers:
                stop_gunicorn(s)
            if worker is not None:
                stop_gunicorn(worker)
            raise
    say(
        f"{args.instances} × gunicorn {args.workers} × {args.worker_class}"
        f"{f' × {args.threads} threads' if args.worker_class == 'gthread' else ''} "
        f"on {', '.join(f'{HOST}:{p}' for p in ports)} "
        f"(pids {', '.join(str(s.pid) for s in servers)}); tasks: {args.tasks}"
        + (f" (worker pid {worker.pid})" if worker else " (mail sent inside the request)")
    )
    if nginx is not None:
        say(
            f"nginx (pid {nginx.pid}) on {HOST}:{port}, round robin; config and logs in "
            f"{nginx_dir}; sessions and cache in {args.cache_url}"
        )
    results, problems = [], []
    per_instance: dict[str, int] = {}
    clients: dict[str, list[Client]] = {}
    try:
        for p_i, phase in enumerate(phases):
            chunk = members[p_i * args.clients : (p_i + 1) * args.clients]
            clients[phase] = [
                Client(phase, i, m, keys[p_i * args.clients + i], port) for i, m in enumerate(chunk)
            ]
        everyone = [c for cs in clients.values() for c in cs]
        say(f"Loading {len(everyone)} self-report pages (CSRF, fields)…")
        for c in everyone:
            if args.login_form:
                c.login_with_form(DEMO_PASSWORD)
            c.load_form()
        stats = {phase: PhaseStats() for phase in phases}
        cap = max(1, args.max_requests // args.rounds)
        if args.warmup:
            say(f"Warm-up: {args.warmup:g} s per phase")
            for phase in phases:
                run_slice(clients[phase], args.warmup, args.rate, None, cap)
                for c in clients[phase]:
                    c.close()
        slice_s = args.duration / args.rounds
        for r in range(args.rounds):
            order = phases[r % len(phases) :] + phases[: r % len(phases)]
            say(f"Round {r + 1}/{args.rounds}: {' '.join(order)} ({slice_s:g} s each)")
            for phase in order:
                run_slice(clients[phase], slice_s, args.rate, stats[phase], cap)
                for c in clients[phase]:
                    c.close()  # each slice starts on fresh connections (no stale keep-alive)
                time.sleep(0.3)
        results = [summarise(phase, stats[phase]) for phase in phases]
    finally:
        for cs in clients.values():
            for c in cs:
                c.close()
        if nginx is not None:
            stop_gunicorn(nginx)
            per_instance = upstream_counts(nginx_dir)
        for s in servers:
            stop_gunicorn(s)
        tasks = Counter()
        if worker is not None:
            say("Waiting for the worker to send the queued mail…")
            tasks = drain_queue(worker)
            stop_gunicorn(worker)
        exits = [s.returncode for s in servers]
        failed = any(exits) or any(r["errors"] for r in results) or not results
        say(
            f"gunicorn stopped (exit {', '.join(map(str, exits))})"
            + (f"; its log: {log}" if failed else "")
        )
        if nginx is not None:
            say(f"nginx stopped (exit {nginx.returncode}); requests per instance: {per_instance}")
        if not failed:
            log.unlink(missing_ok=True)
            if nginx_dir is not None:
                import shutil

                shutil.rmtree(nginx_dir, ignore_errors=True)  # kept when something failed
    load_after = uptime()

    print_table(results)
    mode = f"paced at {args.rate:g} req/s" if args.rate else "closed loop"
    say(
        f"\n{args.clients} clients per phase, {mode}, {args.duration:g} s per phase in "
        f"{args.rounds} rounds; {args.instances} instance(s) × {args.workers} "
        f"{args.worker_class} workers{' behind nginx' if args.via_nginx else ''}"
    )
    by_phase = {r["phase"]: r for r in results}
    verdict = {}
    if "b" in by_phase and "c" in by_phase and by_phase["b"]["throughput"]:
        ratio = by_phase["c"]["throughput"] / by_phase["b"]["throughput"]
        p99 = by_phase["c"]["p99_ms"]
        if args.rate:
            # Paced: every phase is offered the same load; throughput says only whether
            # it kept up, the latencies are the comparison.
            kept = by_phase["c"]["errors"] == 0 and by_phase["c"]["overrun_s"] < 1
            verdict = {"rate": args.rate, "kept_up": kept, "p99_ms": p99}
            say(
                f"Paced at {args.rate:g} req/s: the real submit "
                f"{'kept up' if kept else 'FELL BEHIND'} (last answers "
                f"{by_phase['c']['overrun_s']:.1f} s after each slice's end at worst), "
                f"p99 {p99:.0f} ms (< 250 ms: {'yes' if p99 < 250 else 'NO'}); the throughput "
                "ratio is measured in closed loop (no --rate)"
            )
        else:
            verdict = {"ratio": ratio, "p99_ms": p99, "met": ratio >= 0.7 and p99 < 250}
            say(
                f"Goal: real submit at {ratio:.0%} of the bare writes' throughput (≥ 70 %: "
                f"{'yes' if ratio >= 0.7 else 'NO'}), p99 {p99:.0f} ms (< 250 ms: "
                f"{'yes' if p99 < 250 else 'NO'})"
            )

    problems = check_database([c for cs in clients.values() for c in cs], first_audit_id)
    accepted = sum(c.accepted for cs in clients.values() for c in cs if c.phase in "bc")
    mails = mails_written(mail_dir)
    if mails != accepted:
        problems.append(f"{mails} receipt mails written for {accepted} accepted submits")
    if args.instances > 1 and len([k for k in per_instance if k != "-"]) < args.instances:
        problems.append(f"not every instance answered through nginx: {per_instance}")
    if worker is not None and set(tasks) - {"SUCCESSFUL"}:
        problems.append(f"receipt tasks not all run: {dict(tasks)}")
    if problems:
        say(f"\nDatabase check FAILED ({len(problems)} problems):")
        for line in problems[:20]:
            say(f"  {line}")
    else:
        say(
            f"\nDatabase check: all {accepted} accepted submits (b and c, warm-up included) "
            "stored exactly once, numbered without gaps, each with its audit entry and "
            f"its receipt mail ({mails}, {'sent by the worker' if worker else 'in the request'}"
            "); audit chain intact."
        )
    say(f"uptime after:  {load_after}")
    say(f"machine: {json.dumps(info, ensure_ascii=False)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "machine": info,
                    "uptime_before": load_before,
                    "uptime_after": load_after,
                    "results": results,
                    "goal": verdict,
                    "accepted": accepted,
                    "mails": mails,
                    "tasks": dict(tasks),
                    "instances": args.instances,
                    "via_nginx": args.via_nginx,
                    "per_instance": per_instance,
                    "problems": problems,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    errors = sum(r["errors"] for r in results)
    return 1 if problems or errors else 0


if __name__ == "__main__":
    sys.exit(main())
