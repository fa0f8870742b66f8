"""Hand-curated places of Iraq and Syria (governorates, cities, bases, sites).

Coordinates are city centres / installation locations known to ~0.1°.
Governorate rows carry their capital's coordinate (noted). ``common_word`` in
a note means the bare Arabic name is also an ordinary word (``القائم`` "the
existing", ``الباب`` "the door"); matchers should require a place cue there,
and the cue-compound forms are listed as aliases.
"""

from __future__ import annotations

from .places_rows import city_and_governorate as cg
from .places_rows import place as p

__all__ = ["iraq_rows", "syria_rows"]

CW = "common_word: bare name is also an ordinary Arabic word; require a place cue (مدينة/قضاء/بلدة/ريف) or context"


def iraq_rows() -> list[dict[str, str]]:
    """Iraq: Kurdistan Region, 18 governorates + Halabja, cities, bases, sites."""
    kr = "iq-kurdistan-region"
    rows = [
        p(kr, "region", "إقليم كردستان", "Kurdistan Region", "IQ", None,
          "إقليم كردستان العراق|كردستان العراق|اقليم كردستان|إقليم كوردستان|كوردستان العراق",
          "Kurdistan Region of Iraq|KRI|Iraqi Kurdistan", "iq",
          "ambiguous_with=loc:kurdistan (bare كردستان is the wider region); coord: none (region)"),
    ]
    rows += cg("iq", "baghdad", "بغداد", "Baghdad", (33.3152, 44.3661),
               city_aliases_en="Bagdad", gov_parent="iq")
    rows += cg("iq", "basra", "البصرة", "Basra", (30.5085, 47.7804),
               city_aliases_en="Basrah|Al-Basrah", gov_parent="iq")
    rows += cg("iq", "kirkuk", "كركوك", "Kirkuk", (35.4681, 44.3922),
               gov_aliases_ar="محافظة التأميم", gov_aliases_en="Ta'mim Governorate|Tameem Governorate",
               gov_parent="iq")
    rows += cg("iq", "najaf", "النجف", "Najaf", (32.0000, 44.3300),
               city_aliases_ar="النجف الأشرف|النجف الاشرف", city_aliases_en="Al-Najaf|An Najaf",
               gov_parent="iq")
    rows += cg("iq", "karbala", "كربلاء", "Karbala", (32.6160, 44.0249),
               city_aliases_ar="كربلاء المقدسة|كربلا", city_aliases_en="Kerbala|Karbala'",
               gov_parent="iq")
    rows += cg("iq", "erbil", "أربيل", "Erbil", (36.1911, 44.0092),
               city_aliases_ar="اربيل|هولير|هەولێر", city_aliases_en="Arbil|Irbil|Hewler|Hawler",
               gov_aliases_en="Hewler Governorate", gov_parent=kr)
    rows += cg("iq", "sulaymaniyah", "السليمانية", "Sulaymaniyah", (35.5613, 45.4306),
               city_aliases_ar="سليمانية|السليمانيّة|السلیمانیة", city_aliases_en="Sulaimaniyah|Sulaimaniya|Slemani|Suleimaniyah",
               gov_parent=kr)
    rows += cg("iq", "duhok", "دهوك", "Duhok", (36.8669, 42.9503),
               city_aliases_ar="دهۆک", city_aliases_en="Dohuk|Dahuk|Dihok", gov_parent=kr)
    rows += cg("iq", "halabja", "حلبجة", "Halabja", (35.1778, 45.9861),
               city_aliases_en="Halabjah|Helebce", gov_parent=kr)
    # Governorates whose capital has a different name: bare name on the governorate.
    govs = [
        ("iq-nineveh", "نينوى", "Nineveh Governorate", (36.3350, 43.1189), "محافظة نينوى|نينوي",
         "Nineveh|Ninawa|Ninewa|Ninawa Governorate",
         "ambiguous_with=loc:iq-mosul (نينوى is sometimes used for Mosul; ancient Nineveh lies in Mosul); coord: capital (Mosul)"),
        ("iq-anbar", "الأنبار", "Anbar Governorate", (33.4206, 43.3078), "محافظة الأنبار|الانبار|محافظة الانبار",
         "Anbar|Al Anbar|Al-Anbar", "coord: capital (Ramadi)"),
        ("iq-salah-al-din", "صلاح الدين", "Salah al-Din Governorate", (34.6071, 43.6782),
         "محافظة صلاح الدين", "Salahuddin|Salah ad-Din|Saladin Governorate",
         "bare name is also a personal name (require context); coord: capital (Tikrit)"),
        ("iq-diyala", "ديالى", "Diyala Governorate", (33.7466, 44.6430), "محافظة ديالى|ديالي",
         "Diyala", "ambiguous_with=loc:iq-diyala-river; coord: capital (Baqubah)"),
        ("iq-wasit", "واسط", "Wasit Governorate", (32.5128, 45.8182), "محافظة واسط", "Wasit|Wassit",
         "coord: capital (Kut)"),
        ("iq-maysan", "ميسان", "Maysan Governorate", (31.8356, 47.1440), "محافظة ميسان", "Maysan|Missan",
         "coord: capital (Amarah)"),
        ("iq-dhi-qar", "ذي قار", "Dhi Qar Governorate", (31.0439, 46.2576), "محافظة ذي قار|ذيقار",
         "Dhi Qar|Thi Qar", "coord: capital (Nasiriyah)"),
        ("iq-muthanna", "المثنى", "Muthanna Governorate", (31.3094, 45.2806), "محافظة المثنى",
         "Al-Muthanna|Muthanna", "bare name is also a personal name; coord: capital (Samawah)"),
        ("iq-qadisiyyah", "القادسية", "Al-Qadisiyyah Governorate", (31.9929, 44.9255), "محافظة القادسية|محافظة الديوانية",
         "Qadisiyah|Diwaniyah Governorate", "bare name is also a historical battle / club name; coord: capital (Diwaniyah)"),
        ("iq-babil", "بابل", "Babil Governorate", (32.4833, 44.4333), "محافظة بابل",
         "Babil|Babylon Governorate", "ambiguous_with=loc:iq-babylon (ancient city); coord: capital (Hillah)"),
    ]
    for slug, ar, en, coord, al_ar, al_en, note in govs:
        rows.append(p(slug, "province", ar, en, "IQ", coord, al_ar, al_en, "iq", note))

    city = [
        # slug, subtype, ar, en, coord, aliases_ar, aliases_en, parent, note
        ("iq-mosul", "city", "الموصل", "Mosul", (36.3350, 43.1189), "مدينة الموصل", "Al-Mawsil|Mawsil", "iq-nineveh",
         "ambiguous_with=loc:iq-nineveh"),
        ("iq-ramadi", "city", "الرمادي", "Ramadi", (33.4206, 43.3078), "مدينة الرمادي", "Al-Ramadi|Ar Ramadi", "iq-anbar",
         "common_word: الرمادي is also the adjective 'grey'"),
        ("iq-fallujah", "city", "الفلوجة", "Fallujah", (33.3500, 43.7833), "مدينة الفلوجة|فلوجة", "Falluja|Al-Fallujah", "iq-anbar", ""),
        ("iq-hit", "town", "هيت", "Hit", (33.6417, 42.8267), "قضاء هيت|مدينة هيت", "Heet", "iq-anbar", ""),
        ("iq-haditha", "town", "مدينة حديثة", "Haditha", (34.1397, 42.3783), "قضاء حديثة|ناحية حديثة", "Hadithah", "iq-anbar", "bare form deliberately not listed: it is mostly an ordinary word in news text (حديثة 'modern'; حديثه 'his talk')"),
        ("iq-al-qaim", "town", "مدينة القائم", "Al-Qaim", (34.3775, 41.0944), "قضاء القائم", "Al-Qa'im|Qaim", "iq-anbar", "bare form deliberately not listed: it is mostly an ordinary word in news text (القائم 'the existing', القائم بالأعمال)"),
        ("iq-rutba", "town", "الرطبة", "Rutba", (33.0381, 40.2848), "قضاء الرطبة", "Ar-Rutbah|Al-Rutba", "iq-anbar", ""),
        ("iq-abu-ghraib", "town", "أبو غريب", "Abu Ghraib", (33.2922, 44.0650), "ابو غريب|قضاء أبو غريب", "Abu Ghurayb", "iq-baghdad-governorate", ""),
        ("iq-tarmiyah", "town", "الطارمية", "Tarmiyah", (33.6700, 44.4000), "قضاء الطارمية", "Al-Tarmiyah|Tarmiya", "iq-baghdad-governorate", ""),
        ("iq-taji", "town", "التاجي", "Taji", (33.5200, 44.2700), "ناحية التاجي", "Al-Taji", "iq-baghdad-governorate", ""),
        ("iq-kadhimiya", "town", "الكاظمية", "Kadhimiya", (33.3800, 44.3383), "الكاظمية المقدسة", "Kadhimiyah|Al-Kadhimiya", "iq-baghdad",
         "district of Baghdad"),
        ("iq-adhamiya", "town", "الأعظمية", "Adhamiya", (33.3650, 44.3600), "الاعظمية", "Adhamiyah|Al-Adhamiya", "iq-baghdad",
         "district of Baghdad"),
        ("iq-sadr-city", "town", "مدينة الصدر", "Sadr City", (33.3900, 44.4600), "", "Al-Sadr City", "iq-baghdad", "district of Baghdad"),
        ("iq-karrada", "town", "الكرادة", "Karrada", (33.3000, 44.4200), "", "Karada|Al-Karrada", "iq-baghdad", "district of Baghdad"),
        ("iq-tikrit", "city", "تكريت", "Tikrit", (34.6071, 43.6782), "مدينة تكريت", "Takrit", "iq-salah-al-din", ""),
        ("iq-samarra", "city", "سامراء", "Samarra", (34.1959, 43.8857), "سامرا|مدينة سامراء", "Samarra'", "iq-salah-al-din", ""),
        ("iq-baiji", "town", "بيجي", "Baiji", (34.9290, 43.4930), "قضاء بيجي", "Bayji|Beiji", "iq-salah-al-din", ""),
        ("iq-balad", "town", "قضاء بلد", "Balad", (34.0167, 44.1500), "مدينة بلد", "Balad district", "iq-salah-al-din",
         "bare form deliberately not listed: it is mostly an ordinary word in news text (بلد 'country')"),
        ("iq-dujail", "town", "الدجيل", "Dujail", (33.8500, 44.2300), "قضاء الدجيل", "Al-Dujail|Dujayl", "iq-salah-al-din", ""),
        ("iq-shirqat", "town", "الشرقاط", "Shirqat", (35.5100, 43.2300), "قضاء الشرقاط", "Al-Shirqat|Sharqat", "iq-salah-al-din", ""),
        ("iq-tuz-khurmatu", "town", "طوز خورماتو", "Tuz Khurmatu", (34.8833, 44.6333),
         "طوزخورماتو|طوز خرماتو|قضاء طوز خورماتو|قضاء الطوز", "Tuz Khormato|Tuz Khurmato|Touz Khurmatu", "iq-salah-al-din", ""),
        ("iq-amerli", "town", "آمرلي", "Amerli", (34.7200, 44.5900), "امرلي|ناحية آمرلي", "Amirli|Amerly", "iq-salah-al-din", ""),
        ("iq-baqubah", "city", "بعقوبة", "Baqubah", (33.7466, 44.6430), "مدينة بعقوبة|بعقوبه", "Baquba|Ba'qubah", "iq-diyala", ""),
        ("iq-muqdadiya", "town", "المقدادية", "Muqdadiya", (33.9786, 44.9369), "قضاء المقدادية", "Al-Muqdadiyah|Muqdadiyah", "iq-diyala", ""),
        ("iq-khanaqin", "town", "خانقين", "Khanaqin", (34.3480, 45.3918), "قضاء خانقين", "Khanaqeen", "iq-diyala", ""),
        ("iq-kut", "city", "الكوت", "Kut", (32.5128, 45.8182), "مدينة الكوت", "Al-Kut", "iq-wasit", ""),
        ("iq-amarah", "city", "مدينة العمارة", "Amarah", (31.8356, 47.1440), "", "Al-Amarah|Amara", "iq-maysan",
         "bare form deliberately not listed: it is mostly an ordinary word in news text (العمارة 'architecture/building')"),
        ("iq-nasiriyah", "city", "الناصرية", "Nasiriyah", (31.0439, 46.2576), "مدينة الناصرية", "Nasiriya|An Nasiriyah", "iq-dhi-qar", ""),
        ("iq-samawah", "city", "السماوة", "Samawah", (31.3094, 45.2806), "مدينة السماوة", "Samawa|As Samawah", "iq-muthanna", ""),
        ("iq-diwaniyah", "city", "الديوانية", "Diwaniyah", (31.9929, 44.9255), "مدينة الديوانية", "Diwaniya|Ad Diwaniyah", "iq-qadisiyyah", ""),
        ("iq-hillah", "city", "الحلة", "Hillah", (32.4833, 44.4333), "مدينة الحلة", "Hilla|Al-Hillah", "iq-babil", "bare الحلة also means 'the attire'"),
        ("iq-musayyib", "town", "المسيب", "Musayyib", (32.7786, 44.2900), "قضاء المسيب", "Al-Musayyib|Musaiyib", "iq-babil", ""),
        ("iq-jurf-al-sakhar", "town", "جرف الصخر", "Jurf al-Sakhar", (32.8600, 44.1200), "جرف النصر|ناحية جرف الصخر",
         "Jurf al-Nasr|Jurf as-Sakhar|Jurf Al Sakhar", "iq-babil", "renamed جرف النصر in 2014"),
        ("iq-babylon", "town", "مدينة بابل الأثرية", "Babylon", (32.5422, 44.4208), "بابل الأثرية|آثار بابل", "Babylon ruins", "iq-babil",
         "ancient city; ambiguous_with=loc:iq-babil"),
        ("iq-kufa", "city", "الكوفة", "Kufa", (32.0347, 44.4033), "مدينة الكوفة", "Al-Kufa|Kufah", "iq-najaf-governorate", ""),
        ("iq-zubair", "town", "الزبير", "Zubair", (30.3892, 47.7018), "قضاء الزبير", "Az Zubayr|Al-Zubair", "iq-basra-governorate",
         "bare name is also a personal name / Zubair oil field; require context"),
        ("iq-umm-qasr", "town", "أم قصر", "Umm Qasr", (30.0362, 47.9195), "ام قصر|ميناء أم قصر", "Umm Qasr port", "iq-basra-governorate", ""),
        ("iq-fao", "town", "الفاو", "Al-Faw", (29.9760, 48.4726), "قضاء الفاو|شبه جزيرة الفاو", "Fao|Al-Fao", "iq-basra-governorate", "bare الفاو is also the FAO (UN agency)"),
        ("iq-qurna", "town", "القرنة", "Qurna", (31.0158, 47.4306), "قضاء القرنة", "Al-Qurnah|Al-Qurna", "iq-basra-governorate", ""),
        ("iq-tal-afar", "town", "تلعفر", "Tal Afar", (36.3761, 42.4497), "تل عفر|قضاء تلعفر", "Tel Afar|Talafar|Tall Afar", "iq-nineveh", ""),
        ("iq-sinjar", "town", "سنجار", "Sinjar", (36.3209, 41.8754), "شنكال|قضاء سنجار", "Shingal|Shengal", "iq-nineveh", ""),
        ("iq-tel-kaif", "town", "تلكيف", "Tel Kaif", (36.4897, 43.1192), "تل كيف|قضاء تلكيف", "Tel Keppe|Tilkaif", "iq-nineveh", ""),
        ("iq-qayyarah", "town", "القيارة", "Qayyarah", (35.7986, 43.2906), "ناحية القيارة", "Al-Qayyarah|Qayara", "iq-nineveh", ""),
        ("iq-makhmur", "town", "مخمور", "Makhmur", (35.7756, 43.5797), "قضاء مخمور", "Makhmour", "iq-erbil-governorate", ""),
        ("iq-soran", "town", "سوران", "Soran", (36.6539, 44.5442), "قضاء سوران", "Soran district", "iq-erbil-governorate", ""),
        ("iq-hawija", "town", "الحويجة", "Hawija", (35.3167, 43.7667), "قضاء الحويجة", "Hawijah|Al-Hawija", "iq-kirkuk-governorate", ""),
        ("iq-zakho", "town", "زاخو", "Zakho", (37.1436, 42.6819), "قضاء زاخو", "Zaxo", "iq-duhok-governorate", ""),
        ("iq-ranya", "town", "رانية", "Ranya", (36.2553, 44.8828), "قضاء رانية", "Raniya|Rania", "iq-sulaymaniyah-governorate", ""),
        ("iq-kalar", "town", "كلار", "Kalar", (34.6294, 45.3189), "قضاء كلار", "Kelar", "iq-sulaymaniyah-governorate", ""),
        # regions
        ("iq-nineveh-plains", "region", "سهل نينوى", "Nineveh Plains", (36.4000, 43.4000), "سهل نينوي", "Nineveh Plain", "iq-nineveh", ""),
        ("iq-anbar-desert", "region", "صحراء الأنبار", "Anbar desert", None, "بادية الأنبار|صحراء الانبار|بادية الانبار",
         "Anbar Desert|western desert of Iraq", "iq-anbar", "coord: none (region)"),
        ("iq-qandil", "region", "جبال قنديل", "Qandil Mountains", (36.4000, 45.0000), "جبل قنديل|سلسلة جبال قنديل", "Qandil|Kandil Mountains", "iq", ""),
        ("iq-sinjar-mountain", "region", "جبل سنجار", "Mount Sinjar", (36.3700, 41.7000), "جبال سنجار", "Sinjar Mountains|Jabal Sinjar", "iq-nineveh", ""),
        ("iq-hamrin", "region", "جبال حمرين", "Hamrin Mountains", None, "سلسلة جبال حمرين|حمرين", "Jabal Hamrin|Hamrin", "iq",
         "coord: none (mountain range)"),
        # bases and facilities
        ("iq-ain-al-asad-airbase", "military_base", "قاعدة عين الأسد الجوية", "Ain al-Asad Air Base", (33.7856, 42.4412),
         "عين الأسد|قاعدة عين الأسد|عين الاسد|قاعدة عين الاسد|قاعدة عين الاسد الجوية",
         "Ain al-Asad|Ayn al-Asad|Al Asad Airbase|Al Asad Air Base|Ain al-Assad", "iq-anbar", ""),
        ("iq-harir-airbase", "military_base", "قاعدة حرير الجوية", "Harir Air Base", (36.5400, 44.3500),
         "قاعدة حرير", "Harir|Harir Airbase", "iq-erbil-governorate", ""),
        ("iq-victory-base", "military_base", "قاعدة فيكتوري", "Victory Base Complex", (33.2900, 44.2500),
         "معسكر فيكتوري|قاعدة فكتوريا|قاعدة فيكتوريا|معسكر النصر", "Camp Victory|Victory Base", "iq-baghdad-governorate",
         "next to Baghdad International Airport"),
        ("iq-baghdad-airport", "facility", "مطار بغداد الدولي", "Baghdad International Airport", (33.2625, 44.2346),
         "مطار بغداد|مطار بغداد الدولي العسكري", "BIAP|Baghdad Airport", "iq-baghdad-governorate", ""),
        ("iq-balad-airbase", "military_base", "قاعدة بلد الجوية", "Balad Air Base", (33.9402, 44.3616),
         "قاعدة بلد|قاعدة البكر الجوية|قاعدة البكر", "Balad Airbase|Joint Base Balad|LSA Anaconda|Al-Bakr Air Base", "iq-salah-al-din", ""),
        ("iq-camp-taji", "military_base", "معسكر التاجي", "Camp Taji", (33.5230, 44.2560),
         "قاعدة التاجي|قاعدة التاجي العسكرية|معسكر التاجي العسكري", "Taji base|Taji military complex", "iq-baghdad-governorate", ""),
        ("iq-k1-airbase", "military_base", "قاعدة كي وان", "K1 Air Base", (35.5100, 44.2800),
         "قاعدة K1|قاعدة كي 1|قاعدة كيه وان|قاعدة K-1", "K-1 Air Base|K1 base|K-1", "iq-kirkuk-governorate", ""),
        ("iq-erbil-airport", "facility", "مطار أربيل الدولي", "Erbil International Airport", (36.2376, 43.9632),
         "مطار أربيل|مطار اربيل|مطار اربيل الدولي", "Erbil Airport|EBL", "iq-erbil-governorate",
         "hosts a coalition air base"),
        ("iq-green-zone", "region", "المنطقة الخضراء", "Green Zone", (33.3050, 44.3900),
         "المنطقة الدولية", "International Zone|IZ", "iq-baghdad",
         "fortified district of Baghdad; the phrase is occasionally used for other cities"),
        ("iq-us-embassy-baghdad", "facility", "السفارة الأمريكية في بغداد", "U.S. Embassy Baghdad", (33.2985, 44.3945),
         "السفارة الأميركية في بغداد|السفارة الامريكية في بغداد|السفارة الاميركية في بغداد|سفارة واشنطن في بغداد",
         "US Embassy in Baghdad|American Embassy Baghdad", "iq-green-zone", ""),
        ("iq-camp-speicher", "military_base", "قاعدة سبايكر", "Camp Speicher", (34.6700, 43.5400),
         "سبايكر|معسكر سبايكر|قاعدة سبايكر الجوية|قاعدة سبايكر العسكرية", "Speicher|COB Speicher|Tikrit Air Academy", "iq-salah-al-din", ""),
        ("iq-qayyarah-airbase", "military_base", "قاعدة القيارة الجوية", "Qayyarah Airfield West", (35.7667, 43.1250),
         "قاعدة القيارة|مطار القيارة", "Q-West|Qayyarah West", "iq-nineveh", ""),
        ("iq-imam-ali-airbase", "military_base", "قاعدة الإمام علي الجوية", "Imam Ali Air Base", (30.9358, 46.0901),
         "قاعدة طليل|قاعدة طليل الجوية|قاعدة الامام علي الجوية", "Tallil Air Base|Tallil", "iq-dhi-qar",
         "the name قاعدة الإمام علي is also used for an Iran-aligned compound near Al-Bukamal (Syria)"),
        ("iq-mosul-dam", "facility", "سد الموصل", "Mosul Dam", (36.6300, 42.8230), "", "Mosul Dam Lake", "iq-nineveh", ""),
        ("iq-haditha-dam", "facility", "سد حديثة", "Haditha Dam", (34.2070, 42.3550), "", "", "iq-anbar", ""),
        ("iq-baiji-refinery", "facility", "مصفاة بيجي", "Baiji Refinery", (34.9000, 43.5000), "مصافي بيجي", "Baiji oil refinery", "iq-salah-al-din", ""),
        ("iq-makhmur-camp", "facility", "مخيم مخمور", "Makhmur camp", (35.7800, 43.5900), "", "Makhmour refugee camp", "iq-erbil-governorate", ""),
        # water
        ("iq-shatt-al-arab", "body_of_water", "شط العرب", "Shatt al-Arab", (30.4000, 48.2000), "", "Arvand Rud|Arvand River", "iq", ""),
        ("iq-diyala-river", "body_of_water", "نهر ديالى", "Diyala River", None, "", "Sirwan River", "iq", "ambiguous_with=loc:iq-diyala (governorate); coord: none (river)"),
        ("iq-lake-tharthar", "body_of_water", "بحيرة الثرثار", "Lake Tharthar", (33.9800, 43.2000), "", "Tharthar Lake", "iq", ""),
    ]
    for slug, st, ar, en, coord, al_ar, al_en, parent, note in city:
        rows.append(p(slug, st, ar, en, "IQ", coord, al_ar, al_en, parent, note))
    return rows


