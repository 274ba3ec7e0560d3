//! Golden files of the stolen-key threat table, one per preset (`tests/golden/threats/<preset>.txt`).
//!
//! Review every diff; `UPDATE_GOLDEN=1 cargo test --test threats_golden` rewrites the files.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use s3_policy_playground::policy::eval::PolicyDocument;
use s3_policy_playground::policy::threats::{threats_with_bucket_policy, to_text, ThreatContext};
use s3_policy_playground::policy::{derive, Options, Preset, Spec};

fn table(options: &Options) -> String {
    let derived = derive(options);
    assert!(derived.problems.is_empty(), "{:?}", derived.problems);
    let outputs = derived.outputs.unwrap();
    let ctx = ThreatContext::from_spec(&Spec::from_options(options).unwrap());
    let policy = PolicyDocument::parse(&outputs.policy_json).unwrap();
    let bucket_policy = outputs
        .bucket_policy_json
        .as_deref()
        .map(|b| PolicyDocument::parse(b).unwrap());
    let rows = threats_with_bucket_policy(&policy, bucket_policy.as_ref(), &ctx);
    to_text(&rows, &ctx)
}

fn check_golden(name: &str, actual: &str) -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/threats/{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{} differs (run with UPDATE_GOLDEN=1 and review the diff):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )
    })
}

#[test]
fn threat_tables_match_golden_files() {
    let mut cases: Vec<(String, Options)> = Preset::ALL
        .iter()
        .map(|p| (p.id().to_owned(), Options::from_preset(*p, "mybucket")))
        .collect();
    // One table with a prefix, to show the rows about files outside it.
    cases.push((
        "hardened-prefix".to_owned(),
        Options::from_preset(Preset::Hardened, "mybucket/site1"),
    ));
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, o)| check_golden(name, &table(o)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
