//! No data loss: `parallax compare --out` writes through a temporary file and
//! a rename (`saved::write_atomic`, the same path the app's save takes). Here
//! the real binary is killed with SIGKILL at many moments, including while
//! the temporary file is being written, and the target must always be either
//! the complete old file or the complete new one.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Inputs big enough that writing the JSON takes a while: the sample corpus
/// twice, under other names.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for (i, f) in corpus_files().iter().enumerate() {
        for copy in ["a", "b"] {
            let p = dir.join(format!("{copy}-{i:02}.md"));
            std::fs::copy(f, &p).expect("copy sample");
            v.push(p);
        }
    }
    v
}

fn spawn(files: &[PathBuf], out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["compare", "--no-auto-topic", "--format", "json", "--out"])
        .arg(out)
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run parallax")
}

/// Temporary files the writer left beside the target.
fn temps(dir: &Path, target: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{target}.tmp-")))
        .collect()
}

/// What the target holds: the old bytes, or a complete new comparison.
fn check_target(target: &Path, old: &[u8], docs: usize) -> &'static str {
    let now = std::fs::read(target).expect("the target still exists");
    if now == old {
        return "old";
    }
    let v: serde_json::Value =
        serde_json::from_slice(&now).expect("the target is complete JSON, never a partial write");
    assert_eq!(v["schema"], "parallax.comparison/1");
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(docs));
    "new"
}

#[test]
fn killing_a_save_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = inputs(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("out dir");
    let target = out_dir.join("cmp.json");

    // The old file: a complete, different comparison.
    let status = spawn(&files[..2], &target).wait().expect("wait");
    assert!(status.success());
    let old = std::fs::read(&target).expect("old file");

    let mut mid_write = 0;
    let mut outcomes = Vec::new();
    // Kill while the temporary file exists (0 to 5 ms after it appears), and
    // at fixed times from the start (reading, comparing).
    let plans: Vec<(bool, u64)> = vec![
        (true, 0),
        (true, 0),
        (true, 0),
        (true, 1),
        (true, 2),
        (true, 5),
        (false, 0),
        (false, 150),
        (false, 400),
    ];
    for (on_temp, delay) in plans {
        let mut child = spawn(&files, &target);
        let start = Instant::now();
        if on_temp {
            // Poll for the temporary file; give up if the run ends first.
            while temps(&out_dir, "cmp.json").is_empty() {
                if child.try_wait().expect("poll").is_some()
                    || start.elapsed() > Duration::from_secs(120)
                {
                    break;
                }
                std::thread::sleep(Duration::from_micros(100));
            }
        }
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup runs.
        child.wait().expect("reap");
        let left = temps(&out_dir, "cmp.json");
        if !left.is_empty() {
            mid_write += 1;
        }
        let what = check_target(&target, &old, files.len());
        outcomes.push((on_temp, delay, what, left.len()));
        // A killed writer's temporary file is never the target, and the
        // next save is not confused by it.
        for t in left {
            std::fs::remove_file(out_dir.join(t)).expect("remove stale temp");
        }
    }
    eprintln!("(wait for temp, delay ms, target, temps left): {outcomes:?}");
    assert!(
        mid_write > 0,
        "no kill landed while the temporary file was being written: {outcomes:?}"
    );
    assert!(
        outcomes.iter().any(|o| o.2 == "old"),
        "the old file survived at least one kill: {outcomes:?}"
    );

    // A run left alone replaces the file completely and leaves no temp.
    let status = spawn(&files, &target).wait().expect("wait");
    assert!(status.success());
    assert_eq!(check_target(&target, &old, files.len()), "new");
    assert!(temps(&out_dir, "cmp.json").is_empty());
}
