# Onebook messages: English (the reference; every other locale has the same ids).

## Errors (error-<code>), shown to people with the field or row at fault.
error-not-initialized = This database has no shop yet. Run `onebook init` first.
error-already-initialized = This database is already set up for { $shop }.
error-database-too-new = This database was made by a newer Onebook (schema { $found }; this version reads up to { $supported }). Update Onebook.
error-not-onebook-database = This file is not an Onebook database ({ $detail }).
error-storage = The database could not be written or read: { $detail }
error-busy = Another till is holding the database. Try again in a moment.
error-io = Cannot read { $path }: { $detail }
error-invalid-input = { $field }: { $reason }
error-unknown-currency = { $field }: unknown currency { $value }.
error-unknown-time-zone = { $field }: unknown time zone { $value } (for example Asia/Dubai).
error-unknown-locale = { $field }: unsupported language { $value }.
error-unknown-user = No active user named { $username }.
error-duplicate-user = A user named { $username } already exists.
error-permission-denied = { $username } ({ $role }) is not allowed to { $action }.
error-unknown-product = { $field }: no product with SKU { $sku }.
error-unknown-barcode = { $field }: barcode { $code } is not in the catalog.
error-unknown-unit = { $field }: { $sku } is not sold in { $unit }.
error-bad-check-digit = { $field }: barcode { $code } has a wrong check digit (it should end in { $expected }).
error-bad-barcode = { $field }: { $code } is not a barcode (8, 12, 13 or 14 digits).
error-duplicate-barcode = { $field }: barcode { $code } already belongs to { $sku }.
error-duplicate-sku = { $field }: SKU { $sku } appears more than once.
error-unit-factor-changed = { $field }: { $unit } of { $sku } is { $old_factor } base units and cannot become { $new_factor }.
error-no-price = { $field }: { $sku } has no { $list } price for { $unit }.
error-qty-not-positive = { $field }: the quantity must be more than zero (got { $qty }).
error-fractional-base-qty = { $field }: { $qty } { $unit } is { $base } { $base_unit }; only whole { $base_unit } can be sold.
error-qty-too-large = { $field }: the quantity { $qty } is too large.
error-amount-out-of-range = { $field }: the amount { $amount } is out of range.
error-reserved-for-wholesale = { $sku } is reserved for wholesale: { $on_hand } { $base_unit } on hand, { $reserve } kept for wholesale, { $available } can be sold at the till ({ $requested } asked).
error-insufficient-stock = { $sku }: only { $on_hand } { $base_unit } on hand, { $requested } asked.
error-unknown-document = { $field }: no document { $doc_no }.
error-wrong-document-kind = { $field }: { $doc_no } is a { $found }, not a { $expected }.
error-unknown-line = { $field }: { $doc_no } has no line { $line }.
error-product-not-on-document = { $field }: { $sku } was not on { $doc_no }.
error-over-return = { $field }: line { $line } of { $doc_no } ({ $sku }) sold { $sold }, { $returned } already returned; { $requested } more cannot be returned.
error-not-to-receive = { $doc_no } is not waiting to be received (it is { $status }).
error-date-before-last-document = The date { $date } is before the last recorded document ({ $last }).
error-unknown-customer = No buyer with code { $code }.
error-duplicate-customer = A buyer with code { $code } already exists.
error-payment-short = Paid { $paid }, but the total is { $total }.
error-non-cash-overpaid = Card and e-wallet payments ({ $non_cash }) are more than the total { $total }; only cash gives change.
error-no-lines = The document has no lines.
error-too-many-lines = A document can have at most { $max } lines.
error-import-rejected = { $count } rows of the file are wrong; nothing was imported. Fix them, or import the good rows with --skip-bad.
error-disk-full = The disk is full: nothing was written and the last sale is not recorded. Free some space, then try again; the till goes on where it stopped.
error-database-corrupt = The database { $path } is damaged ({ $detail }); Onebook will not start on it. { $backup ->
    [none] No backup was found: copy the file somewhere safe and ask for help.
   *[other] Restore the last good backup with: onebook restore { $backup }
}
error-backup-invalid = { $path } cannot be restored: { $detail }

## Command line
cli-error = Error
cli-row-error = line { $line }{ $column }: { $message }
cli-import-progress = { $phase } { $done } / { $total } rows
cli-phase-checking = Checking
cli-phase-writing = Writing
cli-import-done = Imported { $rows } rows: { $created } new products, { $updated } updated, { $skipped } skipped.
cli-init-done = Shop { $shop } is set up. Owner: { $owner }. Database: { $path }
cli-posted = { $kind } { $doc_no } recorded: total { $gross } { $currency }.
cli-post-failed = Document { $index } refused: { $message }
cli-post-summary = { $ok } recorded, { $failed } refused.
cli-change-due = Change due: { $change }
cli-user-added = User { $username } ({ $role }) added.
cli-buyer-added = Buyer { $code } added.
cli-demo-ready = Demo shop ready: { $products } products, { $documents } documents. Database: { $path }
cli-backup-done = Backup { $path } taken and checked ({ $bytes } bytes, integrity ok). { $kept } backups kept, { $removed } removed by rotation.
cli-backup-last = Last good backup: { $path }, taken { $at }.
cli-backup-last-missing = Last good backup: { $path }, taken { $at }, but the file is no longer there.
cli-backup-none = No backup has been taken yet.
cli-restore-done = Restored from { $from }. { $aside ->
    [none] There was no database to keep aside.
   *[other] The previous database is kept as { $aside }.
}
cli-audit-ok = Audit trail intact: { $count } entries, every hash verified.
cli-audit-broken = Audit trail broken at entry { $seq } ({ $reason }).

