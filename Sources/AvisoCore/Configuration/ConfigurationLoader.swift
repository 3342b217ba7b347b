import Foundation

/// Reads a run configuration from JSON. Every key is optional and merges with the defaults;
/// an unknown key or a value of the wrong kind or range is an error naming the key path.
public enum ConfigurationLoader {
    /// The Brazilian states (UF), for `deliveryBusinessDays.byState`.
    public static let states: Set<String> = [
        "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB",
        "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
    ]

    /// Loads a configuration file.
    public static func load(path: String) throws -> RunConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AvisoError(.usage, file: path, "cannot read the configuration file", hint: "check the --config path")
        }
        return try parse(data, source: path)
    }

    /// Parses configuration JSON; `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws -> RunConfiguration {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw AvisoError(.usage, file: source, "the configuration is not valid JSON", hint: "check commas, quotes and braces")
        }
        guard let root = parsed as? [String: Any] else {
            throw AvisoError(.usage, file: source, "the configuration must be a JSON object")
        }
        var config = RunConfiguration()
        func fail(_ key: String, _ expected: String, _ value: Any) -> AvisoError {
            AvisoError(.usage, file: source, "configuration key '\(key)': expected \(expected), found \(describe(value))")
        }
        func integer(_ key: String, _ value: Any, _ range: ClosedRange<Int>) throws -> Int {
            guard let number = value as? NSNumber, !isBoolean(number),
                  let exact = Int(exactly: number.doubleValue), range.contains(exact),
                  number.doubleValue == Double(exact) else {
                throw fail(key, "a whole number from \(range.lowerBound) to \(range.upperBound)", value)
            }
            return exact
        }
        func object(_ key: String, _ value: Any) throws -> [String: Any] {
            guard let dict = value as? [String: Any] else { throw fail(key, "an object", value) }
            return dict
        }
        for key in root.keys.sorted() {
            let value = root[key]!
            switch key {
            case "timeZone":
                guard let name = value as? String, TimeZone(identifier: name) != nil else {
                    throw fail(key, "an IANA time zone name such as \"America/Sao_Paulo\"", value)
                }
                config.timeZone = name
            case "mailingWindowDays":
                config.mailingWindowDays = try integer(key, value, 0...365)
            case "maxOverdueRepeats":
                config.maxOverdueRepeats = try integer(key, value, 0...1000)
            case "maxRejectRatio":
                guard let number = value as? NSNumber, !isBoolean(number), (0...1).contains(number.doubleValue) else {
                    throw fail(key, "a number from 0 to 1", value)
                }
                config.maxRejectRatio = number.doubleValue
            case "deliveryBusinessDays":
                let dict = try object(key, value)
                for inner in dict.keys.sorted() {
                    let innerValue = dict[inner]!
                    switch inner {
                    case "default":
                        config.deliveryBusinessDaysDefault = try integer("deliveryBusinessDays.default", innerValue, 0...120)
                    case "byState":
                        let byState = try object("deliveryBusinessDays.byState", innerValue)
                        for state in byState.keys.sorted() {
                            guard states.contains(state) else {
                                throw AvisoError(.usage, file: source, "configuration key 'deliveryBusinessDays.byState.\(state)': not a Brazilian state (UF)", hint: "use two-letter codes such as SP, RJ, AM")
                            }
                            config.deliveryBusinessDaysByState[state] = try integer("deliveryBusinessDays.byState.\(state)", byState[state]!, 0...120)
                        }
                    default:
                        throw unknown("deliveryBusinessDays.\(inner)", source, known: "default, byState")
                    }
                }
            case "fees":
                let dict = try object(key, value)
                for inner in dict.keys.sorted() {
                    let cents = Int64(try integer("fees.\(inner)", dict[inner]!, 0...100_000_000))
                    switch inner {
                    case "whatsapp": config.whatsappFee = cents
                    case "voice": config.voiceFee = cents
                    case "postal": config.postalFee = cents
                    default: throw unknown("fees.\(inner)", source, known: "whatsapp, voice, postal")
                    }
                }
            default:
                throw unknown(key, source, known: "timeZone, mailingWindowDays, deliveryBusinessDays, maxOverdueRepeats, fees, maxRejectRatio")
            }
        }
        return config
    }

    static func unknown(_ key: String, _ source: String, known: String) -> AvisoError {
        AvisoError(.usage, file: source, "unknown configuration key '\(key)'", hint: "known keys here: \(known)")
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        // JSON true/false arrive as NSNumber too; only their C type code ("c") tells them apart.
        String(cString: number.objCType) == "c"
    }

    static func describe(_ value: Any) -> String {
        if let s = value as? String { return "\"\(s)\"" }
        if value is [String: Any] { return "an object" }
        if value is [Any] { return "a list" }
        if value is NSNull { return "null" }
        if let number = value as? NSNumber, isBoolean(number) { return number.boolValue ? "true" : "false" }
        return "\(value)"
    }
}
