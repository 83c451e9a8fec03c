import DBSpecJSON
import DBSpecLowering

/// IAM policy documents, the same JSON in both targets (each passes its own spelling of the
/// values in them: `Fn::Sub` objects in CloudFormation, interpolated strings in Terraform).
enum IAMDocument {
    /// A policy document: version 2012-10-17 and its statements.
    static func policy(_ statements: [JSONValue]) -> JSONValue {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
    }

    /// The trust policy of a role a service assumes, with its conditions when there are any.
    static func trust(service: String, condition: [(String, JSONValue)] = []) -> JSONValue {
        var statement: [(String, JSONValue)] = [
            ("Effect", .string("Allow")), ("Principal", .object([("Service", .string(service))])), ("Action", .string("sts:AssumeRole")),
        ]
        if !condition.isEmpty { statement.append(("Condition", .object(condition))) }
        return policy([.object(statement)])
    }

    /// A statement that allows `actions` on `resources`.
    static func allow(_ actions: [String], on resources: [JSONValue]) -> JSONValue {
        .object([("Effect", .string("Allow")), ("Action", .array(actions.map { .string($0) })), ("Resource", .array(resources))])
    }

    /// A created key's policy: KMS's default policy written out (the administrators hold
    /// `kms:*`), then each service grant, limited to its encryption context. `spell` is the
    /// target's spelling of a value.
    static func keyPolicy(_ key: EncryptionKey, spell: (Value) -> JSONValue) -> JSONValue {
        let administrators = key.administrators.map(spell)
        let administer = JSONValue.object([
            ("Sid", .string("AccountAdministers")), ("Effect", .string("Allow")),
            ("Principal", .object([("AWS", administrators.count == 1 ? administrators[0] : .array(administrators))])),
            ("Action", .string("kms:*")), ("Resource", .string("*")),
        ])
        let grants = key.serviceGrants.map { g in
            JSONValue.object([
                ("Sid", .string(g.sid)), ("Effect", .string("Allow")), ("Principal", .object([("Service", .string(g.service))])),
                ("Action", .array(g.actions.map { .string($0) })), ("Resource", .string("*")),
                ("Condition", .object([("ArnLike", .object([("kms:EncryptionContext:\(g.contextKey)", spell(g.contextValue))]))])),
            ])
        }
        return policy([administer] + grants)
    }

    /// An IAM database user's connect policy: `rds-db:connect` on its database users.
    static func connect(_ resources: [JSONValue]) -> JSONValue {
        policy([.object([("Effect", .string("Allow")), ("Action", .string("rds-db:connect")), ("Resource", .array(resources))])])
    }

    /// The confused-deputy conditions of a delivery role: the account, and its resources of the kind.
    static func deliveryCondition(account: JSONValue, sourceArn: JSONValue) -> [(String, JSONValue)] {
        [("StringEquals", .object([("aws:SourceAccount", account)])), ("ArnLike", .object([("aws:SourceArn", sourceArn)]))]
    }
}
