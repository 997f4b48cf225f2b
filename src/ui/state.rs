//! App-wide state, provided as context: the workspace signal, who is acting, the language and the
//! simulated clock. Every change to the workspace goes through [`AppState::dispatch`], which asks the
//! domain and persists the result.
use crate::domain::clock::simulated;
use crate::domain::{Actor, AppId, Command, DomainError, Event, Timestamp, Workspace};
use crate::store::session::Session;
use crate::store::{Notice, Persistence, ReplaceRefused, WORKSPACE_KEY};
use crate::ui::components::{effect, monotonic_ms, timeout};
use crate::ui::i18n::Lang;
use leptos::prelude::*;
use std::rc::Rc;

/// The role area a path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// `/dev` — 插件开发者.
    Developer,
    /// `/review` — 微信小程序团队.
    Review,
    /// `/consumer` — 小程序开发者.
    Consumer,
}

impl Area {
    /// Its name in the header's nav (the platform's term) and in the window title.
    pub fn zh(self) -> &'static str {
        match self {
            Area::Developer => "插件开发者",
            Area::Review => "微信小程序团队",
            Area::Consumer => "小程序开发者",
        }
    }

    /// English of [`Self::zh`].
    pub fn en(self) -> &'static str {
        match self {
            Area::Developer => "Plugin developer",
            Area::Review => "Platform reviewer",
            Area::Consumer => "Consumer",
        }
    }

    /// The area of a pathname, if any.
    pub fn from_path(path: &str) -> Option<Area> {
        use crate::ui::routes::{CONSUMER, DEV, REVIEW};
        let under = |area: &str| {
            path.strip_prefix(area)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        [
            (DEV, Area::Developer),
            (REVIEW, Area::Review),
            (CONSUMER, Area::Consumer),
        ]
        .into_iter()
        .find(|(p, _)| under(p))
        .map(|(_, a)| a)
    }
}

/// Why the clock goes back only to the latest recorded action (zh, en).
pub const CLOCK_HELD: (&str, &str) = (
    "已有操作记录在更晚的模拟时间：时钟只回到最近一次操作的时刻，不会早于它（否则记录的顺序会颠倒）。",
    "Actions were recorded at a later simulated time: the clock goes back only as far as the latest of them, never before it (otherwise the record would run backwards).",
);

/// Everything the views share. `Copy`: signals are handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The workspace (domain state). Read it with `.with(..)`; change it only via `dispatch`.
    pub ws: RwSignal<Workspace>,
    /// UI language.
    pub lang: RwSignal<Lang>,
    /// The mini program account acting as developer or consumer.
    pub account: RwSignal<Option<AppId>>,
    /// The reviewer acting in `/review`.
    pub reviewer: RwSignal<Option<String>>,
    /// Simulated clock offset from real time, in ms (persisted).
    pub clock_offset_ms: RwSignal<i64>,
    /// Real time, refreshed every second (drives countdowns).
    real_now: RwSignal<i64>,
    /// A free-form message shown under the header.
    pub banner: RwSignal<Option<String>>,
    /// Persistence notices (quarantine, quota, dropped commands), shown with their actions by
    /// `components::storage::StorageBanner`.
    pub notices: RwSignal<Vec<Notice>>,
    /// A short transient confirmation.
    pub toast: RwSignal<Option<String>>,
    /// For each plugin info page (path) a link led to, the in-app page (path and query) it was
    /// opened from:
    /// back links say where they lead (a plugin's page opened from a search goes back to that
    /// search, also when reached again by the browser's Back, or after a reload). Kept by the
    /// shell, in the tab's `sessionStorage`.
    pub came_from: RwSignal<rustc_hash::FxHashMap<String, String>>,
    persistence: StoredValue<Rc<Persistence>, LocalStorage>,
    save_timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    /// Hides the current toast; replaced (cancelled) when another toast comes.
    toast_timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    /// Whether a toast was said in the current task.
    toast_turn: StoredValue<bool>,
    /// Whether the computer's clock was last seen behind the latest recorded action (said once).
    behind_said: StoredValue<bool>,
    /// When a form's save last changed the workspace ([`monotonic_ms`]: not moved by the computer's clock).
    saved_at: StoredValue<f64>,
}

/// Coalescing window for saves of big (compressed) workspaces; small ones are written right
/// after the task that changed them (one write per burst of commands in that task).
pub const SAVE_DELAY_MS: u32 = 250;

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

pub(crate) fn real_time_ms() -> i64 {
    js_sys::Date::now() as i64
}

