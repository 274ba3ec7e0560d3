//! Finds, or installs, everything the wasm build and the browser tests need.
//!
//! Two routes to a wasm32 standard library, chosen in this order:
//! 1. **rustup**: an installed `wasm32-unknown-unknown` target, or one `rustup target add` can
//!    fetch within two minutes (the toolchain server is not a package registry and may hang).
//! 2. **debian**: Debian's `rustc-web`/`cargo-web` with `rust-web-src` and `lld-22`, building
//!    std with `-Zbuild-std`. Its environment applies to wasm commands only, and it uses its own
//!    target directory so host builds are never rebuilt by it.
//!
//! `S3PP_WASM_ROUTE=rustup|debian` forces a route (CI can test the Debian one on a laptop that
//! has rustup). Every other tool (Trunk, wasm-bindgen-cli, wasm-opt, Chromium, ChromeDriver) is
//! checked by version and installed from a package registry where missing. Nothing downloads a
//! binary from anywhere else: Trunk runs with `offline = true` and the tools put on PATH here.

use crate::cmd::{on_path, progress, Cmd};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const TRUNK_VERSION: &str = "0.22.1";
pub const BINARYEN_VERSION: &str = "132";
pub const AXE_VERSION: &str = "4.14.1";
const DEBIAN_RUST: &[&str] = &["rustc-web", "cargo-web", "rust-web-src", "lld-22"];
const DEBIAN_CLIPPY: &str = "rust-web-clippy";
const RUSTUP_ADD_TIMEOUT: Duration = Duration::from_secs(120);

/// How wasm32 code gets its standard library on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmRoute {
    Rustup,
    Debian,
}

/// Everything found or installed, with the environment wasm commands need.
#[derive(Clone, Debug)]
pub struct Toolchain {
    pub route: WasmRoute,
    /// `cargo` for wasm32 commands (Debian's own in the Debian route).
    pub wasm_cargo: String,
    /// Environment for wasm32 commands and for Trunk (PATH first).
    pub wasm_env: Vec<(String, String)>,
    pub trunk: PathBuf,
}

/// Browser tools for the test layers.
#[derive(Clone, Debug)]
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// `cargo xtask setup`: everything, browser included.
pub fn setup() -> Result<(Toolchain, Browser), String> {
    let toolchain = wasm_toolchain()?;
    let browser = browser()?;
    progress("set-up complete");
    Ok((toolchain, browser))
}

/// The wasm toolchain, Trunk, wasm-bindgen and wasm-opt, installing what is missing.
pub fn wasm_toolchain() -> Result<Toolchain, String> {
    let route = wasm_route()?;
    let bin_dirs = tool_bin_dirs()?;
    let mut path_entries: Vec<PathBuf> = Vec::new();
    if route == WasmRoute::Debian {
        // INVARIANT: Debian's cargo and rustc come before rustup's proxies for wasm commands only.
        path_entries.push(PathBuf::from("/usr/bin"));
    }
    path_entries.extend(bin_dirs);
    if let Some(existing) = std::env::var_os("PATH") {
        path_entries.extend(std::env::split_paths(&existing));
    }
    let path = std::env::join_paths(path_entries)
        .map_err(|e| format!("cannot build PATH: {e}"))?
        .to_string_lossy()
        .into_owned();
    let mut wasm_env = vec![
        ("PATH".to_string(), path),
        ("TRUNK_SKIP_VERSION_CHECK".to_string(), "true".to_string()),
    ];
    let wasm_cargo = match route {
        WasmRoute::Rustup => std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()),
        WasmRoute::Debian => {
            for (key, value) in [
                ("RUSTC", "/usr/bin/rustc"),
                ("RUSTDOC", "/usr/bin/rustdoc"),
                ("RUSTC_BOOTSTRAP", "1"),
                ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
                ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", "wasm-ld-22"),
            ] {
                wasm_env.push((key.to_string(), value.to_string()));
            }
            let target_dir = crate::root().join("target").join("debian");
            wasm_env.push((
                "CARGO_TARGET_DIR".to_string(),
                target_dir.to_string_lossy().into_owned(),
            ));
            "/usr/bin/cargo".to_string()
        }
    };
    let trunk = ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    let toolchain = Toolchain {
        route,
        wasm_cargo,
        wasm_env,
        trunk,
    };
    progress("fetching crates so the offline build finds them");
    // Twice: without `--target` for host-only dependencies (build scripts, proc macros, and std's
    // own in the Debian route), with it for wasm32-only ones (std's `dlmalloc` under build-std).
    for target in [None, Some("wasm32-unknown-unknown")] {
        let mut fetch = Cmd::new(&toolchain.wasm_cargo)
            .envs(&toolchain.wasm_env)
            .args(["fetch", "--quiet"]);
        if let Some(target) = target {
            fetch = fetch.args(["--target", target]);
        }
        fetch.run()?;
    }
    Ok(toolchain)
}

