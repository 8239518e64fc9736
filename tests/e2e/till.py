#!/usr/bin/env python3
"""The till in a real window: the cashier signs in with the demo PIN; a piece and a carton
scanned, paid in cash, committed; the CLI then sees the stock drop by exactly what was sold; the
window switches to Arabic and mirrors. Then, as the owner (signed in with their PIN): a carton invoiced at the wholesale counter drops the stock the till shows by the
carton's pieces; the cashier's sale is returned and restocked; a second return beyond what was
sold is refused with the library's message in Spanish; the sync badge says "not connected".

Drives the app through WebDriver under Xvfb: WebKitWebDriver (Debian's webkit2gtk-driver) spoken to
directly in plain HTTP, one connection per command. tauri-driver is only a proxy in front of it, and
its pooled connections to WebKitWebDriver break now and then ("connection closed before message
completed"), failing a command the window never saw. Run from the repository root after building:
  cargo test --workspace   (src-tauri/tests/window.rs runs it with the binaries cargo built),
  or python3 tests/e2e/till.py after `cargo build --workspace`.
Leaves a screenshot in target/e2e/ (ignored by git).
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# `cargo test --workspace` runs this through src-tauri/tests/window.rs and names the binaries it built.
APP = os.environ.get("ONEBOOK_E2E_APP") or os.path.join(ROOT, "target", "debug", "onebook-desktop")
CLI = os.environ.get("ONEBOOK_E2E_CLI") or os.path.join(ROOT, "target", "debug", "onebook")
OUT = os.path.join(ROOT, "target", "e2e")
PIECE = "6290001000015"  # Rice cooker 1.8 L Black, one piece
CARTON = "16290001000012"  # the same rice cooker, a carton of 6: the demo has no retail price for it
ENTER, F2, F4, F6, F7, F8 = "\ue007", "\ue032", "\ue034", "\ue036", "\ue037", "\ue038"
WAIT_S = 20  # upper bound for any one thing to appear in the window
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_display():
    for n in range(90, 200):
        if not os.path.exists(f"/tmp/.X{n}-lock") and not os.path.exists(f"/tmp/.X11-unix/X{n}"):
            return n
    raise RuntimeError("no free X display number")


def start_group(cmd, env, log):
    # Its own process group (setsid), so ending it also ends the app and WebKit's helpers.
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)


def end_group(proc):
    if proc is None or proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            pass


class WebDriver:
    def __init__(self, url):
        self.url = url
        self.session = None

    def call(self, method, path, body=None, retries=0):
        """One WebDriver command; `retries` only for reads, which may be repeated safely."""
        for attempt in range(retries + 1):
            try:
                return self._call(method, path, body)
            except (ConnectionError, urllib.error.URLError):
                # WebKitWebDriver sometimes drops a connection while the window is (re)loading.
                if attempt == retries:
                    raise
                time.sleep(0.5)

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Connection": "close"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}") from None

    def s(self, method, path, body=None, retries=0):
        return self.call(method, f"/session/{self.session}{path}", body, retries)

    def start(self, app):
        # What tauri-driver would send: WebKitGTK's own option naming the binary to launch.
        caps = {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {"binary": app, "args": []}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}")
            finally:
                self.session = None

    def find(self, css, wait_s=WAIT_S):
        deadline = time.monotonic() + wait_s
        while True:
            found = self.s("POST", "/elements", {"using": "css selector", "value": css}, retries=3)
            if found:
                return found[0][ELEMENT]
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing matches {css} after {wait_s} s; page: {self.text('body', 0)!r}")
            time.sleep(0.1)

    def text(self, css, wait_s=WAIT_S):
        if wait_s == 0:
            return self.script(f"return document.querySelector({json.dumps(css)})?.innerText ?? ''")
        return self.s("GET", f"/element/{self.find(css, wait_s)}/text", retries=3)

    def type(self, css, keys):
        self.s("POST", f"/element/{self.find(css)}/value", {"text": keys})

    def click(self, css):
        self.s("POST", f"/element/{self.find(css)}/click", {})

    def script(self, js, *args):
        return self.s("POST", "/execute/sync", {"script": js, "args": list(args)}, retries=3)

    def until(self, js, what, wait_s=WAIT_S):
        deadline = time.monotonic() + wait_s
        while not self.script(js):
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not happen in {wait_s} s; page: {self.text('body', 0)!r}")
            time.sleep(0.1)


def start_driver(port, env, log):
    driver = start_group(["WebKitWebDriver", f"--port={port}", "--host=127.0.0.1"], env, log)
    wd = WebDriver(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 10
    while True:
        try:
            wd.call("GET", "/status")
            return driver, wd
        except (OSError, RuntimeError):
            if time.monotonic() > deadline or driver.poll() is not None:
                raise RuntimeError("WebKitWebDriver did not start") from None
            time.sleep(0.1)


def ftl_message(locale, key):
    """The text pieces of a Fluent message around its placeholders, from the file the app reads."""
    with open(os.path.join(ROOT, "locales", locale, "onebook.ftl"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(key + " ="):
                text = line.split("=", 1)[1].strip()
                pieces = []
                for chunk in text.split("{"):
                    tail = chunk.split("}", 1)[-1] if "}" in chunk else chunk
                    if tail.strip(" :;,.()（）：；，"):
                        pieces.append(tail.strip())
                return pieces
    raise KeyError(f"{key} not in locales/{locale}")


# The demo shop's documented PINs (src/demo.rs, DEMO_PINS; README "Staff sign-in").
DEMO_PINS = {"owner": "1111", "cashier": "2222", "amal": "3333", "somchai": "4444", "lucia": "5555"}


def sign_in(wd, user, pin=None):
    """On the sign-in screen: pick `user`, type their PIN, Enter; wait for the till."""
    wd.click(f"[data-testid=user-{user}]")
    wd.type("[data-testid=pin]", (pin or DEMO_PINS[user]) + ENTER)
    wd.until(f"return document.querySelector('.who')?.innerText.includes({json.dumps(user)}) ?? false",
             f"{user} signed in")


def cli(db, *args):
    out = subprocess.run([CLI, "--db", db, "--json", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


class Window:
    """A real window's surroundings: a fresh folder with the book's path, Xvfb on a free display,
    WebKitWebDriver on a free port (see `window`). The caller starts the app (`wd.start(APP)`)."""

    def __init__(self, wd, db, tmp, display, env):
        self.wd, self.db, self.tmp, self.display, self.env = wd, db, tmp, display, env


@contextlib.contextmanager
def window(name, out_dir=None, extra_env=None):
    """Everything a window test needs around the app, torn down afterwards whatever happens: the
    binaries and tools checked, `out_dir` made (its `name`.log gets the processes' output), a fresh
    temporary folder with its own XDG folders (the window's storage starts empty every run)."""
    out_dir = out_dir or OUT
    for binary in (APP, CLI):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is missing: build with `cargo build --workspace` first")
    for tool in ("Xvfb", "WebKitWebDriver", "import"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (scripts/test.sh installs it)")
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f"onebook-e2e-{name}-")
    db = os.path.join(tmp, "till.sqlite3")
    display = free_display()
    port = free_port()
    xdg = {f"XDG_{k}_HOME": os.path.join(tmp, k.lower()) for k in ("DATA", "CONFIG", "CACHE", "STATE")}
    # ONEBOOK_DEMO=1: the empty book gets the demo shop before the window opens (as scripts/try.sh
    # does); a test of the first-run wizard passes {"ONEBOOK_DEMO": ""}.
    env = dict(os.environ, **xdg, DISPLAY=f":{display}", ONEBOOK_DB=db,
               GDK_BACKEND="x11", WEBKIT_DISABLE_COMPOSITING_MODE="1", LANG="en_US.UTF-8",
               TAURI_WEBVIEW_AUTOMATION="true", **{"ONEBOOK_DEMO": "1", **(extra_env or {})})  # lets WebKitWebDriver drive the webview
    for k in ("WAYLAND_DISPLAY", "ONEBOOK_USER", "ONEBOOK_PASSPHRASE"):
        env.pop(k, None)
    log = open(os.path.join(out_dir, f"{name}.log"), "w")
    xvfb = driver = None
    wd = WebDriver(f"http://127.0.0.1:{port}")
    try:
        xvfb = start_group(["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], env, log)
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{display}"):
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        driver, wd = start_driver(port, env, log)
        yield Window(wd, db, tmp, display, env)
    finally:
        try:
            wd.quit()
        finally:
            end_group(driver)
            end_group(xvfb)
            log.close()
            shutil.rmtree(tmp, ignore_errors=True)


def shot(w, out_dir, name):
    """A screenshot of the whole display into `out_dir`; returns its file name."""
    subprocess.run(["import", "-display", f":{w.display}", "-window", "root", os.path.join(out_dir, name)],
                   check=True, env=w.env)
    return name


def set_language(wd, tag):
    """Pick a language in the window's picker, as a person does, and wait for the page to follow."""
    wd.script("const s = document.querySelector('[data-testid=language]'); s.value = arguments[0];"
              "s.dispatchEvent(new Event('change', {bubbles: true}));", tag)
    wd.until(f"return document.documentElement.lang === {json.dumps(tag)}", f"the window in {tag}")


def main():
    for binary in (APP, CLI):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is missing: build with `cargo build --workspace` first")
    for tool in ("Xvfb", "WebKitWebDriver", "import"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (scripts/test.sh installs it)")
    os.makedirs(OUT, exist_ok=True)
    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="onebook-e2e-")
    db = os.path.join(tmp, "till.sqlite3")
    display = free_display()
    port = free_port()
    # Its own XDG folders: the window's storage (the language picked) starts empty every run.
    xdg = {f"XDG_{k}_HOME": os.path.join(tmp, k.lower()) for k in ("DATA", "CONFIG", "CACHE", "STATE")}
    env = dict(os.environ, **xdg, DISPLAY=f":{display}", ONEBOOK_DB=db, ONEBOOK_DEMO="1",
               GDK_BACKEND="x11", WEBKIT_DISABLE_COMPOSITING_MODE="1", LANG="en_US.UTF-8",
               TAURI_WEBVIEW_AUTOMATION="true")  # lets WebKitWebDriver drive the app's webview
    env.pop("WAYLAND_DISPLAY", None)
    log = open(os.path.join(OUT, "till.log"), "w")
    xvfb = driver = None
    wd = WebDriver(f"http://127.0.0.1:{port}")
    try:
        xvfb = start_group(["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], env, log)
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{display}"):
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        driver, wd = start_driver(port, env, log)

        # The app opens an empty database and, asked by ONEBOOK_DEMO=1, creates the demo shop in it.
        wd.start(APP)
        sign_in(wd, "cashier")
        wd.find("[data-testid=scan]")
        before = cli(db, "stock", PIECE)["on_hand"]

        # A code that is not in the catalog is refused with the library's message.
        wd.type("[data-testid=scan]", "NO-SUCH-SKU" + ENTER)
        assert "NO-SUCH-SKU" in wd.text("[data-testid=error]"), "the unknown code is named"
        assert wd.script("return document.querySelector('[data-testid=error]').dataset.code") == "unknown-product"

        # A piece as a scanner types it; the carton's barcode selects the carton, which the demo
        # sells wholesale only (no retail price): refused, with the library's message.
        wd.type("[data-testid=scan]", PIECE + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=line]').length === 1", "the piece line")
        wd.type("[data-testid=scan]", CARTON + ENTER)
        wd.until("return document.querySelector('[data-testid=error]')?.dataset.code === 'no-price'",
                 "the carton refused")
        assert "carton" in wd.text("[data-testid=error]")
        # Three more pieces in one go (3*code): the same line, now 4.
        wd.type("[data-testid=scan]", "3*" + PIECE + ENTER)
        wd.until("return document.querySelector('[data-testid=error]') === null", "the refusal cleared")
        lines = wd.script("return [...document.querySelectorAll('[data-testid=line]')].map(r => r.cells[1].innerText)")
        assert lines == ["4"], lines
        assert wd.script("return document.activeElement.dataset.testid") == "scan", "the scan field keeps focus"
        total = wd.text("[data-testid=total]")

        # F2 pays: 1000 in cash, Enter commits.
        wd.type("[data-testid=scan]", F2)
        wd.type("[data-testid=tendered]", "1000" + ENTER)
        ticket = wd.text("[data-testid=ticket]")
        change = wd.text("[data-testid=change]")
        assert ticket.startswith("S-"), ticket
        wd.until(f"return document.querySelector('[data-testid=stock-event]').dataset.doc === '{ticket}'",
                 "the stock-changed event")

        # The command line reads the same book: the sale is there, and the shelf has 4 fewer.
        doc = cli(db, "document", ticket)
        sold_base = sum(line["qty_base"] for line in doc["lines"])
        assert sold_base == 4, doc["lines"]
        assert f'{doc["gross"]} {doc["currency"]}' == total, (doc["gross"], total)
        assert doc["change"] == change and doc["user"] == "cashier", doc
        after = cli(db, "stock", PIECE)["on_hand"]
        assert after == before - sold_base, (before, after)
        # The till shows the stock of the product scanned last, read again after the sale.
        wd.until(f"return document.querySelector('[data-testid=till-stock]')?.dataset.onHand === '{after}'",
                 "the till's stock after the sale")
        # A cashier sees the till and returns, not the wholesale counter (the library refuses it anyway).
        assert wd.script("return document.querySelector('[data-testid=mode-counter]') === null")
        assert wd.script("return document.querySelector('[data-testid=mode-returns]') !== null")

        # Arabic: the window mirrors and speaks Arabic.
        wd.click("[data-testid=language] option[value=ar]")
        wd.until("return document.documentElement.dir === 'rtl'", "dir=rtl")
        assert wd.script("return document.documentElement.lang") == "ar"
        assert wd.text("h1") == "نقطة البيع", wd.text("h1")
        wd.type("[data-testid=scan]", PIECE + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=line]').length === 1", "a line in Arabic")
        wd.type("[data-testid=scan]", CARTON + ENTER)
        wd.until("return document.querySelector('[data-testid=error]')?.dataset.code === 'no-price'",
                 "the carton refused in Arabic")
        shot = os.path.join(OUT, "till-ar.png")
        subprocess.run(["import", "-display", f":{display}", "-window", "root", shot], check=True, env=env)

        # The owner now, with their PIN: the app again, on the same book.
        wd.quit()
        end_group(driver)
        driver, wd = start_driver(port, env, log)
        wd.start(APP)
        sign_in(wd, "owner")
        wd.find("[data-testid=scan]")
        wd.click("[data-testid=language] option[value=en]")
        wd.until("return document.documentElement.dir === 'ltr'", "English again")
        # This book was never registered with a cloud ledger.
        wd.until("return document.querySelector('[data-testid=sync-badge]')?.dataset.state === 'sync-not-connected'",
                 "the sync badge")
        assert wd.text("[data-testid=sync-badge]") == "Not connected", wd.text("[data-testid=sync-badge]")

        # The till shows the rice cooker's stock once scanned.
        piece = cli(db, "stock", PIECE)
        sku, on_till = piece["sku"], piece["on_hand"]
        carton_pieces = next(u["factor_to_base"] for u in piece["units"] if u["unit"] == "carton")
        wd.type("[data-testid=scan]", PIECE + ENTER)
        wd.until(f"return document.querySelector('[data-testid=till-stock]')?.dataset.onHand === '{on_till}'",
                 "the till's stock of the rice cooker")

        # F7: the wholesale counter. An unknown code is refused, its field highlighted.
        wd.type("[data-testid=scan]", F7)
        wd.until("return !document.querySelector('[data-testid=counter]').hidden", "the counter")
        assert wd.text("h1") == "Wholesale counter", wd.text("h1")
        wd.click("[data-testid=buyer] option[value=B002]")
        wd.type("[data-testid=counter-code]", "NO-SUCH-SKU" + ENTER)
        wd.until("return document.querySelector('[data-testid=counter-error]')?.dataset.code === 'unknown-product'",
                 "the unknown code refused at the counter")
        assert wd.script("return document.querySelector('[data-testid=counter-code]').closest('label')"
                         ".classList.contains('fault')"), "the code field is highlighted"
        # The rice cooker by SKU: the counter shows the same pool as the till.
        wd.script("document.querySelector('[data-testid=counter-code]').value = ''")
        wd.type("[data-testid=counter-code]", sku + ENTER)
        wd.until(f"return document.querySelector('[data-testid=counter-stock]')?.dataset.onHand === '{on_till}'",
                 "the counter's stock of the same product")
        wd.click("[data-testid=counter-unit] option[value=carton]")
        # More cartons than the shelf holds: refused, the quantity highlighted, nothing added.
        wd.script("document.querySelector('[data-testid=counter-qty]').value = ''")
        wd.type("[data-testid=counter-qty]", str(on_till // carton_pieces + 1) + ENTER)
        wd.until("return document.querySelector('[data-testid=counter-error]')?.dataset.code === 'insufficient-stock'",
                 "too many cartons refused")
        assert wd.script("return document.querySelector('[data-testid=counter-qty]').closest('label')"
                         ".classList.contains('fault')"), "the quantity field is highlighted"
        assert wd.script("return document.querySelectorAll('[data-testid=counter-line]').length") == 0
        wd.script("document.querySelector('[data-testid=counter-qty]').value = ''")
        wd.type("[data-testid=counter-qty]", "1" + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=counter-line]').length === 1", "the carton line")
        wd.type("[data-testid=counter-code]", F4)
        invoice_no = wd.text("[data-testid=invoice-no]")
        invoice = cli(db, "document", invoice_no)
        assert invoice["kind"] == "invoice" and invoice["buyer"] == "B002", invoice
        assert [(l["sku"], l["unit"], l["qty_base"]) for l in invoice["lines"]] == [(sku, "carton", carton_pieces)]
        after_invoice = on_till - carton_pieces
        wd.until(f"return document.querySelector('[data-testid=counter-stock]')?.dataset.onHand === "
                 f"'{after_invoice}'", "the counter's stock after the invoice")
        shot_counter = os.path.join(OUT, "counter-en.png")
        subprocess.run(["import", "-display", f":{display}", "-window", "root", shot_counter], check=True, env=env)

        # F6: back at the till, the rice cooker's stock dropped by the carton's pieces, as the CLI says.
        wd.type("[data-testid=counter-code]", F6)
        wd.until(f"return document.querySelector('[data-testid=till-stock]')?.dataset.onHand === '{after_invoice}'",
                 "the till's stock after the invoice")
        assert cli(db, "stock", PIECE)["on_hand"] == after_invoice

        # F8: returns. One of the cashier's four pieces comes back to the shelf.
        wd.type("[data-testid=scan]", F8)
        wd.until("return !document.querySelector('[data-testid=returns]').hidden", "the returns screen")
        wd.type("[data-testid=return-doc]", ticket + ENTER)
        wd.until("return document.querySelectorAll('[data-testid=return-line]').length === 1", "the ticket's line")
        assert wd.script("return document.querySelector('[data-testid=return-restock]').checked")
        wd.type("[data-testid=return-qty]", "1" + ENTER)
        return_no = wd.text("[data-testid=return-no]")
        returned = cli(db, "document", return_no)
        assert returned["kind"] == "retail_return" and returned["refers_to"] == ticket, returned
        assert cli(db, "stock", PIECE)["on_hand"] == after_invoice + 1

        # In Spanish, returning 4 more than the 3 left is refused with the library's message.
        wd.click("[data-testid=language] option[value=es]")
        wd.until("return document.documentElement.lang === 'es'", "Spanish")
        wd.script("document.querySelector('[data-testid=return-qty]').value = ''")
        wd.type("[data-testid=return-qty]", "4" + ENTER)
        wd.until("return document.querySelector('[data-testid=return-error]')?.dataset.code === 'over-return'",
                 "the over-return refused")
        message = wd.text("[data-testid=return-error]")
        for piece_text in ftl_message("es", "error-over-return"):
            assert piece_text in message, (piece_text, message)
        assert ticket in message, message
        assert wd.script("return document.querySelector('[data-testid=return-line]').classList.contains('fault')")
        assert cli(db, "stock", PIECE)["on_hand"] == after_invoice + 1, "the refused return changed nothing"
        shot_returns = os.path.join(OUT, "returns-es.png")
        subprocess.run(["import", "-display", f":{display}", "-window", "root", shot_returns], check=True, env=env)
        # Back at the till, the returned piece is on the shelf again.
        wd.type("[data-testid=return-qty]", F6)
        wd.until(f"return document.querySelector('[data-testid=till-stock]')?.dataset.onHand === "
                 f"'{after_invoice + 1}'", "the till's stock after the return")

        print(f"e2e till: sold {sold_base} pieces as {ticket} (total {total}, change {change}); "
              f"stock {before} -> {after}; Arabic mirrored; screenshot {os.path.relpath(shot, ROOT)}")
        print(f"e2e counter: {invoice_no} of 1 carton ({carton_pieces} pieces of {sku}) to B002; till stock "
              f"{on_till} -> {after_invoice}; return {return_no} restocked 1; over-return refused in Spanish; "
              f"screenshots {os.path.relpath(shot_counter, ROOT)}, {os.path.relpath(shot_returns, ROOT)}; "
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
