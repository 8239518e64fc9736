//! Re-basing a till restored from a backup on the cloud's copy of its own log.
//!
//! A till's file restored from a backup is older than what the cloud holds of its log: the
//! documents it made after the backup are on the server (and on the other tills), not here. The
//! sales made here since the restore took the same log numbers, document numbers and movement
//! numbers as those lost ones, so pushing would either lose them or double them; the push stops.
//! [`rebase`] makes the till whole again, in one SQLite transaction:
//!
//! 1. finds where this file's log and the cloud's copy part (entries acknowledged before the
//!    backup are the same on both);
//! 2. sets aside the numbers of the documents and movements made here since the restore;
//! 3. replays the cloud's entries this file lacks (the documents made after the backup, their
//!    movements booked like any merged ones, so balances are the sum of the movements);
//! 4. gives the documents made here since the restore the next numbers of their series and their
//!    movements the next device numbers, past everything the cloud holds (same document ids: no
//!    document is lost or doubled), and re-logs them after the cloud's head;
//! 5. records the act in the audit log with each document's old and new number.
//!
//! Then the push continues from the cloud's head. Owner only.

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value as Json;

use super::cloud::Link;
use super::{list, rows, Applied, Entry};
use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// A document made here since the restore, given a new number by the rebase.
#[derive(Debug, Clone, Serialize)]
pub struct Renumbered {
    pub document_id: String,
    pub old_doc_no: String,
    pub new_doc_no: String,
}

/// What a rebase did.
#[derive(Debug, Clone, Serialize)]
pub struct Rebase {
    /// The first entry of this till's log that differed from the cloud's (the restore point).
    pub diverged_at: i64,
    /// The head of this till's log on the server, which the push now continues from.
    pub cloud_head: i64,
    /// The cloud's entries replayed here (what this till made after the backup).
    pub replayed: usize,
    /// This till's entries made since the restore, re-logged after the cloud's head.
    pub relogged: usize,
    /// Its documents, renumbered.
    pub documents: Vec<Renumbered>,
}

/// The entries of this file's log after `after`, oldest first.
fn local_log(conn: &Connection, after: i64) -> Result<Vec<Entry>> {
    super::outbox(conn, after, i64::MAX)
}

/// The documents and movements an entry made (a document, or the receipt of a return).
fn entry_rows(e: &Entry) -> Result<(Option<(String, bool)>, Vec<String>)> {
    let doc = match e.kind.as_str() {
        "doc" => match list(&e.payload, "documents").first() {
            Some(d) => Some((rows::text(d, "id")?.to_string(), false)),
            None => None,
        },
        "receive" => e.payload["document_id"].as_str().map(|id| (id.to_string(), true)),
        _ => None,
    };
    let movements = list(&e.payload, "movements")
        .iter()
        .map(|m| rows::text(m, "id").map(str::to_string))
        .collect::<Result<Vec<_>>>()?;
    Ok((doc, movements))
}

