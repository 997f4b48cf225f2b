//! The simulated clock control in the header (all roles): the workspace's "now", +1 h, +24 h,
//! back to real time. The offset is persisted, so 24 h windows can be seen without waiting.
use crate::domain::{DAY_MS, HOUR_MS};
use crate::ui::components::format::datetime;
use crate::ui::i18n::tr;
use crate::ui::state::{use_app, CLOCK_HELD};
use leptos::prelude::*;

/// Shows "now" and moves the simulated clock.
#[component]
pub fn ClockControl() -> impl IntoView {
    let app = use_app();
    let simulated = move || app.clock_offset_ms.get() != 0;
    // Re-checked as the clock ticks; the label and title follow only a change. Within a
    // minute of where it can go back to, it is there (QA: a second click did nothing).
    let held = Memo::new(move |_| app.clock_held());
    let at_floor = Memo::new(move |_| app.clock_rewind_ms() < 60_000);
    view! {
        <div class="clock" role="group" aria-label=tr("模拟时钟", "Simulated clock")>
            <span class="clock-now" class:clock-sim=simulated data-testid="clock-now"
                title=tr("工作区当前时间", "The workspace's current time")>
                {move || datetime(app.now())}
                {move || simulated().then(|| view! { <span class="badge badge-warn">{tr("模拟", "simulated")}</span> })}
            </span>
            <button class="btn btn-small" data-testid="clock-plus-1h" on:click=move |_| app.advance_clock(HOUR_MS)>
                "+1h"
            </button>
            <button class="btn btn-small" data-testid="clock-plus-24h" on:click=move |_| app.advance_clock(DAY_MS)>
                "+24h"
            </button>
            // With actions recorded later than real time (+24h expired applications), it goes
            // back only to the latest of them: said by its label and title before a click (QA:
            // "回到真实时间" that did not).
            <button class="btn btn-small btn-ghost" data-testid="clock-reset" disabled=move || at_floor.get()
                title=move || held.get().then(|| tr(CLOCK_HELD.0, CLOCK_HELD.1)())
                on:click=move |_| app.reset_clock()>
                {move || if held.get() {
                    tr("回到最近操作", "Rewind")()
                } else {
                    tr("回到真实时间", "Real time")()
                }}
            </button>
        </div>
    }
}
