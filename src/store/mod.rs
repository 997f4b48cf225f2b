//! Persistence behind a small key-value trait: localStorage in the browser, memory in native tests.
//!
//! # Stored form
//! One JSON envelope under [`WORKSPACE_KEY`]: `{"schema":N,"rev":R,"workspace":{…}}`, or, for
//! big workspaces, the same with the workspace's binary form (postcard) cut into chunks, each
//! deflated and packed into a string, all in that one value (see [`codec`]): one key, so a write
//! is still one atomic `setItem` and the compare-and-swap below is unchanged. `schema` is the format version; older
//! ones are migrated forward on load ([`codec::MIGRATIONS`], one `serde_json::Value` function
//! per step, a fixture per version in `tests/fixtures/`). `rev` is a revision number bumped by
//! every write, from any tab.
//!
//! # Never losing a write: the design
//! The UI keeps the workspace in memory and runs every command through [`Persistence::execute`]:
//!
//! 1. **Sync (compare).** Peek at the stored envelope's revision and length (a few bytes, no
//!    parse). If it is not what this tab last read or wrote, another tab wrote: load the fresh
//!    state and **re-apply this tab's pending operations** on it (commands are serde values and
//!    deterministic given actor + `now`, which are recorded with them). A pending command that no
//!    longer applies is dropped and reported ([`Notice::Dropped`] with its `DomainError`; not
//!    one the fresh state already holds, `DomainError::Unchanged`).
//! 2. **Execute** the new command on that state (the domain applies all or nothing); on success
//!    it joins the pending operations.
//! 3. **Write (swap)**, now or coalesced a moment later ([`Persistence::flush`]): the flush syncs
//!    again (step 1), then writes the whole state with `rev + 1` in the same synchronous turn
//!    (other tabs' writes reach us between tasks, never inside one). On failure (quota) the
//!    pending operations stay, the state stays in memory, and the UI offers a retry and an export.
//! 4. **Confirm.** That check is not atomic across tabs: Chromium gives each tab its own copy of
//!    localStorage, which another tab's write reaches a moment later, so two tabs acting within
//!    a few milliseconds can both pass it and write the same revision, the later write replacing
//!    the earlier. Each write therefore names its tab (`"w"` in the envelope) and the tab keeps
//!    what it wrote for a few seconds: when another tab's value of that same revision arrives
//!    and lacks this tab's events (while holding the state they were applied on), they are
//!    redone on it like pending operations (step 1, with [`Notice::Dropped`] if they no longer
//!    apply) and written as the next revision.
//! 5. **Replaced, not continued.** Each write also carries the workspace's lineage (`"g"`,
//!    [`codec::Tag`]), drawn anew when a tab stores a whole workspace in place of another
//!    (first start, import, reset, 清空). A sync that finds another lineage loaded a
//!    replacement: this tab's pending operations are not redone on it but dropped and said
//!    ([`DomainError::ReplacedElsewhere`]), even when the import was an earlier export of this
//!    very workspace, whose log begins alike. A value that does not say its lineage (an older
//!    build's save) is judged as before lineages: replaced when its log begins otherwise.
//!
//! **Cost of a write.** Every write stores the whole state, but not at full price: the store keeps
//! the binary form it last wrote or read and the deflated form of each of its chunks
//! ([`chunks::Cache`]); a write serializes the workspace (postcard, ≈ 0.4× `JSON.stringify`'s
//! cost), compares each chunk's bytes with the cached ones, and deflates only those that changed
//! (one command: its item's chunk and a few chunks of a few bytes, of ≈ 220 for the 10 000-plugin
//! workspace). A load (`open`, a `sync` that reloads another tab's state) fills the cache with
//! what it decoded, so the first write after it is already cheap; a cold write (first run,
//! import, reset, small → big) deflates every chunk. The cache only ever maps bytes to their deflated form, so it cannot make a write
//! differ from a cold one (tests compare them byte for byte); it is never a source of state.
//!
//! A `storage` event from another tab is just an early sync. A pending save is flushed on
//! `pagehide` / `visibilitychange` (hidden). Only whole states produced by successful commands
//! are ever written.
//!
//! # Bad data
//! Anything at startup that does not decode (bad JSON, wrong shape, newer schema) is copied
//! verbatim to a new quarantine key ([`QUARANTINE_KEY`], then `…-2`, `…-3`: an existing one is
//! never overwritten) before the demo workspace takes its place. If even that copy fails (full
//! quota), the raw value is left where it is and this tab never writes over it until the user
//! discards it ([`Persistence::discard_held`]).
pub mod chunks;
pub mod codec;
pub mod objects;
pub mod session;

use crate::domain::{demo_workspace, Actor, Command, DomainError, Subject, Timestamp, Workspace};
use codec::{decode_with, encode_counted, peek_lineage, peek_rev, peek_writer, DecodeError, Tag};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Prefix of every key the app stores (all of this origin's other keys are not the app's).
pub const KEY_PREFIX: &str = "plugin-lifecycle/";
/// Key of the workspace envelope.
pub const WORKSPACE_KEY: &str = "plugin-lifecycle/workspace";
/// First quarantine key; later ones get `-2`, `-3`, ….
pub const QUARANTINE_KEY: &str = "plugin-lifecycle/quarantine";
/// Prefix of the pre-migration backup keys (`…-v1`, …).
pub const BACKUP_KEY: &str = "plugin-lifecycle/backup";
/// The usual localStorage budget per origin (what browsers give at least).
pub const USUAL_QUOTA_BYTES: usize = 5 * 1024 * 1024;
/// [`USUAL_QUOTA_BYTES`] in MB, as the page says it.
pub const USUAL_QUOTA_MB: usize = USUAL_QUOTA_BYTES >> 20;

