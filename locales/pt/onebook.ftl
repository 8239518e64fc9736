# Mensagens do Onebook: português do Brasil (os mesmos ids do arquivo de referência em inglês).

## Erros (error-<code>), mostrados ao usuário com o campo ou a linha com problema.
error-not-initialized = Este banco de dados ainda não tem loja. Execute `onebook init` primeiro.
error-already-initialized = Este banco de dados já está configurado para { $shop }.
error-database-too-new = Este banco de dados foi criado por uma versão mais nova do Onebook (esquema { $found }; esta versão lê até o { $supported }). Atualize o Onebook.
error-not-onebook-database = Este arquivo não é um banco de dados do Onebook ({ $detail }).
error-storage = Não foi possível gravar nem ler o banco de dados: { $detail }
error-busy = Outro caixa está usando o banco de dados. Tente novamente em instantes.
error-io = Não foi possível ler { $path }: { $detail }
error-invalid-input = { $field }: { $reason }
error-unknown-currency = { $field }: moeda desconhecida { $value }.
error-unknown-time-zone = { $field }: fuso horário desconhecido { $value } (por exemplo, Asia/Dubai).
error-unknown-locale = { $field }: idioma não suportado { $value }.
error-unknown-user = Nenhum usuário ativo com o nome { $username }.
error-duplicate-user = Já existe um usuário com o nome { $username }.
error-permission-denied = { $username } ({ $role }) não tem permissão para: { $action }.
error-unknown-product = { $field }: nenhum produto com o SKU { $sku }.
error-unknown-barcode = { $field }: o código de barras { $code } não está no catálogo.
error-unknown-unit = { $field }: { $sku } não é vendido por { $unit }.
error-bad-check-digit = { $field }: o código de barras { $code } tem o dígito verificador errado (deveria terminar em { $expected }).
error-bad-barcode = { $field }: { $code } não é um código de barras (8, 12, 13 ou 14 dígitos).
error-duplicate-barcode = { $field }: o código de barras { $code } já pertence a { $sku }.
error-duplicate-sku = { $field }: o SKU { $sku } aparece mais de uma vez.
error-unit-factor-changed = { $field }: { $unit } de { $sku } equivale a { $old_factor } unidades básicas e não pode passar a { $new_factor }.
error-no-price = { $field }: { $sku } não tem preço na tabela { $list } para { $unit }.
error-qty-not-positive = { $field }: a quantidade deve ser maior que zero (recebido: { $qty }).
error-fractional-base-qty = { $field }: { $qty } { $unit } equivale a { $base } { $base_unit }; só é possível vender quantidades inteiras de { $base_unit }.
error-qty-too-large = { $field }: a quantidade { $qty } é grande demais.
error-amount-out-of-range = { $field }: o valor { $amount } está fora do limite.
error-reserved-for-wholesale = { $sku } está reservado para o atacado: { $on_hand } { $base_unit } em estoque, { $reserve } reservados para o atacado, { $available } podem ser vendidos no caixa ({ $requested } solicitados).
error-insufficient-stock = { $sku }: só há { $on_hand } { $base_unit } em estoque; { $requested } solicitados.
error-unknown-document = { $field }: documento { $doc_no } não encontrado.
error-wrong-document-kind = { $field }: { $doc_no } é do tipo { $found }, não { $expected }.
error-unknown-line = { $field }: { $doc_no } não tem o item { $line }.
error-product-not-on-document = { $field }: { $sku } não estava em { $doc_no }.
error-over-return = { $field }: no item { $line } de { $doc_no } ({ $sku }) foram vendidos { $sold } e já devolvidos { $returned }; não é possível devolver mais { $requested }.
error-not-to-receive = { $doc_no } não está aguardando recebimento (situação: { $status }).
error-date-before-last-document = A data { $date } é anterior ao último documento registrado ({ $last }).
error-unknown-customer = Nenhum cliente com o código { $code }.
error-duplicate-customer = Já existe um cliente com o código { $code }.
error-payment-short = Valor pago { $paid }, mas o total é { $total }.
error-non-cash-overpaid = Os pagamentos com cartão e carteira digital ({ $non_cash }) ultrapassam o total de { $total }; só pagamento em dinheiro tem troco.
error-no-lines = O documento não tem itens.
error-too-many-lines = Um documento pode ter no máximo { $max } itens.
error-import-rejected = { $count } linhas do arquivo estão com erro; nada foi importado. Corrija-as ou importe só as linhas corretas com --skip-bad.
error-disk-full = O disco está cheio: nada foi gravado e a última venda não foi registrada. Libere espaço e tente de novo; o caixa continua de onde parou.
error-write-refused = O disco recusou a gravação ({ $detail }): está cheio, passou de um limite de tamanho ou está falhando. Nada foi gravado e a última venda não foi registrada. Libere espaço ou verifique o disco e tente de novo; o caixa continua de onde parou.
error-database-corrupt = O banco de dados { $path } está danificado ({ $detail }); o Onebook não vai iniciar com ele. { $backup ->
    [none] Nenhum backup foi encontrado: copie o arquivo para um lugar seguro e peça ajuda.
   *[other] Restaure o último backup bom com: onebook restore { $backup }
    }
