/// An IPv4 range in CIDR notation.
public struct CIDR: Equatable, Sendable, CustomStringConvertible {
    public var address: UInt32
    public var prefix: Int

    /// Parses `a.b.c.d/n`; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), parts[1].count <= 2 else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                  let value = UInt32(octet), value <= 255, octet == "0" || octet.first != "0"
            else { return nil }
            address = address << 8 | value
        }
        self.address = address
        self.prefix = prefix
    }

    public init(address: UInt32, prefix: Int) {
        self.address = address
        self.prefix = prefix
    }

    public var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    /// Whether the address has no bits set past the prefix.
    public var isNetworkAddress: Bool { address & ~mask == 0 }

    public var description: String {
        let a = address
        return "\(a >> 24).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)/\(prefix)"
    }

    /// The `index`-th range of length `newPrefix` inside this one.
    public func subnet(_ index: Int, prefix newPrefix: Int) -> CIDR {
        CIDR(address: address | UInt32(index) << UInt32(32 - newPrefix), prefix: newPrefix)
    }
}
