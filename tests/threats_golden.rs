//! Golden files of the stolen-key threat table, one per preset (`tests/golden/threats/<preset>.txt`).
//!
//! Review every diff; `UPDATE_GOLDEN=1 cargo test --test threats_golden` rewrites the files.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/golden.rs"]
mod golden;

use s3_policy_playground::policy::threats::{for_outputs, to_text};
use s3_policy_playground::policy::{derive, Options, Preset, Spec};

/// The table the page and `s3-policy --format threats` show for `options`, as text.
fn table(options: &Options) -> String {
    let derived = derive(options);
    assert!(derived.problems.is_empty(), "{:?}", derived.problems);
    let outputs = derived.outputs.unwrap();
    let table = for_outputs(&Spec::from_options(options).unwrap(), &outputs).unwrap();
    to_text(&table.rows, &table.context)
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
        .filter_map(|(name, o)| golden::golden("threats", &format!("{name}.txt"), &table(o)).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
