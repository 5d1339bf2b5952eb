package com.example.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, and certificates it signs for this machine's loopback interface ({@code
 * localhost} and {@code 127.0.0.1}), written as PEM files (certificates as {@code CERTIFICATE}, private keys as
 * unencrypted PKCS#8 {@code PRIVATE KEY}), the form Spring Boot's PEM SSL bundles and RabbitMQ's {@code ssl_options}
 * read. RSA 2048 keys, valid from a day ago to a day from now. No key material is committed: every test makes its own.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path directory;

    private final String fileName;

    private final X500Name name;

    private final KeyPair keys;

    private final X509Certificate certificate;

    private TestCertificates(
            Path directory, String fileName, X500Name name, KeyPair keys, X509Certificate certificate) {
        this.directory = directory;
        this.fileName = fileName;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * Makes a new certificate authority and writes its certificate to {@code <directory>/<name>-ca.crt}.
     *
     * @param directory where it and the certificates it issues are written; created if missing
     * @param name the authority's common name, also the start of its file names
     * @return the authority
     */
    public static TestCertificates authority(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            KeyPair keys = newKeys();
            X500Name subject = new X500Name("CN=" + name + " test CA");
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            TestCertificates authority = new TestCertificates(directory, name, subject, keys, certificate);
            writePem(authority.certificate(), "CERTIFICATE", certificate.getEncoded());
            return authority;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("Could not make a test certificate authority", ex);
        }
    }

    /**
     * The authority's certificate, the file a client trusts.
     *
     * @return its PEM file
     */
    public Path certificate() {
        return this.directory.resolve(this.fileName + "-ca.crt");
    }

    /**
     * Issues a certificate signed by this authority for {@code localhost} and {@code 127.0.0.1}, usable by a server
     * and as a client certificate, and writes it to {@code <name>.crt} and its private key to {@code <name>.key}.
     *
     * @param commonName its common name, also its file names
     * @return its files
     */
    public Issued issue(String commonName) {
        try {
            KeyPair leafKeys = newKeys();
            X509v3CertificateBuilder builder =
                    builder(this.name, new X500Name("CN=" + commonName), leafKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralNames alternativeNames = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(
                        GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())
            });
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames)
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(leafKeys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(this.certificate));
            X509Certificate leaf = sign(builder, this.keys.getPrivate());
            Issued issued = new Issued(
                    this.directory.resolve(commonName + ".crt"), this.directory.resolve(commonName + ".key"));
            writePem(issued.certificate(), "CERTIFICATE", leaf.getEncoded());
            writePem(issued.privateKey(), "PRIVATE KEY", leafKeys.getPrivate().getEncoded());
            return issued;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("Could not issue a test certificate", ex);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Files.writeString(
                file,
                "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }

    /**
     * A certificate issued by a {@link TestCertificates} authority.
     *
     * @param certificate its PEM file
     * @param privateKey its private key's PEM file (PKCS#8, unencrypted)
     */
    public record Issued(Path certificate, Path privateKey) {}
}
