package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 2: two repositories served by our {@code p2pstdio} are the nodes of a cluster whose gateway is real
 * git-annex 10.20250416 ({@code initcluster}, {@code remote.N.annex-cluster-node}, {@code updatecluster}); a client
 * reaches the gateway over ssh (a fake ssh runs everything here) and uses the cluster, and one node through the
 * gateway as a proxy. Each node's own git-annex then checks what our server stored and logged; the nodes' transcripts
 * show what the gateway said to them (BYPASS with the cluster's uuid among it). One cluster for both cases.
 */
class GitAnnexClusterIT {
    static final List<String> NODES = List.of("node1", "node2");

    @TempDir
    static Path tmp;
    static Map<String, String> env;
    static Path gateway;
    static Path client;

    @BeforeAll
    static void clusterOfOurServers() throws Exception {
        GitAnnexVersions.Release newer = GitAnnexVersions.newer();
        env = newer.env(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1"));
        gateway = GitAnnex.initRepo(newer, tmp.resolve("gateway"), "gateway");
        String launcher = AnnexP2p.wireLoggingLauncher(tmp).toString();
        for (String node : NODES) {
            Path repo = GitAnnex.initRepo(newer, tmp.resolve(node), node);
            git(gateway, "git", "remote", "add", node, "localhost:" + repo);
            git(gateway, "git", "config", "remote." + node + ".annex-shell", launcher);
            git(gateway, "git", "config", "remote." + node + ".annex-cluster-node", "mycluster");
        }
        git(gateway, "git", "annex", "initcluster", "mycluster");
        assertThat(git(gateway, "git", "annex", "updatecluster").out())
                .contains("Added node node1 to cluster: mycluster", "Added node node2 to cluster: mycluster");

        client = GitAnnex.initRepo(newer, tmp.resolve("client"), "client");
        git(client, "git", "remote", "add", "gw", "localhost:" + gateway);
        git(client, "git", "config", "remote.gw.annex-shell", newer.gitAnnexShell().toString());
        git(client, "git", "fetch", "-q", "gw");
        assertThat(git(client, "git", "annex", "info", "gw").out()).contains("gateway to cluster: gw-mycluster");
    }

    static GitAnnex.Result git(Path dir, String... argv) throws Exception {
        return GitAnnex.run(dir, env, argv).ok();
    }

    static Path node(String name) {
        return tmp.resolve(name);
    }

    static boolean holds(Path repo, String key) throws Exception {
        return GitAnnex.run(repo, env, "git", "annex", "contentlocation", key).exit() == 0;
    }

    static byte[] content(int seed) {
        byte[] b = new byte[150_000];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void copyToTheClusterReachesEveryNodeAndGetFsckAndDropWork() throws Exception {
        byte[] content = content(19);
        String key = GitAnnex.addFile(GitAnnexVersions.newer(), client, "clustered.bin", content);
        git(client, "git", "annex", "copy", "--to", "gw-mycluster", "clustered.bin");
        for (String node : NODES) {
            assertThat(holds(node(node), key)).as(node).isTrue();
            // The node's own git-annex: our server stored the right bytes and logged them in its branch.
            assertThat(git(node(node), "git", "annex", "fsck", "--key", key).out()).contains("(checksum...) ok");
            assertThat(git(node(node), "git", "annex", "whereis", "--key", key).out())
                    .contains(GitAnnex.uuid(node(node)));
            String wire = Files.readString(tmp.resolve(node + ".wire"));
            assertThat(wire).containsPattern("P2P < VERSION 4\\n.*P2P > VERSION 4\\n.*P2P < BYPASS [0-9a-f-]{36}\\n")
                    .contains("P2P < PUT clustered.bin " + key).doesNotContain("P2P > ERROR");
        }

        git(client, "git", "annex", "drop", "clustered.bin");
        git(client, "git", "annex", "get", "--from", "gw-mycluster", "clustered.bin");
        assertThat(Files.readAllBytes(client.resolve("clustered.bin"))).isEqualTo(content);
        assertThat(git(client, "git", "annex", "fsck", "--from", "gw-mycluster", "clustered.bin").out()).contains("ok");

        git(client, "git", "annex", "drop", "--from", "gw-mycluster", "clustered.bin");
        for (String node : NODES) {
            assertThat(holds(node(node), key)).as(node).isFalse();
            // Our server logged the removal in the node's branch (whereis exits 1 for no copies).
            assertThat(GitAnnex.run(node(node), env, "git", "annex", "whereis", "--key", key).out())
                    .doesNotContain(GitAnnex.uuid(node(node)));
        }
        String whereis = git(client, "git", "annex", "whereis", "clustered.bin").out();
        assertThat(whereis).contains("(1 copy)").doesNotContain(GitAnnex.uuid(node("node1")))
                .doesNotContain(GitAnnex.uuid(node("node2")));
    }

    @Test
    void aNodeIsReachedThroughTheGatewayAsAProxy() throws Exception {
        byte[] content = content(20);
        String key = GitAnnex.addFile(GitAnnexVersions.newer(), client, "proxied.bin", content);
        git(client, "git", "annex", "copy", "--to", "gw-node1", "proxied.bin");
        assertThat(holds(node("node1"), key)).isTrue();
        assertThat(holds(node("node2"), key)).as("only the node it was sent to").isFalse();
        git(client, "git", "annex", "drop", "proxied.bin");
        git(client, "git", "annex", "get", "--from", "gw-node1", "proxied.bin");
        assertThat(Files.readAllBytes(client.resolve("proxied.bin"))).isEqualTo(content);
        git(node("node1"), "git", "annex", "fsck", "--key", key);
    }
}
