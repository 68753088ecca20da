#!/usr/bin/env python3
"""The evening of 31 August: every coordinator of the demo network saves and submits their report at once.

Usage: submissions.py BASE_URL PILOTAGE_BIN YEAR
Each campus's coordinator (a token from `pilotage token`) PUTs its grid (its last accepted grid from the demo
fixtures, with an explanation for every indicator missing its target) and POSTs submit, all threads released
together. Then every report is read back: it must be submitted, hold the grid sent, and its history must show one
submission; the review queue must list each campus once. Prints the latencies and exits 1 on any loss or duplicate.
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from urllib.error import HTTPError

BASE, BIN, YEAR = sys.argv[1], sys.argv[2], sys.argv[3]
URL = urllib.parse.urlsplit(BASE)
HERE = os.path.dirname(os.path.abspath(__file__))


def call(method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            payload = resp.read()
            status = resp.status
    except HTTPError as e:
        payload, status = e.read(), e.code
    elapsed = (time.perf_counter() - started) * 1000
    try:
        parsed = json.loads(payload) if payload else None
    except ValueError:
        parsed = None
    return status, parsed, elapsed


def exchange(connection, method, path, token, body, if_match=None):
    """One request on an open keep-alive connection: (status, parsed JSON, milliseconds)."""
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    if if_match is not None:
        headers["If-Match"] = if_match
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    resp = connection.getresponse()
    payload = resp.read()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        parsed = json.loads(payload) if payload else None
    except ValueError:
        parsed = None
    return resp.status, parsed, elapsed


def token(*args):
    return subprocess.run([BIN, "token", *args, "--ttl", "1h"], check=True, capture_output=True,
                          text=True).stdout.strip()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    with open(os.path.join(HERE, "..", "fixtures", "reports.json")) as f:
        reports = json.load(f)
    latest = {}
    for r in reports:
        if r["status"] == "accepted":
            latest[r["campus_id"]] = r["grid"]
    analyst = token("--role", "analyst")
    campuses = [c["id"] for c in call("GET", "/api/v1/campuses?limit=500", analyst)[1]["items"]]
    tokens = {c: token("--role", "coordinator", "--campus", c, "--subject", f"coord.{c}@bench") for c in campuses}
    # An explanation for every indicator (names from the API: unknown ones are refused), so that a grid missing
    # a target can be submitted; explanations of indicators on target are kept and harmless.
    indicators = [i["name"] for i in call("GET", "/api/v1/stats/indicators", analyst)[1]]
    explanations = {name: "Écart expliqué lors du test de charge." for name in indicators}

    barrier = threading.Barrier(len(campuses))
    results = {}

    def coordinator(campus):
        # Like a browser: the connection is open and the body ready before the coordinator clicks; what is timed
        # is the request, from sending it to reading the whole answer.
        body = json.dumps({"grid": latest[campus], "gap_explanations": explanations}).encode()
        connection = http.client.HTTPConnection(URL.hostname, URL.port, timeout=60)
        connection.connect()
        # The page the coordinator saves from was read first: its version goes in If-Match (428 without it when
        # a draft exists).
        _, current, _ = exchange(connection, "GET", f"/api/v1/campuses/{campus}/reports/{YEAR}", tokens[campus], None)
        version = f'"{current["version"]}"' if current and current.get("exists") else None
        barrier.wait()
        saved = exchange(connection, "PUT", f"/api/v1/campuses/{campus}/reports/{YEAR}", tokens[campus], body,
                         version)
        submitted = exchange(connection, "POST", f"/api/v1/campuses/{campus}/reports/{YEAR}/submit",
                             tokens[campus], b"")
        connection.close()
        results[campus] = (saved, submitted)

    # 85 client threads share one interpreter lock: hand it over every 0.5 ms rather than 5 ms, so that a thread
    # whose answer has arrived stops its clock without waiting for others' turns.
    sys.setswitchinterval(0.0005)
    threads = [threading.Thread(target=coordinator, args=(c,)) for c in campuses]
    started = time.perf_counter()
    cpu_started = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    failures = []
    for campus, ((s_status, s_body, _), (p_status, p_body, _)) in sorted(results.items()):
        if s_status != 200 or p_status != 200:
            failures.append(f"{campus}: save {s_status}, submit {p_status}: {json.dumps(p_body or s_body)[:300]}")
    latencies = [r[0][2] for r in results.values()] + [r[1][2] for r in results.values()]
    saves = [r[0][2] for r in results.values()]
    submits = [r[1][2] for r in results.values()]

    # Every report read back: submitted, the grid sent, one submission in its history.
    for campus in campuses:
        status, body, _ = call("GET", f"/api/v1/campuses/{campus}/reports/{YEAR}", tokens[campus])
        if status != 200 or body.get("status") != "submitted":
            failures.append(f"{campus}: read back {status} {body and body.get('status')}")
            continue
        sent = {k: v for k, v in latest[campus].items() if v is not None}
        stored = {k: v for k, v in body.get("grid", {}).items() if v is not None}
        if stored != sent:
            failures.append(f"{campus}: stored grid differs from the grid sent")
        status, history, _ = call("GET", f"/api/v1/campuses/{campus}/reports/{YEAR}/history", tokens[campus])
        entries = history if isinstance(history, list) else (history or {}).get("entries", [])
        submissions = [e for e in entries if e.get("action") == "status_changed" and e.get("new_value") == "submitted"]
        if len(submissions) != 1:
            failures.append(f"{campus}: {len(submissions)} submissions in the history")
    status, queue, _ = call("GET", f"/api/v1/reports?year={YEAR}&status=submitted", analyst)
    listed = [item["campus_id"] for item in (queue or {}).get("items", [])]
    if sorted(listed) != sorted(campuses):
        failures.append(f"review queue lists {len(listed)} reports for {len(campuses)} campuses "
                        f"({len(set(listed))} distinct)")

    print(f"{len(campuses)} coordinators, {2 * len(campuses)} requests in {wall:.2f} s (client CPU {cpu:.2f} s)")
    for name, values in [("save", saves), ("submit", submits), ("all", latencies)]:
        print(f"  {name:<6} p50 {percentile(values, 50):7.1f} ms   p99 {percentile(values, 99):7.1f} ms   "
              f"max {max(values):7.1f} ms")
    stored = len(campuses) - len([f for f in failures if "read back" in f])
    print(f"  stored and submitted: {stored}/{len(campuses)}; failures: {len(failures)}")
    for f in failures[:20]:
        print("  FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
