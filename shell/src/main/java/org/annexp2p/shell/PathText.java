package org.annexp2p.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX paths as text, never touching the file system: the lexical rules git-annex-shell's directory check is made
 * of (Haskell filepath's {@code normalise}, {@code equalFilePath}, {@code splitPath}, and git-annex's
 * {@code simplifyPath}, {@code dirContains}, {@code relPathDirToFileAbs}). They must give git-annex-shell's answers
 * for the same strings, odd corners included, so that GIT_ANNEX_SHELL_DIRECTORY admits exactly what it admits.
 */
final class PathText {
    private PathText() {}

    static boolean isAbsolute(String p) {
        return p.startsWith("/");
    }

    static boolean hasTrailingSeparator(String p) {
        return p.endsWith("/");
    }

    /** A path that is nothing but separators (filepath's "drive" on POSIX). */
    private static boolean isDrive(String p) {
        return !p.isEmpty() && leadingSeparators(p) == p.length();
    }

    private static int leadingSeparators(String p) {
        int i = 0;
        while (i < p.length() && p.charAt(i) == '/') {
            i++;
        }
        return i;
    }

    static String dropTrailingSeparator(String p) {
        if (!hasTrailingSeparator(p) || isDrive(p)) {
            return p;
        }
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(0, end);
    }

    static String addTrailingSeparator(String p) {
        return hasTrailingSeparator(p) ? p : p + "/";
    }

    /** {@code a </> b}: b when it is absolute, else a and b joined by one separator. */
    static String combine(String a, String b) {
        if (isAbsolute(b)) {
            return b;
        }
        return combineAlways(a, b);
    }

    private static String combineAlways(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return hasTrailingSeparator(a) ? a + b : a + "/" + b;
    }

    /** The leading separators as one element, then each component with the separators that follow it. */
    static List<String> splitPath(String p) {
        List<String> parts = new ArrayList<>();
        int i = leadingSeparators(p);
        if (i > 0) {
            parts.add(p.substring(0, i));
        }
        while (i < p.length()) {
            int start = i;
            while (i < p.length() && p.charAt(i) != '/') {
                i++;
            }
            while (i < p.length() && p.charAt(i) == '/') {
                i++;
            }
            parts.add(p.substring(start, i));
        }
        return parts;
    }

    /** filepath's joinPath for the non-empty relative components splitPath makes, in one pass. */
    private static String joinPath(List<String> parts) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            joined.append(part);
            if (i < parts.size() - 1 && !hasTrailingSeparator(part)) {
                joined.append('/');
            }
        }
        return joined.toString();
    }

    /** filepath's normalise: one leading separator, no "." or empty components, ".." kept; "" becomes ".". */
    static String normalise(String p) {
        int d = leadingSeparators(p);
        String drive = d > 0 ? "/" : "";
        String rest = p.substring(d);
        List<String> kept = new ArrayList<>();
        for (String c : rest.split("/", -1)) {
            if (!c.isEmpty() && !c.equals(".")) {
                kept.add(c);
            }
        }
        String body = String.join("/", kept);
        String result = drive.isEmpty() && body.isEmpty() ? "." : combineAlways(drive, body);
        boolean dirPath = hasTrailingSeparator(rest)
                || (rest.endsWith(".") && hasTrailingSeparator(rest.substring(0, rest.length() - 1)));
        return dirPath && !hasTrailingSeparator(result) ? result + "/" : result;
    }

    static boolean equalFilePath(String a, String b) {
        return dropTrailingSeparator(normalise(a)).equals(dropTrailingSeparator(normalise(b)));
    }

    /**
     * git-annex's simplifyPath: "." dropped, "x/.." cancelled (lexically: a symlink x is not followed), a ".." with
     * nothing before it kept, the trailing separator dropped. Doubled separators inside are left alone.
     */
    static String simplify(String p) {
        int d = leadingSeparators(p);
        String drive = p.substring(0, d);
        List<String> stack = new ArrayList<>();
        for (String part : splitPath(p.substring(d))) {
            String bare = dropTrailingSeparator(part);
            if (bare.equals("..") && !stack.isEmpty() && !dropTrailingSeparator(stack.get(stack.size() - 1)).equals("..")) {
                stack.remove(stack.size() - 1);
            } else if (!bare.equals(".")) {
                stack.add(part);
            }
        }
        return dropTrailingSeparator(combineAlways(drive, joinPath(stack)));
    }

    /** git-annex's absPathFrom: {@code path} made absolute from {@code dir}, then simplified. */
    static String absPathFrom(String dir, String path) {
        return simplify(combine(dir, path));
    }

    /** git-annex's dirContains: is {@code b} {@code a} or inside it, lexically. */
    static boolean dirContains(String a, String b) {
        String a1 = normalise(simplify(a));
        String b1 = normalise(simplify(b));
        if (a.equals(b) || a1.equals(b1)) {
            return true;
        }
        String a2 = addTrailingSeparator(a1);
        if (b1.startsWith(a2) && noDotDot(b1.substring(a2.length()))) {
            return true;
        }
        if (a1.equals(".") && normalise(combine(".", b1)).equals(b1) && noDotDot(b1)) {
            return true;
        }
        if (isAbsolute(b1)) {
            return false;
        }
        List<String> as = splitPath(a1);
        List<String> bs = splitPath(b1);
        if (!as.stream().allMatch(PathText::isDotDot)) {
            return false;
        }
        int leading = 0;
        while (leading < bs.size() && isDotDot(bs.get(leading))) {
            leading++;
        }
        return leading < as.size();
    }

    private static boolean isDotDot(String part) {
        return dropTrailingSeparator(part).equals("..");
    }

    private static boolean noDotDot(String p) {
        return splitPath(p).stream().noneMatch(PathText::isDotDot);
    }

    /** git-annex's relPathDirToFileAbs: the relative path from directory {@code from} to {@code to}. */
    static String relativePath(String from, String to) {
        List<String> f = components(from);
        List<String> t = components(to);
        int common = 0;
        while (common < f.size() && common < t.size() && f.get(common).equals(t.get(common))) {
            common++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = common; i < f.size(); i++) {
            parts.add("..");
        }
        parts.addAll(t.subList(common, t.size()));
        return joinPath(parts);
    }

    private static List<String> components(String p) {
        List<String> parts = new ArrayList<>();
        for (String part : splitPath(p.substring(leadingSeparators(p)))) {
            parts.add(dropTrailingSeparator(part));
        }
        return parts;
    }
}
