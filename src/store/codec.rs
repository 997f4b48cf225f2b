//! The stored form: envelope, compact encoding, schema migrations. Pure functions (no backend;
//! the chunk cache is passed in).
//!
//! Envelope (one JSON object, fields in this order so the revision sits in the first bytes):
//! - small workspaces: `{"schema":N,"rev":R,"workspace":{…}}` (readable in devtools);
//! - big ones (binary form over [`COMPRESS_ABOVE`] bytes):
//!   `{"schema":N,"rev":R,"n":LEN,"k":"n0 c0 n1 c1 …","s":"a0 a1 …","p":"…"}`. The workspace's binary form
//!   (LEN bytes, exactly `postcard::to_allocvec`: decoded ≈ 2.4× faster than its JSON, and 55 %
//!   of its size) is cut into chunks at item boundaries of its top-level arrays ([`chunks`]:
//!   content-defined, ≈ 64–100 KB); chunk `i` is `n_i` bytes of it, raw-deflated (level 6) on its
//!   own into `c_i` bytes and packed 15 bits per UTF-16 code unit (U+0100..U+80FF: no JSON
//!   escaping, no surrogates; localStorage quotas count UTF-16 code units, so this is ~94 % dense,
//!   against 75 % for base64). `p` is the packed chunks one after the other (chunk `i` takes
//!   `ceil(c_i × 8 / 15)` chars), `a_i` the [`chunks::checksum`] of chunk `i`'s deflated bytes
//!   (checked before inflating it: a damaged chunk makes the value unreadable, so it is
//!   quarantined, rather than decoding to a slightly different workspace; `s` is absent from
//!   values written before it existed, which are read unchecked and written with it on the next
//!   save). Decoding inflates each chunk and concatenates. Independent
//!   chunks let a write deflate only the chunks whose bytes changed ([`encode_with`] and its
//!   [`Cache`]).
//! - read only (written by earlier versions), the same with the workspace's plain JSON in place
//!   of its binary form: chunked `{"schema":N,"rev":R,"n":LEN,"k":"…","y":"…"}`, and
//!   `{"schema":N,"rev":R,"n":LEN,"c":ZLEN,"z":"…"}`, one deflate stream decoded as one chunk.
//!   The next save writes the binary form.
//!
//! Earlier versions of the app, given a form they do not know, find none of `workspace`, `z`,
//! `y`, `accounts` and answer `WrongShape("no workspace")`: the value is quarantined verbatim
//! (never misread nor dropped), as for any unreadable data. That is why each new packing uses new
//! field names rather than a schema bump: the workspace's shape (the schema) is unchanged, only
//! its packing is.
//!
//! The binary form is not self-describing: it can only be read with the types of the schema that
//! wrote it. A schema bump must therefore keep the previous schema's types to read a stored
//! binary form into a `serde_json::Value` for the migration chain; until one exists, a binary
//! form of an older schema is refused (kept in quarantine), never guessed at.
use super::chunks::{self, Cache};
use super::objects::{from_json_noting, Skipped};
use crate::domain::{Problem, Semver, Workspace, SCHEMA_VERSION};
use serde_json::Value;
use std::rc::Rc;

/// A workspace whose binary form is bigger than this (≈ 230 KB of JSON) is stored in it, deflated;
/// a smaller one as plain JSON.
pub const COMPRESS_ABOVE: usize = 128 * 1024;

