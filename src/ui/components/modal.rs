//! One modal dialog for the whole app (上传, 移除插件, import / 恢复演示数据 confirmations).
use crate::ui::components::{effect, handler, reactive, timeout};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What takes focus: a dialog's first (or last) control, and on a page the control Back returns
/// to ([`crate::ui::shell`]).
pub const FOCUSABLE: &str =
    "button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), a[href], summary";

/// Focuses the first element matching `css` in the document, if any.
pub fn focus_css(css: &str) {
    focus_first(&[css]);
}

/// Focuses the first element matching the first of `candidates` that matches anything.
pub fn focus_first(candidates: &[&str]) {
    let doc = document();
    if let Some(el) = candidates
        .iter()
        .find_map(|css| doc.query_selector(css).ok().flatten())
    {
        focus_element(el);
    }
}

/// Whether focus has fallen to `<body>` (or nowhere): what a removed or disabled focused element
/// leaves behind. Focus is only moved then, never taken from where something else put it.
pub fn focus_lost() -> bool {
    let doc = document();
    // A focused button that got disabled (发布 done) still holds focus until the browser's next
    // rendering step drops it to <body> (QA): count it as lost already.
    doc.active_element().is_none_or(|a| {
        doc.body().is_some_and(|b| *b == a) || a.matches(":disabled").unwrap_or(false)
    })
}

/// After this turn's DOM updates, if focus fell to `<body>` (what it was on went away or got
/// disabled), focuses the first of `candidates` (CSS selectors; empty ones are skipped) found.
pub fn refocus_soon<const N: usize>(candidates: [String; N]) {
    timeout(0, move || {
        if focus_lost() {
            let list: Vec<&str> = candidates.iter().map(String::as_str).collect();
            focus_first(&list);
        }
    })
    .forget();
}

