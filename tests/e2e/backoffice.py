#!/usr/bin/env python3
"""The back office in a real window (issues 3, 5 and 7): the owner signs in; 100 000 products are
imported through the CLI beside the demo shop's; the catalog lists them in a virtualised list (only
the rows in view are drawn), finds a product as its name is typed in any word order, by the start
of its SKU and by its barcode, and the time from a keystroke to the matching rows on screen is
measured (printed, not asserted); the month view shows every figure per channel, equal to
`onebook report month` to the cent, and the daily chart; the XLSX pack is written from one button
with its progress while the till stays usable; an open order placed through the CLI shows at the
till as reserved. Screenshots of the catalog and the month view in en, zh-CN, ar and th go to
target/test-output.

Same driving as till.py (WebKitWebDriver in plain HTTP under Xvfb), run from src-tauri/tests/window.rs.
"""

import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import till  # noqa: E402  the WebDriver client, process handling and sign-in shared with till.py
from till import cli, sign_in  # noqa: E402

ROOT = till.ROOT
APP, CLI = till.APP, till.CLI
OUT = os.path.join(ROOT, "target", "test-output")
PIECE = till.PIECE


def rows(wd):
    return wd.script("return [...document.querySelectorAll('[data-testid=catalog-row]')]"
                     ".map(r => r.dataset.sku).filter(s => s)")


