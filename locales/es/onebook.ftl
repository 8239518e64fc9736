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
error-write-refused = El disco se negó a escribir ({ $detail }): está lleno, supera un límite de tamaño o está fallando. No se escribió nada y la última venta no quedó registrada. Libere espacio o revise el disco y vuelva a intentarlo; la caja sigue donde se quedó.
error-database-corrupt = La base de datos { $path } está dañada ({ $detail }); Onebook no arrancará con ella. { $backup ->
    [none] No se encontró ninguna copia de seguridad: copie el archivo a un lugar seguro y pida ayuda.
   *[other] Restaure la última copia de seguridad buena con: onebook restore { $backup }
    }
error-backup-invalid = No se puede restaurar { $path }: { $detail }
error-book-encrypted = El libro { $path } está cifrado: indique su frase de contraseña para abrirlo.
error-wrong-passphrase = Frase de contraseña incorrecta para { $path }: el libro sigue bloqueado.
error-already-encrypted = El libro { $path } ya está cifrado.
error-not-encrypted = El libro { $path } no está cifrado.
cli-passphrase-hint = Indique la frase de contraseña con ONEBOOK_PASSPHRASE o --passphrase-file ARCHIVO (- lee la entrada estándar), nunca en la línea de comandos.
cli-encrypt-done = El libro { $path } está cifrado ({ $documents } documentos comprobados). Guarde la frase de contraseña en un lugar seguro, por ejemplo un sobre cerrado: sin ella nadie puede abrir los libros, ni siquiera Onebook.
cli-decrypt-done = El libro { $path } vuelve a ser un archivo sin cifrar ({ $documents } documentos comprobados).
cli-passphrase-changed = La frase de contraseña de { $path } ha cambiado ({ $documents } documentos comprobados). Las copias de seguridad anteriores solo se abren con la antigua.
cli-plain-backups = Estas copias de seguridad no están cifradas y cualquiera con el disco puede leerlas; bórrelas cuando tenga una copia nueva: { $files }

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
error-printer-out-of-paper = La impresora { $device } se quedó sin papel. La venta está guardada: ponga un rollo nuevo e imprima el ticket otra vez.
error-no-device = { $field }: esta caja no tiene { $kind ->
    [printer] impresora de tickets
   *[other] escáner
    } configurado. Indique uno (--to / --port) o pida al dueño que lo configure con `onebook devices set`.
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
cli-paper-low = La impresora indica que el rollo de papel está por acabarse: cámbielo pronto.
cli-devices-printer = Impresora de tickets USB: { $address } { $what }
cli-devices-serial = Puerto serie: { $path } { $what }
cli-devices-none = No se encontró ningún puerto serie ni impresora de tickets USB.
cli-products-page = { $from }–{ $to } de { $total } productos
cli-devices-unset = (sin configurar)
cli-devices-on = sí
cli-devices-off = no
cli-devices-station = Impresora de tickets: { $printer }
    Papel: { $paper } mm
    Cajón tras una venta en efectivo: { $drawer }
    Idioma del ticket: { $locale }
    Escáner: { $scanner }
