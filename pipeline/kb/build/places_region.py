"""Hand-curated places outside Iraq/Syria: Iran, the Levant, Gulf, Yemen,
Turkey, North Africa, Afghanistan/Pakistan, world capitals, regions and
bodies of water. Same conventions as :mod:`places_iraq_syria`.
"""

from __future__ import annotations

from .places_rows import city_and_governorate as cg
from .places_rows import place as p

__all__ = ["iran_rows", "levant_rows", "gulf_yemen_rows", "turkey_africa_asia_rows", "world_rows"]

CW = "common_word: bare name is also an ordinary Arabic word; require a place cue or context"


def _table(cc: str, items: list[tuple]) -> list[dict[str, str]]:
    return [p(slug, st, ar, en, cc, coord, al_ar, al_en, parent, note)
            for slug, st, ar, en, coord, al_ar, al_en, parent, note in items]


def iran_rows() -> list[dict[str, str]]:
    """Iran: 31 provinces (same-named capital pairs marked), cities, nuclear sites."""
    rows: list[dict[str, str]] = []
    shared = [  # key, ar, en, capital coord, city aliases ar, city aliases en, note
        ("tehran", "طهران", "Tehran", (35.6892, 51.3890), "", "Teheran", ""),
        ("qom", "قم", "Qom", (34.6416, 50.8746), "مدينة قم", "Qum|Ghom", "common_word: قم is also the imperative 'stand up'"),
        ("isfahan", "أصفهان", "Isfahan", (32.6546, 51.6680), "اصفهان|إصفهان", "Esfahan", ""),
        ("kermanshah", "كرمانشاه", "Kermanshah", (34.3142, 47.0650), "كرمنشاه", "Kirmanshah", ""),
        ("kerman", "كرمان", "Kerman", (30.2839, 57.0834), "مدينة كرمان", "Kirman", ""),
        ("bushehr", "بوشهر", "Bushehr", (28.9234, 50.8203), "", "Bushire", ""),
        ("hamadan", "همدان", "Hamadan", (34.7983, 48.5148), "", "Hamedan", "bare همدان is also a Yemeni tribe"),
        ("yazd", "يزد", "Yazd", (31.8974, 54.3569), "", "Yezd", ""),
        ("semnan", "سمنان", "Semnan", (35.5769, 53.3970), "", "", ""),
        ("zanjan", "زنجان", "Zanjan", (36.6736, 48.4787), "", "", ""),
        ("qazvin", "قزوين", "Qazvin", (36.2797, 50.0049), "", "Kazvin", ""),
        ("ardabil", "أردبيل", "Ardabil", (38.2498, 48.2933), "اردبيل", "Ardebil", ""),
        ("ilam", "إيلام", "Ilam", (33.6374, 46.4227), "مدينة إيلام", "", "common_word: إيلام also means 'inflicting pain'"),
    ]
    for key, ar, en, coord, al_ar, al_en, note in shared:
        rows += cg("ir", key, ar, en, coord, city_aliases_ar=al_ar, city_aliases_en=al_en,
                   gov_word_en="Province", gov_parent="ir", city_note=note)
    provinces = [  # slug, ar, en, capital slug, capital ar, capital en, coord, prov aliases ar, prov aliases en, cap al ar, cap al en, cap note
        ("fars", "محافظة فارس", "Fars Province", "shiraz", "شيراز", "Shiraz", (29.5918, 52.5837), "إقليم فارس", "Fars|Pars Province", "", "", ""),
        ("khuzestan", "خوزستان", "Khuzestan Province", "ahvaz", "الأهواز", "Ahvaz", (31.3183, 48.6706), "محافظة خوزستان|عربستان",
         "Khuzestan|Khuzistan", "الأحواز|أهواز|اهواز|الاهواز", "Ahwaz|Ahvaz city", "الأحواز is also used for the wider Khuzestan region"),
        ("razavi-khorasan", "خراسان رضوي", "Razavi Khorasan Province", "mashhad", "مدينة مشهد", "Mashhad", (36.2605, 59.6168),
         "محافظة خراسان رضوي|خراسان الرضوية", "Razavi Khorasan|Khorasan Razavi", "مشهد المقدسة", "Meshhed|Mashad",
         "bare form deliberately not listed: it is mostly an ordinary word in news text (مشهد 'scene')"),
        ("east-azerbaijan", "أذربيجان الشرقية", "East Azerbaijan Province", "tabriz", "تبريز", "Tabriz", (38.0962, 46.2738),
         "محافظة أذربيجان الشرقية|آذربايجان الشرقية", "East Azerbaijan|East Azarbaijan", "", "Tebriz", ""),
        ("west-azerbaijan", "أذربيجان الغربية", "West Azerbaijan Province", "urmia", "أرومية", "Urmia", (37.5527, 45.0761),
         "محافظة أذربيجان الغربية|آذربايجان الغربية", "West Azerbaijan|West Azarbaijan", "أورمية|اورمية|ارومية", "Orumiyeh|Urumiyeh", ""),
        ("hormozgan", "هرمزغان", "Hormozgan Province", "bandar-abbas", "بندر عباس", "Bandar Abbas", (27.1832, 56.2666),
         "محافظة هرمزغان", "Hormozgan|Hormozgan province", "بندرعباس", "Bandar-e Abbas", ""),
        ("sistan-baluchestan", "سيستان وبلوشستان", "Sistan and Baluchestan Province", "zahedan", "زاهدان", "Zahedan", (29.4963, 60.8629),
         "محافظة سيستان وبلوشستان|سيستان وبلوتشستان|سيستان و بلوشستان", "Sistan and Baluchestan|Sistan-Baluchestan|Sistan-Baluchistan",
         "", "", ""),
        ("kurdistan", "محافظة كردستان", "Kurdistan Province", "sanandaj", "سنندج", "Sanandaj", (35.3219, 46.9862),
         "محافظة كردستان الإيرانية|كردستان إيران|كردستان الإيرانية", "Kordestan Province|Iranian Kurdistan Province", "", "Sine|Sinne",
         ""),
        ("gilan", "جيلان", "Gilan Province", "rasht", "مدينة رشت", "Rasht", (37.2808, 49.5832), "محافظة جيلان|كيلان|محافظة كيلان",
         "Gilan|Guilan", "", "", "bare form deliberately not listed: رشت is also the verb 'sprayed'"),
        ("mazandaran", "مازندران", "Mazandaran Province", "sari", "مدينة ساري", "Sari", (36.5659, 53.0586), "محافظة مازندران",
         "Mazandaran", "", "", "bare form deliberately not listed: it is mostly an ordinary word in news text (ساري المفعول 'in force')"),
        ("golestan", "كلستان", "Golestan Province", "gorgan", "جرجان", "Gorgan", (36.8456, 54.4393), "محافظة كلستان|غلستان|جلستان|گلستان",
         "Golestan", "كركان|گرگان", "Gurgan", ""),
        ("markazi", "المحافظة المركزية", "Markazi Province", "arak", "مدينة أراك", "Arak", (34.0954, 49.7013), "محافظة مركزي",
         "Markazi|Central Province (Iran)", "مدينة آراك", "", "bare form deliberately not listed: it is mostly an ordinary word in news text (أراك 'I see you'; باراك Barack)"),
        ("lorestan", "لرستان", "Lorestan Province", "khorramabad", "خرم آباد", "Khorramabad", (33.4878, 48.3558), "محافظة لرستان|لورستان",
         "Lorestan|Luristan", "خرم اباد|خرم‌آباد", "Khoramabad", ""),
        ("kohgiluyeh-boyer-ahmad", "كهكيلويه وبوير أحمد", "Kohgiluyeh and Boyer-Ahmad Province", "yasuj", "ياسوج", "Yasuj",
         (30.6682, 51.5880), "محافظة كهكيلويه وبوير أحمد|كهكيلويه وبويرأحمد", "Kohgiluyeh and Boyer-Ahmad|Kohgiluyeh-Boyer Ahmad", "", "Yasouj", ""),
        ("chaharmahal-bakhtiari", "جهارمحال وبختياري", "Chaharmahal and Bakhtiari Province", "shahrekord", "شهركرد", "Shahrekord",
         (32.3256, 50.8644), "محافظة جهارمحال وبختياري|تشهارمحال وبختياري|چهارمحال وبختياري", "Chaharmahal and Bakhtiari|Chaharmahal-Bakhtiari",
         "شهر كرد", "Shahr-e Kord", ""),
        ("north-khorasan", "خراسان الشمالية", "North Khorasan Province", "bojnord", "بجنورد", "Bojnord", (37.4747, 57.3290),
         "محافظة خراسان الشمالية", "North Khorasan", "بجنورد", "Bojnurd", ""),
        ("south-khorasan", "خراسان الجنوبية", "South Khorasan Province", "birjand", "بيرجند", "Birjand", (32.8663, 59.2211),
         "محافظة خراسان الجنوبية", "South Khorasan", "", "", ""),
        ("alborz", "البرز", "Alborz Province", "karaj", "كرج", "Karaj", (35.8400, 50.9391), "محافظة البرز|ألبرز",
         "Alborz", "مدينة كرج", "", "البرز is also the Alborz mountain range"),
    ]
    for slug, ar, en, cap, cap_ar, cap_en, coord, pal_ar, pal_en, cal_ar, cal_en, cnote in provinces:
        rows.append(p(f"ir-{slug}", "province", ar, en, "IR", coord, pal_ar, pal_en, "ir", f"coord: capital ({cap_en})"))
        rows.append(p(f"ir-{cap}", "city", cap_ar, cap_en, "IR", coord, "|".join(a for a in cal_ar.split("|") if a and a != cap_ar),
                      cal_en, f"ir-{slug}", cnote))
    rows += _table("IR", [
        ("ir-abadan", "city", "عبادان", "Abadan", (30.3392, 48.3043), "آبادان|ابادان", "", "ir-khuzestan", ""),
        ("ir-khorramshahr", "city", "خرمشهر", "Khorramshahr", (30.4397, 48.1664), "المحمرة", "Mohammerah", "ir-khuzestan", ""),
        ("ir-chabahar", "city", "تشابهار", "Chabahar", (25.2919, 60.6430), "جابهار|چابهار|ميناء تشابهار", "Chah Bahar", "ir-sistan-baluchestan", ""),
        ("ir-kish", "town", "جزيرة كيش", "Kish Island", (26.5578, 54.0194), "كيش", "Kish", "ir-hormozgan", ""),
        ("ir-abu-musa", "territory", "جزيرة أبو موسى", "Abu Musa", (25.8719, 55.0328), "أبو موسى|ابو موسى|جزيرة ابو موسى", "Abu Musa island",
         "ir-hormozgan", "administered by Iran, claimed by the UAE; bare أبو موسى is also a personal name"),
        ("ir-greater-tunb", "territory", "طنب الكبرى", "Greater Tunb", (26.2650, 55.3050), "جزيرة طنب الكبرى", "Tonb-e Bozorg", "ir-hormozgan",
         "administered by Iran, claimed by the UAE"),
        ("ir-lesser-tunb", "territory", "طنب الصغرى", "Lesser Tunb", (26.2383, 55.1450), "جزيرة طنب الصغرى", "Tonb-e Kuchak", "ir-hormozgan",
         "administered by Iran, claimed by the UAE"),
        ("ir-fordow", "facility", "منشأة فوردو", "Fordow Fuel Enrichment Plant", (34.8850, 50.9950),
         "فوردو|منشأة فوردو النووية|مفاعل فوردو|موقع فوردو", "Fordow|Fordo|Fordow enrichment site", "ir-qom-province", ""),
        ("ir-natanz", "facility", "منشأة نطنز", "Natanz enrichment facility", (33.7240, 51.7270),
         "نطنز|منشأة نطنز النووية|مفاعل نطنز|موقع نطنز", "Natanz|Natanz Fuel Enrichment Plant", "ir-isfahan-province", ""),
        ("ir-isfahan-nuclear", "facility", "منشأة أصفهان النووية", "Isfahan Nuclear Technology Center", None,
         "مركز أصفهان للتكنولوجيا النووية|منشأة اصفهان النووية|منشأة أصفهان لتحويل اليورانيوم", "Isfahan UCF|Isfahan uranium conversion facility",
         "ir-isfahan-province", "coord: none (exact location not certain to 0.1°)"),
        ("ir-bushehr-npp", "facility", "محطة بوشهر النووية", "Bushehr Nuclear Power Plant", (28.8300, 50.8900),
         "مفاعل بوشهر|مفاعل بوشهر النووي|محطة بوشهر للطاقة النووية", "Bushehr NPP|Bushehr reactor", "ir-bushehr-province", ""),
        ("ir-arak-reactor", "facility", "مفاعل أراك", "Arak heavy water reactor", (34.3700, 49.2400),
         "مفاعل آراك|مفاعل اراك|مفاعل أراك للماء الثقيل", "IR-40|Khondab reactor|Arak reactor", "ir-markazi", ""),
        ("ir-parchin", "military_base", "قاعدة بارشين", "Parchin military complex", (35.5200, 51.7700),
         "بارشين|مجمع بارشين العسكري|موقع بارشين", "Parchin", "ir-tehran-province", ""),
    ])
    return rows


