//! `/consumer/add` — 添加插件: as-you-type search over released plugins, paginated.
use crate::domain::search::is_short_app_id_start;
use crate::domain::{AppId, SearchRank, APP_ID_PREFIX_MIN};
use crate::ui::components::format::standing_label;
use crate::ui::components::icon::PluginIcon;
use crate::ui::components::layout::When;
use crate::ui::components::pager::{
    follow_search_in_url, page_misspelled, search_in, search_url, search_writer, shown_page, Pager,
    Q,
};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, keyed_list, memo, reactive, timeout, KeyedRow};
use crate::ui::i18n::{tr, tr_owned, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A search hit's columns.
const COLUMNS: Columns = &[
    ("插件", "Plugin"),
    ("AppID", "AppID"),
    ("插件服务类目", "Plugin service category"),
    ("标签", "Tags"),
    ("申请状态", "Application status"),
];

/// Rows per page.
pub const PAGE_SIZE: usize = 20;

/// A pause in typing this long writes the query to the URL.
const URL_PAUSE_MS: u32 = 400;

#[derive(Clone, PartialEq, Eq)]
struct Hit {
    app_id: AppId,
    name: String,
    intro: String,
    icon: crate::domain::Icon,
    category: String,
    /// `category` as English pages show it (glossed; derived from it, so not in the key).
    category_en: String,
    tags: Vec<String>,
    rank: SearchRank,
}

impl Hit {
    /// Everything the row shows, each part after its length (so two different hits never share
    /// a key): a row is redrawn when any of it changes, kept otherwise. Of the rank, only whether
    /// it shows (an AppID match): a hit ranked anew as the query narrows keeps its row, and the
    /// focus in it (QA: 快递测试插件15, from 名称开头 to 名称相同, dropped focus to the page). A `String`, as the other
    /// lists' keys are: one copy of the list's keyed diff in the wasm, not one for `Hit` too.
    fn key(&self) -> String {
        let (kind, icon) = match &self.icon {
            crate::domain::Icon::Builtin(k) => ('b', k),
            crate::domain::Icon::DataUrl(u) => ('d', u),
        };
        let by_app_id = u8::from(self.rank == SearchRank::AppId);
        let mut key = format!("{}{kind}{by_app_id}", self.app_id);
        for part in [&self.name, &self.intro, icon, &self.category]
            .into_iter()
            .chain(&self.tags)
        {
            key.push_str(&part.len().to_string());
            key.push(':');
            key.push_str(part);
        }
        key
    }
}

/// The search page.
#[component]
pub fn AddPlugin() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // The search lives in the URL (`?q=…&page=N`), so Back from a plugin's page, a reload or a
    // shared link shows the same results.
    let url = use_query_map();
    let (q0, p0) = url.with_untracked(|m| search_in(m, Q));
    // A page past the end shows the last one (searched once more only when a page is asked for).
    let p0 = if p0 == 0 {
        0
    } else {
        let found = app.ws.with_untracked(|ws| ws.search(&q0, 0).total);
        shown_page(p0, found, PAGE_SIZE)
    };
    let query = RwSignal::new(q0);
    let page = RwSignal::new(p0);
    // The search is put in the URL through the router ([`search_writer`]), so the router knows
    // it: a link to this page while on it (添加插件 in the side menu) is then a
    // change of URL, and the box follows it below (QA: it kept the old query under a bare URL).
    let writer = search_writer(PATH.into(), Q);
    let keep_in_url = move |q: &str, page: usize, step: bool| writer.run((q.into(), page, step));
    // The pending write of the URL after a pause in typing (replaced, so cancelled, by each
    // keystroke; dropped with the page).
    let pause = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    // Whether the URL holds a search being typed (written since the last commit or page move):
    // a new search's first write is a step of the history, its later ones are written in place
    // (QA: refining a search lost the page of the one before from Back).
    let typing = StoredValue::new(false);
    let typed_write = move |q: &str, p: usize| {
        let first = !typing.get_value();
        typing.set_value(true);
        // Not a step to where the URL already is (a page moved to meanwhile).
        let there = window()
            .location()
            .search()
            .is_ok_and(|now| format!("{PATH}{now}") == search_url(PATH, Q, q, p));
        keep_in_url(q, p, first && !there);
    };
    // A page number past the end or not a number is shown as the page it stands for, and the
    // URL says so (QA: `?page=99` stayed in the URL over page 1 of 1).
    if page_misspelled(url.with_untracked(|m| m.get("page")).as_deref(), p0) {
        let q = query.get_untracked();
        effect(move |_| keep_in_url(&q, p0, false));
    }
    follow_search_in_url(url, Q, query, page);
    // Searched synchronously on every input event: the index is built by the first search after
    // a load, then kept up to date by each change, and a query is one pass over the released
    // plugins, so results render in the same frame.
    let results = memo(move || {
        let q = query.get();
        let p = page.get();
        app.ws.with(|ws| {
            let r = ws.search(&q, (p + 1).saturating_mul(PAGE_SIZE));
            let hits: Vec<Hit> = r
                .hits
                .iter()
                .skip(p.saturating_mul(PAGE_SIZE))
                .filter_map(|h| {
                    let plugin = ws.plugin(&h.app_id)?;
                    let listing = plugin.listing();
                    Some(Hit {
                        app_id: h.app_id.clone(),
                        name: plugin.name.clone(),
                        intro: plugin.intro.clone(),
                        icon: plugin.icon.clone(),
                        category: listing.map(|l| l.category.to_string()).unwrap_or_default(),
                        category_en: listing.map(|l| l.category.en()).unwrap_or_default(),
                        tags: listing.map(|l| l.tags.clone()).unwrap_or_default(),
                        rank: h.rank,
                    })
                })
                .collect();
            (hits, r.total)
        })
    });
    let total = move || results.with(|r| r.1);
    view! {
        <div class="page" data-testid="consumer-add">
            <p class="muted">{tr("小程序管理后台 → 设置 → 第三方服务 → 插件管理 → 添加插件", "Admin console → Settings → Third-party services → My plugins (插件管理) → Add a plugin")}</p>
            <h1>{tr("添加插件", "Add a plugin")}</h1>
            <form class="form" on:submit={handler(|ev: leptos::ev::SubmitEvent| ev.prevent_default())} role="search">
                <div class="field">
                    <label for="consumer-search">{tr("搜索插件", "Search plugins")}</label>
                    <input
                        id="consumer-search"
                        type="search"
                        autocomplete="off"
                        data-testid="consumer-search"
                        aria-describedby="consumer-search-hint"
                        placeholder=tr("插件名称、AppID、标签或类目", "Name, AppID, tag or category")
                        prop:value=move || query.get()
                        on:input={handler(move |ev: leptos::ev::Event| {
                            query.set(event_target_value(&ev));
                            page.set(0);
                            // Also written once typing pauses (QA: `?page=2` stayed over page 1
                            // of the new results until the commit).
                            // The search as it is then: a page asked for meanwhile (下一页, Back)
                            // is kept, not undone.
                            let write = timeout(URL_PAUSE_MS, move || {
                                if let (Some(q), Some(p)) = (query.try_get_untracked(), page.try_get_untracked()) {
                                    typed_write(&q, p);
                                }
                            });
                            pause.set_value(Some(write));
                        })}
                        // Written when the query is committed (Enter, or leaving the box, as a
                        // click on a hit does before it navigates), or typing pauses; not per
                        // keystroke: each write costs ≈ 4 ms in Chromium (`make bench` part 6).
                        on:change={handler(move |_: leptos::ev::Event| {
                            // Only while this page is the one shown: a late `change` (the box
                            // blurred as the page went away) must not rewrite another page's URL.
                            if let Some(q) = query.try_get_untracked() {
                                pause.try_set_value(None);
                                typed_write(&q, 0);
                                typing.set_value(false);
                            }
                        })}
                    />
                    // With the way to 申请使用 (learner QA: a row has no action of its own).
                    <p class="hint" id="consumer-search-hint">{reactive(move || lang.get().pick(
                        format!("只能搜索到已发布的插件。多个词用空格分开：每个词都要出现在名称、标签、类目或 AppID（从开头输入，至少 {APP_ID_PREFIX_MIN} 位）中（本应用约定）。点插件名称查看详情并申请使用。"),
                        format!("Only released plugins can be found. Separate words with spaces: each must appear in the name, tags, category or AppID (typed from its start, at least {APP_ID_PREFIX_MIN} characters; our rule). Open a plugin by its name to see it and apply."),
                    ))}</p>
                </div>
            </form>
            <p aria-live="polite" data-testid="search-total-line">
                {tr("共 ", "")}
                <strong data-testid="search-total">{reactive(total)}</strong>
                {reactive(move || lang.get().pick(" 个插件", if total() == 1 { " plugin" } else { " plugins" }))}
            </p>
            <When
                when=move || total() != 0
                fallback=move || view! {
                    <p class="empty start" data-testid="search-empty">{reactive(move || {
                        let l = lang.get();
                        if query.with(|q| q.trim().is_empty()) {
                            l.pick("还没有已发布的插件", "No plugin is released yet")
                        } else if query.with(|q| is_short_app_id_start(q)) {
                            // Typing an AppID: say why its start finds nothing yet (QA).
                            return l.pick(
                                format!("没有找到匹配的已发布插件（AppID 需从开头输入至少 {APP_ID_PREFIX_MIN} 位）"),
                                format!("No released plugin matches (an AppID needs at least its first {APP_ID_PREFIX_MIN} characters)"),
                            );
                        } else {
                            l.pick("没有找到匹配的已发布插件：试试更少的词，或名称中的一个词、一个标签", "No released plugin matches: try fewer words, or one word of a name, or a tag")
                        }
                        .to_string()
                    })}
                    // What to do next (QA: the message alone was a dead end).
                    {reactive(move || (!query.with(|q| q.trim().is_empty())).then(|| view! {
                        " "<button type="button" class="btn btn-small" data-testid="search-show-all" on:click={handler(move |_| {
                            // As an emptied box committed (on:change above).
                            query.set(String::new());
                            pause.set_value(None);
                            typed_write("", 0);
                            typing.set_value(false);
                            crate::ui::components::modal::focus_css("#consumer-search");
                        })}>{tr("查看全部已发布的插件", "Show every released plugin")}</button>
                    }))}</p>
                }
            >
                <table role="table" class="table cards" style=card_labels(COLUMNS) aria-label=tr("搜索结果", "Search results") data-testid="search-results" tabindex="-1">
                    <TableHead cols=COLUMNS />
                    <tbody role="rowgroup">
                        {keyed_list(move || results.get().0.into_iter().map(|h| KeyedRow::new(h.key(), move || view! {
                            <tr role="row" data-testid=format!("search-hit-{}", h.app_id)>
                                <td role="cell">
                                    <span class="hit-name">
                                        <PluginIcon icon=h.icon.clone() />
                                        <A href=routes::plugin_page(&h.app_id)>{h.name.clone()}</A>
                                    </span>
                                    <p class="why">{h.intro.clone()}</p>
                                </td>
                                <td role="cell"><code>{h.app_id.to_string()}</code></td>
                                <td role="cell">{tr_owned(h.category.clone(), h.category_en.clone())}</td>
                                <td role="cell">
                                    <span class="tags">
                                        {h.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }.into_any()).collect_view()}
                                    </span>
                                    {(h.rank == SearchRank::AppId).then(|| view! { <span class="why">{tr("AppID 匹配", "AppID match")}</span> })}
                                </td>
                                // The acting mini program's own standing: already added, its
                                // newest application, or removed (as the plugin's info page
                                // says); its own plugin said as such.
                                <td role="cell" data-testid="hit-status">{
                                    let id = h.app_id.clone();
                                    reactive(move || {
                                        let c = app.account.get()?;
                                        let l = lang.get();
                                        let (class, label) = app.ws.with(|ws| standing_label(ws, l, &c, &id, app.now()));
                                        Some(view! { <span class=class>{label}</span> })
                                    })
                                }</td>
                            </tr>
                        })).collect())}
                    </tbody>
                </table>
                <Pager page total=Signal::derive(total) per_page=PAGE_SIZE testid="search" top="[data-testid=search-results]"
                    on_change=Callback::new(move |(p, moved)| {
                        typing.set_value(false);
                        keep_in_url(&query.get_untracked(), p, moved)
                    }) />
            </When>
        </div>
    }
}

/// The search page's path.
const PATH: &str = routes::CONSUMER_ADD;
