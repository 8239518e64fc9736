#!/usr/bin/env python3
"""The device settings screen in a real window (issue 4): the owner opens it (F5, or the header's
tab), sees what this computer has (and, on a machine without a USB bus, that it has none), sets a
network receipt printer and a serial scanner for this till, and prints the test page.

What stands in for hardware: a real TCP listener on 127.0.0.1 is the network receipt printer (it
answers the paper question `DLE EOT 4` with "paper present", as a printer does, and keeps every
byte it gets; the test finds the test page's text in them); a socat pseudo-terminal pair is the
serial scanner (the app reads one end, the test writes a scan into the other). A scan written to
the pty reaches the till's cart as a line. Then the listener is closed: the test print says the
printer is offline, in the window's language. Screenshots in en, zh-CN, ar and th go to
target/test-output.

Same driving as till.py (WebKitWebDriver in plain HTTP under Xvfb), run from src-tauri/tests/window.rs.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import cli, ftl_message, sign_in  # noqa: E402

ROOT = till.ROOT
APP = till.APP
OUT = os.path.join(ROOT, "target", "test-output")
PIECE = till.PIECE
PAPER_PRESENT = bytes([0x12])  # DLE EOT 4 answer: fixed bits only, roll present


class NetworkPrinter:
    """A receipt printer on 127.0.0.1: answers the paper question, records each job."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.jobs = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(10)
                data = b""
                while True:
                    try:
                        chunk = conn.recv(65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    data += chunk
                    if data == b"\x10\x04\x04":
                        conn.sendall(PAPER_PRESENT)
                self.jobs.append(data)

    def close(self):
        # shutdown first: a close alone leaves the accept() in the other thread listening.
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.thread.join(5)


class Pty:
    """socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B: A for the app, B for the scanner."""

    def __init__(self, a, b):
        self.a, self.b = a, b
        self.proc = subprocess.Popen(["socat", f"pty,raw,echo=0,link={a}", f"pty,raw,echo=0,link={b}"],
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not (os.path.exists(a) and os.path.exists(b)):
            if time.monotonic() > deadline:
                raise RuntimeError("socat made no ptys")
            time.sleep(0.02)
        time.sleep(0.1)

    def scan(self, code):
        with open(self.b, "wb", buffering=0) as f:
            f.write(code.encode() + b"\r")

    def close(self):
        self.proc.kill()
        self.proc.wait()


def set_select(wd, testid, value):
    wd.script("const s = document.querySelector(`[data-testid=${arguments[0]}]`); s.value = arguments[1];"
              "s.dispatchEvent(new Event('change', {bubbles: true}));", testid, value)


def outcome(wd):
    """Click "test print" and wait for its outcome: (ok, text)."""
    wd.script("document.querySelector('[data-testid=devices-outcome]')?.remove()")
    wd.click("[data-testid=devices-test-print]")
    wd.until("return !!document.querySelector('[data-testid=devices-outcome]')", "the test print's outcome")
    ok = wd.script("return document.querySelector('[data-testid=devices-outcome]').dataset.ok") == "true"
    return ok, wd.text("[data-testid=devices-outcome]")


def main():
    started = time.monotonic()
    shots = []
    os.makedirs(OUT, exist_ok=True)
    printer = NetworkPrinter()
    with till.window("devices", OUT) as w:
        wd, db, tmp = w.wd, w.db, w.tmp
        pty = Pty(os.path.join(tmp, "scanner"), os.path.join(tmp, "scanner-device"))
        try:
            wd.start(APP)
            sign_in(wd, "owner")

            # F5 opens the device settings; what this computer has is listed.
            wd.script("window.dispatchEvent(new KeyboardEvent('keydown', {key: 'F5', bubbles: true}))")
            wd.until("return !document.querySelector('[data-testid=devices]').hidden", "the device settings")
            if not os.path.exists("/sys/bus/usb"):
                # This machine has no USB bus at all (a VM): the screen says so, in words.
                text = wd.text("[data-testid=devices-no-usb]")
                assert all(p in text for p in ftl_message("en", "devices-no-usb-bus")), text

            # The network printer at 58 mm and the serial scanner, kept for this till.
            wd.type("[data-testid=devices-printer]", f"tcp://127.0.0.1:{printer.port}")
            set_select(wd, "devices-paper", "58")
            wd.type("[data-testid=devices-scanner]", pty.a)
            set_select(wd, "devices-suffix", "cr")
            wd.click("[data-testid=devices-save]")
            wd.until("return document.querySelector('[data-testid=devices-outcome]')?.dataset.ok === 'true'",
                     "the settings saved")
            saved = cli(db, "devices", "show")
            assert saved["printer"] == f"tcp://127.0.0.1:{printer.port}", saved
            assert saved["paper"] == "58", saved
            assert saved["scanner"]["port"] == pty.a and saved["scanner"]["suffix"] == "cr", saved

            # Test print: the test page arrives at the printer, whole.
            ok, text = outcome(wd)
            assert ok, text
            assert all(p in text for p in ftl_message("en", "devices-printed")), text
            deadline = time.monotonic() + 10
            while not printer.jobs and time.monotonic() < deadline:
                time.sleep(0.05)
            job = printer.jobs[-1]
            assert job.startswith(b"\x10\x04\x04"), "the paper question first"
            title = ftl_message("en", "receipt-test-title")[0]
            assert title.encode() in job, job[:200]
            # 58 mm paper holds 32 columns: the page says so and draws a 32-digit ruler.
            assert b"32" in job and ("".join(str(i % 10) for i in range(1, 33))).encode() in job, job
            assert b"TEST-PRINT" in job, "the test barcode"
            assert b"\x1dV" in job, "the paper cut (GS V)"

            # A scan written to the serial scanner reaches the till's cart as a line.
            wd.click("[data-testid=mode-till]")
            wd.until("return document.querySelector('[data-testid=devices]').hidden", "the till")
            time.sleep(0.3)
            pty.scan(PIECE)
            wd.until("return document.querySelectorAll('[data-testid=line]').length === 1", "the scanned line", 20)
            line = wd.script("return document.querySelector('[data-testid=line]').innerText")
            product = cli(db, "stock", PIECE)
            assert product["name"] in line or product["sku"] in line, line

            # The printer goes away: the test print says it is offline, in each language.
            printer.close()
            wd.script("window.dispatchEvent(new KeyboardEvent('keydown', {key: 'F5', bubbles: true}))")
            wd.until("return !document.querySelector('[data-testid=devices]').hidden", "the device settings")
            for tag in ("en", "zh-CN", "ar", "th"):
                till.set_language(wd, tag)
                ok, text = outcome(wd)
                assert not ok, text
                pieces = ftl_message(tag, "error-printer-offline")
                assert pieces and all(p in text for p in pieces[:1] + pieces[-1:]), (tag, text, pieces)
                assert f"127.0.0.1:{printer.port}" in text, text
                shots.append(till.shot(w, OUT, f"devices-{tag}.png"))
            till.set_language(wd, "en")

            # A cashier has no device settings: no tab, and F5 does nothing (the library would
            # refuse `configure-devices` anyway).
            wd.click("[data-testid=sign-out]")
            sign_in(wd, "cashier")
            assert wd.script("return document.querySelector('[data-testid=mode-devices]') === null")
            wd.script("window.dispatchEvent(new KeyboardEvent('keydown', {key: 'F5', bubbles: true}))")
            assert wd.script("return document.querySelector('[data-testid=devices]') === null")
        finally:
            pty.close()
    print(f"screenshots: {', '.join(shots)} in {OUT}")
    print(f"devices window test: {time.monotonic() - started:.1f} s")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