def levant_rows() -> list[dict[str, str]]:
    """Lebanon, Israel, Palestine (Gaza, West Bank), Jordan."""
    rows: list[dict[str, str]] = []
    rows += cg("lb", "nabatieh", "النبطية", "Nabatieh", (33.3772, 35.4836), city_aliases_en="Nabatiyeh|Nabatieh city",
               gov_parent="lb")
    rows += _table("LB", [
        ("lb-beirut", "city", "بيروت", "Beirut", (33.8938, 35.5018), "", "Beyrouth|Bayrut", "lb", "also a governorate of the same extent"),
        ("lb-mount-lebanon-governorate", "province", "جبل لبنان", "Mount Lebanon Governorate", (33.8300, 35.5500), "محافظة جبل لبنان",
         "Mount Lebanon", "lb", "coord: Baabda (seat)"),
        ("lb-north-governorate", "province", "محافظة الشمال", "North Governorate", (34.4367, 35.8497), "محافظة لبنان الشمالي",
         "North Lebanon Governorate", "lb", "coord: capital (Tripoli)"),
        ("lb-south-governorate", "province", "محافظة الجنوب", "South Governorate", (33.5571, 35.3729), "محافظة لبنان الجنوبي",
         "South Lebanon Governorate", "lb", "coord: capital (Sidon)"),
        ("lb-bekaa-governorate", "province", "محافظة البقاع", "Beqaa Governorate", (33.8463, 35.9020), "", "Bekaa Governorate",
         "lb", "ambiguous_with=loc:lb-bekaa-valley; coord: capital (Zahle)"),
        ("lb-baalbek-hermel-governorate", "province", "محافظة بعلبك الهرمل", "Baalbek-Hermel Governorate", (34.0047, 36.2110),
         "محافظة بعلبك - الهرمل|بعلبك الهرمل", "Baalbek-Hermel", "lb", "coord: capital (Baalbek)"),
        ("lb-akkar-governorate", "province", "عكار", "Akkar Governorate", (34.5333, 36.0833), "محافظة عكار", "Akkar", "lb", "coord: Halba (capital)"),
        ("lb-bekaa-valley", "region", "البقاع", "Beqaa Valley", (33.8500, 35.9000), "سهل البقاع|البقاع اللبناني", "Bekaa Valley|Bekaa|Beqaa",
         "lb", "ambiguous_with=loc:lb-bekaa-governorate"),
        ("lb-south-lebanon", "region", "جنوب لبنان", "South Lebanon", None, "الجنوب اللبناني", "southern Lebanon", "lb", "coord: none (region)"),
        ("lb-tripoli", "city", "طرابلس اللبنانية", "Tripoli (Lebanon)", (34.4367, 35.8497), "طرابلس الشام|طرابلس لبنان",
         "Tripoli Lebanon|Trablus", "lb-north-governorate", "ambiguous_with=loc:ly-tripoli (bare طرابلس is assigned to the Libyan capital)"),
        ("lb-sidon", "city", "صيدا", "Sidon", (33.5571, 35.3729), "مدينة صيدا", "Saida|Sayda", "lb-south-governorate", ""),
        ("lb-tyre", "city", "مدينة صور", "Tyre", (33.2704, 35.2038), "قضاء صور", "Sour|Sur", "lb-south-governorate",
         "bare form deliberately not listed: it is mostly an ordinary word in news text (صور 'pictures')"),
        ("lb-baalbek", "city", "بعلبك", "Baalbek", (34.0047, 36.2110), "مدينة بعلبك", "Baalbeck|Baalbak", "lb-baalbek-hermel-governorate", ""),
        ("lb-hermel", "town", "الهرمل", "Hermel", (34.3942, 36.3847), "مدينة الهرمل", "Al-Hermel", "lb-baalbek-hermel-governorate", ""),
        ("lb-zahle", "city", "زحلة", "Zahle", (33.8463, 35.9020), "مدينة زحلة", "Zahleh", "lb-bekaa-governorate", ""),
        ("lb-jounieh", "city", "جونية", "Jounieh", (33.9808, 35.6178), "", "Junieh", "lb-mount-lebanon-governorate", ""),
        ("lb-byblos", "city", "جبيل", "Byblos", (34.1230, 35.6519), "مدينة جبيل", "Jbeil|Jbail", "lb-mount-lebanon-governorate",
         "bare جبيل also names Jubail (Saudi Arabia, written الجبيل)"),
        ("lb-bint-jbeil", "town", "بنت جبيل", "Bint Jbeil", (33.1194, 35.4331), "", "Bint Jbail", "lb-nabatieh-governorate", ""),
        ("lb-marjayoun", "town", "مرجعيون", "Marjayoun", (33.3608, 35.5911), "", "Marjeyoun|Marjayoun district", "lb-nabatieh-governorate", ""),
        ("lb-khiam", "town", "بلدة الخيام", "Khiam", (33.3289, 35.6136), "معتقل الخيام", "El Khiam|Al-Khiam", "lb-nabatieh-governorate",
         "bare form deliberately not listed: it is mostly an ordinary word in news text (الخيام 'the tents')"),
        ("lb-naqoura", "town", "الناقورة", "Naqoura", (33.1181, 35.1397), "بلدة الناقورة", "Naqoura (UNIFIL HQ)", "lb-south-governorate", ""),
        ("lb-dahiyeh", "region", "الضاحية الجنوبية", "Dahiyeh", (33.8500, 35.5000),
         "الضاحية الجنوبية لبيروت|ضاحية بيروت الجنوبية|الضاحية الجنوبية لبيروت", "Dahieh|Dahiya|Beirut southern suburbs", "lb-beirut",
         "bare الضاحية ('the suburb') is not an alias"),
        ("lb-beirut-airport", "facility", "مطار رفيق الحريري الدولي", "Beirut–Rafic Hariri International Airport", (33.8209, 35.4884),
         "مطار بيروت|مطار بيروت الدولي", "Beirut airport", "lb-beirut", ""),
        ("lb-beirut-port", "facility", "مرفأ بيروت", "Port of Beirut", (33.9020, 35.5170), "ميناء بيروت", "Beirut port", "lb-beirut", ""),
        ("lb-shebaa-farms", "territory", "مزارع شبعا", "Shebaa Farms", (33.2800, 35.7000), "", "Sheba'a Farms|Shebaa", "lb",
         "disputed (Israel-occupied; claimed by Lebanon)"),
    ])
    rows += _table("IL", [
        ("il-jerusalem", "city", "القدس", "Jerusalem", (31.7683, 35.2137), "القدس المحتلة|القدس الشريف|مدينة القدس", "Al-Quds|Yerushalayim",
         "", "status disputed; no parent asserted"),
        ("il-east-jerusalem", "region", "القدس الشرقية", "East Jerusalem", (31.7800, 35.2300), "القدس الشرقية المحتلة", "East Jerusalem (Al-Quds)",
         "il-jerusalem", "country_code IL by default for the city; status disputed"),
        ("il-al-aqsa", "facility", "المسجد الأقصى", "Al-Aqsa Mosque", (31.7761, 35.2358), "المسجد الاقصى|باحات الأقصى|الحرم القدسي|الحرم القدسي الشريف",
         "Al-Aqsa|Al-Aqsa compound|Temple Mount|Haram al-Sharif", "il-jerusalem",
         "bare الأقصى is not an alias (also 'maximum', Al-Aqsa Flood, Al-Aqsa Martyrs)"),
        ("il-tel-aviv", "city", "تل أبيب", "Tel Aviv", (32.0853, 34.7818), "تل ابيب|تل أبيب يافا", "Tel Aviv-Yafo", "il", ""),
        ("il-haifa", "city", "حيفا", "Haifa", (32.7940, 34.9896), "", "Hefa", "il", ""),
        ("il-eilat", "city", "إيلات", "Eilat", (29.5577, 34.9519), "ايلات|أم الرشراش", "Elat|Umm al-Rashrash", "il", ""),
        ("il-ashkelon", "city", "عسقلان", "Ashkelon", (31.6688, 34.5743), "أشكلون|اشكلون", "Ashqelon", "il", ""),
        ("il-ashdod", "city", "أسدود", "Ashdod", (31.8044, 34.6553), "اسدود", "Isdud", "il", ""),
        ("il-beersheba", "city", "بئر السبع", "Beersheba", (31.2520, 34.7915), "بئر سبع", "Be'er Sheva|Beer Sheva", "il", ""),
        ("il-sderot", "town", "سديروت", "Sderot", (31.5250, 34.5969), "", "Sederot", "il", ""),
        ("il-nazareth", "city", "الناصرة", "Nazareth", (32.6996, 35.3035), "", "Nasra|Natzrat", "il", ""),
        ("il-acre", "city", "عكا", "Acre", (32.9281, 35.0818), "", "Akko|Akka", "il", ""),
        ("il-jaffa", "city", "يافا", "Jaffa", (32.0504, 34.7522), "", "Yafo|Yafa", "il-tel-aviv", ""),
        ("il-safed", "city", "صفد", "Safed", (32.9646, 35.4960), "", "Tzfat|Zefat", "il", ""),
        ("il-tiberias", "city", "طبريا", "Tiberias", (32.7922, 35.5312), "طبرية", "Tveria", "il", ""),
        ("il-dimona", "city", "ديمونا", "Dimona", (31.0700, 35.0300), "", "", "il", ""),
        ("il-kiryat-shmona", "town", "كريات شمونة", "Kiryat Shmona", (33.2075, 35.5697), "كريات شمونه|كريات شمونا", "Qiryat Shemona", "il", ""),
        ("il-metula", "town", "مستوطنة المطلة", "Metula", (33.2786, 35.5786), "ميتولا", "Metulla", "il", "bare form deliberately not listed: it is mostly an ordinary word in news text (المطلة 'overlooking')"),
        ("il-nahariya", "town", "نهاريا", "Nahariya", (33.0058, 35.0940), "", "Nahariyya", "il", ""),
        ("il-galilee", "region", "الجليل", "Galilee", (32.9000, 35.4000), "منطقة الجليل|الجليل الأعلى|الجليل الغربي", "the Galilee|Upper Galilee", "il", "bare الجليل is also an honorific adjective ('the venerable')"),
        ("il-negev", "region", "النقب", "Negev", (30.8000, 34.8000), "صحراء النقب", "Naqab|Negev Desert", "il", ""),
        ("il-kerem-shalom", "facility", "معبر كرم أبو سالم", "Kerem Shalom crossing", (31.2283, 34.2844),
         "كرم أبو سالم|معبر كرم شالوم|كرم شالوم", "Kerem Shalom|Karem Abu Salem", "il", "crossing into the Gaza Strip, on the Israeli side"),
        ("il-gaza-envelope", "region", "غلاف غزة", "Gaza envelope", (31.4000, 34.4500), "مستوطنات غلاف غزة", "Gaza periphery|Otef Aza", "il", ""),
        ("il-nevatim-airbase", "military_base", "قاعدة نيفاتيم الجوية", "Nevatim Airbase", (31.2083, 35.0123),
         "قاعدة نيفاتيم|نيفاتيم|قاعدة نفاطيم", "Nevatim|Nevatim Air Base", "il-negev", ""),
        ("il-ramat-david-airbase", "military_base", "قاعدة رامات ديفيد الجوية", "Ramat David Airbase", (32.6651, 35.1795),
         "قاعدة رامات ديفيد|رامات ديفيد|قاعدة رمات دافيد", "Ramat David|Ramat David Air Base", "il", ""),
        ("il-dimona-reactor", "facility", "مفاعل ديمونا", "Dimona nuclear reactor", (31.0017, 35.1456),
         "مفاعل ديمونا النووي|منشأة ديمونا", "Negev Nuclear Research Center|Shimon Peres Negev Nuclear Research Center", "il-negev", ""),
        ("il-ben-gurion-airport", "facility", "مطار بن غوريون", "Ben Gurion Airport", (32.0114, 34.8867),
         "مطار بن جوريون|مطار بن غوريون الدولي|مطار اللد", "TLV|Ben Gurion International Airport|Lod Airport", "il", ""),
    ])
    rows += _table("PS", [
        ("ps-gaza-strip", "territory", "قطاع غزة", "Gaza Strip", (31.4200, 34.3700), "غزة|قطاع غزه", "Gaza", "ps",
         "ambiguous_with=loc:ps-gaza-city: bare غزة is assigned here because news use it overwhelmingly for the Strip; the city is مدينة غزة"),
        ("ps-gaza-city", "city", "مدينة غزة", "Gaza City", (31.5017, 34.4668), "", "", "ps-gaza-strip",
         "ambiguous_with=loc:ps-gaza-strip (bare غزة)"),
        ("ps-west-bank", "territory", "الضفة الغربية", "West Bank", (31.9500, 35.2500), "الضفة الغربية المحتلة|الضفة الغربية المحتلّة",
         "Judea and Samaria|occupied West Bank", "ps", "bare الضفة is not an alias ('the bank')"),
        ("ps-rafah", "city", "رفح", "Rafah", (31.2969, 34.2436), "مدينة رفح", "Rafiah", "ps-gaza-strip",
         "Egyptian Rafah (across the border) shares the name; not in KB"),
        ("ps-khan-younis", "city", "خان يونس", "Khan Younis", (31.3462, 34.3063), "خانيونس|مدينة خان يونس", "Khan Yunis|Khan Yunus", "ps-gaza-strip", ""),
        ("ps-deir-al-balah", "city", "دير البلح", "Deir al-Balah", (31.4170, 34.3500), "", "Deir el-Balah", "ps-gaza-strip", ""),
        ("ps-jabalia", "town", "جباليا", "Jabalia", (31.5300, 34.4830), "مخيم جباليا", "Jabaliya|Jabalia camp", "ps-gaza-strip", "town and refugee camp"),
        ("ps-beit-hanoun", "town", "بيت حانون", "Beit Hanoun", (31.5350, 34.5350), "", "Beit Hanun", "ps-gaza-strip", ""),
        ("ps-beit-lahia", "town", "بيت لاهيا", "Beit Lahia", (31.5500, 34.4950), "", "Beit Lahiya", "ps-gaza-strip", ""),
        ("ps-nuseirat", "town", "النصيرات", "Nuseirat", (31.4500, 34.3920), "مخيم النصيرات", "Nuseirat camp|Al-Nuseirat", "ps-gaza-strip", ""),
        ("ps-bureij", "town", "البريج", "Bureij", (31.4400, 34.4030), "مخيم البريج", "Al-Bureij|Bureij camp", "ps-gaza-strip", ""),
        ("ps-mawasi", "region", "المواصي", "Al-Mawasi", (31.3600, 34.2600), "منطقة المواصي", "Mawasi", "ps-gaza-strip", ""),
        ("ps-philadelphi-corridor", "region", "محور فيلادلفيا", "Philadelphi Corridor", (31.2700, 34.2500), "محور صلاح الدين|محور فيلادلفي",
         "Philadelphi Route|Salah al-Din axis", "ps-gaza-strip", ""),
        ("ps-netzarim-corridor", "region", "محور نتساريم", "Netzarim Corridor", (31.4600, 34.4100), "محور نيتساريم", "Netzarim axis", "ps-gaza-strip", ""),
        ("ps-shifa-hospital", "facility", "مجمع الشفاء الطبي", "Al-Shifa Hospital", (31.5242, 34.4450),
         "مستشفى الشفاء|مجمع الشفاء", "Al-Shifa Medical Complex|Shifa hospital", "ps-gaza-city", "bare الشفاء ('recovery') is not an alias"),
        ("ps-rafah-crossing", "facility", "معبر رفح", "Rafah Border Crossing", (31.2470, 34.2590), "معبر رفح البري", "Rafah crossing", "ps-rafah", ""),
        ("ps-jenin", "city", "جنين", "Jenin", (32.4597, 35.3008), "مدينة جنين", "Janin", "ps-west-bank", "common_word: جنين also means 'fetus'"),
        ("ps-jenin-camp", "facility", "مخيم جنين", "Jenin refugee camp", (32.4620, 35.2900), "", "Jenin camp", "ps-jenin", ""),
        ("ps-nablus", "city", "نابلس", "Nablus", (32.2211, 35.2544), "", "Shechem|Nabulus", "ps-west-bank", ""),
        ("ps-ramallah", "city", "رام الله", "Ramallah", (31.9038, 35.2034), "", "Ramallah and al-Bireh", "ps-west-bank", ""),
        ("ps-hebron", "city", "الخليل", "Hebron", (31.5326, 35.0998), "مدينة الخليل", "Al-Khalil|Khalil", "ps-west-bank",
         "bare name is also a personal epithet (Ibrahim al-Khalil); require context"),
        ("ps-bethlehem", "city", "بيت لحم", "Bethlehem", (31.7054, 35.2024), "", "Beit Lahm", "ps-west-bank", ""),
        ("ps-tulkarm", "city", "طولكرم", "Tulkarm", (32.3104, 35.0286), "طول كرم", "Tulkarem|Tul Karm", "ps-west-bank", ""),
        ("ps-qalqilya", "city", "قلقيلية", "Qalqilya", (32.1896, 34.9706), "", "Qalqiliya|Qalqilyah", "ps-west-bank", ""),
        ("ps-jericho", "city", "أريحا", "Jericho", (31.8611, 35.4617), "اريحا", "Ariha", "ps-west-bank", ""),
        ("ps-tubas", "town", "طوباس", "Tubas", (32.3209, 35.3699), "", "", "ps-west-bank", ""),
        ("ps-huwara", "town", "بلدة حوارة", "Huwara", (32.1520, 35.2560), "", "Hawara|Huwwara", "ps-west-bank", "bare form deliberately not listed: it is mostly an ordinary word in news text (حواره 'his dialogue' after ة/ه folding)"),
        ("ps-jordan-valley", "region", "غور الأردن", "Jordan Valley", (32.0000, 35.5000), "الأغوار|غور الاردن|منطقة الأغوار", "Jordan Rift Valley|Ghor", "ps",
         "valley spans Israel, the West Bank and Jordan"),
    ])
    rows += _table("SY", [
        ("sy-golan", "territory", "هضبة الجولان", "Golan Heights", (33.0000, 35.7500),
         "الجولان|مرتفعات الجولان|الجولان المحتل|الجولان السوري المحتل|الجولان السوري", "Golan|the Golan", "sy",
         "Syrian territory occupied by Israel since 1967 (annexation not recognised by the UN)"),
    ])
    rows += _table("JO", [
        ("jo-amman", "city", "عمّان", "Amman", (31.9454, 35.9284), "العاصمة عمان|العاصمة الأردنية عمان", "Amman city", "jo",
         "ambiguous_with=loc:om (bare عمان is also Oman, written عُمان)"),
        ("jo-zarqa", "city", "الزرقاء", "Zarqa", (32.0728, 36.0880), "مدينة الزرقاء", "Az-Zarqa|Zarka", "jo",
         "bare name also means 'the blue' (fem.)"),
        ("jo-irbid", "city", "إربد", "Irbid", (32.5556, 35.8500), "اربد", "Irbed", "jo", ""),
        ("jo-aqaba", "city", "العقبة", "Aqaba", (29.5320, 35.0063), "مدينة العقبة|ميناء العقبة", "Al-Aqaba|Akaba", "jo",
         "common_word: العقبة also means 'the obstacle'"),
        ("jo-mafraq", "city", "المفرق", "Mafraq", (32.3429, 36.2080), "مدينة المفرق", "Al-Mafraq", "jo", "common_word: المفرق also means 'the intersection'"),
        ("jo-maan", "city", "معان", "Ma'an", (30.1962, 35.7341), "مدينة معان", "Maan", "jo", ""),
        ("jo-tower-22", "military_base", "البرج 22", "Tower 22", (33.3200, 38.6900),
         "البرج ٢٢|القاعدة العسكرية البرج 22|موقع البرج 22", "Tower 22 outpost", "jo", "US outpost near the Jordan-Syria-Iraq border"),
        ("jo-muwaffaq-salti-airbase", "military_base", "قاعدة موفق السلطي الجوية", "Muwaffaq Salti Air Base", (31.8267, 36.7822),
         "قاعدة موفق السلطي|قاعدة الأزرق الجوية", "Muwaffaq al-Salti Air Base|Azraq Air Base|MSAB", "jo", ""),
        ("jo-zaatari-camp", "facility", "مخيم الزعتري", "Zaatari refugee camp", (32.2947, 36.3236), "", "Zaatari camp|Za'atari", "jo", ""),
    ])
    return rows


