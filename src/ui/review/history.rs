//! `/review/history` — decided or withdrawn reviews, newest first, narrowed to one outcome
//! if asked (`?outcome=`).
use crate::domain::ReviewOutcome;
use crate::ui::components::format::{datetime, or_dash};
use crate::ui::components::layout::When;
use crate::ui::components::pager::{
    follow_search_in_url, page_misspelled, search_in, search_writer, shown_page, Pager,
};
use crate::ui::components::table::{card_labels, Columns, TableHead};
use crate::ui::components::{effect, handler, memo, reactive};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::routes;
use crate::ui::state::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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

/// The URL parameter the outcome shown is kept in.
const KEY: &str = "outcome";

/// What the history can be narrowed to: all (first), or an outcome; as the URL names them, and
/// their labels.
const OUTCOMES: [(&str, &str, &str); 4] = [
    ("", "全部", "All"),
    ("approved", "审核通过", "Approved"),
    ("rejected", "审核失败", "Rejected"),
    ("withdrawn", "已撤回", "Withdrawn"),
];

/// Where an ended review is in [`OUTCOMES`]; 0 for a pending one (not in the history).
fn outcome_of(o: &ReviewOutcome) -> usize {
    match o {
        ReviewOutcome::Pending => 0,
        ReviewOutcome::Approved { .. } => 1,
        ReviewOutcome::Rejected { .. } => 2,
        ReviewOutcome::Withdrawn { .. } => 3,
    }
}

