// Starts the wasm app from an external module script, so the site runs under a strict
// Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`) with no inline script.
// Trunk writes the hashed file names into this script tag's data attributes (Trunk.toml).
const tag = document.querySelector("script[data-s3pp-js]");
const { default: init } = await import(new URL(tag.dataset.s3ppJs, tag.src).href);
await init({ module_or_path: new URL(tag.dataset.s3ppWasm, tag.src).href });
