package org.annexp2p.pairing.confirm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLSocket;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsIdentity;

/** A's side: call B's confirmation listener with the address A saw B at and A's own details. */
public final class ConfirmationCall {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfirmationCall() {
    }

    /** Never throws: a failed call is an {@link CallOutcome.Unconfirmed} naming the address and the reason. */
    public static CallOutcome call(InetSocketAddress callee, CallerDetails ours, SharedSecret secret, TlsIdentity own, Duration timeout) {
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        try (SSLSocket socket = PinnedTls.connectAnyKey(callee, own, new AnyKeyTrustManager(), timeout)) {
            KeyFingerprint calleeKey = ConfirmationProtocol.peerKey(socket);
            String request = "OBSERVED " + ours.observedForCallee().getHostAddress() + " " + ours.device() + " "
                    + ours.address().getHostAddress() + " " + ours.listenerPort() + " " + nonce;
            Lines.write(socket.getOutputStream(), request + " " + ConfirmationProtocol.mac(secret, request, calleeKey));
            String answer = Lines.read(socket.getInputStream());
            String[] parts = answer.split(" ");
            if (parts.length == 3 && parts[0].equals("CONFIRMED")
                    && ConfirmationProtocol.verify(secret, "CONFIRMED " + parts[1] + " " + nonce, calleeKey, parts[2])) {
                return new CallOutcome.Confirmed(literal(parts[1]), calleeKey);
            }
            if (parts[0].equals("UNCONFIRMED")) {
                return new CallOutcome.Unconfirmed(callee.getAddress().getHostAddress() + " could not confirm: " + answer.substring("UNCONFIRMED".length()).strip());
            }
            return new CallOutcome.Unconfirmed(callee.getAddress().getHostAddress() + " gave an answer we cannot authenticate");
        } catch (IOException e) {
            return new CallOutcome.Unconfirmed("confirmation call to " + callee.getAddress().getHostAddress() + ":" + callee.getPort() + " failed: " + e.getMessage());
        }
    }

    static InetAddress literal(String text) throws IOException {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new IOException("not a literal IP address: " + text);
        }
        if (text.matches("[0-9.]+") && !text.matches("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")) {
            throw new IOException("not a literal IP address: " + text);
        }
        if (!text.contains(":") && !text.matches("[0-9.]+")) {
            throw new IOException("not a literal IP address: " + text);
        }
        return InetAddress.getByName(text);
    }
}
