#!/usr/bin/env python3
"""An encrypted book in a real window (issue 8): the demo shop is encrypted with the owner's
passphrase through the CLI; the app opens on the passphrase screen, not the staff list; a wrong
passphrase is refused with the library's message; the right one opens the book and the sign-in
screen follows; the owner signs in and the till finds a product; the file on disk holds no product
name. A screenshot of the passphrase screen in en and ar goes to target/test-output.

Same driving as till.py (WebKitWebDriver in plain HTTP under Xvfb), run from src-tauri/tests/window.rs.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import ENTER, end_group, free_display, free_port, sign_in, start_driver, start_group  # noqa: E402

ROOT = till.ROOT
APP, CLI = till.APP, till.CLI
OUT = os.path.join(ROOT, "target", "test-output")
PASSPHRASE = "sesame street 42"


def shot(display, env, name):
    subprocess.run(["import", "-display", f":{display}", "-window", "root", os.path.join(OUT, name)], check=True, env=env)
    return name


def set_language(wd, tag):
    wd.script("const s = document.querySelector('[data-testid=language]'); s.value = arguments[0];"
              "s.dispatchEvent(new Event('change', {bubbles: true}));", tag)
    wd.until(f"return document.documentElement.lang === {json.dumps(tag)}", f"the window in {tag}")


def main():
    for binary in (APP, CLI):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is missing: build with `cargo build --workspace` first")
    os.makedirs(OUT, exist_ok=True)
    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="onebook-e2e-crypt-")
    db = os.path.join(tmp, "till.sqlite3")
    # The demo shop, then encrypted by the owner; its names were readable before.
    subprocess.run([CLI, "--db", db, "demo"], check=True, capture_output=True)
    name = json.loads(subprocess.run([CLI, "--db", db, "--json", "stock", till.PIECE], check=True,
                                     capture_output=True, text=True).stdout)["name"]
    subprocess.run([CLI, "--db", db, "encrypt"], input=PASSPHRASE + "\n", text=True, check=True, capture_output=True)
    with open(db, "rb") as f:
        assert name.encode() not in f.read(), "the encrypted file holds no product name"

    display = free_display()
    port = free_port()
    xdg = {f"XDG_{k}_HOME": os.path.join(tmp, k.lower()) for k in ("DATA", "CONFIG", "CACHE", "STATE")}
    env = dict(os.environ, **xdg, DISPLAY=f":{display}", ONEBOOK_DB=db, GDK_BACKEND="x11",
               WEBKIT_DISABLE_COMPOSITING_MODE="1", LANG="en_US.UTF-8", TAURI_WEBVIEW_AUTOMATION="true")
    for k in ("WAYLAND_DISPLAY", "ONEBOOK_USER", "ONEBOOK_PASSPHRASE"):
        env.pop(k, None)
    log = open(os.path.join(OUT, "encrypted.log"), "w")
    xvfb = driver = None
    wd = till.WebDriver(f"http://127.0.0.1:{port}")
    shots = []
    try:
        xvfb = start_group(["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], env, log)
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{display}"):
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        driver, wd = start_driver(port, env, log)
        wd.start(APP)

        # The passphrase screen, not the staff list: nothing of the book can be read yet.
        wd.find("[data-testid=passphrase-form]")
        assert wd.script("return document.querySelector('[data-testid^=user-]') === null"), "no staff before the passphrase"
        for tag in ("en", "ar"):
            set_language(wd, tag)
            shots.append(shot(display, env, f"passphrase-{tag}.png"))
        set_language(wd, "en")

        # A wrong passphrase: refused with the library's message; the screen stays.
        wd.type("[data-testid=passphrase]", "open sesame" + ENTER)
        wd.until("return document.querySelector('[role=alert]')?.dataset.code === 'wrong-passphrase'",
                 "the wrong passphrase refused")
        assert wd.script("return !!document.querySelector('[data-testid=passphrase-form]')")

        # The right one opens the book: the sign-in screen, the owner, the till finds a product.
        wd.script("document.querySelector('[data-testid=passphrase]').value = ''")
        wd.type("[data-testid=passphrase]", PASSPHRASE + ENTER)
        wd.find("[data-testid=user-owner]")
        sign_in(wd, "owner")
        wd.type("[data-testid=scan]", till.PIECE + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=line]').length === 1", "a line at the till")
        with open(db, "rb") as f:
            assert name.encode() not in f.read(), "still no product name in the file"

        print(f"e2e encrypted book: passphrase screen first, wrong passphrase refused, the right one opens the "
              f"book, owner signed in, {name} scanned; screenshots {', '.join(shots)}; "
              f"{time.monotonic() - started:.1f} s in all")
        print("1 passed, 0 failed")
    finally:
        try:
            wd.quit()
        finally:
            end_group(driver)
            end_group(xvfb)
            log.close()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
