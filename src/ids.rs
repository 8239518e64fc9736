//! Identifiers: UUIDv7 (time-ordered, globally unique), so rows from many devices never collide.

/// A fresh UUIDv7 as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// `n` bytes from the operating system's random source (passwords of device logins, PIN salts).
pub(crate) fn random_bytes(n: usize) -> crate::error::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| crate::error::Error::Io { path: "/dev/urandom".into(), detail: e.to_string() })?;
    Ok(buf)
}
