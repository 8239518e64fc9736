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
cli-test-printed = 测试页已发送到 { $device }（{ $bytes } 字节）。
cli-scan-connected = 扫描枪 { $port } 已连接。
cli-scan-disconnected = 扫描枪 { $port } 已断开（{ $detail }），等待重新连接。
cli-scan-product = { $code }：{ $sku } { $name }（{ $unit }），库存 { $on_hand }
cli-scan-unknown = { $code }：{ $message }