/// How full the usual budget ([`USUAL_QUOTA_BYTES`]) is, once it is worth saying: the event log
/// only grows (each action, each application that expires), so a workspace near it may stop
/// saving at its next action (QA: an import at 78 % became 92 % at the first click, as 20 000
/// expiries were logged, and an import at 174 % saved in Chromium's 10 MB, then its first action
/// did not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fullness {
    /// 80 % or more of the usual budget.
    Near,
    /// Past the usual budget: only browsers that give more (Chromium, Firefox: 10 MB) keep it.
    Past,
}

impl Fullness {
    /// For a stored workspace of `bytes` (UTF-16 bytes, as browsers count).
    pub fn of(bytes: u64) -> Option<Fullness> {
        let quota = USUAL_QUOTA_BYTES as u64;
        if bytes > quota {
            Some(Fullness::Past)
        } else if bytes * 5 >= quota * 4 {
            Some(Fullness::Near)
        } else {
            None
        }
    }
}

/// Why the backend refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser's quota is exhausted.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// Storage is unavailable (private mode, disabled) or another failure.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// zh message.
    pub fn zh(&self) -> String {
        match self {
            StoreError::QuotaExceeded => {
                "浏览器存储空间已满，最近的修改尚未保存（仍保留在本页中）。".into()
            }
            StoreError::Unavailable(e) => {
                format!("浏览器存储不可用，修改只保留在本页中（技术细节：{e}）。请在浏览器设置中允许本站保存数据（Cookie 和网站数据）后重新加载；在此之前，请用「导出数据」保存工作。")
            }
        }
    }
    /// en message.
    pub fn en(&self) -> String {
        match self {
            StoreError::QuotaExceeded => {
                "Browser storage is full: recent changes are not saved yet (they are kept in this page).".into()
            }
            StoreError::Unavailable(e) => {
                format!("Browser storage is unavailable ({e}): changes live only in this page. Allow this site to store data in the browser's settings (cookies and site data), then reload; until then, export your work to keep it.")
            }
        }
    }
}

/// Why [`Persistence::replace`] replaced nothing (the tab is as it was).
#[derive(Clone, Debug, PartialEq)]
pub enum ReplaceRefused {
    /// This tab holds back from writing (stored data it could not read or set aside).
    Holding,
    /// The new workspace could not be written: `units` UTF-16 units did not fit.
    NotStored {
        /// The storage's refusal.
        error: StoreError,
        /// Length of the value that was refused.
        units: usize,
    },
}

/// A cheap look at a stored value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peek {
    /// Its first chars (at most the number asked for).
    pub prefix: String,
    /// Its length in UTF-16 code units (what browsers count against the quota).
    pub len: usize,
}

/// A string key-value store (localStorage's shape).
pub trait KeyValueStore {
    /// Reads a key.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Writes a key.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Deletes a key.
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// The first `n` chars and the length of a value, ideally without copying it all.
    fn peek(&self, key: &str, n: usize) -> Result<Option<Peek>, StoreError> {
        Ok(self.get(key)?.map(|v| Peek {
            prefix: v.chars().take(n).collect(),
            len: utf16_len(&v),
        }))
    }
}

/// Whether `key` holds a value set aside (a quarantine key or a pre-migration backup).
fn is_set_aside(key: &str) -> bool {
    key.starts_with(QUARANTINE_KEY) || key.starts_with(BACKUP_KEY)
}

/// `a` against `b`, runs of digits compared as the numbers they write (`quarantine-2` before
/// `quarantine-10`), the rest by code point.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        let (i, j) = (digits(a), digits(b));
        let order = if i > 0 && j > 0 {
            // Leading zeros aside, a longer run is a bigger number.
            fn number(run: &[u8]) -> &[u8] {
                &run[run.iter().take_while(|&&c| c == b'0').count()..]
            }
            let (x, y) = (number(&a[..i]), number(&b[..j]));
            (a, b) = (&a[i..], &b[j..]);
            x.len().cmp(&y.len()).then(x.cmp(y))
        } else {
            match (a.split_first(), b.split_first()) {
                (None, None) => return std::cmp::Ordering::Equal,
                (Some((x, rest_a)), Some((y, rest_b))) => {
                    (a, b) = (rest_a, rest_b);
                    x.cmp(y)
                }
                (x, y) => return x.is_some().cmp(&y.is_some()),
            }
        };
        if order.is_ne() {
            return order;
        }
    }
}

/// Length in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    // One unit per char (std counts them a word at a time), two for the 4-byte ones.
    s.chars().count() + s.bytes().filter(|&b| b >= 0xF0).count()
}

/// In-memory backend (native tests). Optionally with a quota in UTF-16 code units (keys +
/// values), to test a full storage.
#[derive(Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    quota: RefCell<Option<usize>>,
}

impl MemoryStore {
    /// Sets (or lifts) a quota.
    pub fn set_quota(&self, quota: Option<usize>) {
        *self.quota.borrow_mut() = quota;
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = *self.quota.borrow() {
            let used: usize = self
                .map
                .borrow()
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| utf16_len(k) + utf16_len(v))
                .sum();
            if used + utf16_len(key) + utf16_len(value) > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.map
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

impl<T: KeyValueStore + ?Sized> KeyValueStore for std::rc::Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn peek(&self, key: &str, n: usize) -> Result<Option<Peek>, StoreError> {
        (**self).peek(key, n)
    }
}

/// The browser's localStorage, through `web_sys::Storage` directly: gloo-storage's `set` is
/// typed to JSON values and its error hides which DOMException it was, and the store needs raw
/// strings and to tell a full quota (`QuotaExceededError`) from storage being unavailable.
#[cfg(target_arch = "wasm32")]
pub struct LocalStorageStore;

#[cfg(target_arch = "wasm32")]
fn js_error(e: wasm_bindgen::JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::QuotaExceeded
    } else {
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        StoreError::Unavailable(message)
    }
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .ok_or_else(|| StoreError::Unavailable("no window".into()))?
        .local_storage()
        .map_err(js_error)?
        .ok_or_else(|| StoreError::Unavailable("no localStorage".into()))
}

