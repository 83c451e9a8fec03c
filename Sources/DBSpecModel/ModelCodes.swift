/// Diagnostic codes the spec model reports while decoding (DB16x: the spec's structure).
public enum ModelCode {
    /// A key the spec language does not have.
    public static let unknownKey = "DB160"
    /// A required key is missing.
    public static let missingKey = "DB161"
    /// A value of the wrong kind (a list where a string belongs…).
    public static let wrongType = "DB162"
    /// A value outside the allowed set or range.
    public static let invalidValue = "DB163"
    /// A spec language version this dbspec does not read.
    public static let unsupportedVersion = "DB164"
    /// A YAML 1.1 boolean (`yes`, `no`, `on`, `off`) or other value whose meaning depends on the parser.
    public static let ambiguousScalar = "DB165"
    /// The file holds no spec (empty, or not a mapping at the top).
    public static let emptySpec = "DB166"
    /// Keys that exclude each other, or a choice that needs its companion key.
    public static let conflictingKeys = "DB167"
    /// An identifier with uppercase letters, which RDS stores in lowercase (a warning).
    public static let uppercaseIdentifier = "DB168"
}
