"""People with their posts, in the usual constructions."""
import pytest
import regex

pytestmark = pytest.mark.stage("people")


def people(record):
    return [(p["name"], p["title"]) for p in record["people"]]


@pytest.mark.parametrize("text, expected", [
    ("市委书记闫剑波出席会议。", [("闫剑波", "市委书记")]),
    ("闫剑波市长主持会议。", [("闫剑波", "市长")]),
    ("副市长龚兵出席。", [("龚兵", "副市长")]),
    ("龙口市工信局党组副书记、副局长王斌表示,将继续推进。", [("王斌", "龙口市工信局党组副书记、副局长")]),
    ("市委副书记、市长刘建军主持会议并讲话。", [("刘建军", "市委副书记、市长")]),
    ("市政协副主席杨录祥、孟雅奇参加调研。", [("杨录祥", "市政协副主席"), ("孟雅奇", "市政协副主席")]),
    ("省工信厅郝莉笑总经济师出席会议并讲话。", [("郝莉笑", "总经济师")]),
    ("民革市委会主委李向云、民盟市委会主委毛秀凤发言。", [("李向云", "民革市委会主委"), ("毛秀凤", "民盟市委会主委")]),
    ("市政府秘书长尤在晶等参加签约仪式。", [("尤在晶", "市政府秘书长")]),
    ("新闻发言人 胡凯红:女士们、先生们。", [("胡凯红", "新闻发言人")]),
])
def test_post_constructions(extract, text, expected):
    assert people(extract(text)) == expected


@pytest.mark.parametrize("text, names", [
    ("市领导孔凡萍、李建、张宏璞出席。", ["孔凡萍", "李建", "张宏璞"]),
    ("王秋实、宫秀丽、高志军等市领导参加活动。", ["王秋实", "宫秀丽", "高志军"]),
    ("记者 郑松波 邵占坤 通讯员 司利强", ["郑松波", "邵占坤", "司利强"]),
    ("来源:大河客户端 编辑:王婉", ["王婉"]),
])
def test_group_labels_and_bylines_are_not_posts(extract, text, names):
    rec = extract(text)
    assert people(rec) == [(n, None) for n in names]
    assert [e["text"] for e in rec["entities"] if e["label"] == "PERSON"] == names


def test_later_mentions_are_persons(extract):
    rec = extract("市长刘建军主持会议。刘建军强调,要抓好落实。")
    assert [e["text"] for e in rec["entities"] if e["label"] == "PERSON"] == ["刘建军", "刘建军"]
    assert people(rec) == [("刘建军", "市长")]


def test_body_inside_post_is_org(extract):
    rec = extract("市委书记闫剑波出席会议。")
    assert ("市委", "ORG") in [(e["text"], e["label"]) for e in rec["entities"]]


def test_traditional_names_and_titles_keep_original_text(extract):
    rec = extract("市委副書記、市長劉建軍主持會議並講話。")
    assert people(rec) == [("劉建軍", "市委副書記、市長")]
    assert rec["people"][0]["norm"] == "刘建军"


@pytest.mark.parametrize("text", [
    "书记强调,要抓好落实。",
    "市长主持召开常务会议。",
])
def test_bare_posts_are_not_people(extract, text):
    assert people(extract(text)) == []


def test_post_words_are_found_by_the_scanner_as_by_the_overlapped_trie_regex(extractor):
    """The post-word scan (Aho-Corasick) finds what the trie regex read with
    overlapped=True finds: the longest post word at each position."""
    from conftest import corpus_documents

    people = extractor.nlp.get_pipe("people")
    posts = regex.compile(people.posts.pattern)  # the stage's may be re's, which has no overlapped=
    texts = [extractor.normalise(d["text"]).text for d in corpus_documents()]
    for text in texts + ["副市长、市长副市长书记" * 30, "市长张·" * 100, "党组副书记、副局长王斌"]:
        assert people.post_scanner.finditer(text) == [m.span() for m in posts.finditer(text, overlapped=True)]


