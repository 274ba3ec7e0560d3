//! The Trunk entry point: mounts the playground into the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    s3_policy_playground::ui::start::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the `app` binary runs in a browser: use `cargo xtask serve`");
}
