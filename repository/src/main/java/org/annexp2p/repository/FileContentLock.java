package org.annexp2p.repository;

import java.io.IOException;
import java.nio.file.Path;
import org.annexp2p.protocol.key.Key;

/** One holder's share of the lock on an object's {@code .lck} file. */
final class FileContentLock implements ContentLock {
    private final Key key;
    private final Path lockFile;
    private final ContentLockFiles locks;
    private boolean released;

    FileContentLock(Key key, Path lockFile, ContentLockFiles locks) {
        this.key = key;
        this.lockFile = lockFile;
        this.locks = locks;
    }

    @Override
    public Key key() {
        return key;
    }

    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            locks.unlockShared(lockFile);
        } catch (IOException e) {
            // The lock itself went with its channel; only tidying up the lock file failed, which git-annex tolerates.
        }
    }
}
