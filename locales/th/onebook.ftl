# ข้อความของ Onebook: ภาษาไทย (มี id เหมือนไฟล์ต้นฉบับภาษาอังกฤษทุกประการ)

## ข้อผิดพลาด (error-<code>) แสดงแก่ผู้ใช้พร้อมช่องหรือแถวที่มีปัญหา
error-not-initialized = ฐานข้อมูลนี้ยังไม่มีร้านค้า กรุณารัน `onebook init` ก่อน
error-already-initialized = ฐานข้อมูลนี้ตั้งค่าไว้สำหรับ { $shop } แล้ว
error-database-too-new = ฐานข้อมูลนี้สร้างโดย Onebook เวอร์ชันที่ใหม่กว่า (สคีมา { $found }; เวอร์ชันนี้อ่านได้ถึง { $supported }) กรุณาอัปเดต Onebook
error-not-onebook-database = ไฟล์นี้ไม่ใช่ฐานข้อมูล Onebook ({ $detail })
error-storage = อ่านหรือเขียนฐานข้อมูลไม่ได้: { $detail }
error-busy = มีเครื่องแคชเชียร์อื่นกำลังใช้ฐานข้อมูลอยู่ กรุณาลองใหม่ในอีกสักครู่
error-io = อ่าน { $path } ไม่ได้: { $detail }
error-invalid-input = { $field }: { $reason }
error-unknown-currency = { $field }: ไม่รู้จักสกุลเงิน { $value }
error-unknown-time-zone = { $field }: ไม่รู้จักเขตเวลา { $value } (เช่น Asia/Dubai)
error-unknown-locale = { $field }: ไม่รองรับภาษา { $value }
error-unknown-user = ไม่พบผู้ใช้ที่เปิดใช้งานชื่อ { $username }
error-duplicate-user = มีผู้ใช้ชื่อ { $username } อยู่แล้ว
error-permission-denied = { $username } ({ $role }) ไม่มีสิทธิ์: { $action }
error-unknown-product = { $field }: ไม่พบสินค้า SKU { $sku }
error-unknown-barcode = { $field }: ไม่พบบาร์โค้ด { $code } ในรายการสินค้า
error-unknown-unit = { $field }: { $sku } ไม่ได้ขายเป็นหน่วย { $unit }
error-bad-check-digit = { $field }: บาร์โค้ด { $code } มีหลักตรวจสอบไม่ถูกต้อง (ควรลงท้ายด้วย { $expected })
error-bad-barcode = { $field }: { $code } ไม่ใช่บาร์โค้ด (ต้องเป็นตัวเลข 8, 12, 13 หรือ 14 หลัก)
error-duplicate-barcode = { $field }: บาร์โค้ด { $code } เป็นของ { $sku } อยู่แล้ว
error-duplicate-sku = { $field }: SKU { $sku } ซ้ำกัน
error-unit-factor-changed = { $field }: { $unit } ของ { $sku } เท่ากับ { $old_factor } หน่วยฐาน เปลี่ยนเป็น { $new_factor } ไม่ได้
error-no-price = { $field }: { $sku } ไม่มีราคา { $list } สำหรับหน่วย { $unit }
error-qty-not-positive = { $field }: จำนวนต้องมากกว่าศูนย์ (ได้รับ { $qty })
error-fractional-base-qty = { $field }: { $qty } { $unit } เท่ากับ { $base } { $base_unit } ขาย { $base_unit } ได้เฉพาะจำนวนเต็มเท่านั้น
error-qty-too-large = { $field }: จำนวน { $qty } มากเกินไป
error-amount-out-of-range = { $field }: ยอดเงิน { $amount } อยู่นอกช่วงที่รับได้
error-reserved-for-wholesale = { $sku } กันไว้สำหรับขายส่ง: คงเหลือ { $on_hand } { $base_unit } กันไว้ขายส่ง { $reserve } ขายหน้าร้านได้ { $available } (ต้องการ { $requested })
error-insufficient-stock = { $sku }: คงเหลือเพียง { $on_hand } { $base_unit } แต่ต้องการ { $requested }
error-unknown-document = { $field }: ไม่พบเอกสาร { $doc_no }
error-wrong-document-kind = { $field }: { $doc_no } เป็นประเภท { $found } ไม่ใช่ { $expected }
error-unknown-line = { $field }: { $doc_no } ไม่มีรายการที่ { $line }
error-product-not-on-document = { $field }: { $sku } ไม่อยู่ใน { $doc_no }
error-over-return = { $field }: รายการที่ { $line } ของ { $doc_no } ({ $sku }) ขายไป { $sold } คืนแล้ว { $returned } จึงคืนเพิ่มอีก { $requested } ไม่ได้
error-not-to-receive = { $doc_no } ไม่ได้อยู่ในสถานะรอรับสินค้า (สถานะ: { $status })
error-date-before-last-document = วันที่ { $date } อยู่ก่อนเอกสารล่าสุดที่บันทึกไว้ ({ $last })
error-unknown-customer = ไม่พบลูกค้ารหัส { $code }
error-duplicate-customer = มีลูกค้ารหัส { $code } อยู่แล้ว
error-payment-short = ชำระ { $paid } แต่ยอดรวมคือ { $total }
error-non-cash-overpaid = ยอดชำระด้วยบัตรและอีวอลเล็ต ({ $non_cash }) เกินยอดรวม { $total } ทอนเงินได้เฉพาะเงินสดเท่านั้น
error-no-lines = เอกสารไม่มีรายการ
error-too-many-lines = เอกสารหนึ่งฉบับมีได้ไม่เกิน { $max } รายการ
error-import-rejected = มี { $count } แถวในไฟล์ที่ไม่ถูกต้อง จึงไม่ได้นำเข้าข้อมูลใดเลย กรุณาแก้ไข หรือนำเข้าเฉพาะแถวที่ถูกต้องด้วย --skip-bad
error-disk-full = ดิสก์เต็ม: ไม่มีการบันทึกใด ๆ และการขายล่าสุดยังไม่ถูกบันทึก โปรดเพิ่มพื้นที่ว่างแล้วลองอีกครั้ง เครื่องขายจะทำงานต่อจากจุดที่หยุด
error-database-corrupt = ฐานข้อมูล { $path } เสียหาย ({ $detail }) Onebook จะไม่เริ่มทำงานกับไฟล์นี้ { $backup ->
    [none] ไม่พบข้อมูลสำรอง: โปรดคัดลอกไฟล์ไปเก็บในที่ปลอดภัยและขอความช่วยเหลือ
   *[other] กู้คืนข้อมูลสำรองล่าสุดที่ใช้ได้ด้วยคำสั่ง: onebook restore { $backup }
    }