cli-test-printed = Página de prueba enviada a { $device } ({ $bytes } bytes).
cli-scan-connected = Escáner { $port } conectado.
cli-scan-disconnected = El escáner { $port } se ha desconectado ({ $detail }); esperando a que vuelva.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }), { $on_hand } en existencia
cli-scan-unknown = { $code }: { $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }: { $value } no es un mes. Escríbalo como AAAA-MM, por ejemplo 2026-03.
error-unknown-export-format = { $field }: { $value } no es un formato de exportación (xlsx, csv o pdf).
error-export-not-writable = { $field }: no se puede escribir la exportación en { $path }: { $detail }
cli-export-progress = Exportando { $part }: { $done } / { $total } filas
cli-export-done = Paquete del mes { $month } escrito en { $path }: { $parts } partes, { $rows } filas.
export-part-summary = Resumen
export-part-vat = IVA por tipo
export-part-slow-movers = Productos de baja rotación
export-part-sales-journal = Diario de ventas
export-part-returns-journal = Diario de devoluciones
export-part-receipts = Recepciones de mercancía
export-part-stock-valuation = Valoración de existencias
export-part-receivables-aging = Antigüedad de cuentas por cobrar
export-col-figure = Cifra (clave)
export-col-label = Cifra
export-col-retail = Minorista
export-col-wholesale = Mayorista
export-col-total = Total
export-col-orders = Pedidos
export-col-lines = Líneas
export-col-gross-sales = Ventas brutas (sin IVA)
export-col-returns = Devoluciones (sin IVA)
export-col-net-sales = Ventas netas
export-col-cogs = Costo de ventas
export-col-gross-margin = Margen bruto
export-col-margin-pct = Margen %
export-col-return-rate-pct = Tasa de devolución por valor %
export-col-sold-qty-base = Cantidad vendida (unidades base)
export-col-returned-qty-base = Cantidad devuelta (unidades base)
export-col-return-rate-qty-pct = Tasa de devolución por cantidad %
export-col-average-order-value = Valor medio del pedido
export-col-lines-per-order = Líneas por pedido
export-col-inventory-value-start = Valor del inventario al inicio
export-col-inventory-value-end = Valor del inventario al final
export-col-inventory-value-average = Valor medio del inventario
export-col-turnover-days = Días de rotación del inventario
export-col-shop = Tienda
export-col-month = Mes
export-col-currency = Moneda
export-col-time-zone = Zona horaria
export-col-period-start = Inicio del período
export-col-period-end = Fin del período
export-col-days = Días del período
export-col-vat-rate-pct = Tipo de IVA %
export-col-sales-net = Ventas netas
export-col-sales-vat = IVA de ventas
export-col-returns-net = Devoluciones netas
export-col-returns-vat = IVA de devoluciones
export-col-vat-due = IVA a pagar
export-col-rank = Puesto
export-col-sku = SKU
export-col-name = Nombre
export-col-on-hand = Existencias
export-col-on-hand-value = Valor de existencias
export-col-days-idle = Días sin movimiento
export-col-last-sale = Última venta
export-col-date = Fecha
export-col-doc-no = Documento
export-col-channel = Canal
export-col-buyer = Comprador
export-col-buyer-name = Nombre del comprador
export-col-refers-to = Se refiere a
export-col-restock = Reingresado
export-col-status = Estado
export-col-line-no = Línea
export-col-unit = Unidad
export-col-qty = Cantidad
export-col-qty-base = Cantidad (unidades base)
export-col-net = Neto
export-col-vat = IVA
export-col-gross = Bruto
export-col-supplier = Proveedor
export-col-unit-cost = Costo unitario (por unidad base)
export-col-value = Valor
export-col-base-unit = Unidad base
export-col-avg-cost = Costo medio
export-col-current = Al corriente
export-col-days-1-30 = 1-30 días
export-col-days-31-60 = 31-60 días
export-col-days-61-90 = 61-90 días
export-col-days-over-90 = Más de 90 días
export-col-credit = Saldo a favor

## The A4 invoice and credit note (PDF)
invoice-title = Factura
invoice-credit-note-title = Nota de crédito
invoice-seller = Vendedor
invoice-buyer = Comprador
invoice-buyer-code = Código de cliente
invoice-tax-number = NIF
invoice-number = N.º de factura
invoice-credit-note-number = N.º de nota de crédito
invoice-refers-to = Factura de origen
invoice-issue-date = Fecha de emisión
invoice-due-date = Vencimiento
invoice-terms = Condiciones de pago
invoice-terms-cash = Contado
invoice-terms-net = { $days } días netos
invoice-terms-eom = Fin de mes + { $days } días
invoice-col-no = N.º
invoice-col-sku = SKU
invoice-col-description = Descripción
invoice-col-unit = Unidad
invoice-col-qty = Cant.
invoice-col-price = Precio unitario
invoice-col-vat-rate = IVA %
invoice-col-net = Base
invoice-vat-summary = IVA por tipo
invoice-vat-rate = Tipo
invoice-taxable = Base imponible
invoice-vat = IVA
invoice-total-net = Total base
invoice-total-vat = Total IVA
invoice-total-gross = Total { $currency }
invoice-page = Página { $page } de { $pages }
invoice-amount-in-words = Importe con letra
cli-invoice-written = { $doc_no } guardada en { $path } ({ $bytes } bytes).

