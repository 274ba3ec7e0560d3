//! The pure policy core: turns a person's choices into an IAM policy, console steps, a lifecycle rule and warnings.
//!
//! Everything here is plain Rust (JSON too: [`json`]): no web crate, no I/O, no clock, no randomness, and no
//! panics on any input. The flow is the ripgrep one: raw [`Options`] (what the page or the CLI holds)
//! are validated into a [`Spec`] (which exists only when every field is valid), and the [`Spec`] is rendered
//! into [`Outputs`]. [`derive`] does both steps and never fails: it returns [`Problem`]s instead.
//!
//! The source of truth is UpdraftPlus's FAQ "What permissions do I need on Amazon S3?" and its two example
//! policies; AWS facts are cited next to the code that implements them.
//!
//! ```
//! use s3_policy_playground::policy::{derive, Options, Preset};
//!
//! let derived = derive(&Options::from_preset(Preset::FaqSecure, "mybucket"));
//! assert!(derived.problems.is_empty());
//! let outputs = derived.outputs.unwrap();
//! assert!(outputs.policy_json.contains("arn:aws:s3:::mybucket/*"));
//! assert!(!outputs.policy_json.contains("s3:DeleteObject"));
//! ```
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod actions;
pub mod audit;
pub mod bucket;
pub mod bucket_policy;
mod derive;
pub mod eval;
pub mod exports;
pub mod iam;
pub mod json;
pub mod kms;
pub mod lifecycle;
pub mod names;
mod options;
pub mod partition;
pub mod prefix;
pub mod query;
pub mod spec;
mod steps;
pub mod threats;
mod warnings;

pub use derive::{
    derive, derive_with_spec, Derived, Field, Outputs, PolicySize, Problem, Severity, Step, Warning,
};
pub use options::{parse_count, NotACount, ObjectLockMode, Options, Preset};
pub use partition::Partition;
pub use spec::Spec;
