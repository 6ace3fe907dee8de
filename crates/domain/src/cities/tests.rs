use super::*;

fn draft(name: &str) -> CityDraft {
    CityDraft {
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn a_city_is_nfc_and_gets_a_slug_from_its_name() {
    let c = draft("  Đà Lạt ").check().unwrap();
    assert_eq!(c.name, "Đà Lạt");
    assert_eq!(c.slug, "da-lat");
    assert_eq!(c.point, None);
    assert_eq!(c.year, None);
    // Decomposed input comes out precomposed.
    let c = draft("Hu\u{0065}\u{0301}").check().unwrap();
    assert_eq!(c.name, "Hu\u{e9}");
}

#[test]
fn each_bad_field_is_named() {
    let d = CityDraft {
        name: " ".into(),
        year: "1999".into(),
        lat: "91".into(),
        lon: "10".into(),
        slug: "Bad Slug".into(),
        unesco_url: "ftp://x".into(),
        ..Default::default()
    };
    let errs = d.check().unwrap_err();
    let fields: Vec<CityField> = errs.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            CityField::Name,
            CityField::Year,
            CityField::Slug,
            CityField::Url,
            CityField::Lat
        ]
    );
    assert_eq!(errs[1].1, CityError::BadYear("1999".into()));
}

#[test]
fn years_and_points() {
    assert_eq!(parse_year("2025"), Ok(Some(2025)));
    assert_eq!(parse_year(""), Ok(None));
    assert!(parse_year("20x5").is_err());
    assert!(parse_year("2003").is_err());
    assert_eq!(parse_point("21,03", "105.85"), Ok(Some((21.03, 105.85))));
    assert_eq!(parse_point("", ""), Ok(None));
    assert_eq!(
        parse_point("10", ""),
        Err((CityField::Lon, CityError::HalfPoint))
    );
    assert!(matches!(
        parse_point("10", "181"),
        Err((CityField::Lon, CityError::BadLongitude(_)))
    ));
    assert!(matches!(
        parse_point("NaN", "1"),
        Err((CityField::Lat, CityError::BadLatitude(_)))
    ));
}

#[test]
fn slugs_and_codes_fold_vietnamese() {
    assert_eq!(slugify("TP Hồ Chí Minh"), "tp-ho-chi-minh");
    assert_eq!(slugify("Đà Nẵng"), "da-nang");
    assert_eq!(field_code("Crafts and Folk Art"), "crafts_and_folk_art");
    assert_eq!(field_code("Media Arts"), "media_arts");
    assert!(is_slug("granada-0"));
    assert!(!is_slug("-x") && !is_slug("a--b") && !is_slug("A"));
}

#[test]
fn a_field_needs_names_and_a_colour() {
    let f = FieldDraft {
        name_vi: "Kiến trúc".into(),
        name_en: "Architecture".into(),
        colour: "#8C564B".into(),
    };
    let ok = f.check().unwrap();
    assert_eq!(
        (ok.code.as_str(), ok.colour.as_str()),
        ("architecture", "#8c564b")
    );
    let bad = FieldDraft {
        colour: "red".into(),
        ..f.clone()
    };
    assert!(matches!(bad.check(), Err(CityError::BadColour(_))));
    let empty = FieldDraft {
        name_en: "".into(),
        ..f
    };
    assert_eq!(empty.check(), Err(CityError::NameRequired));
}

#[test]
fn the_projection_puts_hanoi_in_the_north_east_quarter() {
    let (x, y) = project(21.03, 105.85, 1000.0);
    assert!(
        (x - 794.0).abs() < 1.0 && (y - 191.6).abs() < 1.0,
        "{x} {y}"
    );
    assert_eq!(project(0.0, -180.0, 360.0), (0.0, 90.0));
}

#[test]
fn unesco_roles_have_no_city() {
    assert!(ContactRole::UnescoHanoiOffice.at_unesco());
    assert!(!ContactRole::FocalPoint.at_unesco());
    assert_eq!(ContactRole::offered(true).len(), 2);
    assert_eq!(ContactRole::offered(false).len(), 4);
}