error-sync-not-configured = Este dispositivo no está registrado en un libro en la nube: ejecute primero `onebook sync register`.
error-cloud = El libro en la nube rechazó la operación o no se pudo alcanzar: { $detail }
error-series-prefix-taken = Otro dispositivo de { $tenant } ya numera sus documentos con el prefijo de serie { $prefix }: dé a este dispositivo su propio prefijo.
error-already-registered = Este dispositivo ya está registrado en { $tenant }.
cli-sync-registered = Registrado en { $tenant } en { $server } con la serie { $prefix }; { $entries } entradas de historial por enviar.
cli-sync-status = Libro en la nube { $tenant } en { $server }: { $pending } entradas por enviar, última sincronización { $last }, { $conflicts } conflictos abiertos.
cli-sync-last-error = Último error: { $error }
cli-sync-once = Enviadas { $pushed }, recibidas { $pulled }.
cli-sync-offline = Sin conexión ({ $error }); reintento en { $ms } ms.
cli-sync-no-conflicts = No hay conflictos.
cli-sync-conflict = { $kind } { $sku } { $doc_no }: saldo { $balance } ({ $open })
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = Resumen del mes
month-pdf-chart = Ventas diarias por canal (sin IVA, { $currency })

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = Anulaciones
cli-void-recorded = Anulación registrada: { $lines } línea(s), { $amount } ({ $reason }).
error-quota-exceeded = { $sku }: esta caja está sin conexión y solo puede vender su cuota de { $quota } { $base_unit } ({ $used } vendidas); se piden { $requested }.
error-held-for-other-tills = { $sku }: { $held } de las { $on_hand } { $base_unit } en existencia están reservadas para las cuotas de otras cajas; se piden { $requested }.
cli-sync-quota = Cuota de { $sku } para la caja { $till }: { $qty } { $base_unit } ({ $used } usadas).
# The buyer statement (src/statement.rs).
statement-title = Estado de cuenta
statement-tax-number = NIF { $number }
statement-period = Periodo del { $from } al { $to }
statement-currency = Importes en { $currency }
statement-col-date = Fecha
statement-col-document = Documento
statement-col-due = Vence
statement-col-debit = Debe
statement-col-credit = Haber
statement-col-balance = Saldo
statement-opening = Saldo anterior
statement-closing = Saldo final ({ $currency })
statement-overdue = De ello vencido
statement-kind-invoice = Factura
statement-kind-credit-note = Nota de crédito
statement-kind-payment = Pago
cli-statement-written = Estado de cuenta escrito en { $path } ({ $bytes } bytes).
error-no-rate = { $field }: no hay tipo de cambio de { $currency } en o antes del { $date }; el dueño lo registra con `onebook rate set`.
cli-rate = { $currency }: { $rate } desde el { $day }
receipt-foreign-cash =   { $currency } { $amount } a { $rate }
error-wrong-pin = PIN incorrecto para { $username }; quedan { $attempts_left } intentos antes del bloqueo.
error-sign-in-locked = { $username } está bloqueado hasta { $until } tras demasiados PIN incorrectos.
error-no-pin = { $username } aún no tiene PIN: el dueño le asigna uno.
cli-pin-set = PIN asignado a { $username }.
cli-signed-in = { $username } ha iniciado sesión.

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = Mostrador mayorista
counter-buyer = Cliente
counter-credit-limit = límite de crédito
counter-code = Código de barras o SKU
counter-add = Añadir línea
counter-hint = Enter en el código muestra el producto y su existencia · Enter en la cantidad añade la línea · F4 emite la factura · F6 caja, F7 mostrador, F8 devoluciones
counter-empty = Elija un cliente y añada los productos a facturar.
counter-post = Emitir factura (F4)
counter-issued = Factura { $doc_no } emitida: total { $gross } { $currency }
returns-title = Devoluciones
returns-doc = Número de ticket o de factura
returns-find = Buscar
returns-not-returnable = { $doc_no } no es una venta ni una factura: no hay nada que devolver.
returns-sold = Vendido
returns-qty = Cant. a devolver
returns-restock = De vuelta al estante (sin marcar: dañado, se da de baja)
returns-restock-wholesale = Por recibir de vuelta en existencia (sin marcar: se da de baja)
returns-post = Registrar devolución
returns-done = Devolución { $doc_no } registrada: { $gross } { $currency }
sync-not-connected = Sin conexión configurada
sync-synced = Sincronizado
sync-pending = { $count } pendientes
sync-offline = Sin conexión: { $error }
sync-conflicts = { $count ->
    [one] 1 conflicto
   *[other] { $count } conflictos
    }

