//! A real PostgreSQL for the cloud-ledger tests and benchmark, and a TCP proxy that injects faults.
//!
//! `PgServer::start` makes a private cluster with Debian's `initdb`/`pg_ctl` (as the `postgres`
//! user when run as root, which PostgreSQL requires) on a free loopback port, password
//! authentication (scram) for TCP so device logins are really checked, and stops it when dropped.
//! With `ONEBOOK_TEST_PG_URL` set (an account that may create roles), `PgServer::any` uses that
//! server instead; tests that restart the server always start their own.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct PgServer {
    dir: Option<tempfile::TempDir>,
    bin: PathBuf,
    data: PathBuf,
    pub port: u16,
    pub admin_url: String,
    /// TLS only: the server's certificate and key (issued by `ca`, the test's own authority).
    tls: Option<(PathBuf, PathBuf)>,
    pub ca: Option<PathBuf>,
}

const ADMIN_PASSWORD: &str = "onebook-test-admin";

fn pg_bin() -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (scripts/setup.sh installs Debian's postgresql)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    dirs.sort_by_key(|p| {
        p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0)
    });
    dirs.pop().expect("an initdb under /usr/lib/postgresql/*/bin")
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// Run a PostgreSQL program, as `postgres` when we are root.
fn pg_run(bin: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let exe = bin.join(program);
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd.args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl PgServer {
    /// The configured server if `ONEBOOK_TEST_PG_URL` is set, else a private one.
    pub fn any() -> PgServer {
        match std::env::var("ONEBOOK_TEST_PG_URL") {
            Ok(url) if !url.trim().is_empty() => PgServer {
                dir: None,
                bin: PathBuf::new(),
                data: PathBuf::new(),
                port: 0,
                admin_url: url,
                tls: None,
                ca: None,
            },
            _ => PgServer::start(),
        }
    }

    /// A private server, stopped when dropped.
    pub fn start() -> PgServer {
        PgServer::start_with(false)
    }

    /// A private server that accepts TLS connections only, with a certificate for 127.0.0.1 and
    /// localhost issued by a certificate authority made for the test (`ca`).
    pub fn start_tls() -> PgServer {
        PgServer::start_with(true)
    }

    fn start_with(tls: bool) -> PgServer {
        let bin = pg_bin();
        let dir = tempfile::Builder::new().prefix("onebook-pg").tempdir_in("/tmp").unwrap();
        if is_root() {
            Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap();
        }
        let data = dir.path().join("data");
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, ADMIN_PASSWORD).unwrap();
        if is_root() {
            Command::new("chown").args(["postgres:postgres"]).arg(&pwfile).status().unwrap();
        }
        pg_run(
            &bin,
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "admin",
                "--pwfile",
                pwfile.to_str().unwrap(),
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "-E",
                "UTF8",
                "--no-instructions",
            ],
        );
        let (tls, ca) = if tls {
            let d = dir.path();
            let ssl = |args: &[&str]| {
                let out = Command::new("openssl").args(args).current_dir(d).output().expect("openssl runs");
                assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            };
            let ca_subject = "/CN=Onebook test CA";
            ssl(&["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem"]
                .into_iter()
                .chain(["-days", "2", "-subj", ca_subject])
                .collect::<Vec<_>>());
            ssl(&[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ]);
            std::fs::write(d.join("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
            ssl(&["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"]
                .into_iter()
                .chain(["-out", "server.pem", "-days", "2", "-extfile", "san.ext"])
                .collect::<Vec<_>>());
            std::fs::set_permissions(d.join("server.key"), std::os::unix::fs::PermissionsExt::from_mode(0o600))
                .unwrap();
            if is_root() {
                Command::new("chown")
                    .args(["postgres:postgres", "server.key", "server.pem"])
                    .current_dir(d)
                    .status()
                    .unwrap();
            }
            // TCP connections without TLS are refused outright.
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n",
            )
            .unwrap();
            (Some((d.join("server.pem"), d.join("server.key"))), Some(d.join("ca.pem")))
        } else {
            (None, None)
        };
        let port = free_port();
        let server = PgServer {
            admin_url: format!("postgres://admin:{ADMIN_PASSWORD}@127.0.0.1:{port}/postgres"),
            dir: Some(dir),
            bin,
            data,
            port,
            tls,
            ca,
        };
        server.pg_ctl_start();
        server
    }

    fn pg_ctl_start(&self) {
        let sock = self.dir.as_ref().unwrap().path();
        let mut opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            sock.display()
        );
        if let Some((cert, key)) = &self.tls {
            opts += &format!(" -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}", cert.display(), key.display());
        }
        let log = sock.join("log");
        pg_run(
            &self.bin,
            "pg_ctl",
            &["-D", self.data.to_str().unwrap(), "-o", &opts, "-l", log.to_str().unwrap(), "-w", "start"],
        );
    }

    /// Stop and start the server (fast shutdown: every connection is cut).
    pub fn restart(&self) {
        assert!(self.dir.is_some(), "only a private server is restarted");
        pg_run(&self.bin, "pg_ctl", &["-D", self.data.to_str().unwrap(), "-m", "fast", "-w", "stop"]);
        self.pg_ctl_start();
    }

    /// The admin URL, reached through `port` instead (a proxy in front of the server).
    pub fn admin_url_via(&self, port: u16) -> String {
        format!("postgres://admin:{ADMIN_PASSWORD}@127.0.0.1:{port}/postgres")
    }

    pub fn addr(&self) -> SocketAddr {
        format!("127.0.0.1:{}", self.port).parse().unwrap()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        if self.dir.is_some() {
            let _ = Command::new(if is_root() { "runuser" } else { "true" })
                .args(if is_root() { vec!["-u", "postgres", "--"] } else { vec![] })
                .arg(self.bin.join("pg_ctl"))
                .args(["-D", self.data.to_str().unwrap(), "-m", "immediate", "stop"])
                .output();
        }
    }
}

