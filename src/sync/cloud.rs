//! The cloud ledger on PostgreSQL: the server's schema (`migrations/pg/`), registering a device
//! with a tenant, and the sync itself (push this device's log, pull the others', wake on NOTIFY).
//!
//! - **Push** sends unacknowledged entries in batches, each batch one Postgres transaction. The
//!   client reads the head the server holds for this device first and sends only what follows,
//!   so a batch whose commit was not heard (a reset between commit and acknowledgement) is never
//!   sent twice; the server's trigger refuses any entry that does not continue the head.
//! - **Pull** asks, per other device, for entries past this device's cursor for it (never a
//!   global serial: sequences commit out of order). LISTEN/NOTIFY wakes the puller within a
//!   moment of another device's push; a poll every few seconds is the fallback.
//! - **Offline**: every failure drops the connection; the loop retries with exponential back-off
//!   (capped), while the till keeps selling on its own file.
//! - **Tenants**: each device logs in with its own role; row-level security on the server lets it
//!   read only its tenant's rows and write only its own log.

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use postgres::config::SslMode;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config, NoTls};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::Entry;
use crate::error::{Error, Result};
use crate::people::{Action, Actor};
use crate::time::Timestamp;

/// The server's migrations, applied in order by the registering owner's connection.
const PG_MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("../../migrations/pg/0001_cloud.sql"))];

/// Entries per push or pull batch.
const BATCH: i64 = 500;

/// A failure of the server or the network, with its causes (the TLS handshake's "unknown
/// issuer", the server's own message) so the owner can act on it.
fn cloud(e: impl std::error::Error) -> Error {
    let mut detail = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !detail.contains(&text) {
            detail = format!("{detail}: {text}");
        }
        source = s.source();
    }
    Error::Cloud { detail }
}

/// A server to connect to: the driver's configuration, and the file of extra trusted root
/// certificates the URL named with `sslrootcert=` (libpq's option, which the driver lacks).
struct Target {
    config: Config,
    root_cert: Option<String>,
}

/// Take `sslrootcert=FILE` out of a URL (`postgres://…?a=b&sslrootcert=…` or `key=value` form).
fn split_root_cert(url: &str) -> (String, Option<String>) {
    let url = url.trim();
    let mut found = None;
    let mut keep = |kv: &&str| match kv.strip_prefix("sslrootcert=") {
        Some(v) => {
            found = Some(v.to_string());
            false
        }
        None => true,
    };
    let rest = if url.contains("://") {
        match url.split_once('?') {
            Some((head, query)) => {
                let kept: Vec<&str> = query.split('&').filter(&mut keep).collect();
                if kept.is_empty() {
                    head.to_string()
                } else {
                    format!("{head}?{}", kept.join("&"))
                }
            }
            None => url.to_string(),
        }
    } else {
        url.split_whitespace().filter(&mut keep).collect::<Vec<_>>().join(" ")
    };
    (rest, found)
}

fn config(url: &str) -> Result<Target> {
    let (url, root_cert) = split_root_cert(url);
    let mut c = Config::from_str(&url).map_err(|e| Error::invalid("server", format!("not a PostgreSQL URL: {e}")))?;
    c.connect_timeout(Duration::from_secs(5));
    c.application_name("onebook");
    Ok(Target { config: c, root_cert })
}

/// Connect, over TLS (rustls: the web's root certificates and those of `sslrootcert`) when the
/// URL says `sslmode=require`; the server's certificate and name are always verified.
fn connect(t: &Target) -> Result<Client> {
    let c = &t.config;
    match c.get_ssl_mode() {
        SslMode::Require => {
            use rustls::pki_types::pem::PemObject;
            let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            if let Some(file) = &t.root_cert {
                let io = |e: &dyn std::fmt::Display| Error::Io { path: file.clone(), detail: e.to_string() };
                let pem = std::fs::read(file).map_err(|e| io(&e))?;
                for cert in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
                    roots.add(cert.map_err(|e| io(&e))?).map_err(|e| io(&e))?;
                }
            }
            let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .map_err(cloud)?
                .with_root_certificates(roots)
                .with_no_client_auth();
            c.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls)).map_err(cloud)
        }
        _ => c.connect(NoTls).map_err(cloud),
    }
}

