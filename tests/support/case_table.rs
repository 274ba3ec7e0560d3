//! What every TOML case table (`tests/data/**/cases.toml`) is held to, whatever its cases check.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;

/// A case table's file: its `[[case]]`s and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table<C> {
    case: Vec<C>,
}

/// Reads the cases of the table at `path`, after checking that every one cites its source.
pub fn read_cases<C: DeserializeOwned>(path: &Path) -> Vec<C> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_every_case_cites_a_source(path, &text);
    let table: Table<C> =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    table.case
}

/// Every `[[case]]` in a table's text follows a comment block, after the case before it, with a
/// `# See: https://` link to the documentation its expectation comes from.
fn assert_every_case_cites_a_source(path: &Path, text: &str) {
    let mut chunks = text.split("[[case]]");
    let mut before = chunks.next().unwrap_or_default();
    for (i, case) in chunks.enumerate() {
        let comments = before.rsplit("\n\n").next().unwrap_or_default();
        assert!(
            comments.contains("# See: https://"),
            "{}: case {} has no `# See:` link before it ({})",
            path.display(),
            i + 1,
            case.lines().nth(1).unwrap_or_default()
        );
        before = case;
    }
}

/// Runs `check` on every case and fails once, listing each failing case by `name` with its errors.
pub fn assert_every_case_passes<C>(
    what: &str,
    cases: &[C],
    name: impl Fn(&C) -> &str,
    check: impl Fn(&C) -> Vec<String>,
) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let errors = check(c);
            (!errors.is_empty()).then(|| format!("{}:\n  {}", name(c), errors.join("\n  ")))
        })
        .collect();
    println!("{} {what}", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
