//! libFuzzer target `cli`: the command line's arguments, split at NUL, UTF-8 or not; see
//! `tests/support/fuzz_checks.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| s3_policy_playground_fuzz::check("cli", data));
