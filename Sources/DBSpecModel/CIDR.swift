/// An IPv4 range in CIDR notation.
public struct CIDR: Equatable, Sendable, CustomStringConvertible {
    public var address: UInt32
    public var prefix: Int

    /// Parses `a.b.c.d/n` (no leading zeros); nil when malformed.
    public init?(_ text: String) {
        var address: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var octets = 0
        var prefix = -1
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && octet == 0 { return nil }  // a leading zero
                octet = octet * 10 + UInt32(byte - 48)
                digits += 1
                if digits > 3 || (prefix < 0 && octet > 255) || (prefix >= 0 && octet > 32) { return nil }
            case UInt8(ascii: "."):
                guard prefix < 0, digits > 0, octets < 3 else { return nil }
                address = address << 8 | octet
                octets += 1
                octet = 0
                digits = 0
            case UInt8(ascii: "/"):
                guard prefix < 0, digits > 0, octets == 3 else { return nil }
                address = address << 8 | octet
                octets += 1
                prefix = 0
                octet = 0
                digits = 0
            default:
                return nil
            }
        }
        guard prefix == 0, digits > 0 else { return nil }
        self.address = address
        self.prefix = Int(octet)
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
