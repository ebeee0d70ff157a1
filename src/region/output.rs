//! The region report on disk: `packs/регион-<период>/` in the output folder — the report as PDF
//! and HTML, the region's summed `figures.json`, a manifest — and its ZIP, written as a pack is
//! ([`crate::output::pack::write`]: staged, swapped in, replacing only what kurator wrote).

use std::path::PathBuf;

use anyhow::Context as _;
use indicatif::ProgressBar;

use crate::build::{RenderWith, render_outputs};
use crate::documents::Document;
use crate::indicators::Figures;
use crate::output::folder::OutFolder;
use crate::output::pack::{self, PackFile, Source};
use crate::render::html::Site;
use crate::render::templates::Templates;

/// Makes the report's body and renders it with the built-in templates (`region.txt`), and writes it with the region's figures;
/// returns the folder and the ZIP written.
pub fn write(
    out: &OutFolder,
    doc: &Document,
    total: &Figures,
) -> anyhow::Result<(PathBuf, PathBuf)> {
    let templates = Templates::builtin();
    let mut doc = doc.clone();
    crate::build::write_bodies(&templates, std::slice::from_mut(&mut doc))?;
    let doc = &doc;
    let site = Site::new(&templates).map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
    let page = site
        .standalone(doc)
        .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
    let file_name = |path: &std::path::Path| path.to_string_lossy().into_owned();
    let mut files = vec![
        PackFile {
            name: "figures.json".to_owned(),
            bytes: total.to_json().into_bytes(),
        },
        PackFile {
            name: file_name(&page.path),
            bytes: page.html.into_bytes(),
        },
        PackFile::style(&templates),
    ];
    let period = total.period();
    let with = RenderWith {
        templates: &templates,
        site: None,
        as_of: period.end(),
        jobs: 1,
    };
    render_outputs(&with, &[], &[doc], &ProgressBar::hidden(), |path, bytes| {
        files.push(PackFile {
            name: file_name(&path),
            bytes,
        });
        Ok(())
    })?;
    let source = Source {
        period: period.id(),
        label: period.label(),
        commit: None,
        uncommitted_changes: false,
        anonymised: false,
        kurator: env!("CARGO_PKG_VERSION"),
    };
    files.push(pack::manifest(&source, &files));
    let name = format!("регион-{}", period.id());
    pack::write(out, &name, files).with_context(|| {
        format!(
            "запись сводного отчёта в {}",
            out.path().join("packs").display()
        )
    })
}