/// The URL with any user and password taken out (the device stores its own login apart).
fn without_credentials(url: &str) -> String {
    let url = url.trim();
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, tail) = match rest.find(['/', '?']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let host = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
        let tail: String = match tail.split_once('?') {
            Some((path, query)) => {
                let kept: Vec<&str> =
                    query.split('&').filter(|kv| !kv.starts_with("user=") && !kv.starts_with("password=")).collect();
                if kept.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}?{}", kept.join("&"))
                }
            }
            None => tail.to_string(),
        };
        format!("{scheme}://{host}{tail}")
    } else {
        url.split_whitespace()
            .filter(|kv| !kv.starts_with("user=") && !kv.starts_with("password="))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Create or upgrade the server's schema (idempotent; one migration per transaction, serialized
/// between registering owners by an advisory lock).
fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction().map_err(cloud)?;
    tx.execute("SELECT pg_advisory_xact_lock(7206120001)", &[]).map_err(cloud)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS public.onebook_schema (version bigint PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .map_err(cloud)?;
    let have: i64 =
        tx.query_one("SELECT COALESCE(max(version), 0) FROM public.onebook_schema", &[]).map_err(cloud)?.get(0);
    for (n, sql) in PG_MIGRATIONS.iter().filter(|(n, _)| *n > have) {
        tx.batch_execute(sql).map_err(|e| Error::Cloud { detail: format!("server migration {n}: {}", cloud(e)) })?;
        tx.execute("INSERT INTO public.onebook_schema (version) VALUES ($1)", &[n]).map_err(cloud)?;
    }
    tx.commit().map_err(cloud)
}

fn random_hex(bytes: usize) -> Result<String> {
    Ok(crate::ids::random_bytes(bytes)?.iter().map(|b| format!("{b:02x}")).collect())
}

/// What registering a device gave it.
#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    pub tenant: String,
    pub tenant_id: String,
    pub device_id: String,
    pub series_prefix: String,
    pub server: String,
    /// History already in the file, written to the log to be pushed.
    pub backfilled: u64,
}

/// Register this device with tenant `tenant` on the server at `admin_url` (an account that may
/// create roles: the owner's, used once and not stored). Creates the server's schema and the
/// tenant if needed, and a login for this device that reaches only its tenant. Owner only.
pub(crate) fn register(
    conn: &mut Connection,
    actor: &Actor,
    admin_url: &str,
    tenant: &str,
    now: Timestamp,
) -> Result<Registration> {
    actor.require(Action::ManageSync)?;
    let tenant = tenant.trim();
    if tenant.is_empty() || tenant.len() > 100 {
        return Err(Error::invalid("tenant", "1 to 100 characters"));
    }
    let held: Option<String> =
        conn.query_row("SELECT tenant_name FROM sync_config WHERE id = 1", [], |r| r.get(0)).optional()?;
    if let Some(t) = held {
        return Err(Error::AlreadyRegistered { tenant: t });
    }
    let device = crate::shop::device(conn)?;
    let cfg = config(admin_url)?;
    let mut client = connect(&cfg)?;
    migrate(&mut client)?;
    let login = format!("onebook_{}", device.device_id.replace('-', ""));
    let secret = random_hex(24)?;
    let mut tx = client.transaction().map_err(cloud)?;
    tx.execute("INSERT INTO onebook.tenants (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", &[&tenant])
        .map_err(cloud)?;
    let tenant_id: String =
        tx.query_one("SELECT tenant_id::text FROM onebook.tenants WHERE name = $1", &[&tenant]).map_err(cloud)?.get(0);
    let taken = tx
        .query_opt(
            "SELECT device_id FROM onebook.devices WHERE tenant_id = $1::text::uuid AND series_prefix = $2 AND device_id <> $3",
            &[&tenant_id, &device.series_prefix, &device.device_id],
        )
        .map_err(cloud)?;
    if taken.is_some() {
        return Err(Error::SeriesPrefixTaken { tenant: tenant.into(), prefix: device.series_prefix });
    }
    let role_exists = tx.query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&login]).map_err(cloud)?.is_some();
    // Role names and the password are hex made here, never user text, so they are safe inline.
    let verb = if role_exists { "ALTER" } else { "CREATE" };
    tx.batch_execute(&format!("{verb} ROLE {login} LOGIN PASSWORD '{secret}'")).map_err(cloud)?;
    tx.batch_execute(&format!("GRANT onebook_device TO {login}")).map_err(cloud)?;
    tx.execute(
        "INSERT INTO onebook.devices (tenant_id, device_id, series_prefix) VALUES ($1::text::uuid, $2, $3)
         ON CONFLICT (tenant_id, device_id) DO NOTHING",
        &[&tenant_id, &device.device_id, &device.series_prefix],
    )
    .map_err(cloud)?;
    tx.execute(
        "INSERT INTO onebook.device_logins (role_name, tenant_id, device_id) VALUES ($1, $2::text::uuid, $3)
         ON CONFLICT (role_name) DO UPDATE SET tenant_id = excluded.tenant_id, device_id = excluded.device_id",
        &[&login, &tenant_id, &device.device_id],
    )
    .map_err(cloud)?;
    tx.commit().map_err(cloud)?;
    let server = without_credentials(admin_url);
    let wtx = crate::db::write_tx(conn)?;
    wtx.execute(
        "INSERT INTO sync_config (id, server, login, secret, tenant_id, tenant_name, registered_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![server, login, secret, tenant_id, tenant, now.to_db()],
    )?;
    let backfilled = super::backfill(&wtx, now)?;
    wtx.commit()?;
    Ok(Registration {
        tenant: tenant.into(),
        tenant_id,
        device_id: device.device_id,
        series_prefix: device.series_prefix,
        server,
        backfilled,
    })
}

