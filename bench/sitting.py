"""Issue 18's goals table in one sitting: every measure, one after the other, on databases
of its own, printed as a markdown table with the time and load average of each.

Run from the repository root when the machine is quiet (PostgreSQL on 127.0.0.1:5432,
trust auth, user postgres; Redis on 127.0.0.1:6379; Debian's nginx installed)::

    .venv/bin/python bench/sitting.py --json /tmp/sitting.json     # 20–25 min quiet, ≤ 35 loaded
    .venv/bin/python bench/sitting.py --quick                      # every part, ~6 minutes

What it runs (each an existing script, as a subprocess, its ``--json`` read back):

0. databases ``thidua_sitting_bench_d<N>`` for N = 200, 400, 800 CĐCS × 60 members:
   dropped, created, migrated, ``seed_demo --scale district --units N`` (its time is
   reported), then ``bench/dashboard.py --fill`` gives them figures and times the
   dashboard (d);
a. ``bench/deadline_rush.py`` closed loop, phases b and c: real submit ÷ bare writes, and
   every accepted submit stored exactly once (the script's database check);
b. the same paced at 15 and at 30 requests/s: the real submit's p99;
c. ``bench/exports.py``: the district workbook ÷ plain openpyxl, the summary PDF ÷ plain
   WeasyPrint (at 200 CĐCS);
d. ``bench/dashboard.py``: the district dashboard page at 200, 400 and 800 CĐCS, and its
   query count;
e. ``bench/workbook_memory.py`` under ``/usr/bin/time -v``: the workbook export's maximum
   resident set size at 200 and 800 CĐCS;
f. ``bench/deadline_rush.py`` behind nginx, the real submit in closed loop: one gunicorn
   instance of 4 workers against two of 2 (same workers in all, same PostgreSQL).

The rush runs last, on the 200-CĐCS database (it rewrites its members' reports).
``--only`` picks measures (letters), ``--quick`` shrinks everything (10/20/40 CĐCS,
10 clients, 4-second phases) to check that each part runs; its figures mean nothing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://postgres@127.0.0.1:5432"
PREFIX = "thidua_sitting_bench"
TIME = "/usr/bin/time"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smallest settings: a smoke test")
    p.add_argument("--only", default="abcdef", help="measures to run (letters a–f)")
    p.add_argument("--sizes", help="CĐCS per district for d (default 200,400,800)")
    p.add_argument("--members", type=int, default=60, help="members per CĐCS")
    p.add_argument("--clients", type=int, help="rush clients per phase (default 50)")
    p.add_argument("--duration", type=float, help="rush seconds per phase (default 30)")
    p.add_argument("--rounds", type=int, help="rush rounds (default 3)")
    p.add_argument("--repeat", type=int, help="dashboard timings (default 20)")
    p.add_argument(
        "--reuse", action="store_true", help="keep databases that exist (skip their seeding)"
    )
    p.add_argument("--json", type=Path, help="also write every figure to this file")
    args = p.parse_args(argv)
    quick = args.quick
    args.sizes = [
        int(s) for s in (args.sizes or ("10,20,40" if quick else "200,400,800")).split(",")
    ]
    args.clients = args.clients or (10 if quick else 50)
    args.duration = args.duration or (4 if quick else 30)
    args.rounds = args.rounds or (1 if quick else 3)
    args.warmup = 1 if quick else 2
    args.repeat = args.repeat or (2 if quick else 20)
    args.export_repeat = 1 if quick else 3
    if not set(args.only) <= set("abcdef"):
        p.error("--only: letters from abcdef")
    return args


# --- running and timing ---------------------------------------------------------------


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def now() -> str:
    return datetime.now(UTC).strftime("%H:%M:%S")


def say(message: str) -> None:
    print(message, flush=True)


def env_for(db: str, django: bool = True) -> dict:
    env = {**os.environ, "DATABASE_URL": f"{PG}/{db}"}
    if django:
        env.update(DEBUG="true", DJANGO_SETTINGS_MODULE="portal.settings")
    return env


def run(command: list[str], env: dict, label: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run one script; return its process and when/how long/under what load."""
    info = {"step": label, "started": now(), "load_before": load()}
    say(f"[{info['started']} load {info['load_before']}] {label}: {' '.join(command[1:])}")
    began = time.monotonic()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    info.update(seconds=round(time.monotonic() - began, 1), load_after=load(), rc=done.returncode)
    if done.returncode:
        say(f"  FAILED (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done, info


# --- the databases -----------------------------------------------------------------------


def database(size: int, args) -> str:
    return f"{PREFIX}_d{size}x{args.members}"


def prepare(size: int, args, steps: list) -> str:
    """Drop, create, migrate and seed the district of `size` CĐCS (or keep it, --reuse)."""
    import psycopg

    name = database(size, args)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and args.reuse:
            say(f"{name}: kept (--reuse)")
            return name
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = env_for(name)
    done, info = run([PYTHON, "manage.py", "migrate", "-v0"], env, f"migrate {name}")
    if done.returncode:
        raise SystemExit(1)
    done, info = run(
        [
            PYTHON,
            "manage.py",
            "seed_demo",
            "--scale",
            "district",
            "--units",
            str(size),
            "--members",
            str(args.members),
            "-v0",
        ],
        env,
        f"seed {size} CĐCS",
    )
    if done.returncode:
        raise SystemExit(1)
    info["figure"] = f"{info['seconds']:.0f} s (demo and district, {size} × {args.members})"
    steps.append(("0", f"load `seed_demo --scale district --units {size}`", "—", info, None))
    return name


# --- the measures --------------------------------------------------------------------------


def dashboard(size: int, db: str, args, out: dict) -> dict | None:
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    done, info = run(
        [PYTHON, "bench/dashboard.py", "--fill", "--repeat", str(args.repeat), "--json", str(path)],
        env_for(db),
        f"dashboard {size} CĐCS",
    )
    data = json.loads(path.read_text()) if not done.returncode else None
    path.unlink(missing_ok=True)
    out[f"dashboard_{size}"] = {"info": info, "data": data}
    if data:
        page = data["page"]
        info["figure"] = (
            f"page median {page['median_ms']:.0f} ms, p95 {page['p95_ms']:.0f} ms; "
            f"{page['queries']} queries (builder {data['builder']['queries']}, "
            f"median {data['builder']['median_ms']:.0f} ms)"
        )
    return data


def exports(db: str, args, steps: list, out: dict) -> None:
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    done, info = run(
        [PYTHON, "bench/exports.py", "--repeat", str(args.export_repeat), "--json", str(path)],
        env_for(db),
        "exports",
    )
    data = json.loads(path.read_text()) if not done.returncode else None
    path.unlink(missing_ok=True)
    out["exports"] = {"info": info, "data": data}
    for kind, what, lib in (
        ("workbook", "workbook ÷ plain openpyxl", "openpyxl"),
        ("summary", "summary PDF ÷ plain WeasyPrint", "WeasyPrint"),
    ):
        d = data and data[kind]
        row = dict(info)
        if d:
            row["figure"] = (
                f"**{d['ratio']:.2f}** ({d['ours_s']:.2f} s against {lib}'s {d['library_s']:.2f} s)"
            )
        steps.append(("c", what, "≤ 1.3", row, d and d["ratio"] <= 1.3))


RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def memory(size: int, db: str, out: dict) -> tuple[int | None, dict]:
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"{TIME} is missing: apt-get install -y time")
    done, info = run(
        [TIME, "-v", PYTHON, "bench/workbook_memory.py"], env_for(db), f"workbook memory {size}"
    )
    match = RSS.search(done.stderr)
    kb = int(match.group(1)) if match and not done.returncode else None
    out[f"memory_{size}"] = {"info": info, "max_rss_kb": kb, "stdout": done.stdout.strip()}
    if kb:
        info["figure"] = f"max RSS {kb / 1024:.0f} MB"
    return kb, info


