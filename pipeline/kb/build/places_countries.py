"""Country and territory rows for ``pipeline/kb/data/places.csv``.

Base names come from the Unicode CLDR territory names shipped with Babel
(``babel.Locale('ar').territories`` / ``Locale('en').territories``), so every
ISO 3166-1 alpha-2 territory is covered offline. On top of CLDR we add the
variants Arabic news actually writes (``أمريكا``/``أميركا``, ``سورية``,
``السعودية`` …), capital coordinates we are sure of, and a parent country for
dependent territories.

Everything here is static data plus one pure function; no network.
"""

from __future__ import annotations

from babel import Locale

__all__ = ["country_rows", "EXCLUDED_CODES", "DEPENDENCY_PARENT"]

#: CLDR codes that are not ISO 3166-1 territories we want as places
#: (supranational groupings, pseudo locales, exceptional reservations).
EXCLUDED_CODES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"})

#: Dependent territories → sovereign (ISO alpha-2). Only well-established cases.
DEPENDENCY_PARENT: dict[str, str] = {
    "HK": "CN", "MO": "CN",
    "PR": "US", "GU": "US", "VI": "US", "AS": "US", "MP": "US", "UM": "US",
    "GI": "GB", "BM": "GB", "KY": "GB", "FK": "GB", "VG": "GB", "AI": "GB", "MS": "GB",
    "TC": "GB", "SH": "GB", "PN": "GB", "IO": "GB", "GS": "GB", "GG": "GB", "JE": "GB", "IM": "GB",
    "GF": "FR", "GP": "FR", "MQ": "FR", "RE": "FR", "YT": "FR", "PF": "FR", "NC": "FR",
    "PM": "FR", "BL": "FR", "MF": "FR", "WF": "FR", "TF": "FR",
    "AW": "NL", "CW": "NL", "SX": "NL", "BQ": "NL",
    "GL": "DK", "FO": "DK", "AX": "FI", "SJ": "NO", "BV": "NO",
    "CK": "NZ", "NU": "NZ", "TK": "NZ",
    "CC": "AU", "CX": "AU", "HM": "AU", "NF": "AU",
}

#: Name overrides (name_ar, name_en) where the CLDR display name is not the
#: usual news name; the CLDR form is then kept as an alias.
NAME_OVERRIDES: dict[str, tuple[str | None, str | None]] = {
    "US": (None, None),
    "GB": (None, None),
    "PS": ("فلسطين", "Palestine"),
    "TR": (None, "Turkey"),
    "HK": ("هونغ كونغ", "Hong Kong"),
    "MO": ("ماكاو", "Macau"),
    "MM": ("ميانمار", "Myanmar"),
    "CD": ("جمهورية الكونغو الديمقراطية", "Democratic Republic of the Congo"),
    "CG": ("جمهورية الكونغو", "Republic of the Congo"),
    "CC": ("جزر كوكوس", "Cocos (Keeling) Islands"),
    "TL": ("تيمور الشرقية", "Timor-Leste"),
    "OM": ("سلطنة عمان", "Oman"),
    "DK": ("الدنمارك", "Denmark"),
    "CI": ("ساحل العاج", "Côte d'Ivoire"),
    "SZ": ("إسواتيني", "Eswatini"),
}

