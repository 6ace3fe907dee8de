//! Joint projects (dự án hợp tác, issue 19): a project Hanoi runs with one or more cities
//! of the directory, with its dates, status, and optionally the plan item it serves and
//! its lead unit. It shows on each of its cities' timelines on its start day.

use super::{CityError, CityId, MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::vocab::{Language, ParseError, vocabulary};
use crate::{ItemId, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

crate::ids::id_type!(
    /// A joint project with cities of the network.
    ProjectId,
);

vocabulary! {
    /// Where a joint project stands.
    #[derive(Default)]
    ProjectStatus, "project status" {
        #[default]
        Proposed = "proposed", "đề xuất", "proposed";
        Ongoing = "ongoing", "đang thực hiện", "ongoing";
        Done = "done", "đã hoàn thành", "done";
        Dropped = "dropped", "đã dừng", "dropped";
    }
}

/// A project's title is a line, like a letter's subject.
pub const MAX_PROJECT_TITLE_CHARS: usize = MAX_NAME_CHARS * 2;
/// A project has a handful of partner cities; more is a forged form.
pub const MAX_PROJECT_CITIES: usize = 50;

/// A project as typed (ids already read from their `<select>`s).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectDraft {
    pub title: String,
    pub description: String,
    pub cities: Vec<CityId>,
    pub start: String,
    pub end: String,
    pub status: String,
    pub item: Option<ItemId>,
    pub unit: Option<UnitId>,
}

/// A checked project, texts NFC and trimmed, cities sorted once each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectInput {
    pub title: String,
    pub description: String,
    pub cities: Vec<CityId>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub status: ProjectStatus,
    pub item: Option<ItemId>,
    pub unit: Option<UnitId>,
}

/// Which form field a project's error belongs beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectField {
    Title,
    Description,
    Cities,
    Start,
    End,
    Status,
}

fn read_day(raw: &str) -> Result<Option<NaiveDate>, CityError> {
    vntext::typed::parse_date(raw)
        .map_err(|_| CityError::BadDate(raw.trim().chars().take(20).collect()))
}

impl ProjectDraft {
    /// The project, or every field's problem. The start day is required (it places the
    /// project on the timelines); the end may be left open, and is not before the start.
    pub fn check(&self) -> Result<ProjectInput, Vec<(ProjectField, CityError)>> {
        let mut errors = Vec::new();
        let title = vntext::text::nfc(self.title.trim());
        if title.is_empty() {
            errors.push((ProjectField::Title, CityError::NameRequired));
        } else if title.chars().count() > MAX_PROJECT_TITLE_CHARS {
            let max = MAX_PROJECT_TITLE_CHARS;
            errors.push((ProjectField::Title, CityError::TooLong { max }));
        }
        let description = vntext::text::nfc(self.description.trim());
        if description.chars().count() > MAX_NOTE_CHARS {
            let max = MAX_NOTE_CHARS;
            errors.push((ProjectField::Description, CityError::TooLong { max }));
        }
        let mut cities = self.cities.clone();
        cities.sort_unstable();
        cities.dedup();
        if cities.is_empty() {
            errors.push((ProjectField::Cities, CityError::NoCity));
        } else if cities.len() > MAX_PROJECT_CITIES {
            errors.push((ProjectField::Cities, CityError::BadChoice));
        }
        let start = match read_day(&self.start) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.push((ProjectField::Start, CityError::DateRequired));
                None
            }
            Err(e) => {
                errors.push((ProjectField::Start, e));
                None
            }
        };
        let end = match read_day(&self.end) {
            Ok(d) => d,
            Err(e) => {
                errors.push((ProjectField::End, e));
                None
            }
        };
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.push((ProjectField::End, CityError::EndBeforeStart));
        }
        let status = self.status.parse::<ProjectStatus>();
        if status.is_err() {
            errors.push((ProjectField::Status, CityError::BadChoice));
        }
        match (start, status) {
            (Some(start), Ok(status)) if errors.is_empty() => Ok(ProjectInput {
                title,
                description,
                cities,
                start,
                end,
                status,
                item: self.item,
                unit: self.unit,
            }),
            _ => Err(errors),
        }
    }
}

/// A project's detail on a city's timeline: "dự án hợp tác · đang thực hiện → 31/12/2025".
pub fn project_detail(lang: Language, status: ProjectStatus, end: Option<NaiveDate>) -> String {
    let word = match lang {
        Language::Vi => "dự án hợp tác",
        Language::En => "joint project",
    };
    let mut s = format!("{word} · {}", status.label(lang));
    if let Some(e) = end {
        s.push_str(" → ");
        s.push_str(&crate::format_date(e));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProjectDraft {
        ProjectDraft {
            title: "  Tuần lễ thiết kế Hà Nội – Bangkok ".into(),
            description: "Trao đổi nhà thiết kế trẻ".into(),
            cities: vec![CityId(3), CityId(1), CityId(3)],
            start: "01/03/2025".into(),
            end: "31/12/2025".into(),
            status: "ongoing".into(),
            item: Some(ItemId(7)),
            unit: None,
        }
    }

    #[test]
    fn a_project_reads_its_dates_and_cities() {
        let p = draft().check().unwrap();
        assert_eq!(p.title, "Tuần lễ thiết kế Hà Nội – Bangkok");
        assert_eq!(p.cities, [CityId(1), CityId(3)]);
        assert_eq!(p.start, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        assert_eq!(p.end, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(p.status, ProjectStatus::Ongoing);
        // An open end is allowed; the same day as the start too.
        let open = ProjectDraft {
            end: " ".into(),
            ..draft()
        };
        assert_eq!(open.check().unwrap().end, None);
        let one_day = ProjectDraft {
            end: "01/03/2025".into(),
            ..draft()
        };
        assert!(one_day.check().is_ok());
    }

    #[test]
    fn each_problem_is_said_beside_its_field() {
        let errs = ProjectDraft {
            title: " ".into(),
            cities: vec![],
            start: "31/02/2025".into(),
            end: "x".into(),
            status: "paused".into(),
            ..draft()
        }
        .check()
        .unwrap_err();
        let fields: Vec<ProjectField> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                ProjectField::Title,
                ProjectField::Cities,
                ProjectField::Start,
                ProjectField::End,
                ProjectField::Status
            ]
        );
        let backwards = ProjectDraft {
            start: "02/03/2025".into(),
            end: "01/03/2025".into(),
            ..draft()
        }
        .check()
        .unwrap_err();
        assert_eq!(backwards, [(ProjectField::End, CityError::EndBeforeStart)]);
        let no_start = ProjectDraft {
            start: "".into(),
            ..draft()
        }
        .check()
        .unwrap_err();
        assert_eq!(no_start, [(ProjectField::Start, CityError::DateRequired)]);
        let long = ProjectDraft {
            title: "a".repeat(MAX_PROJECT_TITLE_CHARS + 1),
            ..draft()
        }
        .check()
        .unwrap_err();
        assert_eq!(
            long,
            [(
                ProjectField::Title,
                CityError::TooLong {
                    max: MAX_PROJECT_TITLE_CHARS
                }
            )]
        );
    }

    #[test]
    fn the_timeline_detail_names_status_and_end() {
        let end = NaiveDate::from_ymd_opt(2025, 12, 31);
        assert_eq!(
            project_detail(Language::Vi, ProjectStatus::Ongoing, end),
            "dự án hợp tác · đang thực hiện → 31/12/2025"
        );
        assert_eq!(
            project_detail(Language::En, ProjectStatus::Done, None),
            "joint project · done"
        );
    }
}
