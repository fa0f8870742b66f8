"""Curated dated roles (``roles.csv``). Only well-documented facts; ``None`` end year = current as of 2024."""

from __future__ import annotations

from pipeline.kb.build.actors_schema import Role

_IQ_PM = ("رئيس الوزراء العراقي", "Prime Minister of Iraq", "org:iraqi-government")
_IQ_PRES = ("رئيس جمهورية العراق", "President of Iraq", "org:iraqi-presidency")
_IQ_SPEAKER = ("رئيس مجلس النواب العراقي", "Speaker of the Council of Representatives of Iraq",
               "org:iraqi-council-of-representatives")
_IQ_DEF = ("وزير الدفاع العراقي", "Minister of Defence of Iraq", "org:iraqi-ministry-of-defence")
_IQ_INT = ("وزير الداخلية العراقي", "Minister of Interior of Iraq", "org:iraqi-ministry-of-interior")
_IQ_FM = ("وزير الخارجية العراقي", "Minister of Foreign Affairs of Iraq", "org:iraqi-ministry-of-foreign-affairs")
_IR_PRES = ("رئيس الجمهورية الإيرانية", "President of Iran", "org:iranian-government")
_IR_FM = ("وزير الخارجية الإيراني", "Minister of Foreign Affairs of Iran", "org:iranian-ministry-of-foreign-affairs")
_IR_DEF = ("وزير الدفاع الإيراني", "Minister of Defence of Iran", "org:iranian-ministry-of-defence")
_US_PRES = ("الرئيس الأمريكي", "President of the United States", "org:white-house")
_US_SECDEF = ("وزير الدفاع الأمريكي", "US Secretary of Defense", "org:us-department-of-defense")
_US_SECSTATE = ("وزير الخارجية الأمريكي", "US Secretary of State", "org:us-department-of-state")
_CENTCOM = ("قائد القيادة المركزية الأمريكية", "Commander of US Central Command", "org:us-centcom")
_UNSG = ("الأمين العام للأمم المتحدة", "Secretary-General of the United Nations", "org:united-nations")
_UNAMI = ("الممثل الخاص للأمين العام للأمم المتحدة في العراق", "UN Special Representative for Iraq", "org:unami")


def _r(entity_id: str, role: tuple[str, str, str], start: int, end: int | None = None) -> Role:
    return Role(entity_id, role[0], role[1], role[2], start, end)