error-backup-invalid = Não é possível restaurar { $path }: { $detail }
error-book-encrypted = O livro { $path } está criptografado: informe a frase-senha para abri-lo.
error-wrong-passphrase = Frase-senha errada para { $path }: o livro continua bloqueado.
error-already-encrypted = O livro { $path } já está criptografado.
error-not-encrypted = O livro { $path } não está criptografado.
cli-passphrase-hint = Informe a frase-senha com ONEBOOK_PASSPHRASE ou --passphrase-file ARQUIVO (- lê a entrada padrão), nunca na linha de comando.
cli-encrypt-done = O livro { $path } está criptografado ({ $documents } documentos verificados). Guarde a frase-senha em lugar seguro, como um envelope lacrado: sem ela ninguém abre os livros, nem o Onebook.
cli-decrypt-done = O livro { $path } voltou a ser um arquivo sem criptografia ({ $documents } documentos verificados).
cli-passphrase-changed = A frase-senha de { $path } foi alterada ({ $documents } documentos verificados). Os backups anteriores só abrem com a antiga.
cli-plain-backups = Estes backups não estão criptografados e qualquer pessoa com o disco pode lê-los; apague-os depois de fazer um backup novo: { $files }

## Linha de comando
cli-error = Erro
cli-row-error = linha { $line }{ $column }: { $message }
cli-import-progress = { $phase } { $done } / { $total } linhas
cli-phase-checking = Verificando
cli-phase-writing = Gravando
cli-import-done = { $rows } linhas importadas: { $created } produtos novos, { $updated } atualizados, { $skipped } ignorados.
cli-init-done = A loja { $shop } está configurada. Proprietário: { $owner }. Banco de dados: { $path }
cli-posted = Documento registrado: { $kind } { $doc_no }, total { $gross } { $currency }.
cli-post-failed = Documento { $index } recusado: { $message }
cli-post-summary = { $ok } registrados, { $failed } recusados.
cli-change-due = Troco: { $change }
cli-user-added = Usuário { $username } ({ $role }) adicionado.
cli-buyer-added = Cliente { $code } adicionado.
cli-demo-ready = Loja de demonstração pronta: { $products } produtos, { $documents } documentos. Banco de dados: { $path }
cli-backup-done = Backup { $path } criado e verificado ({ $bytes } bytes, integridade ok). { $kept } backups mantidos, { $removed } removidos pela rotação.
cli-backup-last = Último backup bom: { $path }, criado em { $at }.
cli-backup-last-missing = Último backup bom: { $path }, criado em { $at }, mas o arquivo não está mais lá.
cli-backup-none = Nenhum backup foi feito ainda.
cli-restore-done = Restaurado a partir de { $from }. { $aside ->
    [none] Não havia banco de dados para guardar.
   *[other] O banco de dados anterior foi guardado como { $aside }.
    }
cli-audit-ok = Trilha de auditoria intacta: { $count } registros, todos os hashes verificados.
cli-audit-broken = Trilha de auditoria quebrada no registro { $seq } ({ $reason }).

## Tipos de documento
kind-sale = Venda
kind-invoice = Fatura
kind-retail_return = Devolução no caixa
kind-wholesale_return = Nota de crédito
kind-receipt = Entrada de mercadoria
kind-count = Contagem de estoque