#[cfg(target_arch = "wasm32")]
impl KeyValueStore for LocalStorageStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        local_storage()?.get_item(key).map_err(js_error)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        local_storage()?.set_item(key, value).map_err(js_error)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        local_storage()?.remove_item(key).map_err(js_error)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = local_storage()?;
        let n = storage.length().map_err(js_error)?;
        Ok((0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
    fn peek(&self, key: &str, n: usize) -> Result<Option<Peek>, StoreError> {
        use wasm_bindgen::JsCast;
        // `getItem` through Reflect keeps the value a JS string: only its prefix is copied.
        let storage = local_storage()?;
        let get_item: js_sys::Function = js_sys::Reflect::get(&storage, &"getItem".into())
            .map_err(js_error)?
            .unchecked_into();
        let value = get_item.call1(&storage, &key.into()).map_err(js_error)?;
        let value: Option<js_sys::JsString> = value.dyn_into().ok();
        Ok(value.map(|v| Peek {
            prefix: String::from(v.slice(0, n as u32)),
            len: v.length() as usize,
        }))
    }
}

/// An id a command created.
#[derive(Clone, Debug, PartialEq)]
pub enum Made {
    /// A new account's AppID.
    Account(crate::domain::AppId),
    /// A new use application's id.
    Application(crate::domain::ApplicationId),
}

impl Made {
    /// What `kind` created, if anything.
    fn of(kind: &crate::domain::EventKind) -> Option<Made> {
        use crate::domain::EventKind;
        match kind {
            EventKind::AccountCreated { account } => Some(Made::Account(account.app_id.clone())),
            EventKind::ApplicationSubmitted { id, .. } => Some(Made::Application(*id)),
            _ => None,
        }
    }
    /// Does `actor` doing `cmd` name this id?
    fn named_by(&self, actor: &Actor, cmd: &Command) -> bool {
        match self {
            Made::Account(id) => {
                matches!(actor, Actor::Developer(a) | Actor::Consumer(a) if a == id)
                    || cmd.names_plugin() == Some(id)
            }
            Made::Application(id) => cmd.names_application() == Some(*id),
        }
    }
}

/// An operation applied in memory but not yet written, kept to re-apply on a fresher state.
// A few are pending at a time (those of the last moment, or while storage is full): their size
// does not matter, and boxing the command would cost every command an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A command.
    Command {
        /// Who.
        actor: Actor,
        /// When (the simulated clock included).
        now: Timestamp,
        /// What.
        cmd: Command,
        /// The id it created (an account's AppID, an application's id), if any: redone on
        /// another tab's newer data, it must get the same one, or it is not redone.
        made: Option<Made>,
        /// What it did in this tab (its log entry's kind): how a drop names it.
        done: crate::domain::EventKind,
    },
    /// Expiry of due applications (`Workspace::expire_due`).
    Expire {
        /// When.
        now: Timestamp,
    },
}

/// Something the user should know about persistence (shown in the banner).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Stored data could not be read. `key`: where the raw value was moved; `None` when it could
    /// not be moved and still sits under [`WORKSPACE_KEY`] (this tab will not overwrite it).
    Quarantined {
        /// Quarantine key.
        key: Option<String>,
        /// Why it was unreadable.
        error: DecodeError,
        /// Found at startup: the app started from the demo data. Otherwise another tab's save was
        /// unreadable and this tab kept its own workspace.
        at_start: bool,
    },
    /// Another tab wrote an envelope (newer revision) this tab cannot read — typically a newer
    /// version of the app. This tab does not quarantine or overwrite it: it stops writing until
    /// reloaded (its own changes stay in memory and can be exported).
    WrittenElsewhere {
        /// Why it was unreadable here.
        error: DecodeError,
    },
    /// A write failed; the state is kept in memory.
    SaveFailed(StoreError),
    /// Another tab changed the workspace and these commands of this tab no longer applied.
    Dropped(Vec<Dropped>),
}

/// A command of this tab that no longer applied on another tab's newer data.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    /// What it acted on ([`Workspace::subject_of`] on this tab's data, where it was given).
    pub subject: Option<Subject>,
    /// What it did in this tab, as its log entry says it (`创建小程序「…」`, `填写开发信息`):
    /// durability QA, a drop said only "这项操作" or the plugin's name.
    pub action: crate::domain::EventKind,
    /// Why it was refused there.
    pub error: DomainError,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    rev: u64,
    len: usize,
    /// The tab that wrote it (0: unknown). Two values of one revision and length written by two
    /// tabs in the same instant still differ here.
    writer: u32,
}

impl Fingerprint {
    fn of(prefix: &str, len: usize) -> Option<Fingerprint> {
        peek_rev(prefix).map(|rev| Fingerprint {
            rev,
            len,
            writer: peek_writer(prefix),
        })
    }
}

