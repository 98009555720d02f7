#!/usr/bin/env python3
"""Deterministic benchmark corpus: recombines the paragraphs of the demo content into N issues
across several series and ~40 departments, each article with a metric block.

    scripts/gen-corpus.py N OUT_DIR [--hugo HUGO_DIR]

Writes OUT_DIR/site.yml and OUT_DIR/content/**, symlinks the repo's templates/, and with --hugo
the same Markdown as a minimal Hugo site with the same taxonomies (departments, tags).
"""
import os, random, re, sys, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERIES = [("ganzhou", "赣州市“五型”政府建设工作简报", "continuous"), ("nanchang", "南昌市“五型”政府建设工作简报", "yearly"),
          ("jiujiang", "九江市“五型”政府建设工作简报", "continuous"), ("shangrao", "上饶市“五型”政府建设工作简报", "yearly"),
          ("yichun", "宜春市“五型”政府建设工作简报", "continuous")]
DEPTS = ["市司法局", "市公安局", "市财政局", "市教育局", "市民政局", "市人社局", "市自然资源局", "市生态环境局", "市住建局", "市交通运输局",
         "市水利局", "市农业农村局", "市商务局", "市文广新旅局", "市卫健委", "市应急管理局", "市审计局", "市市场监管局", "市统计局", "市医保局",
         "市行政审批局", "市发改委", "市工信局", "市科技局", "市城管局", "市税务局", "市金融办", "市信访局", "市国资委", "市林业局",
         "章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "龙南市", "瑞金市"]
TAGS = ["安置帮教", "反诈", "惠企政策", "社会救助", "一网通办", "营商环境", "乡村振兴", "优化服务", "数字政府", "作风建设",
        "安全生产", "民生实事", "改革创新", "基层治理", "生态保护"]
COLUMNS = ["典型经验", "典型推介", "工作动态", "基层创新"]
KEYS = ["jiuye", "anzhi", "fanzha", "jianmian", "jiuzhu", "banjie", "qiye", "xiangmu"]


def paragraphs():
    files = sorted(glob.glob(os.path.join(ROOT, "content", "**", "*.md"), recursive=True))
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "Tests", "JianbaoCoreTests", "Fixtures", "mini", "content", "**", "*.md"), recursive=True))
    out = []
    for f in files:
        text = open(f, encoding="utf-8").read()
        body = text.split("\n---\n", 1)[-1]
        body = re.sub(r"```.*?```", "", body, flags=re.S)
        for p in re.split(r"\n\s*\n", body):
            p = p.strip()
            if p and not p.startswith("#") and not p.startswith("——") and len(p) > 20:
                out.append(p)
    return out


def main():
    n = int(sys.argv[1]); out = sys.argv[2]
    hugo = sys.argv[sys.argv.index("--hugo") + 1] if "--hugo" in sys.argv else None
    rng = random.Random(20221125)
    paras = paragraphs()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "site.yml"), "w", encoding="utf-8") as f:
        f.write("title: 五型政府建设工作简报库（基准）\nbase_url: https://example.gov.cn/jianbao/\nseries:\n")
        for key, title, numbering in SERIES:
            f.write(f"  - key: {key}\n    title: {title}\n    publisher: 领导小组办公室\n    numbering: {numbering}\n")
        f.write("departments:\n")
        for i, d in enumerate(DEPTS):
            f.write(f"  - name: {d}\n    group: {'县（市、区）' if i >= 30 else '市直部门'}\n")
        f.write("footer:\n  sponsor: 市人民政府办公室\n  site_id_code: \"3607000001\"\n")
    tpl = os.path.join(out, "templates")
    if not os.path.exists(tpl):
        os.symlink(os.path.join(ROOT, "templates"), tpl)
    if hugo:
        os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
        with open(os.path.join(hugo, "hugo.toml"), "w") as f:
            f.write('baseURL = "https://example.gov.cn/jianbao/"\nlanguageCode = "zh-CN"\ntitle = "bench"\n'
                    'disableKinds = ["RSS"]\n[taxonomies]\ntag = "tags"\ndepartment = "departments"\n'
                    '[markup.goldmark.renderer]\nunsafe = false\n')
        base = "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>"
        open(os.path.join(hugo, "layouts", "_default", "baseof.html"), "w").write(base)
        open(os.path.join(hugo, "layouts", "_default", "single.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
        open(os.path.join(hugo, "layouts", "_default", "list.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
        open(os.path.join(hugo, "layouts", "_default", "terms.html"), "w").write('{{ define "main" }}<ul>{{ range .Data.Terms }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}')
    counters = {}
    for i in range(n):
        key, title, numbering = SERIES[i % len(SERIES)]
        year = 2015 + (i * 11 // max(n, 1))
        k = (key, year) if numbering == "yearly" else key
        counters[k] = counters.get(k, 0) + 1
        number = counters[k]
        month = 1 + (number * 7) % 12
        day = 1 + (number * 13) % 28
        tags = rng.sample(TAGS, 2)
        body = []
        depts = []
        for a in range(rng.randint(3, 5)):
            if a % 2 == 0:
                body.append(f"# {COLUMNS[(i + a) % len(COLUMNS)]}\n")
            dept = DEPTS[rng.randrange(len(DEPTS))]
            depts.append(dept)
            body.append(f"## {dept}“{rng.choice(['三举措', '四变法', '五个一', '两到位'])}”推动{rng.choice(TAGS)}工作第{a + 1}篇\n")
            for _ in range(rng.randint(3, 6)):
                body.append(rng.choice(paras) + "\n")
            kk = KEYS[rng.randrange(len(KEYS))]
            body.append("```metrics\ntitle: 工作成效\nunit: 人\nitems:\n"
                        f"  - {{label: 服务对象, value: {rng.randint(10, 9000)}, key: {kk}}}\n"
                        f"  - {{label: 解决就业, value: {rng.randint(10, 900)}}}\n"
                        f"  - {{label: 培训人次, value: {rng.randint(10, 2000)}}}\n```\n")
        text = "\n".join(body)
        fm = f"issue: {number}\ndate: {year}-{month:02d}-{day:02d}\ntags: [{', '.join(tags)}]\n"
        path = os.path.join(out, "content", key, str(year), f"{number}.md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\n" + fm + "---\n\n" + text)
        if hugo:
            hp = os.path.join(hugo, "content", key, str(year), f"{number}.md")
            os.makedirs(os.path.dirname(hp), exist_ok=True)
            with open(hp, "w", encoding="utf-8") as f:
                f.write("---\n" + f"title: \"{title} 第{number}期\"\n" + fm + f"departments: [{', '.join(sorted(set(depts)))}]\n---\n\n" + text)


if __name__ == "__main__":
    main()
