import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB101: the Region does not exist, or has no RDS.
struct UnknownRegionRule: Rule {
    static let description = RuleDescription(
        code: "DB101", severity: .error,
        summary: "The Region does not exist or has no RDS",
        explanation: """
            A spec's `region`, and a cross-Region replica's, must be a Region where RDS runs: a \
            template for `us-west-22` or `xx-nowhere-9` fails at deploy time, and a Terraform \
            provider for it fails at plan time. The list is botocore's endpoint data for the `rds` \
            service (endpoints.json, every partition: aws, aws-cn, aws-us-gov and the isolated ones), \
            as pinned for the catalogue. A Region that AWS opened after the catalogue's date is \
            reported too: refresh the catalogue, or re-grade the rule in `.dbspec.yaml`.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "botocore: data/endpoints.json, service rds (the Regions with an RDS endpoint)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RegionsAndAvailabilityZones.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    database: ["credentials: { password: generated }"],
                    replicas: ["- name: orders-dr", "  region: ↓us-west-22", "  encryption: { kmsKey: create }"])
            ],
            nonTriggering: [
                Example.spec(
                    database: ["credentials: { password: generated }"],
                    replicas: ["- name: orders-dr", "  region: ca-west-1", "  encryption: { kmsKey: create }"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let catalog = context.catalog
        guard catalog.listsRegions else { return }
        func verify(_ region: Located<String>, path: FieldPath, excluding: String?) {
            guard !catalog.knowsRegion(region.value) else { return }
            // A replica "moved" into its source's Region would be a different replica.
            let near = Suggestions.closest(to: region.value, in: catalog.regions.filter { $0 != excluding })
            sink.report(
                "`\(region.value.shortened())` is not a Region where RDS runs (catalogue of \(context.catalog.retrieved))",
                at: region.range,
                help: Suggestions.didYouMean(near) ?? "write a Region code like us-west-2 or eu-central-1",
                path: path, replacements: near)
        }
        verify(context.spec.region, path: .region, excluding: nil)
        for (i, replica) in context.spec.replicas.enumerated() {
            if let region = replica.region { verify(region, path: .replicas[i].region, excluding: context.spec.sourceRegion(of: replica)) }
        }
    }
}
