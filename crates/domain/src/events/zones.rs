//! The zones an event may be planned in, as a list people can search: "Paris (UTC+1/+2)",
//! the zones of UNESCO Creative Cities (UCCN) first, since the department's events are
//! with them. Any IANA name is still checked by [`super::parse_zone`] when saved.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// The zones of the UCCN member cities (`/work/shared/data/uccn`, 350 cities, 2024). The
/// city list names no country: each city was placed in its country's zone by hand, a
/// large country (Brazil, Mexico, the United States, Australia…) with the zone of each of
/// its member cities. Backward-compatible IANA names (Europe/Sarajevo, Africa/Kinshasa)
/// are kept where they name the member's own country.
pub const UCCN_ZONES: &[&str] = &[
    "Africa/Bissau",
    "Africa/Brazzaville",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Dakar",
    "Africa/Douala",
    "Africa/Johannesburg",
    "Africa/Kinshasa",
    "Africa/Lagos",
    "Africa/Lome",
    "Africa/Lubumbashi",
    "Africa/Nairobi",
    "Africa/Ouagadougou",
    "Africa/Porto-Novo",
    "Africa/Tunis",
    "America/Argentina/Buenos_Aires",
    "America/Asuncion",
    "America/Bahia",
    "America/Belem",
    "America/Bogota",
    "America/Caracas",
    "America/Chicago",
    "America/Costa_Rica",
    "America/Denver",
    "America/Detroit",
    "America/Fortaleza",
    "America/Guayaquil",
    "America/Havana",
    "America/Jamaica",
    "America/La_Paz",
    "America/Lima",
    "America/Los_Angeles",
    "America/Maceio",
    "America/Merida",
    "America/Mexico_City",
    "America/Montevideo",
    "America/Nassau",
    "America/Panama",
    "America/Phoenix",
    "America/Port-au-Prince",
    "America/Port_of_Spain",
    "America/Recife",
    "America/Santiago",
    "America/Santo_Domingo",
    "America/Sao_Paulo",
    "America/Tijuana",
    "America/Toronto",
    "Asia/Almaty",
    "Asia/Amman",
    "Asia/Ashgabat",
    "Asia/Baghdad",
    "Asia/Bahrain",
    "Asia/Baku",
    "Asia/Bangkok",
    "Asia/Beirut",
    "Asia/Dubai",
    "Asia/Hebron",
    "Asia/Ho_Chi_Minh",
    "Asia/Jakarta",
    "Asia/Jayapura",
    "Asia/Jerusalem",
    "Asia/Kabul",
    "Asia/Karachi",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Asia/Kuala_Lumpur",
    "Asia/Kuching",
    "Asia/Macau",
    "Asia/Manila",
    "Asia/Phnom_Penh",
    "Asia/Qatar",
    "Asia/Riyadh",
    "Asia/Samarkand",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tbilisi",
    "Asia/Tehran",
    "Asia/Tokyo",
    "Asia/Ulaanbaatar",
    "Atlantic/Cape_Verde",
    "Atlantic/Reykjavik",
    "Australia/Adelaide",
    "Australia/Hobart",
    "Australia/Melbourne",
    "Australia/Perth",
    "Australia/Sydney",
    "Europe/Amsterdam",
    "Europe/Athens",
    "Europe/Belgrade",
    "Europe/Berlin",
    "Europe/Bratislava",
    "Europe/Brussels",
    "Europe/Bucharest",
    "Europe/Budapest",
    "Europe/Copenhagen",
    "Europe/Dublin",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Europe/Kyiv",
    "Europe/Lisbon",
    "Europe/Ljubljana",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Moscow",
    "Europe/Oslo",
    "Europe/Paris",
    "Europe/Podgorica",
    "Europe/Prague",
    "Europe/Riga",
    "Europe/Rome",
    "Europe/Sarajevo",
    "Europe/Skopje",
    "Europe/Sofia",
    "Europe/Stockholm",
    "Europe/Tallinn",
    "Europe/Ulyanovsk",
    "Europe/Vienna",
    "Europe/Vilnius",
    "Europe/Warsaw",
    "Europe/Zagreb",
    "Europe/Zurich",
    "Indian/Mauritius",
    "Pacific/Auckland",
];