@pytest.mark.parametrize("text, expected", [
    # posts given with 为 in appointment lists and work teams
    ("国务院任命了特区政府主要官员。林志强为经济财政司司长,陈美玲为社会文化司司长。",
     [("林志强", "经济财政司司长"), ("陈美玲", "社会文化司司长")]),
    ("成立工作专班,刘建国为组长,赵丽为副组长。", [("刘建国", "组长"), ("赵丽", "副组长")]),
    ("表决通过了关于任命孙宏伟同志为市政府代理市长的决定。", [("孙宏伟", "市政府代理市长")]),
    # newer posts
    ("行政长官何志明出席典礼。", [("何志明", "行政长官")]),
    ("秘书长傅建平出席会议。", [("傅建平", "秘书长")]),
    ("县人民检察院检察官周涛说。", [("周涛", "县人民检察院检察官")]),
    # four-character names
    ("自治区政协副主席格桑顿珠主持会议。", [("格桑顿珠", "自治区政协副主席")]),
    ("盟长巴特朝鲁在会上讲话。", [("巴特朝鲁", "盟长")]),
    ("省政协副主席范陈丽珍;省领导出席。", [("范陈丽珍", "省政协副主席")]),
])
def test_newer_post_constructions(extract, text, expected):
    assert people(extract(text)) == expected


@pytest.mark.parametrize("text, names", [
    ("主席团常务主席王立新、李平在主席团前排就坐。", ["王立新", "李平"]),   # 主席团 is no post
    ("上海市市长张伟今天在会上表示。", ["张伟"]),                         # a time word follows a name
    ("区委常委、副区长刘洋接受采访时表示。", ["刘洋"]),
    ("县长黄志强工作汇报。", ["黄志强"]),                                # not 黄志强工
    ("党支部书记马海波正和村民交谈。", ["马海波"]),                      # not 马海波正
    ("华中农业大学周明教授团队完成攻关。", ["周明"]),                    # 主席团 is no post, 教授团队 is one
])
def test_names_end_where_the_name_ends(extract, text, names):
    assert [p["name"] for p in extract(text)["people"]] == names


def test_bylines_get_no_post(extract):
    rec = extract("本报记者 王海涛 通讯员 李静\n县长赵刚出席会议。")
    assert [(p["name"], p["title"]) for p in rec["people"]] == [("王海涛", None), ("李静", None), ("赵刚", "县长")]


@pytest.mark.parametrize("text", [
    "国新办连续第10年公布新闻发言人名录。",           # 公布: a word, not 公 + 布
    "各省党委和政府新闻发言人共30位。",               # 和|政府
    "会见了中国国民党前主席一行。",                   # 前 (former) ends no name
    "州检察院对县法官展开调查。",                     # 展开|调: a word, not a name after a post
])
def test_common_words_before_a_post_are_not_names(extract, text):
    assert extract(text)["people"] == []


def test_a_word_after_a_common_surname_is_a_given_name(extract):
    assert people(extract("按照陈全国书记提出的要求推进工作。")) == [("陈全国", "书记")]


@pytest.mark.parametrize("text, expected", [
    # one post shared by a list whose last name follows 和 (settled case)
    ("副县长陈刚、刘敏和周平出席仪式。", [("陈刚", "副县长"), ("刘敏", "副县长"), ("周平", "副县长")]),
    ("副市长张伟和李强书记出席。", [("张伟", "副市长"), ("李强", "书记")]),   # 李强 has a post of his own
    ("市政协副主席孙立、马强同志、何静参加。", [("孙立", "市政协副主席"), ("马强", "市政协副主席"), ("何静", "市政协副主席")]),
    # a post in brackets after the name
    ("会议由韩涛(县委副书记)主持。", [("韩涛", "县委副书记")]),
])
def test_lists_under_one_post_and_posts_in_brackets(extract, text, expected):
    assert people(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb before a body ends what the post holds
    ("讲座邀请商务部研究院国际市场研究所所长白明作报告。", [("白明", "商务部研究院国际市场研究所所长")]),
    # 兼 joins two posts of one person; what stands before 兼 is no name
    ("会见了柬埔寨王国副总理兼外交大臣贺南洪。", [("贺南洪", "副总理兼外交大臣")]),
    ("市委副书记兼政法委书记李华出席。", [("李华", "市委副书记兼政法委书记")]),
    # posts of other countries and of envoys
    ("法国总统马克朗出席欢迎仪式。", [("马克朗", "总统")]),
    ("外交部驻澳特派员刘显明、驻澳部队司令员徐良军出席。", [("刘显明", "特派员"), ("徐良军", "司令员")]),
    ("省军区政治委员梁海平宣读命令。", [("梁海平", "省军区政治委员")]),  # 省军区 a body now
])
def test_posts_bounded_by_verbs_joins_and_foreign_posts(extract, text, expected):
    rec = extract(text)
    assert people(rec) == expected
    for p in rec["people"]:
        assert text[p["title_start"]:p["title_end"]] == p["title"]
        assert text[p["start"]:p["end"]] == p["name"]


