//! Identifiers and deterministic pseudo-randomness.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::errors::DomainError;

/// A mini program AppID: `wx` + 16 lowercase hex digits. A plugin shares its owner's AppID.
///
/// Held inline (no heap allocation: a workspace holds hundreds of thousands of them) and always
/// well-formed: [`AppId::parse`] checks user input, and deserializing refuses anything else, so a
/// stored or imported workspace cannot smuggle in a malformed AppID.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AppId([u8; APP_ID_LEN]);

const APP_ID_LEN: usize = 18;

impl AppId {
    /// Parses user input (surrounding whitespace is ignored).
    pub fn parse(input: &str) -> Result<AppId, DomainError> {
        AppId::exact(input.trim()).ok_or_else(|| DomainError::InvalidAppId {
            value: input.to_string(),
        })
    }

    /// `text` if it is exactly an AppID.
    fn exact(text: &str) -> Option<AppId> {
        let bytes: [u8; APP_ID_LEN] = text.as_bytes().try_into().ok()?;
        let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
        (bytes.starts_with(b"wx") && bytes[2..].iter().all(hex)).then_some(AppId(bytes))
    }

    /// Builds the AppID whose hex part is `n`.
    pub fn from_u64(n: u64) -> AppId {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut bytes = [0u8; APP_ID_LEN];
        bytes[..2].copy_from_slice(b"wx");
        for (i, b) in bytes[2..].iter_mut().enumerate() {
            *b = HEX[((n >> (60 - 4 * i)) & 0xf) as usize];
        }
        AppId(bytes)
    }

    /// The AppID text.
    pub fn as_str(&self) -> &str {
        // Always ASCII: built only by `exact` and `from_u64`.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AppId({:?})", self.as_str())
    }
}

impl Serialize for AppId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AppId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = AppId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an AppID (wx + 16 lowercase hex digits)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AppId, E> {
                AppId::exact(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Visitor)
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