## The catalog
catalog-title = Catálogo
catalog-search = Buscar
catalog-search-hint = nombre, SKU o código de barras
catalog-count = { $count } productos
catalog-sku = SKU
catalog-name = Nombre
catalog-price = Precio al público

## The month view
month-title = Mes
month-pick = Mes
month-show = Mostrar
month-export = Exportar { $format }
month-export-progress = Escribiendo { $part }: { $done } / { $total } filas
month-written = El paquete del mes está escrito: { $path }
month-chart = Ventas diarias por canal
month-chart-top = tope del gráfico: { $top }

## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }: se piden { $requested } { $base_unit }, pero de las { $on_hand } en existencia { $reserved } están reservadas por pedidos abiertos y { $reserve } se guardan para mayoreo: { $available } disponibles.
error-over-delivery = { $field }: { $sku }, línea { $line } de { $doc_no }: { $ordered } pedidas, { $delivered } ya entregadas o canceladas, se piden { $requested }.
error-order-closed = { $doc_no } está cerrado ({ $status }): no queda nada por entregar ni cancelar.
error-quote-expired = { $field }: la cotización { $doc_no } venció el { $valid_until }; haga una nueva a los precios de hoy.
error-quote-already-accepted = La cotización { $doc_no } ya fue aceptada como pedido { $order }.
stock-reserved-by-orders = Reservado por pedidos abiertos
cli-quote-saved = Cotización { $doc_no } para { $buyer }: { $gross } { $currency }, válida hasta { $valid_until }. No reserva existencias.
cli-order-placed = Pedido { $doc_no } para { $buyer }: { $gross } { $currency }. Sus existencias quedan reservadas hasta la entrega.
cli-order-delivered = { $invoice } entrega { $doc_no }: { $gross } { $currency }. El pedido está { $status }.
cli-order-cancelled = Pedido { $doc_no } cancelado ({ $reason }): { $released } unidades base liberadas.
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit } a { $price }: quedan { $left } de { $ordered } { $base_unit }
order-status-open = abierto
order-status-delivered = entregado
order-status-cancelled = cancelado
order-status-quoted = cotizado
order-status-accepted = aceptado
order-status-expired = vencido

## Desktop app: sign-in, the inactivity lock, the owner's approval, backups and the audit trail
signin-pick = ¿Quién está en la caja? Elija su nombre y escriba su PIN.
signin-pin = PIN de { $user }
signin-keys = Los dígitos escriben el PIN · Enter entra · Retroceso borra · Esc vuelve
signin-no-pin = aún sin PIN
signin-demo = PIN de la tienda de demostración: { $pins }. Cada persona pone el suyo con `onebook user pin`.
signin-out = Cerrar sesión
pin-ok = Entrar
pin-back = Volver (Esc)
pin-delete = Borrar un dígito
lock-title = Bloqueada: { $user } se ausentó
lock-hint = { $user } o un dueño la desbloquea con su PIN; la venta en curso se conserva.
lock-now = Bloquear
role-owner = Dueño
role-cashier = Cajero
role-accountant = Contador
role-warehouse = Almacén
till-price-prompt = Nuevo precio unitario de { $item } (Enter aplica, Esc cancela)
till-hint-more = F3 cambia el precio de la última línea · F4 pide al dueño · Ctrl+L bloquea · F12 cierra sesión
approve-ask = Pedir al dueño
approve-title = Aprobación del dueño: { $action }
approve-who = Aprueba
approve-done = Aprobado por { $user } para esta venta
action-override-price = un cambio de precio
action-override-negative-stock = una venta bajo el mínimo de existencias
backup-none = Aún no hay copia de seguridad
backup-ok = { $hours ->
    [0] Copia hecha hace menos de una hora
   *[other] Copia hecha hace { $hours } h
}
backup-stale = Última copia hace { $hours } h: desactualizada
backup-folder-missing = Falta la carpeta de copias: { $folder }
backup-now = Copiar ahora
audit-title = Registro de auditoría
audit-act = Acto
audit-all = Todos
audit-user = Persona
audit-from = Desde
audit-to = Hasta
audit-apply = Mostrar
audit-when = Cuándo
audit-subject = Qué
audit-before = Antes
audit-after = Después
audit-empty = Ninguna entrada coincide.
audit-verify-ok = Cadena intacta: las { $entries } entradas verificadas.
audit-verify-broken = Cadena rota en la entrada { $seq } ({ $reason }): el registro fue alterado desde ahí.
audit-act-price-override = Cambio de precio
audit-act-negative-stock-override = Venta bajo el mínimo de existencias
audit-act-approval = Aprobación del dueño
audit-act-void = Anulación
audit-act-credit-override = Excepción de crédito
audit-act-refund-without-receipt = Reembolso sin ticket
audit-act-drawer-opened = Cajón abierto sin venta
audit-act-user-add = Cuenta de personal creada
audit-act-user-change = Cuenta de personal modificada
audit-act-sign-in-locked = Acceso bloqueado
audit-act-lock-setting = Tiempo de bloqueo de caja cambiado
audit-act-period-close = Mes cerrado
audit-act-backup-restore = Copia restaurada
error-not-signed-in = Nadie ha iniciado sesión en esta caja: entre con su PIN.
error-unlock-refused = { $username } no puede desbloquear esta caja: solo { $locked_by } o un dueño pueden.
cli-lock-after = La caja se bloquea tras { $minutes } minutos sin actividad (0: nunca).

