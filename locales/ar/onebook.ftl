# رسائل Onebook: العربية (المعرّفات نفسها الموجودة في الملف المرجعي الإنجليزي).

## الأخطاء (error-<code>)، تُعرض للمستخدم مع الحقل أو الصف الذي فيه الخطأ.
error-not-initialized = لا يوجد متجر في قاعدة البيانات هذه بعد. شغّل `onebook init` أولاً.
error-already-initialized = قاعدة البيانات هذه مُعدّة بالفعل للمتجر { $shop }.
error-database-too-new = أُنشئت قاعدة البيانات هذه بإصدار أحدث من Onebook (المخطط { $found }؛ هذا الإصدار يقرأ حتى { $supported }). حدّث Onebook.
error-not-onebook-database = هذا الملف ليس قاعدة بيانات Onebook ({ $detail }).
error-storage = تعذّرت القراءة من قاعدة البيانات أو الكتابة إليها: { $detail }
error-busy = جهاز كاشير آخر يستخدم قاعدة البيانات. حاول مرة أخرى بعد قليل.
error-io = تعذّرت قراءة { $path }: { $detail }
error-invalid-input = { $field }: { $reason }
error-unknown-currency = { $field }: عملة غير معروفة { $value }.
error-unknown-time-zone = { $field }: منطقة زمنية غير معروفة { $value } (مثال: Asia/Dubai).
error-unknown-locale = { $field }: لغة غير مدعومة { $value }.
error-unknown-user = لا يوجد مستخدم نشط باسم { $username }.
error-duplicate-user = يوجد مستخدم باسم { $username } بالفعل.
error-permission-denied = لا يملك { $username } ({ $role }) صلاحية: { $action }.
error-unknown-product = { $field }: لا يوجد منتج برمز SKU { $sku }.
error-unknown-barcode = { $field }: الباركود { $code } غير موجود في الكتالوج.
error-unknown-unit = { $field }: { $sku } لا يُباع بوحدة { $unit }.
error-bad-check-digit = { $field }: رقم التحقق في الباركود { $code } غير صحيح (يجب أن ينتهي بـ { $expected }).
error-bad-barcode = { $field }: { $code } ليس باركود (8 أو 12 أو 13 أو 14 رقمًا).
error-duplicate-barcode = { $field }: الباركود { $code } مسجّل بالفعل للصنف { $sku }.
error-duplicate-sku = { $field }: رمز SKU { $sku } مكرر.
error-unit-factor-changed = { $field }: وحدة { $unit } للصنف { $sku } تساوي { $old_factor } من الوحدة الأساسية ولا يمكن تغييرها إلى { $new_factor }.
error-no-price = { $field }: لا يوجد سعر { $list } للصنف { $sku } بوحدة { $unit }.
error-qty-not-positive = { $field }: يجب أن تكون الكمية أكبر من صفر (القيمة المُدخلة { $qty }).
error-fractional-base-qty = { $field }: { $qty } { $unit } تساوي { $base } { $base_unit }؛ لا يُباع { $base_unit } إلا بأعداد صحيحة.
error-qty-too-large = { $field }: الكمية { $qty } كبيرة جدًا.
error-amount-out-of-range = { $field }: المبلغ { $amount } خارج النطاق المسموح.
error-reserved-for-wholesale = { $sku } محجوز للجملة: المتوفر { $on_hand } { $base_unit }، المحجوز للجملة { $reserve }، المتاح للبيع في الكاشير { $available } (المطلوب { $requested }).
error-insufficient-stock = { $sku }: المتوفر { $on_hand } { $base_unit } فقط، والمطلوب { $requested }.
error-unknown-document = { $field }: لا يوجد مستند { $doc_no }.
error-wrong-document-kind = { $field }: المستند { $doc_no } من نوع { $found } وليس { $expected }.
error-unknown-line = { $field }: لا يوجد سطر رقم { $line } في { $doc_no }.
error-product-not-on-document = { $field }: الصنف { $sku } غير موجود في { $doc_no }.
error-over-return = { $field }: السطر { $line } من { $doc_no } ({ $sku }): المُباع { $sold }، والمُرتجع سابقًا { $returned }؛ لا يمكن إرجاع { $requested } إضافية.
error-not-to-receive = المستند { $doc_no } ليس بانتظار الاستلام (حالته: { $status }).
error-date-before-last-document = التاريخ { $date } يسبق آخر مستند مسجّل ({ $last }).
error-unknown-customer = لا يوجد عميل بالرمز { $code }.
error-duplicate-customer = يوجد عميل بالرمز { $code } بالفعل.
error-payment-short = المدفوع { $paid }، لكن الإجمالي { $total }.
error-non-cash-overpaid = مدفوعات البطاقة والمحفظة الإلكترونية ({ $non_cash }) تتجاوز الإجمالي { $total }؛ الباقي يُرد من النقد فقط.
error-no-lines = المستند لا يحتوي على أي سطر.
error-too-many-lines = الحد الأقصى لعدد الأسطر في المستند: { $max }.
error-import-rejected = عدد الصفوف الخاطئة في الملف: { $count }؛ لم يُستورد أي شيء. صحّحها، أو استورد الصفوف السليمة فقط باستخدام --skip-bad.
error-disk-full = القرص ممتلئ: لم يُكتب أي شيء ولم تُسجَّل آخر عملية بيع. حرّر بعض المساحة ثم حاول مرة أخرى؛ يستأنف الصندوق من حيث توقف.
error-database-corrupt = قاعدة البيانات { $path } تالفة ({ $detail })؛ لن يعمل Onebook عليها. { $backup ->
    [none] لم يُعثر على نسخة احتياطية: انسخ الملف إلى مكان آمن واطلب المساعدة.
   *[other] استعد آخر نسخة احتياطية سليمة بالأمر: onebook restore { $backup }
    }