error-backup-invalid = ไม่สามารถกู้คืนจาก { $path }: { $detail }

## บรรทัดคำสั่ง
cli-error = ข้อผิดพลาด
cli-row-error = บรรทัด { $line }{ $column }: { $message }
cli-import-progress = { $phase } { $done } / { $total } แถว
cli-phase-checking = กำลังตรวจสอบ
cli-phase-writing = กำลังบันทึก
cli-import-done = นำเข้า { $rows } แถว: สินค้าใหม่ { $created } อัปเดต { $updated } ข้าม { $skipped }
cli-init-done = ตั้งค่าร้าน { $shop } เรียบร้อยแล้ว เจ้าของ: { $owner } ฐานข้อมูล: { $path }
cli-posted = บันทึก { $kind } { $doc_no } แล้ว: ยอดรวม { $gross } { $currency }
cli-post-failed = เอกสาร { $index } ถูกปฏิเสธ: { $message }
cli-post-summary = บันทึกแล้ว { $ok } ถูกปฏิเสธ { $failed }
cli-change-due = เงินทอน: { $change }
cli-user-added = เพิ่มผู้ใช้ { $username } ({ $role }) แล้ว
cli-buyer-added = เพิ่มลูกค้า { $code } แล้ว
cli-demo-ready = ร้านตัวอย่างพร้อมใช้งาน: สินค้า { $products } รายการ เอกสาร { $documents } ฉบับ ฐานข้อมูล: { $path }
cli-backup-done = สร้างและตรวจสอบข้อมูลสำรอง { $path } แล้ว ({ $bytes } ไบต์ ความสมบูรณ์ปกติ) เก็บไว้ { $kept } ชุด ลบออก { $removed } ชุดตามรอบการหมุนเวียน
cli-backup-last = ข้อมูลสำรองล่าสุดที่ใช้ได้: { $path } สร้างเมื่อ { $at }
cli-backup-last-missing = ข้อมูลสำรองล่าสุดที่ใช้ได้: { $path } สร้างเมื่อ { $at } แต่ไม่พบไฟล์นี้แล้ว
cli-backup-none = ยังไม่เคยสร้างข้อมูลสำรอง
cli-restore-done = กู้คืนจาก { $from } แล้ว { $aside ->
    [none] ไม่มีฐานข้อมูลเดิมที่ต้องเก็บไว้
   *[other] ฐานข้อมูลเดิมถูกเก็บไว้เป็น { $aside }
    }
