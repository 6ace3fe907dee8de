//! The candidacy tracker's rules (issue 19): a candidate city's dossier follows the UCCN
//! call's steps (intent; national pre-selection by the Vietnam National Commission for
//! UNESCO; the application form and its annexes; submission by the call's deadline;
//! evaluation and decision). The steps are data (each call's dates change), ordered by
//! their position; each dossier step has a planned and a done date. Pure: the store keeps
//! the steps and dates, these rules say, as of a day, which step is current and which are
//! overdue. The forms' checks (a step's names, a dossier step's dates and note) are here
//! too; the store (`sql/candidacies.rs`) keeps them, the pages are `web::candidacies`.

use super::CityError;
use crate::vocab::{Language, ParseError, vocabulary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    #[derive(Default)]
    CandidacyStatus, "candidacy status" {
        #[default]
        Considering = "considering", "đang cân nhắc", "considering";
        Preparing = "preparing", "đang chuẩn bị hồ sơ", "preparing";
        Submitted = "submitted", "đã nộp hồ sơ", "submitted";
        Designated = "designated", "được công nhận", "designated";
        NotDesignated = "not_designated", "chưa được công nhận", "not designated";
    }
}

/// The dossiers the 2025 plan names (section B.3: Huế, Quảng Ninh, Đà Nẵng), seeded with
/// the Vietnamese cities by the city import: (UNESCO slug, field code, status). Only
/// Huế's field is known (Gastronomy, preparing).
pub const SEEDED_DOSSIERS: [(&str, Option<&str>, CandidacyStatus); 3] = [
    ("hue", Some("gastronomy"), CandidacyStatus::Preparing),
    ("quang-ninh", None, CandidacyStatus::Considering),
    ("da-nang", None, CandidacyStatus::Considering),
];

/// The longest step name and dossier note, in characters.
pub const MAX_STEP_NAME: usize = 160;
pub const MAX_NOTE: usize = 2000;

/// A step's names as typed; the English one may be empty (the page then shows the
/// Vietnamese).
pub fn check_step_names(vi: &str, en: &str) -> Result<(String, String), CityError> {
    let vi = vntext::text::nfc(vi.trim());
    let en = vntext::text::nfc(en.trim());
    if vi.is_empty() {
        return Err(CityError::NameRequired);
    }
    if vi.chars().count() > MAX_STEP_NAME || en.chars().count() > MAX_STEP_NAME {
        return Err(CityError::TooLong { max: MAX_STEP_NAME });
    }
    Ok((vi, en))
}

/// A dossier step as typed on the dossier page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepDraft {
    pub planned: String,
    pub done: String,
    pub note: String,
}

/// A dossier step as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepInput {
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub note: String,
}

/// Which field of the step form an error goes beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Planned,
    Done,
    Note,
}

impl StepDraft {
    /// Dates are dd/mm/yyyy (or empty); each bad one is named with what was typed.
    pub fn check(&self) -> Result<StepInput, Vec<(StepField, CityError)>> {
        let mut errors = Vec::new();
        let mut date = |typed: &str, field: StepField| match vntext::typed::parse_date(typed) {
            Ok(d) => d,
            Err(_) => {
                let shown = typed.trim().chars().take(20).collect();
                errors.push((field, CityError::BadDate(shown)));
                None
            }
        };
        let planned = date(&self.planned, StepField::Planned);
        let done = date(&self.done, StepField::Done);
        let note = vntext::text::nfc(self.note.trim());
        if note.chars().count() > MAX_NOTE {
            errors.push((StepField::Note, CityError::TooLong { max: MAX_NOTE }));
        }
        if errors.is_empty() {
            Ok(StepInput {
                planned,
                done,
                note,
            })
        } else {
            Err(errors)
        }
    }
}

impl StepInput {
    /// Nothing recorded: the row can go.
    pub fn is_empty(&self) -> bool {
        self.planned.is_none() && self.done.is_none() && self.note.is_empty()
    }
}

/// How far a dossier is: steps done by `today` out of all.
pub fn progress(
    steps: &[Step],
    dates: impl Fn(i64) -> StepDates,
    today: NaiveDate,
) -> (usize, usize) {
    let done = steps.iter().filter(|s| dates(s.id).done_by(today)).count();
    (done, steps.len())
}

