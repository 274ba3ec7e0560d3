//! libFuzzer target `query`: see `tests/support/fuzz_checks.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| s3_policy_playground_fuzz::check("query", data));
