#!/usr/bin/env python3
"""Long single inputs for the linearity benchmark: scripts/gen-long.py SCALE OUT_DIR writes a site with
a SCALE MB single-paragraph Chinese article, a table of 5000*SCALE rows and lists nested 200*SCALE deep."""
import os, sys
scale = int(sys.argv[1]); out = sys.argv[2]
os.makedirs(os.path.join(out, "content", "ganzhou", "2022"), exist_ok=True)
open(os.path.join(out, "site.yml"), "w", encoding="utf-8").write(
    "title: 长输入\nbase_url: https://example.gov.cn/jianbao/\nseries:\n  - {key: ganzhou, title: 赣州简报, publisher: 办公室}\n"
    "departments:\n  - {name: 市司法局}\n")
tpl = os.path.join(out, "templates")
if not os.path.exists(tpl):
    os.symlink(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates"), tpl)
sentence = "市司法局在巩固落实刑满释放人员无缝对接安置帮教“十大机制”的基础上，**积极探索。**努力推动工作创新发展。"
para = (sentence * (scale * 1024 * 1024 // len(sentence.encode())))
rows = "\n".join(f"| 第{i}行 | {i} | 安置帮教 |" for i in range(5000 * scale))
depth = 200 * scale
nested = "\n".join("  " * i + f"- 第{i}层" for i in range(depth))
def issue(n, body):
    open(os.path.join(out, "content", "ganzhou", "2022", f"{n}.md"), "w", encoding="utf-8").write(
        f"---\nissue: {n}\ndate: 2022-01-0{n}\n---\n\n## 市司法局长文{n}\n\n{body}\n")
issue(1, para)
issue(2, "| 项目 | 数值 | 主题 |\n| --- | --- | --- |\n" + rows)
issue(3, nested)
