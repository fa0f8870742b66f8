"""Arabic time-expression spotting and TIMEX3 normalization.

Submodules: :mod:`lexicon` (vocabularies), :mod:`grammar` (spotting rules over
the normalized matching view), :mod:`resolve` (values against the publication
date), :mod:`normalizer` (cached dateparser + hijridate calendar helpers).
The public API lives in :mod:`pipeline.extract.dates`.
"""