/// Operations this tab wrote in one write, kept until a state written after it shows whether it
/// stood (see [`Persistence::sync`]).
#[derive(Clone, Debug)]
struct Written {
    /// The last event of the state they were applied on (`None`: an empty log).
    parent: Option<crate::domain::Event>,
    /// The last event after them.
    last: Option<crate::domain::Event>,
    ops: Vec<Op>,
    /// The revision written.
    rev: u64,
    /// When (the time of the sync just before the write).
    at: Timestamp,
}

/// How long a write waits to be confirmed, and how many writes at most: only a write in the same
/// instant as another tab's can be lost, and that tab's value reaches this one within
/// milliseconds. (Later, a state without them is another tab's import or reset, not a race.)
const CONFIRM_WITHIN_MS: i64 = 10_000;
const MAX_UNCONFIRMED: usize = 64;

#[derive(Clone, Default)]
struct State {
    /// This tab's writer id (random, not 0).
    writer: u32,
    /// The lineage of this tab's workspace ([`Tag::lineage`]): drawn anew when this tab stores a
    /// whole workspace in place of another, taken from the stored value otherwise. A stored
    /// value of another lineage replaced this tab's workspace.
    lineage: u32,
    /// How many times another tab's replacement (import, reset, 清空) was loaded.
    replacements: u64,
    /// What the stored value looked like when this tab last read or wrote it.
    base: Option<Fingerprint>,
    /// The last event of the state `base` holds.
    base_last: Option<crate::domain::Event>,
    /// This tab's recent writes, oldest first, until a later stored state shows them.
    unconfirmed: Vec<Written>,
    /// The time of the last sync.
    synced_at: Timestamp,
    /// Highest revision seen.
    rev: u64,
    /// Applied in memory since `base`, not yet written.
    pending: Vec<Op>,
    /// A write is needed even without pending ops (reset, import, lost/quarantined value).
    dirty: bool,
    /// The workspace key holds raw data that could not be quarantined: never write it.
    hold: bool,
    /// UTF-16 length of the last value written or read.
    stored_len: usize,
    /// How many times another tab's state was loaded.
    reloads: u64,
    /// Ids this tab's commands made but lost to another tab's save (see `sync`): commands that
    /// name them are refused until a replace or a reload of the page.
    taken: Vec<Made>,
    /// Accounts this tab created and redid under a new AppID: (old, new).
    renamed: Vec<(crate::domain::AppId, crate::domain::AppId)>,
}

/// What [`Persistence::load_or_demo`] produced.
pub struct Loaded {
    /// The workspace.
    pub workspace: Workspace,
    /// Why the stored value was not used, if it was not.
    pub banner: Option<String>,
}

/// What opening produced.
pub struct Opened {
    /// The workspace to start from.
    pub workspace: Workspace,
    /// What to tell the user.
    pub notices: Vec<Notice>,
}

/// Loads and saves the workspace through a [`KeyValueStore`], with compare-and-swap on `rev`.
pub struct Persistence {
    backend: Box<dyn KeyValueStore>,
    st: RefCell<State>,
    /// The binary form last written or read and its deflated chunks: a write deflates only the
    /// chunks that changed ([`chunks`]).
    cache: RefCell<chunks::Cache>,
    /// Length (UTF-16 units) of the value the last write tried to store.
    attempted_len: std::cell::Cell<usize>,
}

const PEEK_CHARS: usize = 64;

/// The first [`PEEK_CHARS`] characters of a stored value.
fn prefix_of(raw: &str) -> String {
    raw.chars().take(PEEK_CHARS).collect()
}

/// A random id (a tab's writes, a lineage), never 0.
fn random_id() -> u32 {
    #[cfg(target_arch = "wasm32")]
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    #[cfg(not(target_arch = "wasm32"))]
    let random = {
        use std::hash::BuildHasher;
        // Seeded anew for each instance: two "tabs" in one test process differ.
        std::collections::hash_map::RandomState::new().hash_one(0u8) as u32
    };
    random.max(1)
}

/// The operations of this tab's write that another tab's write of the same revision `fresh_rev`
/// (events `fresh`) replaced, and of this tab's writes after it, oldest first: to be redone. A
/// write counts if it is of the last [`CONFIRM_WITHIN_MS`], `fresh` lacks its events and holds
/// the state it was applied on. Any other state is built on what was stored (a higher revision:
/// it read our write, or it replaced everything, as an import or reset does): nothing to redo.
/// Either way the list is emptied.
fn lost_writes(
    unconfirmed: &mut Vec<Written>,
    fresh_rev: u64,
    fresh: &[crate::domain::Event],
    now: Timestamp,
) -> Vec<Op> {
    let holds = |e: &Option<crate::domain::Event>| match e {
        Some(e) => fresh.iter().rev().any(|f| f == e),
        None => true,
    };
    let mut written = std::mem::take(unconfirmed);
    // The simulated clock may jump either way: only a write just before `now` counts.
    written.retain(|w| (0..=CONFIRM_WITHIN_MS).contains(&(now.0 - w.at.0)));
    let Some(first_lost) = written
        .iter()
        .position(|w| w.rev == fresh_rev && !holds(&w.last))
    else {
        return Vec::new();
    };
    if !holds(&written[first_lost].parent) {
        return Vec::new();
    }
    written
        .into_iter()
        .skip(first_lost)
        .flat_map(|w| w.ops)
        .collect()
}

impl Persistence {
    /// Over any backend.
    pub fn new(backend: Box<dyn KeyValueStore>) -> Self {
        Self {
            backend,
            st: RefCell::new(State {
                writer: random_id(),
                ..State::default()
            }),
            cache: RefCell::default(),
            attempted_len: Default::default(),
        }
    }

    /// Over the browser's localStorage.
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Self {
        Self::new(Box::new(LocalStorageStore))
    }

