//! The app's commands, driven through Tauri's mock runtime exactly as the
//! window calls them (IPC, capabilities and all), with no display.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let app = parallax_app::setup(mock_builder())
        .build(parallax_app::context())
        .expect("build the mock app");
    let dir = tempfile::tempdir().expect("temp dir");
    app.state::<parallax_app::state::AppState>()
        .set_config_dir(Some(dir.path().join("config")));
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    Harness { app, window, dir }
}

impl Harness {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        let req = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, req)
            .map(|b| b.deserialize::<Value>().expect("json response"))
    }

    fn ok(&self, cmd: &str, body: Value) -> Value {
        match self.call(cmd, body) {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    fn err(&self, cmd: &str, body: Value) -> Value {
        match self.call(cmd, body) {
            Ok(v) => panic!("{cmd} should have failed, gave {v}"),
            Err(e) => e,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn state(&self) -> tauri::State<'_, parallax_app::state::AppState> {
        self.app.state::<parallax_app::state::AppState>()
    }
}

fn write(path: &Path, text: &str) -> String {
    std::fs::write(path, text).expect("write file");
    path.display().to_string()
}

const WIRE: &str = "---\noutlet: Andean Wire\ndate: 2019-11-16\nlanguage: en\n---\n\nNine people were killed in Sacaba on Friday, the Ombudsman said. Police fired tear gas at marchers on the bridge.\n\nThe interim government denied that soldiers had fired live rounds.";
const EARLY: &str = "---\noutlet: Harborlight\ndate: 2019-11-15\nlanguage: en\n---\n\nThree people were killed in Sacaba on Friday, officials said. Police fired tear gas at marchers on the bridge.\n\nFarmers from the Chapare had walked for two days to reach the city.";

fn two_reports(h: &Harness) {
    let a = write(&h.path("wire.md"), WIRE);
    let b = write(&h.path("early.md"), EARLY);
    let added = h.ok("add_files", json!({ "paths": [a, b] }));
    assert_eq!(added["drafts"].as_array().map(Vec::len), Some(2));
}

fn compare(h: &Harness) -> Value {
    h.ok("compare", json!({ "onProgress": "__CHANNEL__:1" }))
}

#[test]
fn files_compare_into_a_comparison_with_a_contradiction() {
    let h = harness();
    two_reports(&h);
    let cmp = compare(&h);
    assert_eq!(cmp["schema"], "parallax.comparison/1");
    assert_eq!(cmp["documents"].as_array().map(Vec::len), Some(2));
    let rels: Vec<&str> = cmp["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|l| l["relation"].as_str())
        .collect();
    assert!(rels.contains(&"contradict"), "relations: {rels:?}");
    // The window's copy and the state's copy are the same comparison.
    let session = h.ok("current", json!({}));
    assert_eq!(session["comparison"], cmp);
    assert_eq!(session["dirty"], true);
}

#[test]
fn bolivia_example_loads_from_the_repository_and_compares() {
    let h = harness();
    let drafts = h.ok("load_example", json!({}));
    let drafts = drafts.as_array().expect("drafts");
    assert!(drafts.len() >= 9, "only {} example reports", drafts.len());
    assert!(drafts
        .iter()
        .any(|d| d["meta"]["outlet"] == "Andean Wire Service"));
    let cmp = compare(&h);
    assert_eq!(
        cmp["documents"].as_array().map(Vec::len),
        Some(drafts.len())
    );
    assert!(cmp["links"]
        .as_array()
        .is_some_and(|l| l.iter().any(|l| l["relation"] == "contradict")));
    assert!(!cmp["clusters"].as_array().expect("clusters").is_empty());
}

#[test]
fn pasted_markup_stays_text() {
    let h = harness();
    let text = "Officials said <img src=x onerror=alert(1)> nine people died in Sacaba on Friday.";
    let drafts = h.ok(
        "add_pasted",
        json!({ "label": "paste", "text": text, "meta": { "title": null, "outlet": "Pasted Post", "date": "2019-11-16", "language": "en", "url": null, "byline": null } }),
    );
    let d = &drafts[0];
    assert_eq!(d["meta"]["outlet"], "Pasted Post");
    assert_eq!(d["source"], "pasted");
    assert!(
        d["preview"]
            .as_str()
            .is_some_and(|p| p.contains("<img src=x onerror=alert(1)>")),
        "{d}"
    );
}

#[test]
fn empty_paste_is_a_clear_error() {
    let h = harness();
    let e = h.err(
        "add_pasted",
        json!({ "label": "", "text": "   ", "meta": {} }),
    );
    assert_eq!(e["kind"], "empty");
}

#[test]
fn metadata_edits_apply_and_bad_dates_are_refused() {
    let h = harness();
    two_reports(&h);
    let key = h.ok("list_reports", json!({}))[0]["key"]
        .as_str()
        .expect("key")
        .to_string();
    let meta = json!({ "title": null, "outlet": "  Renamed Wire ", "date": "2019-11-17", "language": "es", "url": null, "byline": null });
    let d = h.ok("update_meta", json!({ "key": key, "meta": meta }));
    assert_eq!(d["meta"]["outlet"], "Renamed Wire");
    assert_eq!(d["meta"]["language"], "es");
    let bad = json!({ "title": null, "outlet": null, "date": "17/11/2019", "language": null, "url": null, "byline": null });
    assert_eq!(
        h.err("update_meta", json!({ "key": key, "meta": bad }))["kind"],
        "bad-date"
    );
    assert_eq!(
        h.err("update_meta", json!({ "key": "nope", "meta": meta }))["kind"],
        "not-found"
    );
}

#[test]
fn unreadable_files_are_reported_one_by_one() {
    let h = harness();
    let good = write(
        &h.path("good.txt"),
        "Nine people were killed in Sacaba on Friday.",
    );
    let pdf = h.path("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 binary").expect("write pdf");
    let missing = h.path("missing.md").display().to_string();
    let r = h.ok(
        "add_files",
        json!({ "paths": [good, pdf.display().to_string(), missing] }),
    );
    assert_eq!(r["drafts"].as_array().map(Vec::len), Some(1));
    let kinds: Vec<&str> = r["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["binary", "read"]);
}

#[test]
fn one_report_is_too_few() {
    let h = harness();
    write(&h.path("one.md"), WIRE);
    h.ok(
        "add_files",
        json!({ "paths": [h.path("one.md").display().to_string()] }),
    );
    let e = h.err("compare", json!({ "onProgress": "__CHANNEL__:2" }));
    assert_eq!(e["kind"], "too-few");
}

#[test]
fn save_and_reopen_round_trip_and_recent_files() {
    let h = harness();
    assert_eq!(
        h.err(
            "save_comparison",
            json!({ "path": h.path("x.parallax").display().to_string() })
        )["kind"],
        "no-comparison"
    );
    two_reports(&h);
    let cmp = compare(&h);
    // The extension is added when missing.
    let written = h.ok(
        "save_comparison",
        json!({ "path": h.path("sacaba").display().to_string() }),
    );
    assert!(written
        .as_str()
        .is_some_and(|p| p.ends_with("sacaba.parallax")));
    assert_eq!(h.ok("current", json!({}))["dirty"], false);
    assert!(
        !h.state().guard_close(),
        "a saved comparison closes without asking"
    );

    h.ok("clear_reports", json!({}));
    let session = h.ok("open_comparison", json!({ "path": written }));
    assert_eq!(session["comparison"], cmp);
    assert_eq!(session["drafts"].as_array().map(Vec::len), Some(2));
    assert_eq!(session["dirty"], false);

    let recent = h.ok("recent_files", json!({}));
    assert_eq!(recent[0]["name"], "sacaba.parallax");
    assert_eq!(recent[0]["exists"], true);
    assert!(h.path("config/recent.json").is_file());
}

#[test]
fn a_damaged_or_newer_file_is_refused_and_the_work_is_kept() {
    let h = harness();
    two_reports(&h);
    let cmp = compare(&h);
    let damaged = write(
        &h.path("damaged.parallax"),
        "{\"schema\": \"parallax.file/1\", \"comparison\": {\"sch",
    );
    let e = h.err("open_comparison", json!({ "path": damaged }));
    assert_eq!(e["kind"], "saved-file");
    assert!(
        e["message"].as_str().is_some_and(|m| m.contains("damaged")),
        "{e}"
    );
    let newer = write(
        &h.path("newer.parallax"),
        "{\"schema\": \"parallax.file/9\", \"comparison\": {}}",
    );
    let e = h.err("open_comparison", json!({ "path": newer }));
    assert!(
        e["message"].as_str().is_some_and(|m| m.contains("newer")),
        "{e}"
    );
    let session = h.ok("current", json!({}));
    assert_eq!(
        session["comparison"], cmp,
        "the current comparison must survive a failed open"
    );
    assert_eq!(session["dirty"], true);
}

/// Every file under `dir` with its size.
fn files_under(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").flatten() {
            let meta = e.metadata().expect("meta");
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), meta.len()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_real_saved_file_cut_short_or_with_bad_spans_is_refused_and_the_work_is_kept() {
    let h = harness();
    two_reports(&h);
    let cmp = compare(&h);
    let written = h.ok(
        "save_comparison",
        json!({ "path": h.path("good.parallax").display().to_string() }),
    );
    let bytes = std::fs::read(written.as_str().expect("path")).expect("saved file");
    h.ok("clear_reports", json!({}));
    two_reports(&h);
    let cmp2 = compare(&h);
    assert_eq!(cmp2["documents"], cmp["documents"]);

    for cut in [1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        let cut_file = h.path(&format!("cut-{cut}.parallax"));
        std::fs::write(&cut_file, &bytes[..cut]).expect("write cut");
        let e = h.err(
            "open_comparison",
            json!({ "path": cut_file.display().to_string() }),
        );
        assert_eq!(e["kind"], "saved-file", "cut at {cut}: {e}");
    }
    // Consistent JSON whose span points past its sentence's text.
    let mut v: Value = serde_json::from_slice(&bytes).expect("json");
    v["comparison"]["documents"][0]["sentences"][0]["end"] = 999_999.into();
    let bad = write(&h.path("bad-span.parallax"), &v.to_string());
    let e = h.err("open_comparison", json!({ "path": bad }));
    assert!(
        e["message"].as_str().is_some_and(|m| m.contains("damaged")),
        "{e}"
    );

    let session = h.ok("current", json!({}));
    assert_eq!(session["comparison"], cmp2, "the open comparison stays");
    assert_eq!(session["dirty"], true);
}

#[test]
fn opening_a_comparison_writes_only_the_recent_list() {
    let h = harness();
    two_reports(&h);
    compare(&h);
    let written = h.ok(
        "save_comparison",
        json!({ "path": h.path("a.parallax").display().to_string() }),
    );
    // Reports in the file claim paths elsewhere: they are labels, never used.
    let mut v: Value =
        serde_json::from_slice(&std::fs::read(written.as_str().expect("path")).expect("read"))
            .expect("json");
    v["comparison"]["documents"][0]["path"] = "../../outside.md".into();
    let crafted = write(&h.path("crafted.parallax"), &v.to_string());
    let before = files_under(h.dir.path());
    h.ok("open_comparison", json!({ "path": crafted }));
    let after = files_under(h.dir.path());
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(p, _)| p)
        .collect();
    assert!(
        changed.iter().all(|p| p.ends_with("config/recent.json")),
        "{changed:?}"
    );
    assert!(!h.dir.path().join("../outside.md").exists());
}

#[test]
fn unsaved_work_holds_the_close_until_confirmed() {
    let h = harness();
    assert!(!h.state().guard_close(), "nothing to lose yet");
    two_reports(&h);
    assert!(h.state().guard_close(), "added reports are unsaved work");
    h.state().confirm_close();
    assert!(!h.state().guard_close());
}

#[test]
fn commands_not_granted_to_the_window_are_refused() {
    let h = harness();
    // No file system or shell plugin, and the dialog plugin only opens and saves.
    assert!(h
        .call("plugin:fs|read_text_file", json!({ "path": "/etc/passwd" }))
        .is_err());
    assert!(h
        .call("plugin:shell|execute", json!({ "program": "sh" }))
        .is_err());
    assert!(h
        .call("plugin:dialog|message", json!({ "message": "hi" }))
        .is_err());
}

/// A page of the test's own writing, with a weekday that can be edited.
fn news_page(day: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Sacaba</title>\
         <meta property=\"og:site_name\" content=\"Served Wire\">\
         <meta property=\"article:published_time\" content=\"2019-11-16T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a></nav><article>\
         <p>Nine people were killed in Sacaba on {day}, the Ombudsman said.</p>\
         <p>Police fired tear gas at marchers on the bridge into the city.</p>\
         <p>The interim government denied that soldiers had fired live rounds.</p>\
         </article><footer>All rights reserved.</footer></body></html>"
    )
}

#[test]
fn urls_are_fetched_by_rust_and_a_refetch_shows_the_edit() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let page = |body: String| {
        ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "text/html; charset=utf-8")
    };
    // The server runs on its own runtime's threads while the app calls it.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        Mock::given(path("/a"))
            .respond_with(page(news_page("Friday")))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path("/a"))
            .respond_with(page(news_page("Thursday")))
            .mount(&server)
            .await;
        Mock::given(path("/b"))
            .respond_with(page(news_page("Friday").replace("Nine", "At least five")))
            .mount(&server)
            .await;
        server
    });
    let h = harness();
    let base = server.uri();
    let added = h.ok(
        "add_urls",
        json!({
            "urls": [format!("{base}/a"), format!("{base}/b"), format!("{base}/gone"), "file:///etc/passwd"],
            "onProgress": "__CHANNEL__:2",
        }),
    );
    let drafts = added["drafts"].as_array().expect("drafts");
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0]["meta"]["outlet"], "Served Wire");
    assert_eq!(drafts[0]["fetch"]["requested_url"], format!("{base}/a"));
    let kinds: Vec<&str> = added["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["fetch-status", "fetch-scheme"]);

    let cmp = compare(&h);
    let doc = cmp["documents"][0]["id"].as_str().expect("id").to_string();
    assert!(cmp["documents"][0]["fetch"]["body_sha256"].is_string());
    let check = h.ok("check_edits", json!({ "document": doc }));
    assert_eq!(check["changed"], true);
    let edits = check["edits"].as_array().expect("edits");
    let edit = edits
        .iter()
        .find(|e| e["relation"] == "contradict")
        .unwrap_or_else(|| panic!("the changed day is a contradiction: {edits:?}"));
    assert!(edit["before"]
        .as_str()
        .is_some_and(|s| s.contains("Friday")));
    assert!(edit["after"]
        .as_str()
        .is_some_and(|s| s.contains("Thursday")));
    // A report that was not fetched cannot be re-fetched.
    let e = h.err("check_edits", json!({ "document": "nope" }));
    assert_eq!(e["kind"], "not-found");
    drop(server);
}

