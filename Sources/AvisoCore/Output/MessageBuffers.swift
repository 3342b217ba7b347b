/// Reusable byte buffers for composing messages one after another without allocating: the
/// composed parts (`first`: email subject, SMS text or voice script; `second`: email text) and
/// scratch space for the steps in between.
struct MessageBuffers {
    /// The email subject, the SMS text or the voice script.
    var first: [UInt8] = []
    /// The email text.
    var second: [UInt8] = []
    /// Scratch: the rendered template.
    var rendered: [UInt8] = []
    /// Scratch: the rendered text cleaned up.
    var cleaned: [UInt8] = []
    /// Scratch for the clean-up steps.
    var work: [UInt8] = []
    /// The skeletons this thread has rendered from (see `TemplateSkeletons.ThreadCache`).
    var skeletons = TemplateSkeletons.ThreadCache()
    /// The text buffer of the last message's context, to copy the next one's texts into.
    var contextTexts: [UInt8] = []
}
