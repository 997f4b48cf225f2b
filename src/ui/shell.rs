//! The app shell: a calm admin-console header with the three areas, the current account and role,
//! the simulated clock and the language toggle.
use crate::domain::AppId;
use crate::ui::components::clock::ClockControl;
use crate::ui::components::modal::FOCUSABLE;
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, use_lang, Lang};
use crate::ui::routes::{self, A, PLUGIN_PAGE};
use crate::ui::state::{use_app, Area};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Listens to `event` on the window in the capture phase, before the router's own listeners,
/// for as long as the calling component lives (review: each mount left its listeners behind).
fn capture_listener(event: &'static str, f: impl Fn(web_sys::Event) + 'static) {
    use wasm_bindgen::JsCast;
    let f = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(f);
    let _ =
        window().add_event_listener_with_callback_and_bool(event, f.as_ref().unchecked_ref(), true);
    let f = send_wrapper::SendWrapper::new(f);
    on_cleanup(move || {
        let _ = window().remove_event_listener_with_callback_and_bool(
            event,
            f.as_ref().unchecked_ref(),
            true,
        );
    });
}

/// Header + page body; `children` are the routes.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let location = use_location();
    let area = memo(move || Area::from_path(&routes::app_path(&location.pathname.get())));
    // The path a Back or Forward leads to, noted when it happens.
    let by_history = std::rc::Rc::new(std::cell::Cell::new(None::<String>));
    // The control last used on each page, for Back or Forward to that page to focus again.
    let followed = UsedControls::default();
    // Whether the Back noted came from a page's own back link (a new entry, scrolled to the top).
    let back_link = std::rc::Rc::new(std::cell::Cell::new(false));
    listen_for_moves(&by_history, &back_link, &followed);
    let main_ref: NodeRef<leptos::html::Main> = NodeRef::new();
    // The scroll padding clears the header at whatever height it takes: the browser's minimum
    // font size grows it past what the style sheet can know (low-vision QA: a focused link
    // near the top showed under it). `--header-h`, read by style/main.css.
    let header_ref: NodeRef<leptos::html::Header> = NodeRef::new();
    effect(move |_| {
        if let Some(header) = header_ref.get() {
            watch_header_height(header);
        }
    });
    // The heading of a page reached with focus left where it was, for screen readers.
    let announced = RwSignal::new(String::new());
    // The page shown before, and its search.
    let mut last: Option<(String, String)> = None;
    effect(move |_| {
        let shown = last.take();
        let (path, search) = (
            routes::app_path(&location.pathname.get()),
            location.search.get(),
        );
        let new_page = shown.as_ref().is_some_and(|(before, _)| *before != path);
        // The same page with another query (a list's page): Back and Forward there are moves too
        // (QA: focus fell to <body>).
        let new_query = shown
            .as_ref()
            .is_some_and(|(before, query)| *before == path && *query != search);
        // A link inside the page goes away with it, and focus with it to <body>: it moves to
        // the new page's heading instead (QA: <body>, the next Tab at the skip link). Focus
        // that is somewhere and shows (the side menu's link, a heading a page chose) stays.
        // Back (or Forward) to a page a control was used on: focus goes to that control, where
        // the user was (QA: to <main>, the next Tab at the page's top, the results tabbed
        // through again). Decided once every popstate listener has run, as below.
        if new_page || new_query {
            let (by_history, followed, back_link, path) = (
                by_history.clone(),
                followed.clone(),
                back_link.clone(),
                path.clone(),
            );
            set_timeout(
                move || {
                    focus_after_move(
                        &path,
                        new_page,
                        &by_history,
                        &back_link,
                        &followed,
                        main_ref,
                        announced,
                    )
                },
                std::time::Duration::ZERO,
            );
        }
        // Where a plugin's page was opened from: the page before it, with its query as last seen
        // (a search typed there). The browser's Back or Forward keeps what it was opened from
        // (QA: search → plugin → another page → Back made the link lead to that other page).
        if let (true, Some((before, query))) = (new_page && path.starts_with(PLUGIN_PAGE), shown) {
            let from = if query.is_empty() {
                before
            } else {
                format!("{before}?{query}")
            };
            // Decided once every popstate listener has run (the router's may run first).
            let (by_history, path) = (by_history.clone(), path.clone());
            set_timeout(
                move || keep_where_from(app, &path, from, &by_history),
                std::time::Duration::ZERO,
            );
        }
        last = Some((path, search));
    });
    keep_title(area);
    view! {
        <div class="app" data-app-ready="1">
            // The router would take the click on a same-page link and never move focus: move it.
            // A role's page content is past its side menu (QA: the next Tab went through it).
            // Its address is this page's (`#main` alone is the base's under `<base href>`: QA,
            // opened in a new tab it led to the start page).
            // The router's `search` has no `?` (re-check QA: `/consumer/addq=…#main`, a 404 in
            // a new tab).
            <a class="skip-link" href=move || {
                let search = location.search.get();
                let q = if search.is_empty() { "" } else { "?" };
                format!("{}{q}{search}#main", location.pathname.get())
            } on:click={handler(|ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                crate::ui::components::modal::focus_first(&["#content", "#main"]);
            })}>{tr("跳到主要内容", "Skip to main content")}</a>
            <header class="topbar" node_ref=header_ref>
                <A href=routes::HOME attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {tr("小程序插件", "Mini Program Plugins")}
                </A>
                <nav class="areas" aria-label=tr("角色区域", "Role areas")>
                    <A href=routes::DEV>{tr(Area::Developer.zh(), Area::Developer.en())}</A>
                    <A href=routes::REVIEW>{tr(Area::Review.zh(), Area::Review.en())}</A>
                    <A href=routes::CONSUMER>{tr(Area::Consumer.zh(), Area::Consumer.en())}</A>
                    <A href=routes::DATA attr:data-testid="nav-data">{tr("数据", "Data")}</A>
                </nav>
                <div class="topbar-right">
                    <AccountChip area />
                    // Before the clock: at phone width it ends the account's row, and the
                    // keyboard reaches it in the order it is seen (QA: it sat on the brand's
                    // row but came after the clock).
                    <button
                        class="btn btn-ghost lang-toggle"
                        data-testid="lang-toggle"
                        on:click={handler(move |_| {
                            lang.update(|l| *l = l.pick(Lang::En, Lang::Zh));
                            // A message on show is in the other language: gone, rather than
                            // read in this one's voice (keyboard QA).
                            app.toast.set(None);
                            announced.set(String::new());
                        })}
                    >
                        // In its own language, the visible label too (screen-reader QA: read
                        // with the page's voice), and part of the accessible name (WCAG 2.5.3).
                        <span lang=move || lang.get().pick("en", "zh-CN")>
                            {tr("EN", "中文")}
                            <span class="sr-only">{tr(" · Switch to English", " · 切换到中文")}</span>
                        </span>
                    </button>
                    <ClockControl />
                </div>
            </header>
            <PersistenceBanner />
            <crate::ui::components::storage::StorageBanner />
            <main id="main" tabindex="-1" node_ref=main_ref>
                {children()}
            </main>
            // The live region is always there (screen readers announce changes to it, not a
            // region that appears already filled); only its text comes and goes.
            <div role="status" aria-live="polite" data-testid="toast-region">
                {reactive(move || app.toast.get().map(|t| view! { <div class="toast">{t}</div> }))}
            </div>
            <p class="sr-only" role="status" data-testid="page-announcer">{announced}</p>
        </div>
    }
}

