//! What the command-line tests share: run the real `onebook` binary on a book, read its output.
#![allow(dead_code)] // each test crate uses its own part

use std::path::Path;
use std::process::{Command, Output};

/// Run `onebook --db DB ARGS…` with no user, language or locale leaking in from the shell.
pub fn onebook(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onebook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ONEBOOK_USER")
        .env_remove("ONEBOOK_LANG")
        .env("LANG", "C")
        .output()
        .expect("onebook runs")
}

/// The standard output of a command that must have succeeded (its output shown if not).
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `--json` output of a command that must have succeeded.
pub fn json(out: Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).expect("valid JSON")
}

/// A small deterministic generator for the randomised tests (no `rand` in the dependencies).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An exact decimal from its text (`"12.95"`).
pub fn d(text: &str) -> rust_decimal::Decimal {
    rust_decimal::Decimal::from_str_exact(text).unwrap()
}
