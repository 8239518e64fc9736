//! A wholesale buyer's statement of account for a period: the balance brought forward, every
//! invoice, credit note and payment of the period with the running balance, the balance carried
//! forward and what of it is overdue; as data (`--json`) and as an A4 PDF in the buyer's language.
//!
//! The balance is the one the credit check uses (invoices less credit notes less payments,
//! [`crate::receivables`]): the statement refuses to print if its lines do not add up to it.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::i18n::{self, Locale};
use crate::invoice_pdf::pdf::{self, Align, Pdf};
use crate::money;
use crate::people::{Action, Actor};
use crate::shop::Shop;
use crate::time::{local_date, Timestamp};

/// One line of the statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementLine {
    /// Local date.
    pub date: String,
    /// `invoice`, `credit_note` or `payment`.
    pub kind: String,
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// What the buyer owes more (invoices), or less (credit notes, payments), in the shop's currency.
    pub debit: Option<String>,
    pub credit: Option<String>,
    pub balance: String,
}

/// A buyer's statement of account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub buyer: String,
    pub name: String,
    pub tax_number: Option<String>,
    pub currency: String,
    /// First and last local day of the period.
    pub from: String,
    pub to: String,
    pub opening: String,
    pub lines: Vec<StatementLine>,
    pub closing: String,
    /// Of the closing balance, what was past due at the end of the period.
    pub overdue: String,
    #[serde(skip)]
    locale: Option<Locale>,
}

fn day(text: &str, field: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{text:?} is not a date YYYY-MM-DD")))
}

