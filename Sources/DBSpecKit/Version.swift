/// dbspec itself.
public enum DBSpec {
    /// The version dbspec reports. Emitted templates do not contain it, so they stay
    /// byte-identical across releases.
    public static let version = "0.1.0"
}
