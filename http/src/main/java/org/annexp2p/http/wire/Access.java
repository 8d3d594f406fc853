package org.annexp2p.http.wire;

/** The kinds of access p2phttp's permissions grant, as git-annex groups its routes. */
public enum Access {
    /** get, checkpresent, gettimestamp. */
    READ,
    /** lockcontent, keeplocked: read-only users may lock, unless the server says --unauth-nolocking. */
    LOCK,
    /** put, putoffset: append-only users may. */
    WRITE,
    /** remove, remove-before: only full access. */
    REMOVE
}
