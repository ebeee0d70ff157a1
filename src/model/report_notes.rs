//! The head's own part of a quarterly справка: `reports/<квартал>.yaml` (`reports/2025-Q1.yaml`).
//!
//! The справка's figures come from the case files; what only the head can write — the
//! registration number and date of the справка and the analysis with proposals that the
//! regulations ask for every quarter (Положение о кураторе случая, п. 2.3: «аналитическая
//! информация о динамике семейной ситуации … и эффективности мероприятий») — lives here, one
//! file per quarter, and is printed in the centre's справка.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// Выводы и предложения к аналитической справке за квартал (файл `reports/<ГГГГ>-Q<N>.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Аналитическая справка за квартал")]
pub struct ReportNotes {
    /// Регистрационный номер справки, например «17/2025»; если не указан — в справке остаётся строка «№ ____» для записи от руки.
    #[serde(rename = "номер", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Номер справки")]
    pub number: Option<String>,

    /// Дата справки: не раньше последнего дня квартала; если не указана — в справке остаётся строка для даты.
    #[serde(rename = "дата", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Дата справки")]
    pub date: Option<Date>,

    /// Выводы руководителя по итогам квартала, каждый пункт — отдельный абзац.
    #[serde(rename = "выводы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Выводы")]
    pub conclusions: Vec<String>,

    /// Предложения руководителя: что изменить в работе с семьями, кого привлечь.
    #[serde(rename = "предложения", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Предложения")]
    pub proposals: Vec<String>,
}
