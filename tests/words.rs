//! The PDF and the HTML page of a document carry the same words.
//!
//! Every document whose text is a wording (`templates/<kind>.txt`, drawn by `body.typ` and
//! `body.html`) is read twice, by programs nobody on this project wrote: poppler's `pdftotext`
//! for the PDF, and a tag stripper for the `<article>` of the page. The page furniture is left
//! out (the page numbers in the top margin, a table's headings repeated on the page it
//! continues on; the site's links and footer are outside the article), and so are the labels
//! of charts (drawing, the same SVG on both sides). The words must be the same in the same
//! order up to the first block that lays columns side by side (the parties' requisites and
//! signatures), whose reading order is pdftotext's choice rather than the document's; from
//! there the same words in any order. A heading cell over two rows is read where Typst draws
//! it, after the rows it spans: such a heading's words may come in another order.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{demo, walk};
use kurator::documents::Kind;

/// The words of one page of a PDF in the order they were laid out (`-raw`: pdftotext's default
/// mode joins a line ending in a hyphen to the next and drops the hyphen, «II-ФР» → «IIФР»),
/// soft hyphens joined, and a word broken after its own hyphen («психолого-» / «педагогической»)
/// made whole again.
fn pdf_page_words(pdf: &Path, page: usize) -> Option<Vec<String>> {
    let page = page.to_string();
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by these tests");
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).unwrap();
    let text = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    let mut words: Vec<String> = Vec::new();
    for line in text.lines() {
        for (i, word) in line.split_whitespace().enumerate() {
            match words.last_mut() {
                Some(last) if i == 0 && last.chars().count() > 1 && last.ends_with('-') => {
                    last.push_str(word)
                }
                _ => words.push(word.to_owned()),
            }
        }
    }
    Some(words)
}

/// The words of a whole PDF, without the page numbers in the top margin of pages 2 and on,
/// nor the `footer` at the bottom of each page (the data version of an internal paper, which
/// its page shows in the site's footer, outside the document), nor a table's header row
/// repeated at the top of a page the table continues on (`heads`: the header rows' words; the
/// page, whose words are `html`, shows each header once, so a header at the top of a page is a
/// repetition where the page goes on with other words).
fn pdf_words(pdf: &Path, footer: &[String], heads: &[Vec<String>], html: &[String]) -> Vec<String> {
    let mut words = Vec::new();
    for page in 1.. {
        let Some(mut page_words) = pdf_page_words(pdf, page) else {
            break;
        };
        if page_words.is_empty() && page > 1 {
            break;
        }
        if page > 1 && page_words.first() == Some(&page.to_string()) {
            page_words.remove(0);
        }
        let page_continues = |h: &Vec<String>| {
            page_words.starts_with(h) && !html[words.len().min(html.len())..].starts_with(h)
        };
        if page > 1
            && let Some(head) = heads.iter().find(|h| page_continues(h))
        {
            page_words.drain(..head.len());
        }
        if !footer.is_empty() && page_words.ends_with(footer) {
            page_words.truncate(page_words.len() - footer.len());
        }
        words.extend(page_words);
    }
    words
}

/// The words of each table header row of an article, as a page the table continues on
/// repeats them.
fn header_words(article: &str) -> Vec<Vec<String>> {
    article
        .split("<thead>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</thead>"))
        .map(|(head, _)| html_words(head))
        .filter(|words| !words.is_empty())
        .collect()
}

/// The words of the page's version footer, or none.
fn footer_words(html: &str) -> Vec<String> {
    let Some(start) = html.find("<footer class=\"version\">") else {
        return Vec::new();
    };
    let end = start + html[start..].find("</footer>").expect("a footer ends");
    html_words(&html[start..end])
}

/// A table heading with a cell over several rows (`rowspan`) is drawn by Typst after the rows
/// it spans, so pdftotext reads «Показатель» after «Число База Доля»: where the PDF has the
/// words of such a heading in another order at the place the page has them, they are taken in
/// the page's order. Any other difference stays.
fn spanned_heads_in_page_order(article: &str, html: &[String], pdf: &mut [String]) {
    let mut from = 0;
    while let Some(at) = article[from..].find("<thead>") {
        let start = from + at;
        let end = start + article[start..].find("</thead>").expect("a heading ends");
        from = end;
        if !article[start..end].contains("rowspan") {
            continue;
        }
        let before = html_words(&article[..start]).len();
        let range = before..before + html_words(&article[start..end]).len();
        let (Some(in_pdf), Some(in_html)) = (pdf.get(range.clone()), html.get(range.clone()))
        else {
            continue;
        };
        let sorted = |words: &[String]| {
            let mut w = words.to_vec();
            w.sort();
            w
        };
        if sorted(in_pdf) == sorted(in_html) {
            pdf[range].clone_from_slice(in_html);
        }
    }
}