impl AppState {
    /// Loads the workspace (or the demo on first run) and the session, starts the 1 s clock tick.
    pub fn init() -> Self {
        let persistence = Rc::new(Persistence::browser());
        let mut session = Session::load();
        // A damaged session's offset would put the clock past any date shown (QA: 0000-01-00).
        session.clock_offset_ms =
            crate::domain::clock::sane_offset(Timestamp(real_time_ms()), session.clock_offset_ms);
        let mut opened = persistence.open(simulated(real_time_ms(), session.clock_offset_ms));
        opened.notices.extend(
            crate::store::session::set_aside_unsaid::take()
                .iter()
                .filter_map(|key| persistence.set_aside_earlier(key)),
        );
        let state = Self::from_parts(opened.workspace, session, persistence);
        state.notices.set(opened.notices);
        state.keep_clock_after_actions();
        state.start_tick();
        state.listen_to_page();
        state
    }

    /// Builds the state around a given workspace (used by `init` and by component tests).
    pub fn from_parts(ws: Workspace, session: Session, persistence: Rc<Persistence>) -> Self {
        let account = session
            .account
            .clone()
            .filter(|id| ws.account(id).is_some())
            .or_else(|| ws.accounts().first().map(|a| a.app_id.clone()));
        let reviewer = session
            .reviewer
            .clone()
            .filter(|id| ws.reviewers().iter().any(|r| &r.id == id))
            .or_else(|| ws.reviewers().first().map(|r| r.id.clone()));
        Self {
            ws: RwSignal::new(ws),
            lang: RwSignal::new(session.lang),
            account: RwSignal::new(account),
            reviewer: RwSignal::new(reviewer),
            clock_offset_ms: RwSignal::new(session.clock_offset_ms),
            real_now: RwSignal::new(real_time_ms()),
            banner: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            toast: RwSignal::new(None),
            came_from: RwSignal::new(crate::store::session::came_from::load()),
            persistence: StoredValue::new_local(persistence),
            save_timer: StoredValue::new_local(None),
            toast_timer: StoredValue::new_local(None),
            toast_turn: StoredValue::new(false),
            saved_at: StoredValue::new(f64::MIN),
            behind_said: StoredValue::new(false),
        }
    }

    fn start_tick(self) {
        let interval = gloo_timers::callback::Interval::new(1_000, move || {
            if self.real_now.try_set(real_time_ms()).is_none() {
                self.say_clock_behind();
            }
        });
        // Owned by the app: cleared when it unmounts (browser tests mount one app after another).
        let _ = StoredValue::new_local(interval);
        // Save the session whenever one of its parts changes.
        effect(move |_| {
            Session {
                lang: self.lang.get(),
                account: self.account.get(),
                reviewer: self.reviewer.get(),
                clock_offset_ms: self.clock_offset_ms.get(),
            }
            .save();
        });
    }

    /// The workspace's "now" (real time + simulated offset, never before the latest recorded
    /// action: [`crate::domain::clock::not_before`]). Reactive: ticks every second.
    pub fn now(&self) -> Timestamp {
        self.not_before_latest(simulated(self.real_now.get(), self.clock_offset_ms.get()))
    }

    fn not_before_latest(&self, at: Timestamp) -> Timestamp {
        let latest = self
            .ws
            .try_with_untracked(Workspace::latest_event_at)
            .flatten();
        crate::domain::clock::not_before(at, latest)
    }

    /// Whether the computer's clock is behind the latest recorded action: the clock holds there
    /// (and does not move: an offset from the set-back time would put it ahead once the clock is
    /// right).
    pub fn clock_behind(&self) -> bool {
        let sim = simulated(real_time_ms(), self.clock_offset_ms.get_untracked());
        self.not_before_latest(sim) > sim
    }

    /// Says once when the computer's clock goes behind the latest recorded action (set back
    /// while the app is open): the clock holds there until real time catches up (QA: nothing
    /// said it).
    fn say_clock_behind(&self) {
        let behind = self.clock_behind();
        if behind && !self.behind_said.get_value() {
            let (zh, en) = crate::ui::components::format::datetime_zoned(self.now_untracked());
            self.say(
                &format!("本机时钟早于最近一次操作：模拟时钟停在 {zh}，直到真实时间赶上（不会早于已记录的操作）"),
                &format!("The computer's clock is behind the latest recorded action: the simulated clock stays at {en} until real time catches up (never behind what was recorded)"),
            );
        }
        self.behind_said.set_value(behind);
    }

    /// A plugin's name as a toast or sentence says it: isolated from the text around it
    /// ([`crate::domain::text::isolated`]), or its AppID if there is no such plugin. Untracked.
    pub fn plugin_name(&self, plugin: &crate::domain::AppId) -> String {
        let name = (self.ws).with_untracked(|ws| ws.plugin(plugin).map(|p| p.name.clone()));
        name.map_or_else(|| plugin.to_string(), |n| crate::domain::text::isolated(&n))
    }