    /// The backend.
    pub fn backend(&self) -> &dyn KeyValueStore {
        &*self.backend
    }

    /// Startup: the stored workspace (migrated), or the demo on first run (saved at once), or
    /// the demo after quarantining unreadable data. Never fails.
    pub fn open(&self, now: Timestamp) -> Opened {
        let mut notices = Vec::new();
        let raw = match self.backend.get(WORKSPACE_KEY) {
            Ok(raw) => raw,
            Err(e) => {
                notices.push(Notice::SaveFailed(e));
                return Opened {
                    workspace: demo_workspace(now),
                    notices,
                };
            }
        };
        // An empty value holds nothing to keep: as none (durability QA: an empty file was
        // quarantined and offered for download).
        let Some(raw) = raw.filter(|r| !r.is_empty()) else {
            let workspace = demo_workspace(now);
            let mut st = self.st.borrow_mut();
            st.dirty = true;
            st.lineage = random_id();
            drop(st);
            if let Err(e) = self.write(&workspace) {
                notices.push(Notice::SaveFailed(e));
            }
            return Opened { workspace, notices };
        };
        let decoded = decode_with(&raw, &mut self.cache.borrow_mut());
        match decoded {
            Ok(d) => {
                {
                    let mut st = self.st.borrow_mut();
                    st.rev = d.rev;
                    st.stored_len = utf16_len(&raw);
                    st.base = Fingerprint::of(&prefix_of(&raw), st.stored_len);
                    st.base_last = d.workspace.events().last().cloned();
                    st.lineage = peek_lineage(&prefix_of(&raw));
                }
                if d.stored_schema != crate::domain::SCHEMA_VERSION {
                    // Keep the pre-migration value (best effort), then store the migrated form.
                    let backup = format!("{BACKUP_KEY}-v{}", d.stored_schema);
                    if matches!(self.backend.get(&backup), Ok(None)) {
                        let _ = self.backend.set(&backup, &raw);
                    }
                    self.st.borrow_mut().dirty = true;
                    if let Err(e) = self.write(&d.workspace) {
                        notices.push(Notice::SaveFailed(e));
                    }
                }
                Opened {
                    workspace: d.workspace,
                    notices,
                }
            }
            Err(error) => {
                let workspace = demo_workspace(now);
                self.st.borrow_mut().lineage = random_id();
                notices.extend(self.set_aside(&raw, error, now, &workspace, true));
                Opened { workspace, notices }
            }
        }
    }

    /// Moves unreadable `raw` to a quarantine key and writes `ws` in its place (or holds).
    fn set_aside(
        &self,
        raw: &str,
        error: DecodeError,
        now: Timestamp,
        ws: &Workspace,
        at_start: bool,
    ) -> Vec<Notice> {
        let raw_rev = peek_rev(&prefix_of(raw)).unwrap_or(0);
        {
            let mut st = self.st.borrow_mut();
            st.rev = st.rev.max(raw_rev);
            st.base = None;
            st.dirty = true;
        }
        match self.quarantine(raw, now) {
            Ok(key) => {
                let mut notices = vec![Notice::Quarantined {
                    key: Some(key),
                    error,
                    at_start,
                }];
                if let Err(e) = self.write(ws) {
                    notices.push(Notice::SaveFailed(e));
                }
                notices
            }
            Err(_) => {
                self.st.borrow_mut().hold = true;
                vec![Notice::Quarantined {
                    key: None,
                    error,
                    at_start,
                }]
            }
        }
    }

    /// Copies `raw` to the first free quarantine key; never overwrites one. A key already
    /// holding `raw` is that copy (QA: two open tabs each set the same value aside, under two
    /// keys).
    pub fn quarantine(&self, raw: &str, now: Timestamp) -> Result<String, StoreError> {
        for i in 1..=999u32 {
            let key = if i == 1 {
                QUARANTINE_KEY.to_string()
            } else {
                format!("{QUARANTINE_KEY}-{i}")
            };
            match self.backend.get(&key)? {
                None => {
                    self.backend.set(&key, raw)?;
                    return Ok(key);
                }
                Some(kept) if kept == raw => return Ok(key),
                Some(_) => {}
            }
        }
        let mut key = format!("{QUARANTINE_KEY}-t{}", now.0);
        while self.backend.get(&key)?.is_some() {
            key.push('x');
        }
        self.backend.set(&key, raw)?;
        Ok(key)
    }

    /// The values set aside (quarantined unreadable data, pre-migration backups), each key with
    /// its value's length in UTF-16 units (measured without copying it where the backend can),
    /// in key order, numbers as numbers (`…-2` before `…-10`, QA).
    pub fn set_aside_values(&self) -> Vec<(String, usize)> {
        // Each put in its place as it comes (a handful of keys): no copy of a standard sort
        // (nor of `BTreeMap`'s, which collecting into one brings) in the wasm.
        let mut kept: Vec<(String, usize)> = Vec::new();
        for key in self.backend.keys().unwrap_or_default() {
            if !is_set_aside(&key) {
                continue;
            }
            let len = self.value_units(&key);
            let at = kept.partition_point(|(k, _)| natural_cmp(k, &key).is_lt());
            kept.insert(at, (key, len));
        }
        kept
    }

    /// Deletes a value set aside ([`Self::set_aside_values`]); any other key is left as it is.
    pub fn delete_set_aside(&self, key: &str) -> Result<(), StoreError> {
        match is_set_aside(key) {
            true => self.backend.remove(key),
            false => Ok(()),
        }
    }

