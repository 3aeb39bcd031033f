"""What the appointment form (干部任免审批表, `appointment_form`) of a person says, in LRMX
terms (docs/domain.md §4.7): the person's data, their posts as 简历 lines and current posts, the
post they are cultivated for as 拟任职务. houbei keeps no family members, photo, native place or
awards: those elements are written empty for the organisation department to complete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from houbei.documents.lrmx import PROBATION, month
from houbei.documents.registration import Form
from houbei.lib import codes
from houbei.people.models import Health, Post

MEMBERS = ("01", "02")


def _in_village(village: str, title: str) -> str:
    """ "王展村" + "村党组织书记" reads 王展村党组织书记, not 王展村村党组织书记."""
    if village.endswith("村") and title.startswith("村"):
        title = title[1:]
    return f"{village}{title}"


def _post_title(post: Post) -> str:
    return _in_village(
        post.village.name, f"{post.get_organisation_display()}{post.get_role_display()}"
    )


def resume(posts: list[Post]) -> list[str]:
    """简历 lines: "2015.01--2020.12  张屯村村民委员会委员", the current post open-ended."""
    lines = []
    for post in posts:
        end = f"{post.term_end:%Y.%m}" if post.term_end else "       "
        lines.append(f"{post.term_start:%Y.%m}--{end}  {_post_title(post)}")
    return lines


def _party(political_status: str, joined: dt.date | None) -> str:
    if political_status in MEMBERS:
        text = month(joined)
        return f"{text} {PROBATION}".strip() if political_status == "02" else text
    return codes.POLITICAL_STATUS.short_label(political_status)


def values(form: Form, *, id_number: str, filled_by: str, today: dt.date) -> dict[str, Any]:
    """Element -> text for lrmx.write; `id_number` in clear (the form goes upward whole)."""
    person, candidate = form.person, form.candidate
    posts = list(person.posts.all())
    sitting = [_post_title(p) for p in posts if p.term_end is None]
    town = person.village.town
    target = ""
    if candidate is not None:
        target = (
            f"{_in_village(candidate.village.name, candidate.get_target_post_display())}（后备）"
        )
    cutoff = candidate.election_round.cutoff_date if candidate else today
    return {
        "XingMing": person.name,
        "XingBie": codes.SEX.short_label(person.sex),
        "ChuShengNianYue": month(person.birth_date),
        "MinZu": codes.ETHNICITY.label(person.ethnicity),
        "RuDangShiJian": _party(person.political_status, person.party_joined_on),
        "CanJiaGongZuoShiJian": month(posts[0].term_start) if posts else "",
        "JianKangZhuangKuang": dict(Health.choices).get(person.health, ""),
        "ShuXiZhuanYeYouHeZhuanChang": person.major,
        "QuanRiZhiJiaoYu_XueLi": codes.EDUCATION.label(person.education),
        "XianRenZhiWu": "、".join(sitting),
        "NiRenZhiWu": target,
        "JianLi": resume(posts),
        "ChengBaoDanWei": f"中共{town.name}委员会" if town else "",
        "JiSuanNianLingShiJian": month(cutoff),
        "TianBiaoShiJian": month(today),
        "TianBiaoRen": filled_by,
        "ShenFenZheng": id_number,
    }
