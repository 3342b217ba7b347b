/// A message context as the run keeps it from the reading of its charge to the writing of its
/// messages: its six texts packed in one buffer (`PackedText`) beside its numbers. That is 40
/// bytes and one allocation, where a `MessageContext` is 176 bytes and up to six strings of
/// their own; a run of 10M charges keeps some 600k contexts until it writes. The slot key and
/// recipient are each message's own (`MessageReference`), not the context's.
struct PackedMessageContext: Sendable {
    /// The texts' places in `texts`.
    enum Field {
        static let customerName = 0, accountName = 1, invoiceUrl = 2, bankSlipUrl = 3
        static let identificationField = 4, description = 5, count = 6
    }
    // `Int32.min` stands for nil in the two day counts.
    private static let absent = Int32.min

    /// The six texts (see `Field`); an empty text is told from a missing one.
    let texts: PackedText
    /// The charge's face value in centavos.
    let value: Int64
    /// The charge's due date.
    let dueDate: Day
    /// The run date.
    let runDate: Day
    /// The pay date of a paid charge.
    let payDate: Day?
    private let daysUntilDueValue: Int32
    private let daysOverdueValue: Int32

    /// Days from the run date to the due date (before-due messages).
    var daysUntilDue: Int? { Self.unpacked(daysUntilDueValue) }
    /// Days from the due date to the run date (overdue messages).
    var daysOverdue: Int? { Self.unpacked(daysOverdueValue) }

    /// Packs `context` (all but its slot key and recipient).
    init(_ context: MessageContext) {
        texts = PackedText([context.customerName, context.accountName, context.invoiceUrl, context.bankSlipUrl,
                            context.identificationField, context.description])
        value = context.value
        dueDate = context.dueDate
        runDate = context.runDate
        payDate = context.payDate
        daysUntilDueValue = Self.packed(context.daysUntilDue)
        daysOverdueValue = Self.packed(context.daysOverdue)
    }

    /// The context a charge's messages share on `runDate`, packed from the bytes of the charge's
    /// and the customer's texts (no `String` is made for it).
    init(charge: Charge, customer: Customer, account: Account, runDate: Day) {
        // Read in place: a copy of the name (to call `withUTF8` on) was a retain and a release
        // of a string every charge of the account shares, on both decoding threads.
        texts = account.withNameBytes { accountBytes in
            PackedText(fieldCount: Field.count) { field, body in
                switch field {
                case Field.customerName:
                    // `Customer.name` is "" when the row has none.
                    customer.text.withBytes(Customer.TextField.name) { body($0 ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
                case Field.accountName: body(accountBytes)
                case Field.invoiceUrl: charge.text.withBytes(Charge.TextField.invoiceUrl, body)
                case Field.bankSlipUrl: charge.text.withBytes(Charge.TextField.bankSlipUrl, body)
                case Field.identificationField: charge.text.withBytes(Charge.TextField.identificationField, body)
                default: charge.text.withBytes(Charge.TextField.description, body)
                }
            }
        }
        value = charge.value
        dueDate = charge.dueDate
        self.runDate = runDate
        payDate = charge.payDate
        daysUntilDueValue = charge.dueDate >= runDate ? charge.dueDate.number - runDate.number : Self.absent
        daysOverdueValue = runDate > charge.dueDate ? runDate.number - charge.dueDate.number : Self.absent
    }

    /// Bytes `writeNumbers(to:)` writes: everything but the texts.
    static let numbersByteCount = 29

    /// Writes the context's numbers (`numbersByteCount` bytes, native byte order: they are read
    /// back by the same process) at `target`; the texts are `withTextStorage`'s bytes.
    func writeNumbers(to target: UnsafeMutableRawPointer) {
        target.storeBytes(of: value, toByteOffset: 0, as: Int64.self)
        target.storeBytes(of: dueDate.number, toByteOffset: 8, as: Int32.self)
        target.storeBytes(of: runDate.number, toByteOffset: 12, as: Int32.self)
        target.storeBytes(of: payDate?.number ?? 0, toByteOffset: 16, as: Int32.self)
        target.storeBytes(of: daysUntilDueValue, toByteOffset: 20, as: Int32.self)
        target.storeBytes(of: daysOverdueValue, toByteOffset: 24, as: Int32.self)
        target.storeBytes(of: payDate == nil ? 0 : 1, toByteOffset: 28, as: UInt8.self)
    }

    /// Calls `body` with the packed bytes of the context's texts.
    func withTextStorage<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try texts.withStorage(body)
    }

    /// The context whose numbers `writeNumbers(to:)` wrote and whose texts `withTextStorage`
    /// showed, its texts copied into `spare` when it is given and unshared.
    init(numbers: UnsafeRawBufferPointer, textStorage: UnsafeRawBufferPointer, reusing spare: consuming [UInt8] = []) {
        precondition(numbers.count == Self.numbersByteCount, "a context's numbers are \(Self.numbersByteCount) bytes")
        texts = PackedText(storage: textStorage, reusing: consume spare)
        value = numbers.loadUnaligned(fromByteOffset: 0, as: Int64.self)
        dueDate = Day(number: numbers.loadUnaligned(fromByteOffset: 8, as: Int32.self))
        runDate = Day(number: numbers.loadUnaligned(fromByteOffset: 12, as: Int32.self))
        payDate = numbers[28] == 0 ? nil : Day(number: numbers.loadUnaligned(fromByteOffset: 16, as: Int32.self))
        daysUntilDueValue = numbers.loadUnaligned(fromByteOffset: 20, as: Int32.self)
        daysOverdueValue = numbers.loadUnaligned(fromByteOffset: 24, as: Int32.self)
    }

    /// The context a message is composed from: this one with the message's slot key and recipient.
    func context(slotKey: String, recipient: Recipient) -> MessageContext {
        MessageContext(
            slotKey: slotKey, recipient: recipient, customerName: texts.string(Field.customerName) ?? "",
            accountName: texts.string(Field.accountName) ?? "", value: value, dueDate: dueDate, payDate: payDate,
            invoiceUrl: texts.string(Field.invoiceUrl), bankSlipUrl: texts.string(Field.bankSlipUrl),
            identificationField: texts.string(Field.identificationField), description: texts.string(Field.description),
            daysUntilDue: daysUntilDue, daysOverdue: daysOverdue, runDate: runDate
        )
    }

    private static func packed(_ days: Int?) -> Int32 {
        guard let days else { return absent }
        guard let packed = Int32(exactly: days), packed != absent else {
            preconditionFailure("a day count of \(days) is outside what a context keeps (32 bits)")
        }
        return packed
    }

    private static func unpacked(_ days: Int32) -> Int? {
        days == absent ? nil : Int(days)
    }
}
