//! The bundled example: the Bolivia 2019 reports and their topic.
//!
//! In a development build they are read from the repository
//! (`sample-articles/bolivia-2019/*.md`, `topics/bolivia-2019/`); in a
//! packaged app from the bundled resources (`samples/bolivia-2019/articles/`
//! and `.../topic/`, see `bundle.resources` in `tauri.conf.json`).

use std::path::{Path, PathBuf};

/// Where the example's files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamplePaths {
    /// The folder holding the reports (`*.md`).
    pub articles: PathBuf,
    /// The topic folder, when it has any `.toml` file.
    pub topic: Option<PathBuf>,
}

/// The repository root this binary was built from.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Find the example: the repository first in development, the resources
/// first when packaged. `None` when neither has it.
pub fn locate(resource_dir: Option<&Path>, dev: bool) -> Option<ExamplePaths> {
    let repo = {
        let root = repo_root();
        (
            root.join("sample-articles/bolivia-2019"),
            root.join("topics/bolivia-2019"),
        )
    };
    let bundled = resource_dir
        .map(|r| r.join("samples/bolivia-2019"))
        .map(|b| (b.join("articles"), b.join("topic")));
    let mut order: Vec<(PathBuf, PathBuf)> = Vec::new();
    if dev {
        order.push(repo);
        order.extend(bundled);
    } else {
        order.extend(bundled);
        order.push(repo);
    }
    order
        .into_iter()
        .find(|(a, _)| !report_files(a).is_empty())
        .map(|(articles, topic)| ExamplePaths {
            topic: has_toml(&topic).then_some(topic),
            articles,
        })
}

/// The example's report files, sorted by name.
pub fn report_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    v.sort();
    v
}

fn has_toml(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_reads_the_repository_and_a_package_its_resources() {
        let res = tempfile::tempdir().expect("temp dir");
        let articles = res.path().join("samples/bolivia-2019/articles");
        std::fs::create_dir_all(&articles).expect("mkdir");
        std::fs::write(articles.join("01-wire.md"), "Text.").expect("write");
        std::fs::write(articles.join("README.md"), "Not a report.").expect("write");

        let dev = locate(Some(res.path()), true).expect("found in dev");
        assert_eq!(
            dev.articles,
            repo_root().join("sample-articles/bolivia-2019")
        );
        assert!(report_files(&dev.articles).len() >= 9);

        let packaged = locate(Some(res.path()), false).expect("found when packaged");
        assert_eq!(packaged.articles, articles);
        assert_eq!(
            packaged.topic, None,
            "a bundle without topic files runs without a topic"
        );
        assert_eq!(
            report_files(&packaged.articles),
            vec![articles.join("01-wire.md")]
        );
    }
}