    /// UTF-16 units (keys and values) of the stored data that is not this app's (other pages
    /// of the same site), which shares the same quota.
    pub fn other_units(&self) -> Result<usize, StoreError> {
        Ok(self
            .backend
            .keys()?
            .iter()
            .filter(|k| !k.starts_with(KEY_PREFIX))
            .map(|k| utf16_len(k) + self.value_units(k))
            .sum())
    }

    /// The length of `key`'s value in UTF-16 units (0 if absent or unreadable).
    fn value_units(&self, key: &str) -> usize {
        self.backend
            .peek(key, 0)
            .ok()
            .flatten()
            .map_or(0, |p| p.len)
    }

    /// What to say of a value an earlier load of this tab set aside under `key` and could not
    /// say itself (its `pagehide` save found it unreadable): the notice, with why it does not
    /// decode; `None` when it is gone or now decodes.
    pub fn set_aside_earlier(&self, key: &str) -> Option<Notice> {
        let raw = self.backend.get(key).ok()??;
        let error = codec::decode(&raw).err()?;
        Some(Notice::Quarantined {
            key: Some(key.into()),
            error,
            at_start: false,
        })
    }

    /// Brings `ws` up to date with the stored state if another tab wrote (re-applying this tab's
    /// pending operations). Also what a `storage` event triggers.
    pub fn sync(&self, ws: &mut Workspace, now: Timestamp) -> Vec<Notice> {
        self.st.borrow_mut().synced_at = now;
        if self.st.borrow().hold {
            return Vec::new();
        }
        let peek = match self.backend.peek(WORKSPACE_KEY, PEEK_CHARS) {
            Ok(p) => p,
            Err(_) => return Vec::new(),
        };
        let Some(peek) = peek else {
            // Removed (cleared in another tab or by hand): our state becomes the stored one.
            let mut st = self.st.borrow_mut();
            if st.base.is_some() {
                st.base = None;
                st.dirty = true;
            }
            return Vec::new();
        };
        let current = Fingerprint::of(&peek.prefix, peek.len);
        if current.is_some() && current == self.st.borrow().base {
            return Vec::new();
        }
        let raw = match self.backend.get(WORKSPACE_KEY) {
            Ok(Some(raw)) => raw,
            _ => return Vec::new(),
        };
        let decoded = decode_with(&raw, &mut self.cache.borrow_mut());
        match decoded {
            Ok(d) => {
                let mut fresh = d.workspace;
                let mut dropped = Vec::new();
                let mut st = self.st.borrow_mut();
                // A write of ours the fresh state lacks, though it descends from what that write
                // was applied on, was overwritten: in Chromium each tab reads localStorage through
                // its own copy, so another tab can check and write in the same instant as this
                // one, not seeing our value. Redone here, before the pending operations.
                let lost = lost_writes(&mut st.unconfirmed, d.rev, fresh.events(), now);
                st.pending.splice(0..0, lost);
                // Another tab replaced the whole workspace: what this tab did on the one replaced
                // is not carried into it (durability QA: an upload not saved, storage being full,
                // was added into the demo another tab had just reset to), and is said. Told by
                // the lineage, not the data: an import of this workspace's own export is a
                // replacement too (QA: its first log entry is the same).
                let lineage = peek_lineage(&prefix_of(&raw));
                let replaced = if lineage == 0 || st.lineage == 0 {
                    // A lineage not known on either side (an older build's save, a hand-made
                    // value, or this tab opened on one): told by the log's first entry, as
                    // before lineages (durability QA: an older build's ordinary save, then
                    // another tab's after a reload, were taken for replacements).
                    let first = ws.events().first();
                    first.is_some() && fresh.events().first() != first
                } else {
                    lineage != st.lineage
                };
                // A known lineage is taken on; an unknown one only with what it replaced.
                if lineage != 0 || replaced {
                    st.lineage = lineage;
                }
                if replaced {
                    st.replacements += 1;
                    for op in std::mem::take(&mut st.pending) {
                        if let Op::Command { cmd, done, .. } = op {
                            dropped.push(Dropped {
                                subject: ws.subject_of(&cmd),
                                action: done,
                                error: DomainError::ReplacedElsewhere,
                            });
                        }
                    }
                    st.taken.clear();
                }
                st.base_last = fresh.events().last().cloned();
                // Ids this tab made but lost: an id-making command redone on newer data may get
                // another id (the other tab took the first), and a command not redone at all
                // loses what it made. A later command naming a lost id would act on the other
                // tab's record: it is not redone.
                let mut taken = std::mem::take(&mut st.taken);
                let mut renamed = Vec::new();
                st.pending.retain_mut(|op| match op {
                    Op::Command {
                        actor,
                        now,
                        cmd,
                        made,
                        done,
                    } => {
                        let outcome = if taken.iter().any(|m| m.named_by(actor, cmd)) {
                            Err(DomainError::CreatedElsewhere)
                        } else {
                            fresh.execute(actor, *now, cmd.clone())
                        };
                        match outcome {
                            Ok(event) => {
                                let now_made = Made::of(&event.kind);
                                if let Some(old) =
                                    made.take().filter(|m| Some(m) != now_made.as_ref())
                                {
                                    if let (Made::Account(a), Some(Made::Account(b))) =
                                        (&old, &now_made)
                                    {
                                        renamed.push((a.clone(), b.clone()));
                                    }
                                    taken.push(old);
                                }
                                *made = now_made;
                                *done = event.kind;
                                true
                            }
                            Err(e) => {
                                taken.extend(made.take());
                                // Already so in the fresh state (another tab saved the same,
                                // or did the same step): nothing is lost, nothing to say
                                // (review: a banner said 没有修改 "no longer applies"; QA: so
                                // did two tabs' same 发布).
                                if e != DomainError::Unchanged && !fresh.already_holds(done) {
                                    dropped.push(Dropped {
                                        // As this tab knew it when the command was given
                                        // (on the newer data an id it made may be another's).
                                        subject: ws.subject_of(cmd),
                                        action: done.clone(),
                                        error: e,
                                    });
                                }
                                false
                            }
                        }
                    }
                    Op::Expire { now } => {
                        fresh.expire_due(*now);
                        true
                    }
                });
                st.rev = st.rev.max(d.rev);
                st.reloads += 1;
                st.stored_len = utf16_len(&raw);
                st.base = Fingerprint::of(&prefix_of(&raw), st.stored_len);
                if d.stored_schema != crate::domain::SCHEMA_VERSION {
                    st.dirty = true;
                }
                *ws = fresh;
                st.taken = taken;
                st.renamed.extend(renamed);
                if dropped.is_empty() {
                    Vec::new()
                } else {
                    vec![Notice::Dropped(dropped)]
                }
            }
            Err(error) => {
                // Written by another tab as an envelope with a newer revision: a newer app version
                // (or a format this one does not know). Overwriting it would throw away that tab's
                // saved work: hold instead; a reload (with the newer app) reads it.
                let newer = peek_rev(&peek.prefix).is_some_and(|r| r > self.st.borrow().rev);
                if newer
                    && matches!(
                        error,
                        DecodeError::WrongShape(_) | DecodeError::NewerSchema(_)
                    )
                {
                    let mut st = self.st.borrow_mut();
                    st.hold = true;
                    st.base = None;
                    return vec![Notice::WrittenElsewhere { error }];
                }
                self.set_aside(&raw, error, now, ws, false)
            }
        }
    }

