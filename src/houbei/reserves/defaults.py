"""Default rules for reserve candidates (后备力量): docs/domain.md §6.5–§6.9, drawn from
§1.3–§1.5, §2 and §3 of the same file.

Seed data a round copies into its first RuleSet; the county edits it there. Every section and
every disqualifier item names its source. The validators, titles and help texts are in
reserves/rules.py.
"""

from __future__ import annotations

from typing import Any

_SECONDARY = "（二手资料，须以县级文件核对）"

CRITERIA = {
    "text": (
        "政治素质好，遵纪守法，品行端正，公道正派，热心为群众服务，有一定文化水平和工作能力，"
        "带富能力强；户籍原则上在本村；注重从致富能手、退役军人、回乡高校毕业生、外出务工经商"
        "返乡人员、农民专业合作组织负责人中选拔；候选人中应有妇女。"
    ),
    "min_age": 18,
    "age_caps": {"secretary": 45, "chair": 45, "member": 45},
    "education_min": {"secretary": "61", "chair": "61", "member": "61"},
    "source": (
        "《中华人民共和国村民委员会组织法》第十三条、第十五条；后备人选一般不超过45周岁"
        "（惠州惠阳；2023年乡镇公开选拔方案）；高中（中专）以上学历（郑州中牟县入库标准）"
        + _SECONDARY
    ),
}

_HN = "河南2020年村(社区)“两委”候选人负面清单"
_HN_SOURCE = "http://huitoukanzhgu.com/show-14-1738-1.html（2020-12-16 评论页转引，文号未载明）"
_SBX = "2021年换届“十不选”"
_SBX_SOURCE = "http://contacsealstone.com/content/2020/12/24/8747528.html（2020-12-24）"


def _item(
    code: str, klass: str, waiting: int | None, department: str, facts: list[str], text: str
) -> dict[str, Any]:
    henan = code.startswith("hn")
    return {
        "code": code,
        "list": _HN if henan else _SBX,
        "class": klass,
        "waiting_years": waiting,
        "department": department,
        "facts": facts,
        "text": text,
        "source": (_HN_SOURCE if henan else _SBX_SOURCE) + _SECONDARY,
    }


DISQUALIFIER_ITEMS = [
    _item("hn2020-n1", "不能", None, "police", ["criminal_penalty"], "受过刑事处罚的"),
    _item("hn2020-n2", "不能", None, "police", ["gang_or_bully"], "存在村霸或涉黑涉恶问题的"),
    _item(
        "hn2020-n3",
        "不能",
        None,
        "police",
        ["cult_or_religion"],
        "参加邪教组织，从事非法宗教活动、组织封建迷信活动的",
    ),
    _item(
        "hn2020-n4",
        "不能",
        None,
        "discipline",
        ["under_investigation"],
        "正被纪检监察、司法机关立案调查且基本事实清楚的",
    ),
    _item(
        "hn2020-n5",
        "不能",
        None,
        "police",
        ["detention", "drugs"],
        "因聚众赌博、嫖娼等被治安拘留及以上处罚，或有涉毒问题的",
    ),
    _item(
        "hn2020-n6",
        "不能",
        None,
        "organisation",
        ["poor_morals"],
        "道德品行低劣，影响较坏，在群众中没有威信的",
    ),
    _item(
        "hn2020-n7",
        "不能",
        None,
        "discipline",
        ["vote_buying"],
        "换届期间直接或间接拉票贿选、干扰破坏选举，经查证基本属实的",
    ),
    _item(
        "hn2020-s1",
        "不宜",
        None,
        "petition",
        ["abnormal_petition"],
        "长期无理上访或组织、蛊惑群众上访，影响社会稳定的",
    ),
    _item(
        "hn2020-s2",
        "不宜",
        None,
        "civil_affairs",
        ["no_pledge"],
        "选举前不作出竞职承诺、创业承诺、辞职承诺的",
    ),
    _item(
        "hn2020-s3",
        "不宜",
        None,
        "court",
        ["dishonest_debtor", "briber_list"],
        "被法院纳入失信被执行人名单，或被纪检监察部门列入行贿人名单的",
    ),
    _item(
        "hn2020-s4",
        "不宜",
        None,
        "organisation",
        ["long_absence", "unfit"],
        "任“两委”干部期间长期外出不能正常工作，或因身体、年龄原因不能胜任的",
    ),
    _item(
        "hn2020-s5",
        "不宜",
        None,
        "discipline",
        ["sanction"],
        "受党纪政纪处分，任职限制期未满等其他不宜提名情形",
    ),
    _item(
        "sbx2021-1",
        "不能",
        None,
        "organisation",
        ["disloyalty"],
        "对党不忠诚、政治上的“两面人”，散布违背党的理论和路线方针政策的意见的",
    ),
    _item(
        "sbx2021-2",
        "不能",
        None,
        "police",
        ["criminal_penalty", "gang_or_bully"],
        "受过刑事处罚，以及存在“村霸”和涉黑涉恶问题的",
    ),
    _item(
        "sbx2021-3",
        "不能",
        None,
        "discipline",
        ["sanction", "under_investigation"],
        "受党纪政务处分和组织处理尚在任职影响期的，以及涉嫌严重违纪违法正接受调查处理的",
    ),
    _item(
        "sbx2021-4",
        "不能",
        None,
        "police",
        ["cult_or_religion", "clan_interference", "detention", "drugs"],
        "组织、实施或参与非法宗教邪教、迷信、黄赌毒活动，利用宗族宗派宗教势力干扰基层组织的",
    ),
    _item(
        "sbx2021-5",
        "不能",
        None,
        "discipline",
        ["vote_buying"],
        "非法串联拉票、贿选或操纵、破坏选举的",
    ),
    _item(
        "sbx2021-6",
        "不能",
        None,
        "police",
        ["public_disorder", "abnormal_petition"],
        "组织、煽动、参与聚众闹事、违法信访的，以及扰乱公共秩序、妨碍公务等被处理的",
    ),
    _item(
        "sbx2021-7a",
        "不能",
        None,
        "organisation",
        ["duty_neglect"],
        "疫情防控、抗洪救灾等重大应急处置中玩忽职守、不服从安排、干扰破坏的",
    ),
    _item(
        "sbx2021-7b",
        "不能",
        None,
        "organisation",
        ["incompetent"],
        "本届任期考核不称职、被依法罢免的",
    ),
    _item(
        "sbx2021-7c", "不能", 3, "organisation", ["unqualified_member"], "近3年内被评为不合格党员的"
    ),
    _item("sbx2021-7d", "不能", None, "organisation", ["long_absence"], "长期外出不能正常履职的"),
    _item(
        "sbx2021-8",
        "不能",
        None,
        "discipline",
        ["misappropriation"],
        "截留挪用惠民政策资金、侵占集体财产等行为未整改到位的",
    ),
    _item(
        "sbx2021-9a",
        "不能",
        None,
        "natural_resources",
        ["illegal_land_use"],
        "严重违法用地、违章建房建墓尚未整改的",
    ),
    _item("sbx2021-9b", "不能", 5, "ecology", ["environment"], "近5年内有严重损害生态环境行为的"),
    _item(
        "sbx2021-9c",
        "不能",
        None,
        "court",
        ["dishonest_debtor"],
        "因恶意失信被法院纳入失信被执行人名单且至今未撤销的",
    ),
    _item(
        "sbx2021-10", "不宜", None, "organisation", ["other"], "其他不宜确定为“两委”成员候选人的"
    ),
]

