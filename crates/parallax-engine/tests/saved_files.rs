//! Saved `.parallax` files under damage: a real saved file cut at many
//! lengths and with bytes flipped is refused with a typed error, or (when the
//! flip lands in free text) opens as a consistent comparison; never a panic,
//! never a comparison whose spans point outside its text. Opening never
//! writes; saving writes only the chosen path.

use std::collections::BTreeSet;
use std::path::Path;

use parallax_engine::{compare_texts, saved, Error, Options};

fn saved_bytes(dir: &Path) -> Vec<u8> {
    let cmp = compare_texts(
        &[
            (
                "wire",
                "Nine people were killed in Sacaba on Friday, the Ombudsman said. Police fired tear gas at marchers on the bridge. Áñez took office on Tuesday.",
            ),
            (
                "early",
                "Three people were killed in Sacaba on Friday, officials said. Police fired tear gas at marchers on the bridge.",
            ),
        ],
        &Options::default().created("2019-11-30T00:00:00Z"),
    )
    .expect("compare");
    assert!(!cmp.links.is_empty());
    let path = dir.join("good.parallax");
    saved::save(&path, &cmp).expect("save");
    std::fs::read(&path).expect("read back")
}

fn open(dir: &Path, bytes: &[u8]) -> parallax_engine::Result<parallax_engine::Comparison> {
    let path = dir.join("case.parallax");
    std::fs::write(&path, bytes).expect("write case");
    saved::load(&path)
}

#[test]
fn a_saved_file_cut_short_anywhere_is_refused_as_damaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = saved_bytes(dir.path());
    // Every length near both ends, and every 3rd byte between.
    let lengths = (0..bytes.len()).filter(|&n| n < 600 || n + 600 > bytes.len() || n % 3 == 0);
    let mut tried = 0;
    for n in lengths {
        match open(dir.path(), &bytes[..n]) {
            Err(Error::Saved { message, .. }) => assert!(
                message.contains("damaged")
                    || message.contains("truncated")
                    || message.contains("not a Parallax file"),
                "cut at {n}: {message}"
            ),
            Err(e) => panic!("cut at {n}: untyped error {e}"),
            Ok(_) => panic!("cut at {n} of {} opened as a comparison", bytes.len()),
        }
        tried += 1;
    }
    assert!(tried > 1000, "{tried}");
}

#[test]
fn flipped_bytes_are_refused_or_open_consistent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = saved_bytes(dir.path());
    let (mut refused, mut opened) = (0, 0);
    for (i, flip) in [0x01u8, 0x20, 0x80, 0xFF]
        .iter()
        .cycle()
        .enumerate()
        .take(bytes.len())
    {
        let pos = (i * 7919) % bytes.len();
        let mut b = bytes.clone();
        b[pos] ^= flip;
        match open(dir.path(), &b) {
            Err(Error::Saved { .. }) => refused += 1,
            Err(e) => panic!("flip at {pos}: untyped error {e}"),
            // A flip inside an explanation or a title still parses: what opens
            // must be consistent, so the window can show it safely.
            Ok(cmp) => {
                assert_eq!(saved::validate(&cmp), Ok(()), "flip at {pos}");
                opened += 1;
            }
        }
    }
    assert!(refused > opened, "refused {refused}, opened {opened}");
}

#[test]
fn a_span_pointing_outside_its_text_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = saved_bytes(dir.path());
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    v["comparison"]["links"][0]["reasons"][0]["a_spans"][0]["end"] = 1_000_000.into();
    let e = open(dir.path(), &serde_json::to_vec(&v).expect("json")).unwrap_err();
    assert!(e.to_string().contains("outside its report's text"), "{e}");
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    v["comparison"]["links"][0]["b"] = "nobody:99".into();
    let e = open(dir.path(), &serde_json::to_vec(&v).expect("json")).unwrap_err();
    assert!(e.to_string().contains("nobody:99"), "{e}");
}

fn tree(root: &Path) -> BTreeSet<(String, u64)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").flatten() {
            let p = e.path();
            let meta = e.metadata().expect("meta");
            if meta.is_dir() {
                stack.push(p.clone());
            }
            out.insert((p.display().to_string(), meta.len()));
        }
    }
    out
}

#[test]
fn opening_writes_nothing_and_saving_writes_only_the_chosen_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = saved_bytes(dir.path());
    // A file whose reports claim paths elsewhere, even absolute ones: they
    // are labels, never opened or written.
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    v["comparison"]["documents"][0]["path"] = "../../escaped.md".into();
    v["comparison"]["documents"][1]["path"] =
        dir.path().join("sub/evil.md").display().to_string().into();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).expect("mkdir");
    let file = inner.join("crafted.parallax");
    std::fs::write(&file, serde_json::to_vec(&v).expect("json")).expect("write");
    let before = tree(dir.path());
    let cmp = saved::load(&file).expect("a crafted but consistent file opens");
    assert_eq!(tree(dir.path()), before, "opening changed the disk");

    // Saving it elsewhere creates exactly the target, and no temporary file stays.
    let target = inner.join("copy.parallax");
    saved::save(&target, &cmp).expect("save");
    let after = tree(dir.path());
    let added: Vec<_> = after.difference(&before).map(|(p, _)| p.clone()).collect();
    assert_eq!(added, vec![target.display().to_string()]);
    // A folder that does not exist is an error, and nothing is created.
    let missing = inner.join("no-such-folder/x.parallax");
    assert!(matches!(saved::save(&missing, &cmp), Err(Error::Io(_))));
    assert_eq!(tree(dir.path()), after);
}

