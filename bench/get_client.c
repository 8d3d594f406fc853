/*
 * The least a P2P client can do for a GET over p2pstdio: start the server command, speak VERSION 1, GET one key,
 * read the DATA as fast as the pipe gives it, answer SUCCESS. No hashing, no checks of the content; the bytes go to
 * OUT, or nowhere with "-". The bench times every server with it, so that no server is measured through a client
 * slower than itself.
 *
 *   cc -O2 -o get_client bench/get_client.c
 *   get_client 'SERVER COMMAND' KEY OUT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUF (1 << 20)

static int to_server, from_server;
static char line_buf[65536];
static size_t line_len, line_pos;

static void fail(const char *what) {
    fprintf(stderr, "get_client: %s\n", what);
    exit(1);
}

/* One protocol line, buffered; what follows it in the buffer is DATA, taken by take_buffered. */
static char *read_line(void) {
    static char line[4096];
    size_t n = 0;
    for (;;) {
        if (line_pos == line_len) {
            ssize_t r = read(from_server, line_buf, sizeof line_buf);
            if (r <= 0) fail("the server closed the connection");
            line_len = (size_t)r;
            line_pos = 0;
        }
        char c = line_buf[line_pos++];
        if (c == '\n') break;
        if (n + 1 >= sizeof line) fail("a protocol line too long");
        line[n++] = c;
    }
    line[n] = 0;
    return line;
}

static void send_line(const char *s) {
    size_t n = strlen(s);
    if (write(to_server, s, n) != (ssize_t)n || write(to_server, "\n", 1) != 1) fail("cannot write to the server");
}

static void write_all(int fd, const char *b, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            fail("cannot write the output");
        }
        b += w;
        n -= (size_t)w;
    }
}

int main(int argc, char **argv) {
    if (argc != 4) fail("usage: get_client 'SERVER COMMAND' KEY OUT");
    int in[2], out[2];
    if (pipe(in) || pipe(out)) fail("pipe");
    pid_t pid = fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        execl("/bin/sh", "sh", "-c", argv[1], (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_server = in[1];
    from_server = out[0];
    fcntl(from_server, F_SETPIPE_SZ, BUF); /* a larger pipe, where allowed: fewer wake-ups */

    int sink = strcmp(argv[3], "-") == 0 ? -1 : open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (strcmp(argv[3], "-") != 0 && sink < 0) fail("cannot open the output");
    if (strncmp(read_line(), "AUTH-SUCCESS ", 13) != 0) fail("no AUTH-SUCCESS");
    send_line("VERSION 1");
    if (strncmp(read_line(), "VERSION ", 8) != 0) fail("no VERSION");
    char get[4096];
    snprintf(get, sizeof get, "GET 0 file %s", argv[2]);
    send_line(get);
    char *data = read_line();
    if (strncmp(data, "DATA ", 5) != 0) fail("no DATA");
    long long left = atoll(data + 5);
    /* What came with the DATA line first, then straight from the pipe. */
    size_t buffered = line_len - line_pos;
    if ((long long)buffered > left) buffered = (size_t)left;
    if (sink >= 0) write_all(sink, line_buf + line_pos, buffered);
    line_pos += buffered;
    left -= (long long)buffered;
    char *buf = malloc(BUF);
    if (!buf) fail("malloc");
    while (left > 0) {
        ssize_t r = read(from_server, buf, left < BUF ? (size_t)left : BUF);
        if (r <= 0) fail("the server closed the connection inside DATA");
        if (sink >= 0) write_all(sink, buf, (size_t)r);
        left -= r;
    }
    if (strcmp(read_line(), "VALID") != 0) fail("no VALID after the DATA");
    send_line("SUCCESS");
    close(to_server);
    if (sink >= 0 && close(sink)) fail("cannot close the output");
    int status;
    waitpid(pid, &status, 0);
    return 0;
}
