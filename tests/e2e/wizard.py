#!/usr/bin/env python3
"""The first run in a real window: a fresh empty book (no ONEBOOK_DEMO) opens the wizard, not the
sign-in screen. In Thai: a currency the library does not know is refused with its Thai message and
the field highlighted, and nothing is written; corrected, the shop is created with its owner, who
then signs in with the PIN typed in the wizard (and a wrong PIN is refused); the CLI reads the same
shop. Another fresh book: "open the demo shop" fills it and the demo's cashier signs in.
Screenshots of the wizard in en, zh-CN, ar and th go to target/test-output.

Same driving as till.py (WebKitWebDriver in plain HTTP under Xvfb), run from src-tauri/tests/window.rs.
"""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import ENTER, cli, sign_in  # noqa: E402

ROOT = till.ROOT
APP, CLI = till.APP, till.CLI
OUT = os.path.join(ROOT, "target", "test-output")
NO_DEMO = {"ONEBOOK_DEMO": ""}
SHOP = "ร้านสมศักดิ์การค้า"
PIN = "482913"


def fill(wd, testid, text):
    """Replace a field's text as a person does (Svelte 5 hears the input event)."""
    wd.script("const e = document.querySelector(`[data-testid=${arguments[0]}]`); e.value = arguments[1];"
              "e.dispatchEvent(new Event('input', {bubbles: true}));", testid, text)


def ftl_value(locale, key):
    with open(os.path.join(ROOT, "locales", locale, "onebook.ftl"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(key + " ="):
                return line.split("=", 1)[1].strip()
    raise KeyError(key)


def no_shop(db):
    """The CLI finds no shop in the book (the wizard wrote nothing)."""
    out = subprocess.run([CLI, "--db", db, "--json", "report", "month", "2026-01"], capture_output=True, text=True)
    return out.returncode != 0 and "not-initialized" in out.stdout + out.stderr


def main():
    started = time.monotonic()
    shots = []
    with till.window("wizard", OUT, extra_env=NO_DEMO) as w:
        wd, db = w.wd, w.db
        wd.start(APP)
        wd.find("[data-testid=wizard]")
        assert wd.script("return document.querySelector('[data-testid^=user-]')") is None, "no sign-in yet"
        for tag in ("en", "zh-CN", "ar", "th"):
            till.set_language(wd, tag)
            wd.until(f"return document.querySelector('[data-testid=wizard] h1').innerText === "
                     f"{json.dumps(ftl_value(tag, 'wizard-title'))}", f"the wizard in {tag}")
            shots.append(till.shot(w, OUT, f"wizard-{tag}.png"))
        # In Thai the shop's language and currency are suggested from the window's.
        assert wd.script("return document.querySelector('[data-testid=wizard-language]').value") == "th"
        assert wd.script("return document.querySelector('[data-testid=wizard-currency]').value") == "THB"
        fill(wd, "wizard-name", SHOP)
        fill(wd, "wizard-tax-number", "0105561000001")
        fill(wd, "wizard-currency", "XYZ")
        fill(wd, "wizard-vat", "7")
        fill(wd, "wizard-time-zone", "Asia/Bangkok")
        fill(wd, "wizard-owner", "somsak")
        fill(wd, "wizard-owner-name", "สมศักดิ์ ใจดี")
        fill(wd, "wizard-pin", PIN)
        fill(wd, "wizard-pin-again", PIN)
        wd.click("[data-testid=wizard-create]")
        wd.until("return document.querySelector('[data-testid=wizard-error]')?.dataset.code === 'unknown-currency'",
                 "the unknown currency refused")
        message = wd.text("[data-testid=wizard-error]")
        for piece in till.ftl_message("th", "error-unknown-currency"):
            assert piece in message, (piece, message)
        assert "XYZ" in message, message
        assert wd.script("return document.querySelector('[data-testid=wizard-currency]').closest('label')"
                         ".classList.contains('fault')"), "the currency is highlighted"
        assert no_shop(db), "a refused wizard writes nothing"
        shots.append(till.shot(w, OUT, "wizard-refused-th.png"))

        fill(wd, "wizard-currency", "THB")
        wd.click("[data-testid=wizard-create]")
        # The sign-in screen, with the owner just created.
        wd.find("[data-testid=user-somsak]")
        assert wd.script("return document.querySelector('[data-testid=wizard]')") is None
        # A wrong PIN is refused; the one typed in the wizard signs the owner in.
        wd.click("[data-testid=user-somsak]")
        wd.type("[data-testid=pin]", "000000" + ENTER)
        wd.until("return document.querySelector('[data-testid=signin-error]')?.dataset.code === 'wrong-pin'",
                 "the wrong PIN refused")
        assert wd.script("return document.querySelector('.who')") is None
        wd.type("[data-testid=pin]", PIN + ENTER)
        wd.until("return document.querySelector('.who')?.innerText.includes('somsak') ?? false", "somsak signed in")
        who = wd.text(".who")
        assert SHOP in who, who
        assert wd.script("return document.querySelector('[data-testid=mode-counter]') !== null"), "an owner"
        # The CLI reads the same book: the shop's currency and the owner.
        assert cli(db, "products")["total"] == 0
        audit = cli(db, "--user", "somsak", "audit", "list")
        assert any(e.get("subject") == "somsak" for e in audit), audit
        shots.append(till.shot(w, OUT, "wizard-signed-in-th.png"))

    with till.window("wizard-demo", OUT, extra_env=NO_DEMO) as w:
        wd, db = w.wd, w.db
        wd.start(APP)
        wd.click("[data-testid=wizard-demo]")
        sign_in(wd, "cashier")
        products = cli(db, "products", "--limit", "1")["total"]
        assert products >= 100, products
    print(f"e2e wizard: the empty book opened the wizard; in Thai an unknown currency was refused and nothing "
          f"written; {SHOP} created, its owner signed in with the wizard's PIN; the demo shop opened from the "
          f"wizard ({products} products); screenshots {', '.join(shots)}; {time.monotonic() - started:.1f} s in all")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
