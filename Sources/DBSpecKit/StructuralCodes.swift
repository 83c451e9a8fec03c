/// What the reader's and the decoder's codes mean, for SARIF rule metadata and `explain`.
public enum StructuralCodes {
    public static let all: [(code: String, summary: String)] = [
        ("DB150", "The file is not valid YAML or JSON"),
        ("DB151", "A mapping has the same key twice"),
        ("DB152", "The file holds more than one YAML document"),
        ("DB153", "A tag other than YAML's core tags"),
        ("DB154", "The file is not UTF-8"),
        ("DB155", "Aliases expand to more nodes than allowed"),
        ("DB156", "Nesting is deeper than allowed"),
        ("DB157", "The file is larger than allowed"),
        ("DB158", "A mapping key is not a plain string"),
        ("DB160", "A key the spec language does not have"),
        ("DB161", "A required key is missing"),
        ("DB162", "A value of the wrong kind"),
        ("DB163", "A value outside the allowed set or range"),
        ("DB164", "A spec language version this dbspec does not read"),
        ("DB165", "A value whose meaning depends on the YAML version (yes, no, on, off, leading zeros)"),
        ("DB166", "The file holds no spec"),
        ("DB167", "Keys that exclude each other, or a choice without its companion key"),
        ("DB168", "An identifier with uppercase letters, which RDS stores in lowercase"),
        ("DB170", "A suppression is malformed, names an unknown code, or gives no reason"),
        ("DB171", "A suppression suppresses nothing"),
        ("DB180", "The configuration file (.dbspec.yaml) is invalid"),
    ]
}
