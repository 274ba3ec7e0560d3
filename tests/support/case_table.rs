//! What every TOML case table (`tests/data/**/cases.toml`) is held to, whatever its cases check.

/// Every `[[case]]` in a table's text follows a comment block with a `# See: https://` link to
/// the documentation its expectation comes from.
pub fn assert_every_case_cites_a_source(text: &str) {
    for (i, _) in text.match_indices("[[case]]") {
        let before = text.get(..i).unwrap_or_default();
        let comments = before.rsplit("\n\n").next().unwrap_or_default();
        assert!(
            comments.contains("# See: https://"),
            "a case before byte {i} has no `# See:` link"
        );
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
