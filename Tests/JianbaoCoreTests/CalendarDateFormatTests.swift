import Testing
@testable import JianbaoCore

@Suite("Calendar date formatting")
struct CalendarDateFormatTests {
    /// The interpolated forms `iso` and `chinese` had before they were written digit by digit.
    static func referenceISO(_ d: CalendarDate) -> String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
    }

    static func referenceChinese(_ d: CalendarDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    @Test func everyDayOfSampleYearsAndBothEndsOfEveryYear() throws {
        var dates: [CalendarDate] = []
        for year in [1, 9, 10, 99, 100, 999, 1000, 1900, 2000, 2022, 2024, 9999] {
            for month in 1...12 {
                for day in 1...CalendarDate.daysIn(month: month, year: year) {
                    dates.append(try #require(CalendarDate(year: year, month: month, day: day)))
                }
            }
        }
        for year in 1...9999 {
            dates.append(try #require(CalendarDate(year: year, month: 1, day: 1)))
            dates.append(try #require(CalendarDate(year: year, month: 12, day: 31)))
        }
        #expect(dates.count == 12 * 365 + 2 + 2 * 9999)  // 2000 and 2024 are leap years
        for d in dates {
            #expect(d.iso == Self.referenceISO(d))
            #expect(d.chinese == Self.referenceChinese(d))
            #expect(CalendarDate(iso: d.iso) == d)
        }
        let d = try #require(CalendarDate(year: 2022, month: 8, day: 5))
        #expect(d.iso == "2022-08-05" && d.chinese == "2022年8月5日")
    }
}
