//! # cxkit-adapters
//!
//! Webhook adapters for contact-centre and CRM platforms (Amazon Connect, Genesys Cloud, Twilio,
//! Zendesk, Salesforce and a generic signed format): verify the sender, parse the platform's own
//! format and map it to `cxkit-core` records. One module per platform; none exists yet.

pub use cxkit_core;
