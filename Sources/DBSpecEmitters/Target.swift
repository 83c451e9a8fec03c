/// What dbspec can write a spec as.
public enum Target: String, CaseIterable, Sendable {
    case cloudformation
    case terraform

    /// The file name a spec's output gets (Terraform's depends on the layout).
    public func fileName(for specName: String, layout: TerraformEmitter.Layout = .standalone) -> String {
        switch self {
        case .cloudformation: return specName + ".template.json"
        case .terraform: return TerraformEmitter.fileName(for: specName, layout: layout)
        }
    }
}
