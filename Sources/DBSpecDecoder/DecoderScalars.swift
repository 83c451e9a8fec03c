import DBSpecDiagnostics
import DBSpecModel
import DBSpecSource

/// A mapping opened against its schema: unknown and missing keys are already reported.
struct OpenObject {
    var node: Node
    var isMapping: Bool
    /// The schema it was opened against: the one place its fields' bounds are written.
    var schema: ObjectSchema? = nil

    func node(_ key: String) -> Node? {
        guard let entries = node.entries else { return nil }
        guard let value = entries.first(where: { $0.keyText == key })?.value else { return nil }
        return value
    }

    func keyRange(_ key: String) -> SourceRange? {
        node.entries?.first { $0.keyText == key }?.key.range
    }
}

extension SpecDecoder {
    /// Checks a mapping's keys against `schema`. `keyRange` is where to point when a
    /// required key is missing (the key this mapping sits under).
    mutating func open(_ node: Node, _ schema: ObjectSchema, path: FieldPath, keyRange: SourceRange) -> OpenObject {
        guard let entries = node.entries else {
            if node.isNull {
                // `storage:` with nothing after it: an empty mapping.
                var empty = node
                empty.kind = .mapping([])
                reportMissing(schema, present: [], path: path, at: keyRange)
                return OpenObject(node: empty, isMapping: true, schema: schema)
            }
            wrongType(node, expected: "a mapping", path: path)
            return OpenObject(node: node, isMapping: false)
        }
        var present: [String] = []
        for entry in entries {
            let key = entry.keyText
            present.append(key)
            if schema.field(key) == nil {
                let where_ = path.isRoot ? "a spec" : "`\(path)`"
                // A key that is already present is no fix.
                let near = Suggestions.closest(to: key, in: schema.fieldNames.filter { name in !entries.contains { $0.keyText == name } })
                sink.error(
                    ModelCode.unknownKey, "unknown key `\(key.shortened())` in \(where_)", at: entry.key.range,
                    help: Suggestions.didYouMean(near)
                        ?? "known keys: " + schema.fieldNames.joined(separator: ", "),
                    path: path.appending(key), replacements: near)
            }
        }
        reportMissing(schema, present: present, path: path, at: keyRange)
        return OpenObject(node: node, isMapping: true, schema: schema)
    }

    private mutating func reportMissing(_ schema: ObjectSchema, present: [String], path: FieldPath, at range: SourceRange) {
        for field in schema.fields where field.required && !present.contains(field.name) {
            let where_ = path.isRoot ? "spec" : "`\(path)`"
            sink.error(
                ModelCode.missingKey, "\(where_) is missing the required key `\(field.name)`", at: range,
                help: "add `\(field.name):`: \(field.summary)",
                path: path.appending(field.name))
        }
    }

    mutating func wrongType(_ node: Node, expected: String, path: FieldPath, help: String? = nil) {
        let key = path.lastKey
        sink.error(
            ModelCode.wrongType, "expected \(expected) for `\(path)`, found \(node.kindDescription)",
            at: node.range, help: help ?? "write `\(key)` as \(expected) (`dbspec schema` describes every key)", path: path)
    }

    /// Any scalar as text; null, lists and mappings are errors.
    mutating func string(_ node: Node, path: FieldPath) -> Located<String>? {
        guard let s = node.scalar, !node.isNull else {
            wrongType(node, expected: "a string", path: path)
            return nil
        }
        if s.text.isEmpty {
            sink.error(
                ModelCode.invalidValue, "`\(path)` is empty", at: node.range,
                help: "give it a value, or remove the key to take its default", path: path)
            return nil
        }
        return Located(s.text, node.range)
    }

