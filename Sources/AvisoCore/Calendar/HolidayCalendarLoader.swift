#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads holiday calendars from files: CSV (`date,name`) or iCalendar (`.ics`, all-day
/// VEVENTs), with the years each file covers, declared or inferred from its dates. Every problem
/// is an `AvisoError(.calendar)` naming the file, the line, what was expected and what was found.
public enum HolidayCalendarLoader {
    /// The name given to a holiday whose file leaves it empty.
    public static let unnamedHoliday = "Feriado"

    /// The longest all-day event accepted, in days: longer ones are almost surely a mistake.
    public static let maxEventDays = 366

    /// The largest calendar file read, in bytes: calendars are small and are read whole.
    public static let maxFileBytes = 16 << 20

    /// Loads the calendar at `path`. `.ics` files (any case) are read as iCalendar, `.csv` as CSV,
    /// anything else by its content (`BEGIN:VCALENDAR` first means iCalendar). The calendar is
    /// named after the file's last path component.
    public static func load(path: String) throws(AvisoError) -> HolidayCalendar {
        let bytes = try readFile(path)
        let fileName = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let lower = fileName.lowercased()
        let isICS: Bool
        if lower.hasSuffix(".ics") || lower.hasSuffix(".ical") || lower.hasSuffix(".icalendar") {
            isICS = true
        } else if lower.hasSuffix(".csv") {
            isICS = false
        } else {
            isICS = startsWithVCalendar(bytes)
        }
        return isICS
            ? try parse(ics: bytes, name: fileName, file: path)
            : try parse(csv: bytes, name: fileName, file: path)
    }

    // MARK: - CSV

