//! The per-role console layout: left navigation + the routed page.
use crate::ui::components::{effect, handler, reactive};
use crate::ui::i18n::tr;
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::components::Outlet;

/// One entry of a role's left navigation.
#[derive(Clone, Copy, Debug)]
pub struct NavItem {
    /// Absolute path.
    pub href: &'static str,
    /// zh label (the platform's term).
    pub zh: &'static str,
    /// en label.
    pub en: &'static str,
    /// The label (zh, en) from whether the acting account has opened its plugin, for an entry
    /// named otherwise before (插件基本信息: 开通插件功能).
    pub unopened: Option<fn(bool) -> Words>,
}

/// Words in (zh, en).
pub type Words = (&'static str, &'static str);

/// Marks the menu entry of the app path `href` (`data-parent` on its `<li>`) as the one the page
/// shown belongs to, when it is below none of them (a plugin's page: the entry it leads back
/// to), and no other; `None` marks none. On a phone, that tab is scrolled into the row's middle.
/// Set on the menu's elements, not through a signal the whole menu reads: the menu is drawn once.
pub fn mark_menu_parent(href: Option<&str>) {
    let doc = document();
    if let Ok(Some(marked)) = doc.query_selector("nav.sidenav li[data-parent]") {
        let _ = marked.remove_attribute("data-parent");
    }
    let Some(href) = href else { return };
    let link = format!("nav.sidenav a[href='{}']", routes::href(href));
    if let Some(li) = (doc.query_selector(&link).ok().flatten()).and_then(|a| a.parent_element()) {
        let _ = li.set_attribute("data-parent", "");
        if phone() {
            request_animation_frame(centre_current_tab);
        }
    }
}

/// At the phone layout's width (the style sheet's breakpoint, `@media (max-width: 47.5em)`: 760
/// px at the browser's default text size, wider with larger text).
fn phone() -> bool {
    window()
        .match_media("(max-width: 47.5em)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Scrolls the phone's row of tabs so that the current one (or the marked one of a page below
/// none of them) is in the middle.
fn centre_current_tab() {
    let doc = document();
    // The entry marked current: also on a page below it (a version's 提交审核 under 开发管理; QA:
    // matched by the exact path, it was left off screen there).
    let (Ok(Some(menu)), Ok(Some(tab))) = (
        doc.query_selector("nav.sidenav"),
        doc.query_selector("nav.sidenav a[aria-current], nav.sidenav [data-parent] a"),
    ) else {
        return;
    };
    let tab: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(tab);
    let centred = tab.offset_left() - (menu.client_width() - tab.offset_width()) / 2;
    menu.set_scroll_left(centred.max(0));
    // Focus left on another tab that this scrolled out of the row goes to the current one
    // (re-check QA: after Back, the tab followed kept focus off the screen's side).
    let row = menu.get_bounding_client_rect();
    if let Some(focused) = doc.active_element().filter(|a| menu.contains(Some(a))) {
        let at = focused.get_bounding_client_rect();
        if at.left() < row.left() || at.right() > row.right() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = tab.focus_with_options(&options);
        }
    }
}

/// Keeps the tab that focus lands on clear of the phone's row's edges, where the shadows are
/// (keyboard QA: at 390 px Chromium left the last tab cut off, past the row's
/// `scroll-padding-inline`). On a desktop the menu does not scroll: nothing moves.
fn reveal_focused_tab(ev: leptos::ev::FocusEvent) {
    use wasm_bindgen::JsCast;
    // Inside the menu, focus lands only on its links.
    let (Some(tab), Some(menu)) = (ev.target(), ev.current_target()) else {
        return;
    };
    let (tab, menu) = (
        tab.unchecked_into::<web_sys::HtmlElement>(),
        menu.unchecked_into::<web_sys::Element>(),
    );
    // As the row's `scroll-padding-inline` in style/main.css: the width of its edge shadows.
    const EDGE: i32 = 40;
    let (left, right) = (tab.offset_left(), tab.offset_left() + tab.offset_width());
    let (at, shown) = (menu.scroll_left(), menu.client_width());
    if left - EDGE < at {
        menu.set_scroll_left(left - EDGE);
    } else if right + EDGE > at + shown {
        menu.set_scroll_left(right + EDGE - shown);
    }
}

/// Left nav + `<Outlet/>`; `testid` marks the area for tests; `reviewer`: the area acts as the
/// header's 审核人员, not as its mini program account.
#[component]
pub fn RoleLayout(
    nav: &'static [NavItem],
    testid: &'static str,
    #[prop(optional)] reviewer: bool,
) -> impl IntoView {
    // On a phone the menu is a row of tabs wider than the screen: the current one is scrolled
    // into view (QA: 操作记录 sat off screen, to the right). Only at the phone layout's width
    // (the style sheet's breakpoint), and in the next frame: reading a tab's position makes the
    // browser lay the page out there and then, which with a 10 000-plugin workspace's page took
    // 0.9 s of every load (profiled), for a menu that does not scroll on a desktop.
    let pathname = leptos_router::hooks::use_location().pathname;
    let lang = crate::ui::i18n::use_lang();
    let app = use_app();
    effect(move |_| {
        pathname.track();
        // Again when the language changes the tabs' widths (QA: English cut the current one).
        lang.track();
        if phone() {
            request_animation_frame(centre_current_tab);
        }
    });
    view! {
        <div class="console" data-testid=testid>
            <nav class="sidenav" aria-label=tr("功能导航", "Section navigation")
                on:focusin={handler(reveal_focused_tab)}>
                <ul>
                    {nav
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            // An entry is current on its pages below it too (开发管理 on a
                            // version's 提交审核, QA); the area's home only on itself.
                            view! {
                                <li>
                                    <A href=item.href exact=i == 0>{match item.unopened {
                                        None => tr(item.zh, item.en).into_any(),
                                        Some(label) => reactive(move || {
                                            let me = app.account.get();
                                            let opened = me.is_some_and(|me| app.ws.with(|ws| ws.plugin(&me).is_some()));
                                            let (zh, en) = label(opened);
                                            lang.get().pick(zh, en)
                                        }).into_any(),
                                    }}</A>
                                </li>
                            }.into_any()
                        })
                        .collect_view()}
                </ul>
            </nav>
            // Where 跳到主要内容 goes: past this menu, which is inside <main> (QA).
            <section class="content" id="content" tabindex="-1">
                // On paper only, where the header is not printed: who acted, and when (QA: a
                // printout named neither, and its 剩余 times were read against that clock).
                <p class="print-only" data-testid="printed-as">{reactive(move || printed_as(app, lang.get(), reviewer))}</p>
                <Outlet />
            </section>
        </div>
    }
}