/// The call's steps as first seeded (Vietnamese, English), in order.
pub const UCCN_CALL_STEPS: [(&str, &str); 5] = [
    ("Đăng ký ý định ứng cử", "Intent"),
    (
        "Sơ tuyển quốc gia (Ủy ban Quốc gia UNESCO Việt Nam)",
        "National pre-selection (Vietnam National Commission for UNESCO)",
    ),
    ("Hồ sơ ứng cử và phụ lục", "Application form and annexes"),
    (
        "Nộp hồ sơ trước hạn của đợt xét",
        "Submission by the call's deadline",
    ),
    ("Thẩm định và quyết định", "Evaluation and decision"),
];

/// A step of the call: its id and its place (lower first; ties by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub id: i64,
    pub position: i64,
}

/// A dossier's dates for one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepDates {
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
}

impl StepDates {
    /// Done as of `today`: a done date on or before it.
    pub fn done_by(&self, today: NaiveDate) -> bool {
        self.done.is_some_and(|d| d <= today)
    }

    /// Overdue as of `today`: planned before it and not done by it.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.planned.is_some_and(|p| p < today) && !self.done_by(today)
    }
}

/// Where a step stands as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    /// The first step not done: what the dossier is at.
    Current,
    Later,
}

/// The steps in the call's order: by position, then id.
pub fn in_order(mut steps: Vec<Step>) -> Vec<Step> {
    steps.sort_by_key(|s| (s.position, s.id));
    steps
}

/// The current step as of `today`: the first, in order, not done by then (`None` when
/// every step is done). A later step done early does not skip an earlier one.
pub fn current_step(
    steps: &[Step],
    dates: impl Fn(i64) -> StepDates,
    today: NaiveDate,
) -> Option<i64> {
    in_order(steps.to_vec())
        .into_iter()
        .find(|s| !dates(s.id).done_by(today))
        .map(|s| s.id)
}

