//! Bench-only wasm entry points (cargo feature `bench`, wasm32 only): never part of the release
//! bundle. `make bench` builds a separate bundle with `--features bench`; trunk exposes these
//! functions on `window.wasmBindings`, and tests/bench drives them from JavaScript, timing each
//! against a plain-JS baseline in the same page.
//!
//! State lives in thread-locals: [`bench_setup`] builds the scale workspace once, the other
//! functions read it.
use crate::domain::{
    scale_workspace, Actor, Command, Plugin, Timestamp, Workspace, SCALE_BASE_TIME,
};
use crate::store::{KeyValueStore, Persistence, StoreError, WORKSPACE_KEY};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static WS: RefCell<Option<Rc<Workspace>>> = const { RefCell::new(None) };
    static LAST_MS: RefCell<f64> = const { RefCell::new(0.0) };
    static LAST_CHUNKS: RefCell<(usize, usize)> = const { RefCell::new((0, 0)) };
    static ROWS: RefCell<Vec<Row>> = const { RefCell::new(Vec::new()) };
    static MOUNTED: RefCell<Vec<Box<dyn std::any::Any>>> = const { RefCell::new(Vec::new()) };
    /// The store and workspace of the last [`bench_load`] (its cache filled by the load).
    static LOADED: RefCell<Option<(Persistence, Workspace)>> = const { RefCell::new(None) };
    /// The in-memory backend of that store.
    static LOADED_BACKEND: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn ws() -> Rc<Workspace> {
    WS.with(|w| w.borrow().clone())
        .expect("call bench_setup first")
}

/// Builds `scale_workspace(n_plugins, n_applications, seed)`; returns the time it took (ms).
#[wasm_bindgen]
pub fn bench_setup(n_plugins: u32, n_applications: u32, seed: u32) -> f64 {
    let t0 = now_ms();
    let w = scale_workspace(n_plugins as usize, n_applications as usize, u64::from(seed));
    let ms = now_ms() - t0;
    WS.with(|c| *c.borrow_mut() = Some(Rc::new(w)));
    ms
}

/// Time (ms) measured inside wasm by the last [`bench_save_json`] / [`bench_load`] call,
/// without the JS ↔ wasm string copy.
#[wasm_bindgen]
pub fn bench_last_ms() -> f64 {
    LAST_MS.with(|m| *m.borrow())
}

fn key_of(p: &Plugin) -> (String, String, Vec<String>, String) {
    let key = crate::domain::search::search_key;
    let listing = p.listing();
    (
        key(&p.name),
        p.app_id.as_str().to_owned(),
        listing
            .map(|l| l.tags.iter().map(|t| key(t)).collect())
            .unwrap_or_default(),
        listing
            .map(|l| crate::domain::search::category_key(&l.category))
            .unwrap_or_default(),
    )
}

