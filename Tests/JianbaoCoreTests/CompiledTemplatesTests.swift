import Foundation
import Testing
@testable import JianbaoCore

/// The build renders with compiled templates; swift-mustache is the reference. Every page must be identical.
@Suite("Compiled templates match swift-mustache")
struct CompiledTemplatesTests {
    func compare(_ root: URL, expectCompiled: Bool = true) throws {
        let compiled = try SiteBuild.compile(SiteLoader.load(root), includeDrafts: true)
        #expect((compiled.theme.compiled != nil) == expectCompiled)
        let fast = MemorySink(), reference = MemorySink()
        try SiteRenderer(site: compiled.site, theme: compiled.theme).render(into: fast)
        try SiteRenderer(site: compiled.site, theme: compiled.theme.reference).render(into: reference)
        let a = fast.files, b = reference.files
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in b where a[path] != data {
            Issue.record("\(path) differs from swift-mustache's rendering")
        }
        #expect(a.count > 10)
    }

    @Test func demoSite() throws {
        try compare(Repo.root)
    }

    @Test func miniFixture() throws {
        let site = try TestSite()
        try compare(site.root)
    }

    @Test func templatesWithInheritanceOverridesAndInvertedSections() throws {
        let site = try TestSite()
        try site.write("templates/partials/footer.mustache", "<footer>{{^site.footer.nothing}}无{{/site.footer.nothing}}{{#site.series}}<i>{{title}}{{site.title}}</i>{{/site.series}}{{! comment }}\n  {{#site.footer}}{{sponsor}}{{/site.footer}}\n</footer>\n")
        try site.write("templates/404.mustache", "{{<base}}{{$title}}找不到{{/title}}{{$content}}<p>{{&site.title}} {{{site.title}}} {{.missing}}</p>{{/content}}{{/base}}\n")
        try compare(site.root)
    }

    @Test func unsupportedFeaturesFallBackToSwiftMustache() throws {
        let site = try TestSite()
        try site.write("templates/404.mustache", "{{<base}}{{$content}}{{#site.series}}{{#first()}}首{{/first()}}{{/site.series}}{{/content}}{{/base}}\n")
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        #expect(compiled.theme.compiled == nil)
        try compare(site.root, expectCompiled: false)
    }
}