    /// An IPv4 CIDR range whose prefix length is in `prefixes`, with no host bits set. The
    /// parser takes only the canonical form (no leading zeros), so the range's `description` is
    /// the text as written.
    mutating func cidrRange(_ node: Node, path: FieldPath, prefixes: ClosedRange<Int>) -> Located<CIDR>? {
        guard let text = string(node, path: path) else { return nil }
        guard let cidr = CIDR(text.value) else {
            sink.error(
                ModelCode.invalidValue, "`\(text.value.shortened())` is not an IPv4 CIDR range", at: text.range,
                help: "write it like `10.0.0.0/16`", path: path)
            return nil
        }
        guard prefixes.contains(cidr.prefix) else {
            sink.error(
                ModelCode.invalidValue, "`\(text.value)` is a /\(cidr.prefix); `\(path)` must be /\(prefixes.lowerBound) to /\(prefixes.upperBound)",
                at: text.range, help: "a VPC holds between a /16 and a /24 here, so each Availability Zone gets a subnet", path: path)
            return nil
        }
        guard cidr.isNetworkAddress else {
            let network = CIDR(address: cidr.address & cidr.mask, prefix: cidr.prefix)
            sink.error(
                ModelCode.invalidValue, "`\(text.value)` has host bits set", at: text.range,
                help: "the range starts at `\(network)`", path: path)
            return nil
        }
        return Located(cidr, text.range)
    }

    /// An AWS resource ID like `sg-0123abcd`: the prefix, then 8 or 17 hexadecimal digits.
    mutating func awsID(_ node: Node, prefix: String, path: FieldPath) -> Located<String>? {
        guard let text = string(node, path: path) else { return nil }
        let rest = text.value.dropFirst(prefix.count)
        guard text.value.hasPrefix(prefix), rest.count == 8 || rest.count == 17,
            rest.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        else {
            sink.error(
                ModelCode.invalidValue, "`\(text.value.shortened())` is not a \(prefix.dropLast()) ID", at: text.range,
                help: "IDs look like `\(prefix)0123456789abcdef0`", path: path)
            return nil
        }
        return text
    }

    /// A list; null is an empty list.
    mutating func list(_ node: Node, path: FieldPath) -> [Node]? {
        if node.isNull { return [] }
        guard let items = node.items else {
            wrongType(node, expected: "a list", path: path)
            return nil
        }
        return items
    }

    /// The field `key` of `object`, one of the values its schema lists (so a closed list is
    /// written once, in `SpecSchema`, for the decoder and the JSON Schema alike).
    mutating func enumeration(_ object: OpenObject, _ key: String, path: FieldPath) -> Located<String>? {
        guard let node = object.node(key) else { return nil }
        guard case .enumeration(let allowed)? = object.schema?.field(key)?.kind else {
            preconditionFailure("\(path) is not an enumeration in SpecSchema")
        }
        return enumeration(node, allowed, path: path)
    }

    /// One of `allowed`; suggests the closest when it is not.
    mutating func enumeration(_ node: Node, _ allowed: [String], path: FieldPath) -> Located<String>? {
        guard let text = string(node, path: path) else { return nil }
        guard allowed.contains(text.value) else {
            let lower = text.value.lowercased()
            let near = allowed.contains(lower) ? [lower] : Suggestions.closest(to: text.value, in: allowed)
            let help =
                allowed.contains(lower)
                ? "write `\(lower)` (values are case-sensitive)"
                : Suggestions.didYouMean(near) ?? "expected one of " + allowed.map { "`\($0)`" }.joined(separator: ", ")
            sink.error(
                ModelCode.invalidValue, "`\(text.value.shortened())` is not a valid value for `\(path)`", at: text.range,
                help: help, path: path, replacements: near)
            return nil
        }
        return text
    }

    /// The integer field `key` of `object`, within the bounds its schema gives (so bounds are
    /// written once, in `SpecSchema`, for the decoder and the JSON Schema alike).
    mutating func integer(_ object: OpenObject, _ key: String, path: FieldPath) -> Located<Int>? {
        guard let node = object.node(key) else { return nil }
        var bounds: (Int, Int)?
        if case .integer(let lo, let hi)? = object.schema?.field(key)?.kind { bounds = (lo ?? Int.min, hi ?? Int.max) }
        return integer(node, path: path, bounds: bounds)
    }

