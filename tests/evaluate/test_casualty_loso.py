"""scripts/casualty_loso.py: the hashed features and the numpy logistic regression (no corpus needed)."""

import importlib.util
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("casualty_loso", REPO / "scripts" / "casualty_loso.py")
cl = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("casualty_loso", cl)
_spec.loader.exec_module(cl)


def test_features_read_the_sentence_the_trigger_window_and_the_context_before():
    text = "ضرب الإعصار الولاية. وأكدت السلطات مقتل ستة أشخاص في المدينة."
    a = text.index("مقتل")
    feats = cl.features(text, {"raw_start": a, "raw_end": a + 4, "killed": 6, "injured": None, "event_type": "killing"})
    assert "c:الاعصار" in feats and "s:مقتل" in feats and "t:killing" in feats and "kind:killed" in feats
    assert not any(f.startswith("s:") and "الاعصار" in f for f in feats)


def test_logistic_regression_separates_a_word_signal():
    feats = [["s:حادث"]] * 20 + [["s:هجوم"]] * 20
    x = cl.vectorize(feats)
    y = np.array([0.0] * 20 + [1.0] * 20)
    p = cl.predict(cl.train(x, y), x)
    assert p[:20].max() < 0.5 < p[20:].min()