/// A device's connection to its tenant on the server.
pub struct Link {
    client: Client,
    device_id: String,
    channel: String,
}

/// The stored settings: server URL, login, secret, tenant id.
fn settings(conn: &Connection) -> Result<(String, String, String, String)> {
    conn.query_row("SELECT server, login, secret, tenant_id FROM sync_config WHERE id = 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .optional()?
    .ok_or(Error::SyncNotConfigured)
}

impl Link {
    /// Connect as this device and LISTEN to its tenant's channel.
    pub fn open(conn: &Connection) -> Result<Link> {
        let (server, login, secret, tenant_id) = settings(conn)?;
        let mut cfg = config(&server)?;
        cfg.config.user(&login).password(secret.as_bytes());
        let mut client = connect(&cfg)?;
        let channel = format!("onebook_{}", tenant_id.replace('-', ""));
        client.batch_execute(&format!("LISTEN {channel}")).map_err(cloud)?;
        Ok(Link { client, device_id: crate::shop::device(conn)?.device_id, channel })
    }

    /// The head of each device's log on the server (and its series prefix).
    fn heads(&mut self) -> Result<Vec<(String, i64, String)>> {
        let rows = self
            .client
            .query("SELECT device_id, head, series_prefix FROM onebook.devices ORDER BY device_id", &[])
            .map_err(cloud)?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }

    /// Push this device's unacknowledged entries. Returns how many the server took.
    pub fn push(&mut self, conn: &Connection, now: Timestamp) -> Result<usize> {
        let mut sent = 0;
        loop {
            let batch = super::pending(conn, BATCH)?;
            if batch.is_empty() {
                return Ok(sent);
            }
            let mut tx = self.client.transaction().map_err(cloud)?;
            let head: i64 = tx
                .query_one("SELECT head FROM onebook.devices WHERE device_id = $1", &[&self.device_id])
                .map_err(cloud)?
                .get(0);
            let fresh: Vec<&Entry> = batch.iter().filter(|e| e.seq > head).collect();
            let held: Vec<&Entry> = batch.iter().filter(|e| e.seq <= head).collect();
            if !held.is_empty() {
                // Entries the server says it holds already (a batch whose commit was not heard) must
                // be the very same; if not, this file is older than what the cloud holds (restored
                // from a backup) and skipping them would lose this till's new documents.
                let seqs: Vec<i64> = held.iter().map(|e| e.seq).collect();
                let payloads: Vec<String> = held.iter().map(|e| e.payload.to_string()).collect();
                let differ: Option<i64> = tx
                    .query_one(
                        "SELECT min(t.s) FROM unnest($1::bigint[], $2::text[]) AS t(s, p)
                           LEFT JOIN onebook.entries e ON e.device_id = $3 AND e.seq = t.s
                          WHERE e.payload IS DISTINCT FROM t.p::jsonb",
                        &[&seqs, &payloads, &self.device_id],
                    )
                    .map_err(cloud)?
                    .get(0);
                if let Some(seq) = differ {
                    return Err(Error::Cloud {
                        detail: format!(
                            "entry {seq} of this till differs from the one the server holds: this file is older than \
                             the cloud's copy of its log (restored from a backup?); nothing was pushed: the owner re-bases it with `onebook sync rebase`"
                        ),
                    });
                }
            }
            let last = batch.last().map(|e| e.seq).unwrap_or(head);
            if !fresh.is_empty() {
                let seqs: Vec<i64> = fresh.iter().map(|e| e.seq).collect();
                let kinds: Vec<&str> = fresh.iter().map(|e| e.kind.as_str()).collect();
                let payloads: Vec<String> = fresh.iter().map(|e| e.payload.to_string()).collect();
                tx.execute(
                    "INSERT INTO onebook.entries (seq, kind, payload)
                     SELECT s, k, p::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(s, k, p) ORDER BY s",
                    &[&seqs, &kinds, &payloads],
                )
                .map_err(cloud)?;
            }
            tx.commit().map_err(cloud)?;
            // Only now, with the commit acknowledged, is the batch marked pushed.
            super::acknowledged(conn, last, now)?;
            sent += fresh.len();
        }
    }

    /// Pull and apply other devices' entries past this device's cursors, until nothing more can
    /// be applied. Returns how many were applied.
    pub fn pull(&mut self, conn: &mut Connection, now: Timestamp) -> Result<usize> {
        let heads = self.heads()?;
        let peers: Vec<(String, String)> = heads.iter().map(|(d, _, p)| (d.clone(), p.clone())).collect();
        super::set_peers(conn, &peers)?;
        let mut applied = 0;
        loop {
            let mut progress = 0;
            for (device, head, _) in &heads {
                if *device == self.device_id {
                    continue;
                }
                let mut cursor = super::cursor(conn, device)?;
                while cursor < *head {
                    let rows = self
                        .client
                        .query(
                            "SELECT seq, kind, payload::text FROM onebook.entries
                              WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                            &[device, &cursor, &BATCH],
                        )
                        .map_err(cloud)?;
                    if rows.is_empty() {
                        break;
                    }
                    let mut entries = Vec::with_capacity(rows.len());
                    for r in &rows {
                        let text: String = r.get(2);
                        let payload = serde_json::from_str(&text).map_err(cloud)?;
                        entries.push(Entry { seq: r.get(0), kind: r.get(1), payload });
                    }
                    let n = super::apply_batch(conn, device, &entries, now)?;
                    progress += n;
                    if n < entries.len() {
                        break; // waits for another device's entry
                    }
                    cursor = super::cursor(conn, device)?;
                }
            }
            applied += progress;
            if progress == 0 {
                return Ok(applied);
            }
        }
    }

    /// This device's own log as the server holds it, past `after`, oldest first (to re-base a
    /// till restored from a backup on it, [`super::rebase`]).
    pub(crate) fn own_log(&mut self, after: i64) -> Result<Vec<Entry>> {
        let rows = self
            .client
            .query(
                "SELECT seq, kind, payload::text FROM onebook.entries WHERE device_id = $1 AND seq > $2 ORDER BY seq",
                &[&self.device_id, &after],
            )
            .map_err(cloud)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let text: String = r.get(2);
            out.push(Entry { seq: r.get(0), kind: r.get(1), payload: serde_json::from_str(&text).map_err(cloud)? });
        }
        Ok(out)
    }

    /// Wait up to `timeout` for another device's push to be announced.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let mut n = self.client.notifications();
        let woke = n.timeout_iter(timeout).next().map_err(cloud)?.is_some();
        // Drain what else arrived, so one wake-up serves them all.
        while n.iter().next().map_err(cloud)?.is_some() {}
        Ok(woke)
    }

    /// The tenant's notification channel.
    pub fn channel(&self) -> &str {
        &self.channel
    }
}

