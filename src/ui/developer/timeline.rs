//! `/dev/timeline` — the plugin's audit timeline: every event, newest first, with time, actor, role.
use super::{NeedsAccount, NeedsPlugin};
use crate::domain::{Actor, Event, Workspace};
use crate::ui::components::format::datetime;
use crate::ui::components::pager::{page_in_url_of_account, shown_page, Pager};
use crate::ui::components::{memo, reactive};
use crate::ui::i18n::{tr, use_lang, Lang};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What happened, the mini program it concerns named as in 申请管理 (name and AppID), unless
/// that mini program is the actor, already named just before ("… · 申请使用", not twice).
fn what(ws: &Workspace, e: &Event, lang: Lang) -> String {
    let text = lang.pick(e.kind.zh(), e.kind.en());
    let text = match e.kind.consumer() {
        Some(c) if e.actor == Actor::Consumer(c.clone()) => {
            text.replacen(c.as_str(), "", 1).trim().to_string()
        }
        Some(c) => match ws.account(c) {
            Some(a) => {
                // Chinese puts no space around a name with full-width parentheses (QA:
                // "通过 美食点评（…） 的使用申请"); the spaces were for the bare AppID.
                let id = c.as_str();
                let at = lang.pick(
                    [format!(" {id} "), format!(" {id}"), format!("{id} ")]
                        .into_iter()
                        .find(|spaced| text.contains(spaced.as_str()))
                        .unwrap_or_else(|| id.to_string()),
                    id.to_string(),
                );
                text.replacen(&at, &lang.paren(&a.name, id), 1)
            }
            None => text,
        },
        None => text,
    };
    // A line of its own starts with a capital in English ("Applied to use the plugin").
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if lang == Lang::En => first.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => text,
    }
}

/// Who did it, as a person reads it.
fn actor_label(ws: &Workspace, actor: &Actor, lang: Lang) -> String {
    match actor {
        Actor::Developer(id) | Actor::Consumer(id) => match ws.account(id) {
            Some(a) => lang.paren(&a.name, id.as_str()),
            None => id.to_string(),
        },
        Actor::Reviewer(id) => ws
            .reviewers()
            .iter()
            .find(|r| &r.id == id)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.clone()),
        Actor::System => lang.pick("系统", "System").to_string(),
    }
}

/// Events a page (QA: 7 518 drawn at once froze the page for 2 s).
const PER_PAGE: usize = 50;

/// `/dev/timeline`.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let (page, keep_page) = page_in_url_of_account("page");
    let total = memo(move || {
        let me = app.account.get();
        me.map_or(0, |me| app.ws.with(|ws| ws.events_for_plugin(&me).len()))
    });
    let body = move || {
        let Some(me) = app.account.get() else {
            return view! { <NeedsAccount /> }.into_any();
        };
        let l = lang.get();
        let at = shown_page(page.get(), total.get(), PER_PAGE) * PER_PAGE;
        let rows: Option<Vec<(Event, String, String)>> = app.ws.with(|ws| {
            ws.plugin(&me)?;
            Some(
                ws.events_for_plugin(&me)
                    .into_iter()
                    .rev()
                    .skip(at)
                    .take(PER_PAGE)
                    .map(|e| (e.clone(), actor_label(ws, &e.actor, l), what(ws, e, l)))
                    .collect(),
            )
        });
        let Some(rows) = rows else {
            return view! { <NeedsPlugin /> }.into_any();
        };
        let n = total.get();
        view! {
            <p class="hint" data-testid="timeline-count">{l.pick(format!("共 {n} 条"), format!("{n} in all"))}</p>
            <ol class="timeline" data-testid="dev-timeline">
                {rows.into_iter().map(|(e, who, what)| view! {
                    <li data-testid="timeline-event">
                        <time class="muted">{datetime(e.at)}</time>" · "
                        <span>{who}</span>
                        // The system is its own role: not "System · System" (QA).
                        {(e.actor != Actor::System).then(|| view! {
                            " · "<span class="badge">{l.pick(e.role.zh(), e.role.en())}</span>
                        })}
                        <div>{what}</div>
                    </li>
                }.into_any()).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <div class="page" data-testid="dev-timeline-page">
            <h1 id="timeline-title" tabindex="-1">{tr("操作记录", "Timeline")}</h1>
            <p class="lead">{tr("插件的每一次状态变化：时间、操作者、角色与内容，最新的在前。", "Every change to the plugin: time, actor, role and what happened, newest first.")}</p>
            {reactive(body)}
            <Pager page total per_page=PER_PAGE on_change=keep_page testid="timeline" top="#timeline-title" />
        </div>
    }
}