/// Notes the browser's Back and Forward and the controls used, for focus after a move (see
/// [`focus_after_move`]), and tells the router the address again after each Back or Forward.
fn listen_for_moves(
    by_history: &std::rc::Rc<std::cell::Cell<Option<String>>>,
    back_link: &std::rc::Rc<std::cell::Cell<bool>>,
    followed: &UsedControls,
) {
    {
        let noted = by_history.clone();
        let by_link = back_link.clone();
        let navigate = routes::use_navigate();
        capture_listener("popstate", move |_| {
            let path = window().location().pathname().ok();
            noted.set(path.map(|p| routes::app_path(&p)));
            // The browser's own: not a back link's, whatever one left unused (review).
            by_link.set(false);
            // leptos_router 0.8.17 keeps its own list of the addresses visited, to tell Back
            // from Forward: it drops the last on Back but adds nothing on Forward, and a link
            // to the last one listed is taken for "the same address". So after Back then
            // Forward, a link to the page before the Forward changed the page but not the
            // address bar, nor added a history entry (monkey QA: Back then seemed to do
            // nothing, a reload opened another page). Once the router's own listener has run,
            // the address is told to it again, replacing this same entry: that lists it.
            let navigate = navigate.clone();
            set_timeout(
                move || {
                    let hash = window().location().hash().unwrap_or_default();
                    let options = leptos_router::NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    };
                    navigate(&format!("{}{hash}", here()), options);
                },
                std::time::Duration::ZERO,
            );
        });
    }
    {
        let used = followed.clone();
        let (by_back_link, back_link) = (by_history.clone(), back_link.clone());
        capture_listener("click", move |ev: web_sys::Event| {
            let control = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|t| t.closest(FOCUSABLE).ok().flatten());
            let Some(control) = control else {
                return;
            };
            // A page's own back link (`data-back`) leads where the browser's Back would: focus
            // goes back to the control used there, as after Back (keyboard QA: to the heading,
            // the place in the results lost). Not a click opening another tab.
            let plain = wasm_bindgen::JsCast::dyn_ref::<web_sys::MouseEvent>(&ev)
                .is_none_or(|m| !(m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key()));
            if plain && control.matches("#main a[href][data-back]").unwrap_or(false) {
                let href = control.get_attribute("href").unwrap_or_default();
                let path = href.split(['?', '#']).next().unwrap_or_default();
                by_back_link.set(Some(routes::app_path(path)));
                back_link.set(true);
            }
            // Not a dialog's button: the one that opened it is where the page was left (review).
            if control.closest("dialog").ok().flatten().is_none() {
                used.note(here(), &control);
            }
        });
    }
}

