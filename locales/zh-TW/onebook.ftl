# Onebook 訊息：繁體中文（與英文參考檔的訊息 id 完全相同）。

## 錯誤（error-<code>），顯示給使用者，並指出出錯的欄位或列。
error-not-initialized = 此資料庫尚未建立商店。請先執行 `onebook init`。
error-already-initialized = 此資料庫已為 { $shop } 設定完成。
error-database-too-new = 此資料庫由較新版本的 Onebook 建立（結構版本 { $found }；此版本最高支援 { $supported }）。請更新 Onebook。
error-not-onebook-database = 此檔案不是 Onebook 資料庫（{ $detail }）。
error-storage = 無法讀寫資料庫：{ $detail }
error-busy = 另一台收銀機正在使用資料庫，請稍後再試。
error-io = 無法讀取 { $path }：{ $detail }
error-invalid-input = { $field }：{ $reason }
error-unknown-currency = { $field }：不明的幣別 { $value }。
error-unknown-time-zone = { $field }：不明的時區 { $value }（例如 Asia/Dubai）。
error-unknown-locale = { $field }：不支援的語言 { $value }。
error-unknown-user = 沒有名為 { $username } 的啟用中使用者。
error-duplicate-user = 使用者 { $username } 已存在。
error-permission-denied = { $username }（{ $role }）無權執行：{ $action }。
error-unknown-product = { $field }：沒有 SKU 為 { $sku } 的商品。
error-unknown-barcode = { $field }：條碼 { $code } 不在商品目錄中。
error-unknown-unit = { $field }：{ $sku } 不以 { $unit } 販售。
error-bad-check-digit = { $field }：條碼 { $code } 的檢查碼錯誤（末碼應為 { $expected }）。
error-bad-barcode = { $field }：{ $code } 不是條碼（應為 8、12、13 或 14 位數字）。
error-duplicate-barcode = { $field }：條碼 { $code } 已屬於 { $sku }。
error-duplicate-sku = { $field }：SKU { $sku } 重複出現。
error-unit-factor-changed = { $field }：{ $sku } 的 { $unit } 為 { $old_factor } 個基本單位，不能改為 { $new_factor }。
error-no-price = { $field }：{ $sku } 沒有 { $unit } 的 { $list } 價格。
error-qty-not-positive = { $field }：數量必須大於零（目前為 { $qty }）。
error-fractional-base-qty = { $field }：{ $qty } { $unit } 等於 { $base } { $base_unit }；只能以整數 { $base_unit } 販售。
error-qty-too-large = { $field }：數量 { $qty } 過大。
error-amount-out-of-range = { $field }：金額 { $amount } 超出範圍。
error-reserved-for-wholesale = { $sku } 保留給批發：庫存 { $on_hand } { $base_unit }，批發保留 { $reserve }，收銀台可售 { $available }（需要 { $requested }）。
error-insufficient-stock = { $sku }：庫存僅 { $on_hand } { $base_unit }，需要 { $requested }。
error-unknown-document = { $field }：沒有單據 { $doc_no }。
error-wrong-document-kind = { $field }：{ $doc_no } 是 { $found }，不是 { $expected }。
error-unknown-line = { $field }：{ $doc_no } 沒有第 { $line } 項明細。
error-product-not-on-document = { $field }：{ $sku } 不在 { $doc_no } 中。
error-over-return = { $field }：{ $doc_no } 第 { $line } 項（{ $sku }）售出 { $sold }，已退 { $returned }；無法再退 { $requested }。
error-not-to-receive = { $doc_no } 不是待收貨狀態（目前為 { $status }）。
error-date-before-last-document = 日期 { $date } 早於最後一張已登錄的單據（{ $last }）。
error-unknown-customer = 沒有代號為 { $code } 的客戶。
error-duplicate-customer = 代號為 { $code } 的客戶已存在。
error-payment-short = 已付 { $paid }，但總計為 { $total }。
error-non-cash-overpaid = 刷卡及電子支付金額（{ $non_cash }）超過總計 { $total }；只有現金可以找零。
error-no-lines = 單據沒有明細。
error-too-many-lines = 一張單據最多 { $max } 項明細。
error-import-rejected = 檔案中有 { $count } 列有誤，未匯入任何資料。請修正後重試，或用 --skip-bad 只匯入正確的列。
error-disk-full = 磁碟已滿：沒有寫入任何內容，最後一筆銷售未記錄。請釋放一些空間後重試，收銀可從中斷處繼續。
error-database-corrupt = 資料庫 { $path } 已損壞（{ $detail }），Onebook 不會在其上啟動。{ $backup ->
    [none] 找不到備份：請將該檔案複製到安全的地方並尋求協助。
   *[other] 請用以下指令還原最近一次完好的備份：onebook restore { $backup }
    }
