//! Persistence UI: the banner under the header (quarantined data, full quota, commands another
//! tab made obsolete) with its actions, and the pieces of the `/data` page (usage, export,
//! import with confirmation, reset to demo or empty, quarantined values).
use crate::domain::text::kib;
use crate::domain::{
    demo_workspace, empty_workspace, Subject, Timestamp, Workspace,
    APPLICATION_WINDOW_HOURS as WINDOW,
};
use crate::store::codec::{decode_import, encode_export, file_text, skipped_note, Counts};
use crate::store::{
    Fullness, Notice, ReplaceRefused, StoreError, USUAL_QUOTA_BYTES, USUAL_QUOTA_MB, WORKSPACE_KEY,
};
use crate::ui::components::draft::MAX_DRAFT_BYTES;
use crate::ui::components::format::datetime_zoned;
use crate::ui::components::modal::Modal;
use crate::ui::components::{handler, memo, reactive, timeout};
use crate::ui::i18n::{tr, tr_owned, use_lang};
use crate::ui::routes::{self, A};
use crate::ui::state::{real_time_ms, use_app, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `text` as a file download (Blob + object URL + `<a download>`).
pub fn download(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.set_attribute("data-testid", "download-link").ok();
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    // Revoke later: some browsers start the download asynchronously.
    timeout(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Bytes of `units` UTF-16 code units, as browsers count localStorage: 2 each.
fn utf16_bytes(units: usize) -> u64 {
    units as u64 * 2
}

fn file_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Downloads the whole workspace as a JSON file, and says its name (QA: nothing on the page
/// said the export was done, nor where to find it).
pub fn export_workspace(app: AppState) {
    let name = format!("plugin-workspace-{}.json", file_stamp());
    app.ws
        .with_untracked(|ws| download(&name, "application/json", &encode_export(ws)));
    app.say(&format!("已导出 {name}"), &format!("Exported {name}"));
}

fn download_key(app: AppState, key: &str) {
    if let Ok(Some(raw)) = app.persistence().backend().get(key) {
        let name = key.replace('/', "-");
        download(
            &format!("{name}-{}.json", file_stamp()),
            "application/octet-stream",
            &raw,
        );
    }
}

/// What a banner button does.
#[derive(Clone)]
enum BannerAction {
    Download(String),
    DiscardHeld,
    Retry,
    Export,
    Reload,
    Dismiss(usize),
}

/// One notice as plain data (rendered by a single view: keeps the wasm small).
struct BannerItem {
    kind: &'static str,
    class: &'static str,
    message: String,
    details: Vec<String>,
    actions: Vec<(BannerAction, &'static str, &'static str, &'static str)>,
}

fn banner_item(i: usize, n: Notice, zh: bool) -> BannerItem {
    let pick = |a: String, b: String| if zh { a } else { b };
    let dismiss = (BannerAction::Dismiss(i), "dismiss", "知道了", "Dismiss");
    match n {
        Notice::Quarantined { key: Some(key), error, at_start } => BannerItem {
            kind: "quarantined",
            class: "banner banner-warn",
            message: pick(
                format!(
                    "本地保存的数据无法读取：{}。原始数据已原样保留（{key}），{}",
                    error.zh(),
                    if at_start { "应用已从演示数据启动。" } else { "本页继续使用并保存它自己的工作区。" }
                ),
                format!(
                    "The saved data could not be read: {}. The raw data was kept as is ({key}); {}",
                    error.en(),
                    if at_start { "the app started from the demo data." } else { "this page goes on with, and saves, its own workspace." }
                ),
            ),
            details: Vec::new(),
            actions: vec![
                (BannerAction::Download(key), "download-quarantine", "下载原始数据", "Download the raw data"),
                dismiss,
            ],
        },
        Notice::Quarantined { key: None, error, .. } => BannerItem {
            kind: "held",
            class: "banner banner-err",
            message: pick(
                format!("本地保存的数据无法读取：{}。存储空间不足，无法另存一份，原始数据仍在原处，本页不会覆盖它（修改暂不保存）。", error.zh()),
                format!("The saved data could not be read: {}. Storage is too full to keep a copy aside, so it stays where it is and this page will not overwrite it (changes are not saved yet).", error.en()),
            ),
            details: Vec::new(),
            actions: vec![
                (BannerAction::Download(WORKSPACE_KEY.into()), "download-quarantine", "下载原始数据", "Download the raw data"),
                (BannerAction::DiscardHeld, "discard-held", "已下载，丢弃它并开始保存", "Downloaded: discard it and start saving"),
            ],
        },
        Notice::WrittenElsewhere { error } => BannerItem {
            kind: "written-elsewhere",
            class: "banner banner-err",
            message: pick(
                format!("另一个标签页保存了本页无法读取的数据（{}），可能来自更新版本的应用。本页不会覆盖它，此后的修改暂不保存：请重新加载本页。", error.zh()),
                format!("Another tab saved data this page cannot read ({}), probably from a newer version of the app. This page will not overwrite it and does not save further changes: please reload it.", error.en()),
            ),
            details: Vec::new(),
            actions: vec![
                (BannerAction::Reload, "reload-page", "重新加载", "Reload"),
                (BannerAction::Export, "banner-export", "导出本页数据", "Export this page's data"),
            ],
        },
        Notice::SaveFailed(e) => BannerItem {
            kind: "save-failed",
            class: "banner banner-err",
            message: pick(e.zh(), e.en()),
            details: Vec::new(),
            actions: vec![
                (BannerAction::Retry, "retry-save", "重试保存", "Retry saving"),
                (BannerAction::Export, "banner-export", "导出数据", "Export data"),
            ],
        },
        Notice::Dropped(errors) => BannerItem {
            kind: "dropped",
            class: "banner banner-warn",
            message: pick(
                "另一个标签页修改了工作区，你的以下操作已不再适用，已保留最新状态：".into(),
                "Another tab changed the workspace, so these actions of yours no longer apply; the latest state was kept:".into(),
            ),
            // Each said with what it acted on (QA: "Version 1.0.5 is …" in a queue of several).
            details: errors
                .iter()
                .map(|d| {
                    // And with what it did (durability QA: "这项操作" of nothing named).
                    let error = pick(d.error.zh(), d.error.en());
                    let action = pick(d.action.zh(), d.action.en());
                    // (An application's own words say what was done to it.)
                    let what = match &d.subject {
                        Some(s @ Subject::Application { .. }) => pick(s.zh(), s.en()),
                        Some(s) => format!("{} · {action}", pick(s.zh(), s.en())),
                        None => action,
                    };
                    format!("{what}{}{error}", if zh { "：" } else { ": " })
                })
                .collect(),
            actions: vec![dismiss],
        },
    }
}

/// Persistence notices with their actions (retry, export, download the raw data, dismiss).
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // Retries that failed in a row: each said with its count, so a second one is heard too
    // (QA: the same words again changed nothing a screen reader hears).
    let failed_retries = StoredValue::new(0u32);
    let run = move |action: &BannerAction| match action {
        BannerAction::Download(key) => download_key(app, key),
        BannerAction::DiscardHeld => app.discard_held(),
        BannerAction::Retry => {
            app.retry_save();
            // Said either way (QA: the banner went and focus fell to <body> with nothing said;
            // a failed retry redrew the same banner).
            let failed = app
                .notices
                .with_untracked(|list| list.iter().any(|n| matches!(n, Notice::SaveFailed(_))));
            if failed {
                failed_retries.update_value(|n| *n += 1);
                let n = failed_retries.get_value();
                let (zh, en) = match n {
                    1 => ("重试保存失败".to_string(), "the retry failed".to_string()),
                    n => (
                        format!("第 {n} 次重试保存失败"),
                        format!("retry {n} failed"),
                    ),
                };
                app.say(
                    &format!("仍未保存：{zh}，修改仍只在本页中。"),
                    &format!("Still not saved: {en}; your changes are only in this page."),
                );
            } else {
                failed_retries.set_value(0);
                app.say(
                    "已保存：修改已写入浏览器存储。",
                    "Saved: your changes are now in browser storage.",
                );
            }
            crate::ui::components::modal::refocus_soon([
                "[data-testid=retry-save]".to_string(),
                "#main".to_string(),
            ]);
        }
        BannerAction::Export => export_workspace(app),
        BannerAction::Reload => {
            let _ = window().location().reload();
        }
        BannerAction::Dismiss(i) => {
            app.notices.update(|list| {
                if *i < list.len() {
                    list.remove(*i);
                }
            });
            // The button goes with its banner: focus to the next banner's, else the page (QA:
            // it fell to <body>).
            crate::ui::components::modal::refocus_soon([
                "[data-testid=storage-banner] button".to_string(),
                "#main".to_string(),
            ]);
        }
    };
    reactive(move || {
        let notices = app.notices.get();
        if notices.is_empty() {
            return None;
        }
        let zh = lang.get().pick(true, false);
        let items = notices
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let item = banner_item(i, n, zh);
                let details = (!item.details.is_empty()).then(|| {
                    view! { <ul>{item.details.into_iter().map(|d| view! { <li>{d}</li> }.into_any()).collect_view()}</ul> }
                });
                let buttons = item
                    .actions
                    .into_iter()
                    .map(|(action, testid, label_zh, label_en)| {
                        view! {
                            " "
                            <button class="btn btn-small" data-testid=testid on:click={handler(move |_| run(&action))}>
                                {if zh { label_zh } else { label_en }}
                            </button>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <div class=item.class role="alert" data-testid="storage-banner" data-kind=item.kind>
                        <span>{item.message}</span>
                        {details}
                        {buttons}
                        {(item.kind == "save-failed").then(|| view! { " " <A href=routes::DATA>{tr("查看存储占用", "See storage use")}</A> })}
                    </div>
                }.into_any()
            })
            .collect_view();
        Some(view! { <div class="storage-banners">{items}</div> })
    })
}

/// How much of the usual 5 MB the stored workspace takes. The browser's own
/// `navigator.storage.estimate()` is not shown: it counts other stores against a quota of
/// gigabytes, not localStorage's 5 MB, and read as a contradiction beside this count (QA).
#[component]
pub fn StorageUsage() -> impl IntoView {
    let app = use_app();
    let usage = move || {
        app.ws.track();
        app.notices.track();
        let p = app.persistence();
        (p.stored_len(), p.rev(), p.pending_len())
    };
    view! {
        <div class="card" data-testid="storage-usage">
            <h2>{tr("存储占用", "Storage use")}</h2>
            {reactive(move || {
                let (units, rev, pending) = usage();
                // The site's other data, or that storage cannot be read: read once.
                let other = app.persistence().other_units();
                let bytes = utf16_bytes(units);
                // To the nearest tenth of a per cent, as the size beside it (QA: cut off, 808.9 KB
                // read 15.7 %).
                let quota = USUAL_QUOTA_BYTES as u64;
                let permille = (bytes * 1000 + quota / 2) / quota;
                let pct = format!("{}.{}", permille / 10, permille % 10);
                view! {
                    <p>
                        <strong data-testid="storage-bytes" data-bytes=bytes.to_string()>{kib(bytes)}</strong>
                        {format!(" / {USUAL_QUOTA_MB} MB ")}
                        <span class="muted">{format!("({pct}%)")}</span>
                    </p>
                    <progress max="1000" value=permille.min(1000).to_string() aria-label=tr("存储占用", "Storage used")></progress>
                    {Fullness::of(bytes).map(|f| {
                        let mb = USUAL_QUOTA_MB;
                        let (zh, en) = match f {
                            Fullness::Near => (
                                format!("接近 {mb} MB：日志随每个操作（及每个超时的申请）增长，存满后操作将无法保存。请先导出一份备份。"),
                                format!("Close to {mb} MB: the log grows with every action (and every expired application); once storage is full, actions are not saved. Export a backup first."),
                            ),
                            Fullness::Past => (
                                format!("已超过 {mb} MB：只有给本站更多空间的浏览器（Chromium、Firefox：10 MB）能保存，其他浏览器中操作将无法保存。请先导出一份备份。"),
                                format!("Over {mb} MB: only browsers that give this site more (Chromium, Firefox: 10 MB) can save it; in others, actions are not saved. Export a backup first."),
                            ),
                        };
                        view! { <p class="why" data-testid="storage-fullness">{tr_owned(zh, en)}</p> }
                    })}
                    <p class="hint">
                        {tr_owned(
                            format!("按浏览器的计法（UTF-16，每个字符 2 字节）。{} MB 是各浏览器至少给本站的空间，Chromium 与 Firefox 给 10 MB；大的工作区以压缩形式保存。", USUAL_QUOTA_MB),
                            format!("Counted as browsers do (UTF-16, 2 bytes per character). Every browser gives this site at least {} MB; Chromium and Firefox give 10 MB. Big workspaces are stored compressed.", USUAL_QUOTA_MB),
                        )}
                    </p>
                    // Nothing is saved while storage cannot be read (deployment QA: 0.0 KB and
                    // "not saved yet: 0" beside the banner saying nothing is saved).
                    {match other {
                        Err(_) => view! {
                            <p class="why" data-testid="storage-unavailable">{tr(
                                "浏览器存储不可用：本工作区的修改都没有保存，关闭或重新加载本页会失去它们。请先导出数据。",
                                "Browser storage is unavailable: none of this workspace's changes are saved, and closing or reloading this page loses them. Export your data first.",
                            )}</p>
                        }.into_any(),
                        Ok(_) => view! {
                            <p class="hint">
                                // In words, not the store's terms (QA: 修订号 read as jargon).
                                {tr("已保存次数（各标签页合计）：", "Saves so far (all tabs): ")}<code data-testid="storage-rev">{rev.to_string()}</code>
                                " · " {tr("尚未保存的操作：", "Actions not saved yet: ")}{pending.to_string()}
                            </p>
                        }.into_any(),
                    }}
                    // Other data of this site shares the same quota: when storage is full
                    // because of it, this is what says so.
                    {other.ok().filter(|u| *u > 0).map(|u| view! {
                        <p class="hint" data-testid="storage-other">
                            {tr("本站的其他数据（不属于本应用）：", "Other data of this site (not this app's): ")}
                            <strong>{kib(utf16_bytes(u))}</strong>
                            {tr("，与本应用共用同一份存储空间。", ", sharing the same storage space.")}
                        </p>
                    })}
                }
            })}
        </div>
    }
}

/// One row; `count` picks the field (a fn pointer: one copy of the row's code for all four).
/// "Now" reads the live workspace (counting is four lengths: no memo needed).
fn counts_row(
    label: (&'static str, &'static str),
    now: RwSignal<Workspace>,
    count: fn(&Counts) -> usize,
    after: &Counts,
) -> impl IntoView {
    let after = count(after);
    view! {
        <tr>
            <th scope="row">{tr(label.0, label.1)}</th>
            <td>{reactive(move || now.with(|ws| count(&Counts::of(ws))).to_string())}</td>
            <td>"→"</td>
            <td>{after.to_string()}</td>
        </tr>
    }
}

/// "now → after" counts of a replacement; "now" follows the live workspace `now` (another tab
/// may change it while the confirmation is open).
#[component]
pub fn ReplaceSummary(now: RwSignal<Workspace>, after: Counts) -> impl IntoView {
    view! {
        <table class="table compact" data-testid="replace-summary">
            <thead>
                <tr>
                    // Named for screen readers (keyboard QA: axe's empty-table-header).
                    <th scope="col"><span class="sr-only">{tr("内容", "Content")}</span></th>
                    <th scope="col">{tr("当前", "Now")}</th>
                    <th scope="col"><span class="sr-only">{tr("变为", "Becomes")}</span></th>
                    <th scope="col">{tr("替换后", "After")}</th>
                </tr>
            </thead>
            <tbody>
                {counts_row(("小程序帐号", "Mini program accounts"), now, |c| c.accounts, &after)}
                {counts_row(("插件", "Plugins"), now, |c| c.plugins, &after)}
                {counts_row(("使用申请", "Applications"), now, |c| c.applications, &after)}
                {counts_row(("事件", "Events"), now, |c| c.events, &after)}
            </tbody>
        </table>
    }
}

/// A pending replacement waiting for confirmation.
struct Proposal {
    what: Replacement,
    workspace: Workspace,
    /// What an imported file held that the workspace does not (`Decoded::skipped`).
    skipped: Vec<(String, usize)>,
}

/// Where a replacing workspace comes from: what the dialog, the toast and a refusal say, and
/// where focus returns.
#[derive(Clone, Copy, PartialEq)]
enum Replacement {
    File,
    Text,
    Demo,
    Empty,
}

impl Replacement {
    /// A reset (恢复演示数据, 清空) sets the clock back to real time; an import keeps it
    /// following its own actions.
    fn resets_clock(self) -> bool {
        matches!(self, Replacement::Demo | Replacement::Empty)
    }
    /// The verb of a refusal: 没有{zh} / Nothing was {en}.
    fn verb(self) -> (&'static str, &'static str) {
        match self {
            Self::File | Self::Text => ("导入", "imported"),
            Self::Demo => ("恢复", "reset"),
            Self::Empty => ("清空", "emptied"),
        }
    }
    /// The dialog's question.
    fn question(self) -> (&'static str, &'static str) {
        match self {
            Self::File | Self::Text => (
                "导入并替换当前工作区？",
                "Import and replace the current workspace?",
            ),
            Self::Demo => ("恢复演示数据？", "Reset to demo data?"),
            Self::Empty => ("清空工作区？", "Empty the workspace?"),
        }
    }
    /// The toast once done.
    fn done(self) -> (&'static str, &'static str) {
        match self {
            Self::File | Self::Text => ("已导入工作区", "Workspace imported"),
            Self::Demo => ("已恢复为演示数据", "Reset to the demo data"),
            Self::Empty => ("已清空工作区", "Workspace emptied"),
        }
    }
    /// What opened the dialog: focus goes back there.
    fn opener(self) -> &'static str {
        match self {
            Self::File => "[data-testid=import-file]",
            Self::Text => "[data-testid=import-check]",
            Self::Demo => "[data-testid=reset-demo]",
            Self::Empty => "[data-testid=reset-empty]",
        }
    }
}

/// Export, import (file or pasted JSON, validated, confirmed with counts), reset to demo or to
/// an empty workspace.
#[component]
pub fn DataTransfer() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let proposal = RwSignal::new_local(None::<Proposal>);
    // (zh, en): shown in the language of the moment, also after a toggle, under what it is
    // about (QA: a file's refusal showed below the fold, under the paste box it marked invalid).
    // With whether the input itself was refused (not storage being full, say).
    let import_error = RwSignal::new(None::<(String, String, Replacement, bool)>);
    let pasted = RwSignal::new(String::new());
    // Kept by the tab until imported (QA: another page and Back, or a reload, emptied it).
    crate::ui::components::draft::keep_draft(
        crate::store::session::form_draft_key("import-text", ""),
        pasted,
    );
    // A file's refusal names it (`name`).
    let check =
        move |text: Result<String, (String, String)>, what: Replacement, name: String| match text
            .and_then(|t| decode_import(&t))
        {
            Ok(d) => {
                import_error.set(None);
                proposal.set(Some(Proposal {
                    what,
                    workspace: d.workspace,
                    skipped: d.skipped,
                }));
            }
            Err((zh, en)) => {
                proposal.set(None);
                import_error.set(Some((
                    format!("无法导入{name}：{zh}"),
                    format!("Cannot import{name}: {en}"),
                    what,
                    true,
                )));
            }
        };
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let r2 = reader.clone();
        let name = format!(" {}", file.name());
        // Bytes, decoded here: a text read by the browser replaces what is not UTF-8 unsaid.
        let onload = wasm_bindgen::closure::Closure::once_into_js(move |_e: web_sys::Event| {
            let bytes = r2
                .result()
                .map(|v| js_sys::Uint8Array::new(&v).to_vec())
                .unwrap_or_default();
            check(file_text(bytes), Replacement::File, name);
        });
        reader.set_onload(Some(onload.unchecked_ref()));
        let _ = reader.read_as_array_buffer(&file);
        input.set_value("");
    };
    let confirm = move |_| {
        // Taken, not cloned: it holds a whole workspace.
        if let Some(p) = proposal.try_update(Option::take).flatten() {
            let (what, acting) = (p.what, app.acting_as());
            // What this tab typed for the old workspace goes with it (said in the dialog).
            match app.replace_workspace(p.workspace) {
                // ... and its clock too (an import keeps following its own actions).
                Ok(()) if what.resets_clock() => app.reset_clock(),
                Ok(()) => {}
                Err(ReplaceRefused::Holding) => {
                    app.say(
                        "本页暂不能写入存储：请先按页面上方的存储提示处理（重新加载或下载原始数据），再导入或恢复。",
                        "This page cannot write to storage now: follow the storage notice at the top first (reload or download the raw data), then import or reset.",
                    );
                    return;
                }
                Err(ReplaceRefused::NotStored { error, units }) => {
                    let size = kib(utf16_bytes(units));
                    let (done_zh, done_en) = what.verb();
                    // Other data of this site shares the space: said when there is some (durability
                    // QA: 393 KB "more than" 5 MB, the 9.9 MB of other data unsaid).
                    let other = app.persistence().other_units().ok().filter(|u| *u > 0);
                    let other = other.map(|u| kib(utf16_bytes(u)));
                    let (other_zh, other_en) = other.map_or_else(Default::default, |o| (
                        format!("本站的其他数据（不属于本应用）已占用 {o}，"),
                        format!(", with {o} of it taken by other data of this site (not this app's)"),
                    ));
                    let (zh, en) = match error {
                        StoreError::QuotaExceeded => (
                            format!("没有{done_zh}：这份工作区存入浏览器需要约 {size}，{other_zh}超出了浏览器给本站的存储空间（各浏览器至少 5 MB，Chromium 与 Firefox 为 10 MB，见本页的存储占用）。工作区未做任何更改。"),
                            format!("Nothing was {done_en}: this workspace needs about {size} of browser storage, more than the browser gives this site{other_en} (at least 5 MB in every browser, 10 MB in Chromium and Firefox; see storage use on this page). The workspace is unchanged."),
                        ),
                        other => (
                            format!("没有{done_zh}：{}工作区未做任何更改。", other.zh()),
                            format!("Nothing was {done_en}: {} The workspace is unchanged.", other.en()),
                        ),
                    };
                    import_error.set(Some((zh, en, what, false)));
                    return;
                }
            }
            pasted.set(String::new());
            import_error.set(None);
            // Focus on the section's heading, before the dialog gives it back to what opened it:
            // there a second Enter sent the emptied paste box (a red "paste first" under a done
            // import) or asked to reset again (QA).
            let section = match what {
                Replacement::Demo | Replacement::Empty => "#data-reset-title",
                _ => "#data-import-title",
            };
            crate::ui::components::modal::refocus_soon([section.into()]);
            let (zh, en) = what.done();
            app.notify(lang.get_untracked().pick(zh, en).to_string());
            app.say_acting_since(acting);
        }
    };
    // Whether a refusal about `from` is shown; `refused`: and it refused that input itself (not
    // storage being full).
    let said = move |from: fn(Replacement) -> bool| {
        move || import_error.with(|e| e.as_ref().is_some_and(|e| from(e.2)))
    };
    let refused = move |from: fn(Replacement) -> bool| {
        move || import_error.with(|e| e.as_ref().is_some_and(|e| e.3 && from(e.2)))
    };
    // The refusal, under what it is about (`from`), said as it appears.
    let error_for = move |from: fn(Replacement) -> bool, id: &'static str| {
        reactive(move || {
            import_error.get().filter(|e| from(e.2)).map(|(zh, en, ..)| view! {
                <p class="error" id=id role="alert" data-testid="import-error">{tr_owned(zh, en)}</p>
            })
        })
    };
    let file: fn(Replacement) -> bool = |w| w == Replacement::File;
    let text: fn(Replacement) -> bool = |w| w == Replacement::Text;
    let reset: fn(Replacement) -> bool = |w| matches!(w, Replacement::Demo | Replacement::Empty);
    view! {
        <div class="card" data-testid="data-export">
            <h2>{tr("导出", "Export")}</h2>
            <p class="hint">
                {tr("将整个工作区下载为一个 JSON 文件（可在此页导入）。", "Download the whole workspace as one JSON file (importable on this page).")}
            </p>
            <button class="btn btn-primary" data-testid="export-button" on:click={handler(move |_| export_workspace(app))}>
                {tr("导出 JSON", "Export JSON")}
            </button>
        </div>
        <div class="card" data-testid="data-import">
            <h2 id="data-import-title" tabindex="-1">{tr("导入", "Import")}</h2>
            <div class="field">
                <label for="import-file">{tr("选择导出的 JSON 文件", "Choose an exported JSON file")}</label>
                <input id="import-file" type="file" accept=".json,application/json" data-testid="import-file" on:change={handler(on_file)}
                    aria-invalid=move || refused(file)().then_some("true")
                    aria-describedby=move || said(file)().then_some("import-file-error") />
                {error_for(file, "import-file-error")}
            </div>
            <form class="form" on:submit={handler(move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let text = pasted.get_untracked();
                if text.trim().is_empty() {
                    // Not "invalid JSON at column 0" (QA).
                    import_error.set(Some((
                        "请先粘贴导出的内容，或在上方选择导出文件。".into(),
                        "Paste an export first, or choose an export file above.".into(),
                        Replacement::Text,
                        true,
                    )));
                } else {
                    check(Ok(text), Replacement::Text, String::new());
                }
                // Refused: focus to the paste box, as in every form (QA: left on the button).
                if import_error.with_untracked(Option::is_some) {
                    app.refused();
                }
            })}>
                <div class="field">
                    <label for="import-text">{tr("或粘贴 JSON", "Or paste JSON")}</label>
                    <textarea
                        id="import-text"
                        rows="4"
                        data-testid="import-text"
                        aria-invalid=move || refused(text)().then_some("true")
                        aria-describedby=move || if said(text)() { "import-text-hint import-text-error" } else { "import-text-hint" }
                        prop:value=move || pasted.get()
                        on:input={handler(move |ev: leptos::ev::Event| {
                            pasted.set(event_target_value(&ev));
                            // A refusal of the text before is not of this one (keyboard QA: it
                            // stayed, the box marked invalid, as the text was replaced).
                            if import_error.with_untracked(|e| e.as_ref().is_some_and(|e| text(e.2))) {
                                import_error.set(None);
                            }
                        })}
                    ></textarea>
                    // Measured: laying out a 27 MB paste takes Chromium ≈ 6 s; checking it ≈ 0.1 s.
                    <p class="hint" id="import-text-hint">{tr_owned(
                        format!("适合小的工作区。几 MB 以上的导出请用上面的文件选择：浏览器显示大段粘贴的文本会停顿数秒。粘贴的内容在离开本页或重新加载后仍保留，超过 {} KB 的除外。", MAX_DRAFT_BYTES / 1024),
                        format!("For small workspaces. For exports of a few MB or more, choose the file above: browsers pause for seconds to show a large paste. A paste is kept when you leave this page or reload, unless it is over {} KB.", MAX_DRAFT_BYTES / 1024),
                    )}</p>
                </div>
                <div class="actions">
                    <button type="submit" class="btn" data-testid="import-check">{tr("检查并导入", "Check and import")}</button>
                </div>
            </form>
            {error_for(text, "import-text-error")}
        </div>
        <div class="card" data-testid="data-reset">
            <h2 id="data-reset-title" tabindex="-1">{tr("重置工作区", "Reset the workspace")}</h2>
            <p class="hint">{tr(
                "用全新的演示数据，或一个只有两位审核员（微信小程序团队）的空工作区，替换整个工作区。",
                "Replace the whole workspace with fresh demo data, or with an empty one that holds only the two platform reviewers (微信小程序团队).",
            )}</p>
            <div class="actions">
                <button class="btn btn-danger" data-testid="reset-demo" on:click={handler(move |_| {
                    // A fresh workspace starts at real time (QA: it kept the simulated clock).
                    let ws = demo_workspace(Timestamp(real_time_ms()));
                    import_error.set(None);
                    proposal.set(Some(Proposal { what: Replacement::Demo, workspace: ws, skipped: Vec::new() }));
                })}>
                    {tr("恢复演示数据…", "Reset to demo data…")}
                </button>
                <button class="btn btn-danger" data-testid="reset-empty" on:click={handler(move |_| {
                    let ws = empty_workspace(Timestamp(real_time_ms()));
                    import_error.set(None);
                    proposal.set(Some(Proposal { what: Replacement::Empty, workspace: ws, skipped: Vec::new() }));
                })}>
                    {tr("清空工作区…", "Empty the workspace…")}
                </button>
            </div>
            {error_for(reset, "reset-error")}
        </div>
        {reactive(move || {
            let shown = proposal.with(|p| {
                p.as_ref().map(|p| {
                    let latest = p.workspace.latest_event_at();
                    // Its 待确认 applications past their 24 h at the clock's time once imported
                    // (now, or its latest action if later): each then becomes 已超时, an event.
                    // A reset's clock is real time (durability QA: expiries were foretold at the
                    // simulated time, and did not happen).
                    let now = if p.what.resets_clock() {
                        Timestamp(real_time_ms())
                    } else {
                        app.now_untracked()
                    };
                    let at = crate::domain::clock::not_before(now, latest);
                    (
                        p.what,
                        Counts::of(&p.workspace),
                        latest,
                        p.workspace.due_expiries(at),
                        skipped_note(&p.skipped),
                    )
                })
            });
            shown.map(|(what, after, latest, due, skipped)| {
                let (zh, en) = what.question();
                let title = tr(zh, en);
                let back = what.opener();
                // The button names what it does (QA: 清空 said 确认替换).
                let (yes_zh, yes_en) = match what {
                    Replacement::Empty => ("确认清空", "Empty it"),
                    _ => ("确认替换", "Replace"),
                };
                view! {
                    // Described by what it says besides the counts: each line present (a11y QA: the
                    // fields not kept were not said when it opened).
                    <Modal labelledby="replace-title" describedby="replace-what replace-expiring replace-skipped replace-future" testid="replace-dialog" on_close=move || proposal.set(None)
                        focus="[data-testid=replace-cancel]" return_focus=back>
                        <h2 id="replace-title">{title}</h2>
                        <p id="replace-what">{tr("当前工作区将被整个替换，本标签页中填写未提交的内容一并清除（此操作无法撤销，可先导出备份）：", "The current workspace will be replaced entirely, and what this tab has typed and not sent is cleared (no undo; export a backup first):")}</p>
                        <ReplaceSummary now=app.ws after />
                        // The events its expiries add (the counts after were short of them).
                        {(due > 0).then(|| view! {
                            <p class="hint" id="replace-expiring" data-testid="replace-expiring">{tr_owned(
                                format!("其中 {due} 个待确认的申请已过 {WINDOW} 小时：替换后即为「已超时」，各记一条事件。"),
                                match due {
                                    1 => format!("1 pending application in it is past its {WINDOW} hours: once it replaces this one it becomes expired, an event."),
                                    _ => format!("{due} pending applications in it are past their {WINDOW} hours: once it replaces this one they become expired, an event each."),
                                },
                            )}</p>
                        })}
                        // What the file holds that the workspace has no field for (a typo in a
                        // hand-edited file, another version's field): not kept, said before.
                        {skipped.map(|(zh, en)| view! {
                            <p class="why" id="replace-skipped" data-testid="replace-skipped">{tr_owned(zh, en)}</p>
                        })}
                        // A file whose clock is ahead of now (moved by +24h, or a time mistyped
                        // years ahead): the clock goes on from there, said before (QA: the clock
                        // stood in 2539 unsaid).
                        // Only when the clock moves there (review: with it already ahead,
                        // nothing moves).
                        {latest.filter(|t| app.offset_reaching(Some(*t)).is_some()).map(|t| {
                            // With its zone, as the clock's messages give it (QA).
                            let (zh, en) = datetime_zoned(t);
                            view! {
                                <p class="why" id="replace-future" data-testid="replace-future">{tr_owned(
                                    format!("此工作区最晚的操作在 {zh}，晚于现在：导入后，模拟时钟从那时继续，之后的操作都记在那之后。"),
                                    format!("This workspace's latest action is at {en}, later than now: once imported, the simulated clock goes on from there and every later action is recorded after it."),
                                )}</p>
                            }
                        })}
                        <div class="actions">
                            <button class="btn btn-danger" data-testid="replace-confirm" on:click={handler(confirm)}>
                                {tr(yes_zh, yes_en)}
                            </button>
                            <button class="btn" data-testid="replace-cancel" on:click={handler(move |_| proposal.set(None))}>
                                {tr("取消", "Cancel")}
                            </button>
                        </div>
                    </Modal>
                }
            })
        })}
    }
}

