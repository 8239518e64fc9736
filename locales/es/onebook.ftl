# Mensajes de Onebook: español (mismos ids que el archivo de referencia en inglés).

## Errores (error-<code>), se muestran al usuario con el campo o la fila con el problema.
error-not-initialized = Esta base de datos aún no tiene tienda. Ejecute primero `onebook init`.
error-already-initialized = Esta base de datos ya está configurada para { $shop }.
error-database-too-new = Esta base de datos la creó una versión más reciente de Onebook (esquema { $found }; esta versión lee hasta el { $supported }). Actualice Onebook.
error-not-onebook-database = Este archivo no es una base de datos de Onebook ({ $detail }).
error-storage = No se pudo leer ni escribir la base de datos: { $detail }
error-busy = Otra caja está usando la base de datos. Intente de nuevo en un momento.
error-io = No se puede leer { $path }: { $detail }
error-invalid-input = { $field }: { $reason }
error-unknown-currency = { $field }: moneda desconocida { $value }.
error-unknown-time-zone = { $field }: zona horaria desconocida { $value } (por ejemplo, Asia/Dubai).
error-unknown-locale = { $field }: idioma no disponible { $value }.
error-unknown-user = No hay ningún usuario activo llamado { $username }.
error-duplicate-user = Ya existe un usuario llamado { $username }.
error-permission-denied = { $username } ({ $role }) no tiene permiso para: { $action }.
error-unknown-product = { $field }: no hay ningún producto con SKU { $sku }.
error-unknown-barcode = { $field }: el código de barras { $code } no está en el catálogo.
error-unknown-unit = { $field }: { $sku } no se vende por { $unit }.
error-bad-check-digit = { $field }: el código de barras { $code } tiene un dígito verificador incorrecto (debería terminar en { $expected }).
error-bad-barcode = { $field }: { $code } no es un código de barras (8, 12, 13 o 14 dígitos).
error-duplicate-barcode = { $field }: el código de barras { $code } ya pertenece a { $sku }.
error-duplicate-sku = { $field }: el SKU { $sku } aparece más de una vez.
error-unit-factor-changed = { $field }: { $unit } de { $sku } equivale a { $old_factor } unidades base y no puede cambiar a { $new_factor }.
error-no-price = { $field }: { $sku } no tiene precio de la lista { $list } para { $unit }.
error-qty-not-positive = { $field }: la cantidad debe ser mayor que cero (se recibió { $qty }).
error-fractional-base-qty = { $field }: { $qty } { $unit } equivale a { $base } { $base_unit }; solo se pueden vender cantidades enteras de { $base_unit }.
error-qty-too-large = { $field }: la cantidad { $qty } es demasiado grande.
error-amount-out-of-range = { $field }: el importe { $amount } está fuera de rango.
error-reserved-for-wholesale = { $sku } está reservado para mayoreo: { $on_hand } { $base_unit } en existencia, { $reserve } apartados para mayoreo, { $available } se pueden vender en caja (se pidieron { $requested }).
error-insufficient-stock = { $sku }: solo hay { $on_hand } { $base_unit } en existencia; se pidieron { $requested }.
error-unknown-document = { $field }: no existe el documento { $doc_no }.
error-wrong-document-kind = { $field }: { $doc_no } es de tipo { $found }, no { $expected }.
error-unknown-line = { $field }: { $doc_no } no tiene la línea { $line }.
error-product-not-on-document = { $field }: { $sku } no estaba en { $doc_no }.
error-over-return = { $field }: en la línea { $line } de { $doc_no } ({ $sku }) se vendieron { $sold } y ya se devolvieron { $returned }; no se pueden devolver { $requested } más.
error-not-to-receive = { $doc_no } no está pendiente de recepción (su estado es { $status }).
error-date-before-last-document = La fecha { $date } es anterior al último documento registrado ({ $last }).
error-unknown-customer = No hay ningún cliente con el código { $code }.
error-duplicate-customer = Ya existe un cliente con el código { $code }.
error-payment-short = Se pagó { $paid }, pero el total es { $total }.
error-non-cash-overpaid = Los pagos con tarjeta y monedero electrónico ({ $non_cash }) superan el total de { $total }; solo el efectivo da cambio.
error-no-lines = El documento no tiene líneas.
error-too-many-lines = Un documento puede tener como máximo { $max } líneas.
error-import-rejected = { $count } filas del archivo tienen errores; no se importó nada. Corríjalas o importe solo las filas correctas con --skip-bad.
error-disk-full = El disco está lleno: no se escribió nada y la última venta no quedó registrada. Libere espacio y vuelva a intentarlo; la caja sigue donde se detuvo.
error-database-corrupt = La base de datos { $path } está dañada ({ $detail }); Onebook no arrancará con ella. { $backup ->
    [none] No se encontró ninguna copia de seguridad: copie el archivo a un lugar seguro y pida ayuda.
   *[other] Restaure la última copia de seguridad buena con: onebook restore { $backup }
}
error-backup-invalid = No se puede restaurar { $path }: { $detail }