@pytest.mark.parametrize("text", [
    "她是第二位新任发言人。",           # 新任 leads into the post
    "日本新任驻华大使即将赴任。",        # 驻华 leads into the post
    "张立对首相一行表示欢迎。",          # a name does not end with a preposition
    "东加王国国王图普五世出席。",        # 王国 before a foreign post is no name
])
def test_words_leading_into_a_post_are_not_names(extract, text):
    assert people(extract(text)) == []


def test_the_end_of_a_transliterated_name_is_no_name(extract):
    # 韦 is a surname, but 韦莱 is the end of 塞韦莱
    assert people(extract("塞韦莱总统表示感谢。")) == []


@pytest.mark.parametrize("text, expected", [
    # a list ends where the next item has a post of its own
    ("发言人为办公厅主任刘国伟、海域海岛司司长高志文。",
     [("刘国伟", "办公厅主任"), ("高志文", "海域海岛司司长")]),  # the unit named with its head's post is an ORG
    # items between list marks after two names are names too (no listed surname)
    ("自治区政协副主席李明芝、白玛旺杰、洛桑次旦、格桑旺堆出席会议。",
     [("李明芝", "自治区政协副主席"), ("白玛旺杰", "自治区政协副主席"),
      ("洛桑次旦", "自治区政协副主席"), ("格桑旺堆", "自治区政协副主席")]),
])
def test_lists_under_one_post_end_at_the_next_post(extract, text, expected):
    assert people(extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("副县长张立、李平、各乡镇、各部门负责人参加。", [("张立", "副县长"), ("李平", "副县长")]),
    ("副市长王朗、刘明、市直部门、县区负责人参加。", [("王朗", "副市长"), ("刘明", "副市长")]),
])
def test_words_in_a_list_under_one_post_are_not_names(extract, text, expected):
    assert people(extract(text)) == expected


def test_the_short_form_of_a_dotted_name_is_the_same_person(extract):
    text = "巴西外交部长卡洛斯·阿尔贝托·罗查表示欢迎。去年,外交部长罗查率团来访。"
    rec = extract(text)
    assert people(rec) == [("卡洛斯·阿尔贝托·罗查", "巴西外交部长")]  # one entry per person
    names = [e["text"] for e in rec["entities"] if e["label"] == "PERSON"]
    assert names == ["卡洛斯·阿尔贝托·罗查", "罗查"]  # both mentions are PERSON


@pytest.mark.parametrize("text, expected", [
    # a name takes the post written after a verb of taking a post
    ("张建华同志任中共长沙县委书记。", [("张建华", "中共长沙县委书记")]),
    ("李明当选为市政协主席。", [("李明", "市政协主席")]),
    ("决定由王立新同志担任县政府办公室主任。", [("王立新", "县政府办公室主任")]),
    ("会议决定,刘强任副县长。", [("刘强", "副县长")]),
    # the verb is no part of the name after an earlier post
    ("市委组织部原常务副部长杜平任江北区委书记。", [("杜平", "常务副部长")]),
    ("副市长王建兼任市公安局局长。", [("王建", "副市长")]),
])
def test_posts_taken_after_the_name(extract, text, expected):
    rec = extract(text)
    assert people(rec) == expected
    for p in rec["people"]:
        assert text[p["title_start"]:p["title_end"]] == p["title"]


def test_checks_in_closing_lines_are_bylines(extract):
    rec = extract("丨责编:刘晓\n\n丨校读:王臻\n\n丨终审:李航\n")
    assert people(rec) == [("刘晓", None), ("王臻", None), ("李航", None)]
    assert [p["role"] for p in rec["people"]] == ["责编", "校读", "终审"]


@pytest.mark.parametrize("text, expected", [
    ("项目经理张强介绍了工程进度。", [("张强", "经理")]),
    ("江西省代表团团长、副省长陈小平致辞。", [("陈小平", "江西省代表团团长、副省长")]),
])
def test_company_and_delegation_posts(extract, text, expected):
    assert people(extract(text)) == expected
