import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecFiles
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecResolve
import DBSpecRules
import DBSpecSource
/// dbspec itself.
public enum DBSpec {
    /// The version dbspec reports. Emitted templates do not contain it, so they stay
    /// byte-identical across releases.
    public static let version = "0.2.0"

    /// Where the project lives. SARIF's `informationUri` and each code's `helpUri`, the language
    /// server's `codeDescription` links and the docs point here; a fork changes this one line.
    public static let home = "https://github.com/dbspec/dbspec"

    /// The page of one diagnostic code: its anchor in docs/rules.md.
    public static func codeDocumentation(_ code: String) -> String {
        home + "/blob/main/docs/rules.md#" + code.lowercased()
    }
}