cli-audit-ok = บันทึกการตรวจสอบครบถ้วน: { $count } รายการ ตรวจสอบแฮชทุกรายการแล้ว
cli-audit-broken = บันทึกการตรวจสอบขาดที่รายการ { $seq } ({ $reason })

## ประเภทเอกสาร
kind-sale = ขายหน้าร้าน
kind-invoice = ใบแจ้งหนี้
kind-retail_return = รับคืนหน้าร้าน
kind-wholesale_return = ใบลดหนี้
kind-receipt = ใบรับสินค้า
kind-count = ตรวจนับสต็อก

## สต็อก
stock-title = { $sku } · { $name }
stock-on-hand = คงเหลือ
stock-reserve = กันไว้ขายส่ง
stock-available-retail = ขายหน้าร้านได้
stock-available-wholesale = ขายส่งได้
stock-reserved-flag = กันไว้ขายส่ง: ขายหน้าร้านไม่ได้
stock-unlimited = ไม่จำกัด (สต็อกติดลบได้)
stock-units = หน่วย
stock-prices = ราคา
stock-avg-cost = ต้นทุนเฉลี่ย
stock-scanned = หน่วยที่สแกน

## รายงานประจำเดือน
report-title = รายงานประจำเดือน { $month } · { $shop } · { $currency }
report-channel = ช่องทาง
report-retail = ขายปลีก
report-wholesale = ขายส่ง
report-total = รวม
report-orders = จำนวนบิล
report-gross-sales = ยอดขายรวม
report-returns = รับคืน
report-net-sales = ยอดขายสุทธิ
report-cogs = ต้นทุนขาย
report-gross-margin = กำไรขั้นต้น
report-margin-pct = อัตรากำไร %
report-return-rate = อัตราการคืน %
report-return-rate-qty = อัตราการคืนตามจำนวน %
report-aov = ยอดเฉลี่ยต่อบิล
report-lines-per-order = รายการต่อบิล
report-inventory = มูลค่าสินค้าคงเหลือ
report-inventory-start = ต้นงวด
report-inventory-end = ปลายงวด
report-inventory-average = เฉลี่ย
report-turnover-days = ระยะเวลาหมุนเวียน (วัน)
report-vat = ภาษีมูลค่าเพิ่ม (VAT) ตามอัตรา
report-vat-rate = อัตรา %
report-vat-due = ภาษีมูลค่าเพิ่ม (VAT) ที่ต้องชำระ
report-slow-movers = สินค้าขายช้า
report-days-idle = จำนวนวันที่ไม่เคลื่อนไหว
report-aging = อายุลูกหนี้
report-none = ไม่มี