def gulf_yemen_rows() -> list[dict[str, str]]:
    """Gulf states (cities, US bases) and Yemen (governorates, cities, straits)."""
    rows = _table("SA", [
        ("sa-riyadh", "city", "الرياض", "Riyadh", (24.7136, 46.6753), "مدينة الرياض", "Ar-Riyad|Riyad", "sa", ""),
        ("sa-jeddah", "city", "جدة", "Jeddah", (21.4858, 39.1925), "جده|مدينة جدة", "Jidda|Jiddah", "sa", "common_word: جدة also means 'grandmother'; جده 'his grandfather' after ة/ه folding"),
        ("sa-mecca", "city", "مكة المكرمة", "Mecca", (21.3891, 39.8579), "مكة|مكه المكرمه", "Makkah|Makkah al-Mukarramah", "sa", ""),
        ("sa-medina", "city", "المدينة المنورة", "Medina", (24.5247, 39.5692), "المدينة المنوّرة", "Madinah|Al-Madinah", "sa",
         "bare المدينة ('the city') is not an alias"),
        ("sa-dammam", "city", "الدمام", "Dammam", (26.4207, 50.0888), "", "Ad-Dammam", "sa", ""),
        ("sa-dhahran", "city", "الظهران", "Dhahran", (26.2886, 50.1140), "", "Zahran", "sa", ""),
        ("sa-qatif", "city", "القطيف", "Qatif", (26.5560, 49.9960), "", "Al-Qatif", "sa", ""),
        ("sa-abqaiq", "town", "بقيق", "Abqaiq", (25.9367, 49.6681), "أبقيق|ابقيق", "Buqayq", "sa", "site of a major Aramco processing plant"),
        ("sa-ras-tanura", "town", "رأس تنورة", "Ras Tanura", (26.6436, 50.1594), "راس تنورة", "Ras Tannurah", "sa", ""),
        ("sa-jizan", "city", "جازان", "Jizan", (16.8894, 42.5706), "جيزان", "Jazan|Gizan", "sa", ""),
        ("sa-najran", "city", "نجران", "Najran", (17.4924, 44.1277), "", "", "sa", ""),
        ("sa-abha", "city", "أبها", "Abha", (18.2164, 42.5053), "ابها", "", "sa", ""),
        ("sa-khamis-mushait", "city", "خميس مشيط", "Khamis Mushait", (18.3000, 42.7333), "", "Khamis Mushayt", "sa", ""),
        ("sa-tabuk", "city", "تبوك", "Tabuk", (28.3835, 36.5662), "", "Tabouk", "sa", ""),
        ("sa-prince-sultan-airbase", "military_base", "قاعدة الأمير سلطان الجوية", "Prince Sultan Air Base", (24.0627, 47.5805),
         "قاعدة الأمير سلطان|قاعدة الامير سلطان الجوية", "PSAB|Prince Sultan AB", "sa", "hosts US forces; near al-Kharj"),
    ])
    rows += _table("AE", [
        ("ae-abu-dhabi", "city", "أبوظبي", "Abu Dhabi", (24.4539, 54.3773), "أبو ظبي|ابوظبي|ابو ظبي", "Abu Zabi", "ae",
         "also the name of the emirate (not a separate entity)"),
        ("ae-dubai", "city", "دبي", "Dubai", (25.2048, 55.2708), "", "Dubayy", "ae", "also the name of the emirate"),
        ("ae-sharjah", "city", "الشارقة", "Sharjah", (25.3463, 55.4209), "", "Ash Shariqah", "ae", ""),
        ("ae-ajman", "city", "عجمان", "Ajman", (25.4052, 55.5136), "", "", "ae", ""),
        ("ae-fujairah", "city", "الفجيرة", "Fujairah", (25.1288, 56.3265), "", "Al-Fujairah", "ae", ""),
        ("ae-ras-al-khaimah", "city", "رأس الخيمة", "Ras al-Khaimah", (25.8007, 55.9762), "راس الخيمة", "RAK|Ras Al Khaimah", "ae", ""),
        ("ae-umm-al-quwain", "city", "أم القيوين", "Umm al-Quwain", (25.5647, 55.5552), "ام القيوين", "Umm Al Quwain", "ae", ""),
        ("ae-al-dhafra-airbase", "military_base", "قاعدة الظفرة الجوية", "Al Dhafra Air Base", (24.2482, 54.5477),
         "قاعدة الظفرة|قاعدة الظفرة العسكرية", "Al-Dhafra|Al Dhafra AB", "ae-abu-dhabi", "hosts US forces"),
    ])
    rows += _table("QA", [
        ("qa-doha", "city", "الدوحة", "Doha", (25.2854, 51.5310), "", "Ad-Dawhah", "qa", ""),
        ("qa-al-udeid-airbase", "military_base", "قاعدة العديد الجوية", "Al Udeid Air Base", (25.1173, 51.3150),
         "قاعدة العديد|قاعدة العديد العسكرية", "Al-Udeid|Al Udeid AB|Udeid", "qa", "CENTCOM forward HQ"),
    ])
    rows += _table("KW", [
        ("kw-kuwait-city", "city", "مدينة الكويت", "Kuwait City", (29.3759, 47.9774), "العاصمة الكويتية", "Al-Kuwait city", "kw",
         "ambiguous_with=loc:kw (bare الكويت is assigned to the country)"),
        ("kw-camp-arifjan", "military_base", "معسكر عريفجان", "Camp Arifjan", (28.9347, 48.0917),
         "قاعدة عريفجان|معسكر عريفجان الأمريكي|معسكر عريفجان الأميركي", "Arifjan", "kw", "US Army base"),
        ("kw-ali-al-salem-airbase", "military_base", "قاعدة علي السالم الجوية", "Ali Al Salem Air Base", (29.3467, 47.5208),
         "قاعدة علي السالم", "Ali Al Salem AB", "kw", ""),
    ])
    rows += _table("BH", [
        ("bh-manama", "city", "المنامة", "Manama", (26.2285, 50.5860), "", "Al-Manamah", "bh", ""),
        ("bh-muharraq", "city", "المحرق", "Muharraq", (26.2572, 50.6119), "", "Al-Muharraq", "bh", ""),
        ("bh-nsa-bahrain", "military_base", "مقر الأسطول الخامس الأمريكي", "Naval Support Activity Bahrain", (26.2094, 50.6081),
         "قاعدة الأسطول الخامس|مقر الأسطول الخامس الأميركي|القاعدة البحرية الأمريكية في البحرين",
         "NSA Bahrain|NSA Bahrain (Juffair)|US Fifth Fleet headquarters", "bh-manama", "at Juffair"),
    ])
    rows += _table("OM", [
        ("om-muscat", "city", "مسقط", "Muscat", (23.5880, 58.3829), "العاصمة العمانية مسقط", "Masqat", "om", "common_word: مسقط also in مسقط رأس 'birthplace'; exclude when followed by رأس"),
        ("om-salalah", "city", "صلالة", "Salalah", (17.0151, 54.0924), "", "Salala", "om", ""),
        ("om-musandam", "region", "مسندم", "Musandam", (26.2000, 56.2500), "شبه جزيرة مسندم|محافظة مسندم", "Musandam Peninsula", "om", ""),
    ])
    shared = [  # key, ar, en, coord, city aliases ar, city aliases en, note
        ("sanaa", "صنعاء", "Sanaa", (15.3694, 44.1910), "العاصمة صنعاء", "Sana'a", ""),
        ("aden", "عدن", "Aden", (12.7855, 45.0187), "العاصمة المؤقتة عدن", "Adan", "bare name also in جنات عدن (Eden)"),
        ("hodeidah", "الحديدة", "Hodeidah", (14.7978, 42.9545), "مدينة الحديدة", "Hudaydah|Al-Hudaydah|Hodeida", ""),
        ("taiz", "تعز", "Taiz", (13.5795, 44.0209), "مدينة تعز", "Ta'izz|Taizz", ""),
        ("marib", "مأرب", "Marib", (15.4620, 45.3226), "مدينة مأرب", "Ma'rib", "common_word: مأرب/مآرب also means 'aim, purpose'"),
        ("saada", "صعدة", "Saada", (16.9402, 43.7639), "مدينة صعدة", "Sa'dah|Sadah", ""),
        ("ibb", "إب", "Ibb", (13.9667, 44.1833), "", "", "bare إب deliberately not listed: it folds to أب 'father' / آب 'August'"),
        ("dhamar", "ذمار", "Dhamar", (14.5427, 44.4051), "", "Thamar", ""),
        ("hajjah", "حجة", "Hajjah", (15.6943, 43.6058), "", "Hajja", "bare حجة deliberately not listed: 'pretext' (بحجة), حجه 'his pilgrimage'"),
        ("amran", "عمران", "Amran", (15.6594, 43.9439), "مدينة عمران", "", "bare name is also a personal name"),
    ]
    for key, ar, en, coord, al_ar, al_en, note in shared:
        bare_unsafe = key in ("ibb", "hajjah")
        rows += cg("ye", key, ar, en, coord, city_aliases_ar=al_ar, city_aliases_en=al_en, gov_parent="ye", city_note=note,
                   city_name_ar=f"مدينة {ar}" if bare_unsafe else None)
    rows += _table("YE", [
        ("ye-hadramawt", "province", "حضرموت", "Hadramawt Governorate", (14.5425, 49.1242), "محافظة حضرموت", "Hadramout|Hadhramaut", "ye",
         "coord: capital (Mukalla)"),
        ("ye-mukalla", "city", "المكلا", "Mukalla", (14.5425, 49.1242), "مدينة المكلا", "Al-Mukalla", "ye-hadramawt", ""),
        ("ye-lahij", "province", "لحج", "Lahij Governorate", (13.0500, 44.8800), "محافظة لحج", "Lahij|Lahj", "ye", "coord: capital (Lahij town)"),
        ("ye-abyan", "province", "أبين", "Abyan Governorate", (13.1300, 45.3800), "محافظة أبين|ابين", "Abyan", "ye", "coord: capital (Zinjibar)"),
        ("ye-shabwah", "province", "شبوة", "Shabwah Governorate", (14.5500, 46.8300), "محافظة شبوة", "Shabwa|Shabwah", "ye", "coord: capital (Ataq)"),
        ("ye-mahrah", "province", "المهرة", "Al Mahrah Governorate", (16.2100, 52.1700), "محافظة المهرة", "Mahra|Al-Mahra", "ye", "coord: capital (Al Ghaydah)"),
        ("ye-al-bayda", "province", "محافظة البيضاء", "Al Bayda Governorate", None, "", "Al-Bayda Governorate (Yemen)", "ye",
         "bare البيضاء ('white', Casablanca, Libyan city) is not an alias; coord: none"),
        ("ye-al-jawf", "province", "محافظة الجوف", "Al Jawf Governorate", None, "", "Al-Jawf Governorate (Yemen)", "ye",
         "bare الجوف is also a Saudi region; not an alias; coord: none"),
        ("ye-al-dhale", "province", "الضالع", "Al Dhale Governorate", (13.7000, 44.7300), "محافظة الضالع", "Dhale|Ad Dali'", "ye", "coord: capital (Al Dhale)"),
        ("ye-socotra", "province", "سقطرى", "Socotra", (12.5000, 53.9000), "أرخبيل سقطرى|جزيرة سقطرى|سقطرة", "Soqotra|Socotra Archipelago", "ye",
         "coord: island centre"),
        ("ye-ras-isa", "facility", "ميناء رأس عيسى", "Ras Isa port", None, "رأس عيسى|راس عيسى", "Ras Issa", "ye-hodeidah-governorate",
         "coord: none"),
        ("ye-hodeidah-port", "facility", "ميناء الحديدة", "Port of Hodeidah", (14.8300, 42.9300), "", "Hodeidah port", "ye-hodeidah", ""),
        ("ye-sanaa-airport", "facility", "مطار صنعاء الدولي", "Sanaa International Airport", (15.4763, 44.2197), "مطار صنعاء", "Sanaa airport", "ye-sanaa-governorate", ""),
    ])
    return rows


