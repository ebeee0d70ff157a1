//! What the typst CLI needs to compile the PDF documents `kurator build` renders in-process:
//! for `bench/typst-cli.sh`, which compares the two (issue 7, BENCHMARKS.md).
//!
//! `cargo run --release --example typst-jobs -- <repository> <folder>` writes
//! - `<folder>/templates/` — the `.typ` templates `build` uses (built-in or the repository's);
//! - `<folder>/jobs/<n>.json` — each document's data, byte for byte what its template reads as
//!   `/data.json` in a `build`;
//! - `<folder>/jobs.tsv` — one line per document: `n`, template, the PDF date as a Unix time.
//!
//! Not part of kurator: a benchmark's helper, run by hand.

use std::fs;
use std::path::PathBuf;

use kurator::documents;
use kurator::render::templates::Templates;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [root, folder] = args.as_slice() else {
        return Err("usage: typst-jobs <repository> <folder>".into());
    };
    let (repo, diagnostics) = kurator::load::load(root)?;
    if !diagnostics.is_empty() {
        return Err(format!(
            "{} problems in the repository: run kurator validate",
            diagnostics.len()
        )
        .into());
    }
    fs::create_dir_all(folder.join("templates"))?;
    fs::create_dir_all(folder.join("jobs"))?;
    let templates = Templates::load(root)?;
    for (name, text) in templates.iter() {
        if name.ends_with(".typ") {
            fs::write(folder.join("templates").join(name), text)?;
        }
    }
    let mut list = String::new();
    let mut docs = documents::all(&repo);
    kurator::build::write_bodies(&templates, &mut docs)?;
    for (n, doc) in docs.iter().enumerate() {
        fs::write(
            folder.join(format!("jobs/{n}.json")),
            serde_json::to_vec(&doc.data)?,
        )?;
        let time = doc
            .date
            .naive()
            .and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp());
        list.push_str(&format!("{n}\t{}\t{time}\n", doc.kind.typst_template()));
    }
    fs::write(folder.join("jobs.tsv"), list)?;
    Ok(())
}