/// Tags that end a word as a browser lays them out; inline ones (`strong`, `span`, `small`)
/// do not, so two spans written without a space between read as one word, as they would to
/// someone copying the text.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "td", "th", "tr", "h1", "h2", "h3", "dt", "dd", "li", "br", "table", "thead",
    "tbody", "dl", "ul", "ol", "article",
];

/// The text of HTML markup: tags dropped (block ones as a word boundary), entities decoded.
fn html_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('>').expect("a tag ends");
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCK_TAGS.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&");
    text.split_whitespace().map(str::to_owned).collect()
}

/// The document's article of a page.
fn article(html: &str) -> Option<&str> {
    // `class="document"`, or `"document landscape"` for a register on landscape sheets.
    let start = html[..html.find(" data-body ")?].rfind("<article class=\"document")?;
    let end = start + html[start..].find("</article>")?;
    Some(&html[start..end])
}

/// The kind an article says it is (`data-kind`).
fn kind(article: &str) -> Option<&str> {
    let (_, rest) = article.split_once("data-kind=\"")?;
    rest.split_once('"').map(|(kind, _)| kind)
}

/// The part of an article before its first side-by-side block.
fn before_side_by_side(article: &str) -> &str {
    article
        .find("data-side-by-side")
        .and_then(|i| article[..i].rfind('<'))
        .map_or(article, |tag| &article[..tag])
}

/// The article without its charts, and the PDF without their words: a chart is kurator's SVG,
/// the same picture on both sides, and its labels are drawing, not text, so they are outside
/// this test (the page's reader would run them together, pdftotext reads them in the order the
/// picture places them). In the PDF, the words between those before a chart and the first
/// words after it go.
fn without_charts(article: &str, pdf: &mut Vec<String>) -> String {
    let mut stripped = String::new();
    let mut cuts = Vec::new();
    let mut rest = article;
    while let Some(at) = rest.find("<figure class=\"chart\">") {
        stripped.push_str(&rest[..at]);
        cuts.push(stripped.len());
        let end = at + rest[at..].find("</figure>").expect("a figure ends") + "</figure>".len();
        rest = &rest[end..];
    }
    stripped.push_str(rest);
    let words = html_words(&stripped);
    for cut in cuts.iter().rev() {
        let at = html_words(&stripped[..*cut]).len();
        let after = &words[at.min(words.len())..(at + 8).min(words.len())];
        let chart = (0..=pdf.len().saturating_sub(at)).find(|k| pdf[at + k..].starts_with(after));
        if let Some(k) = chart {
            pdf.drain(at..at + k);
        }
    }
    stripped
}

fn counts(words: &[String]) -> BTreeMap<&str, usize> {
    let mut map = BTreeMap::new();
    for w in words {
        *map.entry(w.as_str()).or_default() += 1;
    }
    map
}

/// Compares the words of a page's article with its PDF beside it; the article's kind, or what
/// differs.
fn compare(page: &Path, out: &Path) -> Option<Result<String, String>> {
    let html = std::fs::read_to_string(page).unwrap();
    let article = article(&html)?;
    let kind = kind(article).unwrap_or_default().to_owned();
    let pdf = page.with_extension("pdf");
    let shown = page.strip_prefix(out).unwrap().display().to_string();
    let html_raw = html_words(article);
    let mut pdf_all = pdf_words(
        &pdf,
        &footer_words(&html),
        &header_words(article),
        &html_raw,
    );
    let article = without_charts(article, &mut pdf_all);
    let html_all = html_words(&article);
    let html_before = html_words(before_side_by_side(&article));
    spanned_heads_in_page_order(&article, &html_all, &mut pdf_all);
    if pdf_all.len() < html_before.len() || pdf_all[..html_before.len()] != html_before[..] {
        let at = pdf_all
            .iter()
            .zip(&html_before)
            .position(|(a, b)| a != b)
            .unwrap_or(pdf_all.len().min(html_before.len()));
        return Some(Err(format!(
            "{shown}: the words part at word {at}: PDF «{}» — HTML «{}»",
            pdf_all[at.saturating_sub(3)..(at + 5).min(pdf_all.len())].join(" "),
            html_before[at.saturating_sub(3)..(at + 5).min(html_before.len())].join(" ")
        )));
    }
    let (a, b) = (counts(&pdf_all), counts(&html_all));
    if a != b {
        let only_pdf: Vec<_> = a.iter().filter(|(w, n)| b.get(*w) != Some(n)).collect();
        let only_html: Vec<_> = b.iter().filter(|(w, n)| a.get(*w) != Some(n)).collect();
        return Some(Err(format!(
            "{shown}: different words; PDF {only_pdf:?}, HTML {only_html:?}"
        )));
    }
    Some(Ok(kind))
}