/// Chooses the route: forced by `S3PP_WASM_ROUTE`, else rustup where it works, else Debian.
fn wasm_route() -> Result<WasmRoute, String> {
    let forced = std::env::var("S3PP_WASM_ROUTE").ok();
    match forced.as_deref() {
        Some("rustup") => {
            if rustup_target_ready() {
                progress("wasm32: rustup target (forced by S3PP_WASM_ROUTE)");
                Ok(WasmRoute::Rustup)
            } else {
                Err("S3PP_WASM_ROUTE=rustup but `rustup target add wasm32-unknown-unknown` did not work: unset it to use the Debian route".into())
            }
        }
        Some("debian") => {
            ensure_debian_rust()?;
            progress("wasm32: Debian rustc-web with build-std (forced by S3PP_WASM_ROUTE)");
            Ok(WasmRoute::Debian)
        }
        Some(other) => Err(format!(
            "S3PP_WASM_ROUTE is `{other}`: use `rustup`, `debian`, or unset it"
        )),
        None => {
            if rustup_target_ready() {
                progress("wasm32: using rustup's wasm32-unknown-unknown target");
                Ok(WasmRoute::Rustup)
            } else {
                progress("wasm32: no rustup target; using Debian's rustc-web with build-std");
                ensure_debian_rust()?;
                Ok(WasmRoute::Debian)
            }
        }
    }
}

/// True when rustup has the wasm32 target for the active toolchain, adding it under a timeout.
fn rustup_target_ready() -> bool {
    if !on_path("rustup") {
        return false;
    }
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return true;
    }
    progress("trying `rustup target add wasm32-unknown-unknown` (gives up after 120 s)");
    match Cmd::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .run_with_timeout(RUSTUP_ADD_TIMEOUT)
    {
        Ok(()) => true,
        Err(e) => {
            progress(&format!("rustup could not add the target: {e}"));
            false
        }
    }
}

fn ensure_debian_rust() -> Result<(), String> {
    apt_install(DEBIAN_RUST)?;
    if !Path::new("/usr/bin/wasm-ld-22").is_file() || !Path::new("/usr/bin/cargo").is_file() {
        return Err("Debian's rustc-web route needs /usr/bin/cargo and /usr/bin/wasm-ld-22: install `rustc-web cargo-web rust-web-src lld-22`".into());
    }
    Ok(())
}

/// Clippy for wasm32 in the Debian route comes from Debian's own package.
pub fn ensure_wasm_clippy(toolchain: &Toolchain) -> Result<(), String> {
    match toolchain.route {
        WasmRoute::Rustup => Ok(()),
        WasmRoute::Debian => apt_install(&[DEBIAN_CLIPPY]),
    }
}

/// Installs Debian packages that are missing; one clear line when that is impossible.
pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !dpkg_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !on_path("apt-get") {
        return Err(format!(
            "missing {list}, and this is not a Debian system: install the equivalent packages, or a rustup wasm32 target"
        ));
    }
    let root = Cmd::new("id").arg("-u").output().unwrap_or_default();
    let sudo = root.trim() != "0";
    if sudo && !on_path("sudo") {
        return Err(format!(
            "missing {list}: run `apt-get install -y {list}` as root"
        ));
    }
    progress(&format!("installing Debian packages: {list}"));
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            Cmd::new("sudo").arg("apt-get")
        } else {
            Cmd::new("apt-get")
        };
        cmd = cmd
            .args(args.iter().copied())
            .env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    let mut install_args = vec!["install", "-y", "-q"];
    install_args.extend(missing.iter().copied());
    if apt(&install_args).run().is_err() {
        progress("refreshing the package lists (apt-get update)");
        apt(&["update", "-q"]).run()?;
        apt(&install_args)
            .run()
            .map_err(|e| format!("{e}: install `{list}` by hand"))?;
    }
    Ok(())
}

fn dpkg_installed(package: &str) -> bool {
    Cmd::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_some_and(|s| s.contains("install ok installed"))
}

/// Where installed tools live: cargo's bin folder and our binaryen folder.
fn tool_bin_dirs() -> Result<Vec<PathBuf>, String> {
    Ok(vec![
        cargo_bin_dir()?,
        binaryen_dir()?.join("node_modules").join(".bin"),
    ])
}

fn home() -> Result<PathBuf, String> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| "HOME is not set".to_string())
}

pub fn cargo_bin_dir() -> Result<PathBuf, String> {
    Ok(match std::env::var_os("CARGO_HOME") {
        Some(dir) => PathBuf::from(dir).join("bin"),
        None => home()?.join(".cargo").join("bin"),
    })
}

fn binaryen_dir() -> Result<PathBuf, String> {
    Ok(home()?
        .join(".cache")
        .join("s3-policy-playground")
        .join(format!("binaryen-{BINARYEN_VERSION}")))
}

/// The host cargo (the one running xtask), for `cargo install`.
pub fn host_cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn version_of(program: &Path, flag: &str) -> Option<String> {
    Cmd::new(program.to_string_lossy()).arg(flag).output()
}

