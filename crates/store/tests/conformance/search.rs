//! Full-text search (issue 15) on both backends: items, progress reports and people found
//! through the indexes of migration 0030 (FTS5 on SQLite, tsvector + GIN on PostgreSQL),
//! every word matching the start of a word, diacritics and đ ignored, ranked, and kept in
//! step with the rows' writes.

use super::tracking::{Fixture, fixture};
use super::*;
use domain::{ItemId, Percent, Period, PersonKind, ReportContent};
use store::{ItemEdit, ItemFilter, NewItem, NewReport, PersonInput};

conformance!(
    search_matches_word_starts_without_diacritics,
    search_ranks_better_matches_first_then_newest,
    search_reports_newest_versions_in_scope,
    search_follows_item_and_person_edits,
    search_operator_looking_queries_are_plain_words,
    search_finds_events_by_word_starts_in_scope,
    search_text_missing_above_the_highest_indexed_is_filled_at_start,
    search_walks_the_newest_rows_first_and_finds_the_same,
    search_made_again_is_kept_until_a_write,
);

async fn add(store: &Store, f: &Fixture, title: &str, text: &str) -> ItemId {
    store
        .add_item(
            &NewItem {
                plan_id: f.plan,
                parent_id: Some(f.item1),
                position: None,
                numbering: None,
                title: title.into(),
                text: text.into(),
                lead: vec![],
                coordinating: vec![],
                start: None,
                due: None,
            },
            &f.lead,
        )
        .await
        .unwrap()
}

/// The ids the header search finds, best first.
async fn items(store: &Store, q: &str) -> Vec<ItemId> {
    let hits = store.search_items(q, None, 50).await.unwrap();
    assert_eq!(hits.total as usize, hits.rows.len(), "{q}");
    hits.rows.iter().map(|r| r.id).collect()
}

