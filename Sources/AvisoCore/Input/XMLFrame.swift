/// What frames every chunk of an XML export: the file's prolog and the root's end tag.
struct XMLFrame: Sendable {
    /// The file's bytes up to and including the root element's start tag.
    let prolog: [UInt8]
    /// `</name>` for the root's name as its start tag spells it.
    let closingTag: [UInt8]
    /// Line feeds in `prolog`: the prolog's last byte is on line `prologLineFeeds + 1`.
    let prologLineFeeds: Int
}