    /// A decimal integer written as a plain scalar (or tagged `!!int`).
    mutating func integer(_ node: Node, path: FieldPath, bounds: (Int, Int)?) -> Located<Int>? {
        guard let s = node.scalar, !node.isNull else {
            wrongType(node, expected: "an integer", path: path)
            return nil
        }
        if s.style.isQuoted && node.tag != "!!int" {
            wrongType(node, expected: "an integer", path: path, help: "remove the quotes: `\(path.lastKey): \(s.text)`")
            return nil
        }
        let text = s.text
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
            wrongType(node, expected: "a decimal integer", path: path, help: Self.wholeNumberHelp(text, bounds: bounds))
            return nil
        }
        if digits.count > 1 && digits.first == "0" {
            sink.error(
                ModelCode.ambiguousScalar, "`\(text.shortened())` has a leading zero, which YAML 1.1 reads as octal", at: node.range,
                help: "write `\(Int(digits) ?? 0)` without the leading zero", path: path)
            return nil
        }
        guard let value = Int(text) else {
            sink.error(
                ModelCode.invalidValue, "`\(text.shortened())` is too large for `\(path)`", at: node.range,
                help: Self.wholeNumberHelp(text, bounds: bounds), path: path)
            return nil
        }
        if let (lo, hi) = bounds, value < lo || value > hi {
            sink.error(
                ModelCode.invalidValue, "`\(path)` is \(value), outside \(lo) to \(hi)", at: node.range,
                help: "write a whole number from \(lo) to \(hi)", path: path)
            return nil
        }
        return Located(value, node.range)
    }

    /// The help for a number that is not a whole number in range: the nearest whole number
    /// when there is one (never a conversion that could trap: `1e40`, `.nan`, `0x1p70`).
    static func wholeNumberHelp(_ text: String, bounds: (Int, Int)?) -> String {
        let range = bounds.map { " from \($0.0) to \($0.1)" } ?? ""
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where text.hasPrefix(prefix) {
            if let v = Int(text.dropFirst(2), radix: radix), bounds.map({ v >= $0.0 && v <= $0.1 }) ?? true {
                return "write it in decimal: `\(v)`"
            }
        }
        if YAMLNumber.classify(text) == .decimal, let d = Double(text), d.isFinite, abs(d) < 1e15 {
            let whole = Int(d.rounded())
            if bounds.map({ whole >= $0.0 && whole <= $0.1 }) ?? true { return "write a whole number, like `\(whole)`" }
        }
        return "write a whole number" + range
    }

    /// An RDS identifier (`name`, a replica's `name` and `source`). RDS takes uppercase letters
    /// and stores the identifier in lowercase (RDS API Reference, CreateDBInstance
    /// DBInstanceIdentifier: "stored as a lowercase string"), so the spec's value is lowercased
    /// here, once, for everything downstream, and the spelling is a warning.
    mutating func identifier(_ node: Node, path: FieldPath) -> Located<String>? {
        guard var text = string(node, path: path) else { return nil }
        let lower = String(decoding: text.value.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        if lower != text.value {
            sink.warning(
                ModelCode.uppercaseIdentifier, "RDS stores `\(text.value.shortened())` in lowercase, as `\(lower.shortened())`",
                at: text.range, help: "write `\(lower.shortened())`", path: path)
            text.value = lower
        }
        return text
    }

    /// An AWS Region code: `us-west-2`, `eu-central-1`, `us-gov-west-1`, `cn-north-1`.
    mutating func regionCode(_ node: Node, path: FieldPath) -> Located<String>? {
        guard let text = string(node, path: path) else { return nil }
        let parts = text.value.split(separator: "-", omittingEmptySubsequences: false)
        let lowercase = { (p: Substring) in !p.isEmpty && p.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } }
        let digits = { (p: Substring) in !p.isEmpty && p.count <= 2 && p.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
        guard parts.count >= 3, parts.count <= 4, (2...4).contains(parts[0].count), parts.dropLast().allSatisfy(lowercase), digits(parts.last!) else {
            sink.error(
                ModelCode.invalidValue, "`\(text.value.shortened())` is not an AWS Region code", at: text.range,
                help: "write a Region code like us-west-2 or eu-central-1", path: path)
            return nil
        }
        return text
    }

    /// A decimal number written as a plain scalar: `16`, `0.5`.
    mutating func number(_ node: Node, path: FieldPath) -> Located<Double>? {
        guard let s = node.scalar, !node.isNull, !s.style.isQuoted || node.tag == "!!float" || node.tag == "!!int" else {
            wrongType(
                node, expected: "a number", path: path,
                help: node.scalar.map { Double($0.text) != nil ? "remove the quotes" : nil } ?? nil)
            return nil
        }
        let text = s.text
        // YAML 1.2's core schema: decimal digits, a point, a sign, an exponent (`0.5`, `16`, `1e1`).
        let kind = YAMLNumber.classify(text)
        guard kind == .integer || kind == .decimal, !text.hasPrefix("0x"), !text.hasPrefix("0o"),
            let value = Double(text), value.isFinite
        else {
            wrongType(
                node, expected: "a finite decimal number", path: path,
                help: kind == .special ? "write a number like `0.5` or `16`" : nil)
            return nil
        }
        return Located(value, node.range)
    }

    /// `true` or `false` written plain (YAML 1.2 core schema).
    mutating func boolean(_ node: Node, path: FieldPath) -> Located<Bool>? {
        guard let s = node.scalar, !node.isNull else {
            wrongType(node, expected: "`true` or `false`", path: path)
            return nil
        }
        if !s.style.isQuoted || node.tag == "!!bool" {
            switch s.text {
            case "true", "True", "TRUE": return Located(true, node.range)
            case "false", "False", "FALSE": return Located(false, node.range)
            case "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
                sink.error(
                    ModelCode.ambiguousScalar, "`\(s.text)` is a boolean only in YAML 1.1", at: node.range,
                    help: "write `true`; YAML 1.2 and JSON read `\(s.text)` as a string", path: path)
                return nil
            case "no", "No", "NO", "off", "Off", "OFF", "n", "N":
                sink.error(
                    ModelCode.ambiguousScalar, "`\(s.text)` is a boolean only in YAML 1.1", at: node.range,
                    help: "write `false`; YAML 1.2 and JSON read `\(s.text)` as a string", path: path)
                return nil
            default: break
            }
        }
        wrongType(
            node, expected: "`true` or `false`", path: path,
            help: s.style.isQuoted && (s.text == "true" || s.text == "false") ? "remove the quotes" : nil)
        return nil
    }
}