## Estoque
stock-title = { $sku } · { $name }
stock-on-hand = Em estoque
stock-reserve = Reservado para o atacado
stock-available-retail = Disponível no caixa
stock-available-wholesale = Disponível para o atacado
stock-reserved-flag = Reservado para o atacado: o caixa não pode vender
stock-unlimited = sem limite (estoque negativo permitido)
stock-units = Unidades
stock-prices = Preços
stock-avg-cost = Custo médio
stock-scanned = Unidade escaneada

## Relatório mensal
report-title = Relatório mensal { $month } · { $shop } · { $currency }
report-channel = Canal
report-retail = Varejo
report-wholesale = Atacado
report-total = Total
report-orders = Vendas
report-gross-sales = Vendas brutas
report-returns = Devoluções
report-net-sales = Vendas líquidas
report-cogs = Custo das mercadorias vendidas
report-gross-margin = Margem bruta
report-margin-pct = Margem %
report-return-rate = Taxa de devolução %
report-return-rate-qty = Taxa de devolução por quantidade %
report-aov = Ticket médio
report-lines-per-order = Itens por venda
report-inventory = Valor do estoque
report-inventory-start = No início
report-inventory-end = No fim
report-inventory-average = Média
report-turnover-days = Dias de giro
report-vat = Imposto por alíquota
report-vat-rate = Alíquota %
report-vat-due = Imposto a recolher
report-slow-movers = Produtos de baixo giro
report-days-idle = Dias parado
report-aging = Contas a receber por vencimento
report-none = nenhum

## Desktop app: the till
app-language = Idioma
till-title = Caixa
till-scan = Leia ou digite um código de barras ou SKU
till-hint = Enter adiciona · 3*código adiciona três · F2 ou Enter em linha vazia recebe · Esc volta
till-item = Artigo
till-qty = Qtd.
till-unit = Unidade
till-price = Preço
till-amount = Valor
till-empty = Leia um produto para começar uma venda.
till-net = Líquido
till-vat = IVA
till-total = Total
till-remove = Remover
till-pay = Receber em dinheiro (F2)
till-tendered = Dinheiro entregue (vazio: exato)
till-change = Troco
till-commit = Registrar venda (Enter)
till-back = Voltar (Esc)
till-sold = Venda { $doc_no } registrada: total { $gross } { $currency }
till-user = { $user } em { $shop }

## Wholesale buyers: credit, payments, orders
error-credit-limit-exceeded = Comprador { $buyer }: um saldo de { $open } mais esta fatura de { $invoice } passaria o limite de crédito de { $limit }. Só o dono pode emiti-la, com um motivo.
error-buyer-overdue = O comprador { $buyer } tem { $overdue } vencido (saldo { $open }, limite de crédito { $limit }); não há faturas novas até que pague, a menos que o dono autorize com um motivo.
error-allocation-exceeds-open = { $field }: { $amount } é mais do que os { $open } ainda em aberto em { $doc_no }.
error-order-rejected = { $count } linhas da encomenda estão erradas; nenhum rascunho foi criado. Corrija-as e envie de novo.
cli-payment-recorded = Pagamento { $pay_no } de { $buyer } registado: { $amount }; não aplicado { $unapplied }; saldo atual { $balance }.
cli-price-recorded = Preço registado: { $scope } { $key }, { $sku } por { $unit } a partir de { $min_qty }: { $price }, em vigor desde { $from }.
cli-buyer-updated = Comprador { $code } atualizado.
cli-aging-title = Antiguidade de contas a receber em { $at } ({ $currency })
cli-credit = crédito
cli-reorder-change = linha { $line } { $sku }: { $change }

