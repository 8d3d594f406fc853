import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.annexp2p.cli.Main;

/**
 * The floor of a wormhole transfer in Java: sender and receiver of ours in one JVM that stays up, so that after the
 * first rounds nothing is left to load or compile. bench/wormhole.sh --warm drives it: for each line
 * "CODE OUTFILE" on stdin it runs {@code wormhole send} and {@code wormhole receive} of FILE at once (two threads,
 * the command line's own entry point, the mailbox and relay given as arguments) and prints
 * "warm-round: WALL_SECONDS CPU_SECONDS" (the process's CPU, both sides together), or "warm-round: failed", among
 * what the two commands themselves print.
 * The script alternates these rounds with python -> python transfers, so the load falls on both.
 */
public final class WarmWormhole {
    public static void main(String[] args) throws Exception {
        String mailbox = args[0], relay = args[1], file = args[2];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] round = line.split(" ");
            String code = round[0];
            Path out = Path.of(round[1]);
            Files.deleteIfExists(out);
            List<String> servers = List.of("wormhole", "--relay-url", mailbox, "--transit-helper", relay);
            List<String> send = new ArrayList<>(servers);
            send.addAll(List.of("send", "--hide-progress", "--code", code, file));
            List<String> receive = new ArrayList<>(servers);
            receive.addAll(List.of("receive", "--hide-progress", "--accept-file", "-o", out.toString(), code));
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            FutureTask<Integer> sender = new FutureTask<>(() -> Main.run(send.toArray(String[]::new)));
            FutureTask<Integer> receiver = new FutureTask<>(() -> Main.run(receive.toArray(String[]::new)));
            new Thread(sender, "sender").start();
            new Thread(receiver, "receiver").start();
            boolean ok = sender.get() == 0 & receiver.get() == 0;
            double wall = (System.nanoTime() - start) / 1e9;
            double used = (os.getProcessCpuTime() - cpu) / 1e9;
            System.out.println("warm-round: " + (ok ? String.format("%.3f %.3f", wall, used) : "failed"));
            System.out.flush();
        }
        // The wormhole's own threads (mailbox sockets) may linger; the bench is done with this JVM.
        System.exit(0);
    }
}
