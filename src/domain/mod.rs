//! Domain core: every product rule of SPEC.md as pure Rust. Commands → events → state
//! (event sourcing), typed bilingual errors, no web-sys, no system clock, no randomness.

pub mod account;
pub mod actions;
pub mod app_json;
pub mod application;
pub mod category;
pub mod clock;
pub mod commands;
pub mod demo;
pub mod errors;
pub mod events;
pub mod flow;
pub mod ids;
pub mod json;
pub mod manifest;
pub mod plugin;
pub mod review;
pub mod search;
pub mod text;
pub mod version;
pub mod workspace;

pub use account::{
    account_form_problems, check_new_category, development_blocked, hidden_in_category,
    validate_account, validate_account_categories, validate_account_name, validate_categories,
    validate_category, Account, Category, Reviewer, SubjectType, ACCOUNT_NAME_CHARS,
    CATEGORY_LEVEL_CHARS, REVIEWER_CHARS,
};
pub use app_json::{AppJsonCheck, AppJsonFill, LeftOut};
pub use application::{
    validate_alias, validate_reason, ApplicationId, ApplicationStatus, PluginUse, Standing,
    UseApplication, ALIAS_CHARS, MAX_APPLY_REASON_CHARS, MAX_PLUGINS_PER_CONSUMER,
    MAX_REJECT_REASON_CHARS,
};
pub use category::{
    check_plugin_category, gloss, glossed, has_plugin_category, open_row, CategoryOption,
    OpenCategory, Secondaries, MEDICAL_PRIMARY, OPEN_CATEGORIES,
};
pub use clock::{Timestamp, APPLICATION_WINDOW_HOURS, APPLICATION_WINDOW_MS, DAY_MS, HOUR_MS};
pub use commands::{Command, Subject};
pub use demo::{demo_workspace, empty_workspace, scale_workspace, DEMO_REVIEWERS, SCALE_BASE_TIME};
pub use errors::{DomainError, Field, Problem, TextField, VersionAction, PATH_SHOWN_CHARS};
pub use events::{Actor, Event, EventKind, Role};
pub use flow::NextStep;
pub use ids::{splitmix64, AppId, SplitMix64};
pub use manifest::{parse_plugin_json, PluginManifest};
pub use plugin::{
    BuiltinIcon, DevInfo, DomainFault, DomainList, Icon, Plugin, BUILTIN_ICONS, MAX_DOMAINS,
    MAX_ICON_BYTES, MAX_INTRO_CHARS, PLUGIN_NAME_CHARS, TOKEN_CHARS,
};
pub use review::{
    ReviewOutcome, ReviewRecord, ReviewSubmission, FEATURE_DESCRIPTION_CHARS, MAX_TAGS,
    MAX_TAG_CHARS,
};
pub use search::{SearchHit, SearchRank, SearchResults, APP_ID_PREFIX_MIN};
pub use version::{
    PluginVersion, Semver, VersionStatus, MAX_VERSION_DESCRIPTION_CHARS, MAX_VERSION_PART,
};
pub use workspace::{OfflineImpact, OfflineWarning, ReviewItem, Workspace, SCHEMA_VERSION};
