//! Shared components: clock control, status badges, field errors, formatting.
pub mod clock;
pub mod counter;
pub mod draft;
pub mod format;
pub mod icon;
pub mod layout;
pub mod modal;
pub mod pager;
pub mod said;
pub mod storage;
pub mod table;

use gloo_timers::callback::Timeout;
use leptos::prelude::{view, AnyView, Effect, For, IntoAny, IntoView, Memo};

/// `Effect::new` for every effect of the app, compiled once: each effect's own closure is
/// called through a `Box<dyn FnMut>` (leptos compiles its effect machinery, an async task, once
/// per closure type). `f` is told whether the effect ran before (`false` on its first run).
pub fn effect(f: impl FnMut(bool) + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut(bool)>) {
    Effect::new(move |ran: Option<()>| f(ran.is_some()));
}

/// `Memo::new` for every memo of the app, compiled once per value type rather than once per
/// closure: `f` is boxed.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    memo_boxed(Box::new(f))
}

fn memo_boxed<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}

/// An event handler boxed (`on:…={handler(…)}`): tachys compiles its listener code once per
/// handler type, so once per event type for the boxed ones.
pub fn handler<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
}

/// A reactive part of a view (`{reactive(move || …)}` where `{move || …}` would do), boxed: tachys compiles
/// its render effect (building and rebuilding what the closure returns) once per closure type;
/// boxed, once for them all, the closure's view erased as an `AnyView` of the same DOM. Lists
/// of views, here and anywhere, have their items erased too (`view! { … }.into_any()` before
/// `collect_view`): a `Vec` of one item type is otherwise built and rebuilt by code compiled
/// for that type alone.
pub fn reactive<V: IntoView + 'static>(
    mut f: impl FnMut() -> V + Send + 'static,
) -> Box<dyn FnMut() -> AnyView + Send> {
    // The same DOM as the closure's own view: an `AnyView` adds a placeholder only for a view
    // of nothing (`()`), which no reactive part returns (checked when compiled).
    const { assert!(<V as leptos::tachys::view::RenderHtml>::EXISTS) };
    Box::new(move || f().into_any())
}

/// A row of a [`keyed_list`]: its key, and how to show it when the key first appears.
pub struct KeyedRow {
    key: String,
    view: Box<dyn FnOnce() -> AnyView + Send>,
}

impl KeyedRow {
    pub fn new<V: IntoView + 'static>(
        key: String,
        view: impl FnOnce() -> V + Send + 'static,
    ) -> Self {
        let view = Box::new(move || view().into_any());
        Self { key, view }
    }
}

/// A keyed list (`<For>`) for every list of the app, compiled once: leptos compiles `For` (its
/// keyed diff, build and rebuild) once per item and closure type, so each list gives its rows
/// as [`KeyedRow`]s, boxed. A row is drawn when its key appears and kept while the key stays.
pub fn keyed_list(rows: impl Fn() -> Vec<KeyedRow> + Send + 'static) -> impl IntoView {
    keyed_list_boxed(Box::new(rows))
}

fn keyed_list_boxed(rows: Box<dyn Fn() -> Vec<KeyedRow> + Send>) -> impl IntoView {
    view! { <For each=rows key=|row: &KeyedRow| row.key.clone() children=|row: KeyedRow| (row.view)() /> }
}

/// Milliseconds on the page's monotonic clock (`performance.now()`: not moved by the computer's
/// clock being set), for how long ago something happened.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `gloo_timers`' `Timeout::new` for every timeout of the app, compiled once: `f` is boxed
/// (wasm-bindgen's closure glue is otherwise compiled once per closure type).
pub fn timeout(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
    timeout_boxed(ms, Box::new(f))
}

fn timeout_boxed(ms: u32, f: Box<dyn FnOnce()>) -> Timeout {
    Timeout::new(ms, f)
}

/// Whether a key belongs to an input method's composition (the Enter that picks a candidate,
/// the Esc that cancels one): then it is not the app's (QA: 拼音 became a tag). Chromium marks
/// it `isComposing`; Safari sends that Enter after the composition ended, with key code 229.
pub fn composing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.is_composing() || ev.key_code() == 229
}