/// 以「name AppID」的身份 · the clock's time (模拟 when moved), for a printout's top line.
fn printed_as(
    app: crate::ui::state::AppState,
    l: crate::ui::i18n::Lang,
    reviewing: bool,
) -> String {
    let who = match reviewing {
        true => app.reviewer.get().and_then(|id| {
            app.ws.with(|ws| {
                ws.reviewers()
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.name.clone())
            })
        }),
        false => app.account.get().and_then(|id| {
            app.ws
                .with(|ws| ws.account(&id).map(|a| format!("{} {id}", a.name)))
        }),
    };
    let (at_zh, at_en) = crate::ui::components::format::datetime_zoned(app.now());
    let at = l.pick(at_zh, at_en);
    let clock = match app.clock_offset_ms.get() != 0 {
        true => l.pick("（模拟时钟）", " (simulated clock)"),
        false => "",
    };
    match who {
        Some(who) => l.pick(
            format!("以「{who}」的身份 · {at}{clock}"),
            format!("Acting as \"{who}\" · {at}{clock}"),
        ),
        None => {
            let none = match reviewing {
                true => l.pick("未选择审核人员", "No reviewer chosen"),
                false => l.pick("未选择帐号", "No account chosen"),
            };
            format!("{none} · {at}{clock}")
        }
    }
}

/// Leptos' `Show` for every page of the app, compiled once: `when` is a `Callback` and the
/// children a `ChildrenFn` (`Show` is compiled once per condition and children type).
#[component]
pub fn When(
    /// Whether the children show (tracked, as `Show`'s).
    #[prop(into)]
    when: Callback<(), bool>,
    children: ChildrenFn,
    /// What shows while not (nothing unless given).
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    view! {
        // (`try_`: false once the page that gave the condition is gone.)
        <Show when=move || when.try_run(()).unwrap_or(false) fallback=fallback>
            {children()}
        </Show>
    }
}

/// `children` while a mini program acts, [`NeedsAccount`] while none does: one condition compiled for
/// every page that asks for an account.
#[component]
pub fn WithAccount(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    view! {
        <When when=move || app.account.get().is_some() fallback=NeedsAccount>
            {children()}
        </When>
    }
}

/// What a role's page shows without an acting account: choose one in the header, or, when the
/// workspace has none (an emptied workspace), create the first; the link to create one either way.
#[component]
pub fn NeedsAccount() -> impl IntoView {
    let app = use_app();
    let none = move || app.ws.with(|ws| ws.accounts().is_empty());
    view! {
        <div class="card empty" data-testid="needs-account">
            <p>{reactive(move || if none() {
                tr("还没有小程序帐号：先创建一个。", "There is no mini program account yet: create one first.").into_any()
            } else {
                tr("请先在页头选择小程序帐号。", "Choose a mini program account in the header first.").into_any()
            })}</p>
            <A href=routes::NEW_ACCOUNT>{tr("创建小程序帐号", "Create a mini program account")}</A>
        </div>
    }
}

/// Brings the element of id `anchor` into view and focuses `focus` (a CSS selector; `None`: the
/// element itself) when the URL's hash names it, from another page or this one: the router's
/// own scroll to `#…` runs before the section exists (QA: the link left the page at its top).
/// Done once: the hash is then taken out of the URL, so rebuilding the section (another
/// account) does not do it again.
///
/// `anchor` ending in `*` names every id it starts with: one effect for a list's rows (scale
/// QA: one a row, 1 500 on 开发管理, each left subscribed when its row was drawn anew, made the
/// next change of what they read take minutes).
pub fn hash_target(anchor: String, focus: Option<&'static str>) {
    let location = leptos_router::hooks::use_location();
    let navigate = routes::use_navigate();
    effect(move |_| {
        let target = location.hash.with(|h| {
            let id = h.strip_prefix('#')?;
            let named = match anchor.strip_suffix('*') {
                Some(start) => id.starts_with(start),
                None => id == anchor,
            };
            named.then(|| id.to_string())
        });
        if let Some(target) = target {
            if let Some(el) = document().get_element_by_id(&target) {
                el.scroll_into_view();
                if focus.is_none() {
                    let _ =
                        wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
                }
            }
            if let Some(focus) = focus {
                crate::ui::components::modal::focus_css(focus);
            }
            let options = leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            // Only the `#…` goes: the query stays (a list's page, the plugin chosen). The
            // browser's: a page may have just written its page there, with the `#…`, which the
            // router's location follows a step later.
            let search = window().location().search().unwrap_or_default();
            navigate(
                &format!(
                    "{}{search}",
                    routes::app_path(&location.pathname.get_untracked())
                ),
                options,
            );
        }
    });
}
