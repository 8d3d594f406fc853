# annex-p2p's ssh-side forwarder: hands one restricted-shell session (what git-annex starts per ssh connection) to a
# resident `annex-p2p shell-server` over its unix socket and copies the bytes, or, when no usable server answers,
# execs the java command line bin/annex-p2p would have run.
#
#   perl -- shell-forward.pl N ARG_1 ... ARG_N FALLBACK_PROGRAM FALLBACK_ARGS...
#
# It runs once per ssh connection, so it starts as bare perl: builtins only (loading Socket.pm, IO::* or Cwd costs
# several times perl's own start). Hence the Linux constants below and the hand-packed sockaddr_un; on any other
# system it falls back to the JVM at once. Not even strict and warnings: loading them is a large part of a start this
# short. The tests run it under `perl -Mstrict -w`, where a warning fails them (they check stderr whole).

my ($AF_UNIX, $SOCK_STREAM, $SOL_SOCKET, $SO_PEERCRED) = (1, 1, 1, 17);
my $EINTR = 4; # numerically: naming it through %! would load Errno and Exporter at every start
my $MSG_NOSIGNAL = 0x4000; # a write to a closed socket is an error to handle, not a SIGPIPE that kills us
my $MAX_PAYLOAD = 1_048_576;
my $BROKE = "annex-p2p: the resident shell server broke the session protocol\n";

my $n = shift @ARGV;
if (!defined $n || $n !~ /\A[0-9]+\z/ || @ARGV < $n + 1) {
    print STDERR "annex-p2p: usage: shell-forward.pl N ARG_1 ... ARG_N FALLBACK_PROGRAM FALLBACK_ARGS...\n";
    exit 2;
}
my @argv = splice @ARGV, 0, $n;
my @fallback = @ARGV;

# The direct JVM, with the stdin we have not touched and the signal dispositions we were given (nothing before this
# point changes one for good). A pending alarm would outlive exec and kill the JVM: it is cancelled first.
sub fallback {
    alarm 0;
    { exec { $fallback[0] } @fallback; }
    print STDERR "annex-p2p: cannot run $fallback[0]: $!\n";
    exit 127;
}

sub debug {
    print STDERR "annex-p2p: not using the resident shell server: $_[0]\n" if $ENV{ANNEX_P2P_DEBUG_RESIDENT};
}

fallback() if $^O ne 'linux';

my $xdg = $ENV{XDG_RUNTIME_DIR};
my $dir = defined $xdg && $xdg =~ m{\A/} ? "$xdg/annex-p2p" : "/tmp/annex-p2p-$<";
my $path = "$dir/shell.sock";
fallback() if length $path > 107; # sun_path holds 108 bytes with its NUL

# Whoever can write into the directory can put their own socket there and be handed our session (stdin, argv and
# environment): only a real directory (lstat: not a symlink) of ours that nobody else may enter or write is trusted.
fallback() if !-e $path; # no server: the usual case when none was started, so silent
my @d = lstat $dir;
if (!@d || !-d _ || $d[4] != $< || ($d[2] & 077) != 0) {
    print STDERR "annex-p2p: not using the resident shell server: $dir is not a private directory of this user\n";
    fallback();
}

# The wait for the server's answer (10 s) also covers connect and the request's send: a listener whose backlog is
# full, or that stopped reading, must not wedge git-annex either. ANNEX_P2P_RESIDENT_TEST_WAIT (whole seconds) is set
# only by the tests, which would otherwise wait the full 10 s for a silent server.
my $wait = $ENV{ANNEX_P2P_RESIDENT_TEST_WAIT};
$wait = 10 if !defined $wait || $wait !~ /\A[1-9][0-9]{0,2}\z/;

