import DBSpecDiagnostics

extension Suggestions {
    /// Versions in `versions` that share the longest dotted prefix with `version`, newest first.
    static func closestVersions(to version: String, in versions: [String], limit: Int = 3) -> [String] {
        let parts = version.split(separator: ".")
        var depth = parts.count
        while depth > 0 {
            let prefix = parts.prefix(depth).joined(separator: ".") + "."
            var matches = versions.filter { $0.hasPrefix(prefix) || $0 == prefix.dropLast() }
            // Plain versions first: `8.0.46-rds.20260908` is a build of 8.0.46 for special cases,
            // and `16.8-limitless` an edition; suggest them only when nothing else is near.
            let plain = matches.filter { !$0.contains("-") }
            if !plain.isEmpty { matches = plain }
            if !matches.isEmpty {
                return Array(matches.sorted(by: versionOrder).reversed().prefix(limit))
            }
            depth -= 1
        }
        return []
    }

    /// Orders versions numerically part by part ("8.0.9" < "8.0.40").
    static func versionOrder(_ a: String, _ b: String) -> Bool {
        let pa = a.split(separator: "."), pb = b.split(separator: ".")
        for (x, y) in zip(pa, pb) where x != y {
            if let ix = Int(x), let iy = Int(y) { return ix < iy }
            return x < y
        }
        return pa.count < pb.count
    }
}