/// Every page of `out` with a document article, compared; the kinds compared.
fn compare_all(out: &Path) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    let mut failures = Vec::new();
    for page in walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        match compare(&page, out) {
            Some(Ok(kind)) => {
                kinds.insert(kind);
            }
            Some(Err(failure)) => failures.push(failure),
            None => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    kinds
}

#[test]
fn every_document_kind_has_the_same_words_in_its_pdf_and_its_page() {
    // The demo build holds every kind but the region's report, which `kurator region` makes
    // from centres' figures: it is made here from the demo's own build.
    let mut kinds = compare_all(demo());
    let region = testdir::tempdir().unwrap();
    let output = common::run(&[
        "region",
        demo().to_str().unwrap(),
        "--period",
        "2025-Q1",
        "--out",
        region.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    kinds.extend(compare_all(region.path()));
    let every: BTreeSet<String> = Kind::ALL.iter().map(|k| k.template().to_owned()).collect();
    assert_eq!(kinds, every, "kinds compared against kinds there are");
}

#[test]
fn the_html_word_reader_sees_what_a_reader_sees() {
    let words =
        html_words("<p>Тел.:&nbsp;8&#39;<strong>А</strong>Б</p><p class=\"x\">&lt;б&gt;</p>");
    assert_eq!(words, ["Тел.:", "8'АБ", "<б>"]);
}

/// The PDF's XMP metadata as `pdfinfo -meta` prints it.
fn metadata(pdf: &Path) -> String {
    let output = Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed by these tests");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn signed_papers_carry_the_data_version_in_their_metadata_only() {
    // The demo is this repository, a git repository: every document has a version stamp. A
    // paper signed as of its own date — the family's and the case file's alike — does not print
    // it: a commit date after the paper's read as backdating (an act of 18.01.2024 stamped
    // «от 06.12.2026»).
    let out = demo();
    let case = out.join("cases/2024-001");
    let mut family = vec![
        case.join("договор.pdf"),
        case.join("согласие-пдн.pdf"),
        case.join("акт-обследования-2024-01-18.pdf"),
        case.join("распоряжение-куратор.pdf"),
        out.join("протоколы/протокол-консилиума-2024-06-27.pdf"),
    ];
    family.extend(walk(&case).into_iter().filter(|p| {
        p.to_string_lossy().contains("программа-ред") && p.extension().is_some_and(|e| e == "pdf")
    }));
    assert!(family.len() >= 3, "{family:?}");
    for pdf in &family {
        let text = common::pdftotext(pdf);
        assert!(
            !text.contains("— версия "),
            "{}: the git stamp is printed on a signed paper:\n{text}",
            pdf.display()
        );
        let meta = metadata(pdf);
        assert!(
            meta.contains("<pdf:Keywords>Источник: ") && meta.contains("— версия "),
            "{}: no data version in the metadata:\n{meta}",
            pdf.display()
        );
    }
    // A summary of the data as they stand keeps it in its footer, for whoever files it.
    let card = common::pdftotext(&case.join("карточка.pdf"));
    assert!(card.contains("— версия "), "{card}");
}

#[test]
fn a_supplement_is_its_own_paper_that_names_the_agreement_it_changes() {
    let pdf = demo().join("cases/2024-008/доп-соглашение-1.pdf");
    let text = common::pdftotext(&pdf)
        .replace("\u{ad}\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for phrase in [
        "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 1 к договору о социальном сопровождении семьи № 29/2024 от 15.10.2024",
        "«22» декабря 2025 г.",
        "в лице директора Поляковой И. Л., действующего на основании Устава",
        "Захарова Ольга Викторовна, проживающая по адресу",
        "1. Продлить срок действия Договора: Договор действует по «31» марта 2026 г. включительно.",
        "2. Дополнить раздел 3 Договора обязанностями Получателя: — посещать с детьми занятия",
        "О. В. Захарова",
    ] {
        assert!(text.contains(phrase), "«{phrase}» not in\n{text}");
    }
}

#[test]
fn the_agreement_gives_the_centres_registration_numbers_among_its_requisites() {
    let case = demo().join("cases/2024-001");
    let pdf = common::pdftotext(&case.join("договор.pdf"));
    let html = common::html_text(&std::fs::read_to_string(case.join("договор.html")).unwrap());
    for line in ["ОГРН 1027200123455", "ИНН/КПП 7215004329/721501001"] {
        assert!(pdf.contains(line), "«{line}» not in the PDF:\n{pdf}");
        assert!(
            html.contains(&common::normalise(line)),
            "«{line}» not in the HTML"
        );
    }
}