## Desktop app: the till
app-language = ภาษา
till-title = จุดขาย
till-scan = สแกนหรือพิมพ์บาร์โค้ดหรือรหัสสินค้า
till-hint = Enter เพิ่ม · 3*รหัส เพิ่มสามชิ้น · F2 หรือ Enter ที่บรรทัดว่าง ชำระเงิน · Esc ย้อนกลับ
till-item = สินค้า
till-qty = จำนวน
till-unit = หน่วย
till-price = ราคา
till-amount = จำนวนเงิน
till-empty = สแกนสินค้าเพื่อเริ่มการขาย
till-net = ก่อนภาษี
till-vat = ภาษีมูลค่าเพิ่ม
till-total = รวม
till-remove = ลบ
till-pay = ชำระเงินสด (F2)
till-tendered = เงินสดที่รับ (ว่าง: พอดี)
till-change = เงินทอน
till-commit = บันทึกการขาย (Enter)
till-back = ย้อนกลับ (Esc)
till-sold = บันทึกการขาย { $doc_no } แล้ว: รวม { $gross } { $currency }
till-user = { $user } ที่ { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = ผู้ซื้อ { $buyer }: ยอดค้าง { $open } รวมกับใบแจ้งหนี้นี้ { $invoice } จะเกินวงเงินเครดิต { $limit } เฉพาะเจ้าของร้านเท่านั้นที่ออกได้โดยระบุเหตุผล
error-buyer-overdue = ผู้ซื้อ { $buyer } มียอดเกินกำหนดชำระ { $overdue } (ยอดค้าง { $open } วงเงินเครดิต { $limit }) ออกใบแจ้งหนี้ใหม่ไม่ได้จนกว่าจะชำระ เว้นแต่เจ้าของร้านอนุมัติพร้อมเหตุผล
error-allocation-exceeds-open = { $field }: { $amount } มากกว่ายอดค้าง { $open } ของ { $doc_no }
error-order-rejected = ใบสั่งซื้อมี { $count } บรรทัดที่ผิด ไม่ได้สร้างร่างใด ๆ กรุณาแก้ไขแล้วอัปโหลดใหม่
cli-payment-recorded = บันทึกการชำระเงิน { $pay_no } จาก { $buyer } แล้ว: { $amount } ยังไม่ได้ตัดชำระ { $unapplied } ยอดคงเหลือ { $balance }
cli-price-recorded = บันทึกราคาแล้ว: { $scope } { $key }, { $sku } ต่อ { $unit } ตั้งแต่ { $min_qty } ขึ้นไป: { $price } มีผลตั้งแต่ { $from }
cli-buyer-updated = อัปเดตผู้ซื้อ { $code } แล้ว
cli-aging-title = อายุลูกหนี้ ณ { $at } ({ $currency })
cli-credit = เครดิต
cli-reorder-change = บรรทัด { $line } { $sku }: { $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }: { $date } อยู่ใน { $month } และปิดบัญชีแล้วถึง { $closed_through } กรุณาบันทึกการแก้ไขในงวดที่ยังเปิดอยู่ (วันนี้)
error-period-already-closed = { $field }: { $month } ปิดบัญชีแล้ว (ปิดบัญชีถึง { $closed_through })
error-month-not-over = { $field }: { $month } ยังไม่สิ้นเดือน ปิดบัญชีได้เมื่อเดือนสิ้นสุดแล้วเท่านั้น
error-day-already-closed = { $field }: วันที่ { $day } ของเครื่อง { $device } ปิดยอดถึงสิ้นวันแล้ว ({ $doc_no })
error-unknown-device = { $field }: { $device } ไม่ใช่เครื่องนี้ (ระบุคำนำหน้าเลขที่เอกสารหรือรหัสอุปกรณ์)
cli-month-closed = ปิดบัญชีถึง { $month } แล้ว: ไม่สามารถลงวันที่ก่อน { $locked_before } ได้อีก
z-title = รายงาน Z { $doc_no } · { $shop } · { $day }
z-covers = เครื่อง { $device } · จาก { $from } ถึง { $to } · ปิดยอดโดย { $user } เมื่อ { $at }
z-continues = ต่อจาก { $doc_no }
z-sales = ยอดขาย
z-tickets = ใบเสร็จ
z-vat = ในจำนวนนี้เป็นภาษีมูลค่าเพิ่ม
z-method = วิธีชำระเงิน
z-method-cash = เงินสด
z-method-card = บัตร
z-method-ewallet = กระเป๋าเงินอิเล็กทรอนิกส์
z-refunds = เงินคืน
z-net = สุทธิ
z-cash-tendered = เงินสดที่รับ
z-change = เงินทอน
z-returns = รับคืนสินค้า
z-buyer-cash = เงินสดที่ผู้ซื้อชำระ
z-float = เงินทอนตั้งต้น
z-expected = เงินสดที่ควรมีในลิ้นชัก
z-counted = เงินสดที่นับได้
z-difference = ส่วนต่าง
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = ติดต่อเครื่องพิมพ์ { $device } ไม่ได้ ({ $detail }) การขายถูกบันทึกไว้แล้ว: พิมพ์ใบเสร็จอีกครั้งเมื่อเครื่องพิมพ์กลับมา
error-printer-out-of-paper = เครื่องพิมพ์ { $device } กระดาษหมด บันทึกการขายไว้แล้ว: ใส่ม้วนกระดาษใหม่แล้วพิมพ์ใบเสร็จอีกครั้ง
error-no-device = { $field }: เครื่องขายนี้ยังไม่ได้ตั้ง{ $kind ->
    [printer] เครื่องพิมพ์ใบเสร็จ
   *[other] เครื่องสแกน
    } ระบุเอง (--to / --port) หรือให้เจ้าของตั้งด้วย `onebook devices set`
error-unprintable-text = { $field }: ทั้งโค้ดเพจของเครื่องพิมพ์และฟอนต์ที่ติดตั้งไว้ไม่สามารถพิมพ์ข้อความ{ $script }นี้ได้ ({ $text }) จึงไม่ได้พิมพ์อะไรเลย
receipt-tax-number = เลขประจำตัวผู้เสียภาษี { $number }
receipt-sale = ใบเสร็จ
receipt-date = วันที่
receipt-net = ยอดก่อนภาษี
receipt-vat = ภาษีมูลค่าเพิ่ม { $rate }% จาก { $net }
receipt-total = รวมทั้งสิ้น { $currency }
receipt-cash = เงินสด
receipt-card = บัตร
receipt-ewallet = อีวอลเล็ต
receipt-change = เงินทอน
receipt-staff = พนักงาน { $user }
receipt-thanks = ขอบคุณที่ใช้บริการ
receipt-test-title = ทดสอบการพิมพ์
receipt-test-columns = กระดาษนี้พิมพ์ได้ { $columns } คอลัมน์
cli-printed = ส่งใบเสร็จ { $doc_no } ไปที่ { $device } แล้ว ({ $bytes } ไบต์)
cli-drawer-opened = เปิดลิ้นชักเก็บเงินแล้ว
cli-paper-low = เครื่องพิมพ์แจ้งว่ากระดาษม้วนใกล้หมด: ควรเปลี่ยนเร็ว ๆ นี้
cli-devices-printer = เครื่องพิมพ์ใบเสร็จ USB: { $address } { $what }
cli-devices-serial = พอร์ตอนุกรม: { $path } { $what }
cli-devices-none = ไม่พบพอร์ตอนุกรมหรือเครื่องพิมพ์ใบเสร็จ USB
cli-products-page = { $from }–{ $to } จาก { $total } สินค้า
cli-devices-unset = (ยังไม่ตั้ง)
cli-devices-on = เปิด
cli-devices-off = ปิด
cli-devices-station = เครื่องพิมพ์ใบเสร็จ: { $printer }
    กระดาษ: { $paper } มม.
    ลิ้นชักเงินสดหลังขายเงินสด: { $drawer }
    ภาษาใบเสร็จ: { $locale }
    เครื่องสแกน: { $scanner }
cli-test-printed = ส่งหน้าทดสอบไปที่ { $device } แล้ว ({ $bytes } ไบต์)
cli-scan-connected = เชื่อมต่อเครื่องสแกน { $port } แล้ว
cli-scan-disconnected = เครื่องสแกน { $port } หลุดการเชื่อมต่อ ({ $detail }) กำลังรอให้กลับมา
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }) คงเหลือ { $on_hand }
cli-scan-unknown = { $code }: { $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }: { $value } ไม่ใช่เดือน กรุณาเขียนเป็น YYYY-MM เช่น 2026-03
error-unknown-export-format = { $field }: { $value } ไม่ใช่รูปแบบการส่งออก (xlsx, csv หรือ pdf)
error-export-not-writable = { $field }: เขียนไฟล์ส่งออกไปที่ { $path } ไม่ได้: { $detail }
cli-export-progress = กำลังส่งออก{ $part }: { $done } / { $total } แถว
cli-export-done = เขียนชุดข้อมูลประจำเดือน { $month } ไปที่ { $path } แล้ว: { $parts } ส่วน, { $rows } แถว
export-part-summary = สรุป
export-part-vat = ภาษีมูลค่าเพิ่มตามอัตรา
export-part-slow-movers = สินค้าขายช้า
export-part-sales-journal = สมุดรายวันขาย
export-part-returns-journal = สมุดรายวันรับคืน
export-part-receipts = ใบรับสินค้า
export-part-stock-valuation = มูลค่าสินค้าคงเหลือ
export-part-receivables-aging = อายุลูกหนี้
export-col-figure = ตัวเลข (คีย์)
export-col-label = ตัวเลข
export-col-retail = ขายปลีก
export-col-wholesale = ขายส่ง
export-col-total = รวม
export-col-orders = จำนวนคำสั่งซื้อ
export-col-lines = จำนวนรายการ
export-col-gross-sales = ยอดขายรวม (ไม่รวม VAT)
export-col-returns = รับคืน (ไม่รวม VAT)
export-col-net-sales = ยอดขายสุทธิ
export-col-cogs = ต้นทุนขาย
export-col-gross-margin = กำไรขั้นต้น
export-col-margin-pct = อัตรากำไร %
export-col-return-rate-pct = อัตรารับคืนตามมูลค่า %
export-col-sold-qty-base = จำนวนที่ขาย (หน่วยฐาน)
export-col-returned-qty-base = จำนวนที่รับคืน (หน่วยฐาน)
export-col-return-rate-qty-pct = อัตรารับคืนตามจำนวน %
export-col-average-order-value = มูลค่าเฉลี่ยต่อคำสั่งซื้อ
export-col-lines-per-order = รายการต่อคำสั่งซื้อ
export-col-inventory-value-start = มูลค่าสินค้าคงเหลือต้นงวด
export-col-inventory-value-end = มูลค่าสินค้าคงเหลือปลายงวด
export-col-inventory-value-average = มูลค่าสินค้าคงเหลือเฉลี่ย
export-col-turnover-days = จำนวนวันหมุนเวียนสินค้า
export-col-shop = ร้าน
export-col-month = เดือน
export-col-currency = สกุลเงิน
export-col-time-zone = เขตเวลา
export-col-period-start = เริ่มงวด
export-col-period-end = สิ้นงวด
export-col-days = จำนวนวันในงวด
export-col-vat-rate-pct = อัตรา VAT %
export-col-sales-net = ยอดขายสุทธิ
export-col-sales-vat = VAT ขาย
export-col-returns-net = ยอดรับคืนสุทธิ
export-col-returns-vat = VAT รับคืน
export-col-vat-due = VAT ที่ต้องชำระ
export-col-rank = อันดับ
export-col-sku = SKU
export-col-name = ชื่อ
export-col-on-hand = คงเหลือ
export-col-on-hand-value = มูลค่าคงเหลือ
export-col-days-idle = จำนวนวันที่ไม่เคลื่อนไหว
export-col-last-sale = ขายครั้งล่าสุด
export-col-date = วันที่
export-col-doc-no = เอกสาร
export-col-channel = ช่องทาง
export-col-buyer = ผู้ซื้อ
export-col-buyer-name = ชื่อผู้ซื้อ
export-col-refers-to = อ้างอิง
export-col-restock = นำกลับเข้าสต็อก
export-col-status = สถานะ
export-col-line-no = บรรทัด
export-col-unit = หน่วย
export-col-qty = จำนวน
export-col-qty-base = จำนวน (หน่วยฐาน)
export-col-net = สุทธิ
export-col-vat = VAT
export-col-gross = รวม
export-col-supplier = ผู้จำหน่าย
export-col-unit-cost = ต้นทุนต่อหน่วย (ต่อหน่วยฐาน)
export-col-value = มูลค่า
export-col-base-unit = หน่วยฐาน
export-col-avg-cost = ต้นทุนเฉลี่ย
export-col-current = ยังไม่ถึงกำหนด
export-col-days-1-30 = 1-30 วัน
export-col-days-31-60 = 31-60 วัน
export-col-days-61-90 = 61-90 วัน
export-col-days-over-90 = เกิน 90 วัน
export-col-credit = เครดิต

