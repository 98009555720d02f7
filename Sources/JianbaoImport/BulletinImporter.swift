import Foundation
import JianbaoCore

/// Turns existing bulletins (.txt, .docx) into content files (placeholder until the import issue).
public enum BulletinImporter {}
