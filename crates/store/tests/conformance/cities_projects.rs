//! Joint projects with cities (issue 19) on both backends: the record and its cities, the
//! stale edit and removal refused, staff refused, the list's filters and folded search,
//! each project on its cities' timelines (paged in SQL) and in "last contact", the plan
//! item's projects, every change audited.

use super::cities::{CITIES, find, rows};
use super::events::seed;
use super::*;
use domain::cities::InteractionKind;
use domain::cities::project::{ProjectDraft, ProjectInput, ProjectStatus};
use domain::{CityError, CityId};
use store::{ProjectFilter, TimelineDetail};

conformance!(
    cities_projects_record_edit_and_remove,
    cities_projects_list_filters_and_timelines,
);

fn project(title: &str, cities: &[CityId], start: &str, end: &str) -> ProjectInput {
    ProjectDraft {
        title: title.into(),
        description: "Trao đổi nhà thiết kế trẻ".into(),
        cities: cities.to_vec(),
        start: start.into(),
        end: end.into(),
        status: "ongoing".into(),
        item: None,
        unit: None,
    }
    .check()
    .unwrap()
}

fn all() -> ProjectFilter {
    ProjectFilter {
        page: 1,
        per_page: 100,
        ..Default::default()
    }
}

async fn cities_projects_record_edit_and_remove(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let bangkok = find(store, "bangkok").await.id;
    let da_lat = find(store, "da-lat").await.id;
    let mut input = project(
        "Tuần lễ Thiết kế Hà Nội – Bangkok",
        &[bangkok, da_lat],
        "01/03/2025",
        "",
    );
    input.item = Some(s.sessions_item);
    input.unit = Some(s.qlds);
    // Staff, partners and the lead unit's people do not record projects.
    for who in [&s.lead, &s.partner, &s.outsider] {
        assert!(matches!(
            store.create_project(&input, who).await,
            Err(StoreError::City(CityError::Forbidden { .. }))
        ));
    }
    let id = store.create_project(&input, &s.board).await.unwrap();
    let p = store.project(id).await.unwrap().unwrap();
    assert_eq!(p.title, "Tuần lễ Thiết kế Hà Nội – Bangkok");
    assert_eq!(p.status, ProjectStatus::Ongoing);
    assert_eq!((p.start, p.end), (date(2025, 3, 1), None));
    let names: Vec<&str> = p.cities.iter().map(|c| c.1.as_str()).collect();
    assert_eq!(names, ["Bangkok", "Đà Lạt"]);
    assert_eq!(p.item.as_ref().map(|i| i.0), Some(s.sessions_item));
    assert!(p.unit.as_ref().is_some_and(|u| u.0 == s.qlds));
    assert_eq!(p.version, 1);

    // An unknown city (a forged form) is refused, nothing written.
    let forged = project("Dự án ma", &[CityId(999_999)], "01/03/2025", "");
    assert!(matches!(
        store.create_project(&forged, &s.board).await,
        Err(StoreError::City(CityError::BadChoice))
    ));

    // The edit: Bangkok only, done, an end; version 2.
    let mut edit = project(
        "Tuần lễ Thiết kế Hà Nội – Bangkok",
        &[bangkok],
        "01/03/2025",
        "30/11/2025",
    );
    edit.status = ProjectStatus::Done;
    assert!(matches!(
        store.update_project(id, 1, &edit, &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    assert_eq!(
        store.update_project(id, 1, &edit, &s.admin).await.unwrap(),
        2
    );
    let p = store.project(id).await.unwrap().unwrap();
    assert_eq!(p.cities.len(), 1);
    assert_eq!(p.end, Some(date(2025, 11, 30)));
    assert_eq!((p.item, p.unit), (None, None));
    // The same version again is stale: a conflict naming the current version.
    match store.update_project(id, 1, &edit, &s.board).await {
        Err(StoreError::Conflict { conflict, .. }) => assert_eq!(conflict.current, 2),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(
        store.remove_project(id, 1, &s.board).await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        store.remove_project(id, 2, &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    store.remove_project(id, 2, &s.board).await.unwrap();
    assert_eq!(store.project(id).await.unwrap(), None);
    assert_eq!(store.city_timeline(bangkok, 1, 100).await.unwrap().total, 0);
    assert!(matches!(
        store.remove_project(id, 2, &s.board).await,
        Err(StoreError::NotFound(_))
    ));

    let audit = store.audit_recent(100).await.unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .filter(|e| e.action.starts_with("city.project"))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "city.project_remove",
            "city.project_update",
            "city.project_create"
        ]
    );
}

async fn cities_projects_list_filters_and_timelines(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let bangkok = find(store, "bangkok").await.id;
    let da_lat = find(store, "da-lat").await.id;
    let mut week = project(
        "Tuần lễ Thiết kế Đông Nam Á",
        &[bangkok, da_lat],
        "01/03/2025",
        "31/03/2025",
    );
    week.item = Some(s.sessions_item);
    let week = store.create_project(&week, &s.board).await.unwrap();
    let mut music = project("Đêm nhạc Đà Lạt", &[da_lat], "15/06/2025", "");
    music.status = ProjectStatus::Proposed;
    let music = store.create_project(&music, &s.board).await.unwrap();
    // A letter on the same day as the project's start comes before it on the timeline.
    let letter = domain::cities::LetterDraft {
        kind: "letter".into(),
        direction: "out".into(),
        date: "01/03/2025".into(),
        title: "Thư mời".into(),
        ..Default::default()
    }
    .check()
    .unwrap();
    store
        .add_letter(bangkok, &letter, None, &s.board)
        .await
        .unwrap();

    // The list: the latest start first; by status, by city, by folded title.
    let ids = |page: store::ProjectPage| page.rows.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.list_projects(&all()).await.unwrap()),
        [music, week]
    );
    let ongoing = ProjectFilter {
        status: Some(ProjectStatus::Ongoing),
        ..all()
    };
    assert_eq!(ids(store.list_projects(&ongoing).await.unwrap()), [week]);
    let in_bangkok = ProjectFilter {
        city: Some(bangkok),
        ..all()
    };
    let page = store.list_projects(&in_bangkok).await.unwrap();
    assert_eq!(page.total, 1);
    // The row carries all its cities, not only the one filtered on.
    assert_eq!(page.rows[0].cities.len(), 2);
    let folded = ProjectFilter {
        text: "dong nam a".into(),
        ..all()
    };
    assert_eq!(ids(store.list_projects(&folded).await.unwrap()), [week]);
    let none = ProjectFilter {
        text: "100%".into(),
        ..all()
    };
    assert_eq!(store.list_projects(&none).await.unwrap().total, 0);
    // Pages of one: the second is the older project; past the end is the last.
    let paged = ProjectFilter {
        per_page: 1,
        page: 9,
        ..all()
    };
    let last = store.list_projects(&paged).await.unwrap();
    assert_eq!((last.page, last.total, ids(last)), (2, 2, vec![week]));

    // Bangkok's timeline: the letter, then the project on its start day.
    let t = store.city_timeline(bangkok, 1, 100).await.unwrap();
    assert_eq!(t.total, 2);
    let kinds: Vec<InteractionKind> = t.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [InteractionKind::Letter, InteractionKind::Project]);
    let p = &t.entries[1];
    assert_eq!((p.id, p.on), (week.0, date(2025, 3, 1)));
    assert_eq!(
        p.detail,
        TimelineDetail::Project {
            status: ProjectStatus::Ongoing,
            end: Some(date(2025, 3, 31)),
        }
    );
    // Đà Lạt's: both projects, the latest first, paged in SQL.
    let first = store.city_timeline(da_lat, 1, 1).await.unwrap();
    assert_eq!((first.total, first.entries[0].id), (2, music.0));
    assert!(matches!(
        first.entries[0].detail,
        TimelineDetail::Project { end: None, .. }
    ));
    let second = store.city_timeline(da_lat, 2, 1).await.unwrap();
    assert_eq!(second.entries[0].id, week.0);

    // Last contact counts a project's start.
    let dates = store.contact_dates().await.unwrap();
    let dl = dates.iter().find(|c| c.id == da_lat).unwrap();
    assert_eq!(dl.latest_project, Some(date(2025, 6, 15)));
    let last = domain::cities::last_contact(
        dl.latest_event,
        &[dl.latest_letter, dl.latest_delegation, dl.latest_project],
    );
    assert_eq!(last, Some(date(2025, 6, 15)));

    // The plan item shows the project serving it.
    let item = store.item_projects(s.sessions_item).await.unwrap();
    assert_eq!(item.len(), 1);
    assert_eq!(item[0].id, week);
    assert_eq!(item[0].cities.len(), 2);
    assert!(store.item_projects(s.shows_item).await.unwrap().is_empty());
}
