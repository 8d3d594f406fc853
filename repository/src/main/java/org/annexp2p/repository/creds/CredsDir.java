package org.annexp2p.repository.creds;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * The files git-annex keeps in {@code .git/annex/creds/}: {@code p2paddrs} (this repository's own P2P addresses,
 * newest first), {@code p2pauth} (the tokens it accepts, newest first) and one file per Tor peer holding the
 * token used to reach it; and annex-p2p's own private files ({@link #file}). Every file here is a {@link PrivateFile}:
 * created mode 0600 from the first byte and replaced atomically; the directory is 0700. A creds file others can
 * read is refused rather than used. The directory's path is not handed out: code reaches a file only by its name.
 */
public final class CredsDir {
    public static final String ADDRESSES_FILE = "p2paddrs";
    public static final String ACCEPTED_TOKENS_FILE = "p2pauth";
    /** git-annex lets this variable override the per-peer token file. */
    public static final String TOKEN_ENVIRONMENT_VARIABLE = "GIT_ANNEX_P2P_AUTHTOKEN";

    private static final Pattern ONION = Pattern.compile("[a-z2-7]{16,56}\\.onion");

    private final Path dir;

    public CredsDir(Path dir) {
        this.dir = dir;
    }

    /** For this package's tests; everyone else names a file ({@link #file}) or prints the directory ({@link #toString}). */
    Path dir() {
        return dir;
    }

    /** The directory's path, for messages. */
    @Override
    public String toString() {
        return dir.toString();
    }

    // ---- p2paddrs -------------------------------------------------------------------------------------------

    /** This repository's own addresses ({@code tor-annex::<onion>:<port>}), newest first. */
    public List<String> ownAddresses() throws IOException {
        return lines(ADDRESSES_FILE);
    }

    /** Adds an address as the newest, unless it is already there (a concurrent update is kept, see {@link PrivateFile#update}). */
    public void addOwnAddress(String address) throws IOException {
        requireLine(address, "an address");
        file(ADDRESSES_FILE).update(content -> {
            List<String> addresses = lines(content);
            return addresses.contains(address) ? Optional.empty() : Optional.of(unlines(address, addresses));
        });
    }

    /** Removes an address (a revoked onion), keeping the others in their order; absent, nothing changes. */
    public void removeOwnAddress(String address) throws IOException {
        file(ADDRESSES_FILE).update(content -> {
            List<String> addresses = lines(content);
            return addresses.contains(address)
                    ? Optional.of(String.join("", addresses.stream().filter(a -> !a.equals(address)).map(a -> a + "\n").toList()))
                    : Optional.empty();
        });
    }

    /** Stops accepting {@code token} (a pairing that failed after storing it); absent, nothing changes. */
    public void removeAcceptedToken(AuthToken token) throws IOException {
        file(ACCEPTED_TOKENS_FILE).update(content -> {
            List<String> lines = lines(content);
            List<String> kept = lines.stream().filter(l -> AuthToken.parse(l).map(t -> !t.equals(token)).getOrElse(true)).toList();
            return kept.size() == lines.size() ? Optional.empty()
                    : Optional.of(String.join("", kept.stream().map(l -> l + "\n").toList()));
        });
    }

    // ---- p2pauth --------------------------------------------------------------------------------------------

    /** Tokens this repository accepts, newest first. Lines that are not tokens are skipped, as git-annex does. */
    public List<AuthToken> acceptedTokens() throws IOException {
        return tokens(lines(ACCEPTED_TOKENS_FILE));
    }

    private static List<AuthToken> tokens(List<String> lines) {
        List<AuthToken> tokens = new ArrayList<>();
        lines.forEach(line -> AuthToken.parse(line).forEach(tokens::add));
        return tokens;
    }

    /** Makes a token accepted (as the newest), unless it already is (a concurrent update is kept). */
    public void addAcceptedToken(AuthToken token) throws IOException {
        file(ACCEPTED_TOKENS_FILE).update(content -> {
            List<AuthToken> tokens = tokens(lines(content));
            return token.isAllowedBy(tokens) ? Optional.empty()
                    : Optional.of(unlines(token.reveal(), tokens.stream().map(AuthToken::reveal).toList()));
        });
    }

    // ---- per-peer tokens ------------------------------------------------------------------------------------

    /**
     * The token for reaching a Tor peer: the first line of the file named after its onion address, read under
     * the plain name (git-annex 10.20230126) or the escaped one (10.20250828 and later, {@code .} as {@code %2E}).
     */
    public Option<AuthToken> peerToken(String onionAddress) throws IOException {
        String onion = requireOnion(onionAddress);
        for (String name : List.of(onion, escapedName(onion))) {
            Option<String> content = read(name);
            if (content.isDefined()) {
                String first = content.get();
                int nl = first.indexOf('\n');
                return AuthToken.parse(nl < 0 ? first : first.substring(0, nl));
            }
        }
        return Option.none();
    }

    /** Stores the token for a Tor peer under the plain name, one line without a newline, as 10.20230126 does. */
    public void storePeerToken(String onionAddress, AuthToken token) throws IOException {
        write(requireOnion(onionAddress), token.reveal());
    }

    /** Upstream's per-peer file name: every character but ASCII letters and digits as {@code %XX} of its UTF-8. */
    public static String escapedName(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    private static String requireOnion(String onionAddress) {
        String onion = onionAddress.toLowerCase(java.util.Locale.ROOT);
        if (!ONION.matcher(onion).matches()) {
            throw new IllegalArgumentException("not an onion address: " + onionAddress);
        }
        return onion;
    }

    private static void requireLine(String s, String what) {
        if (s.isEmpty() || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be one non-empty line");
        }
    }

    // ---- the directory as a whole ----------------------------------------------------------------------------

    /** The regular files here (a link counts as what it points to); empty if the directory does not exist yet. */
    public Optional<List<CredsEntry>> entries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<CredsEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    entries.add(new CredsEntry(f.getFileName().toString(), Files.getPosixFilePermissions(f)));
                }
            }
        }
        return Optional.of(entries);
    }

    // ---- files ----------------------------------------------------------------------------------------------

    private List<String> lines(String name) throws IOException {
        return lines(file(name).readText());
    }

    private static List<String> lines(Optional<String> content) {
        List<String> lines = new ArrayList<>();
        if (content.isPresent()) {
            for (String line : content.get().split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** {@code newest}, then {@code older}, one per line. */
    private static String unlines(String newest, List<String> older) {
        StringBuilder sb = new StringBuilder(newest).append('\n');
        older.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** A creds file's content; none if it does not exist. Refuses a file that others can read. */
    private Option<String> read(String name) throws IOException {
        return Option.ofOptional(file(name).readText());
    }

    private void write(String name, String content) throws IOException {
        file(name).writeText(content);
    }

    /** The file {@code name} in this directory, read and written only through {@link PrivateFile}. */
    public PrivateFile file(String name) {
        return PrivateFile.in(dir, name);
    }
}
