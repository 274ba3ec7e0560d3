//! S3 Backup Policy Playground: which AWS permissions a backup tool needs on an S3 bucket.
//!
//! [`policy`] is the pure core (options in; IAM policy, console steps, lifecycle rule and
//! warnings out) shared by the web page and the `s3-policy` CLI ([`cli`]). [`ui`] is the thin Yew page.

/// The `s3-policy` command line (native builds only: the page never carries it).
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod policy;
pub mod ui;
