"""The weekly election-risk briefing (选情研判周报) of a town or the county: colour counts and
their change since last week, the red and orange villages with their reasons and responsible
leaders, open and overdue problems, the reserve pipeline and cultivation. Read in a constant
number of queries whatever the number of villages (docs/performance.md G3), then written as
Word (the template in data/) or as PDF (pdf.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from houbei.cultivation.queries import cultivation_counts
from houbei.documents.render import render_docx
from houbei.documents.templatebuild import BRIEFING
from houbei.regions.models import Level, Region
from houbei.reserves.models import Stage
from houbei.reserves.queries import stage_counts
from houbei.risk import queries
from houbei.risk.engine.run import week_of
from houbei.risk.exports import risk_rows
from houbei.risk.models import COLOURS, AssessmentMeeting, Colour, Problem, ProblemStatus

HOT = (Colour.RED, Colour.ORANGE)
PROBLEM_LINES = 200  # overdue problems listed; the rest are counted


@dataclass(frozen=True)
class ColourLine:
    colour: str
    label: str
    now: int
    before: int

    @property
    def delta(self) -> str:
        change = self.now - self.before
        return f"+{change}" if change > 0 else str(change) if change else "持平"


@dataclass
class Briefing:
    region: str
    today: dt.date
    colours: list[ColourLine]
    unassessed: int
    changed: list[str]
    hot: list[dict[str, str]]
    open_problems: int
    overdue_problems: int
    problems: list[dict[str, str]]
    more_problems: int
    stages: dict[str, int]
    cultivation: dict[str, int]
    villages: int = 0
    meetings: list[dict[str, str]] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)

    @property
    def week_start(self) -> dt.date:
        return week_of(self.today)

    @property
    def summary(self) -> str:
        counts = "，".join(f"{line.label}色 {line.now} 个" for line in self.colours)
        return (
            f"{self.region}共 {self.villages} 个村，本周研判：{counts}，"
            f"未研判 {self.unassessed} 个；"
            f"未销号问题 {self.open_problems} 个，其中逾期 {self.overdue_problems} 个。"
        )

    @property
    def changed_text(self) -> str:
        return "；".join(self.changed) if self.changed else "无"

    @property
    def reserves_text(self) -> str:
        labels = dict(Stage.choices)
        said = [f"{labels[stage]} {n} 人" for stage, n in self.stages.items() if n]
        return "后备人选（本届）：" + ("，".join(said) if said else "暂无") + "。"

    @property
    def cultivation_text(self) -> str:
        c = self.cultivation
        return (
            f"培养先行：学员 {c.get('trainees', 0)} 人，结业测试合格 {c.get('trained', 0)} 人，"
            f"实岗锻炼 {c.get('placed', 0)} 人（当前在岗 {c.get('placements_running', 0)} 人），"
            f"待决定的调整出列提请 {c.get('proposed_removals', 0)} 件。"
        )


def _colour_lines(
    rows: list[dict[str, Any]], summary: queries.Summary, today: dt.date
) -> list[ColourLine]:
    """Now and a week ago: a village assessed this week counts last week's colour (its
    baseline) before; one not assessed this week kept its colour."""
    this_week = week_of(today)
    before = dict.fromkeys(COLOURS, 0)
    for row in rows:
        colour = row["latest_colour"]
        if colour is None:
            continue
        baseline = row["latest_baseline_colour"]
        fresh = row["latest_week"] == this_week
        before[baseline if fresh and baseline else colour] += 1
    return [ColourLine(c, str(Colour(c).label), summary.counts[c], before[c]) for c in COLOURS]


def _hot(
    villages: QuerySet[Region], rows: list[dict[str, Any]], today: dt.date, many_towns: bool
) -> list[Any]:
    ids = [row["pk"] for row in rows if row["latest_colour"] in HOT]
    found = []
    for line in risk_rows(villages.filter(pk__in=ids), today):
        town, district, village, _, colour, _, _, score, *_ = line
        reasons, leaders = line[10], line[15]
        found.append(
            {
                "village": _place(town, district, village, many_towns),
                "colour": colour,
                "score": str(score),
                "reasons": reasons or "—",
                "leaders": leaders or "（未落实）",
            }
        )
    order = {str(Colour(c).label): n for n, c in enumerate(HOT)}
    return sorted(found, key=lambda v: order.get(v["colour"], 9))


def _place(town: str, district: str, village: str, many_towns: bool) -> str:
    """荒里村（常务管理区）, with the town first in a briefing above the town."""
    where = f"{town}{district}" if many_towns else district
    return f"{village}（{where}）" if where else village


def _problems(villages: QuerySet[Region], today: dt.date) -> tuple[list[dict[str, str]], int]:
    overdue = Problem.objects.filter(
        village__in=villages.order_by().values("pk"), status=ProblemStatus.OPEN, due_on__lt=today
    )
    listed = list(overdue.select_related("village").order_by("due_on", "id")[: PROBLEM_LINES + 1])
    lines = [
        {
            "village": p.village.name,
            "title": p.title,
            "owner": p.owner_name,
            "due": f"{p.due_on:%Y-%m-%d}",
            "overdue": f"逾期 {(today - p.due_on).days} 天",
        }
        for p in listed[:PROBLEM_LINES]
    ]
    return lines, max(0, len(listed) - PROBLEM_LINES)


def _meetings(
    villages: QuerySet[Region], today: dt.date
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Each town's latest judgement meeting (研判会) of this week or last: its date,
    attendees and decisions, and the actions it assigned. Four queries."""
    this_week = week_of(today)
    found = (
        AssessmentMeeting.objects.filter(
            town__in=villages.order_by().values("town_id"),
            week__gte=this_week - dt.timedelta(days=7),
            week__lte=this_week,
        )
        .select_related("town")
        .prefetch_related("members", "accounts", "actions__owner")
        .order_by("town__code", "town__name", "-week")
    )
    latest: dict[int, AssessmentMeeting] = {}
    for meeting in found:
        latest.setdefault(meeting.town_id, meeting)
    meetings, actions = [], []
    for meeting in latest.values():
        people = [f"{m.name}（{m.get_position_display()}）" for m in meeting.members.all()]
        people += [str(a) for a in meeting.accounts.all()]
        meetings.append(
            {
                "town": meeting.town.name,
                "date": f"{meeting.held_on:%Y-%m-%d}",
                "attendees": "、".join(people),
                "decisions": meeting.decisions,
            }
        )
        for action in sorted(meeting.actions.all(), key=lambda a: (a.due_on, a.pk)):
            actions.append(
                {
                    "town": meeting.town.name,
                    "task": action.task,
                    "owner": str(action.owner),
                    "due": f"{action.due_on:%Y-%m-%d}",
                    "status": "已办结" if action.done_at else "办理中",
                }
            )
    return meetings, actions