## The A4 invoice and credit note (PDF)
invoice-title = ใบกำกับภาษี
invoice-credit-note-title = ใบลดหนี้
invoice-seller = ผู้ขาย
invoice-buyer = ผู้ซื้อ
invoice-buyer-code = รหัสลูกค้า
invoice-tax-number = เลขประจำตัวผู้เสียภาษี
invoice-number = เลขที่ใบกำกับภาษี
invoice-credit-note-number = เลขที่ใบลดหนี้
invoice-refers-to = อ้างถึงใบกำกับภาษี
invoice-issue-date = วันที่ออก
invoice-due-date = วันครบกำหนด
invoice-terms = เงื่อนไขการชำระเงิน
invoice-terms-cash = เงินสด
invoice-terms-net = สุทธิ { $days } วัน
invoice-terms-eom = สิ้นเดือน + { $days } วัน
invoice-col-no = ลำดับ
invoice-col-sku = รหัสสินค้า
invoice-col-description = รายการ
invoice-col-unit = หน่วย
invoice-col-qty = จำนวน
invoice-col-price = ราคาต่อหน่วย
invoice-col-vat-rate = ภาษี %
invoice-col-net = มูลค่าก่อนภาษี
invoice-vat-summary = ภาษีมูลค่าเพิ่มตามอัตรา
invoice-vat-rate = อัตรา
invoice-taxable = มูลค่าที่ต้องเสียภาษี
invoice-vat = ภาษีมูลค่าเพิ่ม
invoice-total-net = รวมมูลค่าก่อนภาษี
invoice-total-vat = รวมภาษีมูลค่าเพิ่ม
invoice-total-gross = รวมทั้งสิ้น { $currency }
invoice-page = หน้า { $page } จาก { $pages }
invoice-amount-in-words = จำนวนเงินเป็นตัวอักษร
cli-invoice-written = บันทึก { $doc_no } ลงใน { $path } แล้ว ({ $bytes } ไบต์)

