//! Identifiers and deterministic pseudo-randomness.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::errors::DomainError;

/// A mini program AppID: `wx` + 16 lowercase hex digits. A plugin shares its owner's AppID.
///
/// Always well-formed: [`AppId::parse`] checks user input, and deserializing refuses anything
/// else, so a stored or imported workspace cannot carry a malformed AppID.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct AppId(String);

impl TryFrom<String> for AppId {
    type Error = &'static str;
    fn try_from(text: String) -> Result<AppId, Self::Error> {
        if is_app_id(&text) {
            Ok(AppId(text))
        } else {
            Err("not an AppID (wx + 16 lowercase hex digits)")
        }
    }
}

/// How every AppID starts.
pub const APP_ID_START: &str = "wx";

/// Whether `t` is exactly an AppID.
fn is_app_id(t: &str) -> bool {
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    t.len() == 18 && t.starts_with(APP_ID_START) && t.as_bytes()[2..].iter().all(hex)
}

impl AppId {
    /// Parses user input (surrounding whitespace is ignored).
    pub fn parse(input: &str) -> Result<AppId, DomainError> {
        let t = input.trim();
        if is_app_id(t) {
            Ok(AppId(t.to_string()))
        } else {
            Err(DomainError::InvalidAppId {
                value: input.to_string(),
            })
        }
    }

    /// Parses an AppID in a page's address, in any case (QA: `/consumer/plugins/WX…` was not
    /// found, though search takes an upper-case AppID).
    pub fn parse_any_case(input: &str) -> Result<AppId, DomainError> {
        Self::parse(&input.to_ascii_lowercase())
    }

    /// Builds the AppID whose hex part is `n`.
    pub fn from_u64(n: u64) -> AppId {
        AppId(format!("wx{n:016x}"))
    }

    /// The AppID text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One step of splitmix64: advances `state` and returns the next pseudo-random value.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Deterministic generator (splitmix64) for demo and scale data.
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// Next raw value.
    pub fn next_u64(&mut self) -> u64 {
        splitmix64(&mut self.0)
    }
    /// Uniform-ish value in `0..n` (`n` > 0; returns 0 for `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}