my $sock;
my $answer = eval {
    local $SIG{ALRM} = sub { die "no answer within $wait s\n" };
    alarm $wait;
    socket($sock, $AF_UNIX, $SOCK_STREAM, 0) or die "socket: $!\n";
    connect($sock, pack('S Z108', $AF_UNIX, $path)) or die "connect: $!\n";
    # The socket file's mode says little (a server of another user may have bound it in our directory before we
    # made it private): the kernel's word on who is listening is what counts.
    my $cred = getsockopt($sock, $SOL_SOCKET, $SO_PEERCRED);
    die "SO_PEERCRED: $!\n" if !defined $cred || length $cred < 12;
    my (undef, $uid) = unpack 'l I', $cred;
    if ($uid != $<) {
        print STDERR "annex-p2p: not using the resident shell server: $path is served by another user (uid $uid)\n";
        die "another user\n";
    }
    my $cwd = readlink '/proc/self/cwd';
    die "no current directory: $!\n" if !defined $cwd;
    my @frames = (['H', 'annex-p2p-shell 1'], (map { ['A', $_] } @argv),
        (map { ['E', "$_=$ENV{$_}"] } keys %ENV), ['D', $cwd], ['G', '']);
    # The server's limits: past them it would close the connection; better not to ask.
    my $total = 0;
    for (@frames) {
        die "an argument or variable is too long\n" if length $_->[1] > $MAX_PAYLOAD;
        $total += length $_->[1];
    }
    die "the request is too large\n" if @frames > 10_000 || $total > 4 * 1_048_576;
    send_all(join '', map { pack('a N', $_->[0], length $_->[1]) . $_->[1] } @frames) or die "send: $!\n";
    my ($type, $payload) = read_frame();
    alarm 0;
    die "the server closed the connection\n" if !defined $type;
    die "the server broke the session protocol\n" if $type ne 'S' && $type ne 'B';
    die "not served here: $payload\n" if $type eq 'B';
    die "'S' with a payload\n" if length $payload;
    1;
};
alarm 0;
if (!$answer) {
    # Nothing of stdin is read yet: the JVM gets the session whole, whatever went wrong here.
    debug($@ =~ s/\n\z//r);
    close $sock if defined $sock;
    fallback();
}

# The session runs in the server now. Two processes, one per direction, so that neither side's stream waits on the
# other's (a peer that writes much before reading would otherwise deadlock with us): the child copies stdin to 'I'
# frames, the parent copies 'O' and 'R' frames to stdout and stderr until 'X'.
my $child = fork;
if (!defined $child) {
    print STDERR "annex-p2p: cannot start the resident session's input copy: $!\n";
    exit 1;
}
if ($child == 0) {
    close STDOUT;
    while (1) {
        my $got = sysread STDIN, my $buf, 65536;
        if (!defined $got) {
            next if $! == $EINTR;
            last; # a broken stdin is its end, as the direct JVM would see it
        }
        last if $got == 0;
        exit 0 if !send_all(pack('a N', 'I', $got) . $buf); # the server is gone: the parent reports it
    }
    send_all(pack('a N', 'C', 0));
    exit 0;
}

# Ending the parent must end the child: it may be blocked reading a stdin that stays open, and it holds the socket,
# so the server would not see us gone. A signal that would have killed us (SIGPIPE when ssh is gone and stdout is
# closed; SIGHUP, SIGTERM, SIGINT) kills the child, then us by that signal, so our parent sees the usual death.
for my $sig (qw(PIPE HUP TERM INT)) {
    $SIG{$sig} = sub { kill 'KILL', $child; $SIG{$sig} = 'DEFAULT'; kill $sig, $$; exit 1; };
}

sub finish {
    my ($status, $message) = @_;
    print STDERR $message if defined $message;
    kill 'KILL', $child;
    waitpid $child, 0;
    exit $status;
}

while (1) {
    my ($type, $payload) = read_frame();
    finish(1, "annex-p2p: the resident shell server ended the session without an exit status\n") if !defined $type;
    if ($type eq 'O') {
        write_all(\*STDOUT, $payload);
    } elsif ($type eq 'R') {
        write_all(\*STDERR, $payload);
    } elsif ($type eq 'X' && length $payload == 4 && unpack('N', $payload) <= 255) {
        finish(unpack 'N', $payload);
    } else {
        finish(1, $BROKE);
    }
}

# Writes all of $bytes on the socket, however the kernel splits it; false if the server is gone.
sub send_all {
    my ($bytes) = @_;
    my $off = 0;
    while ($off < length $bytes) {
        my $sent = send $sock, substr($bytes, $off), $MSG_NOSIGNAL;
        if (!defined $sent) {
            next if $! == $EINTR;
            return 0;
        }
        $off += $sent;
    }
    return 1;
}

# Writes all of $bytes to a file handle (a pipe's writes may be partial); a failure other than SIGPIPE ends the
# session as a closed stdout would.
sub write_all {
    my ($fh, $bytes) = @_;
    my $off = 0;
    while ($off < length $bytes) {
        my $wrote = syswrite $fh, $bytes, length($bytes) - $off, $off;
        if (!defined $wrote) {
            next if $! == $EINTR;
            finish(1);
        }
        $off += $wrote;
    }
}

# Reads exactly $want bytes from the socket; undef at its end (or on an error: the same for us, the server is gone).
sub read_exactly {
    my ($want) = @_;
    my $buf = '';
    while (length $buf < $want) {
        my $got = sysread $sock, $buf, $want - length $buf, length $buf;
        if (!defined $got) {
            next if $! == $EINTR;
            return undef;
        }
        return undef if $got == 0;
    }
    return $buf;
}

# One frame: (type, payload); () at the socket's end before a frame starts. A frame cut short or a length over the
# limit is the protocol broken: type '!', which no valid frame has.
sub read_frame {
    my $head = read_exactly(5);
    return () if !defined $head;
    my ($type, $len) = unpack 'a N', $head;
    return ('!', '') if $len > $MAX_PAYLOAD;
    my $payload = $len ? read_exactly($len) : '';
    return ('!', '') if !defined $payload;
    return ($type, $payload);
}
