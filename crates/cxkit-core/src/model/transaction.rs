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
    /// When (UTC, RFC 3339 on the wire, any offset).
    #[serde(with = "rfc3339")]
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

/// Serde helpers for `DateTime<Utc>` as strict RFC 3339 (`DateTime::parse_from_rfc3339`, as
/// survey timestamps are read), instead of chrono's lenient `FromStr`, whose general format
/// parser costs about 12 KB of WebAssembly.
pub mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `2026-03-01T10:15:00Z` (sub-second digits only when present).
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }

    /// Reads an RFC 3339 timestamp with any offset, kept in UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                serde::de::Error::custom(format!(
                    "\"{}\" is not an RFC 3339 timestamp ({e})",
                    crate::text::excerpt(&s)
                ))
            })
    }
}