/// The searchable data of every released plugin, exported once for the JS baseline, normalised
/// and ordered as the domain's search index keeps it: JSON `[{name, appid, tags, category}]`.
#[wasm_bindgen]
pub fn bench_search_data() -> String {
    let w = ws();
    let mut keys: Vec<_> = w
        .plugins()
        .iter()
        .filter(|p| p.has_online_version())
        .map(key_of)
        .collect();
    keys.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let rows: Vec<_> = keys
        .into_iter()
        .map(|(name, appid, tags, category)| {
            serde_json::json!({ "name": name, "appid": appid, "tags": tags, "category": category })
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// The app's search (`Workspace::search`), as the UI calls it; returns the total match count.
#[wasm_bindgen]
pub fn bench_search(query: &str, limit: u32) -> u32 {
    let w = ws();
    let r = w.search(query, limit as usize);
    r.total.max(r.hits.len()) as u32
}

/// The AppIDs of the hits (JSON array), to check what the UI list shows.
#[wasm_bindgen]
pub fn bench_search_ids(query: &str, limit: u32) -> String {
    let ids: Vec<String> = ws()
        .search(query, limit as usize)
        .hits
        .into_iter()
        .map(|h| h.app_id.to_string())
        .collect();
    serde_json::to_string(&ids).unwrap_or_default()
}

/// A [`KeyValueStore`] that keeps one string in memory, so persistence goes through the very
/// code path of the app's store ([`Persistence::save`] / [`Persistence::load_or_demo`]).
/// `.1` caches the value's UTF-16 length, as a JS string knows its `length` (`peek` of the real
/// localStorage backend is O(1); the bench must not add a 6 MB scan the app does not make).
#[derive(Clone, Default)]
struct Captured(
    Rc<RefCell<Option<String>>>,
    Rc<std::cell::Cell<Option<usize>>>,
);

impl KeyValueStore for Captured {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        // localStorage.getItem hands over a fresh copy too; taking it avoids a second 24 MB copy.
        Ok((key == WORKSPACE_KEY)
            .then(|| self.0.borrow_mut().take())
            .flatten())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key == WORKSPACE_KEY {
            *self.0.borrow_mut() = Some(value.to_owned());
            self.1.set(None);
        }
        Ok(())
    }
    fn remove(&self, _key: &str) -> Result<(), StoreError> {
        *self.0.borrow_mut() = None;
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .0
            .borrow()
            .is_some()
            .then(|| WORKSPACE_KEY.to_string())
            .into_iter()
            .collect())
    }
    fn peek(&self, key: &str, n: usize) -> Result<Option<crate::store::Peek>, StoreError> {
        Ok(self
            .0
            .borrow()
            .as_ref()
            .filter(|_| key == WORKSPACE_KEY)
            .map(|v| crate::store::Peek {
                prefix: v.chars().take(n).collect(),
                len: self.1.get().unwrap_or_else(|| {
                    let len = crate::store::utf16_len(v);
                    self.1.set(Some(len));
                    len
                }),
            }))
    }
}

/// Saves the workspace as the store does (`Persistence::save`: envelope + `serde_json` + deflate of
/// every chunk: a fresh store, so a cold cache) and returns the stored string to JS (as `localStorage.setItem` would receive it).
/// [`bench_last_ms`] gives the time of the save alone.
#[wasm_bindgen]
pub fn bench_save_json() -> String {
    let w = ws();
    let cap = Captured::default();
    let p = Persistence::new(Box::new(cap.clone()));
    let t0 = now_ms();
    p.save(&w).expect("save");
    LAST_MS.with(|m| *m.borrow_mut() = now_ms() - t0);
    let json = cap.0.borrow_mut().take();
    json.expect("saved")
}

/// Loads `json` as the store does (`Persistence::load_or_demo`: unpack + check + inflate +
/// decode of the binary form + `rebuild_indexes`, and the chunk cache filled). [`bench_last_ms`]
/// gives the time of the load alone; the JS around the call adds the copy of `json` into wasm.
/// The store and workspace are kept for [`bench_save_after_command`]; call [`bench_after_load`]
/// (untimed) before it.
#[wasm_bindgen]
pub fn bench_load(json: String) {
    // `get` takes the value (as getItem hands over a copy): no clone here.
    let cap = Captured(Rc::new(RefCell::new(Some(json))), Rc::default());
    LOADED_BACKEND.with(|b| *b.borrow_mut() = Some(cap.clone()));
    let p = Persistence::new(Box::new(cap));
    let t0 = now_ms();
    let loaded = p.load_or_demo(Timestamp(SCALE_BASE_TIME.0));
    LAST_MS.with(|m| *m.borrow_mut() = now_ms() - t0);
    assert!(loaded.banner.is_none(), "load failed: {:?}", loaded.banner);
    LOADED.with(|l| *l.borrow_mut() = Some((p, loaded.workspace)));
}

/// After [`bench_load`] (untimed): puts `json` back into the in-memory backend, as localStorage
/// keeps it, and returns the number of released plugins of the loaded workspace (building its
/// search index, which a load leaves to the first search).
#[wasm_bindgen]
pub fn bench_after_load(json: String) -> u32 {
    LOADED_BACKEND.with(|b| {
        let b = b.borrow();
        let cap = b.as_ref().expect("call bench_load first");
        cap.1.set(Some(crate::store::utf16_len(&json)));
        *cap.0.borrow_mut() = Some(json);
    });
    LOADED.with(|l| {
        let l = l.borrow();
        let (_, ws) = l.as_ref().expect("call bench_load first");
        ws.released_count() as u32
    })
}

/// The first `Apply` (申请使用) some consumer of `ws` may make on a released plugin.
fn some_apply(ws: &Workspace) -> (Actor, Command) {
    let now = Timestamp(SCALE_BASE_TIME.0);
    let plugins: Vec<_> = ws
        .plugins()
        .iter()
        .filter(|p| p.has_online_version())
        .map(|p| p.app_id.clone())
        .take(64)
        .collect();
    for a in ws.accounts() {
        for p in &plugins {
            let actor = Actor::Consumer(a.app_id.clone());
            let cmd = Command::Apply {
                plugin: p.clone(),
                reason: "bench".into(),
            };
            if ws.can(&actor, now, &cmd).is_ok() {
                return (actor, cmd);
            }
        }
    }
    panic!("no consumer may apply")
}

/// After [`bench_load`]: one `Apply` (申请使用) through `Persistence::execute` (compare revision,
/// run the command; it is now pending), not timed by the bench.
#[wasm_bindgen]
pub fn bench_apply_one() {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        let (p, ws) = l.as_mut().expect("call bench_load first");
        let (actor, cmd) = some_apply(ws);
        let (result, _) = p.execute(ws, &actor, Timestamp(SCALE_BASE_TIME.0), cmd);
        result.expect("apply");
    });
}

