"""Who must act in a task, and who receives what it produces.

Explicit actors are the parties the task's own text names (`parties.find_parties`: by shape,
in an actor's place in the sentence) or a table row's 牵头/责任/配合 cells. Bodies named after
报送/上报/向… receive, they do not act. Inference is the fallback, never the default: only a
task that names nobody gets actors with `explicit: false` — the parties of the sentence
that introduces its list of items when there is one (`inherited`), else the document's
addressees or issuer (`DocContext.defaults`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..ingest.lexicon import lexicon
from ..ingest.model import Meta
from ..ingest.names import LEVEL_WORDS_RX, Jurisdiction, has_verb, leading_place_word, split_names, tidy
from .parties import ALL_HAN, Party, PartyFinder, find_parties, parse_names, phrase_material
from .records import Actor, Role


@dataclass
class DocContext:
    """What every task of a document shares: metadata, jurisdiction and date, defaults."""

    meta: Meta
    jur: Jurisdiction
    doc_date: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    defaults: list[str] = field(default_factory=list)
    domain_sectors: list[str] = field(default_factory=list)
    national: bool = False  # a national (or multi-province) document: central bodies may act in it
    groups: str | None = None  # the inspection groups the document sends (各督查组), see `inspection_groups`
    pronouns: tuple[str, str] | None = None  # (addressee, its place) that 你省/你局 stand for


@dataclass
class ActorResult:
    actors: list[Actor]
    recipients: list[str]
    mentions: list[Party]  # actor evidence
    to_whom: list[Party]  # recipient evidence


# ---------------------------------------------------------------- defaults
GROUP_WORD = r"(督查|检查|暗访|巡查|督导|核查)组"
SENDS_GROUPS = re.compile(r"(?:派出|成立|组成|组建|抽调|分赴|带队的|由[^。]{0,30}组成的)[^。;]{0,40}?" + GROUP_WORD)
INSPECTION_ITEM = re.compile(r"^(?:督查|检查|暗访|巡查|督导|核查)|(?:督查|检查|暗访|巡查|督导)(?:中|结束后)")


def inspection_groups(text: str) -> str | None:
    """The groups an inspection notice sends (省局…派出由局领导带队的督查组 -> 各督查组), or None."""
    m = SENDS_GROUPS.search(text)
    return "各" + m.group(1) + "组" if m else None
CATCH_ALL = re.compile(r"^(各)?有关单位$|^各(有关|相关)?单位$")
COORDINATOR = re.compile(r"(委员会|领导小组|指挥部|人民政府|办公厅|办公室)$")


STATE_COUNCIL = ("国务院", "国务院办公厅")
STATE_COUNCIL_ADDRESSEES = ("各省自治区直辖市人民政府", "国务院各部委", "国务院各直属机构")


def default_actors(meta: Meta) -> list[str]:
    """Who carries a task that names nobody: a coordinating issuer (committee, government,
    headquarters) or a notice hands the work to its addressees; a department's own work
    plan is the department's, with the addressees of its own system; with no addressees,
    the issuer."""
    issuers = list(meta.issuers)
    addressees = [a for a in meta.addressees if not CATCH_ALL.search(a)] or list(meta.addressees)
    if not addressees and issuers and all(i in STATE_COUNCIL for i in issuers):
        # a 国务院/国务院办公厅 notice reported without its 主送 line (近日,国务院办公厅印发《…通知》…一是…)
        # goes where every one of them goes (devset d53 prints it)
        return list(STATE_COUNCIL_ADDRESSEES)
    if not addressees:
        return issuers
    coordinating = bool(issuers) and all(COORDINATOR.search(i) for i in issuers)
    # a notice, order or letter (a page with no title but an addressee line is one)
    directive = not meta.title or bool(re.search(r"(通知|命令|函|通告|意见)$", meta.title))
    if coordinating or directive or not issuers:
        return addressees
    system = [a for a in addressees if any(same_system(a, i) for i in issuers)]
    return issuers + system


def same_system(addressee: str, issuer: str) -> bool:
    lex = lexicon()
    for d in lex.departments:
        if any(s in addressee for s in d.stems) and any(s in issuer for s in d.stems):
            return True
    return False


# ---------------------------------------------------------------- table rows
def row_parties(columns: dict[str, str], cells: dict[str, tuple[int, int]], ctx: DocContext) -> list[Party]:
    """A 任务分工 row's bodies by column: a 责任单位 column beside a 牵头单位 column is the
    participants' (SCHEMA conventions); alone, its bodies are responsible."""
    finder = PartyFinder("", ctx.jur, ctx.national, tuple(ctx.meta.addressees))
    has_lead = bool(columns.get("lead"))
    # a 牵头单位 column alone marks no split: its bodies are responsible (SCHEMA conventions)
    split = has_lead and bool(columns.get("participant") or columns.get("responsible"))
    out: list[Party] = []
    for kind in ("lead", "participant", "responsible"):
        cell = columns.get(kind)
        if not cell:
            continue
        role = {"lead": Role.LEAD if split else Role.RESPONSIBLE, "participant": Role.PARTICIPANT,
                "responsible": Role.PARTICIPANT if has_lead else Role.RESPONSIBLE}[kind]
        offset = cells[kind][0] if kind in cells else 0
        # bodies in a cell are listed with 、 or with spaces (党政办 应消站)
        spaced = re.sub(r"(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff])", "、", cell)
        found = parse_names(spaced, strict=False) or []
        # a cell the names parse only in part (文化站 卫生院: a bare 卫生院 is no name in prose):
        # the column says every piece is a body
        found = found + [u for u in unknown_units(spaced)
                         if not any(u[1] < off + len(piece) and off < u[1] + len(u[0]) for piece, off, _ in found)]
        for piece, off, k in found:
            name = finder.canonical(piece, k)
            if name:
                out.append(Party(piece, offset + off, offset + off + len(piece), name, role, "cell"))
    return out


