//! Staff accounts, their roles, and what each role may do. Checked here, not only in the UI.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::CachedRow;
use crate::error::{Error, Result};
use crate::i18n::Locale;
use crate::time::Timestamp;

/// What a person does at the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Cashier,
    Accountant,
    Warehouse,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Cashier => "cashier",
            Role::Accountant => "accountant",
            Role::Warehouse => "warehouse",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Some(match text.trim().to_lowercase().as_str() {
            "owner" => Role::Owner,
            "cashier" => Role::Cashier,
            "accountant" => Role::Accountant,
            "warehouse" => Role::Warehouse,
            _ => return None,
        })
    }
}

/// An act that needs permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Sell,
    RetailReturn,
    Invoice,
    WholesaleReturn,
    ReceiveReturn,
    GoodsReceipt,
    StockCount,
    OverridePrice,
    OverrideNegativeStock,
    EditCatalog,
    ManageBuyers,
    ManageUsers,
    ViewReports,
    /// Set tier and buyer wholesale prices.
    ManagePrices,
    /// Issue an invoice the credit check refuses, with a reason.
    OverrideCredit,
    /// Record a buyer's payment against invoices.
    RecordPayment,
    /// Take a backup of the book.
    Backup,
    /// Replace the book with a backup.
    Restore,
    /// Read and verify the audit trail.
    ViewAudit,
    /// Close the books through a month (the period lock).
    CloseMonth,
    /// Close a till's day (the Z report).
    CloseDay,
    /// Register this device with a cloud ledger and run its sync.
    ManageSync,
    /// Cancel a line or the whole open sale at the till before payment (a void).
    Void,
    /// Set this till's receipt printer, paper, drawer and scanner.
    ConfigureDevices,
    /// Save quotes for buyers, accept them as orders, place and cancel orders (which reserve stock).
    ManageOrders,
    /// Deliver an open order: the invoice of what leaves, released from the order's reservation.
    DeliverOrder,
    /// Turn encryption at rest on or off, change the book's passphrase.
    ManageEncryption,
    /// Add stock locations (a warehouse beside the shop floor).
    ManageLocations,
    /// Move stock between locations (a transfer document).
    Transfer,
}

/// Every action, for the permission matrix test and the UI.
pub const ALL_ACTIONS: [Action; 29] = [
    Action::Sell,
    Action::RetailReturn,
    Action::Invoice,
    Action::WholesaleReturn,
    Action::ReceiveReturn,
    Action::GoodsReceipt,
    Action::StockCount,
    Action::OverridePrice,
    Action::OverrideNegativeStock,
    Action::EditCatalog,
    Action::ManageBuyers,
    Action::ManageUsers,
    Action::ViewReports,
    Action::ManagePrices,
    Action::OverrideCredit,
    Action::RecordPayment,
    Action::Backup,
    Action::Restore,
    Action::ViewAudit,
    Action::CloseMonth,
    Action::CloseDay,
    Action::ManageSync,
    Action::Void,
    Action::ConfigureDevices,
    Action::ManageOrders,
    Action::DeliverOrder,
    Action::ManageEncryption,
    Action::ManageLocations,
    Action::Transfer,
];

impl Action {
    /// Stable name, used in the permission-denied message.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Sell => "sell",
            Action::RetailReturn => "retail-return",
            Action::Invoice => "invoice",
            Action::WholesaleReturn => "wholesale-return",
            Action::ReceiveReturn => "receive-return",
            Action::GoodsReceipt => "goods-receipt",
            Action::StockCount => "stock-count",
            Action::OverridePrice => "override-price",
            Action::OverrideNegativeStock => "override-negative-stock",
            Action::EditCatalog => "edit-catalog",
            Action::ManageBuyers => "manage-buyers",
            Action::ManageUsers => "manage-users",
            Action::ViewReports => "view-reports",
            Action::ManagePrices => "manage-prices",
            Action::OverrideCredit => "override-credit",
            Action::RecordPayment => "record-payment",
            Action::Backup => "backup",
            Action::Restore => "restore",
            Action::ViewAudit => "view-audit",
            Action::CloseMonth => "close-month",
            Action::CloseDay => "close-day",
            Action::ManageSync => "manage-sync",
            Action::Void => "void",
            Action::ConfigureDevices => "configure-devices",
            Action::ManageOrders => "manage-orders",
            Action::DeliverOrder => "deliver-order",
            Action::ManageEncryption => "manage-encryption",
            Action::ManageLocations => "manage-locations",
            Action::Transfer => "transfer",
        }
    }
}

/// The permission table: the owner may do everything; the others what their work needs.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Owner => true,
        Role::Cashier => matches!(action, Sell | RetailReturn | CloseDay | Void),
        Role::Accountant => matches!(action, ViewReports | ViewAudit | RecordPayment),
        Role::Warehouse => matches!(action, ReceiveReturn | GoodsReceipt | StockCount | Transfer),
    }
}

