//! Data-driven tests of the core's JSON parser: every case in `tests/data/json/cases.toml` through one
//! `check()`, each also checked against serde_json (same accept or reject).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/case_table.rs"]
mod case_table;

use s3_policy_playground::policy::json::{parse, ErrorKind};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: Option<String>,
    nest: Option<usize>,
    compact: Option<String>,
    kind: Option<String>,
    error: Option<String>,
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Eof => "eof",
        ErrorKind::Syntax => "syntax",
        ErrorKind::Depth => "depth",
    }
}

/// Runs one case; returns every mismatch.
fn check(case: &Case) -> Vec<String> {
    let input = match (&case.input, case.nest) {
        (Some(text), None) => text.clone(),
        (None, Some(n)) => format!("{}{}", "[".repeat(n), "]".repeat(n)),
        _ => return vec!["give exactly one of `input` and `nest`".to_owned()],
    };
    let mut errors = Vec::new();
    let serde_ok = serde_json::from_str::<serde_json::Value>(&input).is_ok();
    match (parse(&input), &case.error) {
        (Ok(value), None) => {
            let want = case.compact.as_deref().unwrap_or(&input);
            let compact = value.to_string();
            if compact != want {
                errors.push(format!("compact {compact:?}, expected {want:?}"));
            }
            if parse(&value.to_pretty()).as_ref() != Ok(&value) {
                errors.push(format!(
                    "its pretty form does not parse back: {}",
                    value.to_pretty()
                ));
            }
            if case.nest.is_none() && !serde_ok {
                errors.push("serde_json refuses it".to_owned());
            }
        }
        (Ok(value), Some(want)) => errors.push(format!("parsed as {value}, expected {want:?}")),
        (Err(e), None) => errors.push(format!("error {e}, expected a value")),
        (Err(e), Some(want)) => {
            if e.to_string() != *want {
                errors.push(format!("error\n    {e}\n  expected\n    {want}"));
            }
            if case.kind.as_deref() != Some(kind_name(e.kind)) {
                errors.push(format!(
                    "kind {:?}, expected {:?}",
                    kind_name(e.kind),
                    case.kind
                ));
            }
            if case.nest.is_none() && serde_ok {
                errors.push("serde_json accepts it".to_owned());
            }
        }
    }
    errors
}

#[test]
fn json_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/json/cases.toml");
    let cases: Vec<Case> = case_table::read_cases(std::path::Path::new(path));
    case_table::assert_every_case_passes("JSON cases", &cases, |c| c.name.as_str(), check);
}
