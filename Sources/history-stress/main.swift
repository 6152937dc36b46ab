// history-stress: drives a HistoryStore from a separate process, for the concurrency,
// crash-safety and performance tests of the history (and for the benchmark script).
//
//   history-stress append   --history PATH --count N [--tag T] [--server URL] [--journal-limit N]
//                           [--print-ids] [--file-size-limit BYTES]
//   history-stress generate --history PATH --count N [--server URL]
//   history-stress load     --history PATH
//   history-stress bench    --history PATH [--runs N]
//
// append    appends N entries one by one (each its own locked, fsynced write), named
//           "<tag>-<i>"; with --print-ids, prints each entryId once its append returned.
// generate  writes N realistic entries in one go and folds them into history.json.
// load      prints the number of entries, then one line per store warning.
// bench     times load() of the whole history (wall clock and CPU time, the array's
//           release not included) and append() of one entry, --runs times each, and
//           prints the medians and ranges in milliseconds.
//
// --file-size-limit sets RLIMIT_FSIZE, so that writing a file past BYTES fails with EFBIG
// the way writing to a full disk fails with ENOSPC (SIGXFSZ is ignored for that).
//
// Exit status: 0 done, 1 a history error (message on stderr), 2 bad arguments.
// Warnings of the store are printed on stderr, prefixed "warning: ".

import AssetCore
import Foundation
import MarketplaceAPI

#if canImport(Glibc)
import Glibc
#endif

/// The parsed command line and what to do with it.
struct HistoryStress {
    var command: String
    var options: [String: String] = [:]
    var flags: Set<String> = []

    init(arguments: [String]) {
        var arguments = arguments
        guard let command = arguments.first else {
            Self.fail("usage: history-stress append|generate|load|bench --history PATH [options]", status: 2)
        }
        self.command = command
        arguments.removeFirst()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { Self.fail("unexpected argument \(argument)", status: 2) }
            let name = String(argument.dropFirst(2))
            if name == "print-ids" {
                flags.insert(name)
                index += 1
                continue
            }
            guard index + 1 < arguments.count else { Self.fail("\(argument) needs a value", status: 2) }
            options[name] = arguments[index + 1]
            index += 2
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data(("history-stress: " + message + "\n").utf8))
        exit(status)
    }

    static func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func integer(_ name: String, default value: Int? = nil) -> Int {
        guard let text = options[name] else {
            if let value { return value }
            Self.fail("--\(name) is required", status: 2)
        }
        guard let number = Int(text), number >= 0 else { Self.fail("--\(name) must be a whole number", status: 2) }
        return number
    }

    var server: String { options["server"] ?? "https://stress.invalid" }

    /// A realistic entry: artifacts with details, links and checksums; images with their answer.
    func sampleEntry(_ number: Int, tag: String) -> HistoryEntry {
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

    func run() throws {
        guard let path = options["history"] else { Self.fail("--history PATH is required", status: 2) }
        if options["file-size-limit"] != nil {
            let bytes = rlim_t(integer("file-size-limit"))
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { Self.fail("cannot set the file size limit", status: 2) }
        }
        let store = HistoryStore(path: path, journalLimit: integer("journal-limit", default: HistoryStore.defaultJournalLimit))
        switch command {
        case "append":
            let count = integer("count")
            let tag = options["tag"] ?? "entry-\(getpid())"
            for number in 0..<count {
                let entry = sampleEntry(number, tag: tag)
                try store.append(entry)
                if flags.contains("print-ids") { Self.output(entry.entryId.uuidString) }
            }
            for warning in store.takeWarnings() {
                FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8))
            }
        case "generate":
            let count = integer("count")
            var batch: [HistoryEntry] = []
            for number in 0..<count {
                batch.append(sampleEntry(number, tag: options["tag"] ?? "generated"))
                if batch.count == 10_000 {
                    try store.append(contentsOf: batch)
                    batch.removeAll()
                }
            }
            try store.append(contentsOf: batch)
            try store.compact()
        case "load":
            let entries = try store.load()
            Self.output("\(entries.count)")
            for warning in store.warnings { Self.output(warning) }
        case "bench":
            let runs = Swift.max(integer("runs", default: 5), 1)
            var loads: [Double] = []
            var loadCPU: [Double] = []
            var appends: [Double] = []
            var count = 0
            for run in 0..<runs {
                var entries: [HistoryEntry] = []
                let cpuBefore = Self.cpuMilliseconds()
                loads.append(try Self.milliseconds { entries = try store.load() })
                loadCPU.append(Self.cpuMilliseconds() - cpuBefore)
                count = entries.count
                entries = []
                let entry = sampleEntry(run, tag: "bench")
                appends.append(try Self.milliseconds { try store.append(entry) })
            }
            Self.output("entries: \(count)")
            Self.output("load: " + Self.summary(loads) + "; CPU " + Self.summary(loadCPU))
            Self.output("append one: " + Self.summary(appends))
        default:
            Self.fail("unknown command \(command): use append, generate, load or bench", status: 2)
        }
    }

    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// CPU time of the process (all threads, user and system) in milliseconds.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
        let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
        return user + system
    }

    static func summary(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return String(format: "median %.1f ms (min %.1f, max %.1f, %d runs)", median, sorted.first!, sorted.last!, sorted.count)
    }
}

signal(SIGXFSZ, SIG_IGN)
do {
    try HistoryStress(arguments: Array(CommandLine.arguments.dropFirst())).run()
} catch let error as AssetError {
    HistoryStress.fail(error.message, status: 1)
} catch {
    HistoryStress.fail("\(error)", status: 1)
}