/// Re-base this till on the cloud's copy of its log (see the module docs). Pulls the other
/// tills first, so what the lost documents refer to is here.
pub(crate) fn rebase(conn: &mut Connection, actor: &Actor, now: Timestamp) -> Result<Rebase> {
    actor.require(Action::ManageSync)?;
    let mut link = Link::open(conn)?;
    link.pull(conn, now)?;
    let pushed: i64 = conn.query_row("SELECT pushed_seq FROM sync_state WHERE id = 1", [], |r| r.get(0))?;
    let cloud = link.own_log(pushed)?;
    let local = local_log(conn, pushed)?;
    let cloud_head = cloud.last().map(|e| e.seq).unwrap_or(pushed);
    // Where the two logs part: the first entry that differs, or the end of the shorter one.
    let mut diverged_at = pushed + 1;
    for (c, l) in cloud.iter().zip(local.iter()) {
        if c.seq != l.seq || c.kind != l.kind || c.payload != l.payload {
            break;
        }
        diverged_at = c.seq + 1;
    }
    let missing: Vec<&Entry> = cloud.iter().filter(|e| e.seq >= diverged_at).collect();
    let orphans: Vec<&Entry> = local.iter().filter(|e| e.seq >= diverged_at).collect();
    if missing.is_empty() {
        // The cloud holds nothing this file lacks: the push goes on as it is.
        return Ok(Rebase { diverged_at, cloud_head, replayed: 0, relogged: 0, documents: vec![] });
    }
    let device = crate::shop::device(conn)?;
    let own = device.device_id.clone();

    let tx = crate::db::write_tx(conn)?;
    tx.execute("INSERT INTO sync_rebasing (id) VALUES (1)", [])?;
    // 2. The numbers of what was made here since the restore, set aside (negative) for now.
    let mut docs: Vec<(String, bool)> = vec![];
    let mut movements: Vec<String> = vec![];
    for e in &orphans {
        let (doc, moves) = entry_rows(e)?;
        if let Some((id, received)) = doc {
            if !received && !docs.iter().any(|(d, _)| *d == id) {
                docs.push((id, received));
            }
        }
        movements.extend(moves);
    }
    let mut old_numbers = vec![];
    for (id, _) in &docs {
        let (series, doc_no): (String, String) =
            tx.query_row("SELECT series, doc_no FROM documents WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        tx.execute("UPDATE documents SET number = -number, doc_no = doc_no || '~rebase' WHERE id = ?1", [id])?;
        old_numbers.push((id.clone(), series, doc_no));
    }
    let mut seqs: Vec<(i64, String)> = vec![];
    for id in &movements {
        let seq: i64 = tx.query_row("SELECT device_seq FROM movements WHERE id = ?1", [id], |r| r.get(0))?;
        seqs.push((seq, id.clone()));
        tx.execute("UPDATE movements SET device_seq = -device_seq WHERE id = ?1", [id])?;
    }
    seqs.sort();

    // 3. The cloud's entries this file lacks, replayed as they were made.
    for e in &missing {
        match super::apply(&tx, &own, &e.kind, &e.payload, now) {
            Ok(Applied::Done) => {}
            Ok(Applied::Waiting) => {
                return Err(Error::Cloud {
                    detail: format!(
                        "entry {} of this till's log on the server refers to a row not here yet; sync the other \
                         tills and re-base again (nothing changed)",
                        e.seq
                    ),
                })
            }
            Err(err) => return Err(Error::Cloud { detail: format!("entry {} of this till's log: {err}", e.seq) }),
        }
    }

    // 4. What was made here since the restore: the next numbers, past the cloud's.
    let mut documents = vec![];
    for (id, series, old_doc_no) in old_numbers {
        // The set-aside numbers are negative: the top is the cloud's documents' or the renumbered ones'.
        let top: i64 =
            tx.query_row("SELECT COALESCE(max(number), 0) FROM documents WHERE series = ?1", [&series], |r| r.get(0))?;
        let number = top.max(0) + 1;
        let new_doc_no = format!("{series}-{number:06}");
        tx.execute("UPDATE documents SET number = ?2, doc_no = ?3 WHERE id = ?1", params![id, number, new_doc_no])?;
        documents.push(Renumbered { document_id: id, old_doc_no, new_doc_no });
    }
    // This till's series counters: at the last number it has used, here or (before the restore) in the cloud.
    tx.execute(
        "INSERT INTO series (series, last_number)
         SELECT series, max(number) FROM documents WHERE device_id = ?1 GROUP BY series
         ON CONFLICT (series) DO UPDATE SET last_number = excluded.last_number",
        [&own],
    )?;
    let mut next: i64 =
        tx.query_row("SELECT COALESCE(max(device_seq), 0) + 1 FROM movements WHERE device_id = ?1", [&own], |r| {
            r.get(0)
        })?;
    for (_, id) in &seqs {
        tx.execute("UPDATE movements SET device_seq = ?2 WHERE id = ?1", params![id, next])?;
        next += 1;
    }
    tx.execute("UPDATE device SET next_seq = max(next_seq, ?1) WHERE id = 1", [next])?;
    tx.execute(
        "UPDATE device SET last_occurred_at = (SELECT max(occurred_at) FROM documents WHERE device_id = ?1)
          WHERE id = 1 AND (last_occurred_at IS NULL
                            OR last_occurred_at < (SELECT max(occurred_at) FROM documents WHERE device_id = ?1))",
        [&own],
    )?;

    // The log: the cloud's entries in place of this file's tail, then this file's after them.
    tx.execute("DELETE FROM sync_log WHERE seq >= ?1", [diverged_at])?;
    for e in &missing {
        tx.execute(
            "INSERT INTO sync_log (seq, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![e.seq, e.kind, e.payload.to_string(), now.to_db()],
        )?;
    }
    for e in &orphans {
        match entry_rows(e)?.0 {
            Some((id, received)) => super::log_document(&tx, &id, received, now)?,
            None => super::append(&tx, &e.kind, &e.payload, now)?,
        }
    }
    tx.execute("UPDATE sync_state SET pushed_seq = ?1 WHERE id = 1", [cloud_head])?;
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::SYNC_REBASE,
        subject: own.clone(),
        before: Some(serde_json::json!({ "diverged_at": diverged_at, "local_head": local.last().map(|e| e.seq) })),
        after: Some(serde_json::json!({
            "cloud_head": cloud_head,
            "replayed": missing.len(),
            "renumbered": documents.iter().map(|d| serde_json::json!([d.old_doc_no, d.new_doc_no])).collect::<Vec<Json>>(),
        })),
        reason: None,
    };
    crate::audit::record(&tx, actor, &own, now, entry)?;
    tx.execute("DELETE FROM sync_rebasing", [])?;
    tx.commit()?;
    Ok(Rebase { diverged_at, cloud_head, replayed: missing.len(), relogged: orphans.len(), documents })
}
