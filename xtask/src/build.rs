//! `cargo xtask build` and `cargo xtask serve`: Trunk, offline, with the tools set-up found.

use crate::cmd::{progress, Cmd};
use crate::toolchain::{self, Toolchain};
use std::path::{Path, PathBuf};

/// A release build of the site into `dist`, with `public_url` as its base.
pub fn build_site(toolchain: &Toolchain, public_url: &str, dist: &Path) -> Result<(), String> {
    progress(&format!(
        "building the site into {} (release, wasm-opt -Oz, public URL `{public_url}`)",
        dist.display()
    ));
    Cmd::new(toolchain.trunk.to_string_lossy())
        .envs(&toolchain.wasm_env)
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(dist.to_string_lossy())
        .run()?;
    prerender(dist)
}

/// The empty root in `index.html` that the prerendered page goes into, as written and as a
/// minifier may write it.
const ROOTS: [&str; 2] = ["<div id=\"app\"></div>", "<div id=app></div>"];

/// Renders the page natively with Yew's SSR and puts it into `dist/index.html`, so the first
/// paint (and a search engine) sees the real page; the wasm then hydrates it.
fn prerender(dist: &Path) -> Result<(), String> {
    progress("prerendering the page into index.html (Yew SSR)");
    let html = Cmd::new(crate::toolchain::host_cargo())
        .args(["run", "--quiet", "--bin", "prerender"])
        .output()
        .ok_or("`cargo run --bin prerender` failed")?;
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let page = insert_prerendered(&page, &html).ok_or_else(|| {
        format!(
            "{} has no `{}` to prerender into",
            index.display(),
            ROOTS[0]
        )
    })?;
    std::fs::write(&index, page).map_err(|e| format!("cannot write {}: {e}", index.display()))
}

pub fn build_command(args: &[String]) -> Result<(), String> {
    let flags = crate::parse_flags(args, &["--public-url", "--dist"])?;
    let mut public_url = "./".to_string();
    let mut dist = crate::root().join("dist");
    for (flag, value) in flags {
        match flag {
            "--public-url" => public_url = value.to_string(),
            _ => dist = PathBuf::from(value),
        }
    }
    let toolchain = toolchain::wasm_toolchain()?;
    build_site(&toolchain, &public_url, &dist)?;
    progress(&format!(
        "done: upload {} to any static host",
        dist.display()
    ));
    Ok(())
}

pub fn serve_command(args: &[String]) -> Result<(), String> {
    let flags = crate::parse_flags(args, &["--address", "--port"])?;
    let mut address = "127.0.0.1".to_string();
    let mut port = "8080".to_string();
    for (flag, value) in flags {
        match flag {
            "--address" => address = value.to_string(),
            _ => {
                value
                    .parse::<u16>()
                    .map_err(|_| format!("`--port {value}` is not a port number (1-65535)"))?;
                port = value.to_string();
            }
        }
    }
    let toolchain = toolchain::wasm_toolchain()?;
    progress(&format!(
        "serving on http://{address}:{port}/ with live reload (Ctrl-C stops)"
    ));
    Cmd::new(toolchain.trunk.to_string_lossy())
        .envs(&toolchain.wasm_env)
        .args(["serve", "--address", &address, "--port", &port])
        .run()
}

/// `page` with `html` inside its empty app root, or `None` when it has none.
fn insert_prerendered(page: &str, html: &str) -> Option<String> {
    ROOTS.iter().find_map(|root| {
        let at = page.find(root)?;
        let open = root.strip_suffix("</div>")?;
        Some(format!(
            "{}{open}{html}</div>{}",
            &page[..at],
            &page[at + root.len()..]
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::insert_prerendered;

    #[test]
    fn puts_the_page_into_the_root_as_written_or_minified() {
        let written = "<body><div id=\"app\"></div><p>x</p></body>";
        assert_eq!(
            insert_prerendered(written, "<h1>Hi</h1>").as_deref(),
            Some("<body><div id=\"app\"><h1>Hi</h1></div><p>x</p></body>")
        );
        assert_eq!(
            insert_prerendered("<div id=app></div>", "X").as_deref(),
            Some("<div id=app>X</div>")
        );
        assert_eq!(insert_prerendered("<div id=\"other\"></div>", "X"), None);
    }
}