## Línea de comandos
cli-error = Error
cli-row-error = línea { $line }{ $column }: { $message }
cli-import-progress = { $phase } { $done } / { $total } filas
cli-phase-checking = Verificando
cli-phase-writing = Guardando
cli-import-done = Se importaron { $rows } filas: { $created } productos nuevos, { $updated } actualizados, { $skipped } omitidos.
cli-init-done = La tienda { $shop } está lista. Propietario: { $owner }. Base de datos: { $path }
cli-posted = Documento registrado: { $kind } { $doc_no }, total { $gross } { $currency }.
cli-post-failed = Documento { $index } rechazado: { $message }
cli-post-summary = { $ok } registrados, { $failed } rechazados.
cli-change-due = Cambio: { $change }
cli-user-added = Se agregó el usuario { $username } ({ $role }).
cli-buyer-added = Se agregó el cliente { $code }.
cli-demo-ready = Tienda de demostración lista: { $products } productos, { $documents } documentos. Base de datos: { $path }
cli-backup-done = Copia de seguridad { $path } creada y comprobada ({ $bytes } bytes, integridad correcta). { $kept } copias conservadas, { $removed } eliminadas por rotación.
cli-backup-last = Última copia de seguridad buena: { $path }, creada { $at }.
cli-backup-last-missing = Última copia de seguridad buena: { $path }, creada { $at }, pero el archivo ya no está.
cli-backup-none = Todavía no se ha hecho ninguna copia de seguridad.
cli-restore-done = Restaurado desde { $from }. { $aside ->
    [none] No había ninguna base de datos que apartar.
   *[other] La base de datos anterior se conserva como { $aside }.
}
cli-audit-ok = Registro de auditoría intacto: { $count } entradas, todos los hashes verificados.
cli-audit-broken = Registro de auditoría roto en la entrada { $seq } ({ $reason }).

## Tipos de documento
kind-sale = Venta
kind-invoice = Factura
kind-retail_return = Devolución en caja
kind-wholesale_return = Nota de crédito
kind-receipt = Entrada de mercancía
kind-count = Conteo de inventario

## Inventario
stock-title = { $sku } · { $name }
stock-on-hand = En existencia
stock-reserve = Apartado para mayoreo
stock-available-retail = Disponible en caja
stock-available-wholesale = Disponible para mayoreo
stock-reserved-flag = Apartado para mayoreo: no se puede vender en caja
stock-unlimited = sin límite (se permite inventario negativo)
stock-units = Unidades
stock-prices = Precios
stock-avg-cost = Costo promedio
stock-scanned = Unidad escaneada

## Reporte mensual
report-title = Reporte mensual { $month } · { $shop } · { $currency }
report-channel = Canal
report-retail = Menudeo
report-wholesale = Mayoreo
report-total = Total
report-orders = Ventas
report-gross-sales = Ventas brutas
report-returns = Devoluciones
report-net-sales = Ventas netas
report-cogs = Costo de ventas
report-gross-margin = Margen bruto
report-margin-pct = Margen %
report-return-rate = Tasa de devolución %
report-return-rate-qty = Tasa de devolución por cantidad %
report-aov = Ticket promedio
report-lines-per-order = Líneas por venta
report-inventory = Valor del inventario
report-inventory-start = Al inicio
report-inventory-end = Al cierre
report-inventory-average = Promedio
report-turnover-days = Días de rotación
report-vat = IVA por tasa
report-vat-rate = Tasa %
report-vat-due = IVA por pagar
report-slow-movers = Productos de baja rotación
report-days-idle = Días sin movimiento
report-aging = Antigüedad de cuentas por cobrar
report-none = ninguno

