//! The libFuzzer targets' one entry: the same checks as the proptest targets and the regression
//! replay (`tests/support/fuzz_checks.rs`), on text libFuzzer grows towards new branches.

// `TARGETS` is for the proptest side, which checks it against this crate's targets.
#[allow(dead_code)]
#[path = "../../tests/support/fuzz_checks.rs"]
mod checks;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

/// Runs `target`'s check on `data`; a broken invariant panics, which libFuzzer reports as a crash
/// and saves the input under `fuzz/artifacts/<target>/`. For `cli`, `data` is the arguments split
/// at NUL, as the operating system passes them: bytes, not necessarily UTF-8. For the others,
/// input that is not UTF-8 never reaches the core (everything it reads is a Rust `str`), so it is
/// skipped.
pub fn check(target: &str, data: &[u8]) {
    let verdict = if target == "cli" {
        checks::cli(&arguments(data))
    } else {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        checks::run(target, text)
            .unwrap_or_else(|| panic!("no check named `{target}` in tests/support/fuzz_checks.rs"))
    };
    if let Err(why) = verdict {
        panic!("{target} {:?}: {why}", String::from_utf8_lossy(data));
    }
}

/// `data` split at NUL into command-line arguments (none for empty input).
fn arguments(data: &[u8]) -> Vec<OsString> {
    if data.is_empty() {
        return Vec::new();
    }
    data.split(|b| *b == 0)
        .map(|arg| OsString::from_vec(arg.to_vec()))
        .collect()
}