#: Extra Arabic | English aliases (pipe separated), beyond CLDR.
EXTRA_ALIASES: dict[str, tuple[str, str]] = {
    "US": ("الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|أمريكا|أميركا|امريكا|اميركا",
           "USA|U.S.|U.S.A.|United States of America|America"),
    "SA": ("السعودية|المملكة السعودية", "KSA|Kingdom of Saudi Arabia"),
    "AE": ("الإمارات|دولة الإمارات|دولة الإمارات العربية المتحدة|الامارات", "UAE|U.A.E.|Emirates"),
    "IL": ("اسرائيل|دولة إسرائيل", "State of Israel"),
    "PS": ("الأراضي الفلسطينية|دولة فلسطين|الاراضي الفلسطينية", "Palestinian Territories|State of Palestine|Occupied Palestinian Territories"),
    "SY": ("سورية|الجمهورية العربية السورية", "Syrian Arab Republic"),
    "IQ": ("جمهورية العراق", "Republic of Iraq"),
    "IR": ("ايران|الجمهورية الإسلامية الإيرانية|الجمهورية الاسلامية الايرانية", "Islamic Republic of Iran|Persia"),
    "TR": ("الجمهورية التركية", "Türkiye|Turkiye|Republic of Turkey"),
    "EG": ("جمهورية مصر العربية", "Arab Republic of Egypt"),
    "JO": ("المملكة الأردنية الهاشمية", "Hashemite Kingdom of Jordan"),
    "LB": ("الجمهورية اللبنانية", "Lebanese Republic"),
    "QA": ("دولة قطر", "State of Qatar"),
    "KW": ("دولة الكويت", "State of Kuwait"),
    "BH": ("مملكة البحرين", "Kingdom of Bahrain"),
    "OM": ("", "Sultanate of Oman"),
    "YE": ("الجمهورية اليمنية", "Republic of Yemen"),
    "MA": ("المملكة المغربية", "Kingdom of Morocco"),
    "DZ": ("الجمهورية الجزائرية", "People's Democratic Republic of Algeria"),
    "TN": ("الجمهورية التونسية", "Tunisian Republic"),
    "LY": ("دولة ليبيا", "State of Libya"),
    "SD": ("جمهورية السودان", "Republic of the Sudan"),
    "SS": ("دولة جنوب السودان", "Republic of South Sudan"),
    "AF": ("افغانستان", ""),
    "RU": ("روسيا الاتحادية", "Russian Federation"),
    "CN": ("جمهورية الصين الشعبية|الصين الشعبية", "People's Republic of China|PRC"),
    "GB": ("بريطانيا|بريطانيا العظمى", "UK|U.K.|Britain|Great Britain"),
    "DE": ("المانيا", ""),
    "IT": ("ايطاليا", ""),
    "ES": ("اسبانيا", ""),
    "UA": ("اوكرانيا", ""),
    "AU": ("استراليا", ""),
    "BY": ("بيلاروسيا|روسيا البيضاء", ""),
    "HU": ("المجر", ""),
    "CZ": ("جمهورية التشيك|تشيكيا", "Czech Republic"),
    "MK": ("مقدونيا", "Macedonia"),
    "BA": ("البوسنة", "Bosnia"),
    "TH": ("تايلند", ""),
    "NZ": ("نيوزيلاندا", ""),
    "ET": ("أثيوبيا|اثيوبيا", ""),
    "ER": ("اريتريا", ""),
    "KG": ("قرغيزستان", ""),
    "BD": ("بنغلادش", ""),
    "MM": ("بورما|ميانمار (بورما)", "Burma"),
    "MV": ("المالديف", ""),
    "CD": ("الكونغو الديمقراطية|الكونغو - كينشاسا|الكونغو كينشاسا", "DR Congo|DRC|Congo-Kinshasa"),
    "CG": ("الكونغو برازافيل|الكونغو - برازافيل", "Congo-Brazzaville"),
    "CI": ("كوت ديفوار", "Ivory Coast|Cote d'Ivoire"),
    "SZ": ("سوازيلاند", "Swaziland"),
    "TL": ("تيمور - ليشتي|تيمور ليشتي", "East Timor"),
    "HK": ("هونغ كونغ الصينية (منطقة إدارية خاصة)|هونج كونج", "Hong Kong SAR China"),
    "MO": ("منطقة ماكاو الإدارية الخاصة", "Macao|Macao SAR China"),
    "KP": ("كوريا الديمقراطية", "DPRK|Democratic People's Republic of Korea"),
    "KR": ("جمهورية كوريا", "Republic of Korea|ROK"),
    "VA": ("دولة الفاتيكان|دولة مدينة الفاتيكان", "Vatican"),
    "IE": ("ايرلندا|إيرلندا", ""),
    "IS": ("أيسلندا|ايسلندا", ""),
    "IN": ("", "Republic of India"),
    "PK": ("", "Islamic Republic of Pakistan"),
    "XK": ("", ""),
    "DK": ("الدانمرك|الدانمارك", ""),
    "ID": ("اندونيسيا", ""),
    "UY": ("الأوروغواي|أوروغواي", "Uruguay"),
    "MR": ("", "Islamic Republic of Mauritania"),
    "TW": ("", "Republic of China"),
    "GE": ("", ""),
}

