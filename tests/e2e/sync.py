#!/usr/bin/env python3
"""Many tills, one truth, in a real window (issue 6): a private PostgreSQL is started for the test
(initdb/pg_ctl on a free port, password logins, as tests/sync_pg does) and stopped after. The owner
opens the sync screen from the header's badge, registers the app's till there (the admin URL is
used once and not kept); the background sync starts without a restart. A sale at the app's till
reaches a second till (a CLI book) through the server. Two more CLI tills, offline, sell the last
units of the same product; once they sync, the app shows the conflict with both sales; the owner
resolves it with a count, it leaves the list, and the second till sees it resolved after syncing.
Screenshots of the settings and the conflicts in en, zh-CN, ar and th go to target/test-output.

Same driving as till.py (WebKitWebDriver in plain HTTP under Xvfb), run from src-tauri/tests/window.rs.
"""

import contextlib
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import ENTER, F2, cli, sign_in  # noqa: E402

ROOT = till.ROOT
APP, CLI = till.APP, till.CLI
OUT = os.path.join(ROOT, "target", "test-output")
PIECE = till.PIECE
ADMIN_PASSWORD = "onebook-e2e-admin"


def as_postgres(cmd):
    """PostgreSQL refuses to run as root: its programs run as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextlib.contextmanager
def postgres():
    """A private PostgreSQL (Debian's, installed by scripts/setup.sh) on a free loopback port with
    scram password logins; yields the admin URL; stopped and removed afterwards whatever happens."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not bins:
        sys.exit("PostgreSQL is not installed (scripts/setup.sh installs it)")
    bindir = os.path.dirname(bins[-1])
    tmp = tempfile.mkdtemp(prefix="onebook-e2e-pg-", dir="/tmp")
    data = os.path.join(tmp, "data")
    pw = os.path.join(tmp, "pw")
    with open(pw, "w") as f:
        f.write(ADMIN_PASSWORD)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", tmp], check=True)
    started = False
    try:
        subprocess.run(as_postgres([os.path.join(bindir, "initdb"), "-D", data, "-U", "admin", "--pwfile", pw,
                                    "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8",
                                    "--no-instructions"]), check=True, capture_output=True)
        port = till.free_port()
        opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-o", opts,
                                    "-l", os.path.join(tmp, "log"), "-w", "start"]), check=True, capture_output=True)
        started = True
        yield f"postgres://admin:{ADMIN_PASSWORD}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run(as_postgres([os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]),
                           capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def run(db, *args):
    out = subprocess.run([CLI, "--db", db, *args], capture_output=True, text=True)
    assert out.returncode == 0, f"onebook {' '.join(args)}: {out.stderr}"
    return out.stdout