## Closing: the period lock and the daily close (Z report)
error-period-closed = { $field }: { $date } é de { $month } e os livros estão fechados até { $closed_through }. Lance a correção no período aberto (hoje).
error-period-already-closed = { $field }: { $month } já está fechado (os livros estão fechados até { $closed_through }).
error-month-not-over = { $field }: { $month } ainda não terminou; um mês só pode ser fechado depois de acabar.
error-day-already-closed = { $field }: o dia { $day } do caixa { $device } já está fechado até o fim ({ $doc_no }).
error-unknown-device = { $field }: { $device } não é este caixa (indique o prefixo da série ou o id do dispositivo).
cli-month-closed = Os livros estão fechados até { $month }: nada mais pode ser datado antes de { $locked_before }.
z-title = Relatório Z { $doc_no } · { $shop } · { $day }
z-covers = Caixa { $device } · de { $from } a { $to } · fechado por { $user } em { $at }
z-continues = Continua { $doc_no }
z-sales = Vendas
z-tickets = Cupons
z-vat = dos quais IVA
z-method = Meio de pagamento
z-method-cash = Dinheiro
z-method-card = Cartão
z-method-ewallet = Carteira digital
z-refunds = Reembolsos
z-net = Líquido
z-cash-tendered = Dinheiro recebido
z-change = Troco dado
z-returns = Devoluções
z-buyer-cash = Pagamentos em dinheiro de compradores
z-float = Fundo de troco inicial
z-expected = Dinheiro esperado na gaveta
z-counted = Dinheiro contado
z-difference = Diferença
## Devices: receipt printers, cash drawer, scanners
error-printer-offline = Não é possível ligar à impressora { $device } ({ $detail }). A venda fica registada: imprima o recibo de novo quando a impressora voltar.
error-printer-out-of-paper = A impressora { $device } está sem papel. A venda está guardada: coloque uma bobina nova e imprima o recibo novamente.
error-no-device = { $field }: este caixa não tem { $kind ->
    [printer] impressora de recibos
   *[other] leitor
    } configurado. Indique um (--to / --port) ou peça ao dono que o configure com `onebook devices set`.
error-unprintable-text = { $field }: nem a página de código da impressora nem nenhuma fonte instalada consegue imprimir este texto { $script } ({ $text }); nada foi impresso.
receipt-tax-number = NIF { $number }
receipt-sale = Recibo
receipt-date = Data
receipt-net = Líquido
receipt-vat = IVA { $rate }% sobre { $net }
receipt-total = TOTAL { $currency }
receipt-cash = Dinheiro
receipt-card = Cartão
receipt-ewallet = Carteira digital
receipt-change = Troco
receipt-staff = Atendido por { $user }
receipt-thanks = Obrigado pela preferência
receipt-test-title = Impressão de teste
receipt-test-columns = Este papel tem { $columns } colunas
cli-printed = Recibo { $doc_no } enviado para { $device } ({ $bytes } bytes).
cli-drawer-opened = Gaveta de dinheiro aberta.
cli-paper-low = A impressora indica que a bobina de papel está no fim: troque-a em breve.
cli-devices-printer = Impressora de recibos USB: { $address } { $what }
cli-devices-serial = Porta serial: { $path } { $what }
cli-devices-none = Nenhuma porta serial ou impressora de recibos USB encontrada.
cli-products-page = { $from }–{ $to } de { $total } produtos
cli-devices-unset = (não definido)
cli-devices-on = sim
cli-devices-off = não
cli-devices-station = Impressora de recibos: { $printer }
    Papel: { $paper } mm
    Gaveta após venda em dinheiro: { $drawer }
    Idioma do recibo: { $locale }
    Leitor: { $scanner }
