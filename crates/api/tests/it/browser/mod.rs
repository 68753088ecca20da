//! The pages in a real browser: headless Chromium driven over WebDriver (chromedriver) against a real HTTP server
//! on 127.0.0.1 over a test database (SQLite, or PostgreSQL under TEST_DATABASE_URL). Every page state a test
//! visits can be checked with axe-core (the accessibility engine, from npm, injected into the page), at 320 px
//! wide for sideways scrolling, and with the keyboard for focus hidden under sticky bars. Screenshots are written
//! to `$CARGO_TARGET_DIR/browser-screenshots/` (else `target/browser-screenshots/`).
//!
//! These tests need Debian's `chromium` and `chromium-driver`, and axe-core installed by npm in
//! `crates/api/tests/browser-tools/` (`bash .ci/test` installs all three): without them they fail, saying so.

mod admin;
mod design_system;
mod legal;
mod lost_work;
mod network;
mod report_flow;
mod settings;
mod survey;

use crate::common::{clean_grid_json, TestApp};
use actix_web::{App, HttpServer};
use fantoccini::{Client, ClientBuilder, Locator};
use pilotage_domain::{FieldKind, GRID_FIELDS};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const PASSWORD: &str = "un mot de passe de test";

/// A chromedriver started for one test, stopped with it.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn chromedriver_path() -> PathBuf {
    PathBuf::from(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()))
}

pub fn chromium_path() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

/// Starts chromedriver on a free port and waits for the line saying it is ready.
pub fn start_driver() -> Driver {
    let path = chromedriver_path();
    assert!(
        path.exists() && chromium_path().exists(),
        "browser tests need Chromium and its WebDriver: {} or {} is missing. Install them with \
         `apt-get install -y chromium chromium-driver` (bash .ci/test does it), or set CHROMEDRIVER and CHROMIUM.",
        path.display(),
        chromium_path().display()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(&path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let ready = lines.any(|line| line.is_ok_and(|l| l.contains("started successfully")));
    assert!(ready, "chromedriver stopped before saying it was ready");
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Driver { child, port }
}

/// The pages' server on a port of its own, over the test application's database and clock.
pub fn start_server(app: &TestApp) -> (String, actix_web::dev::ServerHandle) {
    let data = app.data();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure)
    })
    .workers(2)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = server.addrs()[0].port();
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (format!("http://127.0.0.1:{port}"), handle)
}

/// A Chromium session 1280 px wide (tall enough for a whole form in one screenshot).
pub async fn browser(driver: &Driver) -> Client {
    browser_sized(driver, 1280, 2400).await
}

/// A Chromium session whose window is `width` × `height` CSS pixels (320 for RGAA 10.11's narrow screen).
pub async fn browser_sized(driver: &Driver, width: u32, height: u32) -> Client {
    // Chromium's windows are at least 500 px wide: narrower screens are emulated (as its device mode does).
    let mut options = json!({
        "binary": chromium_path(),
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 format!("--window-size={},{height}", width.max(500)), "--lang=fr-FR", "--hide-scrollbars"]
    });
    if width < 500 {
        options["mobileEmulation"] =
            json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 } });
    }
    let capabilities = json!({ "goog:chromeOptions": options });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    let dir = target.join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