#[test]
fn a_write_that_fails_midway_keeps_the_old_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.json");
    std::fs::write(&path, b"old contents").expect("seed file");
    let err = parallax_engine::saved::write_atomic_with(&path, |w| {
        w.write_all(b"half of the new")?;
        Err(parallax_engine::Error::Io(std::io::Error::other(
            "disk full",
        )))
    })
    .expect_err("the error comes back");
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), b"old contents");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.json"]);
    // And a streamed save reopens to the same comparison.
    let cmp = parallax_engine::compare_texts(
        &[
            ("a.md", "Nine people died in Sacaba on Friday."),
            ("b.md", "Five people died in Sacaba on Friday."),
        ],
        &Default::default(),
    )
    .expect("compare");
    let saved = dir.path().join("c.parallax");
    parallax_engine::saved::save(&saved, &cmp).expect("save");
    assert_eq!(parallax_engine::saved::load(&saved).expect("load"), cmp);
}

#[test]
fn a_newer_or_foreign_file_says_which_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = saved_bytes(dir.path());
    let message = |b: &[u8]| match open(dir.path(), b) {
        Err(Error::Saved { message, .. }) => message,
        other => panic!("{other:?}"),
    };
    // The tag is read before the rest: a newer file is named as such even
    // though its comparison would not parse as this version's.
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    v["schema"] = "parallax.file/2".into();
    v["comparison"] = serde_json::json!({"something": "else"});
    let m = message(&serde_json::to_vec(&v).expect("json"));
    assert!(m.contains("newer Parallax (parallax.file/2)"), "{m}");
    for foreign in [
        &b"[1, 2, 3]"[..],
        b"{\"schema\": 3}",
        b"{\"title\": \"x\"}",
        b"\"text\"",
    ] {
        let m = message(foreign);
        assert_eq!(
            m,
            "not a Parallax file",
            "{}",
            String::from_utf8_lossy(foreign)
        );
    }
    let m = message(b"{\"schema\": \"parallax.file/1\", \"comparison\": ");
    assert!(m.contains("truncated"), "{m}");
    // The same as Parallax writes them, tag first with no space, where the
    // tag is read from the opening bytes alone (an escaped slash too).
    let m = message(b"{\"schema\":\"parallax.file\\/2\",\"comparison\":{\"something\":\"else\"}}");
    assert!(m.contains("newer Parallax (parallax.file/2)"), "{m}");
    let m = message(b"{\"schema\":\"parallax.file/1\",\"comparison\":");
    assert!(m.contains("truncated"), "{m}");
    let m = message(b"{\"schema\":\"parallax.file/1\",\"comparison\":{\"something\":\"else\"}}");
    assert!(m.contains("damaged"), "{m}");
    let m = message(b"{\"schema\":\"parallax.fi");
    assert!(m.contains("truncated"), "{m}");
    let m = message(b"{\"schema\":\"notes\",\"comparison\":{}}");
    assert_eq!(m, "not a Parallax file");
}

#[test]
fn an_opened_file_holds_each_list_once_and_reads_as_saved() {
    // A wire sentence copied into three reports and retold with another
    // number in three more: nine links between copies of two sentences.
    let wire = "Officials said nine people died in the clashes near the bridge on Friday.";
    let other = "Officials said five people died in the clashes near the bridge on Friday.";
    let lead = [
        "The port reopened.",
        "Traffic was light today.",
        "Rain fell.",
    ];
    let mut texts = Vec::new();
    for (i, l) in lead.iter().enumerate() {
        texts.push((format!("wire-{i}.txt"), format!("{l} {wire}")));
        texts.push((format!("other-{i}.txt"), format!("{other} {l}")));
    }
    let texts: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let cmp = compare_texts(&texts, &Options::default()).expect("compare");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copies.parallax");
    saved::save(&path, &cmp).expect("save");
    let back = saved::load(&path).expect("load");
    assert_eq!(back, cmp);
    let contradictions: Vec<_> = back
        .links
        .iter()
        .filter(|l| l.relation == parallax_engine::model::Relation::Contradict)
        .collect();
    assert_eq!(contradictions.len(), 9, "{:#?}", back.links);
    let held = |f: &dyn Fn(&parallax_engine::model::Link) -> usize| {
        contradictions
            .iter()
            .map(|l| f(l))
            .collect::<BTreeSet<_>>()
            .len()
    };
    // One evidence list for the nine, as in the comparison that was saved;
    // their word diffs, shared too, still read apart: one for each place
    // of the wire's sentence (the other report's always opens its text).
    assert_eq!(
        held(&|l| std::sync::Arc::as_ptr(&l.evidence) as *const u8 as usize),
        1
    );
    let diffs: BTreeSet<String> = contradictions
        .iter()
        .map(|l| serde_json::to_string(&l.diff).expect("json"))
        .collect();
    assert_eq!(diffs.len(), lead.len());
}
