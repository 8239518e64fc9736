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
error-write-refused = The disk refused to write ({ $detail }): it is full, over a size limit, or failing. Nothing was written and the last sale is not recorded. Free some space or check the disk, then try again; the till goes on where it stopped.
error-database-corrupt = The database { $path } is damaged ({ $detail }); Onebook will not start on it. { $backup ->
    [none] No backup was found: copy the file somewhere safe and ask for help.
   *[other] Restore the last good backup with: onebook restore { $backup }
    }
error-backup-invalid = { $path } cannot be restored: { $detail }
error-book-encrypted = The book { $path } is encrypted: give its passphrase to open it.
error-wrong-passphrase = Wrong passphrase for { $path }: the book stays locked.
error-already-encrypted = The book { $path } is already encrypted.
error-not-encrypted = The book { $path } is not encrypted.
cli-passphrase-hint = Give the passphrase with ONEBOOK_PASSPHRASE or --passphrase-file FILE (- reads standard input), never on the command line.
cli-encrypt-done = The book { $path } is encrypted ({ $documents } documents checked). Keep the passphrase somewhere safe, such as a sealed envelope: without it nobody can open the books, not even Onebook.
cli-decrypt-done = The book { $path } is a plain file again ({ $documents } documents checked).
cli-passphrase-changed = The passphrase of { $path } is changed ({ $documents } documents checked). Backups taken before still open only with the old one.
cli-plain-backups = These backups are not encrypted and anyone with the disk can read them; remove them once a new backup is taken: { $files }

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
error-printer-out-of-paper = The printer { $device } is out of paper. The sale is kept: load a new roll and print the receipt again.
error-no-device = { $field }: no { $kind ->
    [printer] receipt printer
   *[other] scanner
    } is set for this till. Give one (--to / --port) or have the owner set it with `onebook devices set`.
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
cli-paper-low = The printer says its paper roll is nearly finished: change it soon.
cli-devices-printer = USB receipt printer: { $address } { $what }
cli-devices-serial = Serial port: { $path } { $what }
cli-devices-none = No serial port or USB receipt printer found.
cli-products-page = { $from }–{ $to } of { $total } products
cli-devices-unset = (not set)
cli-devices-on = on
cli-devices-off = off
cli-devices-station = Receipt printer: { $printer }
    Paper: { $paper } mm
    Cash drawer after a cash sale: { $drawer }
    Receipt language: { $locale }
    Scanner: { $scanner }
cli-test-printed = Test page sent to { $device } ({ $bytes } bytes).
cli-scan-connected = Scanner { $port } connected.
cli-scan-disconnected = Scanner { $port } is gone ({ $detail }); waiting for it to come back.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }), { $on_hand } on hand
cli-scan-unknown = { $code }: { $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }: { $value } is not a month. Write it as YYYY-MM, for example 2026-03.
error-unknown-export-format = { $field }: { $value } is not an export format (xlsx, csv or pdf).
error-export-not-writable = { $field }: cannot write the export to { $path }: { $detail }
cli-export-progress = Exporting { $part }: { $done } / { $total } rows
cli-export-done = Month pack { $month } written to { $path }: { $parts } parts, { $rows } rows.
export-part-summary = Summary
export-part-vat = VAT by rate
export-part-slow-movers = Slow movers
export-part-sales-journal = Sales journal
export-part-returns-journal = Returns journal
export-part-receipts = Goods receipts
export-part-stock-valuation = Stock valuation
export-part-receivables-aging = Receivables aging
export-col-figure = Figure (key)
export-col-label = Figure
export-col-retail = Retail
export-col-wholesale = Wholesale
export-col-total = Total
export-col-orders = Orders
export-col-lines = Lines
export-col-gross-sales = Gross sales (excl. VAT)
export-col-returns = Returns (excl. VAT)
export-col-net-sales = Net sales
export-col-cogs = Cost of goods sold
export-col-gross-margin = Gross margin
export-col-margin-pct = Margin %
export-col-return-rate-pct = Return rate by value %
export-col-sold-qty-base = Quantity sold (base units)
export-col-returned-qty-base = Quantity returned (base units)
export-col-return-rate-qty-pct = Return rate by quantity %
export-col-average-order-value = Average order value
export-col-lines-per-order = Lines per order
export-col-inventory-value-start = Inventory value at start
export-col-inventory-value-end = Inventory value at end
export-col-inventory-value-average = Average inventory value
export-col-turnover-days = Inventory turnover days
export-col-shop = Shop
export-col-month = Month
export-col-currency = Currency
export-col-time-zone = Time zone
export-col-period-start = Period start
export-col-period-end = Period end
export-col-days = Days in period
export-col-vat-rate-pct = VAT rate %
export-col-sales-net = Sales net
export-col-sales-vat = Sales VAT
export-col-returns-net = Returns net
export-col-returns-vat = Returns VAT
export-col-vat-due = VAT due
export-col-rank = Rank
export-col-sku = SKU
export-col-name = Name
export-col-on-hand = On hand
export-col-on-hand-value = On-hand value
export-col-days-idle = Days idle
export-col-last-sale = Last sale
export-col-date = Date
export-col-doc-no = Document
export-col-channel = Channel
export-col-buyer = Buyer
export-col-buyer-name = Buyer name
export-col-refers-to = Refers to
export-col-restock = Restocked
export-col-status = Status
export-col-line-no = Line
export-col-unit = Unit
export-col-qty = Quantity
export-col-qty-base = Quantity (base units)
export-col-net = Net
export-col-vat = VAT
export-col-gross = Gross
export-col-supplier = Supplier
export-col-unit-cost = Unit cost (per base unit)
export-col-value = Value
export-col-base-unit = Base unit
export-col-avg-cost = Average cost
export-col-current = Current
export-col-days-1-30 = 1-30 days
export-col-days-31-60 = 31-60 days
export-col-days-61-90 = 61-90 days
export-col-days-over-90 = Over 90 days
export-col-credit = Credit