/// Values set aside (quarantined unreadable data, pre-migration backups): download or delete
/// (deleting asks first).
#[component]
pub fn SetAside() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let refresh = RwSignal::new(0usize);
    // Asked of the store once a change (a notice, a deletion), not at each use.
    let keys = memo(move || {
        refresh.track();
        app.notices.track();
        app.persistence().set_aside_values()
    });
    let delete = move |key: &str| {
        let Some(w) = web_sys::window() else { return };
        let question = lang.get_untracked().pick(
            "永久删除这份已隔离的数据？",
            "Delete this set-aside data for good?",
        );
        if w.confirm_with_message(&format!("{question}\n{key}"))
            .unwrap_or(false)
        {
            match app.persistence().delete_set_aside(key) {
                Ok(()) => app.say(&format!("已删除 {key}"), &format!("Deleted {key}")),
                Err(e) => app.say(
                    &format!("未能删除 {key}：{}", e.zh()),
                    &format!("Could not delete {key}: {}", e.en()),
                ),
            }
            refresh.update(|r| *r += 1);
            // The row and its button are gone: focus on the next row's, else the card's heading
            // (QA: it fell to <body>).
            crate::ui::components::modal::refocus_soon([
                "[data-testid=set-aside-item] .btn-danger".into(),
                "#set-aside-title".into(),
            ]);
        }
    };
    view! {
        <div class="card" data-testid="data-set-aside">
            <h2 id="set-aside-title" tabindex="-1">{tr("已隔离的数据", "Data set aside")}</h2>
            {reactive(move || keys.with(Vec::is_empty).then(|| view! { <p class="empty">{tr("没有。", "None.")}</p> }))}
            <ul class="set-aside">
                {reactive(move || {
                    keys.get()
                        .into_iter()
                        .map(|(key, len)| {
                            let k1 = key.clone();
                            let k2 = key.clone();
                            view! {
                                <li data-testid="set-aside-item">
                                    <code>{key}</code>
                                    " "
                                    <span class="muted">{kib(utf16_bytes(len))}</span>
                                    " "
                                    <button class="btn btn-small" on:click={handler(move |_| download_key(app, &k1))}>{tr("下载", "Download")}</button>
                                    " "
                                    <button class="btn btn-small btn-danger" on:click={handler(move |_| delete(&k2))}>{tr("删除", "Delete")}</button>
                                </li>
                            }.into_any()
                        })
                        .collect_view()
                })}
            </ul>
        </div>
    }
}