    /// Parses a CSV calendar: optional leading `#` comment lines, among them `# covers: 2026-2027`
    /// (or `2026`, or a comma-separated list of both forms), then a `date,name` header, then one
    /// holiday a line with an ISO date. Blank lines and `#` comment lines are skipped anywhere;
    /// fields may be quoted (`""` is a quote). Without a `covers` declaration the calendar covers
    /// the years that have a listed date. Errors name `file`, or `name` when `file` is nil.
    public static func parse(csv bytes: [UInt8], name: String, file: String? = nil) throws(AvisoError) -> HolidayCalendar {
        let file = file ?? name
        var declared: Set<Int>? = nil
        var header: (date: Int, name: Int, count: Int)? = nil
        var holidays: [Day: String] = [:]
        var declarationLine = 0
        var lineNumber = 0
        var start = bomLength(bytes)
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            start = end + 1
            if line.last == 0x0D { line = line.dropLast() }
            let content = trimmed(line)
            if content.isEmpty { continue }
            if content.first == UInt8(ascii: "#") {
                let comment = content.dropFirst()
                guard let yearsText = coversDeclaration(comment) else { continue }
                guard header == nil else {
                    throw AvisoError(
                        .calendar, file: file, line: lineNumber,
                        "expected the `# covers:` declaration before the `date,name` header, found it after",
                        hint: "move the `# covers: YYYY-YYYY` line to the top of the file")
                }
                let years = try coveredYears(yearsText, file: file, line: lineNumber, what: "`# covers:`")
                declared = (declared ?? []).union(years)
                declarationLine = lineNumber
                continue
            }
            let fields = try csvFields(content, file: file, line: lineNumber)
            guard let columns = header else {
                header = try csvHeader(fields, file: file, line: lineNumber)
                continue
            }
            guard fields.count <= columns.count else {
                throw AvisoError(
                    .calendar, file: file, line: lineNumber,
                    "expected \(columns.count) fields as the header has, found \(fields.count)",
                    hint: "quote a name that contains a comma: 2026-12-24,\"Véspera de Natal, meio expediente\"")
            }
            let dateField = columns.date < fields.count ? fields[columns.date] : []
            guard let day = isoDate(dateField[...]) else {
                throw AvisoError(
                    .calendar, file: file, line: lineNumber,
                    "expected a date as YYYY-MM-DD in the date column, found \(quoted(dateField[...]))",
                    hint: "write each date in ISO form, e.g. 2026-12-25")
            }
            let nameField = columns.name < fields.count ? fields[columns.name] : []
            let holidayName = try decodedName(nameField[...], file: file, line: lineNumber)
            if let years = declared, !years.contains(day.year) {
                throw AvisoError(
                    .calendar, file: file, line: lineNumber,
                    "expected a date in the declared years (\(describe(years)), line \(declarationLine)), found \(day.iso)",
                    hint: "widen the `# covers:` line or remove the date")
            }
            add(day, holidayName, to: &holidays)
        }
        guard header != nil else {
            throw AvisoError(
                .calendar, file: file, line: max(lineNumber, 1),
                "expected the header `date,name`, found the end of the file",
                hint: "a holiday CSV starts with `# covers: YYYY-YYYY`, then `date,name`, then one holiday a line")
        }
        return try finish(name: name, file: file, declared: declared, holidays: holidays, covers: "`# covers: YYYY-YYYY`")
    }

    /// Reads the header: `date` and `name` columns (trimmed, any case, any order; other columns
    /// are ignored).
    private static func csvHeader(_ fields: [[UInt8]], file: String, line: Int) throws(AvisoError) -> (date: Int, name: Int, count: Int) {
        var dateColumn: Int? = nil
        var nameColumn: Int? = nil
        for (i, field) in fields.enumerated() {
            let lower = field.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            if lower == Array("date".utf8), dateColumn == nil { dateColumn = i }
            if lower == Array("name".utf8), nameColumn == nil { nameColumn = i }
        }
        guard let dateColumn, let nameColumn else {
            let found = fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
            throw AvisoError(
                .calendar, file: file, line: line,
                "expected the header `date,name`, found `\(clip(found))`",
                hint: "start the file with `# covers: YYYY-YYYY` and the header line `date,name`")
        }
        return (dateColumn, nameColumn, fields.count)
    }

    /// Splits one CSV line into unquoted, trimmed fields.
    private static func csvFields(_ line: ArraySlice<UInt8>, file: String, line number: Int) throws(AvisoError) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var i = line.startIndex
        let end = line.endIndex
        while true {
            while i < end, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
            var field: [UInt8] = []
            if i < end, line[i] == 0x22 {
                i += 1
                var closed = false
                while i < end {
                    if line[i] == 0x22 {
                        if i + 1 < end, line[i + 1] == 0x22 {
                            field.append(0x22)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    field.append(line[i])
                    i += 1
                }
                guard closed else {
                    throw AvisoError(
                        .calendar, file: file, line: number,
                        "expected a closing quote in field \(fields.count + 1), found the end of the line",
                        hint: "close the quote; a quote inside a quoted field is written \"\"")
                }
                while i < end, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
                guard i == end || line[i] == 0x2C else {
                    throw AvisoError(
                        .calendar, file: file, line: number,
                        "expected a comma after the closing quote of field \(fields.count + 1), found \(quoted(line[i...]))",
                        hint: "quote the whole field, writing a quote inside it as \"\"")
                }
            } else {
                while i < end, line[i] != 0x2C {
                    guard line[i] != 0x22 else {
                        throw AvisoError(
                            .calendar, file: file, line: number,
                            "expected no quote inside unquoted field \(fields.count + 1), found one",
                            hint: "quote the whole field, writing a quote inside it as \"\"")
                    }
                    field.append(line[i])
                    i += 1
                }
                while let last = field.last, last == 0x20 || last == 0x09 { field.removeLast() }
            }
            fields.append(field)
            guard i < end else { return fields }
            i += 1  // the comma
        }
    }

    // MARK: - iCalendar

    /// Parses an iCalendar file: VCALENDAR(s) of all-day VEVENTs (`DTSTART;VALUE=DATE:20261225`
    /// or `DTSTART:20261225`), SUMMARY as the name, DTEND (exclusive) or DURATION (`P3D`, `P1W`)
    /// for multi-day events, lines folded per RFC 5545, CRLF or LF. An `X-COVERS:2026-2027` line
    /// declares the years; without it the calendar covers the years of its events. Cancelled
    /// events are skipped; timed and recurring events are refused.
    public static func parse(ics bytes: [UInt8], name: String, file: String? = nil) throws(AvisoError) -> HolidayCalendar {
        let file = file ?? name
        let lines = unfold(bytes)
        var declared: Set<Int>? = nil
        var declarationLine = 0
        // Event days in file order, each with the line of its BEGIN:VEVENT; checked against
        // X-COVERS at the end, since the declaration may come anywhere in the calendar.
        var eventDays: [(day: Day, name: String, line: Int)] = []
        // Open components, innermost last, each with the line that opened it.
        var stack: [(name: String, line: Int)] = []
        var event = PendingEvent(line: 0)
        var sawCalendar = false
        for line in lines {
            if stack.isEmpty {
                guard !trimmed(line.text).isEmpty else { continue }
                // Outside any component only BEGIN:VCALENDAR makes sense, whatever the line holds.
                let property = try? contentLine(line, file: file)
                guard let property, property.name == "BEGIN", upper(trimmed(property.value)) == "VCALENDAR" else {
                    throw AvisoError(
                        .calendar, file: file, line: line.number,
                        "expected BEGIN:VCALENDAR, found \(quoted(line.text))",
                        hint: "an .ics calendar starts with BEGIN:VCALENDAR")
                }
                sawCalendar = true
                stack.append(("VCALENDAR", line.number))
                continue
            }
            guard let property = try contentLine(line, file: file) else { continue }
            let inside = stack[stack.count - 1].name
            switch property.name {
            case "BEGIN":
                let component = upper(trimmed(property.value))
                if component == "VEVENT", inside == "VCALENDAR" { event = PendingEvent(line: line.number) }
                stack.append((component, line.number))
            case "END":
                let component = upper(trimmed(property.value))
                guard component == inside else {
                    throw AvisoError(
                        .calendar, file: file, line: line.number,
                        "expected END:\(inside) (opened on line \(stack[stack.count - 1].line)), found END:\(component)",
                        hint: "check that every BEGIN has its END")
                }
                stack.removeLast()
                if component == "VEVENT", stack.last?.name == "VCALENDAR" {
                    for (day, summary) in try days(of: event, file: file) {
                        eventDays.append((day, summary, event.line))
                    }
                }
            case "X-COVERS" where inside == "VCALENDAR":
                let years = try coveredYears(property.value, file: file, line: line.number, what: "X-COVERS")
                declared = (declared ?? []).union(years)
                declarationLine = line.number
            case "DTSTART" where inside == "VEVENT":
                event.start = (property, line.number)
            case "DTEND" where inside == "VEVENT":
                event.end = (property, line.number)
            case "DURATION" where inside == "VEVENT":
                event.duration = (property, line.number)
            case "SUMMARY" where inside == "VEVENT":
                event.summary = (property, line.number)
            case "STATUS" where inside == "VEVENT":
                event.cancelled = upper(trimmed(property.value)) == "CANCELLED"
            case "RRULE" where inside == "VEVENT", "RDATE" where inside == "VEVENT":
                throw AvisoError(
                    .calendar, file: file, line: line.number,
                    "expected one-off all-day events, found a recurring one (\(property.name))",
                    hint: "list each holiday's date as its own VEVENT")
            default:
                continue
            }
        }
        guard sawCalendar else {
            throw AvisoError(
                .calendar, file: file, line: max(lines.last?.number ?? 1, 1),
                "expected BEGIN:VCALENDAR, found the end of the file",
                hint: "an .ics calendar starts with BEGIN:VCALENDAR")
        }
        if let open = stack.last {
            throw AvisoError(
                .calendar, file: file, line: open.line,
                "expected END:\(open.name) for the BEGIN:\(open.name) on this line, found the end of the file",
                hint: "the file looks truncated")
        }
        var holidays: [Day: String] = [:]
        for (day, summary, eventLine) in eventDays {
            if let years = declared, !years.contains(day.year) {
                throw AvisoError(
                    .calendar, file: file, line: eventLine,
                    "expected an event in the declared years (\(describe(years)), line \(declarationLine)), found \(day.iso)",
                    hint: "widen the X-COVERS line or remove the event")
            }
            add(day, summary, to: &holidays)
        }
        return try finish(name: name, file: file, declared: declared, holidays: holidays, covers: "`X-COVERS:YYYY-YYYY`")
    }

    /// The properties of one VEVENT seen so far, each with its line.
    private struct PendingEvent {
        var line: Int
        var start: (Property, Int)? = nil
        var end: (Property, Int)? = nil
        var duration: (Property, Int)? = nil
        var summary: (Property, Int)? = nil
        var cancelled = false
    }

    /// A content line split into upper-cased name, raw parameters and value.
    private struct Property {
        var name: String
        var parameters: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
    }

    /// A logical (unfolded) line and the physical line it starts on.
    private struct LogicalLine {
        var text: ArraySlice<UInt8>
        var number: Int
    }

    /// The days of a finished VEVENT with its name; none for a cancelled one.
    private static func days(of event: PendingEvent, file: String) throws(AvisoError) -> [(Day, String)] {
        guard !event.cancelled else { return [] }
        guard let (startProperty, startLine) = event.start else {
            throw AvisoError(
                .calendar, file: file, line: event.line,
                "expected a DTSTART in the VEVENT that starts on this line, found none",
                hint: "give each event DTSTART;VALUE=DATE:YYYYMMDD")
        }
        let first = try allDayDate(startProperty, file: file, line: startLine)
        var days = 1
        if let (endProperty, endLine) = event.end {
            if let (_, durationLine) = event.duration {
                throw AvisoError(
                    .calendar, file: file, line: durationLine,
                    "expected DTEND or DURATION in one event, found both",
                    hint: "keep only DTEND")
            }
            let end = try allDayDate(endProperty, file: file, line: endLine)
            guard end >= first else {
                throw AvisoError(
                    .calendar, file: file, line: endLine,
                    "expected DTEND on or after DTSTART \(first.iso), found \(end.iso)",
                    hint: "DTEND is the day after the event's last day")
            }
            // DTEND is exclusive; DTEND = DTSTART is taken as a one-day event.
            days = max(end - first, 1)
        } else if let (durationProperty, durationLine) = event.duration {
            days = try durationDays(durationProperty.value, file: file, line: durationLine)
        }
        guard days <= maxEventDays else {
            throw AvisoError(
                .calendar, file: file, line: event.line,
                "expected an event of at most \(maxEventDays) days, found \(days) days from \(first.iso)",
                hint: "check DTEND; it is the day after the event's last day")
        }
        let summary: String
        if let (summaryProperty, summaryLine) = event.summary {
            summary = try decodedName(unescapeText(summaryProperty.value)[...], file: file, line: summaryLine)
        } else {
            summary = unnamedHoliday
        }
        return (0..<days).map { (first + $0, summary) }
    }

    /// An all-day date property: `;VALUE=DATE:YYYYMMDD` or a bare `:YYYYMMDD`.
    private static func allDayDate(_ property: Property, file: String, line: Int) throws(AvisoError) -> Day {
        let value = trimmed(property.value)
        let parameters = upper(property.parameters)
        var day: Day? = nil
        if value.count == 8, value.allSatisfy({ $0 >= 48 && $0 <= 57 }), !parameters.contains("VALUE=DATE-TIME") {
            let digits = value.map { Int($0 - 48) }
            let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
            day = Day(year: year, month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
        }
        guard let day else {
            throw AvisoError(
                .calendar, file: file, line: line,
                "expected an all-day date \(property.name);VALUE=DATE:YYYYMMDD, found \(quoted(value))",
                hint: "holiday calendars hold all-day events only")
        }
        return day
    }

    /// `P3D`, `P1W` (an optional leading `+`): the number of days, at least one.
    private static func durationDays(_ raw: ArraySlice<UInt8>, file: String, line: Int) throws(AvisoError) -> Int {
        var value = upper(trimmed(raw))
        if value.hasPrefix("+") { value.removeFirst() }
        let body = value.dropFirst()
        if value.first == "P", let unit = body.last, unit == "D" || unit == "W",
           body.count >= 2, body.count <= 5, let count = Int(body.dropLast()), count >= 1 {
            return unit == "W" ? count * 7 : count
        }
        throw AvisoError(
            .calendar, file: file, line: line,
            "expected an all-day DURATION such as P1D or P2W, found \(quoted(raw))",
            hint: "use DTEND;VALUE=DATE with the day after the last day instead")
    }

    /// Splits bytes into logical lines: LF or CRLF ends a line, and a line starting with a space
    /// or tab continues the previous one without that first character (RFC 5545 §3.1).
    private static func unfold(_ bytes: [UInt8]) -> [LogicalLine] {
        var lines: [LogicalLine] = []
        var current: [UInt8] = []
        var currentNumber = 0
        var number = 0
        var start = bomLength(bytes)
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            start = end + 1
            if line.last == 0x0D { line = line.dropLast() }
            if let first = line.first, first == 0x20 || first == 0x09, currentNumber > 0 {
                current.append(contentsOf: line.dropFirst())
                continue
            }
            if currentNumber > 0 { lines.append(LogicalLine(text: current[...], number: currentNumber)) }
            current = Array(line)
            currentNumber = number
        }
        if currentNumber > 0 { lines.append(LogicalLine(text: current[...], number: currentNumber)) }
        return lines
    }

    /// `NAME;PARAM=…:value` split at the first colon outside a quoted parameter value; nil for a
    /// blank line.
    private static func contentLine(_ line: LogicalLine, file: String) throws(AvisoError) -> Property? {
        let text = line.text
        guard !trimmed(text).isEmpty else { return nil }
        var inQuotes = false
        var nameEnd: Int? = nil
        var colon: Int? = nil
        for i in text.indices {
            let byte = text[i]
            if byte == 0x22 { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: ";"), nameEnd == nil { nameEnd = i }
            if byte == UInt8(ascii: ":") {
                colon = i
                break
            }
        }
        guard let colon else {
            throw AvisoError(
                .calendar, file: file, line: line.number,
                "expected a content line NAME:value, found \(quoted(text))",
                hint: "continuation lines of a folded line start with a space")
        }
        let nameStop = nameEnd ?? colon
        let parameters = nameStop < colon ? text[(nameStop + 1)..<colon] : text[colon..<colon]
        return Property(
            name: upper(trimmed(text[text.startIndex..<nameStop])),
            parameters: parameters,
            value: text[(colon + 1)...])
    }

    /// RFC 5545 TEXT unescaping: `\,` `\;` `\\` and `\n` (as a space: names are one line).
    private static func unescapeText(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = value.startIndex
        while i < value.endIndex {
            let byte = value[i]
            if byte == 0x5C, i + 1 < value.endIndex {
                let next = value[i + 1]
                out.append(next == UInt8(ascii: "n") || next == UInt8(ascii: "N") ? 0x20 : next)
                i += 2
                continue
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    private static func startsWithVCalendar(_ bytes: [UInt8]) -> Bool {
        var i = bomLength(bytes)
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        let marker = Array("BEGIN:VCALENDAR".utf8)
        guard bytes.count - i >= marker.count else { return false }
        return upper(bytes[i..<(i + marker.count)]) == "BEGIN:VCALENDAR"
    }

    // MARK: - Shared

    /// The coverage and the calendar, or an error when the file covers no year at all (it would
    /// make every date uncovered).
    private static func finish(name: String, file: String, declared: Set<Int>?, holidays: [Day: String],
                               covers: String) throws(AvisoError) -> HolidayCalendar {
        let years = declared ?? Set(holidays.keys.map(\.year))
        guard !years.isEmpty else {
            throw AvisoError(
                .calendar, file: file,
                "expected holidays or a declaration of the years covered, found neither",
                hint: "declare the years with \(covers), even if they have no holiday")
        }
        return HolidayCalendar(name: name, coveredYears: years, holidays: holidays)
    }

    private static func add(_ day: Day, _ name: String, to holidays: inout [Day: String]) {
        guard let existing = holidays[day] else {
            holidays[day] = name
            return
        }
        let names = existing.split(separator: HolidayCalendar.nameSeparator).map(String.init)
        if !names.contains(name) { holidays[day] = existing + HolidayCalendar.nameSeparator + name }
    }

    /// The text after `#` when it is a covers declaration (`covers:` or `covers` then a digit,
    /// any case), else nil.
    private static func coversDeclaration(_ comment: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let text = trimmed(comment)
        let word = Array("covers".utf8)
        guard text.count > word.count, upper(text.prefix(word.count)) == "COVERS" else { return nil }
        var rest = trimmed(text.dropFirst(word.count))
        if rest.first == UInt8(ascii: ":") {
            rest = rest.dropFirst()
        } else if !(rest.first.map { $0 >= 48 && $0 <= 57 } ?? false) {
            return nil
        }
        return rest
    }

    /// `2026`, `2026-2027`, or a comma-separated list of both.
    private static func coveredYears(_ raw: ArraySlice<UInt8>, file: String, line: Int, what: String) throws(AvisoError) -> Set<Int> {
        var years: Set<Int> = []
        for piece in raw.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let parts = trimmed(piece).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            let bounds = parts.map { year(trimmed($0)) }
            guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low <= high else {
                throw AvisoError(
                    .calendar, file: file, line: line,
                    "expected \(what) years as YYYY or YYYY-YYYY (first ≤ last), found \(quoted(trimmed(raw)))",
                    hint: "e.g. \(what) 2026-2027")
            }
            years.formUnion(low...high)
        }
        return years
    }

    private static func year(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        return value >= 1 ? value : nil
    }

    /// Exactly `YYYY-MM-DD`, a real date.
    private static func isoDate(_ field: ArraySlice<UInt8>) -> Day? {
        guard field.count == 10, field[field.startIndex + 4] == UInt8(ascii: "-") else { return nil }
        return DateField.parse(field)
    }

    /// A holiday name from bytes: valid UTF-8 required; empty gives `unnamedHoliday`.
    private static func decodedName(_ bytes: ArraySlice<UInt8>, file: String, line: Int) throws(AvisoError) -> String {
        let text = trimmed(bytes)
        guard !text.isEmpty else { return unnamedHoliday }
        var iterator = text.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break decoding
            case .error:
                throw AvisoError(
                    .calendar, file: file, line: line,
                    "expected a holiday name in UTF-8, found invalid bytes",
                    hint: "save the calendar file as UTF-8")
            }
        }
        return String(scalars)
    }

    private static func readFile(_ path: String) throws(AvisoError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AvisoError(.calendar, file: path, "expected a readable holiday calendar file, found: \(reason)",
                             hint: "check the --holidays path")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { POSIXIO.read(fd, into: $0.baseAddress!, count: $0.count) }
            if count < 0 {
                let reason = String(cString: strerror(errno))
                throw AvisoError(.calendar, file: path, "expected a readable holiday calendar file, found: \(reason)",
                                 hint: "check the --holidays path")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxFileBytes else {
                throw AvisoError(.calendar, file: path, "expected a holiday calendar of at most \(maxFileBytes >> 20) MiB, found a larger file",
                                 hint: "check the --holidays path")
            }
        }
        return bytes
    }

    private static func bomLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes
        while let first = s.first, first == 0x20 || first == 0x09 { s = s.dropFirst() }
        while let last = s.last, last == 0x20 || last == 0x09 { s = s.dropLast() }
        return s
    }

    private static func upper<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    private static func describe(_ years: Set<Int>) -> String {
        HolidayCalendar(name: "", coveredYears: years, holidays: [:]).coveredDescription
    }

    /// Found text for a message: in quotes, at most 40 characters.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        "\"" + clip(String(decoding: bytes, as: UTF8.self)) + "\""
    }

    private static func clip(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
