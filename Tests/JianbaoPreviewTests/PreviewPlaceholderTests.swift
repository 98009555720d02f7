import Testing
@testable import JianbaoPreview

@Test func previewModuleLinks() {
    #expect(String(describing: PreviewCommand.self) == "PreviewCommand")
}