/// After [`bench_apply_one`]: the save the app makes (`Persistence::flush`: compare revision,
/// encode with the cache the load filled, write). [`bench_last_ms`] gives the time of the flush
/// alone; [`bench_last_chunks`] how many chunks it deflated. Returns the stored string.
#[wasm_bindgen]
pub fn bench_save_after_command() -> String {
    let (p, mut ws) = LOADED
        .with(|l| l.borrow_mut().take())
        .expect("call bench_load first");
    let now = Timestamp(SCALE_BASE_TIME.0);
    let t0 = now_ms();
    let notices = p.flush(&mut ws, now);
    LAST_MS.with(|m| *m.borrow_mut() = now_ms() - t0);
    assert!(notices.is_empty(), "flush: {notices:?}");
    LAST_CHUNKS.with(|c| *c.borrow_mut() = p.last_write_chunks());
    let stored = p.backend().get(WORKSPACE_KEY).ok().flatten();
    // Dropping 25 MB of workspace and cache takes ≈ 14 ms: not part of the save
    // ([`bench_drop_loaded`], untimed).
    LOADED.with(|l| *l.borrow_mut() = Some((p, ws)));
    stored.expect("saved")
}

/// Drops the store and workspace of the last [`bench_load`] (untimed, between measurements).
#[wasm_bindgen]
pub fn bench_drop_loaded() {
    LOADED.with(|l| l.borrow_mut().take());
}

/// (deflated, total) chunks of the last [`bench_save_after_command`], as `[d, n]`.
#[wasm_bindgen]
pub fn bench_last_chunks() -> Vec<u32> {
    let (d, n) = LAST_CHUNKS.with(|c| *c.borrow());
    vec![d as u32, n as u32]
}

/// The parts of a load of `json`, in ms: `[total decode, header, unpack + check + inflate, postcard
/// decode, rebuild_indexes, integrity]` (the last five from
/// [`crate::store::codec::decode_parts`], one after the other).
#[wasm_bindgen]
pub fn bench_load_parts(json: String) -> Vec<f64> {
    let t0 = now_ms();
    let d = crate::store::codec::decode(&json).expect("decode");
    let total = now_ms() - t0;
    drop(d);
    let mut parts = vec![total];
    parts.extend(crate::store::codec::decode_parts(&json, &now_ms));
    parts
}

/// One row of the bench hit list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
struct Row {
    appid: String,
    name: String,
    category: String,
    tags: String,
}

fn rows_for(w: &Workspace, query: &str, limit: usize) -> Vec<Row> {
    w.search(query, limit)
        .hits
        .iter()
        .filter_map(|h| w.plugin(&h.app_id))
        .map(|p| {
            let listing = p.listing();
            Row {
                appid: p.app_id.to_string(),
                name: p.name.clone(),
                category: listing.map(|l| l.category.to_string()).unwrap_or_default(),
                tags: listing.map(|l| l.tags.join(" · ")).unwrap_or_default(),
            }
        })
        .collect()
}

/// One hit row (the same markup the JS baseline builds with `document.createElement`).
#[component]
fn HitRow(row: Row) -> impl IntoView {
    let testid = format!("search-hit-{}", row.appid);
    view! {
        <li data-testid=testid>
            <span class="name">{row.name}</span>
            " "
            <code>{row.appid}</code>
            " "
            <span class="muted">{row.category}</span>
            " "
            <span class="tags">{row.tags}</span>
        </li>
    }
}

/// A search box and the list of its top hits, as a consumer search page would render them.
#[component]
fn BenchSearch(limit: usize) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let rows = Memo::new(move |_| rows_for(&ws(), &query.get(), limit));
    view! {
        <div class="bench-ui">
            <input
                data-testid="bench-search"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <ul data-testid="bench-hits" data-query=move || query.get()>
                <For each=move || rows.get() key=|r| r.appid.clone() let:row>
                    <HitRow row />
                </For>
            </ul>
        </div>
    }
}

