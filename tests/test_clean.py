"""Each cleaning rule on real seed excerpts; offsets map back to the original script."""

from policykg.ingest.clean import clean_text


def cleaned(text):
    return clean_text(text).mapped.text


def test_pinyin_notes_go_real_parentheses_stay():
    text = "為進一步加強安全生產監(jiān)管執(zhí)法工作,水务、自然资源(林业)等部门,《监督管理办法(试行)》,(一)统筹兼顾"
    out = cleaned(text)
    assert "监管执法" in out
    assert "自然资源(林业)" in out and "(试行)" in out and "(一)统筹兼顾" in out


def test_traditional_converted_with_offsets_into_the_original():
    text = "各地應急管理局要嚴格按照要求,科學合理編制年度監督檢查計劃。"
    r = clean_text(text)
    assert r.script == "traditional"
    t = r.mapped.text
    i = t.index("应急管理局")
    assert r.mapped.original_slice(i, i + 5) == "應急管理局"


def test_furniture_of_seed_000_head():
    text = "- 政策法规\n- 应急管理\n- 培训教育\n- 商城在线\n首页 > 省级资讯\n晋应急发〔2021〕75号\n各市应急管理局:\n"
    assert cleaned(text) == "晋应急发〔2021〕75号\n各市应急管理局:"


def test_furniture_of_seed_003_tail():
    body = "(四)組織開展執(zhí)法效果評估。各地應急管理局要利用好安全監(jiān)管執(zhí)法大數(shù)據。\n" * 30
    tail = ("  聯(lián)系人:馬冀   史劍鋒;電話(傳真):0451—87013180;\n  電子郵箱:hyjzfc@163.com。\n"
            "  附件:   2020年度執(zhí)法計劃完成情況統(tǒng)計表\n  黑龍江省應急管理廳\n  2020年2月21日\n"
            "地區(qū): 黑龍江\n反對 0舉報 0 收藏 0 打賞 0\n更多>同類法規(guī)\n推薦圖文\n推薦法規(guī)\n點擊排行\n鹽池灘羊----")
    out = cleaned("核心提示:各市(地)應急管理局: 為進一步加強\n" + body + tail)
    assert out.endswith("黑龙江省应急管理厅\n2020年2月21日")
    assert "核心提示" not in out and "联系人" not in out and "hyjzfc" not in out and "滩羊" not in out


def test_furniture_of_seed_004():
    text = ("第B01版:山西应急管理\n全面排查整改重大事故隐患 坚决防范遏制重特大事故\n" + "正文内容,全面排查整改。\n" * 20 +
            "整理:王晓鹏 郭雨彤\n分享到:\n过往期刊\n  • 第2023-07-28期\n  • 第2023-07-21期\n分享到微信朋友圈")
    out = cleaned(text)
    assert out.startswith("全面排查整改重大事故隐患")
    assert out.endswith("正文内容,全面排查整改。")


def test_second_copy_of_a_document_is_removed_seed_001():
    items = [f"{i}.強化第{i}項工作。各級各部門要認真落實第{i}項任務,確保取得實效。" for i in range(1, 13)]
    copy = "現將《2019年度安全生產工作要點》印發你們,請結合實際。\n2019年度安全生產工作要點\n" + "\n".join(items) + "\n(四)注重工作實效。各責任單位要堅持突出重點。\n"
    out = cleaned("各州、市人民政府:\n" + copy + "附件下載:\n1.云南省安全生產委員會關于印發2019年度安全生產工作要點的通知\n" + copy)
    assert out.count("强化第1项工作") == 1
    assert out.count("注重工作实效") == 1
    assert "附件下载" not in out


def test_repeated_short_criteria_lines_are_kept():
    text = "对下列企业应当纳入计划。\n1.上年度受到行政处罚的;\n2.存在失信行为的;\n对下列企业减少检查频次。\n1.上年度受到行政处罚的;\n2.存在失信行为的;\n"
    assert cleaned(text).count("上年度受到行政处罚的") == 2


def test_line_broken_mid_sentence_is_joined_seed_002():
    text = ("7.全面落实安全生产责任。将履行安全生产工作责任情况纳\n入党政领导干部述职内容,综合运用约谈通报等方式。\n"
            "二、稳住安全生产基本盘\n8.坚持疫情防控与企业复工复产同步抓。")
    out = cleaned(text)
    assert "情况纳入党政领导干部述职内容" in out
    assert "\n二、稳住安全生产基本盘\n8." in out


def test_headings_titles_and_signatures_are_not_joined():
    text = "2020年全县应急管理工作要点\n2020年全县应急管理工作的总体思路是:以习近平新时代中国特色社会主义思想为引领。\n一、构建应急管理新格局\n1.建立健全应急管理责任体系。"
    assert cleaned(text).split("\n")[0] == "2020年全县应急管理工作要点"


def test_spam_in_place_of_a_signature_seed_002():
    out = cleaned("现将《2020年全县应急管理工作要点》印发你们。\nyabo官方通道 办公室\n2020年3月27日")
    assert "yabo" not in out and "官方通道" not in out
    assert "\n2020年3月27日" in out


def test_contact_details_are_removed():
    text = "请于6月20日前报送。\n(聯系人:張佑國,電話:0871-68025578,郵箱:sajjxtc@126.com。)\n云南省安全生產委員會"
    out = cleaned(text)
    assert "张佑国" not in out and "0871" not in out and "sajjxtc" not in out
    assert out.endswith("云南省安全生产委员会")


def test_full_width_punctuation_and_doc_number_brackets():
    out = cleaned("各市（地）应急管理局：根据晋政发[2021]1号，现通知如下：")
    assert out == "各市(地)应急管理局:根据晋政发〔2021〕1号,现通知如下:"


def test_a_flattened_tables_cell_separators_are_no_watermark():
    """安康市安委办 安市安委办发〔2021〕3号 task list (yjj.ankang.gov.cn/Content-2218005.html): the
    separators of empty cells stand on lines of their own; removing them as watermark garbage ate
    the newlines and the next row's item number (3.制定…, (二)召开…)."""
    text = ("2.制定行业领域2021年安全生产专项整治三年行动工作任务清单,并报市安委办。 |\n市级各专委会办公室、市生态环境局 |\n"
            "2月10日前 |\n|\n|\n3.制定县区2021年安全生产专项整治三年行动工作任务清单。 |\n各县区(开发区) 安委会 |\n"
            "2月5日前 |\n|\n|\n(二)召开安全生产工作会议。 |\n")
    out = cleaned(text)
    assert "\n3.制定县区" in out and "\n(二)召开" in out

