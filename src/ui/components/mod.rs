//! Shared components: clock control, status badges, field errors, formatting.
pub mod clock;
pub mod format;
pub mod layout;
pub mod modal;
pub mod storage;
