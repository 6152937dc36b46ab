// history-stress: drives a HistoryStore from a separate process, for the concurrency,
// crash-safety and performance tests of the history and for scripts/bench.
// `history-stress --help` lists the subcommands. Exit status: 0 done, 1 a history error
// (message on stderr), 64 bad arguments. The store's warnings go to stderr as "warning: ".

import ArgumentParser
import AssetCore
import Foundation
import MarketplaceAPI

struct HistoryStress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history-stress",
        abstract: "Drive a marketplace-assets history from its own process.",
        subcommands: [Append.self, Generate.self, Bench.self])
}

/// The options every subcommand takes.
struct Target: ParsableArguments {
    @Option(help: "The history file.")
    var history: String

    @Option(help: "The server URL the entries are filed under.")
    var server = "https://stress.invalid"

    /// Entries are named "<tag>-<number>".
    @Option(help: "The name prefix of the entries.")
    var tag = "entry-\(getpid())"

    /// Runs `body` with the store, then prints the store's warnings.
    func withStore<T>(_ body: (HistoryStore) throws -> T) rethrows -> T {
        let store = HistoryStore(path: history)
        defer { for warning in store.takeWarnings() { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) } }
        return try body(store)
    }

    /// A realistic entry: artifacts with details, links and checksums; images with their answer.
    func sampleEntry(_ number: Int) -> HistoryEntry {
        let name = "\(tag)-\(number)"
        if number % 2 == 0 {
            let artifactId = UUID().uuidString.lowercased()
            let checksum = "sha512:" + String(repeating: String(format: "%02x", number % 256), count: 64)
            let artifact = Artifact(
                fileInfo: FileInfo(logicalFileName: name + ".jar", size: 1_048_576 + Int64(number), checksum: checksum),
                details: ArtifactDetails(
                    key: "com.example.\(tag)", name: name, version: "1.0.\(number)", licensingEnabled: true,
                    dataCenterCompatible: true, addOnType: "two", remotable: false, dataCenterStatus: "compatible",
                    editionsEnabled: false),
                links: ArtifactLinks(
                    selfLink: Link(href: "/rest/3/artifacts/\(artifactId)"),
                    binary: Link(href: "/rest/3/artifacts/\(artifactId)/download")))
            return HistoryEntry(
                kind: .artifact, id: artifactId, name: name + ".jar", mimeType: "application/java-archive",
                size: artifact.fileInfo.size, localPath: "/home/user/build/\(name).jar", checksum: checksum, verified: true,
                artifact: artifact, serverURL: server, createdAt: HistoryStore.now())
        }
        let imageId = "img-\(UUID().uuidString.lowercased())"
        return HistoryEntry(
            kind: .image, id: imageId, imageType: "screenshot", name: name + ".png", mimeType: "image/png", size: 48_213,
            localPath: "/home/user/images/\(name).png",
            image: ImageAsset(id: imageId, mimeType: "image/png", name: name + ".png", size: 48_213),
            serverURL: server, createdAt: HistoryStore.now())
    }
}

extension HistoryStress {
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append entries one by one, each its own locked, fsynced write.")

        @OptionGroup var target: Target

        @Option(help: "How many entries.")
        var count: Int

        @Flag(help: "Print each entryId once its append returned.")
        var printIds = false

        @Option(help: "Set RLIMIT_FSIZE, so that a file growing past BYTES fails with EFBIG as a full disk fails with ENOSPC.")
        var fileSizeLimit: UInt64?

        func run() throws {
            if let fileSizeLimit {
                signal(SIGXFSZ, SIG_IGN)
                var limit = rlimit(rlim_cur: rlim_t(fileSizeLimit), rlim_max: rlim_t(fileSizeLimit))
                guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { throw ValidationError("cannot set the file size limit") }
            }
            try target.withStore { store in
                for number in 0..<count {
                    let entry = target.sampleEntry(number)
                    try run(store.append(entry))
                    // Unbuffered: a writer killed right after must still have printed it.
                    if printIds { FileHandle.standardOutput.write(Data((entry.entryId.uuidString + "\n").utf8)) }
                }
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a history of COUNT entries in one go.")

        @OptionGroup var target: Target

        @Option(help: "How many entries.")
        var count: Int

        func run() throws {
            try target.withStore { try run($0.append(contentsOf: (0..<count).map(target.sampleEntry))) }
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time load() of the whole history, append() of one entry and update() of one, RUNS times each; print median, min and max in ms.")

        @OptionGroup var target: Target

        @Option(help: "How many times each operation is timed.")
        var runs = 5

        func run() throws {
            try target.withStore { store in
                var loads: [Double] = [], appends: [Double] = [], updates: [Double] = []
                var count = 0
                for number in 0..<max(runs, 1) {
                    loads.append(try milliseconds { count = try run(store.load()).count })
                    let entry = target.sampleEntry(number)
                    appends.append(try milliseconds { try run(store.append(entry)) })
                    updates.append(try milliseconds { _ = try run(store.update(where: { $0.entryId == entry.entryId }) { $0.refreshedAt = HistoryStore.now() }) })
                }
                print("entries: \(count)")
                print("load: " + summary(loads))
                print("append one: " + summary(appends))
                print("update one: " + summary(updates))
            }
        }

        private func milliseconds(_ body: () throws -> Void) rethrows -> Double {
            try ContinuousClock().measure(body) / .milliseconds(1)
        }

        /// "median M ms (min A, max B, N runs); slowest: run K": K tells a periodic spike (always
        /// the same run) from a disk's passing stall.
        private func summary(_ samples: [Double]) -> String {
            let sorted = samples.sorted()
            let median = (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
            let slowest = samples.firstIndex(of: sorted.last!)! + 1
            return String(format: "median %.1f ms (min %.1f, max %.1f, %d runs); slowest: run %d", median, sorted.first!, sorted.last!, sorted.count, slowest)
        }
    }
}

extension ParsableCommand {
    /// The value of a store call; its `AssetError` ends the process with status 1 and the message.
    func run<T>(_ value: @autoclosure () throws(AssetError) -> T) throws -> T {
        do {
            return try value()
        } catch {
            FileHandle.standardError.write(Data(("history-stress: " + error.message + "\n").utf8))
            throw ExitCode.failure
        }
    }
}

HistoryStress.main()
