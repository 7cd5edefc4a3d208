"""CJK claims meet English ones by what their words mean, from bundled dictionaries."""

from claims.text import claim_links, crosslingual, glosses

ENGLISH = [
    (1, "The ministers agreed to prepare a summit of the leaders."),
    (2, "Police arrested a suspect after the fire."),
    (3, "The new battery factory will open next year."),
]


def test_each_language_is_cut_into_dictionary_words_with_english_glosses():
    chinese = dict(glosses.cjk_words("新电池工厂将于明年开业。", "zh-hans"))
    assert "batteri" in chinese["电池"] and "factori" in chinese["工厂"]
    japanese = dict(glosses.cjk_words("外相らは首脳会議の準備で合意した。", "ja"))
    assert "agreement" in japanese["合意"]
    korean = dict(glosses.cjk_words("경찰은 화재 후 용의자를 체포했다.", "ko"))
    assert "arrest" in korean["체포"]  # 逮捕, read in Korean


def test_claims_with_no_shared_name_or_figure_are_linked_by_meaning():
    cjk = [
        (10, "外相らは首脳会議の準備で合意した。", "ja"),
        (11, "경찰은 화재 후 용의자를 체포했다.", "ko"),
        (12, "新电池工厂将于明年开业。", "zh-hans"),
        (13, "天気が良かった。", "ja"),  # says nothing any English claim says
    ]
    links = claim_links.best_links(cjk, ENGLISH)
    assert [(cjk_id, english_id, sure) for cjk_id, english_id, _, sure in links] == [
        (10, 1, True),
        (11, 2, True),
        (12, 3, True),
    ]


def test_chinese_names_are_given_their_english_spelling():
    assert glosses.chinese_names("会谈在釜山举行") == ("Busan Metropolitan City",)
    assert crosslingual.skeleton("busan") in crosslingual.cjk_name_keys("会谈在釜山举行", "zh-hans")


ALIASES = (("朴振", "Park Jin"), ("习近平", "Xi Jinping"), ("Xi", "Xi Jinping"))


def test_an_editors_alias_links_a_name_reading_aloud_cannot():
    english = [
        (1, "Park Jin spoke with reporters."),
        (2, "Yoko Kamikawa spoke with reporters."),
        (3, "The talks ended."),
    ]
    chinese = [(10, "朴振对记者说了话。", "zh-hans")]  # read aloud "Piao Zhen"
    assert claim_links.best_links(chinese, english) == []
    [(claim, english_claim, _, sure)] = claim_links.best_links(chinese, english, ALIASES)
    assert (claim, english_claim, sure) == (10, 1, True)


def test_an_alias_is_found_in_either_chinese_script_and_as_a_whole_word():
    xi = crosslingual.english_name_keys("Xi Jinping")
    assert crosslingual.alias_keys("習近平在北京表示", ALIASES) == xi  # Traditional script
    assert crosslingual.alias_keys("Mr Xi said so.", ALIASES) == xi
    assert crosslingual.alias_keys("Xinjiang's output rose.", ALIASES) == frozenset()