cli-test-printed = Página de teste enviada para { $device } ({ $bytes } bytes).
cli-scan-connected = Leitor { $port } ligado.
cli-scan-disconnected = O leitor { $port } desligou-se ({ $detail }); à espera que volte.
cli-scan-product = { $code }: { $sku } { $name } ({ $unit }), { $on_hand } em stock
cli-scan-unknown = { $code }: { $message }
# The month pack (src/export): sheet names, column headers, summary figures.
error-bad-month = { $field }: { $value } não é um mês. Escreva como AAAA-MM, por exemplo 2026-03.
error-unknown-export-format = { $field }: { $value } não é um formato de exportação (xlsx, csv ou pdf).
error-export-not-writable = { $field }: não é possível gravar a exportação em { $path }: { $detail }
cli-export-progress = Exportando { $part }: { $done } / { $total } linhas
cli-export-done = Pacote do mês { $month } gravado em { $path }: { $parts } partes, { $rows } linhas.
export-part-summary = Resumo
export-part-vat = IVA por taxa
export-part-slow-movers = Produtos parados
export-part-sales-journal = Diário de vendas
export-part-returns-journal = Diário de devoluções
export-part-receipts = Recebimentos de mercadoria
export-part-stock-valuation = Avaliação do estoque
export-part-receivables-aging = Contas a receber por vencimento
export-col-figure = Indicador (chave)
export-col-label = Indicador
export-col-retail = Varejo
export-col-wholesale = Atacado
export-col-total = Total
export-col-orders = Pedidos
export-col-lines = Linhas
export-col-gross-sales = Vendas brutas (sem IVA)
export-col-returns = Devoluções (sem IVA)
export-col-net-sales = Vendas líquidas
export-col-cogs = Custo das mercadorias vendidas
export-col-gross-margin = Margem bruta
export-col-margin-pct = Margem %
export-col-return-rate-pct = Taxa de devolução por valor %
export-col-sold-qty-base = Quantidade vendida (unidades base)
export-col-returned-qty-base = Quantidade devolvida (unidades base)
export-col-return-rate-qty-pct = Taxa de devolução por quantidade %
export-col-average-order-value = Valor médio do pedido
export-col-lines-per-order = Linhas por pedido
export-col-inventory-value-start = Valor do estoque no início
export-col-inventory-value-end = Valor do estoque no fim
export-col-inventory-value-average = Valor médio do estoque
export-col-turnover-days = Dias de giro do estoque
export-col-shop = Loja
export-col-month = Mês
export-col-currency = Moeda
export-col-time-zone = Fuso horário
export-col-period-start = Início do período
export-col-period-end = Fim do período
export-col-days = Dias do período
export-col-vat-rate-pct = Taxa de IVA %
export-col-sales-net = Vendas líquidas
export-col-sales-vat = IVA das vendas
export-col-returns-net = Devoluções líquidas
export-col-returns-vat = IVA das devoluções
export-col-vat-due = IVA a recolher
export-col-rank = Posição
export-col-sku = SKU
export-col-name = Nome
export-col-on-hand = Em estoque
export-col-on-hand-value = Valor em estoque
export-col-days-idle = Dias parado
export-col-last-sale = Última venda
export-col-date = Data
export-col-doc-no = Documento
export-col-channel = Canal
export-col-buyer = Comprador
export-col-buyer-name = Nome do comprador
export-col-refers-to = Refere-se a
export-col-restock = Devolvido ao estoque
export-col-status = Situação
export-col-line-no = Linha
export-col-unit = Unidade
export-col-qty = Quantidade
export-col-qty-base = Quantidade (unidades base)
export-col-net = Líquido
export-col-vat = IVA
export-col-gross = Bruto
export-col-supplier = Fornecedor
export-col-unit-cost = Custo unitário (por unidade base)
export-col-value = Valor
export-col-base-unit = Unidade base
export-col-avg-cost = Custo médio
export-col-current = A vencer
export-col-days-1-30 = 1-30 dias
export-col-days-31-60 = 31-60 dias
export-col-days-61-90 = 61-90 dias
export-col-days-over-90 = Mais de 90 dias
export-col-credit = Crédito

## The A4 invoice and credit note (PDF)
invoice-title = Fatura
invoice-credit-note-title = Nota de crédito
invoice-seller = Vendedor
invoice-buyer = Comprador
invoice-buyer-code = Código do cliente
invoice-tax-number = NIF
invoice-number = N.º da fatura
invoice-credit-note-number = N.º da nota de crédito
invoice-refers-to = Fatura de origem
invoice-issue-date = Data de emissão
invoice-due-date = Vencimento
invoice-terms = Condições de pagamento
invoice-terms-cash = A pronto
invoice-terms-net = { $days } dias líquidos
invoice-terms-eom = Fim do mês + { $days } dias
invoice-col-no = N.º
invoice-col-sku = SKU
invoice-col-description = Descrição
invoice-col-unit = Unidade
invoice-col-qty = Qtd.
invoice-col-price = Preço unitário
invoice-col-vat-rate = IVA %
invoice-col-net = Líquido
invoice-vat-summary = IVA por taxa
invoice-vat-rate = Taxa
invoice-taxable = Base tributável
invoice-vat = IVA
invoice-total-net = Total líquido
invoice-total-vat = Total IVA
invoice-total-gross = Total { $currency }
invoice-page = Página { $page } de { $pages }
invoice-amount-in-words = Valor por extenso
cli-invoice-written = { $doc_no } gravada em { $path } ({ $bytes } bytes).

