package org.annexp2p.web.transfers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Transfers other processes (git-annex, annex-p2p's own serving) are running in a repository, read from git-annex's
 * transfer files. A file whose lock no process holds is a leftover of an interrupted transfer and is not shown (it
 * is left alone: git-annex cleans it up). Locks are only tested, never taken for longer than the test.
 */
final class OtherTransfers {
    record Seen(String id, String direction, String peer, String key, String file, long bytes) {
    }

    private OtherTransfers() {
    }

    static List<Seen> scan(Path annexDir) {
        List<Seen> seen = new ArrayList<>();
        for (String direction : List.of("download", "upload")) {
            Path dir = annexDir.resolve("transfer").resolve(direction);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> uuids = Files.list(dir)) {
                for (Path uuid : uuids.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("lck")).toList()) {
                    try (Stream<Path> files = Files.list(uuid)) {
                        for (Path file : files.filter(p -> !p.getFileName().toString().startsWith("lck.")).toList()) {
                            String name = file.getFileName().toString();
                            if (!running(uuid.resolve("lck." + name)) && !running(dir.resolve("lck").resolve("lck." + name))) {
                                continue;
                            }
                            TransferInfoFile info = TransferInfoFile.parse(Files.readString(file, StandardCharsets.UTF_8));
                            seen.add(new Seen(direction + "/" + uuid.getFileName() + "/" + name, direction, uuid.getFileName().toString(),
                                    TransferInfoFile.keyOf(name), info.file(), info.bytes().orElse(0)));
                        }
                    }
                }
            } catch (IOException e) {
                // A transfer ending while we look: its files go; the next scan sees what is left.
            }
        }
        return seen;
    }

    /**
     * Whether another process holds the lock file (git-annex takes an exclusive lock while transferring). Closing
     * our channel drops every lock this JVM holds on the file; none is ours, as annex-p2p writes no transfer files.
     */
    private static boolean running(Path lock) {
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ)) {
            FileLock test = channel.tryLock(0, Long.MAX_VALUE, true);
            if (test == null) {
                return true;
            }
            test.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
