/// Diagnostic codes the source reader reports (DB15x: the file as YAML or JSON).
public enum SourceCode {
    /// The input is not valid YAML or JSON.
    public static let syntax = "DB150"
    /// A mapping has the same key twice.
    public static let duplicateKey = "DB151"
    /// The file holds more than one YAML document.
    public static let multipleDocuments = "DB152"
    /// A tag other than YAML's core tags.
    public static let unsupportedTag = "DB153"
    /// The file is not UTF-8.
    public static let invalidEncoding = "DB154"
    /// Aliases expand to more nodes than allowed.
    public static let aliasExpansion = "DB155"
    /// Nesting deeper than allowed.
    public static let nestingDepth = "DB156"
    /// The file is larger than allowed.
    public static let fileTooLarge = "DB157"
    /// A mapping key that is not a scalar.
    public static let complexKey = "DB158"
}