def unknown_units(cell: str) -> list[tuple[str, int, str]]:
    """The names in a bodies column that no suffix the lexicon knows ends (a township's 林业发展岗,
    应急管理岗): the column says they are bodies; their shape only has to be a plain name (Han
    characters, no phrase material, no verb opening it). The issuer's place is theirs."""
    out = []
    for piece, off in split_names(cell):
        p = tidy(piece)
        suffix = lexicon().org_suffix(p)
        # a name that is nothing but its suffix (卫生院, 派出所) is the unit of the issuer's place
        if 2 <= len(p) <= 16 and ALL_HAN.fullmatch(p) and not phrase_material(p) and not has_verb(p) \
                and (not suffix or suffix == p) and not leading_place_word(p) and not LEVEL_WORDS_RX.search(p):
            out.append((piece, off, "unit"))
    return out


VAGUE_CLASS = re.compile(r"(?:相关|有关)(?:主管|职能|行业主管)?部门")
FIRST_CLAUSE = re.compile(r"[,,。;;]")  # where a task cell's opening clause ends


# ---------------------------------------------------------------- the actors of a task
def dedupe(parties: list[Party]) -> list[Party]:
    """One entry per name, in text order; the strongest role wins (lead > participant > responsible)."""
    best: dict[str, Party] = {}
    for p in parties:
        cur = best.get(p.name)
        if cur is None:
            best[p.name] = p
        elif Role(p.role).rank < Role(cur.role).rank:
            best[p.name] = Party(cur.written, cur.start, cur.end, p.name, p.role, p.rule, False, p.national)
    return sorted(best.values(), key=lambda p: p.start)


def actors_for(text: str, ctx: DocContext, columns: dict[str, str] | None = None,
               cells: dict[str, tuple[int, int]] | None = None,
               inherited: list[Actor] | None = None, title: str = "") -> ActorResult:
    """Actors and recipients of one task text (see the module docstring)."""
    cells = cells or {}
    if columns and {"lead", "participant", "responsible"} & set(columns):
        found = row_parties(columns, cells, ctx)
        task_text = columns.get("task", "")
        offset = cells["task"][0] if "task" in cells else 0
        in_task = find_parties(task_text, ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
        for p in in_task:
            p.start += offset
            p.end += offset
        to_whom = [p for p in in_task if p.recipient]
        # the task cell's own subject (村(社区)、村(居)民小组…要层层签订…) acts beside the row's bodies
        clause_end = FIRST_CLAUSE.search(task_text)
        opening = offset + (clause_end.start() if clause_end else len(task_text))
        found += [p for p in in_task if not p.recipient and p.rule == "subject" and p.start < opening
                  and (ctx.national or not p.national)]
    else:
        parties = find_parties(text, ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
        to_whom = [p for p in parties if p.recipient]
        found = [p for p in parties if not p.recipient and (ctx.national or not p.national)]
    if any(p.rule == "allocation" for p in found):
        # (交通运输部门负责) closing an item whose text says "相关主管部门…要…": the allocation names
        # the department the vague class stands for, no second party
        found = [p for p in found if not (p.rule == "subject" and VAGUE_CLASS.fullmatch(p.name))]
    mentions = dedupe(found)
    # an official's 带队 names a person, not the body: the body is inferred from the post
    actors = [Actor(name=p.name, role=p.role, explicit=p.rule != "leader", rule=p.rule, written=p.written)
              for p in mentions]
    recipients = list(dict.fromkeys(p.name for p in to_whom))
    requested = any(p.rule == "requested" for p in found)
    if all(a.role == Role.PARTICIPANT for a in actors) or requested:
        # nobody named, or only those who help: who does the work is inferred
        role = Role.PARTICIPANT if re.match(r"^(配合|协助|参与)", title) else Role.RESPONSIBLE
        named = {a.name for a in actors}
        if inherited:
            actors += [Actor(name=a.name, role=role, explicit=False, rule="inherited") for a in inherited
                       if a.name not in named]
        else:
            # an inspection notice's items on how to inspect (督查重点, 督查方式, 督查中发现的…) are
            # the groups' it sends (devset d23); its other items are the addressees'
            defaults = [ctx.groups] if ctx.groups and INSPECTION_ITEM.search(title or text[:12]) else ctx.defaults
            actors += [Actor(name=n, role=role, explicit=False, rule="default") for n in defaults
                       if n not in named]
    return ActorResult(actors, recipients, found, to_whom)
