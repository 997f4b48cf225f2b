//! The stored form: envelope, compact encoding, schema migrations. Pure functions (no backend).
//!
//! Envelope (one JSON object, fields in this order so the revision sits in the first bytes):
//! - small workspaces: `{"schema":N,"rev":R,"workspace":{…}}` (readable in devtools);
//! - big ones (plain JSON over [`COMPRESS_ABOVE`] bytes): `{"schema":N,"rev":R,"n":LEN,"c":ZLEN,"z":"…"}`
//!   where `z` is the raw-deflated workspace JSON (ZLEN bytes, LEN once inflated) packed 15 bits per
//!   UTF-16 code unit (U+0100..U+80FF: no JSON escaping, no surrogates). localStorage quotas count
//!   UTF-16 code units, so this is ~94 % dense, against 75 % for base64.
use crate::domain::{Workspace, SCHEMA_VERSION};
use serde_json::{Map, Value};

/// Plain JSON bigger than this is stored deflated.
pub const COMPRESS_ABOVE: usize = 256 * 1024;

/// A forward migration: the workspace value of schema `N` → schema `N + 1`.
pub type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` turns a schema `i + 1` workspace into schema `i + 2`.
///
/// To add schema 2: bump `domain::SCHEMA_VERSION`, append `v1_to_v2` here (a function on
/// `serde_json::Value`), and add `tests/fixtures/workspace.v2.json` + one line in
/// `tests/fixtures/mod.rs`. The chain driver updates the `schema` numbers itself.
pub const MIGRATIONS: &[Migration] = &[];

const _: () = assert!(
    MIGRATIONS.len() + 1 == SCHEMA_VERSION as usize,
    "one migration per schema step"
);

/// Why a stored value could not become a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not an envelope/workspace of a known shape.
    WrongShape(String),
    /// Written by a newer version of the app.
    NewerSchema(u64),
    /// A migration step refused.
    Migration { from: u32, message: String },
}

impl DecodeError {
    /// Message for the banner (zh).
    pub fn zh(&self) -> String {
        match self {
            DecodeError::NotJson(e) => format!("不是有效的 JSON（{e}）"),
            DecodeError::WrongShape(e) => format!("数据结构不符（{e}）"),
            DecodeError::NewerSchema(v) => {
                format!("由更新版本的应用写入（格式版本 {v}，本应用支持到 {SCHEMA_VERSION}）")
            }
            DecodeError::Migration { from, message } => {
                format!("从格式版本 {from} 升级失败（{message}）")
            }
        }
    }
    /// Message for the banner (en).
    pub fn en(&self) -> String {
        match self {
            DecodeError::NotJson(e) => format!("not valid JSON ({e})"),
            DecodeError::WrongShape(e) => format!("unexpected data shape ({e})"),
            DecodeError::NewerSchema(v) => format!(
                "written by a newer app (schema {v}; this app reads up to {SCHEMA_VERSION})"
            ),
            DecodeError::Migration { from, message } => {
                format!("upgrade from schema {from} failed ({message})")
            }
        }
    }
}

/// A decoded envelope.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// Its revision (0 for a bare workspace file).
    pub rev: u64,
    /// The schema it was stored with (before migration).
    pub stored_schema: u32,
    /// The workspace, migrated to [`SCHEMA_VERSION`], indexes rebuilt.
    pub workspace: Workspace,
}

/// Serializes `ws` as a stored envelope with revision `rev` (compressed when big).
pub fn encode(ws: &Workspace, rev: u64) -> String {
    let plain = serde_json::to_string(ws).unwrap_or_else(|_| "{}".into());
    if plain.len() <= COMPRESS_ABOVE {
        return format!("{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},\"workspace\":{plain}}}");
    }
    // Level 6: the 10 000-plugin workspace stores in ~4.2 MB (level 3: ~4.6 MB, too close to 5).
    let deflated = miniz_oxide::deflate::compress_to_vec(plain.as_bytes(), 6);
    let packed = pack15(&deflated);
    format!(
        "{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},\"n\":{},\"c\":{},\"z\":\"{packed}\"}}",
        plain.len(),
        deflated.len()
    )
}

/// The export file: always plain JSON (an envelope with revision 0), readable anywhere.
pub fn encode_export(ws: &Workspace) -> String {
    let plain = serde_json::to_string(ws).unwrap_or_else(|_| "{}".into());
    format!("{{\"schema\":{SCHEMA_VERSION},\"rev\":0,\"workspace\":{plain}}}")
}

/// Reads the revision from the first bytes of a stored envelope without parsing the rest.
pub fn peek_rev(prefix: &str) -> Option<u64> {
    let start = prefix.find("\"rev\":")? + 6;
    let digits: String = prefix[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    digits.parse().ok()
}

/// The envelope's small fields; the workspace is skipped (not allocated) on this first pass.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    schema: Option<Value>,
    #[serde(default)]
    rev: Option<Value>,
    #[serde(default)]
    workspace: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    z: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    accounts: Option<serde::de::IgnoredAny>,
}

/// The stored envelope of the current schema, deserialized in one pass.
#[derive(serde::Deserialize)]
struct Envelope {
    workspace: Workspace,
}

/// Decodes a stored envelope (or an exported file, or a bare workspace object).
///
/// The current schema is deserialized straight from the text (one serde instantiation of the
/// domain types: `from_str`, which keeps the wasm small); older schemas go through
/// `serde_json::Value` and the migration chain, then back to text.
pub fn decode(raw: &str) -> Result<Decoded, DecodeError> {
    let header: Header = serde_json::from_str(raw).map_err(|e| {
        if e.is_data() {
            DecodeError::WrongShape(e.to_string())
        } else {
            DecodeError::NotJson(e.to_string())
        }
    })?;
    let shape = |m: &str| DecodeError::WrongShape(m.to_string());
    let enveloped = header.workspace.is_some() || header.z.is_some();
    if !enveloped && header.accounts.is_none() {
        return Err(shape("no workspace"));
    }
    let rev = match (&header.rev, enveloped) {
        (None, _) | (_, false) => 0,
        (Some(v), true) => v
            .as_u64()
            .ok_or_else(|| shape("rev is not a revision number"))?,
    };
    let schema = header
        .schema
        .as_ref()
        .ok_or_else(|| shape("no schema version"))?
        .as_u64()
        .ok_or_else(|| shape("schema is not a version number"))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(DecodeError::NewerSchema(schema));
    }
    if schema == 0 {
        return Err(shape("schema 0"));
    }
    let stored_schema = schema as u32;
    let text_of_current: std::borrow::Cow<'_, str> = if stored_schema == SCHEMA_VERSION {
        if header.workspace.is_some() {
            let env: Envelope = serde_json::from_str(raw).map_err(|e| shape(&e.to_string()))?;
            return finish(env.workspace, rev, stored_schema);
        } else if header.z.is_some() {
            let Value::Object(obj) = serde_json::from_str::<Value>(raw)
                .map_err(|e| DecodeError::NotJson(e.to_string()))?
            else {
                return Err(shape("not an object"));
            };
            std::borrow::Cow::Owned(inflate_packed(&obj)?)
        } else {
            std::borrow::Cow::Borrowed(raw)
        }
    } else {
        let Value::Object(mut obj) =
            serde_json::from_str::<Value>(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?
        else {
            return Err(shape("not an object"));
        };
        let workspace = if !enveloped {
            Value::Object(obj)
        } else if let Some(w) = obj.remove("workspace") {
            w
        } else {
            serde_json::from_str(&inflate_packed(&obj)?)
                .map_err(|e| DecodeError::NotJson(e.to_string()))?
        };
        let migrated = migrate(stored_schema, workspace)?;
        std::borrow::Cow::Owned(migrated.to_string())
    };
    let workspace: Workspace =
        serde_json::from_str(&text_of_current).map_err(|e| shape(&e.to_string()))?;
    finish(workspace, rev, stored_schema)
}

fn finish(mut workspace: Workspace, rev: u64, stored_schema: u32) -> Result<Decoded, DecodeError> {
    if workspace.schema_version() != SCHEMA_VERSION {
        return Err(DecodeError::WrongShape(format!(
            "inner schema {} ≠ {SCHEMA_VERSION}",
            workspace.schema_version()
        )));
    }
    workspace.rebuild_indexes();
    Ok(Decoded {
        rev,
        stored_schema,
        workspace,
    })
}

/// Runs the migration chain from `from` up to [`SCHEMA_VERSION`], keeping the workspace's own
/// `schema` field in step.
pub fn migrate(from: u32, mut workspace: Value) -> Result<Value, DecodeError> {
    if !workspace.is_object() {
        return Err(DecodeError::WrongShape("workspace is not an object".into()));
    }
    for version in from..SCHEMA_VERSION {
        let step = MIGRATIONS[(version - 1) as usize];
        workspace = step(workspace).map_err(|message| DecodeError::Migration {
            from: version,
            message,
        })?;
        if let Some(obj) = workspace.as_object_mut() {
            obj.insert("schema".into(), Value::from(version + 1));
        }
    }
    Ok(workspace)
}

fn inflate_packed(obj: &Map<String, Value>) -> Result<String, DecodeError> {
    let shape = |m: &str| DecodeError::WrongShape(m.to_string());
    let n = obj
        .get("n")
        .and_then(Value::as_u64)
        .ok_or_else(|| shape("compressed data without length"))?;
    if n > 256 * 1024 * 1024 {
        return Err(shape("compressed length too large"));
    }
    let z = obj
        .get("z")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("compressed data is not a string"))?;
    let c = obj
        .get("c")
        .and_then(Value::as_u64)
        .ok_or_else(|| shape("compressed data without its size"))?;
    let mut bytes = unpack15(z).ok_or_else(|| shape("compressed data has foreign characters"))?;
    if (bytes.len() as u64) < c {
        return Err(shape("compressed data is truncated"));
    }
    bytes.truncate(c as usize);
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, n as usize)
        .map_err(|e| shape(&format!("inflate: {e:?}")))?;
    if plain.len() as u64 != n {
        return Err(shape("compressed data has the wrong length"));
    }
    String::from_utf8(plain).map_err(|e| DecodeError::NotJson(e.to_string()))
}

const PACK_BASE: u32 = 0x100;

/// Packs bytes 15 bits per char (U+0100..U+80FF).
pub fn pack15(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = ((acc << 8) | u32::from(b)) & 0x007F_FFFF;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            let v = (acc >> bits) & 0x7FFF;
            out.push(char::from_u32(PACK_BASE + v).unwrap_or('\u{100}'));
        }
    }
    if bits > 0 {
        let v = (acc << (15 - bits)) & 0x7FFF;
        out.push(char::from_u32(PACK_BASE + v).unwrap_or('\u{100}'));
    }
    out
}

/// Inverse of [`pack15`] (trailing padding bits dropped). `None` on a char outside the range.
pub fn unpack15(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 3 * 15 / 8 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.chars() {
        let v = (c as u32).checked_sub(PACK_BASE).filter(|v| *v <= 0x7FFF)?;
        acc = ((acc << 15) | v) & 0x00FF_FFFF;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Counts of what a workspace holds (for the import confirmation and the data page).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// 小程序帐号.
    pub accounts: usize,
    /// 插件.
    pub plugins: usize,
    /// 使用申请.
    pub applications: usize,
    /// Events in the log.
    pub events: usize,
}

impl Counts {
    /// Counts of `ws`.
    pub fn of(ws: &Workspace) -> Counts {
        Counts {
            accounts: ws.accounts().len(),
            plugins: ws.plugins().len(),
            applications: ws.applications().len(),
            events: ws.events().len(),
        }
    }
}
