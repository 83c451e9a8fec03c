import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
/// GitHub code scanning's `primaryLocationLineHash`: a rolling hash over the 100 characters
/// (spaces and tabs skipped, CR and CRLF read as LF) from the start of each line, printed in
/// hexadecimal with `:N`, N counting earlier lines with the same hash. A port of
/// github/codeql-action `src/fingerprints.ts`, so uploads from dbspec deduplicate like the
/// action's own.
public enum LineFingerprint {
    /// The fingerprint of every line of `text`, keyed by 1-based line number.
    public static func hashes(_ text: String) -> [Int: String] {
        let blockSize = 100
        let mod: UInt64 = 37
        var firstMod: UInt64 = 1
        for _ in 0..<blockSize { firstMod = firstMod &* mod }
        var window = [UInt64](repeating: 0, count: blockSize)
        var lineNumbers = [Int](repeating: -1, count: blockSize)
        var hash: UInt64 = 0
        var index = 0, lineNumber = 0
        var lineStart = true, previousCR = false
        var counts: [String: Int] = [:]
        var out: [Int: String] = [:]

        func output() {
            let value = String(hash, radix: 16)
            counts[value, default: 0] += 1
            out[lineNumbers[index]] = "\(value):\(counts[value]!)"
            lineNumbers[index] = -1
        }
        func update(_ current: UInt64) {
            let begin = window[index]
            window[index] = current
            hash = mod &* hash &+ current &- firstMod &* begin
            index = (index + 1) % blockSize
        }
        func process(_ c: UInt16) {
            var current = c
            if current == 0x20 || current == 0x09 || (previousCR && current == 0x0A) {
                previousCR = false
                return
            }
            if current == 0x0D { current = 0x0A; previousCR = true } else { previousCR = false }
            if lineNumbers[index] != -1 { output() }
            if lineStart {
                lineStart = false
                lineNumber += 1
                lineNumbers[index] = lineNumber
            }
            if current == 0x0A { lineStart = true }
            update(UInt64(current))
        }
        for unit in text.utf16 { process(unit) }
        process(65535)
        for _ in 0..<blockSize {
            if lineNumbers[index] != -1 { output() }
            update(0)
        }
        return out
    }
}