## The A4 invoice and credit note (PDF)
invoice-title = Tax invoice
invoice-credit-note-title = Credit note
invoice-seller = Seller
invoice-buyer = Buyer
invoice-buyer-code = Buyer code
invoice-tax-number = Tax number
invoice-number = Invoice no.
invoice-credit-note-number = Credit note no.
invoice-refers-to = For invoice
invoice-issue-date = Issue date
invoice-due-date = Due date
invoice-terms = Payment terms
invoice-terms-cash = Cash
invoice-terms-net = Net { $days } days
invoice-terms-eom = End of month + { $days } days
invoice-col-no = No.
invoice-col-sku = SKU
invoice-col-description = Description
invoice-col-unit = Unit
invoice-col-qty = Qty
invoice-col-price = Unit price
invoice-col-vat-rate = VAT %
invoice-col-net = Net
invoice-vat-summary = VAT by rate
invoice-vat-rate = Rate
invoice-taxable = Taxable amount
invoice-vat = VAT
invoice-total-net = Total net
invoice-total-vat = Total VAT
invoice-total-gross = Total { $currency }
invoice-page = Page { $page } of { $pages }
invoice-amount-in-words = Amount in words
cli-invoice-written = Wrote { $doc_no } to { $path } ({ $bytes } bytes).