/// Where focus goes once the page shown has changed (`new_page`) or its query has, decided once
/// every popstate listener has run: the control used there before on Back or Forward, the
/// new page's heading, or what is in view; focus left where it shows stays.
fn focus_after_move(
    path: &str,
    new_page: bool,
    by_history: &std::cell::Cell<Option<String>>,
    back_link: &std::cell::Cell<bool>,
    followed: &UsedControls,
    main_ref: NodeRef<leptos::html::Main>,
    announced: RwSignal<String>,
) {
    let noted = by_history.take();
    let back = noted.as_deref() == Some(path);
    let by_link = back_link.replace(false) && back;
    // Kept for the plugin page's origin, decided next, and when about another
    // page (a Back before this page's turn came).
    if !back || (new_page && path.starts_with(PLUGIN_PAGE)) {
        by_history.set(noted);
    }
    // Another query, not by Back or Forward: the page decides (its pager).
    if !new_page && !back {
        return;
    }
    // (`try_`: the app may be gone meanwhile; or shows another page already,
    // which decides in its own turn: review.)
    let Some(main) = main_ref.try_get_untracked().flatten() else {
        return;
    };
    if routes::app_path(&window().location().pathname().unwrap_or_default()) != path {
        return;
    }
    let used = back.then(|| followed.find(&here(), &main)).flatten();
    // The browser's Back and Forward restore where the page was scrolled: what
    // focus goes to is in view there (QA: the heading, or a control noted on an
    // earlier visit, focused off-screen, the next Tab jumping). A back link
    // starts at the top: the control used is brought into view.
    let used =
        used.filter(|e| (by_link && e.get_bounding_client_rect().height() > 1.0) || in_view(e));
    let heading = main.query_selector("h1").ok().flatten();
    // Focus left where it was (the side menu's link, the header's) stays where
    // it shows (re-check QA: the side menu's link, or a pager's button, kept
    // off-screen at the scroll Forward restored).
    let stays = used.is_none()
        && !crate::ui::components::modal::focus_lost()
        && document().active_element().is_some_and(|a| in_view(&a));
    if stays {
        say_anew_heading(announced, &heading);
        return;
    }
    // Else to the new page's heading, which a screen reader then reads (QA: on
    // <main>, reading began at the side menu), or, scrolled past it, to the
    // first heading or control in view, or to <main>.
    let target: web_sys::Element = match used {
        Some(used) => used.into(),
        None => match heading
            .clone()
            .filter(in_view)
            .or_else(|| first_in_view(&main))
        {
            Some(first) => {
                if !first.matches(FOCUSABLE).unwrap_or(true) && !first.has_attribute("tabindex") {
                    let _ = first.set_attribute("tabindex", "-1");
                }
                first
            }
            None => main.clone().into(),
        },
    };
    // Focus on the heading reads it: the page before's name is not left (QA).
    // Elsewhere the new page is said by its heading (QA: a screen reader said
    // nothing, only the title changed); anew: the same page again is said again.
    if heading.as_ref() == Some(&target) {
        announced.set(String::new());
    } else {
        say_anew_heading(announced, &heading);
    }
    let target: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(target);
    let options = web_sys::FocusOptions::new();
    // Where the page is scrolled stays (Back restores a position), but for the
    // control a back link returns to.
    options.set_prevent_scroll(!by_link);
    let _ = target.focus_with_options(&options);
    // Refused (hidden, or inert under a dialog): on <main>, not <body> (review).
    if crate::ui::components::modal::focus_lost() {
        let _ = main.focus_with_options(&options);
    }
}