error-sync-not-configured = Este dispositivo não está registrado num livro na nuvem: execute primeiro `onebook sync register`.
error-cloud = O livro na nuvem recusou a operação ou não pôde ser alcançado: { $detail }
error-series-prefix-taken = Outro dispositivo de { $tenant } já numera os seus documentos com o prefixo de série { $prefix }: dê a este dispositivo um prefixo próprio.
error-already-registered = Este dispositivo já está registrado em { $tenant }.
cli-sync-registered = Registrado em { $tenant } em { $server } com a série { $prefix }; { $entries } entradas de histórico a enviar.
cli-sync-status = Livro na nuvem { $tenant } em { $server }: { $pending } entradas a enviar, última sincronização { $last }, { $conflicts } conflitos abertos.
cli-sync-last-error = Último erro: { $error }
cli-sync-once = Enviadas { $pushed }, recebidas { $pulled }.
cli-sync-offline = Sem conexão ({ $error }); nova tentativa em { $ms } ms.
cli-sync-no-conflicts = Não há conflitos.
cli-sync-conflict = { $kind } { $sku } { $doc_no }: saldo { $balance } ({ $open })
# The month summary PDF (src/export/pdf.rs).
month-pdf-title = Resumo do mês
month-pdf-chart = Vendas diárias por canal (sem IVA, { $currency })

# Voids at the till (src/voids.rs) and in the Z report.
z-voids = Cancelamentos
cli-void-recorded = Cancelamento registrado: { $lines } linha(s), { $amount } ({ $reason }).
error-quota-exceeded = { $sku }: este caixa está sem conexão e só pode vender a sua cota de { $quota } { $base_unit } ({ $used } vendidas); pedidas { $requested }.
error-held-for-other-tills = { $sku }: { $held } das { $on_hand } { $base_unit } em estoque estão reservadas para as cotas de outros caixas; pedidas { $requested }.
cli-sync-quota = Cota de { $sku } para o caixa { $till }: { $qty } { $base_unit } ({ $used } usadas).
# The buyer statement (src/statement.rs).
statement-title = Extrato de conta
statement-tax-number = NIF { $number }
statement-period = Período de { $from } a { $to }
statement-currency = Valores em { $currency }
statement-col-date = Data
statement-col-document = Documento
statement-col-due = Vencimento
statement-col-debit = Débito
statement-col-credit = Crédito
statement-col-balance = Saldo
statement-opening = Saldo anterior
statement-closing = Saldo final ({ $currency })
statement-overdue = Dos quais vencidos
statement-kind-invoice = Fatura
statement-kind-credit-note = Nota de crédito
statement-kind-payment = Pagamento
cli-statement-written = Extrato gravado em { $path } ({ $bytes } bytes).
error-no-rate = { $field }: não há taxa de câmbio de { $currency } em ou antes de { $date }; o dono regista-a com `onebook rate set`.
cli-rate = { $currency }: { $rate } desde { $day }
receipt-foreign-cash =   { $currency } { $amount } a { $rate }
error-wrong-pin = PIN errado para { $username }; restam { $attempts_left } tentativas antes do bloqueio.
error-sign-in-locked = { $username } está bloqueado até { $until } após demasiados PIN errados.
error-no-pin = { $username } ainda não tem PIN: o dono define um.
cli-pin-set = PIN definido para { $username }.
cli-signed-in = { $username } iniciou sessão.

## Desktop app: the wholesale counter, returns and the sync badge
counter-title = Balcão de atacado
counter-buyer = Cliente
counter-credit-limit = limite de crédito
counter-code = Código de barras ou SKU
counter-add = Adicionar item
counter-hint = Enter no código mostra o produto e o estoque · Enter na quantidade adiciona o item · F4 emite a fatura · F6 caixa, F7 balcão, F8 devoluções
counter-empty = Escolha um cliente e adicione os produtos a faturar.
counter-post = Emitir fatura (F4)
counter-issued = Fatura { $doc_no } emitida: total { $gross } { $currency }
returns-title = Devoluções
returns-doc = Número do cupom ou da fatura
returns-find = Buscar
returns-not-returnable = { $doc_no } não é uma venda nem uma fatura: nada a devolver.
returns-sold = Vendido
returns-qty = Qtd. a devolver
returns-restock = De volta à prateleira (desmarcado: avariado, baixado)
returns-restock-wholesale = A receber de volta no estoque (desmarcado: baixado)
returns-post = Registrar devolução
returns-done = Devolução { $doc_no } registrada: { $gross } { $currency }
sync-not-connected = Não conectado
sync-synced = Sincronizado
sync-pending = { $count } pendentes
sync-offline = Sem conexão: { $error }
sync-conflicts = { $count ->
    [one] 1 conflito
   *[other] { $count } conflitos
    }