error-sync-not-configured = This device is not registered with a cloud ledger: run `onebook sync register` first.
error-cloud = The cloud ledger refused or could not be reached: { $detail }
error-series-prefix-taken = Another device of { $tenant } already numbers its documents with the series prefix { $prefix }: give this device its own prefix.
error-already-registered = This device is already registered with { $tenant }.
cli-sync-registered = Registered with { $tenant } on { $server } as series { $prefix }; { $entries } entries of history to push.
cli-sync-status = Cloud ledger { $tenant } at { $server }: { $pending } entries to push, last sync { $last }, { $conflicts } open conflicts.
cli-sync-last-error = Last error: { $error }
cli-sync-once = Pushed { $pushed }, pulled { $pulled }.
cli-sync-offline = Offline ({ $error }); retrying in { $ms } ms.
cli-sync-no-conflicts = No conflicts.
cli-sync-conflict = { $kind } { $sku } { $doc_no }: balance { $balance } ({ $open })
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = Month summary
month-pdf-chart = Daily sales by channel (excl. VAT, { $currency })

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = Voids
cli-void-recorded = Void recorded: { $lines } line(s), { $amount } ({ $reason }).
error-quota-exceeded = { $sku }: this till is offline and may sell only its quota of { $quota } { $base_unit } ({ $used } sold); { $requested } asked.
error-held-for-other-tills = { $sku }: { $held } of the { $on_hand } { $base_unit } in stock are held for other tills' quotas; { $requested } asked.
cli-sync-quota = Quota of { $sku } for till { $till }: { $qty } { $base_unit } ({ $used } used).
# The buyer statement (src/statement.rs).
statement-title = Statement of account
statement-tax-number = Tax number { $number }
statement-period = Period { $from } to { $to }
statement-currency = Amounts in { $currency }
statement-col-date = Date
statement-col-document = Document
statement-col-due = Due
statement-col-debit = Debit
statement-col-credit = Credit
statement-col-balance = Balance
statement-opening = Balance brought forward
statement-closing = Balance carried forward ({ $currency })
statement-overdue = Of which overdue
statement-kind-invoice = Invoice
statement-kind-credit-note = Credit note
statement-kind-payment = Payment
cli-statement-written = Wrote the statement to { $path } ({ $bytes } bytes).
error-no-rate = { $field }: there is no exchange rate of { $currency } on or before { $date }; the owner records one with `onebook rate set`.
cli-rate = { $currency }: { $rate } from { $day }
receipt-foreign-cash =   { $currency } { $amount } at { $rate }
error-wrong-pin = Wrong PIN for { $username }; { $attempts_left } attempts left before the till locks.
error-sign-in-locked = { $username } is locked out until { $until } after too many wrong PINs.
error-no-pin = { $username } has no PIN yet: the owner sets one.
cli-pin-set = PIN set for { $username }.
cli-signed-in = { $username } signed in.

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = Wholesale counter
counter-buyer = Buyer
counter-credit-limit = credit limit
counter-code = Barcode or SKU
counter-add = Add line
counter-hint = Enter on the code shows the product and its stock · Enter on the quantity adds the line · F4 issues the invoice · F6 till, F7 counter, F8 returns
counter-empty = Pick a buyer and add the products to invoice.
counter-post = Issue invoice (F4)
counter-issued = Invoice { $doc_no } issued: total { $gross } { $currency }
returns-title = Returns
returns-doc = Receipt or invoice number
returns-find = Find
returns-not-returnable = { $doc_no } is not a sale or an invoice: nothing to return.
returns-sold = Sold
returns-qty = Return qty
returns-restock = Back on the shelf (untick: damaged, written off)
returns-restock-wholesale = To receive back into stock (untick: written off)
returns-post = Record return
returns-done = Return { $doc_no } recorded: { $gross } { $currency }
sync-not-connected = Not connected
sync-synced = Synced
sync-pending = { $count } pending
sync-offline = Offline: { $error }
sync-conflicts = { $count ->
    [one] 1 conflict
   *[other] { $count } conflicts
    }

## The catalog
catalog-title = Catalog
catalog-search = Find
catalog-search-hint = name, SKU or barcode
catalog-count = { $count } products
catalog-sku = SKU
catalog-name = Name
catalog-price = Retail price

## The month view
month-title = Month
month-pick = Month
month-show = Show
month-export = Export { $format }
month-export-progress = Writing { $part }: { $done } / { $total } rows
month-written = The month pack is written: { $path }
month-chart = Daily sales by channel
month-chart-top = top of the chart: { $top }

## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }: { $requested } { $base_unit } asked, but of the { $on_hand } on hand { $reserved } are reserved by open orders and { $reserve } kept for wholesale: { $available } available.
error-over-delivery = { $field }: { $sku } line { $line } of { $doc_no }: { $ordered } { $sku } ordered, { $delivered } already delivered or cancelled, { $requested } asked.
error-order-closed = { $doc_no } is closed ({ $status }): nothing is left to deliver or cancel.
error-quote-expired = { $field }: quote { $doc_no } expired on { $valid_until }; save a new quote at today's prices.
error-quote-already-accepted = Quote { $doc_no } was already accepted as order { $order }.
stock-reserved-by-orders = Reserved by open orders
cli-quote-saved = Quote { $doc_no } for { $buyer }: { $gross } { $currency }, valid until { $valid_until }. It reserves no stock.
cli-order-placed = Order { $doc_no } for { $buyer }: { $gross } { $currency }. Its stock is reserved until it is delivered.
cli-order-delivered = { $invoice } delivers { $doc_no }: { $gross } { $currency }. The order is { $status }.
cli-order-cancelled = Order { $doc_no } cancelled ({ $reason }): { $released } base units released.
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit } at { $price }: { $left } of { $ordered } { $base_unit } left
order-status-open = open
order-status-delivered = delivered
order-status-cancelled = cancelled
order-status-quoted = quoted
order-status-accepted = accepted
order-status-expired = expired

