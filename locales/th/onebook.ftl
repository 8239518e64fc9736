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
cli-test-printed = ส่งหน้าทดสอบไปที่ { $device } แล้ว ({ $bytes } ไบต์)
cli-scan-connected = เชื่อมต่อเครื่องสแกน { $port } แล้ว
cli-scan-disconnected = เครื่องสแกน { $port } หลุดการเชื่อมต่อ ({ $detail }) กำลังรอให้กลับมา
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }) คงเหลือ { $on_hand }
cli-scan-unknown = { $code }: { $message }
