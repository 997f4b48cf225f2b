//! A live region for a result that changes as the user types.
use crate::ui::components::{effect, timeout};
use leptos::prelude::*;

/// How long typing pauses before a result checked as you type is said.
pub const PAUSE_MS: u32 = 800;

/// Says `text` in a polite live region once it has not changed for [`PAUSE_MS`]: a field checked
/// as you type is not read out at each keystroke (screen-reader QA: 55 announcements for 55
/// characters), only what it comes to. What it says at first is shown already: not said.
#[component]
pub fn SaidAfterPause(#[prop(into)] text: Signal<String>, testid: &'static str) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    effect(move |ran| {
        let now = text.get();
        if ran {
            // Each change restarts the wait (the previous timer dropped = cancelled).
            let say = move || {
                said.try_set(now);
            };
            timer.try_set_value(Some(timeout(PAUSE_MS, say)));
        }
    });
    view! { <p class="sr-only" role="status" data-testid=testid>{said}</p> }
}

/// How many problems a sentence says: the rest are in the list shown (scale QA: 3 000 were one
/// 190 000-character sentence).
const PROBLEMS_SAID: usize = 10;

/// A list of problems as one sentence to say, each after its place in `file`: the first
/// [`PROBLEMS_SAID`], then how many more the list shows.
pub fn problems_said(
    l: crate::ui::i18n::Lang,
    ps: &[crate::domain::Problem],
    file: &str,
) -> String {
    let mut said = (ps.iter().take(PROBLEMS_SAID))
        .map(|p| {
            let (path, [sep_zh, sep_en]) = p.listed_at(file);
            format!("{path}{}{}", l.pick(sep_zh, sep_en), l.pick(&p.zh, &p.en))
        })
        .collect::<Vec<_>>()
        .join(l.pick("；", "; "));
    if let Some(more) = ps.len().checked_sub(PROBLEMS_SAID).filter(|&n| n > 0) {
        said += &l.pick(
            format!("；另有 {more} 个，见列表"),
            format!("; {more} more in the list"),
        );
    }
    said
}

/// How long a live region stays empty before it is filled again: the same words said again are
/// then a change a screen reader hears (re-check QA: emptied and filled in one frame, the empty
/// state may never be seen).
pub const GAP_MS: u32 = 100;

/// Says `text` in `region` (a live region's text) anew: emptied now, filled after [`GAP_MS`], so
/// the same words as before are said again.
pub fn say_anew(region: RwSignal<String>, text: String) {
    region.try_set(String::new());
    timeout(GAP_MS, move || {
        region.try_set(text);
    })
    .forget();
}
