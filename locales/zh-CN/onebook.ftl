# Onebook 消息：简体中文（与英文参考文件的消息 id 完全相同）。

## 错误（error-<code>），显示给用户，并指出出错的字段或行。
error-not-initialized = 此数据库还没有店铺。请先运行 `onebook init`。
error-already-initialized = 此数据库已为 { $shop } 设置好。
error-database-too-new = 此数据库由更新版本的 Onebook 创建（结构版本 { $found }；本版本最高支持 { $supported }）。请升级 Onebook。
error-not-onebook-database = 此文件不是 Onebook 数据库（{ $detail }）。
error-storage = 无法读写数据库：{ $detail }
error-busy = 另一台收银机正在使用数据库，请稍后再试。
error-io = 无法读取 { $path }：{ $detail }
error-invalid-input = { $field }：{ $reason }
error-unknown-currency = { $field }：未知货币 { $value }。
error-unknown-time-zone = { $field }：未知时区 { $value }（例如 Asia/Dubai）。
error-unknown-locale = { $field }：不支持的语言 { $value }。
error-unknown-user = 没有名为 { $username } 的有效用户。
error-duplicate-user = 用户 { $username } 已存在。
error-permission-denied = { $username }（{ $role }）无权执行：{ $action }。
error-unknown-product = { $field }：没有 SKU 为 { $sku } 的商品。
error-unknown-barcode = { $field }：条码 { $code } 不在商品目录中。
error-unknown-unit = { $field }：{ $sku } 不按 { $unit } 销售。
error-bad-check-digit = { $field }：条码 { $code } 的校验位错误（末位应为 { $expected }）。
error-bad-barcode = { $field }：{ $code } 不是条码（应为 8、12、13 或 14 位数字）。
error-duplicate-barcode = { $field }：条码 { $code } 已属于 { $sku }。
error-duplicate-sku = { $field }：SKU { $sku } 重复出现。
error-unit-factor-changed = { $field }：{ $sku } 的 { $unit } 为 { $old_factor } 个基本单位，不能改为 { $new_factor }。
error-no-price = { $field }：{ $sku } 没有 { $unit } 的 { $list } 价格。
error-qty-not-positive = { $field }：数量必须大于零（当前为 { $qty }）。
error-fractional-base-qty = { $field }：{ $qty } { $unit } 等于 { $base } { $base_unit }；只能按整数 { $base_unit } 销售。
error-qty-too-large = { $field }：数量 { $qty } 过大。
error-amount-out-of-range = { $field }：金额 { $amount } 超出范围。
error-reserved-for-wholesale = { $sku } 为批发预留：库存 { $on_hand } { $base_unit }，批发预留 { $reserve }，收银台可售 { $available }（需要 { $requested }）。
error-insufficient-stock = { $sku }：库存仅 { $on_hand } { $base_unit }，需要 { $requested }。
error-unknown-document = { $field }：没有单据 { $doc_no }。
error-wrong-document-kind = { $field }：{ $doc_no } 是 { $found }，不是 { $expected }。
error-unknown-line = { $field }：{ $doc_no } 没有第 { $line } 行。
error-product-not-on-document = { $field }：{ $sku } 不在 { $doc_no } 中。
error-over-return = { $field }：{ $doc_no } 第 { $line } 行（{ $sku }）售出 { $sold }，已退 { $returned }；不能再退 { $requested }。
error-not-to-receive = { $doc_no } 不是待收货状态（当前为 { $status }）。
error-date-before-last-document = 日期 { $date } 早于最后一张已记录的单据（{ $last }）。
error-unknown-customer = 没有编号为 { $code } 的客户。
error-duplicate-customer = 编号为 { $code } 的客户已存在。
error-payment-short = 已付 { $paid }，但合计为 { $total }。
error-non-cash-overpaid = 刷卡和电子钱包付款（{ $non_cash }）超过合计 { $total }；只有现金可以找零。
error-no-lines = 单据没有明细行。
error-too-many-lines = 一张单据最多 { $max } 行。
error-import-rejected = 文件中有 { $count } 行有误，未导入任何数据。请修正后重试，或用 --skip-bad 只导入正确的行。
error-disk-full = 磁盘已满：没有写入任何内容，最后一笔销售未记录。请释放一些空间后重试，收银可从中断处继续。
error-database-corrupt = 数据库 { $path } 已损坏（{ $detail }），Onebook 不会在其上启动。{ $backup ->
    [none] 未找到备份：请将该文件复制到安全的地方并寻求帮助。
   *[other] 请用以下命令恢复最近一次完好的备份：onebook restore { $backup }
    }
