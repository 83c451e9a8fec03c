// A Swift program that does nothing: the floor for a Swift process.
