package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enable-tor} makes the onion address without tor: no tor is reachable here (the control socket named does
 * not exist), and it still gives the address, records it, and tells that {@code serve --tor} publishes and checks it.
 * That a tor serves exactly that address is {@code NewOnionIT}'s and {@code TorEndToEndIT}'s.
 */
class EnableTorTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    private String enableTor(AnnexRepository repository, String... more) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("enable-tor", "--repo",
                    repository.top().toString(), "--tor", "attach", "--tor-control", "unix:" + tmp.resolve("no-tor")),
                    java.util.Arrays.stream(more)).toArray(String[]::new);
            assertThat(Main.run(args)).as("%s", err).isZero();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theAddressIsMadeAndRecordedWithoutTorAndKeptWhenRunAgain() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        String printed = enableTor(repository);

        assertThat(printed).endsWith("\n").doesNotContain(" ");
        String address = printed.strip();
        TorAnnexAddress parsed = TorAnnexAddress.parse(address);
        assertThat(repository.creds().ownAddresses()).containsExactly(address);
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        assertThat(onion.published()).contains(parsed);
        Path key = onion.keyFile().path();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String secret = Files.readString(key).strip().substring("ED25519-V3:".length());
        assertThat(err.text()).isEqualTo("onion address " + address + " recorded in .git/annex/creds/p2paddrs\n"
                + "the address is ready: `annex-p2p serve --tor` publishes it and checks that it is reachable through "
                + "Tor (`annex-p2p enable-tor --check` checks it now)\n")
                .doesNotContain(secret);
        assertThat(Files.exists(onion.torStateDir())).as("no tor was launched").isFalse();
        String keyText = Files.readString(key);

        assertThat(enableTor(repository)).as("run again: the same address").isEqualTo(printed);
        assertThat(Files.readString(key)).as("the key is kept").isEqualTo(keyText);
        assertThat(repository.creds().ownAddresses()).containsExactly(address);
    }

    @Test
    void aDamagedKeyIsOneLineAndStaysAsItWas() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        onion.keyFile().writeText("ED25519-V3:not-a-real-key\n");
        onion.remember(TorAnnexAddress.parse(EnableTorRevokeTest.ADDRESS));

        assertThat(Main.run("enable-tor", "--repo", repository.top().toString())).isNotZero();

        assertThat(err.text()).startsWith("annex-p2p: onion key file ").contains("is damaged")
                .endsWith("remove it to get a new onion address\n");
        assertThat(err.text().lines()).hasSize(1);
        assertThat(Files.readString(onion.keyFile().path())).isEqualTo("ED25519-V3:not-a-real-key\n");
    }

    @Test
    void checkStillPublishesThroughTorAndSaysWhenNoTorAnswers() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        assertThat(Main.run("enable-tor", "--check", "--repo", repository.top().toString(), "--tor", "attach",
                "--tor-control", "unix:" + tmp.resolve("no-tor"))).isNotZero();
        assertThat(err.text()).startsWith("starting tor (attach)...\n");
    }

    /** A key an earlier version stored without its address: only tor can say its address, so tor is asked. */
    @Test
    void aKeyWithoutItsAddressIsPublishedThroughTorToLearnIt() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        onion.keyFile().writeText("ED25519-V3:" + java.util.Base64.getEncoder().encodeToString(new byte[64]) + "\n");
        String keyText = Files.readString(onion.keyFile().path());

        assertThat(Main.run("enable-tor", "--repo", repository.top().toString(), "--tor", "attach",
                "--tor-control", "unix:" + tmp.resolve("no-tor"))).as("no tor answers here").isNotZero();

        assertThat(err.text()).startsWith("this repository's onion key has no recorded address yet; publishing it "
                + "through tor to learn it\nstarting tor (attach)...\n");
        assertThat(Files.readString(onion.keyFile().path())).as("the key is kept").isEqualTo(keyText);
        assertThat(repository.creds().ownAddresses()).isEmpty();
    }
}