/// The statement of buyer `code` from local day `from` to local day `to`, both included.
pub(crate) fn statement(
    conn: &Connection,
    actor: &Actor,
    shop: &Shop,
    code: &str,
    from: &str,
    to: &str,
) -> Result<Statement> {
    actor.require(Action::ViewReports)?;
    let (first, last) = (day(from, "from")?, day(to, "to")?);
    if last < first {
        return Err(Error::invalid("to", "the period ends before it starts"));
    }
    let account = crate::buyers::account(conn, shop, code)?;
    let (tax_number, locale): (Option<String>, Option<String>) =
        conn.query_row("SELECT tax_number, locale FROM customers WHERE id = ?1", [&account.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let start = crate::pricing::parse_effective(&first.to_string(), shop, "from")?;
    let end = crate::pricing::parse_effective(&last.to_string(), shop, "to")?.add_days(1);
    let opening = crate::receivables::position(conn, &account.id, start, Some(start))?.balance();
    let close = crate::receivables::position(conn, &account.id, end, Some(end))?;
    let mut st = conn.prepare(
        "SELECT occurred_at, 'invoice', doc_no, due_at, gross_minor FROM documents
          WHERE customer_id = ?1 AND kind = 'invoice' AND occurred_at >= ?2 AND occurred_at < ?3
         UNION ALL
         SELECT n.occurred_at, 'credit_note', n.doc_no, NULL, -n.gross_minor FROM documents n
           JOIN documents i ON i.id = n.ref_document_id
          WHERE i.customer_id = ?1 AND n.kind = 'wholesale_return' AND n.occurred_at >= ?2 AND n.occurred_at < ?3
         UNION ALL
         SELECT occurred_at, 'payment', pay_no, NULL, -amount_minor FROM buyer_payments
          WHERE customer_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3
         ORDER BY 1, 3",
    )?;
    let rows = st.query_map(params![account.id, start.to_db(), end.to_db()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mu = shop.minor_units;
    let local = |ts: &str| -> Result<String> { Ok(local_date(Timestamp::from_db(ts)?, shop.tz).to_string()) };
    let mut balance = opening;
    let mut lines = vec![];
    for row in rows {
        let (at, kind, number, due, amount) = row?;
        balance += amount;
        lines.push(StatementLine {
            date: local(&at)?,
            kind,
            number,
            due: due.as_deref().map(local).transpose()?,
            debit: (amount > 0).then(|| money::minor_str(amount, mu)),
            credit: (amount < 0).then(|| money::minor_str(-amount, mu)),
            balance: money::minor_str(balance, mu),
        });
    }
    if balance != close.balance() {
        return Err(Error::Storage {
            detail: format!("the statement of {code} adds up to {balance}, the ledger says {}", close.balance()),
        });
    }
    Ok(Statement {
        buyer: account.code,
        name: account.name,
        tax_number,
        currency: shop.currency.clone(),
        from: first.to_string(),
        to: last.to_string(),
        opening: money::minor_str(opening, mu),
        lines,
        closing: money::minor_str(balance, mu),
        overdue: money::minor_str(close.overdue, mu),
        locale: locale.as_deref().and_then(Locale::parse),
    })
}

const LEFT: f32 = 40.0;
const RIGHT: f32 = 555.0;
const ROWS_BOTTOM: f32 = 780.0;
const ROW_H: f32 = 15.0;

/// Columns: (message id, x, alignment).
const COLUMNS: [(&str, f32, Align); 6] = [
    ("statement-col-date", 42.0, Align::Left),
    ("statement-col-document", 112.0, Align::Left),
    ("statement-col-due", 262.0, Align::Left),
    ("statement-col-debit", 400.0, Align::Right),
    ("statement-col-credit", 477.0, Align::Right),
    ("statement-col-balance", 553.0, Align::Right),
];

struct Sheet {
    pdf: Pdf,
    locale: Locale,
}

impl Sheet {
    fn put(&mut self, text: &str, (x, y): (f32, f32), size: f32, align: Align, bold: bool, grey: bool) {
        let shaped = pdf::shape(text, self.locale, bold);
        let page = self.pdf.page_count() - 1;
        self.pdf.text_on(page, &shaped, (x, y), size, align, grey);
    }

    fn m(&self, id: &str, args: &[(&str, String)]) -> String {
        i18n::message(self.locale, id, args)
    }

    fn header(&mut self, y: f32) -> f32 {
        let page = self.pdf.page_count() - 1;
        self.pdf.band(page, LEFT, y, RIGHT - LEFT, 18.0);
        for (id, x, align) in COLUMNS {
            let label = self.m(id, &[]);
            self.put(&label, (x, y + 12.5), 8.5, align, true, false);
        }
        y + 32.0
    }
}

/// The statement as an A4 PDF in `locale` (default: the buyer's language, else the shop's).
pub(crate) fn render(shop: &Shop, s: &Statement, locale: Option<Locale>) -> Result<Vec<u8>> {
    let locale = locale.or(s.locale).unwrap_or(shop.locale);
    for (text, field) in [(&shop.name, "shop.name"), (&s.name, "buyer.name")] {
        if let Some(c) = crate::fonts::missing_char(text, locale) {
            return Err(Error::UnprintableText {
                field: field.into(),
                text: text.chars().take(40).collect(),
                script: format!("U+{:04X}", c as u32),
            });
        }
    }
    let num = |t: &str| i18n::format_number(locale, t);
    let mut p = Sheet { pdf: Pdf::new(), locale };
    p.pdf.new_page();
    p.put(&shop.name, (LEFT, 58.0), 15.0, Align::Left, true, false);
    let title = p.m("statement-title", &[]);
    p.put(&title, (RIGHT, 58.0), 15.0, Align::Right, true, false);
    p.pdf.rule(0, LEFT, RIGHT, 70.0, 0.8);
    if let Some(tax) = &shop.tax_number {
        let t = p.m("statement-tax-number", &[("number", tax.clone())]);
        p.put(&t, (LEFT, 86.0), 9.0, Align::Left, false, true);
    }
    let period = p.m("statement-period", &[("from", s.from.clone()), ("to", s.to.clone())]);
    p.put(&period, (RIGHT, 86.0), 10.0, Align::Right, false, false);
    let buyer = format!("{} · {}", s.buyer, s.name);
    p.put(&buyer, (LEFT, 110.0), 12.0, Align::Left, true, false);
    if let Some(tax) = &s.tax_number {
        let t = p.m("statement-tax-number", &[("number", tax.clone())]);
        p.put(&t, (LEFT, 125.0), 9.0, Align::Left, false, true);
    }
    let currency = p.m("statement-currency", &[("currency", s.currency.clone())]);
    p.put(&currency, (RIGHT, 110.0), 9.0, Align::Right, false, true);

    let mut y = p.header(140.0);
    let opening = p.m("statement-opening", &[]);
    p.put(&opening, (112.0, y), 9.0, Align::Left, true, false);
    p.put(&num(&s.opening), (553.0, y), 9.0, Align::Right, true, false);
    y += ROW_H;
    for l in &s.lines {
        if y > ROWS_BOTTOM {
            p.pdf.new_page();
            y = p.header(50.0);
        }
        let kind = p.m(&format!("statement-kind-{}", l.kind.replace('_', "-")), &[]);
        p.put(&l.date, (42.0, y), 9.0, Align::Left, false, false);
        p.put(&format!("{kind} {}", l.number), (112.0, y), 9.0, Align::Left, false, false);
        if let Some(due) = &l.due {
            p.put(due, (262.0, y), 9.0, Align::Left, false, true);
        }
        if let Some(d) = &l.debit {
            p.put(&num(d), (400.0, y), 9.0, Align::Right, false, false);
        }
        if let Some(c) = &l.credit {
            p.put(&num(c), (477.0, y), 9.0, Align::Right, false, false);
        }
        p.put(&num(&l.balance), (553.0, y), 9.0, Align::Right, false, false);
        y += ROW_H;
    }
    if y > ROWS_BOTTOM - 40.0 {
        p.pdf.new_page();
        y = 60.0;
    }
    let page = p.pdf.page_count() - 1;
    p.pdf.rule(page, LEFT, RIGHT, y - 8.0, 0.6);
    let closing = p.m("statement-closing", &[("currency", s.currency.clone())]);
    p.put(&closing, (112.0, y + 6.0), 10.5, Align::Left, true, false);
    p.put(&num(&s.closing), (553.0, y + 6.0), 10.5, Align::Right, true, false);
    let overdue = p.m("statement-overdue", &[]);
    p.put(&overdue, (112.0, y + 24.0), 9.0, Align::Left, false, false);
    p.put(&num(&s.overdue), (553.0, y + 24.0), 9.0, Align::Right, false, false);
    let title = format!("{} {} {}", i18n::message(locale, "statement-title", &[]), s.buyer, s.to);
    p.pdf.finish(&title).map_err(|detail| Error::Storage { detail })
}
