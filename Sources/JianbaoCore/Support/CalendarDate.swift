/// A date on the Chinese calendar as printed on a bulletin (印发日期): year, month, day.
/// Never converted through a time zone, so 2022-08-25 stays 2022-08-25 everywhere.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, e.g. 2022.
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day 1–31.
    public let day: Int

    /// Creates a date if it exists on the calendar (2022-02-30 does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard (48...57).contains(u[i]) else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days in a month of a year (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2022-08-25`. (Written digit by digit: the year is 1…9999, so it always takes four digits.)
    public var iso: String {
        String(unsafeUninitializedCapacity: 10) { b in
            let y = year, m = month, d = day
            b[0] = 48 + UInt8(y / 1000); b[1] = 48 + UInt8(y / 100 % 10); b[2] = 48 + UInt8(y / 10 % 10); b[3] = 48 + UInt8(y % 10)
            b[4] = 45; b[5] = 48 + UInt8(m / 10); b[6] = 48 + UInt8(m % 10)
            b[7] = 45; b[8] = 48 + UInt8(d / 10); b[9] = 48 + UInt8(d % 10)
            return 10
        }
    }

    /// `2022年8月25日`.
    public var chinese: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 17) { b in
            var n = 0
            func put(_ v: Int) {
                if v >= 1000 { b[n] = 48 + UInt8(v / 1000); n += 1 }
                if v >= 100 { b[n] = 48 + UInt8(v / 100 % 10); n += 1 }
                if v >= 10 { b[n] = 48 + UInt8(v / 10 % 10); n += 1 }
                b[n] = 48 + UInt8(v % 10); n += 1
            }
            func char(_ c0: UInt8, _ c1: UInt8, _ c2: UInt8) { b[n] = c0; b[n + 1] = c1; b[n + 2] = c2; n += 3 }
            put(year); char(0xE5, 0xB9, 0xB4)   // 年
            put(month); char(0xE6, 0x9C, 0x88)  // 月
            put(day); char(0xE6, 0x97, 0xA5)    // 日
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<n]), as: UTF8.self)
        }
    }

    /// RFC 3339 timestamp at midnight China Standard Time, for feeds and sitemaps.
    public var rfc3339: String { "\(iso)T00:00:00+08:00" }

    public var description: String { iso }

    /// A sortable integer, yyyymmdd.
    public var ordinal: Int { year * 10000 + month * 100 + day }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.ordinal < b.ordinal }
}
