import DBSpecCatalog
import DBSpecModel

/// DB112: Aurora Serverless v2 capacity missing, out of range, or without a serverless instance.
struct ServerlessCapacityRule: Rule {
    static let description = RuleDescription(
        code: "DB112", severity: .error,
        summary: "Aurora Serverless v2 capacity missing, out of range, or set where nothing uses it",
        explanation: """
            A `db.serverless` instance scales within its cluster's capacity range \
            (`ServerlessV2ScalingConfiguration`), which RDS requires once the cluster has one. \
            Capacity is counted in Aurora capacity units (ACUs) in steps of 0.5, and the minimum \
            cannot exceed the maximum (RDS API Reference, ServerlessV2ScalingConfiguration). The \
            minimum is 0.5, or 0 on versions with automatic pause and resume (Aurora PostgreSQL \
            13.15, 14.12, 15.7, 16.3 and later, Aurora MySQL 3.08.0 and later: Aurora User Guide, \
            Scaling to Zero ACUs); the instance then pauses after 300 idle seconds, RDS's default. \
            The maximum is 256 "for recent Aurora versions, or 128 for older versions" (same API \
            page); the versions are not listed there, so above 128 on a version without automatic \
            pause is a warning, not an error. Only Aurora engines have Serverless v2; \
            a capacity range on a cluster without `db.serverless` instances does nothing, which is \
            a warning.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ServerlessV2ScalingConfiguration.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html",
    ]

    static var examples: RuleExamples {
        let spec = { (capacity: String) in
            Example.spec(engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.serverless", database: [capacity])
        }
        return RuleExamples(
            triggering: [
                spec("capacity: { min: ↓0.25, max: 16 }"),
                Example.spec(
                    engine: "aurora-postgresql", version: "\"14.6\"", instanceClass: "db.serverless",
                    database: ["capacity: { min: ↓0, max: 16 }"]),
                spec("capacity: { min: 0.5, max: ↓300 }"),
                spec("capacity: { min: ↓8, max: 4 }"),
                spec("capacity: { min: 0.5, max: ↓16.3 }"),
                Example.spec(engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "↓db.serverless"),
                Example.spec(database: ["↓capacity: { min: 1, max: 4 }"]),
            ],
            nonTriggering: [
                spec("capacity: { min: 0.5, max: 16 }"),
                spec("capacity: { min: 2, max: 256 }"),
                spec("capacity: { min: 0, max: 8 }"),
                Example.spec(
                    engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.r6g.large",
                    database: ["capacity: { min: 1, max: 8 }", "credentials: { password: managed }"],
                    replicas: ["- name: orders-reader", "  class: db.serverless"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine else { return }
        guard let limits = engine.serverlessCapacity else {
            if let capacity = db.capacity {
                sink.report(
                    "\(engine.label) has no Aurora Serverless v2; `capacity` does not apply", at: capacity.range,
                    help: "remove `capacity`, or use aurora-mysql or aurora-postgresql with `class: db.serverless`",
                    path: .database.capacity.path)
            }
            return
        }
        let serverless = db.instanceClass.value == "db.serverless" || context.spec.replicas.contains { $0.instanceClass.value == "db.serverless" }
        guard let capacity = db.capacity else {
            if serverless {
                let at =
                    db.instanceClass.value == "db.serverless"
                    ? db.instanceClass.range
                    : context.spec.replicas.first { $0.instanceClass.value == "db.serverless" }!.instanceClass.range
                sink.report(
                    "db.serverless instances need the cluster's capacity range", at: at,
                    help: "add `capacity: { min: 0.5, max: 16 }` (ACUs) under `database`", path: .database.capacity.path)
            }
            return
        }
        if !serverless {
            sink.report(
                "no instance is db.serverless, so `capacity` does nothing", at: capacity.range,
                help: "use `class: db.serverless` for the writer or a reader, or remove `capacity`",
                path: .database.capacity.path, severity: .warning)
        }
        let version = db.version.value
        let autoPause = engine.supports("serverlessAutoPause", version: version)?.supported ?? false
        func valid(_ field: Located<Double>, _ key: String, lowest: Double) -> Bool {
            let text = field.value.acu
            let path: FieldPath = key == "min" ? .database.capacity.min : .database.capacity.max
            if key == "min", field.value == 0, !autoPause {
                sink.report(
                    "`capacity.min` is 0 ACUs, which \(engine.label) \(version) cannot pause to", at: field.range,
                    help: "use 0.5, or a version with automatic pause (Aurora PostgreSQL 13.15, 14.12, 15.7, 16.3 or later; Aurora MySQL 3.08.0 or later)",
                    path: .database.capacity.min)
                return false
            }
            if field.value < lowest || field.value > limits.upperBound {
                sink.report(
                    "`capacity.\(key)` is \(text) ACUs, outside \(lowest.acu) to \(limits.upperBound.acu)", at: field.range,
                    help: "Serverless v2 capacity runs from \(lowest.acu) to \(limits.upperBound.acu) ACUs",
                    path: path)
                return false
            }
            if (field.value * 2).rounded() != field.value * 2 {
                sink.report(
                    "`capacity.\(key)` is \(text) ACUs; capacity moves in steps of 0.5", at: field.range,
                    help: "use \(((field.value * 2).rounded(.down) / 2).acu) or \(((field.value * 2).rounded(.up) / 2).acu)",
                    path: path)
                return false
            }
            return true
        }
        let minValid = valid(capacity.min, "min", lowest: autoPause ? 0 : limits.lowerBound)
        let maxValid = valid(capacity.max, "max", lowest: max(1, limits.lowerBound))
        if maxValid, capacity.max.value > 128, !autoPause {
            sink.report(
                "`capacity.max` is \(capacity.max.value.acu) ACUs; older versions stop at 128", at: capacity.max.range,
                help: "check `ServerlessV2FeaturesSupport.MaxCapacity` of \(version) (aws rds describe-db-engine-versions), or use 128",
                path: .database.capacity.max, severity: .warning)
        }
        if minValid && maxValid && capacity.min.value > capacity.max.value {
            sink.report(
                "`capacity.min` (\(capacity.min.value.acu)) is above `capacity.max` (\(capacity.max.value.acu))",
                at: capacity.min.range, help: "swap them, or lower `min`", path: .database.capacity.min)
        }
    }
}

extension Double {
    /// ACUs as written in a spec: `16`, `0.5`.
    fileprivate var acu: String { self == rounded() && abs(self) < 1e9 ? String(Int(self)) : description }
}
