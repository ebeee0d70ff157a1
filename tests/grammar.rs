//! Russian in the documents as the demo builds them, read back from the real binary's PDFs
//! (poppler's `pdftotext`) and HTML pages: no «(ая)» placeholders, every family named after
//! «семья» in the genitive plural, participles agreed with a woman and a man who sign, the
//! grounds of termination in the genitive after «в случаях:», signatures with the initials
//! first; and a signer whose sex nobody wrote is a located error.
//!
//! The expected words are written here, not computed by kurator's own grammar module.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// The demo built once into a temporary folder: every PDF and HTML page as normalised text.
struct Demo {
    _out: testdir::TempDir,
    /// (path relative to the output folder, text).
    pdfs: Vec<(PathBuf, String)>,
    pages: Vec<(PathBuf, String)>,
    /// The same PDFs and pages with « | » between table cells, columns and blocks, so a
    /// table's label and value («Семья | Кудрявцевы») do not read as one phrase.
    cells: Vec<(PathBuf, String)>,
}

impl Demo {
    fn build() -> Demo {
        let out = testdir::tempdir().unwrap();
        build_ok(&project_root(), out.path(), "2025-06-30");
        let mut pdfs = Vec::new();
        let mut pages = Vec::new();
        let mut cells = Vec::new();
        for path in walk(out.path()) {
            let rel = path.strip_prefix(out.path()).unwrap().to_owned();
            match path.extension().and_then(|e| e.to_str()) {
                Some("pdf") => {
                    pdfs.push((rel.clone(), normalise(&pdftotext(&path))));
                    cells.push((rel, pdf_cells(&path)));
                }
                Some("html") => {
                    let page = fs::read_to_string(&path).unwrap();
                    pages.push((rel.clone(), html_text(&page)));
                    cells.push((rel, html_cells(&page)));
                }
                _ => {}
            }
        }
        assert!(
            pdfs.len() > 50 && pages.len() > 50,
            "{} PDFs, {} pages",
            pdfs.len(),
            pages.len()
        );
        Demo {
            _out: out,
            pdfs,
            pages,
            cells,
        }
    }

    /// Every text, PDF and HTML.
    fn all(&self) -> impl Iterator<Item = &(PathBuf, String)> {
        self.pdfs.iter().chain(&self.pages)
    }

    /// The text of the document at `rel` (e.g. `cases/2024-001/договор.pdf`).
    fn text(&self, rel: &str) -> &str {
        self.all()
            .find(|(p, _)| p == Path::new(rel))
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no {rel} in the build"))
    }
}

/// A PDF's text laid out as printed (`pdftotext -layout`), with « | » where two or more
/// spaces part the columns of a table.
fn pdf_cells(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout).replace('\u{ad}', "");
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    normalise(&lines.join("\n"))
}

/// An HTML page's text with « | » at the end of every cell, heading, paragraph and item.
fn html_cells(page: &str) -> String {
    let mut marked = page.to_owned();
    for tag in [
        "</td>", "</th>", "</p>", "</li>", "</h1>", "</h2>", "</h3>", "</dt>", "</dd>", "<br>",
    ] {
        marked = marked.replace(tag, &format!(" | {tag}"));
    }
    html_text(&marked)
}

/// The family surnames of the demo (plural nominative, as the case files write them).
fn demo_families() -> Vec<String> {
    let mut families = Vec::new();
    for entry in fs::read_dir(project_root().join("cases")).unwrap() {
        let body = fs::read_to_string(entry.unwrap().path()).unwrap();
        let surname = body
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("фамилия: "))
            .expect("a family surname");
        families.push(surname.trim().to_owned());
    }
    families
}

/// The genitive plural of the demo's surnames, written out: every one is a possessive
/// surname in «-ы» («Кудрявцевы» → «Кудрявцевых»).
fn genitive_plural(nominative: &str) -> String {
    assert!(
        ["овы", "евы", "ёвы", "ины", "ыны"]
            .iter()
            .any(|e| nominative.ends_with(e)),
        "the demo has a family this test does not know how to decline: {nominative}"
    );
    format!("{nominative}х")
}