/// Every zone offered: the canonical zones of tzdata's `zone1970.tab`, the UCCN zones
/// above, and UTC.
pub const ZONES: &[&str] = &[
    "Africa/Abidjan",
    "Africa/Algiers",
    "Africa/Bissau",
    "Africa/Brazzaville",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Ceuta",
    "Africa/Dakar",
    "Africa/Douala",
    "Africa/El_Aaiun",
    "Africa/Johannesburg",
    "Africa/Juba",
    "Africa/Khartoum",
    "Africa/Kinshasa",
    "Africa/Lagos",
    "Africa/Lome",
    "Africa/Lubumbashi",
    "Africa/Maputo",
    "Africa/Monrovia",
    "Africa/Nairobi",
    "Africa/Ndjamena",
    "Africa/Ouagadougou",
    "Africa/Porto-Novo",
    "Africa/Sao_Tome",
    "Africa/Tripoli",
    "Africa/Tunis",
    "Africa/Windhoek",
    "America/Adak",
    "America/Anchorage",
    "America/Araguaina",
    "America/Argentina/Buenos_Aires",
    "America/Argentina/Catamarca",
    "America/Argentina/Cordoba",
    "America/Argentina/Jujuy",
    "America/Argentina/La_Rioja",
    "America/Argentina/Mendoza",
    "America/Argentina/Rio_Gallegos",
    "America/Argentina/Salta",
    "America/Argentina/San_Juan",
    "America/Argentina/San_Luis",
    "America/Argentina/Tucuman",
    "America/Argentina/Ushuaia",
    "America/Asuncion",
    "America/Bahia",
    "America/Bahia_Banderas",
    "America/Barbados",
    "America/Belem",
    "America/Belize",
    "America/Boa_Vista",
    "America/Bogota",
    "America/Boise",
    "America/Cambridge_Bay",
    "America/Campo_Grande",
    "America/Cancun",
    "America/Caracas",
    "America/Cayenne",
    "America/Chicago",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Costa_Rica",
    "America/Coyhaique",
    "America/Cuiaba",
    "America/Danmarkshavn",
    "America/Dawson",
    "America/Dawson_Creek",
    "America/Denver",
    "America/Detroit",
    "America/Edmonton",
    "America/Eirunepe",
    "America/El_Salvador",
    "America/Fort_Nelson",
    "America/Fortaleza",
    "America/Glace_Bay",
    "America/Goose_Bay",
    "America/Grand_Turk",
    "America/Guatemala",
    "America/Guayaquil",
    "America/Guyana",
    "America/Halifax",
    "America/Havana",
    "America/Hermosillo",
    "America/Indiana/Indianapolis",
    "America/Indiana/Knox",
    "America/Indiana/Marengo",
    "America/Indiana/Petersburg",
    "America/Indiana/Tell_City",
    "America/Indiana/Vevay",
    "America/Indiana/Vincennes",
    "America/Indiana/Winamac",
    "America/Inuvik",
    "America/Iqaluit",
    "America/Jamaica",
    "America/Juneau",
    "America/Kentucky/Louisville",
    "America/Kentucky/Monticello",
    "America/La_Paz",
    "America/Lima",
    "America/Los_Angeles",
    "America/Maceio",
    "America/Managua",
    "America/Manaus",
    "America/Martinique",
    "America/Matamoros",
    "America/Mazatlan",
    "America/Menominee",
    "America/Merida",
    "America/Metlakatla",
    "America/Mexico_City",
    "America/Miquelon",
    "America/Moncton",
    "America/Monterrey",
    "America/Montevideo",
    "America/Nassau",
    "America/New_York",
    "America/Nome",
    "America/Noronha",
    "America/North_Dakota/Beulah",
    "America/North_Dakota/Center",
    "America/North_Dakota/New_Salem",
    "America/Nuuk",
    "America/Ojinaga",
    "America/Panama",
    "America/Paramaribo",
    "America/Phoenix",
    "America/Port-au-Prince",
    "America/Port_of_Spain",
    "America/Porto_Velho",
    "America/Puerto_Rico",
    "America/Punta_Arenas",
    "America/Rankin_Inlet",
    "America/Recife",
    "America/Regina",
    "America/Resolute",
    "America/Rio_Branco",
    "America/Santarem",
    "America/Santiago",
    "America/Santo_Domingo",
    "America/Sao_Paulo",
    "America/Scoresbysund",
    "America/Sitka",
    "America/St_Johns",
    "America/Swift_Current",
    "America/Tegucigalpa",
    "America/Thule",
    "America/Tijuana",
    "America/Toronto",
    "America/Vancouver",
    "America/Whitehorse",
    "America/Winnipeg",
    "America/Yakutat",
    "Antarctica/Casey",
    "Antarctica/Davis",
    "Antarctica/Macquarie",
    "Antarctica/Mawson",
    "Antarctica/Palmer",
    "Antarctica/Rothera",
    "Antarctica/Troll",
    "Antarctica/Vostok",
    "Asia/Almaty",
    "Asia/Amman",
    "Asia/Anadyr",
    "Asia/Aqtau",
    "Asia/Aqtobe",
    "Asia/Ashgabat",
    "Asia/Atyrau",
    "Asia/Baghdad",
    "Asia/Bahrain",
    "Asia/Baku",
    "Asia/Bangkok",
    "Asia/Barnaul",
    "Asia/Beirut",
    "Asia/Bishkek",
    "Asia/Chita",
    "Asia/Colombo",
    "Asia/Damascus",
    "Asia/Dhaka",
    "Asia/Dili",
    "Asia/Dubai",
    "Asia/Dushanbe",
    "Asia/Famagusta",
    "Asia/Gaza",
    "Asia/Hebron",
    "Asia/Ho_Chi_Minh",
    "Asia/Hong_Kong",
    "Asia/Hovd",
    "Asia/Irkutsk",
    "Asia/Jakarta",
    "Asia/Jayapura",
    "Asia/Jerusalem",
    "Asia/Kabul",
    "Asia/Kamchatka",
    "Asia/Karachi",
    "Asia/Kathmandu",
    "Asia/Khandyga",
    "Asia/Kolkata",
    "Asia/Krasnoyarsk",
    "Asia/Kuala_Lumpur",
    "Asia/Kuching",
    "Asia/Macau",
    "Asia/Magadan",
    "Asia/Makassar",
    "Asia/Manila",
    "Asia/Nicosia",
    "Asia/Novokuznetsk",
    "Asia/Novosibirsk",
    "Asia/Omsk",
    "Asia/Oral",
    "Asia/Phnom_Penh",
    "Asia/Pontianak",
    "Asia/Pyongyang",
    "Asia/Qatar",
    "Asia/Qostanay",
    "Asia/Qyzylorda",
    "Asia/Riyadh",
    "Asia/Sakhalin",
    "Asia/Samarkand",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Srednekolymsk",
    "Asia/Taipei",
    "Asia/Tashkent",
    "Asia/Tbilisi",
    "Asia/Tehran",
    "Asia/Thimphu",
    "Asia/Tokyo",
    "Asia/Tomsk",
    "Asia/Ulaanbaatar",
    "Asia/Urumqi",
    "Asia/Ust-Nera",
    "Asia/Vladivostok",
    "Asia/Yakutsk",
    "Asia/Yangon",
    "Asia/Yekaterinburg",
    "Asia/Yerevan",
    "Atlantic/Azores",
    "Atlantic/Bermuda",
    "Atlantic/Canary",
    "Atlantic/Cape_Verde",
    "Atlantic/Faroe",
    "Atlantic/Madeira",
    "Atlantic/Reykjavik",
    "Atlantic/South_Georgia",
    "Atlantic/Stanley",
    "Australia/Adelaide",
    "Australia/Brisbane",
    "Australia/Broken_Hill",
    "Australia/Darwin",
    "Australia/Eucla",
    "Australia/Hobart",
    "Australia/Lindeman",
    "Australia/Lord_Howe",
    "Australia/Melbourne",
    "Australia/Perth",
    "Australia/Sydney",
    "Europe/Amsterdam",
    "Europe/Andorra",
    "Europe/Astrakhan",
    "Europe/Athens",
    "Europe/Belgrade",
    "Europe/Berlin",
    "Europe/Bratislava",
    "Europe/Brussels",
    "Europe/Bucharest",
    "Europe/Budapest",
    "Europe/Chisinau",
    "Europe/Copenhagen",
    "Europe/Dublin",
    "Europe/Gibraltar",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Europe/Kaliningrad",
    "Europe/Kirov",
    "Europe/Kyiv",
    "Europe/Lisbon",
    "Europe/Ljubljana",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Malta",
    "Europe/Minsk",
    "Europe/Moscow",
    "Europe/Oslo",
    "Europe/Paris",
    "Europe/Podgorica",
    "Europe/Prague",
    "Europe/Riga",
    "Europe/Rome",
    "Europe/Samara",
    "Europe/Sarajevo",
    "Europe/Saratov",
    "Europe/Simferopol",
    "Europe/Skopje",
    "Europe/Sofia",
    "Europe/Stockholm",
    "Europe/Tallinn",
    "Europe/Tirane",
    "Europe/Ulyanovsk",
    "Europe/Vienna",
    "Europe/Vilnius",
    "Europe/Volgograd",
    "Europe/Warsaw",
    "Europe/Zagreb",
    "Europe/Zurich",
    "Indian/Chagos",
    "Indian/Maldives",
    "Indian/Mauritius",
    "Pacific/Apia",
    "Pacific/Auckland",
    "Pacific/Bougainville",
    "Pacific/Chatham",
    "Pacific/Easter",
    "Pacific/Efate",
    "Pacific/Fakaofo",
    "Pacific/Fiji",
    "Pacific/Galapagos",
    "Pacific/Gambier",
    "Pacific/Guadalcanal",
    "Pacific/Guam",
    "Pacific/Honolulu",
    "Pacific/Kanton",
    "Pacific/Kiritimati",
    "Pacific/Kosrae",
    "Pacific/Kwajalein",
    "Pacific/Marquesas",
    "Pacific/Nauru",
    "Pacific/Niue",
    "Pacific/Norfolk",
    "Pacific/Noumea",
    "Pacific/Pago_Pago",
    "Pacific/Palau",
    "Pacific/Pitcairn",
    "Pacific/Port_Moresby",
    "Pacific/Rarotonga",
    "Pacific/Tahiti",
    "Pacific/Tarawa",
    "Pacific/Tongatapu",
    "UTC",
];