def main():
    started = time.monotonic()
    shots = []
    with till.window("backoffice", OUT) as w:
        wd, db, tmp = w.wd, w.db, w.tmp
        wd.start(APP)
        sign_in(wd, "owner")

        # 100 000 more products through the CLI's import, so the search is timed at the size a
        # wholesaler's catalog reaches (the demo has a few hundred).
        extra = os.path.join(tmp, "catalog.csv")
        colours = ["red", "blue", "green", "black", "white"]
        with open(extra, "w", encoding="utf-8") as f:
            f.write("sku,name,base_unit,vat_rate,reserve,allow_negative,category,units,barcodes,"
                    "retail_prices,wholesale_prices\n")
            for i in range(100_000):
                f.write(f"ZX{i:06d},Shelf item {i:06d} {colours[i % 5]},piece,,,no,,,,piece=1.50,\n")
        t0 = time.monotonic()
        subprocess.run([CLI, "--db", db, "import", "products", extra], check=True, capture_output=True)
        import_s = time.monotonic() - t0

        # The catalog: every product counted, only the rows in view drawn.
        wd.click("[data-testid=mode-catalog]")
        everything = cli(db, "products", "--limit", "1")["total"]
        wd.until(f"return document.querySelector('[data-testid=catalog-total]')?.dataset.total === '{everything}'",
                 "the catalog's count")
        wd.until("return document.querySelectorAll('[data-testid=catalog-row][data-sku]:not([data-sku=\"\"])').length > 5",
                 "the first rows")
        drawn = wd.script("return document.querySelectorAll('[data-testid=catalog-row]').length")
        assert drawn < everything, f"{drawn} rows drawn for {everything} products: the list is not virtualised"
        first = rows(wd)
        assert first == sorted(first), "ordered by SKU"
        # Scrolled to the end: the last products arrive, still only a window of rows drawn.
        wd.script("const l = document.querySelector('[data-testid=catalog-list]'); l.scrollTop = l.scrollHeight;"
                  "l.dispatchEvent(new Event('scroll'));")
        last_sku = cli(db, "products", "--offset", str(everything - 1), "--limit", "1")["rows"][0]["sku"]
        wd.until(f"return !!document.querySelector('[data-testid=catalog-row][data-sku={json.dumps(last_sku)}]')",
                 "the last product after scrolling")
        assert wd.script("return document.querySelectorAll('[data-testid=catalog-row]').length") < everything

        # Typing finds: the words of a name in another order, and the rows on screen follow each key.
        product = cli(db, "stock", PIECE)
        words = product["name"].split()
        query = " ".join(reversed(words[:2])) if len(words) > 1 else words[0]
        expected = [r["sku"] for r in cli(db, "products", query, "--limit", "500")["rows"]]
        assert product["sku"] in expected, (query, expected)
        wd.type("[data-testid=catalog-search]", query)
        wd.until(f"return document.querySelector('[data-testid=catalog-total]').dataset.query === {json.dumps(query)}"
                 f" && document.querySelector('[data-testid=catalog-total]').dataset.total === '{len(expected)}'",
                 "the search's count")
        # Every row drawn holds its product (no placeholder still waiting for its page), in SKU order.
        wd.until(f"const e = {json.dumps(expected)};"
                 " const r = [...document.querySelectorAll('[data-testid=catalog-row]')];"
                 " return r.length > 0 && r.every(x => x.dataset.sku === e[Number(x.dataset.index)])",
                 "the matching rows drawn")
        shown = rows(wd)
        assert shown and shown == expected[: len(shown)], (shown, expected)
        # By barcode.
        wd.script("const i = document.querySelector('[data-testid=catalog-search]'); i.value = '';"
                  "i.dispatchEvent(new Event('input', {bubbles: true}));")
        wd.type("[data-testid=catalog-search]", PIECE)
        wd.until(f"return document.querySelector('[data-testid=catalog-total]').dataset.total === '1'"
                 f" && !!document.querySelector('[data-testid=catalog-row][data-sku={json.dumps(product['sku'])}]')",
                 "the product by its barcode")

        # Keystroke to rows on screen, measured in the window (printed, not asserted).
        times = []
        for q in ["c", "ca", "cab", "cabl", "cable", "usb", "us", "u", "t", "te", "tea", "k", "ke", "ket"] * 3:
            t0 = wd.script("const i = document.querySelector('[data-testid=catalog-search]'); i.value = arguments[0];"
                           "i.dispatchEvent(new Event('input', {bubbles: true})); return performance.now();", q)
            wd.until(f"return document.querySelector('[data-testid=catalog-total]').dataset.query === {json.dumps(q)}"
                     " && (document.querySelector('[data-testid=catalog-total]').dataset.total === '0'"
                     " || !!document.querySelector('[data-testid=catalog-row][data-sku]:not([data-sku=\"\"])'))",
                     f"rows for {q}")
            times.append(wd.script("return performance.now() - arguments[0];", t0))
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        search_figure = (f"keystroke to rows over {everything} products: p50 {statistics.median(times):.1f} ms, "
                         f"p95 {p95:.1f} ms, p99 {p99:.1f} ms ({len(times)} keystrokes)")

        for tag in ("en", "zh-CN", "ar", "th"):
            till.set_language(wd, tag)
            shots.append(till.shot(w, OUT, f"catalog-{tag}.png"))
        till.set_language(wd, "en")

        # The month view: the library's figures, to the cent, and the chart.
        month = time.strftime("%Y-%m")
        wd.click("[data-testid=mode-month]")
        wd.script("const m = document.querySelector('[data-testid=month-pick]'); m.value = arguments[0];"
                  "m.dispatchEvent(new Event('input', {bubbles: true})); m.dispatchEvent(new Event('change', {bubbles: true}));", month)
        wd.click("[data-testid=month-show]")
        report = cli(db, "report", "month", month)
        for figure in ("orders", "gross_sales", "net_sales", "cogs", "gross_margin"):
            for ch in ("retail", "wholesale", "total"):
                want = str(report["channels"][ch][figure])
                wd.until(f"return document.querySelector('[data-figure={figure}] [data-channel={ch}]')?.dataset.value"
                         f" === {json.dumps(want)}", f"{figure} {ch} = {want}")
        # Shown as people read them: 1,234.50 in English.
        shown_gross = wd.text("[data-figure=gross_sales] [data-channel=total]")
        assert shown_gross.replace(",", "") == report["channels"]["total"]["gross_sales"], shown_gross
        bars = wd.script("return [...document.querySelectorAll('[data-testid=month-chart] rect.retail')]"
                         ".filter(r => Number(r.getAttribute('height')) > 0).length")
        assert bars >= 1, "the chart has the days with sales"
        for tag in ("en", "zh-CN", "ar", "th"):
            till.set_language(wd, tag)
            shots.append(till.shot(w, OUT, f"month-{tag}.png"))
        till.set_language(wd, "en")

        # The pack from one button; the file is a workbook an accountant opens.
        t0 = time.monotonic()
        wd.click("[data-testid=month-export-xlsx]")
        wd.until("return !!document.querySelector('[data-testid=month-written]')", "the pack written", 120)
        path = wd.script("return document.querySelector('[data-testid=month-written]').dataset.path")
        with open(path, "rb") as f:
            assert f.read(2) == b"PK", "an XLSX (zip) file"
        pack_s = time.monotonic() - t0

        # An order placed at the counter (CLI) holds stock back: the till shows it as reserved.
        order = {"buyer": "B001", "lines": [{"sku": product["sku"], "qty": 2}]}
        order_file = os.path.join(tmp, "order.json")
        with open(order_file, "w") as f:
            json.dump(order, f)
        placed = cli(db, "order", "place", order_file)
        wd.click("[data-testid=mode-till]")
        wd.type("[data-testid=scan]", PIECE + till.ENTER)
        wd.until("return Number(document.querySelector('[data-reserved-by-orders]')?.dataset.reservedByOrders) >= 2",
                 "the reservation shown at the till")

        print(f"e2e back office: 100 000 products imported by the CLI in {import_s:.1f} s (debug build); "
              f"catalog of {everything} products, {drawn} rows drawn; {search_figure}; "
              f"month {month} figures equal the CLI's; XLSX pack in {pack_s:.1f} s at {path}; "
              f"order {placed.get('order_no', placed.get('doc_no', '?'))} shown reserved at the till; "
              f"screenshots {', '.join(shots)}; {time.monotonic() - started:.1f} s in all")
        print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
