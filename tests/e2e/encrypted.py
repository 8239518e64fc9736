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
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import ENTER, sign_in  # noqa: E402

ROOT = till.ROOT
APP, CLI = till.APP, till.CLI
OUT = os.path.join(ROOT, "target", "test-output")
PASSPHRASE = "sesame street 42"


def main():
    started = time.monotonic()
    shots = []
    with till.window("encrypted", OUT) as w:
        wd, db = w.wd, w.db
        # The demo shop, then encrypted by the owner; its names were readable before.
        subprocess.run([CLI, "--db", db, "demo"], check=True, capture_output=True)
        name = json.loads(subprocess.run([CLI, "--db", db, "--json", "stock", till.PIECE], check=True,
                                         capture_output=True, text=True).stdout)["name"]
        subprocess.run([CLI, "--db", db, "encrypt"], input=PASSPHRASE + "\n", text=True, check=True,
                       capture_output=True)
        with open(db, "rb") as f:
            assert name.encode() not in f.read(), "the encrypted file holds no product name"
        wd.start(APP)

        # The passphrase screen, not the staff list: nothing of the book can be read yet.
        wd.find("[data-testid=passphrase-form]")
        assert wd.script("return document.querySelector('[data-testid^=user-]') === null"), "no staff before the passphrase"
        for tag in ("en", "ar"):
            till.set_language(wd, tag)
            shots.append(till.shot(w, OUT, f"passphrase-{tag}.png"))
        till.set_language(wd, "en")

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


if __name__ == "__main__":
    main()
