"""A proclitic in front of a tagger name (``لمونفس``, ``بأمستردام``) is left out of the mention when the
document or the knowledge base shows the rest is a name; names whose first letters only look like a
proclitic (``فادي``, ``برهان``, ``بيونغ يانغ``) stay whole. Real KB and committed tagger."""

from tests.extract.test_entities_junk import ex  # noqa: F401  (fixture: the real KB and the committed tagger)


def _names(ex, text, typ):
    out = []
    for m in ex.extract(text).mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
        if m["entity_type"] == typ:
            out.append(m["surface"])
    return out


def _named(*names):
    whole = set(names)
    return whole, {w.split(" ", 1)[0] for w in whole}


def test_rest_named_alone_in_the_document(ex):
    assert ex._proclitic_by_evidence(["لمونفس"], 0, 1, _named("مونفس")) == 1
    assert ex._proclitic_by_evidence(["بامستردام"], 0, 1, _named("امستردام")) == 1
    assert ex._proclitic_by_evidence(["وبامستردام"], 0, 1, _named("امستردام")) == 2


def test_a_name_of_several_words_must_recur_whole(ex):
    keys = ["لبيونغ", "يانغ"]
    assert ex._proclitic_by_evidence(keys, 0, 2, _named("بيونغ يانغ")) == 1
    # ``يونغ`` is the first word of another name (``يونغ هو``), but ``يونغ يانغ`` is named nowhere
    assert ex._proclitic_by_evidence(["بيونغ", "يانغ"], 0, 2, _named("يونغ هو", "ري يونغ هو")) == 0


def test_no_evidence_keeps_the_first_letter(ex):
    assert ex._proclitic_by_evidence(["برهان", "بسيس"], 0, 2, _named()) == 0  # رهان 'bet' is no name
    assert ex._proclitic_by_evidence(["فريال"], 0, 1, _named()) == 0  # ريال 'riyal'
    assert ex._proclitic_by_evidence(["ليلي"], 0, 1, _named("يلي")) == 0  # a given name stays whole


def test_given_name_behind_a_proclitic(ex):
    assert ex._proclitic_by_evidence(["لنبيل", "رجب"], 0, 2, _named()) == 1


def test_end_to_end_clitic_left_out_of_a_foreign_name(ex):
    text = "وجهت ست سيدات اتهامات لمونفس، قائلات إنهن تعرضن للتحرش. وكان مونفس قد نفى ذلك في بيان."
    assert _names(ex, text, "PERSON") == ["مونفس", "مونفس"]
    text = ("وقال المكتب إن الزيارة إلى أمستردام تأجلت، وإن الوفد سيلتقي بالمسؤولين بأمستردام "
            "الأسبوع المقبل.")
    assert _names(ex, text, "LOC") == ["أمستردام", "أمستردام"]


def test_end_to_end_name_that_only_looks_like_a_proclitic(ex):
    # whether the tagger finds فادي here depends on the model; what it must never give is the verb's letters
    assert "ادي" not in _names(ex, "وقال فادي إن الانفجار أدى إلى مقتل ثلاثة أشخاص.", "PERSON")
    assert _names(ex, "وأكد برهان بسيس أن الحكومة ستواصل عملها.", "PERSON") == ["برهان بسيس"]
