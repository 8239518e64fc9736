//! Staff sign-in: a PIN (or password) per user stored as an argon2id hash, a lock after too many
//! wrong attempts, and the owner's approval of one act at a cashier's till by the owner's PIN.
//!
//! - A PIN is 4 to 12 digits, or a password of 8 to 64 characters. Only its argon2id hash (a PHC
//!   string with its own salt) is stored.
//! - Five wrong attempts in a row lock that user's sign-in for five minutes (recorded in the audit
//!   trail); a right one resets the count.
//! - [`approve`]: a cashier's session asks for an act its role may not do (a price override, a
//!   negative-stock override); someone whose role may do it types their PIN at that moment, and the
//!   act is done as them, with the approval in the audit trail naming both.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// Wrong attempts in a row that lock a user's sign-in.
pub const MAX_FAILURES: i64 = 5;
/// How long the lock lasts.
pub const LOCK_MINUTES: i64 = 5;

fn check_secret(secret: &str) -> Result<()> {
    let n = secret.chars().count();
    let digits = secret.chars().all(|c| c.is_ascii_digit());
    if (digits && (4..=12).contains(&n)) || (!digits && (8..=64).contains(&n)) {
        Ok(())
    } else {
        Err(Error::invalid("pin", "4 to 12 digits, or a password of 8 to 64 characters"))
    }
}

fn salt() -> Result<SaltString> {
    SaltString::encode_b64(&crate::ids::random_bytes(16)?).map_err(|e| Error::Storage { detail: e.to_string() })
}

/// Set `username`'s PIN: their own, or anyone's by whoever manages users.
pub(crate) fn set_pin(conn: &mut Connection, actor: &Actor, username: &str, pin: &str, now: Timestamp) -> Result<()> {
    let user = crate::people::find_user(conn, username)?;
    if user.user_id != actor.user_id {
        actor.require(Action::ManageUsers)?;
    }
    check_secret(pin)?;
    let hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt()?)
        .map_err(|e| Error::Storage { detail: e.to_string() })?
        .to_string();
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    tx.execute("UPDATE users SET pin_hash = ?2 WHERE id = ?1", params![user.user_id, hash])?;
    tx.execute("DELETE FROM sign_in_attempts WHERE user_id = ?1", [&user.user_id])?;
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::USER_CHANGE,
        subject: user.username.clone(),
        after: Some(serde_json::json!({ "pin": "set" })),
        ..Default::default()
    };
    crate::audit::record(&tx, actor, &device.device_id, now, entry)?;
    crate::sync::log_user(&tx, &user.user_id, now)?;
    tx.commit()?;
    Ok(())
}

/// Check `username`'s PIN at `now`; the signed-in person, or why not.
pub(crate) fn sign_in(conn: &mut Connection, username: &str, pin: &str, now: Timestamp) -> Result<Actor> {
    let user = crate::people::find_user(conn, username)?;
    let hash: Option<String> =
        conn.query_row("SELECT pin_hash FROM users WHERE id = ?1", [&user.user_id], |r| r.get(0))?;
    let Some(hash) = hash else {
        return Err(Error::NoPin { username: user.username });
    };
    let locked: Option<String> = conn
        .query_row("SELECT locked_until FROM sign_in_attempts WHERE user_id = ?1", [&user.user_id], |r| r.get(0))
        .optional()?
        .flatten();
    if let Some(until) = locked {
        if Timestamp::from_db(&until)? > now {
            return Err(Error::SignInLocked { username: user.username, until });
        }
    }
    let parsed = PasswordHash::new(&hash).map_err(|e| Error::Storage { detail: e.to_string() })?;
    let right = Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok();
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    if right {
        tx.execute("DELETE FROM sign_in_attempts WHERE user_id = ?1", [&user.user_id])?;
        tx.commit()?;
        return Ok(user);
    }
    let failures: i64 = tx.query_row(
        "INSERT INTO sign_in_attempts (user_id, failures, last_failure_at) VALUES (?1, 1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at,
                                             locked_until = NULL
         RETURNING failures",
        params![user.user_id, now.to_db()],
        |r| r.get(0),
    )?;
    let err = if failures >= MAX_FAILURES {
        let until = now.add_minutes(LOCK_MINUTES).to_db();
        tx.execute(
            "UPDATE sign_in_attempts SET failures = 0, locked_until = ?2 WHERE user_id = ?1",
            params![user.user_id, until],
        )?;
        let entry = crate::audit::NewEntry {
            action: crate::audit::acts::SIGN_IN_LOCKED,
            subject: user.username.clone(),
            after: Some(serde_json::json!({ "failures": failures, "locked_until": until })),
            ..Default::default()
        };
        crate::audit::record(&tx, &user, &device.device_id, now, entry)?;
        Error::SignInLocked { username: user.username.clone(), until }
    } else {
        Error::WrongPin { username: user.username.clone(), attempts_left: MAX_FAILURES - failures }
    };
    tx.commit()?;
    Err(err)
}

/// The approval of one act: `approver` signs in with their PIN at this moment and must be allowed
/// `action`; the act is then done as them. Recorded in the audit trail with who asked.
pub(crate) fn approve(
    conn: &mut Connection,
    asking: &Actor,
    approver: &str,
    pin: &str,
    action: Action,
    now: Timestamp,
) -> Result<Actor> {
    let who = sign_in(conn, approver, pin, now)?;
    who.require(action)?;
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::APPROVAL,
        subject: action.as_str().into(),
        before: Some(serde_json::json!({ "asked_by": asking.username })),
        after: Some(serde_json::json!({ "approved_by": who.username })),
        reason: None,
    };
    crate::audit::record(&tx, &who, &device.device_id, now, entry)?;
    tx.commit()?;
    Ok(who)
}