## Document kinds
kind-sale = Sale
kind-invoice = Invoice
kind-retail_return = Retail return
kind-wholesale_return = Credit note
kind-receipt = Goods receipt
kind-count = Stock count

## Stock
stock-title = { $sku } · { $name }
stock-on-hand = On hand
stock-reserve = Reserved for wholesale
stock-available-retail = Available at the till
stock-available-wholesale = Available for wholesale
stock-reserved-flag = Reserved for wholesale: the till cannot sell it
stock-unlimited = no limit (negative stock allowed)
stock-units = Units
stock-prices = Prices
stock-avg-cost = Average cost
stock-scanned = Scanned unit

## Month report
report-title = Month report { $month } · { $shop } · { $currency }
report-channel = Channel
report-retail = Retail
report-wholesale = Wholesale
report-total = Total
report-orders = Orders
report-gross-sales = Gross sales
report-returns = Returns
report-net-sales = Net sales
report-cogs = Cost of goods sold
report-gross-margin = Gross margin
report-margin-pct = Margin %
report-return-rate = Return rate %
report-return-rate-qty = Return rate by quantity %
report-aov = Average order value
report-lines-per-order = Lines per order
report-inventory = Inventory value
report-inventory-start = At start
report-inventory-end = At end
report-inventory-average = Average
report-turnover-days = Turnover days
report-vat = VAT by rate
report-vat-rate = Rate %
report-vat-due = VAT due
report-slow-movers = Slow movers
report-days-idle = Days idle
report-aging = Receivables aging
report-none = none

## Desktop app: the till
app-language = Language
till-title = Till
till-scan = Scan or type a barcode or SKU
till-hint = Enter adds · 3*code adds three · F2 or Enter on an empty line pays · Esc goes back
till-item = Item
till-qty = Qty
till-unit = Unit
till-price = Price
till-amount = Amount
till-empty = Scan a product to start a sale.
till-net = Net
till-vat = VAT
till-total = Total
till-remove = Remove
till-pay = Pay cash (F2)
till-tendered = Cash tendered (empty: exact)
till-change = Change due
till-commit = Commit sale (Enter)
till-back = Back (Esc)
till-sold = Sale { $doc_no } recorded: total { $gross } { $currency }
till-user = { $user } at { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = Buyer { $buyer }: a balance of { $open } plus this invoice of { $invoice } would pass the credit limit of { $limit }. Only the owner can issue it, with a reason.
error-buyer-overdue = Buyer { $buyer } has { $overdue } overdue (balance { $open }, credit limit { $limit }); no new invoice until it is paid, unless the owner overrides with a reason.
error-allocation-exceeds-open = { $field }: { $amount } is more than the { $open } still open on { $doc_no }.
error-order-rejected = { $count } lines of the order sheet are wrong; no draft was made. Fix them and upload it again.
cli-payment-recorded = Payment { $pay_no } from { $buyer } recorded: { $amount }; unapplied { $unapplied }; balance now { $balance }.
cli-price-recorded = Price recorded: { $scope } { $key }, { $sku } per { $unit } from { $min_qty } up: { $price }, effective { $from }.
cli-buyer-updated = Buyer { $code } updated.
cli-aging-title = Receivables aging at { $at } ({ $currency })
cli-credit = credit
cli-reorder-change = line { $line } { $sku }: { $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }: { $date } is in { $month }, and the books are closed through { $closed_through }. Date the correction in the open period (today).
error-period-already-closed = { $field }: { $month } is already closed (the books are closed through { $closed_through }).
error-month-not-over = { $field }: { $month } is not over yet; a month can be closed once it has ended.
error-day-already-closed = { $field }: the day { $day } of till { $device } is already closed to its end ({ $doc_no }).
error-unknown-device = { $field }: { $device } is not this till (give its series prefix or device id).
cli-month-closed = The books are closed through { $month }: nothing can be dated before { $locked_before } any more.
z-title = Z report { $doc_no } · { $shop } · { $day }
z-covers = Till { $device } · from { $from } to { $to } · closed by { $user } at { $at }
z-continues = Continues from { $doc_no }
z-sales = Sales
z-tickets = Tickets
z-vat = of which VAT
z-method = Method
z-method-cash = Cash
z-method-card = Card
z-method-ewallet = E-wallet
z-refunds = Refunds
z-net = Net
z-cash-tendered = Cash tendered
z-change = Change given
z-returns = Returns
z-buyer-cash = Buyers' cash payments
z-float = Opening float
z-expected = Expected cash in drawer
z-counted = Counted cash
z-difference = Difference
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = The printer { $device } cannot be reached ({ $detail }). The sale is kept: print the receipt again when the printer is back.
error-unprintable-text = { $field }: neither the printer's code page nor an installed font can print this { $script } text ({ $text }); nothing was printed.
receipt-tax-number = VAT no. { $number }
receipt-sale = Receipt
receipt-date = Date
receipt-net = Net
receipt-vat = VAT { $rate }% on { $net }
receipt-total = TOTAL { $currency }
receipt-cash = Cash
receipt-card = Card
receipt-ewallet = E-wallet
receipt-change = Change
receipt-staff = Served by { $user }
receipt-thanks = Thank you
receipt-test-title = Test print
receipt-test-columns = This paper holds { $columns } columns
cli-printed = Receipt { $doc_no } sent to { $device } ({ $bytes } bytes).
cli-drawer-opened = Cash drawer opened.
cli-test-printed = Test page sent to { $device } ({ $bytes } bytes).
cli-scan-connected = Scanner { $port } connected.
cli-scan-disconnected = Scanner { $port } is gone ({ $detail }); waiting for it to come back.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }), { $on_hand } on hand
cli-scan-unknown = { $code }: { $message }
