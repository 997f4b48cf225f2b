//! The simulated clock control in the header (all roles): the workspace's "now", +1 h, +24 h,
//! back to real time. The offset is persisted, so 24 h windows can be seen without waiting.
use crate::domain::{APPLICATION_WINDOW_HOURS, HOUR_MS};
use crate::ui::components::format::{datetime, datetime_zoned, zone};
use crate::ui::components::{handler, memo, reactive};
use crate::ui::i18n::{tr, tr_owned};
use crate::ui::state::{use_app, CLOCK_HELD};
use leptos::prelude::*;

/// Shows "now" and moves the simulated clock.
#[component]
pub fn ClockControl() -> impl IntoView {
    let app = use_app();
    let simulated = move || app.clock_offset_ms.get() != 0;
    // Re-checked as the clock ticks; the label and title follow only a change. Within a
    // minute of where it can go back to, it is there (QA: a second click did nothing).
    let held = memo(move || app.clock_held());
    let at_floor = memo(move || app.clock_rewind_ms() < 60_000);
    // The zone its time is in, said by its title (changes only with daylight saving time).
    let zone_now = memo(move || zone(app.now()));
    // Said, with what it made happen (demo and screen-reader QA: a pending application went
    // without a word): the whole workspace's, as the clock is (QA: a developer read 3 with 1 of
    // theirs).
    let advance = move |hours: i64| {
        // Held at the latest action while the computer's clock is behind it: it does not move
        // (QA: "moved 24 hours", the same time shown, then applications timed out unsaid once
        // the computer's clock was right).
        if app.clock_behind() {
            app.say(
                "本机时钟早于最近一次操作，模拟时钟停在该操作的时刻：请先把本机时钟调准，再前进模拟时钟",
                "The computer's clock is behind the latest recorded action and the simulated clock is held there: set the computer's clock right first, then move the simulated clock on",
            );
            return;
        }
        let (moved, expired) = app.advance_clock(hours * HOUR_MS);
        let (at_zh, at_en) = datetime_zoned(app.now_untracked());
        let (zh, en) = match expired {
            0 => (String::new(), String::new()),
            n => (
                format!("；工作区中 {n} 个待确认的使用申请已超时"),
                match n {
                    1 => "; 1 pending use application in the workspace expired".to_string(),
                    n => format!("; {n} pending use applications in the workspace expired"),
                },
            ),
        };
        // At the last date shown it stops there: said so, not "moved" (re-check QA).
        if moved < hours * HOUR_MS {
            app.say(
                &format!("模拟时钟已到可显示的最晚时间 {at_zh}，不能再前进{zh}"),
                &format!(
                    "The simulated clock is at the last time shown, {at_en}: it goes no further{en}"
                ),
            );
            return;
        }
        app.say(
            &format!("模拟时钟前进 {hours} 小时，现在是 {at_zh}{zh}"),
            &format!(
                "Simulated clock moved {hours} hour{} on, to {at_en}{en}",
                if hours == 1 { "" } else { "s" }
            ),
        );
    };
    // Said with the time it is at now (keyboard QA: the last +1h's toast stayed, naming a time
    // the clock had left; re-check QA: held at a later action, it did not say where it went),
    // and focus kept in the clock: the button it was on goes disabled.
    let reset = move |_| {
        app.reset_clock();
        let (at_zh, at_en) = datetime_zoned(app.now_untracked());
        let (zh, en) = match app.clock_held() {
            true => CLOCK_HELD,
            false => (
                "模拟时钟已回到真实时间。",
                "Simulated clock back to real time.",
            ),
        };
        app.say(
            &format!("{zh}现在是 {at_zh}。"),
            &format!("{en} It is now {at_en}."),
        );
        crate::ui::components::modal::refocus_soon(["[data-testid=clock-plus-1h]".into()]);
    };
    view! {
        <div class="clock" role="group" aria-label=tr("模拟时钟", "Simulated clock")>
            <span class="clock-now" class:clock-sim=simulated data-testid="clock-now"
                title=move || {
                    let z = zone_now.get();
                    app.lang.get().pick(
                        format!("模拟时钟：工作区的当前时间（本机时区 {z}，本应用的时间都按它显示），可用 +1h、+24h 前进"),
                        format!("Simulated clock: the workspace's current time, in this computer's time zone ({z}) like every time shown in the app; +1h and +24h move it on"),
                    )
                }>
                {reactive(move || datetime(app.now()))}
                {reactive(move || simulated().then(|| view! { <span class="badge badge-warn">{tr("模拟", "simulated")}</span> }))}
            </span>
            // Steps: quick clicks each move it (`data-repeat`: index.html's double-click guard
            // lets them through; QA: +1h clicked three times moved it once).
            <button class="btn btn-small" data-repeat="" data-testid="clock-plus-1h" on:click={handler(move |_| advance(1))}
                aria-label=tr("+1h：模拟时钟前进 1 小时", "+1h: move the simulated clock 1 hour on")
                title=tr("模拟时钟前进 1 小时", "Move the simulated clock 1 hour on")>
                "+1h"
            </button>
            <button class="btn btn-small" data-repeat="" data-testid="clock-plus-24h" on:click={handler(move |_| advance(24))}
                aria-label=tr("+24h：模拟时钟前进 24 小时", "+24h: move the simulated clock 24 hours on")
                title=tr_owned(format!("模拟时钟前进 24 小时（待确认的使用申请 {APPLICATION_WINDOW_HOURS} 小时后超时）"), format!("Move the simulated clock 24 hours on (pending use applications expire after {APPLICATION_WINDOW_HOURS} hours)"))>
                "+24h"
            </button>
            // With actions recorded later than real time (+24h expired applications), it goes
            // back only to the latest of them: said by its label and title before a click (QA:
            // "回到真实时间" that did not). The English labels are short, an action each (a
            // review: "Real time" read as a state; English QA: "Reset clock" and "Rewind" said
            // neither where to): a longer one wraps the header at 1280 px once the 模拟 badge
            // shows ("Back to now" and "To last action" did, e2e-checked).
            <button class="btn btn-small btn-ghost" data-testid="clock-reset" disabled=move || at_floor.get()
                title=move || match held.get() {
                    true => tr(CLOCK_HELD.0, CLOCK_HELD.1)(),
                    false => tr("模拟时钟回到真实时间", "Move the simulated clock back to real time")(),
                }
                on:click={handler(reset)}>
                {reactive(move || if held.get() {
                    tr("回到最近操作", "To latest")()
                } else {
                    tr("回到真实时间", "To now")()
                })}
            </button>
        </div>
    }
}
