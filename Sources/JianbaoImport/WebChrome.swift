/// Web-page furniture copied along with a bulletin: breadcrumbs, menus, share and print links,
/// view counters, font-size switches, copyright and ICP lines.
enum WebChrome {
    static let phrases = ["加入收藏", "打印此文", "打印本页", "打印本文", "关闭窗口", "[关闭]", "【关闭】", "【打印】", "[打印]",
                          "分享到", "返回顶部", "浏览次数", "访问次数", "阅读次数", "点击数", "点击次数", "字体调整", "版权所有",
                          "Copyright", "copyright", "All Rights Reserved", "©", "ICP备", "ICP证", "公网安备", "网站标识码",
                          "技术支持", "建议使用", "分辨率", "上一篇", "下一篇", "相关链接", "扫一扫", "用手机"]

    /// True when the line is page chrome, not bulletin text.
    static func isChrome(_ s: String) -> Bool {
        guard s.count <= 160, !s.contains("。") else { return false }
        if s.hasPrefix("您当前所在位置") || s.hasPrefix("当前位置") || s.hasPrefix("您的位置") || s.hasPrefix("所在位置")
            || s.hasPrefix("您现在的位置") { return true }
        if s.contains("首页") && (s.contains(">") || s.contains("＞") || s.contains("»") || s.contains("›") || s.contains("|")) { return true }
        if s.hasPrefix("您好") && s.contains("今天是") { return true }
        if s.filter({ $0 == "|" || $0 == "｜" }).count >= 2 { return true }
        if s.firstMatch(of: #/字号\s*[:：]?\s*[\[【(（]?\s*大\s*[\]】)）]?\s*[\[【(（]?\s*中\s*[\]】)）]?\s*[\[【(（]?\s*小/#) != nil { return true }
        if s.contains("字体") && s.contains("大") && s.contains("小") && s.count <= 30 { return true }
        return phrases.contains { s.contains($0) }
    }
}