error-backup-invalid = لا يمكن الاستعادة من { $path }: { $detail }

## سطر الأوامر
cli-error = خطأ
cli-row-error = السطر { $line }{ $column }: { $message }
cli-import-progress = { $phase } { $done } / { $total } صف
cli-phase-checking = جارٍ التحقق
cli-phase-writing = جارٍ الحفظ
cli-import-done = تم استيراد الصفوف: { $rows }. منتجات جديدة: { $created }، محدَّثة: { $updated }، متجاوَزة: { $skipped }.
cli-init-done = تم إعداد المتجر { $shop }. المالك: { $owner }. قاعدة البيانات: { $path }
cli-posted = تم تسجيل { $kind } { $doc_no }: الإجمالي { $gross } { $currency }.
cli-post-failed = رُفض المستند { $index }: { $message }
cli-post-summary = المسجّلة: { $ok }، المرفوضة: { $failed }.
cli-change-due = الباقي: { $change }
cli-user-added = تمت إضافة المستخدم { $username } ({ $role }).
cli-buyer-added = تمت إضافة العميل { $code }.
cli-demo-ready = المتجر التجريبي جاهز: المنتجات { $products }، المستندات { $documents }. قاعدة البيانات: { $path }
cli-backup-done = أُنشئت النسخة الاحتياطية { $path } وفُحصت ({ $bytes } بايت، السلامة جيدة). أُبقي على { $kept } نسخ، وحُذفت { $removed } بالتدوير.
cli-backup-last = آخر نسخة احتياطية سليمة: { $path }، أُنشئت في { $at }.
cli-backup-last-missing = آخر نسخة احتياطية سليمة: { $path }، أُنشئت في { $at }، لكن الملف لم يعد موجودًا.
cli-backup-none = لم تُنشأ أي نسخة احتياطية بعد.
cli-restore-done = تمت الاستعادة من { $from }. { $aside ->
    [none] لم تكن هناك قاعدة بيانات للاحتفاظ بها.
   *[other] حُفظت قاعدة البيانات السابقة باسم { $aside }.
    }
cli-audit-ok = سجل التدقيق سليم: { $count } قيود، وتم التحقق من كل التجزئات.
cli-audit-broken = سجل التدقيق منقطع عند القيد { $seq } ({ $reason }).

## أنواع المستندات
kind-sale = بيع
kind-invoice = فاتورة
kind-retail_return = مرتجع تجزئة
kind-wholesale_return = إشعار دائن
kind-receipt = استلام بضاعة
kind-count = جرد المخزون

## المخزون
stock-title = { $sku } · { $name }
stock-on-hand = المتوفر
stock-reserve = محجوز للجملة
stock-available-retail = متاح في الكاشير
stock-available-wholesale = متاح للجملة
stock-reserved-flag = محجوز للجملة: لا يمكن بيعه في الكاشير
stock-unlimited = بلا حد (يُسمح بالمخزون السالب)
stock-units = الوحدات
stock-prices = الأسعار
stock-avg-cost = متوسط التكلفة
stock-scanned = الوحدة الممسوحة

