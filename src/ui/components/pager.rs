//! Pages of a long list (the search results, the review queue and history, the accounts): a
//! workspace of 10 000 plugins would otherwise lay out every item at once (QA: /review/history
//! drew 11 305 rows, 2–3 s each visit).
use crate::ui::components::modal::focus_css;
use crate::ui::i18n::tr;
use leptos::prelude::*;

/// The page shown of `total` items, `per_page` a page: `page` (counted from 0) or, past the end
/// (the list shrank: decided in another tab, a smaller import), the last one.
pub fn shown_page(page: usize, total: usize, per_page: usize) -> usize {
    page.min(total.saturating_sub(1) / per_page)
}

/// 上一页 · `n / m` · 下一页 under a list of `total` items, `per_page` a page, moving `page`
/// (counted from 0); `on_change` runs after each move (the search writes it to the URL). Nothing
/// while everything fits on one page. Buttons and the page count are `{testid}-prev`,
/// `{testid}-next` and `{testid}-page`. A move takes focus, and the view, to `top` (a CSS
/// selector: the list's heading or table, `tabindex=-1`), where the new page starts (QA: the
/// pager stayed at the bottom, the new page's first item thousands of pixels above).
#[component]
pub fn Pager(
    page: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    per_page: usize,
    testid: &'static str,
    top: &'static str,
    #[prop(optional)] on_change: Option<Callback<usize>>,
) -> impl IntoView {
    let pages = move || total.get().div_ceil(per_page).max(1);
    let shown = move || shown_page(page.get(), total.get(), per_page);
    // A page past the end (the list shrank: the last page's only card decided, another tab's
    // change) is set to the last one, not only shown as it: else the list jumps back to that page
    // by itself once it grows again (review).
    Effect::new(move |_| {
        let to = shown();
        if page.get_untracked() != to {
            page.set(to);
            if let Some(f) = on_change {
                f.run(to);
            }
        }
    });
    let go = move |to: usize| {
        page.set(to);
        if let Some(f) = on_change {
            f.run(to);
        }
        focus_css(top);
    };
    move || {
        (pages() > 1).then(|| {
            view! {
                <nav class="actions pager" aria-label=tr("分页", "Pagination")>
                    <button class="btn btn-small" data-testid=format!("{testid}-prev")
                        disabled=move || shown() == 0
                        on:click=move |_| go(shown().saturating_sub(1))>
                        {tr("上一页", "Previous")}
                    </button>
                    <span data-testid=format!("{testid}-page") aria-live="polite">{move || format!("{} / {}", shown() + 1, pages())}</span>
                    <button class="btn btn-small" data-testid=format!("{testid}-next")
                        disabled=move || { shown() + 1 >= pages() }
                        on:click=move |_| go(shown() + 1)>
                        {tr("下一页", "Next")}
                    </button>
                </nav>
            }
        })
    }
}