/// Keeps what a plugin's page at `path` was opened `from` (a page of the consumer's menu and
/// its query), unless Back or Forward led there: that keeps what it was opened from before.
fn keep_where_from(
    app: crate::ui::state::AppState,
    path: &str,
    from: String,
    by_history: &std::cell::Cell<Option<String>>,
) {
    let from_history = by_history.take().as_deref() == Some(path);
    // (`try_`: the app may be gone meanwhile.)
    let Some((known, listed)) = app
        .came_from
        .try_with_untracked(|m| (m.get(path) == Some(&from), m.contains_key(path)))
    else {
        return;
    };
    // Back or Forward to a page keeps what it was opened from; so does coming
    // back from 创建小程序帐号 opened there (QA: its search was lost).
    let round_trip = from == routes::new_account_back_to(path);
    let keep = known || ((from_history || round_trip) && listed);
    if !keep {
        // Only a page of the consumer's menu is a place to go back to (the
        // info page's rule): others are not kept (review: the map grew).
        let in_menu = crate::ui::consumer::menu_origin(&from).is_some();
        app.came_from.try_update(|m| {
            match in_menu {
                true => m.insert(path.to_string(), from),
                false => m.remove(path),
            };
            crate::store::session::came_from::save(m);
        });
    }
}

/// Keeps `<html lang>` in step with the UI language (screen readers, fonts), and the window
/// title with the page and its area: what a screen reader announces after a navigation.
fn keep_title(area: Memo<Option<Area>>) {
    let app = use_app();
    let lang = use_lang();
    let location = use_location();
    let not_found = use_context::<crate::ui::not_found::Shown>();
    effect(move |_| {
        let l = lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", l.html_lang());
        }
        let path = routes::app_path(&location.pathname.get());
        let place = match area.get() {
            // No page there, wherever (QA: the 404's title was the start page's or the area's).
            _ if not_found.is_some_and(|n| n.0.get() > 0) => {
                l.pick("页面不存在", "Page not found").to_string()
            }
            // The page and its area (QA: every page of an area had the same title): a page of
            // its own (a version's 提交审核, a plugin's page), the menu entry it is under, the area.
            Some(a) => {
                let nav = match a {
                    Area::Developer => crate::ui::developer::NAV,
                    Area::Review => crate::ui::review::NAV,
                    Area::Consumer => crate::ui::consumer::NAV,
                };
                let under = |href: &str| {
                    path == href || path.strip_prefix(href).is_some_and(|r| r.starts_with('/'))
                };
                let area = l.pick(a.zh(), a.en());
                // A page of its own below the entry: a version's 提交审核, a plugin's page (by
                // its name) (QA: they took the entry's or the area's name).
                let submit = routes::is_submit(&path);
                let page = if submit {
                    Some(l.pick("提交审核", "Submit for review").to_string())
                } else if path == routes::DEV_OPEN {
                    // Its heading, which names what it does (开通插件功能 before the plugin is).
                    let me = app.account.get();
                    let opened = me.is_some_and(|me| app.ws.with(|ws| ws.plugin(&me).is_some()));
                    let (zh, en) = crate::ui::developer::open::heading(opened);
                    Some(l.pick(zh, en).to_string())
                } else if let Some(id) = path.strip_prefix(PLUGIN_PAGE) {
                    // A plugin its page shows, by its name; else what the page's heading says
                    // (QA: the title named only the area).
                    // Decoded, as the router gives the page its parameter (QA: ` wx…` as
                    // `%20wx…` showed the plugin under a "not found" title).
                    let id = id.trim_end_matches('/');
                    let id =
                        js_sys::decode_uri_component(id).map_or_else(|_| id.into(), String::from);
                    let id = AppId::parse_any_case(&id).ok();
                    let acting = app.account.get();
                    let name = id.and_then(|id| {
                        app.ws.with(|ws| {
                            let shown = ws.plugin_page_shown(acting.as_ref(), &id);
                            shown.then(|| Some(ws.plugin(&id)?.name.clone())).flatten()
                        })
                    });
                    Some(name.unwrap_or_else(|| {
                        let (zh, en) = crate::ui::consumer::NOT_SHOWN;
                        l.pick(zh, en).to_string()
                    }))
                } else {
                    None
                };
                // An entry whose own page is named by its heading is not named twice.
                // The area's first entry on its own page too (审核队列, 插件管理: screen-reader
                // QA, their titles named only the area), not the developer's: the app's name.
                let entry = nav
                    .iter()
                    .filter(|i| match i.href == nav[0].href {
                        true => path == i.href && a != Area::Developer,
                        false => under(i.href),
                    })
                    .max_by_key(|i| i.href.len())
                    .filter(|i| page.is_none() || path != i.href)
                    .map(|i| l.pick(i.zh, i.en));
                page.into_iter()
                    .chain(entry.map(str::to_string))
                    .chain([area.to_string()])
                    .collect::<Vec<_>>()
                    .join(" · ")
            }
            None if path == routes::DATA => l.pick("数据", "Data").to_string(),
            None => String::new(),
        };
        let app_name = l.pick("小程序插件", "Mini Program Plugins");
        document().set_title(&if place.is_empty() {
            app_name.to_string()
        } else {
            format!("{place} · {app_name}")
        });
    });
}