## التقرير الشهري
report-title = التقرير الشهري { $month } · { $shop } · { $currency }
report-channel = القناة
report-retail = التجزئة
report-wholesale = الجملة
report-total = الإجمالي
report-orders = الطلبات
report-gross-sales = إجمالي المبيعات
report-returns = المرتجعات
report-net-sales = صافي المبيعات
report-cogs = تكلفة البضاعة المباعة
report-gross-margin = مجمل الربح
report-margin-pct = هامش الربح %
report-return-rate = نسبة المرتجعات %
report-return-rate-qty = نسبة المرتجعات حسب الكمية %
report-aov = متوسط قيمة الطلب
report-lines-per-order = الأسطر لكل طلب
report-inventory = قيمة المخزون
report-inventory-start = في البداية
report-inventory-end = في النهاية
report-inventory-average = المتوسط
report-turnover-days = أيام دوران المخزون
report-vat = ضريبة القيمة المضافة حسب النسبة
report-vat-rate = النسبة %
report-vat-due = ضريبة القيمة المضافة المستحقة
report-slow-movers = أصناف بطيئة الحركة
report-days-idle = أيام بلا حركة
report-aging = أعمار الذمم المدينة
report-none = لا يوجد

## Desktop app: the till
app-language = اللغة
till-title = نقطة البيع
till-scan = امسح أو اكتب الباركود أو رمز الصنف
till-hint = Enter للإضافة · 3*الرمز لإضافة ثلاثة · F2 أو Enter على سطر فارغ للدفع · Esc للرجوع
till-item = الصنف
till-qty = الكمية
till-unit = الوحدة
till-price = السعر
till-amount = المبلغ
till-empty = امسح منتجًا لبدء عملية بيع.
till-net = الصافي
till-vat = ضريبة القيمة المضافة
till-total = الإجمالي
till-remove = حذف
till-pay = الدفع نقدًا (F2)
till-tendered = النقد المستلم (فارغ: المبلغ بالضبط)
till-change = الباقي
till-commit = تسجيل البيع (Enter)
till-back = رجوع (Esc)
till-sold = تم تسجيل البيع { $doc_no }: الإجمالي { $gross } { $currency }
till-user = { $user } في { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = المشتري { $buyer }: الرصيد { $open } مع هذه الفاتورة بقيمة { $invoice } سيتجاوز حد الائتمان { $limit }. لا يصدرها إلا المالك مع ذكر السبب.
error-buyer-overdue = على المشتري { $buyer } مبلغ { $overdue } متأخر (الرصيد { $open }، حد الائتمان { $limit })؛ لا فواتير جديدة حتى يسدد، إلا إذا سمح المالك مع ذكر السبب.
error-allocation-exceeds-open = { $field }: المبلغ { $amount } أكبر من { $open } المتبقي على { $doc_no }.
error-order-rejected = { $count } من أسطر طلب الشراء غير صحيحة؛ لم تُنشأ أي مسودة. صححها وارفع الملف مرة أخرى.
cli-payment-recorded = تم تسجيل الدفعة { $pay_no } من { $buyer }: { $amount }؛ غير مخصص { $unapplied }؛ الرصيد الآن { $balance }.
cli-price-recorded = تم تسجيل السعر: { $scope } { $key }، { $sku } لكل { $unit } ابتداءً من { $min_qty }: { $price }، ساري من { $from }.
cli-buyer-updated = تم تحديث المشتري { $code }.
cli-aging-title = أعمار الذمم المدينة في { $at } ({ $currency })
cli-credit = رصيد دائن
cli-reorder-change = السطر { $line } { $sku }: { $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }: التاريخ { $date } يقع في { $month }، والدفاتر مقفلة حتى { $closed_through }. سجّل التصحيح في الفترة المفتوحة (اليوم).
error-period-already-closed = { $field }: الشهر { $month } مقفل بالفعل (الدفاتر مقفلة حتى { $closed_through }).
error-month-not-over = { $field }: الشهر { $month } لم ينته بعد؛ لا يُقفل الشهر إلا بعد انتهائه.
error-day-already-closed = { $field }: يوم { $day } للصندوق { $device } مقفل بالفعل حتى نهايته ({ $doc_no }).
error-unknown-device = { $field }: { $device } ليس هذا الصندوق (أدخل بادئة السلسلة أو معرّف الجهاز).
cli-month-closed = الدفاتر مقفلة حتى { $month }: لا يمكن بعد الآن تسجيل أي تاريخ قبل { $locked_before }.
z-title = تقرير Z رقم { $doc_no } · { $shop } · { $day }
z-covers = الصندوق { $device } · من { $from } إلى { $to } · أقفله { $user } في { $at }
z-continues = استمرار لـ { $doc_no }
z-sales = المبيعات
z-tickets = الإيصالات
z-vat = منها ضريبة القيمة المضافة
z-method = طريقة الدفع
z-method-cash = نقدًا
z-method-card = بطاقة
z-method-ewallet = محفظة إلكترونية
z-refunds = المبالغ المستردة
z-net = الصافي
z-cash-tendered = النقد المستلم
z-change = الباقي المُعاد
z-returns = المرتجعات
z-buyer-cash = دفعات المشترين نقدًا
z-float = رصيد الافتتاح في الدرج
z-expected = النقد المتوقع في الدرج
z-counted = النقد المعدود
z-difference = الفرق
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = لا يمكن الوصول إلى الطابعة { $device } ({ $detail }). البيع محفوظ: اطبع الإيصال مرة أخرى عند عودة الطابعة.
error-printer-out-of-paper = نفد الورق في الطابعة { $device }. تم حفظ عملية البيع: ضع لفافة جديدة ثم اطبع الإيصال مرة أخرى.
error-no-device = { $field }: لم يتم تعيين { $kind ->
    [printer] طابعة إيصالات
   *[other] ماسح ضوئي
    } لهذه النقطة. حدده (--to / --port) أو اطلب من المالك ضبطه بالأمر `onebook devices set`.
error-unprintable-text = { $field }: لا تستطيع صفحة الترميز في الطابعة ولا أي خط مثبت طباعة نص { $script } هذا ({ $text })؛ لم يُطبع شيء.
receipt-tax-number = الرقم الضريبي { $number }
receipt-sale = إيصال
receipt-date = التاريخ
receipt-net = الصافي
receipt-vat = ضريبة القيمة المضافة { $rate }% على { $net }
receipt-total = الإجمالي { $currency }
receipt-cash = نقدًا
receipt-card = بطاقة
receipt-ewallet = محفظة إلكترونية
receipt-change = الباقي
receipt-staff = خدمكم { $user }
receipt-thanks = شكرًا لزيارتكم
receipt-test-title = طباعة تجريبية
receipt-test-columns = يتسع هذا الورق لـ { $columns } عمودًا
cli-printed = أُرسل الإيصال { $doc_no } إلى { $device } ({ $bytes } بايت).
cli-drawer-opened = فُتح درج النقود.
cli-paper-low = تشير الطابعة إلى أن لفافة الورق أوشكت على النفاد: استبدلها قريباً.
cli-devices-printer = طابعة إيصالات USB: { $address } { $what }
cli-devices-serial = منفذ تسلسلي: { $path } { $what }
cli-devices-none = لم يُعثر على منفذ تسلسلي أو طابعة إيصالات USB.
cli-products-page = { $from }–{ $to } من { $total } منتج
cli-devices-unset = (غير محدد)
cli-devices-on = تشغيل
cli-devices-off = إيقاف
cli-devices-station = طابعة الإيصالات: { $printer }
    الورق: { $paper } مم
    درج النقود بعد البيع النقدي: { $drawer }
    لغة الإيصال: { $locale }
    الماسح: { $scanner }
cli-test-printed = أُرسلت صفحة الاختبار إلى { $device } ({ $bytes } بايت).
cli-scan-connected = الماسح { $port } متصل.
cli-scan-disconnected = انقطع الماسح { $port } ({ $detail })؛ في انتظار عودته.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit })، المتوفر { $on_hand }
cli-scan-unknown = { $code }: { $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }: { $value } ليس شهرًا. اكتبه بالصيغة YYYY-MM، مثل 2026-03.
error-unknown-export-format = { $field }: { $value } ليست صيغة تصدير (xlsx أو csv أو pdf).
error-export-not-writable = { $field }: تعذّرت كتابة التصدير في { $path }: { $detail }
cli-export-progress = جارٍ تصدير { $part }: { $done } / { $total } صف
cli-export-done = تمت كتابة حزمة الشهر { $month } في { $path }: { $parts } أجزاء، { $rows } صف.
export-part-summary = الملخص
export-part-vat = ضريبة القيمة المضافة حسب النسبة
export-part-slow-movers = الأصناف بطيئة الحركة
export-part-sales-journal = يومية المبيعات
export-part-returns-journal = يومية المرتجعات
export-part-receipts = استلام البضائع
export-part-stock-valuation = تقييم المخزون
export-part-receivables-aging = أعمار الذمم المدينة
export-col-figure = المؤشر (مفتاح)
export-col-label = المؤشر
export-col-retail = التجزئة
export-col-wholesale = الجملة
export-col-total = الإجمالي
export-col-orders = الطلبات
export-col-lines = البنود
export-col-gross-sales = إجمالي المبيعات (دون الضريبة)
export-col-returns = المرتجعات (دون الضريبة)
export-col-net-sales = صافي المبيعات
export-col-cogs = تكلفة البضاعة المباعة
export-col-gross-margin = مجمل الربح
export-col-margin-pct = نسبة الربح %
export-col-return-rate-pct = نسبة المرتجعات بالقيمة %
export-col-sold-qty-base = الكمية المباعة (وحدات أساسية)
export-col-returned-qty-base = الكمية المرتجعة (وحدات أساسية)
export-col-return-rate-qty-pct = نسبة المرتجعات بالكمية %
export-col-average-order-value = متوسط قيمة الطلب
export-col-lines-per-order = البنود لكل طلب
export-col-inventory-value-start = قيمة المخزون في البداية
export-col-inventory-value-end = قيمة المخزون في النهاية
export-col-inventory-value-average = متوسط قيمة المخزون
export-col-turnover-days = أيام دوران المخزون
export-col-shop = المتجر
export-col-month = الشهر
export-col-currency = العملة
export-col-time-zone = المنطقة الزمنية
export-col-period-start = بداية الفترة
export-col-period-end = نهاية الفترة
export-col-days = أيام الفترة
export-col-vat-rate-pct = نسبة الضريبة %
export-col-sales-net = صافي المبيعات
export-col-sales-vat = ضريبة المبيعات
export-col-returns-net = صافي المرتجعات
export-col-returns-vat = ضريبة المرتجعات
export-col-vat-due = الضريبة المستحقة
export-col-rank = الترتيب
export-col-sku = رمز الصنف
export-col-name = الاسم
export-col-on-hand = الكمية المتوفرة
export-col-on-hand-value = قيمة المتوفر
export-col-days-idle = أيام بلا حركة
export-col-last-sale = آخر بيع
export-col-date = التاريخ
export-col-doc-no = المستند
export-col-channel = القناة
export-col-buyer = المشتري
export-col-buyer-name = اسم المشتري
export-col-refers-to = يشير إلى
export-col-restock = أعيد للمخزون
export-col-status = الحالة
export-col-line-no = البند
export-col-unit = الوحدة
export-col-qty = الكمية
export-col-qty-base = الكمية (وحدات أساسية)
export-col-net = الصافي
export-col-vat = الضريبة
export-col-gross = الإجمالي
export-col-supplier = المورد
export-col-unit-cost = تكلفة الوحدة (لكل وحدة أساسية)
export-col-value = القيمة
export-col-base-unit = الوحدة الأساسية
export-col-avg-cost = متوسط التكلفة
export-col-current = غير مستحق
export-col-days-1-30 = 1-30 يومًا
export-col-days-31-60 = 31-60 يومًا
export-col-days-61-90 = 61-90 يومًا
export-col-days-over-90 = أكثر من 90 يومًا
export-col-credit = رصيد دائن