#[test]
fn export_writes_every_available_format_and_refuses_without_a_comparison() {
    let h = harness();
    let menu = h.ok("export_formats", json!({}));
    let menu = menu.as_array().expect("menu");
    assert_eq!(menu.len(), 9);
    let kinds: Vec<&str> = menu.iter().filter_map(|o| o["kind"].as_str()).collect();
    for k in [
        "html",
        "pdf",
        "markdown",
        "csv",
        "json",
        "worksheet",
        "answer-key",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    assert_eq!(
        h.err(
            "export_comparison",
            json!({ "path": h.path("r.html").display().to_string(), "kind": "html" })
        )["kind"],
        "no-comparison"
    );
    two_reports(&h);
    compare(&h);
    for option in menu {
        let kind = option["kind"].as_str().expect("kind");
        let ext = option["extension"].as_str().expect("extension");
        // No extension given: the command adds the format's own.
        let asked = h.path(&format!("export-{kind}"));
        let args = json!({ "path": asked.display().to_string(), "kind": kind });
        if option["available"] == false {
            assert_eq!(h.err("export_comparison", args)["kind"], "unsupported");
            assert!(!asked.with_extension(ext).exists());
            continue;
        }
        let written = h.ok("export_comparison", args);
        let written = PathBuf::from(written.as_str().expect("path"));
        assert_eq!(written, asked.with_extension(ext));
        let bytes = std::fs::read(&written).expect("exported file");
        let text = String::from_utf8_lossy(&bytes);
        match ext {
            "pdf" => assert!(bytes.starts_with(b"%PDF-"), "{kind}: not a PDF"),
            "json" => {
                let v: Value = serde_json::from_slice(&bytes).expect("json");
                assert_eq!(v["schema"], "parallax.comparison/1");
            }
            _ => {}
        }
        match kind {
            // The report names both outlets and the conflicting Sacaba tolls.
            "html" | "markdown" | "csv" => {
                assert!(text.contains("Harborlight"), "{kind} lacks the outlet");
                assert!(text.contains("Nine people were killed in Sacaba"), "{kind}");
            }
            // The key reveals which source is which outlet.
            "answer-key" => {
                assert!(text.contains("Harborlight") && text.contains("Source A"));
            }
            // The worksheet hides the outlets but keeps the text.
            "worksheet" => {
                assert!(
                    !text.contains("Harborlight"),
                    "the worksheet names an outlet"
                );
                assert!(text.contains("Source A"));
            }
            _ => {}
        }
    }
}