    /// "now" without subscribing (for event handlers).
    pub fn now_untracked(&self) -> Timestamp {
        self.not_before_latest(simulated(
            real_time_ms(),
            self.clock_offset_ms.get_untracked(),
        ))
    }

    /// Runs a command as `actor`: the domain decides; on success the workspace is persisted.
    ///
    /// Compare-and-swap (see `crate::store`): if another tab wrote since this one last read,
    /// its state is loaded first (this tab's unsaved commands re-applied), then `cmd` runs on
    /// it; the write follows within [`SAVE_DELAY_MS`] (or on `pagehide`).
    pub fn dispatch(&self, actor: Actor, cmd: Command) -> Result<Event, DomainError> {
        // The shown clock catches up with the command's time (it ticks once a second): a new
        // application read "24h 01m" left against a clock up to a second behind (QA).
        let real = real_time_ms();
        self.real_now.try_set(real);
        let now = simulated(real, self.clock_offset_ms.get_untracked());
        // A late handler (a timer, a cleanup) after the app was unmounted: nothing runs and
        // nothing changes, rather than a panic that would stop the page (review).
        let gone = || (Err(DomainError::Unchanged), Vec::new());
        let Some(p) = self.persistence.try_get_value() else {
            return gone().0;
        };
        let reloads = p.reloads();
        let (result, notices) = self
            .ws
            .try_maybe_update(|ws| {
                let (r, n) = p.execute(ws, &actor, now, cmd);
                (r.is_ok() || p.reloads() != reloads, (r, n))
            })
            .unwrap_or_else(gone);
        self.after_sync(reloads, notices);
        if result.is_ok() {
            self.schedule_save();
        }
        result
    }

    /// Dry run: would `cmd` by `actor` be accepted now? (Used to enable buttons and explain why not.)
    /// Asked again at each clock tick and each change of the workspace.
    pub fn can(&self, actor: &Actor, cmd: &Command) -> Result<(), DomainError> {
        let now = self.now();
        self.ws.with(|ws| ws.can(actor, now, cmd))
    }

    /// [`Self::can`] asked again when the workspace changes, not at each clock tick (the
    /// developer's tables: their buttons keep focus); the time is read when asked.
    pub fn can_on_change(&self, actor: &Actor, cmd: &Command) -> Result<(), DomainError> {
        let now = self.now_untracked();
        self.ws.with(|ws| ws.can(actor, now, cmd))
    }

    /// Records notices; after a reload from another tab, keeps the acting account valid.
    fn after_sync(&self, reloads_before: u64, notices: Vec<Notice>) {
        let reloaded = self
            .persistence
            .try_with_value(|p| p.reloads() != reloads_before)
            .unwrap_or(false);
        if reloaded {
            // An account this tab created may have been redone under a new AppID (another tab
            // took the first): keep acting as it, not as the other tab's account.
            let redone = self.account.get_untracked().and_then(|a| {
                self.persistence
                    .try_with_value(|p| p.redone_as(&a))
                    .flatten()
            });
            if redone.is_some() {
                self.account.set(redone);
            }
            self.fix_selection();
            if self.keep_clock_after_actions() {
                self.say_clock_kept();
            }
        }
        self.push_notices(notices);
    }

    /// Simulated time never runs behind a recorded action, whoever recorded it (another tab
    /// ahead in simulated time, an import, a session saved by a tab at real time): the clock
    /// moves up to the latest action if it is behind: whether it did.
    fn keep_clock_after_actions(&self) -> bool {
        let least = self.offset_reaching(self.ws.with_untracked(Workspace::latest_event_at));
        if let Some(least) = least {
            self.clock_offset_ms.set(least);
        }
        least.is_some()
    }

    /// Says that the clock moved up to another tab's later action (QA: another tab's +24h moved
    /// this tab's clock a day on without a word).
    fn say_clock_kept(&self) {
        let (zh, en) = crate::ui::components::format::datetime_zoned(self.now_untracked());
        self.say(
            &format!("另一个标签页记录了更晚的操作：模拟时钟已前进到 {zh}，不会早于已记录的操作"),
            &format!("Another tab recorded a later action: the simulated clock moved on to {en}, never behind what was recorded"),
        );
    }

    /// The clock offset that brings the clock up to `latest`, if it is behind it (what an
    /// import does to the clock, and what its dialog says beforehand).
    pub fn offset_reaching(&self, latest: Option<Timestamp>) -> Option<i64> {
        let least = crate::domain::clock::real_time_offset(Timestamp(real_time_ms()), latest);
        (self.clock_offset_ms.get_untracked() < least).then_some(least)
    }

