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
    // Hashed before the write lock is taken: argon2 is slow on purpose, other tills keep selling.
    let hash = pin_hash(pin)?;
    let tx = crate::db::write_tx(conn)?;
    set_pin_in(&tx, actor, username, &hash, now)?;
    tx.commit()?;
    Ok(())
}

/// A PIN's argon2id hash (a PHC string with its own salt), once its form is checked.
pub(crate) fn pin_hash(pin: &str) -> Result<String> {
    check_secret(pin)?;
    Ok(Argon2::default()
        .hash_password(pin.as_bytes(), &salt()?)
        .map_err(|e| Error::Storage { detail: e.to_string() })?
        .to_string())
}

/// Store `hash` ([`pin_hash`]) as `username`'s PIN inside the caller's IMMEDIATE transaction.
pub(crate) fn set_pin_in(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    username: &str,
    hash: &str,
    now: Timestamp,
) -> Result<()> {
    let user = crate::people::find_user(tx, username)?;
    if user.user_id != actor.user_id {
        actor.require(Action::ManageUsers)?;
    }
    let device = crate::shop::device(tx)?;
    tx.execute("UPDATE users SET pin_hash = ?2 WHERE id = ?1", params![user.user_id, hash])?;
    tx.execute("DELETE FROM sign_in_attempts WHERE user_id = ?1", [&user.user_id])?;
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::USER_CHANGE,
        subject: user.username.clone(),
        after: Some(serde_json::json!({ "pin": "set" })),
        ..Default::default()
    };
    crate::audit::record(tx, actor, &device.device_id, now, entry)?;
    crate::sync::log_user(tx, &user.user_id, now)?;
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

/// Someone who may sign in at this till, as the sign-in screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SignInUser {
    pub username: String,
    pub display_name: String,
    pub role: crate::people::Role,
    /// False until a PIN is set (`onebook pin set`): the screen says so, and sign-in refuses.
    pub has_pin: bool,
}

/// The active staff, owners first, then by name.
pub(crate) fn users(conn: &Connection) -> Result<Vec<SignInUser>> {
    let mut st = conn.prepare(
        "SELECT username, display_name, role, pin_hash IS NOT NULL FROM users WHERE active = 1
         ORDER BY role <> 'owner', username",
    )?;
    let rows = st.query_map([], |r| {
        let role: String = r.get(2)?;
        Ok(SignInUser {
            username: r.get(0)?,
            display_name: r.get(1)?,
            role: crate::people::Role::parse(&role).unwrap_or(crate::people::Role::Cashier),
            has_pin: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Unlock a till that `locked` left locked (inactivity): `username`'s PIN, and `username` must be
/// the same person or an owner. Returns who now works at the till.
pub(crate) fn unlock(
    conn: &mut Connection,
    locked: &Actor,
    username: &str,
    pin: &str,
    now: Timestamp,
) -> Result<Actor> {
    let who = sign_in(conn, username, pin, now)?;
    if who.user_id != locked.user_id && who.role != crate::people::Role::Owner {
        return Err(Error::UnlockRefused { username: who.username, locked_by: locked.username.clone() });
    }
    Ok(who)
}

/// Minutes without input after which this till locks back to the sign-in screen (0: never).
pub const DEFAULT_LOCK_AFTER_MINUTES: i64 = 5;

pub(crate) fn lock_after_minutes(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT lock_after_minutes FROM device WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or(DEFAULT_LOCK_AFTER_MINUTES))
}

/// Set the inactivity lock of this till: 0 (never) to 240 minutes; whoever manages users.
pub(crate) fn set_lock_after_minutes(conn: &mut Connection, actor: &Actor, minutes: i64, now: Timestamp) -> Result<()> {
    actor.require(Action::ManageUsers)?;
    if !(0..=240).contains(&minutes) {
        return Err(Error::invalid("minutes", "0 (never) to 240 minutes"));
    }
    let device = crate::shop::device(conn)?;
    let tx = crate::db::write_tx(conn)?;
    let before: i64 = tx.query_row("SELECT lock_after_minutes FROM device WHERE id = 1", [], |r| r.get(0))?;
    tx.execute("UPDATE device SET lock_after_minutes = ?1 WHERE id = 1", [minutes])?;
    let entry = crate::audit::NewEntry {
        action: crate::audit::acts::LOCK_SETTING,
        subject: device.device_id.clone(),
        before: Some(serde_json::json!({ "lock_after_minutes": before })),
        after: Some(serde_json::json!({ "lock_after_minutes": minutes })),
        reason: None,
    };
    crate::audit::record(&tx, actor, &device.device_id, now, entry)?;
    tx.commit()?;
    Ok(())
}

/// Whether `username` exists and `pin` is their PIN, with no attempt counted (the demo's hint).
pub(crate) fn pin_matches(conn: &Connection, username: &str, pin: &str) -> Result<bool> {
    let hash: Option<String> = conn
        .query_row("SELECT pin_hash FROM users WHERE username = ?1 AND active = 1", [username], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(hash.is_some_and(|h| {
        PasswordHash::new(&h).is_ok_and(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok())
    }))
}
