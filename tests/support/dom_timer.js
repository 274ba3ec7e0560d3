// Times the DOM calls that build and change the page, for `cargo xtask bench`'s phases run only
// (tests/bench_browser.rs evaluates this file; the page never carries it).
//
// Wraps every method and setter that creates, inserts, removes or changes a node, so that
// `globalThis.__pgDomTimer.ms` adds up the milliseconds spent inside them and `.calls` counts
// them. A call made from inside another (a setter a method runs) counts once, in the outer one.
// Reads (`firstChild`, `textContent`'s getter, ...) are not wrapped: any renderer makes the
// mutations, but how much it reads is its own choice.
(() => {
  if (globalThis.__pgDomTimer) return;
  const timer = { ms: 0, calls: 0, depth: 0 };
  globalThis.__pgDomTimer = timer;
  const now = performance.now.bind(performance);
  const timed = (f) =>
    function (...args) {
      if (timer.depth > 0) return f.apply(this, args);
      timer.depth = 1;
      const start = now();
      try {
        return f.apply(this, args);
      } finally {
        timer.ms += now() - start;
        timer.calls += 1;
        timer.depth = 0;
      }
    };
  const methods = {
    Node: ["appendChild", "insertBefore", "removeChild", "replaceChild", "cloneNode"],
    Element: [
      "setAttribute",
      "removeAttribute",
      "toggleAttribute",
      "insertAdjacentHTML",
      "remove",
      "replaceWith",
      "before",
      "after",
      "append",
      "prepend",
    ],
    CharacterData: ["remove", "replaceWith", "before", "after"],
    Document: ["createElement", "createElementNS", "createTextNode"],
    DOMTokenList: ["add", "remove", "toggle", "replace"],
  };
  const setters = {
    Node: ["textContent", "nodeValue"],
    Element: ["innerHTML", "className", "id"],
    CharacterData: ["data"],
    HTMLElement: ["hidden", "title", "innerText"],
    HTMLInputElement: ["value", "checked", "type", "disabled"],
    HTMLSelectElement: ["value"],
    HTMLTextAreaElement: ["value"],
    HTMLOptionElement: ["selected", "value"],
  };
  for (const [type, names] of Object.entries(methods)) {
    const proto = globalThis[type].prototype;
    for (const name of names) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d && typeof d.value === "function") {
        Object.defineProperty(proto, name, { ...d, value: timed(d.value) });
      }
    }
  }
  for (const [type, names] of Object.entries(setters)) {
    const proto = globalThis[type].prototype;
    for (const name of names) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d && d.set) {
        Object.defineProperty(proto, name, { ...d, set: timed(d.set) });
      }
    }
  }
})();