pub async fn text(client: &Client, css: &str) -> String {
    client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

pub async fn click_button(client: &Client, label: &str) {
    client
        .find(Locator::XPath(&format!(
            "//button[normalize-space()=\"{label}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("button « {label} »: {e}"))
        .click()
        .await
        .unwrap();
}

/// Clicks the button and waits for the page it leads to: the old page's root goes stale once the new one is shown.
/// When the button opens a confirmation dialog (an irreversible action), its confirm button is pressed.
pub async fn submit_with(client: &Client, label: &str) {
    let old = client.find(Locator::Css("html")).await.unwrap();
    click_button(client, label).await;
    let mut polls = 0;
    let mut confirmed = false;
    while old.tag_name().await.is_ok() {
        if !confirmed {
            let opened = client
                .find_all(Locator::Css(
                    "dialog.fr-modal--opened [data-confirm-submit]",
                ))
                .await
                .unwrap_or_default();
            if let Some(confirm) = opened.first() {
                if confirm.click().await.is_ok() {
                    confirmed = true;
                }
            }
        }
        polls += 1;
        assert!(polls < 10_000, "« {label} » led nowhere");
    }
}

/// Chooses the option of the `<select>` `id` showing `label`.
pub async fn choose(client: &Client, id: &str, label: &str) {
    client
        .find(Locator::XPath(&format!(
            "//select[@id=\"{id}\"]//option[normalize-space()=\"{label}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("#{id} « {label} »: {e}"))
        .click()
        .await
        .unwrap();
}

/// The current value of the input `id` (what is typed in it, not its HTML attribute).
pub async fn value_of(client: &Client, id: &str) -> String {
    client
        .find(Locator::Id(id))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub async fn fill(client: &Client, id: &str, value: &str) {
    let input = client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

pub async fn sign_in(client: &Client, base: &str, email: &str) {
    client.goto(&format!("{base}/connexion")).await.unwrap();
    fill(client, "email", email).await;
    fill(client, "password", PASSWORD).await;
    submit_with(client, "Se connecter").await;
    client
        .wait()
        .for_element(Locator::Css("form.sign-out"))
        .await
        .unwrap();
}

pub async fn sign_out(client: &Client) {
    submit_with(client, "Se déconnecter").await;
    client
        .wait()
        .for_element(Locator::Id("email"))
        .await
        .unwrap();
}

/// The grid of `crate::common::clean_grid_json` as a person types it: euros with a decimal comma, themes with semicolons.
pub fn typed_grid() -> Vec<(&'static str, String)> {
    let grid = clean_grid_json();
    GRID_FIELDS
        .iter()
        .map(|spec| {
            let value = &grid[spec.name];
            let text = match spec.kind {
                FieldKind::Money => format!("{}", value.as_i64().unwrap() / 100),
                FieldKind::Decimal => value.to_string().replace('.', ","),
                FieldKind::Texts => value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("; "),
                FieldKind::Count => value.to_string(),
            };
            (spec.name, text)
        })
        .collect()
}

/// A page state as its user meets it: a screenshot kept in the test output, and axe-core's verdict (no violation).
pub async fn look(client: &Client, name: &str) {
    screenshot(client, name).await;
    assert_accessible(client, name).await;
}

/// axe-core's script, installed by npm beside the tests (`bash .ci/test` runs `npm ci` there).
fn axe_script() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser-tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "browser tests need axe-core: {} ({e}). Install it with \
             `npm ci --prefix crates/api/tests/browser-tools` (bash .ci/test does it).",
            path.display()
        )
    })
}

/// Runs axe-core on the page as it is now and fails on any violation, naming the rule and the elements. `state`
/// names the page state in the message.
pub async fn assert_accessible(client: &Client, state: &str) {
    let loaded: Value = client
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await
        .unwrap();
    if loaded != Value::Bool(true) {
        client
            .execute(&format!("{}\nreturn true;", axe_script()), vec![])
            .await
            .unwrap();
    }
    let violations = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document).then(r => done(r.violations.map(v =>
                 v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
               e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    let violations: Vec<String> = serde_json::from_value(violations).unwrap();
    assert!(
        violations.is_empty(),
        "axe-core finds {} violation(s) on « {state} »:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Fails when the page is wider than the window (it would scroll sideways), naming the widest elements.
pub async fn assert_no_sideways_scroll(client: &Client, state: &str) {
    let report: Value = client
        .execute(
            "const width = document.documentElement.clientWidth;
             const wide = Array.from(document.querySelectorAll('body *'))
               .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 0.5
                   && getComputedStyle(e).position !== 'fixed'
                   && !e.closest('.scroll-box'); })
               .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                   + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                   + ' ' + Math.round(e.getBoundingClientRect().right) + ' px');
             return [document.documentElement.scrollWidth, width, wide];",
            vec![],
        )
        .await
        .unwrap();
    let (scroll, width, wide): (f64, f64, Vec<String>) = serde_json::from_value(report).unwrap();
    assert!(
        scroll <= width,
        "« {state} » is {scroll} px wide in a {width} px window; too wide: {wide:?}"
    );
}

/// Moves through the page with the Tab key, from the top to the last focusable element, and fails when a focused
/// element is out of the window or covered by something else (a sticky bar). Returns how many stops were made.
pub async fn assert_focus_never_hidden(client: &Client, state: &str) -> usize {
    client
        .execute(
            "window.scrollTo(0, 0); document.activeElement.blur();",
            vec![],
        )
        .await
        .unwrap();
    let mut seen = Vec::new();
    for _ in 0..400 {
        client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("\u{e004}")
            .await
            .unwrap();
        // Only the check below is done with a script: the moves are real key presses.
        let stop: Value = client
            .execute(
                "const e = document.activeElement;
                 if (!e || e === document.body) return null;
                 const r = e.getBoundingClientRect();
                 const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
                 const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), window.innerHeight - 1);
                 const top = document.elementFromPoint(x, y);
                 const shown = r.bottom > 0 && r.top < window.innerHeight
                   && top !== null && (top === e || e.contains(top) || top.contains(e)
                                        || (e.labels && Array.from(e.labels).some(l => l.contains(top))));
                 const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                   + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '')
                   + (e.textContent ? ' ' + e.textContent.trim().slice(0, 30) : '');
                 return [name, shown, top ? top.tagName.toLowerCase() + '.' + top.className : ''];",
                vec![],
            )
            .await
            .unwrap();
        let Some((name, shown, over)) =
            serde_json::from_value::<Option<(String, bool, String)>>(stop).unwrap()
        else {
            break;
        };
        if seen.first() == Some(&name) {
            break;
        }
        assert!(
            shown,
            "on « {state} », focus stop {} ({name}) is hidden (under {over})",
            seen.len() + 1
        );
        seen.push(name);
    }
    assert!(!seen.is_empty(), "« {state} » has no focusable element");
    seen.len()
}