#: Capital (or seat of government) coordinates, (city_en, lat, lon).
#: Only values we are sure of to about 0.1°.
CAPITALS: dict[str, tuple[str, float, float]] = {
    # Middle East, North Africa, Horn, neighbours
    "IQ": ("Baghdad", 33.3152, 44.3661), "SY": ("Damascus", 33.5138, 36.2765),
    "LB": ("Beirut", 33.8938, 35.5018), "JO": ("Amman", 31.9454, 35.9284),
    "IL": ("Jerusalem", 31.7683, 35.2137), "PS": ("Ramallah", 31.9038, 35.2034),
    "SA": ("Riyadh", 24.7136, 46.6753), "AE": ("Abu Dhabi", 24.4539, 54.3773),
    "QA": ("Doha", 25.2854, 51.5310), "KW": ("Kuwait City", 29.3759, 47.9774),
    "BH": ("Manama", 26.2285, 50.5860), "OM": ("Muscat", 23.5880, 58.3829),
    "YE": ("Sanaa", 15.3694, 44.1910), "IR": ("Tehran", 35.6892, 51.3890),
    "TR": ("Ankara", 39.9334, 32.8597), "EG": ("Cairo", 30.0444, 31.2357),
    "LY": ("Tripoli", 32.8872, 13.1913), "TN": ("Tunis", 36.8065, 10.1815),
    "DZ": ("Algiers", 36.7538, 3.0588), "MA": ("Rabat", 34.0209, -6.8416),
    "MR": ("Nouakchott", 18.0735, -15.9582), "SD": ("Khartoum", 15.5007, 32.5599),
    "SS": ("Juba", 4.8594, 31.5713), "SO": ("Mogadishu", 2.0469, 45.3182),
    "DJ": ("Djibouti", 11.5721, 43.1456), "KM": ("Moroni", -11.7172, 43.2473),
    "CY": ("Nicosia", 35.1856, 33.3823), "AF": ("Kabul", 34.5553, 69.2075),
    "PK": ("Islamabad", 33.6844, 73.0479), "EH": ("Laayoune", 27.1536, -13.2033),
    "ER": ("Asmara", 15.3229, 38.9251), "ET": ("Addis Ababa", 9.0300, 38.7400),
    # G20 and permanent members of the UN Security Council
    "US": ("Washington", 38.9072, -77.0369), "CN": ("Beijing", 39.9042, 116.4074),
    "RU": ("Moscow", 55.7558, 37.6173), "GB": ("London", 51.5074, -0.1278),
    "FR": ("Paris", 48.8566, 2.3522), "DE": ("Berlin", 52.5200, 13.4050),
    "IT": ("Rome", 41.9028, 12.4964), "JP": ("Tokyo", 35.6762, 139.6503),
    "CA": ("Ottawa", 45.4215, -75.6972), "AU": ("Canberra", -35.2809, 149.1300),
    "BR": ("Brasília", -15.7939, -47.8828), "AR": ("Buenos Aires", -34.6037, -58.3816),
    "MX": ("Mexico City", 19.4326, -99.1332), "IN": ("New Delhi", 28.6139, 77.2090),
    "ID": ("Jakarta", -6.2088, 106.8456), "KR": ("Seoul", 37.5665, 126.9780),
    "ZA": ("Pretoria", -25.7479, 28.2293),
    # Europe
    "ES": ("Madrid", 40.4168, -3.7038), "PT": ("Lisbon", 38.7223, -9.1393),
    "NL": ("Amsterdam", 52.3676, 4.9041), "BE": ("Brussels", 50.8503, 4.3517),
    "CH": ("Bern", 46.9480, 7.4474), "AT": ("Vienna", 48.2082, 16.3738),
    "SE": ("Stockholm", 59.3293, 18.0686), "NO": ("Oslo", 59.9139, 10.7522),
    "DK": ("Copenhagen", 55.6761, 12.5683), "FI": ("Helsinki", 60.1699, 24.9384),
    "PL": ("Warsaw", 52.2297, 21.0122), "UA": ("Kyiv", 50.4501, 30.5234),
    "BY": ("Minsk", 53.9006, 27.5590), "GR": ("Athens", 37.9838, 23.7275),
    "IE": ("Dublin", 53.3498, -6.2603), "HU": ("Budapest", 47.4979, 19.0402),
    "CZ": ("Prague", 50.0755, 14.4378), "RO": ("Bucharest", 44.4268, 26.1025),
    "BG": ("Sofia", 42.6977, 23.3219), "RS": ("Belgrade", 44.7866, 20.4489),
    "AL": ("Tirana", 41.3275, 19.8187), "BA": ("Sarajevo", 43.8563, 18.4131),
    "HR": ("Zagreb", 45.8150, 15.9819), "SI": ("Ljubljana", 46.0569, 14.5058),
    "SK": ("Bratislava", 48.1486, 17.1077), "EE": ("Tallinn", 59.4370, 24.7536),
    "LV": ("Riga", 56.9496, 24.1052), "LT": ("Vilnius", 54.6872, 25.2797),
    "MD": ("Chisinau", 47.0105, 28.8638), "ME": ("Podgorica", 42.4304, 19.2594),
    "MK": ("Skopje", 41.9981, 21.4254), "XK": ("Pristina", 42.6629, 21.1655),
    "IS": ("Reykjavik", 64.1466, -21.9426), "LU": ("Luxembourg", 49.6116, 6.1319),
    "MT": ("Valletta", 35.8989, 14.5146), "VA": ("Vatican City", 41.9029, 12.4534),
    "MC": ("Monaco", 43.7384, 7.4246), "SM": ("San Marino", 43.9424, 12.4578),
    "AD": ("Andorra la Vella", 42.5063, 1.5218), "LI": ("Vaduz", 47.1410, 9.5209),
    "GI": ("Gibraltar", 36.1408, -5.3536),
    # Caucasus, Central and East Asia
    "AZ": ("Baku", 40.4093, 49.8671), "AM": ("Yerevan", 40.1792, 44.4991),
    "GE": ("Tbilisi", 41.7151, 44.8271), "KZ": ("Astana", 51.1694, 71.4491),
    "UZ": ("Tashkent", 41.2995, 69.2401), "TM": ("Ashgabat", 37.9601, 58.3261),
    "TJ": ("Dushanbe", 38.5598, 68.7870), "KG": ("Bishkek", 42.8746, 74.5698),
    "KP": ("Pyongyang", 39.0392, 125.7625), "MN": ("Ulaanbaatar", 47.8864, 106.9057),
    "TW": ("Taipei", 25.0330, 121.5654), "HK": ("Hong Kong", 22.3193, 114.1694),
    "VN": ("Hanoi", 21.0278, 105.8342), "TH": ("Bangkok", 13.7563, 100.5018),
    "MY": ("Kuala Lumpur", 3.1390, 101.6869), "SG": ("Singapore", 1.3521, 103.8198),
    "PH": ("Manila", 14.5995, 120.9842), "BD": ("Dhaka", 23.8103, 90.4125),
    "LK": ("Colombo", 6.9271, 79.8612), "NP": ("Kathmandu", 27.7172, 85.3240),
    "MM": ("Naypyidaw", 19.7633, 96.0785), "MV": ("Male", 4.1755, 73.5093),
    "BT": ("Thimphu", 27.4728, 89.6390), "KH": ("Phnom Penh", 11.5564, 104.9282),
    "LA": ("Vientiane", 17.9757, 102.6331), "BN": ("Bandar Seri Begawan", 4.9031, 114.9398),
    "TL": ("Dili", -8.5569, 125.5603),
    # Africa
    "NG": ("Abuja", 9.0765, 7.3986), "KE": ("Nairobi", -1.2921, 36.8219),
    "ML": ("Bamako", 12.6392, -8.0029), "NE": ("Niamey", 13.5116, 2.1254),
    "TD": ("N'Djamena", 12.1348, 15.0557), "SN": ("Dakar", 14.7167, -17.4677),
    "UG": ("Kampala", 0.3476, 32.5825), "TZ": ("Dodoma", -6.1630, 35.7516),
    "AO": ("Luanda", -8.8390, 13.2894), "CD": ("Kinshasa", -4.4419, 15.2663),
    "CG": ("Brazzaville", -4.2634, 15.2429), "BF": ("Ouagadougou", 12.3714, -1.5197),
    "GH": ("Accra", 5.6037, -0.1870), "CI": ("Yamoussoukro", 6.8276, -5.2893),
    "CM": ("Yaounde", 3.8480, 11.5021), "GA": ("Libreville", 0.4162, 9.4673),
    "RW": ("Kigali", -1.9441, 30.0619), "ZW": ("Harare", -17.8252, 31.0335),
    "ZM": ("Lusaka", -15.3875, 28.3228), "MZ": ("Maputo", -25.9692, 32.5732),
    "MG": ("Antananarivo", -18.8792, 47.5079), "NA": ("Windhoek", -22.5609, 17.0658),
    "BW": ("Gaborone", -24.6282, 25.9231), "LR": ("Monrovia", 6.3156, -10.8074),
    "SL": ("Freetown", 8.4657, -13.2317), "GN": ("Conakry", 9.6412, -13.5784),
    "GM": ("Banjul", 13.4549, -16.5790), "TG": ("Lome", 6.1725, 1.2314),
    "CF": ("Bangui", 4.3947, 18.5582), "MW": ("Lilongwe", -13.9626, 33.7741),
    "SC": ("Victoria", -4.6191, 55.4513), "MU": ("Port Louis", -20.1609, 57.5012),
    # Americas and Oceania
    "VE": ("Caracas", 10.4806, -66.9036), "CU": ("Havana", 23.1136, -82.3666),
    "CL": ("Santiago", -33.4489, -70.6693), "CO": ("Bogota", 4.7110, -74.0721),
    "PE": ("Lima", -12.0464, -77.0428), "EC": ("Quito", -0.1807, -78.4678),
    "BO": ("La Paz", -16.4897, -68.1193), "PY": ("Asuncion", -25.2637, -57.5759),
    "UY": ("Montevideo", -34.9011, -56.1645), "PA": ("Panama City", 8.9824, -79.5199),
    "NI": ("Managua", 12.1150, -86.2362), "DO": ("Santo Domingo", 18.4861, -69.9312),
    "HT": ("Port-au-Prince", 18.5944, -72.3074), "JM": ("Kingston", 18.0179, -76.8099),
    "GT": ("Guatemala City", 14.6349, -90.5069), "HN": ("Tegucigalpa", 14.0723, -87.1921),
    "SV": ("San Salvador", 13.6929, -89.2182), "CR": ("San Jose", 9.9281, -84.0907),
    "NZ": ("Wellington", -41.2865, 174.7762), "FJ": ("Suva", -18.1248, 178.4501),
    "PG": ("Port Moresby", -9.4438, 147.1803),
}