/// What one round of sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
}

/// One round: push, then pull. Records the outcome for the status either way.
pub(crate) fn once(conn: &mut Connection, now: Timestamp) -> Result<SyncReport> {
    let run = |conn: &mut Connection| -> Result<SyncReport> {
        let mut link = Link::open(conn)?;
        let pushed = link.push(conn, now)?;
        let pulled = link.pull(conn, now)?;
        super::synced(conn, now)?;
        Ok(SyncReport { pushed, pulled })
    };
    let out = run(conn);
    if let Err(e) = &out {
        if !matches!(e, Error::SyncNotConfigured) {
            super::failed(conn, &e.to_string(), now)?;
        }
    }
    out
}

/// How the background sync is paced.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// How often the local log is looked at for new entries to push.
    pub push_every: Duration,
    /// Pull even without a notification this often (the fallback to LISTEN/NOTIFY).
    pub poll_every: Duration,
    /// First and longest wait between attempts while the server cannot be reached.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            push_every: Duration::from_millis(100),
            poll_every: Duration::from_secs(5),
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
        }
    }
}

/// What the background sync reports after each round or failure.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RunEvent {
    Synced { pushed: usize, pulled: usize },
    Offline { error: String, retry_in_ms: u64 },
}

fn local_head(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(max(seq), 0) FROM sync_log", [], |r| r.get(0))?)
}

