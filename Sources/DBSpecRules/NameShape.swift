/// The shape RDS asks of user and database names: a letter first, then letters, digits and
/// underscores, at most `maxLength` characters. Returns what is wrong, or nil.
func nameShapeProblem(_ name: String, maxLength: Int, engineLabel: String) -> String? {
    let chars = Array(name.unicodeScalars)
    let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    if let first = chars.first, !isLetter(first) { return "does not start with a letter" }
    if let bad = chars.first(where: { !(isLetter($0) || ("0"..."9").contains($0) || $0 == "_") }) {
        return "contains `\(bad)`; only letters, digits and underscores are allowed"
    }
    if chars.count > maxLength { return "is \(chars.count) characters long; \(engineLabel) allows at most \(maxLength)" }
    return nil
}
