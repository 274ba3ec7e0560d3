//! The external checkers the export tests run: `shellcheck`, an HCL parser and `cfn-lint`, installed where missing.
//!
//! `shellcheck` comes from Debian (through [`crate::toolchain::apt_install`]); `python-hcl2` and `cfn-lint` come
//! from PyPI, pinned to exact versions, into a virtual environment of their own at
//! `~/.cache/s3-policy-playground/pyenv`, so the system Python stays untouched. Everything is idempotent: a second
//! run only checks versions. The tests in `tests/exports_validate.rs` find the tools through the environment
//! variables [`ensure`] returns, and fail (never skip) without them.

use crate::cmd::{on_path, progress, Cmd};
use std::path::{Path, PathBuf};

/// The HCL2 parser the Terraform export must parse with (PyPI `python-hcl2`).
pub const PYTHON_HCL2_VERSION: &str = "8.1.4";
/// The CloudFormation linter the template must pass (PyPI `cfn-lint`).
pub const CFN_LINT_VERSION: &str = "1.58.0";
/// The Debian package that provides `shellcheck`.
const SHELLCHECK_PACKAGE: &str = "shellcheck";

/// Installs what is missing and returns the environment for `cargo test`:
/// `S3PP_SHELLCHECK`, `S3PP_PYTHON` (with `hcl2` importable) and `S3PP_CFN_LINT`.
pub fn ensure() -> Result<Vec<(String, String)>, String> {
    let shellcheck = ensure_shellcheck()?;
    let venv = venv_dir()?;
    let python = ensure_venv(&venv)?;
    ensure_pip_package(&python, "python-hcl2", PYTHON_HCL2_VERSION)?;
    ensure_pip_package(&python, "cfn-lint", CFN_LINT_VERSION)?;
    let cfn_lint = venv.join("bin").join("cfn-lint");
    if !cfn_lint.exists() {
        return Err(format!(
            "cfn-lint {CFN_LINT_VERSION} is installed but `{}` is missing: delete `{}` and run again",
            cfn_lint.display(),
            venv.display()
        ));
    }
    progress(&format!(
        "validators: shellcheck at {}, python-hcl2 {PYTHON_HCL2_VERSION} and cfn-lint {CFN_LINT_VERSION} in {}",
        shellcheck.display(),
        venv.display()
    ));
    Ok(vec![
        (
            "S3PP_SHELLCHECK".to_string(),
            shellcheck.to_string_lossy().into_owned(),
        ),
        (
            "S3PP_PYTHON".to_string(),
            python.to_string_lossy().into_owned(),
        ),
        (
            "S3PP_CFN_LINT".to_string(),
            cfn_lint.to_string_lossy().into_owned(),
        ),
    ])
}

fn ensure_shellcheck() -> Result<PathBuf, String> {
    if !on_path("shellcheck") {
        crate::toolchain::apt_install(&[SHELLCHECK_PACKAGE])?;
    }
    let path = Cmd::new("sh")
        .args(["-c", "command -v shellcheck"])
        .output()
        .map(|s| PathBuf::from(s.trim()))
        .filter(|p| !p.as_os_str().is_empty())
        .ok_or(
            "shellcheck is still not on PATH after installing the Debian package `shellcheck`",
        )?;
    Ok(path)
}

fn venv_dir() -> Result<PathBuf, String> {
    let home = std::env::var_os("HOME").ok_or("HOME is not set: cannot find ~/.cache")?;
    Ok(PathBuf::from(home)
        .join(".cache")
        .join("s3-policy-playground")
        .join("pyenv"))
}

/// The virtual environment's Python, creating the environment with `python3 -m venv` when missing.
fn ensure_venv(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin").join("python");
    if python.exists() {
        return Ok(python);
    }
    if !on_path("python3") {
        crate::toolchain::apt_install(&["python3", "python3-venv"])?;
    }
    progress(&format!(
        "creating a Python environment at {}",
        venv.display()
    ));
    let create = || {
        Cmd::new("python3")
            .args(["-m", "venv"])
            .arg(venv.to_string_lossy())
            .run()
    };
    if create().is_err() {
        // Debian's python3 needs python3-venv for `-m venv` (ensurepip); install it and retry once.
        crate::toolchain::apt_install(&["python3-venv"])?;
        create()?;
    }
    Ok(python)
}

/// Installs `package==version` with the environment's pip unless exactly that version is there.
fn ensure_pip_package(python: &Path, package: &str, version: &str) -> Result<(), String> {
    let python = python.to_string_lossy().into_owned();
    let installed = Cmd::new(&python)
        .args(["-m", "pip", "show", package])
        .output()
        .and_then(|out| {
            out.lines()
                .find_map(|l| l.strip_prefix("Version: ").map(|v| v.trim().to_string()))
        });
    if installed.as_deref() == Some(version) {
        return Ok(());
    }
    progress(&format!("installing {package}=={version} from PyPI"));
    Cmd::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("{package}=={version}"))
        .run()
}
