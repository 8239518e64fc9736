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
cli-test-printed = 測試頁已送至 { $device }（{ $bytes } 位元組）。
cli-scan-connected = 掃描器 { $port } 已連線。
cli-scan-disconnected = 掃描器 { $port } 已中斷（{ $detail }），等待重新連線。
cli-scan-product = { $code }：{ $sku } { $name }（{ $unit }），庫存 { $on_hand }
cli-scan-unknown = { $code }：{ $message }