    fn push_notices(&self, notices: Vec<Notice>) {
        if notices.is_empty() {
            return;
        }
        // A command this tab reported done was dropped, or not stored: its toast no longer holds
        // (QA: "已拒绝" showed beside the banner saying it was not applied, 开发信息已保存 beside
        // the one saying storage is full).
        if notices
            .iter()
            .any(|n| matches!(n, Notice::Dropped(_) | Notice::SaveFailed(_)))
        {
            self.toast.try_set(None);
        }
        self.notices.try_update(|list| {
            for n in notices {
                if matches!(n, Notice::SaveFailed(_)) {
                    list.retain(|o| !matches!(o, Notice::SaveFailed(_)));
                }
                list.push(n);
            }
        });
    }

    fn fix_selection(&self) {
        let Some((account, reviewer)) = self.ws.try_with_untracked(|ws| {
            (
                self.account
                    .get_untracked()
                    .filter(|id| ws.account(id).is_some())
                    .or_else(|| ws.accounts().first().map(|a| a.app_id.clone())),
                self.reviewer
                    .get_untracked()
                    .filter(|id| ws.reviewers().iter().any(|r| &r.id == id))
                    .or_else(|| ws.reviewers().first().map(|r| r.id.clone())),
            )
        }) else {
            return;
        };
        if account != self.account.get_untracked() {
            self.account.set(account);
        }
        if reviewer != self.reviewer.get_untracked() {
            self.reviewer.set(reviewer);
        }
    }

    /// One flush per burst: after the current task for small workspaces, after
    /// [`SAVE_DELAY_MS`] for big (compressed) ones.
    fn schedule_save(&self) {
        let this = *self;
        let queued = self
            .save_timer
            .try_with_value(|t| t.is_some())
            .unwrap_or(true);
        if queued {
            return;
        }
        let big = self
            .persistence
            .try_with_value(|p| p.stored_len() > crate::store::codec::COMPRESS_ABOVE)
            .unwrap_or(false);
        let timer = if big {
            timeout(SAVE_DELAY_MS, move || this.flush_now())
        } else {
            // Queued on the executor right away; the handle only marks "a save is queued".
            leptos::task::spawn_local(async move { this.flush_now() });
            timeout(SAVE_DELAY_MS, move || this.flush_now())
        };
        self.save_timer.try_set_value(Some(timer));
    }

    /// Writes pending changes now (compare-and-swap); what the coalescing timer, `pagehide`,
    /// the hidden tab and the banner's retry button call. Also clears a resolved quota notice.
    pub fn flush_now(&self) {
        if let Some(Some(timer)) = self.save_timer.try_update_value(|t| t.take()) {
            timer.cancel();
        }
        let Some(p) = self.persistence.try_get_value() else {
            return;
        };
        let now = simulated(
            real_time_ms(),
            self.clock_offset_ms.try_get_untracked().unwrap_or(0),
        );
        let reloads = p.reloads();
        let Some(notices) = self.ws.try_maybe_update(|ws| {
            let n = p.flush(ws, now);
            (p.reloads() != reloads, n)
        }) else {
            return;
        };
        let failed = notices.iter().any(|n| matches!(n, Notice::SaveFailed(_)));
        if !failed && !p.needs_write() {
            self.notices
                .try_update(|list| list.retain(|n| !matches!(n, Notice::SaveFailed(_))));
        }
        self.after_sync(reloads, notices);
    }

    /// The banner's 重试保存: a real write, even with nothing pending, so the notice goes only
    /// once storage takes a write again.
    pub fn retry_save(&self) {
        if let Some(p) = self.persistence.try_get_value() {
            p.request_write();
        }
        self.flush_now();
    }