/// The names of what a role may do (`sell`, `invoice`, ...), for a front end to hide the rest.
pub fn allowed_actions(role: Role) -> Vec<&'static str> {
    ALL_ACTIONS.iter().filter(|a| allowed(role, **a)).map(|a| a.as_str()).collect()
}

/// The person doing something: who they are, what they may do, which language they read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub user_id: String,
    pub username: String,
    pub role: Role,
    pub locale: Locale,
}

impl Actor {
    /// Refuse unless this person's role allows `action`.
    pub fn require(&self, action: Action) -> Result<()> {
        if allowed(self.role, action) {
            Ok(())
        } else {
            Err(Error::PermissionDenied {
                username: self.username.clone(),
                role: self.role.as_str().into(),
                action: action.as_str().into(),
            })
        }
    }
}

/// A new staff account.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub locale: Option<Locale>,
}

pub(crate) fn insert_user(conn: &Connection, user: &NewUser, now: Timestamp) -> Result<Actor> {
    let username = user.username.trim();
    if username.is_empty() || username.len() > 64 || username.chars().any(char::is_whitespace) {
        return Err(Error::invalid("username", "1 to 64 characters, no spaces"));
    }
    let exists: Option<String> =
        conn.query_row("SELECT id FROM users WHERE username = ?1", [username], |r| r.get(0)).optional()?;
    if exists.is_some() {
        return Err(Error::DuplicateUser { username: username.into() });
    }
    let id = crate::ids::new_id();
    let locale = user.locale.unwrap_or(Locale::En);
    conn.execute(
        "INSERT INTO users (id, username, display_name, role, locale, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            username,
            user.display_name.as_deref().unwrap_or(username),
            user.role.as_str(),
            locale.tag(),
            now.to_db()
        ],
    )?;
    Ok(Actor { user_id: id, username: username.into(), role: user.role, locale })
}

pub(crate) fn find_user(conn: &Connection, username: &str) -> Result<Actor> {
    conn.cached_row(
        "SELECT id, username, role, locale FROM users WHERE username = ?1 AND active = 1",
        [username],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
    )
    .optional()?
    .map(|(user_id, username, role, locale)| Actor {
        user_id,
        username,
        role: Role::parse(&role).unwrap_or(Role::Cashier),
        locale: Locale::parse(&locale).unwrap_or(Locale::En),
    })
    .ok_or_else(|| Error::UnknownUser { username: username.into() })
}

/// The first owner, who acts when the CLI is not told who is at the keyboard.
pub(crate) fn first_owner(conn: &Connection) -> Result<Actor> {
    let name: Option<String> = conn
        .query_row(
            "SELECT username FROM users WHERE role = 'owner' AND active = 1 ORDER BY created_at, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match name {
        Some(n) => find_user(conn, &n),
        None => Err(Error::NotInitialized),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cashier_cannot_receive_goods_or_change_prices() {
        assert!(allowed(Role::Cashier, Action::Sell));
        assert!(!allowed(Role::Cashier, Action::GoodsReceipt));
        assert!(!allowed(Role::Cashier, Action::OverridePrice));
        assert!(!allowed(Role::Cashier, Action::EditCatalog));
        assert!(allowed(Role::Warehouse, Action::GoodsReceipt));
        assert!(!allowed(Role::Accountant, Action::Sell));
        assert!(ALL_ACTIONS.iter().all(|a| allowed(Role::Owner, *a)));
        // Buyers: the owner sets prices and overrides credit; the accountant records payments.
        assert!(allowed(Role::Accountant, Action::RecordPayment));
        assert!(!allowed(Role::Accountant, Action::OverrideCredit));
        assert!(!allowed(Role::Accountant, Action::ManagePrices));
        assert!(!allowed(Role::Cashier, Action::RecordPayment));
        // Closing: the cashier closes the till's day; only the owner closes a month.
        assert!(allowed(Role::Cashier, Action::CloseDay));
        assert!(!allowed(Role::Cashier, Action::CloseMonth));
        assert!(!allowed(Role::Accountant, Action::CloseMonth));
        assert!(!allowed(Role::Warehouse, Action::CloseDay));
        // Voids: whoever sells at the till cancels lines of the open sale.
        assert!(allowed(Role::Cashier, Action::Void));
        assert!(!allowed(Role::Accountant, Action::Void));
        assert!(!allowed(Role::Warehouse, Action::Void));
        // Orders reserve stock and become invoices: the owner's, like invoicing itself.
        for role in [Role::Cashier, Role::Accountant, Role::Warehouse] {
            assert!(!allowed(role, Action::ManageOrders));
            assert!(!allowed(role, Action::DeliverOrder));
        }
    }
}