## The catalog
catalog-title = Catálogo
catalog-search = Procurar
catalog-search-hint = nome, SKU ou código de barras
catalog-count = { $count } produtos
catalog-sku = SKU
catalog-name = Nome
catalog-price = Preço de varejo

## The month view
month-title = Mês
month-pick = Mês
month-show = Mostrar
month-export = Exportar { $format }
month-export-progress = Gravando { $part }: { $done } / { $total } linhas
month-written = O pacote do mês foi gravado: { $path }
month-chart = Vendas diárias por canal
month-chart-top = topo do gráfico: { $top }

## Quotes and open wholesale orders (src/open_orders.rs)
error-reserved-by-orders = { $sku }: pedidas { $requested } { $base_unit }, mas das { $on_hand } em estoque { $reserved } estão reservadas por pedidos abertos e { $reserve } guardadas para o atacado: { $available } disponíveis.
error-over-delivery = { $field }: { $sku }, linha { $line } de { $doc_no }: { $ordered } encomendadas, { $delivered } já entregues ou canceladas, pedidas { $requested }.
error-order-closed = { $doc_no } está fechado ({ $status }): não resta nada a entregar nem a cancelar.
error-quote-expired = { $field }: o orçamento { $doc_no } venceu em { $valid_until }; faça um novo com os preços de hoje.
error-quote-already-accepted = O orçamento { $doc_no } já foi aceito como pedido { $order }.
stock-reserved-by-orders = Reservado por pedidos abertos
cli-quote-saved = Orçamento { $doc_no } para { $buyer }: { $gross } { $currency }, válido até { $valid_until }. Não reserva estoque.
cli-order-placed = Pedido { $doc_no } para { $buyer }: { $gross } { $currency }. O estoque fica reservado até a entrega.
cli-order-delivered = { $invoice } entrega { $doc_no }: { $gross } { $currency }. O pedido está { $status }.
cli-order-cancelled = Pedido { $doc_no } cancelado ({ $reason }): { $released } unidades base liberadas.
cli-order-summary = { $doc_no } · { $buyer } · { $status } · { $gross } { $currency } · { $date }
cli-order-line = { $line }. { $sku } { $qty } { $unit } a { $price }: restam { $left } de { $ordered } { $base_unit }
order-status-open = aberto
order-status-delivered = entregue
order-status-cancelled = cancelado
order-status-quoted = orçado
order-status-accepted = aceito
order-status-expired = vencido

