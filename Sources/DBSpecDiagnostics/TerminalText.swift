/// Text from a spec on its way to a terminal or a log: control characters (C0 but tab, DEL, C1)
/// and the bidirectional controls that can make a line read differently from what it is
/// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and the invisible ones (zero-width
/// spaces and joiners, U+2060-U+2064, U+FEFF, the soft hyphen) are shown as `\u{…}` escapes.
public enum TerminalText {
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x2028, 0x2029: return true
        // Invisible format characters: a zero-width space or joiner in a name would make two
        // names that print alike.
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if isUnsafe(s) { out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
