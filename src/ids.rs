//! Identifiers: UUIDv7 (time-ordered, globally unique), so rows from many devices never collide.

/// A fresh UUIDv7 as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