fn fresh_host(id: &str) -> web_sys::HtmlElement {
    let doc = document();
    if let Some(old) = doc.get_element_by_id(id) {
        old.remove();
    }
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    host.set_id(id);
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

/// Computes the rows of `query` (top `limit` hits) for [`bench_ui_render`]; returns them as JSON
/// for the JS baseline.
#[wasm_bindgen]
pub fn bench_ui_prepare(query: &str, limit: u32) -> String {
    let rows = rows_for(&ws(), query, limit as usize);
    let json = serde_json::to_string(&rows).unwrap_or_default();
    ROWS.with(|r| *r.borrow_mut() = rows);
    json
}

/// Mounts a fresh Leptos `<ul>` of the prepared rows in `#bench-render` (synchronous render).
#[wasm_bindgen]
pub fn bench_ui_render() -> u32 {
    let rows = ROWS.with(|r| r.borrow().clone());
    let n = rows.len() as u32;
    let host = fresh_host("bench-render");
    let handle = mount_to(host, move || {
        view! {
            <ul data-testid="bench-render-list">
                <For each=move || rows.clone() key=|r| r.appid.clone() let:row>
                    <HitRow row />
                </For>
            </ul>
        }
        .into_any()
    });
    MOUNTED.with(|m| m.borrow_mut().push(Box::new(handle)));
    n
}

/// Mounts the search box + hit list (top `limit` hits) in `#bench-typing`.
#[wasm_bindgen]
pub fn bench_ui_mount_search(limit: u32) {
    let host = fresh_host("bench-typing");
    let handle = mount_to(host, move || {
        view! { <BenchSearch limit=limit as usize /> }.into_any()
    });
    MOUNTED.with(|m| m.borrow_mut().push(Box::new(handle)));
}

/// Unmounts every bench view and removes the hosts.
#[wasm_bindgen]
pub fn bench_ui_unmount() {
    let handles: Vec<_> = MOUNTED.with(|m| m.borrow_mut().drain(..).collect());
    drop(handles);
    for id in ["bench-render", "bench-typing"] {
        if let Some(el) = document().get_element_by_id(id) {
            el.remove();
        }
    }
}

/// Stores the scale workspace in the real localStorage through the app's own store (the compact
/// form), so the next page load of the app starts with 10 000 plugins. Returns the stored length
/// in UTF-16 code units.
#[wasm_bindgen]
pub fn bench_store_scale() -> u32 {
    let w = ws();
    Persistence::browser()
        .save(&w)
        .expect("store the scale workspace");
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(WORKSPACE_KEY).ok().flatten())
        .map(|v| v.encode_utf16().count() as u32)
        .unwrap_or_default()
}

/// The workspace as compact plain JSON ([`compact`]): the input of the JS baselines of the
/// persistence part.
#[wasm_bindgen]
pub fn bench_plain_json() -> String {
    let mut v = serde_json::to_value(&*ws()).unwrap_or_default();
    compact(&mut v);
    v.to_string()
}

/// Drops the empty optional fields the app's JSON writes (its binary form needs every field, and
/// both come from one serde derive), as the JSON of earlier versions omitted them: the baseline
/// is the smallest JSON of the workspace (25.3 MB, against 26.9 MB), never a padded one.
fn compact(v: &mut serde_json::Value) {
    use serde_json::Value;
    fn drop_empty(v: &mut Value, keys: &[&str]) {
        if let Value::Object(o) = v {
            for k in keys {
                let empty = match o.get(*k) {
                    Some(Value::Null) => true,
                    Some(Value::String(s)) => s.is_empty(),
                    Some(Value::Array(a)) => a.is_empty(),
                    Some(Value::Object(m)) => m.is_empty(),
                    _ => false,
                };
                if empty {
                    o.remove(*k);
                }
            }
        }
    }
    fn each(v: &mut Value, key: &str, f: &dyn Fn(&mut Value)) {
        if let Some(Value::Array(items)) = v.get_mut(key) {
            items.iter_mut().for_each(f);
        }
    }
    each(v, "apps", &|a| drop_empty(a, &["r", "d"]));
    each(v, "uses", &|u| drop_empty(u, &["a", "v"]));
    each(v, "plugins", &|p| {
        drop_empty(p, &["b", "d", "r"]);
        each(p, "v", &|ver| {
            drop_empty(ver, &["d", "r", "t"]);
            if let Some(m) = ver.get_mut("m") {
                drop_empty(m, &["publicComponents", "pages", "main"]);
            }
        });
    });
}