/// One zone in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneChoice {
    /// The IANA name, the value sent.
    pub name: String,
    /// "Paris (UTC+1/+2)".
    pub label: String,
    /// A zone of a UCCN member city (listed first).
    pub uccn: bool,
}

/// "Paris (UTC+1/+2)": the zone's city and its offsets in `year`, winter and summer (one
/// offset when the zone keeps one all year).
pub fn zone_label(zone: Tz, year: i32) -> String {
    let name = zone.name();
    let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
    let offset = |month| {
        NaiveDate::from_ymd_opt(year, month, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .map(|t| zone.from_utc_datetime(&t).offset().fix().local_minus_utc())
            .unwrap_or(0)
    };
    let (a, b) = (offset(1), offset(7));
    let (low, high) = (a.min(b), a.max(b));
    if low == high {
        format!("{city} (UTC{})", hours(low))
    } else {
        format!("{city} (UTC{}/{})", hours(low), hours(high))
    }
}

/// "+7", "-3", "+5:30", "+0".
fn hours(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    match (s / 3600, (s % 3600) / 60) {
        (h, 0) => format!("{sign}{h}"),
        (h, m) => format!("{sign}{h}:{m:02}"),
    }
}

/// The list: UCCN zones first, then every other zone, each part by label.
pub fn zone_choices(year: i32) -> Vec<ZoneChoice> {
    let mut out: Vec<ZoneChoice> = ZONES
        .iter()
        .filter_map(|name| {
            let zone: Tz = name.parse().ok()?;
            Some(ZoneChoice {
                name: name.to_string(),
                label: zone_label(zone, year),
                uccn: UCCN_ZONES.contains(name),
            })
        })
        .collect();
    out.sort_by(|a, b| (!a.uccn, &a.label).cmp(&(!b.uccn, &b.label)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_show_the_city_and_its_offsets() {
        assert_eq!(
            zone_label(chrono_tz::Europe::Paris, 2025),
            "Paris (UTC+1/+2)"
        );
        assert_eq!(
            zone_label(chrono_tz::Asia::Ho_Chi_Minh, 2025),
            "Ho Chi Minh (UTC+7)"
        );
        assert_eq!(
            zone_label(chrono_tz::Asia::Kolkata, 2025),
            "Kolkata (UTC+5:30)"
        );
        assert_eq!(
            zone_label(chrono_tz::Australia::Sydney, 2025),
            "Sydney (UTC+10/+11)"
        );
        assert_eq!(
            zone_label(chrono_tz::America::Sao_Paulo, 2025),
            "Sao Paulo (UTC-3)"
        );
        assert_eq!(zone_label(chrono_tz::UTC, 2025), "UTC (UTC+0)");
    }

    #[test]
    fn every_listed_zone_is_known_and_uccn_zones_come_first() {
        for name in ZONES.iter().chain(UCCN_ZONES) {
            assert!(name.parse::<Tz>().is_ok(), "{name}");
        }
        for name in UCCN_ZONES {
            assert!(ZONES.contains(name), "{name}");
        }
        let list = zone_choices(2025);
        assert_eq!(list.len(), ZONES.len());
        let first_other = list.iter().position(|z| !z.uccn).unwrap();
        assert_eq!(first_other, UCCN_ZONES.len());
        assert!(
            list[..first_other]
                .iter()
                .any(|z| z.name == "Asia/Ho_Chi_Minh")
        );
        assert!(list[..first_other].iter().any(|z| z.name == "Europe/Paris"));
        assert!(
            list[first_other..]
                .iter()
                .any(|z| z.name == "Pacific/Tahiti")
        );
    }
}