def turkey_africa_asia_rows() -> list[dict[str, str]]:
    """Turkey, Egypt, Libya, Sudan, Maghreb capitals, Afghanistan, Pakistan."""
    rows = _table("TR", [
        ("tr-ankara", "city", "أنقرة", "Ankara", (39.9334, 32.8597), "انقرة", "Angora", "tr", ""),
        ("tr-istanbul", "city", "إسطنبول", "Istanbul", (41.0082, 28.9784), "اسطنبول|استانبول|إستانبول|اسطانبول", "Constantinople", "tr", ""),
        ("tr-izmir", "city", "إزمير", "Izmir", (38.4237, 27.1428), "ازمير", "Smyrna", "tr", ""),
        ("tr-gaziantep", "city", "غازي عنتاب", "Gaziantep", (37.0662, 37.3833), "غازي عينتاب|عنتاب", "Antep|Aintab", "tr", ""),
        ("tr-diyarbakir", "city", "ديار بكر", "Diyarbakir", (37.9144, 40.2306), "دياربكر", "Diyarbakır|Amed", "tr", ""),
        ("tr-sanliurfa", "city", "شانلي أورفا", "Sanliurfa", (37.1591, 38.7969), "أورفا|اورفا|شانلي اورفا", "Şanlıurfa|Urfa", "tr", ""),
        ("tr-antakya", "city", "أنطاكيا", "Antakya", (36.2021, 36.1600), "انطاكيا|أنطاكية", "Antioch", "tr-hatay", ""),
        ("tr-hatay", "province", "هاتاي", "Hatay Province", (36.2021, 36.1600), "ولاية هاتاي", "Hatay", "tr", "coord: capital (Antakya)"),
        ("tr-adana", "city", "أضنة", "Adana", (37.0000, 35.3213), "اضنة", "", "tr", ""),
        ("tr-mersin", "city", "مرسين", "Mersin", (36.8121, 34.6415), "", "Icel", "tr", ""),
        ("tr-kilis", "city", "كلس", "Kilis", (36.7184, 37.1212), "كيليس", "", "tr", ""),
        ("tr-mardin", "city", "ماردين", "Mardin", (37.3212, 40.7245), "", "", "tr", ""),
        ("tr-kahramanmaras", "city", "قهرمان مرعش", "Kahramanmaras", (37.5858, 36.9371), "كهرمان مرعش|مرعش", "Kahramanmaraş|Maras", "tr", ""),
        ("tr-incirlik-airbase", "military_base", "قاعدة إنجرليك", "Incirlik Air Base", (37.0021, 35.4259),
         "إنجرليك|انجرليك|قاعدة انجرليك|قاعدة إنجيرليك|قاعدة إنجرليك الجوية", "Incirlik|İncirlik Air Base", "tr-adana", ""),
    ])
    rows += _table("EG", [
        ("eg-cairo", "city", "القاهرة", "Cairo", (30.0444, 31.2357), "", "Al-Qahirah", "eg", ""),
        ("eg-alexandria", "city", "الإسكندرية", "Alexandria", (31.2001, 29.9187), "الاسكندرية", "Iskandariya", "eg", ""),
        ("eg-giza", "city", "الجيزة", "Giza", (30.0131, 31.2089), "", "Al-Jizah", "eg", ""),
        ("eg-suez", "city", "السويس", "Suez", (29.9668, 32.5498), "مدينة السويس", "As-Suways", "eg", ""),
        ("eg-port-said", "city", "بورسعيد", "Port Said", (31.2653, 32.3019), "بور سعيد", "Bur Said", "eg", ""),
        ("eg-ismailia", "city", "الإسماعيلية", "Ismailia", (30.5965, 32.2715), "الاسماعيلية", "", "eg", ""),
        ("eg-sinai", "region", "سيناء", "Sinai Peninsula", (29.5000, 33.8000), "شبه جزيرة سيناء", "Sinai", "eg", ""),
        ("eg-north-sinai", "province", "شمال سيناء", "North Sinai Governorate", (31.1310, 33.7984), "محافظة شمال سيناء", "North Sinai", "eg",
         "coord: capital (Arish)"),
        ("eg-arish", "city", "العريش", "Arish", (31.1310, 33.7984), "مدينة العريش", "El-Arish|Al-Arish", "eg-north-sinai", ""),
        ("eg-sharm-el-sheikh", "city", "شرم الشيخ", "Sharm el-Sheikh", (27.9158, 34.3299), "", "Sharm El Sheikh|Sharm", "eg", ""),
        ("eg-luxor", "city", "الأقصر", "Luxor", (25.6872, 32.6396), "الاقصر", "", "eg", ""),
        ("eg-aswan", "city", "أسوان", "Aswan", (24.0889, 32.8998), "اسوان", "Assuan", "eg", ""),
    ])
    rows += _table("LY", [
        ("ly-tripoli", "city", "طرابلس", "Tripoli", (32.8872, 13.1913), "طرابلس الغرب|العاصمة الليبية طرابلس", "Tripoli Libya|Tarabulus", "ly",
         "ambiguous_with=loc:lb-tripoli (Tripoli, Lebanon; written طرابلس اللبنانية / طرابلس الشام)"),
        ("ly-benghazi", "city", "بنغازي", "Benghazi", (32.1167, 20.0667), "", "Banghazi", "ly", ""),
        ("ly-misrata", "city", "مصراتة", "Misrata", (32.3754, 15.0925), "مصراته", "Misurata|Misratah", "ly", ""),
        ("ly-sirte", "city", "مدينة سرت", "Sirte", (31.2089, 16.5887), "", "Surt|Sirt", "ly", "bare form deliberately not listed: it is mostly an ordinary word in news text (سرت 'went into effect', كسرت)"),
        ("ly-derna", "city", "درنة", "Derna", (32.7670, 22.6367), "", "Darnah", "ly", ""),
        ("ly-tobruk", "city", "طبرق", "Tobruk", (32.0836, 23.9764), "", "Tubruq", "ly", ""),
        ("ly-sabha", "city", "سبها", "Sabha", (27.0377, 14.4283), "", "Sebha", "ly", ""),
    ])
    rows += _table("SD", [
        ("sd-khartoum", "city", "الخرطوم", "Khartoum", (15.5007, 32.5599), "", "Al-Khartum", "sd", ""),
        ("sd-omdurman", "city", "أم درمان", "Omdurman", (15.6445, 32.4777), "ام درمان", "Umm Durman", "sd", ""),
        ("sd-port-sudan", "city", "بورتسودان", "Port Sudan", (19.6158, 37.2164), "بور سودان", "Bur Sudan", "sd", ""),
        ("sd-el-fasher", "city", "الفاشر", "El Fasher", (13.6279, 25.3494), "", "Al-Fashir", "sd-darfur", ""),
        ("sd-nyala", "city", "نيالا", "Nyala", (12.0489, 24.8807), "", "", "sd-darfur", ""),
        ("sd-wad-madani", "city", "ود مدني", "Wad Madani", (14.4012, 33.5199), "", "Wad Medani", "sd", "bare مدني ('civil') is not an alias"),
        ("sd-darfur", "region", "دارفور", "Darfur", (13.5000, 24.0000), "إقليم دارفور", "Darfour", "sd", ""),
        ("sd-kordofan", "region", "كردفان", "Kordofan", (13.0000, 30.0000), "إقليم كردفان", "Kurdufan", "sd", ""),
    ])
    rows += _table("DZ", [("dz-algiers", "city", "الجزائر العاصمة", "Algiers", (36.7538, 3.0588), "", "Alger|El Djazair", "dz",
                           "ambiguous_with=loc:dz (bare الجزائر is assigned to the country)")])
    rows += _table("TN", [("tn-tunis", "city", "تونس العاصمة", "Tunis", (36.8065, 10.1815), "", "Tunis city", "tn",
                           "ambiguous_with=loc:tn (bare تونس is assigned to the country)")])
    rows += _table("MA", [("ma-rabat", "city", "الرباط", "Rabat", (34.0209, -6.8416), "العاصمة المغربية الرباط", "Ribat", "ma", "bare الرباط also means 'the bond'"),
                          ("ma-casablanca", "city", "الدار البيضاء", "Casablanca", (33.5731, -7.5898), "كازابلانكا", "Dar el Beida", "ma", "")])
    rows += _table("AF", [
        ("af-kabul", "city", "كابل", "Kabul", (34.5553, 69.2075), "كابول", "Kabol", "af", "common_word: كابل also means 'cable'"),
        ("af-kandahar", "city", "قندهار", "Kandahar", (31.6289, 65.7372), "", "Qandahar", "af", ""),
        ("af-herat", "city", "هرات", "Herat", (34.3529, 62.2040), "هراة", "Hirat", "af", ""),
        ("af-mazar-i-sharif", "city", "مزار شريف", "Mazar-i-Sharif", (36.7090, 67.1109), "مزار الشريف", "Mazar-e Sharif|Mazar", "af", ""),
        ("af-jalalabad", "city", "جلال آباد", "Jalalabad", (34.4265, 70.4515), "جلال اباد", "", "af", ""),
        ("af-kunduz", "city", "قندوز", "Kunduz", (36.7280, 68.8681), "", "Kondoz|Qunduz", "af", ""),
        ("af-bagram", "military_base", "قاعدة باغرام", "Bagram Airfield", (34.9461, 69.2650), "باغرام|قاعدة باغرام الجوية|قاعدة بجرام",
         "Bagram|Bagram Air Base", "af", ""),
    ])
    rows += _table("PK", [
        ("pk-islamabad", "city", "إسلام آباد", "Islamabad", (33.6844, 73.0479), "اسلام اباد|إسلام أباد|اسلام آباد", "", "pk", ""),
        ("pk-karachi", "city", "كراتشي", "Karachi", (24.8607, 67.0011), "كراچي", "", "pk", ""),
        ("pk-lahore", "city", "لاهور", "Lahore", (31.5204, 74.3587), "", "", "pk", ""),
        ("pk-peshawar", "city", "بيشاور", "Peshawar", (34.0151, 71.5249), "بشاور", "", "pk", ""),
        ("pk-quetta", "city", "كويتا", "Quetta", (30.1798, 66.9750), "", "", "pk", ""),
    ])
    return rows


