import Foundation
import NIOSSL

/// The CA certificates to trust in place of the system's when `SSL_CERT_FILE` names a PEM
/// bundle, as OpenSSL, curl, git and Python read that variable. Behind a proxy that inspects
/// HTTPS, its CA must be trusted, and a person who cannot add it to the system's store (no
/// root) points this at a bundle that holds it.
enum CertificateBundle {
    /// The TLS configuration for `environment`: the system's store unless `SSL_CERT_FILE` names
    /// a bundle.
    static func tlsConfiguration(environment: [String: String]) throws(APIError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        // How long a closed connection waits for the server's own close: NIOSSL's 5 s came after
        // every failure (no answer within --timeout 2: the line after 7 s), as after a capped body.
        configuration.shutdownTimeout = .milliseconds(500)
        guard let path = environment["SSL_CERT_FILE"], !path.isEmpty else { return configuration }
        let certificates = access(path, R_OK) == 0 ? (try? NIOSSLCertificate.fromPEMFile(path)) ?? [] : nil
        guard let certificates, !certificates.isEmpty else {
            let problem = certificates == nil ? "cannot be read" : "holds no PEM certificate"
            throw .invalidArgument("SSL_CERT_FILE names \(APIError.safe(path)), which \(problem): point it at a bundle of CA certificates, or unset it to trust the system's.")
        }
        configuration.trustRoots = .certificates(certificates)
        return configuration
    }
}