    /// Another tab wrote (a `storage` event): load its state, re-applying this tab's pending
    /// commands on it.
    pub fn sync_from_storage(&self) {
        let Some(p) = self.persistence.try_get_value() else {
            return;
        };
        let now = self.now_untracked();
        let (reloads, replacements) = (p.reloads(), p.replacements());
        let acting = self.acting_as();
        let Some(notices) = self.ws.try_maybe_update(|ws| {
            let n = p.sync(ws, now);
            (p.reloads() != reloads, n)
        }) else {
            return;
        };
        // Another tab's import, reset or 清空 (QA: an open dialog went and the page changed
        // without a word).
        let replaced = p.replacements() != replacements;
        if replaced {
            // What this tab kept of forms for the old workspace goes too, as in the tab that
            // replaced it (re-check QA: a reason came back over the new demo on reload); a
            // form open here keeps what it shows until it is left.
            crate::store::session::forget_drafts();
        }
        self.after_sync(reloads, notices);
        if replaced {
            // Said after the notices, whose dropped list clears an earlier toast (durability
            // QA: with changes dropped, the replacement went unsaid).
            self.say(
                "工作区已在另一个标签页中被替换（导入、重置或清空），本页显示的是替换后的数据。",
                "The workspace was replaced in another tab (imported, reset or emptied): this page shows what replaced it.",
            );
            self.say_acting_since(acting);
        }
        if p.needs_write() {
            self.schedule_save();
        } else {
            // Nothing of this tab's left to save (another tab saved the same, or replaced the
            // workspace and this tab's changes were dropped, said): storage being full no longer
            // keeps anything from being saved (durability QA: its banner stayed, false).
            self.notices
                .try_update(|list| list.retain(|n| !matches!(n, Notice::SaveFailed(_))));
        }
    }

    /// Replaces the whole workspace (import, reset to demo) and writes it at once, all or
    /// nothing. Refused, nothing replaced, while this tab holds back from writing (data it cannot
    /// read is stored, see the storage notice), and when the new workspace cannot be written (too
    /// big for the quota, storage unavailable): a workspace that lived only in this page would be
    /// lost on reload while the page looked saved.
    pub fn replace_workspace(&self, ws: Workspace) -> Result<(), ReplaceRefused> {
        let Some(p) = self.persistence.try_get_value() else {
            return Err(ReplaceRefused::Holding);
        };
        p.replace(&ws)?;
        // What this tab kept of forms for the old workspace goes with it (QA: after 恢复演示数据
        // a review card still held its reason, and refused 审核通过 for it), as in other tabs
        // (`sync_from_storage`).
        crate::store::session::forget_drafts();
        if let Some(Some(timer)) = self.save_timer.try_update_value(|t| t.take()) {
            timer.cancel();
        }
        self.ws.set(ws);
        self.keep_clock_after_actions();
        self.fix_selection();
        self.notices.update(|list| {
            list.retain(|n| !matches!(n, Notice::SaveFailed(_) | Notice::Dropped(_)))
        });
        Ok(())
    }

    /// Gives up raw data this tab could not quarantine (after offering its download).
    pub fn discard_held(&self) {
        let Some(p) = self.persistence.try_get_value() else {
            return;
        };
        let notices = self
            .ws
            .try_with_untracked(|ws| p.discard_held(ws))
            .unwrap_or_default();
        self.notices
            .update(|list| list.retain(|n| !matches!(n, Notice::Quarantined { key: None, .. })));
        self.push_notices(notices);
    }

    /// The persistence layer (sizes, revision) for the data page.
    pub fn persistence(&self) -> Rc<Persistence> {
        self.persistence.get_value()
    }