def rush(db: str, args, label: str, extra: list[str], out: dict, key: str) -> tuple[dict, dict]:
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    done, info = run(
        [
            PYTHON,
            "bench/deadline_rush.py",
            "--database-url",
            f"{PG}/{db}",
            "--clients",
            str(args.clients),
            "--duration",
            f"{args.duration:g}",
            "--rounds",
            str(args.rounds),
            "--warmup",
            str(args.warmup),
            "--json",
            str(path),
            *extra,
        ],
        env_for(db, django=False),
        label,
    )
    data = json.loads(path.read_text()) if path.stat().st_size else None
    path.unlink(missing_ok=True)
    out[key] = {"info": info, "data": data}
    return data or {}, info


def by_phase(data: dict) -> dict:
    return {r["phase"]: r for r in data.get("results", [])}


def intact(data: dict) -> str:
    if not data:
        return "no result"
    if data["problems"]:
        return f"**{len(data['problems'])} problems** ({data['problems'][0]})"
    return f"0 lost or doubled ({data['accepted']} submits)"


# --- the table ---------------------------------------------------------------------------


def table(steps: list) -> str:
    lines = [
        "| | measure | goal | measured | met | at (UTC) | took | load before → after |",
        "|---|---|---|---|---|---|---:|---|",
    ]
    for letter, what, goal, info, met in steps:
        mark = "—" if met is None else ("yes" if met else "**no**")
        figure = info.get("figure") or f"failed (exit {info.get('rc')})"
        lines.append(
            f"| {letter} | {what} | {goal} | {figure} | {mark} | {info['started']} "
            f"| {info['seconds']:.0f} s | {info['load_before']} → {info['load_after']} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    steps: list = []
    out: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "load_start": load()}
    say(f"Sitting at {now()} UTC, load average {load()}, `nproc` {os.cpu_count()}")
    small, large = args.sizes[0], args.sizes[-1]
    if "d" in args.only:
        sizes = args.sizes
    else:
        sizes = sorted({small, large}) if "e" in args.only else [small]
    databases = {}
    for size in sizes:
        databases[size] = prepare(size, args, steps)
        # every database gets its figures (the fill) here; d's timing comes with it
        data = dashboard(size, databases[size], args, out)
        if "d" in args.only:
            info = out[f"dashboard_{size}"]["info"]
            first = out.get(f"dashboard_{small}", {}).get("data")
            same = bool(data and first and data["page"]["queries"] == first["page"]["queries"])
            if size == small:
                goal, met = "page < 150 ms", bool(data and data["page"]["median_ms"] < 150)
            else:
                goal, met = f"queries as at {small}", same
            steps.append(("d", f"dashboard page, {size} CĐCS", goal, info, met))
    db = databases[small]
    if "c" in args.only:
        exports(db, args, steps, out)
    if "e" in args.only:
        rss = {}
        for size in (small, large):
            rss[size], info = memory(size, databases[size], out)
            flat = (
                None
                if size == small or not (rss[size] and rss[small])
                else rss[size] <= 1.25 * rss[small]
            )
            goal = "flat" if size == small else f"≤ 1.25 × at {small}"
            steps.append(("e", f"workbook export memory, {size} CĐCS", goal, info, flat))
    if "a" in args.only:
        data, info = rush(db, args, "rush, closed loop", ["--phases", "bc"], out, "rush_closed")
        phases = by_phase(data)
        goal = data.get("goal", {})
        if phases.get("b") and phases.get("c"):
            info["figure"] = (
                f"**{goal['ratio']:.0%}** (c {phases['c']['throughput']:.1f} ÷ b "
                f"{phases['b']['throughput']:.1f} req/s, {args.clients} clients); {intact(data)}"
            )
        met = bool(goal) and goal.get("ratio", 0) >= 0.7 and not data.get("problems")
        steps.append(("a", "real submit ÷ bare writes, closed loop", "≥ 70 %, 0 lost", info, met))
    if "b" in args.only:
        for rate in (15, 30):
            data, info = rush(
                db,
                args,
                f"rush paced at {rate} req/s",
                ["--phases", "bc", "--rate", str(rate)],
                out,
                f"rush_paced_{rate}",
            )
            c = by_phase(data).get("c")
            if c:
                kept = data["goal"].get("kept_up")
                info["figure"] = (
                    f"p99 **{c['p99_ms']:.0f} ms** (p50 {c['p50_ms']:.0f}; served "
                    f"{c['throughput']:.1f} req/s, {'kept up' if kept else 'fell behind'}); "
                    f"{intact(data)}"
                )
            met = bool(c) and c["p99_ms"] < 250 and not data.get("problems")
            steps.append(("b", f"real submit paced at {rate} req/s", "p99 < 250 ms", info, met))
    if "f" in args.only:
        served = {}
        for label, extra in (
            ("1 instance × 4 workers", ["--via-nginx", "--workers", "4"]),
            ("2 instances × 2 workers", ["--instances", "2", "--workers", "2"]),
        ):
            data, info = rush(
                db, args, f"rush via nginx, {label}", ["--phases", "c", *extra], out, label
            )
            c = by_phase(data).get("c")
            if c:
                served[label] = c["throughput"]
                info["figure"] = (
                    f"{c['throughput']:.1f} submits/s, p99 {c['p99_ms']:.0f} ms; "
                    f"{data.get('per_instance')}; {intact(data)}"
                )
            steps.append(("f", f"behind nginx, {label}", "reported", info, None))
        if len(served) == 2:
            one, two = served.values()
            steps[-1][3]["figure"] += f"; **{two / one:.2f} ×** one instance"
    elapsed = time.monotonic() - started
    say(f"\n## Sitting, {datetime.now(UTC):%Y-%m-%d} (took {elapsed / 60:.1f} min)\n")
    say(table(steps))
    say(f"\nload average at the start {out['load_start']}, at the end {load()}")
    if args.quick:
        say("(--quick: a smoke test; the figures mean nothing)")
    out.update(table=table(steps), minutes=round(elapsed / 60, 1), load_end=load())
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2))
    failed = [s for s in steps if s[3].get("rc")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