error-backup-invalid = 无法从 { $path } 恢复：{ $detail }

## 命令行
cli-error = 错误
cli-row-error = 第 { $line } 行{ $column }：{ $message }
cli-import-progress = { $phase } { $done } / { $total } 行
cli-phase-checking = 正在检查
cli-phase-writing = 正在写入
cli-import-done = 已导入 { $rows } 行：新增商品 { $created } 个，更新 { $updated } 个，跳过 { $skipped } 个。
cli-init-done = 店铺 { $shop } 已设置好。店主：{ $owner }。数据库：{ $path }
cli-posted = { $kind } { $doc_no } 已记录：合计 { $gross } { $currency }。
cli-post-failed = 单据 { $index } 被拒绝：{ $message }
cli-post-summary = 已记录 { $ok } 张，被拒绝 { $failed } 张。
cli-change-due = 找零：{ $change }
cli-user-added = 已添加用户 { $username }（{ $role }）。
cli-buyer-added = 已添加客户 { $code }。
cli-demo-ready = 演示店铺已就绪：商品 { $products } 个，单据 { $documents } 张。数据库：{ $path }
cli-backup-done = 已创建并检查备份 { $path }（{ $bytes } 字节，完整性正常）。保留 { $kept } 个备份，轮换删除 { $removed } 个。
cli-backup-last = 最近一次完好的备份：{ $path }，创建于 { $at }。
cli-backup-last-missing = 最近一次完好的备份：{ $path }，创建于 { $at }，但该文件已不存在。
cli-backup-none = 尚未创建任何备份。
cli-restore-done = 已从 { $from } 恢复。{ $aside ->
    [none] 原先没有需要保留的数据库。
   *[other] 原数据库已保留为 { $aside }。
    }
cli-audit-ok = 审计记录完整：共 { $count } 条，所有哈希均已验证。
cli-audit-broken = 审计记录在第 { $seq } 条处断裂（{ $reason }）。

## 单据类型
kind-sale = 零售单
kind-invoice = 批发单
kind-retail_return = 零售退货单
kind-wholesale_return = 批发退货单
kind-receipt = 进货单
kind-count = 盘点单

## 库存
stock-title = { $sku } · { $name }
stock-on-hand = 现有库存
stock-reserve = 批发预留
stock-available-retail = 收银台可售
stock-available-wholesale = 批发可售
stock-reserved-flag = 批发预留：收银台不可销售
stock-unlimited = 不限（允许负库存）
stock-units = 单位
stock-prices = 价格
stock-avg-cost = 平均成本
stock-scanned = 扫描单位

## 月报
report-title = 月报 { $month } · { $shop } · { $currency }
report-channel = 渠道
report-retail = 零售
report-wholesale = 批发
report-total = 合计
report-orders = 单数
report-gross-sales = 销售总额
report-returns = 退货
report-net-sales = 销售净额
report-cogs = 销售成本
report-gross-margin = 毛利
report-margin-pct = 毛利率 %
report-return-rate = 退货率 %
report-return-rate-qty = 退货率（按数量）%
report-aov = 客单价
report-lines-per-order = 每单行数
report-inventory = 库存金额
report-inventory-start = 期初
report-inventory-end = 期末
report-inventory-average = 平均
report-turnover-days = 周转天数
report-vat = 增值税（按税率）
report-vat-rate = 税率 %
report-vat-due = 应缴增值税
report-slow-movers = 滞销商品
report-days-idle = 未动销天数
report-aging = 应收账款账龄
report-none = 无

