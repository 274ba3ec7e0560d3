//! Data-driven tests of the IAM evaluator: every `tests/data/eval/*.toml` case through one `check()`.
//!
//! Each case is a request, the policies, and the outcome AWS's documentation gives; each has a `# See:` link.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/case_table.rs"]
mod case_table;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use s3_policy_playground::policy::eval::{evaluate, Context, PolicyDocument, Request};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    policies: Vec<String>,
    bucket_policy: Option<String>,
    action: String,
    resource: String,
    #[serde(default)]
    context: BTreeMap<String, Vec<String>>,
    expect: String,
    #[serde(default)]
    uncertain: bool,
    #[serde(default)]
    reasons: Vec<String>,
}

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Runs one case; returns a description of every mismatch.
fn check(case: &Case) -> Vec<String> {
    let mut errors = Vec::new();
    let parse = |text: &str| PolicyDocument::parse(text).map_err(|e| e.to_string());
    let policies: Result<Vec<_>, _> = case.policies.iter().map(|p| parse(p)).collect();
    let bucket = case.bucket_policy.as_deref().map(parse).transpose();
    let (policies, bucket) = match (policies, bucket) {
        (Ok(p), Ok(b)) => (p, b),
        (Err(e), _) | (_, Err(e)) => return vec![format!("policy does not parse: {e}")],
    };
    let mut context = Context::default();
    for (k, v) in &case.context {
        context.insert(k, v.clone());
    }
    let request = Request::new(&case.action, &case.resource).with_context(context);
    let decision = evaluate(&request, &policies, bucket.as_ref());
    let explained: Vec<String> = decision.reasons.iter().map(|r| r.explain()).collect();
    if decision.effect.id() != case.expect {
        errors.push(format!(
            "expected {}, got {} ({})",
            case.expect,
            decision.effect.id(),
            decision.summary()
        ));
    }
    if decision.uncertain() != case.uncertain {
        errors.push(format!(
            "expected uncertain = {}, got {}",
            case.uncertain,
            decision.uncertain()
        ));
    }
    for want in &case.reasons {
        if !explained.iter().any(|e| e.contains(want.as_str())) {
            errors.push(format!("no reason contains {want:?}"));
        }
    }
    if !errors.is_empty() {
        errors.push(format!("reasons:\n    {}", explained.join("\n    ")));
    }
    errors
}

#[test]
fn eval_cases() {
    // Each case named with its file, so a failure says where to look.
    let mut cases: Vec<(String, Case)> = Vec::new();
    for path in case_files() {
        let file = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for case in case_table::read_cases::<Case>(&path) {
            cases.push((format!("{file} / {}", case.name), case));
        }
    }
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    case_table::assert_every_case_passes(
        "evaluator cases",
        &cases,
        |(name, _)| name.as_str(),
        |(_, case)| check(case),
    );
}
