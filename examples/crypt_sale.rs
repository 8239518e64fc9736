//! What encryption at rest costs a sale: the commit latency of a 3-line retail sale (`Book::post`)
//! on a plain book and on the same book encrypted (SQLCipher), interleaved so both see the same
//! machine load. Prints figures, asserts nothing.
//!
//! `cargo run --release --example crypt_sale [SALES]` (default 500 sales per book).

use std::time::{Duration, Instant};

use onebook::{Book, DocumentDraft, ImportOptions, ShopSetup, Timestamp};

const PASSPHRASE: &str = "a passphrase for the bench";

fn book(path: &std::path::Path, encrypted: bool) -> onebook::Result<(Book, onebook::Actor)> {
    let mut book = Book::open(path)?;
    let now = Timestamp::now();
    let owner = book.init(&ShopSetup::new("Bench", "AED", 5.into(), "Asia/Dubai"), now)?;
    let mut csv = String::from("sku,name,base_unit,vat_rate,retail_prices\n");
    for i in 0..300 {
        csv.push_str(&format!("P-{i:03},Product {i},piece,5,piece=10.00\n"));
    }
    book.import_products(&owner, csv.as_bytes(), ImportOptions { skip_bad: false }, &mut |_| {}, now)?;
    let lines: Vec<String> =
        (0..300).map(|i| format!(r#"{{"sku":"P-{i:03}","qty":100000,"unit_cost":"5"}}"#)).collect();
    let receipt = format!(r#"{{"kind":"receipt","lines":[{}]}}"#, lines.join(","));
    book.post(&owner, &DocumentDraft::from_json(&receipt)?, now)?;
    if encrypted {
        book.encrypt(&owner, PASSPHRASE, now)?;
    }
    book.checkpoint_in_background()?;
    Ok((book, owner))
}

fn figures(name: &str, mut t: Vec<Duration>) {
    t.sort();
    let at = |q: f64| t[((t.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    let mean = t.iter().map(Duration::as_secs_f64).sum::<f64>() / t.len() as f64 * 1000.0;
    println!(
        "{name:<10} {:>5} sales  mean {mean:7.3} ms  p50 {:7.3} ms  p95 {:7.3} ms  p99 {:7.3} ms",
        t.len(),
        at(0.5),
        at(0.95),
        at(0.99)
    );
}

fn main() -> onebook::Result<()> {
    let sales: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let dir = std::env::temp_dir().join(format!("onebook-crypt-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| onebook::Error::Io { path: dir.display().to_string(), detail: e.to_string() })?;
    let (mut plain, owner_p) = book(&dir.join("plain.sqlite3"), false)?;
    let (mut crypt, owner_c) = book(&dir.join("crypt.sqlite3"), true)?;
    let draft = |i: usize| {
        let lines: Vec<String> = (0..3).map(|k| format!(r#"{{"sku":"P-{:03}","qty":1}}"#, (i * 3 + k) % 300)).collect();
        DocumentDraft::from_json(&format!(r#"{{"kind":"sale","lines":[{}]}}"#, lines.join(",")))
    };
    let warmup = 50;
    let (mut tp, mut tc) = (vec![], vec![]);
    for i in 0..warmup + sales {
        let d = draft(i)?;
        let t = Instant::now();
        plain.post(&owner_p, &d, Timestamp::now())?;
        let p = t.elapsed();
        let t = Instant::now();
        crypt.post(&owner_c, &d, Timestamp::now())?;
        let c = t.elapsed();
        if i >= warmup {
            tp.push(p);
            tc.push(c);
        }
    }
    println!("3-line retail sale, Book::post commit latency (synchronous=FULL, WAL, background checkpoints)");
    figures("plain", tp);
    figures("encrypted", tc);
    let t = Instant::now();
    drop(Book::open_with_passphrase(dir.join("crypt.sqlite3"), Some(PASSPHRASE))?);
    println!("open of the encrypted book (key derivation + quick check): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    drop(Book::open(dir.join("plain.sqlite3"))?);
    println!("open of the plain book: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    drop((plain, crypt));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