## Desktop app: the till
app-language = 语言
till-title = 收银台
till-scan = 扫描或输入条码或货号
till-hint = 回车添加 · 3*条码 添加三件 · F2 或空行回车 结账 · Esc 返回
till-item = 商品
till-qty = 数量
till-unit = 单位
till-price = 单价
till-amount = 金额
till-empty = 扫描商品开始销售。
till-net = 不含税
till-vat = 增值税
till-total = 合计
till-remove = 删除
till-pay = 现金结账 (F2)
till-tendered = 收取现金（留空：正好）
till-change = 找零
till-commit = 确认销售 (回车)
till-back = 返回 (Esc)
till-sold = 销售单 { $doc_no } 已记录：合计 { $gross } { $currency }
till-user = { $user } · { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = 买家 { $buyer }：余额 { $open } 加上此发票 { $invoice } 将超过信用额度 { $limit }。只有店主可以填写理由后开具。
error-buyer-overdue = 买家 { $buyer } 有 { $overdue } 已逾期（余额 { $open }，信用额度 { $limit }）；付款前不能开具新发票，除非店主填写理由放行。
error-allocation-exceeds-open = { $field }：{ $amount } 超过 { $doc_no } 尚未结清的 { $open }。
error-order-rejected = 订货单有 { $count } 行有误；未生成草稿。请修改后重新上传。
cli-payment-recorded = 已记录买家 { $buyer } 的付款 { $pay_no }：{ $amount }；未核销 { $unapplied }；当前余额 { $balance }。
cli-price-recorded = 价格已记录：{ $scope } { $key }，{ $sku } 每 { $unit }，{ $min_qty } 起：{ $price }，自 { $from } 生效。
cli-buyer-updated = 买家 { $code } 已更新。
cli-aging-title = 应收账款账龄，截至 { $at }（{ $currency }）
cli-credit = 贷项
cli-reorder-change = 第 { $line } 行 { $sku }：{ $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }：{ $date } 属于 { $month }，账目已结账至 { $closed_through }。请把更正记在未结账的期间（今天）。
error-period-already-closed = { $field }：{ $month } 已经结账（账目已结账至 { $closed_through }）。
error-month-not-over = { $field }：{ $month } 尚未结束；月份结束后才能结账。
error-day-already-closed = { $field }：收银台 { $device } 的 { $day } 已日结到当天结束（{ $doc_no }）。
error-unknown-device = { $field }：{ $device } 不是本收银台（请给出编号前缀或设备 ID）。
cli-month-closed = 账目已结账至 { $month }：此后不能再记入 { $locked_before } 之前的日期。
z-title = Z 报表 { $doc_no } · { $shop } · { $day }
z-covers = 收银台 { $device } · 从 { $from } 到 { $to } · 由 { $user } 于 { $at } 日结
z-continues = 接续 { $doc_no }
z-sales = 销售
z-tickets = 小票
z-vat = 其中增值税
z-method = 支付方式
z-method-cash = 现金
z-method-card = 银行卡
z-method-ewallet = 电子钱包
z-refunds = 退款
z-net = 净额
z-cash-tendered = 收取现金
z-change = 找零
z-returns = 退货
z-buyer-cash = 买家现金付款
z-float = 备用金
z-expected = 钱箱应有现金
z-counted = 清点现金
z-difference = 差额
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = 无法连接打印机 { $device }（{ $detail }）。销售已保存：打印机恢复后请重新打印小票。
error-printer-out-of-paper = 打印机 { $device } 缺纸。销售已保存：装上新纸卷后重新打印小票。
error-no-device = { $field }：本收银台尚未设置{ $kind ->
    [printer] 小票打印机
   *[other] 扫码枪
    }。请指定（--to / --port），或由店主用 `onebook devices set` 设置。
error-unprintable-text = { $field }：打印机的代码页和已安装的字体都无法打印这段{ $script }文字（{ $text }），未打印任何内容。
receipt-tax-number = 增值税号 { $number }
receipt-sale = 小票
receipt-date = 日期
receipt-net = 不含税
receipt-vat = 增值税 { $rate }%（基数 { $net }）
receipt-total = 合计 { $currency }
receipt-cash = 现金
receipt-card = 银行卡
receipt-ewallet = 电子钱包
receipt-change = 找零
receipt-staff = 收银员 { $user }
receipt-thanks = 谢谢惠顾
receipt-test-title = 测试打印
receipt-test-columns = 此纸宽可容纳 { $columns } 列
cli-printed = 小票 { $doc_no } 已发送到 { $device }（{ $bytes } 字节）。
cli-drawer-opened = 钱箱已打开。
cli-paper-low = 打印机提示纸卷即将用完：请尽快更换。
cli-devices-printer = USB 小票打印机：{ $address } { $what }
cli-devices-serial = 串口：{ $path } { $what }
cli-devices-none = 未找到串口或 USB 小票打印机。
cli-products-page = 第 { $from }–{ $to } 个，共 { $total } 个商品
cli-devices-unset = （未设置）
cli-devices-on = 开
cli-devices-off = 关
cli-devices-station = 小票打印机：{ $printer }
    纸宽：{ $paper } 毫米
    现金销售后开钱箱：{ $drawer }
    小票语言：{ $locale }
    扫码枪：{ $scanner }
cli-test-printed = 测试页已发送到 { $device }（{ $bytes } 字节）。
cli-scan-connected = 扫描枪 { $port } 已连接。
cli-scan-disconnected = 扫描枪 { $port } 已断开（{ $detail }），等待重新连接。
cli-scan-product = { $code }：{ $sku } { $name }（{ $unit }），库存 { $on_hand }
cli-scan-unknown = { $code }：{ $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }：{ $value } 不是月份。请写成 YYYY-MM，例如 2026-03。
error-unknown-export-format = { $field }：{ $value } 不是导出格式（xlsx、csv 或 pdf）。
error-export-not-writable = { $field }：无法将导出写入 { $path }：{ $detail }
cli-export-progress = 正在导出{ $part }：{ $done } / { $total } 行
cli-export-done = { $month } 月度资料包已写入 { $path }：{ $parts } 个部分，{ $rows } 行。
export-part-summary = 汇总
export-part-vat = 按税率增值税
export-part-slow-movers = 滞销商品
export-part-sales-journal = 销售日记账
export-part-returns-journal = 退货日记账
export-part-receipts = 收货单
export-part-stock-valuation = 月末库存估值
export-part-receivables-aging = 应收账款账龄
export-col-figure = 指标（键）
export-col-label = 指标
export-col-retail = 零售
export-col-wholesale = 批发
export-col-total = 合计
export-col-orders = 订单数
export-col-lines = 行数
export-col-gross-sales = 销售总额（不含税）
export-col-returns = 退货（不含税）
export-col-net-sales = 净销售额
export-col-cogs = 销售成本
export-col-gross-margin = 毛利
export-col-margin-pct = 毛利率 %
export-col-return-rate-pct = 退货率（按金额）%
export-col-sold-qty-base = 销售数量（基本单位）
export-col-returned-qty-base = 退货数量（基本单位）
export-col-return-rate-qty-pct = 退货率（按数量）%
export-col-average-order-value = 平均订单金额
export-col-lines-per-order = 每单行数
export-col-inventory-value-start = 期初库存价值
export-col-inventory-value-end = 期末库存价值
export-col-inventory-value-average = 平均库存价值
export-col-turnover-days = 库存周转天数
export-col-shop = 店铺
export-col-month = 月份
export-col-currency = 币种
export-col-time-zone = 时区
export-col-period-start = 期间开始
export-col-period-end = 期间结束
export-col-days = 期间天数
export-col-vat-rate-pct = 税率 %
export-col-sales-net = 销售净额
export-col-sales-vat = 销售增值税
export-col-returns-net = 退货净额
export-col-returns-vat = 退货增值税
export-col-vat-due = 应缴增值税
export-col-rank = 排名
export-col-sku = SKU
export-col-name = 名称
export-col-on-hand = 现有库存
export-col-on-hand-value = 库存价值
export-col-days-idle = 未动销天数
export-col-last-sale = 最后销售
export-col-date = 日期
export-col-doc-no = 单据
export-col-channel = 渠道
export-col-buyer = 买家
export-col-buyer-name = 买家名称
export-col-refers-to = 原单据
export-col-restock = 已退回库存
export-col-status = 状态
export-col-line-no = 行号
export-col-unit = 单位
export-col-qty = 数量
export-col-qty-base = 数量（基本单位）
export-col-net = 净额
export-col-vat = 增值税
export-col-gross = 总额
export-col-supplier = 供应商
export-col-unit-cost = 单位成本（每基本单位）
export-col-value = 价值
export-col-base-unit = 基本单位
export-col-avg-cost = 平均成本
export-col-current = 未到期
export-col-days-1-30 = 1-30 天
export-col-days-31-60 = 31-60 天
export-col-days-61-90 = 61-90 天
export-col-days-over-90 = 超过 90 天
export-col-credit = 贷方余额

## The A4 invoice and credit note (PDF)
invoice-title = 增值税发票
invoice-credit-note-title = 贷项通知单
invoice-seller = 销售方
invoice-buyer = 购买方
invoice-buyer-code = 客户编号
invoice-tax-number = 税号
invoice-number = 发票号码
invoice-credit-note-number = 贷项通知单号
invoice-refers-to = 对应发票
invoice-issue-date = 开票日期
invoice-due-date = 到期日
invoice-terms = 付款条件
invoice-terms-cash = 现金
invoice-terms-net = { $days } 天内付款
invoice-terms-eom = 月底后 { $days } 天
invoice-col-no = 序号
invoice-col-sku = 货号
invoice-col-description = 品名
invoice-col-unit = 单位
invoice-col-qty = 数量
invoice-col-price = 单价
invoice-col-vat-rate = 税率 %
invoice-col-net = 不含税金额
invoice-vat-summary = 按税率汇总增值税
invoice-vat-rate = 税率
invoice-taxable = 计税金额
invoice-vat = 增值税
invoice-total-net = 不含税合计
invoice-total-vat = 增值税合计
invoice-total-gross = 价税合计 { $currency }
invoice-page = 第 { $page } 页，共 { $pages } 页
invoice-amount-in-words = 金额大写
cli-invoice-written = 已将 { $doc_no } 写入 { $path }（{ $bytes } 字节）。

error-sync-not-configured = 此设备尚未注册到云账本：请先运行 `onebook sync register`。
error-cloud = 云账本拒绝了请求或无法连接：{ $detail }
error-series-prefix-taken = { $tenant } 的另一台设备已使用单据序列前缀 { $prefix }：请为此设备设置自己的前缀。
error-already-registered = 此设备已注册到 { $tenant }。
cli-sync-registered = 已注册到 { $server } 上的 { $tenant }，单据序列 { $prefix }；待推送历史记录 { $entries } 条。
cli-sync-status = 云账本 { $tenant }（{ $server }）：待推送 { $pending } 条，上次同步 { $last }，未解决冲突 { $conflicts } 个。
cli-sync-last-error = 上次错误：{ $error }
cli-sync-once = 已推送 { $pushed } 条，已拉取 { $pulled } 条。
cli-sync-offline = 离线（{ $error }）；{ $ms } 毫秒后重试。
cli-sync-no-conflicts = 没有冲突。
cli-sync-conflict = { $kind } { $sku } { $doc_no }：结存 { $balance }（{ $open }）
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = 月度汇总
month-pdf-chart = 各渠道每日销售额（不含增值税，{ $currency }）

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = 作废
cli-void-recorded = 已记录作废：{ $lines } 行，{ $amount }（{ $reason }）。
error-quota-exceeded = { $sku }：此收银台处于离线状态，只能在其配额 { $quota } { $base_unit } 内销售（已售 { $used }）；本次需要 { $requested }。
error-held-for-other-tills = { $sku }：库存 { $on_hand } { $base_unit } 中有 { $held } 为其他收银台的配额保留；本次需要 { $requested }。
cli-sync-quota = 收银台 { $till } 的 { $sku } 配额：{ $qty } { $base_unit }（已用 { $used }）。
# The buyer statement (src/statement.rs).
statement-title = 对账单
statement-tax-number = 税号 { $number }
statement-period = 期间 { $from } 至 { $to }
statement-currency = 金额单位 { $currency }
statement-col-date = 日期
statement-col-document = 单据
statement-col-due = 到期日
statement-col-debit = 借方
statement-col-credit = 贷方
statement-col-balance = 余额
statement-opening = 上期结余
statement-closing = 期末余额（{ $currency }）
statement-overdue = 其中逾期
statement-kind-invoice = 发票
statement-kind-credit-note = 贷项通知单
statement-kind-payment = 付款
cli-statement-written = 对账单已写入 { $path }（{ $bytes } 字节）。
error-no-rate = { $field }：{ $date } 及之前没有 { $currency } 的汇率；请店主用 `onebook rate set` 录入。
cli-rate = { $currency }：自 { $day } 起 { $rate }
receipt-foreign-cash =   { $currency } { $amount }，汇率 { $rate }
error-wrong-pin = { $username } 的 PIN 错误；再错 { $attempts_left } 次将被锁定。
error-sign-in-locked = { $username } 因多次输错 PIN 被锁定，直到 { $until }。
error-no-pin = { $username } 还没有 PIN：请店主设置。
cli-pin-set = 已为 { $username } 设置 PIN。
cli-signed-in = { $username } 已登录。

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = 批发柜台
counter-buyer = 客户
counter-credit-limit = 信用额度
counter-code = 条码或货号
counter-add = 添加行
counter-hint = 在代码框按 Enter 显示商品和库存 · 在数量框按 Enter 添加该行 · F4 开具发票 · F6 收银台，F7 批发柜台，F8 退货
counter-empty = 选择客户并添加要开票的商品。
counter-post = 开具发票 (F4)
counter-issued = 发票 { $doc_no } 已开具：合计 { $gross } { $currency }
returns-title = 退货
returns-doc = 小票号或发票号
returns-find = 查找
returns-not-returnable = { $doc_no } 不是销售单或发票：无可退货。
returns-sold = 已售
returns-qty = 退货数量
returns-restock = 放回货架（取消勾选：损坏，报损）
returns-restock-wholesale = 待收货入库（取消勾选：报损）
returns-post = 登记退货
returns-done = 退货单 { $doc_no } 已登记：{ $gross } { $currency }
sync-not-connected = 未连接
sync-synced = 已同步
sync-pending = { $count } 条待同步
sync-offline = 离线：{ $error }
sync-conflicts = { $count } 个冲突

## The catalog
catalog-title = 商品目录
catalog-search = 查找
catalog-search-hint = 名称、SKU 或条码
catalog-count = 共 { $count } 个商品
catalog-sku = SKU
catalog-name = 名称
catalog-price = 零售价

## The month view
month-title = 月结
month-pick = 月份
month-show = 显示
month-export = 导出 { $format }
month-export-progress = 正在写入 { $part }：{ $done } / { $total } 行
month-written = 月结资料已写入：{ $path }
month-chart = 按渠道的每日销售额
month-chart-top = 图表上限：{ $top }
## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }：需要 { $requested } { $base_unit }，但库存 { $on_hand } 中有 { $reserved } 被未完成订单预留，另有 { $reserve } 为批发保留：可用 { $available }。
error-over-delivery = { $field }：{ $doc_no } 第 { $line } 行 { $sku }：订购 { $ordered }，已交付或取消 { $delivered }，本次需要 { $requested }。
error-order-closed = { $doc_no } 已关闭（{ $status }）：没有可交付或取消的数量。
error-quote-expired = { $field }：报价单 { $doc_no } 已于 { $valid_until } 过期；请按今天的价格重新报价。
error-quote-already-accepted = 报价单 { $doc_no } 已被接受为订单 { $order }。
stock-reserved-by-orders = 未完成订单预留
cli-quote-saved = 报价单 { $doc_no }（{ $buyer }）：{ $gross } { $currency }，有效期至 { $valid_until }。报价不预留库存。
cli-order-placed = 订单 { $doc_no }（{ $buyer }）：{ $gross } { $currency }。其库存在交付前保持预留。
cli-order-delivered = { $invoice } 交付 { $doc_no }：{ $gross } { $currency }。订单状态：{ $status }。
cli-order-cancelled = 订单 { $doc_no } 已取消（{ $reason }）：释放 { $released } 个基本单位。
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit }，单价 { $price }：订购 { $ordered } { $base_unit }，剩余 { $left }
order-status-open = 未完成
order-status-delivered = 已交付
order-status-cancelled = 已取消
order-status-quoted = 已报价
order-status-accepted = 已接受
order-status-expired = 已过期
