import Glibc

/// Finds the parts of a `multipart/form-data` body while it streams in, chunk by chunk.
///
/// Feed it the body's chunks in order (`feed`), then call `finish()`. It reports each part's
/// header block, the part's content as slices of the chunks it was given (no copy), and the
/// part's end. The delimiter (`CRLF--boundary`) is found with `memchr` on CR and `memcmp` on
/// the rest, so the hot path has no per-byte Swift loop; a delimiter split across two chunks
/// is found through a small carry of at most `delimiter.count - 1` bytes.
///
/// The body is read as if preceded by CRLF, so a delimiter at the very start matches, and a
/// preamble before the first delimiter (RFC 2046) is skipped, as is an epilogue after the last.
struct MultipartScanner {
    /// What the scanner found. `content` slices are only valid during the callback.
    enum Event {
        case partHeaders(MultipartPartHeaders)
        case content(UnsafeRawBufferPointer)
        case partEnd
    }

    enum State: Equatable {
        case preamble
        case delimiterLine
        case headers
        case content
        case epilogue
    }

    /// Largest header block of one part; a part with more is refused.
    static let maxHeaderBytes = 16 * 1024
    /// Transport padding allowed after a delimiter before its CRLF.
    static let maxPaddingBytes = 64

    /// `CRLF--boundary`.
    let delimiter: [UInt8]
    private(set) var state: State = .preamble
    /// A proper prefix of `delimiter` seen at the end of the previous chunk.
    private var carry: [UInt8]
    private var headerBytes: [UInt8] = []
    /// State of the delimiter line: `-` seen (closing delimiter), CR seen, padding count.
    private var sawDash = false
    private var sawCR = false
    private var paddingCount = 0
    private var partsSeen = 0

    /// - Parameter boundary: the `boundary` parameter of the request's `Content-Type`,
    ///   already checked by `MultipartBoundary.parse` (1–70 characters, no CR or LF).
    init(boundary: [UInt8]) {
        delimiter = [13, 10, 45, 45] + boundary
        carry = [13, 10]
    }

    /// Whether the closing delimiter has been seen.
    var isComplete: Bool { state == .epilogue }