def world_rows() -> list[dict[str, str]]:
    """Great-power and diplomatic capitals, world regions, bodies of water."""
    rows = [
        p("us-washington", "city", "واشنطن", "Washington, D.C.", "US", (38.9072, -77.0369), "واشنطن العاصمة|العاصمة الأمريكية واشنطن",
          "Washington|Washington DC|D.C.", "us", "metonymy for the US government is NOT resolved here; the city is its own entity"),
        p("us-new-york", "city", "نيويورك", "New York City", "US", (40.7128, -74.0060), "مدينة نيويورك", "New York|NYC", "us",
          "New York State is not in the KB"),
        p("ru-moscow", "city", "موسكو", "Moscow", "RU", (55.7558, 37.6173), "", "Moskva", "ru", ""),
        p("ru-sochi", "city", "سوتشي", "Sochi", "RU", (43.6028, 39.7342), "", "", "ru", ""),
        p("gb-london", "city", "لندن", "London", "GB", (51.5074, -0.1278), "", "", "gb", ""),
        p("fr-paris", "city", "باريس", "Paris", "FR", (48.8566, 2.3522), "", "", "fr", ""),
        p("cn-beijing", "city", "بكين", "Beijing", "CN", (39.9042, 116.4074), "بيجين|بيجينغ", "Peking", "cn", ""),
        p("be-brussels", "city", "بروكسل", "Brussels", "BE", (50.8503, 4.3517), "", "Bruxelles", "be", ""),
        p("ch-geneva", "city", "جنيف", "Geneva", "CH", (46.2044, 6.1432), "", "Genève", "ch", ""),
        p("at-vienna", "city", "فيينا", "Vienna", "AT", (48.2082, 16.3738), "", "Wien", "at", ""),
        p("de-berlin", "city", "برلين", "Berlin", "DE", (52.5200, 13.4050), "", "", "de", ""),
        p("de-munich", "city", "ميونخ", "Munich", "DE", (48.1351, 11.5820), "ميونيخ", "München", "de", ""),
        p("it-rome", "city", "روما", "Rome", "IT", (41.9028, 12.4964), "", "Roma", "it", ""),
        p("jp-tokyo", "city", "طوكيو", "Tokyo", "JP", (35.6762, 139.6503), "", "", "jp", ""),
        p("in-new-delhi", "city", "نيودلهي", "New Delhi", "IN", (28.6139, 77.2090), "نيو دلهي", "Delhi", "in", ""),
        p("es-madrid", "city", "مدريد", "Madrid", "ES", (40.4168, -3.7038), "", "", "es", ""),
        p("nl-the-hague", "city", "لاهاي", "The Hague", "NL", (52.0705, 4.3007), "", "Den Haag", "nl", "seat of the ICJ and ICC"),
        p("ua-kyiv", "city", "كييف", "Kyiv", "UA", (50.4501, 30.5234), "", "Kiev", "ua", "bare كيف ('how') is not an alias"),
        p("kz-astana", "city", "أستانا", "Astana", "KZ", (51.1694, 71.4491), "استانا|آستانة|أستانة", "Nur-Sultan|Nursultan", "kz",
          "venue of the Astana talks on Syria"),
    ]
    regions = [  # slug, ar, en, cc, coord, aliases ar, aliases en, parent, note
        ("middle-east", "الشرق الأوسط", "Middle East", "", None, "الشرق الاوسط|منطقة الشرق الأوسط", "Mideast|MENA region", "", "coord: none (region)"),
        ("gulf-region", "الخليج", "Gulf region", "", None, "منطقة الخليج|دول الخليج|منطقة الخليج العربي", "the Gulf|Gulf states", "",
         "the region; the water body is loc:persian-gulf"),
        ("mashriq", "المشرق", "Mashriq", "", None, "المشرق العربي", "Mashreq|Arab East", "", "coord: none (region)"),
        ("levant", "بلاد الشام", "Levant", "", None, "المشرق الشامي", "the Levant|Bilad al-Sham", "", "bare الشام (also Damascus, ISIS name) is not an alias"),
        ("maghreb", "المغرب العربي", "Maghreb", "", None, "بلدان المغرب العربي|دول المغرب العربي", "Arab Maghreb|Northwest Africa", "",
         "coord: none (region)"),
        ("north-africa", "شمال أفريقيا", "North Africa", "", None, "شمال إفريقيا|شمال افريقيا|شمال افريقيا", "Northern Africa", "", "coord: none (region)"),
        ("kurdistan", "كردستان", "Kurdistan", "", None, "كوردستان", "Greater Kurdistan", "",
         "ambiguous_with=loc:iq-kurdistan-region (bare كردستان often means the Iraqi Kurdistan Region)"),
        ("horn-of-africa", "القرن الأفريقي", "Horn of Africa", "", None, "القرن الإفريقي|منطقة القرن الأفريقي", "", "", "coord: none (region)"),
        ("caucasus", "القوقاز", "Caucasus", "", None, "منطقة القوقاز", "Caucasia", "", "coord: none (region)"),
        ("balkans", "البلقان", "Balkans", "", None, "منطقة البلقان", "Balkan Peninsula", "", "coord: none (region)"),
        ("central-asia", "آسيا الوسطى", "Central Asia", "", None, "اسيا الوسطى", "", "", "coord: none (region)"),
        ("europe", "أوروبا", "Europe", "", None, "اوروبا|أوربا|القارة الأوروبية", "", "", "coord: none (continent)"),
        ("asia", "آسيا", "Asia", "", None, "اسيا|القارة الآسيوية", "", "", "coord: none (continent)"),
        ("africa", "أفريقيا", "Africa", "", None, "إفريقيا|افريقيا|القارة الأفريقية|القارة السمراء", "", "", "coord: none (continent)"),
        ("latin-america", "أمريكا اللاتينية", "Latin America", "", None, "أميركا اللاتينية|امريكا اللاتينية", "", "", "coord: none (region)"),
        ("north-america", "أمريكا الشمالية", "North America", "", None, "أميركا الشمالية", "", "", "coord: none (continent)"),
        ("south-america", "أمريكا الجنوبية", "South America", "", None, "أميركا الجنوبية", "", "", "coord: none (continent)"),
        ("ua-crimea", "شبه جزيرة القرم", "Crimea", "UA", (45.0000, 34.0000), "القرم|جزيرة القرم", "Crimean Peninsula", "ua",
         "annexed by Russia in 2014 (not recognised by the UN)"),
        ("ua-donbas", "دونباس", "Donbas", "UA", (48.0000, 38.0000), "إقليم دونباس|منطقة دونباس|دونباس الأوكراني", "Donbass", "ua", ""),
        ("kashmir", "كشمير", "Kashmir", "", (34.0000, 76.0000), "إقليم كشمير|كشمير المتنازع عليها", "Kashmir region", "", "disputed region"),
    ]
    for slug, ar, en, cc, coord, al_ar, al_en, parent, note in regions:
        rows.append(p(slug, "region" if slug not in ("ua-crimea",) else "territory", ar, en, cc, coord, al_ar, al_en, parent, note))
    water = [
        ("persian-gulf", "الخليج العربي", "Persian Gulf", (26.5000, 52.0000), "الخليج الفارسي|مياه الخليج", "Arabian Gulf|The Gulf (water)",
         "both names are used; the region is loc:gulf-region"),
        ("red-sea", "البحر الأحمر", "Red Sea", (20.0000, 38.5000), "البحر الاحمر", "", ""),
        ("mediterranean", "البحر المتوسط", "Mediterranean Sea", (35.0000, 18.0000), "البحر الأبيض المتوسط|البحر الابيض المتوسط|بحر المتوسط",
         "Mediterranean|the Med", "bare المتوسط ('average') is not an alias"),
        ("euphrates", "نهر الفرات", "Euphrates", None, "الفرات", "Euphrates River|Firat", "coord: none (river)"),
        ("tigris", "نهر دجلة", "Tigris", None, "دجلة", "Tigris River|Dicle", "coord: none (river)"),
        ("strait-of-hormuz", "مضيق هرمز", "Strait of Hormuz", (26.5667, 56.2500), "مضيق هورمز", "Hormuz Strait|Strait of Ormuz", ""),
        ("bab-el-mandeb", "مضيق باب المندب", "Bab el-Mandeb", (12.5833, 43.3333), "باب المندب", "Bab al-Mandab|Bab-el-Mandeb Strait", ""),
        ("gulf-of-aden", "خليج عدن", "Gulf of Aden", (12.5000, 48.0000), "", "", ""),
        ("arabian-sea", "بحر العرب", "Arabian Sea", (14.0000, 65.0000), "", "", ""),
        ("gulf-of-oman", "خليج عمان", "Gulf of Oman", (24.5000, 58.5000), "بحر عمان|خليج عُمان", "Sea of Oman", ""),
        ("caspian-sea", "بحر قزوين", "Caspian Sea", (41.5000, 50.5000), "", "Caspian", ""),
        ("black-sea", "البحر الأسود", "Black Sea", (43.5000, 34.0000), "البحر الاسود", "", ""),
        ("dead-sea", "البحر الميت", "Dead Sea", (31.5000, 35.5000), "", "", ""),
        ("sea-of-galilee", "بحيرة طبريا", "Sea of Galilee", (32.8200, 35.5900), "بحيرة طبرية", "Lake Tiberias|Lake Kinneret", ""),
        ("suez-canal", "قناة السويس", "Suez Canal", (30.5000, 32.3500), "", "", "artificial waterway"),
        ("jordan-river", "نهر الأردن", "Jordan River", None, "نهر الاردن", "River Jordan", "coord: none (river)"),
        ("litani", "نهر الليطاني", "Litani River", None, "الليطاني", "Litani", "coord: none (river)"),
        ("nile", "نهر النيل", "Nile", None, "النيل", "Nile River|River Nile", "coord: none (river)"),
        ("orontes", "نهر العاصي", "Orontes River", None, "", "Orontes|Asi River", "coord: none (river)"),
        ("indian-ocean", "المحيط الهندي", "Indian Ocean", None, "", "", "coord: none (ocean)"),
    ]
    for slug, ar, en, coord, al_ar, al_en, note in water:
        rows.append(p(slug, "body_of_water", ar, en, "", coord, al_ar, al_en, "", note))
    rows.append(p("et-gerd", "facility", "سد النهضة", "Grand Ethiopian Renaissance Dam", "ET", (11.2150, 35.0900),
                  "سد النهضة الإثيوبي|سد النهضة الأثيوبي", "GERD|Renaissance Dam", "et", ""))
    return rows