/// The current account (mini program or reviewer) for the area, with a quick switcher. Each
/// option is built saying whether it is selected: a select's `value` set while it has no options
/// yet (as when the header switches pickers) would leave it showing its first option.
#[component]
fn AccountChip(area: Memo<Option<Area>>) -> impl IntoView {
    let app = use_app();
    let reviewer_picker = Picker::new(
        move |id| app.set_reviewer(id),
        move |_| app.reviewer.get_untracked().unwrap_or_default(),
    );
    let account_picker = Picker::new(
        move |id| app.set_account(id),
        move |_| {
            app.account
                .get_untracked()
                .map(|a| a.to_string())
                .unwrap_or_default()
        },
    );
    // The account picker's options: drawn again only when what they say changes, not with the
    // area (both pickers' areas), the account chosen (`prop:value`) or every command (scale QA:
    // 20 000 options drawn again on each, 0.4–1.5 s).
    let options = memo(move || {
        app.ws.with(|ws| {
            // Names need not be unique: twins also show their AppID (QA).
            let twice = ws.shared_account_names();
            let l = app.lang.get();
            ws.accounts()
                .iter()
                .flat_map(|a| {
                    // Right after the name, where the closed (narrow) select still shows its
                    // first digits (QA).
                    let id = if twice.contains(a.name.as_str()) {
                        a.app_id.as_str()
                    } else {
                        ""
                    };
                    let sep = if id.is_empty() { "" } else { " · " };
                    let subject = l.pick(a.subject.zh(), a.subject.en());
                    [
                        a.app_id.to_string(),
                        format!("{}{sep}{id} · {subject}", a.name),
                    ]
                })
                // Flat, each option's value then its label: a memo of a type the wasm already
                // has (a list of pairs cost 1.4 KB).
                .collect::<Vec<String>>()
        })
    });
    let reviewing = memo(move || area.get() == Some(Area::Review));
    reactive(move || {
        match reviewing.get() {
        true => Some(
            view! {
                <label class="chip">
                    <span class="sr-only chip-label">{tr("审核人员", "Reviewer")}</span>
                    <select
                        data-testid="reviewer-select"
                        on:keydown={handler(move |ev: leptos::ev::KeyboardEvent| reviewer_picker.keydown(&ev))}
                        on:pointerdown={handler(move |ev: leptos::ev::PointerEvent| reviewer_picker.pointer(&ev))}
                        on:change={handler(move |ev: leptos::ev::Event| reviewer_picker.change(&ev))}
                        on:blur={handler(move |ev: leptos::ev::FocusEvent| reviewer_picker.blur(&ev))}
                        prop:value=move || app.reviewer.get().unwrap_or_default()
                    >
                        {reactive(move || {
                            let current = app.reviewer.get();
                            app.ws
                                .with(|ws| {
                                    ws.reviewers()
                                        .iter()
                                        .map(|r| {
                                            let selected = current.as_ref() == Some(&r.id);
                                            view! { <option value=r.id.clone() prop:selected=selected>{r.name.clone()}</option> }.into_any()
                                        })
                                        .collect_view()
                                })
                        })}
                    </select>
                </label>
            }
            .into_any(),
        ),
        false => Some(
            view! {
                <label class="chip">
                    <span class="sr-only chip-label">{tr("当前小程序帐号", "Current mini program")}</span>
                    <select
                        data-testid="account-select"
                        // The closed select cuts a long name at its width: hovering shows it.
                        title=move || app.account.get().and_then(|id| app.ws.with(|ws| ws.account(&id).map(|a| a.name.clone())))
                        on:keydown={handler(move |ev: leptos::ev::KeyboardEvent| account_picker.keydown(&ev))}
                        on:pointerdown={handler(move |ev: leptos::ev::PointerEvent| account_picker.pointer(&ev))}
                        on:change={handler(move |ev: leptos::ev::Event| account_picker.change(&ev))}
                        on:blur={handler(move |ev: leptos::ev::FocusEvent| account_picker.blur(&ev))}
                        prop:value=move || app.account.get().map(|a| a.to_string()).unwrap_or_default()
                    >
                        <option value="" disabled=true prop:selected=app.account.with_untracked(Option::is_none)>{tr("选择小程序帐号", "Choose a mini program")}</option>
                        {reactive(move || {
                            // Drawn anew, the chosen one marked: the select's own `prop:value`
                            // is set only when the account changes.
                            let current = app.account.get_untracked().map(|a| a.to_string()).unwrap_or_default();
                            options.with(|list| {
                                list.chunks_exact(2)
                                    .map(|pair| {
                                        let (id, label) = (&pair[0], &pair[1]);
                                        let selected = *id == current;
                                        view! { <option value=id.clone() prop:selected=selected>{label.clone()}</option> }.into_any()
                                    })
                                    .collect_view()
                            })
                        })}
                    </select>
                </label>
            }
            .into_any(),
        ),
    }
    })
}