def build(region: Region, villages: QuerySet[Region], today: dt.date) -> Briefing:
    """The briefing of `region` over `villages` (already scoped to the reader)."""
    rows = queries.grid_rows(villages, today)
    summary = queries.summarise(rows, today)
    problems, more = _problems(villages, today)
    meetings, actions = _meetings(villages, today)
    changed = [
        f"{row['name']}由{Colour(row['latest_baseline_colour']).label}色变为"
        f"{Colour(row['latest_colour']).label}色"
        for row in summary.changed
    ]
    return Briefing(
        region=region.name,
        today=today,
        colours=_colour_lines(rows, summary, today),
        unassessed=summary.unassessed,
        changed=changed,
        hot=_hot(villages, rows, today, region.level not in (Level.TOWN, Level.DISTRICT)),
        open_problems=sum(p["open"] for p in summary.problems.values()),
        overdue_problems=sum(p["overdue"] for p in summary.problems.values()),
        problems=problems,
        more_problems=more,
        stages=stage_counts(villages),
        cultivation=cultivation_counts(villages),
        villages=len(rows),
        meetings=meetings,
        actions=actions,
    )


def context(briefing: Briefing) -> dict[str, Any]:
    week = briefing.week_start
    problems = list(briefing.problems)
    if briefing.more_problems:
        problems.append(
            {"village": "", "title": f"另有 {briefing.more_problems} 个逾期问题未列出",
             "owner": "", "due": "", "overdue": ""}
        )  # fmt: skip
    return {
        "region": briefing.region,
        "week": week.isocalendar()[1],
        "week_start": f"{week:%Y年%m月%d日}",
        "week_end": f"{week + dt.timedelta(days=6):%Y年%m月%d日}",
        "summary": briefing.summary,
        "colours": [
            {"label": f"{c.label}色", "now": c.now, "before": c.before, "delta": c.delta}
            for c in briefing.colours
        ],
        "unassessed": briefing.unassessed,
        "changed_text": briefing.changed_text,
        "hot": briefing.hot,
        "open_problems": briefing.open_problems,
        "overdue_problems": briefing.overdue_problems,
        "problems": problems,
        "reserves_text": briefing.reserves_text,
        "cultivation_text": briefing.cultivation_text,
        "generated": f"{briefing.today:%Y-%m-%d}",
        "meetings": briefing.meetings,
        "meeting_text": "" if briefing.meetings else "本周及上周尚无研判会记录。",
        "actions": briefing.actions,
    }


def render(briefing: Briefing) -> bytes:
    return render_docx(BRIEFING, context(briefing))
