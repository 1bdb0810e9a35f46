//! Purchases, the input of the lifetime-value models (`DESIGN.md`: `Transaction`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One purchase by one customer: `{customerId, at, amount}` on the wire.
///
/// `amount` is in the caller's currency (revenue or margin, as the caller chooses); it must be
/// finite and not negative (refunds are not purchases: net them out before, or leave them out).
/// A zero amount is a purchase. Transactions may come in any order; see
/// [`crate::ltv::RfmAccumulator`] for how same-day purchases and exact duplicates are treated.
///
/// ```
/// use cxkit_core::model::Transaction;
/// let t: Transaction = serde_json::from_str(
///     r#"{"customerId": "c-1", "at": "2026-03-01T10:15:00Z", "amount": 42.5}"#,
/// ).unwrap();
/// assert_eq!(t.customer_id, "c-1");
/// assert_eq!(t.amount, 42.5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Transaction {
    /// The customer who bought.
    pub customer_id: String,
    /// When (UTC, RFC 3339 on the wire).
    pub at: DateTime<Utc>,
    /// How much (finite, ≥ 0).
    pub amount: f64,
}

impl Transaction {
    /// A transaction from its three fields.
    pub fn new(customer_id: impl Into<String>, at: DateTime<Utc>, amount: f64) -> Self {
        Transaction {
            customer_id: customer_id.into(),
            at,
            amount,
        }
    }
}