error-backup-invalid = 無法從 { $path } 還原：{ $detail }

## 命令列
cli-error = 錯誤
cli-row-error = 第 { $line } 行{ $column }：{ $message }
cli-import-progress = { $phase } { $done } / { $total } 列
cli-phase-checking = 檢查中
cli-phase-writing = 寫入中
cli-import-done = 已匯入 { $rows } 列：新增商品 { $created } 項，更新 { $updated } 項，略過 { $skipped } 項。
cli-init-done = 商店 { $shop } 已設定完成。負責人：{ $owner }。資料庫：{ $path }
cli-posted = { $kind } { $doc_no } 已登錄：總計 { $gross } { $currency }。
cli-post-failed = 單據 { $index } 遭拒：{ $message }
cli-post-summary = 已登錄 { $ok } 張，遭拒 { $failed } 張。
cli-change-due = 找零：{ $change }
cli-user-added = 已新增使用者 { $username }（{ $role }）。
cli-buyer-added = 已新增客戶 { $code }。
cli-demo-ready = 示範商店已就緒：商品 { $products } 項，單據 { $documents } 張。資料庫：{ $path }
cli-backup-done = 已建立並檢查備份 { $path }（{ $bytes } 位元組，完整性正常）。保留 { $kept } 個備份，輪替刪除 { $removed } 個。
cli-backup-last = 最近一次完好的備份：{ $path }，建立於 { $at }。
cli-backup-last-missing = 最近一次完好的備份：{ $path }，建立於 { $at }，但該檔案已不存在。
cli-backup-none = 尚未建立任何備份。
cli-restore-done = 已從 { $from } 還原。{ $aside ->
    [none] 原先沒有需要保留的資料庫。
   *[other] 原資料庫已保留為 { $aside }。
    }
cli-audit-ok = 稽核紀錄完整：共 { $count } 筆，所有雜湊皆已驗證。
cli-audit-broken = 稽核紀錄在第 { $seq } 筆處斷裂（{ $reason }）。

## 單據類別
kind-sale = 門市銷售
kind-invoice = 銷貨單
kind-retail_return = 門市退貨
kind-wholesale_return = 銷貨退回單
kind-receipt = 進貨單
kind-count = 盤點單

## 庫存
stock-title = { $sku } · { $name }
stock-on-hand = 現有庫存
stock-reserve = 批發保留
stock-available-retail = 收銀台可售
stock-available-wholesale = 批發可售
stock-reserved-flag = 批發保留：收銀台不可販售
stock-unlimited = 不限（允許負庫存）
stock-units = 單位
stock-prices = 價格
stock-avg-cost = 平均成本
stock-scanned = 掃描單位

## 月報表
report-title = 月報表 { $month } · { $shop } · { $currency }
report-channel = 通路
report-retail = 零售
report-wholesale = 批發
report-total = 總計
report-orders = 單數
report-gross-sales = 銷貨總額
report-returns = 退貨
report-net-sales = 銷貨淨額
report-cogs = 銷貨成本
report-gross-margin = 毛利
report-margin-pct = 毛利率 %
report-return-rate = 退貨率 %
report-return-rate-qty = 退貨率（依數量）%
report-aov = 客單價
report-lines-per-order = 每單品項數
report-inventory = 存貨價值
report-inventory-start = 期初
report-inventory-end = 期末
report-inventory-average = 平均
report-turnover-days = 週轉天數
report-vat = 營業稅（依稅率）
report-vat-rate = 稅率 %
report-vat-due = 應納營業稅
report-slow-movers = 滯銷商品
report-days-idle = 未動銷天數
report-aging = 應收帳款帳齡
report-none = 無

