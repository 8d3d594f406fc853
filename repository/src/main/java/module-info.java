/** A git-annex repository on disk and in memory; CredsDir and PrivateFile, the one writer of private files. */
module org.annexp2p.repository {
    requires transitive io.vavr;
    requires transitive org.annexp2p.protocol;
    requires org.bouncycastle.provider;
    exports org.annexp2p.repository;
    exports org.annexp2p.repository.creds;
    exports org.annexp2p.repository.locationlog;
    exports org.annexp2p.repository.objects;
    exports org.annexp2p.repository.refs;
    exports org.annexp2p.repository.serving;
}