## The encrypted book's first screen
book-passphrase-title = Este libro está cifrado
book-passphrase-hint = Escriba la frase de contraseña del dueño para abrirlo. Sin ella los libros no se pueden leer: no hay otra forma.
book-passphrase-open = Abrir

## Cloud sync in the app: settings, status, conflicts; the CLI's rebase
cli-sync-rebased = Realineada con la nube: { $replayed } entradas de esta caja recuperadas de la nube, { $renumbered } documentos renumerados; el envío sigue desde la entrada { $head }.
sync-screen-title = Sincronización en la nube
sync-screen-open = Ajustes y conflictos de la sincronización (Ctrl+Y)
sync-settings-title = Ajustes
sync-server = URL del servidor
sync-server-hint = El servidor PostgreSQL de la tienda. Por internet añada ?sslmode=require (TLS, se comprueba el certificado); &sslrootcert=ARCHIVO confía en una autoridad de certificación privada.
sync-admin-hint = Para registrar, indique una cuenta que pueda crear roles (postgres://usuario:contraseña@host/bd). Se usa una vez y nunca se guarda: esta caja recibe su propio acceso.
sync-tenant = Nombre de la tienda en el servidor
sync-tenant-hint = Todas las cajas de la tienda indican el mismo nombre.
sync-register = Registrar esta caja
sync-registered = Registrada en { $tenant } con la serie { $prefix }; la caja ya sincroniza en segundo plano.
sync-status-title = Estado
sync-state = Conexión
sync-state-online = En línea
sync-state-offline = Sin conexión
sync-state-unregistered = No registrada
sync-pending-rows = Entradas por enviar
sync-last = Última sincronización
sync-never = nunca
sync-open-conflicts = Conflictos abiertos
sync-last-error = Último error
sync-now = Sincronizar ahora
sync-now-done = Enviadas { $pushed }, recibidas { $pulled }.
sync-conflicts-title = Conflictos
sync-conflicts-none = No hay conflictos.
sync-conflict-oversold = { $sku } { $name }: vendido por debajo de cero, saldo actual { $balance }
sync-conflict-received-twice = Devolución { $doc_no } recibida en dos cajas
sync-conflict-other = { $detail }
sync-conflict-open = Abierto
sync-conflict-resolved = Resuelto
sync-conflict-till = Caja
sync-conflict-time = Hora
sync-conflict-doc = Documento
sync-conflict-qty = Cantidad
sync-conflict-counted = Contado en el estante
sync-conflict-resolve-count = Resolver con un recuento
sync-conflict-count-posted = Recuento { $doc_no } registrado.
audit-act-sync-rebase = Caja realineada con la nube tras una restauración