/// Each step in order with its state as of `today` and whether it is overdue.
pub fn states(
    steps: &[Step],
    dates: impl Fn(i64) -> StepDates,
    today: NaiveDate,
) -> Vec<(i64, StepState, bool)> {
    let current = current_step(steps, &dates, today);
    in_order(steps.to_vec())
        .into_iter()
        .map(|s| {
            let d = dates(s.id);
            let state = if d.done_by(today) {
                StepState::Done
            } else if Some(s.id) == current {
                StepState::Current
            } else {
                StepState::Later
            };
            (s.id, state, d.overdue(today))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn steps() -> Vec<Step> {
        // Stored out of order; step 9 was inserted between 1 and 2 (position 15).
        vec![
            Step {
                id: 2,
                position: 20,
            },
            Step {
                id: 1,
                position: 10,
            },
            Step {
                id: 9,
                position: 15,
            },
            Step {
                id: 3,
                position: 30,
            },
        ]
    }

    fn dossier() -> HashMap<i64, StepDates> {
        HashMap::from([
            (
                1,
                StepDates {
                    planned: Some(d(2025, 1, 31)),
                    done: Some(d(2025, 1, 20)),
                },
            ),
            (
                9,
                StepDates {
                    planned: Some(d(2025, 3, 1)),
                    done: Some(d(2025, 6, 1)),
                },
            ),
            (
                2,
                StepDates {
                    planned: Some(d(2025, 5, 1)),
                    done: None,
                },
            ),
            (
                3,
                StepDates {
                    planned: Some(d(2025, 6, 30)),
                    done: Some(d(2025, 4, 1)),
                },
            ),
        ])
    }

    #[test]
    fn steps_follow_their_position_then_id() {
        let ids: Vec<i64> = in_order(steps()).iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 9, 2, 3]);
        let tie = in_order(vec![
            Step { id: 7, position: 1 },
            Step { id: 4, position: 1 },
        ]);
        assert_eq!(tie[0].id, 4);
    }

    #[test]
    fn the_current_step_is_the_first_not_done_as_of_the_day() {
        let dates = dossier();
        let get = |id: i64| dates.get(&id).copied().unwrap_or_default();
        // In February step 9 (planned March, done in June) is current.
        assert_eq!(current_step(&steps(), get, d(2025, 2, 1)), Some(9));
        // Done on 1 June: from that day on, step 2 is current; step 3 done early does
        // not skip it.
        assert_eq!(current_step(&steps(), get, d(2025, 5, 31)), Some(9));
        assert_eq!(current_step(&steps(), get, d(2025, 6, 1)), Some(2));
        // Before any step was done, the first.
        assert_eq!(current_step(&steps(), get, d(2025, 1, 1)), Some(1));
        let all_done = |_| StepDates {
            planned: None,
            done: Some(d(2025, 1, 1)),
        };
        assert_eq!(current_step(&steps(), all_done, d(2025, 2, 1)), None);
        assert_eq!(current_step(&[], get, d(2025, 2, 1)), None);
    }

    #[test]
    fn overdue_is_planned_before_the_day_and_not_done_by_it() {
        let dates = dossier();
        let get = |id: i64| dates.get(&id).copied().unwrap_or_default();
        let s = states(&steps(), get, d(2025, 5, 2));
        assert_eq!(
            s,
            [
                (1, StepState::Done, false),
                (9, StepState::Current, true),
                (2, StepState::Later, true),
                (3, StepState::Done, false),
            ]
        );
        // On its planned day a step is not yet overdue; with no plan, never.
        let due = StepDates {
            planned: Some(d(2025, 5, 1)),
            done: None,
        };
        assert!(!due.overdue(d(2025, 5, 1)) && due.overdue(d(2025, 5, 2)));
        assert!(!StepDates::default().overdue(d(2030, 1, 1)));
        // A done date after the day does not count yet.
        let later = StepDates {
            planned: Some(d(2025, 1, 1)),
            done: Some(d(2025, 3, 1)),
        };
        assert!(later.overdue(d(2025, 2, 1)) && !later.overdue(d(2025, 3, 1)));
    }

    #[test]
    fn a_step_form_reads_dd_mm_yyyy_and_names_a_bad_date() {
        let ok = StepDraft {
            planned: "15/03/2026".into(),
            done: String::new(),
            note: "  Hội thảo ẩm thực  ".into(),
        }
        .check()
        .unwrap();
        assert_eq!(ok.planned, Some(d(2026, 3, 15)));
        assert_eq!(ok.done, None);
        assert_eq!(ok.note, "Hội thảo ẩm thực");
        let bad = StepDraft {
            planned: "31/02/2026".into(),
            done: "hôm qua".into(),
            note: "x".repeat(MAX_NOTE + 1),
        }
        .check()
        .unwrap_err();
        assert_eq!(
            bad,
            [
                (StepField::Planned, CityError::BadDate("31/02/2026".into())),
                (StepField::Done, CityError::BadDate("hôm qua".into())),
                (StepField::Note, CityError::TooLong { max: MAX_NOTE }),
            ]
        );
        assert!(StepInput::default().is_empty() && !ok.is_empty());
    }

    #[test]
    fn step_names_need_vietnamese_and_are_bounded() {
        assert_eq!(
            check_step_names(" Ý định ", ""),
            Ok(("Ý định".to_string(), String::new()))
        );
        assert_eq!(
            check_step_names("  ", "Intent"),
            Err(CityError::NameRequired)
        );
        assert!(check_step_names(&"a".repeat(MAX_STEP_NAME + 1), "").is_err());
    }

    #[test]
    fn progress_counts_the_steps_done_by_the_day() {
        let dates = dossier();
        let get = |id: i64| dates.get(&id).copied().unwrap_or_default();
        assert_eq!(progress(&steps(), get, d(2025, 5, 2)), (2, 4));
        assert_eq!(progress(&steps(), get, d(2025, 6, 1)), (3, 4));
        assert_eq!(progress(&[], get, d(2025, 6, 1)), (0, 0));
    }

    #[test]
    fn the_seeded_steps_are_the_calls_five() {
        assert_eq!(UCCN_CALL_STEPS.len(), 5);
        assert!(
            UCCN_CALL_STEPS[1]
                .1
                .contains("Vietnam National Commission for UNESCO")
        );
    }
}
