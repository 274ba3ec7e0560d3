//! The libFuzzer targets' one entry: the same checks as the proptest targets and the regression
//! replay (`tests/support/fuzz_checks.rs`), on text libFuzzer grows towards new branches.

// `TARGETS` is for the proptest side, which checks it against this crate's targets.
#[allow(dead_code)]
#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

/// Runs `target`'s check on `data`; a broken invariant panics, which libFuzzer reports as a crash
/// and saves the input under `fuzz/artifacts/<target>/`. Input that is not UTF-8 never reaches
/// the core (everything it reads is a Rust `str`), so it is skipped.
pub fn check(target: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match checks::run(target, text) {
        Some(Ok(())) => {}
        Some(Err(why)) => panic!("{target} {text:?}: {why}"),
        None => panic!("no check named `{target}` in tests/support/fuzz_checks.rs"),
    }
}
