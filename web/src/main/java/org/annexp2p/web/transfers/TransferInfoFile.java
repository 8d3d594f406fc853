package org.annexp2p.web.transfers;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What git-annex writes about a transfer it is running, in {@code annex/transfer/{download,upload}/UUID/KEYFILE}:
 * a first line {@code STARTED [BYTES]} (STARTED is POSIX time in seconds, with a fraction and a trailing {@code s};
 * BYTES how many have moved), then the associated file, if any. The key file's name is the key with {@code /}
 * written {@code %}, {@code :} {@code &c}, {@code %} {@code &s} and {@code &} {@code &a}. Anything unreadable is left
 * out rather than guessed.
 */
record TransferInfoFile(OptionalDouble started, OptionalLong bytes, String file) {

    static TransferInfoFile parse(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        String rest = newline < 0 ? "" : text.substring(newline + 1);
        String file = rest.endsWith("\n") ? rest.substring(0, rest.length() - 1) : rest;
        String[] bits = first.trim().isEmpty() ? new String[0] : first.trim().split(" ");
        OptionalDouble started = OptionalDouble.empty();
        OptionalLong bytes = OptionalLong.empty();
        if (bits.length > 0) {
            String time = bits[0].endsWith("s") ? bits[0].substring(0, bits[0].length() - 1) : bits[0];
            try {
                started = OptionalDouble.of(Double.parseDouble(time));
            } catch (NumberFormatException e) {
                started = OptionalDouble.empty();
            }
        }
        if (bits.length > 1) {
            try {
                bytes = OptionalLong.of(Long.parseLong(bits[1]));
            } catch (NumberFormatException e) {
                bytes = OptionalLong.empty();
            }
        }
        return new TransferInfoFile(started, bytes, file);
    }

    /** The key a transfer file is named after. */
    static String keyOf(String fileName) {
        StringBuilder key = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '%') {
                key.append('/');
            } else if (c == '&' && i + 1 < fileName.length()) {
                char next = fileName.charAt(++i);
                key.append(next == 'c' ? ":" : next == 's' ? "%" : next == 'a' ? "&" : "&" + next);
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
