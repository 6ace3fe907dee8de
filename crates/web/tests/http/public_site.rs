//! The public site's sample (issue 18): works, an event, a space and the plan's summary
//! published through the store as the department would, beside what must never reach the
//! public (a draft, one in review, one withdrawn, one under embargo, an unpublished work,
//! a meeting link, a person's e-mail and phone, an internal note).

use crate::common::{PNG, TestApp};
use domain::media::{Duration, MediaKind, MediaStage, MediaWorkId};
use domain::publishing::{PublicKind, PublicationId, PublicationState as S, SpaceKind};
use domain::{Actor, Role};
use store::{MediaInput, NewMediaFile, PublicationInput, SpaceInput};

/// Strings no public page, feed or sitemap may hold.
pub const SECRETS: &[&str] = &[
    "Tiêu đề bản nháp XQZ",
    "Tiêu đề chờ duyệt XQZ",
    "Tiêu đề đã gỡ XQZ",
    "Tiêu đề cấm vận XQZ",
    "Phim nội bộ chưa phát hành XQZ",
    "meet.example.org/phong-hop-noi-bo",
    "bi.mat.xqz@sovhtt.gov.vn",
    "0912 345 678",
    "Nhận xét nội bộ: cần sửa phụ đề XQZ",
];

/// The published entries' Vietnamese titles.
pub const NEWS: &str = "Hà Nội khai mạc Lễ hội Thiết kế Sáng tạo 2026";
pub const CLIP: &str = "Clip: Hà Nội – thành phố sáng tạo";
pub const MAGAZINE: &str = "Chuyên đề: Thiết kế đô thị Hà Nội";
pub const EVENT: &str = "Diễn đàn Thành phố Sáng tạo về Thiết kế";
pub const SPACE: &str = "Phố sách Hà Nội";
pub const PLAN: &str = "Kết quả thực hiện Kế hoạch năm 2025";
/// The clip's English title; the news post has none (the fallback).
pub const CLIP_EN: &str = "Clip: Hà Nội, a creative city";

pub struct Site {
    pub office: TestApp,
    pub staff: TestApp,
    pub partner: TestApp,
    pub news: PublicationId,
    pub clip: PublicationId,
    pub magazine: PublicationId,
    pub space: PublicationId,
    pub plan: PublicationId,
    pub targets: Vec<i64>,
    pub plan_id: domain::PlanId,
    pub board: Actor,
    pub office_actor: Actor,
    pub staff_actor: Actor,
}