def syria_rows() -> list[dict[str, str]]:
    """Syria: 14 governorates, cities, US/Russian bases, airports, sites."""
    rows: list[dict[str, str]] = []
    shared = [
        ("damascus", "دمشق", "Damascus", (33.5138, 36.2765), "", "Dimashq|Damas", "", ""),
        ("aleppo", "حلب", "Aleppo", (36.2021, 37.1343), "", "Halab", "", ""),
        ("homs", "حمص", "Homs", (34.7324, 36.7137), "مدينة حمص", "Hims", "", "common_word: حمص also means 'chickpeas/hummus'"),
        ("hama", "حماة", "Hama", (35.1318, 36.7578), "مدينة حماة", "Hamah", "", "common_word: حماة also means 'protectors'"),
        ("latakia", "اللاذقية", "Latakia", (35.5317, 35.7901), "", "Lattakia|Al-Ladhiqiyah|Laodicea", "", ""),
        ("tartus", "طرطوس", "Tartus", (34.8890, 35.8866), "", "Tartous|Tartous city", "", ""),
        ("idlib", "إدلب", "Idlib", (35.9306, 36.6339), "ادلب", "Idleb", "", ""),
        ("raqqa", "الرقة", "Raqqa", (35.9594, 39.0079), "", "Raqqah|Al-Raqqa|Ar-Raqqah", "", ""),
        ("deir-ez-zor", "دير الزور", "Deir ez-Zor", (35.3359, 40.1408), "ديرالزور|دير الزّور",
         "Deir al-Zour|Deir Ezzor|Deir el-Zor|Dayr az-Zawr|Deir Ez-Zor", "", ""),
        ("hasakah", "الحسكة", "Al-Hasakah", (36.5024, 40.7477), "", "Hasakah|Hasaka|Hasakeh|Al-Hasakeh", "", ""),
        ("daraa", "درعا", "Daraa", (32.6189, 36.1021), "", "Deraa|Dara'a|Der'a", "", ""),
        ("suwayda", "السويداء", "As-Suwayda", (32.7090, 36.5695), "السويدا", "Suwayda|Sweida|Sweida city", "", ""),
        ("quneitra", "القنيطرة", "Quneitra", (33.1256, 35.8240), "", "Kuneitra|Qunaitra", "", ""),
    ]
    for key, ar, en, coord, al_ar, al_en, gov_al, note in shared:
        rows += cg("sy", key, ar, en, coord, city_aliases_ar=al_ar, city_aliases_en=al_en,
                   gov_aliases_ar=gov_al, gov_parent="sy", city_note=note)
    # Damascus governorate is the city itself; keep the pair (news writes محافظة دمشق).
    rows.append(p("sy-rif-dimashq-governorate", "province", "ريف دمشق", "Rif Dimashq Governorate", "SY", None,
                  "محافظة ريف دمشق", "Rif Dimashq|Damascus Countryside|Rural Damascus", "sy",
                  "coord: none (governorate seat is Damascus)"))
    gov = {k: f"sy-{k}-governorate" for k in ("aleppo", "homs", "hama", "latakia", "tartus", "idlib", "raqqa",
                                              "deir-ez-zor", "hasakah", "daraa", "suwayda", "quneitra")}
    city = [
        ("sy-qamishli", "city", "القامشلي", "Qamishli", (37.0517, 41.2275), "قامشلو|مدينة القامشلي", "Qamishlo|Al-Qamishli", gov["hasakah"], ""),
        ("sy-manbij", "city", "منبج", "Manbij", (36.5281, 37.9550), "مدينة منبج", "Menbij|Minbij", gov["aleppo"], ""),
        ("sy-kobani", "city", "كوباني", "Kobani", (36.8908, 38.3536), "عين العرب|مدينة عين العرب", "Kobane|Ayn al-Arab|Ain al-Arab", gov["aleppo"], ""),
        ("sy-afrin", "city", "عفرين", "Afrin", (36.5119, 36.8697), "مدينة عفرين", "Efrin|Afreen", gov["aleppo"], ""),
        ("sy-al-bab", "city", "مدينة الباب", "Al-Bab", (36.3706, 37.5157), "", "al-Bab city", gov["aleppo"],
         "bare form deliberately not listed: it is mostly an ordinary word in news text (الباب 'the door')"),
        ("sy-jarabulus", "town", "جرابلس", "Jarabulus", (36.8175, 38.0113), "مدينة جرابلس", "Jarablus", gov["aleppo"], ""),
        ("sy-azaz", "town", "إعزاز", "Azaz", (36.5866, 37.0463), "اعزاز|أعزاز|عزاز", "A'zaz|Aazaz", gov["aleppo"], ""),
        ("sy-tal-rifaat", "town", "تل رفعت", "Tal Rifaat", (36.4733, 37.0972), "", "Tell Rifaat|Tel Rifaat", gov["aleppo"], ""),
        ("sy-palmyra", "city", "مدينة تدمر", "Palmyra", (34.5503, 38.2691), "آثار تدمر|مدينة تدمر الأثرية", "Tadmur|Tadmor", gov["homs"],
         "bare form deliberately not listed: it is mostly an ordinary word in news text (تدمر 'destroys')"),
        ("sy-qusayr", "town", "مدينة القصير", "Al-Qusayr", (34.5089, 36.5797), "بلدة القصير", "Qusayr|Qusair", gov["homs"],
         "bare form deliberately not listed: it is mostly an ordinary word in news text (القصير 'short')"),
        ("sy-al-bukamal", "city", "البوكمال", "Al-Bukamal", (34.4536, 40.9367), "البو كمال|أبو كمال|ابو كمال|مدينة البوكمال",
         "Abu Kamal|Albu Kamal|Al Bukamal|Boukamal", gov["deir-ez-zor"], ""),
        ("sy-al-mayadin", "city", "مدينة الميادين", "Al-Mayadin", (35.0197, 40.4517), "", "Mayadin|Al Mayadin", gov["deir-ez-zor"],
         "bare form deliberately not listed: it is mostly an ordinary word in news text (الميادين 'squares/fields'; also a TV channel)"),
        ("sy-tabqa", "city", "مدينة الطبقة", "Al-Tabqa", (35.8360, 38.5480), "مدينة الثورة", "Tabqa|Al-Thawrah", gov["raqqa"],
         "bare form deliberately not listed: it is mostly an ordinary word in news text (الطبقة 'class/layer')"),
        ("sy-tal-abyad", "town", "تل أبيض", "Tal Abyad", (36.6975, 38.9567), "تل ابيض", "Tell Abyad|Gire Spi", gov["raqqa"], ""),
        ("sy-ras-al-ain", "town", "رأس العين", "Ras al-Ain", (36.8500, 40.0700), "راس العين|سري كانيه", "Ras al-Ayn|Serekaniye", gov["hasakah"],
         "the name رأس العين also exists elsewhere (e.g. Lebanon, Palestine)"),
        ("sy-shaddadi", "town", "الشدادي", "Al-Shaddadi", (36.0500, 40.7300), "الشدادة|الشدادية", "Shaddadi|Ash Shaddadah", gov["hasakah"], ""),
        ("sy-rmelan", "town", "رميلان", "Rmelan", (36.9800, 41.9500), "الرميلان", "Rumeilan|Rmeilan", gov["hasakah"], ""),
        ("sy-douma", "town", "دوما", "Douma", (33.5722, 36.4025), "مدينة دوما", "Duma", "sy-rif-dimashq-governorate", "common_word: دوما(ً) also means 'always'; also the Russian State Duma"),
        ("sy-zabadani", "town", "الزبداني", "Zabadani", (33.7247, 36.1000), "", "Al-Zabadani", "sy-rif-dimashq-governorate", ""),
        ("sy-sayyida-zaynab", "town", "السيدة زينب", "Sayyida Zaynab", (33.4444, 36.3411), "منطقة السيدة زينب",
         "Sayyidah Zaynab|Sayeda Zeinab", "sy-rif-dimashq-governorate",
         "bare name is also the saint/shrine; require context"),
        ("sy-jableh", "town", "جبلة", "Jableh", (35.3614, 35.9256), "", "Jabla|Jebleh", gov["latakia"], ""),
        ("sy-baniyas", "town", "بانياس", "Baniyas", (35.1822, 35.9403), "", "Banias (Syria)", gov["tartus"],
         "homonym: Banias spring in the Golan (not in KB)"),
        ("sy-saraqib", "town", "سراقب", "Saraqib", (35.8644, 36.8006), "", "Saraqeb", gov["idlib"], ""),
        ("sy-maarat-al-numan", "town", "معرة النعمان", "Maarat al-Numan", (35.6444, 36.6733), "معرّة النعمان", "Ma'arrat al-Nu'man|Maarat al-Nouman", gov["idlib"], ""),
        ("sy-khan-shaykhun", "town", "خان شيخون", "Khan Shaykhun", (35.4417, 36.6486), "", "Khan Sheikhoun|Khan Shaykhoun", gov["idlib"], ""),
        # regions
        ("sy-eastern-ghouta", "region", "الغوطة الشرقية", "Eastern Ghouta", (33.5500, 36.4500), "غوطة دمشق الشرقية", "East Ghouta", "sy-rif-dimashq-governorate", ""),
        ("sy-qalamoun", "region", "القلمون", "Qalamoun", (33.9000, 36.5000), "جبال القلمون|منطقة القلمون", "Qalamoun Mountains|Qalamun", "sy", ""),
        ("sy-syrian-desert", "region", "البادية السورية", "Syrian Desert", None, "بادية الشام|الصحراء السورية", "Badia|Badiya|Syrian Badia", "sy",
         "coord: none (region)"),
        ("sy-east-euphrates", "region", "شرق الفرات", "East of the Euphrates", None, "منطقة شرق الفرات|شرقي الفرات", "east Euphrates", "sy",
         "coord: none (region; usually the SDF-held east bank)"),
        ("sy-northeast", "region", "شمال شرق سوريا", "Northeast Syria", None, "شمال شرقي سوريا|شمال شرق سورية|شمال شرقي سورية",
         "North-East Syria|NES|Rojava", "sy", "coord: none (region)"),
        # bases and facilities
        ("sy-al-tanf", "military_base", "قاعدة التنف", "Al-Tanf garrison", (33.4900, 38.6200),
         "التنف|قاعدة التنف العسكرية|منطقة التنف|حامية التنف", "Al-Tanf|At-Tanf|Tanf garrison|Al Tanf base", gov["homs"], ""),
        ("sy-conoco-field", "facility", "حقل كونيكو", "Conoco gas field", (35.3900, 40.3200),
         "كونيكو|حقل كونيكو للغاز|معمل غاز كونيكو|حقل كونوكو|كونوكو|قاعدة حقل كونيكو", "Conoco field|Conoco gas plant|Koniko", gov["deir-ez-zor"],
         "hosts a US military position"),
        ("sy-al-omar-field", "facility", "حقل العمر", "Al-Omar oil field", (35.0700, 40.5600),
         "حقل العمر النفطي|قاعدة حقل العمر|حقول العمر", "Omar oil field|al-Omar field|Green Village", gov["deir-ez-zor"],
         "hosts a US military base"),
        ("sy-rmelan-base", "military_base", "قاعدة رميلان", "Rmelan base", (36.9800, 41.9500),
         "مطار رميلان|قاعدة رميلان الجوية", "Rmelan Landing Zone|Rumeilan airfield", "sy-rmelan", "US-led coalition base"),
        ("sy-shaddadi-base", "military_base", "قاعدة الشدادي", "Al-Shaddadi base", (36.0500, 40.7300),
         "قاعدة الشدادي العسكرية|قاعدة الشدادية", "Shaddadi base", "sy-shaddadi", "US-led coalition base"),
        ("sy-hmeimim-airbase", "military_base", "قاعدة حميميم", "Hmeimim Air Base", (35.4008, 35.9486),
         "حميميم|قاعدة حميميم الجوية|مطار حميميم|قاعدة حميميم العسكرية", "Khmeimim|Hmeimim|Khmeimim Air Base", gov["latakia"], "Russian air base"),
        ("sy-tartus-naval-base", "military_base", "قاعدة طرطوس البحرية", "Tartus naval facility", (34.9000, 35.8700),
         "القاعدة البحرية الروسية في طرطوس|قاعدة طرطوس|القاعدة الروسية في طرطوس", "Tartus naval base|Russian naval facility in Tartus",
         gov["tartus"], "Russian naval facility"),
        ("sy-mezzeh-airbase", "military_base", "مطار المزة العسكري", "Mezzeh Military Airport", (33.4778, 36.2233),
         "مطار المزة|قاعدة المزة الجوية", "Mezzeh Air Base", "sy-damascus", ""),
        ("sy-damascus-airport", "facility", "مطار دمشق الدولي", "Damascus International Airport", (33.4114, 36.5156),
         "مطار دمشق", "Damascus Airport", "sy-rif-dimashq-governorate", ""),
        ("sy-aleppo-airport", "facility", "مطار حلب الدولي", "Aleppo International Airport", (36.1807, 37.2244),
         "مطار حلب", "Aleppo Airport", gov["aleppo"], ""),
        ("sy-t4-airbase", "military_base", "مطار التيفور", "T-4 Air Base", (34.5225, 37.6297),
         "قاعدة التيفور|التيفور|مطار التياس|قاعدة التياس", "Tiyas Air Base|T4 airbase|T4", gov["homs"], ""),
        ("sy-shayrat-airbase", "military_base", "مطار الشعيرات", "Shayrat Air Base", (34.4903, 36.9089),
         "قاعدة الشعيرات|مطار الشعيرات العسكري|قاعدة الشعيرات الجوية", "Al-Shayrat|Shairat airbase", gov["homs"], ""),
        ("sy-al-hol-camp", "facility", "مخيم الهول", "Al-Hol camp", (36.3800, 41.1500), "", "al-Hol|Al-Hawl camp", gov["hasakah"], ""),
        ("sy-rukban-camp", "facility", "مخيم الركبان", "Rukban camp", (33.3000, 38.7000), "الركبان", "Rukban|Al-Rukban", gov["homs"], ""),
        ("sy-tishrin-dam", "facility", "سد تشرين", "Tishrin Dam", (36.3800, 38.1800), "", "Tishreen Dam", gov["aleppo"], ""),
        ("sy-tabqa-dam", "facility", "سد الفرات", "Tabqa Dam", (35.8700, 38.5700), "سد الطبقة", "Euphrates Dam|Al-Thawra Dam", gov["raqqa"], ""),
    ]
    for slug, st, ar, en, coord, al_ar, al_en, parent, note in city:
        rows.append(p(slug, st, ar, en, "SY", coord, al_ar, al_en, parent, note))
    return rows
