#!/usr/bin/env python3
"""Render each seed report as a PDF with real tables, as agencies publish them.

Usage: make_pdfs.py NIANBAO_BIN SEED_DIR OUT_DIR

The cells come from `nianbao parse` of the seed (the text as printed, or the
value the seed's own arithmetic determined where its text lost it), the
narrative from the seed's text. Fonts are the Adobe CID font STSong-Light,
not embedded, as many government PDFs use: the text layer is CID-keyed and a
reader needs the Adobe-GB1 CMaps to extract it. Requires reportlab.
"""
import json
import os
import subprocess
import sys

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
BODY = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=15)
CELL = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7.5, leading=9)
GRID = [("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


def text(cell):
    raw = (cell.get("raw") or "").strip().replace("\u3000", "")
    if raw == "" and cell.get("count") is not None:
        return str(cell["count"])
    if raw == "" and cell.get("amount_yuan") is not None:
        return cell["amount_yuan"] + "元"
    return raw


def para(s):
    return Paragraph(s, CELL)


METRICS = {
    "new_made": "本年新制作数量", "new_published": "本年新公开数量", "total_published": "对外公开总数量",
    "prev_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
    "count": "采购项目数量", "amount": "采购总金额",
}
CLAUSE = {"regulations": "第二十条第（一）项", "normative": "第二十条第（一）项", "permit": "第二十条第（五）项",
          "other_services": "第二十条第（五）项", "penalty": "第二十条第（六）项", "compulsion": "第二十条第（六）项",
          "fees": "第二十条第（八）项", "procurement": "第二十条第（九）项"}
LABEL = {"regulations": "规章", "normative": "规范性文件", "permit": "行政许可", "other_services": "其他对外管理服务事项",
         "penalty": "行政处罚", "compulsion": "行政强制", "fees": "行政事业性收费", "procurement": "政府集中采购"}


def s2_table(rep):
    rows, style, items = [], list(GRID), []
    for d in rep["disclosures"]:
        if not items or items[-1][0] != d["item"]:
            items.append((d["item"], []))
        items[-1][1].append(d)
    clause = None
    for item, cells in items:
        if CLAUSE[item] != clause:
            clause = CLAUSE[item]
            rows.append([clause, "", "", ""])
            style.append(("SPAN", (0, len(rows) - 1), (3, len(rows) - 1)))
            rows.append(["信息内容"] + [METRICS[c["metric"]] for c in cells] + [""] * (3 - len(cells)))
        rows.append([LABEL[item]] + [text(c) for c in cells] + [""] * (3 - len(cells)))
    return Table(rows, colWidths=[150, 100, 100, 100], style=style)


GROUPS = [("三、本年度办理结果", ["granted", "partial", "denied.", "unavailable.", "not_processed.", "other", "total"])]
GROUP_LABEL = {"denied.": "（三）不予公开", "unavailable.": "（四）无法提供", "not_processed.": "（五）不予处理"}
ROW_LABEL = {
    "new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密", "denied.law_forbidden": "2.其他法律行政法规禁止公开",
    "denied.three_safety": "3.危及“三安全一稳定”", "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息", "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷", "denied.admin_query": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息", "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.unclear_after_fix": "3.补正后申请内容仍不明确", "not_processed.complaint": "1.信访举报投诉类申请",
    "not_processed.duplicate": "2.重复申请", "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.mass_repeat": "4.无正当理由大量反复申请",
    "not_processed.confirm_existing": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理", "total": "（七）总计", "carried_forward": "四、结转下年度继续办理",
}


def s3_table(rep):
    style = list(GRID)
    rows = [[para("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), "", "", "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", para("商业企业"), para("科研机构"), para("社会公益组织"), para("法律服务机构"), "其他", ""]]
    style += [("SPAN", (0, 0), (2, 2)), ("SPAN", (3, 0), (9, 0)), ("SPAN", (3, 1), (3, 2)),
              ("SPAN", (4, 1), (8, 1)), ("SPAN", (9, 1), (9, 2))]
    outcomes = []
    for a in rep["applications"]:
        if not outcomes or outcomes[-1][0] != a["outcome"]:
            outcomes.append((a["outcome"], []))
        outcomes[-1][1].append(text(a))
    first_result = None
    groups = {}
    for i, (o, vals) in enumerate(outcomes):
        r = len(rows)
        label = ROW_LABEL[o]
        if o in ("new_received", "carried_over", "carried_forward"):
            rows.append([para(label), "", ""] + vals)
            style.append(("SPAN", (0, r), (2, r)))
            continue
        if first_result is None:
            first_result = r
        prefix = next((g for g in GROUP_LABEL if o.startswith(g)), None)
        if prefix:
            if prefix not in groups:
                groups[prefix] = [r, r]
            groups[prefix][1] = r
            rows.append(["", para(GROUP_LABEL[prefix]) if groups[prefix][0] == r else "", para(label)] + vals)
        else:
            rows.append(["", para(label), ""] + vals)
            style.append(("SPAN", (1, r), (2, r)))
        last_result = r
    rows[first_result][0] = para("三、本年度办理结果")
    style.append(("SPAN", (0, first_result), (0, last_result)))
    for a, b in groups.values():
        style.append(("SPAN", (1, a), (1, b)))
    return Table(rows, colWidths=[40, 45, 120] + [38] * 7, style=style, repeatRows=3)


def s4_table(rep):
    style = list(GRID) + [("SPAN", (0, 0), (4, 1)), ("SPAN", (5, 0), (14, 0)), ("SPAN", (5, 1), (9, 1)),
                          ("SPAN", (10, 1), (14, 1))]
    head = [para(h) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] * 3
    rows = [["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
            [""] * 5 + ["未经复议直接起诉", "", "", "", "", "复议后起诉"] + [""] * 4,
            head,
            [text(a) for a in rep["appeals"]]]
    return Table(rows, colWidths=[30] * 15, style=style)


def main():
    binary, seeds, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(seeds)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(seeds, name)
        rep = json.loads(subprocess.check_output([binary, "parse", path]))
        lines = open(path, encoding="utf-8").read().split("\n")
        head, tail, state = [], [], "head"
        for line in lines:
            c = "".join(line.split())
            if state == "head" and ("第二十条" in c or ("主动公开政府信息情况" in c and len(c) < 20)):
                state = "table"
            elif state == "table" and (c.startswith("五、") or "存在的主要问题" in c) and len(c) < 40:
                state = "tail"
            if state == "head" and c:
                head.append(line.strip())
            elif state == "tail" and c:
                tail.append(line.strip())
        story = [Paragraph(l.replace("&", "&amp;").replace("<", "&lt;"), BODY) for l in head]
        story += [Paragraph("二、主动公开政府信息情况", BODY), s2_table(rep), Spacer(1, 8),
                  Paragraph("三、收到和处理政府信息公开申请情况", BODY), s3_table(rep), Spacer(1, 8),
                  Paragraph("四、政府信息公开行政复议、行政诉讼情况", BODY), s4_table(rep), Spacer(1, 8)]
        story += [Paragraph(l.replace("&", "&amp;").replace("<", "&lt;"), BODY) for l in tail]
        dst = os.path.join(out, name[:-4] + ".pdf")
        # fixed metadata so the same inputs give the same bytes
        SimpleDocTemplate(dst, pagesize=A4, title=name, author="nianbao", creator="nianbao",
                          producer="nianbao", invariant=1).build(story)
        print(dst)


if __name__ == "__main__":
    main()
