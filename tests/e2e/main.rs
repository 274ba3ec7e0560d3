//! End-to-end tests: the built `dist/` served on 127.0.0.1 and driven in headless Chromium.
//!
//! Each test gathers what it saw into plain values, closes the browser, and only then asserts,
//! so a failure leaves no Chromium or ChromeDriver running.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use fantoccini::Locator;
use harness::{Error, Session};
use std::time::Duration;

/// Runs `flow` in a fresh session and closes it before returning what the flow saw.
macro_rules! in_browser {
    ($session:expr, |$s:ident| $body:block) => {{
        let $s = $session;
        let result: Result<_, Error> = async { $body }.await;
        $s.close().await.expect("the browser closed");
        result.expect("the browser flow ran")
    }};
}

async fn open(width: u32, height: u32) -> Session {
    Session::start(&[], width, height)
        .await
        .expect("chromium started")
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_a_bucket_and_flipping_delete_updates_the_policy() {
    let (waiting, typed, with_delete, invalid_json, problem, invalid_attr) =
        in_browser!(open(1280, 900).await, |s| {
            s.open("/").await?;
            let waiting = s.text("policy-json").await?;
            let bucket = s.find("bucket-name").await?;
            bucket.send_keys("site-backups").await?;
            let typed = s.text("policy-json").await?;
            s.find("allow-delete").await?.click().await?;
            let with_delete = s.text("policy-json").await?;
            bucket.send_keys("_X").await?;
            let invalid_json = s.text("policy-json").await?;
            let problem = s.text("bucket-name-problem").await?;
            let invalid_attr = bucket.attr("aria-invalid").await?;
            Ok((
                waiting,
                typed,
                with_delete,
                invalid_json,
                problem,
                invalid_attr,
            ))
        });
    assert!(waiting.to_lowercase().contains("bucket"), "{waiting}");
    assert!(typed.contains("\"arn:aws:s3:::site-backups\""), "{typed}");
    assert!(typed.contains("\"arn:aws:s3:::site-backups/*\""), "{typed}");
    assert!(
        !typed.contains("s3:DeleteObject"),
        "delete is off by default: {typed}"
    );
    assert!(with_delete.contains("\"s3:DeleteObject\""), "{with_delete}");
    assert!(
        !invalid_json.contains("arn:aws:s3"),
        "no policy for an invalid name: {invalid_json}"
    );
    assert!(problem.contains("site-backups_X"), "{problem}");
    assert_eq!(invalid_attr.as_deref(), Some("true"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_preset_then_unticking_delete_removes_delete_from_the_json() {
    let (standard, unticked, pressed) = in_browser!(open(1280, 900).await, |s| {
        s.open("/").await?;
        s.find("bucket-name")
            .await?
            .send_keys("site-backups")
            .await?;
        s.find("preset-faq-standard").await?.click().await?;
        let standard = s.text("policy-json").await?;
        let pressed = s
            .find("preset-faq-standard")
            .await?
            .attr("aria-pressed")
            .await?;
        s.find("allow-delete").await?.click().await?;
        let unticked = s.text("policy-json").await?;
        Ok((standard, unticked, pressed))
    });
    assert!(standard.contains("\"s3:DeleteObject\""), "{standard}");
    assert!(
        standard.contains("\"s3:DeleteObjectVersion\""),
        "{standard}"
    );
    assert_eq!(pressed.as_deref(), Some("true"));
    assert!(!unticked.contains("s3:DeleteObject"), "{unticked}");
    assert!(unticked.contains("\"s3:PutObject\""), "{unticked}");
}

/// The three live outputs as one text, to compare two pages.
async fn grab(s: &Session) -> Result<String, Error> {
    Ok(format!(
        "{}\n---\n{}\n---\n{}",
        s.text("policy-json").await?,
        s.text("console-steps").await?,
        s.text("warnings").await?
    ))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shared_url_reopens_with_the_same_outputs() {
    let (url, first, second) = in_browser!(open(1280, 900).await, |s| {
        s.open("/").await?;
        s.find("bucket-name")
            .await?
            .send_keys("shared-backups")
            .await?;
        s.find("prefix").await?.send_keys("sites/blog").await?;
        s.find("allow-delete").await?.click().await?;
        s.find("versioning").await?.click().await?;
        let url = s.written_url().await?;
        let first = grab(&s).await?;
        // A new tab, as a colleague opening the link would.
        let tab = s.client.new_window(true).await?;
        s.client.switch_to_window(tab.handle).await?;
        s.client.goto(&url).await?;
        s.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(
                ".pg-app[data-live=true] [data-testid=bucket-name]",
            ))
            .await?;
        let second = grab(&s).await?;
        Ok((url, first, second))
    });
    // The options go after `#`, which no request carries: the host never sees what was typed.
    assert!(url.contains("/#bucket=shared-backups"), "{url}");
    assert!(url.contains("delete=1"), "{url}");
    assert!(!url.contains('?'), "no query for a server to log: {url}");
    assert!(
        first.contains("arn:aws:s3:::shared-backups/sites/blog/*"),
        "{first}"
    );
    assert_eq!(first, second, "the shared link must give the same outputs");
}

#[tokio::test(flavor = "multi_thread")]
async fn back_undoes_a_toggle() {
    let (before, after_toggle, after_back) = in_browser!(open(1280, 900).await, |s| {
        s.open("/?bucket=history-test").await?;
        let before = s.text("policy-json").await?;
        s.find("allow-delete").await?.click().await?;
        let after_toggle = s.text("policy-json").await?;
        let toggled_url = s.written_url().await?;
        assert!(toggled_url.contains("delete=1"), "{toggled_url}");
        s.client.back().await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let after_back = s.text("policy-json").await?;
        Ok((before, after_toggle, after_back))
    });
    assert_ne!(before, after_toggle);
    assert_eq!(
        before, after_back,
        "Back restores the options before the toggle"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn copy_puts_the_policy_on_the_clipboard() {
    let (status, pasted, policy) = in_browser!(open(1280, 900).await, |s| {
        s.open("/?bucket=copy-test").await?;
        s.find("policy-json-copy").await?.click().await?;
        s.client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::XPath(
                "//*[@data-testid='policy-json-status'][normalize-space()!='']",
            ))
            .await?;
        let status = s.text("policy-json-status").await?;
        // Paste into a fresh textarea: what the user would get with Ctrl+V.
        let pasted = s
            .client
            .execute_async(
                "const done = arguments[0];
                 navigator.clipboard.readText().then(done, () => done(null));",
                vec![],
            )
            .await?;
        let policy = s.text("policy-json").await?;
        Ok((status, pasted, policy))
    });
    assert_eq!(status, "Copied");
    if let Some(pasted) = pasted.as_str() {
        assert_eq!(
            pasted.trim(),
            policy.trim(),
            "the clipboard holds the policy"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn embed_mode_is_compact_and_links_to_the_full_page() {
    let (header, classes, link, policy) = in_browser!(open(700, 900).await, |s| {
        s.open("/?bucket=embedded&embed=1").await?;
        let header = s
            .client
            .find_all(Locator::Css(".pg-app__lede"))
            .await?
            .len();
        let classes = s
            .client
            .find(Locator::Css(".pg-app"))
            .await?
            .attr("class")
            .await?
            .unwrap_or_default();
        let link = s
            .client
            .find(Locator::LinkText("Open in the full playground (new tab)"))
            .await?
            .attr("href")
            .await?
            .unwrap_or_default();
        let policy = s.text("policy-json").await?;
        Ok((header, classes, link, policy))
    });
    assert_eq!(
        header, 0,
        "no introduction in embed mode, only a compact title"
    );
    assert!(classes.contains("is-embed"), "{classes}");
    assert!(
        link.contains("#bucket=embedded") && !link.contains("embed=1") && !link.contains('?'),
        "{link}"
    );
    assert!(policy.contains("arn:aws:s3:::embedded"), "{policy}");
}

#[tokio::test(flavor = "multi_thread")]
async fn walkthrough_progress_survives_a_reload() {
    let (before, after) = in_browser!(open(1280, 900).await, |s| {
        s.open("/?bucket=walk-e2e").await?;
        s.find("walkthrough-toggle").await?.click().await?;
        s.client
            .find(Locator::Css("[data-testid^=step-]"))
            .await?
            .click()
            .await?;
        let before = s.text("walkthrough-progress").await?;
        s.client.refresh().await?;
        s.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(
                ".pg-app[data-live=true] [data-testid=walkthrough-toggle]",
            ))
            .await?
            .click()
            .await?;
        let after = s.text("walkthrough-progress").await?;
        Ok((before, after))
    });
    assert!(before.starts_with("1 of "), "{before}");
    assert_eq!(before, after, "progress is kept in localStorage");
}

/// axe-core's violations on the current page, as "rule: target" lines.
async fn axe_violations(s: &Session) -> Result<Vec<String>, Error> {
    let path =
        std::env::var("S3PP_AXE").map_err(|_| "S3PP_AXE is not set: run `cargo xtask test`")?;
    let source = std::fs::read_to_string(path)?;
    s.client.execute(&source, vec![]).await?;
    let result = s
        .client
        .execute_async(
            "const done = arguments[0];
             axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'] })
               .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
                     e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await?;
    Ok(result
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("unexpected axe result: {result}")]))
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_in_light_dark_narrow_invalid_and_embed() {
    let mut found = Vec::new();
    for (flags, width, path) in [
        (vec![], 1280, "/?bucket=audit-backups"),
        (
            vec![
                "--force-dark-mode",
                "--blink-settings=preferredColorScheme=0",
            ],
            1280,
            "/?bucket=audit-backups",
        ),
        (vec![], 390, "/?bucket=audit-backups"),
        (vec![], 1280, "/?bucket=Bad_Name"),
        (vec![], 700, "/?bucket=audit-backups&embed=1&zzz=1"),
    ] {
        let violations = in_browser!(
            Session::start_with(&[], width, 900, &flags)
                .await
                .expect("chromium started"),
            |s| {
                s.open(path).await?;
                // Audit the checklist too, where there are steps (not for an invalid name).
                for toggle in s
                    .client
                    .find_all(Locator::Css("[data-testid=walkthrough-toggle]"))
                    .await?
                {
                    toggle.click().await?;
                }
                axe_violations(&s).await
            }
        );
        found.extend(
            violations
                .into_iter()
                .map(|v| format!("{path} {flags:?}: {v}")),
        );
    }
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_in_audit_mode_and_after_a_tab_switch() {
    let found = in_browser!(open(1280, 900).await, |s| {
        let mut found = Vec::new();
        s.open("/?bucket=audit-backups").await?;
        // Clicked in the page, not at screen coordinates: sections below the fold render as they
        // scroll in (`content-visibility: auto`), so a WebDriver click can land on a heading.
        s.client
            .execute(
                "document.querySelector('[data-testid=export-tab-terraform]').click();",
                vec![],
            )
            .await?;
        for v in axe_violations(&s).await? {
            found.push(format!("Terraform tab: {v}"));
        }
        s.find("mode-audit").await?.click().await?;
        s.find("audit-bucket")
            .await?
            .send_keys("audit-backups")
            .await?;
        s.find("audit-policy")
            .await?
            .send_keys(r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#)
            .await?;
        s.find("audit-threats").await?;
        for v in axe_violations(&s).await? {
            found.push(format!("audit with findings: {v}"));
        }
        s.find("audit-policy").await?.send_keys("x").await?;
        s.find("audit-error").await?;
        for v in axe_violations(&s).await? {
            found.push(format!("audit with a parse error: {v}"));
        }
        Ok(found)
    });
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn screenshots_for_the_readme() {
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let mut sizes = Vec::new();
    for (name, flags, width, height) in [
        ("light", vec![], 1280, 1000),
        (
            "dark",
            vec![
                "--force-dark-mode",
                "--blink-settings=preferredColorScheme=0",
            ],
            1280,
            1000,
        ),
        ("narrow", vec![], 390, 1200),
    ] {
        let png = in_browser!(
            Session::start_with(&[], width, height, &flags)
                .await
                .expect("chromium started"),
            |s| {
                s.open("/?bucket=example-site-backups&prefix=wordpress")
                    .await?;
                Ok(s.client.screenshot().await?)
            }
        );
        std::fs::write(out.join(format!("{name}.png")), &png).unwrap();
        sizes.push((name, png.len()));
    }
    for (name, size) in sizes {
        assert!(size > 10_000, "{name}.png is only {size} bytes");
    }
}

/// The Content-Security-Policy the README recommends, reporting violations back to the test server.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self' data:; report-uri /csp-report";

#[tokio::test(flavor = "multi_thread")]
async fn the_site_works_under_a_strict_csp_and_requests_only_its_own_assets() {
    let session = Session::start(&[("Content-Security-Policy", CSP)], 1280, 900)
        .await
        .expect("chromium started");
    let requests = session.server.requests.clone();
    let origin = format!("http://{}", session.server.addr);
    let (json, resources) = in_browser!(session, |s| {
        s.open("/").await?;
        s.find("bucket-name")
            .await?
            .send_keys("csp-backups")
            .await?;
        s.find("allow-delete").await?.click().await?;
        let json = s.text("policy-json").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let resources = s
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name);",
                vec![],
            )
            .await?;
        Ok((json, resources))
    });
    assert!(
        json.contains("arn:aws:s3:::csp-backups"),
        "the app ran under the CSP: {json}"
    );
    let requests = requests.lock().unwrap().clone();
    assert!(
        !requests.iter().any(|r| r.contains("csp-report")),
        "Chromium reported CSP violations: {requests:?}"
    );
    let resources: Vec<String> = resources
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(!resources.is_empty());
    for url in &resources {
        assert!(url.starts_with(&origin), "a request left the site: {url}");
    }
    assert!(
        requests.iter().all(|r| r.starts_with("GET ")),
        "only the site's own assets were fetched: {requests:?}"
    );
}

/// A policy that lets the scripts run but not the WebAssembly (no `'wasm-unsafe-eval'`).
const CSP_WITHOUT_WASM: &str = "default-src 'self'; script-src 'self'; style-src 'self'";

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_wasm_cannot_start_says_so_and_stays_readable() {
    let session = Session::start(&[("Content-Security-Policy", CSP_WITHOUT_WASM)], 1280, 900)
        .await
        .expect("chromium started");
    let (message, inert, heading) = in_browser!(session, |s| {
        s.client.goto(&s.server.url("/")).await?;
        s.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("[data-testid=start-failed]"))
            .await?;
        let message = s.text("start-failed").await?;
        let inert = s.client.find_all(Locator::Css("[inert]")).await?.len();
        let heading = s.client.find(Locator::Css("h1")).await?.text().await?;
        Ok((message, inert, heading))
    });
    assert!(
        message.starts_with("This page could not start its WebAssembly part"),
        "{message}"
    );
    assert_eq!(inert, 0, "the prerendered page is left readable, not inert");
    assert_eq!(heading, "S3 Backup Policy Playground");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_prerendered_page_shows_before_wasm_and_hydrates_once() {
    let index = std::fs::read_to_string(harness::dist().join("index.html")).unwrap();
    let (apps, inert_after, typed) = in_browser!(open(1280, 900).await, |s| {
        s.open("/").await?;
        let apps = s.client.find_all(Locator::Css(".pg-app")).await?.len();
        let inert_after = s.client.find_all(Locator::Css("[inert]")).await?.len();
        s.find("bucket-name")
            .await?
            .send_keys("hydrated-backups")
            .await?;
        Ok((apps, inert_after, s.text("policy-json").await?))
    });
    assert!(
        index.contains("<h1>S3 Backup Policy Playground</h1>"),
        "the HTML itself holds the page"
    );
    assert!(
        index.contains("data-testid=\"bucket-name\""),
        "the form is in the first paint"
    );
    assert_eq!(
        apps, 1,
        "hydration reuses the prerendered page instead of adding a second one"
    );
    assert!(
        index.contains("<main inert=\"inert\""),
        "before the wasm is live the controls are inert, so no keystroke is lost"
    );
    assert_eq!(inert_after, 0, "once live, nothing is inert");
    assert!(
        typed.contains("arn:aws:s3:::hydrated-backups"),
        "the hydrated page is live: {typed}"
    );
}

/// The WebDriver key code of Tab.
const TAB: &str = "\u{E004}";

/// Presses Tab until the focused element has `data-testid` = `testid` (at most 60 times).
async fn tab_to(s: &Session, testid: &str) -> Result<fantoccini::elements::Element, Error> {
    for _ in 0..60 {
        let active = s.client.active_element().await?;
        if active.attr("data-testid").await?.as_deref() == Some(testid) {
            return Ok(active);
        }
        active.send_keys(TAB).await?;
    }
    Err(format!("Tab never reached `{testid}`").into())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_works_with_the_keyboard_alone() {
    let (json, outline, preset_pressed) = in_browser!(open(1280, 900).await, |s| {
        s.open("/").await?;
        let preset = tab_to(&s, "preset-faq-standard").await?;
        preset.send_keys("\u{E007}").await?; // Enter
        let preset_pressed = preset.attr("aria-pressed").await?;
        let bucket = tab_to(&s, "bucket-name").await?;
        let outline = bucket.css_value("outline-style").await?;
        bucket.send_keys("keyboard-backups").await?;
        let delete = tab_to(&s, "allow-delete").await?;
        delete.send_keys(" ").await?; // Space unticks delete (FAQ standard has it on)
        Ok((s.text("policy-json").await?, outline, preset_pressed))
    });
    assert_eq!(
        preset_pressed.as_deref(),
        Some("true"),
        "Enter presses a preset button"
    );
    assert_ne!(outline, "none", "the focused field shows a visible outline");
    assert!(json.contains("arn:aws:s3:::keyboard-backups"), "{json}");
    assert!(
        !json.contains("s3:DeleteObject"),
        "Space toggled delete off: {json}"
    );
}