def post(db, tmp, doc):
    path = os.path.join(tmp, "doc.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    return cli(db, "post", path)


def doc_no(posted):
    """The number of the one document `onebook post --json` reports."""
    first = posted[0] if isinstance(posted, list) else posted
    return first.get("doc_no") or first["documents"][0]["doc_no"]


def until(check, what, wait_s=60):
    deadline = time.monotonic() + wait_s
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {wait_s} s")
        time.sleep(0.2)


def main():
    started = time.monotonic()
    shots = []
    with postgres() as admin_url, till.window("sync", OUT) as w:
        wd, db, tmp = w.wd, w.db, w.tmp
        tenant = f"e2e-{os.getpid()}"
        wd.start(APP)
        sign_in(wd, "owner")

        # The badge opens the sync screen: not registered yet, the form with the TLS note.
        wd.until("return document.querySelector('[data-testid=sync-badge]')?.dataset.state === 'sync-not-connected'",
                 "the badge says not connected")
        wd.click("[data-testid=sync-badge]")
        wd.find("[data-testid=sync-register-form]")
        assert wd.script("return document.querySelector('[data-testid=sync-state]').dataset.state") \
            == "sync-state-unregistered"
        for tag in ("en", "zh-CN", "ar", "th"):
            till.set_language(wd, tag)
            shots.append(till.shot(w, OUT, f"sync-settings-{tag}.png"))
        till.set_language(wd, "en")

        # Register the app's till; the admin URL's password is not kept by the till.
        wd.type("[data-testid=sync-server]", admin_url)
        wd.type("[data-testid=sync-tenant]", tenant)
        wd.click("[data-testid=sync-register]")
        wd.find("[data-testid=sync-note]", 60)
        assert tenant in wd.text("[data-testid=sync-tenant-now]")
        assert ADMIN_PASSWORD not in wd.text("[data-testid=sync-server-now]")
        with open(db, "rb") as f:
            assert ADMIN_PASSWORD.encode() not in f.read(), "the admin password is not stored"
        # The background sync started without a restart: the history is pushed, the till online.
        until(lambda: cli(db, "sync", "status")["pending"] == 0, "the app's history pushed")
        wd.until("return document.querySelector('[data-testid=sync-state]')?.dataset.state === 'sync-state-online'"
                 " && document.querySelector('[data-testid=sync-status]')?.dataset.pending === '0'",
                 "the screen shows the till online with nothing pending")
        shots.append(till.shot(w, OUT, "sync-registered-en.png"))

        # Three more tills of the shop, each its own book, registered from the command line.
        others = {}
        for series in ("T2", "T3"):
            path = os.path.join(tmp, f"{series}.sqlite3")
            run(path, "init", "--shop", "Branch", "--currency", "AED", "--vat", "5", "--tz", "Asia/Dubai",
                "--series", series)
            run(path, "sync", "register", "--server", admin_url, "--tenant", tenant)
            others[series] = path
        b2, b3 = others["T2"], others["T3"]

        def synced(path):
            for _ in range(3):
                cli(path, "sync", "once")
            return path

        # A sale at the app's till reaches the second till.
        wd.click("[data-testid=sync-badge]")
        wd.find("[data-testid=scan]")
        wd.type("[data-testid=scan]", PIECE + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=line]').length === 1", "the piece line")
        wd.type("[data-testid=scan]", F2)
        wd.type("[data-testid=tendered]", "1000" + ENTER)
        ticket = wd.text("[data-testid=ticket]")
        until(lambda: cli(db, "sync", "status")["pending"] == 0, "the sale pushed")
        synced(b2)
        assert cli(b2, "document", ticket)["doc_no"] == ticket, "the second till has the app's sale"
        synced(b3)
        sku = cli(db, "stock", PIECE)["sku"]
        on_hand = cli(db, "stock", PIECE)["on_hand"]
        assert cli(b2, "stock", PIECE)["on_hand"] == on_hand == cli(b3, "stock", PIECE)["on_hand"]

        # Two tills offline (they just do not sync) each sell what their own book says is there.
        q2 = cli(b2, "stock", PIECE)["available_retail"]
        q3 = cli(b3, "stock", PIECE)["available_retail"]
        assert q2 + q3 > on_hand, (q2, q3, on_hand)
        s2 = doc_no(post(b2, tmp, {"kind": "sale", "lines": [{"sku": sku, "qty": q2}]}))
        s3 = doc_no(post(b3, tmp, {"kind": "sale", "lines": [{"sku": sku, "qty": q3}]}))
        # Back online: both push; the app pulls on the server's notification.
        synced(b2)
        synced(b3)
        synced(b2)
        want_balance = on_hand - q2 - q3
        until(lambda: cli(db, "stock", PIECE)["on_hand"] == want_balance, "the app merged both sales")

        # The app shows the conflict with both sales (till, time, number, quantity).
        wd.click("[data-testid=sync-badge]")
        wd.until("return document.querySelector('[data-testid=sync-badge]').dataset.state === 'sync-conflicts'",
                 "the badge says conflicts")
        conflict = f"[data-testid=conflict][data-sku={json.dumps(sku)}][data-open=yes]"
        wd.find(conflict, 30)
        sales = wd.script(f"return [...document.querySelectorAll('{conflict} [data-testid=conflict-sale]')]"
                          ".map(r => [r.dataset.doc, r.cells[3].innerText])")
        docs = {d: q for d, q in sales}
        assert s2 in docs and s3 in docs, (sales, s2, s3)
        assert docs[s2].replace(",", "") == str(q2) and docs[s3].replace(",", "") == str(q3), sales
        title = wd.text(f"{conflict} h3")
        assert sku in title and str(want_balance) in title, title
        tills = wd.script(f"return [...document.querySelectorAll('{conflict} [data-testid=conflict-sale]')]"
                          ".map(r => r.cells[0].innerText)")
        assert "T2" in tills and "T3" in tills and "A *" in tills, tills
        for tag in ("en", "zh-CN", "ar", "th"):
            till.set_language(wd, tag)
            wd.script(f"document.querySelector('{conflict} [data-testid=conflict-resolve]').scrollIntoView({{block: 'end'}})")
            shots.append(till.shot(w, OUT, f"sync-conflicts-{tag}.png"))
        till.set_language(wd, "en")

        # Resolve with a count: 2 found on the shelf. The conflict leaves the list.
        wd.type(f"{conflict} [data-testid=conflict-counted]", "2")
        wd.click(f"{conflict} [data-testid=conflict-resolve]")
        wd.find("[data-testid=sync-note]", 30)
        wd.until(f"return !document.querySelector('[data-testid=conflict][data-sku={json.dumps(sku)}]')",
                 "the conflict gone from the list")
        assert cli(db, "stock", PIECE)["on_hand"] == 2
        assert all(not c["open"] for c in cli(db, "sync", "conflicts") if c.get("sku") == sku)
        # The other till: once the count has reached it, resolved there too.
        until(lambda: cli(db, "sync", "status")["pending"] == 0, "the count pushed")
        synced(b2)
        assert cli(b2, "stock", PIECE)["on_hand"] == 2
        on_b2 = [c for c in cli(b2, "sync", "conflicts") if c.get("sku") == sku]
        assert on_b2 and all(not c["open"] for c in on_b2), on_b2
        wd.until("return document.querySelector('[data-testid=sync-badge]').dataset.state !== 'sync-conflicts'",
                 "the badge no longer says conflicts")

        print(f"e2e sync: till registered from the window with {tenant}; sale {ticket} seen on a second till; "
              f"oversell {s2} + {s3} ({q2} + {q3} of {on_hand}) shown with both sales, resolved by a count to 2, "
              f"resolved on the second till after sync; screenshots {', '.join(shots)}; "
              f"{time.monotonic() - started:.1f} s in all")
        print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