    /// Scans one chunk of the body, reporting what it finds to `handler`.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handler: (Event) throws -> Void) throws {
        var input = chunk
        while !input.isEmpty {
            let consumed: Int
            switch state {
            case .preamble, .content:
                consumed = try scanContent(input, handler)
            case .delimiterLine:
                consumed = try scanDelimiterLine(input)
            case .headers:
                consumed = try scanHeaders(input, handler)
            case .epilogue:
                consumed = input.count
            }
            input = UnsafeRawBufferPointer(rebasing: input[consumed...])
        }
    }

    /// Checks that the body ended after its closing delimiter.
    func finish() throws {
        guard state == .epilogue else {
            throw MultipartError(partsSeen == 0
                ? "The request body is not multipart/form-data with the boundary its Content-Type names."
                : "The multipart body ended before its closing boundary.")
        }
    }

    // MARK: Content and preamble

    /// Reports content up to the next delimiter; returns the number of bytes consumed.
    private mutating func scanContent(_ input: UnsafeRawBufferPointer, _ handler: (Event) throws -> Void) throws -> Int {
        if !carry.isEmpty {
            let needed = delimiter.count - carry.count
            let available = Swift.min(needed, input.count)
            let continues = delimiter.withUnsafeBytes { delimiterBytes in
                memcmp(input.baseAddress!, delimiterBytes.baseAddress! + carry.count, available) == 0
            }
            if continues {
                if available == needed {
                    carry.removeAll(keepingCapacity: true)
                    try delimiterFound(handler)
                    return needed
                }
                carry.append(contentsOf: input)
                return input.count
            }
            // The carry was content after all. It holds one CR only (at its start: the
            // boundary has no CR), so no delimiter can start inside it.
            let previous = carry
            carry.removeAll(keepingCapacity: true)
            if state == .content {
                try previous.withUnsafeBytes { bytes in try handler(.content(bytes)) }
            }
        }

        let base = input.baseAddress!
        let count = input.count
        let delimiterCount = delimiter.count
        var searchFrom = 0
        while searchFrom < count {
            guard let found = memchr(base + searchFrom, 13, count - searchFrom) else { break }
            let position = base.distance(to: UnsafeRawPointer(found))
            let remaining = count - position
            let compared = Swift.min(remaining, delimiterCount)
            let matches = delimiter.withUnsafeBytes { memcmp(found, $0.baseAddress!, compared) == 0 }
            if matches {
                if position > 0, state == .content {
                    try handler(.content(UnsafeRawBufferPointer(rebasing: input[..<position])))
                }
                if remaining >= delimiterCount {
                    try delimiterFound(handler)
                    return position + delimiterCount
                }
                carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[position...]))
                return count
            }
            searchFrom = position + 1
        }
        if state == .content {
            try handler(.content(input))
        }
        return count
    }

    private mutating func delimiterFound(_ handler: (Event) throws -> Void) throws {
        if state == .content {
            try handler(.partEnd)
        }
        state = .delimiterLine
        sawDash = false
        sawCR = false
        paddingCount = 0
    }

    // MARK: Delimiter line

    /// After `CRLF--boundary`: `--` (the end), or optional padding and CRLF (a part follows).
    private mutating func scanDelimiterLine(_ input: UnsafeRawBufferPointer) throws -> Int {
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            if sawDash {
                guard byte == 45 else { throw MultipartError("A multipart boundary line is malformed.") }
                state = .epilogue
                return index
            }
            if sawCR {
                guard byte == 10 else { throw MultipartError("A multipart boundary line is malformed.") }
                state = .headers
                headerBytes.removeAll(keepingCapacity: true)
                return index
            }
            switch byte {
            case 45 where paddingCount == 0: sawDash = true
            case 13: sawCR = true
            case 32, 9:
                paddingCount += 1
                if paddingCount > Self.maxPaddingBytes {
                    throw MultipartError("A multipart boundary line is malformed.")
                }
            default:
                throw MultipartError("A multipart boundary line is malformed (is the boundary part of the content?).")
            }
        }
        return index
    }

    // MARK: Part headers

    /// Collects a part's header block up to its blank line, then reports it.
    private mutating func scanHeaders(_ input: UnsafeRawBufferPointer, _ handler: (Event) throws -> Void) throws -> Int {
        let previousCount = headerBytes.count
        let room = Self.maxHeaderBytes + 4 - previousCount
        let taken = Swift.min(input.count, room)
        headerBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<taken]))

        // A part without headers: the blank line follows the delimiter line at once.
        if headerBytes.count >= 2, headerBytes[0] == 13, headerBytes[1] == 10 {
            try headersComplete(blockLength: 0, handler)
            return 2 - previousCount
        }
        var index = Swift.max(0, previousCount - 3)
        while index + 3 < headerBytes.count {
            if headerBytes[index] == 13, headerBytes[index + 1] == 10, headerBytes[index + 2] == 13, headerBytes[index + 3] == 10 {
                try headersComplete(blockLength: index, handler)
                return index + 4 - previousCount
            }
            index += 1
        }
        if headerBytes.count > Self.maxHeaderBytes {
            throw MultipartError("A multipart part has more than \(Self.maxHeaderBytes / 1024) KiB of headers.")
        }
        return taken
    }

    private mutating func headersComplete(blockLength: Int, _ handler: (Event) throws -> Void) throws {
        let headers = try MultipartPartHeaders.parse(headerBytes[..<blockLength])
        headerBytes.removeAll(keepingCapacity: true)
        partsSeen += 1
        state = .content
        try handler(.partHeaders(headers))
    }
}