/// Messages from the persistence layer (quarantined data, full quota, conflicts).
#[component]
fn PersistenceBanner() -> impl IntoView {
    let app = use_app();
    reactive(move || {
        app.banner.get().map(|b| {
            view! {
                <div class="banner banner-warn" role="alert" data-testid="persistence-banner">
                    {b}
                </div>
            }
        })
    })
}

/// The control last used on each page (its URL with the query; a CSS selector for the control
/// and its place among the page's matches: a link by its `href`, else by its `data-testid` or
/// `id`): Back or Forward to that page puts focus on it again (QA: on <main>, or another link
/// with that address, the keyboard user's place lost; a button that navigates, 提交审核, was
/// not noted). Noted in the capture phase, before the router takes the click.
#[derive(Clone, Default)]
struct UsedControls(std::rc::Rc<std::cell::RefCell<Vec<(String, String, u32)>>>);

impl UsedControls {
    /// Notes `control` as the one used on `page`. One outside the page (the header), or one that
    /// cannot be found again, forgets the page's: what was noted there is no longer where the
    /// user left it (QA: Back focused a link followed on an earlier visit, off-screen).
    fn note(&self, page: String, control: &web_sys::Element) {
        let mut list = self.0.borrow_mut();
        list.retain(|(p, ..)| *p != page);
        let Some(main) = document().get_element_by_id("main") else {
            return;
        };
        if !main.contains(Some(control)) {
            return;
        }
        let href = control
            .get_attribute("href")
            .filter(|_| control.local_name() == "a");
        let selector = match href {
            Some(href) => format!("a[href={}]", css_string(&href)),
            None => match ["data-testid", "id"]
                .into_iter()
                .find_map(|name| Some((name, control.get_attribute(name)?)))
            {
                Some((name, value)) => format!("[{name}={}]", css_string(&value)),
                None => return,
            },
        };
        let Ok(same) = main.query_selector_all(&selector) else {
            return;
        };
        let nth = (0..same.length()).find(|&i| same.get(i).as_ref() == Some(control.as_ref()));
        if list.len() >= 50 {
            list.remove(0);
        }
        list.push((page, selector, nth.unwrap_or(0)));
    }