DISQUALIFIERS = {
    # The lists that apply in this round; items of other lists stay for reference. Both are on
    # by default: where they disagree (e.g. 失信被执行人: 不宜 in Henan, 不能 in "十不选"), the
    # stricter wins. A county that follows only its province's list removes the other here.
    "active_lists": [_HN, _SBX],
    "items": DISQUALIFIER_ITEMS,
    "source": (
        "河南省2020年村(社区)“两委”成员候选人“不能”“不宜”情形；"
        "2021年村和社区“两委”换届“十不选”；"
        "等待期、类别因地而异，须按县级文件修改" + _SECONDARY
    ),
}


def _department(code: str, name: str, checks: str) -> dict[str, str]:
    return {"code": code, "name": name, "checks": checks}


REVIEW_DEPARTMENTS = {
    "departments": [
        _department("discipline", "纪委监委", "党纪政务处分、立案调查、行贿人名单、贿选"),
        _department("organisation", "组织部", "党员身份与党龄、不合格党员、考核与履职"),
        _department("political_legal", "政法委", "涉黑涉恶、村霸"),
        _department("united_front", "统战部", "宗教、宗族势力干扰"),
        _department("police", "公安", "刑事处罚、治安处罚、涉黑涉恶、涉毒、邪教"),
        _department("court", "法院", "刑事判决、失信被执行人"),
        _department("procuratorate", "检察院", "检察机关立案、起诉"),
        _department("justice", "司法局", "社区矫正"),
        _department("civil_affairs", "民政局", "村委会选举事项、竞职承诺"),
        _department("petition", "信访局", "无理上访、组织煽动上访"),
        _department("health", "卫健委", "（原）计划生育"),
        _department("natural_resources", "自然资源", "违法用地、违章建房建墓"),
        _department("ecology", "生态环境", "损害生态环境"),
        _department("agriculture", "农业农村", "集体资产、惠农资金"),
    ],
    "source": (
        "海南琼山区2021年村(社区)“两委”班子候选人资格联审会议、湖南新化县2020年资格联审等；"
        "市场监管、税务仅在县里增加时参加"
    ),
}

RECOMMENDATION = {
    "base": "eligible",
    "threshold": 0.5,
    "strict": True,
    "quorum": {"party_members": 0.5, "representatives": 0.6667, "joint": 0.5, "villagers": 0.5},
    "source": (
        "党组织选举：预备人选须获应到会人数过半数赞成（党内选举规定，据公开资料转述）；"
        "村民代表会议须2/3以上组成人员到会、村民会议须过半数村民到会"
        "（《中华人民共和国村民委员会组织法》；村级民主评议办法）" + _SECONDARY
    ),
}

POOL = {
    "readiness_levels": {
        "ready_now": "成熟可用：换届时可直接提名为候选人",
        "ready_in_round": "本届内可用：再经一段实岗锻炼即可使用",
        "developing": "培养中：需较长时间培养",
    },
    "secretary_reserves_per_village": 2,
    "reserves_per_village": 3,
    "source": (
        "每个村至少储备2名比较成熟的村党组织书记后备力量（乡镇强基工程方案）；"
        "每村2至3名后备干部（《村级后备干部队伍建设现状分析及对策研究》所述地市做法）" + _SECONDARY
    ),
}

# Which staff actions wait for a town leader's approval (docs/domain.md §6.13). A leader's (or a
# county officer's) own action takes effect at once; so does staff's when the flag is off.
APPROVALS = {
    "removal": True,
    "outlook": True,
    "source": (
        "乡镇党委对后备力量实行动态管理，调整出列须经乡镇党委研究决定；现任两委成员进退留转"
        "由乡镇党委研判确定（项目默认值，依据吴村镇换届工作方案的分工，须以县级文件核对）"
    ),
}