error-sync-not-configured = อุปกรณ์นี้ยังไม่ได้ลงทะเบียนกับบัญชีบนคลาวด์: ให้รัน `onebook sync register` ก่อน
error-cloud = บัญชีบนคลาวด์ปฏิเสธหรือเชื่อมต่อไม่ได้: { $detail }
error-series-prefix-taken = อุปกรณ์อื่นของ { $tenant } ใช้คำนำหน้าชุดเลขเอกสาร { $prefix } อยู่แล้ว: ให้กำหนดคำนำหน้าของอุปกรณ์นี้เอง
error-already-registered = อุปกรณ์นี้ลงทะเบียนกับ { $tenant } แล้ว
cli-sync-registered = ลงทะเบียนกับ { $tenant } บน { $server } ด้วยชุดเลข { $prefix } แล้ว; มีประวัติ { $entries } รายการรอส่ง
cli-sync-status = บัญชีคลาวด์ { $tenant } ที่ { $server }: รอส่ง { $pending } รายการ, ซิงก์ล่าสุด { $last }, ข้อขัดแย้งที่ยังเปิด { $conflicts } รายการ
cli-sync-last-error = ข้อผิดพลาดล่าสุด: { $error }
cli-sync-once = ส่งแล้ว { $pushed }, ดึงแล้ว { $pulled }
cli-sync-offline = ออฟไลน์ ({ $error }); จะลองใหม่ใน { $ms } มิลลิวินาที
cli-sync-no-conflicts = ไม่มีข้อขัดแย้ง
cli-sync-conflict = { $kind } { $sku } { $doc_no }: คงเหลือ { $balance } ({ $open })
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = สรุปประจำเดือน
month-pdf-chart = ยอดขายรายวันแยกตามช่องทาง (ไม่รวมภาษีมูลค่าเพิ่ม, { $currency })

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = รายการยกเลิก
cli-void-recorded = บันทึกการยกเลิกแล้ว: { $lines } รายการ, { $amount } ({ $reason })
error-quota-exceeded = { $sku }: เครื่องขายนี้ออฟไลน์อยู่ ขายได้เฉพาะในโควตา { $quota } { $base_unit } (ขายแล้ว { $used }); ขอ { $requested }
error-held-for-other-tills = { $sku }: สต็อก { $on_hand } { $base_unit } มี { $held } ที่กันไว้ให้โควตาของเครื่องขายอื่น; ขอ { $requested }
cli-sync-quota = โควตา { $sku } ของเครื่องขาย { $till }: { $qty } { $base_unit } (ใช้ไป { $used })
# The buyer statement (src/statement.rs).
statement-title = ใบแจ้งยอดบัญชี
statement-tax-number = เลขประจำตัวผู้เสียภาษี { $number }
statement-period = งวด { $from } ถึง { $to }
statement-currency = จำนวนเงินเป็น { $currency }
statement-col-date = วันที่
statement-col-document = เอกสาร
statement-col-due = ครบกำหนด
statement-col-debit = เดบิต
statement-col-credit = เครดิต
statement-col-balance = ยอดคงเหลือ
statement-opening = ยอดยกมา
statement-closing = ยอดยกไป ({ $currency })
statement-overdue = ในจำนวนนี้เกินกำหนด
statement-kind-invoice = ใบแจ้งหนี้
statement-kind-credit-note = ใบลดหนี้
statement-kind-payment = รับชำระ
cli-statement-written = เขียนใบแจ้งยอดไปที่ { $path } แล้ว ({ $bytes } ไบต์)
error-no-rate = { $field }: ไม่มีอัตราแลกเปลี่ยนของ { $currency } ในหรือก่อนวันที่ { $date }; เจ้าของร้านบันทึกได้ด้วย `onebook rate set`
cli-rate = { $currency }: { $rate } ตั้งแต่ { $day }
receipt-foreign-cash =   { $currency } { $amount } อัตรา { $rate }
error-wrong-pin = PIN ของ { $username } ไม่ถูกต้อง; เหลือ { $attempts_left } ครั้งก่อนถูกล็อก
error-sign-in-locked = { $username } ถูกล็อกถึง { $until } เพราะใส่ PIN ผิดหลายครั้ง
error-no-pin = { $username } ยังไม่มี PIN: ให้เจ้าของร้านตั้งให้
cli-pin-set = ตั้ง PIN ให้ { $username } แล้ว
cli-signed-in = { $username } เข้าสู่ระบบแล้ว

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = เคาน์เตอร์ขายส่ง
counter-buyer = ลูกค้า
counter-credit-limit = วงเงินเครดิต
counter-code = บาร์โค้ดหรือรหัสสินค้า
counter-add = เพิ่มรายการ
counter-hint = Enter ที่ช่องรหัสแสดงสินค้าและสต็อก · Enter ที่ช่องจำนวนเพิ่มรายการ · F4 ออกใบแจ้งหนี้ · F6 จุดขาย, F7 ขายส่ง, F8 รับคืน
counter-empty = เลือกลูกค้าแล้วเพิ่มสินค้าที่จะออกใบแจ้งหนี้
counter-post = ออกใบแจ้งหนี้ (F4)
counter-issued = ออกใบแจ้งหนี้ { $doc_no } แล้ว: รวม { $gross } { $currency }
returns-title = รับคืนสินค้า
returns-doc = เลขที่ใบเสร็จหรือใบแจ้งหนี้
returns-find = ค้นหา
returns-not-returnable = { $doc_no } ไม่ใช่การขายหรือใบแจ้งหนี้: ไม่มีสิ่งที่คืนได้
returns-sold = ขายไป
returns-qty = จำนวนที่คืน
returns-restock = นำกลับขึ้นชั้น (ไม่เลือก: ชำรุด ตัดจำหน่าย)
returns-restock-wholesale = รอรับกลับเข้าสต็อก (ไม่เลือก: ตัดจำหน่าย)
returns-post = บันทึกการรับคืน
returns-done = บันทึกการรับคืน { $doc_no } แล้ว: { $gross } { $currency }
sync-not-connected = ไม่ได้เชื่อมต่อ
sync-synced = ซิงค์แล้ว
sync-pending = รอซิงค์ { $count } รายการ
sync-offline = ออฟไลน์: { $error }
sync-conflicts = ข้อขัดแย้ง { $count } รายการ