    /// Read-only load for tests and tools: the stored workspace, or the demo if nothing is
    /// stored or it does not decode (`banner` says why). Writes nothing, quarantines nothing;
    /// the app itself starts with [`open`](Self::open).
    pub fn load_or_demo(&self, now: Timestamp) -> Loaded {
        match self.backend.get(WORKSPACE_KEY) {
            Ok(Some(raw)) => match decode_with(&raw, &mut self.cache.borrow_mut()) {
                Ok(d) => {
                    let mut st = self.st.borrow_mut();
                    st.rev = st.rev.max(d.rev);
                    st.stored_len = utf16_len(&raw);
                    st.base = Fingerprint::of(&prefix_of(&raw), st.stored_len);
                    st.base_last = d.workspace.events().last().cloned();
                    Loaded {
                        workspace: d.workspace,
                        banner: None,
                    }
                }
                Err(e) => Loaded {
                    workspace: demo_workspace(now),
                    banner: Some(e.en()),
                },
            },
            Ok(None) => Loaded {
                workspace: demo_workspace(now),
                banner: None,
            },
            Err(e) => Loaded {
                workspace: demo_workspace(now),
                banner: Some(e.to_string()),
            },
        }
    }

    /// Writes `ws` wholesale with a new revision (what tests use to arrange a stored state);
    /// same as [`replace`](Self::replace) with the refusal as text.
    pub fn save(&self, ws: &Workspace) -> Result<(), String> {
        self.replace(ws).map_err(|e| format!("{e:?}"))
    }

    /// Sync, then run `cmd`; on success it is pending until the next [`flush`](Self::flush).
    pub fn execute(
        &self,
        ws: &mut Workspace,
        actor: &Actor,
        now: Timestamp,
        cmd: Command,
    ) -> (Result<crate::domain::Event, DomainError>, Vec<Notice>) {
        let notices = self.sync(ws, now);
        // This command may name an id a redone command lost to another tab (the acting account
        // this tab just created, say): refused too, so the user acts on what is there now.
        let taken = self
            .st
            .borrow()
            .taken
            .iter()
            .any(|m| m.named_by(actor, &cmd));
        if taken {
            return (Err(DomainError::CreatedElsewhere), notices);
        }
        let result = ws.execute(actor, now, cmd.clone());
        if let Ok(event) = &result {
            self.st.borrow_mut().pending.push(Op::Command {
                actor: actor.clone(),
                now,
                cmd,
                made: Made::of(&event.kind),
                done: event.kind.clone(),
            });
        }
        (result, notices)
    }

    /// Sync, then apply due expiries; returns how many applications expired (then pending).
    pub fn expire(&self, ws: &mut Workspace, now: Timestamp) -> (usize, Vec<Notice>) {
        let notices = self.sync(ws, now);
        let expired = ws.expire_due(now).len();
        if expired > 0 {
            self.st.borrow_mut().pending.push(Op::Expire { now });
        }
        (expired, notices)
    }

    /// Asks for a write even with nothing pending (the banner's 重试保存: only a write that
    /// succeeds shows that storage works again).
    pub fn request_write(&self) {
        self.st.borrow_mut().dirty = true;
    }

    /// The AppID an account this tab created was redone under, after another tab took `old`.
    pub fn redone_as(&self, old: &crate::domain::AppId) -> Option<crate::domain::AppId> {
        let st = self.st.borrow();
        let mut id = st.renamed.iter().find(|(a, _)| a == old)?.1.clone();
        while let Some((_, b)) = st.renamed.iter().find(|(a, _)| *a == id) {
            id = b.clone();
        }
        Some(id)
    }

    /// Does this page hold changes of the user's that storage does not: a command not written
    /// (also while holding back from writing), or a forced write (an import) not done? Leaving
    /// the page would lose them. Expiries are not: the next load applies them again (review).
    pub fn has_unsaved(&self) -> bool {
        let st = self.st.borrow();
        st.pending.iter().any(|op| matches!(op, Op::Command { .. })) || (st.dirty && !st.hold)
    }