## Desktop app: sign-in, the inactivity lock, the owner's approval, backups and the audit trail
signin-pick = Who is at the till? Pick your name, then type your PIN.
signin-pin = PIN for { $user }
signin-keys = Digits type the PIN · Enter signs in · Backspace deletes · Esc goes back
signin-no-pin = no PIN yet
signin-demo = Demo shop PINs: { $pins }. Each person sets their own with `onebook user pin`.
signin-out = Sign out
pin-ok = Sign in
pin-back = Back (Esc)
pin-delete = Delete a digit
lock-title = Locked: { $user } stepped away
lock-hint = { $user } or an owner unlocks with their PIN; the sale under way is kept.
lock-now = Lock
role-owner = Owner
role-cashier = Cashier
role-accountant = Accountant
role-warehouse = Warehouse
till-price-prompt = New unit price for { $item } (Enter applies, Esc cancels)
till-hint-more = F3 changes the last line's price · F4 asks the owner · Ctrl+L locks · F12 signs out
approve-ask = Ask the owner
approve-title = The owner's approval: { $action }
approve-who = Approved by
approve-done = Approved by { $user } for this sale
action-override-price = a price override
action-override-negative-stock = a sale below the stock floor
backup-none = No backup yet
backup-ok = { $hours ->
    [0] Backed up less than an hour ago
   *[other] Backed up { $hours } h ago
}
backup-stale = Last backup { $hours } h ago: out of date
backup-folder-missing = Backup folder missing: { $folder }
backup-now = Back up now
audit-title = Audit trail
audit-act = Act
audit-all = All
audit-user = Person
audit-from = From
audit-to = To
audit-apply = Show
audit-when = When
audit-subject = What
audit-before = Before
audit-after = After
audit-empty = No entries match.
audit-verify-ok = Chain intact: all { $entries } entries verified.
audit-verify-broken = Chain broken at entry { $seq } ({ $reason }): the trail was changed from there on.
audit-act-price-override = Price override
audit-act-negative-stock-override = Sale below the stock floor
audit-act-approval = Owner's approval
audit-act-void = Void
audit-act-credit-override = Credit override
audit-act-refund-without-receipt = Refund without receipt
audit-act-drawer-opened = Drawer opened without a sale
audit-act-user-add = Staff account added
audit-act-user-change = Staff account changed
audit-act-sign-in-locked = Sign-in locked
audit-act-lock-setting = Till lock time changed
audit-act-period-close = Month closed
audit-act-backup-restore = Backup restored
error-not-signed-in = Nobody is signed in at this till: sign in with your PIN.
error-unlock-refused = { $username } cannot unlock this till: only { $locked_by } or an owner can.
cli-lock-after = The till locks after { $minutes } minutes without input (0: never).

## The encrypted book's first screen
book-passphrase-title = This book is encrypted
book-passphrase-hint = Type the owner's passphrase to open it. Without it the books cannot be read: there is no way around it.
book-passphrase-open = Open

## Cloud sync in the app: settings, status, conflicts; the CLI's rebase
cli-sync-rebased = Re-based on the cloud: { $replayed } entries of this till taken back from the cloud, { $renumbered } documents renumbered; pushing on from entry { $head }.
sync-screen-title = Cloud sync
sync-screen-open = Cloud sync settings and conflicts (Ctrl+Y)
sync-settings-title = Settings
sync-server = Server URL
sync-server-hint = The shop's PostgreSQL server. Over the internet add ?sslmode=require (TLS, the certificate is checked); &sslrootcert=FILE trusts a private certificate authority.
sync-admin-hint = To register, give an account allowed to create roles (postgres://user:password@host/db). It is used once and never stored: this till gets a login of its own.
sync-tenant = Shop name on the server
sync-tenant-hint = Every till of the shop gives the same name.
sync-register = Register this till
sync-registered = Registered with { $tenant } as series { $prefix }; the till syncs in the background now.
sync-status-title = Status
sync-state = Connection
sync-state-online = Online
sync-state-offline = Offline
sync-state-unregistered = Not registered
sync-pending-rows = Entries to push
sync-last = Last sync
sync-never = never
sync-open-conflicts = Open conflicts
sync-last-error = Last error
sync-now = Sync now
sync-now-done = Pushed { $pushed }, pulled { $pulled }.
sync-conflicts-title = Conflicts
sync-conflicts-none = No conflicts.
sync-conflict-oversold = { $sku } { $name }: sold below zero, balance now { $balance }
sync-conflict-received-twice = Return { $doc_no } received on two tills
sync-conflict-other = { $detail }
sync-conflict-open = Open
sync-conflict-resolved = Resolved
sync-conflict-till = Till
sync-conflict-time = Time
sync-conflict-doc = Document
sync-conflict-qty = Quantity
sync-conflict-counted = Counted on the shelf
sync-conflict-resolve-count = Resolve with a count
sync-conflict-count-posted = Count { $doc_no } posted.
audit-act-sync-rebase = Till re-based on the cloud after a restore