    /// The control noted on `page`, if `main` shows it, enabled.
    fn find(&self, page: &str, main: &web_sys::Element) -> Option<web_sys::HtmlElement> {
        let list = self.0.borrow();
        let (_, selector, nth) = list.iter().find(|(p, ..)| p == page)?;
        let e = main.query_selector_all(selector).ok()?.get(*nth)?;
        let e: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(e);
        (!e.matches(":disabled").unwrap_or(true)).then_some(e)
    }
}

/// `text` as a CSS string, quoted (an attribute's value in a selector).
fn css_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .map(|c| match c {
            '\\' | '"' => format!("\\{c}"),
            c if c.is_control() => format!("\\{:x} ", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Whether `e` shows whole: below the sticky header (but for what is in it), above the window's
/// bottom (or, taller than the window, from its top), across the window's width (re-check QA: a
/// phone's tab row scrolled sideways), and not clipped to nothing (a phone's table head).
fn in_view(e: &web_sys::Element) -> bool {
    Viewport::now().shows(e)
}

/// The window and its sticky header, measured once for the elements asked about.
struct Viewport {
    header: Option<web_sys::Element>,
    /// Where the header ends.
    below_header: f64,
    width: f64,
    height: f64,
}

impl Viewport {
    fn now() -> Viewport {
        let header = document().query_selector("header.topbar").ok().flatten();
        let below_header = header
            .as_ref()
            .map_or(0.0, |h| h.get_bounding_client_rect().bottom().max(0.0));
        let w = window();
        let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        let (width, height) = (size(w.inner_width()), size(w.inner_height()));
        Viewport {
            header,
            below_header,
            width: width.unwrap_or(0.0),
            height: height.unwrap_or(0.0),
        }
    }

    /// [`in_view`].
    fn shows(&self, e: &web_sys::Element) -> bool {
        let top = match &self.header {
            Some(h) if !h.contains(Some(e)) => self.below_header,
            _ => 0.0,
        };
        let r = e.get_bounding_client_rect();
        let whole = r.bottom() <= self.height + 1.0 || r.height() > self.height - top;
        r.height() > 1.0
            && r.width() > 1.0
            && r.top() >= top - 1.0
            && r.top() < self.height
            && whole
            && r.left() < self.width
            && r.right() > 0.0
    }
}

/// The first heading, enabled control, table row or list item of the page in view, not of its
/// side menu, and not in a row or item whose top is scrolled off (re-check QA: a menu's entry, a
/// row's 删除 without its name): where the next Tab goes on from (QA: <main> on a page of rows,
/// the next Tab at its top).
fn first_in_view(main: &web_sys::Element) -> Option<web_sys::Element> {
    let list = main
        .query_selector_all(&format!("h2, h3, {FOCUSABLE}, tbody tr, li"))
        .ok()?;
    // Measured once for all of them (review: a scroll to the end of 1 500 rows asks of thousands).
    let shown = Viewport::now();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(wasm_bindgen::JsCast::unchecked_into::<web_sys::Element>)
        .find(|e| {
            let within = |css: &str| e.closest(css).ok().flatten();
            within("nav.sidenav").is_none()
                && !e.matches(":disabled").unwrap_or(true)
                && shown.shows(e)
                && within("tr, li").is_none_or(|row| shown.shows(&row))
        })
}

/// Says the page's heading (where focus does not go to it).
fn say_anew_heading(announced: RwSignal<String>, heading: &Option<web_sys::Element>) {
    let said = heading
        .as_ref()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    crate::ui::components::said::say_anew(announced, said);
}

/// The page shown: its path (the app's, [`routes::app_path`]) and query.
pub(crate) fn here() -> String {
    let location = window().location();
    let (path, query) = (location.pathname(), location.search());
    format!(
        "{}{}",
        routes::app_path(&path.unwrap_or_default()),
        query.unwrap_or_default()
    )
}

/// A header picker acts on a choice made, not on each arrow key through the closed select (QA:
/// the account switched, and the page with it, at every step on the way to the one wanted; WCAG
/// 3.2.2): a keyboard step is applied with Enter, or Tab out of the picker; left otherwise (a
/// click in the page) it goes back to the one acting, as with Esc: that click acts on the page
/// it was aimed at, not on one redrawn for another account under the pointer (QA: 开通 opened
/// the plugin of the account stepped to, with the draft it had kept). Opening its list undoes a
/// step first; a choice from the list (a click, or Enter there) applies at once.
#[derive(Clone, Copy)]
struct Picker {
    /// Stepped by keys: a choice not applied yet.
    stepping: StoredValue<bool>,
    apply: Callback<String>,
    /// The value of the one acting now.
    acting: Callback<(), String>,
}

impl Picker {
    fn new(
        apply: impl Fn(String) + Send + Sync + 'static,
        acting: impl Fn(()) -> String + Send + Sync + 'static,
    ) -> Self {
        Picker {
            stepping: StoredValue::new(false),
            apply: Callback::new(apply),
            acting: Callback::new(acting),
        }
    }

    fn keydown(self, ev: &leptos::ev::KeyboardEvent) {
        let key = ev.key();
        if key == "Enter" || key == "Tab" && self.stepping.get_value() {
            self.stepping.set_value(false);
            self.apply.run(event_target_value(ev));
        } else if key == "Escape"
            || key == " "
            || key == "F4"
            || ev.alt_key() && matches!(key.as_str(), "ArrowDown" | "ArrowUp")
        {
            // Back to the one acting (QA: it kept showing another, applied on leaving); also as
            // the list opens from the keyboard, where a choice then applies at once, and Esc
            // leaves the one acting shown (re-check QA: a choice from a list opened after a step
            // was dropped, its Enter never reaching the select).
            self.back_to_acting(ev);
        } else if !ev.alt_key()
            && (key.starts_with("Arrow")
                || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown")
                // Type-ahead (a space opens the list).
                || key.chars().count() == 1 && key != " ")
        {
            self.stepping.set_value(true);
        }
    }

    /// A press on the picker opens its list: a step not applied is undone first (re-check QA:
    /// the list closed without a choice left the step shown while the one before acted).
    fn pointer(self, ev: &leptos::ev::PointerEvent) {
        self.back_to_acting(ev);
    }

    fn change(self, ev: &leptos::ev::Event) {
        if !self.stepping.get_value() {
            self.apply.run(event_target_value(ev));
        }
    }

    fn blur(self, ev: &leptos::ev::FocusEvent) {
        self.back_to_acting(ev);
    }

    /// A step not applied is undone: the picker shows the one acting again.
    fn back_to_acting(self, ev: &leptos::ev::Event) {
        if self.stepping.get_value() {
            self.stepping.set_value(false);
            let select = event_target::<web_sys::HtmlSelectElement>(ev);
            select.set_value(&self.acting.run(()));
        }
    }
}

/// Keeps `--header-h` on `<html>` at `header`'s height (px) as it changes (its rows, its text),
/// until the shell goes.
fn watch_header_height(header: web_sys::HtmlElement) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let measured = header.clone();
    let measure = Closure::<dyn FnMut()>::new(move || {
        if let Some(html) = document().document_element() {
            // Nothing else sets an inline style on <html>.
            let h = measured.offset_height();
            let _ = html.set_attribute("style", &format!("--header-h:{h}px"));
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&header);
    // The callback lives as long as the observer, and both go with the shell (a test mounts
    // the shell many times).
    let kept = send_wrapper::SendWrapper::new((observer, measure));
    on_cleanup(move || kept.0.disconnect());
}