## Desktop app: the till
app-language = 語言
till-title = 收銀台
till-scan = 掃描或輸入條碼或貨號
till-hint = Enter 加入 · 3*條碼 加入三件 · F2 或空行 Enter 結帳 · Esc 返回
till-item = 商品
till-qty = 數量
till-unit = 單位
till-price = 單價
till-amount = 金額
till-empty = 掃描商品開始銷售。
till-net = 未稅
till-vat = 營業稅
till-total = 合計
till-remove = 刪除
till-pay = 現金結帳 (F2)
till-tendered = 收取現金（留空：剛好）
till-change = 找零
till-commit = 確認銷售 (Enter)
till-back = 返回 (Esc)
till-sold = 銷售單 { $doc_no } 已記錄：合計 { $gross } { $currency }
till-user = { $user } · { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = 買家 { $buyer }：餘額 { $open } 加上此發票 { $invoice } 將超過信用額度 { $limit }。只有店主可以填寫理由後開立。
error-buyer-overdue = 買家 { $buyer } 有 { $overdue } 已逾期（餘額 { $open }，信用額度 { $limit }）；付款前不能開立新發票，除非店主填寫理由放行。
error-allocation-exceeds-open = { $field }：{ $amount } 超過 { $doc_no } 尚未結清的 { $open }。
error-order-rejected = 訂貨單有 { $count } 行有誤；未產生草稿。請修改後重新上傳。
cli-payment-recorded = 已記錄買家 { $buyer } 的付款 { $pay_no }：{ $amount }；未沖銷 { $unapplied }；目前餘額 { $balance }。
cli-price-recorded = 價格已記錄：{ $scope } { $key }，{ $sku } 每 { $unit }，{ $min_qty } 起：{ $price }，自 { $from } 生效。
cli-buyer-updated = 買家 { $code } 已更新。
cli-aging-title = 應收帳款帳齡，截至 { $at }（{ $currency }）
cli-credit = 貸項
cli-reorder-change = 第 { $line } 行 { $sku }：{ $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }：{ $date } 屬於 { $month }，帳目已結帳至 { $closed_through }。請把更正記在未結帳的期間（今天）。
error-period-already-closed = { $field }：{ $month } 已經結帳（帳目已結帳至 { $closed_through }）。
error-month-not-over = { $field }：{ $month } 尚未結束；月份結束後才能結帳。
error-day-already-closed = { $field }：收銀台 { $device } 的 { $day } 已日結到當天結束（{ $doc_no }）。
error-unknown-device = { $field }：{ $device } 不是本收銀台（請提供編號前綴或裝置 ID）。
cli-month-closed = 帳目已結帳至 { $month }：此後不能再記入 { $locked_before } 之前的日期。
z-title = Z 報表 { $doc_no } · { $shop } · { $day }
z-covers = 收銀台 { $device } · 從 { $from } 到 { $to } · 由 { $user } 於 { $at } 日結
z-continues = 接續 { $doc_no }
z-sales = 銷售
z-tickets = 收據
z-vat = 其中營業稅
z-method = 付款方式
z-method-cash = 現金
z-method-card = 信用卡
z-method-ewallet = 電子錢包
z-refunds = 退款
z-net = 淨額
z-cash-tendered = 收取現金
z-change = 找零
z-returns = 退貨
z-buyer-cash = 買家現金付款
z-float = 零用金
z-expected = 錢櫃應有現金
z-counted = 清點現金
z-difference = 差額
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = 無法連線印表機 { $device }（{ $detail }）。銷售已保存：印表機恢復後請重新列印收據。
error-printer-out-of-paper = 印表機 { $device } 缺紙。銷售已保存：裝上新紙捲後重新列印收據。
error-no-device = { $field }：本收銀台尚未設定{ $kind ->
    [printer] 收據印表機
   *[other] 掃描器
    }。請指定（--to / --port），或由店主用 `onebook devices set` 設定。
error-unprintable-text = { $field }：印表機的字碼頁與已安裝的字型都無法列印這段{ $script }文字（{ $text }），未列印任何內容。
receipt-tax-number = 營業稅號 { $number }
receipt-sale = 收據
receipt-date = 日期
receipt-net = 未稅
receipt-vat = 營業稅 { $rate }%（稅基 { $net }）
receipt-total = 合計 { $currency }
receipt-cash = 現金
receipt-card = 信用卡
receipt-ewallet = 電子錢包
receipt-change = 找零
receipt-staff = 收銀員 { $user }
receipt-thanks = 謝謝光臨
receipt-test-title = 測試列印
receipt-test-columns = 此紙寬可容納 { $columns } 欄
cli-printed = 收據 { $doc_no } 已送至 { $device }（{ $bytes } 位元組）。
cli-drawer-opened = 錢櫃已開啟。
cli-paper-low = 印表機提示紙捲即將用完：請盡快更換。
cli-devices-printer = USB 收據印表機：{ $address } { $what }
cli-devices-serial = 序列埠：{ $path } { $what }
cli-devices-none = 找不到序列埠或 USB 收據印表機。
cli-products-page = 第 { $from }–{ $to } 個，共 { $total } 個商品
cli-devices-unset = （未設定）
cli-devices-on = 開
cli-devices-off = 關
cli-devices-station = 收據印表機：{ $printer }
    紙寬：{ $paper } 公釐
    現金銷售後開錢箱：{ $drawer }
    收據語言：{ $locale }
    掃描器：{ $scanner }
cli-test-printed = 測試頁已送至 { $device }（{ $bytes } 位元組）。
cli-scan-connected = 掃描器 { $port } 已連線。
cli-scan-disconnected = 掃描器 { $port } 已中斷（{ $detail }），等待重新連線。
cli-scan-product = { $code }：{ $sku } { $name }（{ $unit }），庫存 { $on_hand }
cli-scan-unknown = { $code }：{ $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }：{ $value } 不是月份。請寫成 YYYY-MM，例如 2026-03。
error-unknown-export-format = { $field }：{ $value } 不是匯出格式（xlsx、csv 或 pdf）。
error-export-not-writable = { $field }：無法將匯出寫入 { $path }：{ $detail }
cli-export-progress = 正在匯出{ $part }：{ $done } / { $total } 列
cli-export-done = { $month } 月結資料包已寫入 { $path }：{ $parts } 個部分，{ $rows } 列。
export-part-summary = 彙總
export-part-vat = 依稅率營業稅
export-part-slow-movers = 滯銷商品
export-part-sales-journal = 銷貨日記帳
export-part-returns-journal = 退貨日記帳
export-part-receipts = 進貨單
export-part-stock-valuation = 月底存貨評價
export-part-receivables-aging = 應收帳款帳齡
export-col-figure = 指標（鍵）
export-col-label = 指標
export-col-retail = 零售
export-col-wholesale = 批發
export-col-total = 合計
export-col-orders = 訂單數
export-col-lines = 行數
export-col-gross-sales = 銷貨總額（未稅）
export-col-returns = 退貨（未稅）
export-col-net-sales = 銷貨淨額
export-col-cogs = 銷貨成本
export-col-gross-margin = 毛利
export-col-margin-pct = 毛利率 %
export-col-return-rate-pct = 退貨率（依金額）%
export-col-sold-qty-base = 銷售數量（基本單位）
export-col-returned-qty-base = 退貨數量（基本單位）
export-col-return-rate-qty-pct = 退貨率（依數量）%
export-col-average-order-value = 平均訂單金額
export-col-lines-per-order = 每單行數
export-col-inventory-value-start = 期初存貨價值
export-col-inventory-value-end = 期末存貨價值
export-col-inventory-value-average = 平均存貨價值
export-col-turnover-days = 存貨週轉天數
export-col-shop = 商店
export-col-month = 月份
export-col-currency = 幣別
export-col-time-zone = 時區
export-col-period-start = 期間開始
export-col-period-end = 期間結束
export-col-days = 期間天數
export-col-vat-rate-pct = 稅率 %
export-col-sales-net = 銷貨淨額
export-col-sales-vat = 銷項稅額
export-col-returns-net = 退貨淨額
export-col-returns-vat = 退貨稅額
export-col-vat-due = 應納稅額
export-col-rank = 排名
export-col-sku = SKU
export-col-name = 名稱
export-col-on-hand = 現有庫存
export-col-on-hand-value = 庫存價值
export-col-days-idle = 未動銷天數
export-col-last-sale = 最後銷售
export-col-date = 日期
export-col-doc-no = 單據
export-col-channel = 通路
export-col-buyer = 買家
export-col-buyer-name = 買家名稱
export-col-refers-to = 原單據
export-col-restock = 已退回庫存
export-col-status = 狀態
export-col-line-no = 行號
export-col-unit = 單位
export-col-qty = 數量
export-col-qty-base = 數量（基本單位）
export-col-net = 淨額
export-col-vat = 營業稅
export-col-gross = 總額
export-col-supplier = 供應商
export-col-unit-cost = 單位成本（每基本單位）
export-col-value = 價值
export-col-base-unit = 基本單位
export-col-avg-cost = 平均成本
export-col-current = 未到期
export-col-days-1-30 = 1-30 天
export-col-days-31-60 = 31-60 天
export-col-days-61-90 = 61-90 天
export-col-days-over-90 = 超過 90 天
export-col-credit = 貸方餘額

## The A4 invoice and credit note (PDF)
invoice-title = 統一發票
invoice-credit-note-title = 折讓單
invoice-seller = 賣方
invoice-buyer = 買方
invoice-buyer-code = 客戶編號
invoice-tax-number = 統一編號
invoice-number = 發票號碼
invoice-credit-note-number = 折讓單號
invoice-refers-to = 對應發票
invoice-issue-date = 開立日期
invoice-due-date = 到期日
invoice-terms = 付款條件
invoice-terms-cash = 現金
invoice-terms-net = { $days } 天內付款
invoice-terms-eom = 月底後 { $days } 天
invoice-col-no = 序號
invoice-col-sku = 貨號
invoice-col-description = 品名
invoice-col-unit = 單位
invoice-col-qty = 數量
invoice-col-price = 單價
invoice-col-vat-rate = 稅率 %
invoice-col-net = 未稅金額
invoice-vat-summary = 按稅率彙總營業稅
invoice-vat-rate = 稅率
invoice-taxable = 應稅金額
invoice-vat = 營業稅
invoice-total-net = 未稅合計
invoice-total-vat = 營業稅合計
invoice-total-gross = 總計 { $currency }
invoice-page = 第 { $page } 頁，共 { $pages } 頁
invoice-amount-in-words = 金額大寫
cli-invoice-written = 已將 { $doc_no } 寫入 { $path }（{ $bytes } 位元組）。

error-sync-not-configured = 此裝置尚未註冊到雲端帳本：請先執行 `onebook sync register`。
error-cloud = 雲端帳本拒絕了請求或無法連線：{ $detail }
error-series-prefix-taken = { $tenant } 的另一台裝置已使用單據序列前綴 { $prefix }：請為此裝置設定自己的前綴。
error-already-registered = 此裝置已註冊到 { $tenant }。
cli-sync-registered = 已註冊到 { $server } 上的 { $tenant }，單據序列 { $prefix }；待推送歷史紀錄 { $entries } 筆。
cli-sync-status = 雲端帳本 { $tenant }（{ $server }）：待推送 { $pending } 筆，上次同步 { $last }，未解決衝突 { $conflicts } 個。
cli-sync-last-error = 上次錯誤：{ $error }
cli-sync-once = 已推送 { $pushed } 筆，已拉取 { $pulled } 筆。
cli-sync-offline = 離線（{ $error }）；{ $ms } 毫秒後重試。
cli-sync-no-conflicts = 沒有衝突。
cli-sync-conflict = { $kind } { $sku } { $doc_no }：結存 { $balance }（{ $open }）
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = 月度彙總
month-pdf-chart = 各通路每日銷售額（未稅，{ $currency }）

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = 作廢
cli-void-recorded = 已記錄作廢：{ $lines } 行，{ $amount }（{ $reason }）。
error-quota-exceeded = { $sku }：此收銀台處於離線狀態，只能在其配額 { $quota } { $base_unit } 內銷售（已售 { $used }）；本次需要 { $requested }。
error-held-for-other-tills = { $sku }：庫存 { $on_hand } { $base_unit } 中有 { $held } 為其他收銀台的配額保留；本次需要 { $requested }。
cli-sync-quota = 收銀台 { $till } 的 { $sku } 配額：{ $qty } { $base_unit }（已用 { $used }）。
# The buyer statement (src/statement.rs).
statement-title = 對帳單
statement-tax-number = 稅號 { $number }
statement-period = 期間 { $from } 至 { $to }
statement-currency = 金額單位 { $currency }
statement-col-date = 日期
statement-col-document = 單據
statement-col-due = 到期日
statement-col-debit = 借方
statement-col-credit = 貸方
statement-col-balance = 餘額
statement-opening = 上期結餘
statement-closing = 期末餘額（{ $currency }）
statement-overdue = 其中逾期
statement-kind-invoice = 發票
statement-kind-credit-note = 貸項通知單
statement-kind-payment = 付款
cli-statement-written = 對帳單已寫入 { $path }（{ $bytes } 位元組）。
error-no-rate = { $field }：{ $date } 及之前沒有 { $currency } 的匯率；請店主用 `onebook rate set` 登錄。
cli-rate = { $currency }：自 { $day } 起 { $rate }
receipt-foreign-cash =   { $currency } { $amount }，匯率 { $rate }
error-wrong-pin = { $username } 的 PIN 錯誤；再錯 { $attempts_left } 次將被鎖定。
error-sign-in-locked = { $username } 因多次輸錯 PIN 被鎖定，直到 { $until }。
error-no-pin = { $username } 還沒有 PIN：請店主設定。
cli-pin-set = 已為 { $username } 設定 PIN。
cli-signed-in = { $username } 已登入。

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = 批發櫃檯
counter-buyer = 客戶
counter-credit-limit = 信用額度
counter-code = 條碼或貨號
counter-add = 新增項目
counter-hint = 在代碼欄按 Enter 顯示商品與庫存 · 在數量欄按 Enter 新增該項 · F4 開立發票 · F6 收銀台，F7 批發櫃檯，F8 退貨
counter-empty = 選擇客戶並加入要開票的商品。
counter-post = 開立發票 (F4)
counter-issued = 發票 { $doc_no } 已開立：合計 { $gross } { $currency }
returns-title = 退貨
returns-doc = 收據號碼或發票號碼
returns-find = 查詢
returns-not-returnable = { $doc_no } 不是銷售單或發票：沒有可退的商品。
returns-sold = 已售
returns-qty = 退貨數量
returns-restock = 放回貨架（取消勾選：損壞，報廢）
returns-restock-wholesale = 待收貨入庫（取消勾選：報廢）
returns-post = 登錄退貨
returns-done = 退貨單 { $doc_no } 已登錄：{ $gross } { $currency }
sync-not-connected = 未連線
sync-synced = 已同步
sync-pending = { $count } 筆待同步
sync-offline = 離線：{ $error }
sync-conflicts = { $count } 個衝突

## The catalog
catalog-title = 商品目錄
catalog-search = 查找
catalog-search-hint = 名稱、SKU 或條碼
catalog-count = 共 { $count } 個商品
catalog-sku = SKU
catalog-name = 名稱
catalog-price = 零售價

## The month view
month-title = 月結
month-pick = 月份
month-show = 顯示
month-export = 匯出 { $format }
month-export-progress = 正在寫入 { $part }：{ $done } / { $total } 列
month-written = 月結資料已寫入：{ $path }
month-chart = 依通路的每日銷售額
month-chart-top = 圖表上限：{ $top }
## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }：需要 { $requested } { $base_unit }，但庫存 { $on_hand } 中有 { $reserved } 被未完成訂單預留，另有 { $reserve } 為批發保留：可用 { $available }。
error-over-delivery = { $field }：{ $doc_no } 第 { $line } 行 { $sku }：訂購 { $ordered }，已交付或取消 { $delivered }，本次需要 { $requested }。
error-order-closed = { $doc_no } 已關閉（{ $status }）：沒有可交付或取消的數量。
error-quote-expired = { $field }：報價單 { $doc_no } 已於 { $valid_until } 過期；請按今天的價格重新報價。
error-quote-already-accepted = 報價單 { $doc_no } 已被接受為訂單 { $order }。
stock-reserved-by-orders = 未完成訂單預留
cli-quote-saved = 報價單 { $doc_no }（{ $buyer }）：{ $gross } { $currency }，有效期至 { $valid_until }。報價不預留庫存。
cli-order-placed = 訂單 { $doc_no }（{ $buyer }）：{ $gross } { $currency }。其庫存在交付前保持預留。
cli-order-delivered = { $invoice } 交付 { $doc_no }：{ $gross } { $currency }。訂單狀態：{ $status }。
cli-order-cancelled = 訂單 { $doc_no } 已取消（{ $reason }）：釋放 { $released } 個基本單位。
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit }，單價 { $price }：訂購 { $ordered } { $base_unit }，剩餘 { $left }
order-status-open = 未完成
order-status-delivered = 已交付
order-status-cancelled = 已取消
order-status-quoted = 已報價
order-status-accepted = 已接受
order-status-expired = 已過期