/// Focuses `el` if it can take focus (an HTML element).
pub fn focus_element(el: web_sys::Element) {
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// How long after a dialog opens an Enter in it is taken as the opening press's twin, and ignored.
const OPENING_MS: f64 = 400.0;

/// A modal dialog (a `<dialog>` shown with `showModal`: the page behind is inert while it is
/// open) that behaves as keyboard users expect: focus moves into it (to `focus`, a CSS selector
/// inside it, else its first control), Tab and Shift+Tab stay inside, Esc closes it
/// (`on_close`), and when it goes away focus returns to `return_focus` (a CSS selector of what
/// opened it), if that is still on the page and enabled, else to `fallback_focus` — only if
/// nothing else took focus meanwhile.
#[component]
pub fn Modal(
    /// `id` of the element that names the dialog (its heading).
    labelledby: &'static str,
    /// `data-testid` of the dialog.
    testid: &'static str,
    /// `id` of what it asks or warns of, said with its name as it opens (screen-reader QA:
    /// only the name and 「取消」 were heard).
    #[prop(optional)]
    describedby: Option<&'static str>,
    /// Called on Esc (and by the dialog's own cancel buttons).
    on_close: impl Fn() + Clone + Send + Sync + 'static,
    /// Where focus goes when the dialog closes.
    #[prop(into)]
    return_focus: String,
    /// Where it goes when `return_focus` is gone or disabled (e.g. the row the dialog acted on).
    #[prop(optional, into)]
    fallback_focus: Option<String>,
    /// What takes focus when it opens (default: the first control).
    #[prop(optional)]
    focus: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    // Generic only here: the dialog itself is compiled once, whatever closes it.
    modal(
        [Some(labelledby), describedby],
        testid,
        std::sync::Arc::new(on_close),
        [return_focus, fallback_focus.unwrap_or_default()],
        focus,
        children,
    )
}

fn modal(
    [labelledby, describedby]: [Option<&'static str>; 2],
    testid: &'static str,
    on_close: std::sync::Arc<dyn Fn() + Send + Sync>,
    [return_focus, fallback_focus]: [String; 2],
    focus: Option<&'static str>,
    children: Children,
) -> AnyView {
    let dialog: NodeRef<html::Dialog> = NodeRef::new();
    let toast = use_context::<crate::ui::state::AppState>();
    // When it opened: an Enter that soon is the second of two quick presses, the first of which
    // opened it (QA: 上传 pressed twice uploaded the suggested version unasked).
    let opened_at = StoredValue::new(0.0);
    effect(move |_| {
        if let Some(d) = dialog.get() {
            opened_at.set_value(super::monotonic_ms());
            // A modal `<dialog>`: the browser makes the rest of the page inert while it is open
            // (no click, Tab or screen reader reaches it, nor what appears there meanwhile, such
            // as a storage banner), draws the backdrop and gives it back when the dialog goes.
            let _ = d.show_modal();
            let target = d
                .query_selector(focus.unwrap_or(FOCUSABLE))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(t) = target {
                let _ = t.focus();
                // A field holding a suggestion is selected, as Tab would: typing replaces it
                // (QA: typing 1.0.0 into the suggested 1.0.0 gave 1.0.01.0.0). After this
                // turn's updates, which may still set its value (and move the caret to its end);
                // not if focus or the caret moved meanwhile.
                if let Ok(input) = t.dyn_into::<web_sys::HtmlInputElement>() {
                    timeout(0, move || {
                        let focused = document().active_element().as_ref() == Some(&input);
                        let end = input.value().encode_utf16().count() as u32;
                        if focused && input.selection_start().ok().flatten() == Some(end) {
                            input.select();
                        }
                    })
                    .forget();
                }
            }
        }
    });
    on_cleanup(move || {
        // After this turn's DOM updates: the opener may be gone (e.g. the row just removed) or
        // disabled (下线 done): then the fallback (QA: focus fell to <body>).
        refocus_soon([format!("{return_focus}:not([disabled])"), fallback_focus]);
    });
    let on_cancel = on_close.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" if !super::composing(&ev) => {
            ev.prevent_default();
            on_close();
        }
        "Enter" if super::monotonic_ms() - opened_at.get_value() < OPENING_MS => {
            ev.prevent_default()
        }
        "Tab" => {
            let Some(d) = dialog.get_untracked() else {
                return;
            };
            let Ok(list) = d.query_selector_all(FOCUSABLE) else {
                return;
            };
            let n = list.length();
            if n == 0 {
                return;
            }
            let (first, last) = (list.item(0), list.item(n - 1));
            let active: Option<web_sys::Node> = document().active_element().map(Into::into);
            let (edge, to) = if ev.shift_key() {
                (first, last)
            } else {
                (last, first)
            };
            // The dialog itself (focused by a click on its text) counts as outside its controls.
            let dialog_node: &web_sys::Node = &d;
            let outside = active
                .as_ref()
                .is_none_or(|a| a == dialog_node || !d.contains(Some(a)));
            if outside || active == edge {
                if let Some(el) = to.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    ev.prevent_default();
                    let _ = el.focus();
                }
            }
        }
        _ => {}
    };
    // The dialog takes focus (tabindex -1) so that a click on its text or on its backdrop
    // (which is the dialog's) leaves focus in it: the keys stay handled here (QA: after such a
    // click Esc did nothing).
    view! {
        <dialog class="dialog" aria-labelledby=labelledby aria-describedby=describedby tabindex="-1" data-testid=testid
            node_ref=dialog on:keydown={handler(on_keydown)}
            // The browser's own Esc (`cancel`) closes it the app's way: the view goes.
            on:cancel={handler(move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_cancel();
            })}
            // A press on the backdrop leaves focus where it was, inside the dialog.
            on:mousedown={handler(|ev: leptos::ev::MouseEvent| if ev.target() == ev.current_target() { ev.prevent_default() })}>
            {children()}
            // What is said while it is open (another tab's change, a save): the page's own live
            // region is behind it, inert, neither read nor seen above the backdrop (QA).
            {toast.map(|app| view! {
                <div role="status" aria-live="polite" data-testid="dialog-toast-region">
                    {reactive(move || app.toast.get().map(|t| view! { <div class="toast">{t}</div> }))}
                </div>
            })}
        </dialog>
    }
    .into_any()
}
