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
            Capacity is counted in Aurora capacity units (ACUs) in steps of 0.5: the minimum is \
            at least 0.5 and the maximum at most 256 on current versions (RDS API Reference, \
            ServerlessV2ScalingConfiguration), and the minimum cannot exceed the maximum. A \
            minimum of 0, which pauses the cluster when idle, needs recent versions and an \
            auto-pause delay that dbspec does not write yet. Only Aurora engines have Serverless v2; \
            a capacity range on a cluster without `db.serverless` instances does nothing, which is \
            a warning.
            """
    )

    static var examples: RuleExamples {
        let spec = { (capacity: String) in
            Example.spec(engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.serverless", database: [capacity])
        }
        return RuleExamples(
            triggering: [
                spec("capacity: { min: ↓0.25, max: 16 }"),
                spec("capacity: { min: 0.5, max: ↓300 }"),
                spec("capacity: { min: ↓8, max: 4 }"),
                spec("capacity: { min: 0.5, max: ↓16.3 }"),
                Example.spec(engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "↓db.serverless"),
                Example.spec(database: ["↓capacity: { min: 1, max: 4 }"]),
            ],
            nonTriggering: [
                spec("capacity: { min: 0.5, max: 16 }"),
                spec("capacity: { min: 2, max: 256 }"),
                Example.spec(engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.r6g.large",
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
                sink.report("\(engine.label) has no Aurora Serverless v2; `capacity` does not apply", at: capacity.range,
                            help: "remove `capacity`, or use aurora-mysql or aurora-postgresql with `class: db.serverless`",
                            path: "database.capacity")
            }
            return
        }
        let serverless = db.instanceClass.value == "db.serverless" || context.spec.replicas.contains { $0.instanceClass.value == "db.serverless" }
        guard let capacity = db.capacity else {
            if serverless {
                let at = db.instanceClass.value == "db.serverless" ? db.instanceClass.range
                    : context.spec.replicas.first { $0.instanceClass.value == "db.serverless" }!.instanceClass.range
                sink.report("db.serverless instances need the cluster's capacity range", at: at,
                            help: "add `capacity: { min: 0.5, max: 16 }` (ACUs) under `database`", path: "database.capacity")
            }
            return
        }
        if !serverless {
            sink.report("no instance is db.serverless, so `capacity` does nothing", at: capacity.range,
                        help: "use `class: db.serverless` for the writer or a reader, or remove `capacity`",
                        path: "database.capacity", severity: .warning)
        }
        func valid(_ field: Located<Double>, _ key: String, lowest: Double) -> Bool {
            let text = field.value.acu
            if field.value < lowest || field.value > limits.upperBound {
                sink.report("`capacity.\(key)` is \(text) ACUs, outside \(lowest.acu) to \(limits.upperBound.acu)", at: field.range,
                            help: "Serverless v2 capacity runs from \(limits.lowerBound.acu) to \(limits.upperBound.acu) ACUs",
                            path: "database.capacity.\(key)")
                return false
            }
            if (field.value * 2).rounded() != field.value * 2 {
                sink.report("`capacity.\(key)` is \(text) ACUs; capacity moves in steps of 0.5", at: field.range,
                            help: "use \(((field.value * 2).rounded(.down) / 2).acu) or \(((field.value * 2).rounded(.up) / 2).acu)",
                            path: "database.capacity.\(key)")
                return false
            }
            return true
        }
        let minValid = valid(capacity.min, "min", lowest: limits.lowerBound)
        let maxValid = valid(capacity.max, "max", lowest: max(1, limits.lowerBound))
        if minValid && maxValid && capacity.min.value > capacity.max.value {
            sink.report("`capacity.min` (\(capacity.min.value.acu)) is above `capacity.max` (\(capacity.max.value.acu))",
                        at: capacity.min.range, help: "swap them, or lower `min`", path: "database.capacity.min")
        }
    }
}

extension Double {
    /// ACUs as written in a spec: `16`, `0.5`.
    fileprivate var acu: String { self == rounded() && abs(self) < 1e9 ? String(Int(self)) : description }
}
