//! Golden files shared by the golden tests: `tests/golden/<case>/<file>`, compared with a line diff, rewritten
//! with `UPDATE_GOLDEN=1` (then review `git diff tests/golden` as a user would read it).

use std::path::PathBuf;

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
pub fn golden(case: &str, file: &str, actual: &str) -> Result<(), String> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", case, file]
        .iter()
        .collect();
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    })?;
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs (UPDATE_GOLDEN=1 rewrites it):\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

/// A small line diff: `-` expected, `+` actual, around the first difference.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let mut out = String::new();
    for line in e.iter().skip(first).take(8) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.iter().skip(first).take(8) {
        out.push_str(&format!("+ {line}\n"));
    }
    format!("first difference at line {}:\n{out}", first + 1)
}