## Desktop app: the till
app-language = Idioma
till-title = Caja
till-scan = Escanee o escriba un código de barras o SKU
till-hint = Intro añade · 3*código añade tres · F2 o Intro en línea vacía cobra · Esc vuelve
till-item = Artículo
till-qty = Cant.
till-unit = Unidad
till-price = Precio
till-amount = Importe
till-empty = Escanee un producto para empezar una venta.
till-net = Neto
till-vat = IVA
till-total = Total
till-remove = Quitar
till-pay = Cobrar en efectivo (F2)
till-tendered = Efectivo entregado (vacío: exacto)
till-change = Cambio
till-commit = Registrar venta (Intro)
till-back = Volver (Esc)
till-sold = Venta { $doc_no } registrada: total { $gross } { $currency }
till-user = { $user } en { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = Comprador { $buyer }: un saldo de { $open } más esta factura de { $invoice } superaría el límite de crédito de { $limit }. Solo el dueño puede emitirla, indicando un motivo.
error-buyer-overdue = El comprador { $buyer } tiene { $overdue } vencido (saldo { $open }, límite de crédito { $limit }); no hay facturas nuevas hasta que pague, salvo que el dueño lo autorice con un motivo.
error-allocation-exceeds-open = { $field }: { $amount } es más que los { $open } pendientes de { $doc_no }.
error-order-rejected = { $count } líneas del pedido son incorrectas; no se creó ningún borrador. Corríjalas y vuelva a subirlo.
cli-payment-recorded = Pago { $pay_no } de { $buyer } registrado: { $amount }; sin aplicar { $unapplied }; saldo actual { $balance }.
cli-price-recorded = Precio registrado: { $scope } { $key }, { $sku } por { $unit } desde { $min_qty }: { $price }, vigente desde { $from }.
cli-buyer-updated = Comprador { $code } actualizado.
cli-aging-title = Antigüedad de cuentas por cobrar al { $at } ({ $currency })
cli-credit = crédito
cli-reorder-change = línea { $line } { $sku }: { $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }: { $date } es de { $month } y los libros están cerrados hasta { $closed_through }. Registre la corrección en el periodo abierto (hoy).
error-period-already-closed = { $field }: { $month } ya está cerrado (los libros están cerrados hasta { $closed_through }).
error-month-not-over = { $field }: { $month } aún no ha terminado; un mes se cierra cuando ha acabado.
error-day-already-closed = { $field }: el día { $day } de la caja { $device } ya está cerrado hasta su final ({ $doc_no }).
error-unknown-device = { $field }: { $device } no es esta caja (indique su prefijo de serie o su id de dispositivo).
cli-month-closed = Los libros están cerrados hasta { $month }: ya no se puede fechar nada antes de { $locked_before }.
z-title = Informe Z { $doc_no } · { $shop } · { $day }
z-covers = Caja { $device } · de { $from } a { $to } · cerrado por { $user } el { $at }
z-continues = Continúa { $doc_no }
z-sales = Ventas
z-tickets = Tickets
z-vat = de ello IVA
z-method = Medio de pago
z-method-cash = Efectivo
z-method-card = Tarjeta
z-method-ewallet = Monedero electrónico
z-refunds = Reembolsos
z-net = Neto
z-cash-tendered = Efectivo entregado
z-change = Cambio devuelto
z-returns = Devoluciones
z-buyer-cash = Pagos en efectivo de compradores
z-float = Fondo de caja inicial
z-expected = Efectivo esperado en caja
z-counted = Efectivo contado
z-difference = Diferencia
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = No se puede conectar con la impresora { $device } ({ $detail }). La venta queda registrada: imprima el ticket de nuevo cuando la impresora vuelva.
error-unprintable-text = { $field }: ni la página de códigos de la impresora ni ninguna fuente instalada pueden imprimir este texto { $script } ({ $text }); no se imprimió nada.
receipt-tax-number = NIF/IVA { $number }
receipt-sale = Ticket
receipt-date = Fecha
receipt-net = Neto
receipt-vat = IVA { $rate }% sobre { $net }
receipt-total = TOTAL { $currency }
receipt-cash = Efectivo
receipt-card = Tarjeta
receipt-ewallet = Monedero electrónico
receipt-change = Cambio
receipt-staff = Le atendió { $user }
receipt-thanks = Gracias por su compra
receipt-test-title = Impresión de prueba
receipt-test-columns = Este papel admite { $columns } columnas
cli-printed = Ticket { $doc_no } enviado a { $device } ({ $bytes } bytes).
cli-drawer-opened = Cajón de efectivo abierto.
cli-test-printed = Página de prueba enviada a { $device } ({ $bytes } bytes).
cli-scan-connected = Escáner { $port } conectado.
cli-scan-disconnected = El escáner { $port } se ha desconectado ({ $detail }); esperando a que vuelva.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }), { $on_hand } en existencia
cli-scan-unknown = { $code }: { $message }
