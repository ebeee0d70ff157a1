//! Rendering through the library: every demo document compiles with no typst warning at all
//! (an unknown font is only a warning in typst, and would silently change the look).

mod common;

use kurator::documents;
use kurator::load;
use kurator::model::Date;
use kurator::render::pdf::{PdfJob, Typst};
use kurator::render::templates::Templates;

#[test]
fn the_demo_renders_without_typst_warnings() {
    let (repo, errors) = load::load(&common::project_root()).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let mut docs = documents::all(&repo);
    assert!(docs.len() > 100, "{}", docs.len());
    let templates = Templates::builtin();
    kurator::build::write_bodies(&templates, &mut docs).unwrap();
    let typst = Typst::new(&templates);
    let today = Date::parse("2025-06-30").unwrap();
    for doc in &docs {
        let job = PdfJob {
            template: doc.kind.typst_template(),
            data: serde_json::to_vec(&doc.data).unwrap(),
            ident: &doc.ident,
            date: doc.date,
            today,
        };
        let pdf = typst
            .render(&job)
            .unwrap_or_else(|e| panic!("{}: {e:?}", doc.path.display()));
        assert!(
            pdf.warnings.is_empty(),
            "{}: {:?}",
            doc.path.display(),
            pdf.warnings
        );
        assert!(pdf.bytes.starts_with(b"%PDF-"));
    }
}

#[test]
fn every_document_has_a_unique_path_and_id() {
    let (repo, _) = load::load(&common::project_root()).unwrap();
    let docs = documents::all(&repo);
    let paths: std::collections::BTreeSet<_> = docs.iter().map(|d| &d.path).collect();
    let ids: std::collections::BTreeSet<_> = docs.iter().map(|d| &d.ident).collect();
    assert_eq!(paths.len(), docs.len());
    assert_eq!(ids.len(), docs.len());
}
