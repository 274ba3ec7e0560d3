//! `s3-policy`: the policy core on the command line, for scripts and docs builds.
//!
//! Everything it does is `s3_policy_playground::cli::run`; this only hands it the arguments and
//! writes out what it returns.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::Write;
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8; `run` says what to do.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let run = s3_policy_playground::cli::run(&args);
    // A closed pipe (`s3-policy ... | head`) is not worth a panic.
    let _ = std::io::stderr().lock().write_all(run.stderr.as_bytes());
    let _ = std::io::stdout().lock().write_all(run.stdout.as_bytes());
    std::process::ExitCode::from(run.code)
}

/// A command line has no place in the page; `cargo xtask test` builds every binary for wasm32 too.
#[cfg(target_arch = "wasm32")]
fn main() {}