/// A forward migration: the workspace value of schema `N` → schema `N + 1`.
pub type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` turns a schema `i + 1` workspace into schema `i + 2`.
///
/// Any change to what a workspace stores (a field, an event kind) is a new schema, even one
/// with a default: a tab still running the build before would skip a member it does not know
/// and save without it, and could not read the binary form at all; told a newer schema, it
/// holds instead (`tests/store_objects.rs` `the_stored_members_are_the_schemas_own` fails on a
/// change without a bump). To add schema 2: bump `domain::SCHEMA_VERSION`, append `v1_to_v2`
/// here (a function on `serde_json::Value`), and add `tests/fixtures/workspace.v2.json` + one
/// line in `tests/fixtures/mod.rs` and `tests/fixtures/stored-members.v2.txt`. The chain driver
/// updates the `schema` numbers itself. Before the first migration ships, make the backup in
/// `Persistence::open` hold the write when it fails (it is best effort today, and keeps an
/// existing `backup-vN` rather than adding one: code review; unreachable while this list is empty).
pub const MIGRATIONS: &[Migration] = &[];

const _: () = assert!(
    MIGRATIONS.len() + 1 == SCHEMA_VERSION as usize,
    "one migration per schema step"
);

/// [`DecodeError::WrongShape`] of JSON that holds no workspace at all (any other JSON file).
const NO_WORKSPACE: &str = "no workspace";

/// Why a stored value could not become a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all: where and why, as the plugin.json and app.json checks say it (line and
    /// column in characters, the kind of error in Chinese).
    NotJson(Problem),
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
            DecodeError::NotJson(p) => p.zh.clone(),
            // The details come from serde_json / the decoder in English: labelled as such.
            DecodeError::WrongShape(e) if e == NO_WORKSPACE => {
                "不是本应用导出的数据（其中没有工作区）".to_string()
            }
            DecodeError::WrongShape(e) => match Semver::refusal_in(e) {
                Some(refusal) => refusal.zh(),
                None => format!("数据结构不符（技术细节：{e}）"),
            },
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
            DecodeError::NotJson(p) => p.en.clone(),
            DecodeError::WrongShape(e) if e == NO_WORKSPACE => {
                "not data exported by this app (it has no workspace)".to_string()
            }
            DecodeError::WrongShape(e) => match Semver::refusal_in(e) {
                Some(refusal) => refusal.en(),
                None => format!("unexpected data shape ({e})"),
            },
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
    /// The keys of the members of its JSON that no field took, each with how many times it was
    /// met, in the order first met (`store::objects::Skipped`): not in the workspace, so lost on
    /// an import, which says them (none in a compressed form, which only the app writes).
    pub skipped: Vec<(String, usize)>,
}

/// Serializes `ws` as a stored envelope with revision `rev` (compressed when big), cold: every
/// chunk is deflated. See [`encode_with`].
pub fn encode(ws: &Workspace, rev: u64) -> String {
    encode_with(ws, rev, &mut Cache::default())
}

/// Serializes `ws` as a stored envelope with revision `rev`: plain when small, else chunked and
/// deflated, deflating only the chunks whose text `cache` does not hold (then `cache` holds this
/// text). The result decodes to the same workspace whatever the cache holds.
pub fn encode_with(ws: &Workspace, rev: u64, cache: &mut Cache) -> String {
    encode_counted(ws, rev, Tag::default(), cache).map_or_else(
        || format!("{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},\"workspace\":{{}}}}"),
        |(text, _)| text,
    )
}

/// [`encode_with`], and the length of the result in UTF-16 code units (known without scanning
/// its 2 M packed chars: each is one unit). `None` if the workspace cannot be serialized (never
/// for its current shape; [`chunks::serialize`] refuses nested structs at its top level): the
/// store then reports a failed write rather than storing an empty workspace.
///
/// `tag` names the tab that writes and the workspace's lineage, right after `rev` (each left
/// out when 0). Readers that do not know them ignore them.
pub fn encode_counted(
    ws: &Workspace,
    rev: u64,
    tag: Tag,
    cache: &mut Cache,
) -> Option<(String, usize)> {
    let mut head = format!("{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},");
    for (key, n) in [("w", tag.writer), ("g", tag.lineage)] {
        if n != 0 {
            head.push_str(&format!("\"{key}\":{n},"));
        }
    }
    let mut plain = Vec::with_capacity(cache.plain_len() + cache.plain_len() / 16 + 1024);
    let cuts = chunks::serialize(ws, &mut plain).ok()?;
    if plain.len() <= COMPRESS_ABOVE {
        cache.clear();
        let mut out = head;
        out.push_str("\"workspace\":");
        out.push_str(&serde_json::to_string(ws).ok()?);
        out.push('}');
        let units = super::utf16_len(&out);
        return Some((out, units));
    }
    let n = plain.len();
    let enc = chunks::encode(plain, &cuts, cache);
    let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(" ");
    let (sizes, sums) = (list(&enc.sizes), list(&enc.sums));
    let bytes: usize = enc.packed.iter().map(|p| p.len()).sum();
    let mut out = String::with_capacity(bytes + sizes.len() + sums.len() + 64);
    out.push_str(&head);
    out.push_str(&format!(
        "\"n\":{n},\"k\":\"{sizes}\",\"s\":\"{sums}\",\"p\":\""
    ));
    // The envelope around the chunks is ASCII; chunk i is ceil(c_i × 8 / 15) chars of one unit.
    let mut units = out.len() + 2;
    for (p, c) in enc.packed.iter().zip(enc.sizes.iter().skip(1).step_by(2)) {
        out.push_str(p);
        units += units_of(*c);
    }
    out.push_str("\"}");
    Some((out, units))
}

/// The export file: always plain JSON (an envelope with revision 0), readable anywhere.
pub fn encode_export(ws: &Workspace) -> String {
    let plain = serde_json::to_string(ws).unwrap_or_else(|_| "{}".into());
    format!("{{\"schema\":{SCHEMA_VERSION},\"rev\":0,\"workspace\":{plain}}}")
}

/// What a stored envelope says of who wrote it, after its revision (`"w":N,"g":M`), both
/// readable from its first bytes ([`peek_writer`], [`peek_lineage`]); 0: not said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tag {
    /// The tab that wrote it: two tabs that write the same revision in the same instant leave
    /// values that tell which one stands (see the store's "lost write" check).
    pub writer: u32,
    /// The workspace's lineage, drawn anew when a whole workspace is stored in place of another
    /// (first start, import, reset, 清空) and kept by every write that continues it: a tab
    /// whose lineage differs from the stored one's knows the workspace was replaced, even by an
    /// earlier copy of itself (an import of its own export).
    pub lineage: u32,
}

/// Reads the revision from the first bytes of a stored envelope without parsing the rest.
pub fn peek_rev(prefix: &str) -> Option<u64> {
    peek_number(prefix, "\"rev\":")
}

/// Reads the writing tab's id (`"w"`, see [`encode_counted`]) from the first bytes of a stored
/// envelope; 0 when it has none.
pub fn peek_writer(prefix: &str) -> u32 {
    peek_tag(prefix, "\"w\":")
}

/// Reads the workspace's lineage ([`Tag::lineage`]) from the first bytes of a stored envelope;
/// 0 when it has none (written before lineages were).
pub fn peek_lineage(prefix: &str) -> u32 {
    peek_tag(prefix, "\"g\":")
}

/// One of the header's numbers after the revision, in their order (`"w"`, then `"g"`): only
/// there, as a plain workspace's own text may follow the header.
fn peek_tag(prefix: &str, key: &str) -> u32 {
    fn skip(t: &str) -> &str {
        t.trim_start_matches(|c: char| c.is_ascii_digit())
    }
    let Some(i) = prefix.find("\"rev\":") else {
        return 0;
    };
    let mut rest = skip(&prefix[i + 6..]);
    for k in ["\"w\":", "\"g\":"] {
        let Some(number) = rest.strip_prefix(',').and_then(|t| t.strip_prefix(k)) else {
            continue;
        };
        if k == key {
            // A whole number and nothing more (durability QA: `1e3` read as 1).
            let whole = matches!(skip(number).chars().next(), Some(',' | '}'));
            return peek_number(number, "")
                .filter(|_| whole)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0);
        }
        rest = skip(number);
    }
    0
}

fn peek_number(prefix: &str, key: &str) -> Option<u64> {
    let start = prefix.find(key)? + key.len();
    let digits: String = prefix[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    digits.parse().ok()
}

/// Any JSON value, of which only a whole number from 0 is kept (`schema`, `rev`): what
/// `serde_json::Value::as_u64` says of it, without building the value (nor bringing in
/// `Value`'s deserializer).
struct Whole(Option<u64>);

impl Whole {
    fn as_u64(&self) -> Option<u64> {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Whole;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Whole, E> {
                Ok(Whole(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(u64::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_unit<E>(self) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Whole, A::Error> {
                IgnoredAny.visit_seq(seq).map(|_| Whole(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Whole, A::Error> {
                IgnoredAny.visit_map(map).map(|_| Whole(None))
            }
        }
        d.deserialize_any(Any)
    }
}

/// The envelope, read in one pass: small fields, the packed strings borrowed (the packing never
/// needs a JSON escape; an escaped one is refused), the plain workspace skipped (not allocated).
#[derive(serde::Deserialize)]
struct Header<'a> {
    #[serde(default)]
    schema: Option<Whole>,
    #[serde(default)]
    rev: Option<Whole>,
    #[serde(default)]
    workspace: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    accounts: Option<serde::de::IgnoredAny>,
    /// Plain length of a compressed workspace (both compressed forms).
    #[serde(default)]
    n: Option<u64>,
    /// Single-stream form: deflated length and packed stream.
    #[serde(default)]
    c: Option<u64>,
    #[serde(default, borrow)]
    z: Option<&'a str>,
    /// Chunked forms: `"n0 c0 n1 c1 …"` (a string: one less deserializer in the wasm) and the
    /// packed chunks, concatenated: of the binary form (`p`) or of the plain JSON (`y`).
    #[serde(default, borrow)]
    k: Option<&'a str>,
    /// Binary form: the checksum of each chunk, `"a0 a1 …"` (absent before it existed).
    #[serde(default, borrow)]
    s: Option<&'a str>,
    #[serde(default, borrow)]
    p: Option<&'a str>,
    #[serde(default, borrow)]
    y: Option<&'a str>,
}

/// The stored envelope of the current schema, deserialized in one pass. Its schema, revision
/// and writer (read from the header before) are fields, so that they are not skipped members.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(default, rename = "schema")]
    _schema: u64,
    #[serde(default, rename = "rev")]
    _rev: u64,
    // Whatever they hold: only the header's first bytes are read for them ([`peek_writer`],
    // [`peek_lineage`]), and a value of another kind is not a reason to refuse the workspace
    // (durability QA: `"g":"abc"` set a whole workspace aside).
    #[serde(default, rename = "w")]
    _writer: Option<Whole>,
    #[serde(default, rename = "g")]
    _lineage: Option<Whole>,
    workspace: Workspace,
}

/// The text of a file to import: UTF-8 (a BOM dropped) or UTF-16 with its BOM, as editors save
/// them. Any other encoding (GBK, as Notepad on Chinese Windows saves by default) is refused,
/// said in (zh, en) with the line it stops being readable at, not read with replacement
/// characters (QA: a GBK file was imported with every Chinese name garbled).
pub fn file_text(bytes: Vec<u8>) -> Result<String, (String, String)> {
    // JSON has no raw NUL: UTF-16 without its BOM, UTF-32 (its BOM reads as UTF-16's), or not
    // text at all (review: said as a JSON error at column 2). `before` is the text before it.
    let line_of = |before: &[u8]| before.iter().filter(|b| **b == b'\n').count() + 1;
    let nul = |before: &[u8]| {
        let line = line_of(before);
        Err((
            format!("文件第 {line} 行有 NUL 字节：不是 UTF-8 文本（可能是 UTF-32 或没有 BOM 的 UTF-16，或不是文本文件）：请在编辑器中以 UTF-8 另存后再导入"),
            format!("the file has a NUL byte on line {line}: it is not UTF-8 text (UTF-32 or UTF-16 without a BOM, perhaps, or not a text file): save it as UTF-8 in an editor, then import it"),
        ))
    };
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks(2).map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if be {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let text = char::decode_utf16(units).collect::<Result<String, _>>();
        match text.ok().filter(|_| bytes.len().is_multiple_of(2)) {
            Some(t) => match t.find('\0') {
                Some(at) => nul(&t.as_bytes()[..at]),
                None => Ok(t),
            },
            None => Err((
                "文件以 UTF-16 的 BOM 开头，但内容不是有效的 UTF-16：请在编辑器中以 UTF-8 另存后再导入".to_string(),
                "the file starts with a UTF-16 BOM but is not valid UTF-16: save it as UTF-8 in an editor, then import it".to_string(),
            )),
        }
    };
    // A file of another kind (QA: an image was told to be saved again as UTF-8).
    let kinds: [(&[u8], &str); 8] = [
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP"),
        (b"\x1F\x8B", "GZIP"),
        (b"7z\xBC\xAF\x27\x1C", "7z"),
        (b"Rar!\x1A\x07", "RAR"),
    ];
    let webp = bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP");
    // "BM" and its four reserved bytes, zero (QA: a BMP was said as text that is not UTF-8).
    let bmp = bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0; 4]);
    let kind = kinds
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or(webp.then_some("WebP"))
        .or(bmp.then_some("BMP"));
    if let Some(kind) = kind {
        return Err((
            format!("这是 {kind} 文件，不是导出的工作区：请选择本应用导出的 JSON 文件"),
            format!("this is a {kind} file, not an exported workspace: choose a JSON file this app exported"),
        ));
    }
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => utf16(false),
        Some([0xFE, 0xFF]) => utf16(true),
        _ => {
            let mut bytes = bytes;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            if let Some(at) = bytes.iter().position(|b| *b == 0) {
                return nul(&bytes[..at]);
            }
            String::from_utf8(bytes).map_err(|e| {
                let line = line_of(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
                (
                    format!("文件不是 UTF-8 编码（从第 {line} 行起无法按 UTF-8 读取，可能是 GBK）：请在编辑器中以 UTF-8 另存后再导入"),
                    format!("the file is not UTF-8 (from line {line} it cannot be read as UTF-8; GBK perhaps): save it as UTF-8 in an editor, then import it"),
                )
            })
        }
    }
}

/// Decodes a file to import: [`decode`], then the rules on each record's fields that commands
/// keep ([`Workspace::fields_problem`], not checked on load). The refusal is said (zh, en).
/// What the file holds that the workspace does not keep is in [`Decoded::skipped`].
pub fn decode_import(raw: &str) -> Result<Decoded, (String, String)> {
    let d = decode(raw).map_err(|e| match &e {
        // A field written twice (serde's "duplicate field `n`"): said where, as the checker
        // says a key written twice (a re-check QA: only serde's English with a column).
        DecodeError::WrongShape(m) if m.starts_with("duplicate field") => {
            match crate::domain::json::duplicate_keys(raw).first() {
                Some(p) => (
                    format!("{}：{}", p.path, p.zh),
                    format!("{}: {}", p.path, p.en),
                ),
                None => (e.zh(), e.en()),
            }
        }
        // Any other shape: what can be imported (English QA: "unexpected data shape (no schema
        // version)" said nothing of what to do).
        DecodeError::WrongShape(m) if Semver::refusal_in(m).is_none() => (
            format!("{}。只能导入本应用「导出 JSON」得到的数据（可以修改其中的值，结构须保持不变）", e.zh()),
            format!("{}. Only data made by this app's Export JSON can be imported (its values may be edited, not its structure)", e.en()),
        ),
        _ => (e.zh(), e.en()),
    })?;
    d.workspace.fields_problem().map_or(Ok(d), Err)
}

/// What an import's confirmation says of the members its file holds that no field took
/// ([`Decoded::skipped`]): none → `None`; else their keys (the first five, as [`shown_key`]), how
/// many times each was met when more than once, and how many more, (zh, en).
pub fn skipped_note(skipped: &[(String, usize)]) -> Option<(String, String)> {
    if skipped.is_empty() {
        return None;
    }
    let n = skipped.len();
    let list = |times: fn(usize) -> String, sep: &str| {
        let items: Vec<String> = skipped
            .iter()
            .take(5)
            .map(|(key, count)| {
                let shown = shown_key(key);
                match count {
                    1 => shown,
                    _ => format!("{shown}{}", times(*count)),
                }
            })
            .collect();
        items.join(sep)
    };
    let zh = list(|t| format!("（{t} 处）"), "、");
    let en = list(|t| format!(" ({t} times)"), ", ");
    let (more_zh, more_en) = match n {
        ..=5 => (String::new(), String::new()),
        _ => (format!("等 {n} 个"), format!(" and {} more", n - 5)),
    };
    Some((
        format!("文件中有 {n} 个本应用不认识的字段，导入后不会保留：{zh}{more_zh}。"),
        match n {
            1 => format!("The file holds a field this app does not know, not kept after the import: {en}."),
            _ => format!("The file holds {n} fields this app does not know, not kept after the import: {en}{more_en}."),
        },
    ))
}

/// A key as [`skipped_note`] says it: a JSON string (quotes and backslashes escaped, so each
/// key's ends are plain), cut at 60 characters, with what cannot be seen or would turn the line
/// around written as its escape, as messages quote typed text ([`json::unseen`]), and spaces
/// other than U+0020 too (QA: a key with U+202E reversed the rest of the line; one of U+00A0
/// read as a space).
fn shown_key(key: &str) -> String {
    use crate::domain::json;
    let cut: String = key.chars().take(60).collect();
    let quoted = serde_json::to_string(&cut).unwrap_or_default();
    let mut shown = json::escaped(&quoted, |c| {
        json::unseen(c) || (c.is_whitespace() && c != ' ')
    });
    if cut.len() < key.len() {
        shown.insert(shown.len() - 1, '…');
    }
    shown
}

/// Decodes a stored envelope (or an exported file, or a bare workspace object). See
/// [`decode_with`].
pub fn decode(raw: &str) -> Result<Decoded, DecodeError> {
    decode_with(raw, &mut Cache::default())
}

/// Decodes a stored envelope (or an exported file, or a bare workspace object); a chunked
/// envelope of the current schema also leaves its plain text and packed chunks in `cache`, so the
/// next [`encode_with`] deflates only what changed since.
///
/// The current schema is deserialized straight from the text (one serde instantiation of the
/// domain types: [`from_json_noting`], which keeps the wasm small, its structs read only as
/// objects, as they are written); older schemas go through `serde_json::Value` and the migration
/// chain, then back to text.
pub fn decode_with(raw: &str, cache: &mut Cache) -> Result<Decoded, DecodeError> {
    let header: Header<'_> = serde_json::from_str(raw).map_err(|e| {
        if e.is_data() {
            DecodeError::WrongShape(e.to_string())
        } else {
            DecodeError::NotJson(Problem::invalid_json(raw, &e))
        }
    })?;
    let shape = |m: &str| DecodeError::WrongShape(m.to_string());
    let binary = header.p.is_some();
    let enveloped =
        header.workspace.is_some() || header.z.is_some() || header.y.is_some() || binary;
    if !enveloped && header.accounts.is_none() {
        return Err(shape(NO_WORKSPACE));
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
    // The workspace's plain JSON, when it is not deserialized from `raw` directly. The
    // single-stream form (`n`, `c`, `z`) of earlier versions is the chunked form with one chunk.
    if binary && stored_schema != SCHEMA_VERSION {
        // Only that schema's types could read it (see the module documentation).
        return Err(DecodeError::Migration {
            from: stored_schema,
            message: "binary form of an older schema".into(),
        });
    }
    let packed = match (header.p.or(header.y), header.z) {
        (Some(y), _) => Some((y, header.k.map(numbers))),
        (None, Some(z)) => Some((z, header.c.map(|c| vec![header.n.unwrap_or(u64::MAX), c]))),
        (None, None) => None,
    };
    let text = if let Some((packed, sizes)) = packed {
        let sizes = sizes.ok_or_else(|| shape("compressed data without its sizes"))?;
        let n = header
            .n
            .ok_or_else(|| shape("compressed data without length"))?;
        if n > 256 * 1024 * 1024 {
            return Err(shape("compressed length too large"));
        }
        // One checksum per chunk, counted before anything is allocated for them.
        let sums = header.s.filter(|_| binary);
        let (plain, chunks) = inflate_chunks(packed, &sizes, sums, n as usize)?;
        if binary {
            let workspace = from_binary(&plain)?;
            let decoded = finish(workspace, rev, stored_schema, Vec::new())?;
            // The cached bytes are exactly what the chunks decode to: reusable as they are.
            cache.fill(plain, chunks);
            return Ok(decoded);
        }
        plain
    } else if stored_schema == SCHEMA_VERSION && header.workspace.is_some() {
        let skipped = Skipped::default();
        let env: Envelope = from_json_noting(raw, &skipped).map_err(|e| shape(&e.to_string()))?;
        return finish(env.workspace, rev, stored_schema, skipped.into_names());
    } else if !enveloped {
        raw.as_bytes().to_vec()
    } else {
        // An older schema's plain envelope: only its workspace goes through the migrations.
        Vec::new()
    };
    // Inflated chunks that are not text: damaged stored data, not a JSON syntax error.
    let text = String::from_utf8(text).map_err(|e| shape(&e.to_string()))?;
    let text = if stored_schema == SCHEMA_VERSION {
        text
    } else {
        let json = |s: &str| -> Result<Value, DecodeError> {
            serde_json::from_str(s).map_err(|e| DecodeError::NotJson(Problem::invalid_json(s, &e)))
        };
        let value = if enveloped && header.workspace.is_some() {
            let Value::Object(mut obj) = json(raw)? else {
                return Err(shape("not an object"));
            };
            obj.remove("workspace").unwrap_or(Value::Null)
        } else {
            json(&text)?
        };
        migrate(stored_schema, value)?.to_string()
    };
    let skipped = Skipped::default();
    let workspace: Workspace =
        from_json_noting(&text, &skipped).map_err(|e| shape(&e.to_string()))?;
    let decoded = finish(workspace, rev, stored_schema, skipped.into_names())?;
    // Plain JSON is not what the next save writes: it deflates every chunk of the binary form.
    cache.clear();
    Ok(decoded)
}

/// The workspace from its binary form, which it must fill exactly.
fn from_binary(bytes: &[u8]) -> Result<Workspace, DecodeError> {
    let shape = |m: String| DecodeError::WrongShape(m);
    match postcard::take_from_bytes::<Workspace>(bytes) {
        Ok((workspace, [])) => Ok(workspace),
        Ok((_, rest)) => Err(shape(format!("{} bytes after the workspace", rest.len()))),
        Err(e) => Err(shape(format!("binary form: {e}"))),
    }
}

fn finish(
    mut workspace: Workspace,
    rev: u64,
    stored_schema: u32,
    skipped: Vec<(String, usize)>,
) -> Result<Decoded, DecodeError> {
    if workspace.schema_version() != SCHEMA_VERSION {
        return Err(DecodeError::WrongShape(format!(
            "inner schema {} ≠ {SCHEMA_VERSION}",
            workspace.schema_version()
        )));
    }
    workspace.rebuild_indexes();
    if let Some(problem) = workspace.integrity_problem() {
        return Err(DecodeError::WrongShape(problem));
    }
    Ok(Decoded {
        rev,
        stored_schema,
        workspace,
        skipped,
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

/// Packed chars taking `c` deflated bytes.
fn units_of(c: usize) -> usize {
    (c * 8).div_ceil(15)
}

/// The envelope's `k` (chunk sizes) or `s` (checksums): numbers separated by spaces; one that is
/// not a number reads as `u64::MAX`, which no size check or checksum accepts.
fn numbers(list: &str) -> Vec<u64> {
    list.split(' ')
        .map(|v| v.parse().unwrap_or(u64::MAX))
        .collect()
}

/// Chunks as [`Cache::fill`] takes them: (plain length, deflated length, checksum, packed text).
type Chunks = Vec<(usize, usize, u32, Rc<str>)>;

/// Inflates the chunked form straight into one buffer of the plain text (`n` bytes), checking
/// each chunk against its checksum first when `sums` (the envelope's `s`) is given.
fn inflate_chunks(
    y: &str,
    sizes: &[u64],
    sums: Option<&str>,
    n: usize,
) -> Result<(Vec<u8>, Chunks), DecodeError> {
    let shape = |m: &str| DecodeError::WrongShape(m.to_string());
    if !sizes.len().is_multiple_of(2) {
        return Err(shape("chunk sizes are not pairs"));
    }
    // One checksum per chunk, counted before anything is allocated for them.
    if sums.is_some_and(|s| s.split(' ').count() * 2 != sizes.len()) {
        return Err(shape("one checksum per chunk expected"));
    }
    let sums = sums.map(numbers);
    let sums = sums.as_deref();
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    // Sizes first, so a few bytes of damaged or hostile envelope cannot make us allocate
    // `n` (up to 256 MB) for nothing: the plain lengths must add up to `n`, each within what
    // deflate can expand its chunk to (at most 1032:1), and the packed chunks must be there.
    let (mut plain_total, mut units) = (0u64, 0usize);
    for pair in sizes.chunks_exact(2) {
        let (len, c) = (pair[0], pair[1]);
        // `len <= n` (≤ 256 MB) first: the rest cannot overflow.
        if len > n as u64 || c > len + len / 8 + 1024 || len > c.saturating_mul(1032) + 1024 {
            return Err(shape("chunk sizes do not add up"));
        }
        plain_total = plain_total.saturating_add(len);
        units = units.saturating_add(units_of(c as usize));
    }
    // Each packed char is 2 or 3 bytes of UTF-8.
    if plain_total != n as u64 || units.saturating_mul(2) > y.len() {
        return Err(shape("chunk sizes do not add up"));
    }
    let mut plain = vec![0u8; n];
    let mut chunks = Vec::with_capacity(sizes.len() / 2);
    let mut inflater = Box::<DecompressorOxide>::default();
    let (mut at, mut rest) = (0usize, y);
    for (i, pair) in sizes.chunks_exact(2).enumerate() {
        // Checked above: the lengths add up to `n`.
        let (len, c) = (pair[0] as usize, pair[1] as usize);
        // Packed chars are 3 bytes of UTF-8 each (U+0800..U+80FF) or 2 (U+0100..U+07FF).
        let (mut bytes, split) = unpack15_prefix(rest, units_of(c))
            .ok_or_else(|| shape("compressed data has foreign characters"))?;
        let (packed, tail) = rest.split_at(split);
        rest = tail;
        if bytes.len() < c {
            return Err(shape("compressed chunk is truncated"));
        }
        bytes.truncate(c);
        let sum = chunks::checksum(&bytes);
        if sums.is_some_and(|s| s[i] != u64::from(sum)) {
            return Err(shape("a chunk is damaged (checksum)"));
        }
        // Each chunk is its own raw deflate stream: inflated in place into its part of `plain`
        // (no buffer per chunk, no copy). It must fill that part exactly and end there.
        inflater.init();
        let (status, _, written) = decompress(
            &mut inflater,
            &bytes,
            &mut plain[at..at + len],
            0,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        match status {
            TINFLStatus::Done if written == len => {}
            TINFLStatus::Done | TINFLStatus::HasMoreOutput => {
                return Err(shape("compressed chunk has the wrong length"))
            }
            e => return Err(shape(&format!("inflate: {e:?}"))),
        }
        at += len;
        chunks.push((len, c, sum, Rc::from(packed)));
    }
    if at != n || !rest.is_empty() {
        return Err(shape("compressed data has the wrong length"));
    }
    Ok((plain, chunks))
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
    unpack15_prefix(s, usize::MAX).map(|(bytes, _)| bytes)
}

/// [`unpack15`] of the first `units` chars of `s` (all of it if shorter), in one pass; also
/// returns the byte length of those chars.
fn unpack15_prefix(s: &str, units: usize) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(units.min(s.len() / 2) * 15 / 8 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut end = 0;
    for c in s.chars().take(units) {
        let v = (c as u32).checked_sub(PACK_BASE).filter(|v| *v <= 0x7FFF)?;
        acc = ((acc << 15) | v) & 0x00FF_FFFF;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        end += c.len_utf8();
    }
    Some((out, end))
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

/// The parts of [`decode`] of a chunked binary envelope, timed with `now` (ms), for `make bench`:
/// `[header, unpack + check + inflate, postcard decode, rebuild_indexes, integrity]`, each step the very
/// function [`decode_with`] calls.
#[cfg(feature = "bench")]
pub fn decode_parts(raw: &str, now: &dyn Fn() -> f64) -> Vec<f64> {
    let mut times = Vec::new();
    let mut t = now();
    let mut lap = |times: &mut Vec<f64>| {
        let n = now();
        times.push(n - t);
        t = n;
    };
    let header: Header<'_> = serde_json::from_str(raw).expect("header");
    let (p, k, n) = (
        header.p.expect("binary chunks"),
        header.k.expect("sizes"),
        header.n.expect("length") as usize,
    );
    let (sizes, sums) = (numbers(k), header.s.expect("checksums"));
    lap(&mut times);
    let (plain, _) = inflate_chunks(p, &sizes, Some(sums), n).expect("inflate");
    lap(&mut times);
    let mut workspace = from_binary(&plain).expect("binary form");
    lap(&mut times);
    workspace.rebuild_indexes();
    lap(&mut times);
    assert!(workspace.integrity_problem().is_none());
    lap(&mut times);
    times
}
