//! Credit and terms: refusals with their figures, the owner's recorded override, payments across
//! invoices, partial payments, unapplied credit, credit notes, and the aging table at fixed dates.

mod buyers_common;

use buyers_common::*;
use onebook::document::{DocumentDraft, PostOptions, ReturnLine, WholesaleReturnDraft};
use onebook::receivables::{AllocationInput, PaymentInput};
use onebook::{Error, Terms};

fn pay(buyer: &str, amount: &str, method: &str, invoices: &[&str], date: &str) -> PaymentInput {
    PaymentInput {
        buyer: buyer.into(),
        amount: d(amount),
        method: method.into(),
        invoices: invoices.iter().map(|i| AllocationInput::parse(i, "invoice").unwrap()).collect(),
        reference: None,
        date: Some(date.into()),
        currency: None,
    }
}

fn override_with(reason: &str) -> PostOptions {
    PostOptions { credit_override_reason: Some(reason.into()) }
}

#[test]
fn terms_set_the_due_date() {
    let mut s = shop();
    s.receive("2026-01-02T09:00:00", "10");
    s.buyer("N7", None, None, Terms::parse("net 7", "terms").unwrap());
    s.buyer("EOM", None, None, Terms::parse("eom", "terms").unwrap());
    s.buyer("CASH", None, None, Terms::parse("cash", "terms").unwrap());
    let due = |s: &mut Shop, buyer: &str| {
        s.book.post(&s.owner, &invoice("2026-01-20T10:00:00", buyer, "1"), now()).unwrap().due_at.unwrap()
    };
    assert_eq!(due(&mut s, "N7"), "2026-01-27T06:00:00.000000Z");
    // The end of January in Dubai (UTC+4).
    assert_eq!(due(&mut s, "EOM"), "2026-01-31T19:59:59.000000Z");
    assert_eq!(due(&mut s, "CASH"), "2026-01-20T06:00:00.000000Z");
}

