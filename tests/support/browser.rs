//! Waiting in the browser tests (wasm only): timers, promises and Yew's pending renders.

/// Waits `ms` milliseconds for the browser to run timers, promises and idle callbacks (clipboard,
/// effects, the address bar's write), then lets Yew render what they changed.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    yew::scheduler::flush().await;
}
