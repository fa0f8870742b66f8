"""National governments and a few state bodies that the corpus names often and the KB lacked (added
2026-12-01). Chosen from the unlinked ORG names of 2,500 ANT corpus articles: ``الحكومة السورية`` (211
times), ``الحكومة التركية`` (53), ``الحكومة البريطانية`` (51), ``الحكومة اليمنية`` (24), ``الحكومة المصرية``
(23), ``الحكومة الروسية`` (20), ``وزارة الصحة الفلسطينية`` (18), ``وزارة العدل الأمريكية`` (16) …

A government is named by ``الحكومة`` and the feminine nationality adjective (both US spellings, with
and without hamza); the bare word ``الحكومة`` is never an alias — the linker may still tie it to the
government of the country a document talks about (``EntityExtractor._link_by_country``). Libya's and
Yemen's rival authorities share one entity each, named as the press names them; "the legitimate
government" (``الحكومة الشرعية``) is left out, since it names Yemen's or Syria's opposition by the
writer's side. Names from general knowledge.
"""

from __future__ import annotations

from pipeline.kb.build.actors_schema import Actor, org as O

GOV = "government_body"


def _gov(cc: str, adj: str, en: str, ar_more: str = "", en_more: str = "", note: str = "") -> Actor:
    """``org:<adjective>-government``: ``الحكومة <adj>`` with the usual spelling variants."""
    slug = en.lower().replace(" ", "-")
    return O(f"org:{slug}-government", GOV, cc, f"الحكومة {adj}", f"Government of {_COUNTRY[cc]}",
             ar_more, f"{en} government|Government of {_COUNTRY[cc]}" + (f"|{en_more}" if en_more else ""), note=note)


_COUNTRY = {
    "sy": "Syria", "tr": "Turkey", "gb": "the United Kingdom", "ye": "Yemen", "eg": "Egypt", "ru": "Russia",
    "qa": "Qatar", "fr": "France", "us": "the United States", "sa": "Saudi Arabia", "lb": "Lebanon",
    "jo": "Jordan", "af": "Afghanistan", "pk": "Pakistan", "de": "Germany", "cn": "China", "ly": "Libya",
    "tn": "Tunisia", "ma": "Morocco", "dz": "Algeria", "sd": "Sudan", "kw": "Kuwait", "ae": "the United Arab Emirates",
    "bh": "Bahrain", "om": "Oman", "ps": "Palestine", "it": "Italy", "es": "Spain", "jp": "Japan", "in": "India",
    "ca": "Canada", "au": "Australia", "ua": "Ukraine", "gr": "Greece", "kp": "North Korea", "kr": "South Korea",
    "so": "Somalia", "mm": "Myanmar",
}

ORGS_STATES: list[Actor] = [
    _gov("sy", "السورية", "Syrian", "الحكومة السوريه|حكومة دمشق", "Damascus government"),
    _gov("tr", "التركية", "Turkish", "حكومة أنقرة", "Ankara government"),
    _gov("gb", "البريطانية", "British", "حكومة لندن", "UK government|HM Government"),
    _gov("ye", "اليمنية", "Yemeni", "", "", "the internationally recognised government; the Houthis' body is org:houthi-supreme-political-council"),
    _gov("eg", "المصرية", "Egyptian"),
    _gov("ru", "الروسية", "Russian"),
    _gov("qa", "القطرية", "Qatari"),
    _gov("fr", "الفرنسية", "French"),
    _gov("us", "الأمريكية", "US", "الحكومة الأميركية|الحكومة الامريكية|الحكومة الاميركية|الحكومة الفيدرالية الأمريكية",
         "American government"),
    _gov("sa", "السعودية", "Saudi", "مجلس الوزراء السعودي", "Saudi cabinet"),
    _gov("lb", "اللبنانية", "Lebanese"),
    _gov("jo", "الأردنية", "Jordanian", "الحكومة الاردنية"),
    _gov("af", "الأفغانية", "Afghan", "الحكومة الافغانية"),
    _gov("pk", "الباكستانية", "Pakistani"),
    _gov("de", "الألمانية", "German", "الحكومة الالمانية"),
    _gov("cn", "الصينية", "Chinese"),
    _gov("ly", "الليبية", "Libyan", "", "", "rival governments in Tripoli and the east share this entity"),
    _gov("tn", "التونسية", "Tunisian"),
    _gov("ma", "المغربية", "Moroccan"),
    _gov("dz", "الجزائرية", "Algerian"),
    _gov("sd", "السودانية", "Sudanese"),
    _gov("kw", "الكويتية", "Kuwaiti"),
    _gov("ae", "الإماراتية", "Emirati", "الحكومة الاماراتية"),
    _gov("bh", "البحرينية", "Bahraini"),
    _gov("om", "العمانية", "Omani"),
    _gov("ps", "الفلسطينية", "Palestinian", "حكومة الوفاق الفلسطينية", "Palestinian Authority government"),
    _gov("it", "الإيطالية", "Italian", "الحكومة الايطالية"),
    _gov("es", "الإسبانية", "Spanish", "الحكومة الاسبانية"),
    _gov("jp", "اليابانية", "Japanese"),
    _gov("in", "الهندية", "Indian"),
    _gov("ca", "الكندية", "Canadian"),
    _gov("au", "الأسترالية", "Australian", "الحكومة الاسترالية"),
    _gov("ua", "الأوكرانية", "Ukrainian", "الحكومة الاوكرانية"),
    _gov("gr", "اليونانية", "Greek"),
    _gov("kp", "الكورية الشمالية", "North Korean"),
    _gov("kr", "الكورية الجنوبية", "South Korean"),
    _gov("so", "الصومالية", "Somali"),
    _gov("mm", "الميانمارية", "Myanmar", "حكومة ميانمار"),
    O("org:us-department-of-justice", GOV, "us", "وزارة العدل الأمريكية", "US Department of Justice",
      "وزارة العدل الأميركية|وزارة العدل الامريكية", "Department of Justice|DOJ|US Justice Department"),
    O("org:palestinian-ministry-of-health", GOV, "ps", "وزارة الصحة الفلسطينية", "Palestinian Ministry of Health",
      "وزارة الصحة في غزة|وزارة الصحة بغزة", "Palestinian Health Ministry|Gaza Health Ministry",
      note="the ministry in Gaza and the one in Ramallah share this entity; a common source of casualty figures"),
    O("org:egyptian-ministry-of-interior", GOV, "eg", "وزارة الداخلية المصرية", "Egyptian Ministry of Interior",
      "الداخلية المصرية", "Egyptian Interior Ministry"),
    O("org:faylaq-al-rahman", "armed_group", "sy", "فيلق الرحمن", "Faylaq al-Rahman", "", "Al-Rahman Legion",
      note="Syrian opposition armed group of Eastern Ghouta"),
]
