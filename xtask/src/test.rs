//! `cargo xtask test`: every layer of the test pyramid, then one summary line per layer.
//!
//! Layers: `lint` (rustfmt, clippy for the host, for the `fuzz/` crate and for wasm32), `native` (`cargo test`: unit,
//! case tables, golden files, SSR render tests, CLI), `browser` (wasm-bindgen-test in headless
//! Chromium) and `e2e` (the built `dist/` served on 127.0.0.1 and driven through WebDriver).
//! A failing layer does not stop the others; the exit code is non-zero if any failed.

use crate::cmd::{progress, Cmd};
use crate::toolchain::{self, Browser, Toolchain};
use std::time::Instant;

const LAYERS: [&str; 4] = ["lint", "native", "browser", "e2e"];

/// What one layer counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: u32,
    pub failed: u32,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

pub fn test_command(args: &[String]) -> Result<(), String> {
    let chosen = crate::choose(args, "--layer", &LAYERS)?;
    let start = Instant::now();
    let needs_wasm = chosen.iter().any(|l| *l != "native");
    let needs_browser = chosen.iter().any(|l| matches!(*l, "browser" | "e2e"));
    let toolchain = if needs_wasm {
        Some(toolchain::wasm_toolchain()?)
    } else {
        None
    };
    let browser = if needs_browser {
        Some(toolchain::browser()?)
    } else {
        None
    };
    progress(&format!(
        "set-up done in {:.0} s",
        start.elapsed().as_secs_f64()
    ));

    let mut results: Vec<(&str, Tally, f64)> = Vec::new();
    for layer in &chosen {
        let layer_start = Instant::now();
        progress(&format!("layer {layer}"));
        let tally = match (*layer, &toolchain, &browser) {
            ("lint", Some(t), _) => lint(t),
            ("native", _, _) => native(),
            ("browser", Some(t), Some(b)) => browser_tests(t, b),
            ("e2e", Some(t), Some(b)) => e2e(t, b),
            _ => Tally {
                passed: 0,
                failed: 1,
            },
        };
        results.push((layer, tally, layer_start.elapsed().as_secs_f64()));
    }

    println!();
    let mut total = Tally::default();
    for (layer, tally, seconds) in &results {
        println!(
            "{layer}: {} passed, {} failed   ({seconds:.0} s)",
            tally.passed, tally.failed
        );
        total.add(*tally);
    }
    println!("total: {} passed, {} failed", total.passed, total.failed);
    println!("wall time: {:.0} s", start.elapsed().as_secs_f64());
    if total.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} failed", total.failed))
    }
}

/// One check that passes or fails as a whole.
fn check(name: &str, cmd: Cmd) -> Tally {
    progress(&format!("{name}: {}", cmd.display()));
    match cmd.run() {
        Ok(()) => Tally {
            passed: 1,
            failed: 0,
        },
        Err(e) => {
            eprintln!("FAILED {name}: {e}");
            Tally {
                passed: 0,
                failed: 1,
            }
        }
    }
}

fn lint(toolchain: &Toolchain) -> Tally {
    let cargo = toolchain::host_cargo();
    let mut tally = Tally::default();
    tally.add(check(
        "rustfmt",
        Cmd::new(&cargo).args(["fmt", "--all", "--check"]),
    ));
    tally.add(check(
        "clippy (host)",
        Cmd::new(&cargo).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    ));
    // The libFuzzer crate (`fuzz/`) is its own workspace and builds only on nightly; without
    // libFuzzer linked it checks on stable, so it cannot rot between fuzzing sessions.
    let fuzz_manifest = crate::root().join("fuzz").join("Cargo.toml");
    let fuzz_manifest = fuzz_manifest.to_string_lossy();
    tally.add(check(
        "rustfmt (fuzz)",
        Cmd::new(&cargo).args(["fmt", "--check", "--manifest-path", &fuzz_manifest]),
    ));
    tally.add(check(
        "clippy (fuzz)",
        Cmd::new(&cargo).args([
            "clippy",
            "--manifest-path",
            &fuzz_manifest,
            "--locked",
            "--no-default-features",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    ));
    // `cargo xtask bench`'s size baselines (`bench/`) are workspaces of their own: checked here
    // so that a change to the core's API cannot break the bench unseen.
    for app in ["minimal-app", "core-floor-app"] {
        let manifest = crate::root().join("bench").join(app).join("Cargo.toml");
        let manifest = manifest.to_string_lossy();
        tally.add(check(
            &format!("rustfmt (bench/{app})"),
            Cmd::new(&cargo).args(["fmt", "--check", "--manifest-path", &manifest]),
        ));
        tally.add(check(
            &format!("clippy (bench/{app})"),
            Cmd::new(&cargo)
                .env(
                    "CARGO_TARGET_DIR",
                    crate::root().join("target").to_string_lossy(),
                )
                .args([
                    "clippy",
                    "--manifest-path",
                    &manifest,
                    "--locked",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ]),
        ));
    }
    if let Err(e) = toolchain::ensure_wasm_clippy(toolchain) {
        eprintln!("FAILED clippy (wasm32): {e}");
        tally.failed += 1;
        return tally;
    }
    // Once as shipped, once with the bench's timing spans (`ui::phases`), so both sides of the
    // feature are linted.
    for (name, features) in [
        ("clippy (wasm32)", &[][..]),
        ("clippy (wasm32, phases)", &["--features", "phases"][..]),
    ] {
        tally.add(check(
            name,
            Cmd::new(&toolchain.wasm_cargo)
                .envs(&toolchain.wasm_env)
                .args([
                    "clippy",
                    "-p",
                    "s3-policy-playground",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--lib",
                    "--bins",
                    "--tests",
                ])
                .args(features.iter().copied())
                .args(["--quiet", "--", "-D", "warnings"]),
        ));
    }
    tally
}

/// Sums cargo's and wasm-bindgen-test's `test result:` lines.
pub fn parse_results(output: &str) -> Tally {
    let mut tally = Tally::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(number), Some(word)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            match word {
                "passed" => tally.passed += number,
                "failed" => tally.failed += number,
                _ => {}
            }
        }
    }
    tally
}