## The A4 invoice and credit note (PDF)
invoice-title = فاتورة ضريبية
invoice-credit-note-title = إشعار دائن
invoice-seller = البائع
invoice-buyer = المشتري
invoice-buyer-code = رمز العميل
invoice-tax-number = الرقم الضريبي
invoice-number = رقم الفاتورة
invoice-credit-note-number = رقم الإشعار الدائن
invoice-refers-to = عن الفاتورة
invoice-issue-date = تاريخ الإصدار
invoice-due-date = تاريخ الاستحقاق
invoice-terms = شروط الدفع
invoice-terms-cash = نقدًا
invoice-terms-net = صافي { $days } يومًا
invoice-terms-eom = نهاية الشهر + { $days } يومًا
invoice-col-no = م
invoice-col-sku = رمز الصنف
invoice-col-description = الوصف
invoice-col-unit = الوحدة
invoice-col-qty = الكمية
invoice-col-price = سعر الوحدة
invoice-col-vat-rate = الضريبة %
invoice-col-net = الصافي
invoice-vat-summary = الضريبة حسب النسبة
invoice-vat-rate = النسبة
invoice-taxable = المبلغ الخاضع للضريبة
invoice-vat = ضريبة القيمة المضافة
invoice-total-net = إجمالي الصافي
invoice-total-vat = إجمالي الضريبة
invoice-total-gross = الإجمالي { $currency }
invoice-page = صفحة { $page } من { $pages }
invoice-amount-in-words = المبلغ كتابةً
cli-invoice-written = كُتبت { $doc_no } في { $path } ({ $bytes } بايت).