ROLES: list[Role] = [
    # Iraq: prime ministers
    _r("per:ayad-allawi", _IQ_PM, 2004, 2005),
    _r("per:ibrahim-al-jaafari", _IQ_PM, 2005, 2006),
    _r("per:nouri-al-maliki", _IQ_PM, 2006, 2014),
    _r("per:haider-al-abadi", _IQ_PM, 2014, 2018),
    _r("per:adil-abdul-mahdi", _IQ_PM, 2018, 2020),
    _r("per:mustafa-al-kadhimi", _IQ_PM, 2020, 2022),
    _r("per:mohammed-shia-al-sudani", _IQ_PM, 2022),
    # Iraq: presidents
    _r("per:ghazi-al-yawer", _IQ_PRES, 2004, 2005),
    _r("per:jalal-talabani", _IQ_PRES, 2005, 2014),
    _r("per:fuad-masum", _IQ_PRES, 2014, 2018),
    _r("per:barham-salih", _IQ_PRES, 2018, 2022),
    _r("per:abdul-latif-rashid", _IQ_PRES, 2022),
    # Iraq: speakers
    _r("per:mahmoud-al-mashhadani", _IQ_SPEAKER, 2006, 2009),
    _r("per:mahmoud-al-mashhadani", _IQ_SPEAKER, 2024),
    _r("per:ayad-al-samarrai", _IQ_SPEAKER, 2009, 2010),
    _r("per:osama-al-nujaifi", _IQ_SPEAKER, 2010, 2014),
    _r("per:salim-al-jabouri", _IQ_SPEAKER, 2014, 2018),
    _r("per:mohamed-al-halbousi", _IQ_SPEAKER, 2018, 2023),
    # Iraq: ministers
    _r("per:hoshyar-zebari", _IQ_FM, 2003, 2014),
    _r("per:ibrahim-al-jaafari", _IQ_FM, 2014, 2018),
    _r("per:mohamed-ali-al-hakim", _IQ_FM, 2018, 2020),
    _r("per:fuad-hussein", _IQ_FM, 2020),
    _r("per:khaled-al-obaidi", _IQ_DEF, 2014, 2016),
    _r("per:erfan-al-hiyali", _IQ_DEF, 2017, 2018),
    _r("per:najah-al-shammari", _IQ_DEF, 2019, 2020),
    _r("per:juma-inad", _IQ_DEF, 2020, 2022),
    _r("per:thabet-al-abbasi", _IQ_DEF, 2022),
    _r("per:bayan-jabr", _IQ_INT, 2005, 2006),
    _r("per:mohammed-al-ghabban", _IQ_INT, 2014, 2016),
    _r("per:qasim-al-araji", _IQ_INT, 2017, 2018),
    _r("per:othman-al-ghanimi", _IQ_INT, 2020, 2022),
    _r("per:abdul-amir-al-shammari", _IQ_INT, 2022),
    _r("per:qasim-al-araji", ("مستشار الأمن القومي العراقي", "National Security Adviser of Iraq", "org:iraqi-government"), 2020),
    _r("per:faleh-al-fayyadh", ("رئيس هيئة الحشد الشعبي", "Chairman of the Popular Mobilization Commission",
                                "org:popular-mobilization-forces"), 2014),
    _r("per:abu-mahdi-al-muhandis", ("نائب رئيس هيئة الحشد الشعبي", "Deputy Chairman of the Popular Mobilization Commission",
                                     "org:popular-mobilization-forces"), 2014, 2020),
    _r("per:abu-fadak-al-mohammedawi", ("رئيس أركان الحشد الشعبي", "Chief of Staff of the Popular Mobilization Forces",
                                        "org:popular-mobilization-forces"), 2020),
    _r("per:mustafa-al-kadhimi", ("رئيس جهاز المخابرات الوطني العراقي", "Director of the Iraqi National Intelligence Service",
                                  "org:iraqi-national-intelligence-service"), 2016, 2020),
    _r("per:akram-al-kaabi", ("الأمين العام لحركة النجباء", "Secretary-General of Harakat al-Nujaba", "org:harakat-al-nujaba"), 2013),
    _r("per:ammar-al-hakim", ("رئيس تيار الحكمة", "Leader of the National Wisdom Movement", "org:hikma-movement"), 2017),
    _r("per:ammar-al-hakim", ("رئيس المجلس الأعلى الإسلامي العراقي", "Leader of the Islamic Supreme Council of Iraq", "org:isci"), 2009, 2017),
    # Kurdistan
    _r("per:masoud-barzani", ("رئيس إقليم كردستان", "President of the Kurdistan Region", "org:kurdistan-regional-government"), 2005, 2017),
    _r("per:nechirvan-barzani", ("رئيس إقليم كردستان", "President of the Kurdistan Region", "org:kurdistan-regional-government"), 2019),
    _r("per:nechirvan-barzani", ("رئيس حكومة إقليم كردستان", "Prime Minister of the Kurdistan Region", "org:kurdistan-regional-government"), 2012, 2019),
    _r("per:nechirvan-barzani", ("رئيس حكومة إقليم كردستان", "Prime Minister of the Kurdistan Region", "org:kurdistan-regional-government"), 2006, 2009),
    _r("per:masrour-barzani", ("رئيس حكومة إقليم كردستان", "Prime Minister of the Kurdistan Region", "org:kurdistan-regional-government"), 2019),
    # Iran
    _r("per:ali-khamenei", ("المرشد الأعلى للثورة الإسلامية في إيران", "Supreme Leader of Iran", "org:iranian-government"), 1989),
    _r("per:mohammad-khatami", _IR_PRES, 1997, 2005),
    _r("per:mahmoud-ahmadinejad", _IR_PRES, 2005, 2013),
    _r("per:hassan-rouhani", _IR_PRES, 2013, 2021),
    _r("per:ebrahim-raisi", _IR_PRES, 2021, 2024),
    _r("per:masoud-pezeshkian", _IR_PRES, 2024),
    _r("per:manouchehr-mottaki", _IR_FM, 2005, 2010),
    _r("per:mohammad-javad-zarif", _IR_FM, 2013, 2021),
    _r("per:hossein-amir-abdollahian", _IR_FM, 2021, 2024),
    _r("per:abbas-araghchi", _IR_FM, 2024),
    _r("per:hossein-dehghan", _IR_DEF, 2013, 2017),
    _r("per:amir-hatami", _IR_DEF, 2017, 2021),
    _r("per:mohammad-reza-ashtiani", _IR_DEF, 2021, 2024),
    _r("per:aziz-nasirzadeh", _IR_DEF, 2024),
    _r("per:qassem-soleimani", ("قائد فيلق القدس", "Commander of the Quds Force", "org:quds-force"), 1998, 2020),
    _r("per:esmail-qaani", ("قائد فيلق القدس", "Commander of the Quds Force", "org:quds-force"), 2020),
    _r("per:mohammad-ali-jafari", ("القائد العام للحرس الثوري", "Commander-in-Chief of the IRGC", "org:irgc"), 2007, 2019),
    _r("per:hossein-salami", ("القائد العام للحرس الثوري", "Commander-in-Chief of the IRGC", "org:irgc"), 2019, 2025),
    _r("per:mohammad-bagher-ghalibaf", ("رئيس مجلس الشورى الإسلامي", "Speaker of the Parliament of Iran", "org:iranian-parliament"), 2020),
    _r("per:ali-larijani", ("رئيس مجلس الشورى الإسلامي", "Speaker of the Parliament of Iran", "org:iranian-parliament"), 2008, 2020),
    _r("per:ali-shamkhani", ("أمين المجلس الأعلى للأمن القومي", "Secretary of the Supreme National Security Council",
                             "org:iran-supreme-national-security-council"), 2013, 2023),
    # Levant
    _r("per:hassan-nasrallah", ("الأمين العام لحزب الله", "Secretary-General of Hezbollah", "org:hezbollah"), 1992, 2024),
    _r("per:naim-qassem", ("الأمين العام لحزب الله", "Secretary-General of Hezbollah", "org:hezbollah"), 2024),
    _r("per:ismail-haniyeh", ("رئيس المكتب السياسي لحركة حماس", "Head of the Hamas Political Bureau", "org:hamas"), 2017, 2024),
    _r("per:khaled-mashal", ("رئيس المكتب السياسي لحركة حماس", "Head of the Hamas Political Bureau", "org:hamas"), 1996, 2017),
    _r("per:yahya-sinwar", ("رئيس المكتب السياسي لحركة حماس", "Head of the Hamas Political Bureau", "org:hamas"), 2024, 2024),
    _r("per:ahmed-al-sharaa", ("قائد هيئة تحرير الشام", "Leader of Hayat Tahrir al-Sham", "org:hayat-tahrir-al-sham"), 2017, 2025),
    _r("per:mazloum-abdi", ("القائد العام لقوات سوريا الديمقراطية", "Commander-in-Chief of the Syrian Democratic Forces",
                            "org:syrian-democratic-forces"), 2015),
    # Israel
    _r("per:yoav-gallant", ("وزير الدفاع الإسرائيلي", "Minister of Defense of Israel", "org:israeli-ministry-of-defense"), 2022, 2024),
    _r("per:israel-katz", ("وزير الدفاع الإسرائيلي", "Minister of Defense of Israel", "org:israeli-ministry-of-defense"), 2024),
    _r("per:benjamin-netanyahu", ("رئيس الوزراء الإسرائيلي", "Prime Minister of Israel", "org:israeli-government"), 2009, 2021),
    _r("per:benjamin-netanyahu", ("رئيس الوزراء الإسرائيلي", "Prime Minister of Israel", "org:israeli-government"), 2022),
    _r("per:naftali-bennett", ("رئيس الوزراء الإسرائيلي", "Prime Minister of Israel", "org:israeli-government"), 2021, 2022),
    _r("per:yair-lapid", ("رئيس الوزراء الإسرائيلي", "Prime Minister of Israel", "org:israeli-government"), 2022, 2022),
    _r("per:ehud-olmert", ("رئيس الوزراء الإسرائيلي", "Prime Minister of Israel", "org:israeli-government"), 2006, 2009),
    _r("per:mahmoud-abbas", ("رئيس السلطة الفلسطينية", "President of the Palestinian Authority", "org:palestinian-authority"), 2005),
    # Gulf
    _r("per:mohammed-bin-salman", ("ولي العهد السعودي", "Crown Prince of Saudi Arabia", ""), 2017),
    # United States
    _r("per:george-w-bush", _US_PRES, 2001, 2009),
    _r("per:barack-obama", _US_PRES, 2009, 2017),
    _r("per:donald-trump", _US_PRES, 2017, 2021),
    _r("per:joe-biden", _US_PRES, 2021, 2025),
    _r("per:donald-rumsfeld", _US_SECDEF, 2001, 2006),
    _r("per:robert-gates", _US_SECDEF, 2006, 2011),
    _r("per:leon-panetta", _US_SECDEF, 2011, 2013),
    _r("per:chuck-hagel", _US_SECDEF, 2013, 2015),
    _r("per:ashton-carter", _US_SECDEF, 2015, 2017),
    _r("per:jim-mattis", _US_SECDEF, 2017, 2019),
    _r("per:mark-esper", _US_SECDEF, 2019, 2020),
    _r("per:lloyd-austin", _US_SECDEF, 2021, 2025),
    _r("per:pete-hegseth", _US_SECDEF, 2025),
    _r("per:colin-powell", _US_SECSTATE, 2001, 2005),
    _r("per:condoleezza-rice", _US_SECSTATE, 2005, 2009),
    _r("per:hillary-clinton", _US_SECSTATE, 2009, 2013),
    _r("per:john-kerry", _US_SECSTATE, 2013, 2017),
    _r("per:rex-tillerson", _US_SECSTATE, 2017, 2018),
    _r("per:mike-pompeo", _US_SECSTATE, 2018, 2021),
    _r("per:antony-blinken", _US_SECSTATE, 2021, 2025),
    _r("per:marco-rubio", _US_SECSTATE, 2025),
    _r("per:tommy-franks", _CENTCOM, 2000, 2003),
    _r("per:john-abizaid", _CENTCOM, 2003, 2007),
    _r("per:william-fallon", _CENTCOM, 2007, 2008),
    _r("per:david-petraeus", _CENTCOM, 2008, 2010),
    _r("per:jim-mattis", _CENTCOM, 2010, 2013),
    _r("per:lloyd-austin", _CENTCOM, 2013, 2016),
    _r("per:joseph-votel", _CENTCOM, 2016, 2019),
    _r("per:kenneth-mckenzie", _CENTCOM, 2019, 2022),
    _r("per:michael-kurilla", _CENTCOM, 2022, 2025),
    _r("per:pat-ryder", ("السكرتير الصحفي للبنتاغون", "Pentagon Press Secretary", "org:us-department-of-defense"), 2022, 2025),
    _r("per:david-petraeus", ("مدير وكالة المخابرات المركزية", "Director of the CIA", "org:cia"), 2011, 2012),
    _r("per:william-burns", ("مدير وكالة المخابرات المركزية", "Director of the CIA", "org:cia"), 2021, 2025),
    _r("per:brett-mcgurk", ("المبعوث الرئاسي الخاص للتحالف الدولي ضد داعش",
                            "Special Presidential Envoy for the Global Coalition to Counter ISIL",
                            "org:global-coalition-against-daesh"), 2015, 2018),
    _r("per:paul-bremer", ("رئيس سلطة الائتلاف المؤقتة", "Administrator of the Coalition Provisional Authority",
                           "org:coalition-provisional-authority"), 2003, 2004),
    # Russia, UN, international bodies
    _r("per:sergey-lavrov", ("وزير الخارجية الروسي", "Minister of Foreign Affairs of Russia", "org:russian-ministry-of-foreign-affairs"), 2004),
    _r("per:sergei-shoigu", ("وزير الدفاع الروسي", "Minister of Defence of Russia", "org:russian-ministry-of-defence"), 2012, 2024),
    _r("per:andrei-belousov", ("وزير الدفاع الروسي", "Minister of Defence of Russia", "org:russian-ministry-of-defence"), 2024),
    _r("per:kofi-annan", _UNSG, 1997, 2006),
    _r("per:ban-ki-moon", _UNSG, 2007, 2016),
    _r("per:antonio-guterres", _UNSG, 2017),
    _r("per:ashraf-qazi", _UNAMI, 2004, 2007),
    _r("per:staffan-de-mistura", _UNAMI, 2007, 2009),
    _r("per:ad-melkert", _UNAMI, 2009, 2011),
    _r("per:martin-kobler", _UNAMI, 2011, 2013),
    _r("per:nickolay-mladenov", _UNAMI, 2013, 2015),
    _r("per:jan-kubis", _UNAMI, 2015, 2018),
    _r("per:jeanine-hennis-plasschaert", _UNAMI, 2018, 2024),
    _r("per:mohamed-al-hassan", _UNAMI, 2024),
    _r("per:jens-stoltenberg", ("الأمين العام لحلف شمال الأطلسي", "Secretary General of NATO", "org:nato"), 2014, 2024),
    _r("per:mark-rutte", ("الأمين العام لحلف شمال الأطلسي", "Secretary General of NATO", "org:nato"), 2024),
    _r("per:rafael-grossi", ("المدير العام للوكالة الدولية للطاقة الذرية", "Director General of the IAEA", "org:iaea"), 2019),
    _r("per:yukiya-amano", ("المدير العام للوكالة الدولية للطاقة الذرية", "Director General of the IAEA", "org:iaea"), 2009, 2019),
    _r("per:ahmed-aboul-gheit", ("الأمين العام لجامعة الدول العربية", "Secretary-General of the Arab League", "org:arab-league"), 2016),
    _r("per:josep-borrell", ("الممثل الأعلى للاتحاد الأوروبي للشؤون الخارجية", "EU High Representative for Foreign Affairs",
                             "org:european-union"), 2019, 2024),
]
