//! The page: thin Yew components over [`crate::policy`]; no IAM rules live here.
//!
//! One reducer at the root holds the user's choices ([`state::State`]); everything shown is
//! derived from them with `use_memo` on each change and never stored. Side effects (URL,
//! history, localStorage, clipboard, downloads) live in [`effects`], called from handlers and
//! `use_effect_with` only.

mod app;
mod audit_view;
mod code_view;
mod copy_bar;
pub mod effects;
mod exports_view;
mod fields;
pub mod highlight;
mod notices;
mod options_form;
pub mod phases;
pub mod start;
pub mod state;
mod steps_view;
mod threat_view;
mod warnings_view;

pub use app::App;