async fn actor(app: &TestApp, login: &str) -> Actor {
    app.store
        .user_by_login(login)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// A small MP4 head (an `ftyp` box), enough for the evidence store to know it.
fn mp4() -> Vec<u8> {
    let mut v = vec![0, 0, 0, 0x18];
    v.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
    v.extend(std::iter::repeat_n(0u8, 64));
    v
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
}

/// Files put in the server's evidence store as an upload would.
async fn files(app: &TestApp, list: &[(&str, Vec<u8>)]) -> Vec<NewMediaFile> {
    let ev = store::evidence_store::EvidenceStore::new(
        app.data_dir.clone(),
        store::evidence_store::DEFAULT_LIMIT,
    );
    let mut out = Vec::new();
    for (name, bytes) in list {
        let file = ev.put(&bytes[..], name).await.unwrap();
        let image = file.mime.starts_with("image/");
        let copy = |n: &str| {
            let ev = &ev;
            let n = n.to_string();
            async move { ev.put(PNG, &n).await.unwrap() }
        };
        out.push(NewMediaFile {
            original_name: name.to_string(),
            thumb: if image {
                Some(copy("t.png").await)
            } else {
                None
            },
            screen: if image {
                Some(copy("s.png").await)
            } else {
                None
            },
            width: image.then_some(1600),
            height: image.then_some(900),
            file,
        });
    }
    out
}

/// A work of the heritage unit taken to "đã phát hành" by the Board, with its final files.
async fn work(
    app: &TestApp,
    (kind, title): (MediaKind, &str),
    files_of: Vec<NewMediaFile>,
    board: &Actor,
    staff: &Actor,
) -> MediaWorkId {
    let unit = app.unit_id("Phòng Quản lý Di sản").await;
    let input = MediaInput {
        kind,
        title: title.into(),
        title_en: String::new(),
        summary: "Nhận xét nội bộ: cần sửa phụ đề XQZ".into(),
        summary_en: String::new(),
        unit,
        item: None,
        event: None,
        contract: None,
        duration: kind
            .has_duration()
            .then(|| Duration::from_seconds(870))
            .flatten(),
        pages: kind.has_pages().then_some(24),
        languages: "vi, en".into(),
        print_run: None,
        format: String::new(),
        stage_plans: vec![],
    };
    let id = app.store.create_media_work(&input, staff).await.unwrap();
    let mut v = 1;
    for to in &MediaStage::ALL[1..] {
        let on = (*to == MediaStage::Published)
            .then(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
        v = app
            .store
            .move_media_stage(id, v, *to, on, board)
            .await
            .unwrap();
    }
    if !files_of.is_empty() {
        app.store
            .add_media_files(id, MediaStage::Published, &files_of, board)
            .await
            .unwrap();
    }
    id
}

fn proposal(kind: PublicKind, subject: i64, title: &str, title_en: &str) -> PublicationInput {
    PublicationInput {
        kind,
        subject_id: subject,
        title: title.into(),
        title_en: title_en.into(),
        summary: format!("Tóm tắt công khai: {title}"),
        summary_en: if title_en.is_empty() {
            String::new()
        } else {
            format!("Public summary: {title_en}")
        },
        embargo_until: None,
        targets: vec![],
    }
}

/// Proposes `p` as `staff` and moves it to `state` (the Office deciding).
pub async fn publish(site: &Site, app: &TestApp, p: PublicationInput, to: S) -> PublicationId {
    let s = &app.store;
    let id = s.propose_publication(&p, &site.staff_actor).await.unwrap();
    let mut v = 1;
    let path: &[S] = match to {
        S::Draft => &[],
        S::Review => &[S::Review],
        S::Published => &[S::Review, S::Published],
        S::Withdrawn => &[S::Review, S::Published, S::Withdrawn],
    };
    for next in path {
        let who = if *next == S::Review {
            &site.staff_actor
        } else {
            &site.office_actor
        };
        v = s.move_publication(id, v, *next, who).await.unwrap();
    }
    id
}

/// The whole sample.
pub async fn site(app: &TestApp) -> Site {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let office_unit = app.unit_id("Văn phòng Sở").await;
    let magazine_unit = app.unit_id("Tạp chí Kiến trúc").await;
    let office = TestApp::user_browser(app, "vanphong", &[Role::Office], &[office_unit]).await;
    let staff = TestApp::user_browser(app, "canbo", &[Role::Staff], &[qlds]).await;
    let partner = TestApp::user_browser(app, "doitac", &[Role::Partner], &[magazine_unit]).await;
    TestApp::user_browser(app, "bangiamdoc", &[Role::Board], &[]).await;
    let board = actor(app, "bangiamdoc").await;
    let staff_actor = actor(app, "canbo").await;
    let office_actor = actor(app, "vanphong").await;
    let plan_id = domain::PlanId(app.plan_id().await);
    let mut site = Site {
        office,
        staff,
        partner,
        news: PublicationId(0),
        clip: PublicationId(0),
        magazine: PublicationId(0),
        space: PublicationId(0),
        plan: PublicationId(0),
        targets: vec![],
        plan_id,
        board,
        office_actor,
        staff_actor,
    };
    let (b, st) = (site.board.clone(), site.staff_actor.clone());
    let photo = files(app, &[("anh-le-hoi.png", PNG.to_vec())]).await;
    let news = work(app, (MediaKind::NewsPost, "Tin nội bộ"), photo, &b, &st).await;
    let clip_files = files(app, &[("clip.mp4", mp4()), ("poster.png", PNG.to_vec())]).await;
    let clip = work(app, (MediaKind::Clip, "Clip nội bộ"), clip_files, &b, &st).await;
    let mag_files = files(app, &[("chuyen-de.pdf", pdf()), ("bia.png", PNG.to_vec())]).await;
    let magazine = work(
        app,
        (MediaKind::Magazine, "Tạp chí nội bộ"),
        mag_files,
        &b,
        &st,
    )
    .await;
    let photos = files(app, &[("pho-sach.png", PNG.to_vec())]).await;
    let photo_set = work(
        app,
        (MediaKind::PhotoSet, "Bộ ảnh Phố sách"),
        photos,
        &b,
        &st,
    )
    .await;
    let withdrawn = work(
        app,
        (MediaKind::Clip, "Clip sẽ gỡ (nội bộ)"),
        vec![],
        &b,
        &st,
    )
    .await;
    let embargoed = work(
        app,
        (MediaKind::Clip, "Clip chờ giờ (nội bộ)"),
        vec![],
        &b,
        &st,
    )
    .await;
    // A work never taken past its brief.
    let unit = qlds;
    let brief = MediaInput {
        kind: MediaKind::Documentary,
        title: "Phim nội bộ chưa phát hành XQZ".into(),
        title_en: String::new(),
        summary: String::new(),
        summary_en: String::new(),
        unit,
        item: None,
        event: None,
        contract: None,
        duration: None,
        pages: None,
        languages: String::new(),
        print_run: None,
        format: String::new(),
        stage_plans: vec![],
    };
    let unpublished = app.store.create_media_work(&brief, &st).await.unwrap();

    // An event with an internal meeting link, and a person of the directory.
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let event = store::EventInput {
        title: "Diễn đàn (tên nội bộ)".into(),
        kind: domain::EventKind::Forum,
        scope: domain::EventScope::Global,
        format: domain::EventFormat::Hybrid,
        organiser: domain::Organiser::Hanoi,
        organiser_name: String::new(),
        topic: String::new(),
        times: domain::EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            start,
            start + chrono::Duration::hours(3),
        )
        .unwrap(),
        venue: "Trung tâm Văn hóa Hà Nội".into(),
        online_url: "https://meet.example.org/phong-hop-noi-bo".into(),
        lead_units: vec![qlds],
        coordinating_units: vec![],
        items: vec![],
        status: domain::EventStatus::Confirmed,
    };
    let event = app.store.create_event(&event, &st).await.unwrap();
    let person = store::PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: "Chuyên gia Nguyễn Văn Bí Mật".into(),
        email: "bi.mat.xqz@sovhtt.gov.vn".into(),
        phone: "0912 345 678".into(),
        ..Default::default()
    };
    app.store.create_person(&person, &b).await.unwrap();

    let space = SpaceInput {
        name: SPACE.into(),
        name_en: "Hà Nội Book Street".into(),
        kind: SpaceKind::CreativeHub,
        address: "Phố 19 Tháng 12, Hoàn Kiếm".into(),
        lat: 21.0245,
        lon: 105.8470,
        description: "Không gian đọc sách giữa phố cổ.".into(),
        description_en: String::new(),
        opening_hours: "8:00–22:00".into(),
        opening_hours_en: "8 am – 10 pm".into(),
        links: vec!["https://example.org/phosach".into()],
        photo_set: Some(photo_set),
    };
    let space = app.store.create_space(&space, &st).await.unwrap();

    // The seed plan's first two targets.
    let progress = app.store.plan_target_progress(plan_id).await.unwrap();
    site.targets = progress.iter().take(2).map(|t| t.target_id).collect();

    let p = |k, id: i64, t: &str, en: &str| proposal(k, id, t, en);
    site.news = publish(
        &site,
        app,
        p(PublicKind::MediaWork, news.0, NEWS, ""),
        S::Published,
    )
    .await;
    site.clip = publish(
        &site,
        app,
        p(PublicKind::MediaWork, clip.0, CLIP, CLIP_EN),
        S::Published,
    )
    .await;
    site.magazine = publish(
        &site,
        app,
        p(
            PublicKind::MediaWork,
            magazine.0,
            MAGAZINE,
            "Feature: urban design",
        ),
        S::Published,
    )
    .await;
    publish(
        &site,
        app,
        p(
            PublicKind::Event,
            event.0,
            EVENT,
            "Creative Cities of Design Forum",
        ),
        S::Published,
    )
    .await;
    site.space = publish(
        &site,
        app,
        p(PublicKind::Space, space.0, SPACE, "Hà Nội Book Street"),
        S::Published,
    )
    .await;
    // The plan's summary (the demo year has one already: then that one).
    let held = app.store.publication_of(PublicKind::PlanSummary, plan_id.0);
    match held.await.unwrap() {
        Some(p) => (site.plan, site.targets) = (p.id, p.targets),
        None => {
            let en = "Results of the 2025 plan";
            let mut summary = p(PublicKind::PlanSummary, plan_id.0, PLAN, en);
            summary.targets = site.targets.clone();
            site.plan = publish(&site, app, summary, S::Published).await;
        }
    }
    // What must stay hidden: a draft, one in review, one withdrawn, one under embargo
    // until tomorrow.
    publish(
        &site,
        app,
        p(
            PublicKind::MediaWork,
            photo_set.0,
            "Tiêu đề bản nháp XQZ",
            "",
        ),
        S::Draft,
    )
    .await;
    publish(
        &site,
        app,
        p(
            PublicKind::MediaWork,
            unpublished.0,
            "Tiêu đề chờ duyệt XQZ",
            "",
        ),
        S::Review,
    )
    .await;
    publish(
        &site,
        app,
        p(PublicKind::MediaWork, withdrawn.0, "Tiêu đề đã gỡ XQZ", ""),
        S::Withdrawn,
    )
    .await;
    let mut later = p(
        PublicKind::MediaWork,
        embargoed.0,
        "Tiêu đề cấm vận XQZ",
        "",
    );
    later.embargo_until = Some(domain::Clock::now(&*app.clock).timestamp() + 86_400);
    publish(&site, app, later, S::Published).await;
    site
}