/// Defaults, read from the schema: the one place each is written (the JSON Schema, `dbspec
/// schema` and the editor's hover text show the same string).
extension ObjectSchema {
    func defaultText(_ key: String) -> String {
        guard let text = field(key)?.defaultValue else { preconditionFailure("SpecSchema gives `\(key)` of \(name) no default") }
        return text
    }

    func defaulted(_ key: String, at range: SourceRange) -> Located<String> { Located(defaultText(key), range, explicit: false) }

    func defaulted(_ key: String, at range: SourceRange) -> Located<Int> {
        guard let value = Int(defaultText(key)) else { preconditionFailure("the default of `\(key)` is not an integer") }
        return Located(value, range, explicit: false)
    }

    func defaulted(_ key: String, at range: SourceRange) -> Located<Bool> {
        switch defaultText(key) {
        case "true": Located(true, range, explicit: false)
        case "false": Located(false, range, explicit: false)
        default: preconditionFailure("the default of `\(key)` is not a boolean")
        }
    }

    func defaulted(_ key: String, at range: SourceRange) -> Located<CIDR> {
        guard let value = CIDR(defaultText(key)) else { preconditionFailure("the default of `\(key)` is not a CIDR range") }
        return Located(value, range, explicit: false)
    }

    func defaulted<T: RawRepresentable>(_ key: String, at range: SourceRange) -> Located<T> where T.RawValue == String {
        guard let value = T(rawValue: defaultText(key)) else { preconditionFailure("the default of `\(key)` is not one of its values") }
        return Located(value, range, explicit: false)
    }
}
