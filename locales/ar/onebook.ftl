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
cli-test-printed = أُرسلت صفحة الاختبار إلى { $device } ({ $bytes } بايت).
cli-scan-connected = الماسح { $port } متصل.
cli-scan-disconnected = انقطع الماسح { $port } ({ $detail })؛ في انتظار عودته.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit })، المتوفر { $on_hand }
cli-scan-unknown = { $code }: { $message }
