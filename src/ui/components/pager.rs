//! Pages of a long list (the search results, the review queue and history, the accounts): a
//! workspace of 10 000 plugins would otherwise lay out every item at once (QA: /review/history
//! drew 11 305 rows, 2–3 s each visit).
use crate::ui::components::modal::focus_css;
use crate::ui::components::{effect, handler, reactive};
use crate::ui::i18n::tr;
use crate::ui::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::NavigateOptions;

/// The page shown of `total` items, `per_page` a page: `page` (counted from 0) or, past the end
/// (the list shrank: decided in another tab, a smaller import), the last one.
pub fn shown_page(page: usize, total: usize, per_page: usize) -> usize {
    page.min(total.saturating_sub(1) / per_page)
}

/// The page a URL's `page=N` asks for, counted from 0 (`N` from 1; none, 0 or not a number: the
/// first; a number too big to hold: past the end, shown as the last).
pub fn page_asked(p: Option<String>) -> usize {
    let page = p.and_then(|p| {
        p.parse::<usize>().ok().or_else(|| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).then_some(usize::MAX)
        })
    });
    page.unwrap_or(1).max(1) - 1
}

/// Whether a URL's `page=` (`asked`) is not how [`search_url`] writes the page it stands for,
/// `page` (`?page=abc`, `?page=0`, `?page=1`, a page past the end): the page is then written as
/// it, in place (QA: it stayed in the URL over page 1).
pub fn page_misspelled(asked: Option<&str>, page: usize) -> bool {
    asked != (page > 0).then(|| (page + 1).to_string()).as_deref()
}

/// The URL parameter a search typed is kept in (`?q=`); 审核记录 keeps its outcome filter in
/// `?outcome=` the same way.
pub const Q: &str = "q";

/// The search a URL's query holds under `key` ([`Q`] for a search typed): the query, and the
/// page counted from 0 (`page=N` from 1; a number too big to hold is a page past the end, shown
/// as the last).
pub fn search_in(m: &leptos_router::params::ParamsMap, key: &str) -> (String, usize) {
    (m.get(key).unwrap_or_default(), page_asked(m.get("page")))
}

/// The URL of a search on the page at `path` (`?key=…&page=N`, page counted from 1, both left
/// out when empty or first).
pub fn search_url(path: &str, key: &str, q: &str, page: usize) -> String {
    let mut url = String::from(path);
    if !q.is_empty() {
        url.push('?');
        url.push_str(key);
        url.push('=');
        url.push_str(&String::from(js_sys::encode_uri_component(q)));
    }
    if page > 0 {
        url.push(if q.is_empty() { '?' } else { '&' });
        url.push_str(&format!("page={}", page + 1));
    }
    url
}

/// Makes `query` and `page` follow the URL's search under `key` when it changes (Back, Forward,
/// a link to the bare path), not as the page mounts (they start from it).
pub fn follow_search_in_url(
    url: Memo<leptos_router::params::ParamsMap>,
    key: &'static str,
    query: RwSignal<String>,
    page: RwSignal<usize>,
) {
    effect(move |ran| {
        let now = url.with(|m| search_in(m, key));
        if ran && now != (query.get_untracked(), page.get_untracked()) {
            query.set(now.0);
            page.set(now.1);
        }
    });
}

/// Writes a search (under `key`, and `page`, see [`search_url`]) into the URL of the page at `path` through
/// the router, so that it knows it: a new history entry when `step` (a page move, a new search:
/// Back steps back through them, QA), else in place. Only while that page is the one shown (a
/// late change as the page goes away must not rewrite another page's URL).
pub fn search_writer(path: String, key: &'static str) -> Callback<(String, usize, bool)> {
    let navigate = StoredValue::new_local(routes::use_navigate());
    Callback::new(move |(q, page, step): (String, usize, bool)| {
        let here = window().location().pathname().unwrap_or_default();
        if routes::app_path(&here) == path {
            let options = NavigateOptions {
                replace: !step,
                scroll: false,
                ..Default::default()
            };
            navigate.with_value(|go| go(&search_url(&path, key, &q, page), options));
        }
    })
}

/// A list's page kept in the URL (`?page=N` from 1, left out on the first; the URL's other
/// parameters kept): Back from a plugin's page, a reload or a shared link show the same
/// page (QA: the queue and history went back to page 1). Read as the page mounts, followed when
/// the URL changes (Back; the side menu's link to the bare path: page 1), written by the
/// returned callback, the [`Pager`]'s `on_change`: a move as a new history entry (Back steps
/// back through the pages, QA), a page set to the last in place.
pub fn page_in_url() -> (RwSignal<usize>, Callback<(usize, bool)>) {
    page_in_url_under("page")
}

/// [`page_in_url`] under the URL's `key` (a page of two lists: 申请管理's 待确认 and 历史申请),
/// the URL's other parameters kept as they are.
pub fn page_in_url_under(key: &'static str) -> (RwSignal<usize>, Callback<(usize, bool)>) {
    let url = use_query_map();
    let path = routes::app_path(&use_location().pathname.get_untracked());
    let asked = url.with_untracked(|m| m.get(key));
    let p0 = page_asked(asked.clone());
    let page = RwSignal::new(p0);
    effect(move |ran| {
        let now = url.with(|m| page_asked(m.get(key)));
        if ran && now != page.get_untracked() {
            page.set(now);
        }
    });
    let navigate = StoredValue::new_local(routes::use_navigate());
    // Only while that page is the one shown (a late change as the page goes away must not
    // rewrite another page's URL). The query as the browser has it, not as the router last
    // told: two lists set to their first page at once (another account) keep both changes.
    let write = Callback::new(move |(p, moved): (usize, bool)| {
        let location = window().location();
        if routes::app_path(&location.pathname().unwrap_or_default()) == path {
            let query = with_page(&location.search().unwrap_or_default(), key, p);
            let options = NavigateOptions {
                replace: !moved,
                scroll: false,
                ..Default::default()
            };
            navigate.with_value(|go| go(&format!("{path}{query}"), options));
        }
    });
    if page_misspelled(asked.as_deref(), p0) {
        effect(move |_| write.run((p0, false)));
    }
    (page, write)
}

