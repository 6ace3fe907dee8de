//! Synthetic data for load tests (`sangtao dev seed`): plans, items, units, targets and
//! progress reports with realistic Vietnamese content, the same for the same seed.
//!
//! Rows go in with multi-row INSERTs (`QueryBuilder::push_values`), one transaction per
//! plan, so that 100,000 items and 1,000,000 reports load in minutes on SQLite. Compiled
//! twice like `ops.rs`.

use super::{DB, Pool, begin_write};
use crate::tracking_model::{SyntheticSpec, SyntheticSummary};
use crate::{Ctx, StoreError};
use domain::{AbbreviationTable, Period};
use sha2::{Digest, Sha256};
use sqlx::QueryBuilder;
use std::collections::HashMap;

type R<T> = Result<T, StoreError>;

/// Rows per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const BATCH: usize = 1500;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const UNITS: &[&str] = &[
    "Phòng Quản lý Di sản văn hóa",
    "Văn phòng Sở",
    "Phòng Kế hoạch Tài chính",
    "Phòng Quản lý Nghệ thuật",
    "Phòng Quản lý Văn hóa",
    "Phòng Xây dựng nếp sống văn hóa và Gia đình",
    "Phòng Quản lý Thể dục thể thao",
    "Bảo tàng Hà Nội",
    "Thư viện Hà Nội",
    "Trung tâm Văn hóa Nghệ thuật Hà Nội",
    "Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội",
    "Ban Quản lý Di tích Nhà tù Hỏa Lò",
    "Ban Quản lý Di tích và Danh thắng Hà Nội",
    "Ban Quản lý Phố cổ Hà Nội",
    "Nhà hát Múa rối Thăng Long",
    "Nhà hát Chèo Hà Nội",
    "Nhà hát Cải lương Hà Nội",
    "Trung tâm Phát triển Điện ảnh Hà Nội",
    "Trung tâm Thông tin Xúc tiến Du lịch Hà Nội",
    "Ủy ban nhân dân quận Hoàn Kiếm",
    "Ủy ban nhân dân quận Ba Đình",
    "Ủy ban nhân dân quận Tây Hồ",
    "Ủy ban nhân dân huyện Bát Tràng",
    "Sở Du lịch Hà Nội",
    "Sở Ngoại vụ Hà Nội",
    "Sở Quy hoạch - Kiến trúc Hà Nội",
    "Tạp chí Kiến trúc",
    "Văn phòng UNESCO tại Hà Nội",
    "Hội Kiến trúc sư Hà Nội",
    "Trường Đại học Mỹ thuật Công nghiệp",
];

const CITIES: &[(&str, &str)] = &[
    ("Hà Nội", "Sở Văn hóa và Thể thao Hà Nội"),
    ("Hội An", "Ủy ban nhân dân thành phố Hội An"),
    ("Đà Lạt", "Ủy ban nhân dân thành phố Đà Lạt"),
    (
        "TP Hồ Chí Minh",
        "Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh",
    ),
    ("Huế", "Sở Văn hóa và Thể thao tỉnh Thừa Thiên Huế"),
];

const PLAN_TITLES: &[&str] = &[
    "Kế hoạch triển khai các hoạt động thành viên Mạng lưới các thành phố sáng tạo của UNESCO năm {year}",
    "Kế hoạch thực hiện các nhiệm vụ phát triển công nghiệp văn hóa trên địa bàn {city} năm {year}",
    "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Di sản văn hóa Việt Nam năm {year}",
    "Kế hoạch bảo tồn và phát huy giá trị di sản văn hóa {city} năm {year}",
    "Kế hoạch xây dựng {city} trở thành thành phố sáng tạo trong lĩnh vực thiết kế năm {year}",
];

const SECTIONS: &[&str] = &[
    "Công tác tuyên truyền, quảng bá",
    "Tham gia các hoạt động của Mạng lưới",
    "Hợp tác quốc tế và trao đổi kinh nghiệm",
    "Phát triển không gian sáng tạo",
    "Bảo tồn và phát huy giá trị di sản",
    "Nâng cao năng lực đội ngũ",
    "Công tác kiểm tra, đánh giá, báo cáo",
];

