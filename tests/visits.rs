//! The papers of the curator's own work with a family between the programme and the closure
//! (issue 18): the act of each home visit (Положение о кураторе семьи, п. 3.1; Положение о
//! кураторе случая, п. 2.3), the interim analysis for the coordinator (п. 3.1) and the
//! conclusion of final monitoring (п. 1.5.4) — read from the demo's PDF (poppler's pdftotext)
//! and its HTML page, with the names declined, the dates and the references a head of
//! department checks before signing.

mod common;

use common::{demo, html_text, normalise, pdftotext};

/// The text of a case paper as its PDF and as its page, each normalised.
fn both(case: &str, file: &str) -> [(&'static str, String); 2] {
    let dir = demo().join("cases").join(case);
    let pdf = dir.join(format!("{file}.pdf"));
    assert!(pdf.is_file(), "{case}/{file}.pdf was not built");
    let page = std::fs::read_to_string(dir.join(format!("{file}.html")))
        .unwrap_or_else(|e| panic!("{case}/{file}.html: {e}"));
    [
        ("PDF", normalise(&pdftotext(&pdf))),
        ("HTML", normalise(&html_text(&page))),
    ]
}

fn assert_phrases(case: &str, file: &str, phrases: &[&str]) {
    for (format, text) in both(case, file) {
        for phrase in phrases {
            let phrase = normalise(phrase);
            assert!(
                text.contains(&phrase),
                "{case}/{file} ({format}): «{phrase}» not in\n{text}"
            );
        }
    }
}

/// Table cells: in the PDF a cell's words wrap among its neighbours', so a cell is looked for
/// in the page (tests/words.rs holds the PDF to the page's words).
fn assert_cells(case: &str, file: &str, cells: &[&str]) {
    let [_, (_, page)] = both(case, file);
    for cell in cells {
        let cell = normalise(cell);
        assert!(
            page.contains(&cell),
            "{case}/{file}: «{cell}» not in\n{page}"
        );
    }
}

#[test]
fn a_visit_act_names_the_visitors_with_positions_those_present_and_the_recommendations() {
    assert_phrases(
        "2024-001",
        "акт-посещения-2024-01-18",
        &[
            "АКТ № 1 посещения семьи Кудрявцевых",
            "«18» января 2024 г.",
            "Случай № 2024-001. Адрес: г. Верхнеозёрск, ул. Заводская, д. 27.",
            "Вид посещения: плановое.",
            "Кречетова Е. В., специалист по социальной работе отделения психолого-педагогической \
             помощи семье и детям",
            "Зуева Т. А., социальный педагог, МБОУ «Средняя общеобразовательная школа № 2»",
            "Посещение проведено в присутствии: Кудрявцевой Марины Олеговны (мать), Кудрявцева \
             Сергея Валентиновича (отец).",
            "Знакомство с семьёй, акт обследования.",
            "— отец в состоянии похмелья, от беседы о лечении не отказывается",
            "Рекомендации и договорённости",
            "Матери собрать справки о доходах",
            "Е. В. Кречетова",
            "Т. А. Зуева",
            // The applicant was present: she reads the act, the word agreed with her.
            "С актом ознакомлена:",
            "М. О. Кудрявцева",
        ],
    );
}

#[test]
fn an_unplanned_visit_is_read_by_the_member_present_in_his_words() {
    assert_phrases(
        "2024-001",
        "акт-посещения-2024-02-15",
        &[
            "АКТ № 2 посещения семьи Кудрявцевых",
            "Вид посещения: внеплановое.",
            "в присутствии: Кудрявцева Сергея Валентиновича (отец).",
            "С актом ознакомлен:",
            "С. В. Кудрявцев",
        ],
    );
    // A visit with only the outcome recorded is still an act, signed by the curator.
    assert_phrases(
        "2024-001",
        "акт-посещения-2024-04-18",
        &[
            "АКТ № 4 посещения семьи Кудрявцевых",
            "Трезв. Артём пропусков не имеет.",
        ],
    );
}

#[test]
fn the_interim_analysis_counts_the_measures_due_in_its_period_and_goes_to_the_coordinator() {
    let file = "промежуточный-анализ-2024-07-05";
    assert_phrases(
        "2024-001",
        file,
        &[
            "Координатору социального сопровождения Лаврентьевой Г. С.",
            "Промежуточный анализ реализации программы социального сопровождения семьи \
             Кудрявцевых за период с 01.04.2024 по 30.06.2024",
            "«05» июля 2024 г.",
            "На период с 01.04.2024 по 30.06.2024 программой предусмотрено мероприятий: 3; \
             выполнено: 3; не выполнено: 0.",
            "Посещений семьи по месту жительства в периоде: 3, последнее — 20.06.2024.",
            "Выводы куратора",
            "Соглашение о рассрочке долга подписано с опозданием на 20 дней",
            "Предложения",
            "Перейти на базовый уровень",
            "Куратор семьи",
            "Е. В. Кречетова",
        ],
    );
    assert_cells(
        "2024-001",
        file,
        &[
            // Due 30.04, done 20.05: late, and the analysis says so.
            "30.04.2024",
            "выполнено 20.05.2024 с нарушением срока",
            "выполнено 17.06.2024",
            "27.06.2024 положительная базовый скорректировать программу",
        ],
    );
    // The first quarter's analysis: the level then, and its own measures only.
    assert_phrases(
        "2024-001",
        "промежуточный-анализ-2024-04-05",
        &[
            "за период с 01.02.2024 по 31.03.2024",
            "предусмотрено мероприятий: 2; выполнено: 2",
        ],
    );
    assert_cells(
        "2024-001",
        "промежуточный-анализ-2024-04-05",
        &["Уровень сопровождения интенсивный"],
    );
}

#[test]
fn the_final_monitoring_conclusion_compares_the_inspections_and_is_approved_by_the_director() {
    let file = "заключение-итогового-мониторинга";
    assert_phrases(
        "2024-001",
        file,
        &[
            "УТВЕРЖДАЮ Директор",
            "И. Л. Полякова",
            "ЗАКЛЮЧЕНИЕ по итогам итогового мониторинга социальной ситуации в семье Кудрявцевых \
             и эффективности социального сопровождения",
            "«12» декабря 2024 г.",
            "в соответствии с пунктом 1.5.4 Положения о кураторе семьи",
            "Ушакова М. Ю., заведующий отделением психолого-педагогической помощи семье и детям",
            "Динамика по последнему решению социального консилиума: положительная (заседание \
             26.09.2024).",
            "Мероприятий программы: 6; выполнено: 6.",
            "Семья вышла из социально опасного положения.",
            "По итогам мониторинга предлагается завершить социальное сопровождение семьи.",
            // No recommendations of its own: the closure's.
            "Продолжить диспансерное наблюдение отца у нарколога",
            "Е. В. Кречетова",
            "М. Ю. Ушакова",
            "Т. А. Зуева",
        ],
    );
    assert_cells(
        "2024-001",
        file,
        &[
            "Обследование 18.01.2024",
            "Обследование 10.12.2024",
            "Отказ родителей от вредных привычек нет да",
        ],
    );
}