/// The ids the item list's `?q=` filter finds (the list's order).
async fn listed(store: &Store, q: &str) -> Vec<ItemId> {
    let page = store
        .list_items(&ItemFilter {
            text: Some(q.into()),
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    page.rows.iter().map(|r| r.id).collect()
}

/// Runs `sql` (binding `id`) outside the store, as an older server's write would have
/// been. On SQLite it also moves the data's version, as every commit does
/// (`sqlite::BUMP_AT_COMMIT`), or a search made just before would still be kept.
async fn write_outside_the_store(store: &Store, sql: &'static str, id: i64) {
    const BUMP: &str = "UPDATE write_counter SET n = n + 1 WHERE id = 1";
    match store.db() {
        Db::Sqlite(p) => {
            sqlx::query(sql).bind(id).execute(&p.write).await.unwrap();
            sqlx::query(BUMP).execute(&p.write).await.unwrap();
        }
        Db::Postgres(p) => {
            sqlx::query(sql).bind(id).execute(&p.write).await.unwrap();
        }
    }
}

fn report(text: &str) -> ReportContent {
    ReportContent::new(text, Some(Percent::new(10).unwrap()), vec![], &[]).unwrap()
}

async fn search_matches_word_starts_without_diacritics(store: &Store) {
    let f = fixture(store).await;
    let dalat = add(store, &f, "Giao lưu âm nhạc với Đà Lạt", "").await;
    let danang = add(
        store,
        &f,
        "Hội thảo âm thanh tại Đà Nẵng",
        "về kiến trúc xanh",
    )
    .await;
    for q in ["da lat", "Đà Lạt", "ĐA LA", "đa la", "lat"] {
        assert_eq!(items(store, q).await, vec![dalat], "{q}");
        assert_eq!(listed(store, q).await, vec![dalat], "{q}");
    }
    // Every word must begin a word: both items have "da" and "am…", one "nhac".
    let mut both = items(store, "da am").await;
    both.sort();
    assert_eq!(both, vec![dalat, danang]);
    assert_eq!(items(store, "am nhac da").await, vec![dalat]);
    assert_eq!(items(store, "am nhac nang").await, Vec::<ItemId>::new());
    // Not in the middle of a word (the LIKE '%…%' search found these; the index does not).
    assert!(items(store, "hac").await.is_empty());
    assert!(listed(store, "hac").await.is_empty());
    // The body counts as much as the title.
    assert_eq!(items(store, "xanh").await, vec![danang]);
    // A one-letter word is a whole word: "d" alone begins nothing here.
    assert!(items(store, "d nhac").await.is_empty());
    // People too.
    let p = store
        .create_person(
            &PersonInput {
                kind: Some(PersonKind::Expert),
                name: "Nguyễn Đà Lạt".into(),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    let found = store.list_people(None, Some("nguyen da")).await.unwrap();
    assert_eq!(found.iter().map(|x| x.id).collect::<Vec<_>>(), vec![p]);
    assert!(
        store
            .list_people(None, Some("guyen"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.list_people(None, None).await.unwrap().len(), 1);
    if let Db::Sqlite(_) = store.db() {
        // The bundled SQLite has FTS5 (the migration would have failed without it).
        let fts5 = raw_count(store, "SELECT sqlite_compileoption_used('ENABLE_FTS5')").await;
        assert_eq!(fts5, 1);
    }
}

async fn search_ranks_better_matches_first_then_newest(store: &Store) {
    let f = fixture(store).await;
    let twice = add(store, &f, "Triển lãm gốm, gốm Bát Tràng", "cho khách").await;
    let once_a = add(store, &f, "Triển lãm tranh và gốm xưa", "cho khách").await;
    let once_b = add(store, &f, "Triển lãm tranh và gốm mới", "cho khách").await;
    // "gốm" twice ranks above once, though older; equal ranks: newest first.
    assert_eq!(items(store, "gom").await, vec![twice, once_b, once_a]);
    // A limit keeps the best.
    let top = store.search_items("gom", None, 1).await.unwrap();
    assert_eq!(
        top.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![twice]
    );
    assert_eq!(top.total, 3);
    // Reports rank the same way.
    let period = |m| Period::Month(2025, m);
    for (m, text) in [
        (1, "Hoàn thành khảo sát di tích"),
        (2, "Khảo sát di tích, khảo sát làng nghề"),
        (3, "Chuẩn bị khảo sát"),
    ] {
        store
            .file_report(
                &NewReport {
                    item_id: f.item21,
                    unit_id: f.qlds,
                    period: period(m),
                    content: report(text),
                    evidence: vec![],
                },
                &f.lead,
            )
            .await
            .unwrap();
    }
    let hits = store.search_reports("khao sat", None, 10).await.unwrap();
    let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts[0], "Khảo sát di tích, khảo sát làng nghề");
    assert_eq!(texts.len(), 3);
}

async fn search_reports_newest_versions_in_scope(store: &Store) {
    let f = fixture(store).await;
    let q3 = Period::Quarter(2025, 3);
    // item21 is shared with the partner's unit; item11 is not.
    let shared = store
        .file_report(
            &NewReport {
                item_id: f.item21,
                unit_id: f.qlds,
                period: q3,
                content: report("Phỏng vấn nghệ nhân làng gốm"),
                evidence: vec![],
            },
            &f.lead,
        )
        .await
        .unwrap();
    let own = store
        .file_report(
            &NewReport {
                item_id: f.item11,
                unit_id: f.qlds,
                period: q3,
                content: report("Phỏng vấn nghệ nhân ca trù"),
                evidence: vec![],
            },
            &f.lead,
        )
        .await
        .unwrap();
    let second = store
        .edit_report(
            shared.report_id,
            shared.version,
            &report("Phỏng vấn nghệ nhân làng lụa"),
            &[],
            &f.lead,
        )
        .await
        .unwrap();
    let ids = |hits: Vec<store::ReportHit>| hits.iter().map(|h| h.report_id).collect::<Vec<_>>();
    let mut all = ids(store.search_reports("nghe nhan", None, 10).await.unwrap());
    all.sort();
    assert_eq!(all, vec![own.id, second.id], "newest versions only");
    // The replaced version's words find nothing.
    assert!(
        store
            .search_reports("gom", None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(store.search_reports("lua", None, 10).await.unwrap()),
        vec![second.id]
    );
    // The partner sees the reports on items its units take part in.
    let scope = domain::item_list_scope(&f.partner).expect("a partner is scoped");
    assert_eq!(
        ids(store
            .search_reports("nghe nhan", Some(&scope), 10)
            .await
            .unwrap()),
        vec![second.id]
    );
    assert!(
        store
            .search_reports("ca tru", Some(&scope), 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Items likewise: "Biên soạn" (2.1) is shared, "phóng sự" (2.2) is not.
    let found = store
        .search_items("bien soan", Some(&scope), 10)
        .await
        .unwrap();
    assert_eq!(
        found.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![f.item21]
    );
    assert!(!items(store, "phong su").await.is_empty());
    assert!(
        store
            .search_items("phong su", Some(&scope), 10)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    assert!(
        store
            .search_items("bien soan", Some(&[]), 10)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
}

async fn search_follows_item_and_person_edits(store: &Store) {
    let f = fixture(store).await;
    let id = add(store, &f, "Dựng phim hoạt hình", "").await;
    assert_eq!(items(store, "hoat hinh").await, vec![id]);
    let v = store.item_tracking(id).await.unwrap().unwrap().version;
    store
        .update_item(
            id,
            v,
            &ItemEdit {
                title: Some("Sưu tầm ảnh cũ".into()),
                text: Some("về nghề thêu".into()),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    assert!(items(store, "hoat hinh").await.is_empty());
    assert!(listed(store, "hoat hinh").await.is_empty());
    assert_eq!(items(store, "suu tam").await, vec![id]);
    assert_eq!(items(store, "theu").await, vec![id]);
    assert_eq!(listed(store, "anh cu").await, vec![id]);

    let p = store
        .create_person(
            &PersonInput {
                kind: Some(PersonKind::Interpreter),
                name: "Lê Thu Hà".into(),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    let record = store.person(p).await.unwrap().unwrap();
    store
        .update_person(
            p,
            record.version,
            &PersonInput {
                kind: Some(PersonKind::Interpreter),
                name: "Lê Thu Hằng".into(),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    assert_eq!(
        store.list_people(None, Some("hang")).await.unwrap().len(),
        1
    );
    // "ha" begins "hang" too; the old name's words that are gone find nothing.
    assert!(
        store
            .list_people(None, Some("thu han"))
            .await
            .unwrap()
            .len()
            == 1
    );
    assert!(
        store
            .list_people(None, Some("le thu ha x"))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn search_operator_looking_queries_are_plain_words(store: &Store) {
    let f = fixture(store).await;
    let id = add(store, &f, "Khảo sát \"a & b\" (c)", "").await;
    for q in [
        "\"a & b | !c:*\"",
        "\"",
        "(hoi",
        "thao)",
        "*",
        "hoi:*",
        "NEAR(hoi thao)",
        "-hoi",
        "hoi OR thao",
        "hoi AND NOT thao",
        "'; DROP TABLE items; --",
        "a & b",
        "!!",
        "%_",
    ] {
        store.search_items(q, None, 10).await.unwrap();
        store.search_reports(q, None, 10).await.unwrap();
        store.list_people(None, Some(q)).await.unwrap();
        listed(store, q).await;
    }
    // The words are what count: "a", "b" and "c" are whole words of the title.
    assert_eq!(items(store, "\"a & b | !c:*\"").await, vec![id]);
    assert_eq!(items(store, "(khao").await, vec![id]);
    assert_eq!(items(store, "khao:*").await, vec![id]);
    // No letters or digits: no words, nothing found (not everything).
    assert!(items(store, "%_").await.is_empty());
    assert!(listed(store, "!!").await.is_empty());
}

/// Events (migration 0032) are found by the start of any word of their title, venue, topic
/// or organiser, diacritics ignored; latest start first; a partner only finds those naming
/// its units; an edit is followed; events written before the migration are indexed when the
/// store starts.
async fn search_finds_events_by_word_starts_in_scope(store: &Store) {
    use super::events::{at, input, seed};
    use domain::{EventKind, EventStatus};
    let s = seed(store).await;
    let found = |q: &'static str, scope: Option<Vec<domain::UnitId>>| async move {
        let hits = store.search_events(q, scope.as_deref(), 10).await.unwrap();
        assert_eq!(hits.total as usize, hits.events.len(), "{q}");
        hits.events.iter().map(|e| e.id).collect::<Vec<_>>()
    };
    let mut first = input(
        &s,
        "Hội thảo Đô thị sáng tạo",
        EventKind::Workshop,
        "Asia/Ho_Chi_Minh",
        at(2025, 5, 10, 9),
        3,
        EventStatus::Planned,
    );
    first.venue = "Văn Miếu – Quốc Tử Giám".into();
    let a = store.create_event(&first, &s.lead).await.unwrap();
    let mut later = first.clone();
    later.title = "Triển lãm thiết kế đô thị".into();
    later.venue = String::new();
    later.times = input(
        &s,
        "x",
        EventKind::Workshop,
        "Asia/Ho_Chi_Minh",
        at(2025, 9, 1, 9),
        3,
        EventStatus::Planned,
    )
    .times;
    later.coordinating_units = s.partner.unit_ids.clone();
    let b = store.create_event(&later, &s.lead).await.unwrap();

    assert_eq!(
        found("do thi", None).await,
        vec![b, a],
        "latest start first"
    );
    assert_eq!(found("Đô THỊ", None).await, vec![b, a]);
    assert_eq!(found("van mieu", None).await, vec![a], "by venue");
    assert_eq!(found("sang tao", None).await, vec![a], "by title");
    assert_eq!(found("bangk", None).await, vec![b, a], "by organiser");
    assert_eq!(found("doi moi", None).await, vec![b, a], "by topic");
    assert!(found("ieu", None).await.is_empty(), "not inside a word");
    assert!(found("", None).await.is_empty());
    let partner = Some(s.partner.unit_ids.clone());
    assert_eq!(
        found("do thi", partner.clone()).await,
        vec![b],
        "the partner's"
    );
    assert!(found("van mieu", partner).await.is_empty());

    let version = store.event(a).await.unwrap().unwrap().version;
    first.title = "Tọa đàm di sản".into();
    store
        .update_event(a, version, &first, &s.lead)
        .await
        .unwrap();
    assert!(
        found("sang tao", None).await.is_empty(),
        "the old title is gone"
    );
    assert_eq!(found("di san", None).await, vec![a]);

    // An event written before the index: found once the store has started again.
    let blank = "UPDATE events SET search_folded = NULL WHERE id = $1";
    write_outside_the_store(store, blank, a.0).await;
    assert!(found("di san", None).await.is_empty());
    store.migrate().await.unwrap();
    assert_eq!(found("di san", None).await, vec![a]);
}

/// A version written without its search text (as the seeder writes them) is indexed when
/// the store starts; the start looks only above the highest version indexed.
async fn search_text_missing_above_the_highest_indexed_is_filled_at_start(store: &Store) {
    let f = fixture(store).await;
    let mut ids = Vec::new();
    for (k, text) in ["Khảo sát làng nghề gốm", "Khảo sát làng nghề lụa"]
        .into_iter()
        .enumerate()
    {
        let saved = store
            .file_report(
                &NewReport {
                    item_id: f.item11,
                    unit_id: f.qlds,
                    period: Period::Quarter(2025, 1 + k as u8),
                    content: report(text),
                    evidence: vec![],
                },
                &f.lead,
            )
            .await
            .unwrap();
        ids.push(saved.report_id);
    }
    let found = |q: &'static str| async move {
        store
            .search_reports(q, None, 10)
            .await
            .unwrap()
            .iter()
            .map(|h| h.report_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("lua").await, vec![ids[1]]);
    let unindex = "DELETE FROM report_search WHERE report_id = $1";
    write_outside_the_store(store, unindex, ids[1]).await;
    assert!(found("lua").await.is_empty());
    store.migrate().await.unwrap();
    assert_eq!(found("lua").await, vec![ids[1]]);
    assert_eq!(found("gom").await, vec![ids[0]]);
}

/// What every ranked search finds for `q` (items with their total, reports, events with
/// their total), in order, with and without a scope.
async fn everything_found(store: &Store, q: &str, scope: Option<&[domain::UnitId]>) -> String {
    let items = store.search_items(q, scope, 200).await.unwrap();
    let reports = store.search_reports(q, scope, 200).await.unwrap();
    let events = store.search_events(q, scope, 200).await.unwrap();
    format!(
        "items {} {:?} {:?}; reports {:?}; events {} {:?}",
        items.total,
        items.total_capped,
        items.rows.iter().map(|r| r.id.0).collect::<Vec<_>>(),
        reports.iter().map(|r| r.report_id).collect::<Vec<_>>(),
        events.total,
        events.events.iter().map(|e| e.id.0).collect::<Vec<_>>(),
    )
}

/// A ranked search walks the newest rows first and asks the index for every match only
/// when they hold fewer than the window it ranks (`fulltext::RECENT_ROWS`): whatever the
/// reach, it finds the same, for common words and rare, in scope and not. A walk that
/// finds enough is the only candidate query; one that does not is followed by the index's.
async fn search_walks_the_newest_rows_first_and_finds_the_same(store: &Store) {
    store
        .generate_synthetic(store::SyntheticSpec {
            plans: 1,
            items: 700,
            reports: 4000,
            events: 120,
            seed: 15,
        })
        .await
        .unwrap();
    let unit = store.list_units().await.unwrap()[1].id;
    // All the reports ("uoc dat"), a third, a sixth, one in 11, one in 66, none; item
    // titles and event words.
    let queries = [
        "uoc dat",
        "kinh phi",
        "ho so",
        "60",
        "du toan 60",
        "xyzzy",
        "to chuc",
        "clip",
        "hoi",
    ];
    let mut expected = Vec::new();
    store.set_search_reach(0);
    for q in queries {
        for scope in [None, Some(vec![unit])] {
            expected.push(everything_found(store, q, scope.as_deref()).await);
        }
    }
    let all = store.search_reports("uoc dat", None, 200).await.unwrap();
    assert_eq!(all.len(), 200, "the common word fills what is asked");
    for reach in [1, 300, 1500, 3000, 100_000] {
        store.set_search_reach(reach);
        let mut k = 0;
        for q in queries {
            for scope in [None, Some(vec![unit])] {
                let found = everything_found(store, q, scope.as_deref()).await;
                assert_eq!(found, expected[k], "{q:?} in {scope:?}, reach {reach}");
                k += 1;
            }
        }
    }
    // Which way it went: "uoc dat" is in every report, so the newest 4,000 rows hold the
    // newest 500 matches and the walk is the one query; 300 rows cannot, and the index
    // is asked too.
    let candidate_queries = |reach: i64| async move {
        store.set_search_reach(reach);
        let before = store.view_query_count();
        store.search_reports("uoc dat", None, 10).await.unwrap();
        store.view_query_count() - before
    };
    assert_eq!(candidate_queries(100_000).await, 1);
    assert_eq!(candidate_queries(300).await, 2);
    assert_eq!(candidate_queries(0).await, 1);
    store.set_search_reach(5_000);
}

/// A search made again while nothing was written asks the database nothing, whatever the
/// diacritics it is typed with (the same folded words); a write that changes what it finds
/// is seen at once, for items and for reports.
async fn search_made_again_is_kept_until_a_write(store: &Store) {
    let f = fixture(store).await;
    let first = add(store, &f, "Hội thảo gốm Bát Tràng", "").await;
    assert_eq!(items(store, "gom bat").await, vec![first]);
    assert!(
        store
            .search_reports("gom bat", None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let (loads, queries) = (store.memo_load_count(), store.view_query_count());
    assert_eq!(items(store, "Gốm BÁT").await, vec![first]);
    assert!(
        store
            .search_reports("gốm bát", None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.memo_load_count(), loads, "kept");
    assert_eq!(store.view_query_count(), queries, "no query");
    let second = add(store, &f, "Gốm sứ Bát Tràng", "").await;
    let mut found = items(store, "gom bat").await;
    found.sort();
    assert_eq!(found, vec![first, second], "an added item is found at once");
    store
        .file_report(
            &NewReport {
                item_id: f.item21,
                unit_id: f.qlds,
                period: Period::Month(2025, 1),
                content: report("Khảo sát gốm Bát Tràng"),
                evidence: vec![],
            },
            &f.lead,
        )
        .await
        .unwrap();
    let reports = store.search_reports("gom bat", None, 10).await.unwrap();
    assert_eq!(reports.len(), 1, "a filed report is found at once");
}