    /// Flush on `pagehide` / hidden tab; reload on another tab's `storage` event. Listeners are
    /// removed when the app unmounts.
    fn listen_to_page(self) {
        use wasm_bindgen::JsCast;
        let this = self;
        let storage = window_event_listener_untyped("storage", move |ev: web_sys::Event| {
            let key = ev.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
            if key.is_none_or(|k| k == WORKSPACE_KEY) {
                this.sync_from_storage();
            }
        });
        let flush_if_hidden = move |_ev: web_sys::Event| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if hidden {
                this.flush_now();
            }
        };
        let pagehide = window_event_listener_untyped("pagehide", move |_| {
            this.flush_now();
            // What this save set aside (or the banner still names) is said again by the next
            // load of this tab: the page is going (see `set_aside_unsaid`).
            this.notices.try_with_untracked(|list| {
                crate::store::session::set_aside_unsaid::keep(
                    &list
                        .iter()
                        .filter_map(|n| match n {
                            Notice::Quarantined {
                                key: Some(key),
                                at_start: false,
                                ..
                            } => Some(key.as_str()),
                            _ => None,
                        })
                        .collect::<Vec<_>>(),
                )
            });
        });
        // Leaving (reload, close, another site) while a change is not stored, after one last
        // try: the browser asks first (QA: a reload with storage full lost an approval without
        // a word). Listened to only while a save failed or this tab holds back from writing:
        // the listener keeps Firefox from keeping the page for Back (review).
        let ask = move |ev: web_sys::Event| {
            this.flush_now();
            if this
                .persistence
                .try_get_value()
                .is_some_and(|p| p.has_unsaved())
            {
                ev.prevent_default();
                // Browsers before the standard's preventDefault read returnValue.
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
            }
        };
        let unsaved = StoredValue::new_local(None::<WindowListenerHandle>);
        let stop_asking = move || {
            unsaved.try_update_value(|h| {
                if let Some(h) = h.take() {
                    h.remove();
                }
            });
        };
        effect(move |_| {
            let at_risk = this.notices.with(|list| {
                list.iter().any(|n| {
                    matches!(
                        n,
                        Notice::SaveFailed(_)
                            | Notice::WrittenElsewhere { .. }
                            | Notice::Quarantined { key: None, .. }
                    )
                })
            });
            let listening = unsaved.with_value(Option::is_some);
            if at_risk && !listening {
                unsaved.set_value(Some(window_event_listener_untyped("beforeunload", ask)));
            } else if !at_risk && listening {
                stop_asking();
            }
        });
        // `visibilitychange` is fired at the document and bubbles to the window.
        let visibility = window_event_listener_untyped("visibilitychange", flush_if_hidden);
        on_cleanup(move || {
            storage.remove();
            pagehide.remove();
            stop_asking();
            visibility.remove();
        });
    }

    /// Moves the simulated clock forward and applies what became due (已超时 applications):
    /// returns how far it moved (less than `ms` at the last date shown) and how many
    /// applications expired.
    pub fn advance_clock(&self, ms: i64) -> (i64, usize) {
        // Not past the last date shown (`clock::LATEST_SHOWN`).
        let most = crate::domain::clock::LATEST_SHOWN.0 - real_time_ms();
        let before = self.clock_offset_ms.get_untracked();
        self.clock_offset_ms
            .update(|o| *o = o.saturating_add(ms).min(most).max(*o));
        let moved = self.clock_offset_ms.get_untracked() - before;
        (moved, self.apply_due())
    }

    /// Whether an action was recorded later than real time: the clock cannot go back to real
    /// time, only to that action (the domain's [`crate::domain::clock::real_time_offset`]).
    pub fn clock_held(&self) -> bool {
        self.clock_floor().0 > 0
    }

    /// How far [`Self::reset_clock`] would move the clock back now, in ms.
    pub fn clock_rewind_ms(&self) -> i64 {
        let (floor, offset) = self.clock_floor();
        offset - floor
    }

    /// (the lowest offset the clock may have now, its offset).
    fn clock_floor(&self) -> (i64, i64) {
        let offset = self.clock_offset_ms.get();
        let real = Timestamp(self.now().0 - offset);
        let latest = self.ws.with(Workspace::latest_event_at);
        (crate::domain::clock::real_time_offset(real, latest), offset)
    }

    /// Back to real time — or, if actions were recorded at a later simulated time, to the latest
    /// of them (the domain's [`crate::domain::clock::real_time_offset`]): never backwards.
    pub fn reset_clock(&self) {
        let latest = self.ws.with_untracked(Workspace::latest_event_at);
        let offset = crate::domain::clock::real_time_offset(Timestamp(real_time_ms()), latest);
        self.clock_offset_ms.set(offset);
        self.apply_due();
    }

    /// Applies the expiries due now; returns how many applications expired.
    fn apply_due(&self) -> usize {
        let now = self.now_untracked();
        let Some(p) = self.persistence.try_get_value() else {
            return 0;
        };
        let reloads = p.reloads();
        let Some((expired, notices)) = self.ws.try_maybe_update(|ws| {
            let (expired, n) = p.expire(ws, now);
            (expired > 0 || p.reloads() != reloads, (expired, n))
        }) else {
            return 0;
        };
        self.after_sync(reloads, notices);
        if expired > 0 {
            self.schedule_save();
        }
        expired
    }

    /// Acts as another mini program account (value: its AppID).
    /// Said, as a changed page is (keyboard QA: a screen reader heard nothing of the switch).
    pub fn set_account(&self, app_id: String) {
        if let Ok(id) = AppId::parse(&app_id) {
            if self.account.with_untracked(|a| a.as_ref() != Some(&id)) {
                let name = self
                    .ws
                    .with_untracked(|ws| ws.account(&id).map(|a| a.name.clone()));
                self.account.set(Some(id));
                self.say_acting(name);
            }
        }
    }

    /// Who this tab acts as: AppID, name and 主体类型 (to tell, after the workspace is replaced,
    /// whether it is still the same account).
    pub fn acting_as(&self) -> Option<(AppId, String, crate::domain::SubjectType)> {
        let id = self.account.get_untracked()?;
        let a = self
            .ws
            .with_untracked(|ws| ws.account(&id).map(|a| (a.name.clone(), a.subject)))?;
        Some((id, a.0, a.1))
    }

    /// Says who this tab acts as if not who it was `before` the workspace was replaced (QA: an
    /// import holding the same AppID as another account made the tab act as that one unsaid).
    pub fn say_acting_since(&self, before: Option<(AppId, String, crate::domain::SubjectType)>) {
        let now = self.acting_as();
        if now != before {
            self.say_acting(now.map(|a| a.1));
        }
    }

    /// 现在以「name」的身份操作.
    fn say_acting(&self, name: Option<String>) {
        if let Some(who) = name {
            self.say(
                &format!("现在以「{who}」的身份操作"),
                &format!("Now acting as \"{who}\""),
            );
        }
    }

    /// Acts as another reviewer.
    pub fn set_reviewer(&self, id: String) {
        if self
            .reviewer
            .with_untracked(|r| r.as_deref() != Some(id.as_str()))
        {
            let name = self.ws.with_untracked(|ws| {
                let r = ws.reviewers().iter().find(|r| r.id == id);
                r.map(|r| r.name.clone())
            });
            self.reviewer.set(Some(id));
            self.say_acting(name);
        }
    }

    /// The current account acting as 小程序开发者 (consumer).
    pub fn consumer(&self) -> Option<Actor> {
        self.account.get().map(Actor::Consumer)
    }

    /// The current reviewer (微信小程序团队).
    pub fn reviewer_actor(&self) -> Option<Actor> {
        self.reviewer.get().map(Actor::Reviewer)
    }

    /// Shows a transient confirmation: 5 s, 2 s more a line after the first (up to 5 lines).
    /// Messages said in the same task show together, a line each (QA: of the review cards one
    /// save of another tab took away, only the last one's message showed), each once.
    pub fn notify(&self, message: String) {
        let turn = self.toast_turn;
        // Gone with the app (a card's cleanup as it unmounts): nothing to show it in.
        let (Some(earlier), Some(joined)) = (self.toast.try_get_untracked(), turn.try_get_value())
        else {
            return;
        };
        let again = !joined && earlier.as_deref() == Some(message.as_str());
        let message = match earlier {
            Some(earlier) if joined && earlier.lines().any(|l| l == message) => earlier,
            Some(earlier) if joined => format!("{earlier}\n{message}"),
            _ => message,
        };
        if !joined {
            turn.set_value(true);
            timeout(0, move || {
                turn.set_value(false);
            })
            .forget();
        }
        let shown_ms = 3_000 + 2_000 * message.lines().count().min(5) as u32;
        let toast = self.toast;
        let hide = move || timeout(shown_ms, move || toast.set(None));
        // The same words again (a second 复制, 保存): the region empties and fills again a moment
        // later (`said::GAP_MS`), or a screen reader hears nothing new (QA: silent the second
        // time; then emptied and filled in one frame). Unless another message came meanwhile.
        // (Forgotten: a timer dropped as it runs would free its own closure.)
        if again {
            let timers = self.toast_timer;
            toast.set(None);
            timers.try_set_value(None);
            let gap = crate::ui::components::said::GAP_MS;
            timeout(gap, move || {
                if toast.try_get_untracked() == Some(None) {
                    toast.set(Some(message));
                    timers.try_set_value(Some(hide()));
                }
            })
            .forget();
            return;
        }
        toast.set(Some(message));
        let timer = hide();
        // The previous toast's timer is dropped = cancelled: it never cuts this one short.
        self.toast_timer.try_set_value(Some(timer));
    }

    /// Shows a short message (toast) in the current language.
    pub fn say(&self, zh: &str, en: &str) {
        if let Some(lang) = self.lang.try_get_untracked() {
            self.notify(lang.pick(zh, en).to_owned());
        }
    }

    /// Runs a form's command. Accepted: clears the form's `errors` and returns the event.
    /// Refused: puts the domain's error in `errors` (the form shows it next to its field, or
    /// above its buttons) and returns `None`.
    pub fn submit(&self, actor: Actor, cmd: Command, errors: impl FormErrors) -> Option<Event> {
        match self.save(actor, cmd, errors) {
            Saved::Done(event) => Some(event),
            _ => None,
        }
    }

    /// [`AppState::submit`] for a form that edits saved data, which also learns when what it
    /// holds was saved already ([`Saved::AlreadySo`]).
    pub fn save(&self, actor: Actor, cmd: Command, errors: impl FormErrors) -> Saved {
        self.save_in(actor, cmd, &errors)
    }

    /// [`AppState::save`], compiled once for every kind of form.
    fn save_in(&self, actor: Actor, cmd: Command, errors: &dyn FormErrors) -> Saved {
        // Kept to say what else the form's fields break if refused.
        let asked = cmd.clone();
        match self.dispatch(actor, cmd) {
            Ok(event) => {
                errors.clear();
                self.saved_at.set_value(monotonic_ms());
                Saved::Done(event)
            }
            // A save that changes nothing is no refusal of the form (review: a red alert beside
            // working code): said in passing, the form as it is; not a second after a save (a
            // double click or Enter: "没有修改" took the place of the toast saying it was saved, QA).
            Err(e @ DomainError::Unchanged) => {
                errors.clear();
                if monotonic_ms() - self.saved_at.get_value() > 1_000.0 {
                    self.say(&e.zh(), &e.en());
                }
                Saved::AlreadySo
            }
            Err(e) => {
                // Only an error of a field moves focus there (a stale field error elsewhere in
                // the form must not draw it).
                let of_a_field = e.field().is_some();
                errors.show_all(self.ws.with_untracked(|ws| ws.form_refusals(&asked, e)));
                self.toast.set(None);
                if of_a_field {
                    self.refused();
                }
                Saved::Refused
            }
        }
    }

    /// A form was refused (by the domain, or by its own check of its fields before sending):
    /// an earlier success's toast goes, as it would contradict the refusal now shown (QA: 已保存
    /// next to the alias refused), and focus moves to the first refused field.
    pub fn refused(&self) {
        self.toast.set(None);
        focus_first_invalid();
    }

    /// Runs a button's command and says what happened: `done` when accepted, the domain's
    /// reason when refused.
    pub fn act(&self, actor: Actor, cmd: Command, done_zh: &str, done_en: &str) {
        match self.dispatch(actor, cmd) {
            Ok(_) => self.say(done_zh, done_en),
            Err(e) => self.say(&e.zh(), &e.en()),
        }
    }
}