/// A URL's query (`?a=1&page=2`) with `key` set to `page` (counted from 0: written from 1, left
/// out on the first), in its place, the other parameters as written.
pub fn with_page(query: &str, key: &str, page: usize) -> String {
    let value = (page > 0).then(|| format!("{key}={}", page + 1));
    let mut parts: Vec<String> = vec![];
    let mut set = false;
    for part in query.trim_start_matches('?').split('&') {
        match part.split('=').next() == Some(key) {
            _ if part.is_empty() => {}
            true => {
                if let Some(v) = value.as_ref().filter(|_| !set) {
                    parts.push(v.clone());
                }
                set = true;
            }
            false => parts.push(part.to_string()),
        }
    }
    if let Some(v) = value.filter(|_| !set) {
        parts.push(v);
    }
    match parts.is_empty() {
        true => String::new(),
        false => format!("?{}", parts.join("&")),
    }
}

/// [`page_in_url`] for a list of the acting account's (its timeline, its applications): another
/// account starts on its first page (review: the page number carried over from the other's).
/// Called above what another account rebuilds, so that it is not read from the URL again.
pub fn page_in_url_of_account(key: &'static str) -> (RwSignal<usize>, Callback<(usize, bool)>) {
    let (page, keep) = page_in_url_under(key);
    let app = crate::ui::state::use_app();
    effect(move |ran| {
        app.account.track();
        if ran {
            page.set(0);
            keep.run((0, false));
        }
    });
    (page, keep)
}

/// 首页 · 上一页 · `n / m` · 下一页 · 末页 under a list of `total` items, `per_page` a page,
/// moving `page` (counted from 0); `on_change` runs with the page after each move (`true`), and
/// when a page past the end is set to the last (`false`): written to the URL.
/// Nothing while everything fits on one page. Buttons and the page count are
/// `{testid}-first`, `{testid}-prev`, `{testid}-next`, `{testid}-last` and `{testid}-page`. A
/// move takes focus, and the view, to `top` (a CSS selector: the list's heading or table,
/// `tabindex=-1`), where the new page starts (QA: the pager stayed at the bottom, the new page's
/// first item thousands of pixels above).
#[component]
pub fn Pager(
    page: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    per_page: usize,
    testid: &'static str,
    top: &'static str,
    #[prop(optional)] on_change: Option<Callback<(usize, bool)>>,
    /// The list's name (zh, en), for a page of two lists: its pager is named after it (QA: two
    /// landmarks named 「分页」 alike).
    #[prop(optional)]
    of: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let lang = crate::ui::i18n::use_lang();
    let pages = move || total.get().div_ceil(per_page).max(1);
    let shown = move || shown_page(page.get(), total.get(), per_page);
    // A page past the end (the list shrank: the last page's only card decided, another tab's
    // change) is set to the last one, not only shown as it: else the list jumps back to that page
    // by itself once it grows again (review).
    effect(move |_| {
        let to = shown();
        if page.get_untracked() != to {
            page.set(to);
            if let Some(f) = on_change {
                f.run((to, false));
            }
        }
    });
    let go = move |to: usize| {
        page.set(to);
        if let Some(f) = on_change {
            f.run((to, true));
        }
        focus_css(top);
        // Focus does not scroll a list already partly in view (QA: the search's new page showed
        // from its last results): its start to the top of the window.
        if let Ok(Some(el)) = document().query_selector(top) {
            el.scroll_into_view();
        }
    };
    reactive(move || {
        (pages() > 1).then(|| {
            view! {
                <nav class="actions pager" aria-label=move || {
                    let l = lang.get();
                    match of {
                        Some((zh, en)) => l.pick(format!("{zh}的分页"), format!("{en} pages")),
                        None => l.pick("分页", "Pagination").to_string(),
                    }
                }>
                    <button class="btn btn-small" data-testid=format!("{testid}-first")
                        disabled=move || shown() == 0
                        on:click={handler(move |_| go(0))}>
                        {tr("首页", "First")}
                    </button>
                    <button class="btn btn-small" data-testid=format!("{testid}-prev")
                        disabled=move || shown() == 0
                        on:click={handler(move |_| go(shown().saturating_sub(1)))}>
                        {tr("上一页", "Previous")}
                    </button>
                    <span data-testid=format!("{testid}-page") aria-live="polite">{reactive(move || format!("{} / {}", shown() + 1, pages()))}</span>
                    <button class="btn btn-small" data-testid=format!("{testid}-next")
                        disabled=move || { shown() + 1 >= pages() }
                        on:click={handler(move |_| go(shown() + 1))}>
                        {tr("下一页", "Next")}
                    </button>
                    <button class="btn btn-small" data-testid=format!("{testid}-last")
                        disabled=move || { shown() + 1 >= pages() }
                        on:click={handler(move |_| go(pages() - 1))}>
                        {tr("末页", "Last")}
                    </button>
                </nav>
            }
        })
    })
}
