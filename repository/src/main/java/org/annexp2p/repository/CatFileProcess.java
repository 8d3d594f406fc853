package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One running {@code git cat-file --batch}: a name goes in as a line, the object (or "missing") comes back. */
final class CatFileProcess {
    /** The largest object read: location logs are small, and a bigger one would only fill the heap. */
    private static final long MAX_SIZE = 64L << 20;

    private final Process process;
    private final OutputStream requests;
    private final InputStream answers;
    private final StderrTail stderr;

    private CatFileProcess(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.answers = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.stderr = StderrTail.drain(process.getErrorStream());
    }

    static CatFileProcess start(GitProcess git) throws IOException {
        ProcessBuilder command = git.command("cat-file", "--batch");
        try {
            return new CatFileProcess(command.start());
        } catch (IOException e) {
            throw new IOException("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
        }
    }

    Process process() {
        return process;
    }

    /**
     * The blob named {@code object}, none if missing. After a failure the answers may be out of step with the
     * requests: the caller must stop this process.
     */
    Option<byte[]> ask(String object) throws IOException {
        requests.write((object + "\n").getBytes(StandardCharsets.ISO_8859_1));
        requests.flush();
        String header = line();
        if (header.equals(object + " missing")) {
            return Option.none();
        }
        String[] parts = header.split(" ");
        if (parts.length != 3 || !parts[2].matches("[0-9]{1,18}")) {
            throw new IOException("unexpected answer from git cat-file: " + header);
        }
        long size = Long.parseLong(parts[2]);
        if (size > MAX_SIZE || !parts[1].equals("blob")) {
            throw new IOException("git cat-file found a " + parts[1] + " of " + size + " bytes, not a small blob");
        }
        byte[] content = answers.readNBytes((int) size);
        if (content.length < size || answers.read() != '\n') {
            throw new IOException("git cat-file gave less than the " + size + " bytes it announced" + stderr.shown());
        }
        return Option.some(content);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        for (int b; (b = answers.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("git cat-file --batch ended" + stderr.shown());
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Its input closed, git exits by itself; the signal is for one that would not. */
    void stop() {
        try {
            requests.close();
        } catch (IOException e) {
            // Already gone.
        }
        process.destroy();
    }
}