const ACTIVITIES: &[(&str, &str, &str)] = &[
    ("Tổ chức", "hội nghị", "cuộc"),
    ("Tham gia", "phiên họp trực tuyến của Mạng lưới", "cuộc"),
    ("Tổ chức", "tọa đàm chuyên đề về thiết kế sáng tạo", "cuộc"),
    ("Phối hợp tổ chức", "hội thảo quốc tế", "cuộc"),
    ("Tổ chức", "triển lãm ảnh về di sản", "cuộc"),
    (
        "Xây dựng",
        "phóng sự truyền hình giới thiệu thành phố sáng tạo",
        "phóng sự",
    ),
    ("Sản xuất", "clip quảng bá", "clip"),
    (
        "Xuất bản",
        "ấn phẩm giới thiệu không gian sáng tạo",
        "ấn phẩm",
    ),
    ("Cử", "đoàn công tác tham dự Hội nghị thường niên", "đoàn"),
    ("Mời", "chuyên gia quốc tế chia sẻ kinh nghiệm", "lượt"),
    ("Tổ chức", "lớp tập huấn cho cán bộ", "lớp"),
    (
        "Cập nhật",
        "tin, bài trên Cổng thông tin điện tử",
        "tin, bài",
    ),
];

const TOPICS: &[&str] = &[
    "gắn với Lễ hội Thiết kế sáng tạo Hà Nội",
    "tại khu vực phố cổ",
    "với các thành phố thành viên khu vực Đông Nam Á",
    "về bảo tồn làng nghề truyền thống",
    "nhân dịp kỷ niệm Ngày Giải phóng Thủ đô",
    "về phát triển du lịch văn hóa",
    "trong khuôn khổ Mạng lưới các thành phố sáng tạo",
];

const REPORT_TEXTS: &[&str] = &[
    "Đơn vị đã chủ động xây dựng kế hoạch chi tiết, phối hợp với các đơn vị liên quan triển khai",
    "Đã tổ chức thành công, thu hút đông đảo người dân và du khách tham gia",
    "Đang hoàn thiện hồ sơ, dự toán kinh phí trình Sở phê duyệt",
    "Đã phối hợp với Văn phòng UNESCO tại Hà Nội chuẩn bị nội dung",
    "Tiến độ chậm do chưa bố trí được kinh phí, đề xuất điều chỉnh thời gian thực hiện",
    "Đã gửi báo cáo kết quả về Phòng Quản lý Di sản văn hóa tổng hợp",
];

