//! Signature and shared-key checks shared by the platform modules.
//!
//! - Every comparison of a secret-derived value is constant-time: HMAC tags through
//!   [`hmac::Mac::verify_slice`], shared keys through [`subtle::ConstantTimeEq`] (only the
//!   length of the candidate can leak, never its content).
//! - Several secrets may be configured at once (rotation): a request passes when any of them
//!   verifies it; [`Verified::secret_index`] says which.
//! - Replay windows take `now` as data ([`check_window`]): this crate never reads a clock.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use chrono::{DateTime, Utc};
use cxkit_core::{Error, ErrorCode};
use hmac::{KeyInit, Mac};
use subtle::ConstantTimeEq;

use crate::api::Request;
use crate::fail;

/// HMAC-SHA256.
pub type HmacSha256 = hmac::Hmac<sha2::Sha256>;
/// HMAC-SHA1.
pub type HmacSha1 = hmac::Hmac<sha1::Sha1>;

/// Constant-time equality of two byte strings (the length is not hidden).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()));
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA1 of the concatenation of `parts` under `key`.
pub fn hmac_sha1(key: &[u8], parts: &[&[u8]]) -> [u8; 20] {
    let mut mac = <HmacSha1 as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha1 as KeyInit>::new(&Default::default()));
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// `true` when `tag` is the HMAC-SHA256 of `parts` under `key`, compared in constant time.
pub fn verify_sha256(key: &[u8], parts: &[&[u8]], tag: &[u8]) -> bool {
    match <HmacSha256 as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            for p in parts {
                mac.update(p);
            }
            mac.verify_slice(tag).is_ok()
        }
        Err(_) => false,
    }
}

/// `true` when `tag` is the HMAC-SHA1 of `parts` under `key`, compared in constant time.
pub fn verify_sha1(key: &[u8], parts: &[&[u8]], tag: &[u8]) -> bool {
    match <HmacSha1 as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            for p in parts {
                mac.update(p);
            }
            mac.verify_slice(tag).is_ok()
        }
        Err(_) => false,
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    let digit = |n: u8| char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 });
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b & 0x0f));
    }
    out
}

/// Decodes hexadecimal (either case); `None` on an odd length or a non-hex digit.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    s.chunks_exact(2)
        .map(|p| match p {
            [hi, lo] => Some((digit(*hi)? << 4) | digit(*lo)?),
            _ => None,
        })
        .collect()
}

/// Standard base64.
pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes standard base64, with or without padding.
pub fn unb64(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    STANDARD
        .decode(s)
        .ok()
        .or_else(|| STANDARD_NO_PAD.decode(s.trim_end_matches('=')).ok())
}

/// Which secret verified a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// Index into `options.secrets`.
    pub secret_index: usize,
}

/// Returns the index of the first secret for which `check` holds, or `None`. Every secret is
/// tried (no early exit) so that timing does not reveal which one matched.
pub fn any_secret(secrets: &[String], mut check: impl FnMut(&[u8]) -> bool) -> Option<usize> {
    let mut found = None;
    for (i, s) in secrets.iter().enumerate() {
        if check(s.as_bytes()) && found.is_none() {
            found = Some(i);
        }
    }
    found
}

/// Compares the value of `header` with every configured secret in constant time (Amazon
/// Firehose's `X-Amz-Firehose-Access-Key`, EventBridge API-destination keys, relays).
pub fn shared_key(
    req: &Request,
    header: &str,
    secrets: &[String],
    what: &str,
) -> Result<Verified, Error> {
    let value = req
        .header(header)
        .ok_or_else(|| fail::missing_signature(header, what))?;
    let value = value.trim().as_bytes();
    any_secret(secrets, |s| ct_eq(s, value))
        .map(|secret_index| Verified { secret_index })
        .ok_or_else(|| {
            fail::mismatch(
                header,
                format!("the {header} header matches none of the configured secrets"),
            )
        })
}

/// Rejects a signed timestamp that lies more than `tolerance_s` seconds before or after `now`.
pub fn check_window(
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    tolerance_s: u64,
    field: &str,
) -> Result<(), Error> {
    let skew = (now - at).num_seconds();
    let tolerance = i64::try_from(tolerance_s).unwrap_or(i64::MAX);
    if skew.checked_abs().is_none_or(|s| s > tolerance) {
        let when = if skew > 0 { "old" } else { "in the future" };
        return Err(Error::new(
            ErrorCode::StaleTimestamp,
            format!(
                "{field} {} is {} s {when} (now {}, tolerance {tolerance_s} s): rejected as a possible replay",
                at.to_rfc3339(),
                skew.unsigned_abs(),
                now.to_rfc3339()
            ),
        )
        .with_field(field.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_known_answers() {
        // RFC 4231 test case 2.
        let tag = hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
        assert_eq!(
            hex(&tag),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify_sha256(
            b"Jefe",
            &[b"what do ya want for nothing?"],
            &tag
        ));
        assert!(!verify_sha256(
            b"jefe",
            &[b"what do ya want for nothing?"],
            &tag
        ));
        // RFC 2202 test case 2.
        let tag = hmac_sha1(b"Jefe", &[b"what do ya want for nothing?"]);
        assert_eq!(hex(&tag), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assert!(verify_sha1(
            b"Jefe",
            &[b"what do ya want ", b"for nothing?"],
            &tag
        ));
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn encodings_round_trip() {
        assert_eq!(
            unhex(&hex(&[0, 1, 0xab, 0xff])),
            Some(vec![0, 1, 0xab, 0xff])
        );
        assert_eq!(unhex("AbCd"), Some(vec![0xab, 0xcd]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unb64(&b64(b"hello")), Some(b"hello".to_vec()));
        assert_eq!(unb64("aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(unb64("***"), None);
    }

    #[test]
    fn secrets_and_windows() {
        let secrets = vec!["old".to_string(), "new".to_string()];
        assert_eq!(any_secret(&secrets, |s| s == b"new"), Some(1));
        assert_eq!(any_secret(&secrets, |_| false), None);
        let now = crate::de::parse_time("2026-11-23T10:00:00Z").unwrap();
        let at = crate::de::parse_time("2026-11-23T09:55:00Z").unwrap();
        assert!(check_window(at, now, 300, "t").is_ok());
        assert_eq!(
            check_window(at, now, 299, "t").unwrap_err().code,
            ErrorCode::StaleTimestamp
        );
        let future = crate::de::parse_time("2026-11-23T10:06:00Z").unwrap();
        let e = check_window(future, now, 300, "t").unwrap_err();
        assert!(e.message.contains("in the future"), "{}", e.message);
    }
}