#: Countries whose coordinate needs a qualifying note.
COORD_NOTES: dict[str, str] = {
    "IL": "coord: Jerusalem (seat of government; status disputed)",
    "PS": "coord: Ramallah (seat of the Palestinian Authority)",
    "EH": "coord: Laayoune (largest city; territory status disputed)",
    "BO": "coord: La Paz (seat of government)",
    "LK": "coord: Colombo (commercial capital)",
    "CI": "coord: Yamoussoukro (official capital)",
    "NL": "coord: Amsterdam (constitutional capital)",
    "HK": "coord: Hong Kong (city centre)",
    "GI": "coord: Gibraltar (town)",
}

#: Short status notes for politically sensitive entries.
STATUS_NOTES: dict[str, str] = {
    "PS": "State of Palestine (UN observer state); CLDR: Palestinian Territories",
    "EH": "disputed territory",
    "XK": "XK is a user-assigned code (not ISO 3166-1)",
    "TW": "status disputed",
    "OM": "ambiguous_with=loc:jo-amman: bare عمان/عُمان is also Amman; bare form assigned to Amman, use سلطنة عمان for Oman",
    "CD": "bare الكونغو is ambiguous (CD/CG) and is not an alias",
    "CG": "bare الكونغو is ambiguous (CD/CG) and is not an alias",
    "KP": "bare كوريا is ambiguous (KP/KR) and is not an alias",
    "ML": "common_word: مالي is also the adjective 'financial'; require place context",
    "BJ": "common_word: بنين also means 'sons'; require place context",
    "MA": "common_word: المغرب is also the sunset prayer / the Maghreb; require context",
    "QA": "common_word: قطر also means 'diameter/region'; require context",
    "DZ": "ambiguous_with=loc:dz-algiers (capital shares the name; city is الجزائر العاصمة)",
    "TN": "ambiguous_with=loc:tn-tunis (capital shares the name; city is تونس العاصمة)",
    "KW": "ambiguous_with=loc:kw-kuwait-city (capital shares the name; city is مدينة الكويت)",
}