/// The history page.
#[component]
pub fn ReviewHistory() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // The outcome shown and its page live in the URL (`?outcome=rejected&page=2`): Back from a
    // choice, a reload or a shared link show the same rows. An outcome's name is read case and
    // spaces aside; anything else shows them all. Either way the URL is written as it is read.
    let url = use_query_map();
    let (asked, p0) = url.with_untracked(|m| search_in(m, KEY));
    let shown_of = |o: &str| {
        OUTCOMES
            .iter()
            .position(|x| x.0.eq_ignore_ascii_case(o.trim()))
    };
    let outcome = RwSignal::new(asked.clone());
    let page = RwSignal::new(p0);
    follow_search_in_url(url, KEY, outcome, page);
    let chosen = memo(move || outcome.with(|o| shown_of(o).unwrap_or(0)));
    let writer = search_writer(routes::REVIEW_HISTORY.into(), KEY);
    let keep = move |p: usize, step: bool| {
        writer.run((OUTCOMES[chosen.get_untracked()].0.into(), p, step));
    };
    let keep_page = Callback::new(move |(p, step): (usize, bool)| keep(p, step));
    let named = url.with_untracked(|m| m.get(KEY));
    if named.is_some_and(|o| o != OUTCOMES[shown_of(&o).unwrap_or(0)].0 || o.is_empty())
        || page_misspelled(url.with_untracked(|m| m.get("page")).as_deref(), p0)
    {
        effect(move |_| keep(p0, false));
    }
    // How many ended in all (0), and each way: a count of [`OUTCOMES`]' each.
    let counts: [Memo<usize>; 4] = std::array::from_fn(|k| {
        memo(move || {
            app.ws.with(|ws| {
                let reviews = ws.plugins().iter().flat_map(|p| &p.reviews);
                reviews
                    .map(|r| outcome_of(&r.outcome))
                    .filter(|&o| o != 0 && (k == 0 || o == k))
                    .count()
            })
        })
    });
    let total = memo(move || counts[chosen.get()].get());
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
            let chosen = chosen.get();
            ws.review_history()
                .iter()
                .filter(|i| chosen == 0 || outcome_of(&i.record.outcome) == chosen)
                .skip(at)
                .take(PER_PAGE)
                .map(|i| {
                    let (_, zh, en) = OUTCOMES[outcome_of(&i.record.outcome)];
                    let label = l.pick(zh, en);
                    let (badge, who, at, reason) = match &i.record.outcome {
                        ReviewOutcome::Approved { reviewer, at } => {
                            ("badge badge-ok", reviewer_name(reviewer), Some(*at), String::new())
                        }
                        ReviewOutcome::Rejected { reviewer, at, reason } => {
                            ("badge badge-err", reviewer_name(reviewer), Some(*at), reason.clone())
                        }
                        // No reviewer decided it: the developer took it back.
                        ReviewOutcome::Withdrawn { at } => {
                            ("badge", "—".to_string(), Some(*at), l.pick("由开发者撤回", "Withdrawn by the developer").to_string())
                        }
                        // Not in the history (still in the queue).
                        ReviewOutcome::Pending => ("badge", String::new(), None, String::new()),
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
    let empty = move || counts[0].get() == 0;
    // Whether a choice was written since the select took focus: the first is a step of the
    // history (Back shows the outcome before), the next ones are written in place, so arrow keys
    // run through the outcomes as one step (QA: one a key, Back went through each).
    let stepped = StoredValue::new(false);
    let choose = move |ev: leptos::ev::Event| {
        outcome.set(event_target_value(&ev));
        page.set(0);
        keep(0, !stepped.get_value());
        stepped.set_value(true);
    };
    view! {
        <div class="page" data-testid="review-history">
            <h1 id="history-title" tabindex="-1">{tr("审核记录", "Review history")}</h1>
            <When
                when=move || !empty()
                fallback=|| view! { <p class="empty">{tr("暂无审核记录", "No decisions yet")}</p> }
            >
                <div class="field" role="search">
                    <label for="history-outcome">{tr("结果", "Outcome")}</label>
                    // The value follows the outcome shown (Back, the side menu's link): an option's
                    // `selected` is only its default once one was chosen (QA: the select kept
                    // the outcome before). The options' `selected` is for the first drawing,
                    // where the value is set before they are there.
                    <select id="history-outcome" class="narrow" data-testid="history-outcome"
                        prop:value=move || OUTCOMES[chosen.get()].0
                        on:change={handler(choose)}
                        on:blur={handler(move |_: leptos::ev::FocusEvent| stepped.set_value(false))}>
                        // Each with its count.
                        {reactive(move || {
                            let l = lang.get();
                            let n = counts.map(|n| n.get());
                            let on = chosen.get_untracked();
                            OUTCOMES
                                .into_iter()
                                .zip(n)
                                .enumerate()
                                .map(|(i, ((value, zh, en), n))| view! {
                                    <option value=value selected=i == on>{l.pick(format!("{zh}（{n}）"), format!("{en} ({n})"))}</option>
                                }.into_any())
                                .collect_view()
                        })}
                    </select>
                </div>
                // Newest decision first (QA: read by 提交时间, the order looked shuffled).
                <p class="hint" data-testid="history-count" aria-live="polite">{reactive(move || {
                    let (n, all) = (total.get(), counts[0].get());
                    let l = lang.get();
                    match chosen.get() {
                        0 => l.pick(format!("共 {n} 条，按处理时间排列（最新的在前）。"), format!("{n} in all, newest decision first.")),
                        i if n == 0 => l.pick(format!("共 {all} 条，其中没有「{}」。", OUTCOMES[i].1), format!("{}: none of {all}.", OUTCOMES[i].2)),
                        i => l.pick(
                            format!("「{}」{n} 条（共 {all} 条），按处理时间排列（最新的在前）。", OUTCOMES[i].1),
                            format!("{}: {n} of {all}, newest first.", OUTCOMES[i].2),
                        ),
                    }
                })}</p>
                <When when=move || { total.get() > 0 }>
                    <table role="table" class="table cards" style=card_labels(COLUMNS) aria-labelledby="history-title">
                        <TableHead cols=COLUMNS />
                        <tbody role="rowgroup">{reactive(rows)}</tbody>
                    </table>
                </When>
                <Pager page total per_page=PER_PAGE on_change=keep_page testid="history" top="#history-title" />
            </When>
        </div>
    }
}