/// Runs a test command and counts its results; a command that fails without counting a
/// failure (a compile error, a crash) or that runs no test at all counts as one failure.
fn counted(name: &str, cmd: Cmd) -> Tally {
    progress(&format!("{name}: {}", cmd.display()));
    match cmd.run_tee() {
        Ok((success, output)) => {
            let mut tally = parse_results(&output);
            if !success && tally.failed == 0 {
                eprintln!("FAILED {name}: the command failed before reporting test results");
                tally.failed += 1;
            }
            if tally.passed + tally.failed == 0 {
                eprintln!("FAILED {name}: no test ran");
                tally.failed += 1;
            }
            tally
        }
        Err(e) => {
            eprintln!("FAILED {name}: {e}");
            Tally {
                passed: 0,
                failed: 1,
            }
        }
    }
}

fn native() -> Tally {
    // The export tests run shellcheck, an HCL parser and cfn-lint; they fail without these variables.
    let validators = match crate::validators::ensure() {
        Ok(env) => env,
        Err(e) => {
            eprintln!("FAILED native: cannot set up the export validators: {e}");
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    counted(
        "native",
        Cmd::new(toolchain::host_cargo()).envs(&validators).args([
            "test",
            "--workspace",
            "--no-fail-fast",
        ]),
    )
}

pub(crate) fn browser_env(browser: &Browser) -> Vec<(String, String)> {
    vec![
        (
            "CHROMEDRIVER".to_string(),
            browser.chromedriver.to_string_lossy().into_owned(),
        ),
        (
            "CHROME".to_string(),
            browser.chromium.to_string_lossy().into_owned(),
        ),
        ("WASM_BINDGEN_TEST_TIMEOUT".to_string(), "120".to_string()),
    ]
}

/// `cargo test` of one wasm-bindgen-test target in headless Chromium (the browser layer, the
/// browser bench).
pub(crate) fn browser_test_cmd(toolchain: &Toolchain, browser: &Browser, target: &str) -> Cmd {
    Cmd::new(&toolchain.wasm_cargo)
        .envs(&toolchain.wasm_env)
        .envs(&browser_env(browser))
        .args([
            "test",
            "-p",
            "s3-policy-playground",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            target,
        ])
}

fn browser_tests(toolchain: &Toolchain, browser: &Browser) -> Tally {
    counted("browser", browser_test_cmd(toolchain, browser, "browser"))
}

fn e2e(toolchain: &Toolchain, browser: &Browser) -> Tally {
    let dist = crate::root().join("target").join("e2e-dist");
    if let Err(e) = crate::build::build_site(toolchain, "./", &dist) {
        eprintln!("FAILED e2e: cannot build the site: {e}");
        return Tally {
            passed: 0,
            failed: 1,
        };
    }
    let axe = match toolchain::ensure_axe() {
        Ok(path) => path,
        Err(e) => {
            eprintln!("FAILED e2e: {e}");
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    counted(
        "e2e",
        built_site_test_cmd(browser, &dist, "e2e").env("S3PP_AXE", axe.to_string_lossy()),
    )
}

/// `cargo test` of one target that drives the built site in `dist` through ChromeDriver (the e2e
/// layer, the page bench).
pub(crate) fn built_site_test_cmd(browser: &Browser, dist: &std::path::Path, target: &str) -> Cmd {
    Cmd::new(toolchain::host_cargo())
        .envs(&browser_env(browser))
        .env("S3PP_DIST", dist.to_string_lossy())
        .args([
            "test",
            "-p",
            "s3-policy-playground",
            "--features",
            "e2e",
            "--test",
            target,
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_result_line() {
        let output = "\
running 2 tests
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
test result: FAILED. 5 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.20s
not a result: 9 passed
";
        assert_eq!(
            parse_results(output),
            Tally {
                passed: 7,
                failed: 1
            }
        );
    }

    #[test]
    fn no_result_lines_count_nothing() {
        assert_eq!(
            parse_results("error[E0425]: cannot find value"),
            Tally::default()
        );
    }
}
