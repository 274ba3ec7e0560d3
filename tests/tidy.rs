//! Tidy checks that run as ordinary tests: the policy core names no web crate, and every `.rs` file says
//! what it is for in a leading `//!` line.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const WEB_CRATES: [&str; 5] = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n == "node_modules")
            {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `line` uses `krate` as a crate path (`use yew`, `yew::`, `::yew`, `extern crate yew`).
fn names_crate(line: &str, krate: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find(krate) {
        let start = from + at;
        let end = start + krate.len();
        let before_ok =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        let after = &code[end..];
        let after_ok = after.starts_with("::")
            || after.starts_with(';')
            || after.starts_with(" as ")
            || after.starts_with(',');
        let used = code.trim_start().starts_with("use ")
            || code.contains("extern crate")
            || after.starts_with("::");
        if before_ok && after_ok && used {
            return true;
        }
        from = end;
    }
    false
}

/// What `offences` finds in each line of `src/policy`'s Rust files, as `file:line: offence`.
fn offending_policy_lines(offences: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src/policy"), &mut files);
    assert!(
        files.len() >= 5,
        "src/policy has only {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for offence in offences(line) {
                failures.push(format!("{}:{}: {offence}", file.display(), n + 1));
            }
        }
    }
    failures
}

#[test]
fn policy_names_no_web_crate() {
    let failures = offending_policy_lines(|line| {
        WEB_CRATES
            .iter()
            .filter(|krate| names_crate(line, krate))
            .map(|krate| format!("names `{krate}`: {}", line.trim()))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "src/policy must stay pure:\n{}",
        failures.join("\n")
    );
}

/// The crates in `[dependencies]`, with `-` written `_` as in code.
fn dependencies() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&text).unwrap();
    manifest["dependencies"]
        .as_table()
        .unwrap()
        .keys()
        .map(|k| k.replace('-', "_"))
        .collect()
}

#[test]
fn policy_uses_no_dependency_but_serde() {
    let forbidden: Vec<String> = dependencies()
        .into_iter()
        .filter(|d| d != "serde" && d != "serde_json")
        .collect();
    assert!(
        forbidden.iter().any(|d| d == "yew"),
        "the UI's crates should be listed: {forbidden:?}"
    );
    let failures = offending_policy_lines(|line| {
        forbidden
            .iter()
            .filter(|krate| names_crate(line, krate))
            .map(|krate| format!("names `{krate}`"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "src/policy may use only serde and serde_json:\n{}",
        failures.join("\n")
    );
}

/// The page's wasm carries no serde machinery: the core writes and parses JSON with `policy::json`, and
/// derives `serde::Serialize` only off wasm32 (for tests and Rust callers).
#[test]
fn policy_keeps_serde_out_of_wasm() {
    let failures = offending_policy_lines(|line| {
        let code = line.split("//").next().unwrap_or("");
        let native_only = code
            .trim_start()
            .starts_with("#[cfg_attr(not(target_arch = \"wasm32\"), ");
        let offends = names_crate(line, "serde_json")
            || (code.contains("serde") && !native_only && !code.contains("serde_json"));
        offends
            .then(|| line.trim().to_string())
            .into_iter()
            .collect()
    });
    assert!(
        failures.is_empty(),
        "src/policy uses serde only as `#[cfg_attr(not(target_arch = \"wasm32\"), ...)]`, and serde_json not at all (use `policy::json`):\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_checker_catches_web_crates() {
    assert!(names_crate("use yew::prelude::*;", "yew"));
    assert!(names_crate("    let w = web_sys::window();", "web_sys"));
    assert!(names_crate("use gloo;", "gloo"));
    assert!(!names_crate("//! no yew here", "yew"));
    assert!(!names_crate("let yewtree = 1;", "yew"));
    assert!(!names_crate("use crate::policy::my_yew::x;", "yew"));
}

#[test]
fn every_rust_file_starts_with_a_doc_line() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "xtask/src", "fuzz/src", "fuzz/fuzz_targets"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(!files.is_empty());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "these files lack a leading `//!` line saying what they are for:\n{}",
        missing.join("\n")
    );
}

/// Every integration test says which side it runs on: `cargo xtask test` builds `tests/` for the
/// host and for wasm32, and a native-only dev-dependency (toml, tokio) must not reach wasm32.
#[test]
fn every_test_target_is_gated_to_one_side() {
    let mut ungated = Vec::new();
    let mut targets: Vec<PathBuf> = std::fs::read_dir(root().join("tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    targets.push(root().join("tests/e2e/main.rs"));
    for file in targets {
        let text = std::fs::read_to_string(&file).unwrap();
        let gated = text.lines().any(|l| {
            l.trim() == "#![cfg(not(target_arch = \"wasm32\"))]"
                || l.trim() == "#![cfg(target_arch = \"wasm32\")]"
        });
        if !gated {
            ungated.push(file.strip_prefix(root()).unwrap().display().to_string());
        }
    }
    assert!(
        ungated.is_empty(),
        "add `#![cfg(not(target_arch = \"wasm32\"))]` (or the wasm32 one) to:\n{}",
        ungated.join("\n")
    );
}

/// The components whose function does not open a `phases` span, as `file: component`.
fn components_without_a_span(files: &[(String, String)]) -> Vec<String> {
    let mut missing = Vec::new();
    for (name, text) in files {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.trim_start().starts_with("#[function_component(") {
                continue;
            }
            // The attribute, the `fn` signature (one line or more, up to the `{`), then the span
            // bound to a name as the body's first statement: `let _ = span(..)` would drop it at
            // once and time nothing.
            let body = lines
                .iter()
                .skip(i + 1)
                .position(|l| l.trim_end().ends_with('{'))
                .map(|n| i + 1 + n + 1);
            let opens = body.and_then(|b| lines.get(b)).is_some_and(|l| {
                l.trim_start()
                    .starts_with("let _span = super::phases::span(super::phases::Phase::Views);")
            });
            if !opens {
                missing.push(format!("{name}: {}", line.trim()));
            }
        }
    }
    missing
}

#[test]
fn every_component_times_its_view() {
    // `cargo xtask bench` splits a change's time by phase; a component without a span would
    // count its view in "the rest".
    let mut paths = Vec::new();
    rust_files(&root().join("src").join("ui"), &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    assert!(files.len() >= 10, "found the ui files");
    let missing = components_without_a_span(&files);
    assert!(
        missing.is_empty(),
        "components without a phases span: {missing:?}"
    );
    let file = |body: &str| ("x.rs".to_string(), body.to_string());
    let unmarked = [
        file("#[function_component(X)]\nfn x() -> Html {\n    html! {}\n}\n"),
        file("#[function_component(X)]\nfn x() -> Html {\n    let _ = super::phases::span(super::phases::Phase::Views);\n}\n"),
    ];
    assert_eq!(
        components_without_a_span(&unmarked),
        [
            "x.rs: #[function_component(X)]",
            "x.rs: #[function_component(X)]"
        ],
        "the check catches a component without a span, and one that drops it at once"
    );
    let marked = [file(
        "#[function_component(X)]\nfn x(\n    props: &P,\n) -> Html {\n    let _span = super::phases::span(super::phases::Phase::Views);\n}\n",
    )];
    assert!(
        components_without_a_span(&marked).is_empty(),
        "a signature over several lines is fine"
    );
}