/// A TCP proxy between devices and the server that can cut every connection, refuse new ones,
/// or cut a connection right after the server committed, before the client hears it.
pub struct Proxy {
    pub port: u16,
    state: Arc<ProxyState>,
}

struct ProxyState {
    target: SocketAddr,
    down: AtomicBool,
    cut_next_commit: AtomicBool,
    conns: Mutex<Vec<TcpStream>>,
    pub commits_cut: AtomicUsize,
    pub cuts: AtomicUsize,
}

impl Proxy {
    pub fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(ProxyState {
            target,
            down: AtomicBool::new(false),
            cut_next_commit: AtomicBool::new(false),
            conns: Mutex::new(vec![]),
            commits_cut: AtomicUsize::new(0),
            cuts: AtomicUsize::new(0),
        });
        let st = state.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if st.down.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let Ok(server) = TcpStream::connect_timeout(&st.target, Duration::from_secs(2)) else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                {
                    let mut conns = st.conns.lock().unwrap();
                    conns.push(client.try_clone().unwrap());
                    conns.push(server.try_clone().unwrap());
                }
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let st2 = st.clone();
                std::thread::spawn(move || pipe(client, server, None));
                std::thread::spawn(move || pipe(s2, c2, Some(st2)));
            }
        });
        Proxy { port, state }
    }

    /// Cut every open connection now.
    pub fn cut_all(&self) {
        let conns: Vec<TcpStream> = std::mem::take(&mut *self.state.conns.lock().unwrap());
        for c in conns {
            let _ = c.shutdown(Shutdown::Both);
        }
        self.state.cuts.fetch_add(1, Ordering::SeqCst);
    }

    /// Refuse (close at once) new connections while `down`.
    pub fn set_down(&self, down: bool) {
        self.state.down.store(down, Ordering::SeqCst);
        if down {
            self.cut_all();
        }
    }

    /// The next COMMIT the server confirms is never delivered: the connection is cut instead.
    pub fn cut_next_commit(&self) {
        self.state.cut_next_commit.store(true, Ordering::SeqCst);
    }

    pub fn commits_cut(&self) -> usize {
        self.state.commits_cut.load(Ordering::SeqCst)
    }

    pub fn cuts(&self) -> usize {
        self.state.cuts.load(Ordering::SeqCst)
    }
}

/// Copy `from` to `to`; on the server's side, watch for CommandComplete "COMMIT".
fn pipe(mut from: TcpStream, mut to: TcpStream, watch: Option<Arc<ProxyState>>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some(st) = &watch {
            let chunk = &buf[..n];
            if chunk.windows(7).any(|w| w == b"COMMIT\0") && st.cut_next_commit.swap(false, Ordering::SeqCst) {
                // The server has committed; the client never hears it.
                st.commits_cut.fetch_add(1, Ordering::SeqCst);
                break;
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
