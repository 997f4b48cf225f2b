//! Formatting helpers shared by every role's pages.
use crate::domain::{ApplicationStatus, Timestamp};
use crate::ui::i18n::Lang;

/// `YYYY-MM-DD HH:MM` in the browser's local time zone (deterministic, not locale-dependent).
pub fn datetime(ts: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ts.0 as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The browser's time zone at `ts`, as its offset from UTC: `UTC+8`, `UTC+5:30`, `UTC-5`, `UTC`
/// ([`datetime`]'s times are in it: QA saw no page say which, and +1h in a repeated hour of a
/// daylight-saving change said the same time twice).
pub fn zone(ts: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ts.0 as f64));
    zone_text(-(d.get_timezone_offset() as i64))
}

/// A zone `east` minutes ahead of UTC (behind when negative), as [`zone`] says it.
pub fn zone_text(east: i64) -> String {
    let (sign, m) = (if east < 0 { '-' } else { '+' }, east.abs());
    match (m / 60, m % 60) {
        (0, 0) => "UTC".into(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// [`datetime`] with its [`zone`], for what says where the clock went: (zh, en),
/// `2026-11-01 01:30（UTC-4）` and `2026-11-01 01:30 (UTC-4)`.
pub fn datetime_zoned(ts: Timestamp) -> (String, String) {
    let (at, z) = (datetime(ts), zone(ts));
    (format!("{at}（{z}）"), format!("{at} ({z})"))
}

/// Time left, in milliseconds: `23小时05分` / `23h 05m` (`59分01秒` / `59m 01s` under an hour);
/// none left → `0分00秒` / `0m 00s`. Minutes, and seconds under an hour, are rounded up, as
/// time left is: a new application reads 24 hours for its first minute, not 23 h 59 a second
/// later (QA saw both on two pages, a clock tick apart), and its last second reads `0m 01s`,
/// not `0m 00s` while still 待确认 (QA). Chinese units in Chinese (QA: `19h 00m`).
pub fn duration(l: Lang, ms: i64) -> String {
    let ms = ms.max(0) as u64;
    let s = ms.div_ceil(1000);
    let (big, small, units) = if s >= 3600 {
        let minutes = ms.div_ceil(60_000);
        (
            minutes / 60,
            minutes % 60,
            l.pick(["小时", "分"], ["h ", "m"]),
        )
    } else {
        (s / 60, s % 60, l.pick(["分", "秒"], ["m ", "s"]))
    };
    format!("{big}{}{small:02}{}", units[0], units[1])
}

/// Where `consumer` stands with `plugin` at `now`, as its class and label: its own plugin, an
/// application's status (已通过 in use), 已移除, or 未申请 (the search hits, 在代码中使用's note).
pub fn standing_label(
    ws: &crate::domain::Workspace,
    l: Lang,
    consumer: &crate::domain::AppId,
    plugin: &crate::domain::AppId,
    now: Timestamp,
) -> (&'static str, String) {
    use crate::domain::Standing;
    if consumer == plugin {
        return (
            "muted",
            l.pick("本小程序的插件", "Your own plugin").to_string(),
        );
    }
    // Never applied for: said, as the info page says it (a card's 申请状态 label stood alone).
    match ws.standing(consumer, plugin) {
        Some(Standing::Removed(_)) => ("badge", badge_label(l, "已移除", "removed")),
        s => s.and_then(|s| s.status_at(now)).map_or_else(
            || ("muted", l.pick("未申请", "Not applied").to_string()),
            |st| (status_class(&st), status_label(l, &st)),
        ),
    }
}

/// The status label in the UI language (en capitalised for a badge).
pub fn status_label(l: Lang, s: &ApplicationStatus) -> String {
    badge_label(l, s.zh(), s.en())
}

/// A badge's label: `zh`, or `en` (a domain label, lower case) capitalised.
pub fn badge_label(l: Lang, zh: &str, en: &str) -> String {
    match l {
        Lang::Zh => zh.to_string(),
        Lang::En => {
            // The English labels are ASCII: no Unicode case tables needed in the wasm.
            let mut en = en.to_string();
            if let Some(first) = en.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            en
        }
    }
}

/// CSS class of an application status badge.
pub fn status_class(s: &ApplicationStatus) -> &'static str {
    match s {
        ApplicationStatus::Pending => "badge badge-warn",
        ApplicationStatus::Approved => "badge badge-ok",
        ApplicationStatus::Rejected { .. } => "badge badge-err",
        ApplicationStatus::Expired => "badge",
    }
}

/// An optional text, or "—" when it was left empty or shows nothing (QA: a blank cell, also
/// for zero-width characters only).
pub fn or_dash(text: &str) -> String {
    if crate::domain::text::shows_nothing(text) {
        "—".into()
    } else {
        text.to_string()
    }
}
