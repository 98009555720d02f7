import Testing
@testable import JianbaoImport

@Test func importModuleLinks() {
    #expect(String(describing: BulletinImporter.self) == "BulletinImporter")
}
