//! The city directory (issue 19) on both backends: the UCCN import is idempotent (keyed on
//! the UNESCO slug) and keeps what the department typed; the Vietnamese facts; the
//! directory's filters and folded search; a city's timeline of events and letters and the
//! "last contact" dates; staff are refused; every change audited.

use super::events::{at, input, seed};
use super::*;
use domain::cities::import::{ImportCity, merge, parse_cities, parse_points};
use domain::cities::{CityDraft, CityStatus, FieldDraft, LetterDraft};
use domain::{CityError, CityId, ContactRole, EventError, EventKind, EventStatus, PersonKind};
use store::CityFilter;

conformance!(
    cities_letters_carry_files,
    cities_import_is_idempotent_and_keeps_edits,
    cities_filters_search_and_forms,
    cities_timeline_and_last_contact,
    cities_contacts_reuse_the_people_directory,
);

pub(super) const CITIES: &str = "city,creative_field,unesco_slug,unesco_url\n\
    Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n\
    Da Lat,Music,da-lat,https://www.unesco.org/en/creative-cities/da-lat\n\
    Hanoi,Design,hanoi,https://www.unesco.org/en/creative-cities/hanoi\n\
    Hoi An,Crafts and Folk Art,hoi,https://www.unesco.org/en/creative-cities/hoi\n\
    Granada,Literature,granada,https://www.unesco.org/en/creative-cities/granada\n\
    Granada,Design,granada-0,https://www.unesco.org/en/creative-cities/granada-0\n";
const POINTS: &str = "label,lat,lon,unesco_category_code,creative_field,unesco_nid\n\
    Bangkok,13.7563309,100.5017651,4,Design,1\n\
    Granada,37.1773363,-3.5985571,2,Literature,19\n";

pub(super) fn rows(cities: &str) -> Vec<ImportCity> {
    merge(
        parse_cities(cities).unwrap(),
        &parse_points(POINTS).unwrap(),
    )
}

fn all() -> CityFilter {
    CityFilter {
        page: 1,
        per_page: 1000,
        ..Default::default()
    }
}

pub(super) async fn find(store: &Store, slug: &str) -> store::CityRecord {
    store
        .list_cities(&all())
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|c| c.slug == slug)
        .unwrap()
}