fn sha_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn ensure_units(pool: &Pool, at: i64) -> R<Vec<i64>> {
    let table = AbbreviationTable::defaults();
    let mut tx = begin_write(pool).await?;
    let units: Vec<domain::CanonicalUnit> = UNITS
        .iter()
        .map(|n| domain::canonical_unit(n, &table))
        .collect();
    let mut q: QueryBuilder<DB> =
        QueryBuilder::new("INSERT INTO units (name, folded_name, external, kind, created_at) ");
    q.push_values(&units, |mut b, u| {
        b.push_bind(u.name.clone())
            .push_bind(u.key.clone())
            .push_bind(u.external)
            .push_bind(u.kind.as_str())
            .push_bind(at);
    });
    q.push(" ON CONFLICT (folded_name) DO NOTHING");
    q.build().execute(&mut *tx).await?;
    let mut ids = Vec::new();
    for u in &units {
        let id: i64 = sqlx::query_scalar("SELECT id FROM units WHERE folded_name = $1")
            .bind(&u.key)
            .fetch_one(&mut *tx)
            .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

struct ItemRow {
    parent_seq: Option<i64>,
    seq: i64,
    position: i64,
    depth: i64,
    numbering: String,
    title: String,
    body: String,
    status: &'static str,
    start: String,
    due: String,
    target: Option<(f64, f64, &'static str)>,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

fn plan_items(rng: &mut Rng, n: usize, year: i32, city: &str) -> Vec<ItemRow> {
    let mut rows = Vec::with_capacity(n);
    let sections = n.div_ceil(12).max(1);
    let mut seq = 0i64;
    let mut left = n;
    for s in 0..sections {
        if left == 0 {
            break;
        }
        let numbering = ROMAN
            .get(s)
            .map_or_else(|| format!("{}.", s + 1), |r| format!("{r}."));
        let title = SECTIONS[s % SECTIONS.len()].to_string();
        rows.push(ItemRow {
            parent_seq: None,
            seq,
            position: s as i64,
            depth: 0,
            numbering,
            body: title.clone(),
            title,
            status: "in_progress",
            start: format!("{year}-01-01"),
            due: format!("{year}-12-31"),
            target: None,
        });
        let parent = seq;
        seq += 1;
        left -= 1;
        let kids = left.min(11);
        for k in 0..kids {
            let (verb, what, unit) = *rng.pick(ACTIVITIES);
            let topic = rng.pick(TOPICS);
            let min = 1 + rng.below(20) as i64;
            let max = min + rng.below(10) as i64;
            let title = format!("{verb} {what} {topic}");
            let due_month = 3 + rng.below(10) as u32;
            let due = Period::Month(year, due_month as u8).end();
            let status = *rng.pick(&[
                "not_started",
                "in_progress",
                "in_progress",
                "done",
                "done",
                "late",
                "suspended",
            ]);
            rows.push(ItemRow {
                parent_seq: Some(parent),
                seq,
                position: k as i64,
                depth: 1,
                numbering: format!("{}.", k + 1),
                body: format!(
                    "{title} tại {city}. Số lượng: {min:02}-{max:02} {unit}/năm. Thời gian: trong năm {year}."
                ),
                title,
                status,
                start: format!("{year}-{:02}-01", 1 + rng.below(due_month as usize) as u32),
                due: due.to_string(),
                target: rng
                    .chance(40)
                    .then_some((min as f64, max as f64, unit)),
            });
            seq += 1;
            left -= 1;
        }
    }
    rows
}

/// Generates `spec` into the store and returns what it made. Units are shared with
/// real data (matched by their folded name); plans are new each run (their source hash
/// includes the seed and a run-unique count, so running twice adds more).
/// `progress` is called after each plan is committed, with the running totals.
pub(crate) async fn generate(
    pool: &Pool,
    ctx: &Ctx,
    spec: &SyntheticSpec,
    progress: &(dyn Fn(&SyntheticSummary) + Sync),
) -> R<SyntheticSummary> {
    let now = ctx.now();
    let mut rng = Rng(spec.seed);
    let unit_ids = ensure_units(pool, now).await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plans")
        .fetch_one(pool)
        .await?;
    let plans = spec.plans.max(1);
    let mut summary = SyntheticSummary {
        units: unit_ids.len(),
        ..Default::default()
    };
    let mut reports_left = spec.reports;
    for p in 0..plans {
        let n_items = spec.items / plans + usize::from(p < spec.items % plans);
        let n_reports = if p + 1 == plans {
            reports_left
        } else {
            spec.reports / plans
        };
        reports_left -= n_reports.min(reports_left);
        let (city, issuer) = *rng.pick(CITIES);
        let year = 2023 + rng.below(4) as i32;
        let title = rng
            .pick(PLAN_TITLES)
            .replace("{year}", &year.to_string())
            .replace("{city}", city);
        let key = format!("synthetic:{}:{}:{}", spec.seed, existing, p);
        let mut tx = begin_write(pool).await?;
        let at = now;
        let plan_id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (kind, kind_code, number, symbol, issuer, place, doc_date, year,
                 title, source_name, source_sha256, parsed_sha256, parsed_json, imported_at)
             VALUES ('Kế hoạch', 'KH', $1, 'KH-SVHTT', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING id",
        )
        .bind((100 + p).to_string())
        .bind(issuer)
        .bind(city)
        .bind(format!("{year}-01-{:02}", 2 + rng.below(25)))
        .bind(i64::from(year))
        .bind(&title)
        .bind(format!("synthetic-{}-{p}.txt", spec.seed))
        .bind(sha_hex(&key))
        .bind(sha_hex(&format!("{key}:parsed")))
        .bind(serde_json::json!({ "synthetic": true, "seed": spec.seed, "plan": p }).to_string())
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;

        let rows = plan_items(&mut rng, n_items, year, city);
        // Roots first, then children with their parents' ids.
        let mut ids_by_seq: HashMap<i64, i64> = HashMap::new();
        for depth in [0i64, 1] {
            let level: Vec<&ItemRow> = rows.iter().filter(|r| r.depth == depth).collect();
            for chunk in level.chunks(BATCH) {
                let mut q: QueryBuilder<DB> = QueryBuilder::new(
                    "INSERT INTO items (plan_id, parent_id, position, seq, depth, numbering, title,
                         body, added, status, status_reason, version, created_at, updated_at,
                         start_date, due_date, dates_source, search_folded) ",
                );
                q.push_values(chunk, |mut b, r| {
                    b.push_bind(plan_id)
                        .push_bind(r.parent_seq.and_then(|s| ids_by_seq.get(&s).copied()))
                        .push_bind(r.position)
                        .push_bind(r.seq)
                        .push_bind(r.depth)
                        .push_bind(r.numbering.clone())
                        .push_bind(r.title.clone())
                        .push_bind(r.body.clone())
                        .push_bind(false)
                        .push_bind(r.status)
                        .push_bind((r.status == "suspended").then_some("Chưa bố trí được kinh phí"))
                        .push_bind(1i64)
                        .push_bind(at)
                        .push_bind(at)
                        .push_bind(r.start.clone())
                        .push_bind(r.due.clone())
                        .push_bind("deadlines")
                        .push_bind(super::items::search_text(
                            Some(&r.numbering),
                            &r.title,
                            &r.body,
                        ));
                });
                q.build().execute(&mut *tx).await?;
            }
            let got: Vec<(i64, i64)> =
                sqlx::query_as("SELECT seq, id FROM items WHERE plan_id = $1 AND depth = $2")
                    .bind(plan_id)
                    .bind(depth)
                    .fetch_all(&mut *tx)
                    .await?;
            ids_by_seq.extend(got);
        }

        // Units: one lead, up to two coordinating; targets on some activities.
        let mut item_units: Vec<(i64, i64, &'static str, i64)> = Vec::new();
        let mut leaf_units: Vec<(i64, Vec<i64>)> = Vec::new();
        let mut targets: Vec<(i64, f64, f64, &'static str, String)> = Vec::new();
        for r in &rows {
            let id = ids_by_seq[&r.seq];
            let lead = *rng.pick(&unit_ids);
            let mut units = vec![lead];
            item_units.push((id, lead, "lead", 0));
            for k in 0..rng.below(3) {
                let c = *rng.pick(&unit_ids);
                if !units.contains(&c) {
                    units.push(c);
                    item_units.push((id, c, "coordinating", k as i64 + 1));
                }
            }
            if r.depth == 1 {
                leaf_units.push((id, units));
            }
            if let Some((min, max, unit)) = r.target {
                targets.push((id, min, max, unit, format!("{min:02}-{max:02} {unit}/năm")));
            }
        }
        for chunk in item_units.chunks(BATCH) {
            let mut q: QueryBuilder<DB> =
                QueryBuilder::new("INSERT INTO item_units (item_id, unit_id, relation, position) ");
            q.push_values(chunk, |mut b, (i, u, rel, pos)| {
                b.push_bind(*i)
                    .push_bind(*u)
                    .push_bind(*rel)
                    .push_bind(*pos);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in targets.chunks(BATCH) {
            let mut q: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO targets (item_id, position, min_value, max_value, unit, per, text) ",
            );
            q.push_values(chunk, |mut b, (i, min, max, unit, text)| {
                b.push_bind(*i)
                    .push_bind(0i64)
                    .push_bind(*min)
                    .push_bind(*max)
                    .push_bind(*unit)
                    .push_bind("năm")
                    .push_bind(text.clone());
            });
            q.build().execute(&mut *tx).await?;
        }

        // Reports: distinct (item, unit, period) in turn, so first versions stay unique;
        // one in twenty gets a second version.
        let periods: Vec<Period> = (1..=12u8)
            .map(|m| Period::Month(year, m))
            .chain((1..=4u8).map(|q| Period::Quarter(year, q)))
            .chain((1..=2u8).map(|h| Period::Half(year, h)))
            .chain([Period::Year(year)])
            .collect();
        let second = n_reports / 20;
        let first = n_reports - second;
        let mut slots: Vec<(i64, i64, Period)> = Vec::with_capacity(first);
        if !leaf_units.is_empty() {
            let mut round = 0usize;
            while slots.len() < first {
                let before = slots.len();
                for (item, units) in &leaf_units {
                    let combos = units.len() * periods.len();
                    if round < combos {
                        let u = units[round % units.len()];
                        let period = periods[round / units.len()];
                        slots.push((*item, u, period));
                        if slots.len() == first {
                            break;
                        }
                    }
                }
                if slots.len() == before {
                    break; // every combination used
                }
                round += 1;
            }
        }
        let users: Option<i64> = None;
        for chunk in slots.chunks(BATCH) {
            let mut q: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
                     version, text, percent, created_at, created_by) ",
            );
            let texts: Vec<(String, i64)> = chunk
                .iter()
                .map(|_| {
                    let percent = (rng.below(11) * 10) as i64;
                    (
                        format!(
                            "{}. Ước đạt {percent}% khối lượng công việc.",
                            rng.pick(REPORT_TEXTS)
                        ),
                        percent,
                    )
                })
                .collect();
            q.push_values(
                chunk.iter().zip(&texts),
                |mut b, ((item, unit, period), (text, percent))| {
                    b.push_bind(*item)
                        .push_bind(*unit)
                        .push_bind(period.to_string())
                        .push_bind(period.start().to_string())
                        .push_bind(period.end().to_string())
                        .push_bind(1i64)
                        .push_bind(text.clone())
                        .push_bind(*percent)
                        .push_bind(at)
                        .push_bind(users);
                },
            );
            q.build().execute(&mut *tx).await?;
        }
        let made_second = if second > 0 && !slots.is_empty() {
            sqlx::query(
                "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
                     version, previous_id, first_id, text, percent, created_at, created_by)
                 SELECT r.item_id, r.unit_id, r.period, r.period_start, r.period_end, 2, r.id, r.id,
                        r.text || ' Cập nhật: đã hoàn thành thêm một phần.',
                        CASE WHEN r.percent >= 90 THEN 100 ELSE r.percent + 10 END, r.created_at + 86400, NULL
                 FROM progress_reports r JOIN items i ON i.id = r.item_id
                 WHERE i.plan_id = $1 AND r.previous_id IS NULL
                 ORDER BY r.id LIMIT $2",
            )
            .bind(plan_id)
            .bind(second as i64)
            .execute(&mut *tx)
            .await?
            .rows_affected() as usize
        } else {
            0
        };
        // Figures: proportional to the report's percent of the target's maximum.
        sqlx::query(
            "INSERT INTO report_figures (report_id, target_id, value)
             SELECT r.id, t.id, ROUND(COALESCE(t.max_value, t.min_value, 10) * COALESCE(r.percent, 0) / 100.0)
             FROM progress_reports r
             JOIN items i ON i.id = r.item_id
             JOIN targets t ON t.item_id = r.item_id
             WHERE i.plan_id = $1",
        )
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        summary.plans += 1;
        summary.items += rows.len();
        summary.reports += slots.len() + made_second;
        progress(&summary);
    }
    Ok(summary)
}