#[test]
fn credit_refusals_payments_credit_notes_and_aging() {
    let mut s = shop();
    s.receive("2026-01-02T09:00:00", "100");
    s.buyer("B1", None, Some("5000"), Terms::Net { days: 30 });
    s.buyer("B2", None, None, Terms::EndOfMonth { days: 0 });
    s.buyer("B3", None, None, Terms::Net { days: 7 });

    // 2 cartons = 2 000.00 + 5 % VAT = 2 100.00 each.
    let inv1 = s.book.post(&s.owner, &invoice("2026-01-05T10:00:00", "B1", "2"), now()).unwrap();
    let b3 = s.book.post(&s.owner, &invoice("2026-01-05T11:00:00", "B3", "1"), now()).unwrap();
    let b2 = s.book.post(&s.owner, &invoice("2026-01-06T10:00:00", "B2", "2"), now()).unwrap();
    let inv2 = s.book.post(&s.owner, &invoice("2026-01-10T10:00:00", "B1", "2"), now()).unwrap();
    assert_eq!((inv1.gross.as_str(), inv2.gross.as_str()), ("2100.00", "2100.00"));

    // Over the limit: 4 200 open + 1 050 > 5 000. Refused with the figures; nothing recorded.
    let before = s.documents();
    let e = s.book.post(&s.owner, &invoice("2026-01-12T10:00:00", "B1", "1"), now()).unwrap_err();
    assert_eq!(
        e,
        Error::CreditLimitExceeded {
            buyer: "B1".into(),
            limit: "5000.00".into(),
            open: "4200.00".into(),
            invoice: "1050.00".into(),
        }
    );
    let msg = e.message(onebook::Locale::En);
    assert!(msg.contains("5000.00") && msg.contains("4200.00") && msg.contains("1050.00"), "{msg}");
    assert_eq!(s.documents(), before);
    // A buyer without a limit is not checked (B2 takes 50 cartons).
    s.book.post(&s.owner, &invoice("2026-01-12T11:00:00", "B2", "50"), now()).unwrap();

    // Bank transfer of 3 000 against both invoices: the first settled, 900 on the second.
    let p = s
        .book
        .record_payment(
            &s.accountant,
            &pay("B1", "3000", "bank", &[&inv1.doc_no, &inv2.doc_no], "2026-01-15T10:00:00"),
            now(),
        )
        .unwrap();
    assert_eq!(p.pay_no, "PAY-A-000001");
    let alloc: Vec<(&str, &str, &str)> =
        p.allocations.iter().map(|a| (a.invoice.as_str(), a.amount.as_str(), a.open_after.as_str())).collect();
    assert_eq!(alloc, [(inv1.doc_no.as_str(), "2100.00", "0.00"), (inv2.doc_no.as_str(), "900.00", "1200.00")]);
    assert_eq!((p.unapplied.as_str(), p.balance_after.as_str()), ("0.00", "1200.00"));

    // A cashier may not take buyers' payments; an amount over what is open is refused.
    let e = s.book.record_payment(&s.cashier, &pay("B1", "10", "cash", &[], "2026-01-15T11:00:00"), now()).unwrap_err();
    assert_eq!(e.code(), "permission-denied");
    let over = format!("{}=1300", inv2.doc_no);
    let e = s
        .book
        .record_payment(&s.owner, &pay("B1", "1300", "cash", &[&over], "2026-01-15T11:00:00"), now())
        .unwrap_err();
    assert_eq!(e.code(), "allocation-exceeds-open");

    // A credit note for one carton of the second invoice: 1 050 off, 150 left open.
    let cn = DocumentDraft::WholesaleReturn(WholesaleReturnDraft {
        date: Some("2026-01-16T10:00:00".into()),
        invoice: inv2.doc_no.clone(),
        restock: Some(true),
        lines: vec![ReturnLine { line: Some(1), sku: None, barcode: None, qty: d("1"), unit: None }],
        note: None,
    });
    s.book.post(&s.owner, &cn, now()).unwrap();
    // A cash payment naming no invoice settles the oldest open one; the rest is unapplied credit.
    let p = s.book.record_payment(&s.owner, &pay("B1", "500", "cash", &[], "2026-01-17T10:00:00"), now()).unwrap();
    let alloc: Vec<(&str, &str)> = p.allocations.iter().map(|a| (a.invoice.as_str(), a.amount.as_str())).collect();
    assert_eq!(alloc, [(inv2.doc_no.as_str(), "150.00")]);
    assert_eq!((p.unapplied.as_str(), p.balance_after.as_str()), ("350.00", "-350.00"));

    // Within the limit again: 4 cartons (4 200) on a balance of -350.
    let inv3 = s.book.post(&s.owner, &invoice("2026-01-20T10:00:00", "B1", "4"), now()).unwrap();
    assert_eq!(inv3.due_at.as_deref(), Some("2026-02-19T06:00:00.000000Z"));

    // The month report's aging at the end of January accounts for the payments.
    let r = s.book.report_month(&s.accountant, "2026-01").unwrap();
    let row = r.receivables_aging.iter().find(|a| a.buyer == "B1").unwrap();
    assert_eq!((row.current.as_str(), row.credit.as_str(), row.total.as_str()), ("4200.00", "350.00", "3850.00"));

    // After the due date the buyer is overdue: 4 200 past due less 350 credit.
    let e = s.book.post(&s.owner, &invoice("2026-02-25T10:00:00", "B1", "1"), now()).unwrap_err();
    assert_eq!(
        e,
        Error::BuyerOverdue {
            buyer: "B1".into(),
            limit: "5000.00".into(),
            open: "3850.00".into(),
            overdue: "3850.00".into(),
        }
    );
    // The owner overrides with a reason, which is recorded with the figures of the moment.
    let doc = s
        .book
        .post_with(
            &s.owner,
            &invoice("2026-02-25T10:00:00", "B1", "1"),
            &override_with("cheque promised Friday"),
            now(),
        )
        .unwrap();
    let o = doc.credit_override.as_ref().expect("the override is on the invoice");
    assert_eq!(
        (
            o.refusal.as_str(),
            o.reason.as_str(),
            o.limit.as_deref(),
            o.open.as_str(),
            o.overdue.as_str(),
            o.invoice.as_str(),
            o.user.as_str()
        ),
        ("buyer-overdue", "cheque promised Friday", Some("5000.00"), "3850.00", "3850.00", "1050.00", "owner")
    );
    assert_eq!(s.book.document(&doc.doc_no).unwrap().credit_override.as_ref(), Some(o));
    // And in the audit trail: the refusal's figures before, the balance it took the buyer to, why.
    let trail = s.book.audit_list(&s.owner).unwrap();
    let entry = trail.iter().find(|e| e.action == "credit-override").expect("the override's audit entry");
    assert_eq!((entry.subject.as_str(), entry.username.as_str()), (doc.doc_no.as_str(), "owner"));
    assert_eq!(entry.reason.as_deref(), Some("cheque promised Friday"));
    let before: serde_json::Value = serde_json::from_str(entry.before.as_deref().unwrap()).unwrap();
    assert_eq!(
        before,
        serde_json::json!({"refusal": "buyer-overdue", "limit": "5000.00", "open": "3850.00", "overdue": "3850.00"})
    );
    let after: serde_json::Value = serde_json::from_str(entry.after.as_deref().unwrap()).unwrap();
    // 3 850.00 open + this invoice's 1 050.00.
    assert_eq!(after, serde_json::json!({"open": "4900.00", "invoice": "1050.00"}));
    assert!(s.book.audit_verify(&s.owner).unwrap().ok);

    // The aging table at the end of 31 March (Dubai):
    // B1: invoice 3 due 19 Feb (40 days: 31-60), invoice 4 due 27 Mar (1-30), 350 credit;
    // B2: 2 100 due 31 Jan and 52 500 due 31 Jan (59 days: 31-60);
    // B3: 1 050 due 12 Jan (78 days: 61-90).
    let table = s.book.aging_as_of(&s.accountant, Some("2026-03-31"), now()).unwrap();
    assert_eq!(table.at, "2026-03-31T20:00:00.000000Z");
    let rows: Vec<[&str; 8]> = table
        .rows
        .iter()
        .map(|a| {
            [
                a.buyer.as_str(),
                a.current.as_str(),
                a.days_1_30.as_str(),
                a.days_31_60.as_str(),
                a.days_61_90.as_str(),
                a.days_over_90.as_str(),
                a.credit.as_str(),
                a.total.as_str(),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["B1", "0.00", "1050.00", "4200.00", "0.00", "0.00", "350.00", "4900.00"],
            ["B2", "0.00", "0.00", "54600.00", "0.00", "0.00", "0.00", "54600.00"],
            ["B3", "0.00", "0.00", "0.00", "1050.00", "0.00", "0.00", "1050.00"],
        ]
    );
    assert_eq!(table.totals.total, "60550.00");
    // A month later B3's invoice is over 90 days; the table is the same ledger read at another date.
    let later = s.book.aging_as_of(&s.accountant, Some("2026-04-30"), now()).unwrap();
    let b3row = later.rows.iter().find(|a| a.buyer == "B3").unwrap();
    assert_eq!(b3row.days_over_90, "1050.00");
    let _ = (b2, b3);
    // A cashier does not read receivables.
    assert_eq!(s.book.aging_as_of(&s.cashier, None, now()).unwrap_err().code(), "permission-denied");
}
