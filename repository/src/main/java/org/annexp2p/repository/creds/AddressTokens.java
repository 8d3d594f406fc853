package org.annexp2p.repository.creds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * Tokens accepted on one address of a generic P2P network only: the lines of {@code p2pauth} that git-annex
 * (10.20250828 and later) writes as {@code TOKEN p2p-annex::NETNAME:ADDRESS}. A plain token line is not one of
 * them, so a token given for Tor or TCP opens no network, and these lines are no plain tokens to
 * {@link CredsDir#acceptedTokens}, so a network's token opens nothing else.
 */
public final class AddressTokens {
    private AddressTokens() {}

    /** The tokens accepted on {@code address}, newest first. */
    public static List<AuthToken> acceptedOn(CredsDir creds, String address) throws IOException {
        return acceptedOn(lines(creds.file(CredsDir.ACCEPTED_TOKENS_FILE).readText()), address);
    }

    /** Makes {@code token} accepted on {@code address} (as the newest line), every other line kept. */
    public static void accept(CredsDir creds, AuthToken token, String address) throws IOException {
        if (address.isEmpty() || address.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("an address must be one non-empty line");
        }
        creds.file(CredsDir.ACCEPTED_TOKENS_FILE).update(content -> {
            List<String> lines = lines(content);
            if (token.isAllowedBy(acceptedOn(lines, address))) {
                return Optional.empty();
            }
            StringBuilder sb = new StringBuilder(token.reveal()).append(' ').append(address).append('\n');
            lines.forEach(l -> sb.append(l).append('\n'));
            return Optional.of(sb.toString());
        });
    }

    /** Stops accepting {@code token} on {@code address} (a pairing that failed); other lines stay as they are. */
    public static void withdraw(CredsDir creds, AuthToken token, String address) throws IOException {
        creds.file(CredsDir.ACCEPTED_TOKENS_FILE).update(content -> {
            List<String> lines = lines(content);
            List<String> kept = lines.stream().filter(l -> !acceptedOn(List.of(l), address).contains(token)).toList();
            return kept.size() == lines.size() ? Optional.empty()
                    : Optional.of(String.join("", kept.stream().map(l -> l + "\n").toList()));
        });
    }

    private static List<AuthToken> acceptedOn(List<String> lines, String address) {
        List<AuthToken> tokens = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(space + 1).equals(address)) {
                AuthToken.parse(line.substring(0, space)).forEach(tokens::add);
            }
        }
        return tokens;
    }

    private static List<String> lines(Optional<String> content) {
        List<String> lines = new ArrayList<>();
        content.ifPresent(text -> text.lines().filter(l -> !l.isEmpty()).forEach(lines::add));
        return lines;
    }
}