    /// Is a write due (pending operations, or a forced write)?
    pub fn needs_write(&self) -> bool {
        let st = self.st.borrow();
        !st.hold && (st.dirty || !st.pending.is_empty())
    }

    /// Writes pending changes: sync (compare), then write `rev + 1` (swap). `ws` may be
    /// refreshed by the sync. On failure everything stays pending.
    pub fn flush(&self, ws: &mut Workspace, now: Timestamp) -> Vec<Notice> {
        let mut notices = self.sync(ws, now);
        if self.needs_write() {
            if let Err(e) = self.write(ws) {
                notices.push(Notice::SaveFailed(e));
            }
        }
        notices
    }

    /// Replaces the stored workspace wholesale (import, reset), all or nothing: this tab's
    /// pending operations are discarded and the new state is written at once with a fresh
    /// revision. If it cannot be written (it does not fit in the quota, storage is unavailable),
    /// or this tab holds back from writing, this tab's state is as it was: the caller keeps its
    /// workspace, and nothing is replaced only in memory (it would vanish on reload while the
    /// page looked saved).
    pub fn replace(&self, ws: &Workspace) -> Result<(), ReplaceRefused> {
        if self.st.borrow().hold {
            return Err(ReplaceRefused::Holding);
        }
        let before = self.st.borrow().clone();
        {
            let mut st = self.st.borrow_mut();
            if let Ok(Some(p)) = self.backend.peek(WORKSPACE_KEY, PEEK_CHARS) {
                if let Some(rev) = peek_rev(&p.prefix) {
                    st.rev = st.rev.max(rev);
                }
            }
            st.pending.clear();
            st.unconfirmed.clear();
            st.taken.clear();
            st.renamed.clear();
            st.lineage = random_id();
        }
        self.write(ws).map_err(|error| {
            *self.st.borrow_mut() = before;
            ReplaceRefused::NotStored {
                error,
                units: self.attempted_len.get(),
            }
        })
    }

    /// Gives up a held raw value (after the user downloaded it): this tab may write again.
    pub fn discard_held(&self, ws: &Workspace) -> Vec<Notice> {
        {
            let mut st = self.st.borrow_mut();
            st.hold = false;
            st.base = None;
            st.dirty = true;
        }
        // The user took the raw value (downloaded it): it goes first, freeing its space, so
        // the write is not refused by the very data it replaces (QA: the button discarded
        // nothing on a full origin, and the held banner came back on every reload).
        if let Err(e) = self.backend.remove(WORKSPACE_KEY) {
            return vec![Notice::SaveFailed(e)];
        }
        if let Err(e) = self.write(ws) {
            return vec![Notice::SaveFailed(e)];
        }
        Vec::new()
    }

    /// Is this tab holding off a raw value it could not quarantine?
    pub fn holding(&self) -> bool {
        self.st.borrow().hold
    }

    /// Size of the stored value as last read or written (UTF-16 code units, ~bytes for
    /// ASCII-only data, ×2 when counted as UTF-16 bytes).
    pub fn stored_len(&self) -> usize {
        self.st.borrow().stored_len
    }

    /// The revision this tab is based on.
    pub fn rev(&self) -> u64 {
        self.st.borrow().rev
    }

    /// How many times another tab's state replaced this one's (changes when `sync` reloads).
    pub fn reloads(&self) -> u64 {
        self.st.borrow().reloads
    }

    /// How many of those were another tab's replacement of the whole workspace (import, reset,
    /// 清空), whose loading dropped what this tab had not saved ([`DomainError::ReplacedElsewhere`]).
    pub fn replacements(&self) -> u64 {
        self.st.borrow().replacements
    }

    /// Of the chunks of the stored value, how many the last write deflated, and how many there
    /// are (both 0 for the plain form): the rest came from the cache.
    pub fn last_write_chunks(&self) -> (usize, usize) {
        let cache = self.cache.borrow();
        (cache.last_deflated(), cache.len())
    }

    /// Bytes of the binary form the last write deflated (the rest came from the cache).
    pub fn last_write_deflated_bytes(&self) -> usize {
        self.cache.borrow().last_deflated_bytes()
    }

    /// Number of operations not yet written.
    pub fn pending_len(&self) -> usize {
        self.st.borrow().pending.len()
    }

    fn write(&self, ws: &Workspace) -> Result<(), StoreError> {
        let (rev, writer, lineage) = {
            let st = self.st.borrow();
            (st.rev + 1, st.writer, st.lineage)
        };
        let tag = Tag { writer, lineage };
        let (json, units) =
            encode_counted(ws, rev, tag, &mut self.cache.borrow_mut()).ok_or_else(|| {
                StoreError::Unavailable("the workspace could not be serialized".into())
            })?;
        self.attempted_len.set(units);
        self.backend.set(WORKSPACE_KEY, &json)?;
        let mut st = self.st.borrow_mut();
        st.rev = rev;
        st.stored_len = units;
        st.base = Some(Fingerprint {
            rev,
            len: st.stored_len,
            writer,
        });
        let last = ws.events().last().cloned();
        let ops = std::mem::take(&mut st.pending);
        if !ops.is_empty() {
            let parent = std::mem::replace(&mut st.base_last, last.clone());
            let at = st.synced_at;
            st.unconfirmed.push(Written {
                parent,
                last,
                ops,
                rev,
                at,
            });
            if st.unconfirmed.len() > MAX_UNCONFIRMED {
                st.unconfirmed.remove(0);
            }
        } else {
            st.base_last = last;
        }
        st.dirty = false;
        Ok(())
    }
}
