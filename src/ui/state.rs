//! App-wide state, provided as context: the workspace signal, who is acting, the language and the
//! simulated clock. Every change to the workspace goes through [`AppState::dispatch`], which asks the
//! domain and persists the result.
use crate::domain::{Actor, AppId, Command, DomainError, Event, Timestamp, Workspace};
use crate::store::session::Session;
use crate::store::Persistence;
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
    /// The area of a pathname, if any.
    pub fn from_path(path: &str) -> Option<Area> {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "dev" => Some(Area::Developer),
            "review" => Some(Area::Review),
            "consumer" => Some(Area::Consumer),
            _ => None,
        }
    }
    /// The role's name as the platform says it.
    pub fn role_label(self, lang: Lang) -> &'static str {
        match self {
            Area::Developer => lang.pick("插件开发者", "Plugin developer"),
            Area::Review => lang.pick("微信小程序团队", "Platform reviewer"),
            Area::Consumer => lang.pick("小程序开发者", "Consumer"),
        }
    }
}

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
    /// A persistence message shown under the header (quarantine, quota, conflict).
    pub banner: RwSignal<Option<String>>,
    /// A short transient confirmation.
    pub toast: RwSignal<Option<String>>,
    persistence: StoredValue<Rc<Persistence>, LocalStorage>,
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

fn real_time_ms() -> i64 {
    js_sys::Date::now() as i64
}

impl AppState {
    /// Loads the workspace (or the demo on first run) and the session, starts the 1 s clock tick.
    pub fn init() -> Self {
        let persistence = Rc::new(Persistence::browser());
        let loaded = persistence.load_or_demo(Timestamp(real_time_ms()));
        let session = Session::load();
        let state = Self::from_parts(loaded.workspace, session, persistence);
        state.banner.set(loaded.banner);
        state.start_tick();
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
            toast: RwSignal::new(None),
            persistence: StoredValue::new_local(persistence),
        }
    }

    fn start_tick(self) {
        let interval = gloo_timers::callback::Interval::new(1_000, move || {
            self.real_now.set(real_time_ms());
        });
        interval.forget();
        // Save the session whenever one of its parts changes.
        Effect::new(move |_| {
            Session {
                lang: self.lang.get(),
                account: self.account.get(),
                reviewer: self.reviewer.get(),
                clock_offset_ms: self.clock_offset_ms.get(),
            }
            .save();
        });
    }

    /// The workspace's "now" (real time + simulated offset). Reactive: ticks every second.
    pub fn now(&self) -> Timestamp {
        Timestamp(self.real_now.get() + self.clock_offset_ms.get())
    }

    /// "now" without subscribing (for event handlers).
    pub fn now_untracked(&self) -> Timestamp {
        Timestamp(real_time_ms() + self.clock_offset_ms.get_untracked())
    }

    /// Runs a command as `actor`: the domain decides; on success the workspace is persisted.
    pub fn dispatch(&self, actor: Actor, cmd: Command) -> Result<Event, DomainError> {
        let now = self.now_untracked();
        let result = self
            .ws
            .try_maybe_update(|ws| {
                let r = ws.execute(&actor, now, cmd.clone());
                (r.is_ok(), r)
            })
            .expect("workspace signal alive");
        if result.is_ok() {
            self.persist();
        }
        result
    }

    /// Dry run: would `cmd` by `actor` be accepted now? (Used to enable buttons and explain why not.)
    pub fn can(&self, actor: &Actor, cmd: &Command) -> Result<(), DomainError> {
        let now = self.now();
        self.ws.with(|ws| ws.can(actor, now, cmd))
    }

    fn persist(&self) {
        let message = self
            .persistence
            .with_value(|p| self.ws.with_untracked(|ws| p.save(ws)).err());
        if let Some(m) = message {
            self.banner.set(Some(m));
        }
    }

    /// Moves the simulated clock forward and applies what became due (e.g. 已超时 applications).
    pub fn advance_clock(&self, ms: i64) {
        self.clock_offset_ms.update(|o| *o += ms);
        self.apply_due();
    }

    /// Back to real time.
    pub fn reset_clock(&self) {
        self.clock_offset_ms.set(0);
        self.apply_due();
    }

    fn apply_due(&self) {
        let now = self.now_untracked();
        let changed = self
            .ws
            .try_maybe_update(|ws| {
                let events = ws.expire_due(now);
                (!events.is_empty(), !events.is_empty())
            })
            .unwrap_or(false);
        if changed {
            self.persist();
        }
    }

    /// Acts as another mini program account (value: its AppID).
    pub fn set_account(&self, app_id: String) {
        if let Ok(id) = AppId::parse(&app_id) {
            self.account.set(Some(id));
        }
    }

    /// Acts as another reviewer.
    pub fn set_reviewer(&self, id: String) {
        self.reviewer.set(Some(id));
    }

    /// The current account acting as 插件开发者.
    pub fn developer(&self) -> Option<Actor> {
        self.account.get().map(Actor::Developer)
    }

    /// The current account acting as 小程序开发者 (consumer).
    pub fn consumer(&self) -> Option<Actor> {
        self.account.get().map(Actor::Consumer)
    }

    /// The current reviewer (微信小程序团队).
    pub fn reviewer_actor(&self) -> Option<Actor> {
        self.reviewer.get().map(Actor::Reviewer)
    }

    /// Shows a transient confirmation for 3 s.
    pub fn notify(&self, message: String) {
        self.toast.set(Some(message));
        let toast = self.toast;
        gloo_timers::callback::Timeout::new(3_000, move || toast.set(None)).forget();
    }
}
