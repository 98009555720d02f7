import Dispatch

/// Ends lifetimes off the critical path.
public enum Lifetime {
    /// Lets `value`'s memory be freed on a background thread instead of where its last reference goes away.
    ///
    /// A build's model and search documents are hundreds of megabytes in hundreds of thousands of allocations;
    /// freeing them took ~0.1 s at the end of a 10,000-issue build, on one core, with the output already written.
    /// The background thread frees them soon after (a library caller does not leak), and a command that exits
    /// right away does not wait for it.
    public static func releaseInBackground<T>(_ value: T) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }
}
