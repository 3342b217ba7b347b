import ArgumentParser
import AvisoCore

@main
struct Aviso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aviso",
        abstract: "Decides and writes the day's billing notifications."
    )

    func run() throws {}
}