#[test]
fn demo_documents_speak_russian() {
    let demo = Demo::build();

    // 1. No placeholder endings anywhere.
    for (path, text) in demo.all() {
        for placeholder in ["(ая)", "(а)", "(ий)", "(ый)", "(ой)", "(ое)", "(ые)"] {
            assert!(
                !text.contains(placeholder),
                "{}: «{placeholder}» in «…{}…»",
                path.display(),
                around(text, placeholder)
            );
        }
    }

    // 2. «семья X» names the family in the genitive plural, never in the nominative.
    let families = demo_families();
    assert_eq!(families.len(), 20);
    for family in &families {
        let nominative = family.to_lowercase();
        let genitive = genitive_plural(&nominative);
        for (path, text) in &demo.cells {
            if let Some(at) = family_in_nominative(text, &nominative) {
                panic!(
                    "{}: the family in the nominative after «семья» in «…{}…»",
                    path.display(),
                    around(text, &text[at..])
                );
            }
        }
        // Every case has its indicators, which name the family («… сопровождения семьи
        // Кудрявцевых»), as PDF and as HTML.
        let named = |texts: &[(PathBuf, String)]| {
            texts
                .iter()
                .filter(|(_, t)| {
                    ["семья", "семьи"]
                        .iter()
                        .any(|word| t.contains(&format!("{word} {genitive}")))
                })
                .count()
        };
        assert!(
            named(&demo.pdfs) > 0 && named(&demo.pages) > 0,
            "«семья {genitive}» or «семьи {genitive}» in no PDF or no HTML page"
        );
    }
    let protocols: Vec<&str> = demo
        .all()
        .filter(|(p, _)| p.to_string_lossy().contains("протокол"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(
        protocols.iter().any(|t| t.contains("семьи кудрявцевых")),
        "no protocol names «семьи Кудрявцевых»"
    );

    // 3. Participles agree with the signer: Кудрявцева Марина Олеговна (2024-001) and
    // Ефремов Павел Геннадьевич (2024-006).
    let woman = demo.text("cases/2024-001/договор.pdf");
    assert_has(
        woman,
        "кудрявцева марина олеговна, 03.09.1989 года рождения",
    );
    assert_has(woman, ", проживающая по адресу");
    assert_has(woman, "действующая от своего имени");
    let man = demo.text("cases/2024-006/договор.pdf");
    assert_has(man, "ефремов павел геннадьевич, 02.05.1978 года рождения");
    assert_has(man, ", проживающий по адресу");
    assert_has(man, "действующий от своего имени");
    for ext in ["pdf", "html"] {
        let consent = demo.text(&format!("cases/2024-001/согласие-пдн.{ext}"));
        assert_has(
            consent,
            "я, кудрявцева марина олеговна, 03.09.1989 года рождения",
        );
        assert_has(consent, "14.10.2009, проживающая по адресу");
        // The father's own consent: the other adult whose data are kept.
        let consent = demo.text(&format!("cases/2024-001/согласие-пдн-2.{ext}"));
        assert_has(
            consent,
            "я, кудрявцев сергей валентинович, 12.04.1986 года рождения",
        );
        assert_has(consent, "30.04.2006, проживающий по адресу");
        let consent = demo.text(&format!("cases/2024-006/согласие-пдн.{ext}"));
        assert_has(
            consent,
            "я, ефремов павел геннадьевич, 02.05.1978 года рождения",
        );
        assert_has(consent, ", проживающий по адресу");
    }
    let programme = |number: &str, ext: &str| {
        demo.all()
            .find(|(p, _)| {
                p.starts_with(format!("cases/{number}"))
                    && p.to_string_lossy().contains("программа")
                    && p.extension().is_some_and(|e| e == ext)
            })
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no programme of {number} as {ext}"))
    };
    for ext in ["pdf", "html"] {
        assert_has(programme("2024-001", ext), "с программой ознакомлена");
        assert_has(programme("2024-006", ext), "с программой ознакомлен:");
    }

    // 4. The grounds of termination stand in the genitive after «в случаях:».
    let agreement = demo.text("cases/2024-001/договор.pdf");
    assert_has(
        agreement,
        "в случаях: 6.1. разрешения трудной жизненной ситуации",
    );
    assert_has(agreement, "6.2. истечения срока действия договора");
    let page = demo.text("cases/2024-001/договор.html");
    assert_has(
        page,
        "в случаях: 6.1. разрешения трудной жизненной ситуации",
    );
    // «в лице» takes the genitive, the position's too; the participle agrees with it.
    for ext in ["pdf", "html"] {
        assert_has(
            demo.text(&format!("cases/2024-006/договор.{ext}")),
            "в лице директора поляковой и. л., действующего на основании устава",
        );
    }

    // 5. Signatures put the initials first (ГОСТ Р 7.0.97-2025): the director, the family's
    // signer and the curator.
    for ext in ["pdf", "html"] {
        let agreement = demo.text(&format!("cases/2024-001/договор.{ext}"));
        assert_has(agreement, "и. л. полякова");
        assert_has(agreement, "м. о. кудрявцева");
        let consent = demo.text(&format!("cases/2024-001/согласие-пдн.{ext}"));
        assert_has(consent, "м. о. кудрявцева");
        assert_has(programme("2024-001", ext), "е. в. кречетова");
    }

    // 6. The family's application (Омск п. 7): to the director in the dative, from the
    // applicant in the genitive, agreed with her or his sex, signed initials first. 2024-001
    // came in on a КДН resolution and 2024-006 on a police report: the applicant dates the
    // paper by hand; 2024-003 came in on the mother's application of 12.03.2024.
    for ext in ["pdf", "html"] {
        let woman = demo.text(&format!("cases/2024-001/заявление.{ext}"));
        assert_has(woman, "директору гбусо «кцсон «родник» поляковой и. л.");
        assert_has(
            woman,
            "от кудрявцевой марины олеговны, проживающей по адресу: г. верхнеозёрск",
        );
        assert_has(
            woman,
            "заявление о предоставлении социального сопровождения",
        );
        // The family table (pdftotext reads a table column by column).
        assert_has(woman, "кудрявцев артём сергеевич");
        assert_has(woman, "17.02.2010");
        assert_has(woman, "отец злоупотребляет алкоголем");
        assert_has(woman, "согласна на разработку индивидуальной программы");
        assert_has(woman, "ознакомлена");
        assert_has(woman, "«___» ____________ 20___ г.");
        assert_has(woman, "м. о. кудрявцева");
        let man = demo.text(&format!("cases/2024-006/заявление.{ext}"));
        assert_has(
            man,
            "от ефремова павла геннадьевича, проживающего по адресу",
        );
        assert_has(man, "согласен на разработку");
        assert_has(man, "п. г. ефремов");
        let dated = demo.text(&format!("cases/2024-003/заявление.{ext}"));
        assert_has(dated, "от гордеевой натальи павловны, проживающей");
        assert_has(dated, "«12» марта 2024 г.");
    }

    // 7. The decision opening the case (Красносельский КЦСОН, stages 3–4), dated the day of
    // registration, with the deadlines counted in working days from the intake: 2024-001 came
    // in on Monday 15.01.2024 (5 working days: 22.01; 10: 29.01); 2024-003 on Tuesday
    // 12.03.2024, the week of 8 March (5: 19.03; 10: 26.03).
    for ext in ["pdf", "html"] {
        let opening = demo.text(&format!("cases/2024-001/решение-об-открытии.{ext}"));
        assert_has(
            opening,
            "решение о признании семьи нуждающейся в социальном сопровождении и об открытии случая № 2024-001",
        );
        assert_has(opening, "«17» января 2024 г.");
        assert_has(
            opening,
            "информация о семье кудрявцевых, проживающей по адресу",
        );
        assert_has(
            opening,
            "поступившая 15.01.2024 (источник информации: постановление кдн и зп № 12 от 11.01.2024)",
        );
        assert_has(opening, "поставить на учёт 17.01.2024");
        assert_has(opening, "находящаяся в социально опасном положении (соп)");
        assert_has(opening, "уровень социального сопровождения: интенсивный");
        assert_has(
            opening,
            "куратором семьи: кречетова е. в., специалист по социальной работе",
        );
        assert_has(opening, "не позднее 22.01.2024 (5 рабочих дней");
        assert_has(opening, "не позднее 29.01.2024 (10 рабочих дней");
        assert_has(opening, "и. л. полякова");
        assert_has(opening, "е. в. кречетова");
        let opening = demo.text(&format!("cases/2024-003/решение-об-открытии.{ext}"));
        assert_has(opening, "«13» марта 2024 г.");
        assert_has(opening, "трудной жизненной ситуации (тжс)");
        assert_has(opening, "не позднее 19.03.2024 (5 рабочих дней");
        assert_has(opening, "не позднее 26.03.2024 (10 рабочих дней");
    }
}

/// A consent signed by a member with no patronymic and no `пол` cannot say «проживающий» or
/// «проживающая»: `validate` names the member's line; with `пол: женский` it passes.
#[test]
fn a_signer_whose_sex_is_unknown_is_a_located_error() {
    let repo = testdir::tempdir().unwrap();
    copy_dir(&project_root().join("cases"), &repo.path().join("cases"));
    copy_dir(
        &project_root().join("meetings"),
        &repo.path().join("meetings"),
    );
    fs::copy(
        project_root().join("kurator.yaml"),
        repo.path().join("kurator.yaml"),
    )
    .unwrap();
    let file = repo.path().join("cases/2024-001.yaml");
    let body = fs::read_to_string(&file).unwrap();
    let line = body
        .lines()
        .position(|l| l.contains("фио: Кудрявцева Марина Олеговна"))
        .expect("the demo's mother")
        + 1;
    let edited = body.replace("Кудрявцева Марина Олеговна", "Кудрявцева Марина");
    fs::write(&file, &edited).unwrap();
    let output = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned() + &stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cases/2024-001.yaml:{line}:"))
            && stderr.contains("[signer-gender]")
            && stderr.contains("пол: женский"),
        "no error at line {line}:\n{stderr}"
    );
    // Staff write the sex; the case is valid again.
    let with_sex = edited.replacen(
        "фио: Кудрявцева Марина\n",
        "фио: Кудрявцева Марина\n      пол: женский\n",
        1,
    );
    assert_ne!(with_sex, edited);
    fs::write(&file, with_sex).unwrap();
    let output = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Where «семья Кудрявцевы» (or «семьи», «семье», «семью» …) stands in `text`: the word
/// «семья» in any case, then the family's nominative as a whole word. Table headings that a
/// PDF's text runs into the next cell («Тип семьи | Кудрявцевы») are not phrases and are
/// passed over.
fn family_in_nominative(text: &str, nominative: &str) -> Option<usize> {
    ["семья", "семьи", "семье", "семью", "семьёй", "семьей"]
        .iter()
        .flat_map(|lead| {
            let phrase = format!("{lead} {nominative}");
            let len = phrase.len();
            text.match_indices(&phrase)
                .map(|(at, _)| (at, at + len))
                .collect::<Vec<_>>()
        })
        .find(|&(at, end)| {
            let whole_word = !text[end..].starts_with(char::is_alphabetic);
            let heading = ["тип ", "состав "].iter().any(|h| text[..at].ends_with(h));
            let word_start = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphabetic());
            whole_word && word_start && !heading
        })
        .map(|(at, _)| at)
}

fn assert_has(text: &str, phrase: &str) {
    assert!(
        text.contains(&normalise(phrase)),
        "«{phrase}» not found in\n{text}"
    );
}

/// Some text around the first occurrence of `what`, for a failure message.
fn around<'a>(text: &'a str, what: &str) -> &'a str {
    let at = text.find(what).unwrap_or(0);
    let mut start = at.saturating_sub(120);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + what.len() + 120).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}