error-sync-not-configured = هذا الجهاز غير مسجّل في دفتر سحابي: شغّل `onebook sync register` أولاً.
error-cloud = رفض الدفتر السحابي الطلب أو تعذّر الوصول إليه: { $detail }
error-series-prefix-taken = جهاز آخر لدى { $tenant } يرقّم مستنداته ببادئة السلسلة { $prefix }: أعطِ هذا الجهاز بادئة خاصة به.
error-already-registered = هذا الجهاز مسجّل بالفعل لدى { $tenant }.
cli-sync-registered = تم التسجيل لدى { $tenant } على { $server } بالسلسلة { $prefix }؛ { $entries } قيدًا من السجل بانتظار الإرسال.
cli-sync-status = الدفتر السحابي { $tenant } على { $server }: { $pending } قيدًا بانتظار الإرسال، آخر مزامنة { $last }، { $conflicts } تعارضات مفتوحة.
cli-sync-last-error = آخر خطأ: { $error }
cli-sync-once = أُرسل { $pushed }، وسُحب { $pulled }.
cli-sync-offline = غير متصل ({ $error })؛ إعادة المحاولة بعد { $ms } ملّي ثانية.
cli-sync-no-conflicts = لا توجد تعارضات.
cli-sync-conflict = { $kind } { $sku } { $doc_no }: الرصيد { $balance } ({ $open })
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = ملخص الشهر
month-pdf-chart = المبيعات اليومية حسب القناة (دون ضريبة القيمة المضافة، { $currency })

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = الإلغاءات
cli-void-recorded = سُجّل الإلغاء: { $lines } بند، { $amount } ({ $reason }).
error-quota-exceeded = { $sku }: هذا الصندوق غير متصل ولا يبيع إلا ضمن حصته البالغة { $quota } { $base_unit } (بيع { $used })؛ المطلوب { $requested }.
error-held-for-other-tills = { $sku }: من أصل { $on_hand } { $base_unit } في المخزون، { $held } محجوزة لحصص صناديق أخرى؛ المطلوب { $requested }.
cli-sync-quota = حصة { $sku } للصندوق { $till }: { $qty } { $base_unit } (المستخدم { $used }).
# The buyer statement (src/statement.rs).
statement-title = كشف حساب
statement-tax-number = الرقم الضريبي { $number }
statement-period = الفترة من { $from } إلى { $to }
statement-currency = المبالغ بعملة { $currency }
statement-col-date = التاريخ
statement-col-document = المستند
statement-col-due = الاستحقاق
statement-col-debit = مدين
statement-col-credit = دائن
statement-col-balance = الرصيد
statement-opening = الرصيد المرحّل من قبل
statement-closing = الرصيد المرحّل ({ $currency })
statement-overdue = منها متأخر السداد
statement-kind-invoice = فاتورة
statement-kind-credit-note = إشعار دائن
statement-kind-payment = دفعة
cli-statement-written = كُتب كشف الحساب في { $path } ({ $bytes } بايت).
error-no-rate = { $field }: لا يوجد سعر صرف لـ { $currency } في { $date } أو قبله؛ يسجّله المالك بالأمر `onebook rate set`.
cli-rate = { $currency }: { $rate } اعتبارًا من { $day }
receipt-foreign-cash =   { $currency } { $amount } بسعر { $rate }
error-wrong-pin = رمز PIN خاطئ لـ { $username }؛ بقيت { $attempts_left } محاولات قبل القفل.
error-sign-in-locked = { $username } مقفل حتى { $until } بعد محاولات PIN خاطئة كثيرة.
error-no-pin = ليس لدى { $username } رمز PIN بعد: يعيّنه المالك.
cli-pin-set = تم تعيين رمز PIN لـ { $username }.
cli-signed-in = سجّل { $username } الدخول.

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = كاونتر الجملة
counter-buyer = العميل
counter-credit-limit = حد الائتمان
counter-code = الباركود أو رمز الصنف
counter-add = إضافة بند
counter-hint = Enter في خانة الرمز يعرض الصنف ومخزونه · Enter في خانة الكمية يضيف البند · F4 يصدر الفاتورة · F6 نقطة البيع، F7 الجملة، F8 المرتجعات
counter-empty = اختر عميلًا وأضف الأصناف المراد فوترتها.
counter-post = إصدار الفاتورة (F4)
counter-issued = صدرت الفاتورة { $doc_no }: الإجمالي { $gross } { $currency }
returns-title = المرتجعات
returns-doc = رقم الإيصال أو الفاتورة
returns-find = بحث
returns-not-returnable = { $doc_no } ليس بيعًا ولا فاتورة: لا يوجد ما يُرتجع.
returns-sold = المُباع
returns-qty = كمية الإرجاع
returns-restock = إعادة إلى الرف (بدون تحديد: تالف، يُشطب)
returns-restock-wholesale = بانتظار الاستلام في المخزون (بدون تحديد: يُشطب)
returns-post = تسجيل الإرجاع
returns-done = سُجّل الإرجاع { $doc_no }: { $gross } { $currency }
sync-not-connected = غير متصل
sync-synced = تمت المزامنة
sync-pending = { $count } بانتظار المزامنة
sync-offline = غير متصل: { $error }
sync-conflicts = تعارضات: { $count }