## Desktop app: sign-in, the inactivity lock, the owner's approval, backups and the audit trail
signin-pick = Quem está no caixa? Escolha o seu nome e digite o seu PIN.
signin-pin = PIN de { $user }
signin-keys = Os dígitos digitam o PIN · Enter entra · Backspace apaga · Esc volta
signin-no-pin = ainda sem PIN
signin-demo = PINs da loja de demonstração: { $pins }. Cada pessoa define o seu com `onebook user pin`.
signin-out = Sair
pin-ok = Entrar
pin-back = Voltar (Esc)
pin-delete = Apagar um dígito
lock-title = Bloqueado: { $user } se ausentou
lock-hint = { $user } ou um dono desbloqueia com o PIN; a venda em andamento é mantida.
lock-now = Bloquear
role-owner = Dono
role-cashier = Caixa
role-accountant = Contador
role-warehouse = Estoque
till-price-prompt = Novo preço unitário de { $item } (Enter aplica, Esc cancela)
till-hint-more = F3 muda o preço da última linha · F4 pede ao dono · Ctrl+L bloqueia · F12 sai
approve-ask = Pedir ao dono
approve-title = Aprovação do dono: { $action }
approve-who = Aprovado por
approve-done = Aprovado por { $user } para esta venda
action-override-price = uma alteração de preço
action-override-negative-stock = uma venda abaixo do mínimo de estoque
backup-none = Nenhum backup ainda
backup-ok = { $hours ->
    [0] Backup feito há menos de uma hora
   *[other] Backup feito há { $hours } h
}
backup-stale = Último backup há { $hours } h: desatualizado
backup-folder-missing = Pasta de backup ausente: { $folder }
backup-now = Fazer backup agora
audit-title = Trilha de auditoria
audit-act = Ato
audit-all = Todos
audit-user = Pessoa
audit-from = De
audit-to = Até
audit-apply = Mostrar
audit-when = Quando
audit-subject = O quê
audit-before = Antes
audit-after = Depois
audit-empty = Nenhuma entrada corresponde.
audit-verify-ok = Cadeia íntegra: todas as { $entries } entradas verificadas.
audit-verify-broken = Cadeia quebrada na entrada { $seq } ({ $reason }): a trilha foi alterada a partir daí.
audit-act-price-override = Alteração de preço
audit-act-negative-stock-override = Venda abaixo do mínimo de estoque
audit-act-approval = Aprovação do dono
audit-act-void = Cancelamento
audit-act-credit-override = Exceção de crédito
audit-act-refund-without-receipt = Reembolso sem recibo
audit-act-drawer-opened = Gaveta aberta sem venda
audit-act-user-add = Conta de funcionário criada
audit-act-user-change = Conta de funcionário alterada
audit-act-sign-in-locked = Acesso bloqueado
audit-act-lock-setting = Tempo de bloqueio do caixa alterado
audit-act-period-close = Mês fechado
audit-act-backup-restore = Backup restaurado
error-not-signed-in = Ninguém entrou neste caixa: entre com o seu PIN.
error-unlock-refused = { $username } não pode desbloquear este caixa: só { $locked_by } ou um dono podem.
cli-lock-after = O caixa bloqueia após { $minutes } minutos sem atividade (0: nunca).

## The encrypted book's first screen
book-passphrase-title = Este livro está criptografado
book-passphrase-hint = Digite a frase-senha do dono para abri-lo. Sem ela os livros não podem ser lidos: não há outro caminho.
book-passphrase-open = Abrir

## Cloud sync in the app: settings, status, conflicts; the CLI's rebase
cli-sync-rebased = Realinhado com a nuvem: { $replayed } entradas deste caixa recuperadas da nuvem, { $renumbered } documentos renumerados; o envio continua a partir da entrada { $head }.
sync-screen-title = Sincronização na nuvem
sync-screen-open = Configurações e conflitos da sincronização (Ctrl+Y)
sync-settings-title = Configurações
sync-server = URL do servidor
sync-server-hint = O servidor PostgreSQL da loja. Pela internet acrescente ?sslmode=require (TLS, o certificado é verificado); &sslrootcert=ARQUIVO confia em uma autoridade certificadora privada.
sync-admin-hint = Para registrar, informe uma conta que possa criar papéis (postgres://usuário:senha@host/bd). Ela é usada uma vez e nunca guardada: este caixa recebe um acesso próprio.
sync-tenant = Nome da loja no servidor
sync-tenant-hint = Todos os caixas da loja informam o mesmo nome.
sync-register = Registrar este caixa
sync-registered = Registrado em { $tenant } com a série { $prefix }; o caixa já sincroniza em segundo plano.
sync-status-title = Estado
sync-state = Conexão
sync-state-online = Online
sync-state-offline = Offline
sync-state-unregistered = Não registrado
sync-pending-rows = Entradas a enviar
sync-last = Última sincronização
sync-never = nunca
sync-open-conflicts = Conflitos em aberto
sync-last-error = Último erro
sync-now = Sincronizar agora
sync-now-done = Enviadas { $pushed }, recebidas { $pulled }.
sync-conflicts-title = Conflitos
sync-conflicts-none = Nenhum conflito.
sync-conflict-oversold = { $sku } { $name }: vendido abaixo de zero, saldo atual { $balance }
sync-conflict-received-twice = Devolução { $doc_no } recebida em dois caixas
sync-conflict-other = { $detail }
sync-conflict-open = Em aberto
sync-conflict-resolved = Resolvido
sync-conflict-till = Caixa
sync-conflict-time = Hora
sync-conflict-doc = Documento
sync-conflict-qty = Quantidade
sync-conflict-counted = Contado na prateleira
sync-conflict-resolve-count = Resolver com uma contagem
sync-conflict-count-posted = Contagem { $doc_no } lançada.
audit-act-sync-rebase = Caixa realinhado com a nuvem após uma restauração
