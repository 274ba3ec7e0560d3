//! Fuzzes the `s3-policy` command line: arbitrary argument vectors in, exit code 0 or 2 out, never a panic.
//!
//! The CLI's parser is private to its binary, so each input runs the real binary: this target runs
//! `S3PP_FUZZ_CASES / 10` inputs (at least 200), a few milliseconds each. It prints
//! `FUZZ target=cli inputs=<n>` for `cargo xtask fuzz`, and replays the `cli` lines of
//! `tests/data/fuzz/regressions.txt`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::Cell;
use std::process::Command;

fn cases() -> u32 {
    let all: u32 = std::env::var("S3PP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(2_000);
    (all / 10).max(200)
}

/// Runs the CLI; fails unless it exits with 0 or 2 and says nothing about a panic.
fn run_cli(args: &[String]) -> Result<(), TestCaseError> {
    let output = Command::new(env!("CARGO_BIN_EXE_s3-policy"))
        .args(args)
        .output()
        .map_err(|e| TestCaseError::fail(format!("cannot start s3-policy: {e}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    prop_assert!(
        matches!(output.status.code(), Some(0 | 2)),
        "{args:?} exited with {}: {stderr}",
        output.status
    );
    prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    if output.status.code() == Some(2) {
        // Every failure says why, in the `error: ` form the help promises.
        prop_assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
    Ok(())
}

const FLAGS: [&str; 20] = [
    "--bucket",
    "--prefix",
    "--preset",
    "--versioning",
    "--no-versioning",
    "--allow-delete",
    "--no-delete",
    "--acl",
    "--no-acl",
    "--create-bucket",
    "--no-create-bucket",
    "--lifecycle-days",
    "--keep-versions",
    "--expire-days",
    "--abort-multipart-days",
    "--user",
    "--policy-name",
    "--format",
    "--json",
    "-h",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            "0",
            "1",
            "30",
            "-1",
            "4294967295",
            "4294967296",
            "1e3",
            "policy",
            "steps",
            "lifecycle",
            "warnings",
            "json",
            "faq-standard",
            "faq-secure",
            "hardened",
            "site-backups",
            "site-backups/backups/site1",
            "My_Bucket",
            "-",
            "--",
            "=",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9.\\-/]{0,20}",
        "[^\u{0}]{0,12}",
    ]
}

fn argument() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(FLAGS.to_vec()).prop_map(str::to_owned),
        2 => (select(FLAGS.to_vec()), value()).prop_map(|(f, v)| format!("{f}={v}")),
        3 => value(),
        1 => "--?[a-z\\-]{0,12}",
    ]
}

#[test]
fn fuzz_cli() {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let inputs = Cell::new(0_u64);
    let result = TestRunner::new(config).run(&prop::collection::vec(argument(), 0..10), |args| {
        inputs.set(inputs.get() + 1);
        run_cli(&args)
    });
    println!("FUZZ target=cli inputs={}", inputs.get());
    if let Err(error) = result {
        panic!("fuzz target `cli` failed: {error}");
    }
}

#[test]
fn cli_regressions_stay_fixed() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz/regressions.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut replayed = 0;
    for line in text.lines() {
        let Some(input) = line.strip_prefix("cli ") else {
            continue;
        };
        let input: String = serde_json::from_str(input).unwrap();
        let args: Vec<String> = serde_json::from_str(&input).unwrap();
        run_cli(&args).unwrap();
        replayed += 1;
    }
    assert!(replayed > 0, "regressions.txt holds no cli input");
}
