//! `/review/history` — decided or withdrawn reviews, newest first.
use crate::domain::ReviewOutcome;
use crate::ui::components::format::{datetime, or_dash};
use crate::ui::components::layout::When;
use crate::ui::components::pager::{page_in_url, shown_page, Pager};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{memo, reactive};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// 审核记录's columns.
const COLUMNS: Columns = &[
    ("插件", "Plugin"),
    ("版本", "Version"),
    ("提交时间", "Submitted"),
    ("结果", "Outcome"),
    ("审核人员", "Reviewer"),
    ("处理时间", "Decided"),
    ("理由", "Reason"),
];

/// Rows a page.
const PER_PAGE: usize = 20;

/// The history page.
#[component]
pub fn ReviewHistory() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let (page, keep_page) = page_in_url();
    let total = memo(move || app.ws.with(|ws| ws.review_history().len()));
    let rows = move || {
        let l = lang.get();
        app.ws.with(|ws| {
            let reviewer_name = |id: &str| {
                ws.reviewers()
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.name.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            let at = shown_page(page.get(), total.get(), PER_PAGE) * PER_PAGE;
            ws.review_history()
                .iter()
                .skip(at)
                .take(PER_PAGE)
                .map(|i| {
                    let (badge, label, who, at, reason) = match &i.record.outcome {
                        ReviewOutcome::Approved { reviewer, at } => {
                            ("badge badge-ok", l.pick("审核通过", "Approved"), reviewer_name(reviewer), Some(*at), String::new())
                        }
                        ReviewOutcome::Rejected { reviewer, at, reason } => (
                            "badge badge-err",
                            l.pick("审核失败", "Rejected"),
                            reviewer_name(reviewer),
                            Some(*at),
                            reason.clone(),
                        ),
                        ReviewOutcome::Withdrawn { at } => {
                            // No reviewer decided it: the developer took it back.
                            ("badge", l.pick("已撤回", "Withdrawn"), "—".to_string(), Some(*at), l.pick("由开发者撤回", "Withdrawn by the developer").to_string())
                        }
                        ReviewOutcome::Pending => ("badge badge-review", l.pick("审核中", "In review"), String::new(), None, String::new()),
                    };
                    let id = format!("history-row-{}-{}", i.plugin.app_id, i.record.version);
                    view! {
                        <tr role="row" data-testid=id>
                            <td role="cell">{i.plugin.name.clone()}<br /><code class="muted">{i.plugin.app_id.to_string()}</code></td>
                            <td role="cell"><code>{i.record.version.to_string()}</code></td>
                            <td role="cell">{datetime(i.record.submitted_at)}</td>
                            <td role="cell"><span class=badge>{label}</span></td>
                            <td role="cell">{who}</td>
                            <td role="cell">{at.map(datetime).unwrap_or_default()}</td>
                            <td role="cell" class="prewrap">{or_dash(&reason)}</td>
                        </tr>
                    }.into_any()
                })
                .collect_view()
        })
    };
    let empty = move || total.get() == 0;
    view! {
        <div class="page" data-testid="review-history">
            <h1 id="history-title" tabindex="-1">{tr("审核记录", "Review history")}</h1>
            <When
                when=move || !empty()
                fallback=|| view! { <p class="empty">{tr("暂无审核记录", "No decisions yet")}</p> }
            >
                // Newest decision first (QA: read by 提交时间, the order looked shuffled).
                <p class="hint" data-testid="history-count">{reactive(move || {
                    let n = total.get();
                    lang.get().pick(format!("共 {n} 条，按处理时间排列（最新的在前）。"), format!("{n} in all, newest decision first."))
                })}</p>
                <table role="table" class="table cards" style=card_labels(COLUMNS) aria-labelledby="history-title">
                    <TableHead cols=COLUMNS />
                    <tbody role="rowgroup">{reactive(rows)}</tbody>
                </table>
                <Pager page total per_page=PER_PAGE on_change=keep_page testid="history" top="#history-title" />
            </When>
        </div>
    }
}
