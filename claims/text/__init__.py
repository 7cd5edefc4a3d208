"""Text analysis: plain functions on text, with no Django and nothing of the apps.

sentences     where each sentence starts and ends (pySBD, or the CJK cuts)
extraction    which sentences are claims: filters, then the model or the language's cues
checkworthiness  the check-worthiness model (weights in data/)
speakers      who a sentence says said it
event_finding the names, places, dates and terms an event is described by
event_comparison  how alike two events' descriptions are, and what keeps them apart
profiles      what a sentence is made of for matching: stems, n-grams, values, names
similarity    how alike two texts are (TF-IDF, values, optional embeddings)
matching      whether a sentence restates a known claim (join, propose or new)
variants      the numbers, dates and names two wordings of one claim differ on
glosses       English glosses of Japanese, Korean and Chinese words
crosslingual  names read aloud and shared characters that line a CJK report up with English ones
claim_links   the English claim a CJK claim restates (linked or proposed)
stemming      stems, in the language asked (languages.get)
semantic      optional sentence embeddings (the `semantic` extra; reads one setting)

The import-linter contracts in pyproject.toml keep this package free of Django.
"""
