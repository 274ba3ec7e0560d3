// Starts the wasm app from an external module script, so the site runs under a strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`) with no inline script.
// Trunk writes the hashed file names into this script tag's data attributes (Trunk.toml).
const tag = document.querySelector("script[data-s3pp-js]");
try {
  const { default: init } = await import(new URL(tag.dataset.s3ppJs, tag.src).href);
  await init({ module_or_path: new URL(tag.dataset.s3ppWasm, tag.src).href });
} catch (error) {
  // No WebAssembly, or a download that failed or was blocked: the prerendered page would stay
  // inert for ever. Let it be read, and say why its controls do nothing (unless the app's own
  // panic message already says something went wrong).
  for (const element of document.querySelectorAll("[inert]")) element.removeAttribute("inert");
  if (!document.querySelector(".pg-crash")) {
    const banner = document.createElement("div");
    banner.className = "pg-crash";
    banner.setAttribute("role", "alert");
    banner.dataset.testid = "start-failed";
    const message = document.createElement("p");
    message.textContent =
      "This page could not start its WebAssembly part, so its options do nothing here. " +
      "Reload the page; if that does not help, open it in a current browser with WebAssembly allowed.";
    banner.append(message);
    document.body.prepend(banner);
  }
  throw error;
}
