//! Invitations between cities (issue 19): a city (or Hanoi, by the Board) invites other
//! cities of the network to an event it posted on the shared calendar; each invited city
//! accepts or declines, and may change its answer, until the event ends.

use super::{NetworkError, Viewer};
use crate::cities::CityId;
use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    #[derive(Default)]
    Answer, "invitation answer" {
        #[default]
        Pending = "pending", "Chưa trả lời", "Not answered";
        Accepted = "accepted", "Tham dự", "Attending";
        Declined = "declined", "Không tham dự", "Not attending";
    }
}

/// An answer's note, in characters.
pub const NOTE_MAX: usize = 500;

/// Who may invite cities to an event: its author only — the city that posted it, or the
/// Board and admins for Hanoi's (`author` `None`). Unlike `can_change`, the Board does not
/// invite in a city's name.
pub fn may_invite(viewer: Viewer, author: Option<CityId>) -> bool {
    match viewer {
        Viewer::City(c) => author == Some(c),
        Viewer::Department { manage } => manage && author.is_none(),
    }
}

/// Whether `city` may be invited to an event of `author`: a city of the network
/// (`is_network_city`), not the author itself, not invited already.
pub fn check_invitee(
    author: Option<CityId>,
    city: CityId,
    in_network: bool,
    already_invited: bool,
) -> Result<(), NetworkError> {
    if author == Some(city) {
        Err(NetworkError::InviteSelf)
    } else if !in_network {
        Err(NetworkError::NotVietnamese)
    } else if already_invited {
        Err(NetworkError::InvitedTwice)
    } else {
        Ok(())
    }
}

/// Whether `viewer` may answer the invitation of `invited` to an event ending at `end`
/// (wall clock of the event's zone), `now` being the same clock's reading: only an account
/// of the invited city (the department sees but does not answer for it), until the event
/// ends; the answer itself is accepted or declined.
pub fn check_answer(
    viewer: Viewer,
    invited: CityId,
    answer: Answer,
    end: chrono::NaiveDateTime,
    now: chrono::NaiveDateTime,
) -> Result<(), NetworkError> {
    if viewer != Viewer::City(invited) {
        return Err(NetworkError::Forbidden {
            action: "answer for another city",
        });
    }
    if answer == Answer::Pending {
        return Err(NetworkError::BadChoice);
    }
    if now >= end {
        return Err(NetworkError::AnswerClosed);
    }
    Ok(())
}

/// The wall clock of `zone` (an IANA name; Hanoi's when unknown) at unix second `now`: what
/// an event's local end is compared with.
pub fn local_now(zone: &str, now: i64) -> chrono::NaiveDateTime {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(crate::events::HANOI);
    chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .naive_local()
}

/// How many cities were invited, accepted and declined, from their answers.
pub fn counts(answers: &[Answer]) -> (i64, i64, i64) {
    let n = |a: Answer| answers.iter().filter(|x| **x == a).count() as i64;
    (
        answers.len() as i64,
        n(Answer::Accepted),
        n(Answer::Declined),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const HUE: CityId = CityId(5);
    const DA_LAT: CityId = CityId(6);

    fn at(h: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 10)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn only_the_author_invites() {
        assert!(may_invite(Viewer::City(HUE), Some(HUE)));
        assert!(!may_invite(Viewer::City(DA_LAT), Some(HUE)));
        assert!(!may_invite(Viewer::City(HUE), None));
        let board = Viewer::Department { manage: true };
        assert!(may_invite(board, None));
        assert!(!may_invite(board, Some(HUE)), "not in a city's name");
        assert!(!may_invite(Viewer::Department { manage: false }, None));
    }

    #[test]
    fn whom_a_city_invites() {
        assert_eq!(check_invitee(Some(HUE), DA_LAT, true, false), Ok(()));
        assert_eq!(check_invitee(None, HUE, true, false), Ok(()));
        assert_eq!(
            check_invitee(Some(HUE), HUE, true, false),
            Err(NetworkError::InviteSelf)
        );
        assert_eq!(
            check_invitee(Some(HUE), DA_LAT, false, false),
            Err(NetworkError::NotVietnamese)
        );
        assert_eq!(
            check_invitee(Some(HUE), DA_LAT, true, true),
            Err(NetworkError::InvitedTwice)
        );
    }

    #[test]
    fn who_answers_and_until_when() {
        let dalat = Viewer::City(DA_LAT);
        let ok = check_answer(dalat, DA_LAT, Answer::Accepted, at(17), at(16));
        assert_eq!(ok, Ok(()));
        assert_eq!(
            check_answer(dalat, DA_LAT, Answer::Declined, at(17), at(9)),
            Ok(())
        );
        for other in [
            Viewer::City(HUE),
            Viewer::Department { manage: true },
            Viewer::Department { manage: false },
        ] {
            assert!(matches!(
                check_answer(other, DA_LAT, Answer::Accepted, at(17), at(9)),
                Err(NetworkError::Forbidden { .. })
            ));
        }
        assert_eq!(
            check_answer(dalat, DA_LAT, Answer::Accepted, at(17), at(17)),
            Err(NetworkError::AnswerClosed)
        );
        assert_eq!(
            check_answer(dalat, DA_LAT, Answer::Pending, at(17), at(9)),
            Err(NetworkError::BadChoice)
        );
    }

    #[test]
    fn the_event_clock_is_its_zone() {
        // 03:00 UTC is 10:00 in Hanoi and 04:00 in Paris (winter).
        let now = 1_796_871_600; // 2026-12-10T03:00:00Z
        assert_eq!(local_now("Asia/Ho_Chi_Minh", now), at(10));
        assert_eq!(local_now("Europe/Paris", now), at(4));
        assert_eq!(local_now("Mars/Olympus", now), at(10), "unknown: Hanoi");
    }

    #[test]
    fn answers_read_back_and_count() {
        for a in Answer::ALL {
            assert_eq!(a.as_str().parse::<Answer>().unwrap(), *a);
        }
        assert!("maybe".parse::<Answer>().is_err());
        assert_eq!(Answer::Accepted.label(Language::Vi), "Tham dự");
        let list = [
            Answer::Accepted,
            Answer::Pending,
            Answer::Declined,
            Answer::Accepted,
        ];
        assert_eq!(counts(&list), (4, 2, 1));
        assert_eq!(counts(&[]), (0, 0, 0));
    }
}