## The catalog
catalog-title = الأصناف
catalog-search = بحث
catalog-search-hint = الاسم أو رمز الصنف أو الباركود
catalog-count = { $count } منتج
catalog-sku = رمز الصنف
catalog-name = الاسم
catalog-price = سعر التجزئة

## The month view
month-title = الشهر
month-pick = الشهر
month-show = عرض
month-export = تصدير { $format }
month-export-progress = جارٍ كتابة { $part }: { $done } / { $total } صف
month-written = تمت كتابة ملف الشهر: { $path }
month-chart = المبيعات اليومية حسب القناة
month-chart-top = أعلى الرسم: { $top }
## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }: المطلوب { $requested } { $base_unit }، لكن من أصل { $on_hand } في المخزون { $reserved } محجوزة لطلبات مفتوحة و{ $reserve } محفوظة للجملة: المتاح { $available }.
error-over-delivery = { $field }: { $sku } في السطر { $line } من { $doc_no }: المطلوب في الطلب { $ordered }، سُلّم أو أُلغي { $delivered }، والمطلوب الآن { $requested }.
error-order-closed = { $doc_no } مغلق ({ $status }): لم يبقَ شيء للتسليم أو الإلغاء.
error-quote-expired = { $field }: انتهت صلاحية عرض السعر { $doc_no } في { $valid_until }؛ أنشئ عرضًا جديدًا بأسعار اليوم.
error-quote-already-accepted = عرض السعر { $doc_no } قُبل من قبل كطلب { $order }.
stock-reserved-by-orders = محجوز لطلبات مفتوحة
cli-quote-saved = عرض السعر { $doc_no } للعميل { $buyer }: { $gross } { $currency }، صالح حتى { $valid_until }. لا يحجز مخزونًا.
cli-order-placed = الطلب { $doc_no } للعميل { $buyer }: { $gross } { $currency }. مخزونه محجوز حتى التسليم.
cli-order-delivered = { $invoice } يسلّم { $doc_no }: { $gross } { $currency }. حالة الطلب: { $status }.
cli-order-cancelled = أُلغي الطلب { $doc_no } ({ $reason }): حُرّرت { $released } وحدة أساسية.
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit } بسعر { $price }: المتبقي { $left } من { $ordered } { $base_unit }
order-status-open = مفتوح
order-status-delivered = مُسلَّم
order-status-cancelled = ملغى
order-status-quoted = معروض
order-status-accepted = مقبول
order-status-expired = منتهي الصلاحية