fn ensure_trunk() -> Result<PathBuf, String> {
    let trunk = cargo_bin_dir()?.join("trunk");
    let wanted = format!("trunk {TRUNK_VERSION}");
    if version_of(&trunk, "--version").is_some_and(|v| v.trim() == wanted) {
        return Ok(trunk);
    }
    progress(&format!(
        "installing trunk {TRUNK_VERSION} from crates.io (about 15 minutes on 2 cores, once)"
    ));
    Cmd::new(host_cargo())
        .args(["install", "--locked", "trunk", "--version", TRUNK_VERSION])
        .arg("--ignore-rust-version")
        .run()
        .map_err(|e| {
            format!("{e}: install it with `cargo install --locked trunk --version {TRUNK_VERSION}`")
        })?;
    Ok(trunk)
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_wasm_bindgen()?;
    let bin = cargo_bin_dir()?;
    let wanted = format!("wasm-bindgen {version}");
    let ok = version_of(&bin.join("wasm-bindgen"), "--version").is_some_and(|v| v.trim() == wanted)
        && bin.join("wasm-bindgen-test-runner").is_file();
    if ok {
        return Ok(());
    }
    progress(&format!(
        "installing wasm-bindgen-cli {version} from crates.io (about 3 minutes, once)"
    ));
    // Not `--locked`: its lock file names a crate version the registry no longer serves.
    Cmd::new(host_cargo())
        .args(["install", "wasm-bindgen-cli", "--version", &version])
        .run()
        .map_err(|e| {
            format!("{e}: install it with `cargo install wasm-bindgen-cli --version {version}`")
        })
}

fn ensure_wasm_opt() -> Result<(), String> {
    let dir = binaryen_dir()?;
    let wasm_opt = dir.join("node_modules").join(".bin").join("wasm-opt");
    if version_of(&wasm_opt, "--version")
        .is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}")))
    {
        return Ok(());
    }
    if !on_path("npm") {
        apt_install(&["nodejs", "npm"])
            .map_err(|e| format!("wasm-opt comes from npm's binaryen@{BINARYEN_VERSION}: {e}"))?;
    }
    progress(&format!(
        "installing wasm-opt (npm binaryen@{BINARYEN_VERSION})"
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Cmd::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir.to_string_lossy())
        .arg(format!("binaryen@{BINARYEN_VERSION}"))
        .run()
        .map_err(|e| format!("{e}: run `npm install binaryen@{BINARYEN_VERSION}`"))
}

/// axe-core (npm) for the accessibility audit in the end-to-end tests; returns `axe.min.js`.
pub fn ensure_axe() -> Result<PathBuf, String> {
    let dir = home()?
        .join(".cache")
        .join("s3-policy-playground")
        .join(format!("axe-core-{AXE_VERSION}"));
    let script = dir.join("node_modules").join("axe-core").join("axe.min.js");
    if script.is_file() {
        return Ok(script);
    }
    if !on_path("npm") {
        apt_install(&["nodejs", "npm"])
            .map_err(|e| format!("the accessibility audit needs npm's axe-core: {e}"))?;
    }
    progress(&format!("installing axe-core {AXE_VERSION} (npm)"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Cmd::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir.to_string_lossy())
        .arg(format!("axe-core@{AXE_VERSION}"))
        .run()
        .map_err(|e| format!("{e}: run `npm install axe-core@{AXE_VERSION}`"))?;
    Ok(script)
}

/// Chromium and a ChromeDriver of the same version (`CHROME`/`CHROMEDRIVER` override).
pub fn browser() -> Result<Browser, String> {
    let chromium = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    if !Path::new(&chromium).is_file() || !Path::new(&chromedriver).is_file() {
        apt_install(&["chromium", "chromium-driver"]).map_err(|e| {
            format!("browser tests need Chromium and ChromeDriver ({e}); or set CHROME and CHROMEDRIVER")
        })?;
    }
    Ok(Browser {
        chromium: PathBuf::from(chromium),
        chromedriver: PathBuf::from(chromedriver),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_wasm_bindgen_version() {
        let version = locked_wasm_bindgen().unwrap();
        let parts: Vec<&str> = version.split('.').collect();
        assert_eq!(parts.len(), 3, "{version}");
        assert!(parts.iter().all(|p| p.parse::<u32>().is_ok()), "{version}");
    }

    #[test]
    fn cargo_toml_pins_the_same_wasm_bindgen() {
        let version = locked_wasm_bindgen().unwrap();
        let manifest = std::fs::read_to_string(crate::root().join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
            "Cargo.toml must pin wasm-bindgen = \"={version}\" so the CLI always matches"
        );
    }

    #[test]
    fn trunk_toml_names_the_tool_versions_we_install() {
        let trunk = std::fs::read_to_string(crate::root().join("Trunk.toml")).unwrap();
        let version = locked_wasm_bindgen().unwrap();
        assert!(trunk.contains(&format!("wasm_bindgen = \"{version}\"")));
        assert!(trunk.contains(&format!("wasm_opt = \"version_{BINARYEN_VERSION}\"")));
        assert!(trunk.contains("offline = true"));
    }
}
