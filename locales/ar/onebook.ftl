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