/// Keep this device in sync until `stop` is set: push new entries within `push_every`, pull on
/// each notification and every `poll_every`, back off exponentially while offline.
pub(crate) fn run(
    conn: &mut Connection,
    stop: &AtomicBool,
    options: &RunOptions,
    mut on_event: impl FnMut(&RunEvent),
) -> Result<()> {
    settings(conn)?;
    let mut backoff = options.backoff_min;
    while !stop.load(Ordering::Relaxed) {
        let round = (|| -> Result<()> {
            let mut link = Link::open(conn)?;
            let mut pushed_head = -1;
            let mut last_pull = Instant::now() - options.poll_every;
            let mut woke = true;
            let mut marked = Instant::now() - Duration::from_secs(3600);
            while !stop.load(Ordering::Relaxed) {
                let now = Timestamp::now();
                let head = local_head(conn)?;
                let pushed = if head != pushed_head { link.push(conn, now)? } else { 0 };
                pushed_head = head;
                let pulled = if woke || last_pull.elapsed() >= options.poll_every {
                    last_pull = Instant::now();
                    link.pull(conn, now)?
                } else {
                    0
                };
                if pushed + pulled > 0 {
                    on_event(&RunEvent::Synced { pushed, pulled });
                }
                // Online: said every few seconds (the quotas' offline test reads it), not every round.
                if marked.elapsed() >= Duration::from_secs(5) {
                    super::synced(conn, now)?;
                    marked = Instant::now();
                }
                backoff = options.backoff_min;
                woke = link.wait(options.push_every)?;
            }
            Ok(())
        })();
        if let Err(e) = round {
            if matches!(e, Error::SyncNotConfigured) {
                return Err(e);
            }
            super::failed(conn, &e.to_string(), Timestamp::now())?;
            on_event(&RunEvent::Offline { error: e.to_string(), retry_in_ms: backoff.as_millis() as u64 });
            let until = Instant::now() + backoff;
            while Instant::now() < until && !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
            }
            backoff = (backoff * 2).min(options.backoff_max);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{split_root_cert, without_credentials};

    #[test]
    fn the_root_certificate_option_is_ours() {
        assert_eq!(
            split_root_cert("postgres://h/db?sslmode=require&sslrootcert=/etc/ca.pem"),
            ("postgres://h/db?sslmode=require".to_string(), Some("/etc/ca.pem".to_string()))
        );
        assert_eq!(
            split_root_cert("host=h sslrootcert=/ca.pem sslmode=require"),
            ("host=h sslmode=require".to_string(), Some("/ca.pem".to_string()))
        );
        assert_eq!(split_root_cert("postgres://h/db"), ("postgres://h/db".to_string(), None));
    }

    #[test]
    fn credentials_never_stored() {
        assert_eq!(
            without_credentials("postgres://admin:pw@db.example:5432/shop?sslmode=require"),
            "postgres://db.example:5432/shop?sslmode=require"
        );
        assert_eq!(
            without_credentials("postgresql://u@h/db?user=x&password=y&sslmode=disable"),
            "postgresql://h/db?sslmode=disable"
        );
        assert_eq!(without_credentials("host=h port=5 user=a password=b dbname=d"), "host=h port=5 dbname=d");
    }
}
