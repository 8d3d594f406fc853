package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.Test;

/**
 * A p2phttp server that lies, or stops half-way, against a get through {@link HttpPeer}: each ends the get with one
 * line saying what the server did, and none leaves content in the object store.
 */
class HostileServerTest {
    private final MemoryRepository here = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("SHA256") && k.size().get() > 100
            && k.size().get() < 1 << 20).findFirst().orElseThrow();
    private final byte[] content = GitAnnexKeys.content(key);

    /** What a get of {@code key} ends with when the server answers a download with {@code download}. */
    private Outcome<Either<String, Boolean>> getFrom(byte[] download) throws IOException {
        return getFrom(line -> line.startsWith("POST") ? StubServer.json("{\"present\":true}") : download);
    }

    private Outcome<Either<String, Boolean>> getFrom(Function<String, byte[]> answer) throws IOException {
        try (StubServer stub = new StubServer(answer)) {
            return getFrom(stub.port(), Silence.DEFAULT);
        }
    }

    private Outcome<Either<String, Boolean>> getFrom(int port, Silence silence) throws IOException {
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + port + "/git-annex/").get();
        Uuid served = Uuid.random();
        P2pHttpClient client = new P2pHttpClient(HttpClients.from(java.util.Map.of()), url, served, here.uuid(),
                CredentialSource.fixed(Option.none()), silence);
        var connection = HttpPeer.open(client, served, url.toString());
        try (connection; RepositoryLocal local = new RepositoryLocal(here)) {
            Full full = new Full(StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE), local);
            Program<Either<String, Boolean>> get = Client.awaitAuthSuccess()
                    .then(() -> Client.negotiateVersion(ProtocolVersion.MAX))
                    .then(() -> Client.get(new Destination.ObjectStore(key), AssociatedFile.NONE, Meter.NONE));
            return full.run(get);
        }
    }

    private static byte[] download(String lengthHeader, byte[] body) {
        return StubServer.response("200 OK", "X-git-annex-data-length: " + lengthHeader + "\r\n", body);
    }

    private void failsWith(Outcome<Either<String, Boolean>> outcome, String why) {
        assertThat(outcome).isEqualTo(new Outcome.Failed<>(why));
        assertThat(here.content(key)).isEmpty();
    }

    @Test
    void moreBytesThanAnnounced() throws IOException {
        byte[] longer = Arrays.copyOf(content, content.length + 5000);
        failsWith(getFrom(download(Integer.toString(content.length), longer)),
                "the server sent more than the " + content.length + " bytes it announced: the content is not valid");
    }

    @Test
    void aDownloadThatStopsHalfWay() throws IOException {
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            if (line.startsWith("POST")) {
                out.write(StubServer.json("{\"present\":true}"));
            } else {
                out.write(download(Integer.toString(content.length), Arrays.copyOf(content, 50)));
                out.flush();
                closed.await();
            }
        })) {
            Duration bound = Duration.ofMillis(500);
            failsWith(getFrom(server.port(), new Silence(bound, bound)),
                    "the server at http://127.0.0.1:" + server.port() + "/git-annex/ sent and took nothing for 500 ms");
        }
    }

    @Test
    void fewerBytesThanAnnounced() throws IOException {
        failsWith(getFrom(download(Integer.toString(content.length), Arrays.copyOf(content, 50))),
                "the server sent 50 bytes where it announced " + content.length + ": the content is not valid");
    }

    @Test
    void aLengthThatIsNoneHugeOrNegative() throws IOException {
        failsWith(getFrom(download("99999999999999999999999", content)),
                "the server announced a length that is not one: 99999999999999999999999");
        failsWith(getFrom(download("-5", content)), "the server announced a length that is not one: -5");
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() throws IOException {
        failsWith(getFrom(line -> StubServer.response("302 Found", "Location: http://192.0.2.1/elsewhere\r\nContent-Length: 0\r\n",
                new byte[0])), "the server answered HTTP 302");
    }

    @Test
    void anAnswerThatIsNotJson() throws IOException {
        failsWith(getFrom(line -> StubServer.response("200 OK", "Content-Length: 9\r\n",
                "{present:".getBytes(StandardCharsets.US_ASCII))), "the server's answer is not JSON");
    }

    @Test
    void contentWhoseHashDoesNotMatchIsNotKept() throws IOException {
        byte[] forged = content.clone();
        forged[forged.length / 2] ^= 1;
        Outcome<Either<String, Boolean>> outcome = getFrom(download(Integer.toString(content.length), forged));
        assertThat(outcome).isEqualTo(new Outcome.Completed<>(Either.right(false)));
        assertThat(here.content(key)).isEmpty();
        assertThat(here.partial(new Destination.ObjectStore(key))).isEmpty();
    }
}