async fn cities_import_is_idempotent_and_keeps_edits(store: &Store) {
    let s = seed(store).await;
    let first = store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    // 6 rows and 4 Vietnamese cities not in the file (TP HCM, Huế, Quảng Ninh, Đà Nẵng).
    assert_eq!((first.added, first.changed, first.unchanged), (10, 0, 0));
    let again = store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 10));
    let hanoi = find(store, "hanoi").await;
    assert_eq!(hanoi.name, "Hà Nội");
    assert_eq!(hanoi.year, Some(2019));
    assert_eq!(hanoi.country, "Việt Nam");
    let fields = store.creative_fields().await.unwrap();
    let code = |id| {
        fields
            .iter()
            .find(|f| Some(f.id) == id)
            .unwrap()
            .code
            .clone()
    };
    assert_eq!(code(hanoi.field), "design");
    assert_eq!(code(find(store, "hoi").await.field), "crafts_and_folk_art");
    let hcmc = find(store, "ho-chi-minh-city").await;
    assert_eq!(
        (hcmc.name.as_str(), hcmc.year),
        ("TP Hồ Chí Minh", Some(2025))
    );
    assert_eq!(code(hcmc.field), "film");
    assert_eq!(find(store, "hue").await.status, CityStatus::Candidate);
    assert_eq!(find(store, "quang-ninh").await.field, None);
    let bangkok = find(store, "bangkok").await;
    assert_eq!(bangkok.point, Some((13.7563309, 100.5017651)));
    assert_eq!(
        find(store, "granada").await.point,
        Some((37.1773363, -3.5985571))
    );
    assert_eq!(find(store, "granada-0").await.point, None);

    // A country typed in the directory survives a re-import; a renamed row is "changed".
    let mut draft = CityDraft {
        name: bangkok.name.clone(),
        country: "Thái Lan".into(),
        region: "Đông Nam Á".into(),
        field: bangkok.field,
        slug: bangkok.slug.clone(),
        unesco_url: bangkok.unesco_url.clone(),
        lat: "13.7563309".into(),
        lon: "100.5017651".into(),
        ..Default::default()
    };
    store
        .update_city(
            bangkok.id,
            bangkok.version,
            &draft.check().unwrap(),
            &s.board,
        )
        .await
        .unwrap();
    let renamed = CITIES.replace("Granada,Design", "Granada (Nicaragua),Design");
    let third = store
        .import_cities(&rows(&renamed), &s.admin)
        .await
        .unwrap();
    assert_eq!((third.added, third.changed, third.unchanged), (0, 1, 9));
    let bangkok = find(store, "bangkok").await;
    assert_eq!((bangkok.country.as_str(), bangkok.version), ("Thái Lan", 2));

    // A row naming a field the directory does not have refuses the whole import.
    let new_field = format!("{CITIES}Rome,Architecture,rome,https://www.unesco.org/x\n");
    match store.import_cities(&rows(&new_field), &s.admin).await {
        Err(StoreError::City(CityError::UnknownField(code))) => assert_eq!(code, "architecture"),
        other => panic!("expected an unknown field, got {other:?}"),
    }
    assert_eq!(store.list_cities(&all()).await.unwrap().total, 10);
    // Staff read, never import or edit.
    assert!(matches!(
        store.import_cities(&rows(CITIES), &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    draft.name = "X".into();
    assert!(matches!(
        store
            .update_city(
                bangkok.id,
                bangkok.version,
                &draft.check().unwrap(),
                &s.lead
            )
            .await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    // Audited city by city: 10 added, 1 edited, 1 changed by the import.
    let audit = store.audit_recent(200).await.unwrap();
    let n = |a: &str| audit.iter().filter(|e| e.action == a).count();
    assert_eq!(
        (
            n("city.import_add"),
            n("city.update"),
            n("city.import_change")
        ),
        (10, 1, 1)
    );
}

async fn cities_filters_search_and_forms(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    // Architecture (2025) is added as data, then a 2025 city in it.
    let arch = store
        .create_field(
            &FieldDraft {
                name_vi: "Kiến trúc".into(),
                name_en: "Architecture".into(),
                colour: "#17becf".into(),
            }
            .check()
            .unwrap(),
            &s.board,
        )
        .await
        .unwrap();
    let dup = FieldDraft {
        name_vi: "Kiến trúc 2".into(),
        name_en: "architecture".into(),
        colour: "#17becf".into(),
    };
    assert!(matches!(
        store.create_field(&dup.check().unwrap(), &s.board).await,
        Err(StoreError::City(CityError::FieldTaken(_)))
    ));
    let new = CityDraft {
        name: "Ciudad de México".into(),
        country: "Mexico".into(),
        field: Some(arch),
        year: "2025".into(),
        ..Default::default()
    }
    .check()
    .unwrap();
    let id = store.create_city(&new, &s.board).await.unwrap();
    let mexico = store.city(id).await.unwrap().unwrap();
    assert_eq!(
        (mexico.slug.as_str(), mexico.year),
        ("ciudad-de-mexico", Some(2025))
    );
    // The same slug again is refused.
    assert!(matches!(
        store.create_city(&new, &s.board).await,
        Err(StoreError::City(CityError::SlugTaken(_)))
    ));
    // Search folds diacritics both ways.
    let search = |text: &str| CityFilter {
        text: text.into(),
        ..all()
    };
    let names = |p: store::CityPage| p.rows.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.list_cities(&search("da lat")).await.unwrap()),
        ["Đà Lạt"]
    );
    assert_eq!(
        names(store.list_cities(&search("ĐÀ N")).await.unwrap()),
        ["Đà Nẵng"]
    );
    // "gra" finds both Granadas, by name then id.
    assert_eq!(store.list_cities(&search("gra")).await.unwrap().total, 2);
    assert_eq!(
        names(store.list_cities(&search("mexico")).await.unwrap()),
        ["Ciudad de México"]
    );
    let by = |f: CityFilter| async move { store.list_cities(&f).await.unwrap().total };
    assert_eq!(
        by(CityFilter {
            field: Some(arch),
            ..all()
        })
        .await,
        1
    );
    assert_eq!(
        by(CityFilter {
            country: "Việt Nam".into(),
            ..all()
        })
        .await,
        7
    );
    assert_eq!(
        by(CityFilter {
            status: Some(CityStatus::Candidate),
            ..all()
        })
        .await,
        3
    );
    assert_eq!(
        by(CityFilter {
            region: "Châu Á – Thái Bình Dương".into(),
            ..all()
        })
        .await,
        7
    );
    // Pages of 4: 11 cities, the third page holds 3.
    let page3 = store
        .list_cities(&CityFilter {
            page: 3,
            per_page: 4,
            ..all()
        })
        .await
        .unwrap();
    assert_eq!((page3.total, page3.rows.len()), (11, 3));
    let (countries, regions) = store.city_places().await.unwrap();
    assert_eq!(countries, ["Mexico", "Việt Nam"]);
    assert_eq!(regions.len(), 1);
}

async fn cities_timeline_and_last_contact(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let bangkok = find(store, "bangkok").await.id;
    let da_lat = find(store, "da-lat").await.id;
    let hanoi = find(store, "hanoi").await.id;
    let session = store
        .create_event(
            &input(
                &s,
                "Phiên họp trực tuyến với Bangkok",
                EventKind::OnlineSession,
                "Asia/Bangkok",
                at(2025, 5, 6, 20),
                2,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    store
        .set_event_cities(session, &[bangkok, hanoi, bangkok], &s.lead)
        .await
        .unwrap();
    // The same cities again change nothing (no second audit entry).
    store
        .set_event_cities(session, &[hanoi, bangkok], &s.lead)
        .await
        .unwrap();
    assert!(matches!(
        store.set_event_cities(session, &[da_lat], &s.partner).await,
        Err(StoreError::Event(EventError::Forbidden { .. }))
    ));
    let names: Vec<String> = store
        .event_cities(session)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(names, ["Bangkok", "Hà Nội"]);
    assert_eq!(store.item_cities(s.sessions_item).await.unwrap().len(), 2);

    let letter = |date: &str, title: &str| LetterDraft {
        kind: "letter".into(),
        direction: "out".into(),
        number: "12/SVHTT-QLDS".into(),
        date: date.into(),
        title: title.into(),
    };
    store
        .add_letter(
            da_lat,
            &letter("02/03/2025", "Thư mời phối hợp").check().unwrap(),
            None,
            &s.board,
        )
        .await
        .unwrap();
    store
        .add_letter(
            bangkok,
            &letter("01/02/2025", "Thư cảm ơn").check().unwrap(),
            None,
            &s.board,
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .add_letter(
                da_lat,
                &letter("01/01/2025", "x").check().unwrap(),
                None,
                &s.lead
            )
            .await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    assert!(matches!(
        store
            .add_letter(
                CityId(999_999),
                &letter("01/01/2025", "x").check().unwrap(),
                None,
                &s.board
            )
            .await,
        Err(StoreError::NotFound(_))
    ));

    let t = store.city_timeline(bangkok, 1, 100).await.unwrap();
    let titles: Vec<&str> = t.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Phiên họp trực tuyến với Bangkok", "Thư cảm ơn"]);
    // 20:00 in Bangkok on 6 May is 20:00 in Hanoi too: the 6th.
    assert_eq!(t.entries[0].on, date(2025, 5, 6));
    let t = store.city_timeline(da_lat, 1, 100).await.unwrap();
    assert_eq!(t.entries[0].on, date(2025, 3, 2));
    assert!(matches!(
        &t.entries[0].detail,
        store::TimelineDetail::Letter { number, file: None, .. } if number == "12/SVHTT-QLDS"
    ));

    // Last contact: Đà Lạt (March letter) before Bangkok and Hà Nội (the May session).
    let dates = store.contact_dates().await.unwrap();
    let last: Vec<(String, Option<chrono::NaiveDate>)> = domain::cities::by_last_contact(
        dates
            .into_iter()
            .filter_map(|c| {
                domain::cities::last_contact(c.latest_event, &[c.latest_letter])
                    .map(|d| (c.name, d))
            })
            .collect(),
    )
    .into_iter()
    .map(|(n, d)| (n, Some(d)))
    .collect();
    assert_eq!(last[0], ("Đà Lạt".to_string(), Some(date(2025, 3, 2))));
    assert_eq!(last.len(), 3);
    let audit = store.audit_recent(200).await.unwrap();
    assert_eq!(
        audit.iter().filter(|e| e.action == "event.cities").count(),
        1
    );
    assert_eq!(
        audit.iter().filter(|e| e.action == "city.letter").count(),
        2
    );
}

async fn cities_contacts_reuse_the_people_directory(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let da_lat = find(store, "da-lat").await.id;
    let person = |name: &str, organisation: &str| store::PersonInput {
        kind: Some(PersonKind::Expert),
        name: name.into(),
        organisation: organisation.into(),
        email: "dau.moi@example.org".into(),
        ..Default::default()
    };
    let focal = store
        .create_person(&person("Nguyễn Thị Lan", "UBND tỉnh Lâm Đồng"), &s.lead)
        .await
        .unwrap();
    let unesco = store
        .create_person(&person("Jane Doe", "UNESCO Hanoi Office"), &s.lead)
        .await
        .unwrap();
    let id = store
        .add_contact(Some(da_lat), focal, ContactRole::FocalPoint, &s.board)
        .await
        .unwrap();
    store
        .add_contact(None, unesco, ContactRole::UnescoHanoiOffice, &s.admin)
        .await
        .unwrap();
    let err = |r: Result<i64, StoreError>| match r {
        Err(StoreError::City(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let twice = store
        .add_contact(Some(da_lat), focal, ContactRole::FocalPoint, &s.board)
        .await;
    assert_eq!(err(twice), CityError::ContactTwice);
    let mismatch = store
        .add_contact(
            Some(da_lat),
            unesco,
            ContactRole::UnescoSecretariat,
            &s.board,
        )
        .await;
    assert_eq!(err(mismatch), CityError::RoleMismatch);
    let no_city = store
        .add_contact(None, focal, ContactRole::MayorsOffice, &s.board)
        .await;
    assert_eq!(err(no_city), CityError::RoleMismatch);
    let staff = store
        .add_contact(Some(da_lat), focal, ContactRole::MayorsOffice, &s.lead)
        .await;
    assert!(matches!(err(staff), CityError::Forbidden { .. }));
    // The same person with another role at the same city is fine.
    store
        .add_contact(Some(da_lat), focal, ContactRole::ExecutiveContact, &s.board)
        .await
        .unwrap();
    let at_da_lat = store.contacts(Some(da_lat)).await.unwrap();
    let roles: Vec<ContactRole> = at_da_lat.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [ContactRole::ExecutiveContact, ContactRole::FocalPoint]
    );
    assert_eq!(at_da_lat[0].organisation, "UBND tỉnh Lâm Đồng");
    let at_unesco = store.contacts(None).await.unwrap();
    assert_eq!(
        (at_unesco.len(), at_unesco[0].name.as_str()),
        (1, "Jane Doe")
    );
    assert_eq!(
        store.remove_contact(id, &s.board).await.unwrap(),
        Some(da_lat)
    );
    assert_eq!(store.contacts(Some(da_lat)).await.unwrap().len(), 1);
    assert!(matches!(
        store.remove_contact(id, &s.board).await,
        Err(StoreError::NotFound(_))
    ));
    let audit = store.audit_recent(100).await.unwrap();
    let n = |a: &str| audit.iter().filter(|e| e.action == a).count();
    assert_eq!((n("city.contact_add"), n("city.contact_remove")), (3, 1));
}

/// A stored file as the evidence store would name it (content-addressed by `sha`).
pub(super) fn stored_file(sha: char, name: &str) -> store::NewDirectionFile {
    let sha = sha.to_string().repeat(64);
    store::NewDirectionFile {
        stored: store::evidence_store::StoredFile {
            relative_path: format!("evidence/{}/{}", &sha[..2], &sha[2..]),
            sha256: sha,
            size: 2048,
            mime: "application/pdf".into(),
        },
        original_name: name.into(),
    }
}

async fn cities_letters_carry_files(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let da_lat = find(store, "da-lat").await.id;
    let mou = LetterDraft {
        kind: "mou".into(),
        direction: "out".into(),
        number: "01/MoU".into(),
        date: "10/04/2025".into(),
        title: "Biên bản ghi nhớ hợp tác âm nhạc".into(),
    }
    .check()
    .unwrap();
    let signed = stored_file('a', "Biên bản ghi nhớ.pdf");
    let scan = stored_file('b', "scan.pdf");
    // A file nobody names may go; once the MoU names it, it stays.
    assert_eq!(
        store
            .unreferenced_files(std::slice::from_ref(&signed.stored))
            .await
            .unwrap()
            .len(),
        1
    );
    let with_file = store
        .add_letter(da_lat, &mou, Some(&signed), &s.board)
        .await
        .unwrap();
    let bare = store
        .add_letter(da_lat, &mou, None, &s.board)
        .await
        .unwrap();
    assert!(
        store
            .unreferenced_files(std::slice::from_ref(&signed.stored))
            .await
            .unwrap()
            .is_empty()
    );
    let (rec, path) = store.city_letter(with_file).await.unwrap().unwrap();
    let file = rec.file.unwrap();
    assert_eq!(
        (file.name.as_str(), file.size, file.mime.as_str()),
        ("Biên bản ghi nhớ.pdf", 2048, "application/pdf")
    );
    assert_eq!(path.unwrap(), signed.stored.relative_path);
    let (rec, path) = store.city_letter(bare).await.unwrap().unwrap();
    assert_eq!((rec.file, path), (None, None));

    // Attached afterwards: the Board may, staff may not; a later file replaces it.
    assert!(matches!(
        store.attach_letter_file(bare, &scan, &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    assert!(matches!(
        store.attach_letter_file(999_999, &scan, &s.board).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        store
            .attach_letter_file(bare, &scan, &s.board)
            .await
            .unwrap(),
        da_lat
    );
    let (rec, _) = store.city_letter(bare).await.unwrap().unwrap();
    assert_eq!(rec.file.unwrap().name, "scan.pdf");
    store
        .attach_letter_file(bare, &signed, &s.board)
        .await
        .unwrap();
    assert_eq!(
        store
            .unreferenced_files(std::slice::from_ref(&scan.stored))
            .await
            .unwrap()
            .len(),
        1,
        "the replaced file is named by no row"
    );
    let t = store.city_timeline(da_lat, 1, 100).await.unwrap();
    assert!(t.entries.iter().all(|e| matches!(
        &e.detail,
        store::TimelineDetail::Letter {
            file: Some((_, 2048)),
            ..
        }
    )));
    let audit = store.audit_recent(50).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "city.letter_file")
            .count(),
        2
    );
}
