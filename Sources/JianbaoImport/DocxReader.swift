import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the text of a Word (.docx) file: one line per paragraph, bold runs as `**…**`.
public enum DocxReader {
    /// What went wrong reading a .docx file (messages in Chinese).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The message.
        public var description: String
    }

    /// The document's paragraphs, one per line (line N is paragraph N, empty paragraphs included).
    public static func text(of data: Data) throws -> String {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure(description: "不是有效的 .docx 文件（无法按 ZIP 读取）")
        }
        guard let entry = archive["word/document.xml"] else {
            throw Failure(description: "不是有效的 .docx 文件（缺少 word/document.xml）")
        }
        var xml = Data()
        do { _ = try archive.extract(entry) { xml.append($0) } } catch {
            throw Failure(description: "无法解压 word/document.xml: \(error)")
        }
        return try paragraphs(fromDocumentXML: xml).joined(separator: "\n")
    }

    /// Paragraph texts of a `word/document.xml`.
    public static func paragraphs(fromDocumentXML xml: Data) throws -> [String] {
        let parser = XMLParser(data: xml)
        let collector = DocumentCollector()
        parser.delegate = collector
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            let line = parser.lineNumber
            throw Failure(description: "word/document.xml 不是有效的 XML（第 \(line) 行）")
        }
        return collector.paragraphs
    }
}

/// SAX delegate that gathers runs per paragraph.
final class DocumentCollector: NSObject, XMLParserDelegate {
    private(set) var paragraphs: [String] = []
    private var segments: [(text: String, bold: Bool)] = []
    private var inParagraph = false
    private var inRunProperties = false
    private var runBold = false
    private var inText = false
    private var depthInDeleted = 0

    private static func local(_ name: String) -> String {
        if let i = name.lastIndex(of: ":") { return String(name[name.index(after: i)...]) }
        return name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch Self.local(elementName) {
        case "p": inParagraph = true; segments = []
        case "r": runBold = false
        case "rPr": inRunProperties = true
        case "b":
            if inRunProperties {
                let v = (attributeDict["w:val"] ?? attributeDict["val"] ?? "true").lowercased()
                runBold = !(v == "0" || v == "false" || v == "off")
            }
        case "t": inText = depthInDeleted == 0
        case "tab": if inParagraph, depthInDeleted == 0 { segments.append((" ", runBold)) }
        case "br", "cr":
            if inParagraph, depthInDeleted == 0 { segments.append(("\n", false)) }
        case "del", "instrText": depthInDeleted += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch Self.local(elementName) {
        case "p":
            paragraphs.append(contentsOf: render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            inParagraph = false
            segments = []
        case "rPr": inRunProperties = false
        case "t": inText = false
        case "del", "instrText": depthInDeleted = max(0, depthInDeleted - 1)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && inParagraph { segments.append((string, runBold)) }
    }

    /// Joins runs, merging neighbours of the same weight, and wraps bold text in `**`.
    private func render() -> String {
        var merged: [(text: String, bold: Bool)] = []
        for s in segments {
            if let last = merged.last, last.bold == s.bold, s.text != "\n", last.text != "\n" {
                merged[merged.count - 1].text += s.text
            } else {
                merged.append(s)
            }
        }
        var out = ""
        for m in merged {
            let trimmed = m.text.trimmingCharacters(in: .whitespaces)
            if m.bold && !trimmed.isEmpty {
                // Keep surrounding spaces outside the markers so the emphasis parses.
                let lead = String(m.text.prefix { $0 == " " })
                let trail = String(m.text.reversed().prefix { $0 == " " })
                out += lead + "**" + trimmed + "**" + trail
            } else {
                out += m.text
            }
        }
        return out
    }
}
