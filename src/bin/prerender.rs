//! Prints the page rendered with Yew's server-side renderer, for `cargo xtask build` to put into
//! `dist/index.html`: the first paint shows the real page before the wasm has loaded, and the
//! wasm hydrates it.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("prerender: cannot start a runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let html = runtime.block_on(
        yew::ServerRenderer::<s3_policy_playground::ui::App>::new()
            .hydratable(true)
            .render(),
    );
    print!("{html}");
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