## The catalog
catalog-title = รายการสินค้า
catalog-search = ค้นหา
catalog-search-hint = ชื่อ รหัสสินค้า หรือบาร์โค้ด
catalog-count = { $count } รายการ
catalog-sku = รหัสสินค้า
catalog-name = ชื่อ
catalog-price = ราคาขายปลีก

## The month view
month-title = รายเดือน
month-pick = เดือน
month-show = แสดง
month-export = ส่งออก { $format }
month-export-progress = กำลังเขียน { $part }: { $done } / { $total } แถว
month-written = เขียนชุดข้อมูลประจำเดือนแล้ว: { $path }
month-chart = ยอดขายรายวันแยกตามช่องทาง
month-chart-top = ค่าสูงสุดของกราฟ: { $top }
## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }: ขอ { $requested } { $base_unit } แต่จากสต็อก { $on_hand } มี { $reserved } ที่จองไว้ให้คำสั่งซื้อที่ยังเปิดอยู่ และ { $reserve } ที่กันไว้สำหรับขายส่ง: ใช้ได้ { $available }
error-over-delivery = { $field }: { $sku } บรรทัด { $line } ของ { $doc_no }: สั่ง { $ordered } ส่งแล้วหรือยกเลิกแล้ว { $delivered } ขอ { $requested }
error-order-closed = { $doc_no } ปิดแล้ว ({ $status }): ไม่มีอะไรเหลือให้ส่งหรือยกเลิก
error-quote-expired = { $field }: ใบเสนอราคา { $doc_no } หมดอายุเมื่อ { $valid_until }; ออกใบเสนอราคาใหม่ตามราคาวันนี้
error-quote-already-accepted = ใบเสนอราคา { $doc_no } ได้รับการยืนยันเป็นคำสั่งซื้อ { $order } แล้ว
stock-reserved-by-orders = จองไว้ให้คำสั่งซื้อที่เปิดอยู่
cli-quote-saved = ใบเสนอราคา { $doc_no } สำหรับ { $buyer }: { $gross } { $currency } ใช้ได้ถึง { $valid_until } ไม่จองสต็อก
cli-order-placed = คำสั่งซื้อ { $doc_no } สำหรับ { $buyer }: { $gross } { $currency } สต็อกถูกจองไว้จนกว่าจะส่งของ
cli-order-delivered = { $invoice } ส่งของตาม { $doc_no }: { $gross } { $currency } สถานะคำสั่งซื้อ: { $status }
cli-order-cancelled = ยกเลิกคำสั่งซื้อ { $doc_no } ({ $reason }): ปล่อยคืน { $released } หน่วยฐาน
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit } ราคา { $price }: เหลือ { $left } จาก { $ordered } { $base_unit }
order-status-open = เปิดอยู่
order-status-delivered = ส่งครบแล้ว
order-status-cancelled = ยกเลิก
order-status-quoted = เสนอราคาแล้ว
order-status-accepted = ยืนยันแล้ว
order-status-expired = หมดอายุ