/// What became of a form's command ([`AppState::save`]).
pub enum Saved {
    /// Accepted.
    Done(Event),
    /// What the form holds is what is saved already (没有修改, said in passing): its fields
    /// show what is saved and its drafts go (review: a draft that differed only in case stayed
    /// one).
    AlreadySo,
    /// Refused: the form shows why.
    Refused,
}

/// After a refusal: the refused form is the one holding focus (its submit button); once its
/// errors are shown, focus moves to its first invalid field, whose `aria-describedby` reads the
/// domain's message. Errors that concern no field stay in their `role=alert` line.
fn focus_first_invalid() {
    let form = document()
        .active_element()
        .and_then(|el| el.closest("form").ok().flatten());
    let Some(form) = form else { return };
    set_timeout(
        move || {
            // A control (a group marked with it, as the icon's fieldset, takes no focus).
            let first = form.query_selector(":is(input, textarea, select)[aria-invalid=true]");
            if let Ok(Some(el)) = first {
                // The message under the field comes into view too (QA: in the upload dialog it
                // sat under the sticky buttons).
                let said = el.get_attribute("aria-describedby").and_then(|ids| {
                    ids.split_whitespace()
                        .rev()
                        .find_map(|id| document().get_element_by_id(id))
                });
                // And its label: focus scrolls the control only to the window's edge, under the
                // sticky header (QA); a scroll into view keeps the page's `scroll-padding-top`.
                let field = el.closest(".field").ok().flatten();
                crate::ui::components::modal::focus_element(el);
                let nearest = web_sys::ScrollIntoViewOptions::new();
                nearest.set_block(web_sys::ScrollLogicalPosition::Nearest);
                for shown in [field, said].into_iter().flatten() {
                    shown.scroll_into_view_with_scroll_into_view_options(&nearest);
                }
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Where a form keeps the domain's refusal, for [`AppState::submit`]: developer forms hold a
/// list (`RwSignal<Vec<DomainError>>`), consumer and review forms at most one error
/// (`RwSignal<Option<DomainError>>`).
pub trait FormErrors {
    /// The command was accepted: nothing to show any more.
    fn clear(&self);
    /// The command was refused with `error`: show it (it replaces what was shown).
    fn show(&self, error: DomainError);
    /// The command was refused: `errors`, its refusal first, then what else the form's fields
    /// break ([`crate::domain::Workspace::form_refusals`]). A form that shows one error shows
    /// the first.
    fn show_all(&self, errors: Vec<DomainError>) {
        if let Some(e) = errors.into_iter().next() {
            self.show(e);
        }
    }
}

impl FormErrors for RwSignal<Vec<DomainError>> {
    fn clear(&self) {
        self.set(Vec::new());
    }
    fn show(&self, error: DomainError) {
        self.set(vec![error]);
    }
    fn show_all(&self, errors: Vec<DomainError>) {
        self.set(errors);
    }
}

impl FormErrors for RwSignal<Option<DomainError>> {
    fn clear(&self) {
        self.set(None);
    }
    fn show(&self, error: DomainError) {
        self.set(Some(error));
    }
}