#: Codes whose CLDR Arabic name must not become an alias (it collides with
#: another entity: bare عُمان is assigned to Amman).
CLDR_ALIAS_SKIP = frozenset({"OM"})

#: Territories that are not sovereign states (subtype ``territory``).
TERRITORY_CODES = frozenset(DEPENDENCY_PARENT) | {"EH", "AQ"}


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def country_rows() -> list[dict[str, str]]:
    """Build one row per ISO 3166-1 territory from CLDR plus curated extras.

    Returns a list of dicts with the KB columns (see ``places_build.COLUMNS``),
    ``entity_id`` = ``loc:<alpha-2 lower-case>``.
    """
    ar_names = Locale("ar").territories
    en_names = Locale("en").territories
    rows: list[dict[str, str]] = []
    for code in sorted(ar_names):
        if not (len(code) == 2 and code.isalpha()) or code in EXCLUDED_CODES:
            continue
        cldr_ar = ar_names[code]
        cldr_en = en_names[code].replace(" & ", " and ").replace("’", "'")
        name_ar, name_en = cldr_ar, cldr_en
        over_ar, over_en = NAME_OVERRIDES.get(code, (None, None))
        name_ar = over_ar or name_ar
        name_en = over_en or name_en
        extra_ar, extra_en = EXTRA_ALIASES.get(code, ("", ""))
        cldr_alias = [] if code in CLDR_ALIAS_SKIP else [cldr_ar]
        aliases_ar = [a for a in _split(extra_ar) + cldr_alias if a != name_ar]
        aliases_en = [a for a in _split(extra_en) + [cldr_en] if a != name_en]
        if cldr_en.startswith("St. "):
            aliases_en.append("Saint " + cldr_en[4:])
        lat = lon = ""
        notes: list[str] = []
        if code in STATUS_NOTES:
            notes.append(STATUS_NOTES[code])
        if code in CAPITALS:
            cap, la, lo = CAPITALS[code]
            lat, lon = f"{la:.4f}", f"{lo:.4f}"
            notes.append(COORD_NOTES.get(code, f"coord: capital ({cap})"))
        parent = DEPENDENCY_PARENT.get(code)
        rows.append({
            "entity_id": f"loc:{code.lower()}",
            "entity_type": "LOC",
            "subtype": "territory" if code in TERRITORY_CODES else "country",
            "name_ar": name_ar,
            "name_en": name_en,
            "country_code": code,
            "lat": lat,
            "lon": lon,
            "aliases_ar": "|".join(dict.fromkeys(aliases_ar)),
            "aliases_en": "|".join(dict.fromkeys(aliases_en)),
            "parent_id": f"loc:{parent.lower()}" if parent else "",
            "note": "; ".join(notes),
        })
    return rows
