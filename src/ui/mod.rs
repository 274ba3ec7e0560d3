//! The page: thin Yew components over [`crate::policy`]; no IAM rules live here.
//!
//! One reducer at the root holds the user's choices ([`state::State`]); everything shown is
//! derived from them with `use_memo` on each change and never stored.

mod app;
mod lifecycle_view;
mod options_form;
mod policy_view;
pub mod state;
mod steps_view;
mod warnings_view;

pub use app::App;
