/// `GeneratorVocabulary` turned into bytes once, before any record is written: every text value
/// already escaped for the export's format, and the ASCII-folded lower-case spellings that
/// e-mail addresses are built from. The record loops then only copy bytes.
struct EncodedVocabulary {
    /// One city's values, encoded.
    struct City {
        let name: [UInt8]
        let state: [UInt8]
        let stateIndex: Int
        let ddd: Int
        let cepLow: Int
        let cepHigh: Int
        let streets: [[UInt8]]
        let neighbourhoods: [[UInt8]]
    }

    let cities: [City]
    /// 1024 city indices spread by weight, so a city is one table look-up away.
    let cityByWeight: [Int]
    /// Given names (female then male), as written and folded for e-mail addresses.
    let givenNames: [[UInt8]]
    let givenFolded: [[UInt8]]
    let surnames: [[UInt8]]
    let surnamesFolded: [[UInt8]]
    let emailDomains: [[UInt8]]
    let descriptions: [[UInt8]]
    let complements: [[UInt8]]
    /// Business names (kind, name, suffix combined) and their folded slugs for e-mail domains.
    let businessNames: [[UInt8]]
    let businessSlugs: [[UInt8]]

    init(layout: RecordLayout) {
        let vocabulary = GeneratorVocabulary.self
        var states: [String] = []
        cities = vocabulary.cities.map { city in
            if !states.contains(city.state) { states.append(city.state) }
            return City(
                name: layout.encode(city.name), state: Array(city.state.utf8),
                stateIndex: states.firstIndex(of: city.state)!, ddd: city.ddd,
                cepLow: city.cepLow, cepHigh: city.cepHigh,
                streets: city.streets.map(layout.encode), neighbourhoods: city.neighbourhoods.map(layout.encode)
            )
        }
        let totalWeight = vocabulary.cities.reduce(0) { $0 + $1.weight }
        var table: [Int] = []
        var cumulative = 0
        for (index, city) in vocabulary.cities.enumerated() {
            cumulative += city.weight
            while table.count < cumulative * 1024 / totalWeight { table.append(index) }
        }
        while table.count < 1024 { table.append(0) }
        cityByWeight = table
        let given = vocabulary.femaleNames + vocabulary.maleNames
        givenNames = given.map(layout.encode)
        givenFolded = given.map(EncodedVocabulary.fold)
        surnames = vocabulary.surnames.map(layout.encode)
        surnamesFolded = vocabulary.surnames.map(EncodedVocabulary.fold)
        emailDomains = vocabulary.emailDomains.map { Array($0.utf8) }
        descriptions = vocabulary.descriptions.map(layout.encode)
        complements = vocabulary.complements.map(layout.encode)
        var names: [[UInt8]] = []
        var slugs: [[UInt8]] = []
        for suffix in vocabulary.businessSuffixes {
            for kind in vocabulary.businessKinds {
                for name in vocabulary.businessNames {
                    names.append(layout.encode(kind + " " + name + suffix))
                    slugs.append(EncodedVocabulary.fold(name))
                }
            }
        }
        businessNames = names
        businessSlugs = slugs
    }

    /// Lower-case ASCII letters only: accents dropped, everything else left out
    /// (`"Conceição"` → `conceicao`, `"Vida & Saúde"` → `vidasaude`).
    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.lowercased().unicodeScalars {
            let base: Character?
            switch scalar {
            case "á", "à", "â", "ã", "ä": base = "a"
            case "é", "è", "ê", "ë": base = "e"
            case "í", "ì", "î", "ï": base = "i"
            case "ó", "ò", "ô", "õ", "ö": base = "o"
            case "ú", "ù", "û", "ü": base = "u"
            case "ç": base = "c"
            case "a"..."z", "0"..."9": base = Character(scalar)
            default: base = nil
            }
            if let base { out.append(base.asciiValue!) }
        }
        return out
    }
}
